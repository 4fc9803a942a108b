// memchr and memcmp: in the wasm build these are wasm/byte_search.cpp (8 bytes per step), natively
// the C library's. Checked against a byte-by-byte reading at every length, offset and position,
// so that the word steps, the tails and bytes >= 0x80 are all covered.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>

namespace {

const char* naive_memchr(const char* s, char c, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    if (s[i] == c) return s + i;
  return nullptr;
}

int sign(int v) { return (v > 0) - (v < 0); }

int naive_memcmp(const unsigned char* l, const unsigned char* r, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    if (l[i] != r[i]) return l[i] < r[i] ? -1 : 1;
  return 0;
}

}  // namespace

TEST_CASE("memchr finds the first occurrence at every offset and length", "[byte_search]") {
  std::string buffer(80, 'a');
  for (std::size_t i = 0; i < buffer.size(); ++i) buffer[i] = static_cast<char>("ab\x80\xFF\0x"[i % 6]);
  for (std::size_t offset = 0; offset < 9; ++offset)
    for (std::size_t length = 0; offset + length <= buffer.size(); ++length)
      for (char c : {'a', 'b', 'x', 'z', '\0', '\x80', '\xFF'}) {
        const char* s = buffer.data() + offset;
        CHECK(std::memchr(s, c, length) == naive_memchr(s, c, length));
      }
  CHECK(std::memchr(buffer.data(), 'a' + 256, buffer.size()) == buffer.data());  // value as unsigned char
}

TEST_CASE("memcmp orders by the first differing byte, unsigned", "[byte_search]") {
  const std::string base = "The quick brown fox jumps over the lazy dog, 0123456789 times.";
  for (std::size_t offset = 0; offset < 9; ++offset)
    for (std::size_t length = 0; offset + length <= base.size(); ++length)
      for (std::size_t at = 0; at <= length; ++at)
        for (int replacement : {0x00, 0x41, 0x80, 0xFF}) {
          std::string other = base;
          if (at < length) other[offset + at] = static_cast<char>(replacement);
          const auto* l = reinterpret_cast<const unsigned char*>(base.data() + offset);
          const auto* r = reinterpret_cast<const unsigned char*>(other.data() + offset);
          CHECK(sign(std::memcmp(l, r, length)) == naive_memcmp(l, r, length));
          CHECK(sign(std::memcmp(r, l, length)) == naive_memcmp(r, l, length));
        }
}
