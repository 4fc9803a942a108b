// libFuzzer target: Outlook .msg files (the compound file reader, MS-OXMSG, compressed RTF).
// Random bytes rarely get past a compound file header, so the input is mostly a patch applied
// to a valid .msg built by the tests' writer (tests/unit/msg_builder.hpp): every 3 bytes set
// one byte (a 16-bit offset, then the value) and a leftover byte cuts the file; that reaches
// the FAT, DIFAT, directory, mini stream and property parsers with damaged values. An input
// that starts with the compound file signature is read as a file of its own. The text made
// from a file must be valid UTF-8, and nothing may crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "../unit/msg_builder.hpp"
#include "bx/explain.hpp"
#include "bx/outlook_msg.hpp"
#include "text/text.hpp"

namespace {

std::string seed_file() {
  using namespace msgtest;
  const std::string rtf = "{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 {\\*\\htmltag64 <p>}\\htmlrtf {\\htmlrtf0 550 5.1.1 "
                          "<bob@example.com>: User unknown\\htmlrtf }\\htmlrtf0 {\\*\\htmltag72 </p>}\\u8364?\\'e9}";
  return write_cfb(message({unicode(0x001A, "REPORT.IPM.Note.NDR"), unicode(0x0037, "Undeliverable: hi"),
                            unicode(0x007D, "From: postmaster@example.com\r\nSubject: Undeliverable\r\n"),
                            binary(0x1009, compress_rtf(rtf)), string8(0x0E04, "Bob \xE9"),
                            recipient(0, {unicode(0x39FE, "bob@example.com"), unicode(0x0C1B, "550 5.1.1 User unknown"),
                                          properties(8, {{0x0C05, 0x0003, 13}})}),
                            attachment(0, {unicode(0x3707, "original.eml"), binary(0x3701, "Subject: x\r\n\r\nbody\r\n"),
                                           properties(8, {{0x3705, 0x0003, 1}})}),
                            embedded_message(1, {unicode(0x001A, "IPM.Note"), unicode(0x1000, std::string(5000, 'a'))})},
                           {{0x3FFD, 0x0003, 1252}}))
      .bytes;
}

void check(std::string_view file) {
  const bx::OutlookMessage m = bx::read_outlook_msg(file);
  if (m.ok && !bx::text::is_valid_utf8(m.text)) std::abort();
  if (!m.ok && m.error.empty()) std::abort();
  (void)bx::explain(file);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (bx::is_compound_file(input)) {
    check(input);
    return 0;
  }
  static const std::string seed = seed_file();
  std::string file = seed;
  std::size_t i = 0;
  for (; i + 3 <= size; i += 3) file[(static_cast<std::size_t>(data[i]) << 8 | data[i + 1]) % file.size()] = static_cast<char>(data[i + 2]);
  if (i < size) file.resize(file.size() * data[i] / 256);
  check(file);
  return 0;
}
