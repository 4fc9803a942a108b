#include "report/assemble.hpp"

#include <algorithm>
#include <cstdint>

#include "classify/classifier.hpp"
#include "kb/kb.hpp"

namespace bx::report {
namespace {

std::string fill_placeholders(std::string s, const Record& r) {
  auto replace = [&s](std::string_view key, const std::string& value) {
    for (std::size_t p = s.find(key); p != std::string::npos; p = s.find(key, p + value.size()))
      s.replace(p, key.size(), value);
  };
  replace("{recipient}", r.recipient.empty() ? "the recipient" : r.recipient);
  replace("{destination}", r.destination.empty() ? "the recipient's domain" : r.destination);
  return s;
}

/// Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), or
/// limit + 1 once it must exceed `limit`. Three rolling rows on the stack: called for every
/// known domain, whose names are short (a longer `b` is never a typo target).
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  constexpr std::size_t kMaxKnown = 63;
  if (b.size() > kMaxKnown || a.size() > b.size() + limit || b.size() > a.size() + limit) return limit + 1;
  std::size_t rows[3][kMaxKnown + 1];
  std::size_t* before = rows[0];
  std::size_t* prev = rows[1];
  std::size_t* cur = rows[2];
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    std::size_t row_min = cur[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], before[j - 2] + 1);
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;  // every later row is at least as large
    std::size_t* oldest = before;
    before = prev;
    prev = cur;
    cur = oldest;
  }
  return prev[b.size()];
}

/// Letter counts (bytes folded into 32 buckets: a-z apart), for a cheap lower bound on the edit
/// distance: one edit changes the counts by at most 2 in all, and folding only lowers the
/// difference. Small counters, so the compiler adds them up 16 at a time.
struct LetterCounts {
  std::int8_t count[32] = {};
  explicit LetterCounts(std::string_view s) {
    for (char c : s.substr(0, 127)) ++count[static_cast<unsigned char>(c) & 31];
  }
};

/// True when `b` needs more than `limit` edits to become the word `a_counts` counts, judged by
/// the counts alone (a few dozen steps; the exact distance takes hundreds).
bool counts_exceed(const LetterCounts& a_counts, std::string_view b, std::size_t limit) {
  LetterCounts diff = a_counts;
  for (char c : b.substr(0, 127)) --diff.count[static_cast<unsigned char>(c) & 31];
  int total = 0;
  for (std::int8_t d : diff.count) total += d < 0 ? -d : d;
  return static_cast<std::size_t>(total) > 2 * limit;
}

void add_links(std::vector<Link>& into, const kb::Refs& refs) {
  for (const kb::Ref& r : refs)
    if (std::none_of(into.begin(), into.end(), [&](const Link& x) { return x.url == r.url; })) into.push_back(r.link());
}

/// A report owns its texts: the KB's views, copied.
std::vector<std::string> strings(const kb::Texts& texts) { return {texts.begin(), texts.end()}; }

}  // namespace

std::string suggest_domain(std::string_view domain) {
  const kb::Knowledge& kb = kb::knowledge();
  if (domain.empty() || std::find(kb.domains.begin(), kb.domains.end(), domain) != kb.domains.end()) return {};
  std::string best;
  std::size_t best_distance = 3;
  const LetterCounts counts(domain);
  for (std::string_view known : kb.domains) {
    std::size_t limit = known.size() >= 8 ? 2 : 1;  // short names: one slip only
    // Each edit changes the length by at most one: most names are ruled out by their length.
    if (known.size() > domain.size() + limit || domain.size() > known.size() + limit) continue;
    if (counts_exceed(counts, known, limit)) continue;
    std::size_t d = edit_distance(domain, known, limit);
    if (d <= limit && d < best_distance) {
      best_distance = d;
      best = known;
    }
  }
  return best;
}

namespace {

/// Upper-cases the first letter of the text and of every sentence (a placeholder may open one).
std::string capitalize_sentences(std::string s) {
  bool start = true;   // at the start of a sentence
  bool stop = false;   // just after '.', '!' or '?' (a sentence ends only if a space follows)
  for (char& c : s) {
    if (c == ' ') {
      start = start || stop;
      stop = false;
      continue;
    }
    if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    start = false;
    stop = c == '.' || c == '!' || c == '?';
  }
  return s;
}

void apply_reason(Explanation& e, const kb::Reason& reason, const Record& record) {
  const kb::Knowledge& kb = kb::knowledge();
  e.category = reason.category;
  if (const kb::Category* cat = kb.category(reason.category)) e.category_title = cat->title;
  e.headline = reason.title;
  e.summary = capitalize_sentences(fill_placeholders(std::string(reason.summary), record));
  e.who_acts = strings(reason.who_acts);
  e.retry = reason.retry;
  e.references.clear();
  add_links(e.references, reason.references);
}

void apply_codes(Explanation& e, const Record& record) {
  const kb::Knowledge& kb = kb::knowledge();
  if (const kb::Code* status = kb.status_code(record.status)) {
    e.status_title = status->title;
    add_links(e.references, status->references);
  }
  if (auto it = kb.reply_codes.find(record.reply_code); it != kb.reply_codes.end()) e.reply_title = it->second.title;
}

/// The provider's own documented code is the most specific answer there is: it speaks first.
void apply_provider(Explanation& e, const classify::Findings& found, const kb::ProviderCode* code,
                    std::vector<std::string>& steps) {
  if (!found.provider) return;
  e.provider_id = found.provider->id;
  e.provider_name = found.provider->name;
  e.provider_url = found.provider->url;
  if (!code) return;
  e.headline = code->title;
  e.summary = code->explanation;
  e.who_acts = strings(code->who_acts);
  steps = strings(code->fix_steps);
  add_links(e.references, code->references);
}

void apply_blocklist(Explanation& e, const classify::Findings& found, bool has_provider_code,
                     std::vector<std::string>& steps) {
  if (!found.blocklist) return;
  const kb::Blocklist& b = *found.blocklist;
  e.blocklist_id = b.id;
  e.blocklist_name = b.name;
  e.blocklist_lookup_url = b.lookup_url;
  e.blocklist_delist_url = b.delist_url;
  if (!has_provider_code) {
    e.headline = "The sending server is listed on " + std::string(b.name);
    e.summary = std::string(b.explanation) + " " + e.summary;
  }
  steps.insert(steps.end(), b.fix_steps.begin(), b.fix_steps.end());
  add_links(e.references, b.references);
}

/// For authentication failures, what the returned message's own headers say.
void apply_authentication(Explanation& e, const Record& record, const Authentication& auth) {
  if (auth.source.empty() || (record.reason != "authfailure" && record.reason != "securityerror" &&
                              record.reason != "policyviolation" && record.reason != "rejected"))
    return;
  auto show = [](const std::string& v) { return v.empty() ? std::string("not checked") : v; };
  e.summary += " The returned message's headers show SPF " + show(auth.spf) + ", DKIM " + show(auth.dkim) +
               ", DMARC " + show(auth.dmarc) + ".";
}

void apply_typo(Explanation& e, const Record& record, std::vector<std::string>& steps) {
  if (record.reason != "userunknown" && record.reason != "hostunknown" && record.reason != "notaccept") return;
  e.typo_suggestion = suggest_domain(record.destination);
  if (e.typo_suggestion.empty()) return;
  std::string local = record.recipient.substr(0, record.recipient.rfind('@'));
  steps.insert(steps.begin(), "The domain " + record.destination + " looks like a typo of " + e.typo_suggestion +
                                  ": correct the address to " + local + "@" + e.typo_suggestion + " and send again.");
}

}  // namespace

