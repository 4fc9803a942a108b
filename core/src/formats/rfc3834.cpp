// RFC 3834 automatic replies (vacation / out-of-office): not a failure, reported as `vacation`.
#include "dsn/codes.hpp"
#include "formats/format.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

/// Bounces carry "Auto-Submitted: auto-replied" too (Exim, Postfix): a message from the mail
/// system, or one with a delivery-status part, is not a vacation reply (Sisimai excludes
/// mailer-daemon, postmaster and root as senders). The subject is not used: "Automatic reply:
/// Delivery schedule" is a vacation reply.
bool is_from_mail_system(const Context& context) {
  std::string from = text::to_lower(context.from);
  for (const char* sender : {"mailer-daemon", "postmaster@", "root@", "mail delivery", "mailer daemon"})
    if (from.find(sender) != std::string::npos) return true;
  return !context.dsn.empty();
}

bool is_auto_reply(const Context& context) {
  const mime::Headers& h = context.message.headers;
  std::string auto_submitted = text::to_lower(h.get("auto-submitted"));
  if (text::istarts_with(auto_submitted, "auto-replied")) return true;
  if (h.has("x-autoreply") || h.has("x-autorespond") || h.has("x-vacation")) return true;
  std::string precedence = text::to_lower(h.get("precedence"));
  if (precedence == "auto_reply") return true;
  for (const char* prefix : {"auto:", "automatic reply", "out of office", "autoreply", "auto-reply", "auto reply",
                             "abwesenheitsnotiz", "réponse automatique", "respuesta automática",
                             "\xe8\x87\xaa\xe5\x8b\x95\xe5\xbf\x9c\xe7\xad\x94" /* 自動応答 */, "vacation"})
    if (text::istarts_with(text::trim(context.subject), prefix)) return true;
  return false;
}

}  // namespace

bool extract_rfc3834(const Context& context, std::vector<Candidate>& out) {
  if (!context.message.has_headers || is_from_mail_system(context) || !is_auto_reply(context)) return false;
  Candidate c;
  c.recipient = dsn::find_address(context.message.headers.get("from"));
  c.reason = "vacation";
  c.diagnostic = text::squeeze_spaces(context.message.body_text.substr(0, 200));
  c.evidence.push_back("Subject: " + context.subject);
  out.push_back(std::move(c));
  return true;
}

}  // namespace bx::formats
