#include "dsn/codes.hpp"

#include "text/text.hpp"

namespace bx::dsn {
namespace {

using text::is_digit;

bool is_atom_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '.' || c == '_' || c == '-' ||
         c == '+' || c == '=' || c == '!' || c == '#' || c == '$' || c == '%' || c == '&' || c == '\'' || c == '*' ||
         c == '/' || c == '?' || c == '^' || c == '`' || c == '{' || c == '|' || c == '}' || c == '~' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool is_domain_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '.' || c == '-' ||
         c == '[' || c == ']' || c == ':' || static_cast<unsigned char>(c) >= 0x80;
}

/// Digits of a dotted number group starting at i; returns length (0 if not 1..3 digits).
std::size_t digit_run(std::string_view s, std::size_t i) {
  std::size_t n = 0;
  while (i + n < s.size() && is_digit(s[i + n])) ++n;
  return n;
}

bool is_word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_'; }

}  // namespace

bool follows_identifier_word(std::string_view s, std::size_t pos) {
  // Words that name an identifier (the queue ids of Received fields and MTA logs, message and
  // session ids), compared in lower case.
  static constexpr std::string_view kIdWords[] = {"id",    "qid",        "mid",       "uid",       "queue-id",
                                                  "queueid", "queue_id", "msgid",     "msg-id",    "message-id",
                                                  "messageid", "session-id", "sessionid", "smtp-id", "transaction-id"};
  std::size_t end = pos;
  for (int gap = 0; end > 0 && gap < 3 && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '=' ||
                                           s[end - 1] == ':' || s[end - 1] == '#');
       ++gap)
    --end;
  if (end == pos) return false;  // "id550" is not a number after a word
  std::size_t start = end;
  constexpr std::size_t kLongestWord = 16;
  while (start > 0 && end - start <= kLongestWord && is_word_char(s[start - 1])) --start;
  if (start == end || end - start > kLongestWord) return false;
  const std::string_view word = s.substr(start, end - start);
  for (std::string_view id : kIdWords)
    if (text::iequals(word, id)) return true;
  return false;
}

bool is_status_code(std::string_view s) {
  if (s.size() < 5 || (s[0] != '2' && s[0] != '4' && s[0] != '5') || s[1] != '.') return false;
  std::size_t a = digit_run(s, 2);
  if (a == 0 || a > 3 || 2 + a >= s.size() || s[2 + a] != '.') return false;
  std::size_t b = digit_run(s, 3 + a);
  return b > 0 && b <= 3 && 3 + a + b == s.size();
}

std::string find_status_code(std::string_view s) {
  for (std::size_t i = 0; i + 5 <= s.size(); ++i) {
    char c = s[i];
    if (c != '2' && c != '4' && c != '5') continue;
    if (i > 0 && (is_digit(s[i - 1]) || s[i - 1] == '.')) continue;
    if (s[i + 1] != '.') continue;
    std::size_t a = digit_run(s, i + 2);
    if (a == 0 || a > 3 || i + 2 + a >= s.size() || s[i + 2 + a] != '.') continue;
    std::size_t b = digit_run(s, i + 3 + a);
    if (b == 0 || b > 3) continue;
    std::size_t end = i + 3 + a + b;
    if (end < s.size() && (s[end] == '.' && end + 1 < s.size() && is_digit(s[end + 1]))) continue;  // an IP address
    return std::string(s.substr(i, end - i));
  }
  return {};
}

std::string find_reply_code(std::string_view s) {
  for (std::size_t i = 0; i + 3 <= s.size(); ++i) {
    char c = s[i];
    if (c != '2' && c != '4' && c != '5') continue;
    if (!is_digit(s[i + 1]) || !is_digit(s[i + 2])) continue;
    if (i > 0) {
      char p = s[i - 1];
      if (is_digit(p) || p == '.' || p == ':' || p == '-' || p == '/' || p == '#' || text::lower(p) != p ||
          (p >= 'a' && p <= 'z'))
        continue;
    }
    std::size_t end = i + 3;
    if (end < s.size()) {
      char n = s[end];
      if (!(n == ' ' || n == '-' || n == '\t' || n == ';' || n == ',' || n == ')' || n == ']' || n == '"' || n == '\n'))
        continue;
      // "550-5.7.1" is a continuation line; "2021-05-12" is a date.
      bool continuation = end + 2 < s.size() && s[end + 2] == '.';
      if (n == '-' && end + 1 < s.size() && is_digit(s[end + 1]) && !continuation) continue;
    }
    if (s[i + 1] > '5') continue;  // RFC 5321 second digit is 0-5
    if (follows_identifier_word(s, i)) continue;  // "id 550": a queue id
    return std::string(s.substr(i, 3));
  }
  return {};
}

