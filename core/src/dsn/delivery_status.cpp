#include "dsn/delivery_status.hpp"

#include "text/text.hpp"

namespace bx::dsn {

DeliveryStatus parse_delivery_status(std::string_view body) {
  DeliveryStatus out;
  std::size_t pos = 0;
  bool first_group = true;
  while (pos < body.size()) {
    while (pos < body.size() && (body[pos] == '\n' || body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (pos >= body.size()) break;
    mime::Headers group;
    std::size_t used = mime::parse_headers(body.substr(pos), group, 200);
    if (used == 0) {  // a line that is not a field: skip it
      std::size_t nl = body.find('\n', pos);
      pos = nl == std::string_view::npos ? body.size() : nl + 1;
      continue;
    }
    pos += used;
    bool is_recipient = group.has("final-recipient") || group.has("original-recipient");
    if (is_recipient) {
      out.recipients.push_back(group);
    }
    if (first_group && !is_recipient) out.per_message = std::move(group);
    first_group = false;
  }
  return out;
}

}  // namespace bx::dsn
