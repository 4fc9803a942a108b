#include <catch2/catch.hpp>

#include "dsn/codes.hpp"
#include "dsn/delivery_status.hpp"

using namespace bx::dsn;

TEST_CASE("status and reply codes are found where servers put them", "[dsn]") {
  CHECK(find_status_code("550 5.1.1 <bob@example.com>: User unknown") == "5.1.1");
  CHECK(find_status_code("host 192.0.2.1 said: 4.7.0 try later") == "4.7.0");
  CHECK(find_status_code("ip 5.1.1.1 blocked") == "");
  CHECK(find_reply_code("smtp; 550 5.1.1 user unknown") == "550");
  CHECK(find_reply_code("550-5.7.1 blocked") == "550");
  CHECK(find_reply_code("Date: 2021-05-12 12:34") == "");
  CHECK(find_reply_code("host 192.0.2.550 said") == "");
  // A queue or message id is not a reply code.
  CHECK(find_reply_code("by mx.example.net with ESMTPS id 550 (version=TLS1_3)") == "");
  CHECK(find_reply_code("queue id=550; smtp; 451 4.3.0 try again") == "451");
  CHECK(find_reply_code("Message-ID: 550 ") == "");
}

TEST_CASE("addresses are found and cleaned", "[dsn]") {
  CHECK(clean_address("rfc822; <Bob@Example.com>") == "Bob@Example.com");
  CHECK(find_address("to=<bob@example.com>, relay=") == "bob@example.com");
  CHECK(find_address("no address here") == "");
  CHECK(domain_of("bob@Example.COM") == "example.com");
}

TEST_CASE("an address in Chinese or Japanese text, or in program output, ends where it ends", "[dsn]") {
  CHECK(find_address("收件人：chen@example.cn") == "chen@example.cn");  // full-width colon, no space
  CHECK(find_address("recipient (smtp=ops@example.co.uk) not recognised") == "ops@example.co.uk");  // X.400 notation
  CHECK(find_address("prvs=1234abcd=bob@example.com") == "prvs=1234abcd=bob@example.com");  // BATV keeps its tag
  CHECK(find_address("宛先 bob@example.jpのメールボックス") == "bob@example.jp");
  CHECK(find_address("{'bob@example.de': (550, b'5.1.1 unknown')}") == "bob@example.de");
  CHECK(find_address("用户@例子.广告") == "用户@例子.广告");  // RFC 6531: another script throughout is kept
}

TEST_CASE("an RFC 3464 body gives one group per recipient", "[dsn]") {
  DeliveryStatus ds = parse_delivery_status(
      "Reporting-MTA: dns; mx.example.net\nArrival-Date: Mon, 1 Jan 2024\n\n"
      "Final-Recipient: rfc822; bob@example.com\nAction: failed\nStatus: 5.1.1\n\n"
      "Final-Recipient: rfc822; carol@example.com\nAction: delayed\nStatus: 4.2.2\n");
  REQUIRE(ds.recipients.size() == 2);
  CHECK(ds.per_message.get("reporting-mta") == "dns; mx.example.net");
  CHECK(ds.recipients[1].get("status") == "4.2.2");
}
