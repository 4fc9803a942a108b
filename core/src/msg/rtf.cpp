// Compressed RTF (MS-OXRTFCP) and a small RTF reader: enough to show what Outlook shows.
#include "msg/rtf.hpp"

#include <cstdint>
#include <vector>

#include "text/codec.hpp"

namespace bx::msg {
namespace {

// MS-OXRTFCP 2.1.3.1.1: the dictionary starts with these 207 bytes.
constexpr std::string_view kPrebuffer =
    "{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript \\fdecor MS Sans "
    "SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";
static_assert(kPrebuffer.size() == 207, "MS-OXRTFCP's initial dictionary is 207 bytes");

constexpr std::uint32_t kCompressed = 0x75465A4C;  // "LZFu"
constexpr std::uint32_t kStored = 0x414C454D;      // "MELA"

std::uint32_t u32(std::string_view b, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + i])) << (8 * i);
  return v;
}

}  // namespace

bool decompress_rtf(std::string_view in, std::size_t max_bytes, std::string& rtf, bool& cut) {
  cut = false;
  if (in.size() < 16) return false;
  const std::uint64_t declared_end = std::uint64_t{u32(in, 0)} + 4;  // COMPSIZE counts what follows it
  const std::size_t end = declared_end < in.size() ? static_cast<std::size_t>(declared_end) : in.size();
  const std::uint32_t raw_size = u32(in, 4);
  const std::size_t limit = raw_size < max_bytes ? raw_size : max_bytes;
  cut = raw_size > max_bytes;
  const std::uint32_t type = u32(in, 8);
  if (type == kStored) {
    rtf.assign(in.substr(16, limit));
    return true;
  }
  if (type != kCompressed) return false;
  std::vector<unsigned char> dictionary(4096, 0);
  for (std::size_t i = 0; i < kPrebuffer.size(); ++i) dictionary[i] = static_cast<unsigned char>(kPrebuffer[i]);
  std::size_t write = kPrebuffer.size();
  auto emit = [&](unsigned char c) {
    rtf.push_back(static_cast<char>(c));
    dictionary[write] = c;
    write = (write + 1) & 4095;
  };
  std::size_t at = 16;
  while (at < end && rtf.size() < limit) {
    const auto control = static_cast<unsigned char>(in[at++]);
    for (int bit = 0; bit < 8 && at < end && rtf.size() < limit; ++bit) {
      if (!(control & (1u << bit))) {
        emit(static_cast<unsigned char>(in[at++]));
        continue;
      }
      if (at + 2 > end) return true;
      const unsigned word = static_cast<unsigned>(static_cast<unsigned char>(in[at])) << 8 | static_cast<unsigned char>(in[at + 1]);
      at += 2;
      const std::size_t offset = word >> 4;
      if (offset == write) return true;  // the end marker: a reference to where the next byte goes
      const std::size_t length = (word & 15) + 2;
      for (std::size_t k = 0; k < length && rtf.size() < limit; ++k) emit(dictionary[(offset + k) & 4095]);
    }
  }
  return true;
}

namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/// Destinations whose text is not part of what the message shows.
bool is_hidden_destination(std::string_view word) {
  static constexpr std::string_view kHidden[] = {
      "fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "header", "headerl", "headerr", "headerf", "footer",
      "footerl", "footerr", "footerf", "listtable", "listoverridetable", "rsidtbl", "generator", "xmlnstbl", "themedata",
      "colorschememapping", "datastore", "latentstyles", "filetbl", "revtbl", "fldinst", "pgdsctbl", "mmathPr", "bkmkstart",
      "bkmkend", "footnote", "annotation", "atnid", "atnauthor", "shpinst", "nonshppict", "falt", "panose"};
  for (std::string_view hidden : kHidden)
    if (word == hidden) return true;
  return false;
}

}  // namespace

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | cp >> 6));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | cp >> 12));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | cp >> 18));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

namespace {

/// The RTF reader's state: what a group inherits from the one around it.
struct GroupState {
  bool hidden = false;      ///< inside a destination that is not shown
  bool html_tag = false;    ///< inside \*\htmltag: HTML source of the encapsulated document
  bool suppressed = false;  ///< inside \htmlrtf ... \htmlrtf0: RTF-only text, not in the HTML
  int unicode_skip = 1;     ///< \ucN: characters that stand in for each \uN
};

class RtfReader {
 public:
  explicit RtfReader(std::string_view rtf) : rtf_(rtf) {}

