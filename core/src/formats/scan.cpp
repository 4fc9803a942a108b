#include "formats/scan.hpp"

#include <algorithm>
#include <cstring>
#include <initializer_list>

#include "classify/notice.hpp"
#include "dsn/codes.hpp"
#include "text/text.hpp"

namespace bx::formats {

std::string_view unquote(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && (line[i] == '>' || line[i] == ' ' || line[i] == '\t' || line[i] == '|')) ++i;
  return line.substr(i);
}

namespace {

/// Whether a ':' or ';' stands in the first `n` bytes: every reply prefix ends in one.
bool has_prefix_end(std::string_view line, std::size_t n) {
  for (char c : line.substr(0, n))
    if (c == ':' || c == ';') return true;
  return false;
}

std::string_view strip_reply_prefix(std::string_view line) {
  constexpr std::size_t kNearStart = 40;
  line = unquote(line);
  // Without a ':' or ';' near the start no prefix can match: the common case, since this runs
  // on every line of every message's text.
  bool may_match = has_prefix_end(line, kNearStart + 20);
  for (std::string_view prefix : {"diagnostic-code:", "smtp;", "x-postfix;", "remote server said:", "said:"}) {
    if (!may_match) break;
    // Only a prefix near the start counts: search just there, not the whole (maybe huge) line.
    std::size_t p = text::ifind(line.substr(0, kNearStart + prefix.size()), prefix);
    if (p != std::string_view::npos && p < kNearStart) {
      line = text::trim(line.substr(p + prefix.size()));
      may_match = has_prefix_end(line, kNearStart + 20);
    }
  }
  return line;
}

/// Whether `line` holds the shape of a reply code anywhere: '4' or '5', two digits, then a space
/// or '-'. Every reply the functions below accept starts with one, so most prose lines can be
/// passed over without the prefix searches. Horspool-style, it reads the last byte of each
/// 4-byte window: a letter there cannot be part of any match, so the window moves by 4.
bool has_reply_code_shape(std::string_view line) {
  std::size_t i = 0;
  while (i + 4 <= line.size()) {
    char last = line[i + 3];
    if (last == ' ' || last == '-') {
      if ((line[i] == '4' || line[i] == '5') && text::is_digit(line[i + 1]) && text::is_digit(line[i + 2])) return true;
      i += 4;  // a space or '-' can only end a code, and this window's code was not one
    } else {
      i += text::is_digit(last) ? 1 : 4;
    }
  }
  return false;
}

/// is_error_reply_line() for a line already known to hold a reply code's shape somewhere.
bool is_reply_line_with_code_shape(std::string_view line) {
  std::string_view s = strip_reply_prefix(line);
  if (s.size() < 5 || (s[0] != '4' && s[0] != '5') || !text::is_digit(s[1]) || !text::is_digit(s[2])) return false;
  // RFC 5321 §4.2.1: the second digit is 0-5 (syntax ... mail system); "587 --mail-from" is a port.
  if (s[1] > '5') return false;
  if (s[3] != ' ' && s[3] != '-') return false;
  std::string_view rest = text::trim(s.substr(4));
  if (dsn::is_status_code(rest.substr(0, rest.find(' ')))) return true;
  // Without an enhanced code, ask for some words (not a table of numbers).
  std::size_t letters = 0;
  for (char c : rest)
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ++letters;
  return letters >= 8;
}

}  // namespace

bool is_error_reply_line(std::string_view line) {
  return has_reply_code_shape(line) && is_reply_line_with_code_shape(line);
}

namespace {

/// The status code of the innermost reply a diagnostic quotes: relays wrap the remote server's
/// words in their own ("5.1.0 - Unknown address error 550-'5.2.2 ... Mailbox Full'"), so the
/// last code of the same class is the remote server's.
std::string quoted_status(std::string_view diagnostic) {
  std::string found;
  std::size_t pos = 0;
  for (int n = 0; n < 16; ++n) {  // bounded: linear in the diagnostic
    std::string code = dsn::find_status_code(diagnostic.substr(pos));
    if (code.empty()) break;
    pos = diagnostic.find(code, pos) + code.size();
    if (found.empty()) found = code;
    else if (code[0] != found[0]) break;
    else if (code.substr(1) != ".0.0") found = code;
  }
  return found;
}

}  // namespace

