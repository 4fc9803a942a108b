// au by KDDI's EZweb gateway (Postmaster@ezweb.ne.jp, "Mail System Error - Returned Mail"):
// "Each of the following recipients was rejected by a remote mail server." then, per recipient,
//   Recipient: <a@ezweb.ne.jp>
//   >>> RCPT TO:<a@ezweb.ne.jp>
//   <<< 550 <a@ezweb.ne.jp>: User unknown
// Older notices give one English sentence ("The user(s) account is disabled.") and the
// recipient alone on a line in angle brackets; the Japanese lines repeat the same in prose.
#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

bool is_ezweb(const Context& context) {
  if (vendor::body_has(context, "each of the following recipients was rejected by a remote")) return true;
  bool envelope = text::icontains(context.from, "@ezweb.ne.jp") ||
                  text::icontains(context.subject, "mail system error - returned mail");
  return envelope && (text::icontains(context.from, "postmaster") || vendor::body_has(context, "recipient"));
}

bool is_ascii_prose(std::string_view line) {
  if (line.size() < 8 || line.find("--") == 0) return false;
  for (char ch : line)
    if (static_cast<unsigned char>(ch) >= 0x80 || ch == '$' || ch == '=') return false;
  return !text::istarts_with(line, "this message is in mime format") && !text::istarts_with(line, "content-");
}

}  // namespace

bool extract_ezweb(const Context& context, std::vector<Candidate>& out) {
  if (!is_ezweb(context)) return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::vector<Candidate> found;
  vendor::SharedText shared;  // the gateway's own sentence, for the recipients without a reply
  std::string& prose = shared.diagnostic;
  std::string command;
  for (std::string_view raw : lines) {
    std::string_view line = text::trim(raw);
    if (vendor::is_original_marker(line) || text::istarts_with(line, "received:")) break;
    std::string address = dsn::find_address(line);
    if (text::istarts_with(line, ">>> ")) {
      command = vendor::smtp_command_in(line);
    } else if (text::istarts_with(line, "<<< ") && !found.empty()) {
      vendor::append(found.back().diagnostic, line.substr(4));
      found.back().smtp_command = command;
      vendor::add_evidence_front(context, found.back(), raw);
    } else if (!address.empty() && (text::istarts_with(line, "recipient:") || line[0] == '<')) {
      Candidate c;
      c.recipient = address;
      c.action = "failed";
      c.evidence.push_back(std::string(raw));
      found.push_back(std::move(c));
    } else if (address.empty() && is_ascii_prose(line)) {
      // Without a quoted reply, the gateway's own sentence is all there is to go on.
      vendor::append(prose, line);
    }
  }
  vendor::keep_unique(context, found);
  for (Candidate& c : found)
    if (c.diagnostic.empty()) vendor::share(context, shared, c);
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
