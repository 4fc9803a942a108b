#include "report/json_writer.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "text/text.hpp"

namespace bx::report {
namespace {

/// The bytes JSON can carry as they are: printable ASCII other than the quote and the backslash.
/// Most of a report is such bytes; they are copied in runs, found with this table.
struct PlainBytes {
  bool plain[256] = {};
  constexpr PlainBytes() {
    for (int c = 0x20; c < 0x7F; ++c) plain[c] = c != '"' && c != '\\';
  }
};
constexpr PlainBytes kPlainJson{};

/// Whether the 32 bytes at `p` are all plain (as kPlainJson says). Branch-free over a fixed count
/// ('|', not '||'), so the compiler tests the 32 with a few vector instructions (a count of 16 it
/// unrolls instead): the strings of a report are long runs of plain bytes, and a test per byte
/// was most of the writer's time.
constexpr std::size_t kPlainBlock = 32;
bool block_is_plain(const char* p) {
  std::uint8_t bad = 0;
  for (std::size_t k = 0; k < kPlainBlock; ++k) {
    const auto b = static_cast<std::uint8_t>(p[k]);
    bad |= static_cast<std::uint8_t>((b < 0x20) | (b >= 0x7F) | (b == '"') | (b == '\\'));
  }
  return bad == 0;
}

/// End of the run of plain bytes that starts at s[i].
std::size_t plain_run_end(std::string_view s, std::size_t i) {
  while (i + kPlainBlock <= s.size() && block_is_plain(s.data() + i)) i += kPlainBlock;
  // Fewer than a block left: the block that ends with the string overlaps bytes already found
  // plain (when the run started far enough back), and tests the rest at once.
  const bool short_tail = i < s.size() && i + kPlainBlock > s.size() && s.size() >= kPlainBlock;
  if (short_tail && block_is_plain(s.data() + s.size() - kPlainBlock)) return s.size();
  while (i < s.size() && kPlainJson.plain[static_cast<unsigned char>(s[i])]) ++i;
  return i;
}

/// Appends the escaped form of the byte c (not plain, below 0x80).
void append_escaped_ascii(std::string& out, unsigned char c) {
  static const char kHex[] = "0123456789abcdef";
  switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    default: {
      const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
      out.append(escape, sizeof escape);
    }
  }
}

/// "%.3g" of a number of hundredths in [0, 1] (a confidence, say), written by hand: "0", "1",
/// "0.5", "0.95". False for any other number, which is left to snprintf.
bool format_hundredths(double d, std::string& out) {
  if (!(d >= 0 && d <= 1) || std::signbit(d)) return false;
  const long k = std::lround(d * 100);
  if (static_cast<double>(k) / 100 != d) return false;
  if (k == 0 || k == 100) {
    out.push_back(k == 0 ? '0' : '1');
    return true;
  }
  const char digits[] = {'0', '.', static_cast<char>('0' + k / 10), static_cast<char>('0' + k % 10)};
  out.append(digits, k % 10 == 0 ? 3 : 4);  // 0.50 is written 0.5
  return true;
}

}  // namespace

void JsonWriter::append_quoted(std::string& out, std::string_view s) {
  out.push_back('"');
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t run = plain_run_end(s, i);
    out.append(s.data() + i, run - i);
    if (run == s.size()) break;
    i = run;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      append_escaped_ascii(out, c);
      ++i;
    } else if (const std::size_t len = text::utf8_sequence_length(s, i)) {
      out.append(s.data() + i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8
      ++i;
    }
  }
  out.push_back('"');
}

void JsonWriter::newline() {
  if (indent_ < 0) return;
  out_.push_back('\n');
  out_.append(depth_ * static_cast<std::size_t>(indent_), ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (depth_ == 0) return;
  if (!first_) out_.push_back(',');
  first_ = false;
  newline();
}

void JsonWriter::open(char bracket) {
  before_value();
  out_.push_back(bracket);
  ++depth_;
  first_ = true;
}

void JsonWriter::close(char bracket) {
  const bool empty = first_;
  --depth_;
  if (!empty) newline();
  out_.push_back(bracket);
  first_ = false;  // the enclosing container holds this one now
}

JsonWriter& JsonWriter::begin_object() {
  open('{');
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  close('}');
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  open('[');
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  close(']');
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  before_value();
  // A name from our own code: nothing to escape. Put together here, to be appended at once.
  char quoted[64];
  const std::size_t tail = indent_ < 0 ? 2 : 3;  // '":' or '": '
  if (name.size() + 1 + tail > sizeof quoted) {
    out_.push_back('"');
    out_.append(name);
    out_.append(indent_ < 0 ? "\":" : "\": ");
  } else {
    quoted[0] = '"';
    std::memcpy(quoted + 1, name.data(), name.size());
    std::memcpy(quoted + 1 + name.size(), "\": ", tail);
    out_.append(quoted, 1 + name.size() + tail);
  }
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
  before_value();
  append_quoted(out_, s);
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  before_value();
  out_ += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::value(double d) {
  before_value();
  if (!std::isfinite(d)) {
    out_ += "null";
    return *this;
  }
  if (format_hundredths(d, out_)) return *this;  // snprintf is a tenth of a record's time
  char buf[32];
  int n = std::snprintf(buf, sizeof buf, "%.3g", d);
  out_.append(buf, static_cast<std::size_t>(n > 0 ? n : 0));
  return *this;
}

JsonWriter& JsonWriter::value(std::size_t n) {
  before_value();
  char digits[24];  // (no temporary string)
  const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  out_.append(digits, static_cast<std::size_t>(end - digits));
  return *this;
}

JsonWriter& JsonWriter::integer(long long n) {
  before_value();
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  out_.append(digits, static_cast<std::size_t>(end - digits));
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::strings(const std::vector<std::string>& list) {
  begin_array();
  for (const std::string& s : list) value(s);
  return end_array();
}

}  // namespace bx::report
