#include <catch2/catch.hpp>

#include "mime/mime.hpp"

using namespace bx::mime;

TEST_CASE("folded headers are unfolded and looked up by lower-case name", "[mime]") {
  Headers h;
  std::size_t body = parse_headers("Subject: Undelivered\n Mail\nFrom: a@example.com\n\nbody", h, 100);
  CHECK(h.get("subject") == "Undelivered Mail");
  CHECK(h.get("from") == "a@example.com");
  CHECK(body == 52 - 4);
}

TEST_CASE("multipart/report is walked; delivery-status and returned headers found", "[mime]") {
  const char* eml =
      "From: MAILER-DAEMON@example.net\n"
      "To: alice@example.org\n"
      "Subject: Undelivered Mail Returned to Sender\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"XX\"\n"
      "\n"
      "--XX\n"
      "Content-Type: text/plain; charset=us-ascii\n"
      "\n"
      "Hello, this is the mail system.\n"
      "--XX\n"
      "Content-Type: message/delivery-status\n"
      "\n"
      "Reporting-MTA: dns; mx.example.net\n"
      "\n"
      "Final-Recipient: rfc822; bob@example.com\n"
      "Status: 5.1.1\n"
      "--XX\n"
      "Content-Type: text/rfc822-headers\n"
      "\n"
      "From: alice@example.org\n"
      "Subject: =?UTF-8?Q?Hi?=\n"
      "Message-ID: <1@example.org>\n"
      "--XX--\n";
  bx::Limits limits;
  Message m = parse(eml, limits);
  CHECK(m.has_headers);
  REQUIRE(m.root.children.size() == 3);
  CHECK(m.delivery_status.find("Final-Recipient: rfc822; bob@example.com") != std::string::npos);
  CHECK(m.original.get("message-id") == "<1@example.org>");
  CHECK(m.original.get_decoded("subject") == "Hi");
  CHECK(m.body_text.find("Hello, this is the mail system.") != std::string::npos);
}

TEST_CASE("deep nesting and unterminated boundaries degrade with warnings, not failures", "[mime]") {
  std::string eml = "From: a@example.com\nSubject: x\nContent-Type: multipart/mixed; boundary=b0\n\n";
  for (int i = 0; i < 100; ++i)
    eml += "--b" + std::to_string(i) + "\nContent-Type: multipart/mixed; boundary=b" + std::to_string(i + 1) + "\n\n";
  eml += "550 5.1.1 deep\n";
  bx::Limits limits;
  Message m = parse(eml, limits);
  CHECK_FALSE(m.warnings.empty());
  CHECK(m.body_text.find("550 5.1.1 deep") != std::string::npos);
}

TEST_CASE("a pasted fragment has no header", "[mime]") {
  bx::Limits limits;
  Message m = parse("550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown", limits);
  CHECK_FALSE(m.has_headers);
  CHECK(m.body_text.find("User unknown") != std::string::npos);
}

TEST_CASE("HTML-only parts are read as text", "[mime]") {
  CHECK(html_to_text("<p>Delivery&nbsp;failed</p><style>x{}</style><b>550</b> &lt;bob@example.com&gt;") ==
        "Delivery failed\n550 <bob@example.com>");
}

TEST_CASE("header parameters: quoted, escaped, starred, unterminated", "[mime]") {
  CHECK(header_param("multipart/mixed; boundary=\"a;b=c\"; charset=x", "charset") == "x");
  CHECK(header_param("text/plain; name=\"a\\\"b\\\\c\"", "name") == "a\"b\\c");
  CHECK(header_param("text/plain; CHARSET = iso-2022-jp ;format=flowed", "charset") == "iso-2022-jp");
  CHECK(header_param("text/plain; charset*=utf-8''x", "charset") == "utf-8''x");
  CHECK(header_param("text/plain; name=\"open", "name") == "open");
  CHECK(header_param("text/plain; name=\"trailing\\", "name") == "trailing\\");
  CHECK(header_param("text/plain; name=a", "charset").empty());
}

TEST_CASE("a boundary counts only at the start of a line", "[mime]") {
  const char* eml =
      "From: a@example.com\nTo: b@example.com\nSubject: x\n"
      "Content-Type: multipart/mixed; boundary=\"BB\"\n\n"
      "preamble mentions --BB in a line\n"
      "--BB\nContent-Type: text/plain\n\nfirst --BB not here\n"
      "--BBX\nstill the first part\n"
      "--BB\nContent-Type: text/plain\n\nsecond\n"
      "--BB--\nepilogue\n";
  Message m = parse(eml, bx::Limits{});
  REQUIRE(m.root.children.size() == 2);
  CHECK(m.body_of(m.root.children[0]) == "first --BB not here\n--BBX\nstill the first part");
  CHECK(m.body_of(m.root.children[1]) == "second");
}

TEST_CASE("parts with nothing to read are skipped, not decoded", "[mime]") {
  const char* eml =
      "From: a@example.com\nTo: b@example.com\nSubject: x\n"
      "Content-Type: multipart/mixed; boundary=\"BB\"\n\n"
      "--BB\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n"
      "--BB\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\naGVsbG8=\n"
      "--BB--\n";
  Message m = parse(eml, bx::Limits{});
  REQUIRE(m.root.children.size() == 2);
  CHECK(m.root.children[0].type == "image/png");
  CHECK(m.body_of(m.root.children[0]).empty());
  CHECK(m.body_of(m.root.children[1]) == "hello");
  CHECK(m.body_text == "hello\n");
}