void complete_codes(Candidate& c) {
  if (c.reply_code.empty()) c.reply_code = dsn::find_reply_code(c.diagnostic);
  c.status = prefer_status(c.status, quoted_status(c.diagnostic));
  // A 5xx reply under a 4.x.x status (or the reverse) is some other number in the text, not the
  // reply this status belongs to (Sisimai drops it too).
  if (!c.reply_code.empty() && !c.status.empty() && c.reply_code[0] != c.status[0] && c.status[0] != '2')
    c.reply_code.clear();
}

// Many MTAs put a generic or stale code in Status: (5.0.0, or 5.1.1 for every failure) while
// the remote server's reply carries the real one; Sisimai prefers the reply's code then.
std::string prefer_status(std::string_view stated, std::string_view quoted) {
  if (quoted.empty() || stated == quoted) return std::string(stated);
  if (stated.empty()) return std::string(quoted);
  auto generic = [](std::string_view s) { return s.size() == 5 && s.substr(1) == ".0.0"; };
  if (generic(quoted) && stated[0] == quoted[0]) return std::string(stated);
  if (generic(stated) || stated[0] != quoted[0]) return std::string(quoted);
  // "5.1.0" quoted under "5.1.1" stated: the stated one is the more precise.
  std::size_t dot = quoted.rfind('.');
  if (dot == std::string_view::npos) return std::string(stated);  // not a status code: keep ours
  bool same_subject = stated.substr(0, stated.rfind('.')) == quoted.substr(0, dot);
  if (same_subject && quoted.substr(dot) == ".0") return std::string(stated);
  return std::string(quoted);
}

namespace {

struct CommandWords {
  const char* words;  ///< lower case
  const char* command;
};

// How MTAs say at which command the remote server answered (Postfix, Exim, qmail, ...), grouped
// by how the phrase begins: one search for each beginning, then its endings where it is found.
struct CommandPhrases {
  std::string_view start;
  std::initializer_list<CommandWords> endings;  ///< in order of preference at one position
};

const CommandPhrases kCommandPhrases[] = {
    {"in reply to ",
     {{"rcpt to command", "RCPT"}, {"end of data command", "DATA"}, {"data command", "DATA"},
      {"mail from command", "MAIL"}, {"ehlo command", "EHLO"}, {"helo command", "HELO"}}},
    {"after ",
     {{"rcpt to:", "RCPT"}, {"end of data", "DATA"}, {"data", "DATA"}, {"mail from:", "MAIL"}, {"ehlo", "EHLO"},
      {"helo", "HELO"}, {"initial connection", "CONN"}}},
    {"refused to talk to me", {{"", "CONN"}}},
    {"[rcpt_to]", {{"", "RCPT"}}},
    {"[mail_from]", {{"", "MAIL"}}},
    {"does not like ", {{"recipient", "RCPT"}, {"sender", "MAIL"}}},
};

// Transcript lines (Sendmail, Courier): ">>> RCPT To:<...>" then "<<< 550 ...".
constexpr CommandWords kTranscriptWords[] = {
    {">>> rcpt", "RCPT"}, {">>> data", "DATA"}, {">>> mail", "MAIL"}, {">>> ehlo", "EHLO"},
    {">>> helo", "HELO"}, {">>> .", "DATA"},
};

/// In a transcript, the command is the last one sent before the first error reply.
std::string transcript_command(std::string_view lower) {
  std::size_t reply = std::min(lower.find("<<< 5"), lower.find("<<< 4"));
  if (reply == std::string_view::npos) return {};
  std::size_t best = std::string_view::npos;
  const char* command = "";
  for (const CommandWords& w : kTranscriptWords) {
    std::size_t p = lower.substr(0, reply).rfind(w.words);
    if (p != std::string_view::npos && (best == std::string_view::npos || p > best)) {
      best = p;
      command = w.command;
    }
  }
  return command;
}

}  // namespace

