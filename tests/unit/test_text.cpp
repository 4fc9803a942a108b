#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "text/codec.hpp"
#include "text/text.hpp"

using namespace bx::text;

TEST_CASE("line ends are normalised and offsets map back to the original", "[text]") {
  Normalized n("a\r\nbc\rd\n");
  CHECK(n.text() == "a\nbc\nd\n");
  CHECK(n.to_original(0) == 0);
  CHECK(n.to_original(2) == 3);  // 'b' sits after "a\r\n"
  CHECK(n.to_original(5) == 6);  // 'd' after the lone CR (kept as one byte)
  CHECK(n.line_of(2) == 2);
  CHECK(n.line_of(5) == 3);
}

TEST_CASE("base64 and quoted-printable decode leniently", "[text]") {
  CHECK(decode_base64("SGVsbG8s\nIFdvcmxkIQ==") == "Hello, World!");
  CHECK(decode_base64("SGV$$sbG8") == "Hello");
  CHECK(decode_quoted_printable("caf=C3=A9 =\nok =zz") == "caf\xC3\xA9 ok =zz");
}

TEST_CASE("charsets are converted to UTF-8", "[text]") {
  CHECK(to_utf8("caf\xE9", "iso-8859-1") == "caf\xC3\xA9");
  CHECK(to_utf8("\xC4", "windows-1252") == "\xC3\x84");
  // ISO-2022-JP for 宛先 (recipient)
  CHECK(to_utf8("\x1B$B08@h\x1B(B", "ISO-2022-JP") == "\xE5\xAE\x9B\xE5\x85\x88");
  CHECK(to_utf8("\x88\xb6\x90\xe6", "Shift_JIS") == "\xE5\xAE\x9B\xE5\x85\x88");
  CHECK(to_utf8("\xB0\xB8\xC0\xE8", "EUC-JP") == "\xE5\xAE\x9B\xE5\x85\x88");
  // 中文 (Chinese) in GB2312, GBK and Big5; Привет in KOI8-R
  CHECK(to_utf8("\xD6\xD0\xCE\xC4", "GB2312") == "\xE4\xB8\xAD\xE6\x96\x87");
  CHECK(to_utf8("\xD6\xD0\xCE\xC4", "GBK") == "\xE4\xB8\xAD\xE6\x96\x87");
  CHECK(to_utf8("\xA4\xA4\xA4\xE5", "Big5") == "\xE4\xB8\xAD\xE6\x96\x87");
  CHECK(to_utf8("\xF0\xD2\xC9\xD7\xC5\xD4", "KOI8-R") == "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");
  CHECK(to_utf8("bad \xFF utf8", "utf-8") == "bad \xEF\xBF\xBD utf8");
}

TEST_CASE("RFC 2047 encoded words are decoded, adjacent words joined", "[text]") {
  CHECK(decode_header_words("=?UTF-8?B?VW5kZWxpdmVyZWQ=?= =?UTF-8?Q?_Mail?=") == "Undelivered Mail");
  CHECK(decode_header_words("Re: =?iso-8859-1?q?caf=E9?= now") == "Re: caf\xC3\xA9 now");
  CHECK(decode_header_words("=?broken") == "=?broken");
}

TEST_CASE("binary input is recognised", "[text]") {
  CHECK(looks_like_text("Hello\r\nworld\n"));
  static const char kZip[] = "\x00\x01\x02\x03\x04PK\x03\x04";
  CHECK_FALSE(looks_like_text(std::string(kZip, sizeof kZip - 1)));
}

