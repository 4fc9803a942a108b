// The route of the returned original message (see route.hpp). Every step is one pass over its
// text: a Received field is split into clauses and comments once, a date into words once, and
// the hops are compared each with the one before.
#include "report/route.hpp"

#include <algorithm>

#include "formats/format.hpp"
#include "formats/scan.hpp"
#include "report/words.hpp"
#include "text/text.hpp"

namespace bx::report {
namespace {

using text::is_digit;

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }

bool all_of(std::string_view s, bool (*test)(char)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), test);
}
bool digits(std::string_view s) { return all_of(s, [](char c) { return is_digit(c); }); }
bool letters(std::string_view s) { return all_of(s, is_alpha); }

/// The value of a short run of digits (callers check it is one: at most 4 digits).
int small_number(std::string_view digit_run) {
  int n = 0;
  for (char c : digit_run) n = n * 10 + (c - '0');
  return n;
}

/// `text` without its comments (parenthesised, nested, with \-quoted characters), comments
/// replaced by a space. A comment left open runs to the end.
std::string without_comments(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' && depth > 0) {
      ++i;
    } else if (c == '(') {
      if (depth++ == 0) out += ' ';
    } else if (c == ')' && depth > 0) {
      --depth;
    } else if (depth == 0) {
      out += c;
    }
  }
  return out;
}

/// The words of a text, separated by white space or commas, one at a time (no list is made:
/// every Received field is read this way).
class Words {
 public:
  explicit Words(std::string_view s) : s_(s) {}
  bool next(std::string_view& word) {
    while (at_ < s_.size() && (text::is_space(s_[at_]) || s_[at_] == ',')) ++at_;
    std::size_t end = at_;
    while (end < s_.size() && !text::is_space(s_[end]) && s_[end] != ',') ++end;
    word = s_.substr(at_, end - at_);
    at_ = end;
    return !word.empty();
  }

 private:
  std::string_view s_;
  std::size_t at_ = 0;
};

/// Whether `word` starts with the three lower-case letters `abbreviation`, in any case.
bool starts_like(std::string_view word, const char* abbreviation) {
  return word.size() >= 3 && text::lower(word[0]) == abbreviation[0] && text::lower(word[1]) == abbreviation[1] &&
         text::lower(word[2]) == abbreviation[2];
}

/// 1-12 for an English month name or its first three letters ("Dec", "december"), else 0.
int month_of(std::string_view word) {
  static const char* const kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (word.size() < 3 || !letters(word)) return 0;
  for (int m = 0; m < 12; ++m)
    if (starts_like(word, kMonths[m])) return m + 1;
  return 0;
}

bool is_day_name(std::string_view word) {
  static const char* const kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  if (word.size() < 3 || !letters(word)) return false;
  return std::any_of(std::begin(kDays), std::end(kDays), [&](const char* d) { return starts_like(word, d); });
}

struct Zone {
  int minutes = 0;   ///< east of UTC
  bool known = true;
};

/// A time zone word: "+0100", "-0000" (RFC 5322: the zone is not known), "+01:00", the names of
/// RFC 5322 §4.3 (UT, GMT, EST ... PDT); military letters and other names are not known (read
/// as UTC, as §4.3 says). Empty when the word is not a zone.
std::optional<Zone> zone_of(std::string_view word) {
  if (word.size() >= 5 && (word[0] == '+' || word[0] == '-')) {
    std::string_view rest = word.substr(1);
    std::string hhmm;
    for (char c : rest)
      if (c != ':') hhmm += c;
    if (hhmm.size() != 4 || !digits(hhmm)) return std::nullopt;
    const int hours = (hhmm[0] - '0') * 10 + (hhmm[1] - '0'), minutes = (hhmm[2] - '0') * 10 + (hhmm[3] - '0');
    if (minutes > 59) return std::nullopt;
    const int offset = hours * 60 + minutes;
    return Zone{word[0] == '-' ? -offset : offset, !(word[0] == '-' && offset == 0)};
  }
  if (!letters(word) || word.size() > 5) return std::nullopt;
  static const struct {
    const char* name;
    int hours;
  } kNamed[] = {{"ut", 0}, {"utc", 0}, {"gmt", 0}, {"est", -5}, {"edt", -4}, {"cst", -6},
                {"cdt", -5}, {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7}};
  for (const auto& z : kNamed)
    if (text::iequals(word, z.name)) return Zone{z.hours * 60, true};
  return Zone{0, false};
}