std::string find_smtp_command(std::string_view text) {
  // The words sit next to the reply, at its start or its end: on a huge text (a 20 MB pasted
  // line) reading both ends is enough, and keeps 18 searches from costing seconds.
  constexpr std::size_t kEnd = 32 * 1024;
  std::string lower = text.size() > 2 * kEnd
                          ? text::to_lower(text::squeeze_spaces(text.substr(0, kEnd))) + "\n" +
                                text::to_lower(text::squeeze_spaces(text.substr(text.size() - kEnd)))
                          : text::to_lower(text::squeeze_spaces(text));
  // The phrase that starts first names the command (no phrase is the start of another).
  std::size_t best = std::string::npos;
  const char* command = "";
  for (const CommandPhrases& phrase : kCommandPhrases) {
    for (std::size_t p = text::find(lower, phrase.start); p < best; p = text::find(lower, phrase.start, p + 1)) {
      std::string_view after = std::string_view(lower).substr(p + phrase.start.size());
      auto ending = std::find_if(phrase.endings.begin(), phrase.endings.end(), [&](const CommandWords& w) {
        return after.substr(0, std::strlen(w.words)) == w.words;
      });
      if (ending == phrase.endings.end()) continue;
      best = p;
      command = ending->command;
    }
  }
  return best != std::string::npos ? std::string(command) : transcript_command(lower);
}

std::string smtp_command_at(const std::vector<std::string_view>& lines, std::size_t line) {
  // Two lines before (a transcript's ">>> DATA"), then up to the end of this paragraph: the
  // next recipient's paragraph has its own command.
  std::string window;
  for (std::size_t k = line >= 2 ? line - 2 : 0; k < lines.size() && k < line + 7; ++k) {
    if (k > line && text::trim(lines[k]).empty()) break;
    (window += lines[k]) += '\n';
  }
  return find_smtp_command(window);
}

std::string smtp_command_near(std::string_view body, std::string_view recipient) {
  auto lines = text::split_lines(body);
  std::string lower_rcpt = text::to_lower(recipient);
  for (std::size_t i = 0; !lower_rcpt.empty() && i < lines.size(); ++i) {
    std::string_view line = text::trim(lines[i]);
    if (!text::icontains(line, lower_rcpt) || text::istarts_with(line, "final-recipient") ||
        text::istarts_with(line, "original-recipient"))
      continue;
    return smtp_command_at(lines, i);
  }
  return {};
}

bool looks_like_bounce_envelope(const Context& context) {
  static const char* const kSubjectWords[] = {"undeliver", "delivery", "returned mail", "failure", "failed",
                                              "not delivered", "non remis", "unzustellbar", "nicht zugestellt",
                                              "rejected", "bounce", "nondeliverable", "problem",
                                              "mail error", "non-delivery", "non recapitabile", "no entregado",
                                              "\xe3\x82\xa8\xe3\x83\xa9\xe3\x83\xbc" /* エラー */,
                                              "\xe4\xb8\x8d\xe9\x81\x94" /* 不達 */,
                                              "\xe9\x80\x80\xe4\xbf\xa1" /* 退信 */};
  for (const char* w : kSubjectWords)
    if (text::icontains(context.subject, w)) return true;
  return from_mail_system(context);
}

bool from_mail_system(const Context& context) {
  for (const char* w : {"mailer-daemon", "postmaster", "mail delivery", "mailer daemon"})
    if (text::icontains(context.from, w)) return true;
  return false;
}

namespace {

/// Whether a code found after white space in the middle of a line is a server's reply rather
/// than a number in prose ("line 550 of the log", "queue 450 entries"): a reply is introduced
/// by punctuation ("said: 550", "error; 550", "(550 ...") or by a word that hands over to the
/// server ("host x said 550", "returned 550", "failed with 550"), unless its own enhanced
/// status code follows ("... 550 5.1.1 ...").
bool introduced_as_reply(std::string_view line, std::size_t code) {
  std::string_view after = line.substr(code + 4, 12);
  if (dsn::is_status_code(after.substr(0, after.find_first_of(" \t;,:)")))) return true;
  std::size_t end = code;
  while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t')) --end;
  if (end == 0) return true;
  const char before = line[end - 1];
  const bool letter = (before >= 'a' && before <= 'z') || (before >= 'A' && before <= 'Z');
  if (!letter) return !text::is_digit(before);  // "said:", a quote, a bracket, a dash
  static constexpr std::string_view kReplyWords[] = {
      "said",   "says",   "replied", "returned", "answered", "responded", "reply",    "response", "error", "errors",
      "code",   "status", "with",    "was",      "is",       "got",       "received", "failed",   "rejected", "refused",
      "bounced", "smtp"};
  std::size_t start = end;
  while (start > 0 && end - start < 12 && ((line[start - 1] >= 'a' && line[start - 1] <= 'z') ||
                                           (line[start - 1] >= 'A' && line[start - 1] <= 'Z')))
    --start;
  const std::string_view word = line.substr(start, end - start);
  for (std::string_view w : kReplyWords)
    if (text::iequals(word, w)) return true;
  return false;
}

}  // namespace

