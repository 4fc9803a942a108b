// Helpers shared by the vendor decoders (plain-text bounce layouts without a usable RFC 3464
// part): finding marker lines, reading indented recipient blocks, and finishing a candidate.
#pragma once

#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "dsn/delivery_status.hpp"
#include "formats/format.hpp"

namespace bx::formats::vendor {

using Lines = std::vector<std::string_view>;

/// The flattened readable text of the message, split into lines (once per message).
const Lines& body_lines(const Context& context);
/// Index of the first line at or after `from` that contains `lower_needle` (lower case);
/// lines.size() when there is none.
std::size_t find_line(const Lines& lines, std::string_view lower_needle, std::size_t from = 0);
/// Whether the readable text contains `lower_needle` (lower case).
bool body_has(const Context& context, std::string_view lower_needle);
/// A failed recipient named on `line` (its first address), with `evidence` as its evidence line.
Candidate failed_recipient(std::string_view line, std::string_view evidence);
/// The text between the first `open` and the last `close` of `line` ("a@example.net (user not
/// found)" → "user not found"); empty when either is missing or they are out of order.
std::string_view enclosed(std::string_view line, char open, char close);
/// Number of leading spaces/tabs (a tab counts as 8).
std::size_t indent_of(std::string_view line);
/// Whether the line begins the returned message or its headers ("Content-Type: message/rfc822",
/// "Content-Type: text/rfc822-headers"): decoders stop reading there.
bool is_original_marker(std::string_view line);
/// Appends `piece` (trimmed) to `text` with one space between.
void append(std::string& text, std::string_view piece);
/// Adds one line of a multi-line SMTP reply to `reply`: the first as it is ("550-" read as
/// "550 "), the next ones without their repeated reply and status codes.
void append_reply_line(std::string& reply, std::string_view line);
/// "550-5.7.1 first part 550-5.7.1 more 550 5.7.1 end" (a multi-line reply joined as it was
/// written) → "550 5.7.1 first part more end"; other text unchanged.
std::string collapse_multiline_reply(const std::string& diagnostic);
/// The SMTP command a sentence names ("after RCPT TO:", ">>> DATA", "MAIL FROM", "end of data"),
/// upper case (RCPT, MAIL, DATA, HELO, CONN), "" when none.
std::string smtp_command_in(std::string_view s);
/// "host mx.example.com [192.0.2.1]" → "mx.example.com"; "" when `s` names no host that way.
std::string host_in(std::string_view s);
/// When the MIME structure was not recognised (a multipart body under a header without
/// Content-Type, a forwarded bounce), the delivery-status part is still there as text after a
/// "Content-Type: message/delivery-status" line: parse it from there. Returns context.dsn when
/// it is not empty.
dsn::DeliveryStatus inline_dsn(const Context& context);
/// Whether the RFC 3464 part has a Diagnostic-Code for every recipient: then it says what a
/// vendor's text would, and the decoders that only fill gaps stand aside.
bool dsn_is_complete(const Context& context);
/// The RFC 3464 recipient groups by recipient (lower case), for lookups in constant time.
class DsnIndex {
 public:
  explicit DsnIndex(const dsn::DeliveryStatus& delivery);
  /// The group about `recipient`, or the only group there is (written differently: a file path,
  /// an alias); nullptr if none.
  const mime::Headers* find(std::string_view recipient) const;

 private:
  std::unordered_map<std::string, const mime::Headers*> by_recipient_;
  const mime::Headers* only_ = nullptr;
};
/// "dns; mx.example.com" → "mx.example.com" (the value of a typed DSN field).
std::string typed(std::string_view value);
/// qmail-style recipient blocks (qmail, Yahoo): a "<a@example.net>:" line, then the reason on
/// the lines under it up to a blank line; reading starts after line `start`, stops at `is_end`.
std::vector<Candidate> read_angle_blocks(const Lines& lines, std::size_t start, bool (*is_end)(std::string_view),
                                         bool (*skip)(std::string_view));
/// Squeezes the diagnostic, fills codes from it, and takes what the RFC 3464 part (if any) says
/// about the same recipient where the text said nothing (status, remote and reporting MTA).
void finish(const Context& context, const DsnIndex& index, Candidate& c);
/// finish() every candidate, drop those without a recipient or duplicates; true if any remain.
/// At most Limits::max_records + 1 are kept (one more tells the report that some were dropped).
bool finish_all(const Context& context, std::vector<Candidate>& found, std::vector<Candidate>& out);
/// What finish_all() keeps, decided before any work per recipient: drops candidates without a
/// recipient or repeating one, and those past Limits::max_records + 1. Returns the index in the
/// old `found` of each candidate kept.
std::vector<std::size_t> keep_unique(const Context& context, std::vector<Candidate>& found);

/// What a notice says once for all its recipients (the reason, the lines it stands on, ...).
struct SharedText {
  std::string diagnostic;                  ///< the candidate's diagnostic (left alone when empty)
  std::vector<std::string_view> evidence;  ///< put in front of the candidate's own lines
  std::string smtp_command, rhost, lhost;  ///< set where not empty
};
/// Gives `c` the text its notice shares among recipients, cut to the caps of Limits (diagnostic
/// bytes, evidence lines, bytes per line) rather than copied whole into every recipient.
void share(const Context& context, const SharedText& shared, Candidate& c);
/// keep_unique(), then share() with every candidate kept, then finish_all().
bool share_and_finish(const Context& context, const SharedText& shared, std::vector<Candidate>& found,
                      std::vector<Candidate>& out);
/// Puts `line` in front of the candidate's evidence (the lines read later matter more in some
/// layouts), unless it already has Limits::max_evidence_lines: then the line is left out.
void add_evidence_front(const Context& context, Candidate& c, std::string_view line);
/// `text` cut at Limits::max_field_bytes (setting Candidate::kFieldCut in `cut` when it is).
std::string bounded_field(const Context& context, std::string_view text, unsigned& cut);

}  // namespace bx::formats::vendor
