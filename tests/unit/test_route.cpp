// The route of the returned original message (core/src/report/route.cpp): dates and time
// zones, the Received forms of Postfix, Exim, Sendmail, Microsoft 365 / Exchange, Gmail and
// qmail, TLS, clock skew, missing dates and breaks in the chain, the cap on hops, and where the
// route is read from in a bounce.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "bx/explain.hpp"
#include "report/route.hpp"

using bx::report::parse_date_time;
using bx::report::read_received;
using bx::report::route_of;

namespace {

/// Seconds since 1970 of a UTC date, through the parser itself on an unambiguous form.
long long utc(const char* date) {
  auto dt = parse_date_time(std::string(date) + " +0000");
  REQUIRE(dt);
  return dt->epoch;
}

bool has_flag(const bx::Hop& hop, const std::string& flag) {
  for (const std::string& f : hop.flags)
    if (f == flag) return true;
  return false;
}

}  // namespace

TEST_CASE("dates: numeric zones, RFC 5322 names, -0000 and unknown names", "[route][date]") {
  auto dt = parse_date_time("Mon, 7 Dec 2026 10:00:00 +0100 (CET)");
  REQUIRE(dt);
  CHECK(bx::report::iso_utc(dt->epoch) == "2026-12-07T09:00:00Z");
  CHECK(dt->zone_known);
  CHECK(parse_date_time("Thu, 1 Jan 1970 00:00:00 +0000")->epoch == 0);
  CHECK(parse_date_time("Mon, 07 Dec 2026 01:30:00 -0830")->epoch == utc("7 Dec 2026 10:00:00"));
  CHECK(parse_date_time("7 Dec 2026 10:00:00 +05:30")->epoch == utc("7 Dec 2026 04:30:00"));

  // -0000: the time is UTC but the sender's zone is not known (RFC 5322 §3.3).
  auto minus_zero = parse_date_time("7 Dec 2026 10:00:00 -0000");
  REQUIRE(minus_zero);
  CHECK(minus_zero->epoch == utc("7 Dec 2026 10:00:00"));
  CHECK_FALSE(minus_zero->zone_known);

  // The obsolete names of RFC 5322 §4.3 have fixed offsets ...
  CHECK(parse_date_time("Mon, 7 Dec 2026 05:00:00 EST")->epoch == utc("7 Dec 2026 10:00:00"));
  CHECK(parse_date_time("Mon, 7 Dec 2026 03:00:00 PDT")->epoch == utc("7 Dec 2026 10:00:00"));
  CHECK(parse_date_time("Mon, 7 Dec 2026 04:00:00 CST")->epoch == utc("7 Dec 2026 10:00:00"));
  CHECK(parse_date_time("Mon, 7 Dec 2026 10:00:00 GMT")->zone_known);
  CHECK(parse_date_time("Mon, 7 Dec 2026 10:00:00 UT")->epoch == utc("7 Dec 2026 10:00:00"));
  // ... military letters and other names do not: read as UTC, the zone marked unknown.
  for (const char* zone : {"Z", "A", "CET", "JST"}) {
    auto named = parse_date_time(std::string("Mon, 7 Dec 2026 10:00:00 ") + zone);
    REQUIRE(named);
    CHECK(named->epoch == utc("7 Dec 2026 10:00:00"));
    CHECK_FALSE(named->zone_known);
  }
  // No zone at all: the same.
  CHECK_FALSE(parse_date_time("Mon, 7 Dec 2026 10:00:00")->zone_known);
}

TEST_CASE("dates: obsolete forms read, non-dates refused", "[route][date]") {
  CHECK(parse_date_time("7 Dec 26 10:00 +0000")->epoch == utc("7 Dec 2026 10:00:00"));    // two-digit year, no seconds
  CHECK(parse_date_time("7 Dec 99 10:00:00 +0000")->epoch == utc("7 Dec 1999 10:00:00"));
  CHECK(parse_date_time("7 Dec 126 10:00:00 +0000")->epoch == utc("7 Dec 2026 10:00:00"));  // three digits: 1900+
  CHECK(parse_date_time("Mon Dec  7 10:00:00 2026")->epoch == utc("7 Dec 2026 10:00:00"));  // asctime
  CHECK(parse_date_time("Thu,29 Feb 2024 23:59:60 +0000"));                                  // leap day, leap second
  CHECK(parse_date_time("Fri, 10 Dec 2010 13:21:19 +0900 id 0EFD1EE6")->epoch == utc("10 Dec 2010 04:21:19"));
  CHECK_FALSE(parse_date_time(""));
  CHECK_FALSE(parse_date_time("yesterday"));
  CHECK_FALSE(parse_date_time("31 Feb 2026 10:00:00 +0000"));
  CHECK_FALSE(parse_date_time("7 Dec 2026 25:00:00 +0000"));
  CHECK_FALSE(parse_date_time("7 Dec 2026"));  // no time
  CHECK_FALSE(parse_date_time("7 Dec 2026 10:00:00 +01"));
}

