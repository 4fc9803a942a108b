// Notices as people paste them: recognised by what they say in any language the KB speaks
// (kb/notices.json, the reasons' phrases), the recipient taken where the text names it, and
// messages about delivery that are not failures given their own status. Texts written for these
// tests in the providers' and MTAs' usual wording (example.com addresses).
#include <catch2/catch.hpp>

#include <string>

#include "bx/explain.hpp"

namespace {

struct Outcome {
  std::string status, recipient, reason, action, tier, basis;
};

Outcome read(const std::string& text) {
  bx::Report r = bx::explain(text);
  Outcome o{bx::to_string(r.status), "", "", "", "", ""};
  if (!r.records.empty()) {
    const bx::Record& rec = r.records.front();
    o.recipient = rec.recipient;
    o.reason = rec.reason;
    o.action = rec.action;
    o.tier = rec.confidence_tier;
    o.basis = rec.confidence_basis;
  }
  return o;
}

}  // namespace

TEST_CASE("a notice that does not say why is a bounce whose cause is not stated", "[notices]") {
  Outcome o = read("Your message wasn't delivered because the recipient's email provider rejected it.\n");
  CHECK(o.status == "bounce");
  CHECK(o.reason == "undefined");
  CHECK(o.tier == "best_guess");
  CHECK(o.basis == "the notice does not say why");
}

TEST_CASE("the recipient is taken where the notice names it", "[notices]") {
  Outcome outlook = read("Your message to bob@example.com couldn't be delivered.\nbob wasn't found at example.com.\n");
  CHECK(outlook.recipient == "bob@example.com");
  CHECK(outlook.reason == "userunknown");
  Outcome exchange = read("Delivery has failed to these recipients or groups:\n\nCarol Example (carol@example.net)\n"
                          "The email address you entered couldn't be found.\n");
  CHECK(exchange.recipient == "carol@example.net");
  // The sender quoted in the notice is not a recipient.
  Outcome quoted = read("From: Alice <alice@example.org>\nYour message to dave@example.com could not be delivered.\n");
  CHECK(quoted.recipient == "dave@example.com");
}

TEST_CASE("notices and key phrases in other languages", "[notices][i18n]") {
  CHECK(read("Die Nachricht an anna@example.de konnte nicht zugestellt werden: Postfach voll.\n").reason == "mailboxfull");
  CHECK(read("Postfach voll\n").reason == "mailboxfull");
  CHECK(read("Votre message n'a pas pu être remis à luc@example.fr : utilisateur inconnu.\n").reason == "userunknown");
  CHECK(read("宛先不明\n").reason == "userunknown");
  CHECK(read("ЯЩИК ПЕРЕПОЛНЕН\n").reason == "mailboxfull");  // capitals fold like the KB's small letters
  CHECK(read("发给 wang@example.cn 的邮件被退回：收件人域名不存在。\n").reason == "hostunknown");
  CHECK(read("发给 wang@example.cn 的邮件被退回：收件人域名不存在。\n").recipient == "wang@example.cn");
}

TEST_CASE("a reply repeated later with its words: the later one is the cause", "[notices]") {
  // Microsoft's new-style NDR gives the bare code first ("Status code:") and the whole reply
  // under "Error Details"; the whole reply names the cause, and its code is Microsoft's own.
  Outcome o = read("Your message to staff@example.org couldn't be delivered.\n\nMore Info for Email Admins\n"
                   "Status code: 550 5.7.133\n\nError Details\nError: 550 5.7.133 "
                   "RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication required\n");
  CHECK(o.recipient == "staff@example.org");
  CHECK(o.reason == "rejected");
}

TEST_CASE("in a short paste, the sentence that says most decides, not the heading", "[notices]") {
  // Gmail's heading "Address not found" is the same for a wrong user and a wrong domain.
  CHECK(read("Address not found\n\nYour message wasn't delivered to li@examplle.com because the domain examplle.com "
             "couldn't be found. Check for typos or unnecessary spaces and try again.\n")
            .reason == "hostunknown");
  CHECK(read("Address not found\n\nYour message wasn't delivered to li@example.com because the address couldn't be "
             "found, or is unable to receive mail.\n")
            .reason == "userunknown");
}

