#include "classify/classifier.hpp"

#include <algorithm>
#include <climits>

#include "classify/matcher.hpp"
#include "text/text.hpp"

namespace bx::classify {
namespace {

// Tags say which kind of KB item a phrase belongs to; the low bits index it.
enum : std::uint32_t { kReasonTag = 0u << 28, kProviderTag = 1u << 28, kBlocklistTag = 2u << 28, kProviderCodeTag = 3u << 28 };
constexpr std::uint32_t kKindMask = 3u << 28;
constexpr std::uint32_t kIndexMask = (1u << 28) - 1;

struct Index {
  PhraseMatcher matcher;
  std::vector<int> reason_rank;  // by reason index: position in reason_order
  std::vector<std::pair<std::size_t, std::size_t>> provider_codes;  // tag index -> (provider, code)
};

const Index& index() {
  static const Index idx = [] {
    const kb::Knowledge& kb = kb::knowledge();
    Index i;
    const auto& order = kb.classification.reason_order;
    for (std::size_t r = 0; r < kb.reasons.size(); ++r) {
      auto pos = std::find(order.begin(), order.end(), kb.reasons[r].id);
      i.reason_rank.push_back(pos == order.end() ? INT_MAX : static_cast<int>(pos - order.begin()));
      for (const std::string& p : kb.reasons[r].phrases) i.matcher.add(p, kReasonTag | static_cast<std::uint32_t>(r));
    }
    for (std::size_t p = 0; p < kb.providers.size(); ++p) {
      for (const std::string& ph : kb.providers[p].phrases) i.matcher.add(ph, kProviderTag | static_cast<std::uint32_t>(p));
      for (std::size_t c = 0; c < kb.providers[p].codes.size(); ++c) {
        auto tag = kProviderCodeTag | static_cast<std::uint32_t>(i.provider_codes.size());
        i.provider_codes.push_back({p, c});
        for (const std::string& ph : kb.providers[p].codes[c].phrases) i.matcher.add(ph, tag);
      }
    }
    for (std::size_t b = 0; b < kb.blocklists.size(); ++b)
      for (const std::string& ph : kb.blocklists[b].phrases) i.matcher.add(ph, kBlocklistTag | static_cast<std::uint32_t>(b));
    i.matcher.build();
    return i;
  }();
  return idx;
}

bool is_weak_status(std::string_view status) {
  if (status.empty()) return true;
  std::string pattern = "X" + std::string(status.substr(1));
  const auto& weak = kb::knowledge().classification.weak_statuses;
  return std::find(weak.begin(), weak.end(), pattern) != weak.end();
}

bool host_matches(std::string_view host, std::string_view suffix) {
  std::string h = text::to_lower(host);
  if (h.size() < suffix.size()) return false;
  if (h.compare(h.size() - suffix.size(), suffix.size(), suffix) != 0) return false;
  return h.size() == suffix.size() || h[h.size() - suffix.size() - 1] == '.';
}

}  // namespace

std::string match_form(std::string_view diagnostic) { return text::to_lower(text::squeeze_spaces(diagnostic)); }

Verdict classify(const formats::Candidate& c) {
  const kb::Knowledge& kb = kb::knowledge();
  if (!c.reason.empty()) return {c.reason, 1.0, {}};
  if (!c.status.empty() && c.status[0] == '2') return {"delivered", 0.9, {}};

  // The best phrase: the earliest in reason_order among all that occur in the diagnostic.
  const Index& idx = index();
  std::string text = match_form(c.diagnostic);
  int best_rank = INT_MAX;
  Verdict by_phrase;
  for (const auto& hit : idx.matcher.scan(text)) {
    if ((hit.tag & kKindMask) != kReasonTag) continue;
    std::size_t r = hit.tag & kIndexMask;
    if (idx.reason_rank[r] < best_rank) {
      best_rank = idx.reason_rank[r];
      by_phrase = {kb.reasons[r].id, 0.8, text.substr(hit.begin, hit.end - hit.begin)};
    }
  }
  const kb::Code* code = kb.status_code(c.status);
  std::string by_status = code ? code->reason : std::string();

  if (!by_status.empty() && !is_weak_status(c.status)) return {by_status, 0.9, {}};
  if (!by_phrase.reason.empty()) return by_phrase;
  if (!by_status.empty()) return {by_status, 0.6, {}};
  if (c.status.size() > 2 && c.status[2] == '6') return {"contenterror", 0.5, {}};
  if (c.status.size() > 2 && c.status[2] == '7') return {"securityerror", 0.5, {}};
  if (c.action == "delayed") return {"expired", 0.5, {}};
  if (!c.diagnostic.empty()) return {"onhold", 0.3, {}};
  return {"undefined", 0.1, {}};
}

Findings find_knowledge(const formats::Candidate& c, const std::string& reason) {
  const kb::Knowledge& kb = kb::knowledge();
  const Index& idx = index();
  Findings f;
  std::string text = match_form(c.diagnostic);
  std::string domain = text::to_lower(c.recipient.substr(c.recipient.rfind('@') + 1));
  for (const auto& hit : idx.matcher.scan(text)) {
    std::uint32_t kind = hit.tag & kKindMask;
    std::size_t i = hit.tag & kIndexMask;
    if (kind == kProviderTag && !f.provider) f.provider = &kb.providers[i];
    if (kind == kBlocklistTag && !f.blocklist) f.blocklist = &kb.blocklists[i];
  }
  for (std::size_t p = 0; !f.provider && p < kb.providers.size(); ++p) {
    for (const std::string& h : kb.providers[p].hosts)
      if (!c.rhost.empty() && host_matches(c.rhost, h)) f.provider = &kb.providers[p];
    for (const std::string& d : kb.providers[p].domains)
      if (domain == d) f.provider = &kb.providers[p];
  }
  if (!f.provider) return f;
  // The provider's own documented code: status and phrases must agree with what we read.
  std::vector<bool> phrase_hit(idx.provider_codes.size(), false);
  for (const auto& hit : idx.matcher.scan(text))
    if ((hit.tag & kKindMask) == kProviderCodeTag) phrase_hit[hit.tag & kIndexMask] = true;
  int best_score = 0;
  for (std::size_t t = 0; t < idx.provider_codes.size(); ++t) {
    auto [p, ci] = idx.provider_codes[t];
    if (&kb.providers[p] != f.provider) continue;
    const kb::ProviderCode& code = kb.providers[p].codes[ci];
    bool status_ok = code.status.empty() || code.status == c.status;
    bool phrase_ok = code.phrases.empty() || phrase_hit[t];
    if (!status_ok || !phrase_ok) continue;
    int score = (code.status.empty() ? 0 : 2) + (code.phrases.empty() ? 0 : 3) + (code.reason == reason ? 1 : 0);
    if (score > best_score) {
      best_score = score;
      f.provider_code = &code;
    }
  }
  return f;
}

bool is_hard_bounce(std::string_view reason, std::string_view status, std::string_view reply_code) {
  bool address_level = reason == "userunknown" || reason == "hostunknown" || reason == "hasmoved" || reason == "notaccept";
  if (!address_level) return false;
  if (!status.empty()) return status[0] == '5';
  return reply_code.empty() || reply_code[0] == '5';
}

}  // namespace bx::classify
