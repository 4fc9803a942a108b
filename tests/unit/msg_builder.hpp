// Builds Outlook .msg files in memory for the tests: a small compound file writer (MS-CFB
// version 3: 512-byte sectors, streams under 4096 bytes in the mini stream) and helpers for the
// MS-OXMSG layout (property streams, recipient and attachment storages, compressed RTF).
//
// The tests write every .msg they read: no file is downloaded or checked in, and each case
// states what its file holds. A file is a tree of `Node`s:
//
//     msgtest::Node root = msgtest::message({msgtest::unicode(0x0037, "Subject"), ...});
//     std::string bytes = msgtest::write_cfb(root).bytes;
//
// Layout of the written file, which damage tests rely on: sector 0.. FAT sectors, then the
// directory, then the mini FAT, then the mini stream, then the streams of 4096 bytes or more.
#pragma once

#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace msgtest {

struct Node {
  std::string name;
  bool storage = false;
  std::string data;             ///< a stream's bytes
  std::vector<Node> children;   ///< a storage's entries
};

inline void put16(std::string& s, std::size_t at, std::uint32_t v) {
  s[at] = static_cast<char>(v & 0xFF);
  s[at + 1] = static_cast<char>((v >> 8) & 0xFF);
}
inline void put32(std::string& s, std::size_t at, std::uint32_t v) {
  put16(s, at, v & 0xFFFF);
  put16(s, at + 2, v >> 16);
}
inline std::uint32_t get32(const std::string& s, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + i])) << (8 * i);
  return v;
}

/// UTF-8 (test strings: ASCII and 2-byte sequences) → UTF-16LE, without a terminator.
inline std::string utf16(std::string_view utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    std::uint32_t cp = static_cast<unsigned char>(utf8[i]);
    if (cp >= 0xC0 && cp < 0xE0 && i + 1 < utf8.size()) cp = ((cp & 0x1F) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F);
    out.push_back(static_cast<char>(cp & 0xFF));
    out.push_back(static_cast<char>(cp >> 8));
  }
  return out;
}

inline Node stream(std::string name, std::string data) { return Node{std::move(name), false, std::move(data), {}}; }
inline Node storage(std::string name, std::vector<Node> children) { return Node{std::move(name), true, {}, std::move(children)}; }

inline std::string substg_name(std::uint16_t id, std::uint16_t type) {
  char name[32];
  std::snprintf(name, sizeof name, "__substg1.0_%04X%04X", id, type);
  return name;
}
/// A PtypString property (UTF-16LE).
inline Node unicode(std::uint16_t id, std::string_view utf8) { return stream(substg_name(id, 0x001F), utf16(utf8)); }
/// A PtypString8 property (8-bit, in the message's code page).
inline Node string8(std::uint16_t id, std::string bytes) { return stream(substg_name(id, 0x001E), std::move(bytes)); }
inline Node binary(std::uint16_t id, std::string bytes) { return stream(substg_name(id, 0x0102), std::move(bytes)); }

struct Fixed {
  std::uint16_t id, type;  ///< type 0x0003 (PtypInteger32), 0x0040 (PtypTime), ...
  std::uint64_t value;
};
/// __properties_version1.0 with a header of `header_bytes` (32 for a message, 24 for an
/// embedded message, 8 for a recipient or attachment) and one 16-byte entry per property.
inline Node properties(std::size_t header_bytes, const std::vector<Fixed>& fixed) {
  std::string data(header_bytes + 16 * fixed.size(), '\0');
  for (std::size_t i = 0; i < fixed.size(); ++i) {
    const std::size_t at = header_bytes + 16 * i;
    put32(data, at, static_cast<std::uint32_t>(fixed[i].id) << 16 | fixed[i].type);
    put32(data, at + 4, 6);  // readable | writable
    put32(data, at + 8, static_cast<std::uint32_t>(fixed[i].value));
    put32(data, at + 12, static_cast<std::uint32_t>(fixed[i].value >> 32));
  }
  return stream("__properties_version1.0", data);
}

