#include "classify/notice.hpp"

#include "classify/matcher.hpp"
#include "kb/kb.hpp"

namespace bx::classify {
namespace {

const PhraseMatcher& notice_matcher() {
  static const PhraseMatcher matcher = [] {
    const kb::Notices& n = kb::knowledge().notices;
    PhraseMatcher m;
    auto add_all = [&m](const kb::Texts& phrases, NoticeKind kind) {
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
  }();
  return matcher;
}

}  // namespace

unsigned notice_kinds(std::string_view folded_text) {
  unsigned kinds = 0;
  for (const PhraseMatcher::Hit& hit : notice_matcher().scan(folded_text)) kinds |= hit.tag;
  return kinds;
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
