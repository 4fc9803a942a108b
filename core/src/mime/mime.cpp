#include "mime/mime.hpp"

#include <algorithm>

#include "report/words.hpp"
#include "text/codec.hpp"
#include "text/text.hpp"

namespace bx::mime {
namespace {

using text::iequals;
using text::istarts_with;
using text::to_lower;
using text::trim;

/// The bytes a field name is made of: printable ASCII but ':'. A table, as the name of every
/// header line is scanned with it.
struct FieldNameBytes {
  bool allowed[256] = {};
  constexpr FieldNameBytes() {
    for (int c = '!'; c < 127; ++c) allowed[c] = c != ':';
  }
};
constexpr FieldNameBytes kFieldName{};

/// Length of a field name at the start of `line` followed by ':', or 0.
std::size_t field_name_length(std::string_view line) {
  const std::size_t limit = std::min<std::size_t>(line.size(), 77);  // (no need to scan a long line)
  std::size_t i = 0;
  while (i < limit && kFieldName.allowed[static_cast<unsigned char>(line[i])]) ++i;
  if (i == 0 || i > 76) return 0;
  std::size_t colon = i;
  while (colon < line.size() && (line[colon] == ' ' || line[colon] == '\t')) ++colon;  // "Subject :"
  return colon < line.size() && line[colon] == ':' ? i : 0;
}

std::string_view next_line(std::string_view s, std::size_t& pos) {
  std::size_t nl = s.find('\n', pos);
  std::string_view line = nl == std::string_view::npos ? s.substr(pos) : s.substr(pos, nl - pos);
  pos = nl == std::string_view::npos ? s.size() : nl + 1;
  return line;
}

const char* const kWellKnownFields[] = {"from",       "to",         "subject",      "date",        "received",
                                        "return-path", "message-id", "content-type", "mime-version", "delivered-to",
                                        "reply-to",   "x-mailer",   "x-failed-recipients", "auto-submitted", "sender"};

/// Whether a part of this (lower case) media type has text to read: images, archives, ... carry
/// no diagnostic.
bool is_readable(std::string_view type) {
  return istarts_with(type, "text/") || istarts_with(type, "message/") || istarts_with(type, "multipart/");
}

bool looks_like_message_header(const Headers& h) {
  if (h.size() < 2) return false;
  for (const char* name : kWellKnownFields)
    if (h.has(name)) return true;
  return false;
}

/// parse_headers() with the cap of the run, and a warning (once a message) when a header had more.
std::size_t read_headers(std::string_view text, Headers& out, const Limits& limits, Message& msg) {
  bool dropped = false;
  const std::size_t end = parse_headers(text, out, limits.max_headers, &dropped);
  if (!dropped) return end;  // the usual case: no warning to write
  std::string warning = too_many_fields_warning(limits.max_headers);
  if (std::find(msg.warnings.begin(), msg.warnings.end(), warning) == msg.warnings.end()) msg.warnings.push_back(std::move(warning));
  return end;
}

class TreeBuilder {
 public:
  TreeBuilder(std::string_view input, const Limits& limits, Message& msg) : input_(input), limits_(limits), msg_(msg) {}

