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
namespace {

/// What the recipients named before `because[first]` share: the "because" lines from there on,
/// joined (up to the diagnostic cap), and as evidence the last ones first (up to the line cap).
vendor::SharedText reason_from(const Context& context, const std::vector<std::string_view>& because, std::size_t first) {
  vendor::SharedText shared;
  for (std::size_t i = first; i < because.size() && shared.diagnostic.size() <= context.limits.max_diagnostic_bytes; ++i)
    vendor::append(shared.diagnostic, because[i]);
  for (std::size_t i = because.size(); i > first && shared.evidence.size() <= context.limits.max_evidence_lines; --i)
    shared.evidence.push_back(because[i - 1]);
  return shared;
}

}  // namespace

bool extract_domino(const Context& context, std::vector<Candidate>& out) {
  if (!vendor::body_has(context, "was not delivered to:") || !vendor::body_has(context, "because:") ||
      vendor::dsn_is_complete(context))
    return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::vector<Candidate> found;
  // The reason applies to the recipients listed before it: each gets the "because" lines read
  // after it was listed (from joined_at[k] on), given once the list is final.
  std::vector<std::string_view> because;
  std::vector<std::size_t> joined_at;
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
      joined_at.push_back(because.size());
    } else if (section == Because && !line.empty()) {
      because.push_back(raw);
    } else if (section == Because && line.empty() && !found.empty() && because.size() > joined_at.front()) {
      break;
    }
  }
  std::vector<std::size_t> kept = vendor::keep_unique(context, found);
  std::size_t shared_from = std::string::npos;
  vendor::SharedText shared;
  for (std::size_t k = 0; k < found.size(); ++k) {
    std::size_t first = joined_at[kept[k]];
    if (first != shared_from) shared = reason_from(context, because, shared_from = first);
    vendor::share(context, shared, found[k]);
  }
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
