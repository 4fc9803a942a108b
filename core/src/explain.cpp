// The pipeline, in one place: input checks → line ends → MIME → DSN → decoders (ordered
// registry) → classification → explanation. Each stage is a plain function of the one before.
#include "bx/explain.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include "bx/outlook_msg.hpp"
#include "classify/classifier.hpp"
#include "classify/notice.hpp"
#include "dsn/codes.hpp"
#include "dsn/delivery_status.hpp"
#include "formats/format.hpp"
#include "mime/mime.hpp"
#include "report/assemble.hpp"
#include "report/route.hpp"
#include "report/words.hpp"
#include "text/codec.hpp"
#include "text/text.hpp"

namespace bx {
namespace {

namespace sentences = kb::sentences;
using report::say;

/// Sets the report's message: the sentence's text, and its id and parameters.
void set_message(Report& r, report::Said message) {
  r.message = std::move(message.text);
  r.message_template = std::move(message.id);
  r.message_params = std::move(message.params);
}

Report status_only(ReportStatus status, report::Said message) {
  Report r;
  r.status = status;
  set_message(r, std::move(message));
  return r;
}

/// The word after "method=" (or "method = ", as Microsoft writes "Spf= Fail") in a lower-case
/// text, where "method" starts a word: "" when absent.
std::string verdict_after(std::string_view lower, std::string_view method) {
  for (std::size_t p = lower.find(method); p != std::string_view::npos; p = lower.find(method, p + 1)) {
    if (p > 0 && lower[p - 1] != ' ' && lower[p - 1] != ';' && lower[p - 1] != ',' && lower[p - 1] != '(' &&
        lower[p - 1] != '[')
      continue;
    std::size_t at = p + method.size();
    while (at < lower.size() && lower[at] == ' ') ++at;
    if (at >= lower.size() || lower[at] != '=') continue;
    ++at;
    while (at < lower.size() && lower[at] == ' ') ++at;
    std::size_t end = at;
    while (end < lower.size() && lower[end] >= 'a' && lower[end] <= 'z') ++end;
    if (end > at) return std::string(lower.substr(at, end - at));
  }
  return {};
}

/// Fills the verdicts `a` still lacks from one text; true when it gave any.
bool take_verdicts(Authentication& a, std::string_view text) {
  std::string lower = text::to_lower(text);
  bool any = false;
  for (auto [method, into] : {std::pair<std::string_view, std::string*>{"spf", &a.spf}, {"dkim", &a.dkim}, {"dmarc", &a.dmarc}}) {
    if (!into->empty()) continue;
    *into = verdict_after(lower, method);
    any = any || !into->empty();
  }
  return any;
}

void add_source(Authentication& a, std::string_view what) {
  a.source += (a.source.empty() ? "" : " | ") + std::string(what);
}

/// SPF, DKIM and DMARC of the original message, from the headers of its returned copy: the
/// first Authentication-Results that has any, then ARC-Authentication-Results and Received-SPF
/// for what is still missing. The bounce's own header is about the bounce, never read here.
Authentication read_authentication(const mime::Headers& original) {
  Authentication a;
  for (const char* field : {"authentication-results", "arc-authentication-results"}) {
    for (std::string_view value : original.get_all(field)) {
      if (!take_verdicts(a, value)) continue;
      add_source(a, std::string(field == std::string_view("authentication-results") ? "Authentication-Results: "
                                                                                     : "ARC-Authentication-Results: ") +
                        text::squeeze_spaces(value));
      break;
    }
  }
  if (a.spf.empty()) {
    std::string_view received_spf = text::trim(original.get("received-spf"));
    std::size_t word = 0;
    while (word < received_spf.size() && std::isalpha(static_cast<unsigned char>(received_spf[word]))) ++word;
    if (word > 0) {
      a.spf = text::to_lower(received_spf.substr(0, word));
      add_source(a, "Received-SPF: " + text::squeeze_spaces(received_spf));
    }
  }
  return a;
}

/// When the returned copy has no results, a diagnostic may quote them (Microsoft: "Spf= Fail,
/// Dkim= Pass, ..."; Gmail: "Authentication results: dmarc=fail spf=fail dkim=none").
void read_quoted_authentication(Authentication& a, const std::vector<formats::Candidate>& candidates) {
  if (!a.source.empty()) return;
  for (const formats::Candidate& c : candidates) {
    if (!take_verdicts(a, c.diagnostic)) continue;
    a.source = "Diagnostic: " + text::sanitize_utf8(c.diagnostic);
    return;
  }
}

/// What every record says about the returned message (and the bounce's date), read once per
/// report and cut at Limits::max_field_bytes: every record carries a copy.
struct ReturnedMessage {
  std::string addresser, subject, message_id, list_id, date;
  unsigned cut = 0;  ///< formats::Candidate::Cut bits
};

ReturnedMessage read_returned_message(const mime::Headers& original, const mime::Headers& bounce, const Limits& limits) {
  ReturnedMessage m{dsn::find_address(original.get("from")), text::decode_header_words(original.get("subject")),
                    std::string(text::trim(original.get("message-id"))), std::string(text::trim(original.get("list-id"))),
                    text::squeeze_spaces(bounce.get("date"))};
  for (std::string* field : {&m.addresser, &m.subject, &m.message_id, &m.list_id, &m.date})
    if (text::cut_utf8(*field, limits.max_field_bytes)) m.cut |= formats::Candidate::kFieldCut;
  return m;
}

/// Cuts a candidate's text to the caps of `limits` before any work is done on it (classification
/// reads the diagnostic, evidence is looked up in the input): what the decoder did not cut already.
void bound(formats::Candidate& c, const Limits& limits) {
  using formats::Candidate;
  if (text::cut_utf8(c.diagnostic, limits.max_diagnostic_bytes)) c.cut |= Candidate::kDiagnosticCut;
  if (c.evidence.size() > limits.max_evidence_lines) {
    c.evidence.resize(limits.max_evidence_lines);
    c.cut |= Candidate::kEvidenceCut;
  }
  for (std::string& line : c.evidence)
    if (text::cut_utf8(line, limits.max_field_bytes)) c.cut |= Candidate::kFieldCut;
  for (std::string* field : {&c.recipient, &c.action, &c.status, &c.reply_code, &c.diagnostic_type, &c.smtp_command,
                             &c.rhost, &c.lhost, &c.reason, &c.feedback_type, &c.timestamp})
    if (text::cut_utf8(*field, limits.max_field_bytes)) c.cut |= Candidate::kFieldCut;
}

/// One warning for each cap of a record's text that was hit (`cut`: Candidate::Cut bits).
/// Adds `warning` unless the report already gives it (one cap, one sentence).
void add_once(std::vector<std::string>& warnings, std::string warning) {
  if (std::find(warnings.begin(), warnings.end(), warning) == warnings.end()) warnings.push_back(std::move(warning));
}

void warn_cuts(unsigned cut, const Limits& limits, std::vector<std::string>& warnings) {
  using formats::Candidate;
  if (cut & Candidate::kDiagnosticCut)
    warnings.push_back(say(sentences::kWarningDiagnosticCut, std::to_string(limits.max_diagnostic_bytes)));
  if (cut & Candidate::kEvidenceCut)
    warnings.push_back(say(sentences::kWarningEvidenceCut, std::to_string(limits.max_evidence_lines)));
  if (cut & Candidate::kFieldCut) warnings.push_back(say(sentences::kWarningFieldCut, std::to_string(limits.max_field_bytes)));
  if (cut & Candidate::kHeaderFieldsCut) add_once(warnings, mime::too_many_fields_warning(limits.max_headers));
}

Record make_record(const formats::Candidate& c, const formats::Format& format, const ReturnedMessage& original,
                   report::EvidenceIndex& evidence, const Authentication& auth, std::string_view bounce_from) {
  Record r;
  r.recipient = c.recipient;
  r.destination = dsn::domain_of(c.recipient);
  r.action = c.action.empty() ? "failed" : c.action;
  r.reply_code = c.reply_code;
  r.status = c.status;
  r.smtp_command = c.smtp_command;
  r.diagnostic_code = text::sanitize_utf8(c.diagnostic);
  r.diagnostic_type = c.diagnostic_type.empty() && !c.diagnostic.empty() ? "SMTP" : c.diagnostic_type;
  r.feedback_type = c.feedback_type;
  r.timestamp = c.timestamp.empty() ? original.date : c.timestamp;
  r.rhost = c.rhost;
  r.lhost = c.lhost;
  r.decoded_by = format.id;
  r.addresser = original.addresser;
  r.subject = original.subject;
  r.message_id = original.message_id;
  r.list_id = original.list_id;

  classify::Findings found = classify::find_knowledge(c);
  classify::Verdict verdict = classify::classify(c, found);
  r.reason = verdict.reason;
  r.confidence = verdict.confidence;
  r.confidence_tier = classify::confidence_tier(verdict.confidence);
  r.confidence_basis = verdict.basis;
  if (r.reason == "feedback" || r.reason == "vacation") r.action = "";
  if (r.reason == "delivered") r.action = "delivered";
  r.hard_bounce = classify::is_hard_bounce(r.reason, r.status, r.reply_code);
  r.evidence = report::locate_evidence(c, evidence);
  report::explain_record(r, found, auth, bounce_from);
  return r;
}

/// Log lines and sending-service events state each action themselves (Exim's "**", Postfix's
/// status=bounced): they are never overridden.
bool states_actions(std::string_view format_id) { return format_id == "mtalog" || format_id == "espwebhook"; }

bool may_be_delayed(const formats::Candidate& c, bool actions_stated) {
  if (c.action.empty()) return true;
  if (c.action != "failed" || actions_stated) return false;
  return c.status.rfind('5', 0) != 0 && c.reply_code.rfind('5', 0) != 0;
}

/// A layout read from text (no RFC 3464 part states each recipient's Action) whose notice says
/// delivery is only late ("Delivery incomplete ... will retry for 46 more hours"). A layout
/// decoder calls every recipient it lists failed; a warning-only notice (Postfix's "THIS IS A
/// WARNING ONLY", Courier's "DELAYS IN DELIVERING") lists recipients still being retried: only a
/// permanent (5xx) reply keeps such a recipient failed.
void mark_delays(const formats::Context& context, std::string_view format_id, std::vector<formats::Candidate>& candidates) {
  if (!context.message.delivery_status.empty()) return;
  const bool stated = states_actions(format_id);
  auto open = [stated](const formats::Candidate& c) { return may_be_delayed(c, stated); };
  if (!std::any_of(candidates.begin(), candidates.end(), open)) return;
  // Recipients with no action: the whole notice decides. Recipients a layout called failed: its
  // heading, near the top, says whether the notice is only a warning.
  bool unstated = std::any_of(candidates.begin(), candidates.end(), [](const auto& c) { return c.action.empty(); });
  if (!classify::is_delay_notice(unstated ? context.notice_kinds() : context.opening_kinds())) return;
  for (formats::Candidate& c : candidates)
    if (open(c)) c.action = "delayed";
}

/// A notice that says the queue lifetime ran out ("Message will be deleted from queue", "aus der
/// Warteschlange gelöscht"): a connection that kept failing until then, or a cause not stated,
/// is the expiry itself (Sisimai: expired), not a network error of the moment. A name that never
/// resolved stays a network error, as Sisimai reads Sendmail's "host name lookup failure".
void mark_expired(const formats::Context& context, std::vector<formats::Candidate>& candidates) {
  // A DSN says it in its Status field (X.4.7); without one, only a record without a permanent
  // (5.x.x) status can be an expiry, and otherwise the notice is not read at all.
  if (!context.message.delivery_status.empty()) return;
  auto open = [](const formats::Candidate& c) {
    return c.reason.empty() && c.action != "delayed" && (c.status.empty() || c.status[0] == '4');
  };
  if (std::none_of(candidates.begin(), candidates.end(), open)) return;
  if (!(context.opening_kinds() & classify::kNoticeExpired)) return;
  for (formats::Candidate& c : candidates) {
    if (!open(c)) continue;
    if (text::icontains(c.diagnostic, "lookup") || text::icontains(c.diagnostic, "name server")) continue;
    const std::string reason = classify::classify(c).reason;
    if (reason == "networkerror" || reason == "undefined" || reason == "onhold") c.reason = "expired";
  }
}

/// A record that says a message did not reach its recipient (not a delay, an auto-reply, ...).
bool is_failure(const Record& r) {
  return r.action != "delayed" && r.action != "delivered" && r.action != "relayed" && r.action != "expanded" &&
         r.reason != "vacation" && r.reason != "feedback" && r.reason != "delivered";
}

/// What a report without failures is, from its records: a delay beats a feedback report, which
/// beats an auto-reply, which beats a delivery report.
ReportStatus status_of_records(const std::vector<Record>& records) {
  auto any = [&records](auto&& test) { return std::any_of(records.begin(), records.end(), test); };
  if (any([](const Record& r) { return r.action == "delayed"; })) return ReportStatus::Delayed;
  if (any([](const Record& r) { return r.reason == "feedback"; })) return ReportStatus::Feedback;
  if (any([](const Record& r) { return r.reason == "vacation"; })) return ReportStatus::AutoReply;
  return ReportStatus::Delivered;
}

/// What a text without records is, from its wording: a challenge, a delivery receipt, an
/// auto-reply, or none of these.
ReportStatus status_of_words(unsigned kinds) {
  if (kinds & classify::kNoticeChallenge) return ReportStatus::Challenge;
  if (classify::is_delivery_notice(kinds))
    return ReportStatus::Delivered;
  if (kinds & classify::kNoticeAutoReply) return ReportStatus::AutoReply;
  return ReportStatus::NotABounce;
}

/// One sentence for a person about a report that holds no failure.
report::Said message_without_failures(ReportStatus status) {
  switch (status) {
    case ReportStatus::Delayed: return report::said(sentences::kStatusDelayed);
    case ReportStatus::Feedback: return report::said(sentences::kStatusFeedback);
    case ReportStatus::AutoReply: return report::said(sentences::kStatusAutoReply);
    case ReportStatus::Challenge: return report::said(sentences::kStatusChallenge);
    case ReportStatus::Delivered: return report::said(sentences::kStatusDelivered);
    default: return report::said(sentences::kStatusNotABounce);
  }
}

/// "2 recipients were not reached." (and that the other records are not failures).
report::Said message_of_failures(std::size_t failed, std::size_t records) {
  const std::string count = std::to_string(failed);
  if (failed == records)
    return failed == 1 ? report::said(sentences::kStatusBounceOne, count) : report::said(sentences::kStatusBounceMany, count);
  return failed == 1 ? report::said(sentences::kStatusBounceOneWithOthers, count)
                     : report::said(sentences::kStatusBounceManyWithOthers, count);
}

/// The status of a report: a failure if any record is one, else what its records or, without
/// records, its wording say it is.
void settle_status(Report& report, const formats::Context& context) {
  const auto& records = report.records;
  std::size_t failed = static_cast<std::size_t>(std::count_if(records.begin(), records.end(), is_failure));
  if (failed > 0) {
    report.status = ReportStatus::Bounce;
    set_message(report, message_of_failures(failed, records.size()));
    return;
  }
  report.status = records.empty() ? status_of_words(context.notice_kinds()) : status_of_records(records);
  set_message(report, message_without_failures(report.status));
}

}  // namespace

Report explain(std::string_view input, const Limits& limits) {
  if (input.size() > limits.max_input_bytes)
    return status_only(ReportStatus::TooLarge,
                       report::said(sentences::kStatusTooLarge, std::to_string(limits.max_input_bytes >> 20)));
  // An Outlook .msg file (an OLE compound file): read into text, then explained as that text.
  if (is_compound_file(input)) return explain_outlook_msg(input, limits);
  if (text::trim(input).empty())
    return status_only(ReportStatus::Empty, report::said(sentences::kStatusEmpty));
  if (!text::looks_like_text(input))
    return status_only(ReportStatus::Unusable, report::said(sentences::kStatusUnusable));

  text::Normalized normalized(input);
  mime::Message msg = mime::parse(normalized.text(), limits);
  dsn::DeliveryStatus delivery = dsn::parse_delivery_status(msg.delivery_status, limits.max_headers);
  formats::Context context{msg, delivery, msg.headers.get_decoded("subject"), msg.headers.get_decoded("from"), limits};

  Report report;
  report.warnings = msg.warnings;
  if (delivery.fields_dropped) add_once(report.warnings, mime::too_many_fields_warning(limits.max_headers));
  report.authentication = read_authentication(msg.original);
  const std::string bounce_from = dsn::find_address(msg.headers.get("from"));
  for (const formats::Format& format : formats::registry()) {
    std::vector<formats::Candidate> candidates;
    if (!format.extract(context, candidates) || candidates.empty()) continue;
    const bool dropped = candidates.size() > limits.max_records;
    if (dropped) candidates.resize(limits.max_records);
    mark_delays(context, format.id, candidates);
    mark_expired(context, candidates);
    read_quoted_authentication(report.authentication, candidates);
    report::EvidenceIndex evidence(normalized, msg, candidates.size());
    const ReturnedMessage original = read_returned_message(msg.original, msg.headers, limits);
    unsigned cut = original.cut;
    report.records.reserve(candidates.size());
    for (formats::Candidate& c : candidates) {
      bound(c, limits);
      cut |= c.cut;
      report.records.push_back(make_record(c, format, original, evidence, report.authentication, bounce_from));
    }
    if (dropped)
      report.warnings.push_back(say(sentences::kWarningRecordsCut, std::to_string(limits.max_records)));
    warn_cuts(cut, limits, report.warnings);
    break;
  }
  settle_status(report, context);
  // A message that is not about delivery has no "original message" whose route would matter.
  if (report.status != ReportStatus::NotABounce) report.route = report::read_route(context, report.records, report.warnings);
  return report;
}

}  // namespace bx
