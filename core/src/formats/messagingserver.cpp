// Oracle (Sun, iPlanet) Communications Messaging Server, read from its text when there is no
// RFC 3464 part: "This report relates to a message you sent with the following header fields:"
// then, per recipient, labelled lines:
//   Recipient address: a@example.net
//   Reason: Remote SMTP server has rejected address
//   Diagnostic code: smtp;550 5.1.1 <a@example.net>... User Unknown
//   Remote system: dns;mx.example.net (TCP|192.0.2.1|25|192.0.2.2|1025) (mx.example.net ESMTP)
#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {

bool extract_messagingserver(const Context& context, std::vector<Candidate>& out) {
  if (!context.dsn.empty() || !vendor::body_has(context, "this report relates to a message you sent") ||
      !vendor::body_has(context, "recipient address:"))
    return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::vector<Candidate> found;
  std::string reason;
  for (std::string_view raw : lines) {
    std::string_view line = text::trim(raw);
    if (vendor::is_original_marker(line)) break;
    std::size_t colon = line.find(':');
    std::string_view value = colon == std::string_view::npos ? std::string_view() : text::trim(line.substr(colon + 1));
    if (text::istarts_with(line, "recipient address:")) {
      Candidate c;
      c.recipient = dsn::find_address(value);
      c.action = "failed";
      c.evidence.emplace_back(raw);
      found.push_back(std::move(c));
      reason.clear();
    } else if (found.empty()) {
      continue;
    } else if (text::istarts_with(line, "reason:")) {
      reason = std::string(value);
      if (found.back().diagnostic.empty()) found.back().diagnostic = reason;
    } else if (text::istarts_with(line, "diagnostic code:")) {
      found.back().diagnostic = vendor::typed(value);
      vendor::add_evidence_front(context, found.back(), raw);
    } else if (text::istarts_with(line, "remote system:")) {
      std::string host = vendor::typed(value);
      found.back().rhost = host.substr(0, host.find(' '));
    }
  }
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
