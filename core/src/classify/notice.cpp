#include "classify/notice.hpp"

#include "classify/matcher.hpp"
#include "kb/kb.hpp"

namespace bx::classify {
namespace {

/// An automaton of the notice phrases of the `kinds` asked for (NoticeKind bits). A phrase is
/// found whatever else the automaton holds, so a smaller one answers its own kinds the same.
PhraseMatcher matcher_of(unsigned kinds) {
  const kb::Notices& n = kb::knowledge().notices;
  PhraseMatcher m;
  auto add_all = [&m, kinds](const kb::Texts& phrases, NoticeKind kind) {
    if (!(kinds & kind)) return;
    for (std::string_view p : phrases) m.add(p, kind);
  };
  add_all(n.failed, kNoticeFailed);
  add_all(n.refused, kNoticeRefused);
  add_all(n.delayed, kNoticeDelayed);
  add_all(n.final, kNoticeFinal);
  add_all(n.expired, kNoticeExpired);
  add_all(n.autoreply, kNoticeAutoReply);
  add_all(n.challenge, kNoticeChallenge);
  add_all(n.delivered, kNoticeDelivered);
  add_all(n.other_deliveries, kNoticeOtherDelivery);
  m.build();
  return m;
}

unsigned kinds_found(const PhraseMatcher& matcher, std::string_view folded_text) {
  unsigned kinds = 0;
  for (const PhraseMatcher::Hit& hit : matcher.scan(folded_text)) kinds |= hit.tag;
  return kinds;
}

}  // namespace

unsigned notice_kinds(std::string_view folded_text) {
  static const PhraseMatcher all = matcher_of(~0u);
  return kinds_found(all, folded_text);
}

unsigned heading_kinds(std::string_view folded_text) {
  // A sixth of the phrases: a small automaton, whose scan mostly stays at its root.
  static const PhraseMatcher heading = matcher_of(kHeadingKinds);
  return kinds_found(heading, folded_text);
}

bool names_sender(std::string_view folded_before) {
  constexpr std::size_t kNear = 24;  // "From: Alice Example <" and the like
  std::string_view near = folded_before.size() > kNear ? folded_before.substr(folded_before.size() - kNear) : folded_before;
  for (std::string_view cue : kb::knowledge().notices.sender_cues)
    if (near.find(cue) != std::string_view::npos) return true;
  return false;
}

bool mentions_mail(std::string_view folded_text) {
  for (std::string_view word : kb::knowledge().notices.mail_words)
    if (folded_text.find(word) != std::string_view::npos) return true;
  return false;
}

}  // namespace bx::classify
