#include "formats/scan.hpp"

#include "dsn/codes.hpp"
#include "text/text.hpp"

namespace bx::formats {

std::string_view unquote(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && (line[i] == '>' || line[i] == ' ' || line[i] == '\t' || line[i] == '|')) ++i;
  return line.substr(i);
}

namespace {

std::string_view strip_reply_prefix(std::string_view line) {
  line = unquote(line);
  for (std::string_view prefix : {"diagnostic-code:", "smtp;", "x-postfix;", "remote server said:", "said:"}) {
    std::size_t p = text::ifind(line, prefix);
    if (p != std::string_view::npos && p < 40) line = text::trim(line.substr(p + prefix.size()));
  }
  return line;
}

}  // namespace

bool is_error_reply_line(std::string_view line) {
  std::string_view s = strip_reply_prefix(line);
  if (s.size() < 5 || (s[0] != '4' && s[0] != '5') || !text::is_digit(s[1]) || !text::is_digit(s[2])) return false;
  if (s[3] != ' ' && s[3] != '-') return false;
  std::string_view rest = text::trim(s.substr(4));
  if (dsn::is_status_code(rest.substr(0, rest.find(' ')))) return true;
  // Without an enhanced code, ask for some words (not a table of numbers).
  std::size_t letters = 0;
  for (char c : rest)
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ++letters;
  return letters >= 8;
}

void complete_codes(Candidate& c) {
  if (c.reply_code.empty()) c.reply_code = dsn::find_reply_code(c.diagnostic);
  if (c.status.empty()) c.status = dsn::find_status_code(c.diagnostic);
}

bool looks_like_bounce_envelope(const Context& context) {
  static const char* const kSubjectWords[] = {"undeliver", "delivery", "returned mail", "failure", "failed",
                                              "not delivered", "non remis", "unzustellbar", "nicht zugestellt",
                                              "rejected", "bounce", "nondeliverable", "problem"};
  for (const char* w : kSubjectWords)
    if (text::icontains(context.subject, w)) return true;
  for (const char* w : {"mailer-daemon", "postmaster", "mail delivery", "mailer daemon"})
    if (text::icontains(context.from, w)) return true;
  return false;
}

std::string join_reply(const std::vector<std::string_view>& lines, std::size_t i, std::size_t* last) {
  std::string out(text::trim(unquote(lines[i])));
  std::size_t j = i + 1;
  std::string_view code = std::string_view(out).substr(0, 3);
  for (; j < lines.size(); ++j) {
    std::string_view next = text::trim(unquote(lines[j]));
    if (next.size() > 4 && next.substr(0, 3) == code && (next[3] == '-' || next[3] == ' ')) {
      out += ' ';
      out += next.substr(4);
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

}  // namespace bx::formats
