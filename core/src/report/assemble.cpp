#include "report/assemble.hpp"

#include <algorithm>
#include <cstdint>

#include "classify/classifier.hpp"
#include "kb/kb.hpp"
#include "report/compose.hpp"
#include "report/sender.hpp"
#include "report/situation.hpp"
#include "report/words.hpp"
#include "text/codec.hpp"

namespace bx::report {
namespace {

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

namespace sentences = kb::sentences;

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

std::string reply_code_title(std::string_view code) {
  const kb::Knowledge& kb = kb::knowledge();
  if (auto it = kb.reply_codes.find(code); it != kb.reply_codes.end()) return std::string(it->second.title);
  if (code.size() != 3 || !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) return {};
  switch (code[0]) {
    case '2': return say(sentences::kReplyClass2);
    case '3': return say(sentences::kReplyClass3);
    case '4': return say(sentences::kReplyClass4);
    case '5': return say(sentences::kReplyClass5);
    default: return {};
  }
}

namespace {

/// Upper-cases the first letter of the text and of every sentence. Run on the KB's text before
/// its placeholders are filled: a sentence may open with an address, which keeps its case.
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

bool at_sentence_start(const std::string& s, std::size_t p) {
  while (p > 0 && s[p - 1] == ' ') --p;
  return p == 0 || s[p - 1] == '.' || s[p - 1] == '!' || s[p - 1] == '?';
}

/// Fills {recipient} and {destination}. An address or domain is written as it is, even at the
/// start of a sentence; the words standing in for a missing one ("the recipient") are not.
std::string fill_placeholders(std::string s, const Record& r) {
  auto replace = [&s](std::string_view key, const std::string& value, const std::string& fallback) {
    for (std::size_t p = s.find(key); p != std::string::npos;) {
      std::string with = value;
      if (with.empty()) {
        with = fallback;
        if (at_sentence_start(s, p) && !with.empty() && with[0] >= 'a' && with[0] <= 'z')
          with[0] = static_cast<char>(with[0] - 'a' + 'A');
      }
      s.replace(p, key.size(), with);
      p = s.find(key, p + with.size());
    }
  };
  replace("{recipient}", r.recipient, say(sentences::kFillRecipient));
  replace("{destination}", r.destination, say(sentences::kFillDestination));
  return s;
}

/// The KB entries that speak to one record, most specific first: the provider's documented
/// code, the situation the reply describes (greylisting), the blocklist named in the reply, the
/// enhanced status code, the reason. For each point of the explanation the most specific entry
/// that says something about it is used, instead of adding every entry's text up.
struct Entries {
  const kb::ProviderCode* code = nullptr;
  const kb::Situation* situation = nullptr;
  const kb::Blocklist* blocklist = nullptr;
  const kb::Code* status = nullptr;
  const kb::Reason* reason = nullptr;
  SendingSide sender;  ///< set only when the failure is about a sending server the sender does not own
};

bool is_temporary(const Record& r) {
  if (!r.status.empty()) return r.status[0] == '4';
  return !r.reply_code.empty() && r.reply_code[0] == '4';
}

void compose_category(Explanation& e, const Entries& x) {
  if (x.reason) e.reason_title = x.reason->title;
  // A situation has a category of its own (greylisting is neither a security error nor a full
  // mailbox, whatever reason its reply is filed under).
  if (x.situation) e.category = x.situation->category;
  else if (x.reason) e.category = x.reason->category;
  else return;
  if (const kb::Category* cat = kb::knowledge().category(e.category)) e.category_title = cat->title;
  if (x.situation) e.situation = x.situation->id;
}

void compose_headline_and_summary(Explanation& e, const Record& record, const Entries& x) {
  if (x.code) {
    e.headline = x.code->title;
    e.summary = x.code->explanation;
  } else if (x.situation) {
    e.headline = x.situation->title;
    e.summary = x.situation->summary;
  } else if (x.blocklist) {
    e.headline = is_content_blocklist(*x.blocklist) ? say(sentences::kHeadlineContentBlocklist, x.blocklist->name)
                                                    : say(sentences::kHeadlineSenderBlocklist, x.blocklist->name);
    e.summary = x.blocklist->explanation;
  } else if (x.reason) {
    e.headline = x.reason->title;
    e.summary = fill_placeholders(capitalize_sentences(std::string(x.reason->summary)), record);
  }
  // What the blocked server's owner should know is not what its user can act on.
  if (x.sender.platform != SenderPlatform::None) {
    e.summary = platform_summary(x.sender);
    if (x.blocklist) e.summary += " " + say(sentences::kSummaryServerListed, x.blocklist->name);
  }
}

void compose_who_acts(Explanation& e, const Entries& x) {
  if (x.sender.platform != SenderPlatform::None) e.who_acts = platform_who_acts(x.sender);
  else if (x.code) e.who_acts = strings(x.code->who_acts);
  else if (x.situation) e.who_acts = strings(x.situation->who_acts);
  else if (x.reason) e.who_acts = strings(x.reason->who_acts);
  for (const std::string& actor : e.who_acts) e.who_acts_labels.push_back(actor_label(actor));
}

/// The steps of the most specific entries that have any (a provider's code and the blocklist it
/// names both are specific; the reason's general steps only when neither has steps), each said
/// once, at most kMaxSteps. A sender who does not own the blocked server gets the steps they
/// can take instead of the server owner's.
std::vector<std::string> compose_steps(const Entries& x, const std::string& typo_step) {
  // The sources of steps, most specific first. An entry's own steps are distinct (the KB test
  // checks it): only steps from two sources need comparing, which most records do not have.
  std::vector<std::string_view> sources[4];
  std::size_t used = 0;
  if (!typo_step.empty()) sources[used++] = {typo_step};
  if (x.sender.platform != SenderPlatform::None) {
    std::vector<std::string> own = platform_steps(x.sender);
    return own.size() > kMaxSteps ? std::vector<std::string>(own.begin(), own.begin() + kMaxSteps) : own;
  }
  if (x.code && !x.code->fix_steps.empty()) sources[used++] = x.code->fix_steps;
  // A provider's code names the cause more precisely than a situation read from general wording.
  if (x.situation && !x.code) sources[used++] = x.situation->fix_steps;
  if (x.blocklist && !x.blocklist->fix_steps.empty()) sources[used++] = x.blocklist->fix_steps;
  if (used == (typo_step.empty() ? 0u : 1u) && x.reason) sources[used++] = x.reason->fix_steps;
  if (used == 1) {
    std::size_t n = std::min(sources[0].size(), kMaxSteps);
    return std::vector<std::string>(sources[0].begin(), sources[0].begin() + static_cast<std::ptrdiff_t>(n));
  }
  StepList steps;
  for (std::size_t i = 0; i < used; ++i)
    for (std::string_view s : sources[i])
      // The typo found is the fix; "check the address for typos" would send the reader looking.
      if (i == 0 || typo_step.empty() || s.find("typo") == std::string_view::npos) steps.add(s);
  return steps.take();
}

/// A code's or blocklist's retry line when it documents none: it defers to their steps; the
/// reason's own line only when neither matched.
std::string generic_retry(const Record& record, const Entries& x) {
  if (x.code)
    return is_temporary(record) ? say(sentences::kRetryCodeTemporary) : say(sentences::kRetryCodePermanent);
  if (x.blocklist) return say(sentences::kRetryBlocklist);
  return x.reason ? std::string(x.reason->retry) : std::string();
}

void set_retry(Explanation& e, const kb::Retry& r) {
  e.retry = r.text;
  e.retry_when = r.when;
  e.retry_after_minutes = r.minutes;
}

/// When to send again, in words that cannot contradict the steps: the reason's general retry
/// advice (for example "fix the sender address") is wrong for a provider code or a blocklist
/// that names another cause. Their own documented retry (kb::Retry) comes first; without one,
/// theirs defers to their steps.
void compose_retry(Explanation& e, const Record& record, const Entries& x) {
  if (x.sender.platform != SenderPlatform::None) {
    e.retry = platform_retry(x.sender);
    return;
  }
  if (x.code && !x.code->retry.empty()) return set_retry(e, x.code->retry);
  if (!x.code && x.situation) return set_retry(e, x.situation->retry);
  if (!x.code && x.blocklist && !x.blocklist->retry.empty()) return set_retry(e, x.blocklist->retry);
  e.retry = generic_retry(record, x);
}


/// "1 day", "2 hours", "30 minutes": the largest whole unit.
std::string time_span(unsigned minutes) {
  if (minutes % 1440 == 0)
    return minutes == 1440 ? say(sentences::kSpanOneDay) : say(sentences::kSpanDays, std::to_string(minutes / 1440));
  if (minutes % 60 == 0)
    return minutes == 60 ? say(sentences::kSpanOneHour) : say(sentences::kSpanHours, std::to_string(minutes / 60));
  return minutes == 1 ? say(sentences::kSpanOneMinute) : say(sentences::kSpanMinutes, std::to_string(minutes));
}

/// When to send again in words, where it is documented ("" otherwise).
std::string retry_when_label(const Explanation& e) {
  const unsigned minutes = e.retry_after_minutes;
  if (e.retry_when == "now") return say(sentences::kRetryWhenNow);
  if (e.retry_when == "never") return say(sentences::kRetryWhenNever);
  if (e.retry_when == "after-minutes" && minutes) return say(sentences::kRetryWhenAfter, time_span(minutes));
  if (e.retry_when == "after-fix")
    return minutes ? say(sentences::kRetryWhenAfterFixAllow, time_span(minutes)) : say(sentences::kRetryWhenAfterFix);
  return {};
}

/// How sure the reason is, in words.
std::string tier_label(std::string_view tier) {
  if (tier == "certain") return say(sentences::kTierCertain);
  if (tier == "likely") return say(sentences::kTierLikely);
  return tier.empty() ? std::string() : say(sentences::kTierBestGuess);
}

/// Appends the links of `refs` not yet there, leaving out pages of a provider or blocklist other
/// than the ones this record is about (a Microsoft rejection naming Spamhaus has no business
/// linking Barracuda's site); when none is identified, the reason's examples of such pages stay.
void add_own_links(std::vector<Link>& into, const kb::Refs& refs, const classify::Findings& found, const Entries& x) {
  const bool anyone = found.provider || x.blocklist || x.sender.provider;
  for (const kb::Ref& r : refs) {
    if (anyone && is_foreign_page(r.url, found.provider, x.sender.provider, x.blocklist)) continue;
    if (std::none_of(into.begin(), into.end(), [&](const Link& l) { return l.url == r.url; })) into.push_back(r.link());
  }
}

void compose_references(Explanation& e, const classify::Findings& found, const Entries& x) {
  std::vector<Link> links;
  if (x.code) add_own_links(links, x.code->references, found, x);
  if (x.situation) add_own_links(links, x.situation->references, found, x);
  if (x.blocklist) add_own_links(links, x.blocklist->references, found, x);
  if (x.status) add_own_links(links, x.status->references, found, x);
  if (x.reason) add_own_links(links, x.reason->references, found, x);
  e.references = std::move(links);
}

/// A provider that documents its own meaning for a status code (Microsoft's 5.1.10 "recipient
/// not found", not the registry's "null MX") is shown with that meaning, the registry's beside it.
void compose_code_titles(Explanation& e, const Record& record, const Entries& x) {
  std::string registry = x.status ? std::string(x.status->title) : std::string();
  if (x.code && !x.code->status.empty()) {
    e.status_title = x.code->title;
    if (registry != e.status_title) e.status_registry_title = registry;
  } else {
    e.status_title = registry;
  }
  e.reply_title = reply_code_title(record.reply_code);
}

void compose_parties(Explanation& e, const classify::Findings& found, const Entries& x) {
  if (found.provider) {
    e.provider_id = found.provider->id;
    e.provider_name = found.provider->name;
    e.provider_url = found.provider->url;
  }
  if (x.blocklist) {
    e.blocklist_id = x.blocklist->id;
    e.blocklist_name = x.blocklist->name;
    e.blocklist_lookup_url = x.blocklist->lookup_url;
    e.blocklist_delist_url = x.blocklist->delist_url;
  }
  if (x.sender.provider) {
    e.sender_provider_id = x.sender.provider->id;
    e.sender_provider_name = x.sender.provider->name;
  }
}

/// For authentication failures, what the original message's authentication results say.
void add_authentication(Explanation& e, const Record& record, const Authentication& auth) {
  if (auth.source.empty() || (record.reason != "authfailure" && record.reason != "securityerror" &&
                              record.reason != "policyviolation" && record.reason != "rejected"))
    return;
  const std::string unchecked = say(sentences::kAuthenticationNotChecked);
  auto show = [&unchecked](const std::string& v) -> const std::string& { return v.empty() ? unchecked : v; };
  e.summary += " " + say(sentences::kSummaryAuthentication, show(auth.spf), show(auth.dkim), show(auth.dmarc));
}

/// A likely typo in the recipient's domain: the step that fixes it, which comes before all others.
std::string typo_step(Explanation& e, const Record& record) {
  if (record.reason != "userunknown" && record.reason != "hostunknown" && record.reason != "notaccept") return {};
  e.typo_suggestion = suggest_domain(record.destination);
  if (e.typo_suggestion.empty()) return {};
  std::string local = record.recipient.substr(0, record.recipient.rfind('@'));
  return say(sentences::kStepTypo, record.destination, e.typo_suggestion, local + "@" + e.typo_suggestion);
}

}  // namespace

void explain_record(Record& record, const classify::Findings& found, const Authentication& auth,
                    std::string_view bounce_from) {
  const kb::Knowledge& kb = kb::knowledge();
  Explanation& e = record.explanation;
  Entries x;
  x.code = found.provider_code(record.reason);
  x.situation = find_situation(record, found);
  x.blocklist = found.blocklist;
  x.status = kb.status_code(record.status);
  x.reason = kb.reason(record.reason);
  if (is_about_sending_ip(record, x.blocklist)) x.sender = find_sending_side(record, bounce_from, found.provider);

  compose_category(e, x);
  compose_headline_and_summary(e, record, x);
  compose_who_acts(e, x);
  compose_code_titles(e, record, x);
  compose_parties(e, found, x);
  compose_references(e, found, x);
  add_authentication(e, record, auth);
  e.fix_steps = compose_steps(x, typo_step(e, record));
  compose_retry(e, record, x);
  e.retry_when_label = retry_when_label(e);
  record.confidence_tier_label = tier_label(record.confidence_tier);
}

namespace {

/// Calls f(trimmed line, its offset) for each non-blank line of text[begin, end).
template <typename F>
void for_each_trimmed_line(std::string_view text, std::size_t begin, std::size_t end, F f) {
  std::size_t start = begin;
  while (start < end) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos || nl > end) nl = end;
    std::string_view trimmed = text::trim(text.substr(start, nl - start));
    if (!trimmed.empty()) f(trimmed, static_cast<std::size_t>(trimmed.data() - text.data()));
    start = nl + 1;
  }
}

}  // namespace

