// Bounce Explainer: the report, the one contract shared by the CLI, the wasm module and the page.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bx {

/// What the input is: a failure (some recipient was not reached), a message about delivery that
/// is not a failure, or no such message at all.
enum class ReportStatus {
  Bounce,      ///< at least one recipient's delivery failed
  Delayed,     ///< not a failure: delivery is late and the server keeps trying
  AutoReply,   ///< not a failure: an out-of-office or other automatic reply
  Feedback,    ///< not a failure: a spam-complaint or other feedback report (ARF)
  Challenge,   ///< not a failure: a challenge-response filter asks the sender to confirm
  Delivered,   ///< not a failure: a report that the message was delivered or relayed
  NotABounce,  ///< readable text, but nothing in it says a message could not be delivered
  Empty,       ///< nothing but white space
  Unusable,    ///< binary data or text too damaged to read
  TooLarge,    ///< longer than Limits::max_input_bytes
};

/// A line of the user's input that supports a conclusion. Offsets are bytes into the input.
struct Evidence {
  /// Where the line stands in the input; absent when it has no exact place there (a line
  /// decoded from base64, or from a part nested in an encoded part).
  std::optional<std::size_t> begin;
  std::optional<std::size_t> end;
  std::size_t line = 0;  ///< 1-based line number in the input, 0 when unknown
  std::string text;      ///< the line as it reads after decoding
  std::string label;     ///< what it shows: "diagnostic", "status", "recipient", ...
  /// "base64" or "quoted-printable" when the line does not stand in the input as it reads but
  /// was decoded from that encoding (begin/end then span its encoded form, when it has an exact
  /// one); "" otherwise.
  std::string decoded;
  /// The encoded part's body in the input, when the line was decoded from one.
  std::optional<std::size_t> part_begin, part_end;
};

struct Link {
  std::string title;
  std::string url;
};

/// The plain-language part, assembled from kb/.
struct Explanation {
  std::string category;
  std::string category_title;
  std::string reason_title;  ///< the reason's title in words ("The recipient address does not exist")
  std::string headline;
  std::string summary;
  std::vector<std::string> who_acts;
  /// who_acts in words, from kb/words.json ("You (the sender)"): the labels the CLI, the page and
  /// the KB site show.
  std::vector<std::string> who_acts_labels;
  std::string retry;
  /// When to send again, where a provider, list or standard documents it: "now",
  /// "after-minutes" (retry_after_minutes later), "after-fix" (once the steps are done;
  /// retry_after_minutes, when above 0, is how long the provider's side then takes) or
  /// "never"; empty when nobody documents it.
  std::string retry_when;
  unsigned retry_after_minutes = 0;
  /// retry_when in words ("After 30 minutes", "Once the steps are done (allow 1 day)"); empty
  /// when retry_when is.
  std::string retry_when_label;
  /// A case told by its name whatever the reason (kb/situations/: "greylisting"), or empty.
  std::string situation;
  std::vector<std::string> fix_steps;
  std::vector<Link> references;
  /// What the status code means here: the provider's own meaning where a provider documents the
  /// code (status_registry_title then has the IANA registry title, when it differs), else the
  /// registry title.
  std::string status_title;
  std::string status_registry_title;
  /// What the basic reply code means: its KB title, else the meaning of its class (4xx, 5xx).
  std::string reply_title;
  std::string provider_id, provider_name, provider_url;
  std::string blocklist_id, blocklist_name, blocklist_lookup_url, blocklist_delist_url;
  std::string typo_suggestion;
  /// The mailbox provider, sending service or gateway the message left through, when the
  /// bounce shows one and the failure is about the sending server (its IP address or name).
  std::string sender_provider_id, sender_provider_name;
};

/// One failed (or delayed, reported, auto-replied, delivered) recipient. Field names follow
/// Sisimai's so its users feel at home.
struct Record {
  std::string timestamp;
  std::string addresser;
  std::string recipient;
  std::string destination;
  std::string action;
  std::string reply_code;
  std::string status;
  std::string smtp_command;
  std::string reason;
  std::string diagnostic_code;
  std::string diagnostic_type;
  std::string feedback_type;
  bool hard_bounce = false;
  std::string subject;
  std::string message_id;
  std::string list_id;
  std::string decoded_by;
  std::string lhost;
  std::string rhost;
  double confidence = 0.0;
  std::string confidence_tier;   ///< "certain", "likely" or "best_guess"
  std::string confidence_tier_label;  ///< the tier in words ("Best guess")
  std::string confidence_basis;  ///< what decided the reason, in a line ("the status code 5.1.1")
  std::vector<Evidence> evidence;
  Explanation explanation;
};

/// SPF/DKIM/DMARC verdicts for the original message: from the returned copy's
/// Authentication-Results (then ARC-Authentication-Results, Received-SPF), or from a diagnostic
/// that quotes them; never from the bounce's own header.
struct Authentication {
  std::string spf, dkim, dmarc;
  std::string source;  ///< the header line(s) or diagnostic they were read from; empty: none found
};