/// "10:00:05", "10:00" or "10:00:05.123" → seconds into the day; empty when not a time.
std::optional<long long> time_of_day(std::string_view word) {
  int parts[3] = {0, 0, 0};
  int count = 0;
  std::size_t i = 0;
  while (count < 3 && i < word.size()) {
    std::size_t end = i;
    while (end < word.size() && is_digit(word[end])) ++end;
    if (end == i || end - i > 2) return std::nullopt;
    parts[count++] = small_number(word.substr(i, end - i));
    i = end;
    if (i < word.size() && word[i] == ':') ++i;
    else break;
  }
  if (i < word.size() && !(count == 3 && word[i] == '.')) return std::nullopt;  // (fractions of a second ignored)
  if (count < 2 || parts[0] > 23 || parts[1] > 59 || parts[2] > 60) return std::nullopt;
  return parts[0] * 3600LL + parts[1] * 60LL + parts[2];
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
long long days_from_civil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

unsigned days_in_month(long long y, unsigned m) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

/// RFC 5322 §4.3: a two-digit year is 2000+ below 50, else 1900+; a three-digit one is 1900+.
long long full_year(std::string_view word) {
  const long long y = small_number(word);
  if (word.size() == 2) return y < 50 ? 2000 + y : 1900 + y;
  if (word.size() == 3) return 1900 + y;
  return y;
}

// ------------------------------------------------------------------------- Received fields --

enum class Clause { None, From, By, Via, With, Id, For };

Clause clause_of(std::string_view word) {
  static const struct {
    const char* name;
    Clause clause;
  } kClauses[] = {{"from", Clause::From}, {"by", Clause::By}, {"via", Clause::Via},
                  {"with", Clause::With}, {"id", Clause::Id}, {"for", Clause::For}};
  if (word.size() < 2 || word.size() > 4) return Clause::None;
  for (const auto& k : kClauses)
    if (text::iequals(word, k.name)) return k.clause;
  return Clause::None;
}

/// One piece of a Received field: a word of a clause's value (up to its first comment), one of
/// its comments (without the parentheses), or a word after them.
struct Piece {
  enum Kind : unsigned char { kValue, kComment, kExtra };
  Clause clause;
  Kind kind;
  bool first_comment;  ///< the clause's first comment ("from name (looked-up-name [address])")
  std::string_view text;
};

/// The pieces of the part of a Received field before its date, in order, in one pass and one
/// list (a list per clause cost a dozen allocations a field). A keyword inside a comment is not
/// a clause ("(qmail 123 invoked from network)").
class Clauses {
 public:
  explicit Clauses(std::string_view s) {
    pieces.reserve(24);
    Clause current = Clause::None;
    bool after_comment = false, any_comment = false, any_value = false;
    unsigned seen = 0;
    std::size_t i = 0;
    while (i < s.size()) {
      if (text::is_space(s[i])) {
        ++i;
        continue;
      }
      if (s[i] == '(') {
        const std::size_t end = comment_end(s, i);
        const std::size_t inner_end = s[end - 1] == ')' && end - 1 > i ? end - 1 : end;
        pieces.push_back({current, Piece::kComment, !any_comment, s.substr(i + 1, inner_end - (i + 1))});
        after_comment = any_comment = true;
        i = end;
        continue;
      }
      const std::size_t end = word_end(s, i);
      const std::string_view word = s.substr(i, end - i);
      i = end;
      const Clause keyword = clause_of(word);
      const unsigned bit = 1u << static_cast<unsigned>(keyword);
      if (keyword != Clause::None && !(seen & bit)) {
        seen |= bit;
        current = keyword;
        after_comment = any_comment = any_value = false;
        continue;
      }
      // "with" takes every word up to a comment ("Microsoft SMTP Server"), the others one.
      const bool value = !after_comment && (current == Clause::With || !any_value);
      pieces.push_back({current, value ? Piece::kValue : Piece::kExtra, false, word});
      any_value = any_value || value;
    }
  }

  std::string_view first_value(Clause clause) const {
    for (const Piece& p : pieces)
      if (p.clause == clause && p.kind == Piece::kValue) return p.text;
    return {};
  }

  std::string joined_values(Clause clause) const {
    std::string out;
    for (const Piece& p : pieces) {
      if (p.clause != clause || p.kind != Piece::kValue) continue;
      if (!out.empty()) out += ' ';
      out += p.text;
    }
    return out;
  }

  std::vector<Piece> pieces;

 private:
  /// Just past the comment opened at `open` (nested, with \-quoted characters); the end of the
  /// text when it is never closed.
  static std::size_t comment_end(std::string_view s, std::size_t open) {
    int depth = 1;
    std::size_t end = open + 1;
    for (; end < s.size() && depth > 0; ++end) {
      if (s[end] == '\\') ++end;
      else if (s[end] == '(') ++depth;
      else if (s[end] == ')') --depth;
    }
    return std::min(end, s.size());
  }

  /// The end of the word at `i`: white space or a comment ends it; an address literal
  /// ("[IPv6:2001:db8::1]") stays one word.
  static std::size_t word_end(std::string_view s, std::size_t i) {
    std::size_t end = i;
    while (end < s.size() && !text::is_space(s[end]) && s[end] != '(') {
      if (s[end] == '[') {
        const std::size_t close = s.find(']', end);
        if (close != std::string_view::npos) end = close;
      }
      ++end;
    }
    return std::min(end, s.size());
  }
};

bool is_ipv4(std::string_view s) {
  int parts = 0;
  std::size_t i = 0;
  while (i <= s.size()) {
    std::size_t end = i;
    while (end < s.size() && is_digit(s[end])) ++end;
    if (end == i || end - i > 3 || small_number(s.substr(i, end - i)) > 255) return false;
    ++parts;
    if (end == s.size()) break;
    if (s[end] != '.') return false;
    i = end + 1;
  }
  return parts == 4;
}

bool is_ipv6(std::string_view s) {
  if (std::count(s.begin(), s.end(), ':') < 2) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
  });
}

