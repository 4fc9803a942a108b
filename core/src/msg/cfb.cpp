// MS-CFB, read with a bound on everything (see cfb.hpp). Section numbers are MS-CFB's.
#include "msg/cfb.hpp"

#include <cstring>

#include "report/words.hpp"

namespace bx::msg {

using report::say;

namespace {

constexpr std::uint32_t kMaxRegularSector = 0xFFFFFFFAu;
constexpr std::uint32_t kEndOfChain = 0xFFFFFFFEu;
constexpr std::uint32_t kFreeSector = 0xFFFFFFFFu;
constexpr std::size_t kHeaderDifatEntries = 109;
constexpr std::size_t kDirEntryBytes = 128;
constexpr unsigned kMiniSectorShift = 6;
constexpr std::size_t kMiniSectorSize = 64;
constexpr std::uint64_t kUnknownLength = ~std::uint64_t{0};

std::uint16_t u16(std::string_view b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) | static_cast<unsigned char>(b[at + 1]) << 8);
}
std::uint32_t u32(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(u16(b, at)) | static_cast<std::uint32_t>(u16(b, at + 2)) << 16;
}
std::uint64_t u64(std::string_view b, std::size_t at) {
  return static_cast<std::uint64_t>(u32(b, at)) | static_cast<std::uint64_t>(u32(b, at + 4)) << 32;
}

std::uint64_t sectors_for(std::uint64_t size, std::size_t sector_size) { return (size + sector_size - 1) / sector_size; }

}  // namespace

bool CompoundFile::fail(std::string message) {
  error_ = std::move(message);
  return false;
}

bool CompoundFile::open(std::string_view bytes) {
  bytes_ = bytes;
  return read_header() && read_fat() && read_directory() && read_mini_stream();
}

// 2.2: the 512-byte header.
bool CompoundFile::read_header() {
  if (bytes_.size() < 512) return fail(say(kb::sentences::kCfbTooShort));
  if (bytes_.substr(0, kCfbSignature.size()) != kCfbSignature) return fail(say(kb::sentences::kCfbNoSignature));
  const std::uint16_t major = u16(bytes_, 26);
  sector_shift_ = u16(bytes_, 30);
  if (!((major == 3 && sector_shift_ == 9) || (major == 4 && sector_shift_ == 12)))
    return fail(say(kb::sentences::kCfbUnknownVersion, std::to_string(major), std::to_string(sector_shift_)));
  if (u16(bytes_, 32) != kMiniSectorShift) return fail(say(kb::sentences::kCfbMiniSectorSize));
  version4_ = major == 4;
  sector_size_ = std::size_t{1} << sector_shift_;
  // Sector n starts at (n + 1) * sector size; a last sector cut short still counts (it may
  // hold all the bytes a stream needs: writers do not all pad the file).
  sector_count_ = bytes_.size() <= sector_size_ ? 0 : static_cast<std::uint32_t>(sectors_for(bytes_.size() - sector_size_, sector_size_));
  fat_sectors_ = u32(bytes_, 44);
  first_directory_ = u32(bytes_, 48);
  mini_cutoff_ = u32(bytes_, 56);
  first_mini_fat_ = u32(bytes_, 60);
  mini_fat_sectors_ = u32(bytes_, 64);
  first_difat_ = u32(bytes_, 68);
  difat_sectors_ = u32(bytes_, 72);
  if (mini_cutoff_ != 4096) return fail(say(kb::sentences::kCfbMiniCutoff));
  for (auto [count, what] : {std::pair{fat_sectors_, "FAT"}, {difat_sectors_, "DIFAT"}, {mini_fat_sectors_, "mini FAT"}})
    if (count > sector_count_)
      return fail(say(kb::sentences::kCfbTooManySectors, std::to_string(count), what, std::to_string(sector_count_)));
  used_.assign(sector_count_, 0);
  return true;
}

bool CompoundFile::append_sectors(const std::vector<std::uint32_t>& sectors, std::uint64_t size, std::string& out) {
  for (std::uint32_t sector : sectors) {
    const std::uint64_t at = (static_cast<std::uint64_t>(sector) + 1) << sector_shift_;
    const std::uint64_t take = size < sector_size_ ? size : sector_size_;
    if (at + take > bytes_.size()) return fail(say(kb::sentences::kCfbSectorPastEnd));
    out.append(bytes_.data() + at, static_cast<std::size_t>(take));
    size -= take;
  }
  return true;
}

