// A small JSON reader for the decoders of JSON notifications (Amazon SES, ESP webhooks): objects,
// arrays and strings; numbers and literals are kept as their text. Depth-limited (no deep
// recursion on hostile input) and linear; never throws.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text/text.hpp"

namespace bx::formats::json {

/// Just enough JSON: objects, arrays, strings; numbers and literals are kept as text.
struct Value {
  enum Kind { Null, String, Object, Array } kind = Null;
  std::string text;
  std::vector<std::pair<std::string, Value>> members;
  std::vector<Value> items;

  const Value& operator[](std::string_view key) const {
    static const Value none;
    for (const auto& [k, v] : members)
      if (k == key) return v;
    return none;
  }
};

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}
  bool parse(Value& out, int depth = 0) {
    skip();
    if (pos_ >= s_.size() || depth > 32) return false;
    char c = s_[pos_];
    if (c == '{') return object(out, depth);
    if (c == '[') return array(out, depth);
    if (c == '"') {
      out.kind = Value::String;
      return string(out.text);
    }
    std::size_t start = pos_;
    while (pos_ < s_.size() && s_[pos_] != ',' && s_[pos_] != '}' && s_[pos_] != ']') ++pos_;
    out.kind = Value::String;
    out.text = std::string(text::trim(s_.substr(start, pos_ - start)));
    return pos_ > start;
  }

 private:
  void skip() {
    while (pos_ < s_.size() && text::is_space(s_[pos_])) ++pos_;
  }
  bool string(std::string& out) {
    for (++pos_; pos_ < s_.size(); ++pos_) {
      char c = s_[pos_];
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c == '\\' && pos_ + 1 < s_.size()) {
        char e = s_[++pos_];
        out += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'u' ? '?' : e;
        if (e == 'u') pos_ += 4;
        continue;
      }
      out += c;
    }
    return false;
  }
  bool object(Value& out, int depth) {
    out.kind = Value::Object;
    ++pos_;
    for (;;) {
      skip();
      if (pos_ < s_.size() && s_[pos_] == '}') return ++pos_, true;
      std::string key;
      if (pos_ >= s_.size() || s_[pos_] != '"' || !string(key)) return false;
      skip();
      if (pos_ >= s_.size() || s_[pos_++] != ':') return false;
      Value value;
      if (!parse(value, depth + 1)) return false;
      out.members.emplace_back(std::move(key), std::move(value));
      skip();
      if (pos_ < s_.size() && s_[pos_] == ',') ++pos_;
    }
  }
  bool array(Value& out, int depth) {
    out.kind = Value::Array;
    ++pos_;
    for (;;) {
      skip();
      if (pos_ < s_.size() && s_[pos_] == ']') return ++pos_, true;
      Value value;
      if (!parse(value, depth + 1)) return false;
      out.items.push_back(std::move(value));
      skip();
      if (pos_ < s_.size() && s_[pos_] == ',') ++pos_;
    }
  }
  std::string_view s_;
  std::size_t pos_ = 0;
};

}  // namespace bx::formats::json
