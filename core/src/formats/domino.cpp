// IBM/HCL Domino's own text ("DELIVERY FAILURE: ..." / "Delivery Failure Report"), read when
// there is no RFC 3464 part or it lacks the diagnostic:
//   Your message
//     Subject: hi
//   was not delivered to:
//     a@example.net
//   because:
//     User a (a@example.net) not listed in Domino Directory
#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
bool extract_domino(const Context& context, std::vector<Candidate>& out) {
  if (!vendor::body_has(context, "was not delivered to:") || !vendor::body_has(context, "because:") ||
      vendor::dsn_is_complete(context))
    return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::vector<Candidate> found;
  enum { None, Recipients, Because } section = None;
  for (std::string_view raw : lines) {
    std::string_view line = text::trim(raw);
    if (vendor::is_original_marker(line)) break;
    if (text::istarts_with(line, "was not delivered to:")) {
      section = Recipients;
    } else if (text::istarts_with(line, "because:")) {
      section = Because;
    } else if (section == Recipients && !dsn::find_address(line).empty()) {
      found.push_back(vendor::failed_recipient(line, raw));
    } else if (section == Because && !line.empty()) {
      for (Candidate& c : found) {
        vendor::append(c.diagnostic, line);
        c.evidence.insert(c.evidence.begin(), std::string(raw));
      }
    } else if (section == Because && line.empty() && !found.empty() && !found.front().diagnostic.empty()) {
      break;
    }
  }
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