TEST_CASE("Received: Postfix with TLS, IPv4 and IPv6 senders", "[route][received]") {
  auto f = read_received(
      "from smtp.example.org (smtp.example.org [198.51.100.7])\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 "
      "(256/256 bits)\n\t key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256)\n\t(No client "
      "certificate requested)\n\tby mx.example.net (Postfix) with ESMTPS id 4ABCD1234\n\tfor <bob@example.com>; Tue, 12 "
      "Mar 2024 11:15:01 +0100 (CET)");
  CHECK(f.hop.from == "smtp.example.org");
  CHECK(f.hop.from_host == "smtp.example.org");
  CHECK(f.hop.ip == "198.51.100.7");
  CHECK(f.hop.by == "mx.example.net");
  CHECK(f.hop.protocol == "ESMTPS");
  CHECK(f.hop.id == "4ABCD1234");
  CHECK(f.hop.tls == true);
  CHECK(f.hop.tls_version == "TLS 1.3");
  CHECK(f.hop.time == "2024-03-12T10:15:01Z");
  CHECK(f.hop.flags.empty());

  auto v6 = read_received("from mail.example.org (unknown [IPv6:2001:db8::25]) by mx.example.net (Postfix) with ESMTP "
                          "id 4Q; Tue, 12 Mar 2024 10:15:01 +0000 (UTC)");
  CHECK(v6.hop.ip == "2001:db8::25");
  CHECK(v6.hop.from_host.empty());  // "unknown": no name was found
  CHECK(v6.hop.tls == false);

  // "from [literal] (name [address])": the address the server saw, not the greeting's literal.
  auto literal = read_received("from [192.168.0.3] (host.example.net [192.0.2.138]) by mx.google.com with ESMTPS id o3 "
                               "(version=TLSv1/SSLv3 cipher=RC4-MD5); Wed, 16 Jun 2010 09:43:37 -0700 (PDT)");
  CHECK(literal.hop.from == "192.168.0.3");
  CHECK(literal.hop.ip == "192.0.2.138");
  CHECK(literal.hop.tls_version == "TLS 1.0");
}

