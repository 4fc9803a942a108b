// The last resort, and the decoder for pasted fragments: every line that reads as an SMTP error
// reply ("550 5.1.1 <bob@example.com>: User unknown"), with the recipients named on it or on
// the few lines before it. In a whole message it only runs when the envelope says "bounce".
#include "dsn/codes.hpp"
#include "formats/format.hpp"
#include "formats/scan.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

std::vector<std::string> addresses_in(std::string_view line) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while ((pos = dsn::find_address_pos(line, pos)) != std::string_view::npos) {
    std::string a = dsn::find_address(line.substr(pos));
    out.push_back(a);
    pos += a.empty() ? 1 : a.size();
  }
  return out;
}

}  // namespace

bool extract_fragment(const Context& context, std::vector<Candidate>& out) {
  if (context.message.has_headers && !looks_like_bounce_envelope(context)) return false;
  auto lines = text::split_lines(context.message.body_text);
  std::vector<std::string> seen;
  Candidate anonymous;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!is_error_reply_line(lines[i])) continue;
    std::size_t last = i;
    std::string reply = join_reply(lines, i, &last);
    std::vector<std::string> recipients = addresses_in(reply);
    for (std::size_t k = i; recipients.empty() && k > 0 && k + 3 > i; --k) recipients = addresses_in(lines[k - 1]);
    if (recipients.empty()) {
      if (anonymous.diagnostic.empty()) {
        anonymous.diagnostic = reply;
        anonymous.evidence.push_back(std::string(lines[i]));
      }
      i = last;
      continue;
    }
    for (const std::string& r : recipients) {
      bool dup = false;
      for (const std::string& s : seen) dup = dup || text::iequals(s, r);
      if (dup) continue;
      seen.push_back(r);
      Candidate c;
      c.recipient = r;
      c.diagnostic = reply;
      c.evidence.push_back(std::string(lines[i]));
      complete_codes(c);
      out.push_back(std::move(c));
    }
    i = last;
  }
  if (out.empty() && !anonymous.diagnostic.empty()) {
    complete_codes(anonymous);
    out.push_back(std::move(anonymous));
  }
  return !out.empty();
}

}  // namespace bx::formats