inline Node recipient(unsigned index, std::vector<Node> children) {
  char name[40];
  std::snprintf(name, sizeof name, "__recip_version1.0_#%08X", index);
  return storage(name, std::move(children));
}
inline Node attachment(unsigned index, std::vector<Node> children) {
  char name[40];
  std::snprintf(name, sizeof name, "__attach_version1.0_#%08X", index);
  return storage(name, std::move(children));
}
/// An attachment holding an embedded message (PidTagAttachMethod 5, the message's properties
/// in the storage __substg1.0_3701000D).
inline Node embedded_message(unsigned index, std::vector<Node> message_children) {
  message_children.push_back(properties(24, {}));
  return attachment(index, {properties(8, {{0x3705, 0x0003, 5}}), storage(substg_name(0x3701, 0x000D), std::move(message_children))});
}

/// MS-OXRTFCP compression: greedy matches against the dictionary the reader rebuilds (so the
/// tests exercise references, not only literals), then the end marker. Matches are looked for
/// in the 512 bytes last written and in the initial dictionary's 207 bytes: a linear cost.
inline std::string compress_rtf(std::string_view rtf) {
  const std::string_view prebuffer =
      "{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript \\fdecor MS Sans "
      "SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";
  std::string dict(4096, '\0');
  dict.replace(0, prebuffer.size(), prebuffer);
  std::size_t write = prebuffer.size();
  std::string body, tokens;
  unsigned control = 0, bit = 0;
  auto flush = [&] {
    body.push_back(static_cast<char>(control));
    body += tokens;
    tokens.clear();
    control = bit = 0;
  };
  auto put = [&](char c) {
    dict[write] = c;
    write = (write + 1) & 4095;
  };
  for (std::size_t i = 0; i < rtf.size();) {
    std::size_t best_length = 0, best_offset = 0;
    for (std::size_t candidate = 0; candidate < 512 + prebuffer.size(); ++candidate) {
      const std::size_t offset = candidate < 512 ? (write + 4096 - 1 - candidate) & 4095 : candidate - 512;
      if (offset == write) continue;
      std::size_t length = 0;
      // A match may not read what the copy itself writes (kept simple: no overlap with `write`).
      while (length < 17 && i + length < rtf.size() && ((offset + length) & 4095) != write &&
             dict[(offset + length) & 4095] == rtf[i + length])
        ++length;
      if (length > best_length) best_length = length, best_offset = offset;
    }
    if (best_length >= 2) {
      control |= 1u << bit;
      const unsigned word = static_cast<unsigned>(best_offset << 4 | (best_length - 2));
      tokens.push_back(static_cast<char>(word >> 8));
      tokens.push_back(static_cast<char>(word & 0xFF));
      for (std::size_t k = 0; k < best_length; ++k) put(rtf[i + k]);
      i += best_length;
    } else {
      tokens.push_back(rtf[i]);
      put(rtf[i]);
      ++i;
    }
    if (++bit == 8) flush();
  }
  control |= 1u << bit;  // the end marker: a reference to the write position
  tokens.push_back(static_cast<char>(write >> 4));
  tokens.push_back(static_cast<char>((write & 15) << 4));
  flush();
  std::string out(16, '\0');
  put32(out, 0, static_cast<std::uint32_t>(body.size() + 12));
  put32(out, 4, static_cast<std::uint32_t>(rtf.size()));
  put32(out, 8, 0x75465A4C);  // "LZFu"
  put32(out, 12, 0);          // CRC: not checked by the reader
  return out + body;
}

