// Bounce Explainer: the single entry point of the core.
#pragma once

#include <cstddef>
#include <string_view>

#include "bx/report.hpp"

namespace bx {

/// Hard limits. Input beyond them gets a clear report status or warning, never a crash.
struct Limits {
  std::size_t max_input_bytes = 32u << 20;  ///< larger input: ReportStatus::TooLarge
  std::size_t max_mime_depth = 32;          ///< deeper nesting is read as opaque text
  std::size_t max_mime_parts = 2000;        ///< further parts are ignored (with a warning)
  std::size_t max_headers = 5000;           ///< further header fields are ignored (with a warning)
  std::size_t max_records = 1000;           ///< further recipients are dropped (with a warning)
  /// What one record may carry, so that output stays proportional to the records whatever text
  /// they share: a longer diagnostic_code is cut (with a warning) ...
  std::size_t max_diagnostic_bytes = 4096;
  /// ... further evidence lines of a record are dropped (with a warning) ...
  std::size_t max_evidence_lines = 10;
  /// ... and any other text taken from the input (an evidence line, the subject, a host, a
  /// date, ...) is cut at this many bytes (with a warning).
  std::size_t max_field_bytes = 1024;
  /// Outlook .msg files: messages embedded in messages deeper than this are left out ...
  std::size_t max_msg_depth = 8;
  /// ... and so are the attachments of a message past this many (with a warning each). Its
  /// recipient table stops at max_records.
  std::size_t max_msg_attachments = 256;
  /// Hops of the original message's route: beyond it, the oldest Received fields are left out
  /// (with a warning): where delivery stopped is at the newest end. 0: the route is not read
  /// (for a caller that does not show it, such as the CLI's jsonl, csv and --summary runs).
  std::size_t max_route_hops = 100;
};

/// Decodes and explains a pasted bounce: a whole .eml, an RFC 3464 DSN, a vendor NDR or a bare
/// error line. Never throws for bad input; the report's status says what happened.
///
/// **Example**
///     bx::Report r = bx::explain("550 5.1.1 <bob@example.com>: User unknown");
///     // r.records[0].reason == "userunknown"
Report explain(std::string_view input, const Limits& limits = {});

}  // namespace bx