EvidenceIndex::EvidenceIndex(const text::Normalized& input, const mime::Message& message, std::size_t records)
    : input_(input), message_(message) {
  // A few records: searching the text for each is cheaper than building the maps.
  if (records <= kMapsFrom) return;
  std::string_view hay = input.text();
  for_each_trimmed_line(hay, 0, hay.size(), [this](std::string_view line, std::size_t at) {
    lines_.emplace(line, at);  // emplace keeps the first occurrence
    if (line.size() >= kPrefix) prefixes_.emplace(line.substr(0, kPrefix), at);
  });
  std::string_view decoded = message.body_text;
  for (const mime::DecodedSpan& span : message.decoded)
    for_each_trimmed_line(decoded, span.text_begin, span.text_end,
                          [this](std::string_view line, std::size_t at) { decoded_lines_.emplace(line, at); });
}

std::size_t EvidenceIndex::known_start(std::string_view needle) const {
  if (needle.size() >= kPrefix) {
    if (auto it = prefixes_.find(needle.substr(0, kPrefix)); it != prefixes_.end()) return it->second;
  }
  // A first line shorter than the prefix ("Diagnostic-Code: smtp; 550-5.1.1 x" and its
  // continuation): the needle up to one of its first spaces is that whole line. The longest wins.
  for (std::size_t space = std::min(needle.size(), kPrefix); space-- > 1;) {
    if (needle[space] != ' ') continue;
    if (auto it = lines_.find(text::trim(needle.substr(0, space))); it != lines_.end()) return it->second;
  }
  return std::string::npos;
}