void explain_record(Record& record, const classify::Findings& found, const Authentication& auth) {
  const kb::Knowledge& kb = kb::knowledge();
  Explanation& e = record.explanation;
  const kb::Reason* reason = kb.reason(record.reason);
  if (reason) apply_reason(e, *reason, record);
  apply_codes(e, record);

  const kb::ProviderCode* code = found.provider_code(record.reason);
  std::vector<std::string> steps;  // most specific first: typo, provider code, blocklist, reason
  apply_provider(e, found, code, steps);
  apply_blocklist(e, found, code != nullptr, steps);
  apply_authentication(e, record, auth);
  apply_typo(e, record, steps);
  // General advice only tops up specific advice; a person in a hurry reads the first few.
  constexpr std::size_t kMaxSteps = 7;
  if (reason)
    for (std::string_view s : reason->fix_steps)
      if (steps.size() < kMaxSteps && std::find(steps.begin(), steps.end(), s) == steps.end()) steps.emplace_back(s);
  e.fix_steps = std::move(steps);
}

EvidenceIndex::EvidenceIndex(const text::Normalized& input, std::size_t records) : input_(input) {
  // A few records: searching the text for each is cheaper than building the maps.
  if (records <= kMaxFullSearches / 8) return;
  std::string_view hay = input.text();
  std::size_t start = 0;
  while (start < hay.size()) {
    std::size_t nl = hay.find('\n', start);
    if (nl == std::string_view::npos) nl = hay.size();
    std::string_view line = hay.substr(start, nl - start);
    std::string_view trimmed = text::trim(line);
    if (!trimmed.empty()) {
      std::size_t at = static_cast<std::size_t>(trimmed.data() - hay.data());
      lines_.emplace(trimmed, at);  // emplace keeps the first occurrence
      if (trimmed.size() > kPrefix) prefixes_.emplace(trimmed.substr(0, kPrefix), at);
    }
    start = nl + 1;
  }
}

std::size_t EvidenceIndex::find(std::string_view needle) {
  if (needle.empty()) return std::string::npos;
  if (auto it = lines_.find(needle); it != lines_.end()) return it->second;
  if (needle.size() > kPrefix)
    if (auto it = prefixes_.find(needle.substr(0, kPrefix)); it != prefixes_.end()) return it->second;
  // A line quoted mid-line or unfolded from several: search the text, but only a bounded number
  // of times, so thousands of recipients cannot make this quadratic.
  if (full_searches_ >= kMaxFullSearches) return std::string::npos;
  ++full_searches_;
  const std::string& hay = input_.text();
  std::size_t pos = hay.find(needle);
  if (pos == std::string::npos && needle.size() > kPrefix) pos = hay.find(needle.substr(0, kPrefix));
  return pos;
}

std::vector<Evidence> locate_evidence(const formats::Candidate& candidate, EvidenceIndex& index) {
  std::vector<Evidence> out;
  const text::Normalized& input = index.input();
  const std::string& hay = input.text();
  for (const std::string& line : candidate.evidence) {
    Evidence ev;
    ev.text = line;
    ev.label = out.empty() ? "diagnostic" : "supporting";
    std::string_view needle = text::trim(line);
    std::size_t pos = index.find(needle);
    if (pos != std::string::npos) {
      // The span ends at the line's end or the needle's, whichever comes first; the search for
      // the newline stops at the needle's end (a line cut to the caps may start a line of
      // megabytes, quoted by a thousand recipients).
      std::string_view span = std::string_view(hay).substr(pos, std::max<std::size_t>(needle.size(), 1));
      std::size_t end = pos + std::min(span.find('\n'), span.size());
      ev.begin = input.to_original(pos);
      ev.end = input.to_original(end);
      ev.line = input.line_of(pos);
    }
    out.push_back(std::move(ev));
  }
  return out;
}

}  // namespace bx::report
