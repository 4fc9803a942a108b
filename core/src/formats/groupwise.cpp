// Novell/Micro Focus GroupWise: "The message that you sent was undeliverable to the following:"
// then one indented line per recipient with the reason in parentheses ("a@example.net (user not
// found)"), up to "Possibly truncated original message follows:".
#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {

bool extract_groupwise(const Context& context, std::vector<Candidate>& out) {
  if (!vendor::body_has(context, "the message that you sent was undeliverable to the following")) return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::vector<Candidate> found;
  for (std::size_t i = vendor::find_line(lines, "was undeliverable to the following") + 1; i < lines.size(); ++i) {
    std::string_view line = text::trim(lines[i]);
    if (line.empty() && found.empty()) continue;
    if (line.empty() || text::istarts_with(line, "possibly truncated original") || vendor::is_original_marker(line)) break;
    std::string address = dsn::find_address(line);
    if (address.empty()) continue;
    Candidate c;
    c.recipient = address;
    c.action = "failed";
    c.diagnostic = std::string(vendor::enclosed(line, '(', ')'));
    c.evidence.emplace_back(lines[i]);
    found.push_back(std::move(c));
  }
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