TEST_CASE("a notice that the queue lifetime ran out makes a connection failure an expiry", "[notices]") {
  // Sendmail's final notice: the recipient's last error was a timeout, the notice says the
  // message is dropped from the queue. A name that never resolved stays a network error.
  const std::string head = "   ----- The following addresses had permanent fatal errors -----\n<lab@example.org>\n\n"
                           "   ----- Transcript of session follows -----\n";
  const std::string tail = "Message could not be delivered for 5 days\nMessage will be deleted from queue\n";
  CHECK(read(head + "<lab@example.org>... Deferred: Connection timed out with mx.example.org.\n" + tail).reason == "expired");
  CHECK(read(head + "<lab@example.org>... Deferred: Name server: example.org.: host name lookup failure\n" + tail).reason ==
        "networkerror");
}

TEST_CASE("a reply that refuses the sender names the sender, not the recipient", "[notices]") {
  Outcome o = read("<bob@example.net>: host mx.example.net[192.0.2.1]\n    said: 553 5.7.1 <alice@example.org>: Sender "
                   "address rejected: not owned by user (in reply to RCPT TO command)\n");
  CHECK(o.recipient == "bob@example.net");
  CHECK(o.reason == "rejected");
}

TEST_CASE("a program's exception that quotes the server's status", "[notices]") {
  // .NET's SmtpFailedRecipientException puts the server's reply after "The server response was:".
  Outcome o = read("Unhandled exception. System.Net.Mail.SmtpFailedRecipientException: Exceeded storage allocation. "
                   "The server response was: 5.2.2 <kim@example.com>: user is over quota\n"
                   "   at System.Net.Mail.SmtpTransport.SendMail(MailAddress sender, MailAddressCollection recipients)\n"
                   "   at System.Net.Mail.SmtpClient.Send(MailMessage message)\n"
                   "   at Program.Main(String[] args) in /src/Program.cs:line 31\n");
  CHECK(o.status == "bounce");
  CHECK(o.recipient == "kim@example.com");
  CHECK(o.reason == "mailboxfull");
}

TEST_CASE("words in order with a few words between them", "[notices][gaps]") {
  CHECK(read("The mailbox for user erin@example.com is full.\n").reason == "mailboxfull");
  // Too far apart, the words are no longer one statement.
  CHECK(read("mailbox: erin@example.com, your order of 12 April for the office chairs is full of surprises\n").status ==
        "not_a_bounce");
}

TEST_CASE("messages about delivery that are not failures", "[notices][status]") {
  Outcome delay = read("Delivery incomplete\n\nThere was a temporary problem delivering your message to "
                       "frank@example.com. Gmail will retry for 46 more hours. You'll be notified if the delivery "
                       "fails permanently.\n");
  CHECK(delay.status == "delayed");
  CHECK(delay.action == "delayed");
  CHECK(delay.recipient == "frank@example.com");
  CHECK(read("I am out of the office until 12 March with limited access to email.\n").status == "auto_reply");
  CHECK(read("Ich bin bis zum 12. März nicht im Büro.\n").status == "auto_reply");
  CHECK(read("Your message to grace@example.com is held until you verify that you are a human: follow the link "
             "below.\n")
            .status == "challenge");
  CHECK(read("450 4.2.0 <henry@example.com>: Recipient address rejected: Greylisted, please try again later\n").status ==
        "delayed");
}

TEST_CASE("a delivery receipt is not a failure", "[notices][status]") {
  CHECK(read("Your message has been delivered to the following recipients:\n\nIvy Example (ivy@example.com)\n").status ==
        "delivered");
  CHECK(read("Delivery to these recipients or groups is complete, but no delivery notification was sent by the "
             "destination server:\n\njack@example.com\n")
            .status == "delivered");
  // Exchange's relay notice in German, and an Italian certified-mail (PEC) receipt of delivery.
  CHECK(read("Die Zustellung an diese Empfänger oder Gruppen ist abgeschlossen, vom Zielserver wurde jedoch keine "
             "Zustellungsbenachrichtigung gesendet:\n\njack@example.com\n")
            .status == "delivered");
  CHECK(read("Ricevuta di avvenuta consegna\n\nIl messaggio \"Offerta\" proveniente da \"a@pec.example.it\" ed "
             "indirizzato a \"jack@pec.example.com\" è stato consegnato nella casella di destinazione.\n")
            .status == "delivered");
}

TEST_CASE("a certified-mail (PEC) notice of non-delivery is a bounce for its addressee", "[notices][i18n]") {
  Outcome pec = read("Avviso di mancata consegna\n\nNel messaggio \"Offerta\" proveniente da \"anna@pec.example.it\" ed "
                     "indirizzato a \"jack@pec.example.com\" è stato rilevato un errore 5.1.1 - Utente non trovato.\n"
                     "Il messaggio non è stato consegnato.\n");
  CHECK(pec.status == "bounce");
  CHECK(pec.recipient == "jack@pec.example.com");
  CHECK(pec.reason == "userunknown");
}