/// One server the original message passed through, read from one Received trace field (RFC 5321
/// §4.4, RFC 5322 §3.6.7). Every text is as the field states it: a server writes its own line,
/// and the servers before the recipient's side can write anything (see flags).
struct Hop {
  std::string from;       ///< the name the sending side gave ("from" clause, brackets removed), "" when absent
  std::string from_host;  ///< the sending side's name as the receiving server looked it up, "" when not stated
  std::string ip;         ///< the sending side's address, "" when not stated
  std::string by;         ///< the server that wrote the field ("by" clause), "" when absent
  std::string protocol;   ///< the "with" clause: ESMTPS, SMTP, Microsoft SMTP Server, ...
  std::optional<bool> tls;  ///< whether the field says TLS was used; empty when it says nothing either way
  std::string tls_version;  ///< "TLS 1.3", ... when stated
  std::string id;           ///< the "id" clause
  std::string date;         ///< the date after the last ';', as written
  std::string time;         ///< that date in UTC, ISO 8601 ("2026-12-07T09:00:00Z"); "" when unreadable
  /// Seconds from the previous hop's time to this one's: empty for the first hop or when either
  /// time is unknown; negative when the clocks disagree (flag "clock_skew"), never made up.
  std::optional<long long> seconds_from_previous;
  /// What is doubtful about this hop: "no_date", "unreadable_date", "unknown_zone",
  /// "clock_skew", "no_from", "no_by", "chain_gap" (README "The report").
  std::vector<std::string> flags;
  std::string received;  ///< the field itself, white space squeezed
};

/// The route of the returned original message: its Received fields, oldest first.
struct Route {
  std::vector<Hop> hops;
  std::string source;  ///< "attached" (the returned message or its header) or "quoted" (in the notice's text)
  std::optional<std::size_t> slowest;  ///< the hop with the longest time from the previous one
  std::optional<std::size_t> stopped;  ///< the hop where delivery stopped
  std::string reporting_mta, remote_mta;  ///< the servers the bounce names (RFC 3464), "" when it does not
  std::vector<std::string> warnings;      ///< sentences for a person about what is doubtful
};

struct Report {
  ReportStatus status = ReportStatus::NotABounce;
  std::string message;  ///< one sentence for a person: what the status means
  /// The sentence `message` is, as data: its id in kb/words.json ("status.bounce.many") and the
  /// values it was filled with ({"count", "2"}), for a consumer that words it itself.
  std::string message_template;
  std::vector<std::pair<std::string, std::string>> message_params;
  std::vector<Record> records;
  Authentication authentication;
  Route route;  ///< empty (no hops) when the returned message's header has no Received field
  std::vector<std::string> warnings;
};

/// "bounce", "delayed", "auto_reply", "feedback", "challenge", "delivered", "not_a_bounce",
/// "empty", "unusable", "too_large".
const char* to_string(ReportStatus status);

/// The report as JSON (schema "bounce-explainer/report/1"; see README "Report schema").
/// With a `file` name, the object starts with "file" (the CLI's json format; invalid UTF-8
/// shown as U+FFFD), then "file_bytes" when the name is not valid UTF-8 (see file_bytes()), then,
/// for the N-th message of an mbox holding several, "mbox_message": N.
std::string to_json(const Report& report, int indent = -1, const std::string& file = {}, std::size_t mbox_message = 0);

/// One record as a flat JSON object (the JSON Lines form of the CLI), with `file` (then
/// "file_bytes" and "mbox_message" when they apply) first.
std::string record_to_json_line(const Record& record, const std::string& file, std::size_t mbox_message = 0);

/// For a file name that is not valid UTF-8: its exact bytes in a form that reads as text (valid
/// UTF-8 as it is, each other byte as \xNN, a backslash doubled), so that a record can be traced
/// back to its file. Empty for a valid UTF-8 name (then "file" is exact).
std::string file_bytes(const std::string& name);

// CSV: the one writer of the CLI's --format csv and of the page's "Export CSV" (through the
// wasm module's csvHeader() and explainForBatch()), so both give the same columns and bytes.

/// The header row: file,mbox_message,recipient,reason,status,reply_code,hard_bounce,destination,
/// decoded_by,category,headline,provider,diagnostic_code (CRLF at the end).
const std::string& csv_header();

/// One row per record (CRLF line ends; none for a report without records). Fields are quoted
/// when they hold a comma, a quote or a line end (RFC 4180), invalid UTF-8 becomes U+FFFD, and a
/// field starting with = + - @ tab or CR gets a leading ' so that spreadsheets show it as text
/// instead of running it as a formula. `mbox_message` 0 leaves that column empty.
std::string to_csv_rows(const Report& report, const std::string& file, std::size_t mbox_message = 0);

/// The row of one record, as to_csv_rows writes it (CRLF included).
std::string to_csv_row(const Record& record, const std::string& file, std::size_t mbox_message = 0);

/// One CSV field as to_csv_rows writes it.
std::string csv_field(const std::string& value);

}  // namespace bx