/// The address in a word: "[192.0.2.1]", "[IPv6:2001:db8::1]", "2603:10b6:5:1c0::12",
/// "192.0.2.1"; "" when it holds none.
std::string address_in(std::string_view word) {
  if (!word.empty() && word.front() == '[') {
    word.remove_prefix(1);
    if (const std::size_t close = word.find(']'); close != std::string_view::npos) word = word.substr(0, close);
  }
  if (text::istarts_with(word, "ipv6:")) word.remove_prefix(5);
  return is_ipv4(word) || is_ipv6(word) ? std::string(word) : std::string();
}

/// A host name as written, without brackets or a final dot.
std::string host_name(std::string_view word) {
  if (!word.empty() && word.front() == '[' && word.back() == ']') word = word.substr(1, word.size() - 2);
  while (!word.empty() && (word.back() == '.' || word.back() == ';' || word.back() == ',')) word.remove_suffix(1);
  return std::string(word);
}

bool looks_like_host(std::string_view word) {
  return !word.empty() && word.find('=') == std::string_view::npos && word.find('@') == std::string_view::npos &&
         (word.find('.') != std::string_view::npos || text::iequals(word, "localhost")) && is_alnum(word.front()) &&
         !text::iequals(word, "unknown");
}

/// What the "from" clause says of the sending side: the name it gave, the address the receiving
/// server saw (in the comments, else an address literal after "from"), the name that server
/// looked up (the first name of the first comment), the name it greeted with ("helo=").
void read_sender(const Clauses& clauses, ReceivedField& field) {
  Hop& hop = field.hop;
  std::string literal;  // "from [192.0.2.1]": the greeting's address literal, or (Exim) the peer's address
  if (const std::string_view from = clauses.first_value(Clause::From); !from.empty()) {
    literal = address_in(from);
    hop.from = host_name(from);
    if (text::istarts_with(hop.from, "ipv6:")) hop.from = hop.from.substr(5);
  }
  auto read_piece = [&](std::string_view piece, bool first) {
    Words words(piece);
    bool greeting_follows = false;  // "(HELO name)"
    for (std::string_view word; words.next(word);) {
      if (greeting_follows) {
        if (field.helo.empty()) field.helo = host_name(word);
        greeting_follows = false;
      } else if (text::istarts_with(word, "helo=") || text::istarts_with(word, "ehlo=")) {
        if (field.helo.empty()) field.helo = host_name(word.substr(5));
      } else if (text::iequals(word, "helo") || text::iequals(word, "ehlo")) {
        greeting_follows = true;
      } else if (std::string ip = address_in(word); !ip.empty()) {
        if (hop.ip.empty()) hop.ip = ip;
      } else if (first && hop.from_host.empty() && looks_like_host(word)) {
        hop.from_host = host_name(word);
      }
    }
  };
  for (const Piece& p : clauses.pieces)
    if (p.clause == Clause::From && p.kind != Piece::kValue) read_piece(p.text, p.first_comment);
  // The address the receiving server saw, in its comment, is the one to show; the literal only
  // when the comment has none.
  if (hop.ip.empty()) hop.ip = literal;
}

