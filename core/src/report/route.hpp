// The route of the returned original message: its Received trace fields (RFC 5321 §4.4,
// RFC 5322 §3.6.7) read into hops, oldest first, with the time each took, TLS, and what is
// doubtful about them. A server writes its own Received line; the lines written before the
// message reached the recipient's side can say anything, so nothing here is trusted blindly:
// what does not add up is flagged, never corrected.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bx/explain.hpp"
#include "formats/format.hpp"

namespace bx::report {

/// An RFC 5322 date-time read into UTC.
struct DateTime {
  long long epoch = 0;       ///< seconds since 1970-01-01T00:00:00Z
  bool zone_known = true;    ///< false for -0000, a military letter, an unknown name or no zone (read as UTC)
};

/// "Mon, 7 Dec 2026 10:00:00 +0100 (CET)" and the obsolete forms of RFC 5322 §4.3 (two-digit
/// years, named zones, comments, no day name, no seconds) and asctime ("Mon Dec  7 10:00:00
/// 2026"); empty when the text is not a date.
std::optional<DateTime> parse_date_time(std::string_view text);

/// `epoch` as ISO 8601 UTC: "2026-12-07T09:00:00Z".
std::string iso_utc(long long epoch);

/// One Received field, read on its own (no flags about its neighbours yet).
struct ReceivedField {
  Hop hop;
  std::optional<DateTime> when;
  std::string helo;  ///< the name given in "helo=" / "(HELO name)", when stated apart from "from"
};
ReceivedField read_received(std::string_view value);

/// The hops of Received values given as they stand in a header (newest first): oldest first,
/// each with its time from the previous one and its flags; at most `max_hops` (the newest).
Route route_of(const std::vector<std::string_view>& received_newest_first, std::size_t max_hops);

/// The route of the message a bounce returns (context.message): from its attached message or
/// header (text/rfc822-headers), else from a header block quoted in the notice's text after the
/// line that introduces the returned message. Where delivery stopped: the hop the Reporting-MTA
/// of context.dsn (or the records' reporting host) names, else the newest hop. Texts are cut at
/// context.limits.max_field_bytes; `warnings` gets the cap of max_route_hops, or a cut, when hit.
Route read_route(const formats::Context& context, const std::vector<Record>& records, std::vector<std::string>& warnings);

}  // namespace bx::report