std::size_t EvidenceIndex::find_exact(std::string_view needle) {
  if (needle.empty()) return std::string::npos;
  if (auto it = lines_.find(needle); it != lines_.end()) return it->second;
  // A line unfolded from several or cut to the caps starts a line the maps know: it stands
  // there or nowhere, and the text need not be searched (a search per recipient, each failing
  // through the whole text, was quadratic up to kMaxFullSearches).
  if (std::size_t start = known_start(needle); start != std::string::npos)
    return input_.text().compare(start, needle.size(), needle) == 0 ? start : std::string::npos;
  // A line quoted mid-line: search the text, but only a bounded number of times, so thousands
  // of recipients cannot make this quadratic.
  if (!may_search()) return std::string::npos;
  return input_.text().find(needle);
}

std::size_t EvidenceIndex::find_prefix(std::string_view needle) {
  if (needle.size() <= kPrefix) return std::string::npos;
  if (std::size_t start = known_start(needle); start != std::string::npos) return start;
  if (!may_search()) return std::string::npos;
  return input_.text().find(needle.substr(0, kPrefix));
}

const mime::DecodedSpan* EvidenceIndex::span_at(std::size_t text_offset) const {
  const auto& spans = message_.decoded;
  auto after = std::upper_bound(spans.begin(), spans.end(), text_offset,
                                [](std::size_t at, const mime::DecodedSpan& s) { return at < s.text_begin; });
  if (after == spans.begin()) return nullptr;
  const mime::DecodedSpan& span = *(after - 1);
  return text_offset < span.text_end ? &span : nullptr;
}