/// Where "tls" (any case) starts a word naming TLS ("TLSv1.3", "TLS1_2", "(TLS)", "tls
/// TLS_AES..."), npos when `s` has none (so "tls.example.com" or "tls@example.com" is not one).
std::size_t find_tls_word(std::string_view s) {
  for (std::size_t at = text::ifind(s, "tls"); at != std::string_view::npos; at = text::ifind(s, "tls", at + 1)) {
    if (at > 0 && is_alnum(s[at - 1])) continue;
    const char next = at + 3 < s.size() ? text::lower(s[at + 3]) : ' ';
    if (next == 'v' || is_digit(next) || next == '_' || next == ')' || next == ':' || next == ' ' || next == ',' ||
        next == ']')
      return at;
  }
  return std::string_view::npos;
}

/// "TLS 1.3" from "TLSv1.3", "TLS1_3", "tls1.3", "TLSv1" at `at`; "" when no version follows.
std::string tls_version_at(std::string_view s, std::size_t at) {
  std::size_t i = at + 3;
  if (i < s.size() && text::lower(s[i]) == 'v') ++i;
  if (i >= s.size() || !is_digit(s[i])) return {};
  std::string version = "TLS ";
  version += s[i++];
  if (i + 1 < s.size() && (s[i] == '.' || s[i] == '_') && is_digit(s[i + 1])) {
    version += '.';
    version += s[i + 1];
  } else {
    version += ".0";
  }
  return version;
}

/// RFC 3848 / RFC 6531 "with" words of a TLS session ("ESMTPS", "ESMTPSA", "UTF8SMTPS",
/// "LMTPS"), and Gmail's "SMTPS" and "HTTPS".
bool is_tls_protocol(std::string_view protocol) {
  static const char* const kWords[] = {"esmtps", "esmtpsa", "lmtps", "lmtpsa", "utf8smtps", "utf8smtpsa",
                                       "utf8lmtps", "utf8lmtpsa", "smtps", "https"};
  return std::any_of(std::begin(kWords), std::end(kWords), [&](const char* w) { return text::iequals(protocol, w); });
}

/// A hand-over inside one machine ("with local", Exchange's "with mapi"): no network, so TLS
/// does not apply.
bool is_local_handover(std::string_view protocol) { return text::iequals(protocol, "local") || text::iequals(protocol, "mapi"); }

/// Whether the field says TLS was used: its "with" word, or a comment or word stating a TLS
/// version or cipher (Postfix "(using TLSv1.3 with cipher ...)", Sendmail and Gmail
/// "(version=TLS1_3 cipher=...)", Microsoft "(version=TLS1_2, cipher=...)", Exim "(TLS1.3) tls
/// ...", "(Google Transport Security)"). Not the first comment of "from": it holds host names.
void read_tls(const Clauses& clauses, Hop& hop) {
  bool stated = false;
  // The first piece that names TLS gives the version (when it states one).
  for (const Piece& p : clauses.pieces) {
    if (p.kind == Piece::kValue || (p.clause == Clause::From && p.first_comment)) continue;
    if (const std::size_t at = find_tls_word(p.text); at != std::string_view::npos) {
      if (!stated) hop.tls_version = tls_version_at(p.text, at);
      stated = true;
    } else if (text::icontains(p.text, "google transport security")) {
      stated = true;
    }
  }
  if (is_tls_protocol(hop.protocol) || stated) {
    hop.tls = true;
  } else if (!hop.protocol.empty() && !is_local_handover(hop.protocol)) {
    hop.tls = false;
  }
}

