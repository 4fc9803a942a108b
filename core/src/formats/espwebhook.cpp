// Bounce events of e-mail sending services as their webhooks post them (pasted into the
// explainer as JSON): SendGrid ({"email", "event": "bounce|dropped|deferred|blocked", "reason" or
// "response", "status"}), Mailjet (the same "email" and "event", with "error" and "comment"), Mailgun ({"event": "failed", "severity", "recipient",
// "delivery-status": {"code", "message", "description", "mx-host"}}, possibly inside
// "event-data"), Postmark ({"RecordType": "Bounce", "Type", "Email", "Details"}), Mandrill
// ({"event": "hard_bounce|soft_bounce", "msg": {"email", "diag"}}), Resend ({"type": "email.bounced",
// "data": {"to", "bounce"}}) and SparkPost
// ({"msys": {"message_event": {"type": "bounce", "rcpt_to", "raw_reason", "error_code"}}}).
#include "dsn/codes.hpp"
#include "formats/json_lite.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

using json::Value;

Candidate make(std::string_view recipient, std::string_view diagnostic, bool delayed) {
  Candidate c;
  c.recipient = dsn::clean_address(recipient);
  c.diagnostic = vendor::typed(diagnostic);  // "smtp;550 5.1.1 ..." → "550 5.1.1 ..."
  c.action = delayed ? "delayed" : "failed";
  c.evidence.push_back(std::string(diagnostic));
  return c;
}

bool sendgrid(const Value& e, std::vector<Candidate>& found) {
  const std::string& event = e["event"].text;
  if (e["email"].text.empty() || (event != "bounce" && event != "dropped" && event != "deferred" && event != "blocked"))
    return false;
  std::string words = !e["reason"].text.empty() ? e["reason"].text : e["response"].text;
  if (words.empty()) {  // Mailjet: "error": "user unknown", "comment": the server's words
    words = e["error"].text;
    if (!e["comment"].text.empty()) words += (words.empty() ? "" : ": ") + e["comment"].text;
  }
  Candidate c = make(e["email"].text, words, event == "deferred");
  c.status = dsn::find_status_code(e["status"].text);
  found.push_back(std::move(c));
  return true;
}

bool mailgun(const Value& e, std::vector<Candidate>& found) {
  if (e["event"].text != "failed" || e["recipient"].text.empty()) return false;
  const Value& status = e["delivery-status"];
  std::string words = status["message"].text.empty() ? status["description"].text : status["message"].text;
  // Mailgun gives the reply code apart ("code": 550) and the rest of the reply as "message".
  if (!status["code"].text.empty() && dsn::find_reply_code(words.substr(0, 4)).empty()) words = status["code"].text + " " + words;
  Candidate c = make(e["recipient"].text, words, e["severity"].text == "temporary");
  c.rhost = status["mx-host"].text;
  found.push_back(std::move(c));
  return true;
}

bool postmark(const Value& e, std::vector<Candidate>& found) {
  if (e["RecordType"].text != "Bounce" || e["Email"].text.empty()) return false;
  const std::string& words = e["Details"].text.empty() ? e["Description"].text : e["Details"].text;
  const std::string& type = e["Type"].text;
  found.push_back(make(e["Email"].text, words, type == "SoftBounce" || type == "Transient"));
  return true;
}

/// Mandrill's rejection list: a "reject" event ({"msg": {"email", "reject": {"reason"}}}) or
/// the send API's {"email", "status": "rejected", "reject_reason"}. Mandrill did not send; an
/// address on its list (after a bounce, a complaint, an unsubscribe, or added by hand) is
/// suppressed (Sisimai: suppressed); other reject reasons are read as words.
bool mandrill_reject(const Value& e, std::vector<Candidate>& found) {
  bool event = e["event"].text == "reject" && !e["msg"]["email"].text.empty();
  bool api = e["status"].text == "rejected" && !e["reject_reason"].text.empty() && !e["email"].text.empty();
  if (!event && !api) return false;
  const std::string& email = event ? e["msg"]["email"].text : e["email"].text;
  const std::string& why = event ? e["msg"]["reject"]["reason"].text : e["reject_reason"].text;
  Candidate c = make(email, why, false);
  static const char* const kListed[] = {"hard-bounce", "soft-bounce", "spam", "unsub", "custom"};
  for (const char* listed : kListed)
    if (why == listed) c.reason = "suppressed";
  found.push_back(std::move(c));
  return true;
}

