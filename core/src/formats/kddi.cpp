// au one net / KDDI (no-reply@*.dion.ne.jp, *.au.com): "Your mail sent on: <date>" (or "Your
// mail attempted to be delivered on: <date>") then
// "Could not be delivered to: <a@example.net>" and the reason on the following lines
// ("As their mailbox is full.").
#include <algorithm>

#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {

bool extract_kddi(const Context& context, std::vector<Candidate>& out) {
  if (!vendor::body_has(context, "could not be delivered to: ") ||
      (!vendor::body_has(context, "your mail sent on:") && !vendor::body_has(context, "your mail attempted to be delivered on:")))
    return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::vector<Candidate> found;
  std::size_t start = std::min(vendor::find_line(lines, "your mail sent on:"),
                               vendor::find_line(lines, "your mail attempted to be delivered on:"));
  for (std::size_t i = start; i < lines.size(); ++i) {
    std::string_view line = text::trim(lines[i]);
    if (vendor::is_original_marker(line) || text::istarts_with(line, "--")) break;
    if (text::istarts_with(line, "could not be delivered to:")) {
      found.push_back(vendor::failed_recipient(line, lines[i]));
    } else if (!found.empty() && !line.empty()) {
      vendor::append(found.back().diagnostic, line);
      vendor::add_evidence_front(context, found.back(), lines[i]);
    }
  }
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
