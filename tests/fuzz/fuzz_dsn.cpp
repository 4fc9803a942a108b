// libFuzzer target: the RFC 3464 message/delivery-status parser.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dsn/delivery_status.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  bx::dsn::DeliveryStatus ds = bx::dsn::parse_delivery_status(input);
  for (const bx::mime::Headers& group : ds.recipients) {
    (void)group.get("final-recipient");
    (void)group.get_decoded("diagnostic-code");
  }
  return 0;
}
