// Outlook .msg files, built in memory by tests/unit/msg_builder.hpp: read, explained like an
// .eml, and refused with a clear reason when encrypted or damaged.
#include <catch2/catch.hpp>

#include <string>

#include "bx/explain.hpp"
#include "bx/outlook_msg.hpp"
#include "msg/cfb.hpp"
#include "msg/rtf.hpp"
#include "msg_builder.hpp"

using namespace msgtest;

namespace {

constexpr std::uint16_t kInt32 = 0x0003, kTime = 0x0040;

bool contains(const std::string& haystack, std::string_view needle) { return haystack.find(needle) != std::string::npos; }

/// The original message, embedded in the report as Outlook keeps it (no transport headers).
Node original_message() {
  return embedded_message(0, {unicode(0x001A, "IPM.Note"), unicode(0x0037, "Quarterly report"),
                              unicode(0x0C1A, "Alice Sender"), unicode(0x5D01, "alice@contoso.com"),
                              unicode(0x1035, "<q3-report@contoso.com>"),
                              unicode(0x1000, "Hi Bob,\r\nthe figures are attached.\r\nAlice")});
}

/// A Microsoft 365 non-delivery report as Outlook saves it: transport headers (their own MIME
/// fields must not survive), the body Outlook shows, the recipient table and the original.
std::string microsoft_365_ndr() {
  const std::string headers =
      "Received: from DM6PR01MB0001.prod.outlook.com ([::1]) by DM6PR01MB0002.prod.outlook.com with mapi id 15.20.1;\r\n"
      " Mon, 7 Dec 2026 10:00:02 +0000\r\n"
      "From: Microsoft Outlook <postmaster@contoso.onmicrosoft.com>\r\n"
      "To: Alice Sender <alice@contoso.com>\r\n"
      "Subject: Undeliverable: Quarterly report\r\n"
      "Date: Mon, 7 Dec 2026 10:00:02 +0000\r\n"
      "Content-Type: multipart/report; report-type=delivery-status;\r\n"
      "\tboundary=\"b1_never_in_this_text\"\r\n"
      "MIME-Version: 1.0\r\n"
      "X-MS-Exchange-Message-Is-Ndr: \r\n";
  const std::string body =
      "Your message to bob@example.com couldn't be delivered.\r\n"
      "bob wasn't found at example.com.\r\n\r\n"
      "alice     Office 365     bob\r\nAction Required                 Recipient\r\n\r\n"
      "Unknown To address\r\n\r\n"
      "Diagnostic information for administrators:\r\n\r\n"
      "Generating server: DM6PR01MB0002.prod.outlook.com\r\n\r\n"
      "bob@example.com\r\n"
      "Remote server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'\r\n";
  Node root = message(
      {unicode(0x001A, "REPORT.IPM.Note.NDR"), unicode(0x0037, "Undeliverable: Quarterly report"), unicode(0x007D, headers),
       unicode(0x1000, body),
       recipient(0, {unicode(0x3001, "Bob Example"), unicode(0x3002, "SMTP"), unicode(0x3003, "bob@example.com"),
                     unicode(0x39FE, "bob@example.com"),
                     unicode(0x0C1B, "Remote server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not "
                                     "found by SMTP address lookup'"),
                     properties(8, {{0x0C15, kInt32, 1}, {0x0C04, kInt32, 0}, {0x0C05, kInt32, 13}, {0x0C20, kInt32, 0x511}})}),
       original_message()});
  return write_cfb(root).bytes;
}

}  // namespace

TEST_CASE("MS-OXRTFCP's own example decompresses", "[msg]") {
  // The compressed example of MS-OXRTFCP section 4.1 and the RTF it stands for.
  static const char compressed[] =
      "\x2d\x00\x00\x00\x2b\x00\x00\x00\x4c\x5a\x46\x75\xf1\xc5\xc7\xa7\x03\x00\x0a\x00\x72\x63\x70\x67\x31\x32\x35\x42\x32"
      "\x0a\xf3\x20\x68\x65\x6c\x09\x00\x20\x62\x77\x05\xb0\x6c\x64\x7d\x0a\x80\x0f\xa0";
  std::string rtf;
  bool cut = true;
  REQUIRE(bx::msg::decompress_rtf(std::string_view(compressed, 49), 1 << 20, rtf, cut));
  CHECK_FALSE(cut);
  CHECK(rtf == "{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n");
  bool is_html = true;
  CHECK(bx::msg::rtf_to_text(rtf, is_html) == "hello world");
  CHECK_FALSE(is_html);
}

