// BIGLOBE (and the other NEC-built ISP gateways using the same text): "----- The following
// addresses had delivery problems -----" with the recipients one per line, then "-----
// Non-delivered information -----" and the reason in prose.
#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {

bool extract_biglobe(const Context& context, std::vector<Candidate>& out) {
  if (!vendor::body_has(context, "----- non-delivered information -----") ||
      !vendor::body_has(context, "----- the following addresses had delivery problems -----"))
    return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::vector<Candidate> found;
  vendor::SharedText shared;  // the reason, the same for every recipient
  bool in_reason = false;
  for (std::size_t i = vendor::find_line(lines, "----- the following addresses had"); i < lines.size(); ++i) {
    std::string_view line = text::trim(lines[i]);
    if (vendor::is_original_marker(line) || (in_reason && text::istarts_with(line, "--"))) break;
    if (text::istarts_with(line, "----- non-delivered information")) {
      in_reason = true;
    } else if (in_reason && !line.empty()) {
      vendor::append(shared.diagnostic, line);
      shared.evidence.push_back(lines[i]);
    } else if (!in_reason && !dsn::find_address(line).empty()) {
      found.push_back(vendor::failed_recipient(line, lines[i]));
    }
  }
  return vendor::share_and_finish(context, shared, found, out);
}

}  // namespace bx::formats
