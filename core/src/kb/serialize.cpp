#include "kb/serialize.hpp"

#include <cstdint>
#include <map>
#include <vector>

namespace bx::kb {
namespace {

// Bump when a KB type gains, loses or reorders a field: old bytes are then refused, not misread.
constexpr std::string_view kMagic = "BXKB\x08";

// The fields of each KB type, in one order shared by both directions. `io` is a Packer or an
// Unpacker; the Packer only reads through the reference it is given.
template <class Io> void fields(Io& io, Ref& r) { io(r.title), io(r.url); }
template <class Io> void fields(Io& io, Category& c) { io(c.id), io(c.title), io(c.description); }
template <class Io> void fields(Io& io, Reason& r) {
  io(r.id), io(r.category), io(r.title), io(r.summary), io(r.retry), io(r.hard_bounce), io(r.who_acts);
  io(r.fix_steps), io(r.phrases), io(r.examples), io(r.references);
}
template <class Io> void fields(Io& io, Code& c) {
  io(c.code), io(c.title), io(c.meaning), io(c.in_practice), io(c.code_class), io(c.reason), io(c.references);
}
template <class Io> void fields(Io& io, Retry& r) { io(r.when), io(r.text), io(r.source), io(r.minutes); }
template <class Io> void fields(Io& io, ProviderCode& c) {
  io(c.id), io(c.status), io(c.reason), io(c.title), io(c.explanation), io(c.phrases), io(c.who_acts);
  io(c.fix_steps), io(c.references), io(c.source), io(c.verified), io(c.retry);
}
template <class Io> void fields(Io& io, Provider& p) {
  io(p.id), io(p.name), io(p.url), io(p.domains), io(p.hosts), io(p.phrases), io(p.codes);
}
template <class Io> void fields(Io& io, Blocklist& b) {
  io(b.id), io(b.name), io(b.lookup_url), io(b.delist_url), io(b.explanation), io(b.phrases), io(b.fix_steps);
  io(b.references), io(b.source), io(b.verified), io(b.retry);
}
template <class Io> void fields(Io& io, Situation& s) {
  io(s.id), io(s.category), io(s.title), io(s.summary), io(s.source), io(s.verified), io(s.temporary_only), io(s.given_up);
  io(s.who_acts), io(s.fix_steps), io(s.phrases), io(s.whole_replies), io(s.retry), io(s.references);
}
template <class Io> void fields(Io& io, Classification& c) {
  io(c.reason_order), io(c.weak_statuses), io(c.first_pass), io(c.first_pass_only), io(c.retry_reasons);
  io(c.status_fallback), io(c.boilerplate), io(c.reason_aliases);
}
template <class Io> void fields(Io& io, Notices& n) {
  io(n.failed), io(n.refused), io(n.delayed), io(n.final), io(n.expired), io(n.autoreply), io(n.challenge), io(n.delivered);
  io(n.sender_cues), io(n.mail_words), io(n.other_deliveries);
  io(n.references);
}
template <class Io> void fields(Io& io, Words& w) { io(w.actors), io(w.sentences); }
template <class Io> void fields(Io& io, Knowledge& kb) {
  io(kb.categories), io(kb.reasons), io(kb.reply_codes), io(kb.status_codes), io(kb.providers);
  io(kb.blocklists), io(kb.situations), io(kb.domains), io(kb.classification), io(kb.notices), io(kb.words);
}

/// Sizes as LEB128 varints, strings as size + bytes, booleans as one byte.
class Packer {
 public:
  std::string out{kMagic};

  void size(std::size_t n) {
    for (; n >= 0x80; n >>= 7) out.push_back(static_cast<char>((n & 0x7F) | 0x80));
    out.push_back(static_cast<char>(n));
  }
  void operator()(const Text& s) { size(s.size()), out.append(s); }
  void operator()(const bool& b) { out.push_back(b ? '\1' : '\0'); }
  void operator()(const std::uint32_t& n) { size(n); }
  template <class T> void operator()(const std::vector<T>& list) {
    size(list.size());
    for (const T& item : list) (*this)(item);
  }
  template <class T> void operator()(const std::map<Text, T>& map) {
    size(map.size());
    for (const auto& [key, value] : map) (*this)(key), (*this)(value);
  }
  // A KB record: `fields` only reads it here, so dropping const is safe.
  template <class T> auto operator()(const T& record) -> decltype(fields(*this, const_cast<T&>(record))) {
    fields(*this, const_cast<T&>(record));
  }
};

/// The reverse, bounds-checked: bytes that end early or hold absurd sizes set `ok` to false.
/// Texts are views into the bytes, not copies.
class Unpacker {
 public:
  explicit Unpacker(std::string_view in) : in_(in) {}
  bool ok = true;
  bool at_end() const { return at_ == in_.size(); }

  bool magic() {
    if (in_.substr(0, kMagic.size()) != kMagic) return ok = false;
    at_ = kMagic.size();
    return true;
  }
  std::size_t size() {
    std::size_t n = 0;
    for (unsigned shift = 0; ok && shift < 64; shift += 7) {
      if (at_ == in_.size()) break;
      auto byte = static_cast<unsigned char>(in_[at_++]);
      n |= static_cast<std::size_t>(byte & 0x7F) << shift;
      if (byte < 0x80) return n <= in_.size() - at_ ? n : fail();  // no count exceeds the bytes left
    }
    return fail();
  }
  void operator()(Text& s) {
    std::size_t n = size();
    if (ok) s = in_.substr(at_, n), at_ += n;
  }
  void operator()(std::uint32_t& n) {
    std::uint64_t v = 0;
    for (unsigned shift = 0; ok && shift < 35; shift += 7) {
      if (at_ == in_.size()) break;
      auto byte = static_cast<unsigned char>(in_[at_++]);
      v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if (byte < 0x80) {
        if (v > UINT32_MAX) fail();
        n = static_cast<std::uint32_t>(v);
        return;
      }
    }
    fail();
  }
  void operator()(bool& b) {
    if (at_ == in_.size()) fail();
    if (ok) b = in_[at_++] != '\0';
  }
  template <class T> void operator()(std::vector<T>& list) {
    std::size_t n = size();
    list.resize(ok ? n : 0);
    for (T& item : list) (*this)(item);
  }
  template <class T> void operator()(std::map<Text, T>& map) {
    for (std::size_t n = size(); ok && n > 0; --n) {
      Text key;
      (*this)(key);
      (*this)(map[key]);
    }
  }
  template <class T> auto operator()(T& record) -> decltype(fields(*this, record)) { fields(*this, record); }

 private:
  std::size_t fail() {
    ok = false;
    return 0;
  }
  std::string_view in_;
  std::size_t at_ = 0;
};

}  // namespace

std::string serialize(const Knowledge& kb) {
  Packer packer;
  packer(kb);
  return std::move(packer.out);
}

bool deserialize(std::string_view bytes, Knowledge& kb) {
  Unpacker unpacker(bytes);
  if (!unpacker.magic()) return false;
  unpacker(kb);
  return unpacker.ok && unpacker.at_end();
}

}  // namespace bx::kb
