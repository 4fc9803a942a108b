// Legacy charsets (ISO-2022-JP, Shift_JIS, GBK, Big5, KOI8-R, Windows-125x, ...) to UTF-8.
// The native build converts with iconv. A host without it (the wasm build: musl's iconv
// tables would add 130 KB gzipped to every page load) installs a converter of its own: the
// browser's and node's TextDecoder know every charset mail uses.
#pragma once

#include <string>
#include <string_view>

namespace bx {

/// Converts `bytes` from `charset` (a WHATWG/iconv name) to UTF-8 in `out`; false when the
/// charset is unknown (the bytes are then read as they are).
using CharsetConverter = bool (*)(std::string_view bytes, const std::string& charset, std::string& out);

/// Installs the converter used for every non-UTF-8, non-Latin-1 part (nullptr: iconv, if built).
void set_charset_converter(CharsetConverter converter);

}  // namespace bx
