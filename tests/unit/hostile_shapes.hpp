// Inputs whose cost once grew faster than their size (issue 13): each generator builds the shape
// for a size parameter n (roughly proportional to the bytes it returns). Shared by the scaling
// test (tests/unit/test_scaling.cpp) and the tool that writes them to files for timing
// (tests/bench/shapes.cpp, run by tests/bench/shapes.sh).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace bx::shapes {

inline std::string numbered(const char* prefix, std::size_t i, const char* suffix) {
  return prefix + std::to_string(i) + suffix;
}

/// "=?a?b? " repeated in the Subject of the bounce and in a header of the returned message: each
/// "=?" once searched to the end of the header for a "?=" that never comes.
inline std::string encoded_words(std::size_t n) {
  std::string words;
  for (std::size_t i = 0; i < n; ++i) words += "=?a?b? ";
  return "From: MAILER-DAEMON@example.net\nSubject: " + words +
         "\nContent-Type: multipart/mixed; boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\n"
         "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown\n--B\n"
         "Content-Type: message/rfc822\n\nFrom: alice@example.org\nSubject: " +
         words + "\n\nhello\n--B--\n";
}

/// IBM Domino's notice with n recipients and n "because" lines: each line was copied into every
/// recipient (and inserted at the front of each one's evidence).
inline std::string domino(std::size_t n) {
  std::string s = "From: Postmaster@example.net\nSubject: DELIVERY FAILURE: User not listed\n\n"
                  "Your message\n\n  Subject: hi\n\nwas not delivered to:\n\n";
  for (std::size_t i = 0; i < n; ++i) s += numbered("  user", i, "@example.net\n");
  s += "\nbecause:\n\n";
  for (std::size_t i = 0; i < n; ++i) s += numbered("  User not listed in Domino Directory, line ", i, "\n");
  return s + "\n";
}

/// BIGLOBE's notice, the same pattern: n recipients, n lines of reason.
inline std::string biglobe(std::size_t n) {
  std::string s = "From: postmaster@biglobe.ne.jp\nSubject: Returned mail: see transcript\n\n"
                  "----- The following addresses had delivery problems -----\n";
  for (std::size_t i = 0; i < n; ++i) s += numbered("user", i, "@example.ne.jp\n");
  s += "\n----- Non-delivered information -----\n";
  for (std::size_t i = 0; i < n; ++i) s += numbered("The number of messages in recipient's mailbox exceeded, ", i, "\n");
  return s + "\n";
}

/// The "X3" notice: n recipients sharing technical details of n lines.
inline std::string x3(std::size_t n) {
  std::string s = "From: Mail Delivery System <mailer-daemon@example.net>\nSubject: Delivery status notification\n\n"
                  "This is an automatically generated Delivery Status Notification.\n\n"
                  "Delivery to the following recipients failed permanently:\n\n";
  for (std::size_t i = 0; i < n; ++i) s += numbered("  * user", i, "@example.net\n");
  s += "\nTechnical details:\n";
  for (std::size_t i = 0; i < n; ++i) s += numbered("550 5.1.1 mailbox unavailable, detail ", i, "\n");
  return s + "\n";
}

inline std::string report_header() {
  return "From: MAILER-DAEMON@example.net\nSubject: Undelivered Mail Returned to Sender\n"
         "Content-Type: multipart/report; report-type=delivery-status; boundary=\"R\"\n\n--R\n"
         "Content-Type: text/plain\n\n";
}

/// RFC 3464 without Diagnostic-Code, the text naming all n recipients on one prose line: that
/// line was searched for a reason phrase, squeezed and copied once per recipient.
inline std::string rfc3464_prose_line(std::size_t n) {
  std::string s = report_header() + "Delivery failed for";
  for (std::size_t i = 0; i < n; ++i) s += numbered(" user", i, "@example.com,");
  s += " user unknown.\n\n--R\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n";
  for (std::size_t i = 0; i < n; ++i)
    s += numbered("Final-Recipient: rfc822; user", i, "@example.com\nAction: failed\nStatus: 5.1.1\n\n");
  return s + "--R--\n";
}

