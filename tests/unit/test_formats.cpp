// Vendor decoders: one synthetic bounce per layout (written for these tests in the shape each MTA
// produces; example.com/example.net/example.org addresses, 192.0.2.x hosts), and a sweep that
// every registered decoder says "not mine" to empty input, junk and an ordinary e-mail.
#include <catch2/catch.hpp>

#include <string>

#include "bx/explain.hpp"
#include "dsn/delivery_status.hpp"
#include "formats/format.hpp"
#include "formats/scan.hpp"
#include "formats/vendor_util.hpp"
#include "mime/mime.hpp"

namespace {

std::string mail(const std::string& headers, const std::string& body) {
  return "Date: Mon, 02 Mar 2026 10:00:00 +0000\n" + headers + "\n" + body;
}

// The one record of a report. Returns a reference into `r`: keep the report alive (or copy the record).
const bx::Record& only(const bx::Report& r) {
  REQUIRE(r.records.size() == 1);
  return r.records.front();
}

/// "decoder recipient status reply_code reason hard|soft" ("-" for an empty field): the fields
/// every decoder test checks, in one line that a failing CHECK shows whole.
std::string key_fields(const bx::Record& r) {
  std::string out;
  for (const std::string* field : {&r.decoded_by, &r.recipient, &r.status, &r.reply_code, &r.reason})
    (out += field->empty() ? "-" : *field) += ' ';
  return out + (r.hard_bounce ? "hard" : "soft");
}

}  // namespace

/// Exim's bounce text up to the remote server's reply for bob@example.net (its documented template).
const std::string kEximFailedBob =
    "This message was created automatically by mail delivery software.\n\n"
    "A message that you sent could not be delivered to one or more of its\n"
    "recipients. This is a permanent error. The following address(es) failed:\n\n"
    "  bob@example.net\n"
    "    host mx.example.net [192.0.2.10]\n"
    "    SMTP error from remote mail server after RCPT TO:<bob@example.net>:\n";

TEST_CASE("exim: failed address with the remote reply", "[formats][exim]") {
  auto r = bx::explain(mail(
      "From: Mail Delivery System <Mailer-Daemon@mx.example.org>\n"
      "To: alice@example.org\n"
      "Subject: Mail delivery failed: returning message to sender\n"
      "Auto-Submitted: auto-replied\n"
      "X-Failed-Recipients: bob@example.net\n",
      kEximFailedBob +
      "    550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown\n\n"
      "------ This is a copy of the message, including all the headers. ------\n\n"
      "From: alice@example.org\nTo: bob@example.net\nSubject: hi\n\nhello\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "exim");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.reply_code == "550");
  CHECK(rec.status == "5.1.1");
  CHECK(rec.smtp_command == "RCPT");
  CHECK(rec.rhost == "mx.example.net");
  CHECK(rec.diagnostic_code == "550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown");
}

TEST_CASE("exim: a refusal after the remote's sender verification is 'rejected'", "[formats][exim]") {
  // The remote Exim called back the sender's domain; the callout's "User unknown" is about the
  // sender's address, and the refusal is for the sender (Exim's "Sender verify failed").
  auto r = bx::explain(mail(
      "From: Mail Delivery System <Mailer-Daemon@mx.example.org>\nSubject: Mail delivery failed: returning message to sender\n",
      kEximFailedBob +
      "    550-Verification failed for <alice@example.org>\n"
      "    550-Called:   192.0.2.20\n"
      "    550-Response: 550 5.1.1 <alice@example.org>: Recipient address rejected: User unknown\n"
      "    550 Sender verify failed\n"));
  CHECK(only(r).recipient == "bob@example.net");
  CHECK(only(r).reason == "rejected");
}

TEST_CASE("exim: host and reply on one line, brackets inside the reply", "[formats][exim]") {
  auto r = bx::explain(mail(
      "From: Mail Delivery System <Mailer-Daemon@mx.example.org>\nSubject: Mail delivery failed\n",
      "This message was created automatically by mail delivery software.\n\n"
      "The following address(es) failed:\n\n"
      "  bob@example.net\n"
      "    SMTP error from remote mail server after initial connection:\n"
      "    host mx.example.net [192.0.2.12]: 554 5.7.1 Client host [192.0.2.13]: blocked using bl.example.org\n"));
  const auto& rec = only(r);
  CHECK(rec.smtp_command == "CONN");
  CHECK(rec.rhost == "mx.example.net");
  CHECK(rec.diagnostic_code == "554 5.7.1 Client host [192.0.2.13]: blocked using bl.example.org");
}

TEST_CASE("exim: unindented variant (1&1 style) on one 'address(es) failed' line", "[formats][exim]") {
  auto r = bx::explain(mail(
      "From: Mail Delivery System <mailer-daemon@mx.example.org>\nSubject: Mail delivery failed: returning message to sender\n",
      "This message was created automatically by mail delivery software.\n\n"
      "A message that you sent could not be delivered to one or more of its recipients.\n"
      "This is a permanent error. The following address(es) failed:\n\n"
      "bob@example.net:\n"
      "SMTP error from remote server after RCPT command:\n"
      "host: mx.example.net\n"
      "5.1.1 <bob@example.net>... User Unknown\n\n"
      "--- The header of the original message is following. ---\n"));
  const auto& rec = only(r);
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.rhost == "mx.example.net");
  CHECK(rec.smtp_command == "RCPT");
  CHECK(rec.status == "5.1.1");
  CHECK(rec.diagnostic_code == "5.1.1 <bob@example.net>... User Unknown");
}

TEST_CASE("exim: 'address(es)' wrapped before 'failed:'", "[formats][exim]") {
  auto r = bx::explain(mail(
      "From: Mail Delivery System <Mailer-Daemon@mx.example.org>\nSubject: Mail delivery failed\n",
      "This message was created automatically by mail delivery software.\n\n"
      "A message sent by\n\n  <alice@example.org>\n\n"
      "could not be delivered to one or more of its recipients. The following address(es)\n"
      "failed:\n\n"
      "  bob@example.net\n"
      "    Unrouteable address\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "exim");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.diagnostic_code == "Unrouteable address");
}

TEST_CASE("exim: a pasted body still gets the status of its delivery-status part", "[formats][exim]") {
  auto r = bx::explain(
      "--B\nContent-Type: text/plain\n\n"
      "This message was created automatically by mail delivery software.\n\n"
      "The following address(es) failed:\n\n  save to /var/mail/bob\n    generated by bob@example.net\n"
      "    mailbox is full: retry timeout exceeded\n\n"
      "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n"
      "Action: failed\nFinal-Recipient: rfc822;/var/mail/bob\nStatus: 5.2.2\n\n--B--\n");
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "exim");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.status == "5.2.2");
  CHECK(rec.lhost == "mx.example.org");
}

TEST_CASE("exim: delay warning and pipe delivery named by 'generated by'", "[formats][exim]") {
  auto delayed = bx::explain(mail(
      "From: Mail Delivery System <Mailer-Daemon@mx.example.org>\n"
      "Subject: Warning: message 1abcde-000123-AB delayed 24 hours\n",
      "This message was created automatically by mail delivery software.\n"
      "A message that you sent has not yet been delivered to one or more of its\n"
      "recipients after more than 24 hours on the queue on mx.example.org.\n\n"
      "The address to which the message has not yet been delivered is:\n\n"
      "  carol@example.net\n"
      "    host mx.example.net [192.0.2.11]\n"
      "    Delay reason: SMTP error from remote mail server after MAIL FROM:<alice@example.org>:\n"
      "    451 4.7.1 Greylisted, try again later\n\n"
      "No action is required on your part.\n"));
  const auto& d = only(delayed);
  CHECK(d.decoded_by == "exim");
  CHECK(d.recipient == "carol@example.net");
  CHECK(d.action == "delayed");
  CHECK(d.reply_code == "451");
  CHECK(d.smtp_command == "MAIL");

  auto pipe = bx::explain(mail(
      "From: Mail Delivery System <Mailer-Daemon@mx.example.org>\n"
      "Subject: Mail delivery failed: returning message to sender\n",
      "This message was created automatically by mail delivery software.\n\n"
      "A message that you sent could not be delivered to one or more of its\n"
      "recipients. This is a permanent error. The following address(es) failed:\n\n"
      "  pipe to |/usr/local/bin/filter\n"
      "    generated by dave@example.org\n\n"
      "The following text was generated during the delivery attempt:\n\n"
      "------ pipe to |/usr/local/bin/filter\n"
      "       generated by dave@example.org ------\n\n"
      "filter: cannot open configuration file\n\n"
      "------ This is a copy of the message, including all the headers. ------\n"));
  const auto& p = only(pipe);
  CHECK(p.recipient == "dave@example.org");
  CHECK(p.diagnostic_code.find("cannot open configuration file") != std::string::npos);
  CHECK(p.reason == "mailererror");  // the local program failed, no remote server involved
}

TEST_CASE("qmail: recipient blocks with remote reply and qmail's own status", "[formats][qmail]") {
  auto r = bx::explain(mail(
      "From: MAILER-DAEMON@mx.example.org\nTo: alice@example.org\nSubject: failure notice\n",
      "Hi. This is the qmail-send program at mx.example.org.\n"
      "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
      "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
      "<bob@example.net>:\n"
      "192.0.2.20 does not like recipient.\n"
      "Remote host said: 550 5.1.1 <bob@example.net>: Recipient unknown\n"
      "Giving up on 192.0.2.20.\n\n"
      "<carol@example.com>:\n"
      "Sorry, I couldn't find any host named example.com. (#5.1.2)\n\n"
      "--- Below this line is a copy of the message.\n\n"
      "From: alice@example.org\nSubject: hi\n\nhello\n"));
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].decoded_by == "qmail");
  CHECK(r.records[0].recipient == "bob@example.net");
  CHECK(r.records[0].reply_code == "550");
  CHECK(r.records[0].status == "5.1.1");
  CHECK(r.records[1].recipient == "carol@example.com");
  CHECK(r.records[1].status == "5.1.2");
  CHECK(r.records[1].reply_code.empty());
}