std::size_t find_error_reply(std::string_view line) {
  if (!has_reply_code_shape(line)) return std::string_view::npos;
  // At the start, after quoting or a known prefix ("Diagnostic-Code: smtp; 550 ..."): the code.
  if (is_reply_line_with_code_shape(line)) return static_cast<std::size_t>(strip_reply_prefix(line).data() - line.data());
  // Only characters that end a preamble may precede the code: not a digit, letter or dot (IPs, ids).
  auto opens = [](char c) {
    return c == ' ' || c == '\t' || c == '\'' || c == '"' || c == ';' || c == '(' || c == '<' || c == '>' ||
           c == ':' || c == '=' || c == '[';
  };
  int tries = 0;  // a bounded number of candidates keeps this linear in the line
  for (std::size_t i = 1; i + 4 < line.size() && tries < 8; ++i) {
    if ((line[i] != '4' && line[i] != '5') || !opens(line[i - 1])) continue;
    if (!text::is_digit(line[i + 1]) || !text::is_digit(line[i + 2]) || (line[i + 3] != ' ' && line[i + 3] != '-'))
      continue;
    ++tries;
    if (dsn::follows_identifier_word(line, i)) continue;  // "with ESMTPS id 550 (...)": a queue id
    if ((line[i - 1] == ' ' || line[i - 1] == '\t') && !introduced_as_reply(line, i)) continue;
    if (is_reply_line_with_code_shape(line.substr(i, 400))) return i;  // the shape is at i
  }
  return std::string_view::npos;
}

std::string join_reply(const std::vector<std::string_view>& lines, std::size_t i, std::size_t* last, std::size_t from) {
  std::string out(text::trim(unquote(lines[i].substr(std::min(from, lines[i].size())))));
  std::size_t j = i + 1;
  const std::string code = out.substr(0, 3);  // a copy: `out` grows below
  const std::string status = dsn::find_status_code(std::string_view(out).substr(0, 16));
  // RFC 5321 §4.2.1: "550-" announces another line of the same reply; "550 " is its last.
  // After a last line, a line with the same code is a new reply (often another recipient).
  bool more = out.size() > 3 && out[3] == '-';
  for (; j < lines.size(); ++j) {
    std::string_view next = text::trim(unquote(lines[j]));
    if (more && next.size() > 4 && next.substr(0, 3) == code && (next[3] == '-' || next[3] == ' ')) {
      more = next[3] == '-';
      std::string_view rest = text::trim(next.substr(4));
      // "550-5.7.26 text" / "550 5.7.26 more": the repeated status code is noise.
      if (!status.empty() && rest.substr(0, status.size()) == status) rest = text::trim(rest.substr(status.size()));
      out += ' ';
      out += rest;
      continue;
    }
    // Indented continuation of a wrapped line.
    if (!lines[j].empty() && (lines[j][0] == ' ' || lines[j][0] == '\t') && !next.empty() &&
        !is_error_reply_line(next) && dsn::find_address(next).empty()) {
      out += ' ';
      out += next;
      continue;
    }
    break;
  }
  if (last) *last = j - 1;
  return text::squeeze_spaces(out);
}

std::string_view Context::marker_text() const {
  if (!marker_text_ready) {
    std::string_view body = message.body_text;
    if (!dsn.empty()) {
      std::size_t cut = std::min(text::ifind(body, "\ncontent-type: message/rfc822"),
                                 text::ifind(body, "\ncontent-type: text/rfc822-headers"));
      if (cut != std::string_view::npos) body = body.substr(0, cut);
    }
    marker_text_cache = text::to_lower(body);
    marker_text_ready = true;
  }
  return marker_text_cache;
}