/// RFC 3464 groups with an empty Final-Recipient, the text holding one long multi-line reply:
/// the reply was joined again (and copied) for every group.
inline std::string rfc3464_empty_recipient(std::size_t n) {
  std::string s = report_header();
  for (std::size_t i = 0; i < n; ++i) s += numbered("550-5.1.1 The email account that you tried to reach does not exist ", i, "\n");
  s += "550 5.1.1 end of reply\n\n--R\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n";
  for (std::size_t i = 0; i < n; ++i) s += "Final-Recipient: \nAction: failed\nStatus: 5.1.1\n\n";
  return s + "--R--\n";
}

inline std::string exim_header() {
  return "From: Mail Delivery System <Mailer-Daemon@example.net>\nSubject: Mail delivery failed\n"
         "X-Failed-Recipients: user@example.com\n\n"
         "This message was created automatically by mail delivery software.\n\n"
         "A message that you sent could not be delivered to one or more of its\n"
         "recipients. This is a permanent error. The following address(es) failed:\n\n";
}

/// Exim's "text generated during the delivery attempt", n lines of it for one recipient: each
/// line was inserted near the front of the recipient's evidence.
inline std::string exim_generated_text(std::size_t n) {
  std::string s = exim_header() + "  pipe to |/usr/local/bin/filter\n    generated by user@example.com\n\n"
                                  "The following text was generated during the delivery attempt:\n\n"
                                  "------ pipe to |/usr/local/bin/filter\n       generated by user@example.com ------\n\n";
  for (std::size_t i = 0; i < n; ++i) s += numbered("filter: mailbox quota exceeded, step ", i, "\n");
  return s + "\n";
}

/// Exim with n recipients and n "------ address ------" headers in the generated text: each
/// header line compared its address with every recipient.
inline std::string exim_address_lines(std::size_t n) {
  std::string s = exim_header();
  for (std::size_t i = 0; i < n; ++i) s += numbered("  user", i, "@example.com\n    mailbox is full\n");
  s += "\nThe following text was generated during the delivery attempt:\n\n";
  for (std::size_t i = 0; i < n; ++i) s += numbered("------ user", i, "@example.com ------\n\nquota exceeded\n\n");
  return s;
}

/// message/rfc822 nested `depth` deep, every level quoted-printable, around n lines of text: every
/// level kept its own decoded copy of everything below it.
inline std::string nested_quoted_printable(std::size_t n, std::size_t depth = 40) {
  std::string inner = "From: a@example.org\nSubject: inner\n\n";
  for (std::size_t i = 0; i < n; ++i) inner += numbered("line of the innermost message ", i, "\n");
  for (std::size_t level = 0; level < depth; ++level) {
    // Quoted-printable needs only '=' escaped for this text (no line is longer than 76 bytes).
    std::string encoded;
    encoded.reserve(inner.size() + inner.size() / 8);
    for (char c : inner) {
      if (c == '=') encoded += "=3D";
      else encoded += c;
    }
    inner = "From: MAILER-DAEMON@example.net\nSubject: level\nMIME-Version: 1.0\n"
            "Content-Type: message/rfc822\nContent-Transfer-Encoding: quoted-printable\n\n" +
            encoded;
  }
  return inner;
}

/// An mbox of n small bounces, each claiming "Content-Length: 30000000": the reader read that
/// far ahead (the rest of the file) and put the bytes back, for every message.
inline std::string mbox_false_content_length(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) {
    s += "From MAILER-DAEMON Thu Jul  2 12:05:05 2020\nFrom: MAILER-DAEMON@example.net\n"
         "Subject: Undelivered Mail\nContent-Length: 30000000\n\n";
    s += numbered("550 5.1.1 <user", i, "@example.com>: Recipient address rejected: User unknown\n\n");
  }
  return s;
}

/// A long Subject in the returned message, n recipients: every record carries the subject.
inline std::string shared_subject(std::size_t n) {
  std::string s = report_header() + "Your message could not be delivered.\n\n--R\n"
                                    "Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n";
  for (std::size_t i = 0; i < n; ++i)
    s += numbered("Final-Recipient: rfc822; user", i,
                  "@example.com\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 user unknown\n\n");
  s += "--R\nContent-Type: text/rfc822-headers\n\nFrom: a@example.org\nSubject:";
  for (std::size_t i = 0; i < n; ++i) s += " a long subject";
  return s + "\n\n--R--\n";
}

