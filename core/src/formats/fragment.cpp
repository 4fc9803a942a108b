// The last resort, and the decoder for pasted fragments: every line that reads as an SMTP error
// reply ("550 5.1.1 <bob@example.com>: User unknown"), with the recipients named on it or on
// the few lines before it. In a whole message it only runs when the envelope says "bounce".
#include <algorithm>
#include <map>
#include <set>

#include "classify/classifier.hpp"
#include "classify/notice.hpp"
#include "dsn/codes.hpp"
#include "formats/format.hpp"
#include "formats/scan.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

/// Recipient addresses on a line; the sender named after "MAIL FROM:", "From:", "Absender" ...
/// (kb/notices.json sender_cues) is not one, nor is a message id.
std::vector<std::string> addresses_in(std::string_view line) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while ((pos = dsn::find_address_pos(line, pos)) != std::string_view::npos) {
    std::string a = dsn::find_address(line.substr(pos));
    constexpr std::size_t kCueReach = 24;
    std::size_t from = pos > kCueReach ? pos - kCueReach : 0;
    if (!a.empty() && !classify::names_sender(text::fold_case(line.substr(from, pos - from)))) out.push_back(a);
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

/// The address a Postfix-style paragraph starts with ("<bob@example.com>: host ... said:"), on
/// the reply's line before it or on the unindented line its indented continuation belongs to.
std::string paragraph_recipient(const std::vector<std::string_view>& lines, std::size_t i, std::size_t from) {
  constexpr std::size_t kParagraphLines = 3;
  std::string_view head = lines[i].substr(0, from);
  for (std::size_t k = i; k > 0 && k + kParagraphLines > i && !head.empty() && (head[0] == ' ' || head[0] == '\t');) {
    if (text::trim(head).find('<') != std::string_view::npos) break;  // an address of its own
    head = lines[--k];
  }
  head = text::trim(head);
  if (head.empty() || head[0] != '<') return {};
  std::size_t close = head.find(">:");
  if (close == std::string_view::npos) return {};
  std::vector<std::string> named = addresses_in(head.substr(0, close + 1));
  return named.empty() ? std::string() : named.front();
}

/// The recipients of the reply at `lines[i]` (starting at `from`): named in the reply, else
/// before it on its line, else on one of the three lines above.
std::vector<std::string> recipients_of(const std::vector<std::string_view>& lines, std::size_t i, std::size_t from,
                                       const std::string& reply) {
  // A reply that refuses the sender ("<alice@example.org>: Sender address rejected", "in reply
  // to MAIL FROM command") names the sender: the recipient is the one the notice puts before it.
  std::string folded = text::fold_case(reply);
  bool about_sender = folded.find("sender address rejected") != std::string::npos ||
                      folded.find("in reply to mail from") != std::string::npos;
  // Postfix's "<bob@example.com>: host mx said: 554 ... The message from (<news@...>)": the
  // address that leads the paragraph is the recipient, whatever addresses the reply quotes.
  std::string leading = paragraph_recipient(lines, i, from);
  if (!leading.empty()) return {leading};
  std::vector<std::string> found = about_sender ? std::vector<std::string>() : addresses_in(reply);
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

constexpr std::size_t kPhrase = 10;  // "user unknown", "mailbox full", "宛先不明" and longer

/// A pasted line without an SMTP reply code: one led by an enhanced status code ("4.4.1 No answer
/// from host"), or, in a short paste, one in a reason's words ("Amazon SES did not send the
/// message to this address because it is on the suppression list"), in a long enough phrase,
/// or a shorter one in a line about mail ("Postfach voll", "宛先不明", not "file does not exist").
bool says_reason(std::string_view line) {
  constexpr std::size_t kStrongPhrase = 16;  // "address not found" alone, yes
  constexpr std::size_t kMailPhrase = 8;     // "como spam", "宛先不明" (4 characters of 3 bytes)
  std::size_t phrase = classify::longest_reason_phrase(line);
  if (phrase >= kStrongPhrase) return true;
  // An e-mail address on the line, or a word for mail, makes it about mail.
  return phrase >= kMailPhrase &&
         (dsn::find_address_pos(line) != std::string_view::npos || classify::mentions_mail(text::fold_case(line)));
}

/// `short_paste`: three lines or fewer, where a reason's words alone may stand for the bounce.
Candidate uncoded_line(const std::vector<std::string_view>& lines, bool short_paste) {
  Candidate c;
  std::size_t longest = 0;  // of the uncoded lines taken so far: the longest reason phrase wins
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = text::trim(unquote(lines[i]));
    std::string_view first = line.substr(0, line.find(' '));
    if (!first.empty() && first[0] == '#') first.remove_prefix(1);
    bool coded = dsn::is_status_code(first) && line.size() > first.size() + 4;
    // A program's exception that quotes the server ("The server response was: 5.2.2 <bob@…>:
    // user is over quota"): a failure status inside the line, with words of a reason after it.
    if (!coded) {
      std::string status = dsn::find_status_code(line);
      coded = !status.empty() && (status[0] == '4' || status[0] == '5') && !is_field_like(lines[i]) &&
              classify::longest_reason_phrase(line.substr(line.find(status))) >= kPhrase;
    }
    if (!coded && !(short_paste && says_reason(line))) continue;
    // A heading ("Address not found") says less than the sentence under it ("because the
    // domain … couldn't be found"): a later line wins unless its phrase is shorter (Gmail's
    // Polish heading and sentence are equally long). A line led by a status code is taken at once.
    std::size_t phrase = coded ? 0 : classify::longest_reason_phrase(line);
    if (!coded && phrase < longest) continue;
    longest = phrase;
    c.diagnostic = text::squeeze_spaces(line);
    std::vector<std::string> named = addresses_in(line);
    c.recipient = named.empty() ? std::string() : named.front();
    c.evidence.assign(1, std::string(lines[i]));
    if (coded) break;
  }
  return c;
}

/// Addresses that are not failed recipients: the bounce's own addressee and sender, and the
/// mailboxes of mail systems themselves (MAILER-DAEMON@...).
class NotRecipients {
 public:
  explicit NotRecipients(const Context& context)
      : own_to_(text::to_lower(dsn::find_address(context.message.headers.get("to")))),
        own_from_(text::to_lower(dsn::find_address(context.from))) {}
  bool excludes(const std::string& address) const {
    std::string lower = text::to_lower(address);
    return lower.empty() || lower == own_to_ || lower == own_from_ || lower.rfind("mailer-daemon@", 0) == 0;
  }

 private:
  std::string own_to_, own_from_;
};

/// Line `i` with the indented lines that continue it ("...: Host not\n    found, try again"),
/// up to `end`; `last` is set to its last line.
std::string logical_line(const std::vector<std::string_view>& lines, std::size_t i, std::size_t end, std::size_t& last) {
  std::string logical(lines[i]);
  last = i;
  while (last + 1 < end && last < i + 4 && !text::trim(lines[last + 1]).empty() &&
         (lines[last + 1][0] == ' ' || lines[last + 1][0] == '\t'))
    (logical += ' ') += text::trim(lines[++last]);
  return logical;
}


/// A line that is nothing but a reason's words ("Address not found"): a notice's heading.
bool is_heading(std::string_view logical, std::size_t phrase) {
  return phrase * 10 >= text::trim(logical).size() * 8;
}

/// Lines after a heading where the sentence that explains it may be.
constexpr std::size_t kUnderHeading = 3;

/// Whether one of the few lines from `from` states a reason: the sentence under a heading.
bool reason_follows(const std::vector<std::string_view>& lines, std::size_t from, std::size_t end) {
  for (std::size_t k = from; k < end && k < from + kUnderHeading; ++k)
    if (classify::longest_reason_phrase(lines[k]) >= kPhrase) return true;
  return false;
}

/// A bounce in a layout no decoder knows and without SMTP replies ("  bob@example.com\n
/// retry timeout exceeded"): each line in a reason's words, for the address on it or just
/// above it, up to `end` (where the returned message starts). The bounce's own sender and
/// recipient are not failed recipients.
void phrase_lines(const Context& context, const std::vector<std::string_view>& lines, std::size_t end,
                  std::vector<Candidate>& out) {
  NotRecipients skip(context);
  std::set<std::string> seen;  // lower case: one record per address
  for (std::size_t i = 0; i < end; ++i) {
    std::size_t last = i;
    std::string logical = logical_line(lines, i, end, last);
    std::size_t phrase = classify::longest_reason_phrase(logical);
    if (phrase < kPhrase) continue;
    // "Address not found" over "... because the domain example.co couldn't be found": the
    // sentence says more, and names the same recipient.
    if (is_heading(logical, phrase) && reason_follows(lines, last + 1, end)) continue;
    std::string recipient;  // on the line, else up to six lines above, else on the next two
    auto take = [&](std::string_view line, bool own) {
      if (!own && is_field_like(line)) return;
      for (const std::string& a : addresses_in(line))
        if (recipient.empty() && !skip.excludes(a)) recipient = a;
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

/// Every address the notice names as a recipient ("Your message to X couldn't be delivered",
/// "Delivery has failed to these recipients: Name (X)", "配信できませんでした: X"), in order.
std::vector<std::string> stated_recipients(const Context& context, const std::vector<std::string_view>& lines,
                                           std::size_t end) {
  NotRecipients skip(context);
  std::vector<std::string> found;
  std::set<std::string> seen;  // lower case
  // One more than the record cap: explain() then says that some were left out.
  for (std::size_t i = 0; i < end && found.size() <= context.limits.max_records; ++i)
    for (const std::string& a : addresses_in(lines[i]))
      if (!skip.excludes(a) && seen.insert(text::to_lower(a)).second) found.push_back(a);
  return found;
}

/// Whether a line carries an enhanced status code of a failure ("#5.1.1", "[4.4.7]").
bool has_failure_status(std::string_view line) {
  std::string status = dsn::find_status_code(line);
  return !status.empty() && (status[0] == '4' || status[0] == '5');
}

/// The line of a notice that states the cause: in a reason's words, or with a status code. A
/// heading gives way to the sentence just under it, which says more ("Address not found" /
/// "... because the domain example.co couldn't be found").
Candidate stated_cause(const std::vector<std::string_view>& lines, std::size_t end) {
  Candidate c;
  std::size_t coded = end;
  std::size_t heading = end;
  for (std::size_t i = 0; i < end; ++i) {
    if (heading < end && i > heading + kUnderHeading) break;
    std::size_t last = i;
    std::string logical = logical_line(lines, i, end, last);
    std::size_t phrase = classify::longest_reason_phrase(logical);
    if (phrase >= kPhrase) {
      c.diagnostic = text::squeeze_spaces(unquote(logical));
      c.evidence.assign(1, std::string(lines[i]));
      if (heading < end || !is_heading(logical, phrase)) return c;
      heading = i;
    }
    if (coded == end && !is_field_like(lines[i]) && has_failure_status(lines[i])) coded = i;
    i = last;
  }
  if (heading < end) return c;
  if (coded < end) {
    c.diagnostic = text::squeeze_spaces(unquote(lines[coded]));
    c.evidence.push_back(std::string(lines[coded]));
  }
  return c;
}

/// A notice that says the message was not delivered (or is late) without saying why: its line
/// that says so, marked as stating no cause.
Candidate unstated_cause(const std::vector<std::string_view>& lines, std::size_t end) {
  Candidate c;
  for (std::size_t i = 0; i < end; ++i) {
    if (!(classify::notice_kinds(text::fold_case(lines[i])) & (classify::kNoticeFailed | classify::kNoticeDelayed)))
      continue;
    c.diagnostic = text::squeeze_spaces(unquote(lines[i]));
    c.evidence.push_back(std::string(lines[i]));
    c.cause_unstated = true;
    break;
  }
  return c;
}

/// Whether `later` repeats `earlier` with its words: Microsoft's NDR gives "Status code: 550
/// 5.7.133" and then "Error: 550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; ...".
bool says_more(const std::string& later, const std::string& earlier) {
  return later.size() > earlier.size() && later.compare(0, earlier.size(), earlier) == 0;
}

void upgrade(Candidate& c, const std::string& reply, std::string_view line) {
  c.diagnostic = reply;
  c.evidence.assign(1, std::string(line));
  complete_codes(c);
}

/// The first SMTP error reply of each recipient named on or just above it (or a later one that
/// repeats it with its words); the first reply that names none is returned (the notice may name
/// its recipient elsewhere).
Candidate replies_with_recipients(const std::vector<std::string_view>& lines, std::vector<Candidate>& out) {
  std::map<std::string, std::size_t> seen;  // lower case → its record in `out`: one per address
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
    if (recipients.empty() && !out.empty() && says_more(reply, out.back().diagnostic)) {
      upgrade(out.back(), reply, lines[i]);  // the reply above it, now with its words
      i = last;
      continue;
    }
    if (recipients.empty()) {
      if (anonymous.diagnostic.empty() || says_more(reply, anonymous.diagnostic)) {
        anonymous.diagnostic = reply;
        anonymous.smtp_command = command;
        anonymous.evidence.assign(1, std::string(lines[i]));
      }
      i = last;
      continue;
    }
    for (const std::string& r : recipients) {
      auto [at, added] = seen.emplace(text::to_lower(r), out.size());
      if (!added) {
        if (says_more(reply, out[at->second].diagnostic)) upgrade(out[at->second], reply, lines[i]);
        continue;
      }
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
  return anonymous;
}

}  // namespace

/// Python's smtplib refuses recipients as a dict of each address and its reply:
/// "SMTPRecipientsRefused: {'bob@example.com': (550, b'5.1.1 ... User unknown'), ...}". Each
/// entry is a recipient with its own reply, on one line however many there are. Linear: every
/// "': (" on the line is looked at once.
void python_refusals(const std::vector<std::string_view>& lines, std::vector<Candidate>& out) {
  for (std::string_view line : lines) {
    if (line.find("': (") == std::string_view::npos && line.find("\": (") == std::string_view::npos) continue;
    for (std::size_t at = 0; (at = line.find(": (", at)) != std::string_view::npos; at += 3) {
      if (at < 2) continue;
      char quote = line[at - 1];
      if (quote != '\'' && quote != '"') continue;
      std::size_t open = line.rfind(quote, at - 2);
      if (open == std::string_view::npos || open + 1 >= at - 1) continue;
      std::string_view rest = line.substr(at + 3);  // "550, b'5.1.1 ...')"
      if (rest.size() < 8 || !text::is_digit(rest[0]) || rest.substr(3, 2) != ", ")
        continue;
      std::string address = dsn::find_address(line.substr(open + 1, at - 1 - (open + 1)));
      std::size_t words = rest.find_first_of("'\"", 5);
      if (address.empty() || words == std::string_view::npos) continue;
      std::size_t close = rest.find(rest[words], words + 1);
      std::string_view said = rest.substr(words + 1, close == std::string_view::npos ? std::string_view::npos : close - words - 1);
      Candidate c;
      c.recipient = address;
      c.diagnostic = std::string(rest.substr(0, 3)) + " " + text::squeeze_spaces(said);
      c.smtp_command = "RCPT";  // smtplib raises it for refused RCPT TO commands
      c.evidence.emplace_back(line);
      complete_codes(c);
      out.push_back(std::move(c));
    }
  }
}

bool extract_fragment(const Context& context, std::vector<Candidate>& out) {
  const bool pasted = !context.message.has_headers;
  const unsigned kinds = context.notice_kinds();
  const bool says_not_delivered = kinds & (classify::kNoticeFailed | classify::kNoticeRefused | classify::kNoticeDelayed);
  // A subject that names a failure's cause ("Warning: bob@example.com - User unknown!") counts as
  // a bounce's envelope too.
  const bool envelope = !pasted && (looks_like_bounce_envelope(context) ||
                                    classify::longest_reason_phrase(context.subject) >= kPhrase);
  if (!pasted && !envelope && !says_not_delivered) return false;
  const auto& lines = context.body_lines();  // split once per message, shared with the other decoders
  const std::size_t end = returned_message_start(lines);
  python_refusals(lines, out);
  Candidate cause = out.empty() ? replies_with_recipients(lines, out) : Candidate();
  std::size_t non_empty = 0;
  for (std::string_view l : lines) non_empty += text::trim(l).empty() ? 0 : 1;
  const bool short_paste = pasted && non_empty <= 3;
  // Without a reply code: a short paste's one line, else each reason line with its address.
  if (out.empty() && cause.diagnostic.empty() && pasted) cause = uncoded_line(lines, short_paste);
  if (out.empty() && cause.diagnostic.empty() && !short_paste && (says_not_delivered || envelope))
    phrase_lines(context, lines, end, out);
  // A notice: its cause where it is stated, for every recipient it names.
  if (out.empty() && cause.diagnostic.empty() && (says_not_delivered || envelope)) cause = stated_cause(lines, end);
  if (out.empty() && cause.diagnostic.empty() && says_not_delivered) cause = unstated_cause(lines, end);
  if (out.empty() && !cause.diagnostic.empty()) {
    complete_codes(cause);
    std::vector<std::string> named = cause.recipient.empty() ? stated_recipients(context, lines, end)
                                                              : std::vector<std::string>{cause.recipient};
    // A message that no mail system sent, naming no recipient, is about something else that
    // failed to arrive (a parcel, a newsletter about bounces).
    if (named.empty() && !pasted && !from_mail_system(context)) return false;
    // Pasted, without a code, an address or a word of mail, and about a parcel: not a bounce.
    if (named.empty() && pasted && cause.reply_code.empty() && cause.status.empty() &&
        (kinds & classify::kNoticeOtherDelivery) && !classify::mentions_mail(context.notice_text()))
      return false;
    if (named.empty()) {
      out.push_back(std::move(cause));
    } else {
      // The cause is said once for all: each recipient gets it cut to the caps, not a whole copy.
      vendor::SharedText shared{cause.diagnostic, {}, cause.smtp_command, {}, {}};
      for (const std::string& line : cause.evidence) shared.evidence.push_back(line);
      for (const std::string& r : named) {
        Candidate& c = out.emplace_back();
        c.recipient = r;
        c.status = cause.status;
        c.reply_code = cause.reply_code;
        c.cause_unstated = cause.cause_unstated;
        vendor::share(context, shared, c);
      }
    }
  }
  // A temporary (4xx) refusal with nothing saying the sender gave up: the server will retry.
  const bool gave_up = kinds & (classify::kNoticeFailed | classify::kNoticeFinal);
  for (Candidate& c : out) {
    c.pasted = pasted;
    bool temporary = (!c.status.empty() && c.status[0] == '4') || (!c.reply_code.empty() && c.reply_code[0] == '4');
    if (c.action.empty() && (classify::is_delay_notice(kinds) || (temporary && !gave_up))) c.action = "delayed";
  }
  return !out.empty();
}

}  // namespace bx::formats
