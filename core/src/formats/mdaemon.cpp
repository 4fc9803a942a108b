// MDaemon ("Permanent Delivery Failure", "The attached message had PERMANENT fatal delivery
// errors!" or "... had a TEMPORARY delivery error"): its "--- Session Transcript ---" logs the
// SMTP exchange with arrows, "--> RCPT To:<a@example.net>" for what it sent and "<-- 550 5.1.1
// ..." for what the server answered, up to "--- End Transcript ---".
#include "dsn/codes.hpp"
#include "formats/scan.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

/// What follows the arrow: "Mon 2026-03-02 09:00:01: <-- 550 ..." → "550 ...".
std::string_view after_arrow(std::string_view line, std::string_view arrow) {
  std::size_t p = line.find(arrow);
  return p == std::string_view::npos ? std::string_view() : text::trim(line.substr(p + arrow.size()));
}

}  // namespace

bool extract_mdaemon(const Context& context, std::vector<Candidate>& out) {
  if (!vendor::body_has(context, "--- session transcript ---")) return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  bool delayed = vendor::body_has(context, "temporary delivery error");
  std::vector<Candidate> found;
  std::string command, rcpt;
  for (std::size_t i = vendor::find_line(lines, "--- session transcript ---"); i < lines.size(); ++i) {
    std::string_view line = text::trim(lines[i]);
    if (text::istarts_with(line, "--- end transcript") || vendor::is_original_marker(line)) break;
    if (std::string_view sent = after_arrow(line, "--> "); !sent.empty()) {
      command = vendor::smtp_command_in(sent);
      if (command == "RCPT") rcpt = dsn::find_address(sent);
    } else if (std::string_view reply = after_arrow(line, "<-- "); is_error_reply_line(reply) && !rcpt.empty()) {
      Candidate c;
      c.recipient = rcpt;
      c.action = delayed ? "delayed" : "failed";
      c.diagnostic = std::string(reply);
      c.smtp_command = command;
      c.evidence.emplace_back(lines[i]);
      found.push_back(std::move(c));
    }
  }
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
