// The RTF body of an Outlook message: decompression (MS-OXRTFCP) and the text it shows, either
// read from the RTF itself or from the HTML or plain text it encapsulates (MS-OXRTFEX).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace bx::msg {

/// PidTagRtfCompressed → RTF bytes. False when the header is not one of the two known formats
/// ("LZFu" compressed, "MELA" stored); a stream that ends early gives what it held. The output is
/// cut at `max_bytes` (`cut` is then set).
bool decompress_rtf(std::string_view compressed, std::size_t max_bytes, std::string& rtf, bool& cut);

/// What a reader would see of an RTF document, in UTF-8. When the RTF encapsulates HTML
/// (\fromhtml1) the HTML is taken out and `is_html` set: the caller renders it to text.
std::string rtf_to_text(std::string_view rtf, bool& is_html);

/// Appends the UTF-8 form of a code point.
void append_utf8(std::string& out, std::uint32_t code_point);

}  // namespace bx::msg