/// A pasted notice without codes that names n recipients on one long line and then says why,
/// once: the cause is given to every recipient named, up to the record cap.
inline std::string pasted_notice_many_recipients(std::size_t n) {
  std::string s = "Your message could not be delivered to these recipients:";
  for (std::size_t i = 0; i < n; ++i) s += numbered(" user", i, "@example.com");
  s += "\nThe recipient's mailbox is full and cannot accept messages now.";
  for (std::size_t i = 0; i < n; ++i) s += " The mailbox is full.";
  return s + "\n";
}

/// Verizon's picture-message notice whose returned message went to n recipients, with an error
/// of n lines: the error is said once and shared among the recipients, cut to the caps.
inline std::string verizon_many_recipients(std::size_t n) {
  std::string s = "From: sysadmin@mms.vzwpix.com\nSubject: Message could not be delivered\n\n"
                  "Message could not be delivered to mobile.\n";
  for (std::size_t i = 0; i < n; ++i) s += numbered("Error: No valid recipients for this MM, attempt ", i, "\n");
  s += "\nOriginal Message:\nFrom: alice@example.org\nTo:";
  for (std::size_t i = 0; i < n; ++i) s += numbered(" user", i, "@example.com,");
  return s + "\nSubject: hi\n\n";
}

/// A bounce whose returned message has n Received fields (a mail loop): the route keeps the
/// newest Limits::max_route_hops of them, each read once. The queue ids are the hop numbers, so
/// the 4x run has "id 400" … "id 599" where the 1x run has none: an id must not read as a reply.
inline std::string received_chain(std::size_t n) {
  std::string s = "From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail Returned to Sender\n"
                  "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n--B\n"
                  "Content-Type: text/plain\n\n<bob@example.com>: 554 5.4.6 Too many hops\n--B\n"
                  "Content-Type: message/rfc822\n\n";
  for (std::size_t i = n; i-- > 0;)
    s += "Received: from h" + std::to_string(i) + ".example.net (h" + std::to_string(i) + ".example.net [192.0.2.1]) by h" +
         std::to_string(i + 1) + ".example.net with ESMTPS id " + std::to_string(i) +
         " (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384); 7 Dec 2026 10:00:00 +0000\n";
  return s + "From: alice@example.org\nSubject: hi\n\nhello\n--B--\n";
}

/// One Received field of n nested comments, n clause words and n semicolons: read in one pass.
inline std::string received_one_long_field(std::size_t n) {
  std::string field = "from a.example.org ";
  for (std::size_t i = 0; i < n; ++i) field += "(x ";
  for (std::size_t i = 0; i < n; ++i) field += ") ";
  for (std::size_t i = 0; i < n; ++i) field += "with tls; ";
  return "From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail Returned to Sender\n"
         "Content-Type: multipart/report; boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\n"
         "<bob@example.com>: 550 5.1.1 User unknown\n--B\nContent-Type: text/rfc822-headers\n\nReceived: " +
         field + "\nFrom: alice@example.org\n\n--B--\n";
}

/// A pasted notice quoting the returned message's n Received lines.
inline std::string quoted_received_chain(std::size_t n) {
  std::string s = "<bob@example.com>: host mail.example.com[192.0.2.25] said: 550 5.1.1 User unknown\n\n"
                  "------ This is a copy of the message, including all the headers. ------\n\n";
  for (std::size_t i = n; i-- > 0;)
    s += numbered("Received: from a", i, ".example.org by b.example.net with SMTP id 1; 7 Dec 2026 10:00:00 -0000\n");
  return s + "From: alice@example.org\n\nhello\n";
}

