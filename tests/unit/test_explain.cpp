// The entry point as a user meets it: statuses for bad input, bare lines, limits.
#include <catch2/catch.hpp>

#include <algorithm>

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

namespace {

const bx::Record& only_record(const bx::Report& r) {
  REQUIRE(r.records.size() == 1);
  return r.records[0];
}

bool any_contains(const std::vector<std::string>& items, const std::string& needle) {
  for (const std::string& s : items)
    if (s.find(needle) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("four everyday bounces get four specific answers", "[explain][kb]") {
  bx::Report gmail = bx::explain(
      "550-5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders\n"
      "550-5.7.26 to authenticate with either SPF or DKIM.\n"
      "550 5.7.26 Authentication results: dmarc=fail spf=fail dkim=none - gsmtp\n");
  bx::Report microsoft = bx::explain(
      "550 5.7.606 Access denied, banned sending IP [192.0.2.10]. To request removal from this list please visit "
      "https://sender.office.com/ and follow the directions. [DB5EUR03FT012.eop-EUR03.prod.protection.outlook.com]\n");
  bx::Report spamhaus = bx::explain(
      "554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org; "
      "https://www.spamhaus.org/query/ip/192.0.2.10\n");
  bx::Report typo = bx::explain("550 5.1.1 <bob@gmial.com>: Recipient address rejected: User unknown\n");

  const bx::Record& g = only_record(gmail);
  CHECK(g.reason == "authfailure");
  CHECK(g.explanation.provider_id == "google");
  CHECK(g.explanation.headline.find("Gmail") != std::string::npos);
  CHECK(g.explanation.who_acts == std::vector<std::string>{"sender-admin"});

  const bx::Record& m = only_record(microsoft);
  CHECK(m.reason == "blocked");
  CHECK(m.explanation.provider_id == "microsoft");
  CHECK(any_contains(m.explanation.fix_steps, "sender.office.com"));

  const bx::Record& s = only_record(spamhaus);
  CHECK(s.reason == "blocked");
  CHECK(s.explanation.blocklist_id == "spamhaus");
  CHECK(s.explanation.blocklist_delist_url.rfind("https://", 0) == 0);
  CHECK(s.explanation.headline.find("Spamhaus") != std::string::npos);

  const bx::Record& t = only_record(typo);
  CHECK(t.reason == "userunknown");
  CHECK(t.explanation.typo_suggestion == "gmail.com");
  REQUIRE_FALSE(t.explanation.fix_steps.empty());
  CHECK(t.explanation.fix_steps[0].find("bob@gmail.com") != std::string::npos);

  // Four different headlines: none of them is the generic text of another.
  std::vector<std::string> headlines = {g.explanation.headline, m.explanation.headline, s.explanation.headline,
                                        t.explanation.headline};
  std::sort(headlines.begin(), headlines.end());
  CHECK(std::unique(headlines.begin(), headlines.end()) == headlines.end());
}

TEST_CASE("authentication results of the returned message join the explanation", "[explain][kb]") {
  bx::Report r = bx::explain(
      "From: MAILER-DAEMON@example.net\nSubject: Undelivered Mail Returned to Sender\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"
      "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n"
      "Final-Recipient: rfc822; bob@example.com\nAction: failed\nStatus: 5.7.26\n"
      "Diagnostic-Code: smtp; 550 5.7.26 Unauthenticated email is not accepted due to the sender domain's DMARC policy\n"
      "--b\nContent-Type: text/rfc822-headers\n\nFrom: alice@example.org\n"
      "Authentication-Results: mx.example.net; spf=fail smtp.mailfrom=example.org; dkim=none; dmarc=fail\n--b--\n");
  REQUIRE(r.records.size() == 1);
  CHECK(r.authentication.spf == "fail");
  CHECK(r.authentication.dmarc == "fail");
  CHECK(r.records[0].explanation.summary.find("SPF fail") != std::string::npos);
}

TEST_CASE("a pasted reply without a status code still reads as a person reads it", "[explain]") {
  bx::Report r = bx::explain("550 No such user here <bob@example.com>\n");
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].reason == "userunknown");
  CHECK(r.records[0].hard_bounce);
  bx::Report quoted = bx::explain("> 550 <carol@example.com>... User unknown\n");
  REQUIRE(quoted.records.size() == 1);
  CHECK(quoted.records[0].reason == "userunknown");
}

TEST_CASE("evidence is located for every one of many recipients", "[explain]") {
  std::string input;
  for (int i = 0; i < 500; ++i)
    input += "550 5.1.1 <user" + std::to_string(i) + "@example.com>: Recipient address rejected: User unknown\r\n";
  bx::Report r = bx::explain(input);
  REQUIRE(r.records.size() == 500);
  for (const bx::Record& rec : {r.records.front(), r.records[250], r.records.back()}) {
    REQUIRE_FALSE(rec.evidence.empty());
    REQUIRE(rec.evidence[0].begin.has_value());
    std::string shown = input.substr(*rec.evidence[0].begin, *rec.evidence[0].end - *rec.evidence[0].begin);
    CHECK(shown.find(rec.recipient) != std::string::npos);
  }
}

TEST_CASE("a huge line before the error still gives the record, its command words found", "[explain][limits]") {
  std::string input(4u << 20, 'a');
  input += "\n550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command)\n";
  bx::Report r = bx::explain(input);
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].reason == "userunknown");
  CHECK(r.records[0].smtp_command == "RCPT");
}
