// Hostile input: whatever is pasted, the core answers with a clear status or warning, valid JSON,
// no crash, and in time linear in the input. Also replays the inputs the fuzzers once crashed
// on (tests/fuzz/regressions/). Each case stays well under 2 s in a debug build.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bx/explain.hpp"
#include "dsn/delivery_status.hpp"
#include "mime/mime.hpp"
#include "text/codec.hpp"

namespace {

namespace fs = std::filesystem;
using bx::ReportStatus;

std::string repeat(std::string_view unit, std::size_t total_bytes) {
  std::string out;
  out.reserve(total_bytes + unit.size());
  while (out.size() < total_bytes) out += unit;
  return out;
}

bool has_warning(const bx::Report& r, std::string_view word) {
  return std::any_of(r.warnings.begin(), r.warnings.end(),
                     [&](const std::string& w) { return w.find(word) != std::string::npos; });
}

/// Every hostile input must still give a report that serialises to valid JSON (valid UTF-8).
void check_json(const bx::Report& r) {
  std::string json = bx::to_json(r);
  auto parsed = nlohmann::json::parse(json, nullptr, false);
  REQUIRE_FALSE(parsed.is_discarded());
  CHECK(parsed["status"] == bx::to_string(r.status));
  for (const bx::Record& rec : r.records)
    CHECK_FALSE(nlohmann::json::parse(bx::record_to_json_line(rec, "f"), nullptr, false).is_discarded());
}

/// A report for a hostile input: a status and a sentence for the user, valid JSON.
bx::Report explain_checked(std::string_view input, const bx::Limits& limits = {}) {
  bx::Report r = bx::explain(input, limits);
  CHECK_FALSE(r.message.empty());
  CHECK(r.records.size() <= limits.max_records);
  if (r.status == ReportStatus::Bounce) CHECK_FALSE(r.records.empty());
  else CHECK(r.records.empty());
  check_json(r);
  return r;
}

const char kBounceLine[] = "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown";

/// RFC 2045 base64, 76 characters a line.
std::string base64(const std::string& in) {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve(in.size() * 4 / 3 + in.size() / 57 + 8);
  std::size_t line = 0;
  for (std::size_t i = 0; i < in.size(); i += 3) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned>(static_cast<unsigned char>(in[i + 1])) << 8;
    if (i + 2 < in.size()) v |= static_cast<unsigned char>(in[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < in.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += i + 2 < in.size() ? kAlphabet[v & 63] : '=';
    if ((line += 4) == 76) {
      out += '\n';
      line = 0;
    }
  }
  return out + "\n";
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("empty and tiny inputs", "[limits]") {
  CHECK(explain_checked("").status == ReportStatus::Empty);
  CHECK(explain_checked("\n\r\n \t").status == ReportStatus::Empty);
  for (int b = 0; b < 256; ++b) {
    std::string one(1, static_cast<char>(b));
    bx::Report r = explain_checked(one);
    CHECK(r.status != ReportStatus::Bounce);
  }
  CHECK(explain_checked("5").status == ReportStatus::NotABounce);
  CHECK(explain_checked("@").status == ReportStatus::NotABounce);
  CHECK(explain_checked("550").status == ReportStatus::NotABounce);
}

TEST_CASE("NUL bytes: binary is unusable, a few NULs in text are read", "[limits]") {
  CHECK(explain_checked(std::string(1 << 20, '\0')).status == ReportStatus::Unusable);
  std::string sprinkled = std::string(kBounceLine) + "\n";
  sprinkled.insert(30, 1, '\0');
  sprinkled += std::string(3, '\0') + repeat("padding text\n", 4096);
  bx::Report r = explain_checked(sprinkled);
  CHECK(r.status == ReportStatus::Bounce);
}

TEST_CASE("invalid UTF-8 everywhere still gives valid JSON", "[limits]") {
  const std::string junk = "\xff\xfe\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80\xe2\x82";
  std::string input = "From: MAILER-DAEMON@example.net\nSubject: Undelivered " + junk +
                      "\nContent-Type: text/plain; charset=utf-8\n\n" + junk + "\n550 5.1.1 <bob@example.com>: " + junk +
                      " User unknown " + junk + "\n";
  bx::Report r = explain_checked(input);
  REQUIRE(r.status == ReportStatus::Bounce);
  CHECK(r.records[0].recipient == "bob@example.com");
  // And through the charset converters.
  for (const char* charset : {"utf-8", "iso-8859-1", "shift_jis", "iso-2022-jp", "euc-kr", "gb2312", "x-unknown", "bogus"}) {
    std::string u = bx::text::to_utf8(junk + "\x1b$B\x1b(" + junk, charset);
    CHECK_NOTHROW(nlohmann::json(u).dump());  // strict: throws on invalid UTF-8
  }
}

TEST_CASE("a 20 MB single line", "[limits]") {
  // (Of 'q': a line of 'a' costs twice as much, for the phrases starting with "a" that some
  // decoders look for with std::string::find; still linear, see the [linear] cases.)
  std::string line(20u << 20, 'q');
  bx::Report r = explain_checked(line + "\n" + kBounceLine + "\n");
  CHECK(r.status == ReportStatus::Bounce);
  CHECK(explain_checked(std::string(2u << 20, 'a')).status == ReportStatus::NotABounce);
}

TEST_CASE("10 000 nested multiparts stop at the depth limit with a warning", "[limits]") {
  std::string s = "From: a@example.com\nSubject: nest\nContent-Type: multipart/mixed; boundary=\"b0\"\n\n";
  for (int i = 1; i < 10000; ++i)
    s += "--b" + std::to_string(i - 1) + "\nContent-Type: multipart/mixed; boundary=\"b" + std::to_string(i) + "\"\n\n";
  s += std::string(kBounceLine) + "\n";
  bx::Report r = explain_checked(s);
  CHECK(has_warning(r, "nesting"));

  std::string rfc822 = "From: a@example.com\nSubject: nest\nContent-Type: message/rfc822\n\n";
  std::string inner;
  for (int i = 0; i < 10000; ++i) inner += "From: b@example.com\nContent-Type: message/rfc822\n\n";
  CHECK(has_warning(explain_checked(rfc822 + inner + kBounceLine), "nesting"));
}

TEST_CASE("too many MIME parts are cut with a warning", "[limits]") {
  std::string s = "From: a@example.com\nSubject: parts\nContent-Type: multipart/mixed; boundary=\"B\"\n\n";
  for (int i = 0; i < 10000; ++i) s += "--B\nContent-Type: text/plain\n\npart\n";
  s += "--B--\n";
  bx::Report r = explain_checked(s);
  CHECK(has_warning(r, "MIME parts"));
}

TEST_CASE("unterminated boundaries keep the last part", "[limits]") {
  std::string s =
      "From: MAILER-DAEMON@example.net\nSubject: Undelivered Mail Returned to Sender\n"
      "Content-Type: multipart/mixed; boundary=\"OUTER\"\n\n--OUTER\n"
      "Content-Type: multipart/alternative; boundary=\"INNER\"\n\n--INNER\nContent-Type: text/plain\n\n" +
      std::string(kBounceLine) + "\n";
  bx::Report r = explain_checked(s);
  CHECK(r.status == ReportStatus::Bounce);
  CHECK(has_warning(r, "not terminated"));
  // A boundary that is never found, and one that is empty.
  explain_checked("From: a@example.com\nContent-Type: multipart/mixed; boundary=\"NOPE\"\n\n" + std::string(kBounceLine));
  explain_checked("From: a@example.com\nContent-Type: multipart/mixed; boundary=\"\"\n\n--\n--\n" + std::string(kBounceLine));
  explain_checked("From: a@example.com\nContent-Type: multipart/mixed; boundary=\"-\"\n\n" + repeat("---\n", 100000));
}

TEST_CASE("broken base64 and quoted-printable are read leniently", "[limits]") {
  for (const char* junk : {"====", "@@@@", "QUJ", "Q", "=QUJD", "QUJD=QUJD", "\xff\xfe", "!!!!!!!!"}) {
    std::string b64 = "From: MAILER-DAEMON@example.net\nSubject: Undelivered Mail\nContent-Transfer-Encoding: base64\n\n" +
                      std::string(junk) + "\n";
    explain_checked(b64);
    std::string qp = "From: MAILER-DAEMON@example.net\nSubject: Undelivered Mail\n"
                     "Content-Transfer-Encoding: quoted-printable\n\n" +
                     std::string(kBounceLine) + std::string(junk) + "=\n=Z=\n=4=\n=";
    CHECK(explain_checked(qp).status == ReportStatus::Bounce);
  }
  CHECK(bx::text::decode_base64("QUJD*&^%$RE").size() <= 6);
  CHECK(bx::text::decode_quoted_printable("=") == "=");
  CHECK(bx::text::decode_quoted_printable("a=4") == "a=4");
  CHECK(bx::text::decode_quoted_printable("=\r\n") == "");
}

TEST_CASE("100 000 header fields", "[limits]") {
  std::string s = "From: MAILER-DAEMON@example.net\nSubject: Undelivered Mail\n";
  for (int i = 0; i < 100000; ++i) s += "X-Field-" + std::to_string(i) + ": value\n";
  s += "\n" + std::string(kBounceLine) + "\n";
  bx::Limits limits;
  bx::mime::Message msg = bx::mime::parse(s, limits);
  CHECK(msg.headers.size() <= limits.max_headers);
  explain_checked(s);
  // Folded into one enormous field, too.
  explain_checked("From: a@example.com\nSubject: x\n" + repeat(" folded\n", 1u << 20) + "\nbody");
}

TEST_CASE("the header-field cap warns in every kind of header", "[limits]") {
  // README: "header fields per header (max_headers) ... further fields are ignored", with a
  // warning. Small caps keep the inputs small; the default cap is checked in test_scaling.
  bx::Limits limits;
  limits.max_headers = 20;
  std::string fields;
  for (int i = 0; i < 21; ++i) fields += "X-Field: " + std::to_string(i) + "\n";
  const std::string received = "Received: from a.example.org by b.example.net with SMTP id 1; 7 Dec 2026 10:00:00 +0000\n";
  const std::string report_head =
      "From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail Returned to Sender\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\n"
      "<bob@example.com>: 550 5.1.1 User unknown\n--B\n";
  const char* const kWarning = "More than 20 header fields";
  // The returned message's header, attached whole or as text/rfc822-headers.
  CHECK(has_warning(explain_checked(report_head + "Content-Type: message/rfc822\n\n" + received + fields + "\nhello\n--B--\n", limits),
                    kWarning));
  CHECK(has_warning(explain_checked(report_head + "Content-Type: text/rfc822-headers\n\n" + received + fields + "\n--B--\n", limits),
                    kWarning));
  // A header block quoted in the notice's text (read for the route).
  bx::Report quoted = explain_checked(
      "<bob@example.com>: host mail.example.com[192.0.2.25] said: 550 5.1.1 User unknown\n\n"
      "------ This is a copy of the message, including all the headers. ------\n\n" +
          received + fields + "\nhello\n",
      limits);
  CHECK(has_warning(quoted, kWarning));
  // A delivery-status group: its fields past the cap were once dropped silently at 200.
  bx::Report group = explain_checked(
      "From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n--B\n"
      "Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n"
      "Final-Recipient: rfc822; bob@example.com\nAction: failed\nStatus: 5.1.1\n" +
          fields + "\n--B--\n",
      limits);
  CHECK(has_warning(group, kWarning));
  CHECK(std::count_if(group.warnings.begin(), group.warnings.end(),
                      [&](const std::string& w) { return w.find(kWarning) != std::string::npos; }) == 1);
  // A feedback (ARF) report's fields, pasted alone: once kept at 200 without a word.
  bx::Report feedback = bx::explain("Feedback-Type: abuse\nVersion: 1\n" + fields + "Original-Rcpt-To: bob@example.com\n", limits);
  CHECK(bx::to_string(feedback.status) == std::string("feedback"));
  CHECK(has_warning(feedback, kWarning));
  // Under the cap: no warning.
  CHECK_FALSE(has_warning(explain_checked(report_head + "Content-Type: message/rfc822\n\n" + received + "\nhello\n--B--\n", limits),
                          kWarning));
  CHECK_FALSE(has_warning(bx::explain("Feedback-Type: abuse\nVersion: 1\nOriginal-Rcpt-To: bob@example.com\n", limits), kWarning));
}

TEST_CASE("the route's caps warn in the report", "[limits][route]") {
  // README: the report's warnings name the route's hop cap, and a route text cut at max_field_bytes.
  const std::string head =
      "From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail Returned to Sender\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\n"
      "<bob@example.com>: 550 5.1.1 User unknown\n--B\nContent-Type: message/rfc822\n\n";
  auto hop = [](const std::string& from) {
    return "Received: from " + from + " by b.example.net with SMTP id 1; 7 Dec 2026 10:00:00 +0000\n";
  };
  bx::Limits limits;
  limits.max_route_hops = 3;
  std::string four_hops;
  for (int i = 0; i < 4; ++i) four_hops += hop("h" + std::to_string(i) + ".example.org");
  bx::Report hops = explain_checked(head + four_hops + "\nhello\n--B--\n", limits);
  CHECK(hops.route.hops.size() == 3);
  CHECK(has_warning(hops, "More than 3 Received lines"));
  bx::Report long_name = explain_checked(head + hop(std::string(2000, 'a') + ".example.org") + "\nhello\n--B--\n");
  CHECK(long_name.route.hops.size() == 1);
  CHECK(has_warning(long_name, "longer than 1024 bytes was cut"));
  CHECK_FALSE(has_warning(explain_checked(head + hop("a.example.org") + "\nhello\n--B--\n"), "Received"));
}

TEST_CASE("a huge base64 part is decoded; a huge attachment is skipped", "[limits]") {
  // 8 MB of base64: 6 MB of prose, the bounce line at the very end.
  std::string plain = repeat("The mail system could not deliver your message to all recipients.\n", 6u << 20) +
                      kBounceLine + "\n";
  std::string s = "From: MAILER-DAEMON@example.net\nSubject: Undelivered Mail\nContent-Type: text/plain\n"
                  "Content-Transfer-Encoding: base64\n\n" +
                  base64(plain);
  CHECK(s.size() > (8u << 20));
  bx::Report r = explain_checked(s);
  REQUIRE(r.status == ReportStatus::Bounce);
  CHECK(r.records[0].recipient == "bob@example.com");
  std::string attachment =
      "From: MAILER-DAEMON@example.net\nSubject: Undelivered Mail\nContent-Type: multipart/mixed; boundary=\"B\"\n\n"
      "--B\nContent-Type: text/plain\n\n" +
      std::string(kBounceLine) + "\n--B\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\n" +
      repeat("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk\n", 8u << 20) + "--B--\n";
  CHECK(explain_checked(attachment).status == ReportStatus::Bounce);
}

TEST_CASE("recipients beyond Limits::max_records are dropped with a warning", "[limits]") {
  std::string lines;
  for (int i = 0; i < 150; ++i)
    lines += "550 5.1.1 <user" + std::to_string(i) + "@example.com>: Recipient address rejected: User unknown\n";
  bx::Limits hundred;  // (1000 records would take seconds in a debug build: each gets a full explanation)
  hundred.max_records = 100;
  bx::Report r = explain_checked(lines, hundred);
  CHECK(r.records.size() == 100);
  CHECK(has_warning(r, "100 recipients"));

  bx::Limits few;
  few.max_records = 5;
  bx::Report small = explain_checked(lines, few);
  CHECK(small.records.size() == 5);
  CHECK(has_warning(small, "5 recipients"));
  // The same through a DSN.
  std::string dsn =
      "From: MAILER-DAEMON@example.net\nSubject: Undelivered Mail\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"X\"\n\n--X\n"
      "Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n";
  for (int i = 0; i < 20; ++i)
    dsn += "Final-Recipient: rfc822; u" + std::to_string(i) +
           "@example.com\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 unknown\n\n";
  dsn += "--X--\n";
  bx::Report d = explain_checked(dsn, few);
  CHECK(d.records.size() == 5);
  CHECK(has_warning(d, "5 recipients"));
}

TEST_CASE("input over Limits::max_input_bytes is too large", "[limits]") {
  bx::Limits small;
  small.max_input_bytes = 1000;
  bx::Report r = explain_checked(std::string(1001, 'a'), small);
  CHECK(r.status == ReportStatus::TooLarge);
  CHECK(explain_checked(std::string(1000, 'a'), small).status == ReportStatus::NotABounce);
}

static void check_pattern(const std::string& unit, std::size_t bytes) {
  INFO("pattern \"" << unit << "\" x " << bytes / unit.size());
  std::string input = repeat(unit, bytes);
  bx::Report r = explain_checked(input);  // a hang is ctest's timeout; the cost is test_scaling's
  CHECK(r.status != ReportStatus::Bounce);
}

TEST_CASE("5 MB of \"@\"", "[limits]") { check_pattern("@", 5u << 20); }
TEST_CASE("5 MB of \"5.5.5.5.\"", "[limits]") { check_pattern("5.5.5.5.", 5u << 20); }
TEST_CASE("5 MB of \"550-\" lines", "[limits]") { check_pattern("550-\n", 5u << 20); }
TEST_CASE("5 MB of \"=?utf-8?q?\"", "[limits]") { check_pattern("=?utf-8?q?", 5u << 20); }
TEST_CASE("512 KB each of other matcher-hostile patterns", "[limits]") {
  for (const char* unit : {"<", "550 ", "> ", ":", "=?", "\r", "\r\n\r\n", "5", "-", "<@>", "x@y.z ", "=\n"})
    check_pattern(unit, 512u << 10);
}

TEST_CASE("pathological patterns in headers and DSN fields", "[limits]") {
  const std::size_t n = 512u << 10;
  explain_checked("From: MAILER-DAEMON@example.net\nSubject: " + repeat("=?utf-8?q?", n) + "\n\n" + kBounceLine);
  explain_checked("From: MAILER-DAEMON@example.net\nSubject: " + repeat("=?utf-8?b?QUJD?= ", n) + "\n\n" + kBounceLine);
  explain_checked("From: a@example.com\nContent-Type: multipart/mixed" + repeat(";a=", n) + "\n\nx");
  explain_checked("From: a@example.com\nContent-Type: multipart/mixed; boundary=\"" + std::string(n, '\\') + "\n\nx");
  explain_checked("Content-Type: message/delivery-status\n\n" + repeat("Final-Recipient: rfc822; a@b\n", n));
  explain_checked("Content-Type: message/delivery-status\n\n" + repeat("Status: 5.5.5\n\n", n));
  explain_checked("From: a@example.com\nContent-Type: text/html\n\n" + repeat("<style>", n));
  explain_checked("From: a@example.com\nContent-Type: text/html\n\n" + repeat("&amp", n));
  explain_checked("550 5.1.1 " + repeat("<a@b.c> ", n / 4));
  explain_checked(std::string(kBounceLine) + "\n" + repeat(" continued\n", n / 2));
  std::string words = bx::text::decode_header_words(repeat("=?utf-8?q?", n));
  CHECK(words.size() <= n);
}

// Time is linear in the input: the shapes once measured here by wall time are in
// tests/unit/hostile_shapes.hpp, where test_scaling measures them in counts.

TEST_CASE("fuzzer regressions replay without a crash", "[limits][fuzz]") {
  fs::path dir = fs::path(BX_SOURCE_DIR) / "tests" / "fuzz" / "regressions";
  if (!fs::exists(dir)) return;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().filename().string()[0] != '.' && entry.path().extension() != ".md")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    INFO(f.filename().string());
    std::string data = read_file(f);
    explain_checked(data);
    bx::mime::Message msg = bx::mime::parse(data, bx::Limits{});
    (void)bx::dsn::parse_delivery_status(data);
    (void)bx::text::decode_header_words(data);
    std::string_view view(data);
    std::size_t nl = view.find('\n');
    (void)bx::text::to_utf8(nl == std::string_view::npos ? view : view.substr(nl + 1), view.substr(0, std::min<std::size_t>(nl, 40)));
  }
}
