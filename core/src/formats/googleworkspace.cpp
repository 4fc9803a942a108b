// Google Workspace's own refusals (mailer-daemon@googlemail.com, "Delivery Status Notification
// (Failure)") that carry no RFC 3464 fields: the sending account itself was refused before any
// remote server was tried, e.g. a misconfigured "Send mail as" alias:
//   ** Message not delivered **
//   You're sending this from a different address or alias using the 'Send mail as' feature.
//   ...
//   The response was:
//   Unspecified Error (SENT_SECOND_EHLO): Smtp server does not advertise AUTH capability
// The notice may not name the recipient: it is then the To: of the returned message.
// Notices that name it with the remote server's reply are the `google` decoder's, tried first.
#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

bool is_googleworkspace(const Context& context) {
  if (!context.dsn.empty() || vendor::body_has(context, "\nfinal-recipient:") || vendor::body_has(context, "\ndiagnostic-code:"))
    return false;
  return text::icontains(context.from, "mailer-daemon@googlemail.com") &&
         text::icontains(context.subject, "delivery status notification");
}

/// "** Message not delivered **", "** Address not found **": the notice's heading.
bool is_heading(std::string_view line) {
  return line.size() > 6 && text::istarts_with(line, "** ") && line.substr(line.size() - 3) == " **";
}

/// The address a sentence of the notice names as the one not reached, "" when none.
std::string named_recipient(std::string_view line) {
  for (std::string_view lead : {"wasn't delivered to ", "was not delivered to ", "delivering your message to "}) {
    std::size_t p = text::ifind(line, lead);
    if (p != std::string_view::npos) return dsn::find_address(line.substr(p + lead.size()));
  }
  return {};
}

}  // namespace

bool extract_googleworkspace(const Context& context, std::vector<Candidate>& out) {
  if (!is_googleworkspace(context)) return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::size_t start = 0;
  while (start < lines.size() && !is_heading(text::trim(lines[start]))) ++start;
  if (start == lines.size()) return false;

  vendor::SharedText shared;  // the notice says its reason once, for whoever it names
  std::vector<Candidate> found;
  shared.evidence.push_back(lines[start]);
  vendor::append(shared.diagnostic, text::trim(lines[start]));
  bool response = false;  // past "The response was:": the words of Google's own server follow
  for (std::size_t i = start + 1; i < lines.size(); ++i) {
    std::string_view line = text::trim(lines[i]);
    if (vendor::is_original_marker(line) || text::istarts_with(line, "----- original message")) break;
    if (line.empty() || text::istarts_with(line, "content-type:")) continue;
    std::string recipient = named_recipient(line);
    if (shared.diagnostic.size() < context.limits.max_diagnostic_bytes) vendor::append(shared.diagnostic, line);
    bool room = shared.evidence.size() < context.limits.max_evidence_lines;
    if (!recipient.empty()) {
      if (found.size() > context.limits.max_records) continue;  // one more than kept is enough
      Candidate c;
      c.recipient = std::move(recipient);
      c.action = "failed";
      c.evidence.push_back(vendor::bounded_field(context, lines[i], c.cut));
      found.push_back(std::move(c));
    } else if (text::istarts_with(line, "the response was") || text::istarts_with(line, "the response from the remote server was")) {
      response = true;
    } else if (response && room) {
      shared.evidence.push_back(lines[i]);
    }
  }
  if (found.empty()) {
    Candidate c;
    c.recipient = dsn::find_address(context.message.original.get("to"));
    c.action = "failed";
    found.push_back(std::move(c));
  }
  return vendor::share_and_finish(context, shared, found, out);
}

}  // namespace bx::formats
