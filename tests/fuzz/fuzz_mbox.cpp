// libFuzzer target: the CLI's input splitter (core/cli/reader.cpp): single messages and mbox
// files (From_ lines, >From unescaping, Content-Length), with a small per-message cap so the
// "too large" paths are reached. Properties: no message is larger than the cap, a too large
// message carries an error and no bytes, messages never hold more bytes than the input.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "../../core/cli/reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t cap = 16 + static_cast<std::size_t>(data[0]) * 64;  // 16 B .. 16 KiB
  int fd = ::memfd_create("fuzz_mbox", 0);
  if (fd < 0) return 0;
  const std::uint8_t* p = data + 1;
  std::size_t left = size - 1;
  while (left > 0) {
    ssize_t w = ::write(fd, p, left);
    if (w <= 0) break;
    p += w;
    left -= static_cast<std::size_t>(w);
  }
  ::lseek(fd, 0, SEEK_SET);
  // The three ways the CLI knows an input: a pipe, a regular file of known size (named on the
  // command line), a regular file of unknown size (met in a directory listing).
  const bx::cli::FileKind kinds[] = {{false, std::string::npos}, {true, size - 1}, {true, std::string::npos}};
  bx::cli::MessageStream stream(fd, "f", cap, kinds[size % 3]);
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  const bool mbox = input.substr(0, 5) == "From ";
  bx::cli::Message m;
  std::size_t total = 0, count = 0;
  while (stream.next(m)) {
    // Not an mbox: one message, the input byte for byte (or an error when over the cap).
    if (!mbox && (count > 0 || (input.size() <= cap ? m.bytes != input || !m.error.empty() : m.error.empty())))
      std::abort();
    if (mbox && m.error.empty() && m.bytes.substr(0, 5) != "From ") std::abort();  // the From_ line stays
    if (++count > size + 1) std::abort();  // never more messages than lines
    if (m.error.empty() && m.bytes.size() > cap) std::abort();
    if (!m.error.empty() && !m.bytes.empty()) std::abort();
    if (m.label.empty() || m.label[0] != 'f') std::abort();
    total += m.bytes.size();
  }
  if (total > size) std::abort();
  ::close(fd);
  return 0;
}
