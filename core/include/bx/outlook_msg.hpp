// Outlook .msg files (MS-OXMSG in an OLE compound file, MS-CFB): read into an RFC 5322-like
// text that the rest of the pipeline explains like an .eml.
#pragma once

#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include "bx/explain.hpp"

namespace bx {

/// Whether the input starts with the OLE compound file signature D0 CF 11 E0 A1 B1 1A E1 (an
/// Outlook .msg, or another OLE file such as a .doc). bx::explain routes such input to
/// read_outlook_msg instead of refusing it as binary.
bool is_compound_file(std::string_view input);

/// What was read from a .msg file.
struct OutlookMessage {
  bool ok = false;
  /// The message as text: its transport headers (or headers made from its properties), then a
  /// MIME body: the text Outlook shows (the plain body, else the HTML or RTF body rendered to
  /// text), for a report a message/delivery-status part made from its recipient table, and each
  /// attached message (an embedded message, an attached .eml) as message/rfc822.
  std::string text;
  /// When !ok: why the file cannot be read (damaged, encrypted, not a message), for a person.
  std::string error;
  /// `error` as data: its sentence id in kb/words.json and the values it was filled with.
  std::string error_template;
  std::vector<std::pair<std::string, std::string>> error_params;
  std::vector<std::string> warnings;  ///< limits hit, damage passed over
};

/// Reads an Outlook .msg file. Bounded and linear in the size of `bytes` whatever its header
/// claims; never throws.
OutlookMessage read_outlook_msg(std::string_view bytes, const Limits& limits = {});

/// Explains a .msg file: read_outlook_msg, then bx::explain of its text, with a warning saying
/// the input was a .msg (evidence offsets and line numbers are in that text, which `text`, when
/// given, receives). A file that cannot be read gives ReportStatus::Unusable and the reason.
Report explain_outlook_msg(std::string_view bytes, const Limits& limits = {}, std::string* text = nullptr);

}  // namespace bx
