// The report as JSON. Keys keep a fixed, readable order (ordered_json) so output is stable.
#include <nlohmann/json.hpp>

#include "bx/report.hpp"
#include "bx/version.hpp"
#include "text/text.hpp"

namespace bx {
namespace {

using ojson = nlohmann::ordered_json;

ojson or_null(const std::string& s) { return s.empty() ? ojson(nullptr) : ojson(s); }

ojson links_json(const std::vector<Link>& links) {
  ojson out = ojson::array();
  for (const Link& l : links) out.push_back({{"title", l.title}, {"url", l.url}});
  return out;
}

ojson explanation_json(const Explanation& e) {
  ojson j;
  j["category"] = e.category;
  j["category_title"] = e.category_title;
  j["headline"] = e.headline;
  j["summary"] = e.summary;
  j["who_acts"] = e.who_acts;
  j["retry"] = e.retry;
  j["fix_steps"] = e.fix_steps;
  j["references"] = links_json(e.references);
  j["status_title"] = e.status_title;
  j["reply_title"] = e.reply_title;
  j["provider"] = e.provider_id.empty() ? ojson(nullptr)
                                        : ojson{{"id", e.provider_id}, {"name", e.provider_name}, {"url", e.provider_url}};
  j["blocklist"] = e.blocklist_id.empty() ? ojson(nullptr)
                                          : ojson{{"id", e.blocklist_id},
                                                  {"name", e.blocklist_name},
                                                  {"lookup_url", e.blocklist_lookup_url},
                                                  {"delist_url", e.blocklist_delist_url}};
  j["typo_suggestion"] = or_null(e.typo_suggestion);
  return j;
}

ojson record_json(const Record& r) {
  ojson j;
  j["recipient"] = r.recipient;
  j["addresser"] = r.addresser;
  j["destination"] = r.destination;
  j["action"] = r.action;
  j["reply_code"] = r.reply_code;
  j["status"] = r.status;
  j["smtp_command"] = r.smtp_command;
  j["reason"] = r.reason;
  j["hard_bounce"] = r.hard_bounce;
  j["diagnostic_code"] = r.diagnostic_code;
  j["diagnostic_type"] = r.diagnostic_type;
  j["feedback_type"] = r.feedback_type;
  j["timestamp"] = r.timestamp;
  j["subject"] = r.subject;
  j["message_id"] = r.message_id;
  j["list_id"] = r.list_id;
  j["decoded_by"] = r.decoded_by;
  j["lhost"] = r.lhost;
  j["rhost"] = r.rhost;
  j["confidence"] = r.confidence;
  ojson evidence = ojson::array();
  for (const Evidence& e : r.evidence) {
    evidence.push_back({{"begin", e.begin ? ojson(*e.begin) : ojson(nullptr)},
                        {"end", e.end ? ojson(*e.end) : ojson(nullptr)},
                        {"line", e.line},
                        {"text", e.text},
                        {"label", e.label}});
  }
  j["evidence"] = evidence;
  j["explanation"] = explanation_json(r.explanation);
  return j;
}

std::string dump(const ojson& j, int indent) {
  // Replace, never throw: the wasm build cannot catch exceptions.
  return j.dump(indent, ' ', false, ojson::error_handler_t::replace);
}

}  // namespace

const char* to_string(ReportStatus status) {
  switch (status) {
    case ReportStatus::Bounce: return "bounce";
    case ReportStatus::NotABounce: return "not_a_bounce";
    case ReportStatus::Empty: return "empty";
    case ReportStatus::Unusable: return "unusable";
    case ReportStatus::TooLarge: return "too_large";
  }
  return "unusable";
}

std::string to_json(const Report& report, int indent, const std::string& file) {
  ojson j;
  if (!file.empty()) j["file"] = text::sanitize_utf8(file);
  j["schema"] = kReportSchema;
  j["tool_version"] = kToolVersion;
  j["kb_version"] = kb_version();
  j["status"] = to_string(report.status);
  j["message"] = report.message;
  ojson records = ojson::array();
  for (const Record& r : report.records) records.push_back(record_json(r));
  j["records"] = records;
  const Authentication& a = report.authentication;
  j["authentication"] = a.source.empty() ? ojson(nullptr)
                                         : ojson{{"spf", or_null(a.spf)}, {"dkim", or_null(a.dkim)}, {"dmarc", or_null(a.dmarc)}, {"source", a.source}};
  j["warnings"] = report.warnings;
  return dump(j, indent);
}

std::string record_to_json_line(const Record& record, const std::string& file) {
  ojson j;
  j["file"] = text::sanitize_utf8(file);
  ojson fields = record_json(record);  // keep alive: items() only refers to it
  for (auto& [key, value] : fields.items()) j[key] = value;
  return dump(j, -1);
}

}  // namespace bx
