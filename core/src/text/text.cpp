#include "text/text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace bx::text {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

std::size_t ifind(std::string_view haystack, std::string_view lower_needle, std::size_t from) {
  if (lower_needle.empty()) return from <= haystack.size() ? from : std::string_view::npos;
  const std::size_t n = lower_needle.size();
  if (haystack.size() < n || from > haystack.size() - n) return std::string_view::npos;
  const char first = lower_needle.front();
  if (first >= 'A' && first <= 'Z') return std::string_view::npos;  // never equal to a lowered byte
  const char first_upper = first >= 'a' && first <= 'z' ? static_cast<char>(first - 32) : first;
  // Candidates come from memchr (for both cases of the first byte), block by block so that a
  // match near the start does not pay for a scan of the whole haystack. Each byte is looked at
  // a bounded number of times: linear in the haystack for the short needles used here.
  const char* h = haystack.data();
  const std::size_t end = haystack.size() - n + 1;  // one past the last possible start
  auto next_of = [h](char c, std::size_t at, std::size_t stop) -> std::size_t {
    if (at >= stop) return std::string_view::npos;
    const void* p = std::memchr(h + at, c, stop - at);
    return p ? static_cast<std::size_t>(static_cast<const char*>(p) - h) : std::string_view::npos;
  };
  constexpr std::size_t kBlock = 1024;
  for (std::size_t block = from; block < end; block += kBlock) {
    const std::size_t stop = std::min(end, block + kBlock);
    std::size_t lo = next_of(first, block, stop);
    std::size_t up = first_upper != first ? next_of(first_upper, block, stop) : std::string_view::npos;
    while (lo != std::string_view::npos || up != std::string_view::npos) {
      const std::size_t i = std::min(lo, up);
      std::size_t j = 1;
      while (j < n && lower(h[i + j]) == lower_needle[j]) ++j;
      if (j == n) return i;
      if (i == lo) lo = next_of(first, i + 1, stop);
      if (i == up) up = next_of(first_upper, i + 1, stop);
    }
  }
  return std::string_view::npos;
}

bool icontains(std::string_view haystack, std::string_view lower_needle) {
  return ifind(haystack, lower_needle) != std::string_view::npos;
}

std::string squeeze_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (char c : s) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) {
      lines.push_back(s.substr(start));
      break;
    }
    lines.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

Normalized::Normalized(std::string_view original) {
  text_.reserve(original.size());
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < original.size(); ++i) {
    // Fast path: copy up to the next CR or LF at once.
    // (A plain loop: find_first_of would call memchr once per byte.)
    std::size_t stop = i;
    while (stop < original.size() && original[stop] != '\r' && original[stop] != '\n') ++stop;
    if (stop > i) {
      text_.append(original.data() + i, stop - i);
      i = stop - 1;
      continue;
    }
    char c = original[i];
    if (c == '\r') {
      // CRLF: drop the CR; lone CR: becomes LF (no offset change).
      if (i + 1 < original.size() && original[i + 1] == '\n') {
        removed_.push_back(text_.size());
        continue;
      }
      c = '\n';
    }
    text_.push_back(c);
    if (c == '\n') line_starts_.push_back(text_.size());
  }
}

std::size_t Normalized::to_original(std::size_t pos) const {
  // Every CR removed at or before `pos` shifts the original offset by one.
  auto shift = std::upper_bound(removed_.begin(), removed_.end(), pos) - removed_.begin();
  return pos + static_cast<std::size_t>(shift);
}

std::size_t Normalized::line_of(std::size_t pos) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), pos);
  return static_cast<std::size_t>(it - line_starts_.begin());
}

std::string sanitize_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    // Fast path: a run of printable ASCII (and tab / line ends) is copied as it is.
    std::size_t run = i;
    while (run < s.size() && ((s[run] >= 0x20 && s[run] < 0x7F) || s[run] == '\n' || s[run] == '\t' || s[run] == '\r'))
      ++run;
    if (run > i) {
      out.append(s.data() + i, run - i);
      i = run;
      continue;
    }
    auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    bool ok = len > 0 && i + len <= s.size();
    for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) >> 6) == 0x2;
    if (ok && len == 2) ok = b >= 0xC2;
    if (ok && len == 3) {
      auto b1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(b == 0xE0 && b1 < 0xA0) && !(b == 0xED && b1 >= 0xA0);
    }
    if (ok && len == 4) {
      auto b1 = static_cast<unsigned char>(s[i + 1]);
      ok = b <= 0xF4 && !(b == 0xF0 && b1 < 0x90) && !(b == 0xF4 && b1 >= 0x90);
    }
    if (!ok) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    if (len == 1 && b < 0x20 && b != '\n' && b != '\t' && b != '\r') {
      out.push_back(' ');  // control characters would only confuse the reader
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
  }
  return out;
}

bool looks_like_text(std::string_view s) {
  const std::size_t sample = std::min<std::size_t>(s.size(), 64 * 1024);
  // Control bytes text never holds: all below 0x20 but tab, LF, FF, CR and the ESC of ISO-2022
  // text. Counted as "below 0x20" minus "allowed", in this form because the compiler vectorises it.
  std::uint32_t bad = 0;
  for (std::size_t i = 0; i < sample; ++i) {
    auto b = static_cast<unsigned char>(s[i]);
    bad += (b < 0x20);
    bad -= (b == '\t') + (b == '\n') + (b == '\f') + (b == '\r') + (b == 0x1B);
  }
  return bad * 20 < sample + 1;  // more than 5 % control bytes: binary
}

}  // namespace bx::text
