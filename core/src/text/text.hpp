// Small text helpers used by every stage: ASCII case folding, trimming, line iteration,
// line-ending normalisation with a way back to offsets in the original input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bx::text {

// The one-character helpers are inline: every stage calls them once per byte.
inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
/// ' ', and '\t' '\n' '\v' '\f' '\r' (which are the consecutive codes 9 to 13).
inline bool is_space(char c) { return c == ' ' || static_cast<unsigned char>(c - '\t') <= '\r' - '\t'; }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string to_lower(std::string_view s);
/// Lower case for matching wording in any of the languages the knowledge base speaks: ASCII,
/// Latin-1, Latin Extended-A (Polish, Czech, ...), Greek (with the accented capitals a
/// sentence may start with: Ά Έ Ή Ί Ό Ύ Ώ) and Cyrillic capitals (Ukrainian Ґ too), and
/// Romanian Ș Ț, become small letters. Every letter keeps its byte length, so offsets stay valid.
std::string fold_case(std::string_view s);
/// fold_case() of a string the caller owns, without a copy.
void fold_case_in_place(std::string& s);
/// Without the surrounding white space. Inline: the MIME reader alone trims every header line.
inline std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}
bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view s, std::string_view prefix);
/// Exact search for `needle` at or after `from`, npos if none: memmem, which skips ahead, where
/// string_view::find stops at every occurrence of the needle's first byte.
std::size_t find(std::string_view haystack, std::string_view needle, std::size_t from = 0);
/// Case-insensitive (ASCII) search; `needle` must already be lower case.
std::size_t ifind(std::string_view haystack, std::string_view lower_needle, std::size_t from = 0);
inline bool icontains(std::string_view haystack, std::string_view lower_needle) {
  return ifind(haystack, lower_needle) != std::string_view::npos;
}
/// Collapses runs of white space to one space and trims.
std::string squeeze_spaces(std::string_view s);

/// Splits on '\n' (the text is normalised first); the last line may be empty.
std::vector<std::string_view> split_lines(std::string_view s);

/// The input with CRLF and lone CR turned into LF, and a map back to original offsets.
class Normalized {
 public:
  explicit Normalized(std::string_view original);
  const std::string& text() const { return text_; }
  /// Offset in the original input of byte `pos` of text().
  std::size_t to_original(std::size_t pos) const;
  /// 1-based line number of byte `pos` of text().
  std::size_t line_of(std::size_t pos) const;

 private:
  std::string text_;
  std::vector<std::size_t> removed_;    // positions in text_ where a CR was dropped before
  std::vector<std::size_t> line_starts_;
};

/// Which 4-byte sequences occur in a text, as a 64 K-bit hashed set: answers "certainly not
/// there" for a needle in a few instructions, where a search would read the whole text. For a
/// text searched for dozens of needles that are mostly absent (the decoders' markers).
class GramSet {
 public:
  explicit GramSet(std::string_view text);
  /// False only when `needle` cannot occur in the text; true means "search to be sure".
  bool may_contain(std::string_view needle) const;

 private:
  static constexpr std::size_t kBits = 1 << 16;
  static constexpr std::size_t kStride = 4;   ///< a sequence at every fourth byte of the text
  static constexpr std::size_t kSamples = 4;  ///< sequences of the needle tested per residue
  std::vector<std::uint64_t> bits_;
};

/// Length of the valid UTF-8 sequence that starts at s[i] (a byte >= 0x80), or 0 when it is
/// invalid (overlong, a surrogate, beyond U+10FFFF, cut short).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

/// Replaces invalid UTF-8 sequences with U+FFFD so the JSON output is always valid.
std::string sanitize_utf8(std::string_view s);

/// Whether every byte of `s` belongs to a valid UTF-8 sequence.
bool is_valid_utf8(std::string_view s);

/// `s` written so that its exact bytes can be read back from it, for a name that is not valid
/// UTF-8 (the CLI's "file_bytes"): valid UTF-8 as it is, every byte outside a valid sequence as
/// \xNN (two lower-case hex digits), and a backslash doubled.
std::string escape_invalid_utf8(std::string_view s);

/// Cuts `s` to at most `max_bytes` bytes, not inside a UTF-8 sequence. Returns whether it was cut.
bool cut_utf8(std::string& s, std::size_t max_bytes);

/// True when the bytes look like text (few NULs / control characters).
bool looks_like_text(std::string_view s);

}  // namespace bx::text