TEST_CASE("qmail clones: 'Unable to deliver message to the following address(es)'", "[formats][qmail]") {
  auto r = bx::explain(mail(
      "From: MAILER-DAEMON@example.org\nSubject: failed delivery\n",
      "Message from example.org.\n"
      "Unable to deliver message to the following address(es).\n\n"
      "<bob@example.net>:\n"
      "Sorry, your message to bob@example.net cannot be delivered. This account is over quota.\n\n"
      "--- Original message follows.\n\nSubject: hi\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "qmail");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.diagnostic_code.find("over quota") != std::string::npos);
}

TEST_CASE("multi-line replies read as one reply", "[formats][vendor_util]") {
  using bx::formats::vendor::collapse_multiline_reply;
  CHECK(collapse_multiline_reply("Remote host said: 550-5.7.26 Unauthenticated email 550-5.7.26 DMARC policy. 550 5.7.26 "
                                 "https://support.example.com/dmarc - gsmtp") ==
        "Remote host said: 550 5.7.26 Unauthenticated email DMARC policy. https://support.example.com/dmarc - gsmtp");
  CHECK(collapse_multiline_reply("550-Rejected 550-Reason: no PTR 550 See help") == "550 Rejected Reason: no PTR See help");
  CHECK(collapse_multiline_reply("550 5.1.1 User unknown; 550 again") == "550 5.1.1 User unknown; 550 again");
  CHECK(collapse_multiline_reply("") == "");
  CHECK(collapse_multiline_reply("550-") == "550");
}

TEST_CASE("qmail-derived gateway with its own sentence", "[formats][qmail]") {
  auto r = bx::explain(mail(
      "From: MAILER-DAEMON@mail.example.org\nSubject: failure notice\n",
      "Your message to the following addresses was not delivered.\n\n"
      "<bob@example.net>:\n"
      "child status 100...The e-mail message could not be delivered because the user's mailfolder is full.\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "qmail");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.diagnostic_code.find("mailfolder is full") != std::string::npos);
}

TEST_CASE("yahoo: 'Sorry, we were unable to deliver' with 'NNN:' reply", "[formats][yahoo]") {
  auto r = bx::explain(mail(
      "From: MAILER-DAEMON@yahoo.com\nSubject: Failure Notice\n",
      "Sorry, we were unable to deliver your message to the following address.\n\n"
      "<bob@example.net>:\n"
      "550: 5.2.2 <bob@example.net>... Mailbox full\n\n"
      "--- Below this line is a copy of the message.\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "yahoo");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.reply_code == "550");
  CHECK(rec.status == "5.2.2");
}

TEST_CASE("yahoo: a reply naming the recipient's address answered RCPT TO", "[formats][yahoo]") {
  auto r = bx::explain(mail(
      "From: MAILER-DAEMON@yahoo.com\nSubject: Failure Notice\n",
      "Sorry, we were unable to deliver your message to the following address.\n\n"
      "<bob@example.net>:\n"
      "550: <bob@example.net>: User unknown\n\n"
      "--- Below this line is a copy of the message.\n"));
  const auto& rec = only(r);
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.smtp_command == "RCPT");
  CHECK(rec.reason == "userunknown");

  // Without an address the reply may have come after DATA: the command stays unknown.
  auto d = bx::explain(mail(
      "From: MAILER-DAEMON@yahoo.com\nSubject: Failure Notice\n",
      "Sorry, we were unable to deliver your message to the following address.\n\n"
      "<carol@example.net>:\n"
      "554: Message rejected: user unknown\n\n"
      "--- Below this line is a copy of the message.\n"));
  CHECK(only(d).smtp_command.empty());
}

TEST_CASE("ezweb: Recipient / >>> / <<< block", "[formats][ezweb]") {
  auto r = bx::explain(mail(
      "From: Postmaster@ezweb.ne.jp\nSubject: Mail System Error - Returned Mail\n",
      "Each of the following recipients was rejected by a remote\nmail server.\n\n"
      "    Recipient: <bob@example.net>\n"
      "    >>> RCPT TO:<bob@example.net>\n"
      "    <<< 550 <bob@example.net>: User unknown\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "ezweb");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.reply_code == "550");
  CHECK(rec.smtp_command == "RCPT");
}

TEST_CASE("kddi: 'Could not be delivered to:'", "[formats][kddi]") {
  auto r = bx::explain(mail(
      "From: no-reply@mail.example.net\nSubject: Mail\n",
      "Your mail sent on: Mon, 02 Mar 2026 09:00:00 +0900\n"
      "     Could not be delivered to: <bob@example.net>\n"
      "     As their mailbox is full.\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "kddi");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.diagnostic_code == "As their mailbox is full.");
}

TEST_CASE("biglobe: delivery problems and non-delivered information", "[formats][biglobe]") {
  auto r = bx::explain(mail(
      "From: postmaster@mail.example.net\nSubject: Returned mail: Delivery failed\n",
      "   ----- The following addresses had delivery problems -----\n"
      "bob@example.net\n\n"
      "   ----- Non-delivered information -----\n"
      "The number of messages in recipient's mailbox exceeded the local limit.\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "biglobe");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.diagnostic_code.find("exceeded the local limit") != std::string::npos);
}

TEST_CASE("googlegroups: the group refused the post", "[formats][googlegroups]") {
  auto r = bx::explain(mail(
      "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
      "Subject: Delivery Status Notification (Failure)\n"
      "X-Failed-Recipients: team@googlegroups.com\n",
      "Hello alice@example.org,\n\n"
      "We're writing to let you know that the group you tried to contact (team) may not exist,\n"
      "or you may not have permission to post messages to the group.\n\n"
      "The Google Groups Team\n\n----- Original message -----\n\nSubject: hi\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "googlegroups");
  CHECK(rec.recipient == "team@googlegroups.com");
  CHECK(rec.reason == "rejected");
}

TEST_CASE("googlegroups: a group on the organisation's own domain", "[formats][googlegroups]") {
  auto r = bx::explain(mail(
      "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
      "Subject: Delivery Status Notification (Failure)\n"
      "X-Failed-Recipients: parents@school.example.org\n",
      "Hello alice@example.org,\n\n"
      "We're writing to let you know that the group you tried to contact (parents) may not exist,\n"
      "or you may not have permission to post messages to the group.\n\n"
      "If you have questions related to this or any other Google Group, visit the Help Center.\n\n"
      "Thanks,\n\nGoogle Groups\n\n----- Original message -----\n\nSubject: hi\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "googlegroups");
  CHECK(rec.recipient == "parents@school.example.org");
  CHECK(rec.reason == "rejected");
}

TEST_CASE("gmail: plain-text notice with the remote server's reply", "[formats][gmail]") {
  auto r = bx::explain(mail(
      "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
      "Subject: Delivery Status Notification (Failure)\n",
      "Delivery to the following recipient failed permanently:\n\n"
      "     bob@example.net\n\n"
      "Technical details of permanent failure:\n"
      "Google tried to deliver your message, but it was rejected by the server for the recipient\n"
      "domain example.net by mx.example.net. [192.0.2.30].\n\n"
      "The error that the other server returned was:\n"
      "550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown\n\n"
      "----- Original message -----\n\nSubject: hi\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "gmail");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.reply_code == "550");
  CHECK(rec.status == "5.1.1");
  CHECK(rec.diagnostic_code == "550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown");
}

TEST_CASE("gmail: the client state names the command", "[formats][gmail]") {
  auto r = bx::explain(mail(
      "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nSubject: Delivery Status Notification (Failure)\n",
      "Delivery to the following recipient failed permanently:\n\n     bob@example.net\n\n"
      "Technical details of permanent failure:\n"
      "Google tried to deliver your message, but it was rejected by the recipient domain. We recommend contacting the "
      "other email provider for further information about the cause of this error. The error that the other server "
      "returned was: 550 550 <bob@example.net> No such user here (state 17).\n"));
  const auto& rec = only(r);
  CHECK(rec.smtp_command == "DATA");
  CHECK(rec.reply_code == "550");
}

TEST_CASE("google: pasted Workspace notice", "[formats][google]") {
  auto r = bx::explain(
      "** Address not found **\n\n"
      "Your message wasn't delivered to bob@example.net because the address couldn't be found, or is unable to "
      "receive mail.\n\n"
      "Learn more here: https://support.google.com/mail/?p=NoSuchUser\n\n"
      "The response from the remote server was:\n"
      "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the "
      "recipient's email address for typos or unnecessary spaces.\n");
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "google");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.reply_code == "550");
  CHECK(rec.status == "5.1.1");
}

TEST_CASE("google: text and HTML alternatives read once", "[formats][google]") {
  auto r = bx::explain(
      "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nSubject: Delivery Status Notification (Failure)\n"
      "MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"A\"\n\n"
      "--A\nContent-Type: text/plain\n\n** Address not found **\n\n"
      "Your message wasn't delivered to bob@example.net because the address couldn't be found.\n\n"
      "The response was:\n\n550 5.1.1 The email account that you tried to reach does not exist.\n\n"
      "--A\nContent-Type: text/html\n\n<p>Your message wasn't delivered to <b>bob@example.net</b> because the address "
      "couldn't be found.</p><p>The response was:</p><p>550 5.1.1 The email account that you tried to reach does not "
      "exist.</p>\n--A--\n");
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "google");
  CHECK(rec.diagnostic_code == "550 5.1.1 The email account that you tried to reach does not exist.");
}

TEST_CASE("messagingserver: labelled recipient blocks", "[formats][messagingserver]") {
  auto r = bx::explain(mail(
      "From: Internet Mail Delivery <postmaster@mx.example.org>\nSubject: Delivery Notification: Delivery has failed\n",
      "This report relates to a message you sent with the following header fields:\n\n"
      "  Message-id: <1@example.org>\n  Subject: hi\n\n"
      "Your message cannot be delivered to the following recipients:\n\n"
      "  Recipient address: bob@example.net\n"
      "  Reason: Remote SMTP server has rejected address\n"
      "  Diagnostic code: smtp;550 5.1.1 <bob@example.net>... User Unknown\n"
      "  Remote system: dns;mx.example.net (TCP|192.0.2.90|25|192.0.2.91|1025) (mx.example.net ESMTP)\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "messagingserver");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.reply_code == "550");
  CHECK(rec.rhost == "mx.example.net");
}

TEST_CASE("domino: was not delivered to / because", "[formats][domino]") {
  auto r = bx::explain(mail(
      "From: Postmaster@example.net\nSubject: DELIVERY FAILURE: User bob (bob@example.net) not listed in Domino Directory\n",
      "Your message\n\n  Subject: hi\n\nwas not delivered to:\n\n  bob@example.net\n\n"
      "because:\n\n  User bob (bob@example.net) not listed in Domino Directory\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "domino");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.diagnostic_code == "User bob (bob@example.net) not listed in Domino Directory");
}

TEST_CASE("x6: 'We had trouble delivering your message'", "[formats][x6]") {
  auto r = bx::explain(mail(
      "From: mailer-daemon\nSubject: There was an error sending your mail\n",
      "We had trouble delivering your message. Full details follow:\n\n"
      "Subject: 'hi'\n\n1 error(s):\n\n"
      "SMTP Server <mx.example.net> rejected recipient <bob@example.net> (Error following RCPT command)."
      " It responded as follows: [550 5.1.1 User unknown]\n\n"
      "The attachment contains the original mail headers.\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "x6");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.reply_code == "550");
  CHECK(rec.status == "5.1.1");
  CHECK(rec.smtp_command == "RCPT");
}

TEST_CASE("zoho: ERROR_CODE lines and the delay notice", "[formats][zoho]") {
  auto r = bx::explain(mail(
      "From: mailer-daemon@mail.zoho.com\nX-Mailer: Zoho Mail\nSubject: Undelivered Mail Returned to Sender\n",
      "This message was created automatically by mail delivery software.\n"
      "A message that you sent could not be delivered to one or more of its recipients. This is a permanent error.\n\n"
      "bob@example.net Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <bob@example.net>... User Unknown\n\n"
      "Received:from mail.zoho.com by mx.zohomail.com\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "zoho");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.reply_code == "550");
  CHECK(rec.status == "5.1.1");

  auto d = bx::explain(mail(
      "From: mailer-daemon@mail.zoho.com\nSubject: Mail Delivery Status Notification (Delay)\n",
      "----- The following addresses had fatal errors -----\n"
      "[Status: Error, Address: <carol@example.net>, ResponseCode 421, , Host not reachable.]\n"));
  const auto& dr = only(d);
  CHECK(dr.decoded_by == "zoho");
  CHECK(dr.recipient == "carol@example.net");
  CHECK(dr.reply_code == "421");
  CHECK(dr.action == "delayed");

  // The same temporary reply in the final notice: Zoho gave up retrying.
  auto f = bx::explain(mail(
      "From: mailer-daemon@mail.zoho.com\nX-Mailer: Zoho Mail\nSubject: Undelivered Mail Returned to Sender\n",
      "A message that you sent could not be delivered to one or more of its recipients. This is a permanent error.\n\n"
      "dave@example.net Error, ERROR_CODE :421, ERROR_CODE :, Host not reachable.\n"));
  const auto& fr = only(f);
  CHECK(fr.recipient == "dave@example.net");
  CHECK(fr.action == "failed");
  CHECK(fr.reason == "expired");
}

TEST_CASE("opensmtpd: error and warning notices", "[formats][opensmtpd]") {
  auto r = bx::explain(mail(
      "From: Mailer Daemon <MAILER-DAEMON@mx.example.org>\nSubject: Delivery status notification: error\n",
      "    Hi!\n\n    This is the MAILER-DAEMON, please DO NOT REPLY to this email.\n\n"
      "    An error has occurred while attempting to deliver a message for\n"
      "    the following list of recipients:\n\n"
      "bob@example.net: 550 5.1.1 <bob@example.net>: Recipient address rejected\n\n"
      "    Below is a copy of the original message:\n\nSubject: hi\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "opensmtpd");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.reply_code == "550");

  auto d = bx::explain(mail(
      "From: Mailer Daemon <MAILER-DAEMON@mx.example.org>\nSubject: Delivery status notification: delayed\n",
      "    This is the MAILER-DAEMON, please DO NOT REPLY to this email.\n\n"
      "    A message is delayed for more than 4 hours for the following\n"
      "    list of recipients:\n\n"
      "carol@example.net: Network error on destination MXs\n\n"
      "    Please note that this is only a temporary failure report.\n"));
  CHECK(only(d).action == "delayed");
}

TEST_CASE("sendmail: transcript reply preferred to Sendmail's summary", "[formats][sendmail]") {
  auto r = bx::explain(mail(
      "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>\n"
      "Subject: Returned mail: see transcript for details\n",
      "The original message was received at Mon, 2 Mar 2026 09:00:00 +0000\n"
      "from client.example.org [192.0.2.40]\n\n"
      "   ----- The following addresses had permanent fatal errors -----\n"
      "<bob@example.net>\n"
      "    (reason: 550-5.7.1 Message rejected by policy)\n\n"
      "   ----- Transcript of session follows -----\n"
      "... while talking to mx.example.net.:\n"
      ">>> DATA\n"
      "<<< 550-5.7.1 Message rejected by policy.\n"
      "<<< 550 5.7.1 See https://www.example.net/policy\n"
      "554 5.0.0 Service unavailable\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "sendmail");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.reply_code == "550");
  CHECK(rec.status == "5.7.1");
  CHECK(rec.smtp_command == "DATA");
  CHECK(rec.rhost == "mx.example.net");
  CHECK(rec.diagnostic_code.find("example.net/policy") != std::string::npos);
}

TEST_CASE("sendmail: permanent and transient sections, quoted forward", "[formats][sendmail]") {
  auto r = bx::explain(mail(
      "From: alice@example.org\nSubject: Fwd: Returned mail: see transcript for details\n",
      "Begin forwarded message:\n\n"
      "> From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>\n"
      "> Subject: Returned mail: see transcript for details\n>\n"
      ">    ----- The following addresses had permanent fatal errors -----\n"
      "> <bob@example.net>\n"
      ">     (reason: 550 5.1.1 <bob@example.net>... User unknown)\n>\n"
      ">    ----- The following addresses had transient non-fatal errors -----\n"
      "> <carol@example.com>\n>\n"
      ">    ----- Transcript of session follows -----\n"
      "> ... while talking to mx.example.net.:\n"
      ">>>> RCPT To:<bob@example.net>\n"
      "> <<< 550 5.1.1 <bob@example.net>... User unknown\n"
      "> 550 5.1.1 <bob@example.net>... User unknown\n"
      "> <carol@example.com>... Deferred: Connection timed out with mx.example.com.\n"));
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].decoded_by == "sendmail");
  CHECK(r.records[0].recipient == "bob@example.net");
  CHECK(r.records[0].reply_code == "550");
  CHECK(r.records[0].smtp_command == "RCPT");
  CHECK(r.records[1].recipient == "carol@example.com");
  CHECK(r.records[1].action == "delayed");
  CHECK(r.records[1].diagnostic_code.find("Connection timed out") != std::string::npos);
}

TEST_CASE("sendmail: a refusal at MAIL FROM concerns every recipient", "[formats][sendmail]") {
  auto r = bx::explain(mail(
      "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>\nSubject: Returned mail: see transcript for details\n",
      "   ----- The following addresses had permanent fatal errors -----\n"
      "<bob@example.net>\n<carol@example.net>\n\n"
      "   ----- Transcript of session follows -----\n"
      "... while talking to mx.example.net.:\n"
      ">>> MAIL From:<alice@example.org> SIZE=1024\n"
      "<<< 553 5.1.8 <alice@example.org>... Domain of sender address alice@example.org does not exist\n"
      "501 5.6.0 Data format error\n"));
  REQUIRE(r.records.size() == 2);
  for (const auto& rec : r.records) {
    CHECK(rec.reply_code == "553");
    CHECK(rec.status == "5.1.8");
    CHECK(rec.smtp_command == "MAIL");
  }
}

TEST_CASE("sendmail: returned after the queue time ran out", "[formats][sendmail]") {
  auto r = bx::explain(mail(
      "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>\n"
      "Subject: Returned mail: Cannot send message for 5 days\n",
      "   ----- Transcript of session follows -----\n"
      "421 example.net (smtp)... Deferred: Connection timed out during user open with example.net\n\n"
      "   ----- Unsent message follows -----\n"
      "To: bob@example.net\nSubject: hi\n\nhello\n"));
  const auto& rec = only(r);
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.reply_code == "421");
  CHECK(rec.reason == "expired");
}

TEST_CASE("postfix: plain-text report without a delivery-status part", "[formats][postfix]") {
  auto r = bx::explain(mail(
      "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\nSubject: Undelivered Mail Returned to Sender\n",
      "This is the mail system at host mx.example.org.\n\n"
      "I'm sorry to have to inform you that your message could not\n"
      "be delivered to one or more recipients. It's attached below.\n\n"
      "                   The mail system\n\n"
      "<bob@example.net>: host mx.example.net[192.0.2.50] said: 550 5.1.1\n"
      "    <bob@example.net>: Recipient address rejected: User unknown (in reply to\n"
      "    RCPT TO command)\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "postfix");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.reply_code == "550");
  CHECK(rec.status == "5.1.1");
  CHECK(rec.smtp_command == "RCPT");
  CHECK(rec.rhost == "mx.example.net");
  CHECK(rec.diagnostic_code == "550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown");
}

TEST_CASE("postfix: smtpd transcript notice", "[formats][postfix]") {
  auto r = bx::explain(mail(
      "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\n"
      "Subject: Postfix SMTP server: errors from client.example.org[192.0.2.51]\n",
      "Transcript of session follows.\n\n"
      " Out: 220 mx.example.org ESMTP\n In:  EHLO client.example.org\n Out: 250 mx.example.org\n"
      " In:  MAIL FROM:<alice@example.org>\n Out: 250 2.1.0 Ok\n"
      " In:  RCPT TO:<bob@example.net>\n Out: 250 2.1.5 Ok\n In:  DATA\n"
      " Out: 354 End data with <CR><LF>.<CR><LF>\n Out: 451 4.3.0 Error: queue file write error\n"
      " In:  QUIT\n Out: 221 2.0.0 Bye\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "postfix");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.reply_code == "451");
  CHECK(rec.status == "4.3.0");
}

TEST_CASE("courier: pasted notice with the SMTP exchange", "[formats][courier]") {
  auto r = bx::explain(
      "This is a delivery status notification from mx.example.org,\n"
      "running the Courier mail server, version 1.1.0.\n\n"
      "The original message was received on Mon, 02 Mar 2026 09:00:00 +0000\n"
      "from client.example.org [192.0.2.96]\n\n"
      "---------------------------------------------------------------------------\n\n"
      "                           UNDELIVERABLE MAIL\n\n"
      "Your message to the following recipients cannot be delivered:\n\n"
      "<bob@example.net>:\n"
      "    mx.example.net [192.0.2.97]:\n"
      ">>> RCPT TO:<bob@example.net>\n"
      "<<< 550-5.1.1 <bob@example.net>: Recipient address rejected:\n"
      "<<< 550 5.1.1 User unknown\n\n"
      "---------------------------------------------------------------------------\n");
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "courier");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.reply_code == "550");
  CHECK(rec.status == "5.1.1");
  CHECK(rec.smtp_command == "RCPT");
  CHECK(rec.rhost == "mx.example.net");
  CHECK(rec.diagnostic_code == "550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown");
}

TEST_CASE("dragonfly: dma notice", "[formats][dragonfly]") {
  auto r = bx::explain(mail(
      "From: MAILER-DAEMON <>\nSubject: Mail delivery failed\n",
      "This is the DragonFly Mail Agent v0.13 at mx.example.org.\n\n"
      "There was an error delivering your mail to <bob@example.net>.\n\n"
      "mx.example.net [192.0.2.60] did not like our RCPT TO:\n"
      "550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown\n\n"
      "Message headers follow.\n\nSubject: hi\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "dragonfly");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.reply_code == "550");
  CHECK(rec.smtp_command == "RCPT");
}

TEST_CASE("exchange2003: did not reach the following recipient(s)", "[formats][exchange2003]") {
  auto r = bx::explain(mail(
      "From: System Administrator <postmaster@example.net>\nSubject: Undeliverable: hi\n"
      "X-Mailer: Internet Mail Service (5.5.2653.19)\n",
      "Your message\n\n  To:      bob@example.net\n  Subject: hi\n  Sent:    Mon, 2 Mar 2026 09:00:00 +0000\n\n"
      "did not reach the following recipient(s):\n\n"
      "bob@example.net on Mon, 2 Mar 2026 09:00:05 +0000\n"
      "    The recipient name is not recognized\n"
      "\tThe MTS-ID of the original message is: c=us;a= ;p=example\n"
      ";l=MAIL0000000000000000\n"
      "    MSEXCH:IMS:EXAMPLE:SITE:MAIL 0 (000C05A6) Unknown Recipient\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "exchange2003");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.diagnostic_code.find("not recognized") != std::string::npos);
  CHECK(rec.diagnostic_code.find("MTS-ID") == std::string::npos);
}

TEST_CASE("exchange2003: hMailServer's copy of the layout", "[formats][exchange2003]") {
  auto r = bx::explain(mail(
      "From: mailer-daemon@mx.example.org\nSubject: Message undeliverable: hi\n",
      "Your message did not reach some or all of the intended recipients.\n\n"
      "   Sent: Mon, 02 Mar 2026 09:00:00 +0000\n   Subject: hi\n\n"
      "The following recipient(s) could not be reached:\n\n"
      "bob@example.net\n"
      "   Error Type: SMTP\n"
      "   Remote server (192.0.2.95) issued an error.\n"
      "   hMailServer sent: RCPT TO:<bob@example.net>\n"
      "   Remote server replied: 550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "exchange2003");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.reply_code == "550");
  CHECK(rec.status == "5.1.1");
  CHECK(rec.smtp_command == "RCPT");
}

TEST_CASE("exchange2003: Exchange 2007 RTM 'cannot be reached' with the remote reply quoted", "[formats][exchange2003]") {
  auto r = bx::explain(mail(
      "From: postmaster@example.org\nSubject: Undeliverable: hi\n",
      "Your message did not reach some or all of the intended recipients.\n\n"
      "      Subject:\thi\n      Sent:\t3/2/2026 9:00 AM\n\n"
      "The following recipient(s) cannot be reached:\n\n"
      "      bob@example.net on 3/2/2026 9:00 AM\n"
      "            Server error: '550 5.1.1 User unknown'\n"
      "            <mail.example.org #5.0.0 smtp; 5.1.0 - Unknown address error 550-'5.1.1 User unknown' (delivery "
      "attempts: 0)>\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "exchange2003");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.reply_code == "550");
  CHECK(rec.status == "5.1.1");
}

TEST_CASE("exchange2007: administrators' section of a pasted NDR", "[formats][exchange2007]") {
  auto r = bx::explain(
      "Delivery has failed to these recipients or groups:\n\n"
      "bob@example.net\n"
      "The email address you entered couldn't be found. Please check the recipient's email address and try to "
      "resend the message.\n\n"
      "Diagnostic information for administrators:\n\n"
      "Generating server: mail.example.org\n\n"
      "bob@example.net\n"
      "mx.example.net #550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown ##\n\n"
      "carol@example.net\n"
      "Remote Server returned '554 5.7.1 <carol@example.net>: Relay access denied'\n\n"
      "Original message headers:\n\nSubject: hi\n");
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].decoded_by == "exchange2007");
  CHECK(r.records[0].recipient == "bob@example.net");
  CHECK(r.records[0].reply_code == "550");
  CHECK(r.records[0].status == "5.1.1");
  CHECK(r.records[0].rhost == "mx.example.net");
  CHECK(r.records[0].lhost == "mail.example.org");
  CHECK(r.records[1].recipient == "carol@example.net");
  CHECK(r.records[1].reply_code == "554");
  CHECK(r.records[1].status == "5.7.1");
}

TEST_CASE("exchange2007: Exchange 2007 code line and German heading", "[formats][exchange2007]") {
  auto r = bx::explain(mail(
      "From: postmaster@example.org\nSubject: Unzustellbar: hi\n",
      "Diagnoseinformationen f\xc3\xbcr Administratoren:\n\n"
      "Generierender Server: mail.example.org\n\n"
      "bob@example.net\n"
      "#< #5.1.1 smtp;550 5.1.1 User unknown> #SMTP#\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "exchange2007");
  CHECK(rec.reply_code == "550");
  CHECK(rec.status == "5.1.1");
}

TEST_CASE("exchange2007: only the part for people was pasted", "[formats][exchange2007]") {
  auto r = bx::explain(
      "Delivery has failed to these recipients or groups:\n\n"
      "bob@example.net<mailto:bob@example.net>\n"
      "The recipient's mailbox is full and can't accept messages now. Please try resending this message later, or "
      "contact the recipient directly.\n\n"
      "________________________________\nSent by Microsoft Exchange Server\n");
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "exchange2007");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.diagnostic_code.find("mailbox is full") != std::string::npos);
}

TEST_CASE("exchange2003: German Exchange 2003", "[formats][exchange2003]") {
  auto r = bx::explain(mail(
      "From: Systemadministrator <postmaster@example.org>\nSubject: Unzustellbar: hi\n",
      "Ihre Nachricht hat einige oder alle Empf\xc3\xa4nger nicht erreicht.\n\n"
      "      Betreff:\thi\n\n"
      "Folgende(r) Empf\xc3\xa4nger konnte(n) nicht erreicht werden:\n\n"
      "      bob@example.net am 02.03.2026 09:00\n"
      "            Die E-Mail-Adresse wurde nicht gefunden.\n"
      "            <mail.example.org #5.1.1 smtp;550 5.1.1 User unknown>\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "exchange2003");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.status == "5.1.1");
  CHECK(rec.reply_code == "550");
}

TEST_CASE("exchange2007: delay notice, action from its DSN or its heading", "[formats][exchange2007]") {
  const std::string text =
      "Delivery is delayed to these recipients or groups:\n\nbob@example.net\n\n"
      "Diagnostic information for administrators:\n\nGenerating server: mail.example.org\n\n"
      "bob@example.net\nRemote Server returned '400 4.4.7 Message delayed'\n\nOriginal message headers:\n";
  auto pasted = bx::explain(text);
  CHECK(only(pasted).decoded_by == "exchange2007");
  CHECK(only(pasted).action == "delayed");
  CHECK(only(pasted).status == "4.4.7");

  auto with_dsn = bx::explain(
      "From: postmaster@example.org\nSubject: Delivery delayed: hi\nMIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
      "--B\nContent-Type: text/plain\n\n" + text +
      "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mail.example.org\n\n"
      "Final-Recipient: rfc822; bob@example.net\nAction: delayed\nStatus: 4.4.7\n\n--B--\n");
  CHECK(only(with_dsn).decoded_by == "exchange2007");
  CHECK(only(with_dsn).action == "delayed");
  CHECK(only(with_dsn).reply_code == "400");
}

TEST_CASE("exchange2007: Office 365 error details", "[formats][exchange2007]") {
  auto r = bx::explain(mail(
      "From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@example.org>\n"
      "Subject: Undeliverable: hi\n",
      "Your message to bob@example.net couldn't be delivered.\n"
      "bob wasn't found at example.net.\n\n"
      "Original Message Details\n"
      "Created Date:     3/2/2026 9:00:00 AM\n"
      "Sender Address:   alice@example.org\n"
      "Recipient Address:        bob@example.net\n"
      "Subject:  hi\n\n"
      "Error Details\n"
      "Reported error:   550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup\n"
      "DSN generated by: AB1PR01MB0001.example.prod.outlook.com\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "exchange2007");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.reply_code == "550");
  CHECK(rec.status == "5.1.10");
  CHECK(rec.lhost == "AB1PR01MB0001.example.prod.outlook.com");
}

TEST_CASE("gmx: recipient, host and reply under 'The following address failed'", "[formats][gmx]") {
  auto r = bx::explain(mail(
      "From: MAILER-DAEMON@mail.gmx.net\nSubject: Mail delivery failed: returning message to sender\n",
      "This message was created automatically by mail delivery software.\n\n"
      "A message that you sent could not be delivered to one or more of\n"
      "its recipients. This is a permanent error. The following address\nfailed:\n\n"
      "\"bob@example.net\":\n\n"
      "SMTP error from remote server after RCPT command:\n"
      "host: mx.example.net\n"
      "550 5.1.1 <bob@example.net>... User unknown\n\n"
      "--- The header of the original message is following. ---\n\nSubject: hi\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "gmx");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.rhost == "mx.example.net");
  CHECK(rec.reply_code == "550");
  CHECK(rec.smtp_command == "RCPT");
}

TEST_CASE("imailserver: reason then address", "[formats][imailserver]") {
  auto r = bx::explain(mail(
      "From: \"Postmaster\" <postmaster@example.net>\nSubject: Undeliverable Mail\nX-Mailer: <SMTP32 v8.22>\n",
      "Unknown user: bob@example.net\n\nOriginal message follows.\n\nSubject: hi\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "imailserver");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.diagnostic_code == "Unknown user");

  auto e = bx::explain(mail(
      "From: \"Postmaster\" <postmaster@example.net>\nSubject: Undeliverable Mail\nX-Mailer: <SMTP32 v8.22>\n",
      "Delivery failed 20 attempts: carol@example.net\n\nOriginal message follows.\n\nSubject: hi\n"));
  const auto& er = only(e);
  CHECK(er.recipient == "carol@example.net");
  CHECK(er.reason == "expired");
}

TEST_CASE("notes: Failure Reasons block", "[formats][notes]") {
  auto r = bx::explain(mail(
      "From: postmaster@example.net\nSubject: Undeliverable message\n",
      "------- Failure Reasons  --------\n\n"
      "User not listed in public Name & Address Book\n"
      "bob@example.net\n\n"
      "------- Returned Message --------\nSubject: hi\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "notes");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.diagnostic_code == "User not listed in public Name & Address Book");
}

TEST_CASE("mailfoundry: Unable to deliver message to", "[formats][mailfoundry]") {
  auto r = bx::explain(mail(
      "From: MAILER-DAEMON@example.org\nSubject: Message delivery has failed\n",
      "Unable to deliver message to: <bob@example.net>\n"
      "Delivery failed for the following reason:\n"
      "Server mx.example.net[192.0.2.70] failed with: 550 <bob@example.net> No such user here\n\n"
      "This has been a permanent failure.  No further delivery attempts will be made.\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "mailfoundry");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.reply_code == "550");
  CHECK(rec.rhost == "mx.example.net");
  CHECK(rec.diagnostic_code == "550 <bob@example.net> No such user here");
}

TEST_CASE("trendmicro: InterScan's Sent <<< / Received >>>", "[formats][trendmicro]") {
  auto r = bx::explain(mail(
      "From: \"InterScan MSS\" <postmaster@example.org>\nSubject: Delivery failure\n",
      "Sent <<< RCPT TO:<bob@example.net>\n"
      "Received >>> 550 5.1.1 <bob@example.net>... user unknown\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "trendmicro");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.reply_code == "550");
  CHECK(rec.smtp_command == "RCPT");
}

TEST_CASE("apachejames: Error message below / Message details (Verizon's gateway)", "[formats][apachejames]") {
  auto r = bx::explain(mail(
      "From: post_master@vtext.com\nSubject: Re: hi\n",
      "Error: Invalid user address\n\nError message below:\n"
      "550 - Requested action not taken: no such user here\n\n"
      "Message details:\n  Subject: hi\n  MAIL FROM: alice@example.org\n  RCPT TO: bob@example.net\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "apachejames");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.reply_code == "550");
  CHECK(rec.smtp_command == "RCPT");
  CHECK(rec.reason == "userunknown");
}

TEST_CASE("apachejames: James's own notice, details before the error", "[formats][apachejames]") {
  auto r = bx::explain(mail(
      "From: postmaster@mx.example.org\nSubject: [BOUNCE]\n",
      "Hi. This is the James mail server at mx.example.org.\n"
      "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
      "This is a permanent error; I've given up. Sorry it didn't work out.  Below\n"
      "I include the list of recipients and the reason why I was unable to deliver\n"
      "your message.\n\n"
      "Original message details:\n"
      "  Subject: hi\n  Sent date: Mon Mar 02 09:00:00 UTC 2026\n"
      "  MAIL FROM: alice@example.org\n  RCPT TO: bob@example.net\n  Size (in bytes): 512\n\n"
      "Error message below:\n550 5.1.1 <bob@example.net>: Recipient address rejected\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "apachejames");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.status == "5.1.1");
}

TEST_CASE("mdaemon: arrows in the session transcript", "[formats][mdaemon]") {
  auto r = bx::explain(mail(
      "From: MDaemon@mx.example.org\nSubject: Permanent Delivery Failure\n",
      "The attached message had PERMANENT fatal delivery errors!\n\n"
      "After one or more unsuccessful delivery attempts the attached message has\n"
      "been removed from the mail queue on this server.\n\n"
      "YOU SHOULD NOT RESEND THE MESSAGE.\n\n"
      "--- Session Transcript ---\n"
      " Mon 2026-03-02 09:00:00: Parsing message <md50000000001.msg>\n"
      " Mon 2026-03-02 09:00:00: *  From: alice@example.org\n"
      " Mon 2026-03-02 09:00:00: *  To: bob@example.net\n"
      " Mon 2026-03-02 09:00:01: --> MAIL From:<alice@example.org>\n"
      " Mon 2026-03-02 09:00:01: <-- 250 2.1.0 Ok\n"
      " Mon 2026-03-02 09:00:01: --> RCPT To:<bob@example.net>\n"
      " Mon 2026-03-02 09:00:01: <-- 550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown\n"
      "--- End Transcript ---\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "mdaemon");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.reply_code == "550");
  CHECK(rec.status == "5.1.1");
  CHECK(rec.smtp_command == "RCPT");
}

TEST_CASE("groupwise: undeliverable to the following", "[formats][groupwise]") {
  auto r = bx::explain(mail(
      "From: Mail Delivery System <postmaster@example.org>\nSubject: Undeliverable Mail\n",
      "The message that you sent was undeliverable to the following:\n"
      "\tbob@example.net (user not found)\n\n"
      "Possibly truncated original message follows:\n"));
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "groupwise");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.diagnostic_code == "user not found");
}

TEST_CASE("x1 and x3: unnamed gateways", "[formats][x1][x3]") {
  auto x1 = bx::explain(mail(
      "From: \"Mail Deliver System\" <MAILER-DAEMON@example.org>\nSubject: Returned Mail: User unknown\n",
      "The original message was received at Mon, 2 Mar 2026 09:00:00 +0000\nfrom alice@example.org\n\n"
      "---The following addresses had delivery errors---\n\n"
      "bob@example.net [User unknown]\n\n"));
  CHECK(only(x1).decoded_by == "x1");
  CHECK(only(x1).diagnostic_code == "User unknown");

  auto x3 = bx::explain(mail(
      "From: Mail Delivery System <Mail.Delivery.System@mx.example.org>\nSubject: Delivery status notification\n",
      "==========================================\n"
      "  This is an automatically generated Delivery Status Notification.\n\n"
      "Delivery to the following recipients failed permanently:\n\n"
      "  * bob@example.net\n\n"
      "==========================================\n"
      "               Technical details:\n\n"
      "SMTP:RCPT host 192.0.2.80: 550 5.1.1 User unknown\n\n"
      "==========================================\n"));
  const auto& rec = only(x3);
  CHECK(rec.decoded_by == "x3");
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.status == "5.1.1");
}

TEST_CASE("amazonses: bounce, complaint and delivery notifications", "[formats][amazonses]") {
  std::string head = "From: SES <no-reply@sns.amazonaws.com>\nSubject: AWS Notification Message\n";
  auto bounce = bx::explain(mail(head,
      "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\",\"bouncedRecipients\":"
      "[{\"emailAddress\":\"bob@example.net\",\"action\":\"failed\",\"status\":\"5.1.1\","
      "\"diagnosticCode\":\"smtp; 550 5.1.1 user unknown\"}],\"reportingMTA\":\"dsn; a1.example.com\"},"
      "\"mail\":{\"source\":\"alice@example.org\"}}\n--\nIf you wish to stop receiving notifications...\n"));
  const auto& b = only(bounce);
  CHECK(b.decoded_by == "amazonses");
  CHECK(b.recipient == "bob@example.net");
  CHECK(b.status == "5.1.1");
  CHECK(b.reply_code == "550");

  auto complaint = bx::explain(mail(head,
      "{\"notificationType\":\"Complaint\",\"complaint\":{\"complainedRecipients\":[{\"emailAddress\":"
      "\"carol@example.net\"}],\"complaintFeedbackType\":\"abuse\"}}\n"));
  CHECK(only(complaint).reason == "feedback");

  auto delivery = bx::explain(mail(head,
      "{\"notificationType\":\"Delivery\",\"delivery\":{\"recipients\":[\"dave@example.net\"],"
      "\"smtpResponse\":\"250 2.6.0 Message received\"}}\n"));
  CHECK(only(delivery).reason == "delivered");
  CHECK(only(delivery).status == "2.6.0");
  auto envelope = bx::explain(mail(head,
      "{\"Type\" : \"Notification\", \"MessageId\" : \"0001\", \"Message\" : \"{\\\"eventType\\\":\\\"Bounce\\\","
      "\\\"bounce\\\":{\\\"bounceType\\\":\\\"Transient\\\",\\\"bouncedRecipients\\\":[{\\\"emailAddress\\\":"
      "\\\"erin@example.net\\\",\\\"diagnosticCode\\\":\\\"smtp; 452 4.2.2 Mailbox full\\\"}]}}\"}\n"));
  const auto& e = only(envelope);
  CHECK(e.decoded_by == "amazonses");
  CHECK(e.recipient == "erin@example.net");
  CHECK(e.action == "delayed");
  CHECK(e.reply_code == "452");
  // SES's suppression list: its diagnostic recalls why the address was listed ("invalid
  // address"), but SES did not try: the reason is the list (SES's bounceSubType "Suppressed").
  auto listed = bx::explain(mail(head,
      "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\",\"bounceSubType\":\"Suppressed\","
      "\"bouncedRecipients\":[{\"emailAddress\":\"bob@example.net\",\"action\":\"failed\",\"status\":\"5.1.1\","
      "\"diagnosticCode\":\"Amazon SES has suppressed sending to this address because it has a recent history of "
      "bouncing as an invalid address.\"}]}}\n"));
  CHECK(only(listed).reason == "suppressed");
}

TEST_CASE("a DSN returning a vendor bounce is read as the DSN, not as the returned layout", "[formats]") {
  auto r = bx::explain(
      "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\n"
      "To: mailer-daemon@relay.example.com\n"
      "Subject: Undelivered Mail Returned to Sender\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
      "--B\nContent-Type: text/plain\n\nThis is the mail system at host mx.example.org.\n\n"
      "<postmaster@relay.example.com>: host relay.example.com[192.0.2.120] said: 550 5.1.1 No such user\n\n"
      "--B\nContent-Type: message/delivery-status\n\n"
      "Reporting-MTA: dns; mx.example.org\n\n"
      "Final-Recipient: rfc822; postmaster@relay.example.com\nAction: failed\nStatus: 5.1.1\n"
      "Diagnostic-Code: smtp; 550 5.1.1 No such user\n\n"
      "--B\nContent-Type: message/rfc822\n\n"
      "From: Mail Delivery System <Mailer-Daemon@relay.example.com>\nSubject: Mail delivery failed\n\n"
      "This message was created automatically by mail delivery software.\n\n"
      "The following address(es) failed:\n\n  bob@example.net\n    550 5.1.1 User unknown\n\n--B--\n");
  const auto& rec = only(r);
  CHECK(rec.decoded_by == "rfc3464");
  CHECK(rec.recipient == "postmaster@relay.example.com");
}

namespace {

/// A PowerMTA DSN for bob@example.net with the given Status and Diagnostic-Code.
bx::Report powermta_dsn(const std::string& status, const std::string& diagnostic) {
  return bx::explain(
      "From: postmaster@mta.example.org\nSubject: Delivery report\nMIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
      "--B\n\nHello, this is the mail server on mta.example.org.\n\n"
      "  <bob@example.net>  delivery failed; will not continue trying\n\n"
      "--B\nContent-Type: message/delivery-status\n\n"
      "Reporting-MTA: dns;mta.example.org\nX-PowerMTA-VirtualMTA: mta.example.org\n\n"
      "Final-Recipient: rfc822;bob@example.net\nAction: failed\nStatus: " + status + "\n"
      "Remote-MTA: dns;mx.example.net (192.0.2.10)\nDiagnostic-Code: smtp;" + diagnostic + "\n"
      "X-PowerMTA-BounceCategory: bad-mailbox\n\n--B--\n");
}

}  // namespace

TEST_CASE("rfc3464: PowerMTA's bounce category 'bad-mailbox'", "[formats][rfc3464]") {
  // Its code tells a disabled mailbox (X.2.1) from one that does not exist.
  const bx::Record disabled = only(powermta_dsn("5.2.1 (mailbox disabled, not accepting messages)",
                                           "550 5.2.1 <bob@example.net>... User Unknown"));
  CHECK(disabled.recipient == "bob@example.net");
  CHECK(disabled.status == "5.2.1");
  CHECK(disabled.reason == "suspend");
  const bx::Record unknown = only(powermta_dsn("5.0.0 (undefined status)", "554 delivery error: no such account here"));
  CHECK(unknown.reason == "userunknown");
  CHECK(unknown.hard_bounce);
}

TEST_CASE("rfc3464: MessageLabs relays the destination's refusal of the recipient", "[formats][rfc3464]") {
  auto r = bx::explain(
      "From: MAILER-DAEMON@messagelabs.com\nSubject: Mail Delivery Failure\nMIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
      "--B\n\nThis is the mail delivery agent at messagelabs.com.\n\n"
      "I was unable to deliver your message to the following addresses:\n\nbob@example.net\n\n"
      "Reason: 550 bob@example.net... No such user\n\n"
      "--B\nContent-Type: message/delivery-status\n\n"
      "Reporting-MTA: dns; server-1.bemta-2.messagelabs.com\n\n"
      "Action: failed\nStatus: 5.0.0\nRemote-MTA: dns; mx.example.net\n"
      "Diagnostic-Code: smtp; 550 bob@example.net... No such user\nFinal-Recipient: rfc822; bob@example.net\n\n--B--\n");
  const auto& rec = only(r);
  CHECK(rec.recipient == "bob@example.net");
  CHECK(rec.smtp_command == "RCPT");
  CHECK(rec.reason == "userunknown");
}

TEST_CASE("decoders survive truncated and CRLF input", "[formats]") {
  // Every prefix of a layout-rich sample (markers cut mid-way) must decode or decline quietly.
  const std::string sample = mail(
      "From: Mail Delivery System <Mailer-Daemon@mx.example.org>\nSubject: Mail delivery failed\n",
      "This message was created automatically by mail delivery software.\n"
      "The following address(es) failed:\n\n  bob@example.net\n    host mx.example.net [192.0.2.1]: 550 5.1.1 x\n"
      "Hi. This is the qmail-send program\nI'm afraid I wasn't able to deliver your message to the following addresses.\n"
      "<bob@example.net>:\nRemote host said: 550 x\n"
      "   ----- Transcript of session follows -----\n... while talking to mx.example.net.:\n>>> DATA\n<<< 550-5.7.1 a\n<<< 550\n"
      "Diagnostic information for administrators:\n\nbob@example.net\n#550 5.1.1 x ##\nRemote Server returned '\n"
      "Delivery to the following recipient failed permanently:\n\n     bob@example.net\n\nTechnical details of permanent failure:\n"
      "There was an error delivering your mail to <bob@example.net>.\nThis is the DragonFly Mail Agent\n"
      "{\"notificationType\":\"Bounce\",\"bounce\":{\"bouncedRecipients\":[{\"emailAddress\":\"bob@example.net\"\n"
      "bob@example.net x, ERROR_CODE :550, ERROR_CODE :\n[Status: Error, Address: <bob@example.net>, ResponseCode \n"
      "Sent <<< RCPT TO:<bob@example.net>\nReceived >>> \nSMTP Server <x> rejected recipient <bob@example.net> (\n"
      "running the Courier mail server\n<bob@example.net>:\n    mx [192.0.2.1]:\n<<< 550-5.1.1 a\n<<< 5\n"
      "was not delivered to:\n  bob@example.net\nbecause:\n  x\n"
      "This report relates to a message you sent\n  Recipient address: bob@example.net\n  Diagnostic code: smtp;\n"
      "did not reach the following recipient(s):\nbob@example.net on x\n ;l=\n"
      "--- The header of the original message is following. ---\n\"bob@example.net\":\nhost:\n"
      "---The following addresses had delivery errors---\nbob@example.net [\n"
      "------- Failure Reasons\nbob@example.net\n------- Returned Message\n"
      "-------server message\n550\n-------SMTP command\n-------original message\n"
      "Could not be delivered because of\n550 x\nThe following recipients were affected:\n  bob@example.net\nRemote-MTA: <\n"
      "Your mail sent on: x\nCould not be delivered to: <bob@example.net>\n"
      "----- The following addresses had delivery problems -----\nbob@example.net\n----- Non-delivered information -----\n"
      "Technical report:\nFinal-Recipient: rfc822; bob@example.net\nDiagnostic-Code: smtp; 554 x<421\n"
      "Reported error: \nRecipient Address: \nThe response was:\n\nYour message wasn't delivered to \n"
      "--- Session Transcript ---\n x: --> RCPT To:<bob@example.net>\n x: <-- 550 \n"
      "The message that you sent was undeliverable to the following:\n bob@example.net (\n"
      "Delivery has failed to these recipients or groups:\nbob@example.net<mailto:\n");
  for (std::size_t n = 0; n <= sample.size(); n += 7) {
    std::string cut = sample.substr(0, n);
    auto r = bx::explain(cut);
    CHECK(r.records.size() <= 1000);
    std::string crlf;
    for (char ch : cut) crlf += ch == '\n' ? std::string("\r\n") : std::string(1, ch);
    auto r2 = bx::explain(crlf);
    CHECK(r2.records.size() == r.records.size());
  }
}

TEST_CASE("espcsv: bounce lists exported as CSV", "[formats][espcsv]") {
  // Microsoft 365's message trace: a failed row gives no reason.
  auto trace = bx::explain(
      "\"Received\",\"Sender Address\",\"Recipient Address\",\"Subject\",\"Status\",\"Message ID\"\n"
      "\"2026-10-21T13:02:45\",\"ann@example.com\",\"bob@example.net\",\"Invoice, October\",\"Failed\",\"<x@example.com>\"\n"
      "\"2026-10-21T13:03:10\",\"ann@example.com\",\"carl@example.net\",\"Invoice\",\"Delivered\",\"<y@example.com>\"\n");
  const auto& t = only(trace);
  CHECK(t.decoded_by == "espcsv");
  CHECK(t.recipient == "bob@example.net");
  CHECK(t.reason == "undefined");
  // A sending service's export: the event says what happened, the status column holds the code.
  auto esp = bx::explain(
      "email,event,reason,status\n"
      "bob@example.net,bounce,\"550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown\",5.1.1\n"
      "ann@example.net,delivered,,\n"
      "carl@example.net;deferred\n"
      "dora@example.net,deferred,\"421 4.7.0 Try again later\",4.7.0\n");
  REQUIRE(esp.records.size() == 2);
  CHECK(esp.records[0].reason == "userunknown");
  CHECK(esp.records[0].status == "5.1.1");
  CHECK(esp.records[1].recipient == "dora@example.net");
  CHECK(esp.records[1].action == "delayed");
  // Commas in prose are not a header: a notice whose first line has some is read as a notice.
  auto notice = bx::explain("Hello, this is the mail system, sorry, status: failed, email bob@example.net\n"
                            "<bob@example.net>: host mx.example.net said: 550 5.1.1 User unknown\n");
  CHECK(only(notice).decoded_by != "espcsv");
}

TEST_CASE("espwebhook: bounce events of sending services, pasted as JSON", "[formats][espwebhook]") {
  auto sendgrid = bx::explain(
      "[{\"email\":\"bob@example.net\",\"timestamp\":1772442000,\"event\":\"bounce\",\"type\":\"bounce\","
      "\"reason\":\"550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown\",\"status\":\"5.1.1\"},"
      "{\"email\":\"carol@example.net\",\"event\":\"deferred\",\"response\":\"451 4.7.1 Greylisted, try later\"}]");
  REQUIRE(sendgrid.records.size() == 2);
  CHECK(sendgrid.records[0].decoded_by == "espwebhook");
  CHECK(sendgrid.records[0].recipient == "bob@example.net");
  CHECK(sendgrid.records[0].reply_code == "550");
  CHECK(sendgrid.records[1].action == "delayed");
  CHECK(sendgrid.records[1].status == "4.7.1");

  auto mailgun = bx::explain(
      "{\n  \"signature\": {\"token\": \"x\"},\n  \"event-data\": {\"event\": \"failed\", \"severity\": \"permanent\","
      " \"recipient\": \"bob@example.net\", \"delivery-status\": {\"code\": 550, \"message\": \"5.1.1 The email account "
      "that you tried to reach does not exist.\", \"mx-host\": \"mx.example.net\"}}\n}\n");
  const auto& m = only(mailgun);
  CHECK(m.decoded_by == "espwebhook");
  CHECK(m.reply_code == "550");
  CHECK(m.status == "5.1.1");
  CHECK(m.rhost == "mx.example.net");

  auto postmark = bx::explain(
      "{\"RecordType\":\"Bounce\",\"Type\":\"HardBounce\",\"TypeCode\":1,\"Email\":\"bob@example.net\","
      "\"Details\":\"smtp;550 5.1.1 The email account that you tried to reach does not exist.\"}");
  CHECK(only(postmark).decoded_by == "espwebhook");
  CHECK(only(postmark).diagnostic_code == "550 5.1.1 The email account that you tried to reach does not exist.");

  auto mandrill = bx::explain(
      "[{\"event\":\"soft_bounce\",\"msg\":{\"email\":\"bob@example.net\",\"diag\":\"smtp;452 4.2.2 Mailbox full\"}}]");
  CHECK(only(mandrill).action == "delayed");
  CHECK(only(mandrill).reply_code == "452");

  auto sparkpost = bx::explain(
      "[{\"msys\":{\"message_event\":{\"type\":\"bounce\",\"rcpt_to\":\"bob@example.net\",\"raw_reason\":"
      "\"550 5.1.1 <bob@example.net>: Recipient address rejected\",\"error_code\":\"550\"}}}]");
  CHECK(only(sparkpost).recipient == "bob@example.net");
  CHECK(only(sparkpost).status == "5.1.1");

  auto other = bx::explain("{\"event\":\"open\",\"email\":\"bob@example.net\"}");
  for (const auto& rec : other.records) CHECK(rec.decoded_by != "espwebhook");
}

TEST_CASE("espwebhook: Mandrill's rejection list and SES's suppression list are 'suppressed'", "[formats][espwebhook]") {
  auto event = bx::explain("{\"event\":\"reject\",\"msg\":{\"email\":\"bob@example.net\",\"state\":\"rejected\","
                           "\"reject\":{\"reason\":\"hard-bounce\"}}}");
  CHECK(only(event).reason == "suppressed");
  CHECK(only(event).recipient == "bob@example.net");
  auto api = bx::explain("[{\"email\":\"bob@example.net\",\"status\":\"rejected\",\"reject_reason\":\"unsub\"}]");
  CHECK(only(api).reason == "suppressed");
  // Resend's suppressed sub-type.
  auto resend = bx::explain("{\"type\":\"email.bounced\",\"data\":{\"to\":[\"bob@example.net\"],\"from\":"
                            "\"Alice <alice@example.org>\",\"bounce\":{\"message\":\"The recipient's email address is on "
                            "the suppression list\",\"type\":\"Permanent\",\"subType\":\"Suppressed\"}}}");
  CHECK(only(resend).recipient == "bob@example.net");
  CHECK(only(resend).reason == "suppressed");
  // A reject reason that is not a list entry is read as words.
  auto invalid = bx::explain("[{\"email\":\"bob@example.net\",\"status\":\"rejected\",\"reject_reason\":\"invalid-sender\"}]");
  CHECK(only(invalid).reason != "suppressed");
}

TEST_CASE("espwebhook: spam-complaint events are feedback, not failures", "[formats][espwebhook]") {
  // Each service's documented complaint event: SendGrid spamreport, Mailjet spam, Mailgun
  // complained, Postmark SpamComplaint, SparkPost spam_complaint.
  const char* events[] = {
      "{\"event\":\"spamreport\",\"email\":\"bob@example.net\",\"timestamp\":1765000000}",
      "{\"event\":\"spam\",\"email\":\"bob@example.net\",\"source\":\"JMRPP\"}",
      "{\"event-data\":{\"event\":\"complained\",\"recipient\":\"bob@example.net\"}}",
      "{\"RecordType\":\"SpamComplaint\",\"Email\":\"bob@example.net\",\"Type\":\"SpamComplaint\"}",
      "{\"msys\":{\"message_event\":{\"type\":\"spam_complaint\",\"rcpt_to\":\"bob@example.net\"}}}",
  };
  for (const char* event : events) {
    INFO(event);
    auto r = bx::explain(event);
    CHECK(only(r).reason == "feedback");
    CHECK(only(r).recipient == "bob@example.net");
    CHECK(r.status == bx::ReportStatus::Feedback);
  }
}

namespace {

/// An Amazon WorkMail NDR (through SES) for bob@example.net: its "Technical report" has the given
/// Status and Diagnostic-Code.
bx::Report workmail_ndr(const std::string& status, const std::string& diagnostic) {
  return bx::explain(mail(
      "From: MAILER-DAEMON@us-west-2.amazonses.com\nTo: alice@example.org\n"
      "Subject: Delivery Status Notification (Failure)\nMIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=\"----=_Part_1\"\nX-Mailer: Amazon WorkMail\n",
      "------=_Part_1\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 7bit\n\n"
      "An error occurred while trying to deliver the mail to the following recipients:\nbob@example.net\n\n"
      "Technical report:\nReporting-MTA: dsn; a27-23.smtp-out.us-west-2.amazonses.com\n\n"
      "Final-Recipient: RFC822; bob@example.net\nAction: failed\nStatus: " + status + "\n"
      "Diagnostic-Code: smtp; " + diagnostic + "\n\n"
      "------=_Part_1\nContent-Type: message/rfc822\n\n"
      "From: Alice <alice@example.org>\nTo: bob@example.net\nSubject: Quarterly figures\n\nSee attached.\n\n"
      "------=_Part_1--\n"));
}

}  // namespace

TEST_CASE("amazonworkmail: recipients and the technical report", "[formats][amazonworkmail]") {
  auto unknown = workmail_ndr("5.1.1", "550 5.1.1 <bob@example.net>... User Unknown");
  const auto& u = only(unknown);
  CHECK(key_fields(u) == "amazonworkmail bob@example.net 5.1.1 550 userunknown hard");
  CHECK(u.lhost == "a27-23.smtp-out.us-west-2.amazonses.com");

  // SES gave up after retrying: the codes are those of the remote server's last reply, in <...>.
  auto expired = workmail_ndr(
      "4.4.7", "554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed out>");
  CHECK(key_fields(only(expired)) == "amazonworkmail bob@example.net 4.4.2 421 expired soft");
}

namespace {

/// A MailMarshal "Undeliverable Mail" notice: `reply` was the answer for every one of `recipients`
/// (one indented address a line).
bx::Report mailmarshal_notice(const std::string& reply, const std::string& recipients) {
  return bx::explain(mail(
      "From: postmaster@mx.example.com\nTo: alice@example.org\nSubject: Undeliverable Mail: \"Quarterly figures\"\n",
      "Your message:\n   From:    alice@example.org\n   Subject: Quarterly figures\n\n"
      "Could not be delivered because of\n\n" + reply + "\n\n"
      "The following recipients were affected: \n" + recipients + "\n"
      "Additional Information\n======================\n\n"
      "Original Sender:    <alice@example.org>\nSender-MTA:         <192.0.2.5>\n"
      "Remote-MTA:         <192.0.2.20>\nReporting-MTA:      <mx.example.com>\n"
      "MessageName:        <B549996730000.000000000001.0003.mml>\n"
      "Last-Attempt-Date:  <10:00:00 Mon, 02 Mar 2026>\n"));
}

}  // namespace

TEST_CASE("mailmarshal: 'Could not be delivered because of' and the affected recipients", "[formats][mailmarshal]") {
  auto unknown = mailmarshal_notice("550 5.1.1 <bob@example.net>... User unknown", "    bob@example.net\n");
  const auto& u = only(unknown);
  CHECK(key_fields(u) == "mailmarshal bob@example.net 5.1.1 550 userunknown hard");
  CHECK(u.rhost == "192.0.2.20");
  CHECK(u.lhost == "mx.example.com");

  // One reason for several recipients: a record each, with the same reply.
  auto spam = mailmarshal_notice("554 5.7.1 Message rejected: identified as spam",
                                 "    bob@example.net\n    carol@example.net\n");
  REQUIRE(spam.records.size() == 2);
  CHECK(key_fields(spam.records[0]) == "mailmarshal bob@example.net 5.7.1 554 spamdetected soft");
  CHECK(key_fields(spam.records[1]) == "mailmarshal carol@example.net 5.7.1 554 spamdetected soft");
}

namespace {

/// A line of Japanese in ISO-2022-JP, as m-FILTER writes it: `jis` is the JIS X 0208 text
/// between the escape sequences.
std::string iso2022jp(const std::string& jis) { return "\x1b$B" + jis + "\x1b(B\n"; }

/// An m-FILTER "failure notice" (ISO-2022-JP) for bob@example.net: the server's `reply` to
/// `command`, then `original` ("-------original message" or "-------original mail info").
bx::Report mfilter_notice(const std::string& reply, const std::string& command, const std::string& original) {
  return bx::explain(mail(
      "From: Mail Delivery Subsystem <MAILER-DAEMON@mf.example.jp>\nTo: alice@example.org\n"
      "Subject: failure notice\nMIME-Version: 1.0\nContent-Type: text/plain; charset=\"ISO-2022-JP\"\n"
      "Content-Transfer-Encoding: 7bit\nX-Mailer: m-FILTER\n",
      // このメールは「m-FILTER」が自動的に生成して送信しています。 メールサーバーとの通信中、下記の理由により
      // このメールは送信できませんでした。 以下のメールアドレスへの送信に失敗しました。
      "\x1b$B$3$N%a!<%k$O!V\x1b(Bm-FILTER" + iso2022jp("!W$,<+F0E*$K@8@.$7$FAw?.$7$F$$$^$9!#") +
      iso2022jp("%a!<%k%5!<%P!<$H$NDL?.Cf!\"2<5-$NM}M3$K$h$j") + iso2022jp("$3$N%a!<%k$OAw?.$G$-$^$;$s$G$7$?!#") +
      "\n" + iso2022jp("0J2<$N%a!<%k%\"%I%l%9$X$NAw?.$K<:GT$7$^$7$?!#") + "bob@example.net\n\n\n"
      "-------server message\n" + reply + "\n\n-------SMTP command\n" + command + "\n\n" + original + "\n"
      "Received: from [192.0.2.8] by mf.example.jp\nFrom: Alice <alice@example.org>\nTo: bob@example.net\n"
      "Subject: test\n"));
}

}  // namespace

TEST_CASE("mfilter: Japanese failure notice with the server message and the SMTP command", "[formats][mfilter]") {
  auto r = mfilter_notice("550 5.1.1 <bob@example.net>... User unknown", "RCPT TO:<bob@example.net>",
                          "-------original message");
  const auto& rec = only(r);
  CHECK(key_fields(rec) == "mfilter bob@example.net 5.1.1 550 userunknown hard");
  CHECK(rec.smtp_command == "RCPT");
  CHECK(rec.diagnostic_code == "550 5.1.1 <bob@example.net>... User unknown");
}

TEST_CASE("mfilter: only the original's headers returned ('-------original mail info')", "[formats][mfilter]") {
  auto r = mfilter_notice("554 5.7.1 Message rejected: content policy", "DATA", "-------original mail info");
  const auto& rec = only(r);
  CHECK(key_fields(rec) == "mfilter bob@example.net 5.7.1 554 policyviolation soft");
  CHECK(rec.smtp_command == "DATA");
}

namespace {

/// An RFC 5965 feedback report (Feedback-Type: abuse) from a mailbox provider's feedback loop:
/// `from` sends it, `fields` go into the machine-readable part after the standard ones.
bx::Report arf_report(const std::string& from, const std::string& user_agent, const std::string& fields) {
  return bx::explain(mail(
      "From: " + from + "\nTo: fbl@example.com\nSubject: FW: Spring sale: 20% off everything\nMIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=feedback-report; boundary=\"----=_Part_77\"\n",
      "------=_Part_77\nContent-Type: text/plain; charset=us-ascii\n\n"
      "This is an email abuse report for an email message received from IP 192.0.2.25 on "
      "Mon, 02 Mar 2026 09:12:44 +0000.\n"
      "For more information about this format please see http://www.mipassoc.org/arf/.\n\n"
      "------=_Part_77\nContent-Type: message/feedback-report\n\n"
      "Feedback-Type: abuse\nUser-Agent: " + user_agent + "\nVersion: 1\n"
      "Original-Mail-From: <news@example.com>\n" + fields +
      "Arrival-Date: Mon, 02 Mar 2026 09:12:44 +0000\nReporting-MTA: dns; mta1000.mail.example.net\n"
      "Source-IP: 192.0.2.25\nReported-Domain: example.com\n\n"
      "------=_Part_77\nContent-Type: message/rfc822\nContent-Disposition: inline\n\n"
      "Received: from [192.0.2.25] by mta1000.mail.example.net\nFrom: Example News <news@example.com>\n"
      "To: bob@example.net\nSubject: Spring sale: 20% off everything\nMessage-ID: <sale-2026@example.com>\n\n"
      "Buy now!\n\n------=_Part_77--\n"));
}

}  // namespace

TEST_CASE("arf: a complaint from a feedback loop, one record per reported recipient", "[formats][arf]") {
  auto yahoo = arf_report("Yahoo! Mail AntiSpam Feedback <feedback@arf.mail.yahoo.com>", "Yahoo!-Mail-Feedback/2.0",
                          "Original-Rcpt-To: <bob@example.net>\nOriginal-Rcpt-To: <carol@example.net>\n");
  REQUIRE(yahoo.records.size() == 2);
  CHECK(yahoo.records[0].recipient == "bob@example.net");
  CHECK(yahoo.records[1].recipient == "carol@example.net");
  for (const auto& rec : yahoo.records) {
    CHECK(key_fields(rec) == "arf " + rec.recipient + " - - feedback soft");
    CHECK(rec.feedback_type == "abuse");
    CHECK(rec.action.empty());
    CHECK(rec.addresser == "news@example.com");
    CHECK(rec.lhost == "mta1000.mail.example.net");
    CHECK(rec.timestamp == "Mon, 02 Mar 2026 09:12:44 +0000");
  }

  // Microsoft's JMRP names no Original-Rcpt-To: the recipient is the returned message's To.
  auto jmrp = arf_report("staff@hotmail.com", "Microsoft Junk Mail Reporting Program", "");
  const auto& rec = only(jmrp);
  CHECK(key_fields(rec) == "arf bob@example.net - - feedback soft");
  CHECK(rec.feedback_type == "abuse");
}

TEST_CASE("rfc3834: an out-of-office reply is 'vacation', not a failure", "[formats][rfc3834]") {
  auto outlook = bx::explain(mail(
      "From: Bob Example <bob@example.net>\nTo: Alice <alice@example.org>\n"
      "Subject: Automatic reply: Quarterly figures\nMessage-ID: <autoreply-1@example.net>\n"
      "In-Reply-To: <q1@example.org>\nAuto-Submitted: auto-replied\nX-Auto-Response-Suppress: All\n"
      "MIME-Version: 1.0\nContent-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: quoted-printable\n",
      "Hello,\n\nI am out of the office until Monday, 9 March, with limited access to e-mail=\n"
      ". For urgent matters please contact carol@example.net.\n\nBest regards,\nBob\n"));
  const auto& o = only(outlook);
  CHECK(key_fields(o) == "rfc3834 bob@example.net - - vacation soft");
  CHECK(o.action.empty());

  // vacation(1) keeps the subject ("Re: ...") and says "auto-replied (vacation)".
  auto unix_vacation = bx::explain(mail(
      "From: bob@example.net\nTo: alice@example.org\nSubject: Re: Quarterly figures\n"
      "Auto-Submitted: auto-replied (vacation)\nPrecedence: bulk\n",
      "I'm on vacation until March 9 and will read your message when I return.\n"));
  CHECK(key_fields(only(unix_vacation)) == "rfc3834 bob@example.net - - vacation soft");
}

TEST_CASE("rfc3464: a success DSN is 'delivered', not a failure", "[formats][rfc3464]") {
  auto r = bx::explain(mail(
      "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\nTo: alice@example.org\n"
      "Subject: Successful Mail Delivery Report\nMIME-Version: 1.0\nAuto-Submitted: auto-generated (success)\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"7F1E2D3C4B.1772445600/mx.example.org\"\n",
      "--7F1E2D3C4B.1772445600/mx.example.org\nContent-Description: Notification\n"
      "Content-Type: text/plain; charset=us-ascii\n\nThis is the mail system at host mx.example.org.\n\n"
      "Your message was successfully delivered to the destination(s)\nlisted below.\n\n"
      "<bob@example.net>: delivery via mx.example.net[192.0.2.10]:25: 250 2.0.0 Ok:\n    queued as 4F1A2B3C4D\n\n"
      "--7F1E2D3C4B.1772445600/mx.example.org\nContent-Description: Delivery report\n"
      "Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n"
      "X-Postfix-Queue-ID: 7F1E2D3C4B\nArrival-Date: Mon,  2 Mar 2026 09:59:58 +0000 (UTC)\n\n"
      "Final-Recipient: rfc822; bob@example.net\nOriginal-Recipient: rfc822;bob@example.net\nAction: delivered\n"
      "Status: 2.0.0\nRemote-MTA: dns; mx.example.net\nDiagnostic-Code: smtp; 250 2.0.0 Ok: queued as 4F1A2B3C4D\n\n"
      "--7F1E2D3C4B.1772445600/mx.example.org\nContent-Type: text/rfc822-headers\n\n"
      "From: Alice <alice@example.org>\nTo: bob@example.net\nSubject: Quarterly figures\n\n"
      "--7F1E2D3C4B.1772445600/mx.example.org--\n"));
  const auto& rec = only(r);
  CHECK(key_fields(rec) == "rfc3464 bob@example.net 2.0.0 250 delivered soft");
  CHECK(rec.action == "delivered");
  CHECK(rec.explanation.category == "not-a-failure");
}

namespace {

/// The evidence line of a record ("" if it has none).
std::string evidence_line(const bx::Record& rec) { return rec.evidence.empty() ? std::string() : rec.evidence.front().text; }

}  // namespace

TEST_CASE("fragment: a bare SMTP reply line pasted without headers", "[formats][fragment]") {
  const std::string line = "550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown in virtual mailbox table";
  auto r = bx::explain(line);
  const auto& rec = only(r);
  CHECK(key_fields(rec) == "fragment bob@example.net 5.1.1 550 userunknown hard");
  CHECK(rec.diagnostic_code == line);
  CHECK(evidence_line(rec) == line);
}

TEST_CASE("fragment: an SMTP transcript with two recipients, each reply with its own command", "[formats][fragment]") {
  auto r = bx::explain(
      ">>> RCPT TO:<bob@example.net>\n<<< 550 5.1.1 User unknown\n"
      ">>> RCPT TO:<carol@example.org>\n<<< 452 4.2.2 Mailbox full\n");
  REQUIRE(r.records.size() == 2);
  const auto& bob = r.records[0];
  CHECK(key_fields(bob) == "fragment bob@example.net 5.1.1 550 userunknown hard");
  CHECK(bob.smtp_command == "RCPT");
  CHECK(evidence_line(bob) == "<<< 550 5.1.1 User unknown");
  const auto& carol = r.records[1];
  CHECK(key_fields(carol) == "fragment carol@example.org 4.2.2 452 mailboxfull soft");
  CHECK(carol.smtp_command == "RCPT");  // not the command before bob's reply
  CHECK(evidence_line(carol) == "<<< 452 4.2.2 Mailbox full");
}

TEST_CASE("mtalog: Postfix log lines, one recipient each", "[formats][mtalog]") {
  const std::string bob_line =
      "Mar  2 10:00:01 mx postfix/smtp[1234]: 4F1A2B3C: to=<bob@example.net>, relay=mx.example.net[192.0.2.10]:25, "
      "delay=0.5, dsn=5.1.1, status=bounced (host mx.example.net[192.0.2.10] said: 550 5.1.1 <bob@example.net>: "
      "Recipient address rejected: User unknown (in reply to RCPT TO command))";
  const std::string carol_line =
      "Mar  2 10:00:02 mx postfix/smtp[1235]: 5A6B7C8D: to=<carol@example.org>, relay=mx.example.org[192.0.2.11]:25, "
      "delay=0.7, dsn=4.2.2, status=deferred (host mx.example.org[192.0.2.11] said: 452 4.2.2 <carol@example.org>: "
      "Mailbox full (in reply to RCPT TO command))";
  auto r = bx::explain(bob_line + "\n" + carol_line + "\n");
  REQUIRE(r.records.size() == 2);
  const auto& bob = r.records[0];
  CHECK(key_fields(bob) == "mtalog bob@example.net 5.1.1 550 userunknown hard");
  CHECK(bob.smtp_command == "RCPT");
  // The log's closing parenthesis is not part of the server's reply.
  CHECK(bob.diagnostic_code == "550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown (in reply to RCPT TO command)");
  CHECK(evidence_line(bob) == bob_line);
  const auto& carol = r.records[1];
  CHECK(key_fields(carol) == "mtalog carol@example.org 4.2.2 452 mailboxfull soft");
  CHECK(carol.action == "delayed");  // status=deferred: Postfix keeps trying
  CHECK(carol.diagnostic_code == "452 4.2.2 <carol@example.org>: Mailbox full (in reply to RCPT TO command)");
  CHECK(evidence_line(carol) == carol_line);
}

TEST_CASE("fragment: a '> ' quoted notice with a multi-line reply", "[formats][fragment]") {
  auto r = bx::explain(
      "> Delivery to the following recipient failed permanently:\n>\n>      bob@example.net\n>\n"
      "> The mail server said:\n"
      "> 550-5.7.1 [192.0.2.25] Our system has detected that this message is\n"
      "> 550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail,\n"
      "> 550 5.7.1 this message has been blocked.\n");
  const auto& rec = only(r);
  CHECK(key_fields(rec) == "fragment bob@example.net 5.7.1 550 spamdetected soft");
  CHECK(rec.diagnostic_code ==
        "550-5.7.1 [192.0.2.25] Our system has detected that this message is likely unsolicited mail. "
        "To reduce the amount of spam sent to Gmail, this message has been blocked.");
  CHECK(evidence_line(rec) == "> 550-5.7.1 [192.0.2.25] Our system has detected that this message is");
}

TEST_CASE("fragment: a German notice line without codes", "[formats][fragment]") {
  const std::string line = "Die Nachricht an bob@example.net konnte nicht zugestellt werden: Benutzer unbekannt";
  auto r = bx::explain(line + "\n");
  const auto& rec = only(r);
  CHECK(key_fields(rec) == "fragment bob@example.net - - userunknown hard");
  CHECK(evidence_line(rec) == line);
}

TEST_CASE("every decoder says 'not mine' to empty input, junk and an ordinary e-mail", "[formats]") {
  const std::string ordinary = mail(
      "From: Alice <alice@example.org>\nTo: Bob <bob@example.net>\nSubject: Lunch on Friday?\n"
      "Message-ID: <lunch-1@example.org>\n",
      "Hi Bob,\n\nare you free for lunch on Friday at noon? The usual place near the station.\n\n"
      "Failed to reach you by phone; call me at 555 0100.\n\nAlice\n");
  const std::string junk = "\x01\x02zz qq 550 ::: @@@ <<<>>> ----- ===== * * *\n\n>>> <<< 99999\n";
  for (const std::string& input : {std::string(), junk, ordinary}) {
    bx::mime::Message msg = bx::mime::parse(input, bx::Limits{});
    bx::dsn::DeliveryStatus delivery = bx::dsn::parse_delivery_status(msg.delivery_status);
    bx::formats::Context context{msg, delivery, msg.headers.get_decoded("subject"), msg.headers.get_decoded("from")};
    for (const bx::formats::Format& f : bx::formats::registry()) {
      std::vector<bx::formats::Candidate> out;
      INFO(f.id);
      CHECK_FALSE(f.extract(context, out));
      CHECK(out.empty());
    }
  }
}

TEST_CASE("scan: reply lines are found wherever the code stands, and only there", "[formats][scan]") {
  using bx::formats::find_error_reply;
  using bx::formats::is_error_reply_line;
  CHECK(find_error_reply("550 5.1.1 User unknown") == 0);
  CHECK(find_error_reply("> Diagnostic-Code: smtp; 550 5.1.1 User unknown") == 25);
  CHECK(find_error_reply("host mx.example.net said: 452-4.2.2 Mailbox full") == 26);
  CHECK(find_error_reply("Remote Server returned '550 5.7.1 Relay denied'") == 24);
  // In the middle of a line, after white space, a code is the server's when a word hands over to
  // it ("said", "returned", "with") or its enhanced status code follows; a number in prose is not.
  CHECK(find_error_reply("host mx.example.net said 550 mailbox unavailable here") == 25);
  CHECK(find_error_reply("Delivery failed with 550 mailbox unavailable, try later") == 21);
  CHECK(find_error_reply("Delivery to bob@example.com failed 550 mailbox unavailable") == 35);
  CHECK(find_error_reply("Delivery to bob@example.com failed 550 5.1.1 user unknown") == 35);
  CHECK(find_error_reply("The mail system could not deliver your message to 550 recipients at once") == std::string::npos);
  CHECK(find_error_reply("The mail system could not deliver your message to 550 people") == std::string::npos);
  CHECK(find_error_reply("some ordinary text of the notice, line 550 and more words") == std::string::npos);
  // A queue id is not a reply, whatever follows it (Received fields, MTA logs).
  CHECK(find_error_reply("Received: from a.example.org (a.example.org [192.0.2.1]) by b.example.net with ESMTPS id 550 "
                         "(version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384); 7 Dec 2026 10:00:00 +0000") == std::string::npos);
  CHECK(find_error_reply("postfix/smtp: queue id: 450 mailbox busy, deferred for now") == std::string::npos);
  CHECK(find_error_reply("by mx.example.net (Postfix) id=550 (the mailbox is unavailable)") == std::string::npos);
  CHECK(find_error_reply("We tried 5501 times over 45 minutes, id 192.0.2.45 5.1.1") == std::string::npos);
  CHECK(find_error_reply("No code on this line at all, only words and a date 2026-03-02") == std::string::npos);
  CHECK(find_error_reply("550") == std::string::npos);
  CHECK(is_error_reply_line("  >> 421 4.7.0 Try again later"));
  CHECK_FALSE(is_error_reply_line("Hello, this is the mail system"));
}

TEST_CASE("a Received field's queue id in the returned message is not the server's reply", "[formats][scan]") {
  // "with ESMTPS id 550 (version=...)" once became the record's reply 550 and its diagnostic.
  auto r = bx::explain(mail(
      "From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail Returned to Sender\n"
      "Content-Type: multipart/mixed; boundary=\"B\"\n",
      "--B\nContent-Type: text/plain\n\nYour message could not be delivered to bob@example.com.\n\n--B\n"
      "Content-Type: message/rfc822\n\nReceived: from h1.example.net (h1.example.net [192.0.2.1]) by h2.example.net "
      "with ESMTPS id 550 (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384); 7 Dec 2026 10:00:00 +0000\n"
      "From: alice@example.org\nSubject: hi\n\nhello\n--B--\n"));
  const bx::Record& record = only(r);
  CHECK(record.recipient == "bob@example.com");
  CHECK(record.reply_code.empty());
  CHECK(record.diagnostic_code.find("version=TLS1_3") == std::string::npos);
}

TEST_CASE("scan: the SMTP command named first in a text is the one", "[formats][scan]") {
  using bx::formats::find_smtp_command;
  CHECK(find_smtp_command("after DATA; earlier it said in reply to RCPT TO command") == "DATA");
  CHECK(find_smtp_command("in reply to RCPT TO command, then after DATA") == "RCPT");
  CHECK(find_smtp_command("after end of data: 550; after data: 451") == "DATA");
  CHECK(find_smtp_command("after the message, after   MAIL FROM:<a@example.org>") == "MAIL");
  CHECK(find_smtp_command("Sorry. Although I'm listed as a best-preference MX ... refused to talk to me") == "CONN");
  CHECK(find_smtp_command("[mail_from] then [rcpt_to]") == "MAIL");
  CHECK(find_smtp_command("example.net does not like recipient.") == "RCPT");
  CHECK(find_smtp_command("does not like the weather, nor after the fact") == "");
}

TEST_CASE("context: a derived context keeps the marker text only where it would be the same", "[formats][context]") {
  const std::string input = mail("From: MAILER-DAEMON@example.org\nSubject: Undelivered\n",
                                 "Delivery failed.\n\nContent-Type: message/rfc822\n\nSubject: Marker inside\n");
  bx::mime::Message msg = bx::mime::parse(input, bx::Limits{});
  bx::dsn::DeliveryStatus none;
  bx::formats::Context context{msg, none, "", ""};
  REQUIRE(context.marker_text().find("marker inside") != std::string_view::npos);
  REQUIRE(context.body_lines().size() > 3);
  // With a delivery-status part the returned message is cut off the marker text: made anew.
  bx::dsn::DeliveryStatus found = bx::dsn::parse_delivery_status("Reporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822; a@example.net\nAction: failed\nStatus: 5.1.1\n");
  REQUIRE_FALSE(found.empty());
  bx::formats::Context with_part = context.with_dsn(found);
  CHECK(with_part.marker_text().find("marker inside") == std::string_view::npos);
  CHECK(with_part.body_lines() == context.body_lines());
  // Without one either, it is the same text.
  bx::formats::Context without = context.with_dsn(none);
  CHECK(without.marker_text() == context.marker_text());
}

// Log lines written for these tests in each MTA's documented log format.
TEST_CASE("mtalog: Postfix log lines, the last state of each recipient", "[formats][mtalog]") {
  auto r = bx::explain(
      "Mar  2 10:00:01 mx postfix/smtp[711]: 3F2A81C0B5: to=<bob@example.com>, relay=mx.example.com[192.0.2.10]:25, "
      "delay=1.2, delays=0.1/0/0.5/0.6, dsn=4.4.1, status=deferred (connect to mx.example.com[192.0.2.10]:25: "
      "Connection timed out)\n"
      "Mar  2 14:00:01 mx postfix/smtp[712]: 3F2A81C0B5: to=<bob@example.com>, relay=mx.example.com[192.0.2.10]:25, "
      "delay=14400, delays=0.1/0/0.5/0.6, dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.10] said: 550 5.1.1 "
      "<bob@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command))\n"
      "Mar  2 14:00:02 mx postfix/smtp[713]: 4B1C2D3E4F: to=<carol@example.net>, relay=mx.example.net[192.0.2.11]:25, "
      "delay=0.4, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9A8B7C)\n");
  REQUIRE(r.records.size() == 2);
  CHECK(key_fields(r.records[0]) == "mtalog bob@example.com 5.1.1 550 userunknown hard");
  CHECK(r.records[0].smtp_command == "RCPT");
  CHECK(r.records[0].rhost == "mx.example.com");
  CHECK(r.records[1].action == "delivered");
  CHECK(r.status == bx::ReportStatus::Bounce);
}

TEST_CASE("mtalog: a deferral alone is a delay, not a failure", "[formats][mtalog]") {
  auto r = bx::explain(
      "Mar  2 10:00:01 mx postfix/smtp[711]: 3F2A81C0B5: to=<bob@example.com>, relay=none, delay=30, dsn=4.4.1, "
      "status=deferred (connect to mx.example.com[192.0.2.10]:25: Connection refused)\n");
  CHECK(only(r).action == "delayed");
  CHECK(r.status == bx::ReportStatus::Delayed);
}

TEST_CASE("mtalog: Postfix's qmgr 'status=expired' ends the deferrals of its queue entry", "[formats][mtalog]") {
  // qmgr names the sender only; the recipients are those logged under the same queue id.
  auto r = bx::explain(
      "Mar  7 09:00:01 mx postfix/smtp[711]: 3F2A81C0B5: to=<bob@example.com>, relay=none, delay=431000, "
      "dsn=4.4.1, status=deferred (connect to mx.example.com[192.0.2.10]:25: Connection refused)\n"
      "Mar  7 09:00:02 mx postfix/smtp[712]: 9D8E7F6A5B: to=<carol@example.net>, relay=none, delay=30, dsn=4.4.1, "
      "status=deferred (connect to mx.example.net[192.0.2.11]:25: Connection refused)\n"
      "Mar  7 09:30:00 mx postfix/qmgr[101]: 3F2A81C0B5: from=<alice@example.org>, status=expired, returned to sender\n");
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].action == "failed");
  CHECK(r.records[0].reason == "expired");
  CHECK(r.records[1].action == "delayed");  // another queue entry, still being retried
  CHECK(r.status == bx::ReportStatus::Bounce);
}

TEST_CASE("a warning-only notice lists recipients still being retried", "[formats][status]") {
  // Postfix's delay warning (its bounce template's "THIS IS A WARNING ONLY"): the layout decoder
  // reads it like a bounce, the notice's words make its 4xx recipients delayed; a 5xx stays failed.
  const std::string notice =
      "This is the mail system at host mail.example.org.\n\n"
      "####################################################################\n"
      "# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n"
      "####################################################################\n\n"
      "Your message could not be delivered for more than 4 hour(s).\nIt will be retried until it is 5 day(s) old.\n\n"
      "                   The mail system\n\n";
  auto delayed = bx::explain(notice +
                             "<bob@example.com>: host mx.example.com[192.0.2.10] said: 421 4.7.0 Try again later (in\n"
                             "    reply to RCPT TO command)\n");
  CHECK(only(delayed).action == "delayed");
  CHECK(delayed.status == bx::ReportStatus::Delayed);
  auto failed = bx::explain(notice +
                            "<bob@example.com>: host mx.example.com[192.0.2.10] said: 550 5.1.1 User unknown (in\n"
                            "    reply to RCPT TO command)\n");
  CHECK(failed.status == bx::ReportStatus::Bounce);
}

TEST_CASE("mtalog: queue listings (Postfix mailq, exim -bp) are delays", "[formats][mtalog]") {
  auto postfix = bx::explain(
      "-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------\n"
      "3F2A81C0B5*    2210 Mon Dec  7 09:12:40  alice@example.org\n"
      "(connect to mx.example.net[192.0.2.10]:25: Connection timed out)\n"
      "                                         bob@example.net\n"
      "                                         carol@example.net\n\n"
      "-- 3 Kbytes in 1 Request.\n");
  REQUIRE(postfix.records.size() == 2);
  CHECK(postfix.records[0].action == "delayed");
  CHECK(postfix.records[1].recipient == "carol@example.net");
  CHECK(postfix.records[0].diagnostic_code == "connect to mx.example.net[192.0.2.10]:25: Connection timed out");
  CHECK(postfix.status == bx::ReportStatus::Delayed);
  auto exim = bx::explain(
      "18h  4.1K 1tZ3xY-0001Ab-Cd <alice@example.org>\n"
      "          D dave@example.com\n"
      "            erin@example.net\n");
  CHECK(only(exim).recipient == "erin@example.net");  // dave was delivered already
  CHECK(exim.status == bx::ReportStatus::Delayed);
}

TEST_CASE("mtalog: Sendmail, Exim and qmail lines", "[formats][mtalog]") {
  auto sendmail = bx::explain(
      "Mar  2 10:00:01 mx sm-mta[7001]: 45K8A9q1007001: to=<dave@example.org>, delay=00:00:01, mailer=esmtp, "
      "pri=120000, relay=mx.example.org. [192.0.2.12], dsn=5.1.1, stat=User unknown\n");
  CHECK(key_fields(only(sendmail)) == "mtalog dave@example.org 5.1.1 - userunknown hard");
  auto exim = bx::explain(
      "2026-03-02 10:00:01 1tZ3xY-0001Ab-Cd ** erin@example.net R=dnslookup T=remote_smtp H=mx.example.net "
      "[192.0.2.13]: SMTP error from remote mail server after RCPT TO:<erin@example.net>: 552 5.2.2 Mailbox full\n");
  CHECK(key_fields(only(exim)) == "mtalog erin@example.net 5.2.2 552 mailboxfull soft");
  CHECK(only(exim).rhost == "mx.example.net");
  auto qmail = bx::explain(
      "@400000006543a1b2 starting delivery 12: msg 4711 to remote frank@example.com\n"
      "@400000006543a1b3 delivery 12: failure: Sorry,_no_mailbox_here_by_that_name._(#5.1.1)/\n");
  CHECK(key_fields(only(qmail)) == "mtalog frank@example.com 5.1.1 - userunknown hard");
  CHECK(only(qmail).diagnostic_code == "Sorry, no mailbox here by that name. (#5.1.1)");
}

TEST_CASE("exchange2007: the reply in Exchange 2013+'s delivery history line", "[formats][exchange2007]") {
  auto r = bx::explain(
      "Delivery has failed to these recipients or groups:\n\nbob@example.net\nWe stopped trying.\n\n"
      "Diagnostic information for administrators:\n\nGenerating server: mx1.example.org\n\nbob@example.net\n"
      "3/2/2026 10:22:10 AM - Server at mx1.example.org returned '550 5.4.316 Message expired, connection refused'\n"
      "3/2/2026 10:12:04 AM - Server at example.net (192.0.2.20) returned '450 4.4.316 Connection refused'\n");
  CHECK(key_fields(only(r)) == "exchange2007 bob@example.net 5.4.316 550 expired soft");
  CHECK(only(r).diagnostic_code == "550 5.4.316 Message expired, connection refused");
}

TEST_CASE("espwebhook: a Mailjet bounce event's error words", "[formats][espwebhook]") {
  auto r = bx::explain(
      R"({"event":"bounce","time":1772445600,"email":"bob@example.nl","blocked":false,"hard_bounce":true,)"
      R"("error_related_to":"recipient","error":"user unknown","comment":""})");
  CHECK(key_fields(only(r)) == "espwebhook bob@example.nl - - userunknown hard");
}

// Sisimai's MTA modules that have no decoder of their own here: each layout is read by the
// decoder named in its test (the same MTA family), or by one of its own (fml, googleworkspace,
// verizon).

TEST_CASE("activehunter: Active!hunter's Sendmail-like notice is read by the sendmail decoder", "[formats][activehunter]") {
  auto r = bx::explain(mail(
      "From: MAILER-DAEMON@mx.example.org\nTo: alice@example.org\nSubject: Returned mail: see transcript for details\n"
      "X-AHMailID: 0000000123.45678\n",
      "  ----- The following addresses had permanent fatal errors -----\n\n"
      ">>> bob@example.net <bob@example.net>\n\n"
      "  ----- Transcript of session follows -----\n"
      "550 sorry, no mailbox here by that name (#5.1.1 - chkusr)\n\n"
      "Content-Type: message/rfc822\n\nFrom: alice@example.org\nTo: bob@example.net\nSubject: hi\n"));
  const auto& rec = only(r);
  CHECK(key_fields(rec) == "sendmail bob@example.net 5.1.1 550 userunknown hard");
  CHECK(rec.diagnostic_code == "550 sorry, no mailbox here by that name (#5.1.1 - chkusr)");
}

namespace {

/// A 1&1 "Mail delivery failed" notice for bob@example.net: `details` under the address line.
bx::Report einsundeins_notice(const std::string& address_line, const std::string& details) {
  return bx::explain(mail(
      "From: \"Mail Delivery System\" <mailer-daemon@mout.example.net>\nTo: alice@example.org\n"
      "Subject: Mail delivery failed: returning message to sender\n",
      "This message was created automatically by mail delivery software.\n\n"
      "A message that you sent could not be delivered to one or more of\n"
      "its recipients. This is a permanent error. The following address\nfailed:\n\n" +
          address_line + "\n\n" + details + "\n\n"
      "--- The header of the original message is following. ---\n\nFrom: alice@example.org\nTo: bob@example.net\n"));
}

}  // namespace

TEST_CASE("einsundeins: 1&1's notice is read by the gmx decoder (its reason, or the remote reply)", "[formats][einsundeins]") {
  auto size = einsundeins_notice("bob@example.net",
                                 "For the following reason:\n\nMail size limit exceeded. For explanation visit\n"
                                 "https://postmaster.example.net/en/error-messages");
  const auto& s = only(size);
  CHECK(key_fields(s) == "gmx bob@example.net - - mesgtoobig soft");
  CHECK(s.diagnostic_code.rfind("Mail size limit exceeded.", 0) == 0);  // without 1&1's heading

  // "TEXT" is 1&1's word for the DATA stage; the host and the reply may stand on lines of their own.
  auto rejected = einsundeins_notice("    bob@example.net:",
                                     "    SMTP error from remote server for TEXT command,\n"
                                     "    host: mx.example.net (192.0.2.25)\n"
                                     "    reason: 550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown");
  const auto& u = only(rejected);
  CHECK(key_fields(u) == "gmx bob@example.net 5.1.1 550 userunknown hard");
  CHECK(u.smtp_command == "DATA");
  CHECK(u.rhost == "mx.example.net");
}

namespace {

/// A refusal from the fml list manager of list@example.org.
bx::Report fml_notice(const std::string& subject, const std::string& body) {
  return bx::explain(mail(
      "From: list-admin@example.org\nTo: alice@example.org\nSubject: " + subject + "\n"
      "Message-ID: <202603021000.AB1234.FML@example.org>\nX-MLServer: fml [fml 4.0.3 release]\nX-ML-Name: list\n",
      body + "\nOriginal mail as follows:\n\nFrom: alice@example.org\nTo: list@example.org\nSubject: hi\n"));
}

}  // namespace

TEST_CASE("fml: the mailing-list manager refused the post", "[formats][fml]") {
  auto member = fml_notice("NOT MEMBER article from alice@example.org",
                           "You are not a member of this mailing list <list@example.org>.\n\n"
                           "If you know the general guide of this list, please send mail with the mail body\n"
                           "    guide\nto the address\n    <list-ctl@example.org>\n");
  const auto& m = only(member);  // the command address in the explanation is not a second recipient
  CHECK(key_fields(m) == "fml list@example.org - - rejected soft");
  CHECK(evidence_line(m) == "You are not a member of this mailing list <list@example.org>.");

  // The body's words decide first; the Subject when they say nothing fml's rules know.
  auto duplicate = fml_notice("Re: hi", "Duplicated Message-ID: the post to <list@example.org> was seen before\n");
  CHECK(only(duplicate).reason == "notcompliantrfc");
  auto loop = fml_notice("Loop Alert: mail to <list@example.org>", "The post to <list@example.org> came back to the list.\n");
  CHECK(only(loop).reason == "systemerror");

  // Without fml's headers the same text is no fml notice.
  auto plain = bx::explain(mail("From: list-admin@example.org\nSubject: NOT MEMBER article from alice@example.org\n",
                                "You are not a member of this mailing list <list@example.org>.\n"));
  for (const auto& rec : plain.records) CHECK(rec.decoded_by != "fml");
}

namespace {

/// A Google Workspace notice with no RFC 3464 fields; the returned message was sent to `to`.
bx::Report workspace_notice(const std::string& text, const std::string& to) {
  return bx::explain(mail(
      "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nTo: alice@example.org\n"
      "Subject: Delivery Status Notification (Failure)\nMIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=\"gw1\"\n",
      "--gw1\nContent-Type: text/plain; charset=\"UTF-8\"\n\n" + text +
          "\n--gw1\nContent-Type: message/rfc822\n\nFrom: alice@example.org\nTo: " + to + "\nSubject: hi\n\nhello\n--gw1--\n"));
}

}  // namespace

TEST_CASE("googleworkspace: Google's own refusal, the recipient from the returned message", "[formats][googleworkspace]") {
  auto send_as = workspace_notice(
      "** Message not delivered **\n\n"
      "You're sending this from a different address or alias using the 'Send mail as' feature.\n"
      "The settings for your 'Send mail as' account are misconfigured or out of date. Check those settings and try resending.\n\n"
      "The response was:\n"
      "Unspecified Error (SENT_SECOND_EHLO): Smtp server does not advertise AUTH capability\n",
      "Bob <bob@example.net>");
  const auto& s = only(send_as);
  CHECK(s.decoded_by == "googleworkspace");
  CHECK(s.recipient == "bob@example.net");
  CHECK(s.diagnostic_code.find("'Send mail as'") != std::string::npos);
  CHECK(s.diagnostic_code.find("(SENT_SECOND_EHLO)") != std::string::npos);
  REQUIRE(s.evidence.size() >= 2);
  CHECK(s.evidence[0].text == "** Message not delivered **");

  // A notice that names the address is read for it, not for the returned message's To.
  auto missing = workspace_notice(
      "** Address not found **\n\n"
      "Your message wasn't delivered to carol@example.net because the address couldn't be found. "
      "Check for typos or unnecessary spaces and try again.\n",
      "carol@example.net, dave@example.net");
  CHECK(key_fields(only(missing)) == "googleworkspace carol@example.net - - userunknown hard");
}

TEST_CASE("interscanmss: InterScan's refusal without a transcript, and localised arrows", "[formats][interscanmss]") {
  auto unable = bx::explain(mail(
      "From: \"InterScan MSS\" <postmaster@mx.example.org>\nTo: alice@example.org\nSubject: Mail could not be delivered\n",
      "Unable to deliver message to <bob@example.net> (and other recipients in the same domain).\n"));
  const auto& u = only(unable);
  CHECK(key_fields(u) == "trendmicro bob@example.net - - userunknown hard");

  // The Japanese notice (known by its Subject, "mail delivery failed") has its own word before
  // the arrow and points it Sendmail's way; what follows the arrow says which side spoke.
  auto localised = bx::explain(mail(
      "From: postmaster@mx.example.org\nTo: alice@example.org\nSubject: =?UTF-8?B?44Oh44O844Or6YWN5L+h44Gr5aSx5pWX44GX44G+44GX44Gf?=\n"
      "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n",
      "\xE9\x80\x81\xE4\xBF\xA1 >>> RCPT TO:<carol@example.net>\n"       // 送信 (sent)
      "\xE5\x8F\x97\xE4\xBF\xA1 <<< 550 5.1.1 unknown user.\n"));       // 受信 (received)
  const auto& l = only(localised);
  CHECK(key_fields(l) == "trendmicro carol@example.net 5.1.1 550 userunknown hard");
  CHECK(l.smtp_command == "RCPT");
}

TEST_CASE("v5sendmail: Sendmail V5's transcript is read by the sendmail decoder", "[formats][v5sendmail]") {
  auto r = bx::explain(mail(
      "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>\nTo: alice@example.org\n"
      "Subject: Returned mail: User unknown\n",
      "   ----- Transcript of session follows -----\n"
      "While talking to mx.example.net:\n"
      ">>> RCPT To:<bob@example.net>\n"
      "<<< 550 <bob@example.net>, User Unknown\n"
      "550 <bob@example.net>... User unknown\n\n"
      "   ----- Unsent message follows -----\n"
      "From: alice@example.org\nTo: bob@example.net\nSubject: hi\n"));
  const auto& rec = only(r);
  CHECK(key_fields(rec) == "sendmail bob@example.net - 550 userunknown hard");
  CHECK(rec.smtp_command == "RCPT");
  CHECK(rec.rhost == "mx.example.net");  // V5's "While talking to" has no leading "..."
}

TEST_CASE("verizon: the picture-message gateway names the recipients in the original's To", "[formats][verizon]") {
  auto r = bx::explain(mail(
      "From: sysadmin@mms.vzwpix.com\nTo: alice@example.org\nSubject: Message could not be delivered\n",
      "Message could not be delivered to mobile.\n"
      "Error: No valid recipients for this MM\n\n"
      "Original Message:\n"
      "From: Alice <alice@example.org>\n"
      "To: bob@example.net, carol@example.net\n"
      "Subject: hi\n\n"));
  REQUIRE(r.records.size() == 2);
  CHECK(key_fields(r.records[0]) == "verizon bob@example.net - - userunknown hard");
  CHECK(key_fields(r.records[1]) == "verizon carol@example.net - - userunknown hard");
  CHECK(r.records[0].diagnostic_code == "Message could not be delivered to mobile. No valid recipients for this MM");

  // The same words from another sender are not Verizon's gateway.
  auto other = bx::explain(mail("From: sysadmin@example.org\nSubject: Message could not be delivered\n",
                                "Message could not be delivered to mobile.\nError: No valid recipients for this MM\n\n"
                                "Original Message:\nTo: bob@example.net\n"));
  for (const auto& rec : other.records) CHECK(rec.decoded_by != "verizon");
}

TEST_CASE("x2: the unnamed MTA's '<address>:' blocks are read by the qmail decoder", "[formats][x2]") {
  auto r = bx::explain(mail(
      "From: MAILER-DAEMON@mx.example.org\nTo: alice@example.org\nSubject: failure delivery\n",
      "Message from example.org.\n"
      "Unable to deliver message to the following address(es).\n\n"
      "<bob@example.net>:\n"
      "This user doesn't have a example.net account (bob@example.net) [0]\n\n"
      "--- Original message follows.\n\nFrom: alice@example.org\nTo: bob@example.net\n"));
  const auto& rec = only(r);
  CHECK(key_fields(rec) == "qmail bob@example.net - - userunknown hard");
  CHECK(rec.diagnostic_code == "This user doesn't have a example.net account (bob@example.net) [0]");
}

TEST_CASE("arf: the report's fields pasted alone are a feedback report", "[formats][arf]") {
  auto r = bx::explain("Feedback-Type: abuse\nUser-Agent: ExampleFBL/1.0\nVersion: 1\n"
                       "Original-Rcpt-To: <carol@example.net>\nSource-IP: 192.0.2.19\n");
  CHECK(key_fields(only(r)) == "arf carol@example.net - - feedback soft");
  CHECK(r.status == bx::ReportStatus::Feedback);
}

TEST_CASE("mtalog: a qmail delivery line without its starting line", "[formats][mtalog]") {
  auto r = bx::explain("@400000006543a1b3 delivery 7: deferral: Sorry,_I_wasn't_able_to_establish_an_SMTP_connection._(#4.4.1)/\n");
  CHECK(only(r).action == "delayed");
  CHECK(only(r).recipient.empty());
  CHECK(r.status == bx::ReportStatus::Delayed);
}