TEST_CASE("Received: Exim, Sendmail, Microsoft, Gmail and qmail forms", "[route][received]") {
  auto exim = read_received("from [192.0.2.5] (port=51234 helo=laptop.example.org) by smtp.example.org with esmtpsa "
                            "(TLS1.2:ECDHE-RSA-AES256-GCM-SHA384:256) (Exim 4.96) (envelope-from <alice@example.org>) id "
                            "1kXyZ-0001-AB for bob@example.com; Tue, 12 Mar 2024 10:14:58 +0000");
  CHECK(exim.hop.from == "192.0.2.5");
  CHECK(exim.hop.ip == "192.0.2.5");
  CHECK(exim.helo == "laptop.example.org");
  CHECK(exim.hop.protocol == "esmtpsa");
  CHECK(exim.hop.tls == true);
  CHECK(exim.hop.tls_version == "TLS 1.2");
  CHECK(exim.hop.id == "1kXyZ-0001-AB");
  // Exim 4.9x: "with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384".
  auto exim3 = read_received("from mail.example.org ([192.0.2.6]) by mx.example.net with esmtps (TLS1.3) tls "
                             "TLS_AES_256_GCM_SHA384 (Exim 4.96) id 1q; Tue, 12 Mar 2024 10:14:58 +0000");
  CHECK(exim3.hop.tls_version == "TLS 1.3");
  CHECK(exim3.hop.ip == "192.0.2.6");
  // Older Exim: "(TLSv1:AES256-SHA:256)" after a plain "esmtp".
  CHECK(read_received("from a.example.org by b.example.net with esmtp (TLSv1:AES256-SHA:256) id 1; 7 Dec 2026 10:00 +0000")
            .hop.tls_version == "TLS 1.0");

  auto sendmail = read_received("from mail.example.org (mail.example.org [192.0.2.7]) by mx.example.net (8.15.2/8.15.2) "
                                "with ESMTP id 0B7A0abc012345 (version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 "
                                "verify=NOT) for <bob@example.net>; Mon, 7 Dec 2026 10:00:00 -0500");
  CHECK(sendmail.hop.tls == true);  // the "with" word says ESMTP, the comment says TLS
  CHECK(sendmail.hop.tls_version == "TLS 1.3");
  CHECK(sendmail.hop.time == "2026-12-07T15:00:00Z");

  auto microsoft = read_received(
      "from DM6PR12MB1234.namprd12.prod.outlook.com (2603:10b6:5:1c0::12) by BN8PR12MB5678.namprd12.prod.outlook.com "
      "(2603:10b6:408:9b::34) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) "
      "id 15.20.1234.12 via Frontend Transport; Mon, 7 Dec 2026 15:00:00 +0000");
  CHECK(microsoft.hop.ip == "2603:10b6:5:1c0::12");
  CHECK(microsoft.hop.by == "BN8PR12MB5678.namprd12.prod.outlook.com");
  CHECK(microsoft.hop.protocol == "Microsoft SMTP Server");
  CHECK(microsoft.hop.tls_version == "TLS 1.2");
  CHECK(microsoft.hop.id == "15.20.1234.12");
  CHECK(read_received("from a.example.com (192.0.2.1) by b.example.com (192.0.2.2) with Microsoft SMTP Server (TLS) id "
                      "15.0.847.32; Mon, 7 Dec 2026 15:00:00 +0000")
            .hop.tls == true);
  CHECK(read_received("from a.example.com (192.0.2.1) by b.example.com (192.0.2.2) with Microsoft SMTP Server id "
                      "15.0.847.32; Mon, 7 Dec 2026 15:00:00 +0000")
            .hop.tls == false);
  CHECK_FALSE(read_received("from a by b.example.com with mapi id 15.20.1; Mon, 7 Dec 2026 15:00:00 +0000").hop.tls.has_value());

  auto gmail = read_received("from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by mx.google.com "
                             "with SMTPS id abc123sor.12.2026.12.07 for <bob@gmail.com> (Google Transport Security); "
                             "Mon, 07 Dec 2026 02:00:00 -0800 (PST)");
  CHECK(gmail.hop.from_host == "mail-sor-f41.google.com");
  CHECK(gmail.hop.ip == "209.85.220.41");
  CHECK(gmail.hop.tls == true);
  CHECK(gmail.hop.time == "2026-12-07T10:00:00Z");
  CHECK(read_received("from a.example.org by mx.google.com with ESMTPS id x (version=TLS1_3 cipher=TLS_AES_128_GCM_SHA256 "
                      "bits=128/128); Mon, 07 Dec 2026 02:00:00 -0800 (PST)")
            .hop.tls_version == "TLS 1.3");
  auto internal = read_received("by 2002:a05:6a20:1234:b0:1a2:3b4c:5d6e with SMTP id x12; Mon, 07 Dec 2026 02:00:01 -0800");
  CHECK(internal.hop.by == "2002:a05:6a20:1234:b0:1a2:3b4c:5d6e");
  CHECK(internal.hop.from.empty());
  CHECK(internal.hop.tls == false);
  CHECK(read_received("from a.example.org by b.example.net with UTF8SMTPS id 1; 7 Dec 2026 10:00:00 +0000").hop.tls == true);

  auto qmail = read_received("from unknown (HELO mail.example.org) (192.0.2.9) by mx.example.net with SMTP; 7 Dec 2026 "
                             "10:00:00 -0000");
  CHECK(qmail.hop.from == "unknown");
  CHECK(qmail.helo == "mail.example.org");
  CHECK(qmail.hop.ip == "192.0.2.9");
  CHECK(has_flag(qmail.hop, "unknown_zone"));
  auto invoked = read_received("(qmail 12345 invoked from network); 7 Dec 2026 10:00:00 -0000");
  CHECK(invoked.hop.from.empty());  // "from" inside a comment is not a clause
  CHECK(invoked.hop.by.empty());
  CHECK(has_flag(invoked.hop, "no_by"));
  CHECK_FALSE(invoked.hop.tls.has_value());

  // A host whose name holds "tls" is not TLS.
  auto named = read_received("from tls.example.org (tls1.example.org [192.0.2.3]) by mx.example.net with ESMTP id 7; "
                             "7 Dec 2026 10:00:00 +0000");
  CHECK(named.hop.tls == false);
}

TEST_CASE("Received: missing and unreadable dates are flagged, not guessed", "[route][received]") {
  auto none = read_received("from a.example.org by b.example.net with SMTP id 1");
  CHECK(none.hop.date.empty());
  CHECK(none.hop.time.empty());
  CHECK(has_flag(none.hop, "no_date"));
  auto bad = read_received("from a.example.org by b.example.net with SMTP id 1; sometime last week");
  CHECK(bad.hop.date == "sometime last week");
  CHECK(bad.hop.time.empty());
  CHECK(has_flag(bad.hop, "unreadable_date"));
}

