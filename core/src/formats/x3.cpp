// An unnamed gateway (sisimai calls it X3; "Mail Delivery System", "Delivery status
// notification"): a boxed notice "This is an automatically generated Delivery Status
// Notification." with "Delivery to the following recipients failed permanently:" (or
// "... was aborted after 5.0 hour(s):"), the recipients as "* a@example.net" bullets, and
// "Technical details:" followed by the reason.
#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {

bool extract_x3(const Context& context, std::vector<Candidate>& out) {
  if (!vendor::body_has(context, "this is an automatically generated delivery status notification") ||
      !vendor::body_has(context, "to the following recipients"))
    return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::vector<Candidate> found;
  std::string details;
  bool technical = false;
  for (std::size_t i = vendor::find_line(lines, "to the following recipients"); i < lines.size(); ++i) {
    std::string_view line = text::trim(lines[i]);
    if (vendor::is_original_marker(line)) break;
    if (text::istarts_with(line, "* ") && !dsn::find_address(line).empty() && !technical) {
      found.push_back(vendor::failed_recipient(line, lines[i]));
    } else if (text::istarts_with(line, "technical details")) {
      technical = true;
    } else if (technical && (line.empty() || line[0] == '=' || line[0] == '-')) {
      if (!details.empty()) break;
    } else if (technical) {
      vendor::append(details, line);
    }
  }
  // The lead sentence says what became of the message ("was aborted after 5.0 hour(s)"); the
  // technical details say why.
  vendor::SharedText shared;
  if (!details.empty())
    shared.diagnostic = std::string(text::trim(lines[vendor::find_line(lines, "to the following recipients")])) + " " + details;
  return vendor::share_and_finish(context, shared, found, out);
}

}  // namespace bx::formats
