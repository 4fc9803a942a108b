// Verizon Wireless's picture-message gateway (sysadmin@<host>.vzwpix.com): the refusal, then the
// headers of the message it could not hand to the phone, under "Original Message:":
//   Message could not be delivered to mobile.
//   Error: No valid recipients for this MM
//
//   Original Message:
//   From: Alice <alice@example.org>
//   To: 5555550100@vzwpix.com
// The recipients are those of that To: line. (Verizon's text gateway, post_master@vtext.com,
// writes Apache James's layout and is read by the `apachejames` decoder.)
#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

bool is_verizon(const Context& context) {
  std::size_t at = text::ifind(context.from, "sysadmin@");
  return at != std::string::npos && text::ifind(context.from, ".vzwpix.com", at) != std::string::npos;
}

/// One candidate per address on a "To:" line of the quoted original, up to one more than the
/// records a report keeps; each has the line as its evidence, cut to the caps (the line may
/// name thousands).
void add_recipients(const Context& context, std::string_view raw, std::string_view to, std::vector<Candidate>& found) {
  const std::size_t most = context.limits.max_records + 1;
  for (std::size_t pos = 0; found.size() < most && (pos = dsn::find_address_pos(to, pos)) != std::string_view::npos;) {
    Candidate c;
    c.recipient = dsn::find_address(to.substr(pos));
    c.action = "failed";
    c.evidence.push_back(vendor::bounded_field(context, raw, c.cut));
    pos += c.recipient.size() + 1;
    found.push_back(std::move(c));
  }
}

}  // namespace

bool extract_verizon(const Context& context, std::vector<Candidate>& out) {
  if (!is_verizon(context)) return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  vendor::SharedText shared;  // the gateway's one error, for every recipient of the message
  std::vector<Candidate> found;
  bool original = false, reading = false;
  for (std::string_view raw : lines) {
    std::string_view line = text::trim(raw);
    if (text::istarts_with(line, "original message:")) {
      original = true;
    } else if (original) {
      if (text::istarts_with(line, "to:")) add_recipients(context, raw, line.substr(3), found);
      if (line.empty() && !found.empty()) break;  // end of the quoted header
    } else if (text::istarts_with(line, "message could not be delivered") || text::istarts_with(line, "error:")) {
      reading = true;
      if (shared.evidence.size() < context.limits.max_evidence_lines) shared.evidence.push_back(raw);
      vendor::append(shared.diagnostic, text::istarts_with(line, "error:") ? text::trim(line.substr(6)) : line);
    } else if (reading && !line.empty() && shared.diagnostic.size() < context.limits.max_diagnostic_bytes) {
      vendor::append(shared.diagnostic, line);
    }
  }
  if (found.empty() && !context.message.original.empty())
    add_recipients(context, context.message.original.get("to"), context.message.original.get("to"), found);
  // The gateway's own fixed wording for a number that is not a Verizon subscriber (Sisimai's
  // Verizon module files it under userunknown).
  if (text::icontains(shared.diagnostic, "no valid recipients for this mm"))
    for (Candidate& c : found) c.reason = "userunknown";
  return vendor::share_and_finish(context, shared, found, out);
}

}  // namespace bx::formats
