// Situations any server may be in whatever reason its reply is filed under (kb/situations/):
// greylisting is told as greylisting, not as the security error or full mailbox its status
// code alone would suggest.
#pragma once

#include <string_view>

#include "bx/report.hpp"
#include "classify/classifier.hpp"
#include "kb/kb.hpp"

namespace bx::report {

/// The situation the server's reply describes, or null, from the situations' phrases that the
/// classifier's scan found in the reply (`found.text`, in match form: lower case, white space
/// squeezed). A situation marked temporary_only is never a permanent (5xx) refusal; one marked
/// given_up is only for a record whose sending server gave up (reason `expired`), and the
/// others never are. Linear in the phrases found.
const kb::Situation* find_situation(const Record& record, const classify::Findings& found);

/// Whether the phrase found at reply[begin, end) is all the reply says beyond its codes: only
/// reply and status codes (and a "host ... said:" or "smtp;" lead-in) before it, only
/// punctuation or Postfix's "(in reply to ... command)" after it.
bool is_whole_reply(std::string_view reply, std::size_t begin, std::size_t end);

}  // namespace bx::report
