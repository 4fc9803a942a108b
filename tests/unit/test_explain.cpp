// The entry point as a user meets it: statuses for bad input, bare lines, limits.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "bx/explain.hpp"

TEST_CASE("empty, binary and oversized input get a clear status", "[explain]") {
  CHECK(bx::explain("").status == bx::ReportStatus::Empty);
  CHECK(bx::explain(" \n\t\r\n").status == bx::ReportStatus::Empty);
  bx::Report binary = bx::explain(std::string("PK\x03\x04\x00\x00\x01\x02\x00\x00\x00\x00", 12));
  CHECK(binary.status == bx::ReportStatus::Unusable);
  CHECK_FALSE(binary.message.empty());
  bx::Limits small;
  small.max_input_bytes = 10;
  CHECK(bx::explain("550 5.1.1 <bob@example.com>: no such user", small).status == bx::ReportStatus::TooLarge);
}

TEST_CASE("a bare error line is explained", "[explain]") {
  bx::Report r = bx::explain("550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown");
  REQUIRE(r.status == bx::ReportStatus::Bounce);
  REQUIRE(r.records.size() == 1);
  const bx::Record& rec = r.records[0];
  CHECK(rec.recipient == "bob@example.com");
  CHECK(rec.destination == "example.com");
  CHECK(rec.reply_code == "550");
  CHECK(rec.status == "5.1.1");
  CHECK(rec.reason == "userunknown");
  CHECK(rec.hard_bounce);
  CHECK_FALSE(rec.explanation.headline.empty());
  CHECK_FALSE(rec.explanation.fix_steps.empty());
  REQUIRE_FALSE(rec.evidence.empty());
  CHECK(rec.evidence[0].begin == 0u);
}

TEST_CASE("several recipients in pasted lines give several records", "[explain]") {
  bx::Report r = bx::explain(
      "> 550 5.1.1 <bob@example.com>: User unknown\n"
      "> 552 5.2.2 <carol@example.com>: Mailbox full\n");
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].reason == "userunknown");
  CHECK(r.records[1].reason == "mailboxfull");
  CHECK_FALSE(r.records[1].hard_bounce);
}

TEST_CASE("plain text without an error is not a bounce", "[explain]") {
  bx::Report r = bx::explain("hello, how are you? call me at 550 1234");
  CHECK(r.status == bx::ReportStatus::NotABounce);
  CHECK(r.records.empty());
  CHECK_FALSE(r.message.empty());
}

TEST_CASE("the report JSON is valid and versioned even for hostile bytes", "[explain]") {
  std::string hostile = "550 5.1.1 <b\xff\xfe@example.com>: \x01\x02 User unknown <script>alert(1)</script>";
  std::string out = bx::to_json(bx::explain(hostile));
  nlohmann::json j = nlohmann::json::parse(out);
  CHECK(j["schema"] == "bounce-explainer/report/1");
  CHECK(j["status"] == "bounce");
  CHECK(j["records"][0]["diagnostic_code"].get<std::string>().find("<script>") != std::string::npos);
}

TEST_CASE("a typo in a well-known domain is pointed out", "[explain]") {
  bx::Report r = bx::explain("550 5.1.1 <bob@gmial.com>: User unknown");
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].explanation.typo_suggestion == "gmail.com");
}