TEST_CASE("challenge-response services that hold a message until the sender is approved", "[notices][status]") {
  CHECK(read("Your message to kim@example.com has been placed in her Boxbe Waiting List. It will be delivered once she "
             "approves you as a sender.\n")
            .status == "challenge");
  CHECK(read("To control spam, I now allow incoming messages only from senders I have approved beforehand.\n").status ==
        "challenge");
}

TEST_CASE("a message that is about another kind of delivery is not a bounce", "[notices][status]") {
  CHECK(read("From: Parcel Service <noreply@parcels.example.com>\nSubject: Delivery attempt failed\n\n"
             "We could not deliver your parcel today. Delivery failed: nobody was home.\n")
            .status == "not_a_bounce");
  CHECK(read("This file does not exist\n").status == "not_a_bounce");
  // Pasted without headers, in other languages: a parcel that "could not be delivered".
  CHECK(read("Betreff: Zustellung fehlgeschlagen\n\nIhr Paket konnte heute nicht zugestellt werden. "
             "Der Zusteller versucht es morgen erneut.\n")
            .status == "not_a_bounce");
  CHECK(read("Encomenda não entregue: destinatário ausente. Nova tentativa amanhã.\n").status == "not_a_bounce");
  // The same words about an e-mail stay a bounce.
  CHECK(read("Ihre Nachricht konnte nicht zugestellt werden: das Postfach des Empfängers ist voll.\n").status == "bounce");
}

TEST_CASE("a notice's sentence wrapped over two lines is read as one", "[notices]") {
  // Postfix's template, translated by a host and wrapped at 72 columns.
  Outcome o = read(
      "Siamo spiacenti di informarla che il suo messaggio non è stato\n"
      "recapitato a uno o più destinatari.\n\n"
      "<anna@example.it>: message size 31457280 exceeds size limit 20971520\n"
      "    of server mx.example.it[192.0.2.7]\n");
  CHECK(o.status == "bounce");
  CHECK(o.recipient == "anna@example.it");
  CHECK(o.reason == "mesgtoobig");
}

TEST_CASE("a program that gives up on a temporary reply has failed to send", "[notices][client]") {
  // Symfony Mailer and Python's smtplib do not queue: the 4xx ends the attempt.
  Outcome symfony = read(
      "Expected response code \"250/251/252\" but got code \"452\", with message \"452 4.2.2 <ana@example.com>: "
      "Mailbox over quota\".\n");
  CHECK(symfony.status == "bounce");
  CHECK(symfony.action == "failed");
  CHECK(symfony.reason == "mailboxfull");
  // The same reply in an MTA's log is a deferral.
  Outcome log = read("450 4.2.2 <ana@example.com>: Mailbox over quota\n");
  CHECK(log.status == "delayed");
}

TEST_CASE("a port number after a colon is not a reply code", "[notices][client]") {
  Outcome o = read(
      "$ curl -v smtp://smtp.example.net:587 --mail-from a@example.net --mail-rcpt bob@example.org -T m.eml\n"
      "> RCPT TO:<bob@example.org>\n"
      "< 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in virtual alias table\n"
      "curl: (55) RCPT failed: 550\n");
  CHECK(o.recipient == "bob@example.org");
  CHECK(o.reason == "userunknown");
}

TEST_CASE("the domain that could not be found decides between address and domain", "[notices]") {
  // Gmail heads both with "Address not found".
  Outcome o = read(
      "Address not found\n"
      "Your message wasn't delivered to bob@example-typo.com because the domain example-typo.com couldn't be "
      "found. Check for typos or unnecessary spaces and try again.\n");
  CHECK(o.reason == "hostunknown");
  // Exim's router: no route to the domain (Sisimai: hostunknown).
  Outcome exim = read(
      "This message was created automatically by mail delivery software.\n\n"
      "A message that you sent could not be delivered to one or more of its\n"
      "recipients. This is a permanent error. The following address(es) failed:\n\n"
      "  bob@example.invalid\n"
      "    Unrouteable address\n");
  CHECK(exim.reason == "hostunknown");
}

TEST_CASE("Postfix's success notice is a delivery receipt", "[notices][status]") {
  Outcome o = read(
      "This is the mail system at host mx.example.net.\n\n"
      "Your message was successfully delivered to the destination(s)\n"
      "listed below. If the message was delivered to mailbox you will\n"
      "receive no further notifications.\n\n"
      "<bob@example.net>: delivery via local: delivered to mailbox\n");
  CHECK(o.status == "delivered");
}

