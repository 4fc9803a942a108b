// libFuzzer target: the MIME layer (headers, the part tree, transfer decoding, HTML to text).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "mime/mime.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  bx::Limits limits;
  if (size > 0 && data[0] == 0x01) {
    limits.max_mime_depth = 2;
    limits.max_mime_parts = 4;
    limits.max_headers = 4;
  }
  bx::mime::Message msg = bx::mime::parse(input, limits);
  if (msg.headers.size() > limits.max_headers) std::abort();
  bx::mime::Headers h;
  std::size_t end = bx::mime::parse_headers(input, h, 100);
  if (end > size || h.size() > 100) std::abort();
  (void)bx::mime::header_param(input, "boundary");
  (void)bx::mime::header_param(input, "charset");
  (void)bx::mime::html_to_text(input);
  return 0;
}
