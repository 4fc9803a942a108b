// Evidence read from decoded content points back at the person's own input: a line decoded
// from quoted-printable at the exact bytes it was encoded as (soft line breaks and "=XX" escapes
// included), a line decoded from base64 marked as decoded, with the encoded part's range.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "bx/explain.hpp"
#include "text/codec.hpp"
#include "text/text.hpp"

namespace {

/// A Postfix bounce whose notice part is sent with `encoding`, holding `body` already encoded,
/// and no delivery-status part (the evidence can only come from the encoded notice).
std::string bounce_with_notice(const std::string& encoding, const std::string& body) {
  return "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\n"
         "To: alice@example.org\n"
         "Subject: Undelivered Mail Returned to Sender\n"
         "MIME-Version: 1.0\n"
         "Content-Type: multipart/mixed; boundary=\"b1\"\n\n"
         "--b1\n"
         "Content-Type: text/plain; charset=utf-8\n"
         "Content-Transfer-Encoding: " + encoding + "\n\n" + body + "\n"
         "--b1--\n";
}

const char kNotice[] =
    "This is the mail system at host mx.example.org.\n\n"
    "I'm sorry to have to inform you that your message could not\n"
    "be delivered to one or more recipients. It's attached below.\n\n"
    "                   The mail system\n\n"
    "<bob@example.net>: host mx.example.net[192.0.2.5] said: 550 5.1.1 <bob@example.net>: Recipient address "
    "rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)\n";

/// kNotice in quoted-printable: lines cut at 76 columns with soft breaks, '=' escaped.
std::string quoted_printable(const std::string& text, const std::string& eol) {
  std::string out;
  std::size_t column = 0;
  for (char c : text) {
    if (c == '\n') {
      out += eol;
      column = 0;
      continue;
    }
    std::string unit = c == '=' ? "=3D" : std::string(1, c);
    if (column + unit.size() > 75) {
      out += "=" + eol;
      column = 0;
    }
    out += unit;
    column += unit.size();
  }
  return out;
}

std::string base64(const std::string& text) {
  static const char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < text.size(); i += 3) {
    unsigned n = (static_cast<unsigned char>(text[i]) << 16) | (static_cast<unsigned char>(text[i + 1]) << 8) |
                 static_cast<unsigned char>(text[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += table[(n >> s) & 63];
    if ((i / 3 + 1) % 19 == 0) out += '\n';
  }
  if (i < text.size()) {
    unsigned n = static_cast<unsigned char>(text[i]) << 16;
    if (i + 1 < text.size()) n |= static_cast<unsigned char>(text[i + 1]) << 8;
    out += table[(n >> 18) & 63];
    out += table[(n >> 12) & 63];
    out += i + 1 < text.size() ? table[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

/// The 1-based number of the line of `text` that byte `at` is on.
std::size_t line_number(const std::string& text, std::size_t at) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < at && i < text.size(); ++i) line += text[i] == '\n';
  return line;
}

std::string without_cr(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), '\r'), s.end());
  return s;
}

bx::Record only_record(const bx::Report& report) {
  REQUIRE(report.records.size() == 1);
  return report.records[0];
}

}  // namespace

TEST_CASE("a line decoded from quoted-printable points at its encoded bytes in the input", "[evidence][mime]") {
  for (const std::string eol : {"\n", "\r\n"}) {
    std::string input = bounce_with_notice("quoted-printable", quoted_printable(kNotice, eol));
    if (eol == "\r\n") {  // the whole message with CRLF line ends, as an .eml file has them
      std::string crlf;
      for (char c : input) crlf += c == '\n' && (crlf.empty() || crlf.back() != '\r') ? std::string("\r\n") : std::string(1, c);
      input = crlf;
    }
    INFO("line ends: " << (eol == "\n" ? "LF" : "CRLF"));
    const bx::Record r = only_record(bx::explain(input));
    CHECK(r.reason == "userunknown");
    std::size_t traced = 0;
    for (const bx::Evidence& ev : r.evidence) {
      INFO("evidence: " << ev.text << " decoded: " << ev.decoded);
      REQUIRE(ev.begin);
      REQUIRE(ev.end);
      REQUIRE(*ev.begin < *ev.end);
      REQUIRE(*ev.end <= input.size());
      const std::string raw = input.substr(*ev.begin, *ev.end - *ev.begin);
      // The bytes pointed at decode to the evidence line (after the line ends are normalised).
      CHECK(bx::text::decode_quoted_printable(without_cr(raw)) == std::string(bx::text::trim(ev.text)));
      CHECK(ev.line == line_number(input, *ev.begin));
      if (ev.decoded == "quoted-printable") {
        ++traced;
        REQUIRE(ev.part_begin);
        REQUIRE(ev.part_end);
        CHECK(*ev.part_begin <= *ev.begin);
        CHECK(*ev.end <= *ev.part_end);
      }
    }
    // The diagnostic line holds a soft line break: it cannot be found as it reads, only traced.
    CHECK(traced >= 1);
  }
}

