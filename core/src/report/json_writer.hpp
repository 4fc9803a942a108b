// A small streaming JSON writer for the report: one pass, no intermediate tree (building an
// nlohmann::ordered_json per record cost a third of explain()'s time). Strings are escaped
// and invalid UTF-8 is replaced with U+FFFD, so the output is always valid JSON.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bx::report {

class JsonWriter {
 public:
  /// `indent` < 0: compact; otherwise pretty-printed with that many spaces per level.
  explicit JsonWriter(std::string& out, int indent = -1) : out_(out), indent_(indent) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  /// An object key: a plain name written by our own code (letters, digits, '_'), not escaped.
  JsonWriter& key(std::string_view name);
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(bool b);
  JsonWriter& value(double d);
  JsonWriter& value(std::size_t n);
  /// A signed whole number (named apart from value(): an int argument stays ambiguous, not silently signed).
  JsonWriter& integer(long long n);
  JsonWriter& null();
  /// A string, or null when it is empty.
  JsonWriter& string_or_null(std::string_view s) { return s.empty() ? null() : value(s); }
  JsonWriter& strings(const std::vector<std::string>& list);

  /// Appends `s` as a quoted JSON string.
  static void append_quoted(std::string& out, std::string_view s);

 private:
  void before_value();
  void newline();
  void open(char bracket);
  void close(char bracket);
  std::string& out_;
  int indent_;
  // Only the innermost open container needs a "nothing written in it yet" flag: every outer one
  // holds at least the container being written, so is past its first value when that one closes.
  std::size_t depth_ = 0;  // open containers
  bool first_ = false;     // nothing written yet in the innermost one
  bool after_key_ = false;
};

}  // namespace bx::report
