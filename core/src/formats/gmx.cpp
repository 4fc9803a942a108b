// GMX / WEB.DE / mail.com (MAILER-DAEMON@mail.gmx.com): Exim-like wording ("This message was
// created automatically by mail delivery software. ... The following address failed:"), then
// the recipient alone on a line ("\"a@example.net\":" or "<a@example.net>"), then the details
// ("SMTP error from remote server after RCPT command:", "host: mx.example.net", the reply, or
// "Reason:" and a sentence), up to "--- The header of the original message is following. ---".
// 1&1 (Sisimai's EinsUndEins) writes the same layout: the address alone, then "For the following
// reason:" and a sentence, or "SMTP error from remote server for TEXT command, host: ... reason:
// 550 ..." on one line or three.
#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

bool is_gmx(const Context& context) {
  return vendor::body_has(context, "--- the header of the original message is following. ---") &&
         vendor::body_has(context, "message was created automatically by mail delivery software");
}

/// The recipient line holds the address and nothing else but quotes, brackets and a colon.
bool is_recipient_line(std::string_view line, const std::string& address) {
  return !address.empty() && line.size() <= address.size() + 4;
}

/// "mx.example.net (192.0.2.1)" → "mx.example.net".
std::string first_word(std::string_view s) {
  s = text::trim(s);
  return std::string(s.substr(0, s.find(' ')));
}

/// The command and host of "SMTP error from remote server after RCPT command:" or 1&1's
/// "SMTP error from remote server for TEXT command, host: mx.example.net (192.0.2.1) reason: ..."
/// (the host and reason may also stand on lines of their own). TEXT is 1&1's name for DATA.
void read_smtp_error(std::string_view line, Candidate& c) {
  if (!text::icontains(line, "smtp error from")) return;
  c.smtp_command = vendor::smtp_command_in(line);
  if (c.smtp_command.empty() && text::icontains(line, "after rcpt command")) c.smtp_command = "RCPT";
  if (c.smtp_command.empty() && text::icontains(line, "for text command")) c.smtp_command = "DATA";
  if (std::size_t host = text::ifind(line, "host: "); host != std::string_view::npos) c.rhost = first_word(line.substr(host + 6));
}

/// The server's own words: what follows "reason: " (1&1), "For the following reason:" (1&1's
/// heading when the reason shares its line), else the line.
std::string_view server_words(std::string_view line) {
  for (std::string_view label : {"for the following reason:", "reason: "}) {
    std::size_t p = text::ifind(line, label);
    if (p != std::string_view::npos) return text::trim(line.substr(p + label.size()));
  }
  return line;
}

}  // namespace

bool extract_gmx(const Context& context, std::vector<Candidate>& out) {
  if (!is_gmx(context)) return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::vector<Candidate> found;
  std::size_t start = vendor::find_line(lines, "message was created automatically");
  for (std::size_t i = start + 1; i < lines.size(); ++i) {
    std::string_view line = text::trim(lines[i]);
    if (text::istarts_with(line, "--- the header of the original") || vendor::is_original_marker(line)) break;
    std::string address = dsn::find_address(line);
    if (is_recipient_line(line, address)) {
      Candidate c;
      c.recipient = address;
      c.action = "failed";
      c.evidence.emplace_back(lines[i]);
      found.push_back(std::move(c));
      continue;
    }
    if (found.empty() || line.empty() || text::iequals(line, "reason:") || text::iequals(line, "for the following reason:"))
      continue;
    Candidate& c = found.back();
    if (text::istarts_with(line, "host:")) {
      c.rhost = first_word(line.substr(5));
      continue;
    }
    read_smtp_error(line, c);
    vendor::append(c.diagnostic, server_words(line));
    c.evidence.insert(c.evidence.end() - 1, std::string(lines[i]));
  }
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
