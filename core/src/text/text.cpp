#include "text/text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace bx::text {

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

namespace {

/// The small letter of the two-byte UTF-8 capital `lead trail`, written back in place.
void fold_two_bytes(unsigned char& lead, unsigned char& trail) {
  unsigned code = ((lead & 0x1Fu) << 6) | (trail & 0x3Fu);
  if ((code >= 0xC0 && code <= 0xDE && code != 0xD7) ||  // Latin-1 À..Þ (not ×)
      (code >= 0x391 && code <= 0x3AB && code != 0x3A2) ||  // Greek Α..Ϋ
      (code >= 0x410 && code <= 0x42F))                    // Cyrillic А..Я
    code += 0x20;
  else if (code >= 0x400 && code <= 0x40F)  // Cyrillic Ѐ..Џ (Ё, Ukrainian Є І Ї)
    code += 0x50;
  else if (code == 0x386)  // Greek Ά: a sentence's first word keeps its accent ("Άγνωστος χρήστης")
    code = 0x3AC;
  else if (code >= 0x388 && code <= 0x38A)  // Έ Ή Ί
    code += 0x25;
  else if (code == 0x38C || code == 0x38E || code == 0x38F)  // Ό Ύ Ώ
    code += code == 0x38C ? 0x40 : 0x3F;
  else if (code == 0x490 || code == 0x218 || code == 0x21A)  // Ukrainian Ґ, Romanian Ș Ț (comma below)
    code += 1;
  else if (code >= 0x100 && code <= 0x17F && code != 0x130 && code != 0x138 && code != 0x149 && code != 0x178 && code != 0x17F) {
    // Latin Extended-A pairs capital and small letter as even/odd, except in Ĺ..ň and Ź..ž.
    bool odd_capitals = (code >= 0x139 && code <= 0x148) || (code >= 0x179 && code <= 0x17E);
    if ((code % 2 == 1) == odd_capitals) code += 1;
  }
  lead = static_cast<unsigned char>(0xC0 | (code >> 6));
  trail = static_cast<unsigned char>(0x80 | (code & 0x3F));
}

}  // namespace

std::string fold_case(std::string_view s) {
  std::string out(s);
  fold_case_in_place(out);
  return out;
}

namespace {

/// Lowers the ASCII capitals of 8 bytes that are all below 0x80, in one go: a byte gets 0x20
/// when it is at least 'A' and not above 'Z' (each test sets the byte's top bit; no carry can
/// cross into the next byte, every byte being below 0x80).
std::uint64_t lower_ascii_word(std::uint64_t word) {
  constexpr std::uint64_t kOnes = 0x0101010101010101u, kTops = 0x8080808080808080u;
  const std::uint64_t at_least_a = word + kOnes * (0x80 - 'A');
  const std::uint64_t above_z = word + kOnes * (0x80 - 'Z' - 1);
  return word | ((at_least_a & ~above_z & kTops) >> 2);
}

}  // namespace

