// Amazon SES notifications delivered by e-mail through SNS ("AWS Notification Message" from
// no-reply@sns.amazonaws.com): the body is the SES event as JSON. "notificationType" is
// "Bounce" (bounce.bouncedRecipients[] with emailAddress, action, status, diagnosticCode),
// "Complaint" (complaint.complainedRecipients[], a feedback report) or "Delivery"
// (delivery.recipients[] and delivery.smtpResponse). Event publishing names it "eventType";
// the email-json SNS subscription wraps the event, as a string, in the envelope's "Message".
#include "dsn/codes.hpp"
#include "formats/json_lite.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

/// The JSON document in the body. SNS wraps long lines as "!\n " (a "!" then a folded line).
bool read_event(const Context& context, json::Value& event) {
  const std::string& body = context.message.body_text;
  std::size_t start = body.find("{\"");
  if (start == std::string::npos) return false;
  std::string document;
  for (std::size_t i = start; i < body.size(); ++i) {
    if (body[i] == '!' && i + 2 < body.size() && body[i + 1] == '\n' && body[i + 2] == ' ') {
      i += 2;
      continue;
    }
    document += body[i];
  }
  return json::Parser(document).parse(event) && event.kind == json::Value::Object;
}

void add_bounces(const json::Value& bounce, std::vector<Candidate>& found) {
  bool transient = bounce["bounceType"].text == "Transient";
  // SES's own suppression lists ("Suppressed", "OnAccountSuppressionList"): SES did not even try;
  // the diagnostic's "invalid address" is the history that put the address there.
  const std::string& subtype = bounce["bounceSubType"].text;
  bool suppressed = subtype == "Suppressed" || subtype == "OnAccountSuppressionList";
  for (const json::Value& r : bounce["bouncedRecipients"].items) {
    Candidate c;
    c.recipient = dsn::clean_address(r["emailAddress"].text);
    c.action = r["action"].text.empty() ? (transient ? "delayed" : "failed") : r["action"].text;
    c.status = dsn::find_status_code(r["status"].text);
    c.diagnostic = vendor::typed(r["diagnosticCode"].text);
    c.lhost = vendor::typed(bounce["reportingMTA"].text);
    c.timestamp = bounce["timestamp"].text;
    c.evidence.push_back("\"diagnosticCode\":\"" + r["diagnosticCode"].text + "\"");
    if (suppressed) c.reason = "suppressed";
    found.push_back(std::move(c));
  }
}

void add_complaints(const json::Value& complaint, std::vector<Candidate>& found) {
  for (const json::Value& r : complaint["complainedRecipients"].items) {
    Candidate c;
    c.recipient = dsn::clean_address(r["emailAddress"].text);
    c.reason = "feedback";
    c.feedback_type = complaint["complaintFeedbackType"].text.empty() ? "abuse" : complaint["complaintFeedbackType"].text;
    c.diagnostic = complaint["userAgent"].text;
    c.timestamp = complaint["timestamp"].text;
    c.evidence.push_back("\"notificationType\":\"Complaint\"");
    found.push_back(std::move(c));
  }
}

void add_deliveries(const json::Value& delivery, std::vector<Candidate>& found) {
  for (const json::Value& r : delivery["recipients"].items) {
    Candidate c;
    c.recipient = dsn::clean_address(r.text);
    c.action = "delivered";
    c.diagnostic = delivery["smtpResponse"].text;
    c.lhost = delivery["reportingMTA"].text;
    c.timestamp = delivery["timestamp"].text;
    c.evidence.push_back("\"smtpResponse\":\"" + c.diagnostic + "\"");
    found.push_back(std::move(c));
  }
}

}  // namespace

bool extract_amazonses(const Context& context, std::vector<Candidate>& out) {
  // "notificationType" (SES notifications) or "eventType" (event publishing), possibly escaped
  // inside the "Message" of an SNS envelope (the email-json subscription).
  if (!vendor::body_has(context, "notificationtype") && !vendor::body_has(context, "eventtype")) return false;
  json::Value event;
  if (!read_event(context, event)) return false;
  if (event["notificationType"].text.empty() && event["eventType"].text.empty() && !event["Message"].text.empty()) {
    json::Value inner;
    if (!json::Parser(event["Message"].text).parse(inner)) return false;
    event = std::move(inner);
  }
  std::vector<Candidate> found;
  std::string type = event["notificationType"].text.empty() ? event["eventType"].text : event["notificationType"].text;
  if (type == "Bounce") add_bounces(event["bounce"], found);
  else if (type == "Complaint") add_complaints(event["complaint"], found);
  else if (type == "Delivery") add_deliveries(event["delivery"], found);
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
