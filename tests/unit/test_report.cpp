// The JSON writer behind every report: valid JSON whatever the bytes, same data compact or pretty.
#include <catch2/catch.hpp>

#include <cstdio>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "bx/explain.hpp"
#include "report/json_writer.hpp"

using bx::report::JsonWriter;

TEST_CASE("strings are escaped and invalid UTF-8 is replaced", "[report]") {
  std::string out;
  static const char kInput[] = "a\"b\\c\n\t\x01\x7f caf\xC3\xA9 \xFF\xC0\xAF end";
  JsonWriter::append_quoted(out, std::string(kInput, sizeof kInput - 1));
  CHECK(out == "\"a\\\"b\\\\c\\n\\t\\u0001\\u007f caf\xC3\xA9 \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD end\"");
  CHECK_FALSE(nlohmann::json::parse(out, nullptr, false).is_discarded());
}

TEST_CASE("containers nest with commas in the right places", "[report]") {
  std::string out;
  JsonWriter w(out);
  w.begin_object().key("a").begin_array().value(std::size_t{1}).value(true).null().end_array();
  w.key("b").begin_object().end_object().key("c").string_or_null("").key("d").value(0.5).end_object();
  CHECK(out == R"({"a":[1,true,null],"b":{},"c":null,"d":0.5})");
}

TEST_CASE("pretty and compact reports hold the same data", "[report]") {
  bx::Report r = bx::explain("550 5.1.1 <bob@example.com>: User unknown\n552 5.2.2 <carol@example.com>: Mailbox full\n");
  auto compact = nlohmann::json::parse(bx::to_json(r));
  auto pretty_text = bx::to_json(r, 2);
  CHECK(pretty_text.find("\n  \"schema\": ") != std::string::npos);
  CHECK(nlohmann::json::parse(pretty_text) == compact);
  CHECK(compact["records"].size() == 2);
  auto line = nlohmann::ordered_json::parse(bx::record_to_json_line(r.records[1], "in.eml"));
  CHECK(line.begin().key() == "file");
  CHECK(line["reason"] == "mailboxfull");
}

TEST_CASE("escapes and bad bytes are found on either side of a block edge", "[report]") {
  // Plain runs are tested 32 bytes at a time, the last ones with a block that ends the string.
  const std::string plain(70, 'a');
  for (std::size_t at : {0u, 15u, 31u, 32u, 33u, 38u, 39u, 40u, 63u, 64u, 69u}) {
    for (const char* bad : {"\"", "\\", "\n", "\x1f", "\x7f", "\xFF"}) {
      std::string s = plain;
      s[at] = bad[0];
      std::string out;
      JsonWriter::append_quoted(out, s);
      auto parsed = nlohmann::json::parse(out, nullptr, false);
      REQUIRE_FALSE(parsed.is_discarded());
      std::string expected = plain;
      if (bad[0] == '\xFF') expected.replace(at, 1, "\xEF\xBF\xBD");
      else expected[at] = bad[0];
      CHECK(parsed.get<std::string>() == expected);
    }
  }
}

TEST_CASE("numbers are written as %.3g writes them", "[report]") {
  for (double d : {0.0, 1.0, 0.05, 0.1, 0.5, 0.95, 0.99, 0.07, 0.123, 0.9500000000000001, 2.5, 1234.0, -0.5, -0.0, 1e-7}) {
    std::string out;
    JsonWriter(out).value(d);
    char expected[32];
    std::snprintf(expected, sizeof expected, "%.3g", d);
    CHECK(out == expected);
  }
  std::string out;
  const std::size_t largest = std::numeric_limits<std::size_t>::max();  // 32 bits in wasm, 64 natively
  JsonWriter(out).begin_array().value(std::size_t{0}).value(largest).end_array();
  CHECK(out == "[0," + std::to_string(largest) + "]");
}