void fold_case_in_place(std::string& out) {
  for (std::size_t i = 0; i < out.size(); ++i) {
    // Most text is ASCII: 8 bytes at a time while they are (a diagnostic, a notice's first
    // kilobyte: every message goes through here several times).
    while (i + 8 <= out.size()) {
      std::uint64_t word;
      std::memcpy(&word, out.data() + i, 8);
      if (word & 0x8080808080808080u) break;
      word = lower_ascii_word(word);
      std::memcpy(out.data() + i, &word, 8);
      i += 8;
    }
    if (i == out.size()) break;
    auto& c = reinterpret_cast<unsigned char&>(out[i]);
    if (c < 0x80) {
      c = static_cast<unsigned char>(lower(static_cast<char>(c)));
    } else if (c >= 0xC3 && c <= 0xD2 && i + 1 < out.size() && (static_cast<unsigned char>(out[i + 1]) & 0xC0) == 0x80) {
      fold_two_bytes(c, reinterpret_cast<unsigned char&>(out[i + 1]));
      ++i;
    }
  }
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

namespace {

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/// Whether `lower_needle` is at `h`, ignoring case (the caller checked that it fits).
bool matches_at(const char* h, std::string_view lower_needle) {
  for (std::size_t j = 0; j < lower_needle.size(); ++j)
    if (lower(h[j]) != lower_needle[j]) return false;
  return true;
}

/// Candidates from one memchr pass over a byte of the needle that has no other case (the ':' of
/// "said:"): half the memchr calls of a search on both cases of a first letter.
std::size_t find_by_caseless_byte(std::string_view haystack, std::string_view lower_needle, std::size_t from,
                                  std::size_t anchor) {
  const char* h = haystack.data();
  const char byte = lower_needle[anchor];
  const std::size_t stop = haystack.size() - lower_needle.size() + 1 + anchor;  // one past the last anchor
  for (std::size_t pos = from + anchor; pos < stop;) {
    const void* p = std::memchr(h + pos, byte, stop - pos);
    if (p == nullptr) break;
    const std::size_t at = static_cast<std::size_t>(static_cast<const char*>(p) - h);
    if (matches_at(h + at - anchor, lower_needle)) return at - anchor;
    pos = at + 1;
  }
  return std::string_view::npos;
}

/// Candidates from memchr for both cases of the needle's first letter, block by block so that a
/// match near the start does not pay for a scan of the whole haystack. Each byte is looked at a
/// bounded number of times: linear in the haystack for the short needles used here.
/// Not inlined: inside ifind its many live values made every call, even one that returns at the
/// first check (a line shorter than the needle), save and restore registers.
[[gnu::noinline]] std::size_t find_by_first_letter(std::string_view haystack, std::string_view lower_needle, std::size_t from) {
  const char first = lower_needle.front();
  const char first_upper = static_cast<char>(first - 32);
  const char* h = haystack.data();
  const std::size_t end = haystack.size() - lower_needle.size() + 1;  // one past the last possible start
  auto next_of = [h](char c, std::size_t at, std::size_t stop) -> std::size_t {
    if (at >= stop) return std::string_view::npos;
    const void* p = std::memchr(h + at, c, stop - at);
    return p ? static_cast<std::size_t>(static_cast<const char*>(p) - h) : std::string_view::npos;
  };
  constexpr std::size_t kBlock = 1024;
  for (std::size_t block = from; block < end; block += kBlock) {
    const std::size_t stop = std::min(end, block + kBlock);
    std::size_t lo = next_of(first, block, stop);
    std::size_t up = next_of(first_upper, block, stop);
    while (lo != std::string_view::npos || up != std::string_view::npos) {
      const std::size_t i = std::min(lo, up);
      if (matches_at(h + i, lower_needle)) return i;
      if (i == lo) lo = next_of(first, i + 1, stop);
      if (i == up) up = next_of(first_upper, i + 1, stop);
    }
  }
  return std::string_view::npos;
}

}  // namespace

std::size_t find(std::string_view haystack, std::string_view needle, std::size_t from) {
  if (from > haystack.size()) return std::string_view::npos;
  const void* at = ::memmem(haystack.data() + from, haystack.size() - from, needle.data(), needle.size());
  return at ? static_cast<std::size_t>(static_cast<const char*>(at) - haystack.data()) : std::string_view::npos;
}

namespace {

/// The 16-bit hash of the 4 bytes at p (Fibonacci hashing of their 32-bit value).
inline std::uint32_t gram_hash(const char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return (v * 0x9E3779B1u) >> 16;
}

}  // namespace

// Only the sequences starting at every fourth byte go in (a quarter of the work of making the
// set, which is made for every message). A needle occurring at offset t then has the sequences
// of its own offsets t', t' + 4, t' + 8, ... in the set, where t' = -t mod 4 is unknown: it may
// be in the text if, for one of the four residues, all of its sequences at that residue are.
GramSet::GramSet(std::string_view text) : bits_(kBits / 64) {
  for (std::size_t i = 0; i + 4 <= text.size(); i += kStride) {
    const std::uint32_t h = gram_hash(text.data() + i);
    bits_[h >> 6] |= std::uint64_t{1} << (h & 63);
  }
}

bool GramSet::may_contain(std::string_view needle) const {
  if (needle.size() < 4 + kStride - 1) return true;  // some residue would have no sequence to test
  const std::size_t last = needle.size() - 4;       // the last offset a sequence starts at
  for (std::size_t residue = 0; residue < kStride; ++residue) {
    // A few sequences spread over the needle decide almost always (a 4 KB text sets under 2 %
    // of the bits); the last one of this residue is always among them.
    const std::size_t count = (last - residue) / kStride + 1;
    const std::size_t final_at = residue + (count - 1) * kStride;
    const std::size_t step = (count + kSamples - 1) / kSamples * kStride;
    bool all = true;
    for (std::size_t at = residue;; at += step) {
      at = std::min(at, final_at);
      const std::uint32_t h = gram_hash(needle.data() + at);
      if ((bits_[h >> 6] >> (h & 63) & 1) == 0) {
        all = false;
        break;
      }
      if (at == final_at) break;
    }
    if (all) return true;
  }
  return false;
}

std::size_t ifind(std::string_view haystack, std::string_view lower_needle, std::size_t from) {
  if (lower_needle.empty()) return from <= haystack.size() ? from : std::string_view::npos;
  const std::size_t n = lower_needle.size();
  if (haystack.size() < n || from > haystack.size() - n) return std::string_view::npos;
  const char first = lower_needle.front();
  if (first >= 'A' && first <= 'Z') return std::string_view::npos;  // never equal to a lowered byte
  // Needles often end in punctuation ("said:", "smtp;"): prefer that byte, then the first one.
  if (!is_ascii_letter(lower_needle.back())) return find_by_caseless_byte(haystack, lower_needle, from, n - 1);
  if (!is_ascii_letter(first)) return find_by_caseless_byte(haystack, lower_needle, from, 0);
  return find_by_first_letter(haystack, lower_needle, from);
}

std::string squeeze_spaces(std::string_view s) {
  // Written through a pointer into a buffer of the input's size (the output is never longer):
  // a push_back per byte cost twice as much, and every diagnostic goes through here many times.
  std::string out(s.size(), ' ');
  char* const begin = out.data();
  char* w = begin;
  bool pending_space = false;
  for (char c : s) {
    if (is_space(c)) {
      pending_space = w != begin;
      continue;
    }
    if (pending_space) *w++ = ' ';
    pending_space = false;
    *w++ = c;
  }
  out.resize(static_cast<std::size_t>(w - begin));
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

namespace {

/// Appends a stretch of input without CR to `text`, noting where each of its lines starts.
void append_lines(std::string_view stretch, std::string& text, std::vector<std::size_t>& line_starts) {
  const std::size_t base = text.size();
  text.append(stretch);
  for (std::size_t nl = stretch.find('\n'); nl != std::string_view::npos; nl = stretch.find('\n', nl + 1))
    line_starts.push_back(base + nl + 1);
}

}  // namespace

Normalized::Normalized(std::string_view original) {
  // Every input byte passes here: stretches between CRs are copied whole and their LFs found
  // with memchr (string_view::find), not looked at one by one.
  text_.reserve(original.size());
  line_starts_.push_back(0);
  std::size_t pos = 0;
  while (pos < original.size()) {
    std::size_t cr = original.find('\r', pos);
    if (cr == std::string_view::npos) cr = original.size();
    append_lines(original.substr(pos, cr - pos), text_, line_starts_);
    if (cr == original.size()) break;
    if (cr + 1 < original.size() && original[cr + 1] == '\n') {
      removed_.push_back(text_.size());  // CRLF: the CR is dropped, the LF comes with the next stretch
    } else {
      text_.push_back('\n');  // a lone CR becomes LF (no offset change)
      line_starts_.push_back(text_.size());
    }
    pos = cr + 1;
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

namespace {

/// Bytes kept as they are without a look at their neighbours: printable ASCII, DEL, tab and line ends.
bool is_plain_ascii(unsigned char b) { return (b >= 0x20 && b < 0x80) || b == '\n' || b == '\t' || b == '\r'; }

/// Whether the 8 bytes at `p` are all in 0x20..0x7F, tested as one 64-bit word: subtracting 0x20
/// from every byte sets its top bit when the byte was below 0x20 (a borrow into the next byte
/// only happens after such a byte, so it can add no false "yes"), and a byte of 0x80 or more has
/// its top bit set already.
bool eight_printable(const char* p) {
  std::uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return (((word - 0x2020202020202020u) | word) & 0x8080808080808080u) == 0;
}

/// Whether the 32 bytes at `p` are all plain ASCII (as is_plain_ascii says). Written without
/// branches over a fixed count, so that the compiler checks the 32 with a handful of vector
/// instructions; line ends are plain too, so a text part is mostly skipped 32 bytes at a time.
constexpr std::size_t kPlainBlock = 32;
bool block_is_plain_ascii(const char* p) {
  std::uint8_t bad = 0;
  for (std::size_t k = 0; k < kPlainBlock; ++k) {
    const auto b = static_cast<std::uint8_t>(p[k]);
    const int control = (b < 0x20) & (b != '\n') & (b != '\t') & (b != '\r');  // '&', not '&&': no branch
    bad |= static_cast<std::uint8_t>((b >= 0x80) | control);
  }
  return bad == 0;
}

}  // namespace

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  const std::size_t len = (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k)
    if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return 0;
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  if (len == 2 && b < 0xC2) return 0;  // overlong
  if (len == 3 && ((b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 >= 0xA0))) return 0;  // overlong, surrogate
  if (len == 4 && (b > 0xF4 || (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 >= 0x90))) return 0;
  return len;
}

bool cut_utf8(std::string& s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return false;
  std::size_t end = max_bytes;
  // Back off the continuation bytes (10xxxxxx) of a sequence the cut would split, and its lead.
  for (std::size_t back = 0; back < 3 && end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80; ++back) --end;
  s.resize(end);  // (a longer run of continuation bytes is not UTF-8: sanitize_utf8 deals with it)
  return true;
}

std::string sanitize_utf8(std::string_view s) {
  // Valid stretches are copied whole, and nothing at all is built until a byte needs replacing:
  // most text is valid, and then the result is one copy of the input.
  std::string out;
  std::size_t copied = 0;  // s[copied, i) is valid and not yet in `out`
  std::size_t i = 0;
  while (i < s.size()) {
    if (i + kPlainBlock <= s.size() && block_is_plain_ascii(s.data() + i)) {
      i += kPlainBlock;
      continue;
    }
    // A block with other bytes (UTF-8 text, say) is read byte by byte, and only then is the next
    // block tried: text that is all multi-byte characters would otherwise fail a test per character.
    const std::size_t block_end = std::min(s.size(), i + kPlainBlock);
    while (i < block_end) {
      if (i + 8 <= s.size() && eight_printable(s.data() + i)) {  // (short strings: a header value)
        i += 8;
        continue;
      }
      const auto b = static_cast<unsigned char>(s[i]);
      if (is_plain_ascii(b)) {
        ++i;
        continue;
      }
      if (b >= 0x80) {
        if (std::size_t len = utf8_sequence_length(s, i)) {
          i += len;
          continue;
        }
      }
      if (copied == 0) out.reserve(s.size() + 16);
      out.append(s.data() + copied, i - copied);
      out += b >= 0x80 ? "\xEF\xBF\xBD" : " ";  // U+FFFD; control characters would only confuse the reader
      copied = ++i;
    }
  }
  if (copied == 0) return std::string(s);
  out.append(s.data() + copied, s.size() - copied);
  return out;
}

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = utf8_sequence_length(s, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string escape_invalid_utf8(std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size() + 8);
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t len = b < 0x80 ? 1 : utf8_sequence_length(s, i);
    if (len == 0) {
      out += "\\x";
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
      ++i;
      continue;
    }
    if (b == '\\') out += '\\';
    out.append(s, i, len);
    i += len;
  }
  return out;
}

namespace {

// Both counters below run over up to 64 KiB of every input. They count in a one-byte counter per
// chunk of 255 bytes, in the branch-free form the compiler turns into 16 bytes per instruction.
constexpr std::size_t kCountChunk = 255;

/// How many bytes are below 0x20.
std::size_t count_below_space(const unsigned char* bytes, std::size_t size) {
  std::size_t total = 0;
  for (std::size_t start = 0; start < size; start += kCountChunk) {
    const std::size_t stop = std::min(size, start + kCountChunk);
    std::uint8_t in_chunk = 0;
    for (std::size_t i = start; i < stop; ++i) in_chunk = static_cast<std::uint8_t>(in_chunk + (bytes[i] < 0x20));
    total += in_chunk;
  }
  return total;
}

/// How many bytes are control bytes text never holds: all below 0x20 but tab, LF, FF, CR and the
/// ESC of ISO-2022 text ("below 0x20" minus "allowed").
std::size_t count_binary_bytes(const unsigned char* bytes, std::size_t size) {
  std::size_t total = 0;
  for (std::size_t start = 0; start < size; start += kCountChunk) {
    const std::size_t stop = std::min(size, start + kCountChunk);
    std::uint8_t in_chunk = 0;
    for (std::size_t i = start; i < stop; ++i) {
      const std::uint8_t b = bytes[i];
      const int allowed = (b == '\t') + (b == '\n') + (b == '\f') + (b == '\r') + (b == 0x1B);
      in_chunk = static_cast<std::uint8_t>(in_chunk + (b < 0x20) - allowed);
    }
    total += in_chunk;
  }
  return total;
}

}  // namespace

bool looks_like_text(std::string_view s) {
  const std::size_t sample = std::min<std::size_t>(s.size(), 64 * 1024);
  const auto* bytes = reinterpret_cast<const unsigned char*>(s.data());
  auto few = [sample](std::size_t bad) { return bad * 20 < sample + 1; };  // more than 5 %: binary
  // Bytes below 0x20 are at least as many as the binary ones, and cheaper to count: when even
  // they are few (most text), the exact count is not needed.
  return few(count_below_space(bytes, sample)) || few(count_binary_bytes(bytes, sample));
}

}  // namespace bx::text
