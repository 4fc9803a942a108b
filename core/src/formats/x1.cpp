// An unnamed gateway (sisimai calls it X1; "Mail Deliver System", "Returned Mail: <reason>"):
// "---The following addresses had delivery errors---" then one "a@example.net [reason]" line
// per recipient.
#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {

bool extract_x1(const Context& context, std::vector<Candidate>& out) {
  if (!vendor::body_has(context, "---the following addresses had delivery errors---")) return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::vector<Candidate> found;
  for (std::size_t i = vendor::find_line(lines, "---the following addresses had delivery errors---") + 1; i < lines.size(); ++i) {
    std::string_view line = text::trim(lines[i]);
    if (line.empty() && found.empty()) continue;
    if (line.empty() || text::istarts_with(line, "--") || vendor::is_original_marker(line)) break;
    Candidate c;
    c.recipient = dsn::find_address(line);
    c.action = "failed";
    c.diagnostic = std::string(vendor::enclosed(line, '[', ']'));
    c.evidence.emplace_back(lines[i]);
    found.push_back(std::move(c));
  }
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
