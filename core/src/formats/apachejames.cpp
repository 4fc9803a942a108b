// Apache James (and the gateways built on it, e.g. Verizon Wireless's vtext.com): "Error:
// Invalid user address" or "Message details: ...", "Error message below:" and the remote reply
// ("550 - Requested action not taken: no such user here"), then "Message details:" with the
// envelope ("MAIL FROM: ...", "RCPT TO: a@example.net"). Some versions put the details first.
#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {

bool extract_apachejames(const Context& context, std::vector<Candidate>& out) {
  if (!vendor::body_has(context, "error message below:") || !vendor::body_has(context, "message details:")) return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  Candidate c;
  c.action = "failed";
  bool reply = false, details = false;
  for (std::string_view raw : lines) {
    std::string_view line = text::trim(raw);
    if (vendor::is_original_marker(line)) break;
    if (text::istarts_with(line, "error message below:")) {
      reply = true;
    } else if (text::istarts_with(line, "message details:") || text::istarts_with(line, "original message details:")) {
      reply = false;
      details = true;
    } else if (reply && !line.empty()) {
      vendor::append(c.diagnostic, line);
      c.evidence.emplace_back(raw);
    } else if (details && text::istarts_with(line, "rcpt to:") && c.recipient.empty()) {
      c.recipient = dsn::find_address(line);
      c.evidence.emplace_back(raw);
    } else if (!reply && !details && text::istarts_with(line, "error:")) {
      vendor::append(c.diagnostic, line.substr(6));
      // The gateway's own heading "Error: Invalid user address": the recipient was refused.
      if (text::icontains(line, "invalid user address")) c.smtp_command = "RCPT";
    }
  }
  std::vector<Candidate> found{std::move(c)};
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
