#include "text/codec.hpp"

#if BX_HAVE_ICONV
#include <iconv.h>
#endif

#include <cerrno>
#include <memory>

#include "text/text.hpp"

namespace bx::text {
namespace {

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

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
  std::string out;
  out.reserve(in.size() * 3 / 4);
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    int v = base64_value(c);
    if (v < 0) continue;  // line breaks and junk are skipped
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

std::string decode_quoted_printable(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c != '=') {
      out.push_back(c);
      continue;
    }
    if (i + 1 < in.size() && in[i + 1] == '\n') {  // soft line break
      ++i;
      continue;
    }
    if (i + 2 < in.size() && in[i + 1] == '\r' && in[i + 2] == '\n') {
      i += 2;
      continue;
    }
    int hi = i + 1 < in.size() ? hex_value(in[i + 1]) : -1;
    int lo = i + 2 < in.size() ? hex_value(in[i + 2]) : -1;
    if (hi >= 0 && lo >= 0) {
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(c);  // a stray '=' stays as it is
    }
  }
  return out;
}

namespace {

CharsetConverter g_converter = nullptr;

#if BX_HAVE_ICONV
std::string iconv_to_utf8(std::string_view bytes, const std::string& name) {
  iconv_t cd = iconv_open("UTF-8", name.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return sanitize_utf8(bytes);
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
  iconv_close(cd);
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

std::string decode_header_words(std::string_view value) {
  std::string out;
  std::size_t i = 0;
  bool last_was_word = false;
  std::size_t pending_ws_start = std::string::npos;
  while (i < value.size()) {
    if (value.compare(i, 2, "=?") == 0) {
      std::size_t q1 = value.find('?', i + 2);
      std::size_t q2 = q1 == std::string_view::npos ? q1 : value.find('?', q1 + 1);
      std::size_t end = q2 == std::string_view::npos ? q2 : value.find("?=", q2 + 1);
      if (end != std::string_view::npos && q2 == q1 + 2) {
        std::string_view charset = value.substr(i + 2, q1 - i - 2);
        if (std::size_t star = charset.find('*'); star != std::string_view::npos) charset = charset.substr(0, star);
        char enc = lower(value[q1 + 1]);
        std::string_view payload = value.substr(q2 + 1, end - q2 - 1);
        std::string raw;
        if (enc == 'b') {
          raw = decode_base64(payload);
        } else if (enc == 'q') {
          std::string tmp(payload);
          for (char& c : tmp)
            if (c == '_') c = ' ';
          raw = decode_quoted_printable(tmp);
        }
        if (enc == 'b' || enc == 'q') {
          // RFC 2047 §6.2: white space between adjacent encoded words is dropped.
          if (!(last_was_word && pending_ws_start != std::string::npos)) {
            if (pending_ws_start != std::string::npos) out.append(value.substr(pending_ws_start, i - pending_ws_start));
          }
          out += to_utf8(raw, charset);
          i = end + 2;
          last_was_word = true;
          pending_ws_start = std::string::npos;
          continue;
        }
      }
    }
    char c = value[i];
    if (c == ' ' || c == '\t' || c == '\n') {
      if (pending_ws_start == std::string::npos) pending_ws_start = i;
      ++i;
      continue;
    }
    if (pending_ws_start != std::string::npos) {
      out.append(value.substr(pending_ws_start, i - pending_ws_start));
      pending_ws_start = std::string::npos;
    }
    last_was_word = false;
    out.push_back(c);
    ++i;
  }
  if (pending_ws_start != std::string::npos) out.append(value.substr(pending_ws_start));
  return sanitize_utf8(out);
}

}  // namespace bx::text

namespace bx {
void set_charset_converter(CharsetConverter converter) { text::g_converter = converter; }
}  // namespace bx
