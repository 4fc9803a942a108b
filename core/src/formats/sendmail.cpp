// Sendmail (V8 and the older V5) bounces: "----- The following addresses had permanent fatal
// errors -----" lists the recipients (with "(reason: ...)"), and "----- Transcript of session
// follows -----" holds the SMTP conversation:
//   ... while talking to mx.example.net.:
//   >>> RCPT To:<a@example.net>
//   <<< 550 5.1.1 <a@example.net>... User unknown
//   550 5.1.1 <a@example.net>... User unknown
// The remote server's own reply ("<<<") says more than the RFC 3464 part Sendmail attaches
// (often "Diagnostic-Code: X-Unix; 77" or none), so it is read first; the DSN fills the rest.
#include <algorithm>
#include <unordered_map>

#include "dsn/codes.hpp"
#include "formats/scan.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

struct Reply {
  std::string address;  ///< the recipient the reply is about ("" when not said)
  std::string text, command, rhost, line;
  bool open = false;    ///< "550-..." : more lines of the same reply follow
  std::string first;    ///< its first line, lower case, as the DSN quotes it
};

using ByKey = std::unordered_map<std::string, const Reply*>;

struct Transcript {
  std::vector<Reply> replies;   ///< "<<<" lines, continuation lines joined
  std::vector<Reply> summary;   ///< Sendmail's own "<a@example.net>... reason" lines
  std::vector<Reply> own;       ///< Sendmail's own coded line without an address
  ByKey reply_by_address, reply_by_first, summary_by_address;  ///< first of each, for lookups

  static const Reply* get(const ByKey& m, const std::string& key) {
    auto it = m.find(key);
    return it == m.end() ? nullptr : it->second;
  }
  void index() {
    for (const Reply& r : replies) {
      reply_by_address.emplace(text::to_lower(r.address), &r);
      reply_by_first.emplace(r.first, &r);
    }
    for (const Reply& r : summary) summary_by_address.emplace(text::to_lower(r.address), &r);
  }
};

/// "550-5.7.1 first line" then "550 5.7.1 next line": the next line continues the reply.
bool continues(const std::vector<Reply>& replies, std::string_view reply) {
  if (replies.empty() || reply.size() < 4) return false;
  const std::string& last = replies.back().text;
  return last.size() > 3 && reply.substr(0, 3) == std::string_view(last).substr(0, 3) && replies.back().open;
}

void join_continuation(Reply& r, std::string_view next) {
  r.open = next[3] == '-';
  std::string_view rest = text::trim(next.substr(4));
  std::string status = dsn::find_status_code(r.text.substr(4, 12));
  if (!status.empty() && rest.substr(0, status.size()) == status) rest = text::trim(rest.substr(status.size()));
  vendor::append(r.text, rest);
}

bool is_sendmail(const Context& context) {
  // Sendmail's own headings; "had delivery problems" and the like are other MTAs' imitations.
  return vendor::body_has(context, "----- transcript of session follows -----") ||
         vendor::body_has(context, "----- the following addresses had permanent fatal errors -----") ||
         vendor::body_has(context, "----- the following addresses had transient non-fatal errors -----");
}

bool is_end(std::string_view line) {
  return vendor::is_original_marker(line) || text::istarts_with(line, "----- original message") ||
         text::istarts_with(line, "----- unsent message") || text::istarts_with(line, "----- message header");
}

/// "550 5.1.1 <a@example.net>... User unknown" → address, and what follows "... ".
bool read_summary(std::string_view line, Reply& r) {
  std::size_t dots = line.find("... ");
  if (dots == std::string_view::npos) return false;
  std::string_view head = line.substr(0, dots);
  r.address = dsn::find_address(head);
  std::string_view rest = text::trim(line.substr(dots + 4));
  std::string code = dsn::find_reply_code(head.substr(0, 4));
  r.text = code.empty() || !dsn::find_reply_code(rest.substr(0, 4)).empty() ? std::string(rest) : code + " " + std::string(rest);
  r.line = std::string(line);
  return true;
}

