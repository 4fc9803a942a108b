// What the CLI prints: one message's report in the chosen format, and the --summary counts.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "bx/report.hpp"

namespace bx::cli {

enum class Format { JsonLines, Json, Text, Csv, None };

/// The few fields of a record the summary counts.
struct Tally {
  std::string reason, category, provider, domain;
  bool hard = false;
};

/// One message, explained and rendered (in a worker thread), ready to print in order.
struct Outcome {
  std::string label;              ///< the path as given
  std::size_t mbox_message = 0;   ///< its position in an mbox holding several messages, else 0
  std::string out;    ///< stdout text of this message (for json: one array element, no comma)
  std::string error;  ///< non-empty: the message could not be read or explained
  int status = -1;    ///< a bx::ReportStatus, -1 with an error
  std::size_t size = 0;
  std::vector<Tally> tallies;
};

/// Renders a report in `format`; fills the tallies when `tally` is set.
void render_report(const Report& report, Format format, bool tally, Outcome& out);
/// Renders an input that could not be read: {"file":...,"error":...} in jsonl and json.
void render_error(Format format, Outcome& out);

/// "path", or "path:N" for message N of an mbox: how messages are named on stderr.
std::string display_name(const Outcome& o);

/// `s` made safe to print on a terminal, on one line: printable ASCII and UTF-8 text as they
/// are; line ends and tabs as \n \r \t; other control bytes (ESC, so no escape sequence),
/// DEL and bytes of invalid UTF-8 as \xNN; C1 controls, bidirectional overrides and the Unicode
/// line separators as \u{NNNN}. A file name with a newline cannot forge a line of output.
std::string for_terminal(const std::string& s);

/// display_name() made safe for a terminal (--format text, stderr, the progress line).
std::string terminal_name(const Outcome& o);

/// A JSON string literal (quotes included); invalid UTF-8 becomes U+FFFD.
std::string json_string(const std::string& s);

/// Counts for --summary.
class Summary {
 public:
  void add(const Outcome& outcome);
  std::string text() const;

 private:
  std::size_t messages_ = 0, bytes_ = 0, errors_ = 0, records_ = 0, hard_ = 0;
  std::map<int, std::size_t> by_status_;
  std::map<std::string, std::size_t> by_reason_, by_category_, by_provider_, by_domain_;
};

}  // namespace bx::cli
