// Content decoding: base64, quoted-printable, RFC 2047 encoded words, charsets to UTF-8.
// All decoders are lenient (bad input is skipped, never an error): a bounce is evidence, and a
// damaged part still usually holds the line we need.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bx/charset.hpp"

namespace bx::text {

using bx::CharsetConverter;

std::string decode_base64(std::string_view in);
std::string decode_quoted_printable(std::string_view in);

/// Where the lines of the text that quoted-printable `in` decodes to start: for each decoded
/// line after the first, (its offset in the decoded text, the offset in `in` it is decoded
/// from). In order; one pass, as decode_quoted_printable reads it.
std::vector<std::pair<std::size_t, std::size_t>> quoted_printable_line_starts(std::string_view in);

/// The offset in quoted-printable `in` reached, from in[from], once `decoded` bytes have been
/// decoded (a soft line break or an "=XX" escape is passed whole); npos when `in` ends first or
/// more than `max_read` bytes of `in` would be read.
std::size_t quoted_printable_advance(std::string_view in, std::size_t from, std::size_t decoded, std::size_t max_read);
/// Converts from the named charset (any case, with aliases) to UTF-8. Unknown charsets and
/// invalid sequences fall back to the bytes as they are, sanitised to valid UTF-8.
std::string to_utf8(std::string_view bytes, std::string_view charset);
/// Decodes RFC 2047 encoded words (=?charset?B|Q?...?=) in a header value.
std::string decode_header_words(std::string_view value);

}  // namespace bx::text
