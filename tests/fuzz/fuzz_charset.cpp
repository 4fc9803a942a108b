// libFuzzer target: the charset layer (iconv and the built-in converters), RFC 2047 encoded
// words, base64 and quoted-printable. Every result must be valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "text/codec.hpp"
#include "text/text.hpp"

namespace {

const char* const kCharsets[] = {"utf-8",       "us-ascii",   "iso-8859-1", "windows-1252", "iso-2022-jp",
                                 "shift_jis",   "euc-jp",     "gb2312",     "big5",         "euc-kr",
                                 "ks_c_5601-1987", "koi8-r",  "utf-16",     "utf-7",        "iso-8859-15",
                                 "x-unknown",   "bogus-cs",   "",           "UTF-16LE",     "cp932"};

void check_utf8(const std::string& s) {
  if (bx::text::sanitize_utf8(s) != s) std::abort();  // already valid: sanitising changes nothing
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const char* charset = kCharsets[data[0] % (sizeof kCharsets / sizeof kCharsets[0])];
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string utf8 = bx::text::to_utf8(input, charset);
  check_utf8(utf8);
  std::string words = bx::text::decode_header_words(input);
  check_utf8(words);
  std::string b64 = bx::text::decode_base64(input);
  if (b64.size() > input.size()) std::abort();
  std::string qp = bx::text::decode_quoted_printable(input);
  if (qp.size() > input.size()) std::abort();
  return 0;
}