  /// Reads `part` from its raw body. `holder`, when given, is the decoded text of an enclosing
  /// part that `raw_body` lies in and that nobody reads once this part is built: freed as soon as
  /// this part has its own decoded copy, so that nested encoded parts (message/rfc822 in
  /// message/rfc822 ..., each quoted-printable) keep two levels alive at a time, not all of them.
  void build(Part& part, std::string_view raw_body, std::size_t depth, std::string* holder = nullptr) {
    if (++parts_ > limits_.max_mime_parts) {
      if (parts_ == limits_.max_mime_parts + 1)
        msg_.warnings.push_back(report::say(kb::sentences::kWarningMimePartsCut, std::to_string(limits_.max_mime_parts)));
      return;
    }
    // (part.headers stays as it is while the part is built: views into it are safe.)
    std::string_view content_type = part.headers.get("content-type");
    std::string type = to_lower(trim(content_type.substr(0, content_type.find(';'))));
    if (type.empty() || type.find('/') == std::string::npos) type = "text/plain";
    part.type = type;
    if (!is_readable(type)) return;  // nothing to read: not even worth undoing its transfer encoding
    std::string storage;
    std::string_view decoded = decode_transfer(part.headers.get("content-transfer-encoding"), raw_body, storage);
    // Text appended while this part is built was decoded from where this part's body stands.
    OriginScope scope(*this, raw_body, decoded, part.headers.get("content-transfer-encoding"));
    if (decoded.data() != raw_body.data() && holder) std::string().swap(*holder);  // raw_body is read no more
    // What this part's last child may free in turn: this part's own copy, else what it lies in.
    std::string* inner_holder = decoded.data() != raw_body.data() ? &storage : holder;

    if (istarts_with(type, "multipart/")) {
      std::string boundary = header_param(content_type, "boundary");
      if (boundary.empty() || depth >= limits_.max_mime_depth) {
        if (depth >= limits_.max_mime_depth) warn_depth();
        add_text(part, type, decoded, "");
        return;
      }
      split_multipart(part, decoded, boundary, depth, inner_holder);
      return;
    }
    if (type == "message/rfc822" || type == "message/global" || type == "message/partial") {
      if (depth >= limits_.max_mime_depth) {
        warn_depth();
        add_text(part, type, decoded, "");
        return;
      }
      Part inner;
      std::size_t body_start = read_headers(decoded, inner.headers, limits_, msg_);
      if (msg_.original.empty()) msg_.original = inner.headers;
      append_marker(type);
      append_header_text(inner.headers);
      build(inner, decoded.substr(body_start), depth + 1, inner_holder);
      part.children.push_back(std::move(inner));
      return;
    }
    std::string charset = header_param(content_type, "charset");
    if (type == "text/rfc822-headers" || type == "text/rfc822-header") {
      std::string utf8 = text::to_utf8(decoded, charset);
      Headers original;
      read_headers(utf8, original, limits_, msg_);
      if (msg_.original.empty()) msg_.original = original;
      add_text(part, type, utf8, "");
      return;
    }
    add_text(part, type, decoded, charset);
  }

 private:
  /// The encoded part (base64 or quoted-printable) that the text being appended was decoded
  /// from, if any: the outermost one read from the input itself.
  struct Origin {
    bool active = false;
    bool quoted_printable = false;
    std::size_t raw_begin = 0, raw_end = 0;
    const char* decoded_data = nullptr;  ///< the part's decoded text: only it maps back line by line
    std::size_t decoded_size = 0;
  };

  /// Sets the origin for the parts built inside it when this part undid an encoding of bytes
  /// read from the input itself, and puts the enclosing origin back when done.
  class OriginScope {
   public:
    OriginScope(TreeBuilder& b, std::string_view raw, std::string_view decoded, std::string_view encoding)
        : b_(b), saved_(b.origin_) {
      const bool encoded = decoded.data() != raw.data();
      const bool from_input = raw.data() >= b.input_.data() && raw.data() + raw.size() <= b.input_.data() + b.input_.size();
      if (!encoded || b.origin_.active || !from_input) return;
      Origin& o = b.origin_;
      o.active = true;
      o.quoted_printable = iequals(trim(encoding), "quoted-printable");
      o.raw_begin = static_cast<std::size_t>(raw.data() - b.input_.data());
      o.raw_end = o.raw_begin + raw.size();
      o.decoded_data = decoded.data();
      o.decoded_size = decoded.size();
    }
    ~OriginScope() { b_.origin_ = saved_; }
    OriginScope(const OriginScope&) = delete;
    OriginScope& operator=(const OriginScope&) = delete;

   private:
    TreeBuilder& b_;
    Origin saved_;
  };

  /// Records that body_text[from, its end) was decoded from the current origin. `decoded` is the
  /// decoded text it reads as: when that is the origin part's own quoted-printable text, copied
  /// unchanged, each of its lines maps back to the line of the input it came from.
  void note_decoded(std::size_t from, std::string_view decoded = {}) {
    if (!origin_.active || from >= msg_.body_text.size()) return;
    DecodedSpan span;
    span.text_begin = from;
    span.text_end = msg_.body_text.size();
    span.raw_begin = origin_.raw_begin;
    span.raw_end = origin_.raw_end;
    span.encoding = origin_.quoted_printable ? "quoted-printable" : "base64";
    const bool as_decoded = origin_.quoted_printable && decoded.data() == origin_.decoded_data &&
                            decoded.size() == origin_.decoded_size &&
                            std::string_view(msg_.body_text).substr(from, decoded.size()) == decoded;
    if (as_decoded) {
      std::string_view raw = input_.substr(origin_.raw_begin, origin_.raw_end - origin_.raw_begin);
      span.line_starts.emplace_back(from, origin_.raw_begin);
      for (const auto& [text_at, raw_at] : text::quoted_printable_line_starts(raw))
        span.line_starts.emplace_back(from + text_at, origin_.raw_begin + raw_at);
    }
    msg_.decoded.push_back(std::move(span));
  }

