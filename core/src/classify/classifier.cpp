#include "classify/classifier.hpp"

#include <algorithm>
#include <climits>

#include "classify/matcher.hpp"
#include "classify/notice.hpp"
#include "classify/rhost.hpp"
#include "formats/scan.hpp"
#include "report/words.hpp"
#include "text/text.hpp"

namespace bx::classify {
namespace {

// Tags say which kind of KB item a phrase belongs to; the low bits index it.
enum : std::uint32_t {
  kReasonTag = 0u << 28,
  kProviderTag = 1u << 28,
  kBlocklistTag = 2u << 28,
  kProviderCodeTag = 3u << 28,
  kBoilerplateTag = 4u << 28,
  kGapPartTag = 5u << 28,  ///< one part of a phrase with gaps ("mailbox … full"); low bits: the part
  kGapReasonTag = 6u << 28,  ///< a whole phrase with gaps that matched; low bits: its reason
  kGapTailTag = 7u << 28,    ///< the last part of a phrase with gaps that matched, where it occurs
  kSituationTag = 8u << 28,  ///< low bits: 2 × the situation's index, + 1 for a whole reply
};
constexpr std::uint32_t kKindMask = 15u << 28;
constexpr std::uint32_t kIndexMask = (1u << 28) - 1;

/// A reason phrase written with gaps ("mailbox … full", "domain … does not exist"): its parts
/// in this order, each within kMaxGap bytes of the one before, as Sisimai's aligned matching
/// reads words in order. Parts are numbered consecutively across all such phrases.
struct GapPhrase {
  std::uint32_t reason_tag;
  std::uint32_t first_part, parts;
};
constexpr std::size_t kMaxGap = 48;  // a few words ("mailbox of the recipient is full")
constexpr std::string_view kGap = " \xe2\x80\xa6 ";  // " … "

struct Index {
  PhraseMatcher matcher;
  std::vector<GapPhrase> gap_phrases;
  std::vector<std::uint32_t> gap_phrase_of_part;  // part -> index in gap_phrases
  std::vector<int> reason_rank;  // by reason index: position in reason_order
  std::vector<bool> first_pass_only;  // by reason index: not in the second pass
  std::vector<std::pair<std::size_t, std::size_t>> provider_codes;  // tag index -> (provider, code)
};

void add_reason_phrase(Index& i, std::string_view phrase, std::uint32_t tag) {
  if (phrase.find(kGap) == std::string_view::npos) return i.matcher.add(phrase, tag);
  GapPhrase gap{tag, static_cast<std::uint32_t>(i.gap_phrase_of_part.size()), 0};
  for (std::size_t from = 0; from <= phrase.size();) {
    std::size_t at = std::min(phrase.find(kGap, from), phrase.size());
    i.matcher.add(phrase.substr(from, at - from), kGapPartTag | static_cast<std::uint32_t>(i.gap_phrase_of_part.size()));
    i.gap_phrase_of_part.push_back(static_cast<std::uint32_t>(i.gap_phrases.size()));
    ++gap.parts;
    from = at + kGap.size();
  }
  i.gap_phrases.push_back(gap);
}

const Index& index();

/// The matcher's hits, with each phrase with gaps whose parts occur in order, close enough,
/// added as one hit of its reason (from its first part's start to its last part's end).
/// Linear in the hits: each part hit extends the latest chain of the parts before it.
std::vector<PhraseMatcher::Hit> scan_phrases(std::string_view text) {
  const Index& idx = index();
  std::vector<PhraseMatcher::Hit> hits = idx.matcher.scan(text);
  struct Chain {
    std::size_t begin = 0, end = 0;
    std::uint64_t scan = 0;  ///< the scan that made it
  };
  // By part: the latest chain of the phrase's parts up to this one. The table outlives the scan:
  // a text meets a few of the hundreds of parts, and clearing them all for every diagnostic cost
  // more than finding them. A chain left by an earlier scan bears another number: not open.
  thread_local std::vector<Chain> through;
  thread_local std::uint64_t scans = 0;
  const std::uint64_t this_scan = ++scans;
  const std::size_t found = hits.size();
  for (std::size_t h = 0; h < found; ++h) {
    if ((hits[h].tag & kKindMask) != kGapPartTag) continue;
    if (through.size() < idx.gap_phrase_of_part.size()) through.resize(idx.gap_phrase_of_part.size());
    std::uint32_t part = hits[h].tag & kIndexMask;
    const GapPhrase& gap = idx.gap_phrases[idx.gap_phrase_of_part[part]];
    Chain next{hits[h].begin, hits[h].end, this_scan};
    if (part != gap.first_part) {
      const Chain& before = through[part - 1];
      if (before.scan != this_scan || before.end > hits[h].begin || hits[h].begin - before.end > kMaxGap) continue;
      next.begin = before.begin;
    }
    through[part] = next;
    if (part + 1 == gap.first_part + gap.parts) {
      hits.push_back({kGapReasonTag | (gap.reason_tag & kIndexMask), next.begin, next.end});
      hits.push_back({kGapTailTag, hits[h].begin, hits[h].end});
    }
  }
  return hits;
}

const Index& index() {
  static const Index idx = [] {
    const kb::Knowledge& kb = kb::knowledge();
    Index i;
    const auto& order = kb.classification.reason_order;
    for (std::size_t r = 0; r < kb.reasons.size(); ++r) {
      auto pos = std::find(order.begin(), order.end(), kb.reasons[r].id);
      i.reason_rank.push_back(pos == order.end() ? INT_MAX : static_cast<int>(pos - order.begin()));
      const auto& only = kb.classification.first_pass_only;
      i.first_pass_only.push_back(std::find(only.begin(), only.end(), kb.reasons[r].id) != only.end());
      for (std::string_view p : kb.reasons[r].phrases) add_reason_phrase(i, p, kReasonTag | static_cast<std::uint32_t>(r));
    }
    for (std::size_t p = 0; p < kb.providers.size(); ++p) {
      for (std::string_view ph : kb.providers[p].phrases) i.matcher.add(ph, kProviderTag | static_cast<std::uint32_t>(p));
      for (std::size_t c = 0; c < kb.providers[p].codes.size(); ++c) {
        auto tag = kProviderCodeTag | static_cast<std::uint32_t>(i.provider_codes.size());
        i.provider_codes.push_back({p, c});
        for (std::string_view ph : kb.providers[p].codes[c].phrases) i.matcher.add(ph, tag);
      }
    }
    for (std::size_t s = 0; s < kb.situations.size(); ++s) {
      const auto tag = kSituationTag | static_cast<std::uint32_t>(2 * s);
      for (std::string_view ph : kb.situations[s].phrases) i.matcher.add(ph, tag);
      for (std::string_view ph : kb.situations[s].whole_replies) i.matcher.add(ph, tag | 1u);
    }
    for (std::string_view ph : kb.classification.boilerplate) i.matcher.add(ph, kBoilerplateTag);
    for (std::size_t b = 0; b < kb.blocklists.size(); ++b)
      for (std::string_view ph : kb.blocklists[b].phrases) i.matcher.add(ph, kBlocklistTag | static_cast<std::uint32_t>(b));
    i.matcher.build();
    return i;
  }();
  return idx;
}

bool contains(const kb::Texts& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

bool is_weak_status(std::string_view status) {
  if (status.size() < 5) return true;
  return contains(kb::knowledge().classification.weak_statuses, "X" + std::string(status.substr(1)));
}

/// `lower_host` ends with the domain `suffix` (both lower case).
bool host_matches(std::string_view h, std::string_view suffix) {
  if (h.size() < suffix.size()) return false;
  if (h.compare(h.size() - suffix.size(), suffix.size(), suffix) != 0) return false;
  return h.size() == suffix.size() || h[h.size() - suffix.size() - 1] == '.';
}

bool is_retry(std::string_view reason) { return contains(kb::knowledge().classification.retry_reasons, reason); }

/// The reason a status code stands for: its kb/status-codes entry, else Sisimai's mapping in
/// classification.json for codes the entry leaves open (X.4.7 "delivery time expired").
std::string status_reason(std::string_view status) {
  if (status.size() < 5) return {};
  const kb::Code* code = kb::knowledge().status_code(status);
  if (code && !code->reason.empty()) return std::string(code->reason);
  const auto& fallback = kb::knowledge().classification.status_fallback;
  auto it = fallback.find("X" + std::string(status.substr(1)));
  return it == fallback.end() ? std::string() : std::string(it->second);
}

/// Drops the whole phrases that are only the last words of a phrase with gaps: "does not exist"
/// (a user) at the end of "domain … does not exist" is about the domain the gapped phrase names.
/// A whole phrase that starts before those last words ("address does not exist") is kept.
/// O(h log h) in the hits.
void drop_words_ending_gapped_phrases(std::vector<PhraseMatcher::Hit>& hits) {
  std::vector<PhraseMatcher::Hit> tails;
  for (const auto& h : hits)
    if ((h.tag & kKindMask) == kGapTailTag) tails.push_back(h);
  if (tails.empty()) return;
  auto by_begin = [](const auto& a, const auto& b) { return a.begin < b.begin; };
  std::sort(tails.begin(), tails.end(), by_begin);
  std::sort(hits.begin(), hits.end(), by_begin);
  std::size_t next_tail = 0, reach = 0;  // furthest end of the tails that start at or before a hit
  hits.erase(std::remove_if(hits.begin(), hits.end(),
                            [&](const auto& h) {
                              for (; next_tail < tails.size() && tails[next_tail].begin <= h.begin; ++next_tail)
                                reach = std::max(reach, tails[next_tail].end);
                              return (h.tag & kKindMask) == kReasonTag && next_tail > 0 && h.end <= reach;
                            }),
             hits.end());
}

/// Reason phrases that are not part of a longer phrase of another reason ("retry timeout
/// exceeded" is about expiry, not the "timeout exceeded" inside it) nor of boilerplate ("it was
/// rejected by the recipient domain" introduces the real error). O(h log h) in the hits.
std::vector<PhraseMatcher::Hit> outermost_reason_hits(std::vector<PhraseMatcher::Hit> hits) {
  drop_words_ending_gapped_phrases(hits);
  hits.erase(std::remove_if(hits.begin(), hits.end(),
                            [](const auto& h) {
                              std::uint32_t kind = h.tag & kKindMask;
                              return kind != kReasonTag && kind != kGapReasonTag && kind != kBoilerplateTag;
                            }),
             hits.end());
  // At one span, a phrase read whole comes before words with gaps ("mailbox is inactive" before
  // "mailbox … inactive"): it is the more specific, and it must not depend on how the sort
  // happens to order equal keys (which changes with the number of phrases in the KB).
  std::sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end > b.end;
    return ((a.tag & kKindMask) == kGapReasonTag) < ((b.tag & kKindMask) == kGapReasonTag);
  });
  // The furthest end of a phrase seen so far, and its tag: one read whole, and one with gaps.
  // Words with gaps between them ("destinatário … não existe") span other phrases without
  // containing them ("domínio … não existe"): they hide only other words with gaps.
  struct Reach {
    std::size_t end = 0;
    std::uint32_t tag = 0;
    bool any = false;
    bool covers(const PhraseMatcher::Hit& h) const { return any && h.end <= end && h.tag != tag; }
    void extend(const PhraseMatcher::Hit& h) {
      if (!any || h.end > end) *this = {h.end, h.tag, true};
    }
  } whole, gapped;
  std::vector<PhraseMatcher::Hit> kept;
  for (const auto& h : hits) {
    const bool gap = (h.tag & kKindMask) == kGapReasonTag;
    if (!whole.covers(h) && !(gap && gapped.covers(h))) kept.push_back(h);
    (gap ? gapped : whole).extend(h);
  }
  kept.erase(std::remove_if(kept.begin(), kept.end(),
                            [](const auto& h) {
                              std::uint32_t kind = h.tag & kKindMask;
                              return kind != kReasonTag && kind != kGapReasonTag;
                            }),
             kept.end());
  return kept;
}

/// Everything the decision looks at, read once: what the code says, which reasons' phrases
/// occur in the diagnostic (and the first phrase of each), at which SMTP command it failed.
struct Evidence {
  std::string status;       ///< reason of a specific status code ("" when none or generic)
  std::string weak_status;  ///< reason of a generic status code (X.0.0, X.7.1, ...): a last resort
  std::vector<bool> hit;    ///< by reason index
  std::vector<std::string> phrase;
  std::string command;
  bool has(std::string_view reason) const {
    const auto& reasons = kb::knowledge().reasons;
    for (std::size_t r = 0; r < reasons.size(); ++r)
      if (reasons[r].id == reason) return hit[r];
    return false;
  }
};

Evidence gather(const formats::Candidate& c, const Findings& found) {
  const kb::Knowledge& kb = kb::knowledge();
  Evidence e;
  std::string by_status = status_reason(c.status);
  (is_weak_status(c.status) ? e.weak_status : e.status) = by_status;
  e.hit.assign(kb.reasons.size(), false);
  e.phrase.assign(kb.reasons.size(), {});
  for (const auto& h : outermost_reason_hits(found.hits)) {
    std::size_t r = h.tag & kIndexMask;
    if (!e.hit[r]) e.phrase[r] = found.text.substr(h.begin, h.end - h.begin);
    e.hit[r] = true;
  }
  // Vendor decoders do not always say at which command it failed; the reply may ("[RCPT_TO]").
  e.command = text::to_lower(c.smtp_command.empty() ? formats::find_smtp_command(c.diagnostic) : c.smtp_command);
  return e;
}

// Sisimai's per-reason tests of the first pass (Sisimai::Reason::*::true): the code names the
// reason, or one of its phrases occurs where the phrase really means that reason.

/// "User unknown" answered to RCPT is about the address; answered after DATA it is a filter
/// rejecting the message (Sisimai: filtered). A 5.1.1 whose text names another cause
/// (relaying, a block, a full mailbox, a rate limit, the recipient's own filter, ...) is that
/// cause: Comcast answers "452 4.1.1 ... too many recent messages", GoDaddy a rate limit with 5.1.1.
bool userunknown_true(const Evidence& e, const formats::Candidate& c) {
  if (e.status == "suspend") return false;
  // "suppressed sending to this address because it has a recent history of bouncing as an
  // invalid address": the service did not send; the address words tell the history.
  if (e.has("suppressed")) return false;
  // Our address words are broad ("does not exist", Gmail's heading "Address not found", used for
  // both kinds); words about the domain ("the domain ... couldn't be found") are the narrower.
  if (e.status != "userunknown" && e.has("hostunknown")) return false;
  if (e.status == "userunknown") {
    for (const char* other : {"norelaying", "blocked", "mailboxfull", "speeding", "hasmoved", "rejected", "notaccept", "filtered"})
      if (e.has(other)) return false;
    return true;
  }
  // Without the command, an SMTP reply saying "user unknown" may come from a filter after DATA
  // (Sisimai: filtered); an MTA's own words without a reply code are about the address.
  bool pasted_plainly = c.pasted && e.status.empty();  // a bare "550 No such user" line
  bool about_address = e.command == "rcpt" || (e.command.empty() && (c.reply_code.empty() || pasted_plainly));
  return about_address && e.has("userunknown");
}

/// A code that names another definite cause (5.1.2 host unknown, 5.1.8 bad sender) is not
/// overruled by the generic "does not exist" words, nor is a text about the sender.
bool filtered_true(const Evidence& e) {
  if (e.has("rejected")) return false;
  // Words about the domain or a suppression list outweigh the broad address words (userunknown_true).
  if (!e.has("filtered") && (e.has("hostunknown") || e.has("suppressed")) && e.status != "filtered") return false;
  bool said = e.has("filtered") || e.has("userunknown");
  if (e.status == "filtered") return said;
  bool open = e.status.empty() || (is_retry(e.status) && e.status != "hostunknown");
  return open && e.command != "rcpt" && e.command != "mail" && said;
}

/// Sender rejections: trusted at MAIL FROM, after DATA unless the code says user unknown, and
/// when the code itself decides nothing or only says "syntax error" (Postfix's non-FQDN sender:
/// "504 5.5.2 <alice>: Sender address rejected: need fully-qualified address").
bool rejected_true(const Evidence& e) {
  if (e.status == "rejected") return true;
  if (!e.has("rejected")) return false;
  // Refused at the greeting or EHLO, before MAIL FROM named any sender: the words are about
  // the client (Sisimai's Exim decoder: blocked at EHLO/HELO, whatever the reply says).
  for (const char* before_sender : {"conn", "ehlo", "helo"})
    if (e.command == before_sender) return false;
  if (e.command == "mail") return true;
  if (e.command == "data") return e.status != "userunknown";
  // "5.1.0 <alice@...> sender rejected": an address code, but the words are only about the sender.
  if (e.status == "userunknown") return !e.has("userunknown");
  return e.status.empty() || e.status == "onhold" || e.status == "securityerror" || e.status == "systemerror" ||
         e.status == "syntaxerror";
}

/// A DNS failure (timeout, SERVFAIL) is not an unknown host even under a 5.1.2, nor is a
/// domain that publishes a null MX; and a temporary (4xx) lookup failure may yet resolve.
bool hostunknown_true(const Evidence& e, const formats::Candidate& c) {
  if (e.has("notaccept") || (!c.status.empty() && c.status[0] == '4')) return false;
  if (e.status == "hostunknown") return !e.has("networkerror");
  return e.has("hostunknown");
}

/// Content is only read after DATA: a "spam" word at RCPT is about the sender, not the message.
bool spamdetected_true(const Evidence& e) {
  if (e.status == "spamdetected") return true;
  for (const char* before : {"conn", "ehlo", "helo", "mail"})
    if (e.command == before) return false;
  return e.has("spamdetected");
}

bool first_pass_true(std::string_view reason, const Evidence& e, const formats::Candidate& c) {
  if (reason == "userunknown") return userunknown_true(e, c);
  if (reason == "filtered") return filtered_true(e);
  if (reason == "rejected") return rejected_true(e);
  if (reason == "hostunknown") return hostunknown_true(e, c);
  if (reason == "spamdetected") return spamdetected_true(e);
  if (reason == "mesgtoobig" && e.status == "exceedlimit") return false;
  return e.status == reason || e.has(reason);
}

/// Sisimai reads the reply of a remote SMTP server with all rules, but the words of a local
/// program (X-Unix, X-Postfix) only with the phrases of the second pass. Postfix also types as
/// X-Postfix what a remote server said while connecting ("... refused to talk to me: 421 ...").
bool is_smtp_diagnostic(const formats::Candidate& c) {
  if (c.diagnostic_type.empty() || text::iequals(c.diagnostic_type, "smtp")) return true;
  return text::iequals(c.diagnostic_type, "x-postfix") && !c.reply_code.empty();
}

/// Second pass: the phrase earliest in reason_order, except reasons only the first pass may
/// give (their words are trusted only with a fitting code or command).
Verdict best_phrase(const Evidence& e) {
  const kb::Knowledge& kb = kb::knowledge();
  const Index& idx = index();
  int best_rank = INT_MAX;
  Verdict v;
  for (std::size_t r = 0; r < kb.reasons.size(); ++r) {
    if (!e.hit[r] || idx.first_pass_only[r] || idx.reason_rank[r] >= best_rank) continue;
    best_rank = idx.reason_rank[r];
    v = {std::string(kb.reasons[r].id), 0.8, e.phrase[r], report::say(kb::sentences::kBasisWords, e.phrase[r])};
  }
  return v;
}

/// What is left when neither code nor words decide (Sisimai's anotherone() tail).
Verdict last_resort(const formats::Candidate& c, const Evidence& e) {
  using report::say;
  namespace sentences = kb::sentences;
  if (!e.status.empty()) return {e.status, 0.6, {}, say(sentences::kBasisStatus, c.status)};
  // A local delivery program failed (Diagnostic-Code: X-Unix; ...): its exit code says nothing more.
  std::string type = text::to_lower(c.diagnostic_type);
  if (!is_smtp_diagnostic(c) && (type == "x-unix" || type == "x-postfix"))
    return {"mailererror", 0.5, {}, say(sentences::kBasisLocalProgram, c.diagnostic_type)};
  if (!e.weak_status.empty()) return {e.weak_status, 0.5, {}, say(sentences::kBasisGeneralStatus, c.status)};
  if (c.status.size() > 2 && c.status[2] == '6') return {"contenterror", 0.5, {}, say(sentences::kBasisStatusClass, c.status)};
  if (c.status.size() > 2 && c.status[2] == '7') return {"securityerror", 0.5, {}, say(sentences::kBasisStatusClass, c.status)};
  // A reply code whose standard meaning is one cause (535: the sign-in was refused; 556: the
  // domain accepts no mail), where neither words nor status say more.
  auto reply = kb::knowledge().reply_codes.find(c.reply_code);
  if (reply != kb::knowledge().reply_codes.end() && !reply->second.reason.empty())
    return {std::string(reply->second.reason), 0.4, {},
            say(sentences::kBasisReplyCodeMeaning, c.reply_code, std::string(reply->second.title))};
  // 500-507: the server did not understand the command (Sisimai's SyntaxError).
  if (c.reply_code.size() == 3 && c.reply_code[1] == '0' && c.reply_code[2] <= '7')
    return {"syntaxerror", 0.4, {}, say(sentences::kBasisReplyCodeOnly, c.reply_code)};
  if (c.action == "delayed" || c.action == "expanded") return {"expired", 0.5, {}, say(sentences::kBasisDelayed)};
  // Refused before any recipient or message was sent: only the client (its IP, its name) was judged.
  if (e.command == "conn" || e.command == "helo" || e.command == "ehlo")
    return {"blocked", 0.4, {}, say(sentences::kBasisBeforeRecipients)};
  // A notice that says the message was not delivered, and nothing about why.
  if (c.cause_unstated) return {"undefined", 0.2, {}, say(sentences::kBasisUnstated)};
  // "550 Message not delivered": the reply only repeats that it failed.
  if (notice_kinds(text::fold_case(c.diagnostic)) & kNoticeFailed)
    return {"undefined", 0.2, {}, say(sentences::kBasisReplyOnlyFailed)};
  if (!c.diagnostic.empty()) return {"onhold", 0.3, {}, say(sentences::kBasisUndecided)};
  return {"undefined", 0.1, {}, say(sentences::kBasisNoDiagnostic)};
}

/// "the status code 5.1.1 and the server's words "user unknown"", or either alone.
std::string basis_of(const formats::Candidate& c, bool by_status, const std::string& phrase) {
  namespace sentences = kb::sentences;
  if (!by_status) return phrase.empty() ? report::say(sentences::kBasisReply) : report::say(sentences::kBasisWords, phrase);
  return phrase.empty() ? report::say(sentences::kBasisStatus, c.status)
                        : report::say(sentences::kBasisStatusAndWords, c.status, phrase);
}

// Sisimai's order (reason/find.go): the first-pass reasons, each decided by its code or its
// words; then a specific code; then the other reasons' words; then what the code class and
// the action imply.
Verdict decide(const formats::Candidate& c, const Findings& found) {
  if (!c.reason.empty()) return {c.reason, 1.0, {}, report::say(kb::sentences::kBasisReportFields)};
  if ((!c.status.empty() && c.status[0] == '2') || c.action == "delivered")
    return {"delivered", 0.9, {}, report::say(kb::sentences::kBasisDelivered)};
  if (Verdict v = provider_verdict(found); !v.reason.empty()) return v;
  const kb::Knowledge& kb = kb::knowledge();
  Evidence e = gather(c, found);
  for (std::string_view reason : kb.classification.first_pass) {
    if (!is_smtp_diagnostic(c) || !first_pass_true(reason, e, c)) continue;
    const kb::Reason* r = kb.reason(reason);
    std::size_t i = r ? static_cast<std::size_t>(r - kb.reasons.data()) : 0;
    std::string phrase = r && e.hit[i] ? e.phrase[i] : std::string();
    return {std::string(reason), e.status == reason ? 0.9 : 0.8, phrase, basis_of(c, e.status == reason, phrase)};
  }
  // A specific code decides; a retry-able one (5.4.7 expired, 5.1.1 after the checks above)
  // yields to the words of the second pass, ranked by reason_order.
  bool status_first = is_smtp_diagnostic(c) && !is_retry(e.status);
  if (!e.status.empty() && status_first) return {e.status, 0.9, {}, report::say(kb::sentences::kBasisStatus, c.status)};
  Verdict by_phrase = best_phrase(e);
  if (!by_phrase.reason.empty()) return by_phrase;
  return last_resort(c, e);
}

}  // namespace

