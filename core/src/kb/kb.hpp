// The knowledge base as the product uses it. The kb/ JSON files are read and checked at build
// time (kb/load.hpp, by bx_kb_compile and bx_kb_check) and compiled in as compact bytes
// (kb/serialize.hpp). Every text is a view: into those compiled-in bytes in the product (a
// process starts without copying the knowledge base: that copy was a fifth of the start-up and
// a third of its page faults), or into the Knowledge's own storage when it was read from JSON.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bx/report.hpp"

namespace bx::kb {

using Text = std::string_view;
using Texts = std::vector<std::string_view>;

/// A source a KB entry cites (bx::Link once it is in a report).
struct Ref {
  Text title, url;
  Link link() const { return {std::string(title), std::string(url)}; }
};
using Refs = std::vector<Ref>;

struct Category {
  Text id, title, description;
};

struct Reason {
  Text id, category, title, summary, retry;
  bool hard_bounce = false;
  Texts who_acts, fix_steps, phrases, examples;
  Refs references;
};

/// A basic reply code ("550") or an enhanced status code pattern ("X.1.1").
struct Code {
  Text code, title, meaning, in_practice, code_class, reason;
  Refs references;
};

/// When to send again, where a provider, list operator or standard says so: `when` is "now",
/// "after-minutes" (`minutes` later), "after-fix" (once the steps are done; `minutes`, when
/// given, is how long the provider says its side then takes) or "never"; "" when nobody
/// documents it. `text` says it in a sentence, `source` is the page that documents it.
struct Retry {
  Text when, text, source;
  std::uint32_t minutes = 0;
  bool empty() const { return when.empty(); }
};

/// Every provider code and blocklist says where its facts come from: `source` is the page (an
/// https URL, required), and `verified` is false when the facts could not be confirmed from the
/// provider's own page or another primary source (the KB site then says so).
struct ProviderCode {
  Text id, status, reason, title, explanation, source;
  bool verified = false;
  Texts phrases, who_acts, fix_steps;
  Refs references;
  Retry retry;  ///< optional
};

struct Provider {
  Text id, name, url;
  Texts domains, hosts, phrases;
  std::vector<ProviderCode> codes;
};

struct Blocklist {
  Text id, name, lookup_url, delist_url, explanation, source;
  bool verified = false;
  Texts phrases, fix_steps;
  Refs references;
  Retry retry;  ///< optional
};

/// A case that any server may be in, whatever reason its reply is filed under, and that the
/// person must be told by its name (kb/situations/): greylisting is a deliberate first delay,
/// not the security error or full mailbox its status code alone would suggest. Its text
/// replaces the reason's; a provider's documented code still comes first.
struct Situation {
  Text id, category, title, summary, source;
  bool verified = false;
  /// Only a temporary (4xx) or uncoded reply can be this situation, never a 5xx refusal.
  bool temporary_only = false;
  /// For a record whose sending server gave up (reason `expired`, not a delay notice) only; else never for one:
  /// "wait, your server retries" is wrong once it has stopped retrying.
  bool given_up = false;
  Texts who_acts, fix_steps;
  Texts phrases;        ///< lower case, anywhere in the server's reply
  /// Lower case: the situation only when this is all the reply says after its codes
  /// ("451 4.7.1 Try again later"), not a part of a longer reply that names a cause.
  Texts whole_replies;
  Retry retry;  ///< required
  Refs references;
};

/// How the classifier weighs codes against words (kb/classification.json).
struct Classification {
  Texts reason_order;   ///< phrase conflicts: earlier wins
  Texts weak_statuses;  ///< codes whose default reason yields to phrases
  /// Reasons decided, in this order, by their status code or by their phrases (Sisimai's
  /// first pass); the others only by phrases when the status code decides nothing.
  Texts first_pass;
  /// First-pass reasons whose words alone (without a fitting code or command) decide nothing.
  Texts first_pass_only;
  /// Reasons read from a status code that still give way to a phrase of another reason.
  Texts retry_reasons;
  /// Status pattern ("X.4.7") → reason, for codes whose kb/status-codes entry names none.
  std::map<Text, Text> status_fallback;
  /// Preamble wording that contains reason-like words but decides nothing ("it was rejected by
  /// the recipient domain" before the real error): phrases inside it are ignored.
  Texts boilerplate;
  /// Reason → the reason reported instead (Sisimai's newer names → the corpus vocabulary).
  std::map<Text, Text> reason_aliases;
};

/// Wording, in every language the KB speaks, that says what kind of message a text is
/// (kb/notices.json): a notice that a message was not delivered, a warning that it is delayed,
/// an automatic reply, a challenge to prove one is human. Lower case (text::fold_case).
struct Notices {
  Texts failed;     ///< "could not be delivered", "unzustellbar", "配信できませんでした", ...
  /// A server's refusal quoted in a notice ("recipient address rejected"): a bounce, but not by
  /// itself a sign that the sender gave up (a 4xx refusal is retried).
  Texts refused;
  Texts delayed;    ///< "has been delayed", "will retry", "this is a warning only", ...
  Texts final;      ///< "giving up", "failed permanently": a delay wording does not make these a delay
  /// The queue lifetime ran out ("Message will be deleted from queue"): a connection that kept
  /// failing until then is the expiry itself.
  Texts expired;
  Texts autoreply;  ///< "out of the office", "abwesend", ...
  Texts challenge;  ///< "verify that you are a human", ...
  Texts delivered;  ///< "delivery to these recipients or groups is complete": a delivery receipt
  /// Words just before an address that make it the sender, not a recipient ("from:", "absender").
  Texts sender_cues;
  /// Words that make a short paste about mail ("mailbox", "Empfänger", "宛先"): "does not exist"
  /// alone says nothing, "mailbox does not exist" does.
  Texts mail_words;
  /// Words of other deliveries (a parcel, a shipment: "Sendung", "colis", "包裹"): a notice that
  /// "could not be delivered" with these and no word of mail is not about an e-mail.
  Texts other_deliveries;
  Refs references;
};

/// The sentences the core shows a person and the labels of who must act (kb/words.json): the text
/// of every sentence kb/sentences.def lists, with {name} for each parameter the core fills in.
struct Words {
  std::map<Text, Text> actors;     ///< "sender" → "You (the sender)"
  std::map<Text, Text> sentences;  ///< "status.delayed" → its text
};

struct Knowledge {
  Knowledge() = default;
  // The texts may point into `storage`: a copy would point into the original's.
  Knowledge(const Knowledge&) = delete;
  Knowledge& operator=(const Knowledge&) = delete;
  Knowledge(Knowledge&&) = default;  // (a deque's elements stay where they are when it moves)
  Knowledge& operator=(Knowledge&&) = default;

  std::vector<Category> categories;
  std::vector<Reason> reasons;
  std::map<Text, Code> reply_codes;   ///< by "550"
  std::map<Text, Code> status_codes;  ///< by "X.1.1"
  std::vector<Provider> providers;
  std::vector<Blocklist> blocklists;
  std::vector<Situation> situations;
  Texts domains;
  Classification classification;
  Notices notices;
  Words words;
  /// Texts this Knowledge owns (read from JSON); empty when it views compiled-in bytes.
  std::deque<std::string> storage;
  /// Keeps `text` in `storage` and returns a view of it that lives as long as this Knowledge.
  Text keep(std::string text) { return storage.emplace_back(std::move(text)); }

  const Reason* reason(std::string_view id) const;
  const Category* category(std::string_view id) const;
  /// "5.1.1" → the entry for "X.1.1".
  const Code* status_code(std::string_view status) const;
  /// The text of a catalogued sentence ("" for an id the KB lacks, which its build refuses).
  Text sentence(std::string_view id) const;
  /// The label of a "who must act" id ("sender" → "You (the sender)"), or the id itself.
  Text actor_label(std::string_view id) const;
};

/// The knowledge base of this binary, unpacked on first use.
const Knowledge& knowledge();

}  // namespace bx::kb
