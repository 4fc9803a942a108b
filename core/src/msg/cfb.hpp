// A bounded reader of OLE compound files (MS-CFB), the container of Outlook .msg files.
//
// Everything is checked against the file itself: every sector index against the number of
// sectors the file holds, every count the header declares against what the file could hold, and
// every chain for cycles. A sector is given to at most one chain for the whole file (the reader
// keeps one mark per sector): a cycle, or two chains sharing a sector, is damage. Each stream is
// read at most once, so the total work is linear in the file size whatever its header claims.
#pragma once

#include "kb/sentences.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bx::msg {

/// The 8 bytes every compound file starts with.
inline constexpr std::string_view kCfbSignature{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8};

inline constexpr std::uint32_t kNoEntry = 0xFFFFFFFFu;

struct DirEntry {
  std::string name;  ///< the UTF-16 name; characters outside ASCII become '?' (MSG names are ASCII)
  enum Type : std::uint8_t { Unused = 0, Storage = 1, Stream = 2, Root = 5 } type = Unused;
  std::uint32_t left = kNoEntry, right = kNoEntry, child = kNoEntry;
  std::uint32_t start = 0;
  std::uint64_t size = 0;
};

class CompoundFile {
 public:
  /// Reads the header, the FAT (through the DIFAT), the directory, the mini FAT and the mini
  /// stream. False (with `error()` saying what is wrong) when the file is not a compound file or
  /// is damaged beyond reading.
  bool open(std::string_view bytes);

  const std::string& error() const { return error_; }
  const std::vector<DirEntry>& entries() const { return entries_; }

  /// The children of a storage (or of the root, entry 0), from its red-black tree of siblings.
  /// An entry reached twice anywhere in the file (a loop in the tree) is left out, with damage
  /// noted in `damaged()`.
  std::vector<std::uint32_t> children(std::uint32_t storage);

  /// The bytes of a stream entry, read once: false when its chain is damaged (`error()` says how)
  /// or it was read already.
  bool read_stream(std::uint32_t entry, std::string& out);

  /// Whether some damage was passed over (an entry of the directory tree reached twice).
  bool damaged() const { return damaged_; }

 private:
  bool fail(std::string message);
  bool read_header();
  bool read_fat();
  bool read_directory();
  bool read_mini_stream();
  /// The sectors of the chain starting at `start`, following `table`; `wanted` sectors at most
  /// (when known: a longer chain is cut there) and up to ENDOFCHAIN otherwise. `used` marks every
  /// sector given to a chain: meeting a marked one is a cycle or a shared sector.
  bool chain(std::uint32_t start, const std::vector<std::uint32_t>& table, std::vector<std::uint8_t>& used,
             std::uint64_t wanted, const kb::Sentence<0>& part, std::vector<std::uint32_t>& out);
  /// Appends the regular sectors `sectors` to `out`, at most `size` bytes.
  bool append_sectors(const std::vector<std::uint32_t>& sectors, std::uint64_t size, std::string& out);

  std::string_view bytes_;
  std::string error_;
  bool damaged_ = false;
  unsigned sector_shift_ = 9;
  std::size_t sector_size_ = 512;
  std::uint32_t sector_count_ = 0;  ///< sectors the file holds after its header
  std::uint32_t fat_sectors_ = 0, first_directory_ = 0, mini_cutoff_ = 4096, first_mini_fat_ = 0,
                mini_fat_sectors_ = 0, first_difat_ = 0, difat_sectors_ = 0;
  bool version4_ = false;
  std::vector<std::uint32_t> fat_, mini_fat_;
  std::vector<std::uint8_t> used_, mini_used_, entry_seen_, entry_read_;
  std::vector<DirEntry> entries_;
  std::string mini_stream_;
};

}  // namespace bx::msg
