// Zoho Mail (mailer-daemon@mail.zoho.com, X-Mailer: Zoho Mail). One line per recipient:
//   "a@example.net Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <a@example.net>... User Unknown"
// and, in its delay warnings, under a Sendmail-like heading:
//   "[Status: Error, Address: <a@example.net>, ResponseCode 421, , Host not reachable.]"
#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

bool is_zoho(const Context& context) {
  bool zoho = text::icontains(context.message.headers.get("x-mailer"), "zoho mail") ||
              text::icontains(context.from, "@mail.zoho.");
  // Pasted without its header, the doubled field names still say Zoho.
  if (vendor::body_has(context, ", error_code :")) return true;
  return zoho && (vendor::body_has(context, "error_code :") || vendor::body_has(context, "responsecode "));
}

/// The value after `label` up to the next comma, trimmed.
std::string field_after(std::string_view line, std::string_view lower_label, std::size_t from = 0) {
  std::size_t p = text::ifind(line, lower_label, from);
  if (p == std::string_view::npos) return {};
  std::string_view rest = line.substr(p + lower_label.size());
  return std::string(text::trim(rest.substr(0, rest.find(','))));
}

Candidate read_line(std::string_view line) {
  Candidate c;
  c.recipient = dsn::find_address(line);
  c.evidence.push_back(std::string(line));
  if (text::istarts_with(line, "[status:")) {
    c.reply_code = field_after(line, "responsecode ");
    std::size_t last = line.rfind(',');
    c.diagnostic = c.reply_code + " " + std::string(text::trim(line.substr(last + 1)));
    if (!c.diagnostic.empty() && c.diagnostic.back() == ']') c.diagnostic.pop_back();
    c.action = "delayed";
    return c;
  }
  // "a@example.net <Zoho's verdict>, ERROR_CODE :550, ERROR_CODE :5.1.1 <the server's words>":
  // written as the reply it was, "550 5.1.1 <words> (<verdict>)".
  std::size_t first = text::ifind(line, "error_code :");
  std::size_t second = text::ifind(line, "error_code :", first + 1);
  c.reply_code = field_after(line, "error_code :");
  std::string_view rest = second == std::string_view::npos ? std::string_view() : line.substr(second + 12);
  c.status = dsn::find_status_code(rest.substr(0, rest.find(' ')));
  if (!c.status.empty()) rest = rest.substr(rest.find(c.status) + c.status.size());
  rest = text::trim(rest);
  if (!rest.empty() && rest[0] == ',') rest = text::trim(rest.substr(1));
  std::size_t at = line.find(c.recipient);
  std::size_t from = at == std::string_view::npos ? 0 : at + c.recipient.size();
  std::string_view verdict = text::trim(line.substr(from, first > from ? first - from : 0));
  if (!verdict.empty() && verdict.back() == ',') verdict.remove_suffix(1);
  c.diagnostic = text::squeeze_spaces(c.reply_code + " " + c.status + " " + std::string(rest));
  if (!verdict.empty()) c.diagnostic += " (" + std::string(verdict) + ")";
  c.action = "failed";
  return c;
}

}  // namespace

bool extract_zoho(const Context& context, std::vector<Candidate>& out) {
  if (!is_zoho(context)) return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::vector<Candidate> found;
  for (std::string_view raw : lines) {
    std::string_view line = text::trim(raw);
    if (vendor::is_original_marker(line) || text::istarts_with(line, "received:")) break;
    bool coded = text::icontains(line, "error_code :") || text::istarts_with(line, "[status:");
    if (coded && !dsn::find_address(line).empty()) found.push_back(read_line(line));
  }
  bool delayed = text::icontains(context.subject, "delay");
  for (Candidate& c : found) {
    if (delayed) c.action = "delayed";
    // A temporary reply in the final notice: Zoho stopped retrying it (Sisimai: expired).
    else if (!c.reply_code.empty() && c.reply_code[0] == '4') c.reason = "expired";
  }
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
