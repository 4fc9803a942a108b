// The JSON writer behind every report: valid JSON whatever the bytes, same data compact or pretty.
#include <catch2/catch.hpp>

#include <algorithm>
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

TEST_CASE("CSV fields: formulas neutralised, RFC 4180 quoting, valid UTF-8", "[report][csv]") {
  CHECK(bx::csv_field("plain") == "plain");
  CHECK(bx::csv_field("=1+2") == "'=1+2");
  CHECK(bx::csv_field("+1") == "'+1");
  CHECK(bx::csv_field("-2+3@example.com") == "'-2+3@example.com");
  CHECK(bx::csv_field("@SUM(A1)") == "'@SUM(A1)");
  CHECK(bx::csv_field("\tx") == "'\tx");
  CHECK(bx::csv_field("\r=x") == "\"'\r=x\"");
  CHECK(bx::csv_field("=HYPERLINK(\"a\",\"b\")") == "\"'=HYPERLINK(\"\"a\"\",\"\"b\"\")\"");
  CHECK(bx::csv_field("a,b") == "\"a,b\"");
  CHECK(bx::csv_field("a\nb") == "\"a\nb\"");
  CHECK(bx::csv_field("a=b") == "a=b");  // only a leading sign is read as a formula
  CHECK(bx::csv_field("caf\xE9") == "caf\xEF\xBF\xBD");
}

TEST_CASE("CSV rows: one per record, the header's columns, the mbox position", "[report][csv]") {
  const bx::Report report = bx::explain("550 5.1.1 <-bob@example.com>: User unknown\n");
  REQUIRE(report.records.size() == 1);
  const std::string rows = bx::to_csv_rows(report, "in/a.eml", 3);
  CHECK(rows.rfind("in/a.eml,3,'-bob@example.com,userunknown,5.1.1,550,true,example.com,", 0) == 0);
  CHECK(rows.size() >= 2);
  CHECK(rows.compare(rows.size() - 2, 2, "\r\n") == 0);
  auto commas = [](const std::string& line) { return std::count(line.begin(), line.end(), ','); };
  CHECK(commas(bx::csv_header()) == 12);
  CHECK(bx::to_csv_rows(bx::explain("hello"), "x", 0).empty());
}

TEST_CASE("file_bytes keeps the exact bytes of a name that is not valid UTF-8", "[report]") {
  CHECK(bx::file_bytes("caf\xC3\xA9.eml").empty());
  CHECK(bx::file_bytes("caf\xE9\\x.eml") == "caf\\xe9\\\\x.eml");
  const std::string json = bx::to_json(bx::explain("x"), -1, "a\xFF");
  CHECK(json.rfind("{\"file\":\"a\xEF\xBF\xBD\",\"file_bytes\":\"a\\\\xff\",", 0) == 0);
}