TEST_CASE("a route: oldest first, time per hop, skew, slowest, chain gaps", "[route]") {
  // As in a header: newest first.
  std::vector<std::string_view> received = {
      "from relay.example.net (relay.example.net [192.0.2.30]) by mx.example.com with ESMTPS id 4; Mon, 7 Dec 2026 "
      "10:02:00 +0000",
      "from forged.example (forged.example [203.0.113.1]) by relay.example.net with ESMTP id 3; Mon, 7 Dec 2026 "
      "10:01:55 +0000",
      "from localhost (localhost [127.0.0.1]) by smtp.example.org with ESMTP id 2; Mon, 7 Dec 2026 10:00:30 +0000",
      "from laptop (unknown [198.51.100.20]) by smtp.example.org with ESMTPSA id 1; Mon, 7 Dec 2026 11:00:40 +0100",
  };
  bx::Route route = route_of(received, 100);
  REQUIRE(route.hops.size() == 4);
  CHECK(route.hops[0].id == "1");
  CHECK(route.hops[3].id == "4");
  CHECK_FALSE(route.hops[0].seconds_from_previous.has_value());
  // The content filter's hop reads 10 s before the submission: the clocks disagree. The
  // difference is kept as measured and flagged.
  CHECK(route.hops[1].seconds_from_previous == -10);
  CHECK(has_flag(route.hops[1], "clock_skew"));
  CHECK_FALSE(has_flag(route.hops[1], "chain_gap"));  // the same server handed it to itself
  CHECK(route.hops[2].seconds_from_previous == 85);
  CHECK(has_flag(route.hops[2], "chain_gap"));  // relay.example.net got it from a server nobody named before
  CHECK(route.hops[3].seconds_from_previous == 5);
  CHECK_FALSE(has_flag(route.hops[3], "chain_gap"));
  CHECK(route.slowest == 2u);
  CHECK(route.stopped == 3u);
  bool gap_sentence = false, skew_sentence = false;
  for (const std::string& w : route.warnings) {
    gap_sentence = gap_sentence || w.rfind("Hop 3 did not come from", 0) == 0;
    skew_sentence = skew_sentence || w.rfind("Hop 2: the time is earlier", 0) == 0;
  }
  CHECK(gap_sentence);
  CHECK(skew_sentence);
}

TEST_CASE("a route without dates has no slowest hop; a missing sender is flagged", "[route]") {
  std::vector<std::string_view> received = {"by b.example.net with SMTP id 2", "from a.example.org by a.example.org with SMTP id 1"};
  bx::Route route = route_of(received, 100);
  REQUIRE(route.hops.size() == 2);
  CHECK_FALSE(route.slowest.has_value());
  CHECK(has_flag(route.hops[1], "no_from"));
  CHECK(has_flag(route.hops[0], "no_date"));
}

TEST_CASE("a route keeps at most its cap of hops, the newest, with a warning", "[route][limits]") {
  std::vector<std::string> fields;
  for (int i = 150; i-- > 0;)
    fields.push_back("from h" + std::to_string(i) + ".example by h" + std::to_string(i + 1) +
                     ".example with ESMTP id " + std::to_string(i) + "; 7 Dec 2026 10:00:00 +0000");
  std::vector<std::string_view> views(fields.begin(), fields.end());
  bx::Route route = route_of(views, 100);
  REQUIRE(route.hops.size() == 100);
  CHECK(route.hops.front().id == "50");
  CHECK(route.hops.back().id == "149");
  REQUIRE_FALSE(route.warnings.empty());
  CHECK(route.warnings.front() == "More than 100 Received lines: only the newest 100 hops are shown.");
  for (const bx::Hop& hop : route.hops) CHECK_FALSE(has_flag(hop, "chain_gap"));
}

namespace {

const char* const kDsnHead =
    "From: MAILER-DAEMON@mx.example.net\nTo: alice@example.org\nSubject: Undelivered Mail Returned to Sender\n"
    "Received: by mx.example.net (Postfix) id 9; Tue, 12 Mar 2024 10:20:00 +0000\n"
    "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
    "--B\nContent-Type: text/plain\n\n<bob@example.com>: host mail.example.com[192.0.2.25] said: 550 5.1.1 User unknown\n\n"
    "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; relay.example.net\n\n"
    "Final-Recipient: rfc822; bob@example.com\nAction: failed\nStatus: 5.1.1\nRemote-MTA: dns; mail.example.com\n"
    "Diagnostic-Code: smtp; 550 5.1.1 User unknown\n\n";

}  // namespace

