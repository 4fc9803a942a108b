// The CSV form of a report, shared by the CLI (--format csv) and the page (Export CSV, through
// the wasm module): one writer, so the two exports cannot drift apart in columns or escaping.
#include <string>

#include "bx/report.hpp"
#include "text/text.hpp"

namespace bx {
namespace {

/// A cell starting with one of these is read as a formula by spreadsheet programs (a tab or CR
/// first can hide one from the eye); OWASP's "CSV injection" advice is to prefix a quote.
bool looks_like_formula(const std::string& s) {
  if (s.empty()) return false;
  switch (s[0]) {
    case '=': case '+': case '-': case '@': case '\t': case '\r': return true;
    default: return false;
  }
}

}  // namespace

const std::string& csv_header() {
  static const std::string header =
      "file,mbox_message,recipient,reason,status,reply_code,hard_bounce,destination,decoded_by,category,headline,"
      "provider,diagnostic_code\r\n";
  return header;
}

std::string csv_field(const std::string& value) {
  std::string text = text::sanitize_utf8(value);
  if (looks_like_formula(text)) text.insert(text.begin(), '\'');
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string to_csv_row(const Record& r, const std::string& file, std::size_t mbox_message) {
  const std::string hard = r.hard_bounce ? "true" : "false";
  const std::string* const fields[] = {&r.recipient,  &r.reason,     &r.status,
                                       &r.reply_code, &hard,         &r.destination,
                                       &r.decoded_by, &r.explanation.category,
                                       &r.explanation.headline, &r.explanation.provider_name,
                                       &r.diagnostic_code};
  std::string out = csv_field(file);
  out += ',';
  if (mbox_message) out += std::to_string(mbox_message);
  for (const std::string* f : fields) {
    out += ',';
    out += csv_field(*f);
  }
  out += "\r\n";
  return out;
}

std::string to_csv_rows(const Report& report, const std::string& file, std::size_t mbox_message) {
  std::string out;
  for (const Record& r : report.records) out += to_csv_row(r, file, mbox_message);
  return out;
}

}  // namespace bx
