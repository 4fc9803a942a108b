// Gmail's older plain-text notices (mailer-daemon@googlemail.com, "Delivery Status
// Notification (Failure|Delay)"): "Delivery to the following recipient failed permanently:" or
// "... has been delayed:", the recipients indented on their own lines, then "Technical details
// of permanent|temporary failure:" and a paragraph quoting the remote server ("The error that
// the other server returned was: 550 5.1.1 ...").
#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

bool is_gmail(const Context& context) {
  return vendor::body_has(context, "delivery to the following recipient") &&
         vendor::body_has(context, "technical details of ");
}

bool is_end(std::string_view line) {
  return text::istarts_with(line, "----- original message") || text::istarts_with(line, "----- message header") ||
         vendor::is_original_marker(line);
}

/// Gmail ends the quoted reply with the state its SMTP client was in: "... User Unknown (state
/// 14)". State 14 is the reply to RCPT TO; 15, 17 and 18 come after DATA.
std::string command_of_state(std::string_view details) {
  std::size_t p = text::ifind(details, "(state ");
  if (p == std::string_view::npos) return {};
  std::string_view n = details.substr(p + 7, 3);
  if (n.substr(0, 3) == "14)") return "RCPT";
  for (std::string_view data : {"15)", "17)", "18)"})
    if (n.substr(0, 3) == data) return "DATA";
  return {};
}

/// The technical details run to the original message; a few lines at most. `i` is the line
/// "Technical details of ... failure:".
std::string read_details(const vendor::Lines& lines, std::size_t i, std::vector<std::string_view>& evidence) {
  std::string details;
  for (std::size_t n = 0; ++i < lines.size() && n < 12; ++n) {
    std::string_view line = text::trim(lines[i]);
    if (is_end(line)) break;
    vendor::append(details, line);
    if (!line.empty() && evidence.size() < 3) evidence.emplace_back(lines[i]);
  }
  return details;
}

}  // namespace

bool extract_gmail(const Context& context, std::vector<Candidate>& out) {
  if (!is_gmail(context)) return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::size_t start = vendor::find_line(lines, "delivery to the following recipient");
  if (start == lines.size()) return false;
  bool delayed = text::icontains(lines[start], "delayed");
  std::vector<Candidate> found;
  std::size_t i = start + 1;
  for (; i < lines.size() && !text::istarts_with(text::trim(lines[i]), "technical details of"); ++i) {
    std::string_view line = text::trim(lines[i]);
    if (line.empty() || is_end(line) || text::istarts_with(line, "message will be retried")) continue;
    std::string address = dsn::find_address(line);
    // Gmail indents the address; unindented, only a line holding the address alone is one.
    if (address.empty() || (vendor::indent_of(lines[i]) == 0 && line.size() > address.size() + 2)) continue;
    Candidate c;
    c.recipient = address;
    c.action = delayed ? "delayed" : "failed";
    c.evidence.push_back(std::string(lines[i]));
    found.push_back(std::move(c));
  }
  vendor::SharedText shared;
  std::string details = read_details(lines, i, shared.evidence);
  shared.smtp_command = command_of_state(details);
  // "Google tried to deliver your message, but ... The error that the other server returned was:
  // 550 ...": the words after that are the remote server's.
  if (std::size_t said = text::ifind(details, "the other server returned was:"); said != std::string::npos)
    details = std::string(text::trim(std::string_view(details).substr(said + 30)));
  shared.diagnostic = std::move(details);
  return vendor::share_and_finish(context, shared, found, out);
}

}  // namespace bx::formats
