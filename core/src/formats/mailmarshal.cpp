// Trustwave / Marshal MailMarshal SMTP ("Undeliverable Mail: <subject>"): "Your message: ..."
// "Could not be delivered because of" and the remote reply, then "The following recipients were
// affected:" with one indented address per line, and an "Additional Information" block
// ("Remote-MTA: <192.0.2.1>", "Reporting-MTA: <mx.example.com>").
#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
bool extract_mailmarshal(const Context& context, std::vector<Candidate>& out) {
  if (!vendor::body_has(context, "could not be delivered because of") ||
      !vendor::body_has(context, "the following recipients were affected"))
    return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  enum { None, Reason, Recipients, Info } section = None;
  vendor::SharedText shared;  // reason and hosts, the same for every recipient
  std::vector<Candidate> found;
  for (std::string_view raw : lines) {
    std::string_view line = text::trim(raw);
    if (vendor::is_original_marker(line)) break;
    if (text::istarts_with(line, "could not be delivered because of")) section = Reason;
    else if (text::istarts_with(line, "the following recipients were affected")) section = Recipients;
    else if (text::istarts_with(line, "additional information")) section = Info;
    else if (section == Reason && !line.empty()) {
      vendor::append(shared.diagnostic, line);
      shared.evidence.push_back(raw);
    } else if (section == Recipients && !dsn::find_address(line).empty()) {
      found.push_back(vendor::failed_recipient(line, raw));
    } else if (section == Info && text::istarts_with(line, "remote-mta:")) {
      shared.rhost = std::string(vendor::enclosed(line, '<', '>'));
    } else if (section == Info && text::istarts_with(line, "reporting-mta:")) {
      shared.lhost = std::string(vendor::enclosed(line, '<', '>'));
    }
  }
  return vendor::share_and_finish(context, shared, found, out);
}

}  // namespace bx::formats
