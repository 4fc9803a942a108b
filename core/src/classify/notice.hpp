// What kind of message a notice is, read from its wording in any language the knowledge base
// speaks (kb/notices.json): not delivered, delayed, an automatic reply, a challenge.
#pragma once

#include <string_view>

namespace bx::classify {

enum NoticeKind : unsigned {
  kNoticeFailed = 1u << 0,     ///< "could not be delivered", "unzustellbar", ...
  kNoticeDelayed = 1u << 1,    ///< "has been delayed", "will retry", ...
  kNoticeFinal = 1u << 2,      ///< "giving up", "failed permanently": not a delay after all
  kNoticeAutoReply = 1u << 3,  ///< "out of the office", ...
  kNoticeChallenge = 1u << 4,  ///< "verify that you are a human", ...
  kNoticeRefused = 1u << 5,    ///< "recipient address rejected": a refusal, maybe a temporary one
  kNoticeDelivered = 1u << 6,  ///< "delivery to these recipients or groups is complete"
  kNoticeOtherDelivery = 1u << 7,  ///< a parcel, a shipment: "Sendung", "colis", "包裹"
  kNoticeExpired = 1u << 8,        ///< "Message will be deleted from queue": the queue lifetime ran out
};

/// The NoticeKind bits of the wording found in `folded_text` (text::fold_case form).
unsigned notice_kinds(std::string_view folded_text);

/// What a layout's heading is asked of nearly every message: is it only a warning, or does it
/// say the queue lifetime ran out.
constexpr unsigned kHeadingKinds = kNoticeDelayed | kNoticeFinal | kNoticeExpired;
/// notice_kinds(folded_text) & kHeadingKinds, from an automaton of those phrases alone (a
/// fraction of the cost of reading every kind).
unsigned heading_kinds(std::string_view folded_text);

/// Whether the words just before an address (`folded_before`, fold_case form) make it the
/// sender's or a message id ("From:", "Absender", "Message-ID: <"), not a recipient's.
bool names_sender(std::string_view folded_before);

/// Whether `folded_text` (fold_case form) speaks of mail at all: a mailbox, a recipient, ...
bool mentions_mail(std::string_view folded_text);

/// A warning that delivery is late, not that it failed.
inline bool is_delay_notice(unsigned kinds) { return (kinds & kNoticeDelayed) && !(kinds & kNoticeFinal); }

/// A report that the message was delivered, with no word of a failure or a refusal.
inline bool is_delivery_notice(unsigned kinds) {
  return (kinds & kNoticeDelivered) && !(kinds & (kNoticeFailed | kNoticeRefused));
}

}  // namespace bx::classify