/// Without a final dot: how two names of one server are compared (in any case).
std::string_view host_key(std::string_view name) {
  while (!name.empty() && name.back() == '.') name.remove_suffix(1);
  return name;
}

/// Whether two names may be one server: equal in any case, or one is the other's first
/// label(s) ("mx1" and "mx1.example.net").
bool same_host(std::string_view a_name, std::string_view b_name) {
  const std::string_view a = host_key(a_name), b = host_key(b_name);
  if (a.empty() || b.empty()) return false;
  const std::string_view shorter = a.size() < b.size() ? a : b;
  const std::string_view longer = a.size() < b.size() ? b : a;
  return text::iequals(longer.substr(0, shorter.size()), shorter) &&
         (longer.size() == shorter.size() || longer[shorter.size()] == '.');
}

/// Whether `hop` plausibly comes from the server that wrote `previous`: one of the names or the
/// address it came from is that server, or the same server wrote both (a hand-over to a local
/// filter and back: "from localhost ... by mx.example.net").
bool continues(const ReceivedField& hop, const ReceivedField& previous) {
  const std::string& by = previous.hop.by;
  for (const std::string* name : {&hop.hop.from, &hop.hop.from_host, &hop.helo, &hop.hop.ip})
    if (same_host(*name, by)) return true;
  return same_host(hop.hop.by, by);
}

bool has_sender(const ReceivedField& f) { return !f.hop.from.empty() || !f.hop.from_host.empty() || !f.hop.ip.empty() || !f.helo.empty(); }

void add_flag(Hop& hop, const char* flag) { hop.flags.emplace_back(flag); }

/// "Hop 3", "Hops 2 and 5", "Hops 2, 4 and 7".
std::string hop_list(const std::vector<std::size_t>& numbers) {
  if (numbers.size() == 1) return say(kb::sentences::kRouteHopOne, std::to_string(numbers[0]));
  std::string all_but_last;
  for (std::size_t i = 0; i + 1 < numbers.size(); ++i) all_but_last += (i > 0 ? ", " : "") + std::to_string(numbers[i]);
  return say(kb::sentences::kRouteHopsMany, all_but_last, std::to_string(numbers.back()));
}

/// One sentence per kind of doubt, naming the hops (1-based) it concerns.
void describe_flags(Route& route) {
  static const struct {
    const char* flag;
    const kb::Sentence<1>& sentence;
  } kSentences[] = {
      {"chain_gap", kb::sentences::kRouteChainGap},         {"clock_skew", kb::sentences::kRouteClockSkew},
      {"no_date", kb::sentences::kRouteNoDate},             {"unreadable_date", kb::sentences::kRouteUnreadableDate},
      {"unknown_zone", kb::sentences::kRouteUnknownZone},   {"no_from", kb::sentences::kRouteNoFrom},
      {"no_by", kb::sentences::kRouteNoBy},
  };
  for (const auto& kind : kSentences) {
    std::vector<std::size_t> numbers;
    for (std::size_t i = 0; i < route.hops.size(); ++i) {
      const auto& flags = route.hops[i].flags;
      if (std::find(flags.begin(), flags.end(), kind.flag) != flags.end()) numbers.push_back(i + 1);
    }
    if (!numbers.empty()) route.warnings.push_back(say(kind.sentence, hop_list(numbers)));
  }
}

/// The newest hop written by `server` (a Reporting-MTA), else the newest hop.
std::size_t stopping_hop(const Route& route, std::string_view server) {
  for (std::size_t i = route.hops.size(); i-- > 0;)
    if (same_host(route.hops[i].by, server)) return i;
  return route.hops.size() - 1;
}

/// "dns; mx.example.net" → "mx.example.net".
std::string without_type(std::string_view value) {
  value = text::trim(value);
  if (const std::size_t semicolon = value.find(';'); semicolon != std::string_view::npos)
    value = text::trim(value.substr(semicolon + 1));
  return host_name(value);
}