std::pair<std::size_t, const mime::DecodedSpan*> EvidenceIndex::find_decoded(std::string_view needle) {
  if (needle.empty() || message_.decoded.empty()) return {std::string::npos, nullptr};
  std::size_t at = std::string::npos;
  if (auto it = decoded_lines_.find(needle); it != decoded_lines_.end()) at = it->second;
  else if (may_search()) at = message_.body_text.find(needle);
  const mime::DecodedSpan* span = at == std::string::npos ? nullptr : span_at(at);
  return {span ? at : std::string::npos, span};
}

namespace {

/// Where a line found in decoded quoted-printable text stands in the input: [begin, end) in the
/// normalised text, or npos when the span keeps no line map or the walk would be too long.
std::pair<std::size_t, std::size_t> trace_quoted_printable(const mime::DecodedSpan& span, std::string_view input,
                                                          std::size_t text_at, std::size_t length) {
  constexpr std::size_t kMaxWalk = 64 * 1024;  // bytes of encoded text read per line at most
  const auto& starts = span.line_starts;
  auto after = std::upper_bound(starts.begin(), starts.end(), text_at,
                                [](std::size_t at, const std::pair<std::size_t, std::size_t>& s) { return at < s.first; });
  if (after == starts.begin()) return {std::string::npos, std::string::npos};
  const auto [line_text, line_raw] = *(after - 1);
  std::string_view raw = input.substr(0, span.raw_end);
  std::size_t begin = text::quoted_printable_advance(raw, line_raw, text_at - line_text, kMaxWalk);
  if (begin == std::string::npos) return {begin, begin};
  std::size_t end = text::quoted_printable_advance(raw, begin, length, kMaxWalk);
  return {begin, end};
}

/// Fills the place of a line the index found in decoded text.
void place_decoded(Evidence& ev, const mime::DecodedSpan& span, std::size_t text_at, std::size_t length,
                   const text::Normalized& input) {
  ev.decoded = std::string(span.encoding);
  ev.part_begin = input.to_original(span.raw_begin);
  ev.part_end = input.to_original(span.raw_end);
  if (span.line_starts.empty()) return;
  auto [begin, end] = trace_quoted_printable(span, input.text(), text_at, length);
  if (begin == std::string::npos || end == std::string::npos) return;
  ev.begin = input.to_original(begin);
  ev.end = input.to_original(end);
  ev.line = input.line_of(begin);
}

/// Fills the place of a line found at `pos` of the normalised input; `length` is how much of it
/// is known to be there (the whole needle, or its prefix).
void place_found(Evidence& ev, std::size_t pos, std::size_t length, const text::Normalized& input) {
  // The span ends at the line's end or the needle's, whichever comes first; the search for
  // the newline stops at the needle's end (a line cut to the caps may start a line of
  // megabytes, quoted by a thousand recipients).
  std::string_view span = std::string_view(input.text()).substr(pos, std::max<std::size_t>(length, 1));
  std::size_t end = pos + std::min(span.find('\n'), span.size());
  ev.begin = input.to_original(pos);
  ev.end = input.to_original(end);
  ev.line = input.line_of(pos);
}

}  // namespace

std::vector<Evidence> locate_evidence(const formats::Candidate& candidate, EvidenceIndex& index) {
  std::vector<Evidence> out;
  const text::Normalized& input = index.input();
  for (const std::string& line : candidate.evidence) {
    Evidence ev;
    ev.text = line;
    ev.label = out.empty() ? "diagnostic" : "supporting";
    std::string_view needle = text::trim(line);
    // The whole line where it stands in the input; else where it was decoded from; else, for a
    // line the input wraps or folds differently, where it starts.
    if (std::size_t pos = index.find_exact(needle); pos != std::string::npos) {
      place_found(ev, pos, needle.size(), input);
    } else if (auto [at, span] = index.find_decoded(needle); span) {
      place_decoded(ev, *span, at, needle.size(), input);
    } else if (std::size_t start = index.find_prefix(needle); start != std::string::npos) {
      place_found(ev, start, needle.size(), input);
    }
    out.push_back(std::move(ev));
  }
  return out;
}

}  // namespace bx::report