/// A written compound file and where its parts are.
struct Cfb {
  std::string bytes;
  std::uint32_t fat_sectors = 0, directory_start = 0, directory_sectors = 0, mini_stream_start = 0;
  /// File offset of the FAT entry of `sector` (the FAT's first sector is sector 0).
  static std::size_t fat_entry(std::uint32_t sector) { return 512 + 4 * static_cast<std::size_t>(sector); }
  /// File offset of directory entry `id`.
  std::size_t directory_entry(std::uint32_t id) const {
    return 512 * (std::size_t{directory_start} + 1 + id / 4) + 128 * (id % 4);
  }
};

/// Writes `root` (a storage: the root entry's children) as a version 3 compound file.
inline Cfb write_cfb(const Node& root) {
  constexpr std::uint32_t kEnd = 0xFFFFFFFE, kFree = 0xFFFFFFFF, kFatSector = 0xFFFFFFFD, kNone = 0xFFFFFFFF;
  struct Entry {
    const Node* node;
    std::uint32_t left = kNone, right = kNone, child = kNone, start = kEnd;
    std::uint64_t size = 0;
  };
  std::vector<Entry> entries{{&root}};
  // Depth first; the children of a storage are chained through their right siblings.
  std::vector<std::size_t> pending{0};
  while (!pending.empty()) {
    const std::size_t parent = pending.back();
    pending.pop_back();
    std::uint32_t previous = kNone;
    for (const Node& child : entries[parent].node->children) {
      const auto id = static_cast<std::uint32_t>(entries.size());
      entries.push_back({&child});
      if (previous == kNone) entries[parent].child = id;
      else entries[previous].right = id;
      previous = id;
      if (child.storage) pending.push_back(id);
    }
  }
  // Streams: small ones in the mini stream, others in regular sectors.
  std::string mini_stream, big;
  std::vector<std::uint32_t> mini_fat;
  std::vector<std::pair<std::size_t, std::uint32_t>> big_streams;  // entry, first sector relative to `big`
  for (std::size_t i = 1; i < entries.size(); ++i) {
    const Node& n = *entries[i].node;
    if (n.storage) continue;
    entries[i].size = n.data.size();
    if (n.data.empty()) continue;
    if (n.data.size() < 4096) {
      const auto first = static_cast<std::uint32_t>(mini_stream.size() / 64);
      const auto count = static_cast<std::uint32_t>((n.data.size() + 63) / 64);
      entries[i].start = first;
      for (std::uint32_t k = 0; k < count; ++k) mini_fat.push_back(k + 1 < count ? first + k + 1 : kEnd);
      mini_stream += n.data;
      mini_stream.resize(mini_stream.size() + (64 - mini_stream.size() % 64) % 64, '\0');
    } else {
      big_streams.push_back({i, static_cast<std::uint32_t>(big.size() / 512)});
      big += n.data;
      big.resize(big.size() + (512 - big.size() % 512) % 512, '\0');
    }
  }
  const auto sectors_of = [](std::size_t bytes) { return static_cast<std::uint32_t>((bytes + 511) / 512); };
  const std::uint32_t directory_sectors = sectors_of(entries.size() * 128);
  const std::uint32_t mini_fat_sectors = sectors_of(mini_fat.size() * 4);
  const std::uint32_t mini_stream_sectors = sectors_of(mini_stream.size());
  const std::uint32_t big_sectors = sectors_of(big.size());
  std::uint32_t fat_sectors = 1;
  while (fat_sectors * 128 < fat_sectors + directory_sectors + mini_fat_sectors + mini_stream_sectors + big_sectors) ++fat_sectors;
  if (fat_sectors > 109) throw std::runtime_error("test file too large for the header's DIFAT");
  const std::uint32_t directory_start = fat_sectors, mini_fat_start = directory_start + directory_sectors,
                      mini_stream_start = mini_fat_start + mini_fat_sectors, big_start = mini_stream_start + mini_stream_sectors;
  const std::uint32_t total = big_start + big_sectors;

  std::vector<std::uint32_t> fat(fat_sectors * 128, kFree);
  for (std::uint32_t s = 0; s < fat_sectors; ++s) fat[s] = kFatSector;
  auto chain = [&fat](std::uint32_t first, std::uint32_t count) {
    for (std::uint32_t k = 0; k < count; ++k) fat[first + k] = k + 1 < count ? first + k + 1 : kEnd;
  };
  chain(directory_start, directory_sectors);
  chain(mini_fat_start, mini_fat_sectors);
  chain(mini_stream_start, mini_stream_sectors);
  for (std::size_t b = 0; b < big_streams.size(); ++b) {
    const std::uint32_t first = big_streams[b].second;
    const std::uint32_t next = b + 1 < big_streams.size() ? big_streams[b + 1].second : big_sectors;
    chain(big_start + first, next - first);
    entries[big_streams[b].first].start = big_start + first;
  }
  entries[0].start = mini_stream_sectors ? mini_stream_start : kEnd;
  entries[0].size = mini_stream.size();

  Cfb out;
  std::string& file = out.bytes;
  file.assign(512 * (1 + std::size_t{total}), '\0');
  file.replace(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
  put16(file, 24, 0x003E);
  put16(file, 26, 3);
  put16(file, 28, 0xFFFE);
  put16(file, 30, 9);
  put16(file, 32, 6);
  put32(file, 44, fat_sectors);
  put32(file, 48, directory_start);
  put32(file, 56, 4096);
  put32(file, 60, mini_fat_sectors ? mini_fat_start : kEnd);
  put32(file, 64, mini_fat_sectors);
  put32(file, 68, kEnd);
  put32(file, 72, 0);
  for (std::uint32_t i = 0; i < 109; ++i) put32(file, 76 + 4 * i, i < fat_sectors ? i : kFree);
  auto sector_at = [](std::uint32_t sector) { return 512 * (std::size_t{sector} + 1); };
  for (std::size_t i = 0; i < fat.size(); ++i) put32(file, sector_at(0) + 4 * i, fat[i]);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::size_t at = sector_at(directory_start) + 128 * i;
    const Entry& e = entries[i];
    const std::string name = i == 0 ? "Root Entry" : e.node->name;
    const std::string name16 = utf16(name);
    file.replace(at, name16.size(), name16);
    put16(file, at + 64, static_cast<std::uint32_t>(name16.size() + 2));
    file[at + 66] = static_cast<char>(i == 0 ? 5 : e.node->storage ? 1 : 2);
    file[at + 67] = 1;  // black
    put32(file, at + 68, e.left);
    put32(file, at + 72, e.right);
    put32(file, at + 76, e.child);
    put32(file, at + 116, e.start);
    put32(file, at + 120, static_cast<std::uint32_t>(e.size));
  }
  for (std::size_t i = 0; i < directory_sectors * 4; ++i)  // unused entries have no siblings
    if (i >= entries.size()) {
      const std::size_t at = sector_at(directory_start) + 128 * i;
      put32(file, at + 68, kNone);
      put32(file, at + 72, kNone);
      put32(file, at + 76, kNone);
    }
  for (std::size_t i = 0; i < mini_fat_sectors * 128; ++i)
    put32(file, sector_at(mini_fat_start) + 4 * i, i < mini_fat.size() ? mini_fat[i] : kFree);
  file.replace(sector_at(mini_stream_start), mini_stream.size(), mini_stream);
  file.replace(sector_at(big_start), big.size(), big);
  out.fat_sectors = fat_sectors;
  out.directory_start = directory_start;
  out.directory_sectors = directory_sectors;
  out.mini_stream_start = mini_stream_start;
  return out;
}

/// The root of a .msg: the message's own properties header (32 bytes) plus `children`.
inline Node message(std::vector<Node> children, std::vector<Fixed> fixed = {}) {
  children.push_back(properties(32, fixed));
  return storage("", std::move(children));
}

}  // namespace msgtest