/// Received values of a header block quoted in the notice's text: from the first "Received:"
/// line at or after the line that introduces the returned message (or anywhere, without one).
/// The body's lines are the decoders' (split once per message); only a text with such a line
/// pays for looking for that introduction.
std::vector<std::string_view> quoted_received(const formats::Context& context, mime::Headers& holder, bool& dropped) {
  const std::vector<std::string_view>& lines = context.body_lines();
  auto is_received = [](std::string_view line) { return text::istarts_with(line, "received:"); };
  if (std::none_of(lines.begin(), lines.end(), is_received)) return {};
  const auto first = std::find_if(lines.begin() + static_cast<std::ptrdiff_t>(formats::returned_message_start(lines)),
                                  lines.end(), is_received);
  if (first == lines.end()) return {};
  const std::string_view body = context.message.body_text;
  mime::parse_headers(body.substr(static_cast<std::size_t>(first->data() - body.data())), holder, context.limits.max_headers,
                      &dropped);
  return holder.get_all("received");
}

/// Cuts every text of the route at limits.max_field_bytes; true when one was longer.
bool bound(Route& route, const Limits& limits) {
  bool cut = false;
  for (Hop& hop : route.hops)
    for (std::string* field : {&hop.from, &hop.from_host, &hop.ip, &hop.by, &hop.protocol, &hop.tls_version, &hop.id,
                               &hop.date, &hop.received})
      cut = text::cut_utf8(*field, limits.max_field_bytes) || cut;
  for (std::string* field : {&route.reporting_mta, &route.remote_mta})
    cut = text::cut_utf8(*field, limits.max_field_bytes) || cut;
  return cut;
}

}  // namespace

std::optional<DateTime> parse_date_time(std::string_view text) {
  const std::string stripped = text.find('(') == std::string_view::npos ? std::string() : without_comments(text);
  const std::string_view plain = stripped.empty() ? text : std::string_view(stripped);
  int day = 0, month = 0;
  long long year = -1;
  std::optional<long long> seconds;
  std::optional<Zone> zone;
  Words words(plain);
  for (std::string_view word; words.next(word);) {
    if (!seconds && is_day_name(word) && !month_of(word)) continue;
    if (int m = month_of(word); m && !month) {
      month = m;
    } else if (digits(word) && word.size() <= 3 && !day && small_number(word) <= 31) {
      day = small_number(word);  // ("029 Apr": a zero too many, still the 29th)
    } else if (digits(word) && word.size() <= 4 && year < 0) {
      year = full_year(word);
    } else if (!seconds && word.find(':') != std::string_view::npos && is_digit(word[0])) {
      seconds = time_of_day(word);
      if (!seconds) return std::nullopt;
    } else if (seconds && !zone) {
      zone = zone_of(word);
      if (!zone) return std::nullopt;
    } else if (zone) {
      break;  // "-0800 PST", "+0900 id 0EFD1EE6": what follows the zone is not the date
    } else {
      return std::nullopt;
    }
  }
  if (!day || !month || year < 0 || !seconds || day > static_cast<int>(days_in_month(year, month))) return std::nullopt;
  const Zone z = zone.value_or(Zone{0, false});
  DateTime dt;
  dt.epoch = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 + *seconds - z.minutes * 60LL;
  dt.zone_known = z.known;
  return dt;
}

std::string iso_utc(long long epoch) {
  long long days = epoch / 86400, rest = epoch % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  // civil_from_days (H. Hinnant)
  days += 719468;
  const long long era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const long long y = static_cast<long long>(yoe) + era * 400 + (m <= 2);
  // Written digit by digit: snprintf cost more than the whole rest of a hop.
  std::string out = "0000-00-00T00:00:00Z";
  auto put = [&out](std::size_t at, long long value, int width) {
    for (int k = width - 1; k >= 0; --k, value /= 10) out[at + static_cast<std::size_t>(k)] = static_cast<char>('0' + value % 10);
  };
  if (y < 0 || y > 9999) return {};
  put(0, y, 4);
  put(5, m, 2);
  put(8, d, 2);
  put(11, rest / 3600, 2);
  put(14, rest / 60 % 60, 2);
  put(17, rest % 60, 2);
  return out;
}

