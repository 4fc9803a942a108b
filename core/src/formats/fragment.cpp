// The last resort, and the decoder for pasted fragments: every line that reads as an SMTP error
// reply ("550 5.1.1 <bob@example.com>: User unknown"), with the recipients named on it or on
// the few lines before it. In a whole message it only runs when the envelope says "bounce".
#include "classify/classifier.hpp"
#include "dsn/codes.hpp"
#include "formats/format.hpp"
#include "formats/scan.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

/// Recipient addresses on a line; the sender named after "MAIL FROM:" is not one.
std::vector<std::string> addresses_in(std::string_view line) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while ((pos = dsn::find_address_pos(line, pos)) != std::string_view::npos) {
    std::string a = dsn::find_address(line.substr(pos));
    std::string_view before = line.substr(pos >= 12 ? pos - 12 : 0, pos >= 12 ? 12 : pos);
    if (text::ifind(before, "from:") == std::string_view::npos) out.push_back(a);
    pos += a.empty() ? 1 : a.size();
  }
  return out;
}

/// The recipients of the reply at `lines[i]` (starting at `from`): named in the reply, else
/// before it on its line, else on one of the three lines above.
std::vector<std::string> recipients_of(const std::vector<std::string_view>& lines, std::size_t i, std::size_t from,
                                       const std::string& reply) {
  std::vector<std::string> found = addresses_in(reply);
  if (found.empty()) found = addresses_in(lines[i].substr(0, from));
  for (std::size_t k = i; found.empty() && k > 0 && k + 3 > i; --k) found = addresses_in(lines[k - 1]);
  return found;
}

/// The command the lines around a reply name ("after RCPT TO:", "(in reply to RCPT TO command)").
std::string command_around(const std::vector<std::string_view>& lines, std::size_t i, std::size_t last) {
  std::string window;
  for (std::size_t k = i >= 2 ? i - 2 : 0; k <= last && k < lines.size(); ++k) (window += lines[k]) += '\n';
  return find_smtp_command(window);
}

/// A pasted line without an SMTP reply code: one led by an enhanced status code ("4.4.1 No answer
/// from host"), or, in a short paste, one in a reason's words ("Amazon SES did not send the
/// message to this address because it is on the suppression list"), in a long enough phrase.
Candidate uncoded_line(const std::vector<std::string_view>& lines) {
  constexpr std::size_t kStrongPhrase = 16;  // "address not found" yes, "does not exist" no
  std::size_t non_empty = 0;
  for (std::string_view l : lines) non_empty += text::trim(l).empty() ? 0 : 1;
  Candidate c;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = text::trim(unquote(lines[i]));
    std::string_view first = line.substr(0, line.find(' '));
    if (!first.empty() && first[0] == '#') first.remove_prefix(1);
    bool coded = dsn::is_status_code(first) && line.size() > first.size() + 4;
    if (!coded && !(non_empty <= 3 && classify::longest_reason_phrase(line) >= kStrongPhrase)) continue;
    c.diagnostic = text::squeeze_spaces(line);
    std::vector<std::string> named = addresses_in(line);
    if (!named.empty()) c.recipient = named.front();
    c.evidence.push_back(std::string(lines[i]));
    break;
  }
  return c;
}

}  // namespace

bool extract_fragment(const Context& context, std::vector<Candidate>& out) {
  if (context.message.has_headers && !looks_like_bounce_envelope(context)) return false;
  auto lines = text::split_lines(context.message.body_text);
  std::vector<std::string> seen;
  Candidate anonymous;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::size_t from = find_error_reply(lines[i]);
    if (from == std::string_view::npos) continue;
    std::size_t last = i;
    std::string reply = join_reply(lines, i, &last, from);
    // "Remote Server returned '550 5.1.1 ...'": the closing quote is not the server's.
    char quote = from > 0 ? lines[i][from - 1] : '\0';
    if ((quote == '\'' || quote == '"') && !reply.empty() && reply.back() == quote) reply.pop_back();
    std::vector<std::string> recipients = recipients_of(lines, i, from, reply);
    std::string command = command_around(lines, i, last);
    if (recipients.empty()) {
      if (anonymous.diagnostic.empty()) {
        anonymous.diagnostic = reply;
        anonymous.smtp_command = command;
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
      c.smtp_command = command;
      c.evidence.push_back(std::string(lines[i]));
      complete_codes(c);
      out.push_back(std::move(c));
    }
    i = last;
  }
  if (out.empty() && anonymous.diagnostic.empty() && !context.message.has_headers)
    anonymous = uncoded_line(lines);
  if (out.empty() && !anonymous.diagnostic.empty()) {
    complete_codes(anonymous);
    out.push_back(std::move(anonymous));
  }
  return !out.empty();
}

}  // namespace bx::formats