TEST_CASE("the tests' RTF compressor round-trips through the reader", "[msg]") {
  const std::string rtf = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Calibri;}}\\pard Caf\\'e9 \\u8364? ok\\par "
                          "{\\*\\generator Riched20;}second line\\par}";
  std::string out;
  bool cut = false;
  REQUIRE(bx::msg::decompress_rtf(compress_rtf(rtf), 1 << 20, out, cut));
  CHECK(out == rtf);
  bool is_html = false;
  CHECK(bx::msg::rtf_to_text(out, is_html) == "Caf\xC3\xA9 \xE2\x82\xAC ok\nsecond line\n");
  SECTION("a cap on the output is kept and reported") {
    std::string capped;
    REQUIRE(bx::msg::decompress_rtf(compress_rtf(rtf), 10, capped, cut));
    CHECK(capped.size() == 10);
    CHECK(cut);
  }
}

TEST_CASE("HTML encapsulated in RTF is taken out", "[msg]") {
  const std::string rtf =
      "{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 \\deff0{\\fonttbl{\\f0\\fswiss Arial;}}"
      "{\\*\\htmltag19 <html>}{\\*\\htmltag34 <body>}\\htmlrtf {\\htmlrtf0 "
      "{\\*\\htmltag64 <p>}\\htmlrtf {\\htmlrtf0 Delivery has failed\\htmlrtf }\\htmlrtf0 "
      "{\\*\\htmltag72 </p>}\\htmlrtf \\par \\htmlrtf0 {\\*\\htmltag64 <p>}550 5.1.1 user unknown{\\*\\htmltag72 </p>}"
      "\\htmlrtf }\\htmlrtf0 {\\*\\htmltag27 </body>}{\\*\\htmltag3 </html>}}";
  bool is_html = false;
  const std::string html = bx::msg::rtf_to_text(rtf, is_html);
  CHECK(is_html);
  CHECK(html == "<html><body><p>Delivery has failed</p><p>550 5.1.1 user unknown</p></body></html>");
}

TEST_CASE("a Microsoft 365 NDR saved as .msg is explained like its .eml", "[msg]") {
  const std::string bytes = microsoft_365_ndr();
  REQUIRE(bx::is_compound_file(bytes));
  std::string text;
  bx::Report r = bx::explain_outlook_msg(bytes, {}, &text);

  // The text: transport headers without their MIME fields, the body, the recipient table as a
  // delivery-status part, the original message.
  CHECK(contains(text, "Subject: Undeliverable: Quarterly report\n"));
  CHECK_FALSE(contains(text, "b1_never_in_this_text"));
  CHECK(contains(text, "Content-Type: multipart/report; report-type=delivery-status;"));
  CHECK(contains(text, "Final-Recipient: rfc822; bob@example.com\nAction: failed\n"));
  CHECK(contains(text, "X-Ndr-Diag-Code: 13\n"));
  CHECK(contains(text, "Content-Type: message/rfc822\n\nFrom: \"Alice Sender\" <alice@contoso.com>\n"));
  CHECK(contains(text, "Message-ID: <q3-report@contoso.com>\n"));
  CHECK_FALSE(contains(text, "\r"));

  REQUIRE(r.status == bx::ReportStatus::Bounce);
  REQUIRE(r.records.size() == 1);
  const bx::Record& rec = r.records[0];
  CHECK(rec.recipient == "bob@example.com");
  CHECK(rec.status == "5.1.10");
  CHECK(rec.reply_code == "550");
  CHECK(rec.reason == "userunknown");
  CHECK(rec.hard_bounce);
  CHECK(rec.subject == "Quarterly report");
  CHECK(rec.addresser == "alice@contoso.com");
  REQUIRE_FALSE(r.warnings.empty());
  CHECK(contains(r.warnings[0], "Outlook .msg file"));
  // Evidence points into the text made from the file, which a person can read.
  REQUIRE_FALSE(rec.evidence.empty());
  for (const bx::Evidence& e : rec.evidence) {
    if (!e.begin) continue;
    REQUIRE(*e.end <= text.size());
    CHECK(text.substr(*e.begin, *e.end - *e.begin) == e.text);
  }
  // bx::explain routes the bytes here by their signature: the same report.
  CHECK(bx::to_json(bx::explain(bytes)) == bx::to_json(r));
}

