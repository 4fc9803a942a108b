// From what a decoder found to a Sisimai reason, and which knowledge applies (provider,
// blocklist, provider-specific code). All phrases of the KB are matched in one pass.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "classify/matcher.hpp"
#include "formats/format.hpp"
#include "kb/kb.hpp"

namespace bx::classify {

/// What the KB's phrases find in a diagnostic: whose server, which blocklist, which documented
/// codes, and the phrase hits the reason is decided from (one scan serves both).
struct Findings {
  std::string text;  ///< the diagnostic in match_form()
  std::vector<PhraseMatcher::Hit> hits;  ///< every KB phrase in `text`
  const kb::Provider* provider = nullptr;
  const kb::Blocklist* blocklist = nullptr;
  /// The provider's documented codes whose status and phrases agree with the diagnostic.
  std::vector<const kb::ProviderCode*> matching_codes;
  /// Where a situation's phrase (kb::Situation::phrases) or whole reply (whole_replies) occurs
  /// in `text`: found by the same scan, for report::find_situation.
  struct SituationHit {
    std::size_t situation;  ///< index in kb::Knowledge::situations
    bool whole_reply;
    std::size_t begin, end;
  };
  std::vector<SituationHit> situation_hits;

  /// The most specific of matching_codes (status and words beat either alone); at equal
  /// footing one documented for `reason`, then the first. Null when none matches.
  const kb::ProviderCode* provider_code(std::string_view reason) const;
};

struct Verdict {
  std::string reason;
  double confidence = 0.0;
  std::string phrase;  ///< the KB phrase that decided, when one did
  std::string basis;   ///< what decided, in a line for a person ("the status code 5.1.1")
};

/// How sure a person may be of a verdict: "certain", "likely" or "best_guess".
const char* confidence_tier(double confidence);

/// Lower case, white space squeezed: the form every phrase is matched against.
std::string match_form(std::string_view diagnostic);

/// `found` is find_knowledge(candidate), read once by the caller, who needs it again to explain
/// the record (the provider's own words may decide the reason).
Verdict classify(const formats::Candidate& candidate, const Findings& found);
Verdict classify(const formats::Candidate& candidate);

/// The length of the longest failure-reason phrase in a text, 0 if none (for pasted text
/// without codes: a long phrase is a strong sign, "does not exist" alone is not).
std::size_t longest_reason_phrase(std::string_view text);

/// Scans the diagnostic once for every provider, blocklist, provider-code and situation phrase.
Findings find_knowledge(const formats::Candidate& candidate);

/// Sisimai's rule: only an address-level permanent failure is a hard bounce.
bool is_hard_bounce(std::string_view reason, std::string_view status, std::string_view reply_code);

}  // namespace bx::classify