/// RFC 3464 with n recipients whose Diagnostic-Code is folded over several lines: each record's
/// unfolded reply stands nowhere in the input as one line, and finding its evidence searched the
/// whole text once per record (up to a bound of searches) before falling back to where it starts.
inline std::string dsn_folded_diagnostics(std::size_t n) {
  std::string dsn = report_header() + "Your message could not be delivered.\n\n--R\n"
                                      "Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n";
  for (std::size_t i = 0; i < n; ++i) {
    dsn += numbered("Final-Recipient: rfc822; user", i, "@example.com\nAction: failed\nStatus: 5.1.1\n");
    dsn += "Diagnostic-Code: smtp; 550-5.1.1 unknown\n";
    for (int line = 0; line < 5; ++line) dsn += " 550-5.1.1 more words of the reply\n";
    dsn += " 550 5.1.1 end of the reply\n\n";
  }
  return dsn + "--R--\n";
}

inline std::string repeated(const std::string& unit, std::size_t n) {
  std::string s;
  s.reserve(unit.size() * n);
  for (std::size_t i = 0; i < n; ++i) s += unit;
  return s;
}

// Shapes that were once measured by wall time (tests/unit/test_limits.cpp, before counts):
// many addresses on one reply, many reply lines, bare encoded words, many continuation lines,
// HTML of unclosed tags and entities, one very long line, a DSN of many recipients.
inline std::string reply_with_many_addresses(std::size_t n) { return "550 5.1.1 " + repeated("<a@b.c> ", n); }
inline std::string many_reply_lines(std::size_t n) { return repeated("550-5.1.1 <a@b.c> user unknown\n", n); }
inline std::string bare_encoded_words(std::size_t n) { return "Subject: " + repeated("=?utf-8?q?", n) + "\n\nx"; }
inline std::string many_continuations(std::size_t n) {
  return "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown\n" + repeated(" x\n", n);
}
inline std::string unclosed_html(std::size_t n) { return "From: a@b.c\nContent-Type: text/html\n\n" + repeated("<a &", n); }
inline std::string one_long_line(std::size_t n) {
  return std::string(n * 4, 'a') + "\n550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown";
}
inline std::string dsn_many_recipients(std::size_t n) {
  std::string dsn =
      "From: MAILER-DAEMON@example.net\nSubject: Undelivered Mail\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"X\"\n\n--X\n"
      "Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n";
  for (std::size_t i = 0; i < n; ++i)
    dsn += numbered("Final-Recipient: rfc822; u", i, "@example.com\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 unknown\n\n");
  return dsn + "--X--\n";
}

struct Shape {
  const char* name;
  std::string (*make)(std::size_t n);
  std::size_t n;  ///< the 1x size the scaling test uses
};

inline std::string nested_quoted_printable_40(std::size_t n) { return nested_quoted_printable(n, 40); }

/// Every shape with a size that reaches its old quadratic region within a second or two of a debug
/// build at 4x (each cap in Limits still makes a difference there).
inline const std::vector<Shape>& all() {
  static const std::vector<Shape> shapes = {
      {"encoded-words", encoded_words, 3000},
      {"domino", domino, 300},
      {"biglobe", biglobe, 300},
      {"x3", x3, 300},
      {"rfc3464-prose-line", rfc3464_prose_line, 300},
      {"rfc3464-empty-recipient", rfc3464_empty_recipient, 300},
      {"exim-generated-text", exim_generated_text, 3000},
      {"exim-address-lines", exim_address_lines, 300},
      {"nested-quoted-printable", nested_quoted_printable_40, 3000},
      {"mbox-content-length", mbox_false_content_length, 300},
      {"shared-subject", shared_subject, 300},
      {"pasted-notice-many-recipients", pasted_notice_many_recipients, 600},
      {"verizon-many-recipients", verizon_many_recipients, 300},
      {"reply-with-many-addresses", reply_with_many_addresses, 6000},
      {"many-reply-lines", many_reply_lines, 1600},
      {"bare-encoded-words", bare_encoded_words, 4800},
      {"many-continuations", many_continuations, 16000},
      {"unclosed-html", unclosed_html, 12000},
      {"one-long-line", one_long_line, 12000},
      {"dsn-many-recipients", dsn_many_recipients, 50},
      {"dsn-folded-diagnostics", dsn_folded_diagnostics, 30},
      {"received-chain", received_chain, 300},
      {"received-one-long-field", received_one_long_field, 3000},
      {"quoted-received-chain", quoted_received_chain, 300},
  };
  return shapes;
}

}  // namespace bx::shapes
