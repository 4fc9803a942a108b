// Courier MTA, read from its text when the RFC 3464 part is missing or lacks the diagnostic
// (pasted notices): "This is a delivery status notification from mx.example.com, running the
// Courier mail server", "UNDELIVERABLE MAIL" (or "DELAYED MAIL"), "Your message to the
// following recipients cannot be delivered:", then per recipient:
//   <a@example.net>:
//       mx.example.net [192.0.2.1]:
//   >>> RCPT TO:<a@example.net>
//   <<< 550 5.1.1 <a@example.net>: Recipient address rejected: User unknown
#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {

bool extract_courier(const Context& context, std::vector<Candidate>& out) {
  if (!vendor::body_has(context, "running the courier mail server") || vendor::dsn_is_complete(context)) return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  bool delayed = vendor::find_line(lines, "delayed mail") < lines.size();
  std::vector<Candidate> found;
  std::string command;
  for (std::size_t i = vendor::find_line(lines, "running the courier mail server"); i < lines.size(); ++i) {
    std::string_view line = text::trim(lines[i]);
    if (vendor::is_original_marker(line)) break;
    if (line.size() > 3 && line[0] == '<' && line[1] != '<' && line.back() == ':' && !dsn::find_address(line).empty()) {
      Candidate c;
      c.recipient = dsn::find_address(line);
      c.action = delayed ? "delayed" : "failed";
      c.evidence.emplace_back(lines[i]);
      found.push_back(std::move(c));
    } else if (found.empty()) {
      continue;
    } else if (text::istarts_with(line, ">>> ")) {
      command = vendor::smtp_command_in(line);
    } else if (text::istarts_with(line, "<<< ")) {
      // "<<< 550-5.1.1 first" / "<<< 550 5.1.1 last": one reply, the codes once.
      vendor::append_reply_line(found.back().diagnostic, line.substr(4));
      found.back().smtp_command = command;
      vendor::add_evidence_front(context, found.back(), lines[i]);
    } else if (!line.empty() && line.back() == ':' && line.find('[') != std::string_view::npos && found.back().rhost.empty()) {
      found.back().rhost = std::string(text::trim(line.substr(0, line.find(' '))));  // "mx.example.net [192.0.2.1]:"
    } else if (!line.empty() && line[0] != '-' && found.back().diagnostic.empty() && vendor::indent_of(lines[i]) > 0) {
      vendor::append(found.back().diagnostic, line);  // Courier's own reason ("Unknown user")
    }
  }
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
