#include "text/codec.hpp"

#if BX_HAVE_ICONV
#include <iconv.h>
#endif

#include <cerrno>
#include <memory>
#include <utility>
#include <vector>

#include "text/text.hpp"

namespace bx::text {
namespace {

// The value of each base64 digit (both alphabets: "+/" and the URL-safe "-_"), kNotBase64 for
// the rest and kPadding for '='. A table, because the decoder looks up every byte of every
// attachment.
constexpr signed char kNotBase64 = -1;
constexpr signed char kPadding = -2;

struct Base64Table {
  signed char value[256];
};

constexpr Base64Table make_base64_table() {
  Base64Table t{};
  for (int c = 0; c < 256; ++c) t.value[c] = kNotBase64;
  for (int i = 0; i < 26; ++i) {
    t.value['A' + i] = static_cast<signed char>(i);
    t.value['a' + i] = static_cast<signed char>(26 + i);
  }
  for (int i = 0; i < 10; ++i) t.value['0' + i] = static_cast<signed char>(52 + i);
  t.value[int{'+'}] = t.value[int{'-'}] = 62;
  t.value[int{'/'}] = t.value[int{'_'}] = 63;
  t.value[int{'='}] = kPadding;
  return t;
}

constexpr Base64Table kBase64 = make_base64_table();

int base64_value(char c) { return kBase64.value[static_cast<unsigned char>(c)]; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool is_utf8_name(std::string_view cs) {
  return cs.empty() || iequals(cs, "utf-8") || iequals(cs, "utf8") || iequals(cs, "us-ascii") ||
         iequals(cs, "ascii") || iequals(cs, "unknown-8bit") || iequals(cs, "x-unknown");
}

// Names iconv (glibc and musl) does not know, mapped to ones it does. ISO-2022-JP mail often
// uses JIS X 0208 extensions, so CP932-era aliases are mapped to the widest table available.
std::string iconv_name(std::string_view charset) {
  std::string cs = to_lower(trim(charset));
  if (cs == "gb2312" || cs == "x-gbk" || cs == "cp936") return "GBK";
  if (cs == "ks_c_5601-1987" || cs == "ks_c_5601") return "EUC-KR";
  if (cs == "x-sjis" || cs == "shift-jis" || cs == "sjis" || cs == "ms_kanji" || cs == "cp932" || cs == "windows-31j")
    return "SHIFT_JIS";
  if (cs == "iso-2022-jp-2" || cs == "iso-2022-jp-3" || cs == "csiso2022jp") return "ISO-2022-JP";
  if (cs == "latin1" || cs == "latin-1") return "ISO-8859-1";
  if (cs == "x-euc-jp") return "EUC-JP";
  return cs;
}

std::string latin1_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char ch : bytes) {
    auto b = static_cast<unsigned char>(ch);
    if (b < 0x80) {
      out.push_back(ch);
    } else {
      out.push_back(static_cast<char>(0xC0 | (b >> 6)));
      out.push_back(static_cast<char>(0x80 | (b & 0x3F)));
    }
  }
  return out;
}

}  // namespace

