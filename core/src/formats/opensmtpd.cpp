// OpenSMTPD ("Delivery status notification: error|warning"): "This is the MAILER-DAEMON,
// please DO NOT REPLY to this e-mail. An error has occurred while attempting to deliver a
// message for the following list of recipients:" then one "a@example.net: <reason>" line per
// recipient, up to "Below is a copy of the original message:". The delay warning says "A
// message is delayed for more than 10 minutes for the following list of recipients:".
#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

bool is_opensmtpd(const Context& context) {
  return vendor::body_has(context, "this is the mailer-daemon, please do not reply") &&
         vendor::body_has(context, "list of recipients");
}

}  // namespace

bool extract_opensmtpd(const Context& context, std::vector<Candidate>& out) {
  if (!is_opensmtpd(context)) return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::size_t start = vendor::find_line(lines, "list of recipients");
  bool delayed = vendor::find_line(lines, "is delayed for") < start + 1 || vendor::body_has(context, "temporary failure report");
  std::vector<Candidate> found;
  for (std::size_t i = start + 1; i < lines.size(); ++i) {
    std::string_view line = text::trim(lines[i]);
    if (text::istarts_with(line, "below is a copy") || text::istarts_with(line, "please note that") ||
        vendor::is_original_marker(line))
      break;
    std::size_t colon = line.find(": ");
    if (colon == std::string_view::npos) continue;
    std::string address = dsn::find_address(line.substr(0, colon));
    if (address.empty()) continue;
    Candidate c;
    c.recipient = address;
    c.action = delayed ? "delayed" : "failed";
    c.diagnostic = std::string(line.substr(colon + 2));
    c.evidence.push_back(std::string(lines[i]));
    found.push_back(std::move(c));
  }
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
