// memchr and memcmp for the wasm build, 8 bytes per step. The core looks for bytes and short
// strings many times per message (std::string_view::find is memchr for the first byte, then
// memcmp; text::ifind, line splitting). Natively glibc does that with SIMD; Emscripten's musl
// reads at most 4-byte words, memchr after a byte-wise alignment loop and memcmp only when both
// pointers are aligned (rarely, for strings), so byte by byte. In a node profile memchr alone was
// 18 % of explain() and memcmp 6 %. Wasm has native 64-bit integers and cheap unaligned loads:
// these read 64-bit words directly. Being defined here, they are linked instead of libc's (an
// archive member is only pulled in for symbols still undefined). noinline: inlined by LTO at
// every call site they were 5 % faster again, but made the .wasm 17 KB (gzipped) larger.
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace {

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighs = 0x8080808080808080ULL;

std::uint64_t load64(const unsigned char* p) {
  std::uint64_t word;
  std::memcpy(&word, p, 8);  // one unaligned i64.load
  return word;
}

/// The high bit of each byte of `word` that is zero is set; bytes above the first zero byte may
/// be flagged too (the borrow), so only the lowest flag is exact. That is the one we want.
constexpr std::uint64_t zero_byte_flags(std::uint64_t word) { return (word - kOnes) & ~word & kHighs; }

/// Index of the lowest flagged byte (wasm is little-endian: the first in memory).
constexpr std::size_t first_byte(std::uint64_t flags) { return static_cast<std::size_t>(__builtin_ctzll(flags)) >> 3; }

}  // namespace

extern "C" __attribute__((noinline)) void* memchr(const void* source, int value, std::size_t size) {
  const auto* s = static_cast<const unsigned char*>(source);
  const auto c = static_cast<unsigned char>(value);
  const std::uint64_t pattern = kOnes * c;
  for (; size >= 8; s += 8, size -= 8)
    if (const std::uint64_t flags = zero_byte_flags(load64(s) ^ pattern))
      return const_cast<unsigned char*>(s + first_byte(flags));
  for (; size > 0; ++s, --size)
    if (*s == c) return const_cast<unsigned char*>(s);
  return nullptr;
}

extern "C" __attribute__((noinline)) int memcmp(const void* left, const void* right, std::size_t size) {
  const auto* l = static_cast<const unsigned char*>(left);
  const auto* r = static_cast<const unsigned char*>(right);
  for (; size >= 8; l += 8, r += 8, size -= 8)
    if (const std::uint64_t diff = load64(l) ^ load64(r)) {
      const std::size_t i = first_byte(diff);
      return l[i] - r[i];
    }
  for (; size > 0; ++l, ++r, --size)
    if (*l != *r) return *l - *r;
  return 0;
}
