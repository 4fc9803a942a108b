// libFuzzer target: the whole pipeline, bx::explain, and the JSON it must always be able to give.
// Properties checked besides "no crash, no sanitizer report": the status agrees with the records,
// Limits::max_records holds, and every JSON output parses (valid UTF-8, valid syntax).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bx/explain.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  bx::Limits limits;
  if (size > 0 && data[0] == 0x01) {  // sometimes with tiny limits, to reach the limit paths
    limits.max_mime_depth = 2;
    limits.max_mime_parts = 4;
    limits.max_headers = 4;
    limits.max_records = 2;
  }
  bx::Report report = bx::explain(input, limits);
  // Records come with a status about delivery; a failure, a delay or a feedback report always
  // has them (an auto-reply, a challenge or a delivery receipt may be read from words alone:
  // "Your message has been delivered to the following recipients").
  using S = bx::ReportStatus;
  const bool about_delivery = report.status == S::Bounce || report.status == S::Delayed ||
                              report.status == S::AutoReply || report.status == S::Feedback ||
                              report.status == S::Challenge || report.status == S::Delivered;
  const bool needs_records = report.status == S::Bounce || report.status == S::Delayed || report.status == S::Feedback;
  if (!report.records.empty() && !about_delivery) std::abort();
  if (report.records.empty() && needs_records) std::abort();
  if (report.records.size() > limits.max_records) std::abort();
  if (report.message.empty()) std::abort();
  std::string json = bx::to_json(report, -1, "fuzz");
  if (nlohmann::json::parse(json, nullptr, false).is_discarded()) std::abort();
  for (const bx::Record& r : report.records) {
    if (nlohmann::json::parse(bx::record_to_json_line(r, "fuzz"), nullptr, false).is_discarded()) std::abort();
    for (const bx::Evidence& e : r.evidence)
      if (e.begin && (*e.begin > size || !e.end || *e.end > size || *e.end < *e.begin)) std::abort();
  }
  return 0;
}
