// RFC 3464 message/delivery-status: per-message fields and per-recipient field groups.
#pragma once

#include <string_view>
#include <vector>

#include "mime/mime.hpp"

namespace bx::dsn {

struct DeliveryStatus {
  mime::Headers per_message;             ///< Reporting-MTA, Arrival-Date, ...
  std::vector<mime::Headers> recipients;  ///< one group per Final-Recipient / Original-Recipient
  bool fields_dropped = false;            ///< a group had more than max_fields fields (the rest were skipped)
  bool empty() const { return recipients.empty(); }
};

/// Parses the body of one or more message/delivery-status parts. Groups are separated by blank
/// lines; a group with a Final-Recipient or Original-Recipient field is a recipient group.
/// A group keeps at most `max_fields` fields (Limits::max_headers, as any header).
DeliveryStatus parse_delivery_status(std::string_view body, std::size_t max_fields = Limits{}.max_headers);

/// The same fields found in plain text (a DSN whose MIME structure is broken, or pasted without
/// it): from the first line starting with Reporting-MTA:, Final-Recipient: or
/// Original-Recipient:; recipient groups without Action: or Status: are dropped.
DeliveryStatus find_delivery_status(std::string_view text);

}  // namespace bx::dsn
