#include "dsn/delivery_status.hpp"

#include "text/text.hpp"

namespace bx::dsn {
namespace {

/// Some MTAs (AOL, old Sendmail) forget the blank line between recipient groups: a second
/// Final-Recipient or Original-Recipient then starts the next recipient (either may come first).
std::vector<mime::Headers> split_recipients(const mime::Headers& group) {
  std::vector<mime::Headers> out(1);
  bool has_final = false, has_original = false;
  for (mime::Field f : group) {
    bool is_final = f.name == "final-recipient", is_original = f.name == "original-recipient";
    if ((is_final && has_final) || (is_original && has_original)) {
      out.emplace_back();
      has_final = has_original = false;
    }
    has_final = has_final || is_final;
    has_original = has_original || is_original;
    out.back().add(f.name, f.value);
  }
  return out;
}

}  // namespace

DeliveryStatus parse_delivery_status(std::string_view body, std::size_t max_fields) {
  DeliveryStatus out;
  std::size_t pos = 0;
  bool first_group = true;
  while (pos < body.size()) {
    while (pos < body.size() && (body[pos] == '\n' || body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (pos >= body.size()) break;
    mime::Headers group;
    bool dropped = false;
    std::size_t used = mime::parse_headers(body.substr(pos), group, max_fields, &dropped);
    out.fields_dropped |= dropped;
    if (used == 0) {  // a line that is not a field: skip it
      std::size_t nl = body.find('\n', pos);
      pos = nl == std::string_view::npos ? body.size() : nl + 1;
      continue;
    }
    pos += used;
    bool is_recipient = group.has("final-recipient") || group.has("original-recipient");
    // A second Reporting-MTA after recipients starts another report: a bounce quoted inside the
    // returned message (forwarded bounces). Its recipients are not this report's.
    if (!is_recipient && !out.recipients.empty() && group.has("reporting-mta")) break;
    if (is_recipient) {
      for (mime::Headers& one : split_recipients(group)) out.recipients.push_back(std::move(one));
    }
    if (first_group && !is_recipient) out.per_message = std::move(group);
    first_group = false;
  }
  return out;
}

DeliveryStatus find_delivery_status(std::string_view text) {
  // A field at the start of a line; the per-message group, when there is one, comes first.
  for (std::string_view marker : {"\nreporting-mta:", "\nfinal-recipient:", "\noriginal-recipient:"}) {
    std::size_t p = text::istarts_with(text, marker.substr(1)) ? 0 : text::ifind(text, marker);
    if (p == std::string_view::npos) continue;
    DeliveryStatus found = parse_delivery_status(text.substr(p == 0 ? 0 : p + 1));
    // Keep only groups that read as DSN recipients, not a quoted header that happens to match.
    std::vector<mime::Headers> kept;
    for (mime::Headers& g : found.recipients)
      if (g.has("action") || g.has("status")) kept.push_back(std::move(g));
    found.recipients = std::move(kept);
    if (!found.empty()) return found;
  }
  return {};
}

}  // namespace bx::dsn