TEST_CASE("invalid UTF-8 is replaced wherever it falls, in long plain text too", "[text]") {
  // Plain ASCII is skipped in blocks of 32 bytes: put the bad bytes on, before and after a block edge.
  const std::string plain(70, 'a');
  for (std::size_t at : {0u, 31u, 32u, 33u, 63u, 64u, 69u}) {
    std::string bad = plain;
    bad[at] = '\xFF';
    std::string expected = plain;
    expected.replace(at, 1, "\xEF\xBF\xBD");
    CHECK(sanitize_utf8(bad) == expected);
    bad[at] = '\x01';  // a control character becomes a space
    expected = plain;
    expected[at] = ' ';
    CHECK(sanitize_utf8(bad) == expected);
  }
  const std::string lines = "line one\r\n\tline two\n" + plain + "caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC";
  CHECK(sanitize_utf8(lines) == lines);  // tab, CR, LF and valid UTF-8 are kept
}

TEST_CASE("GramSet never rules out a needle the text contains, and rules out most it does not", "[text]") {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "line " + std::to_string(i * 7919 % 1000) + ": user unknown, mailbox full; ";
  const bx::text::GramSet set(text);
  // Every substring (of every length from 1 to 40) at many offsets: never a false "absent".
  for (std::size_t at = 0; at + 40 <= text.size(); at += 13)
    for (std::size_t len = 1; len <= 40; ++len) REQUIRE(set.may_contain(std::string_view(text).substr(at, len)));
  CHECK(set.may_contain("abc"));  // too short to decide: "search to be sure"
  int ruled_out = 0;
  const char* absent[] = {"this is the qmail-send program", "delivery to the following recipient",
                          "----- transcript of session follows -----", "technical details of ",
                          "running the courier mail server", "sorry, we were unable to deliver"};
  for (const char* needle : absent) {
    CHECK(text.find(needle) == std::string::npos);
    ruled_out += set.may_contain(needle) ? 0 : 1;
  }
  CHECK(ruled_out == 6);
  const bx::text::GramSet empty("");
  CHECK_FALSE(empty.may_contain("user unknown"));
}

TEST_CASE("capitals fold to the small letters the knowledge base is written in", "[text]") {
  CHECK(fold_case("ЯЩИК ПЕРЕПОЛНЕН") == "ящик переполнен");
  // A sentence's first word keeps its accent in Greek; Ukrainian and Romanian letters beyond
  // the basic blocks.
  CHECK(fold_case("Άγνωστος Έλεγχος Ήδη Ίδιο Όριο Ύλη Ώρα") == "άγνωστος έλεγχος ήδη ίδιο όριο ύλη ώρα");
  CHECK(fold_case("Ґанок Їжак Єдиний Інший") == "ґанок їжак єдиний інший");
  CHECK(fold_case("Ștergere Țară") == "ștergere țară");
  // Letters outside the folded blocks are kept as they are, and so is every byte length.
  const std::string other = "ϐ ӂ Ả ữ";
  CHECK(fold_case(other) == other);
}

TEST_CASE("fold_case gives the same bytes 8 at a time as one character at a time", "[text]") {
  // Runs of ASCII are lowered a word at a time; whatever the lengths and the mix, the result is
  // that of folding each character alone (each shorter than a word: the byte by byte path).
  const std::vector<std::string> pieces = {"A", "Z", "a", "z", "@", "[", "`", "{", "7", " ",
                                           "\xC3\x89" /* É */, "\xD0\x96" /* Ж */, "\xC5\x81" /* Ł */,
                                           "\xE6\x97\xA5" /* 日 */};
  std::mt19937 rng(11);
  for (int round = 0; round < 500; ++round) {
    std::string text, expected;
    const std::size_t count = rng() % 40;
    for (std::size_t i = 0; i < count; ++i) {
      // Mostly ASCII letters, as real text, so that whole words of it occur.
      const std::string& piece = pieces[rng() % 3 != 0 ? rng() % 10 : rng() % pieces.size()];
      text += piece;
      expected += fold_case(piece);
    }
    INFO("text: " << text);
    CHECK(fold_case(text) == expected);
  }
  CHECK(fold_case("MAILBOX FULL: ÜBER DAS LIMIT") == "mailbox full: über das limit");
}