  void warn_depth() {
    if (!depth_warned_)
      msg_.warnings.push_back(report::say(kb::sentences::kWarningMimeTooDeep, std::to_string(limits_.max_mime_depth)));
    depth_warned_ = true;
  }

  /// The body with its transfer encoding undone: `raw` itself when there is none to undo (no
  /// copy of a part that is read as it is), else the decoded bytes, kept in `storage`.
  static std::string_view decode_transfer(std::string_view encoding, std::string_view raw, std::string& storage) {
    std::string_view enc = trim(encoding);
    if (iequals(enc, "base64")) {
      storage = text::decode_base64(raw);
    } else if (iequals(enc, "quoted-printable")) {
      storage = text::decode_quoted_printable(raw);
    } else {
      return raw;
    }
    return storage;
  }

  void append_marker(std::string_view type) {
    const std::size_t from = msg_.body_text.size();
    append_marker_text(type);
    note_decoded(from);
  }

  void append_marker_text(std::string_view type) {
    msg_.body_text += "Content-Type: ";
    msg_.body_text += type;
    msg_.body_text += "\n\n";
  }

  void append_header_text(const Headers& h) {
    const std::size_t from = msg_.body_text.size();
    for (Field f : h) {
      msg_.body_text += f.name;
      msg_.body_text += ": ";
      msg_.body_text += text::decode_header_words(f.value);
      msg_.body_text += '\n';
    }
    msg_.body_text += '\n';
    note_decoded(from);
  }

  void add_text(Part& part, const std::string& type, std::string_view decoded, std::string_view charset) {
    if (!is_readable(type)) return;
    std::string utf8 = text::to_utf8(decoded, charset);
    if (type == "text/html") {
      if (has_plain_alternative_) return;
      utf8 = html_to_text(utf8);
    }
    if (type == "message/delivery-status" || type == "message/global-delivery-status") {
      msg_.delivery_status += utf8;
      msg_.delivery_status += "\n\n";
    } else if (type == "message/feedback-report") {
      msg_.feedback_report += utf8;
      msg_.feedback_report += "\n";
    }
    if (istarts_with(type, "message/") || istarts_with(type, "text/rfc822")) append_marker(type);
    part.body_begin = msg_.body_text.size();
    part.body_size = utf8.size();
    msg_.body_text += utf8;
    if (!utf8.empty() && utf8.back() != '\n') msg_.body_text += '\n';
    note_decoded(part.body_begin, type == "text/html" ? std::string_view() : decoded);
  }

  /// Start of the first line at or after `from` that begins with `delimiter`, or npos. Found with
  /// text::find (memmem) rather than line by line (most lines are not delimiters); a match inside a line sends
  /// the search on to the next line, so no byte is searched twice, whatever the input.
  static std::size_t find_delimiter_line(std::string_view body, std::string_view delimiter, std::size_t from) {
    while (from < body.size()) {
      const std::size_t at = text::find(body, delimiter, from);
      if (at == std::string_view::npos) return std::string_view::npos;
      if (at == 0 || body[at - 1] == '\n') return at;
      const std::size_t nl = body.find('\n', at);
      if (nl == std::string_view::npos) return std::string_view::npos;
      from = nl + 1;
    }
    return std::string_view::npos;
  }