TEST_CASE("a line decoded from base64 is marked decoded, with the encoded part's range", "[evidence][mime]") {
  const std::string encoded = base64(kNotice);
  const std::string input = bounce_with_notice("base64", encoded);
  const bx::Record r = only_record(bx::explain(input));
  CHECK(r.reason == "userunknown");
  std::size_t decoded = 0;
  for (const bx::Evidence& ev : r.evidence) {
    INFO("evidence: " << ev.text);
    if (ev.decoded != "base64") continue;
    ++decoded;
    CHECK_FALSE(ev.begin);  // no exact place: base64 mixes the bytes of neighbouring characters
    CHECK_FALSE(ev.end);
    REQUIRE(ev.part_begin);
    REQUIRE(ev.part_end);
    const std::string part = input.substr(*ev.part_begin, *ev.part_end - *ev.part_begin);
    CHECK(part.find(encoded.substr(0, 60)) != std::string::npos);
    CHECK(bx::text::decode_base64(part).find(std::string(bx::text::trim(ev.text))) != std::string::npos);
  }
  CHECK(decoded >= 1);
  // In the JSON: decoded and the part's range, begin and end null.
  const std::string json = bx::to_json(bx::explain(input));
  CHECK(json.find("\"begin\":null,\"end\":null") != std::string::npos);
  CHECK(json.find("\"decoded\":\"base64\",\"part\":{\"begin\":") != std::string::npos);
}

TEST_CASE("a line of plain text keeps its place and is not marked decoded", "[evidence][mime]") {
  const std::string input = "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown\n";
  const bx::Record r = only_record(bx::explain(input));
  REQUIRE_FALSE(r.evidence.empty());
  const bx::Evidence& ev = r.evidence[0];
  REQUIRE(ev.begin);
  CHECK(*ev.begin == 0);
  CHECK(ev.decoded.empty());
  CHECK_FALSE(ev.part_begin);
  CHECK(bx::to_json(bx::explain(input)).find("\"decoded\":null,\"part\":null") != std::string::npos);
}

TEST_CASE("quoted-printable line starts and positions follow the decoder", "[evidence][codec]") {
  const std::string qp = "ab=3Dc=\nde\nf=0Ag\n=\r\nh\n";
  const std::string decoded = bx::text::decode_quoted_printable(qp);  // "ab=cde\nf\ng\nh\n"
  REQUIRE(decoded == "ab=cde\nf\ng\nh\n");
  auto starts = bx::text::quoted_printable_line_starts(qp);
  // Each start's decoded offset follows a newline of the decoded text, and decoding the input
  // from its raw offset gives the rest of the decoded text.
  REQUIRE(starts.size() == 4);
  for (const auto& [text_at, raw_at] : starts) {
    INFO(text_at << " " << raw_at);
    REQUIRE(text_at > 0);
    CHECK(decoded[text_at - 1] == '\n');
    CHECK(bx::text::decode_quoted_printable(qp.substr(raw_at)) == decoded.substr(text_at));
  }
  CHECK(bx::text::quoted_printable_advance(qp, 0, 3, 100) == 5);   // "ab=" is "ab=3D"
  CHECK(bx::text::quoted_printable_advance(qp, 0, 5, 100) == 9);   // the soft break is passed
  CHECK(bx::text::quoted_printable_advance(qp, 0, 99, 100) == std::string::npos);
  CHECK(bx::text::quoted_printable_advance(qp, 0, 12, 4) == std::string::npos);
}
