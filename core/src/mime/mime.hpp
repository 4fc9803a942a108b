// RFC 5322 headers and the RFC 2045/2046 MIME tree, decoded to UTF-8 text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bx/explain.hpp"

namespace bx::mime {

/// A header field, as a view into the Headers that holds it (valid while that is unchanged).
struct Field {
  std::string_view name;   ///< lower case
  std::string_view value;  ///< unfolded, as written (encoded words not decoded)
};

/// The fields of a header block. All names and values live in one buffer, so a message's
/// dozens of fields cost two allocations, not two each (and copying a header is two copies).
class Headers {
 public:
  void add(std::string_view lower_name, std::string_view value);
  /// Same, with `name` as written: it is lower-cased here.
  void add_lowering_name(std::string_view name, std::string_view value);
  /// First value of a field (`lower_name` in lower case), "" when absent.
  std::string_view get(std::string_view lower_name) const;
  /// Same, with RFC 2047 encoded words decoded.
  std::string get_decoded(std::string_view lower_name) const;
  std::vector<std::string_view> get_all(std::string_view lower_name) const;
  bool has(std::string_view lower_name) const;
  std::size_t size() const { return spans_.size(); }
  bool empty() const { return spans_.empty(); }
  Field operator[](std::size_t i) const {
    const Span& s = spans_[i];
    return {std::string_view(bytes_).substr(s.name, s.value - s.name), std::string_view(bytes_).substr(s.value, s.end - s.value)};
  }

  /// In order, for range-for: `for (mime::Field f : headers)`.
  class const_iterator {
   public:
    const_iterator(const Headers& h, std::size_t i) : h_(&h), i_(i) {}
    Field operator*() const { return (*h_)[i_]; }
    const_iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const const_iterator& o) const { return i_ != o.i_; }

   private:
    const Headers* h_;
    std::size_t i_;
  };
  const_iterator begin() const { return {*this, 0}; }
  const_iterator end() const { return {*this, spans_.size()}; }

 private:
  struct Span {  // offsets into bytes_: the name is [name, value), the value [value, end)
    std::size_t name, value, end;
  };
  std::string bytes_;
  std::vector<Span> spans_;
};

/// Reads a header block at the start of `text` (one field per line, folded lines joined).
/// Returns the offset just past the blank line ending the block; 0 when the text does not
/// start with a header field. At most `max_fields` fields are kept; `dropped`, when given, is set
/// to whether some were left out.
std::size_t parse_headers(std::string_view text, Headers& out, std::size_t max_fields, bool* dropped = nullptr);
/// The warning given once a message when a header (the message's, a part's, a returned message's,
/// a delivery-status group, a header block quoted in the text) had more than `max_headers` fields.
std::string too_many_fields_warning(std::size_t max_headers);

/// A `name=value` parameter of a structured header (Content-Type, ...), unquoted; "" if absent.
std::string header_param(std::string_view value, std::string_view lower_name);

struct Part {
  Headers headers;
  std::string type = "text/plain";  ///< lower case media type
  /// Where its text (transfer-decoded, in UTF-8) stands in Message::body_text: kept once there,
  /// not again in every part (Message::body_of).
  std::size_t body_begin = 0, body_size = 0;
  std::vector<Part> children;       ///< multipart parts, or the message inside message/rfc822
};

/// A run of Message::body_text that was decoded from base64 or quoted-printable, and where in
/// the parsed input it came from, so that evidence found in it can point back at the input.
struct DecodedSpan {
  std::size_t text_begin = 0, text_end = 0;  ///< in body_text
  /// The encoded body in the parsed input: of the outermost encoded part when encoded parts nest.
  std::size_t raw_begin = 0, raw_end = 0;
  std::string_view encoding;  ///< "base64" or "quoted-printable"
  /// Quoted-printable text that reads in body_text exactly as it decodes (UTF-8 or ASCII, not
  /// HTML, not nested in another encoded part): the start of each of its lines, as (offset in
  /// body_text, offset in the input), the first line included. Empty otherwise: no position in
  /// the input is exact for its bytes.
  std::vector<std::pair<std::size_t, std::size_t>> line_starts;
};

struct Message {
  Headers headers;           ///< top-level header (empty for a pasted fragment)
  bool has_headers = false;  ///< whether the input started with an RFC 5322 header
  Part root;
  /// Every readable part in order, flattened into one text: text parts as they are, message
  /// parts and text/rfc822-headers preceded by a "Content-Type: <type>" line (vendor formats
  /// look for those as markers, as they would in a plain-text bounce).
  std::string body_text;
  std::string delivery_status;  ///< message/delivery-status bodies (RFC 3464), concatenated
  std::string feedback_report;  ///< message/feedback-report body (RFC 5965)
  Headers original;             ///< header of the returned message, when there is one
  std::vector<DecodedSpan> decoded;  ///< the runs of body_text decoded from base64 / quoted-printable, in order
  std::vector<std::string> warnings;

  /// The text of a part of this message.
  std::string_view body_of(const Part& part) const { return std::string_view(body_text).substr(part.body_begin, part.body_size); }
};

Message parse(std::string_view text, const Limits& limits);

/// Strips tags and decodes common entities: enough to read an HTML-only bounce.
std::string html_to_text(std::string_view html);

}  // namespace bx::mime
