// The report as JSON, keys in a fixed, readable order so output is stable (README "The report").
#include "bx/report.hpp"
#include "bx/version.hpp"
#include "report/json_writer.hpp"
#include "report/route_json.hpp"
#include "text/text.hpp"

namespace bx {
namespace {

using report::JsonWriter;

/// "file" (as valid UTF-8), "file_bytes" when the name is not valid UTF-8, "mbox_message" when set.
void write_file_fields(JsonWriter& w, const std::string& file, std::size_t mbox_message) {
  w.key("file").value(file);
  if (std::string bytes = file_bytes(file); !bytes.empty()) w.key("file_bytes").value(bytes);
  if (mbox_message > 0) w.key("mbox_message").value(mbox_message);
}

void write_links(JsonWriter& w, const std::vector<Link>& links) {
  w.begin_array();
  for (const Link& l : links) w.begin_object().key("title").value(l.title).key("url").value(l.url).end_object();
  w.end_array();
}

void write_provider(JsonWriter& w, const Explanation& e) {
  if (e.provider_id.empty()) {
    w.null();
    return;
  }
  w.begin_object().key("id").value(e.provider_id).key("name").value(e.provider_name);
  w.key("url").value(e.provider_url).end_object();
}

void write_blocklist(JsonWriter& w, const Explanation& e) {
  if (e.blocklist_id.empty()) {
    w.null();
    return;
  }
  w.begin_object().key("id").value(e.blocklist_id).key("name").value(e.blocklist_name);
  w.key("lookup_url").value(e.blocklist_lookup_url).key("delist_url").value(e.blocklist_delist_url).end_object();
}

void write_sender_provider(JsonWriter& w, const Explanation& e) {
  if (e.sender_provider_id.empty()) {
    w.null();
    return;
  }
  w.begin_object().key("id").value(e.sender_provider_id).key("name").value(e.sender_provider_name).end_object();
}

void write_explanation(JsonWriter& w, const Explanation& e) {
  w.begin_object();
  w.key("category").value(e.category).key("category_title").value(e.category_title);
  w.key("reason_title").value(e.reason_title);
  w.key("headline").value(e.headline).key("summary").value(e.summary);
  w.key("who_acts").strings(e.who_acts).key("who_acts_labels").strings(e.who_acts_labels);
  w.key("retry").value(e.retry);
  w.key("retry_when").string_or_null(e.retry_when).key("retry_after_minutes");
  e.retry_after_minutes ? w.value(static_cast<std::size_t>(e.retry_after_minutes)) : w.null();
  w.key("retry_when_label").string_or_null(e.retry_when_label);
  w.key("situation").string_or_null(e.situation);
  w.key("fix_steps").strings(e.fix_steps);
  w.key("references");
  write_links(w, e.references);
  w.key("status_title").value(e.status_title).key("status_registry_title").string_or_null(e.status_registry_title);
  w.key("reply_title").value(e.reply_title);
  w.key("provider");
  write_provider(w, e);
  w.key("blocklist");
  write_blocklist(w, e);
  w.key("typo_suggestion").string_or_null(e.typo_suggestion);
  w.key("sender_provider");
  write_sender_provider(w, e);
  w.end_object();
}

void write_evidence(JsonWriter& w, const std::vector<Evidence>& evidence) {
  w.begin_array();
  for (const Evidence& e : evidence) {
    w.begin_object().key("begin");
    e.begin ? w.value(*e.begin) : w.null();
    w.key("end");
    e.end ? w.value(*e.end) : w.null();
    w.key("line").value(e.line).key("text").value(e.text).key("label").value(e.label);
    w.key("decoded").string_or_null(e.decoded).key("part");
    if (e.part_begin && e.part_end) w.begin_object().key("begin").value(*e.part_begin).key("end").value(*e.part_end).end_object();
    else w.null();
    w.end_object();
  }
  w.end_array();
}

/// The record's fields, inside an object the caller opened (so `file` can come first).
void write_record_fields(JsonWriter& w, const Record& r) {
  w.key("recipient").value(r.recipient).key("addresser").value(r.addresser);
  w.key("destination").value(r.destination).key("action").value(r.action);
  w.key("reply_code").value(r.reply_code).key("status").value(r.status);
  w.key("smtp_command").value(r.smtp_command).key("reason").value(r.reason);
  w.key("hard_bounce").value(r.hard_bounce).key("diagnostic_code").value(r.diagnostic_code);
  w.key("diagnostic_type").value(r.diagnostic_type).key("feedback_type").value(r.feedback_type);
  w.key("timestamp").value(r.timestamp).key("subject").value(r.subject);
  w.key("message_id").value(r.message_id).key("list_id").value(r.list_id);
  w.key("decoded_by").value(r.decoded_by).key("lhost").value(r.lhost).key("rhost").value(r.rhost);
  w.key("confidence").value(r.confidence);
  w.key("confidence_tier").value(r.confidence_tier).key("confidence_tier_label").value(r.confidence_tier_label);
  w.key("confidence_basis").value(r.confidence_basis);
  w.key("evidence");
  write_evidence(w, r.evidence);
  w.key("explanation");
  write_explanation(w, r.explanation);
}

void write_authentication(JsonWriter& w, const Authentication& a) {
  if (a.source.empty()) {
    w.null();
    return;
  }
  w.begin_object().key("spf").string_or_null(a.spf).key("dkim").string_or_null(a.dkim);
  w.key("dmarc").string_or_null(a.dmarc).key("source").value(a.source).end_object();
}

}  // namespace

const char* to_string(ReportStatus status) {
  switch (status) {
    case ReportStatus::Bounce: return "bounce";
    case ReportStatus::Delayed: return "delayed";
    case ReportStatus::AutoReply: return "auto_reply";
    case ReportStatus::Feedback: return "feedback";
    case ReportStatus::Challenge: return "challenge";
    case ReportStatus::Delivered: return "delivered";
    case ReportStatus::NotABounce: return "not_a_bounce";
    case ReportStatus::Empty: return "empty";
    case ReportStatus::Unusable: return "unusable";
    case ReportStatus::TooLarge: return "too_large";
  }
  return "unusable";
}

std::string file_bytes(const std::string& name) {
  return text::is_valid_utf8(name) ? std::string() : text::escape_invalid_utf8(name);
}

std::string to_json(const Report& report, int indent, const std::string& file, std::size_t mbox_message) {
  std::string out;
  JsonWriter w(out, indent);
  w.begin_object();
  if (!file.empty()) write_file_fields(w, file, mbox_message);
  w.key("schema").value(kReportSchema).key("tool_version").value(kToolVersion).key("kb_version").value(kb_version());
  w.key("status").value(to_string(report.status)).key("message").value(report.message);
  w.key("message_template").value(report.message_template).key("message_params").begin_object();
  for (const auto& [name, value] : report.message_params) w.key(name).value(value);
  w.end_object();
  w.key("records").begin_array();
  for (const Record& r : report.records) {
    w.begin_object();
    write_record_fields(w, r);
    w.end_object();
  }
  w.end_array();
  w.key("authentication");
  write_authentication(w, report.authentication);
  w.key("route");
  report::write_route(w, report.route);
  w.key("warnings").strings(report.warnings);
  w.end_object();
  return out;
}

std::string record_to_json_line(const Record& record, const std::string& file, std::size_t mbox_message) {
  std::string out;
  out.reserve(4096);  // a record with its explanation is 2-3 KB: grow once, not a dozen times
  JsonWriter w(out);
  w.begin_object();
  write_file_fields(w, file, mbox_message);
  write_record_fields(w, record);
  w.end_object();
  return out;
}

}  // namespace bx
