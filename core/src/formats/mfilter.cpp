// Digital Arts m-FILTER (X-Mailer: m-FILTER, "failure notice"): a Japanese preamble, the failed
// address on its own line, then labelled sections "-------server message" (the remote reply),
// "-------SMTP command" (the command it answered) and "-------original message" (or "-------original
// mail info" when only the headers of the original are returned).
#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {

bool extract_mfilter(const Context& context, std::vector<Candidate>& out) {
  if (!vendor::body_has(context, "-------server message") ||
      (!vendor::body_has(context, "-------original message") && !vendor::body_has(context, "-------original mail info")))
    return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::vector<Candidate> found;
  enum { Head, Server, Command, Other } section = Head;
  vendor::SharedText shared;  // the server's reply and the command, the same for every recipient
  std::string& reply = shared.diagnostic;
  std::string& command = shared.smtp_command;
  for (std::string_view raw : lines) {
    std::string_view line = text::trim(raw);
    if (text::istarts_with(line, "-------original message") || text::istarts_with(line, "-------original mail info") ||
        vendor::is_original_marker(line))
      break;
    if (text::istarts_with(line, "-------server message")) section = Server;
    else if (text::istarts_with(line, "-------smtp command")) section = Command;
    else if (text::istarts_with(line, "-------")) section = Other;
    else if (section == Head && !dsn::find_address(line).empty() && line.size() <= dsn::find_address(line).size() + 2) {
      found.push_back(vendor::failed_recipient(line, raw));
    } else if (section == Server && !line.empty()) {
      vendor::append(reply, line);
    } else if (section == Command && !line.empty() && command.empty()) {
      command = vendor::smtp_command_in(line);
      if (command.empty()) command = text::to_lower(line.substr(0, 4)) == "data" ? "DATA" : std::string(line.substr(0, 4));
    }
  }
  return vendor::share_and_finish(context, shared, found, out);
}

}  // namespace bx::formats