Transcript read_transcript(const vendor::Lines& lines, std::size_t i) {
  Transcript t;
  std::string rhost, command, address;
  for (; i < lines.size(); ++i) {
    std::string_view line = text::trim(lines[i]);
    if (is_end(line)) break;
    if (text::istarts_with(line, "... while talking to")) {
      rhost = std::string(text::trim(line.substr(20)));
      while (!rhost.empty() && (rhost.back() == ':' || rhost.back() == '.')) rhost.pop_back();
    } else if (text::istarts_with(line, ">>> ")) {
      command = vendor::smtp_command_in(line);
      if (command.empty()) command = text::to_lower(line.substr(4, line.find(' ', 4) - 4));
      if (command == "RCPT") address = dsn::find_address(line);
    } else if (text::istarts_with(line, "<<< ")) {
      std::string_view reply = text::trim(line.substr(4));
      if (continues(t.replies, reply)) {
        join_continuation(t.replies.back(), reply);
        continue;
      }
      // An address in a reply names the recipient (with pipelining, RCPT replies follow ">>> DATA"),
      // except in a reply to MAIL: that is the sender's, and the refusal concerns every recipient.
      std::string about = command == "MAIL" ? std::string() : dsn::find_address(reply);
      Reply r{about.empty() && command == "RCPT" ? address : about, std::string(reply), command, rhost,
              std::string(lines[i]), false, {}};
      // "550-5.7.1 ..." reads as "550 5.7.1 ..." once its continuation lines are joined.
      r.open = r.text.size() > 3 && r.text[3] == '-';
      if (r.open) r.text[3] = ' ';
      r.first = text::to_lower(text::squeeze_spaces(r.text));
      t.replies.push_back(std::move(r));
    } else if (Reply r; read_summary(line, r) && !r.address.empty()) {
      t.summary.push_back(std::move(r));
    } else if (is_error_reply_line(line) && t.own.empty()) {
      // Sendmail's own verdict ("554 5.3.0 unknown mailer error 255") for local deliveries.
      t.own.push_back({{}, std::string(line), {}, {}, std::string(lines[i]), false, {}});
    }
  }
  return t;
}

/// The recipients listed under "----- The following addresses had ... errors -----".
std::vector<Candidate> read_recipients(const vendor::Lines& lines, std::size_t i) {
  std::vector<Candidate> found;
  bool pipe_pending = false;
  bool delayed = text::icontains(lines[i], "transient");
  for (++i; i < lines.size(); ++i) {
    std::string_view line = text::trim(lines[i]);
    if (line.empty() && found.empty()) continue;
    if (line.empty() || text::istarts_with(line, "-----") || is_end(line)) break;
    if (text::istarts_with(line, "(reason:")) {
      if (!found.empty()) vendor::append(found.back().diagnostic, text::trim(line.substr(8, line.size() - 9)));
      continue;
    }
    // A program delivery ("|/usr/local/bin/filter") is named by the address it was expanded from.
    bool program = line[0] == '|' || text::istarts_with(line, "\"|");
    bool expansion = text::istarts_with(line, "(expanded from:");
    if (program) {
      pipe_pending = true;
      continue;
    }
    if (line[0] == '(' && !(expansion && pipe_pending)) continue;  // "(expanded from: <list@example.com>)"
    std::string address = dsn::find_address(line);
    if (address.empty()) continue;
    Candidate c;
    c.recipient = address;
    c.action = delayed ? "delayed" : "failed";
    if (pipe_pending) c.diagnostic_type = "X-UNIX";
    pipe_pending = false;
    c.evidence.push_back(std::string(lines[i]));
    found.push_back(std::move(c));
  }
  return found;
}

/// The reply about this recipient; else the session's last reply when it names nobody (Sendmail
/// stops the session there), not another recipient's.
const Reply* reply_for(const Transcript& t, std::string_view recipient) {
  if (const Reply* r = Transcript::get(t.reply_by_address, text::to_lower(recipient))) return r;
  return t.replies.empty() || !t.replies.back().address.empty() ? nullptr : &t.replies.back();
}

/// "550-5.7.1 text" → "550 5.7.1 text" (Sendmail copies only the first line of a reply).
std::string first_line_form(std::string s) {
  if (s.size() > 3 && s[3] == '-') s[3] = ' ';
  return text::squeeze_spaces(s);
}

/// (A reply without an address is every recipient's: it is shared up to the caps, not copied.)
void use(const Context& context, Candidate& c, const Reply& r) {
  vendor::SharedText shared;
  shared.diagnostic = r.text;
  shared.smtp_command = r.command;
  shared.rhost = r.rhost;
  shared.evidence.push_back(r.line);
  if (r.text.empty()) c.diagnostic.clear();
  vendor::share(context, shared, c);
}

/// Which words explain the failure, best first: the remote reply the DSN quotes (whole, from the
/// transcript), the DSN's Diagnostic-Code when it holds a reply, the transcript's reply, then
/// Sendmail's own lines about the recipient, its own coded verdict, and "(reason: ...)".
void apply(const Context& context, const vendor::DsnIndex& index, const Transcript& t, Candidate& c) {
  const mime::Headers* g = index.find(c.recipient);
  std::string quoted = g ? first_line_form(vendor::typed(g->get("diagnostic-code"))) : std::string();
  if (const Reply* r = quoted.empty() ? nullptr : Transcript::get(t.reply_by_first, text::to_lower(quoted))) return use(context, c, *r);
  if (is_error_reply_line(quoted)) {
    c.diagnostic = quoted;
    c.evidence.insert(c.evidence.begin(), "Diagnostic-Code: " + std::string(text::trim(g->get("diagnostic-code"))));
    return;
  }
  const Reply* summary = Transcript::get(t.summary_by_address, text::to_lower(c.recipient));
  if (const Reply* reply = reply_for(t, c.recipient)) {
    use(context, c, *reply);
    if (summary && reply->text.size() <= 4) vendor::append(c.diagnostic, summary->text);
    return;
  }
  if (summary && !dsn::find_reply_code(summary->text).empty()) return use(context, c, *summary);
  if (!t.own.empty()) return use(context, c, t.own.front());
  if (summary && (c.diagnostic.empty() || dsn::find_reply_code(c.diagnostic).empty())) use(context, c, *summary);
}

