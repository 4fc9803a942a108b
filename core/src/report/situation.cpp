#include "report/situation.hpp"

namespace bx::report {
namespace {

bool is_code_byte(char c) { return (c >= '0' && c <= '9') || c == '.' || c == '-'; }

/// A reply code or enhanced status code ("451", "4.7.1", "451-4.7.1"): code bytes with a digit.
bool is_code_token(std::string_view token) {
  bool digit = false;
  for (char c : token) {
    if (!is_code_byte(c)) return false;
    digit = digit || (c >= '0' && c <= '9');
  }
  return digit;
}

bool is_permanent(const Record& r) {
  if (!r.status.empty()) return r.status[0] == '5';
  return !r.reply_code.empty() && r.reply_code[0] == '5';
}

/// The sending server stopped retrying: Sisimai's `expired`, except for a delay notice (which
/// Sisimai files under `expired` too, while the server still retries).
bool has_given_up(const Record& r) { return r.reason == "expired" && r.action != "delayed"; }

/// Whether the reply says situation `s` (by index): one of its phrases anywhere, or one of its
/// whole replies as all the reply says.
bool says(const classify::Findings& found, std::size_t s) {
  for (const classify::Findings::SituationHit& hit : found.situation_hits)
    if (hit.situation == s && (!hit.whole_reply || is_whole_reply(found.text, hit.begin, hit.end))) return true;
  return false;
}

}  // namespace

bool is_whole_reply(std::string_view reply, std::size_t begin, std::size_t end) {
  // Before: codes separated by spaces, back to the start or to a lead-in ending in ':' or ';'.
  std::string_view before = reply.substr(0, begin);
  while (!before.empty()) {
    while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
    std::size_t space = before.rfind(' ');
    std::string_view token = before.substr(space == std::string_view::npos ? 0 : space + 1);
    if (token.empty() || !is_code_token(token)) break;
    before.remove_suffix(token.size());
  }
  if (!before.empty() && before.back() != ':' && before.back() != ';') return false;
  // After: punctuation, then the end or Postfix's note of the command.
  std::string_view after = reply.substr(end);
  while (!after.empty() && (after.front() == ' ' || after.front() == '.' || after.front() == '!')) after.remove_prefix(1);
  return after.empty() || after.rfind("(in reply to ", 0) == 0;
}

const kb::Situation* find_situation(const Record& record, const classify::Findings& found) {
  const auto& situations = kb::knowledge().situations;
  for (std::size_t s = 0; s < situations.size(); ++s) {
    if (situations[s].temporary_only && is_permanent(record)) continue;
    if (situations[s].given_up != has_given_up(record)) continue;
    if (says(found, s)) return &situations[s];
  }
  return nullptr;
}

}  // namespace bx::report