bool mandrill(const Value& e, std::vector<Candidate>& found) {
  const std::string& event = e["event"].text;
  if ((event != "hard_bounce" && event != "soft_bounce") || e["msg"]["email"].text.empty()) return false;
  found.push_back(make(e["msg"]["email"].text, e["msg"]["diag"].text, event == "soft_bounce"));
  return true;
}

bool sparkpost(const Value& e, std::vector<Candidate>& found) {
  const Value& m = e["msys"]["message_event"];
  if ((m["type"].text != "bounce" && m["type"].text != "out_of_band") || m["rcpt_to"].text.empty()) return false;
  std::string words = m["raw_reason"].text.empty() ? m["reason"].text : m["raw_reason"].text;
  Candidate c = make(m["rcpt_to"].text, words, false);
  if (dsn::find_reply_code(c.diagnostic).empty()) c.reply_code = dsn::find_reply_code(m["error_code"].text);
  found.push_back(std::move(c));
  return true;
}

/// A recipient marked the message as spam: SendGrid "spamreport", Mailjet and Mandrill "spam",
/// Mailgun "complained", Postmark "SpamComplaint", SparkPost "spam_complaint". A feedback report
/// (Sisimai: feedback), not a failure.
bool complaint(const Value& e, std::vector<Candidate>& found) {
  const std::string& event = e["event"].text;
  const Value& sparkpost_event = e["msys"]["message_event"];
  std::string recipient;
  if (event == "spamreport" || event == "spam" || event == "complained")
    recipient = !e["email"].text.empty() ? e["email"].text : !e["recipient"].text.empty() ? e["recipient"].text : e["msg"]["email"].text;
  else if (e["RecordType"].text == "SpamComplaint")
    recipient = e["Email"].text;
  else if (sparkpost_event["type"].text == "spam_complaint")
    recipient = sparkpost_event["rcpt_to"].text;
  if (recipient.empty()) return false;
  Candidate c;
  c.recipient = dsn::clean_address(recipient);
  c.reason = "feedback";
  c.feedback_type = "abuse";
  c.evidence.push_back(!event.empty() ? "event: " + event : "spam complaint");
  found.push_back(std::move(c));
  return true;
}

/// Resend ({"type": "email.bounced" | "email.delivery_delayed" | "email.complained", "data":
/// {"to": [...], "bounce": {"message", "type", "subType"}}}); a "Suppressed" sub-type is Resend's
/// suppression list (Sisimai: suppressed).
bool resend(const Value& e, std::vector<Candidate>& found) {
  const std::string& type = e["type"].text;
  if (type != "email.bounced" && type != "email.delivery_delayed" && type != "email.complained") return false;
  const Value& data = e["data"];
  const Value& bounce = data["bounce"];
  bool any = false;
  for (const Value& to : data["to"].items) {
    if (to.text.empty()) continue;
    Candidate c = make(to.text, bounce["message"].text.empty() ? type : bounce["message"].text,
                       type == "email.delivery_delayed" || bounce["type"].text == "Transient");
    if (type == "email.complained") {
      c.action.clear();
      c.reason = "feedback";
      c.feedback_type = "abuse";
    } else if (bounce["subType"].text == "Suppressed") {
      c.reason = "suppressed";
    }
    found.push_back(std::move(c));
    any = true;
  }
  return any;
}

/// One event object, or Mailgun's {"event-data": {...}} around it.
void read_event(const Value& e, std::vector<Candidate>& found) {
  if (e.kind != Value::Object) return;
  if (e["event-data"].kind == Value::Object) return read_event(e["event-data"], found);
  if (!sendgrid(e, found) && !mailgun(e, found) && !postmark(e, found) && !mandrill(e, found) && !mandrill_reject(e, found) &&
      !complaint(e, found) && !resend(e, found))
    sparkpost(e, found);
}

}  // namespace

bool extract_espwebhook(const Context& context, std::vector<Candidate>& out) {
  // Pasted JSON: the text starts with an object or an array of them.
  std::string_view body = text::trim(context.message.body_text);
  if (body.empty() || (body[0] != '{' && body[0] != '[')) return false;
  Value document;
  if (!json::Parser(body).parse(document)) return false;
  std::vector<Candidate> found;
  if (document.kind == Value::Array)
    for (const Value& e : document.items) read_event(e, found);
  else
    read_event(document, found);
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