std::string decode_base64(std::string_view in) {
  // Written through a pointer into a buffer sized for the longest result (6 bits per input byte),
  // and four digits at a time while they come in whole groups, as they do in a well-formed body:
  // this runs over every byte of every base64 part.
  std::string out(in.size() / 4 * 3 + 3, '\0');
  char* const begin = out.data();
  char* w = begin;
  unsigned buffer = 0;
  int bits = 0;
  std::size_t i = 0;
  while (i < in.size()) {
    if (bits == 0 && i + 4 <= in.size()) {
      const int a = base64_value(in[i]), b = base64_value(in[i + 1]), c = base64_value(in[i + 2]),
                d = base64_value(in[i + 3]);
      if ((a | b | c | d) >= 0) {  // four digits: no padding, line break or junk among them
        const unsigned group = static_cast<unsigned>(a << 18 | b << 12 | c << 6 | d);
        *w++ = static_cast<char>(group >> 16);
        *w++ = static_cast<char>((group >> 8) & 0xFF);
        *w++ = static_cast<char>(group & 0xFF);
        i += 4;
        continue;
      }
    }
    const int v = base64_value(in[i++]);
    if (v == kPadding) break;
    if (v < 0) continue;  // line breaks and junk are skipped
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      *w++ = static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  out.resize(static_cast<std::size_t>(w - begin));
  return out;
}

namespace {

/// One unit of quoted-printable text at in[i], as decode_quoted_printable reads it: the bytes it
/// takes and the bytes it decodes to (0 for a soft line break, else 1).
struct QpUnit {
  std::size_t in_bytes, out_bytes;
};

QpUnit qp_unit(std::string_view in, std::size_t i) {
  if (in[i] != '=') return {1, 1};
  if (i + 1 < in.size() && in[i + 1] == '\n') return {2, 0};
  if (i + 2 < in.size() && in[i + 1] == '\r' && in[i + 2] == '\n') return {3, 0};
  if (i + 2 < in.size() && hex_value(in[i + 1]) >= 0 && hex_value(in[i + 2]) >= 0) return {3, 1};
  return {1, 1};  // a stray '=' stays as it is
}

bool decodes_to_newline(std::string_view in, std::size_t i, QpUnit u) {
  if (u.out_bytes == 0) return false;
  if (u.in_bytes == 1) return in[i] == '\n';
  return hex_value(in[i + 1]) == 0 && hex_value(in[i + 2]) == 10;  // "=0A"
}

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> quoted_printable_line_starts(std::string_view in) {
  std::vector<std::pair<std::size_t, std::size_t>> starts;
  std::size_t decoded = 0;
  for (std::size_t i = 0; i < in.size();) {
    // Runs without '=' decode to themselves: only their newlines need looking at.
    std::size_t eq = in.find('=', i);
    if (eq == std::string_view::npos) eq = in.size();
    for (std::size_t nl = in.find('\n', i); nl != std::string_view::npos && nl < eq; nl = in.find('\n', nl + 1))
      starts.emplace_back(decoded + (nl - i) + 1, nl + 1);
    decoded += eq - i;
    i = eq;
    if (i == in.size()) break;
    QpUnit u = qp_unit(in, i);
    const bool newline = decodes_to_newline(in, i, u);
    i += u.in_bytes;
    decoded += u.out_bytes;
    if (newline) starts.emplace_back(decoded, i);
  }
  return starts;
}

std::size_t quoted_printable_advance(std::string_view in, std::size_t from, std::size_t decoded, std::size_t max_read) {
  std::size_t i = from;
  while (decoded > 0) {
    if (i >= in.size() || i - from > max_read) return std::string_view::npos;
    QpUnit u = qp_unit(in, i);
    i += u.in_bytes;
    decoded -= u.out_bytes;
  }
  return i;  // (a soft line break after the last byte is left: it belongs to what follows)
}

std::string decode_quoted_printable(std::string_view in) {
  // Text between '=' signs is copied whole (found with memchr): most of a quoted-printable body
  // is plain text.
  std::string out;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    std::size_t eq = in.find('=', i);
    if (eq == std::string_view::npos) eq = in.size();
    out.append(in.data() + i, eq - i);
    if (eq == in.size()) break;
    i = eq + 1;
    if (i < in.size() && in[i] == '\n') {  // soft line break
      ++i;
      continue;
    }
    if (i + 1 < in.size() && in[i] == '\r' && in[i + 1] == '\n') {
      i += 2;
      continue;
    }
    const int hi = i < in.size() ? hex_value(in[i]) : -1;
    const int lo = i + 1 < in.size() ? hex_value(in[i + 1]) : -1;
    if (hi >= 0 && lo >= 0) {
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back('=');  // a stray '=' stays as it is
    }
  }
  return out;
}

namespace {

CharsetConverter g_converter = nullptr;

#if BX_HAVE_ICONV
/// This thread's converters to UTF-8, one per charset, opened on first use and kept: glibc
/// loads a charset's module (dlopen) when a converter is opened and may unload it when the last
/// one closes, so opening and closing one per text loaded the same modules again and again
/// (with --jobs, each unload also interrupts the other threads to flush their TLBs).
class Converters {
 public:
  Converters() = default;
  Converters(const Converters&) = delete;
  Converters& operator=(const Converters&) = delete;
  ~Converters() {
    for (auto& [name, cd] : open_)
      if (cd != kNone) iconv_close(cd);
  }
  /// The kept converter from `name`, in its initial state (kNone when iconv does not know it);
  /// nullptr when none is kept: past a bounded number of charsets, the caller opens its own.
  const iconv_t* get(const std::string& name) {
    for (auto& [known, cd] : open_) {
      if (known != name) continue;
      if (cd != kNone) iconv(cd, nullptr, nullptr, nullptr, nullptr);  // back to the initial state
      return &cd;
    }
    if (open_.size() >= kMaxKept) return nullptr;
    open_.emplace_back(name, iconv_open("UTF-8", name.c_str()));
    return &open_.back().second;
  }
  static inline const iconv_t kNone = reinterpret_cast<iconv_t>(-1);

 private:
  static constexpr std::size_t kMaxKept = 32;
  std::vector<std::pair<std::string, iconv_t>> open_;
};

std::string iconv_to_utf8(std::string_view bytes, const std::string& name) {
  thread_local Converters converters;
  const iconv_t* kept = converters.get(name);
  iconv_t cd = kept ? *kept : iconv_open("UTF-8", name.c_str());
  if (cd == Converters::kNone) return sanitize_utf8(bytes);
  // Uninitialised room for the worst case (4 bytes per input byte): zero-filling it would cost
  // more than the conversion.
  const std::size_t room = bytes.size() * 4 + 16;
  std::unique_ptr<char[]> out(new char[room]);
  std::string input(bytes);
  char* in_ptr = input.data();
  std::size_t in_left = input.size();
  char* out_ptr = out.get();
  std::size_t out_left = room;
  while (in_left > 0) {
    std::size_t r = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
    if (r != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) break;  // cannot happen with 4x room, but never loop on it
    // EILSEQ / EINVAL: skip one byte and carry on, as a reader would.
    if (out_left >= 3) {
      out_ptr[0] = '\xEF';
      out_ptr[1] = '\xBF';
      out_ptr[2] = '\xBD';
      out_ptr += 3;
      out_left -= 3;
    }
    ++in_ptr;
    --in_left;
  }
  iconv(cd, nullptr, nullptr, &out_ptr, &out_left);  // flush shift state (ISO-2022-JP)
  if (!kept) iconv_close(cd);
  return sanitize_utf8(std::string_view(out.get(), room - out_left));
}
#endif

}  // namespace

std::string to_utf8(std::string_view bytes, std::string_view charset) {
  if (is_utf8_name(trim(charset))) return sanitize_utf8(bytes);
  std::string name = iconv_name(charset);
  if (name == "iso-8859-1") return sanitize_utf8(latin1_to_utf8(bytes));
  if (g_converter) {
    std::string out;
    return sanitize_utf8(g_converter(bytes, name, out) ? std::string_view(out) : bytes);
  }
#if BX_HAVE_ICONV
  return iconv_to_utf8(bytes, name);
#else
  return sanitize_utf8(bytes);
#endif
}

namespace {

/// Where the next "?=" of a header value is, searched for from positions that only grow (each
/// "=?" of the value asks from further on): a search that found one at p answers every later
/// question from before p, and one that found none answers all later ones, so no byte is
/// searched twice ("=?a?b? " repeated once searched to the end of the value for every word).
class CloseFinder {
 public:
  explicit CloseFinder(std::string_view value) : value_(value) {}
  std::size_t next_from(std::size_t from) {
    if (from > found_ && found_ != std::string_view::npos) found_ = value_.find("?=", from);
    else if (!searched_) found_ = value_.find("?=", from);
    searched_ = true;
    return found_;
  }

 private:
  std::string_view value_;
  std::size_t found_ = std::string_view::npos;
  bool searched_ = false;
};

/// Decodes the encoded word (=?charset?B|Q?payload?=) that starts at value[start] into UTF-8, and
/// sets `end` just past it. False when there is none there.
bool decode_encoded_word(std::string_view value, std::size_t start, CloseFinder& closes, std::string& utf8,
                         std::size_t& end) {
  const std::size_t q1 = value.find('?', start + 2);
  const std::size_t q2 = q1 == std::string_view::npos ? q1 : value.find('?', q1 + 1);
  const std::size_t close = q2 == std::string_view::npos ? q2 : closes.next_from(q2 + 1);
  if (close == std::string_view::npos || q2 != q1 + 2) return false;
  const char encoding = lower(value[q1 + 1]);
  if (encoding != 'b' && encoding != 'q') return false;
  std::string_view charset = value.substr(start + 2, q1 - start - 2);
  if (std::size_t star = charset.find('*'); star != std::string_view::npos) charset = charset.substr(0, star);
  std::string_view payload = value.substr(q2 + 1, close - q2 - 1);
  std::string raw;
  if (encoding == 'b') {
    raw = decode_base64(payload);
  } else {
    std::string spaced(payload);
    for (char& c : spaced)
      if (c == '_') c = ' ';
    raw = decode_quoted_printable(spaced);
  }
  utf8 = to_utf8(raw, charset);
  end = close + 2;
  return true;
}

bool is_header_space(char c) { return c == ' ' || c == '\t' || c == '\n'; }

bool all_header_space(std::string_view s) {
  for (char c : s)
    if (!is_header_space(c)) return false;
  return true;
}

}  // namespace

std::string decode_header_words(std::string_view value) {
  // The text between encoded words is copied whole: a value without "=?" (most) costs one search.
  std::string out;
  std::size_t copied = 0;        // value[copied, ...) is not yet in `out`
  bool after_word = false;       // value[copied] follows an encoded word
  std::string word;
  CloseFinder closes(value);
  for (std::size_t start = value.find("=?"); start != std::string_view::npos; start = value.find("=?", start + 1)) {
    std::size_t end = 0;
    if (!decode_encoded_word(value, start, closes, word, end)) continue;
    std::string_view between = value.substr(copied, start - copied);
    // RFC 2047 §6.2: white space between adjacent encoded words is dropped.
    if (!(after_word && all_header_space(between))) out.append(between);
    out += word;
    copied = end;
    after_word = true;
    start = end - 1;
  }
  if (copied == 0) return sanitize_utf8(value);
  out.append(value.substr(copied));
  return sanitize_utf8(out);
}

}  // namespace bx::text

namespace bx {
void set_charset_converter(CharsetConverter converter) { text::g_converter = converter; }
}  // namespace bx
