// Legacy charsets in the browser and node: TextDecoder knows every charset mail uses, so the
// wasm build needs no iconv tables (see core/include/bx/charset.hpp). Linked into every wasm
// executable (the module and the wasm test runners); installs itself at start-up.
#include <emscripten.h>

#include <cstdlib>
#include <string>

#include "bx/charset.hpp"

// Returns a malloc'ed UTF-8 copy of the decoded text and its length, or 0 for an unknown label.
EM_JS(char*, bx_text_decode, (const char* bytes, int length, const char* label, int* out_length), {
  let text;
  try {
    text = new TextDecoder(UTF8ToString(label)).decode(HEAPU8.subarray(bytes, bytes + length));
  } catch (e) {
    return 0;  // RangeError: a label TextDecoder does not know
  }
  const size = lengthBytesUTF8(text) + 1;
  const out = _malloc(size);
  stringToUTF8(text, out, size);
  HEAP32[out_length >> 2] = size - 1;
  return out;
});

namespace {

bool decode_with_text_decoder(std::string_view bytes, const std::string& charset, std::string& out) {
  int length = 0;
  char* decoded = bx_text_decode(bytes.data(), static_cast<int>(bytes.size()), charset.c_str(), &length);
  if (!decoded) return false;
  out.assign(decoded, static_cast<std::size_t>(length));
  std::free(decoded);
  return true;
}

[[maybe_unused]] const bool installed = (bx::set_charset_converter(&decode_with_text_decoder), true);

}  // namespace