  void split_multipart(Part& part, std::string_view body, const std::string& boundary, std::size_t depth,
                       std::string* holder) {
    const std::string delimiter = "--" + boundary;
    std::vector<std::string_view> pieces;
    std::size_t pos = 0;
    std::size_t piece_start = std::string_view::npos;
    bool closed = false;
    while (!closed) {
      const std::size_t line_start = find_delimiter_line(body, delimiter, pos);
      if (line_start == std::string_view::npos) break;
      pos = line_start;
      std::string_view line = next_line(body, pos);
      std::string_view rest = trim(line.substr(delimiter.size()));
      if (!rest.empty() && rest != "--") continue;  // a longer boundary that shares our prefix
      if (piece_start != std::string_view::npos) {
        std::size_t end = line_start > piece_start ? line_start - 1 : piece_start;  // drop the CRLF before "--"
        pieces.push_back(body.substr(piece_start, end - piece_start));
      }
      piece_start = pos;
      closed = rest == "--";
    }
    if (!closed && piece_start != std::string_view::npos && piece_start < body.size()) {
      pieces.push_back(body.substr(piece_start));  // unterminated: keep what is there
      msg_.warnings.push_back(report::say(kb::sentences::kWarningMimeUnterminated));
    }
    if (pieces.empty()) {  // boundary never found: the body is plain text
      add_text(part, "text/plain", body, "");
      return;
    }
    bool saved = has_plain_alternative_;
    if (part.type == "multipart/alternative") has_plain_alternative_ = alternative_has_plain(pieces);
    part.children.reserve(std::min(pieces.size(), limits_.max_mime_parts));
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      std::string_view piece = pieces[i];
      Part child;
      std::size_t body_start = read_headers(piece, child.headers, limits_, msg_);
      if (body_start == 0 && !piece.empty() && piece.front() == '\n') body_start = 1;
      // Only the last piece may free the text all pieces lie in.
      build(child, piece.substr(body_start), depth + 1, i + 1 == pieces.size() ? holder : nullptr);
      part.children.push_back(std::move(child));
      if (parts_ > limits_.max_mime_parts) break;
    }
    has_plain_alternative_ = saved;
  }

  bool alternative_has_plain(const std::vector<std::string_view>& pieces) const {
    for (std::string_view piece : pieces) {
      Headers h;
      parse_headers(piece, h, 50);
      std::string_view ct = h.get("content-type");
      if (ct.empty() || text::istarts_with(trim(ct), "text/plain")) return true;
    }
    return false;
  }

  std::string_view input_;
  const Limits& limits_;
  Message& msg_;
  Origin origin_;
  std::size_t parts_ = 0;
  bool depth_warned_ = false;
  bool has_plain_alternative_ = false;
};

}  // namespace

void Headers::add(std::string_view lower_name, std::string_view value) {
  if (spans_.empty()) {  // a header has several fields: skip the first regrowths
    spans_.reserve(16);
    bytes_.reserve(1024);
  }
  const std::size_t start = bytes_.size();
  bytes_.append(lower_name);
  bytes_.append(value);
  spans_.push_back({start, start + lower_name.size(), bytes_.size()});
}

void Headers::add_lowering_name(std::string_view name, std::string_view value) {
  add(name, value);
  const Span& added = spans_.back();
  for (std::size_t i = added.name; i < added.value; ++i) bytes_[i] = text::lower(bytes_[i]);
}

std::string_view Headers::get(std::string_view lower_name) const {
  for (Field f : *this)
    if (f.name == lower_name) return f.value;
  return {};
}

std::string Headers::get_decoded(std::string_view lower_name) const {
  return text::decode_header_words(get(lower_name));
}

std::vector<std::string_view> Headers::get_all(std::string_view lower_name) const {
  std::vector<std::string_view> out;
  for (Field f : *this)
    if (f.name == lower_name) out.push_back(f.value);
  return out;
}

bool Headers::has(std::string_view lower_name) const {
  for (Field f : *this)
    if (f.name == lower_name) return true;
  return false;
}

std::string too_many_fields_warning(std::size_t max_headers) {
  return report::say(kb::sentences::kWarningHeadersCut, std::to_string(max_headers));
}

std::size_t parse_headers(std::string_view text, Headers& out, std::size_t max_fields, bool* dropped) {
  std::size_t pos = 0;
  // The field being read is a view of its line; only a folded one is copied (into `folded`).
  std::string_view name, value;
  std::string folded;
  bool have_field = false;
  bool is_folded = false;
  std::size_t count = 0;
  auto flush = [&] {
    if (have_field && count++ < max_fields) out.add_lowering_name(name, trim(is_folded ? folded : value));
    have_field = false;
    if (dropped) *dropped = count > max_fields;
  };
  while (pos < text.size()) {
    std::size_t line_start = pos;
    std::string_view line = next_line(text, pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty()) {
      flush();
      return line_start == 0 && count == 0 ? pos : (count == 0 ? 0 : pos);
    }
    if ((line.front() == ' ' || line.front() == '\t') && have_field) {
      if (!is_folded) folded.assign(value);
      is_folded = true;
      folded += ' ';
      folded += trim(line);
      continue;
    }
    std::size_t n = field_name_length(line);
    if (n == 0) {  // not a header line: the header (if any) ended without a blank line
      flush();
      return count == 0 ? 0 : line_start;
    }
    flush();
    name = line.substr(0, n);
    value = line.substr(line.find(':', n) + 1);
    is_folded = false;
    have_field = true;
  }
  flush();
  return count == 0 ? 0 : text.size();
}