TEST_CASE("a bounce's route: the returned message's Received fields, stopped where the Reporting-MTA says", "[route]") {
  const std::string eml = std::string(kDsnHead) +
                          "--B\nContent-Type: message/rfc822\n\n"
                          "Received: from relay.example.net by archive.example.net with LMTP id 3; Tue, 12 Mar 2024 10:16:00 +0000\n"
                          "Received: from smtp.example.org ([198.51.100.7]) by relay.example.net with ESMTPS id 2; Tue, 12 Mar 2024 10:15:00 +0000\n"
                          "Received: from laptop by smtp.example.org with ESMTPSA id 1; Tue, 12 Mar 2024 10:14:00 +0000\n"
                          "From: alice@example.org\nTo: bob@example.com\nSubject: hi\n\nhello\n--B--\n";
  bx::Report report = bx::explain(eml);
  REQUIRE(report.records.size() == 1);
  const bx::Route& route = report.route;
  CHECK(route.source == "attached");
  REQUIRE(route.hops.size() == 3);  // the bounce's own Received field is not the original's route
  CHECK(route.reporting_mta == "relay.example.net");
  CHECK(route.remote_mta == "mail.example.com");
  CHECK(route.stopped == 1u);  // relay.example.net wrote hop 2 and reported the failure
  const std::string json = bx::to_json(report);
  CHECK(json.find("\"route\":{\"source\":\"attached\",\"hops\":[{\"from\":\"laptop\"") != std::string::npos);
  CHECK(json.find("\"slowest\":1,\"stopped\":1,\"reporting_mta\":\"relay.example.net\",\"remote_mta\":\"mail.example.com\"") !=
        std::string::npos);
}

TEST_CASE("a pasted notice's route: the header block quoted after the returned-message line", "[route]") {
  const std::string notice =
      "This is the mail system at host mx.example.net.\n\nI'm sorry to have to inform you that your message could not\n"
      "be delivered to one or more recipients.\n\n<bob@example.com>: host mail.example.com[192.0.2.25] said: 550 5.1.1 "
      "<bob@example.com>: User unknown (in reply to RCPT TO command)\n\n"
      "------ This is a copy of the message, including all the headers. ------\n\n"
      "Received: from smtp.example.org (smtp.example.org [198.51.100.7]) by mx.example.net with ESMTPS id 2; "
      "Tue, 12 Mar 2024 10:15:00 +0000\n"
      "Received: from laptop by smtp.example.org with ESMTPSA id 1; Tue, 12 Mar 2024 10:14:00 +0000\n"
      "From: alice@example.org\nSubject: hi\n\nhello\n";
  bx::Report report = bx::explain(notice);
  REQUIRE(report.records.size() == 1);
  CHECK(report.route.source == "quoted");
  REQUIRE(report.route.hops.size() == 2);
  CHECK(report.route.hops[0].id == "1");
  CHECK(report.route.stopped == 1u);

  // Text that is not about delivery has no route, whatever it quotes.
  bx::Report chat = bx::explain("Hi Bob,\n\nhere are the headers you asked for:\n\nReceived: from a.example.org by "
                                "b.example.net with SMTP id 1; 7 Dec 2026 10:00:00 +0000\nFrom: alice@example.org\n\nhello\n");
  CHECK(chat.status == bx::ReportStatus::NotABounce);
  CHECK(chat.route.hops.empty());

  // Without a returned message, the report has no route (and its JSON says null).
  bx::Report bare = bx::explain("550 5.1.1 <bob@example.com>: User unknown");
  CHECK(bare.route.hops.empty());
  CHECK(bx::to_json(bare).find("\"route\":null") != std::string::npos);
}

TEST_CASE("a route's texts are cut at the field cap", "[route][limits]") {
  const std::string long_host(3000, 'a');
  const std::string eml = std::string(kDsnHead) + "--B\nContent-Type: text/rfc822-headers\n\nReceived: from " + long_host +
                          ".example by relay.example.net with ESMTP id 1; Tue, 12 Mar 2024 10:15:00 +0000\n"
                          "From: alice@example.org\n\n--B--\n";
  bx::Report report = bx::explain(eml);
  REQUIRE(report.route.hops.size() == 1);
  CHECK(report.route.hops[0].from.size() == bx::Limits{}.max_field_bytes);
  CHECK(report.route.hops[0].received.size() == bx::Limits{}.max_field_bytes);
}