ReceivedField read_received(std::string_view value) {
  ReceivedField field;
  Hop& hop = field.hop;
  hop.received = text::squeeze_spaces(value);
  const std::size_t semicolon = value.rfind(';');
  const std::string_view clauses_text = semicolon == std::string_view::npos ? value : value.substr(0, semicolon);
  if (semicolon != std::string_view::npos) hop.date = text::squeeze_spaces(value.substr(semicolon + 1));

  const Clauses clauses(clauses_text);
  read_sender(clauses, field);
  hop.by = host_name(clauses.first_value(Clause::By));
  hop.protocol = clauses.joined_values(Clause::With);
  hop.id = host_name(clauses.first_value(Clause::Id));
  read_tls(clauses, hop);

  if (hop.date.empty()) {
    add_flag(hop, "no_date");
  } else if ((field.when = parse_date_time(hop.date))) {
    hop.time = iso_utc(field.when->epoch);
    if (!field.when->zone_known) add_flag(hop, "unknown_zone");
  } else {
    add_flag(hop, "unreadable_date");
  }
  if (hop.by.empty()) add_flag(hop, "no_by");
  return field;
}

Route route_of(const std::vector<std::string_view>& received_newest_first, std::size_t max_hops) {
  Route route;
  const std::size_t count = std::min(received_newest_first.size(), max_hops);
  std::vector<ReceivedField> fields;
  fields.reserve(count);
  for (std::size_t i = count; i-- > 0;) fields.push_back(read_received(received_newest_first[i]));
  long long longest = 0;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    ReceivedField& field = fields[i];
    if (i > 0) {
      const ReceivedField& previous = fields[i - 1];
      if (!has_sender(field)) add_flag(field.hop, "no_from");
      else if (!previous.hop.by.empty() && !continues(field, previous)) add_flag(field.hop, "chain_gap");
      if (field.when && previous.when) {
        const long long seconds = field.when->epoch - previous.when->epoch;
        field.hop.seconds_from_previous = seconds;
        if (seconds < 0) add_flag(field.hop, "clock_skew");
        if (seconds > longest) {
          longest = seconds;
          route.slowest = i;
        }
      }
    }
  }
  route.hops.reserve(fields.size());
  for (ReceivedField& field : fields) route.hops.push_back(std::move(field.hop));
  if (received_newest_first.size() > max_hops)
    route.warnings.push_back(say(kb::sentences::kRouteHopsCut, std::to_string(max_hops)));
  describe_flags(route);
  if (!route.hops.empty()) route.stopped = route.hops.size() - 1;
  return route;
}

Route read_route(const formats::Context& context, const std::vector<Record>& records, std::vector<std::string>& warnings) {
  const mime::Message& message = context.message;
  const dsn::DeliveryStatus& delivery = context.dsn;
  const Limits& limits = context.limits;
  if (limits.max_route_hops == 0) return {};
  mime::Headers quoted;
  std::vector<std::string_view> received = message.original.get_all("received");
  const char* source = "attached";
  if (message.original.empty()) {
    bool dropped = false;
    received = quoted_received(context, quoted, dropped);
    source = "quoted";
    // The quoted block is a header like any other: its cap is said, once.
    std::string warning = mime::too_many_fields_warning(limits.max_headers);
    if (dropped && std::find(warnings.begin(), warnings.end(), warning) == warnings.end()) warnings.push_back(std::move(warning));
  }
  if (received.empty()) return {};
  Route route = route_of(received, limits.max_route_hops);
  route.source = source;
  if (received.size() > limits.max_route_hops) warnings.push_back(route.warnings.front());

  route.reporting_mta = without_type(delivery.per_message.get("reporting-mta"));
  if (!delivery.recipients.empty()) route.remote_mta = without_type(delivery.recipients.front().get("remote-mta"));
  for (const Record& r : records) {
    if (route.reporting_mta.empty()) route.reporting_mta = host_name(r.lhost);
    if (route.remote_mta.empty()) route.remote_mta = host_name(r.rhost);
  }
  route.stopped = stopping_hop(route, route.reporting_mta);
  if (bound(route, limits))
    warnings.push_back(say(kb::sentences::kRouteFieldCut, std::to_string(limits.max_field_bytes)));
  return route;
}

}  // namespace bx::report
