// Content decoding: base64, quoted-printable, RFC 2047 encoded words, charsets to UTF-8.
// All decoders are lenient (bad input is skipped, never an error): a bounce is evidence, and a
// damaged part still usually holds the line we need.
#pragma once

#include <string>
#include <string_view>

#include "bx/charset.hpp"

namespace bx::text {

using bx::CharsetConverter;

std::string decode_base64(std::string_view in);
std::string decode_quoted_printable(std::string_view in);
/// Converts from the named charset (any case, with aliases) to UTF-8. Unknown charsets and
/// invalid sequences fall back to the bytes as they are, sanitised to valid UTF-8.
std::string to_utf8(std::string_view bytes, std::string_view charset);
/// Decodes RFC 2047 encoded words (=?charset?B|Q?...?=) in a header value.
std::string decode_header_words(std::string_view value);

}  // namespace bx::text
