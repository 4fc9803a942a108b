// The last resort, and the decoder for pasted fragments: every line that reads as an SMTP error
// reply ("550 5.1.1 <bob@example.com>: User unknown"), with the recipients named on it or on
// the few lines before it. In a whole message it only runs when the envelope says "bounce".
#include <algorithm>
#include <set>

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

/// "To: bob@example.com", "Subject: ...": a header-like line quoting the original message.
bool is_field_like(std::string_view line) {
  line = text::trim(line);
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 20) return false;
  for (char ch : line.substr(0, colon))
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '-')) return false;
  return true;
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

/// The command the lines around a reply name ("after RCPT TO:", "(in reply to RCPT TO command)"),
/// read from line `first` on: not before the previous reply, which answered its own command.
std::string command_around(const std::vector<std::string_view>& lines, std::size_t first, std::size_t i,
                           std::size_t last) {
  std::string window;
  for (std::size_t k = std::max(first, i >= 2 ? i - 2 : 0); k <= last && k < lines.size(); ++k)
    (window += lines[k]) += '\n';
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

/// Where the returned copy of the original message starts (its text is not about the failure).
std::size_t returned_message_start(const std::vector<std::string_view>& lines) {
  static const char* const kMarkers[] = {"content-type: message/rfc822", "content-type: text/rfc822-headers",
                                         "this is a copy of the message", "below this line is a copy of the message",
                                         "original message follows", "----- original message -----"};
  for (std::size_t i = 0; i < lines.size(); ++i)
    for (const char* m : kMarkers)
      if (text::icontains(lines[i], m)) return i;
  return lines.size();
}

/// A bounce in a layout no decoder knows and without SMTP replies ("  bob@example.com\n
/// retry timeout exceeded"): each line in a reason's words, for the address on it or just
/// above it. The bounce's own sender and recipient are not failed recipients.
void phrase_lines(const Context& context, const std::vector<std::string_view>& lines, std::vector<Candidate>& out) {
  constexpr std::size_t kPhrase = 12;  // "user unknown", "mailbox full" and longer
  std::string own_to = text::to_lower(dsn::find_address(context.message.headers.get("to")));
  std::string own_from = text::to_lower(dsn::find_address(context.from));
  auto usable = [&](const std::string& a) {
    std::string lower = text::to_lower(a);
    return !a.empty() && lower != own_to && lower != own_from;
  };
  std::set<std::string> seen;  // lower case: one record per address
  std::size_t end = returned_message_start(lines);
  for (std::size_t i = 0; i < end; ++i) {
    // A wrapped line goes on indented ("...: Host not\n    found, try again"): read it whole.
    std::string logical(lines[i]);
    std::size_t last = i;
    while (last + 1 < end && last < i + 4 && !text::trim(lines[last + 1]).empty() &&
           (lines[last + 1][0] == ' ' || lines[last + 1][0] == '\t'))
      (logical += ' ') += text::trim(lines[++last]);
    if (classify::longest_reason_phrase(logical) < kPhrase) continue;
    std::string recipient;  // on the line, else up to six lines above, else on the next two
    auto take = [&](std::string_view line, bool own) {
      if (!own && is_field_like(line)) return;
      for (const std::string& a : addresses_in(line))
        if (recipient.empty() && usable(a)) recipient = a;
    };
    take(logical, true);
    for (std::size_t k = i; recipient.empty() && k > 0 && k + 6 > i; --k) take(lines[k - 1], false);
    for (std::size_t k = last + 1; recipient.empty() && k < end && k < last + 3; ++k) take(lines[k], false);
    if (recipient.empty() || !seen.insert(text::to_lower(recipient)).second) continue;
    Candidate c;
    c.recipient = recipient;
    c.diagnostic = text::squeeze_spaces(unquote(logical));
    c.evidence.push_back(std::string(lines[i]));
    complete_codes(c);
    out.push_back(std::move(c));
    i = last;
  }
}

}  // namespace

bool extract_fragment(const Context& context, std::vector<Candidate>& out) {
  if (context.message.has_headers && !looks_like_bounce_envelope(context)) return false;
  const auto& lines = context.body_lines();  // split once per message, shared with the other decoders
  std::set<std::string> seen;  // lower case: one record per address
  Candidate anonymous;
  std::size_t after_reply = 0;  // the line after the previous reply
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::size_t from = find_error_reply(lines[i]);
    if (from == std::string_view::npos) continue;
    std::size_t last = i;
    std::string reply = join_reply(lines, i, &last, from);
    // "Remote Server returned '550 5.1.1 ...'": the closing quote is not the server's.
    char quote = from > 0 ? lines[i][from - 1] : '\0';
    if ((quote == '\'' || quote == '"') && !reply.empty() && reply.back() == quote) reply.pop_back();
    // A Postfix log's "status=bounced (host ... said: 550 ... (in reply to RCPT TO command))": a
    // parenthesis the reply never opened closes the log's.
    if (!reply.empty() && reply.back() == ')' &&
        std::count(reply.begin(), reply.end(), ')') > std::count(reply.begin(), reply.end(), '('))
      reply.pop_back();
    std::vector<std::string> recipients = recipients_of(lines, i, from, reply);
    std::string command = command_around(lines, after_reply, i, last);
    after_reply = last + 1;
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
      if (!seen.insert(text::to_lower(r)).second) continue;
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
  if (out.empty() && anonymous.diagnostic.empty() && context.message.has_headers) phrase_lines(context, lines, out);
  if (out.empty() && !anonymous.diagnostic.empty()) {
    complete_codes(anonymous);
    out.push_back(std::move(anonymous));
  }
  for (Candidate& c : out) c.pasted = !context.message.has_headers;
  return !out.empty();
}

}  // namespace bx::formats
