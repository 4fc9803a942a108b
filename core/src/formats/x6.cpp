// An unnamed gateway (sisimai calls it X6): "There was an error sending your mail" / "We had
// trouble delivering your message. Full details follow:" then one sentence per failure:
//   "The following recipients returned permanent errors: a@example.net. Reason: SMTP Server
//    <192.0.2.1> refused to accept your message (DATA), with the following error message:
//    [554 5.4.6 Hop count exceeded]"
//   "SMTP Server <mx.example.net> rejected recipient <a@example.net> (Error following RCPT
//    command). It responded as follows: [550 5.1.1 User unknown]"
#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

/// The server's reply is the bracketed text at the end of the sentence.
std::string bracketed_reply(std::string_view line) {
  std::size_t open = line.rfind('[');
  std::size_t close = line.rfind(']');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) return std::string(line);
  return std::string(line.substr(open + 1, close - open - 1));
}

/// The recipient: after "rejected recipient" or "errors:", else the first address.
std::string recipient_in(std::string_view line) {
  for (std::string_view lead : {"rejected recipient", "errors:"}) {
    std::size_t p = text::ifind(line, lead);
    if (p != std::string_view::npos) return dsn::find_address(line.substr(p));
  }
  return dsn::find_address(line);
}

/// "(DATA)" or "(Error following RCPT command)": the command the server answered.
std::string command_in_parentheses(std::string_view line) {
  std::size_t open = line.find('(');
  std::size_t close = line.find(')', open == std::string_view::npos ? 0 : open);
  if (open == std::string_view::npos || close == std::string_view::npos) return {};
  std::string_view inside = line.substr(open + 1, close - open - 1);
  for (const char* command : {"RCPT", "DATA", "MAIL", "HELO", "EHLO"})
    if (text::icontains(inside, text::to_lower(command))) return command;
  return {};
}

}  // namespace

bool extract_x6(const Context& context, std::vector<Candidate>& out) {
  if (!vendor::body_has(context, "we had trouble delivering your message. full details follow")) return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::vector<Candidate> found;
  for (std::string_view raw : lines) {
    std::string_view line = text::trim(raw);
    if (text::istarts_with(line, "the attachment contains") || vendor::is_original_marker(line)) break;
    bool failure = text::icontains(line, "returned permanent errors:") || text::icontains(line, "returned temporary errors:") ||
                   (text::istarts_with(line, "smtp server <") && text::icontains(line, "rejected"));
    if (!failure) continue;
    Candidate c;
    c.recipient = recipient_in(line);
    c.action = text::icontains(line, "temporary") ? "delayed" : "failed";
    c.diagnostic = bracketed_reply(line);
    c.smtp_command = command_in_parentheses(line);
    c.evidence.push_back(std::string(raw));
    found.push_back(std::move(c));
  }
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
