// RFC 3464 delivery status notifications: one record per recipient group of the
// message/delivery-status part. Most modern MTAs (Postfix, Exim 4.x, Microsoft 365, Gmail, ...)
// send one; vendor decoders that run before this one only refine what it reads.
#include "dsn/codes.hpp"
#include "formats/format.hpp"
#include "formats/scan.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

/// "smtp; 550 5.1.1 ..." → type "SMTP", text "550 5.1.1 ...".
void split_typed(std::string_view value, std::string& type, std::string& rest) {
  std::size_t semi = value.find(';');
  if (semi != std::string_view::npos && semi < 20 && value.substr(0, semi).find(' ') == std::string_view::npos) {
    type = text::to_lower(text::trim(value.substr(0, semi)));
    for (char& c : type) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    rest = text::squeeze_spaces(value.substr(semi + 1));
  } else {
    rest = text::squeeze_spaces(value);
  }
}

std::string typed_value(std::string_view value) {
  std::string type, rest;
  split_typed(value, type, rest);
  return rest;
}

/// When the DSN has no Diagnostic-Code, the human-readable part often quotes the server.
std::string diagnostic_from_text(const mime::Message& msg, std::string_view recipient, std::string& evidence) {
  auto lines = text::split_lines(msg.body_text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!is_error_reply_line(lines[i])) continue;
    bool near = recipient.empty();
    for (std::size_t k = i >= 3 ? i - 3 : 0; !near && k <= i; ++k) near = text::icontains(lines[k], text::to_lower(recipient));
    if (!near) continue;
    evidence = std::string(lines[i]);
    return join_reply(lines, i);
  }
  return {};
}

}  // namespace

bool extract_rfc3464(const Context& context, std::vector<Candidate>& out) {
  if (context.dsn.empty()) return false;
  const mime::Headers& per_message = context.dsn.per_message;
  for (const mime::Headers& group : context.dsn.recipients) {
    Candidate c;
    std::string_view final_rcpt = group.get("final-recipient");
    c.recipient = dsn::clean_address(final_rcpt.empty() ? group.get("original-recipient") : final_rcpt);
    c.action = text::to_lower(text::trim(group.get("action")));
    if (std::size_t sp = c.action.find(' '); sp != std::string::npos) c.action.resize(sp);
    c.status = dsn::find_status_code(group.get("status"));
    std::string_view diag = group.get("diagnostic-code");
    split_typed(diag, c.diagnostic_type, c.diagnostic);
    c.rhost = typed_value(group.get("remote-mta"));
    c.lhost = typed_value(per_message.get("reporting-mta"));
    std::string_view date = group.get("last-attempt-date");
    if (date.empty()) date = per_message.get("arrival-date");
    c.timestamp = text::squeeze_spaces(date);
    if (!diag.empty()) c.evidence.push_back("Diagnostic-Code: " + std::string(text::trim(diag)));
    if (c.diagnostic.empty()) {
      std::string line;
      c.diagnostic = diagnostic_from_text(context.message, c.recipient, line);
      if (!line.empty()) c.evidence.push_back(line);
    }
    if (!group.get("status").empty()) c.evidence.push_back("Status: " + std::string(text::trim(group.get("status"))));
    complete_codes(c);
    out.push_back(std::move(c));
  }
  return !out.empty();
}

}  // namespace bx::formats