TEST_CASE("an RTF-only body is decompressed and read", "[msg]") {
  const std::string rtf =
      "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Calibri;}}{\\colortbl;\\red0\\green0\\blue0;}"
      "\\pard\\f0\\fs22 Delivery to the following recipient failed permanently:\\par\\par"
      "     carol@example.org\\par\\par "
      "Technical details of permanent failure:\\par "
      "550 5.1.1 <carol@example.org>: Recipient address rejected: User unknown in virtual mailbox table\\par}";
  const std::string bytes = write_cfb(message({unicode(0x001A, "IPM.Note"), unicode(0x0037, "Delivery Status Notification (Failure)"),
                                               unicode(0x0C1A, "Mail Delivery Subsystem"), unicode(0x5D01, "mailer-daemon@example.net"),
                                               binary(0x1009, compress_rtf(rtf))}))
                              .bytes;
  std::string text;
  bx::Report r = bx::explain_outlook_msg(bytes, {}, &text);
  CHECK(contains(text, "From: \"Mail Delivery Subsystem\" <mailer-daemon@example.net>\n"));
  CHECK(contains(text, "Technical details of permanent failure:\n550 5.1.1 <carol@example.org>"));
  CHECK_FALSE(contains(text, "Calibri"));  // the font table is not text
  REQUIRE(r.status == bx::ReportStatus::Bounce);
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].recipient == "carol@example.org");
  CHECK(r.records[0].reason == "userunknown");
}

TEST_CASE("an HTML-only body is rendered to text", "[msg]") {
  const std::string html = "<html><body><p>Your message to <b>dave@example.com</b> couldn't be delivered.</p>"
                           "<p>Remote server returned '552 5.2.2 Mailbox full'</p></body></html>";
  const std::string bytes =
      write_cfb(message({unicode(0x001A, "IPM.Note"), unicode(0x0037, "Undeliverable: hi"), binary(0x1013, html)},
                        {{0x3FDE, kInt32, 65001}}))
          .bytes;
  std::string text;
  bx::Report r = bx::explain_outlook_msg(bytes, {}, &text);
  CHECK_FALSE(contains(text, "<p>"));
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].recipient == "dave@example.com");
  CHECK(r.records[0].reason == "mailboxfull");
}

TEST_CASE("a .msg that is no bounce says so, with its headers made from its properties", "[msg]") {
  const std::string bytes =
      write_cfb(message({unicode(0x001A, "IPM.Note"), string8(0x0037, "Caf\xE9 tomorrow?"), unicode(0x0C1A, "Erin"),
                         unicode(0x5D01, "erin@example.com"), unicode(0x1000, "Shall we meet at noon?"),
                         recipient(0, {unicode(0x3001, "Frank"), unicode(0x39FE, "frank@example.com"), properties(8, {{0x0C15, kInt32, 1}})})},
                        {{0x3FFD, kInt32, 1252}, {0x0039, kTime, 134410752000000000ULL}}))
          .bytes;
  std::string text;
  bx::Report r = bx::explain_outlook_msg(bytes, {}, &text);
  CHECK(contains(text, "Subject: Caf\xC3\xA9 tomorrow?\n"));  // 8-bit, in the message's code page
  CHECK(contains(text, "To: \"Frank\" <frank@example.com>\n"));
  CHECK(contains(text, "Date: Mon, 7 Dec 2026 00:00:00 +0000\n"));
  CHECK(contains(text, "Content-Type: multipart/mixed;"));  // not a report: no delivery-status part
  CHECK_FALSE(contains(text, "delivery-status"));
  CHECK(r.status == bx::ReportStatus::NotABounce);
  REQUIRE_FALSE(r.warnings.empty());
  CHECK(contains(r.warnings[0], "Outlook .msg file"));
}

