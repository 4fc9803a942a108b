// Amazon WorkMail (X-Mailer: Amazon WorkMail, sent through SES): "An error occurred while trying
// to deliver the mail to the following recipients:" then the addresses, then "Technical
// report:" with RFC 3464 fields written as plain text. When SES gave up after retries, its
// Diagnostic-Code wraps the remote server's last reply in angle brackets:
//   "554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed out>"
// and the codes of that inner reply are the remote server's own.
#include "dsn/codes.hpp"
#include "dsn/delivery_status.hpp"
#include "formats/scan.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

bool is_workmail(const Context& context) {
  return vendor::body_has(context, "an error occurred while trying to deliver the mail to the following recip") &&
         vendor::body_has(context, "technical report:");
}

/// "... minutes.<421 4.4.2 Connection timed out>" → "421 4.4.2 Connection timed out".
std::string inner_reply(std::string_view diagnostic) {
  std::size_t open = diagnostic.rfind('<');
  if (open == std::string_view::npos || diagnostic.back() != '>') return {};
  std::string_view inner = diagnostic.substr(open + 1, diagnostic.size() - open - 2);
  return is_error_reply_line(inner) ? std::string(inner) : std::string();
}

}  // namespace

bool extract_amazonworkmail(const Context& context, std::vector<Candidate>& out) {
  if (!is_workmail(context)) return false;
  const std::string& body = context.message.body_text;
  std::size_t report = text::ifind(body, "technical report:");
  dsn::DeliveryStatus delivery = dsn::parse_delivery_status(std::string_view(body).substr(report + 17));
  std::vector<Candidate> found;
  for (const mime::Headers& g : delivery.recipients) {
    Candidate c;
    c.recipient = dsn::clean_address(g.get("final-recipient"));
    c.action = text::to_lower(text::trim(g.get("action")));
    c.diagnostic = vendor::typed(g.get("diagnostic-code"));
    c.evidence.push_back("Diagnostic-Code: " + std::string(text::trim(g.get("diagnostic-code"))));
    c.lhost = vendor::typed(delivery.per_message.get("reporting-mta"));
    c.status = dsn::find_status_code(g.get("status"));
    found.push_back(std::move(c));
  }
  std::size_t first = out.size();
  if (!vendor::finish_all(context, found, out)) return false;
  // The codes of the wrapped reply are the remote server's own (finish() read SES's outer ones).
  for (std::size_t i = first; i < out.size(); ++i) {
    std::string inner = inner_reply(out[i].diagnostic);
    if (inner.empty()) continue;
    out[i].reply_code = dsn::find_reply_code(inner);
    std::string status = dsn::find_status_code(inner);
    if (!status.empty()) out[i].status = status;
  }
  return true;
}

}  // namespace bx::formats
