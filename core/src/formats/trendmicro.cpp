// Trend Micro InterScan Messaging Security Suite ("InterScan MSS" postmaster notice): the SMTP
// exchange is quoted with InterScan's own arrows,
//   Sent <<< RCPT TO:<a@example.net>
//   Received >>> 550 5.1.1 <a@example.net>... user unknown
// (the arrows point the other way from Sendmail's transcript).
#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {

bool extract_trendmicro(const Context& context, std::vector<Candidate>& out) {
  if (!vendor::body_has(context, "sent <<< ") || !vendor::body_has(context, "received >>> ")) return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::vector<Candidate> found;
  std::string command, recipient;
  for (std::string_view raw : lines) {
    std::string_view line = text::trim(raw);
    if (vendor::is_original_marker(line)) break;
    if (text::istarts_with(line, "sent <<< ")) {
      command = vendor::smtp_command_in(line);
      if (command == "RCPT") recipient = dsn::find_address(line);
    } else if (text::istarts_with(line, "received >>> ")) {
      std::string_view reply = text::trim(line.substr(13));
      if (reply.empty() || (reply[0] != '4' && reply[0] != '5')) continue;
      Candidate c;
      c.recipient = recipient.empty() ? dsn::find_address(reply) : recipient;
      c.action = "failed";
      c.diagnostic = std::string(reply);
      c.smtp_command = command;
      c.evidence.emplace_back(raw);
      found.push_back(std::move(c));
    }
  }
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
