// The decoder registry: every bounce format (standard or vendor) is one file with one function,
// listed once in formats.def, whose order is the order they are tried in.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dsn/delivery_status.hpp"
#include "mime/mime.hpp"
#include "text/text.hpp"

namespace bx::formats {

/// What a decoder found about one recipient, before classification.
struct Candidate {
  std::string recipient;
  std::string action;        ///< failed, delayed, delivered, relayed, expanded
  std::string status;        ///< enhanced status code, when the format states one
  std::string reply_code;    ///< SMTP reply code, when the format states one
  std::string diagnostic;    ///< the server's words, one line, white space squeezed
  std::string diagnostic_type;
  std::string smtp_command;  ///< MAIL, RCPT, DATA, CONN, HELO, ... at which delivery failed
  std::string rhost, lhost;
  std::string reason;        ///< set only when the format itself knows it (feedback, vacation, ...)
  std::string feedback_type;
  std::string timestamp;
  /// The text says a message was not delivered but not why (a notice without its details).
  bool cause_unstated = false;
  /// A fragment pasted without the message around it: which SMTP command failed is unknown,
  /// and "no such user" then means what a person reads in it, the address.
  bool pasted = false;
  /// Lines of the decoded message the conclusion rests on, verbatim, most important first.
  std::vector<std::string> evidence;
  /// Which caps of Limits cut this candidate's text (the report then says so): Cut bits.
  unsigned cut = 0;
  /// kHeaderFieldsCut: a block of report fields (an ARF report) kept only Limits::max_headers.
  enum Cut : unsigned { kDiagnosticCut = 1, kEvidenceCut = 2, kFieldCut = 4, kHeaderFieldsCut = 8 };
};

/// What every decoder gets: the parsed message and its RFC 3464 part (possibly empty).
struct Context {
  const mime::Message& message;
  const dsn::DeliveryStatus& dsn;
  std::string subject;  ///< decoded Subject of the bounce
  std::string from;     ///< decoded From of the bounce
  /// The caps of the run: decoders stop after max_records + 1 recipients (one more says that
  /// some were dropped) and copy text they share among recipients only up to the caps.
  Limits limits{};

  /// The body text in lower case, up to any returned message (a bounce of a bounce must not be
  /// taken for the returned one's layout): where decoders look for their markers. Made once, on
  /// first use, because some thirty decoders each look for a few.
  std::string_view marker_text() const;
  /// The readable text of the message (message.body_text) split into lines, made once, on first
  /// use: the decoders that get past their markers, and the RFC 3464 one, all read it.
  const std::vector<std::string_view>& body_lines() const;
  /// Whether marker_text() contains `lower_needle`. Most decoders' markers are absent from most
  /// messages: a set of the text's 4-byte sequences, made on first use, says so without a search.
  bool marker_has(std::string_view lower_needle) const;
  /// The notice part of the body in text::fold_case form: up to the returned message, at most
  /// 4 KB (a notice says what it is near its top). Made once, on first use.
  std::string_view notice_text() const;
  /// classify::NoticeKind bits of notice_text(): failed, delayed, automatic reply, ...
  unsigned notice_kinds() const;
  /// The classify::kHeadingKinds bits (delayed, final, expired) of the notice's first kilobyte
  /// only (or of all of notice_kinds() when that was read already), where a layout's heading says
  /// what the notice is ("THIS IS A WARNING ONLY", "Message will be deleted from queue"):
  /// cheaper, for questions asked of nearly every message.
  unsigned opening_kinds() const;
  /// The same message with `delivery` as its RFC 3464 part (one vendor::inline_dsn() found in the
  /// text): what was made so far comes along where it does not depend on that part.
  Context with_dsn(const dsn::DeliveryStatus& delivery) const;

  mutable std::string marker_text_cache{};
  mutable bool marker_text_ready = false;
  mutable std::string notice_text_cache{};
  mutable bool notice_text_ready = false;
  mutable int notice_kinds_cache = -1;  // -1: not read yet
  mutable int opening_kinds_cache = -1;
  mutable std::vector<std::string_view> body_lines_cache{};
  mutable bool body_lines_ready = false;
  mutable std::shared_ptr<const text::GramSet> marker_grams{};  // (shared with with_dsn() copies)
};

/// Returns true and fills `out` when the message is in this decoder's format.
using ExtractFn = bool (*)(const Context& context, std::vector<Candidate>& out);

struct Format {
  const char* id;
  const char* name;
  ExtractFn extract;
};

/// All decoders in the order they are tried (formats.def).
const std::vector<Format>& registry();

}  // namespace bx::formats
