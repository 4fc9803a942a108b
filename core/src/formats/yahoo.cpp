// Yahoo! Mail's own notice (MAILER-DAEMON@yahoo.com, "Failure Notice"), qmail-shaped:
// "Sorry, we were unable to deliver your message to the following address." then
// "<a@example.net>:" and the remote server's words ("Remote host said: 550 ..." or
// "550: 5.2.2 <a@example.net>... Mailbox Full"), up to "--- Below this line is a copy".
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

bool is_end(std::string_view line) {
  return text::istarts_with(line, "--- below this line") || vendor::is_original_marker(line);
}

bool is_noise(std::string_view) { return false; }

/// Yahoo writes the remote reply code followed by a colon: "550: <a@example.net>: User unknown".
void take_colon_reply_code(Candidate& c) {
  const std::string& d = c.diagnostic;
  if (d.size() > 4 && (d[0] == '4' || d[0] == '5') && text::is_digit(d[1]) && text::is_digit(d[2]) && d[3] == ':')
    c.reply_code = d.substr(0, 3);
}

/// A reply that names the recipient's address ("<a@example.net>: User unknown") answered the
/// RCPT TO that gave it the address (Sisimai's Yahoo rule); replies after DATA speak of the message.
void take_recipient_command(Candidate& c) {
  if (!c.smtp_command.empty()) return;
  std::size_t open = c.diagnostic.find('<');
  std::size_t close = open == std::string::npos ? open : c.diagnostic.find('>', open);
  if (close == std::string::npos) return;
  std::string_view inside = std::string_view(c.diagnostic).substr(open + 1, close - open - 1);
  if (inside.find('@') != std::string_view::npos && inside.find(' ') == std::string_view::npos) c.smtp_command = "RCPT";
}

}  // namespace

bool extract_yahoo(const Context& context, std::vector<Candidate>& out) {
  if (!vendor::body_has(context, "sorry, we were unable to deliver your message to the following address")) return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::size_t start = vendor::find_line(lines, "unable to deliver your message to the following address");
  std::vector<Candidate> found = vendor::read_angle_blocks(lines, start, is_end, is_noise);
  for (Candidate& c : found) {
    take_colon_reply_code(c);
    take_recipient_command(c);
  }
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
