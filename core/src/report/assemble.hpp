// From a classified candidate to the record a person reads: codes, evidence, explanation.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bx/report.hpp"
#include "classify/classifier.hpp"
#include "formats/format.hpp"
#include "mime/mime.hpp"
#include "text/text.hpp"

namespace bx::report {

/// Fills the explanation of `record` (reason, status and reply code already set); `found` is
/// what the classifier read about provider and blocklist; `auth` is what the original message's
/// authentication results say (may be empty); `bounce_from` is the bounce's own From address
/// (whose mailer-daemon wrote it tells which platform the sender uses).
void explain_record(Record& record, const classify::Findings& found, const Authentication& auth,
                    std::string_view bounce_from = {});

/// Where lines of the normalised input start, by content: built once per input so that finding
/// the evidence of many recipients stays linear. Lines read from decoded content (base64,
/// quoted-printable) are found in the decoded text and traced back to the input through the
/// MIME layer's spans.
class EvidenceIndex {
 public:
  EvidenceIndex(const text::Normalized& input, const mime::Message& message, std::size_t records);
  /// Offset in the normalised text where the whole of `needle` stands, npos when nowhere.
  std::size_t find_exact(std::string_view needle);
  /// Offset in the normalised text of the first 40 bytes of `needle` (a line the text wraps or
  /// folds differently), npos when nowhere.
  std::size_t find_prefix(std::string_view needle);
  /// Offset in the message's decoded text of `needle` when it stands in a decoded span, with
  /// that span; npos and null otherwise.
  std::pair<std::size_t, const mime::DecodedSpan*> find_decoded(std::string_view needle);
  const text::Normalized& input() const { return input_; }
  const mime::Message& message() const { return message_; }

 private:
  static constexpr std::size_t kPrefix = 40;
  static constexpr int kMaxFullSearches = 96;
  static constexpr std::size_t kMapsFrom = 8;  // records: with fewer, searching beats building maps
  bool may_search() { return full_searches_ < kMaxFullSearches && ++full_searches_ > 0; }
  /// Where a line that `needle` starts with begins (a field unfolded from several lines, a reply
  /// joined from its continuation lines), from the maps alone; npos when they know none.
  std::size_t known_start(std::string_view needle) const;
  const mime::DecodedSpan* span_at(std::size_t text_offset) const;
  const text::Normalized& input_;
  const mime::Message& message_;
  std::unordered_map<std::string_view, std::size_t> lines_, prefixes_, decoded_lines_;
  int full_searches_ = 0;
};

/// Finds each evidence line in the input and records where it stands in the original input
/// (bytes), so the page can highlight it; a line decoded from base64 or quoted-printable is
/// traced back to its encoded form, or marked as decoded when it has no exact place there.
std::vector<Evidence> locate_evidence(const formats::Candidate& candidate, EvidenceIndex& index);

/// A common mailbox domain one or two typing mistakes away from `domain`, or "".
std::string suggest_domain(std::string_view domain);

/// What a basic reply code ("452") means: its own KB title, else what every code of its class
/// means (RFC 5321 §4.2.1: "Temporary failure (4xx)"), "" for what is not a reply code.
std::string reply_code_title(std::string_view code);

}  // namespace bx::report
