// From a classified candidate to the record a person reads: codes, evidence, explanation.
#pragma once

#include <string>

#include "bx/report.hpp"
#include "formats/format.hpp"
#include "text/text.hpp"

namespace bx::report {

/// Fills the explanation of `record` (reason, status and reply code already set); `auth` is
/// what the returned message's Authentication-Results say (may be empty).
void explain_record(Record& record, const formats::Candidate& candidate, const Authentication& auth);

/// Finds each evidence line in the normalised input and records where it stands in the
/// original input (bytes), so the page can highlight it.
std::vector<Evidence> locate_evidence(const formats::Candidate& candidate, const text::Normalized& input);

/// A common mailbox domain one or two typing mistakes away from `domain`, or "".
std::string suggest_domain(std::string_view domain);

}  // namespace bx::report
