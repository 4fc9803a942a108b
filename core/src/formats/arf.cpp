// RFC 5965 Abuse Reporting Format: a feedback loop report (someone clicked "this is spam", or
// an authentication failure report). One record per reported recipient.
#include "dsn/codes.hpp"
#include "formats/format.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {

namespace {

/// Apple Mail's one-click unsubscribe ("X-Apple-Unsubscribe: true") is an opt-out request from
/// the sender of the mail, reported like an ARF opt-out (Sisimai: feedback).
bool extract_apple_unsubscribe(const Context& context, std::vector<Candidate>& out) {
  if (!text::iequals(text::trim(context.message.headers.get("x-apple-unsubscribe")), "true")) return false;
  Candidate c;
  c.recipient = dsn::find_address(context.message.headers.get("from"));
  c.reason = "feedback";
  c.feedback_type = "opt-out";
  c.diagnostic = text::squeeze_spaces(context.message.body_text.substr(0, 200));
  c.evidence.push_back("X-Apple-Unsubscribe: true");
  out.push_back(std::move(c));
  return true;
}

}  // namespace

bool extract_arf(const Context& context, std::vector<Candidate>& out) {
  const mime::Message& msg = context.message;
  if (extract_apple_unsubscribe(context, out)) return true;
  bool is_report = !msg.feedback_report.empty() ||
                   text::icontains(msg.headers.get("content-type"), "report-type=feedback-report") ||
                   text::icontains(msg.headers.get("content-type"), "report-type=\"feedback-report\"");
  // The report's fields pasted alone ("Feedback-Type: abuse", "Version: 1", ...).
  const bool pasted_report = !is_report && !msg.has_headers && text::istarts_with(text::trim(msg.body_text), "feedback-type:");
  if (!is_report && !pasted_report) return false;
  mime::Headers report;
  bool dropped = false;  // more fields than Limits::max_headers: the report says so
  mime::parse_headers(pasted_report ? std::string_view(text::trim(msg.body_text)) : std::string_view(msg.feedback_report),
                      report, context.limits.max_headers, &dropped);
  std::string feedback_type = text::to_lower(text::trim(report.get("feedback-type")));
  std::vector<std::string_view> recipients = report.get_all("original-rcpt-to");
  std::vector<std::string> addresses;
  for (std::string_view r : recipients) addresses.push_back(dsn::clean_address(r));
  if (addresses.empty()) {
    std::string to = dsn::find_address(msg.original.get("to"));
    if (!to.empty()) addresses.push_back(to);
  }
  if (addresses.empty()) addresses.push_back({});
  for (const std::string& address : addresses) {
    Candidate c;
    c.recipient = address;
    c.reason = "feedback";
    c.feedback_type = feedback_type.empty() ? "abuse" : feedback_type;
    if (dropped) c.cut |= Candidate::kHeaderFieldsCut;
    c.action = "";
    c.diagnostic = text::squeeze_spaces(report.get("user-agent"));
    c.lhost = vendor::typed(report.get("reporting-mta"));  // "dns; mx.example.net" → "mx.example.net"
    c.timestamp = text::squeeze_spaces(report.get("arrival-date"));
    if (!feedback_type.empty()) c.evidence.push_back("Feedback-Type: " + std::string(text::trim(report.get("feedback-type"))));
    out.push_back(std::move(c));
  }
  return true;
}

}  // namespace bx::formats
