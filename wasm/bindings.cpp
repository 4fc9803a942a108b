// Embind bindings: marshalling only. The one contract is the report JSON (README "Report schema").
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>

#include "bx/explain.hpp"
#include "bx/outlook_msg.hpp"
#include "bx/version.hpp"

namespace {

using emscripten::val;

// Why not plain std::string in and out: Embind converts a std::string with JavaScript loops, one
// UTF-16 unit or byte at a time (lengthBytesUTF8 + stringToUTF8 in, a NUL scan + UTF8ToString
// out), which cost about a sixth of explain() over the corpus. TextEncoder/TextDecoder do the
// same conversions natively. Anything but a string (Uint8Array, ArrayBuffer...) keeps Embind's
// std::string rules.
std::string utf8_of(const val& input) {
  if (!input.isString()) return input.as<std::string>();
  static const val encoder = val::global("TextEncoder").new_();
  const val bytes = encoder.call<val>("encode", input);
  std::string text(bytes["length"].as<std::size_t>(), '\0');
  // The view is made after the allocation above: a memory growth would detach an older one.
  val(emscripten::typed_memory_view(text.size(), text.data())).call<void>("set", bytes);
  return text;
}

val string_of_utf8(const std::string& text) {
  static const val decoder = val::global("TextDecoder").new_(val("utf-8"));
  return decoder.call<val>("decode", val(emscripten::typed_memory_view(text.size(), text.data())));
}

val explain_to_json(const val& input) { return string_of_utf8(bx::to_json(bx::explain(utf8_of(input)))); }
/// The CSV header row of bx::to_csv_rows (the page's "Export CSV" writes the CLI's CSV).
val csv_header() { return string_of_utf8(bx::csv_header()); }

/// One message of a batch, analysed once: {report: its JSON, csvRows: the CSV row of each record
/// (the CLI's writer, for the file name and mbox position given; 0: not in an mbox)}.
val explain_for_batch(const val& input, const val& file, unsigned mbox_message) {
  const bx::Report report = bx::explain(utf8_of(input));
  const std::string name = utf8_of(file);
  val rows = val::array();
  for (const bx::Record& record : report.records)
    rows.call<void>("push", string_of_utf8(bx::to_csv_row(record, name, mbox_message)));
  val out = val::object();
  out.set("report", string_of_utf8(bx::to_json(report)));
  out.set("csvRows", rows);
  return out;
}

/// A file's bytes (a Uint8Array), explained: {report: its JSON, text: the text an Outlook .msg
/// file was read as, which the report's evidence offsets point into ("" for any other input, and
/// for a .msg that could not be read)}. The page shows that text in place of the file's bytes.
val explain_bytes(const val& bytes) {
  const std::string input = utf8_of(bytes);
  std::string text;
  const bx::Report report = bx::is_compound_file(input) ? bx::explain_outlook_msg(input, {}, &text) : bx::explain(input);
  val out = val::object();
  out.set("report", string_of_utf8(bx::to_json(report)));
  out.set("text", string_of_utf8(text));
  return out;
}

std::string version() { return std::string(bx::kToolVersion) + " (knowledge base " + bx::kb_version() + ")"; }

}  // namespace

EMSCRIPTEN_BINDINGS(bounce_explainer) {
  emscripten::function("explain", &explain_to_json);
  emscripten::function("explainForBatch", &explain_for_batch);
  emscripten::function("explainBytes", &explain_bytes);
  emscripten::function("csvHeader", &csv_header);
  emscripten::function("version", &version);
}
