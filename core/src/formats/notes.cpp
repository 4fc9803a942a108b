// Lotus Notes / Domino SMTP MTA ("Undeliverable message" from postmaster): between
// "------- Failure Reasons --------" and "------- Returned Message --------" come the reason
// ("User not listed in public Name & Address Book", often localized) and the recipient address
// on its own line.
#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {

bool extract_notes(const Context& context, std::vector<Candidate>& out) {
  if (!vendor::body_has(context, "------- failure reasons") || !vendor::body_has(context, "------- returned message"))
    return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::vector<Candidate> found;
  vendor::SharedText shared;  // the reason, the same for every recipient
  for (std::size_t i = vendor::find_line(lines, "------- failure reasons") + 1; i < lines.size(); ++i) {
    std::string_view line = text::trim(lines[i]);
    if (text::istarts_with(line, "------- returned message") || vendor::is_original_marker(line)) break;
    if (line.empty()) continue;
    std::string address = dsn::find_address(line);
    if (!address.empty() && line.size() <= address.size() + 2) {
      Candidate c;
      c.recipient = address;
      c.action = "failed";
      c.evidence.emplace_back(lines[i]);
      found.push_back(std::move(c));
    } else {
      vendor::append(shared.diagnostic, line);
      shared.evidence.push_back(lines[i]);
    }
  }
  return vendor::share_and_finish(context, shared, found, out);
}

}  // namespace bx::formats