bool CompoundFile::chain(std::uint32_t start, const std::vector<std::uint32_t>& table, std::vector<std::uint8_t>& used,
                         std::uint64_t wanted, const kb::Sentence<0>& part, std::vector<std::uint32_t>& out) {
  const bool bounded = wanted != kUnknownLength;
  std::uint32_t sector = start;
  for (std::uint64_t taken = 0; !bounded || taken < wanted; ++taken) {
    if (sector == kEndOfChain) {
      if (!bounded) return true;
      return fail(say(kb::sentences::kCfbChainShort, say(part)));
    }
    if (sector > kMaxRegularSector || sector >= used.size())
      return fail(say(kb::sentences::kCfbChainOutside, say(part), std::to_string(sector)));
    if (used[sector]) return fail(say(kb::sentences::kCfbChainLoop, say(part)));
    used[sector] = 1;
    out.push_back(sector);
    sector = sector < table.size() ? table[sector] : kFreeSector;
  }
  return true;
}

// 2.3 and 2.5: the FAT, its sectors listed by the header's 109 DIFAT entries and then by the
// chain of DIFAT sectors (each one's last entry names the next).
bool CompoundFile::read_fat() {
  std::vector<std::uint32_t> locations;
  locations.reserve(fat_sectors_);
  for (std::size_t i = 0; i < kHeaderDifatEntries && locations.size() < fat_sectors_; ++i) locations.push_back(u32(bytes_, 76 + 4 * i));
  const std::size_t per_difat = sector_size_ / 4 - 1;
  std::uint32_t difat = first_difat_;
  for (std::uint32_t n = 0; locations.size() < fat_sectors_; ++n) {
    if (n >= difat_sectors_ || difat >= sector_count_)
      return fail(say(kb::sentences::kCfbDifatShort));
    if (used_[difat]) return fail(say(kb::sentences::kCfbDifatLoop));
    used_[difat] = 1;
    const std::uint64_t at = (static_cast<std::uint64_t>(difat) + 1) << sector_shift_;
    if (at + sector_size_ > bytes_.size()) return fail(say(kb::sentences::kCfbDifatPastEnd));
    for (std::size_t i = 0; i < per_difat && locations.size() < fat_sectors_; ++i)
      locations.push_back(u32(bytes_, static_cast<std::size_t>(at) + 4 * i));
    difat = u32(bytes_, static_cast<std::size_t>(at) + 4 * per_difat);
  }
  fat_.reserve(locations.size() * (sector_size_ / 4));
  for (std::uint32_t sector : locations) {
    if (sector >= sector_count_) return fail(say(kb::sentences::kCfbFatOutside, std::to_string(sector)));
    if (used_[sector]) return fail(say(kb::sentences::kCfbFatTwice));
    used_[sector] = 1;
    const std::uint64_t at = (static_cast<std::uint64_t>(sector) + 1) << sector_shift_;
    if (at + sector_size_ > bytes_.size()) return fail(say(kb::sentences::kCfbFatPastEnd));
    for (std::size_t i = 0; i < sector_size_ / 4; ++i) fat_.push_back(u32(bytes_, static_cast<std::size_t>(at) + 4 * i));
  }
  return true;
}

// 2.6: directory entries, 128 bytes each, in the chain of directory sectors.
bool CompoundFile::read_directory() {
  std::vector<std::uint32_t> sectors;
  if (!chain(first_directory_, fat_, used_, kUnknownLength, kb::sentences::kCfbPartDirectory, sectors)) return false;
  std::string raw;
  if (!append_sectors(sectors, static_cast<std::uint64_t>(sectors.size()) * sector_size_, raw)) return false;
  const std::size_t count = raw.size() / kDirEntryBytes;
  entries_.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t at = i * kDirEntryBytes;
    DirEntry& e = entries_[i];
    std::size_t name_bytes = u16(raw, at + 64);
    if (name_bytes > 64) name_bytes = 64;
    for (std::size_t c = 0; c + 1 < name_bytes; c += 2) {
      const std::uint16_t unit = u16(raw, at + c);
      if (unit == 0) break;
      e.name.push_back(unit < 0x80 ? static_cast<char>(unit) : '?');
    }
    const auto type = static_cast<unsigned char>(raw[at + 66]);
    e.type = (type == 1 || type == 2 || type == 5) ? static_cast<DirEntry::Type>(type) : DirEntry::Unused;
    e.left = u32(raw, at + 68);
    e.right = u32(raw, at + 72);
    e.child = u32(raw, at + 76);
    e.start = u32(raw, at + 116);
    e.size = u64(raw, at + 120);
    // Version 3 files may leave garbage in the high half (2.6.3).
    if (!version4_) e.size &= 0xFFFFFFFFu;
  }
  if (entries_.empty() || entries_[0].type != DirEntry::Root) return fail(say(kb::sentences::kCfbNoRoot));
  entry_seen_.assign(entries_.size(), 0);
  entry_read_.assign(entries_.size(), 0);
  entry_seen_[0] = 1;
  return true;
}

