// From a classified candidate to the record a person reads: codes, evidence, explanation.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bx/report.hpp"
#include "classify/classifier.hpp"
#include "formats/format.hpp"
#include "text/text.hpp"

namespace bx::report {

/// Fills the explanation of `record` (reason, status and reply code already set); `found` is
/// what the classifier read about provider and blocklist; `auth` is what the original message's
/// authentication results say (may be empty); `bounce_from` is the bounce's own From address
/// (whose mailer-daemon wrote it tells which platform the sender uses).
void explain_record(Record& record, const classify::Findings& found, const Authentication& auth,
                    std::string_view bounce_from = {});

/// Where lines of the normalised input start, by content: built once per input so that finding
/// the evidence of many recipients stays linear.
class EvidenceIndex {
 public:
  EvidenceIndex(const text::Normalized& input, std::size_t records);
  /// Offset in the normalised text of `needle` (a whole trimmed line, its first 40 bytes, or,
  /// a bounded number of times, anywhere), npos when not found.
  std::size_t find(std::string_view needle);
  const text::Normalized& input() const { return input_; }

 private:
  static constexpr std::size_t kPrefix = 40;
  static constexpr int kMaxFullSearches = 64;
  const text::Normalized& input_;
  std::unordered_map<std::string_view, std::size_t> lines_, prefixes_;
  int full_searches_ = 0;
};

/// Finds each evidence line in the input and records where it stands in the original input
/// (bytes), so the page can highlight it.
std::vector<Evidence> locate_evidence(const formats::Candidate& candidate, EvidenceIndex& index);

/// A common mailbox domain one or two typing mistakes away from `domain`, or "".
std::string suggest_domain(std::string_view domain);

/// What a basic reply code ("452") means: its own KB title, else what every code of its class
/// means (RFC 5321 §4.2.1: "Temporary failure (4xx)"), "" for what is not a reply code.
std::string reply_code_title(std::string_view code);

}  // namespace bx::report
