// The JSON writer behind every report: valid JSON whatever the bytes, same data compact or pretty.
#include <catch2/catch.hpp>

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