  std::string run(bool& is_html) {
    std::vector<GroupState> stack{GroupState{}};
    std::size_t too_deep = 0;  // groups past kMaxDepth: counted, not stacked
    bool group_start = false, star = false;
    for (std::size_t i = 0; i < rtf_.size();) {
      const char c = rtf_[i];
      if (c == '{') {
        ++i;
        if (stack.size() < kMaxDepth) stack.push_back(stack.back());
        else ++too_deep;
        group_start = true;
        star = false;
        continue;
      }
      if (c == '}') {
        ++i;
        if (too_deep > 0) --too_deep;
        else if (stack.size() > 1) stack.pop_back();
        group_start = star = false;
        continue;
      }
      GroupState& state = stack.back();
      if (c == '\r' || c == '\n') {
        ++i;
        continue;
      }
      if (c != '\\') {
        ++i;
        group_start = false;
        text_byte(state, static_cast<unsigned char>(c));
        continue;
      }
      if (i + 1 >= rtf_.size()) break;
      const char next = rtf_[i + 1];
      if (is_letter(next)) {
        std::size_t end = i + 1;
        while (end < rtf_.size() && is_letter(rtf_[end])) ++end;
        const std::string_view word = rtf_.substr(i + 1, end - i - 1);
        bool negative = false, has_param = false;
        long param = 0;
        if (end < rtf_.size() && rtf_[end] == '-') negative = true, ++end;
        while (end < rtf_.size() && rtf_[end] >= '0' && rtf_[end] <= '9') {
          if (param < 100000000) param = param * 10 + (rtf_[end] - '0');
          has_param = true;
          ++end;
        }
        if (negative) param = -param;
        if (end < rtf_.size() && rtf_[end] == ' ') ++end;
        i = end;
        if (group_start) {
          if (star) {
            if (word == "htmltag" && html_) state.html_tag = true;
            else state.hidden = true;
          } else if (is_hidden_destination(word)) {
            state.hidden = true;
          }
        }
        group_start = star = false;
        control_word(state, word, has_param, param);
        continue;
      }
      i += 2;
      if (next == '*') {
        star = true;
        continue;
      }
      group_start = false;
      if (next == '\'') {
        if (i + 2 <= rtf_.size()) {
          const int hi = hex(rtf_[i]), lo = hex(rtf_[i + 1]);
          if (hi >= 0 && lo >= 0) {
            text_byte(state, static_cast<unsigned char>(hi * 16 + lo));
            i += 2;
          }
        }
      } else if (next == '\\' || next == '{' || next == '}') {
        text_byte(state, static_cast<unsigned char>(next));
      } else if (next == '~') {
        text_byte(state, ' ');
      } else if (next == '_') {
        text_byte(state, '-');
      } else if (next == '\r' || next == '\n') {
        text_unicode(state, '\n');
      }
    }
    flush_bytes();
    is_html = html_;
    return std::move(out_);
  }

 private:
  static constexpr std::size_t kMaxDepth = 256;

  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool shown(const GroupState& state) const {
    if (state.hidden) return false;
    return state.html_tag || !state.suppressed;
  }

  void control_word(GroupState& state, std::string_view word, bool has_param, long param) {
    if (word == "ansicpg" && has_param) codepage_ = param;
    else if (word == "fromhtml") html_ = true;
    else if (word == "htmlrtf") state.suppressed = !has_param || param != 0;
    else if (word == "uc" && has_param) state.unicode_skip = param < 0 ? 0 : static_cast<int>(param > 8 ? 8 : param);
    else if (word == "u" && has_param) unicode_escape(state, param);
    else if (word == "par" || word == "line" || word == "sect" || word == "page" || word == "row") text_unicode(state, '\n');
    else if (word == "tab" || word == "cell") text_unicode(state, '\t');
    else if (word == "emdash") text_unicode(state, 0x2014);
    else if (word == "endash") text_unicode(state, 0x2013);
    else if (word == "lquote") text_unicode(state, 0x2018);
    else if (word == "rquote") text_unicode(state, 0x2019);
    else if (word == "ldblquote") text_unicode(state, 0x201C);
    else if (word == "rdblquote") text_unicode(state, 0x201D);
    else if (word == "bullet") text_unicode(state, 0x2022);
  }

  /// \uN: a UTF-16 unit (negative for the upper half), then \ucN fallback characters to skip.
  void unicode_escape(const GroupState& state, long param) {
    const auto unit = static_cast<std::uint32_t>(param < 0 ? param + 65536 : param) & 0xFFFF;
    skip_ = state.unicode_skip;
    if (unit >= 0xD800 && unit < 0xDC00) {
      high_surrogate_ = unit;
      return;
    }
    if (unit >= 0xDC00 && unit < 0xE000) {
      if (high_surrogate_) text_unicode(state, 0x10000 + ((high_surrogate_ - 0xD800) << 10) + (unit - 0xDC00));
      high_surrogate_ = 0;
      return;
    }
    high_surrogate_ = 0;
    text_unicode(state, unit);
  }

  void text_byte(const GroupState& state, unsigned char byte) {
    if (skip_ > 0) {
      --skip_;
      return;
    }
    if (!shown(state)) return;
    if (byte < 0x80) {
      flush_bytes();
      out_.push_back(static_cast<char>(byte));
    } else {
      pending_.push_back(static_cast<char>(byte));  // in the document's code page: converted in runs
    }
  }

  void text_unicode(const GroupState& state, std::uint32_t cp) {
    if (!shown(state) || cp == 0) return;
    flush_bytes();
    append_utf8(out_, cp);
  }

  void flush_bytes() {
    if (pending_.empty()) return;
    out_ += text::to_utf8(pending_, codepage_ == 65001 ? std::string("utf-8") : "windows-" + std::to_string(codepage_));
    pending_.clear();
  }

  std::string_view rtf_;
  std::string out_, pending_;
  long codepage_ = 1252;
  bool html_ = false;
  int skip_ = 0;
  std::uint32_t high_surrogate_ = 0;
};

}  // namespace

std::string rtf_to_text(std::string_view rtf, bool& is_html) { return RtfReader(rtf).run(is_html); }

}  // namespace bx::msg