TEST_CASE("an attached .eml and an attached delivery-status part are read", "[msg]") {
  const std::string dsn =
      "Reporting-MTA: dns; mx.example.net\r\n\r\nFinal-Recipient: rfc822; gina@example.net\r\nAction: failed\r\n"
      "Status: 5.2.2\r\nDiagnostic-Code: smtp; 552 5.2.2 Mailbox full\r\n";
  const std::string eml = "From: sender@example.com\r\nTo: gina@example.net\r\nSubject: Invoice 42\r\n\r\nPlease find it.\r\n";
  Node root = message({unicode(0x001A, "REPORT.IPM.Note.NDR"), unicode(0x1000, "Delivery failed."),
                       recipient(0, {unicode(0x39FE, "gina@example.net")}),
                       attachment(0, {unicode(0x370E, "message/delivery-status"), binary(0x3701, dsn), properties(8, {{0x3705, kInt32, 1}})}),
                       attachment(1, {unicode(0x3707, "Invoice 42.eml"), binary(0x3701, eml), properties(8, {{0x3705, kInt32, 1}})})});
  std::string text;
  bx::Report r = bx::explain_outlook_msg(write_cfb(root).bytes, {}, &text);
  // The attached status part stands for the recipient table: no second one is made.
  CHECK_FALSE(contains(text, "X-Source: the recipient table"));
  // A report's recipient table names the recipients it is about, not its own addressees.
  CHECK_FALSE(contains(text, "To: <gina@example.net>"));
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].recipient == "gina@example.net");
  CHECK(r.records[0].status == "5.2.2");
  CHECK(r.records[0].subject == "Invoice 42");
}

TEST_CASE("a large stream in regular sectors is read", "[msg]") {
  std::string body(6000, 'x');
  body += "\r\n550 5.1.1 <henry@example.com>: User unknown\r\n";
  const std::string bytes = write_cfb(message({unicode(0x001A, "IPM.Note"), unicode(0x0037, "Undelivered Mail Returned to Sender"),
                                               unicode(0x5D01, "MAILER-DAEMON@example.com"), unicode(0x1000, body)}))
                              .bytes;
  bx::Report r = bx::explain(bytes);
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].recipient == "henry@example.com");
}

TEST_CASE("encrypted and rights-protected .msg files get a clear reason", "[msg]") {
  bx::Report smime = bx::explain(write_cfb(message({unicode(0x001A, "IPM.Note.SMIME"), binary(0x1000, "")})).bytes);
  CHECK(smime.status == bx::ReportStatus::Unusable);
  CHECK(contains(smime.message, "encrypted (S/MIME)"));
  bx::Report irm = bx::explain(
      write_cfb(message({unicode(0x001A, "IPM.Note"), attachment(0, {unicode(0x3707, "message.rpmsg"), properties(8, {})})})).bytes);
  CHECK(irm.status == bx::ReportStatus::Unusable);
  CHECK(contains(irm.message, "rights-protected"));
  // A signed (not encrypted) message is read.
  bx::Report signed_note = bx::explain(
      write_cfb(message({unicode(0x001A, "IPM.Note.SMIME.MultipartSigned"), unicode(0x0037, "Undelivered Mail Returned to Sender"),
                         unicode(0x1000, "550 5.1.1 <ivan@example.com>: User unknown")}))
          .bytes);
  CHECK(signed_note.status == bx::ReportStatus::Bounce);
}