/// A delivery to a program ("|/usr/local/bin/filter", DSN "X-Actual-Recipient: X-Unix; |...")
/// that failed without any remote server involved: the local mailer program failed.
void mark_program_delivery(const vendor::DsnIndex& index, const Transcript& t, Candidate& c) {
  const mime::Headers* g = index.find(c.recipient);
  bool program = c.diagnostic_type == "X-UNIX" ||
                 (g && text::icontains(g->get("x-actual-recipient"), "|") && text::icontains(g->get("x-actual-recipient"), "x-unix"));
  if (!program || !t.replies.empty()) return;
  c.diagnostic_type = "X-UNIX";
  c.reason = "mailererror";
}

/// "Returned mail: Cannot send message for 4 days": Sendmail gave up because the message sat in
/// its queue too long; a temporary reply in the transcript was only the last of the deferrals.
void mark_queue_timeout(const Context& context, Candidate& c) {
  if (!text::icontains(context.subject, "cannot send message for")) return;
  std::string code = dsn::find_reply_code(c.diagnostic);
  if (c.reason.empty() && (code.empty() || code[0] == '4')) c.reason = "expired";
}

/// A forwarded bounce ("> ----- Transcript of session follows -----"): strip the quote mark
/// from every line so that ">>> DATA" and the blank lines that end sections read as written.
void unquote_forwarded(vendor::Lines& lines) {
  std::size_t marker = vendor::find_line(lines, "----- transcript of session follows -----");
  if (marker == lines.size()) marker = vendor::find_line(lines, "----- the following addresses had");
  if (marker == lines.size() || text::trim(lines[marker])[0] != '>') return;
  for (std::string_view& line : lines) {
    if (line.empty() || line[0] != '>') continue;
    line.remove_prefix(line.size() > 1 && line[1] == ' ' ? 2 : 1);
  }
}

/// Old Sendmail (V5) may name no recipient at all ("421 example.com (smtp)... Deferred"): the
/// returned message's To: says whom it was for.
std::vector<Candidate> recipients_of_returned(const Context& context, const vendor::Lines& lines) {
  std::vector<Candidate> found;
  std::string to = dsn::find_address(context.message.original.get("to"));
  for (std::size_t i = vendor::find_line(lines, "----- unsent message follows -----") + 1; to.empty() && i < lines.size(); ++i) {
    if (text::trim(lines[i]).empty()) break;
    if (text::istarts_with(lines[i], "to:")) to = dsn::find_address(lines[i]);
  }
  if (to.empty()) return found;
  Candidate c;
  c.recipient = to;
  found.push_back(std::move(c));
  return found;
}

/// Without the recipients section: the transcript's "<a@example.net>... reason" lines, else the
/// DSN's recipients, else the returned message's To:.
std::vector<Candidate> unlisted_recipients(const Context& context, const Transcript& t, const vendor::Lines& lines) {
  std::vector<Candidate> found;
  for (const Reply& r : t.summary) {
    found.emplace_back();
    found.back().recipient = r.address;
  }
  if (found.empty()) {
    for (const mime::Headers& g : context.dsn.recipients) {
      found.emplace_back();
      found.back().recipient = dsn::clean_address(g.get("final-recipient"));
    }
  }
  return found.empty() ? recipients_of_returned(context, lines) : found;
}

}  // namespace

bool extract_sendmail(const Context& original, std::vector<Candidate>& out) {
  if (!is_sendmail(original)) return false;
  dsn::DeliveryStatus delivery = vendor::inline_dsn(original);
  Context context = original.with_dsn(delivery);
  vendor::Lines lines = vendor::body_lines(context);  // a copy: unquote_forwarded() edits it
  unquote_forwarded(lines);
  // One section for permanent and one for transient errors may both be there; those after the
  // first attached part belong to the returned message (a bounce of a bounce).
  std::size_t limit = 0;
  while (limit < lines.size() && !is_end(text::trim(lines[limit]))) ++limit;
  std::vector<Candidate> found;
  for (std::size_t at = vendor::find_line(lines, "----- the following addresses had"); at < limit;
       at = vendor::find_line(lines, "----- the following addresses had", at + 1)) {
    std::vector<Candidate> section = read_recipients(lines, at);
    for (Candidate& c : section) found.push_back(std::move(c));
  }
  Transcript t = read_transcript(lines, vendor::find_line(lines, "----- transcript of session follows -----"));
  t.index();
  if (found.empty()) found = unlisted_recipients(context, t, lines);
  bool warning = vendor::body_has(context, "this is a warning message only");
  vendor::DsnIndex index(context.dsn);
  vendor::keep_unique(context, found);  // (the work per recipient below is for those kept only)
  for (Candidate& c : found) {
    apply(context, index, t, c);
    mark_program_delivery(index, t, c);
    mark_queue_timeout(context, c);
    if (c.action.empty() && warning) c.action = "delayed";
  }
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