namespace {

/// The first `limit` bytes of a body, before its returned message, in fold_case form; wrapped
/// lines ("non è stato\nrecapitato") read as one sentence.
std::string folded_notice(std::string_view body, std::size_t limit) {
  body = body.substr(0, limit);  // a view, not a copy
  std::size_t cut = std::min(text::ifind(body, "\ncontent-type: message/rfc822"),
                             text::ifind(body, "\ncontent-type: text/rfc822-headers"));
  return text::fold_case(text::squeeze_spaces(body.substr(0, cut)));
}

}  // namespace

std::string_view Context::notice_text() const {
  if (!notice_text_ready) {
    constexpr std::size_t kNoticeBytes = 4 * 1024;
    notice_text_cache = folded_notice(message.body_text, kNoticeBytes);
    notice_text_ready = true;
  }
  return notice_text_cache;
}

unsigned Context::opening_kinds() const {
  if (notice_kinds_cache >= 0) return static_cast<unsigned>(notice_kinds_cache) & classify::kHeadingKinds;
  if (opening_kinds_cache < 0) {
    constexpr std::size_t kOpeningBytes = 1024;
    opening_kinds_cache = static_cast<int>(classify::heading_kinds(folded_notice(message.body_text, kOpeningBytes)));
  }
  return static_cast<unsigned>(opening_kinds_cache);
}

unsigned Context::notice_kinds() const {
  if (notice_kinds_cache < 0) notice_kinds_cache = static_cast<int>(classify::notice_kinds(notice_text()));
  return static_cast<unsigned>(notice_kinds_cache);
}

bool Context::marker_has(std::string_view lower_needle) const {
  const std::string_view text = marker_text();
  // glibc's memmem spends a few hundred instructions on each needle before it reads the text:
  // even for a 1 KB text, the set (about 4 instructions a byte, once) costs less than the
  // thirty searches it spares. Only for a line or two is searching cheaper.
  constexpr std::size_t kWorthASet = 256;
  if (text.size() >= kWorthASet) {
    if (!marker_grams) marker_grams = std::make_shared<const text::GramSet>(text);
    if (!marker_grams->may_contain(lower_needle)) return false;
  }
  return text::find(text, lower_needle) != std::string_view::npos;
}

const std::vector<std::string_view>& Context::body_lines() const {
  if (!body_lines_ready) {
    body_lines_cache = text::split_lines(message.body_text);
    body_lines_ready = true;
  }
  return body_lines_cache;
}

Context Context::with_dsn(const dsn::DeliveryStatus& delivery) const {
  Context derived{message, delivery, subject, from, limits};
  // marker_text() cuts the returned message off only when there is an RFC 3464 part.
  if (marker_text_ready && delivery.empty() == dsn.empty()) {
    derived.marker_text_cache = marker_text_cache;
    derived.marker_text_ready = true;
    derived.marker_grams = marker_grams;
  }
  derived.body_lines_cache = body_lines_cache;
  derived.body_lines_ready = body_lines_ready;
  return derived;
}

std::size_t returned_message_start(const std::vector<std::string_view>& lines) {
  static const char* const kMarkers[] = {"content-type: message/rfc822", "content-type: text/rfc822-headers",
                                         "this is a copy of the message", "below this line is a copy of the message",
                                         "original message follows", "original message headers"};
  // "----- Original message -----", "Ursprüngliche Nachricht:", "元のメッセージ:": a heading.
  static const char* const kHeadings[] = {"original message", "ursprüngliche nachricht", "message d'origine",
                                          "message d’origine", "mensaje original", "mensagem original",
                                          "messaggio originale", "oryginalna wiadomość", "исходное сообщение",
                                          "原始邮件", "原始郵件", "元のメッセージ", "oorspronkelijk bericht"};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    for (const char* m : kMarkers)
      if (text::icontains(lines[i], m)) return i;
    std::string_view line = text::trim(lines[i]);
    if (line.empty() || (line.front() != '-' && line.back() != ':')) continue;
    std::string folded = text::fold_case(line);
    for (const char* h : kHeadings)
      if (folded.find(h) != std::string::npos) return i;
  }
  return lines.size();
}

}  // namespace bx::formats