namespace {

bool is_ascii(char c) { return static_cast<unsigned char>(c) < 0x80; }

/// Where the domain after `at` ends. An ASCII domain stops at the first non-ASCII byte: in
/// Chinese or Japanese text the next character follows without a space ("example.jp的").
std::size_t domain_end(std::string_view s, std::size_t at) {
  std::size_t end = at + 1;
  const bool ascii = end < s.size() && is_ascii(s[end]);
  while (end < s.size() && is_domain_char(s[end]) && (!ascii || is_ascii(s[end]))) ++end;
  while (end > at + 1 && (s[end - 1] == '.' || s[end - 1] == ':' || s[end - 1] == '-')) --end;
  return end;
}

}  // namespace

std::size_t find_address_pos(std::string_view s, std::size_t from) {
  for (std::size_t at = s.find('@', from); at != std::string_view::npos; at = s.find('@', at + 1)) {
    std::size_t start = at;
    while (start > 0 && is_atom_char(s[start - 1])) --start;
    // An ASCII local part right after other script ("收件人：bob@...") starts with its ASCII;
    // a local part in another script (RFC 6531) is kept whole.
    std::size_t ascii_start = at;
    while (ascii_start > start && is_ascii(s[ascii_start - 1])) --ascii_start;
    if (ascii_start < at) start = ascii_start;
    std::size_t end = domain_end(s, at);
    std::string_view domain = s.substr(at + 1, end - at - 1);
    // Quoting around an address in program output ("{'bob@example.com': ...}") is not part of it.
    while (start < at && (s[start] == '.' || s[start] == '\'' || s[start] == '=' || s[start] == '/' || s[start] == '{' ||
                          s[start] == '`' || s[start] == '|'))
      ++start;
    // X.400 gateways write an SMTP address as "(smtp=bob@example.com)" or "rfc822=...".
    for (std::string_view tag : {"smtp=", "rfc822="})
      if (at - start > tag.size() && text::iequals(s.substr(start, tag.size()), tag)) start += tag.size();
    if (start == at || domain.empty()) continue;
    if (domain.find('.') == std::string_view::npos && domain.front() != '[' && !text::iequals(domain, "localhost") &&
        !text::iequals(domain, "localdomain"))
      continue;
    return start;
  }
  return std::string_view::npos;
}

std::string find_address(std::string_view s) {
  std::size_t start = find_address_pos(s);
  if (start == std::string_view::npos) return {};
  std::size_t at = s.find('@', start);
  return std::string(s.substr(start, domain_end(s, at) - start));
}

std::string clean_address(std::string_view s) {
  s = text::trim(s);
  if (std::size_t semi = s.find(';'); semi != std::string_view::npos && semi < 12 && s.find('@') > semi)
    s = text::trim(s.substr(semi + 1));  // "rfc822; bob@example.com"
  std::string found = find_address(s);
  if (!found.empty()) return found;
  std::string out(s);
  while (!out.empty() && (out.front() == '<' || out.front() == '"')) out.erase(out.begin());
  while (!out.empty() && (out.back() == '>' || out.back() == '"')) out.pop_back();
  return out;
}

std::string domain_of(std::string_view address) {
  std::size_t at = address.rfind('@');
  if (at == std::string_view::npos) return {};
  std::string d = text::to_lower(address.substr(at + 1));
  while (!d.empty() && (d.back() == '>' || d.back() == '.')) d.pop_back();
  return d;
}

}  // namespace bx::dsn