TEST_CASE("a heading gives way to the sentence under it", "[notices]") {
  // Gmail's notice as its app shows it, with the sender line above the heading.
  Outcome o = read(
      "Mail Delivery Subsystem\nto me\n\n"
      "Address not found\n"
      "Your message wasn't delivered to orders@example-farm.co because the domain example-farm.co couldn't be "
      "found. Check for typos or unnecessary spaces and try again.\n\nLEARN MORE\n");
  CHECK(o.recipient == "orders@example-farm.co");
  CHECK(o.reason == "hostunknown");
}

TEST_CASE("a reply that only says the message was not delivered states no cause", "[notices]") {
  Outcome o = read("Delivery has failed to these recipients or groups:\n\nbob@example.com\n\n"
                   "Remote Server returned '550 Message not delivered'\n");
  CHECK(o.status == "bounce");
  CHECK(o.reason == "undefined");
}

TEST_CASE("a delay notice that says when it would fail for good is still a delay", "[notices][i18n]") {
  // Gmail's delay notice promises a notification "if delivery fails permanently", in every language.
  Outcome o = read(
      "Consegna incompleta\n\n"
      "Si è verificato un problema temporaneo durante la consegna del tuo messaggio a anna@example.it. Gmail "
      "riproverà per altre 40 ore. Riceverai una notifica se la consegna non andrà a buon fine in modo permanente.\n\n"
      "La risposta del server remoto è stata:\n\n451 4.3.0 Temporary lookup failure\n");
  CHECK(o.status == "delayed");
  // Exim's translated notice of a permanent error stays a failure.
  Outcome exim = read(
      "Un messaggio che hai inviato non ha potuto essere recapitato a uno o più destinatari. Si tratta di un "
      "errore permanente.\n\n  anna@example.it\n    451 4.3.0 Temporary lookup failure\n");
  CHECK(exim.status == "bounce");
}

TEST_CASE("'mail from' in a server's prose is not the MAIL FROM command", "[notices]") {
  Outcome o = read(
      "Sorry, we were unable to deliver your message to the following address.\n\n"
      "<tony@aol.example>:\n"
      "554: 5.7.1 Recipient is only accepting mail from specific email addresses\n");
  CHECK(o.reason == "filtered");
}

TEST_CASE("a recipient's own refusal settings, in Japanese and Czech", "[notices][i18n]") {
  CHECK(read("送信したメールは相手先の受信拒否設定により配信されませんでした。\n宛先：taro@example.jp\n").reason == "filtered");
  CHECK(read("Zpráva nebyla doručena příjemci karel@example.cz.\nDůvod: příjemce odmítá zprávy od tohoto odesílatele.\n")
            .reason == "filtered");
}

TEST_CASE("the address that leads a Postfix paragraph is its recipient", "[notices]") {
  // The reply quotes the original sender; Postfix names the recipient first.
  Outcome o = read(
      "<ops@example.com>: host mx.example.com[192.0.2.7]\n"
      "    said: 554 5.7.1 The message from (<news@example.net>) with the subject of (Weekly)\n"
      "    matches a profile the Internet community may consider spam. (in reply to end of DATA command)\n");
  CHECK(o.recipient == "ops@example.com");
  CHECK(o.reason == "spamdetected");
}

TEST_CASE("Python's smtplib names every refused recipient with its own reply", "[notices][client]") {
  bx::Report r = bx::explain(
      "smtplib.SMTPRecipientsRefused: {'ana@example.com': (550, b'5.1.1 <ana@example.com>: Recipient address "
      "rejected: User unknown'), 'joe@example.com': (452, b'4.2.2 Mailbox full')}\n");
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].recipient == "ana@example.com");
  CHECK(r.records[0].reason == "userunknown");
  CHECK(r.records[1].recipient == "joe@example.com");
  CHECK(r.records[1].reason == "mailboxfull");
  // Not a dict of refusals: a quote before ": (" that closes nothing, at the very start.
  CHECK_NOTHROW(bx::explain("': (550, b'x')\n\": (\n'a@b.c': (55"));
}

TEST_CASE("a Gmail notice forwarded with its lines quoted", "[notices]") {
  Outcome o = read(
      "---------- Forwarded message ---------\n"
      "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
      "Subject: Delivery Status Notification (Failure)\n\n"
      "> Address not found\n>\n"
      "> Your message wasn't delivered to pieter@example.nl because the address\n"
      "> couldn't be found, or is unable to receive mail.\n>\n"
      "> The response from the remote server was:\n"
      "> 550 5.1.1 Recipient unknown\n");
  CHECK(o.recipient == "pieter@example.nl");
  CHECK(o.reason == "userunknown");
}
