// Ipswitch IMail Server (X-Mailer "<SMTP32 v8.22>", "Undeliverable Mail" from Postmaster): one
// line per failure, the reason then the address ("User mailbox exceeds allowed size:
// a@example.net", "Delivery failed 20 attempts: a@example.net", "Unknown user:
// a@example.net"), possibly followed by "Body of message generated response:" and the remote
// reply, then "Original message follows."
#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

bool is_imail(const Context& context) {
  std::string_view mailer = context.message.headers.get("x-mailer");
  return text::icontains(mailer, "<smtp32 v") && vendor::body_has(context, "original message follows");
}

/// "Delivery failed 20 attempts": IMail gave up after its retries ran out (the message expired).
void mark_retries_exhausted(Candidate& c) {
  if (text::istarts_with(c.diagnostic, "delivery failed ") && text::icontains(c.diagnostic, " attempts"))
    c.reason = "expired";
}

}  // namespace

bool extract_imailserver(const Context& context, std::vector<Candidate>& out) {
  if (!is_imail(context)) return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::vector<Candidate> found;
  for (std::string_view raw : lines) {
    std::string_view line = text::trim(raw);
    if (text::istarts_with(line, "original message follows") || vendor::is_original_marker(line)) break;
    if (line.empty()) continue;
    std::size_t pos = dsn::find_address_pos(line);
    std::size_t colon = line.rfind(": ", pos);
    if (pos != std::string_view::npos && colon != std::string_view::npos) {
      Candidate c;
      c.recipient = dsn::find_address(line);
      c.action = "failed";
      c.diagnostic = std::string(line.substr(0, colon));
      c.evidence.emplace_back(raw);
      found.push_back(std::move(c));
    } else if (!found.empty()) {
      // "Body of message generated response:" and the remote server's reply.
      vendor::append(found.back().diagnostic, line);
    }
  }
  for (Candidate& c : found) mark_retries_exhausted(c);
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