TEST_CASE("damaged .msg files are refused with the reason, never a crash", "[msg]") {
  const Cfb good = write_cfb(message({unicode(0x001A, "IPM.Note"), unicode(0x0037, "s"), unicode(0x1000, "body"),
                                      unicode(0x0C1A, "a"), unicode(0x5D01, "a@example.com"), unicode(0x0E04, "b")}));
  REQUIRE(good.directory_sectors >= 2);  // the cycle below needs a chain of two sectors
  REQUIRE(bx::explain(good.bytes).status == bx::ReportStatus::NotABounce);

  SECTION("truncated") {
    for (std::size_t keep : {std::size_t{8}, std::size_t{300}, std::size_t{600}, good.bytes.size() / 2}) {
      bx::Report r = bx::explain(good.bytes.substr(0, keep));
      CHECK(r.status == bx::ReportStatus::Unusable);
      CHECK(contains(r.message, ".msg"));
    }
  }
  SECTION("a FAT cycle") {
    std::string bytes = good.bytes;
    const std::uint32_t last = good.directory_start + good.directory_sectors - 1;
    put32(bytes, Cfb::fat_entry(last), good.directory_start);  // the directory's chain loops back
    bx::Report r = bx::explain(bytes);
    CHECK(r.status == bx::ReportStatus::Unusable);
    CHECK(contains(r.message, "loops back"));
  }
  SECTION("a mini FAT cycle") {
    std::string bytes = good.bytes;
    // The body (entry of "body": 8 bytes, one mini sector) points to itself and claims 200 bytes.
    for (std::uint32_t id = 1; id < 12; ++id) {
      const std::size_t at = good.directory_entry(id);
      if (bytes.compare(at, 40, utf16("__substg1.0_1000001F")) != 0) continue;
      const std::uint32_t first = get32(bytes, at + 116);
      put32(bytes, at + 120, 200);
      const std::uint32_t mini_fat_sector = get32(bytes, 60);
      put32(bytes, 512 * (std::size_t{mini_fat_sector} + 1) + 4 * first, first);
    }
    bx::Report r = bx::explain(bytes);
    CHECK(r.status == bx::ReportStatus::Unusable);
    CHECK(contains(r.message, "loops back"));
  }
  SECTION("a huge declared sector count is checked against the file, not followed") {
    std::string bytes = good.bytes;
    put32(bytes, 44, 0xFFFFFFF0u);  // FAT sectors
    bx::Report r = bx::explain(bytes);
    CHECK(r.status == bx::ReportStatus::Unusable);
    CHECK(contains(r.message, "4294967280 FAT sectors, more than"));
    bytes = good.bytes;
    put32(bytes, 72, 0x7FFFFFFFu);  // DIFAT sectors
    CHECK(contains(bx::explain(bytes).message, "DIFAT sectors, more than"));
  }
  SECTION("a stream larger than the file, a sector index past its end") {
    std::string bytes = good.bytes;
    put32(bytes, good.directory_entry(1) + 120, 0x7FFFFFFFu);
    CHECK(bx::explain(bytes).status == bx::ReportStatus::Unusable);
    bytes = good.bytes;
    put32(bytes, 48, 100000);  // the directory's first sector
    bx::Report r = bx::explain(bytes);
    CHECK(r.status == bx::ReportStatus::Unusable);
    CHECK(contains(r.message, "does not hold"));
  }
  SECTION("a loop in the directory tree is passed over with a warning") {
    std::string bytes = good.bytes;
    put32(bytes, good.directory_entry(3) + 72, 1);  // entry 3's right sibling: entry 1 again
    bx::Report r = bx::explain(bytes);
    CHECK(r.status == bx::ReportStatus::NotABounce);
    bool warned = false;
    for (const std::string& w : r.warnings) warned = warned || contains(w, "directory is damaged");
    CHECK(warned);
  }
}

TEST_CASE("an OLE file that is no message, and the stated limits", "[msg]") {
  bx::Report doc = bx::explain(write_cfb(storage("", {stream("WordDocument", std::string(100, 'w'))})).bytes);
  CHECK(doc.status == bx::ReportStatus::Unusable);
  CHECK(contains(doc.message, "not an Outlook message"));

  // Embedded messages nested deeper than max_msg_depth are left out with a warning.
  Node inner = message({unicode(0x001A, "IPM.Note"), unicode(0x1000, "550 5.1.1 <deep@example.com>: User unknown")});
  Node nested = inner;
  for (unsigned level = 0; level < 5; ++level) {
    std::vector<Node> children = nested.children;
    children.pop_back();  // the 32-byte properties of a top-level message; embedded ones get 24
    nested = message({unicode(0x001A, "IPM.Note"), embedded_message(0, children)});
  }
  bx::Limits shallow;
  shallow.max_msg_depth = 3;
  bx::OutlookMessage cut = bx::read_outlook_msg(write_cfb(nested).bytes, shallow);
  REQUIRE(cut.ok);
  CHECK_FALSE(contains(cut.text, "deep@example.com"));
  REQUIRE(cut.warnings.size() == 1);
  CHECK(contains(cut.warnings[0], "3 levels deep"));
  bx::OutlookMessage whole = bx::read_outlook_msg(write_cfb(nested).bytes);
  CHECK(contains(whole.text, "deep@example.com"));
  CHECK(whole.warnings.empty());

  // More attachments than max_msg_attachments: the first ones are read.
  std::vector<Node> children{unicode(0x001A, "IPM.Note")};
  for (unsigned i = 0; i < 4; ++i)
    children.push_back(attachment(i, {unicode(0x3707, "part.txt"), binary(0x3701, "line " + std::to_string(i)), properties(8, {})}));
  bx::Limits few;
  few.max_msg_attachments = 2;
  bx::OutlookMessage limited = bx::read_outlook_msg(write_cfb(message(children)).bytes, few);
  CHECK(contains(limited.text, "line 1"));
  CHECK_FALSE(contains(limited.text, "line 2"));
  REQUIRE(limited.warnings.size() == 1);
  CHECK(contains(limited.warnings[0], "more than 2 attachments"));
}
