// DragonFly Mail Agent (dma): "This is the DragonFly Mail Agent v0.13 at mx.example.com."
// "There was an error delivering your mail to <a@example.net>." then the reason (the remote
// host's reply, "mx.example.net [192.0.2.1] did not like our RCPT TO: 550 5.1.1 ...", or dma's
// own words, "Could not deliver for the last 432000 seconds. Giving up.") up to "Message
// headers follow."
#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {

bool extract_dragonfly(const Context& context, std::vector<Candidate>& out) {
  if (!vendor::body_has(context, "this is the dragonfly mail agent") ||
      !vendor::body_has(context, "there was an error delivering your mail to"))
    return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::size_t start = vendor::find_line(lines, "there was an error delivering your mail to");
  if (start == lines.size()) return false;
  Candidate c;
  c.recipient = dsn::find_address(lines[start]);
  c.action = "failed";
  for (std::size_t i = start + 1; i < lines.size(); ++i) {
    std::string_view line = text::trim(lines[i]);
    if (text::istarts_with(line, "message headers follow") || text::istarts_with(line, "original message follows") ||
        vendor::is_original_marker(line))
      break;
    if (line.empty()) continue;
    if (c.smtp_command.empty() && text::icontains(line, "did not like our")) c.smtp_command = vendor::smtp_command_in(line);
    if (c.smtp_command.empty() && text::icontains(line, "did not like our final data")) c.smtp_command = "DATA";
    // "mx.example.net [192.0.2.1] did not like our RCPT TO:" names the host and the command; the
    // server's reply proper starts at the first coded line.
    if (text::icontains(line, "did not like our")) {
      c.rhost = std::string(line.substr(0, line.find(' ')));
      std::size_t colon = text::ifind(line, "did not like our");
      colon = line.find(": ", colon);
      if (colon != std::string_view::npos) vendor::append(c.diagnostic, line.substr(colon + 2));
      continue;
    }
    vendor::append(c.diagnostic, line);
    if (c.evidence.size() < 3) c.evidence.emplace_back(lines[i]);
  }
  c.evidence.emplace_back(lines[start]);
  std::vector<Candidate> found{std::move(c)};
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
