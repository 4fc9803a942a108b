// Amazon SES notifications delivered by e-mail through SNS ("AWS Notification Message" from
// no-reply@sns.amazonaws.com): the body is the SES event as JSON. "notificationType" is
// "Bounce" (bounce.bouncedRecipients[] with emailAddress, action, status, diagnosticCode),
// "Complaint" (complaint.complainedRecipients[], a feedback report) or "Delivery"
// (delivery.recipients[] and delivery.smtpResponse).
#include <memory>

#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

/// Just enough JSON: objects, arrays, strings; numbers and literals are kept as text.
struct Json {
  enum Kind { Null, String, Object, Array } kind = Null;
  std::string text;
  std::vector<std::pair<std::string, Json>> members;
  std::vector<Json> items;

  const Json& operator[](std::string_view key) const {
    static const Json none;
    for (const auto& [k, v] : members)
      if (k == key) return v;
    return none;
  }
};

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}
  bool parse(Json& out, int depth = 0) {
    skip();
    if (pos_ >= s_.size() || depth > 32) return false;
    char c = s_[pos_];
    if (c == '{') return object(out, depth);
    if (c == '[') return array(out, depth);
    if (c == '"') {
      out.kind = Json::String;
      return string(out.text);
    }
    std::size_t start = pos_;
    while (pos_ < s_.size() && s_[pos_] != ',' && s_[pos_] != '}' && s_[pos_] != ']') ++pos_;
    out.kind = Json::String;
    out.text = std::string(text::trim(s_.substr(start, pos_ - start)));
    return pos_ > start;
  }

 private:
  void skip() {
    while (pos_ < s_.size() && text::is_space(s_[pos_])) ++pos_;
  }
  bool string(std::string& out) {
    for (++pos_; pos_ < s_.size(); ++pos_) {
      char c = s_[pos_];
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c == '\\' && pos_ + 1 < s_.size()) {
        char e = s_[++pos_];
        out += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'u' ? '?' : e;
        if (e == 'u') pos_ += 4;
        continue;
      }
      out += c;
    }
    return false;
  }
  bool object(Json& out, int depth) {
    out.kind = Json::Object;
    ++pos_;
    for (;;) {
      skip();
      if (pos_ < s_.size() && s_[pos_] == '}') return ++pos_, true;
      std::string key;
      if (pos_ >= s_.size() || s_[pos_] != '"' || !string(key)) return false;
      skip();
      if (pos_ >= s_.size() || s_[pos_++] != ':') return false;
      Json value;
      if (!parse(value, depth + 1)) return false;
      out.members.emplace_back(std::move(key), std::move(value));
      skip();
      if (pos_ < s_.size() && s_[pos_] == ',') ++pos_;
    }
  }
  bool array(Json& out, int depth) {
    out.kind = Json::Array;
    ++pos_;
    for (;;) {
      skip();
      if (pos_ < s_.size() && s_[pos_] == ']') return ++pos_, true;
      Json value;
      if (!parse(value, depth + 1)) return false;
      out.items.push_back(std::move(value));
      skip();
      if (pos_ < s_.size() && s_[pos_] == ',') ++pos_;
    }
  }
  std::string_view s_;
  std::size_t pos_ = 0;
};

/// The JSON document in the body. SNS wraps long lines as "!\n " (a "!" then a folded line).
bool read_event(const Context& context, Json& event) {
  const std::string& body = context.message.body_text;
  std::size_t start = body.find("{\"");
  if (start == std::string::npos) return false;
  std::string json;
  for (std::size_t i = start; i < body.size(); ++i) {
    if (body[i] == '!' && i + 2 < body.size() && body[i + 1] == '\n' && body[i + 2] == ' ') {
      i += 2;
      continue;
    }
    json += body[i];
  }
  return Parser(json).parse(event) && event.kind == Json::Object;
}

void add_bounces(const Json& bounce, std::vector<Candidate>& found) {
  bool transient = bounce["bounceType"].text == "Transient";
  for (const Json& r : bounce["bouncedRecipients"].items) {
    Candidate c;
    c.recipient = dsn::clean_address(r["emailAddress"].text);
    c.action = r["action"].text.empty() ? (transient ? "delayed" : "failed") : r["action"].text;
    c.status = dsn::find_status_code(r["status"].text);
    c.diagnostic = vendor::typed(r["diagnosticCode"].text);
    c.lhost = vendor::typed(bounce["reportingMTA"].text);
    c.timestamp = bounce["timestamp"].text;
    c.evidence.push_back("\"diagnosticCode\":\"" + r["diagnosticCode"].text + "\"");
    found.push_back(std::move(c));
  }
}

void add_complaints(const Json& complaint, std::vector<Candidate>& found) {
  for (const Json& r : complaint["complainedRecipients"].items) {
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

void add_deliveries(const Json& delivery, std::vector<Candidate>& found) {
  for (const Json& r : delivery["recipients"].items) {
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
  if (!vendor::body_has(context, "\"notificationtype\"")) return false;
  Json event;
  if (!read_event(context, event)) return false;
  std::vector<Candidate> found;
  const std::string& type = event["notificationType"].text;
  if (type == "Bounce") add_bounces(event["bounce"], found);
  else if (type == "Complaint") add_complaints(event["complaint"], found);
  else if (type == "Delivery") add_deliveries(event["delivery"], found);
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