namespace {

/// End of the quoted string whose opening quote is at value[open]: the index of its closing quote,
/// or value.size() when it is not closed. A backslash escapes the byte after it.
std::size_t closing_quote(std::string_view value, std::size_t open) {
  std::size_t i = open + 1;
  while (i < value.size() && value[i] != '"') i += value[i] == '\\' && i + 1 < value.size() ? 2 : 1;
  return i;
}

/// The text of a quoted string (without its quotes) with its backslash escapes undone.
std::string unquote(std::string_view quoted) {
  std::string out;
  out.reserve(quoted.size());
  for (std::size_t i = 0; i < quoted.size(); ++i) {
    if (quoted[i] == '\\' && i + 1 < quoted.size()) ++i;
    out.push_back(quoted[i]);
  }
  return out;
}

}  // namespace

std::string header_param(std::string_view value, std::string_view lower_name) {
  std::size_t pos = 0;
  while ((pos = value.find(';', pos)) != std::string_view::npos) {
    ++pos;
    std::size_t eq = value.find('=', pos);
    if (eq == std::string_view::npos) break;
    std::string_view key = trim(value.substr(pos, eq - pos));
    std::size_t vstart = eq + 1;
    while (vstart < value.size() && (value[vstart] == ' ' || value[vstart] == '\t')) ++vstart;
    const bool quoted = vstart < value.size() && value[vstart] == '"';
    std::size_t vend = quoted ? closing_quote(value, vstart) : value.find(';', vstart);
    if (vend == std::string_view::npos) vend = value.size();
    // "name" or "name*" (RFC 2231), compared without building the second string. Only the value
    // asked for is built.
    bool starred = key.size() == lower_name.size() + 1 && key.back() == '*';
    if (iequals(starred ? key.substr(0, lower_name.size()) : key, lower_name)) {
      return quoted ? unquote(value.substr(vstart + 1, vend - vstart - 1)) : std::string(trim(value.substr(vstart, vend - vstart)));
    }
    pos = vend;
  }
  return {};
}

std::string html_to_text(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  std::size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      std::size_t close = html.find('>', i);
      if (close == std::string_view::npos) break;
      std::string tag = to_lower(html.substr(i + 1, std::min<std::size_t>(close - i - 1, 10)));
      bool block = istarts_with(tag, "br") || istarts_with(tag, "p") || istarts_with(tag, "/p") ||
                   istarts_with(tag, "div") || istarts_with(tag, "/div") || istarts_with(tag, "tr") ||
                   istarts_with(tag, "li") || istarts_with(tag, "/tr") || istarts_with(tag, "h");
      for (const char* skip : {"style", "script"}) {
        if (istarts_with(tag, skip)) {
          std::size_t end = text::ifind(html, std::string("</") + skip, close);
          close = end == std::string_view::npos ? html.size() - 1 : html.find('>', end);
          if (close == std::string_view::npos) close = html.size() - 1;
        }
      }
      if (block && !out.empty() && out.back() != '\n') out.push_back('\n');
      i = close + 1;
      continue;
    }
    if (c == '&') {
      static const std::pair<const char*, const char*> kEntities[] = {
          {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&nbsp;", " "}, {"&apos;", "'"}};
      bool done = false;
      for (const auto& [entity, replacement] : kEntities) {
        std::string_view e(entity);
        if (html.compare(i, e.size(), e) == 0) {
          out += replacement;
          i += e.size();
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    out.push_back(c == '\r' ? '\n' : c);
    ++i;
  }
  return out;
}

Message parse(std::string_view input, const Limits& limits) {
  Message msg;
  std::string_view text = input;
  while (!text.empty() && (text.front() == '\n' || text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  if (text.compare(0, 5, "From ") == 0) {  // mbox separator line
    std::size_t nl = text.find('\n');
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
  }
  Headers headers;
  std::size_t body_start = read_headers(text, headers, limits, msg);
  if (body_start > 0 && looks_like_message_header(headers)) {
    msg.headers = std::move(headers);
    msg.has_headers = true;
    msg.root.headers = msg.headers;
    TreeBuilder(input, limits, msg).build(msg.root, text.substr(body_start), 0);
  } else {
    TreeBuilder(input, limits, msg).build(msg.root, text, 0);
  }
  return msg;
}

}  // namespace bx::mime