const char* confidence_tier(double confidence) {
  if (confidence >= 0.9) return "certain";
  if (confidence >= 0.6) return "likely";
  return "best_guess";
}

std::string match_form(std::string_view diagnostic) {
  std::string form = text::squeeze_spaces(diagnostic);
  text::fold_case_in_place(form);  // squeeze_spaces made a copy already
  return form;
}

Verdict classify(const formats::Candidate& c) { return classify(c, find_knowledge(c)); }

Verdict classify(const formats::Candidate& c, const Findings& found) {
  Verdict v = decide(c, found);
  const auto& aliases = kb::knowledge().classification.reason_aliases;
  if (auto it = aliases.find(v.reason); it != aliases.end()) v.reason = it->second;
  return v;
}

std::size_t longest_reason_phrase(std::string_view text) {
  std::size_t longest = 0;
  for (const auto& h : outermost_reason_hits(scan_phrases(match_form(text))))
    longest = std::max(longest, h.end - h.begin);
  return longest;
}

Findings find_knowledge(const formats::Candidate& c) {
  const kb::Knowledge& kb = kb::knowledge();
  const Index& idx = index();
  Findings f;
  // One pass finds the reasons', providers', blocklists' and provider codes' phrases.
  f.text = match_form(c.diagnostic);
  f.hits = scan_phrases(f.text);
  std::vector<bool> phrase_hit(idx.provider_codes.size(), false);
  for (const auto& hit : f.hits) {
    std::uint32_t kind = hit.tag & kKindMask;
    std::size_t i = hit.tag & kIndexMask;
    if (kind == kProviderTag && !f.provider) f.provider = &kb.providers[i];
    if (kind == kBlocklistTag && !f.blocklist) f.blocklist = &kb.blocklists[i];
    if (kind == kProviderCodeTag) phrase_hit[i] = true;
    if (kind == kSituationTag) f.situation_hits.push_back({i / 2, (i & 1) != 0, hit.begin, hit.end});
  }
  // Without a remote host, the reporting host refused the message itself (its own mailbox).
  std::string host = text::to_lower(c.rhost.empty() ? c.lhost : c.rhost);
  std::string domain = text::to_lower(c.recipient.substr(c.recipient.rfind('@') + 1));
  for (std::size_t p = 0; !f.provider && p < kb.providers.size(); ++p) {
    for (std::string_view h : kb.providers[p].hosts)
      if (!host.empty() && host_matches(host, h)) f.provider = &kb.providers[p];
    for (std::string_view d : kb.providers[p].domains)
      if (domain == d) f.provider = &kb.providers[p];
  }
  if (!f.provider) return f;
  // The provider's own documented codes: status and phrases must agree with what we read.
  for (std::size_t t = 0; t < idx.provider_codes.size(); ++t) {
    auto [p, ci] = idx.provider_codes[t];
    if (&kb.providers[p] != f.provider) continue;
    const kb::ProviderCode& code = kb.providers[p].codes[ci];
    bool status_ok = code.status.empty() || code.status == c.status;
    bool phrase_ok = code.phrases.empty() || phrase_hit[t];
    if (status_ok && phrase_ok) f.matching_codes.push_back(&code);
  }
  return f;
}

const kb::ProviderCode* Findings::provider_code(std::string_view reason) const {
  const kb::ProviderCode* best = nullptr;
  int best_score = 0;
  for (const kb::ProviderCode* code : matching_codes) {
    int score = (code->status.empty() ? 0 : 2) + (code->phrases.empty() ? 0 : 3) + (code->reason == reason ? 1 : 0);
    if (score > best_score) {
      best_score = score;
      best = code;
    }
  }
  return best;
}

// Sisimai (SMTP::Error soft_or_hard): an address that does not exist is hard whatever the code
// class; a domain that accepts no mail is hard unless the code says "try later".
bool is_hard_bounce(std::string_view reason, std::string_view status, std::string_view reply_code) {
  if (reason == "userunknown" || reason == "hostunknown" || reason == "hasmoved") return true;
  if (reason != "notaccept") return false;
  if (!status.empty()) return status[0] != '4';
  return reply_code.empty() || reply_code[0] != '4';
}

}  // namespace bx::classify