// 2.4: the mini FAT and the mini stream (the root entry's stream) that holds every stream
// shorter than the cutoff in 64-byte mini sectors.
bool CompoundFile::read_mini_stream() {
  const DirEntry& root = entries_[0];
  if (root.size > bytes_.size()) return fail(say(kb::sentences::kCfbMiniStreamTooLarge));
  if (root.size == 0) return true;
  std::vector<std::uint32_t> sectors;
  if (!chain(root.start, fat_, used_, sectors_for(root.size, sector_size_), kb::sentences::kCfbPartMiniStream, sectors) ||
      !append_sectors(sectors, root.size, mini_stream_))
    return false;
  sectors.clear();
  if (!chain(first_mini_fat_, fat_, used_, kUnknownLength, kb::sentences::kCfbPartMiniFat, sectors)) return false;
  std::string raw;
  if (!append_sectors(sectors, static_cast<std::uint64_t>(sectors.size()) * sector_size_, raw)) return false;
  mini_fat_.reserve(raw.size() / 4);
  for (std::size_t at = 0; at + 4 <= raw.size(); at += 4) mini_fat_.push_back(u32(raw, at));
  mini_used_.assign(sectors_for(mini_stream_.size(), kMiniSectorSize), 0);
  return true;
}

std::vector<std::uint32_t> CompoundFile::children(std::uint32_t storage) {
  std::vector<std::uint32_t> out, pending;
  if (storage < entries_.size()) pending.push_back(entries_[storage].child);
  while (!pending.empty()) {
    const std::uint32_t id = pending.back();
    pending.pop_back();
    if (id == kNoEntry) continue;
    if (id >= entries_.size() || entry_seen_[id]) {
      damaged_ = true;  // a sibling index out of range, or a loop in the tree
      continue;
    }
    entry_seen_[id] = 1;
    const DirEntry& e = entries_[id];
    if (e.type != DirEntry::Unused) out.push_back(id);
    pending.push_back(e.left);
    pending.push_back(e.right);
  }
  return out;
}

bool CompoundFile::read_stream(std::uint32_t id, std::string& out) {
  if (id >= entries_.size() || entries_[id].type != DirEntry::Stream) return fail(say(kb::sentences::kCfbNotAStream));
  if (entry_read_[id]) return fail(say(kb::sentences::kCfbStreamReadTwice));
  entry_read_[id] = 1;
  const DirEntry& e = entries_[id];
  if (e.size > bytes_.size()) return fail(say(kb::sentences::kCfbStreamTooLarge));
  std::vector<std::uint32_t> sectors;
  if (e.size >= mini_cutoff_)
    return chain(e.start, fat_, used_, sectors_for(e.size, sector_size_), kb::sentences::kCfbPartStream, sectors) && append_sectors(sectors, e.size, out);
  if (!chain(e.start, mini_fat_, mini_used_, sectors_for(e.size, kMiniSectorSize), kb::sentences::kCfbPartMiniStreamStream, sectors))
    return false;
  std::uint64_t left = e.size;
  for (std::uint32_t sector : sectors) {
    const std::size_t at = static_cast<std::size_t>(sector) * kMiniSectorSize;
    const std::size_t take = static_cast<std::size_t>(left < kMiniSectorSize ? left : kMiniSectorSize);
    if (at + take > mini_stream_.size()) return fail(say(kb::sentences::kCfbMiniSectorPastEnd));
    out.append(mini_stream_, at, take);
    left -= take;
  }
  return true;
}

}  // namespace bx::msg
