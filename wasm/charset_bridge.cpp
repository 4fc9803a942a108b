// Legacy charsets in the browser and node: TextDecoder knows every charset mail uses, so the
// wasm build needs no iconv tables (see core/include/bx/charset.hpp). Linked into every wasm
// executable (the module and the wasm test runners); installs itself at start-up.
#include <emscripten.h>

#include <cstdlib>
#include <string>

#include "bx/charset.hpp"

// Returns a malloc'ed UTF-8 copy of the decoded text and its length, or 0 for an unknown label.
// Decoders are kept per label (null for a label TextDecoder does not know): an unknown label
// ("unicode-1-1-utf-7" is in real mail) made node build a RangeError, stack trace included, on
// every call. The labels come from the input, so the cache is bounded. TextEncoder re-encodes
// natively (Emscripten's stringToUTF8 loops in JavaScript).
EM_JS(char*, bx_text_decode, (const char* bytes, int length, const char* label, int* out_length), {
  const decoders = Module['bxTextDecoders'] || (Module['bxTextDecoders'] = new Map());
  const name = UTF8ToString(label);
  let decoder = decoders.get(name);
  if (decoder === undefined) {
    try {
      decoder = new TextDecoder(name);
    } catch (e) {
      decoder = null;  // RangeError: a label TextDecoder does not know
    }
    if (decoders.size >= 64) decoders.clear();
    decoders.set(name, decoder);
  }
  if (!decoder) return 0;
  const utf8 = new TextEncoder().encode(decoder.decode(HEAPU8.subarray(bytes, bytes + length)));
  const out = _malloc(utf8.length + 1);
  HEAPU8.set(utf8, out);  // HEAPU8 is read after _malloc, which may have grown the memory
  HEAP32[out_length >> 2] = utf8.length;
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
