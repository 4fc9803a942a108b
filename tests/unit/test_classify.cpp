#include <catch2/catch.hpp>

#include "bx/explain.hpp"
#include "classify/classifier.hpp"
#include "dsn/delivery_status.hpp"
#include "formats/scan.hpp"
#include "kb/kb.hpp"
#include "mime/mime.hpp"

namespace bx::formats {
bool extract_rfc3464(const Context& context, std::vector<Candidate>& out);  // formats/rfc3464.cpp
}

using bx::formats::Candidate;

namespace {

Candidate make(std::string status, std::string diagnostic, std::string command = "") {
  Candidate c;
  c.recipient = "bob@example.com";
  c.status = std::move(status);
  c.diagnostic = std::move(diagnostic);
  c.smtp_command = std::move(command);
  return c;
}

std::string reason_of(const Candidate& c) { return bx::classify::classify(c).reason; }

/// The reason the whole pipeline gives to a pasted line.
std::string explained(const std::string& line) {
  bx::Report r = bx::explain(line);
  return r.records.empty() ? "no record" : r.records.front().reason;
}

/// The RFC 3464 decoder alone (vendor decoders, tried first in explain(), may claim a message).
std::vector<Candidate> rfc3464_only(const std::string& eml) {
  bx::mime::Message msg = bx::mime::parse(eml, bx::Limits{});
  bx::dsn::DeliveryStatus ds = bx::dsn::parse_delivery_status(msg.delivery_status);
  bx::formats::Context context{msg, ds, msg.headers.get_decoded("subject"), msg.headers.get_decoded("from")};
  std::vector<Candidate> out;
  bx::formats::extract_rfc3464(context, out);
  return out;
}

}  // namespace

TEST_CASE("real-looking replies classify to their reason", "[classify]") {
  CHECK(explained("550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in virtual mailbox table") ==
        "userunknown");
  CHECK(explained("552 5.2.2 <bob@example.com>: Mailbox full") == "mailboxfull");
  CHECK(explained("452 4.2.2 The email account that you tried to reach is over quota. - gsmtp") == "mailboxfull");
  CHECK(explained("552 5.3.4 Message size exceeds fixed limit") == "mesgtoobig");
  // Domino's own words, as Sisimai's Domino decoder reads them.
  CHECK(reason_of(make("", "Cannot route mail to user (bob@example.com)")) == "filtered");
  CHECK(reason_of(make("", "Several matches found in Domino Directory")) == "systemerror");
  CHECK(reason_of(make("", "Utilisateur bob non répertorié dans l'annuaire Domino")) == "userunknown");
  // GoDaddy's wording, also used without its IB code.
  CHECK(explained("552 This message has been rejected due to content judged to be spam by the internet community.") ==
        "spamdetected");
  CHECK(explained("554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org") == "blocked");
  CHECK(explained("550 5.7.1 Relaying denied") == "norelaying");
  CHECK(explained("553 5.1.2 We weren't able to find the recipient domain. - gsmtp") == "hostunknown");
  CHECK(explained("556 5.1.10 <bob@example.com>: Recipient address rejected: Domain example.com does not accept mail "
                  "(nullMX)") == "notaccept");
  CHECK(explained("550 5.1.8 <alice@example.net>: Sender address rejected: Domain not found") == "rejected");
  CHECK(explained("550 5.4.7 QUEUE.Expired; message expired") == "expired");
  CHECK(explained("451 Temporary local problem - please try later") == "systemerror");  // Exim
  CHECK(explained("550 permanent failure for one or more recipients (bob@example.com:blocked)") == "blocked");
  // Gmail refuses a client IP for direct delivery: a block, not relaying (nothing is relayed).
  CHECK(explained("550 5.7.1 The IP you're using to send mail is not authorized to send email directly to our "
                  "servers. Please use the SMTP relay at your service provider instead. - gsmtp") == "blocked");
}

TEST_CASE("a code of a definite reason wins, unless the words name an earlier one", "[classify]") {
  // Sisimai's first pass: mailbox full is tried before user unknown, by code or by words.
  CHECK(reason_of(make("5.1.1", "550 5.1.1 <bob@example.com>... Mailbox full")) == "mailboxfull");
  CHECK(reason_of(make("5.1.1", "550 5.1.1 <bob@example.com>... User unknown")) == "userunknown");
  CHECK(reason_of(make("5.2.2", "552 5.2.2 User unknown")) == "mailboxfull");
  // An address code whose words are only about the sender is a sender rejection.
  CHECK(reason_of(make("5.1.0", "550 5.1.0 <alice@example.org> sender rejected")) == "rejected");
  // So is a syntax-error code whose words reject the sender; about the recipient it stays syntax.
  CHECK(explained("504 5.5.2 <alice>: Sender address rejected: need fully-qualified address") == "rejected");
  CHECK(explained("504 5.5.2 <bob>: Recipient address rejected: need fully-qualified address") == "syntaxerror");
  // A 5.1.1 whose text is about a block is the block.
  CHECK(reason_of(make("5.1.1", "550 5.1.1 Client host blocked using bl.spamcop.net")) == "blocked");
  // ... and one whose text is about a rate limit is the rate limit (Comcast's 4.1.1).
  CHECK(reason_of(make("4.1.1", "452 4.1.1 <bob@example.com> too many recent messages")) == "speeding");
}

TEST_CASE("the SMTP command decides what 'user unknown' means", "[classify]") {
  CHECK(reason_of(make("5.0.0", "550 Unknown user bob@example.com", "RCPT")) == "userunknown");
  CHECK(reason_of(make("5.0.0", "550 Unknown user bob@example.com", "DATA")) == "filtered");
  // The reply itself may say the command ("[RCPT_TO]", "does not like recipient").
  CHECK(reason_of(make("", "Remote host said: 550 User unknown [RCPT_TO]")) == "userunknown");
  // Before MAIL FROM no sender was named: a sender-rejection wording there judges the client.
  CHECK(reason_of(make("", "550 Administrative prohibition", "MAIL")) == "rejected");
  CHECK(reason_of(make("", "550 Administrative prohibition", "EHLO")) == "blocked");
}

TEST_CASE("retry-able codes give way to words; code and words that agree decide", "[classify]") {
  CHECK(reason_of(make("4.4.7", "554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection "
                                "timed out>")) == "expired");
  CHECK(reason_of(make("5.7.1", "550 5.7.1 Message rejected as spam by Content Filtering")) == "spamdetected");
  CHECK(reason_of(make("4.0.0", "DNS Error: DNS type 'mx' lookup of example.jp responded with code NXDOMAIN Domain "
                                "name not found")) == "networkerror");
  // X.3.1 "mail system full" is also the generic temporary code of some servers (Zoho):
  // explicit words decide, and without them it stays a full system.
  CHECK(explained("452 4.3.1 Temporary System Error") == "systemerror");
  CHECK(explained("452 4.3.1 Insufficient system storage") == "systemfull");
  CHECK(explained("452 4.3.1 Please try again later") == "systemfull");
}

TEST_CASE("a phrase inside a longer phrase or boilerplate does not count", "[classify]") {
  CHECK(reason_of(make("", "retry timeout exceeded")) == "expired");
  CHECK(reason_of(make("5.7.1", "Google tried to deliver your message, but it was rejected by the recipient domain. "
                                "The error that the other server returned was: 554 5.7.1 Client host blocked using "
                                "cbl.abuseat.org")) == "blocked");
}

TEST_CASE("last resorts follow the code class, the action and the diagnostic type", "[classify]") {
  Candidate local_mailer = make("5.1.1", "procmail: Couldn't create \"/var/spool/mail/bob\"");
  local_mailer.diagnostic_type = "X-Unix";
  CHECK(reason_of(local_mailer) == "mailererror");
  // Postfix types a remote server's refusal at connect time as X-Postfix: it is still SMTP.
  Candidate refused = make("4.0.0", "connect to mx.example.com[192.0.2.1]: server refused to talk to me: 421 Service "
                                    "not available, closing transmission channel");
  refused.diagnostic_type = "X-Postfix";
  bx::formats::complete_codes(refused);
  CHECK(reason_of(refused) == "blocked");
  CHECK(reason_of(make("5.6.9", "554 5.6.9 something odd")) == "contenterror");
  CHECK(reason_of(make("5.7.99", "554 5.7.99 something odd")) == "securityerror");
  Candidate delayed = make("4.0.0", "");
  delayed.action = "delayed";
  CHECK(reason_of(delayed) == "expired");
  CHECK(reason_of(make("", "550 go away", "CONN")) == "blocked");
  CHECK(reason_of(make("", "550 something we cannot read")) == "onhold");
  CHECK(reason_of(make("", "")) == "undefined");
  CHECK(reason_of(make("2.0.0", "250 OK")) == "delivered");
}

TEST_CASE("a reply code with one standard meaning decides when nothing else does", "[classify]") {
  // RFC 4954's sign-in replies and RFC 7504's "does not accept mail", with words we cannot read.
  CHECK(explained("535 Authentication not allowed on IBSMTP Servers. IB401") == "securityerror");
  CHECK(explained("530 Sorry, you first have to do something else") == "securityerror");
  CHECK(explained("556 something we cannot read") == "notaccept");
  // A generic code keeps saying nothing more, and words still come first.
  CHECK(explained("550 something we cannot read") == "onhold");
  CHECK(explained("535 5.2.2 mailbox full") == "mailboxfull");
}

TEST_CASE("words that end a longer phrase with gaps belong to that phrase", "[classify]") {
  // "does not exist" alone is about an address; after "domain ..." it is about the domain.
  CHECK(explained("We couldn't deliver your message to mara@example.com. The domain example.com does not exist.") ==
        "hostunknown");
  CHECK(explained("The address mara@example.com does not exist.") == "userunknown");
  // Without a status code, words about the domain are narrower than our broad address words.
  CHECK(explained("Address not found. The domain example.com couldn't be found.") == "hostunknown");
  CHECK(explained("550 5.1.1 Address not found. The domain example.com couldn't be found.") == "userunknown");
  // A sending service that did not send tells the address's history in address words.
  CHECK(explained("Amazon SES has suppressed sending to this address because it has a recent history of bouncing as "
                  "an invalid address.") == "suppressed");
}

TEST_CASE("Sisimai's newer names are reported in the corpus vocabulary", "[classify]") {
  const auto& aliases = bx::kb::knowledge().classification.reason_aliases;
  REQUIRE(aliases.count("emailtoolarge") == 1);
  Candidate c = make("", "");
  c.reason = "emailtoolarge";
  CHECK(reason_of(c) == aliases.at("emailtoolarge"));
}

TEST_CASE("a provider's documented wording decides at that provider", "[classify][rhost]") {
  // Data-driven: every phrase of every provider code with a reason must win for that provider,
  // so a phrase shadowed by another code's or by a generic rule shows up here.
  const bx::kb::Knowledge& kb = bx::kb::knowledge();
  int checked = 0;
  for (const auto& provider : kb.providers) {
    if (provider.hosts.empty()) continue;
    for (const auto& code : provider.codes) {
      if (code.phrases.empty() || !code.status.empty() || code.reason == "emailtoolarge") continue;
      for (std::string_view phrase : code.phrases) {
        Candidate c = make("", "550 " + std::string(phrase));
        c.rhost = "mx1." + std::string(provider.hosts.front());
        INFO(provider.id << " " << code.id << ": " << phrase);
        CHECK(reason_of(c) == code.reason);
        ++checked;
      }
    }
  }
  CHECK(checked > 100);
  // A bare pasted line names its provider by the provider's own tokens (Microsoft's AS(...) and
  // [Message=...] codes), and then that provider's code decides.
  CHECK(explained("550 5.4.1 Recipient address rejected: Access denied. AS(201806281)") == "userunknown");
  CHECK(explained("550 5.4.310 DNS domain example.com does not exist [Message=InfoDomainNonexistent]") == "hostunknown");
}

TEST_CASE("Sisimai's remote-host tables: the replies each provider documents", "[classify][rhost]") {
  // One row per documented reply of Sisimai's rhost modules (Apple, Tencent, Google Workspace,
  // Outlook.com, Facebook, KDDI, NTT docomo, Cloudflare, AOL), written as the providers send
  // them; the provider is known from the remote host, as in a DSN's Remote-MTA.
  struct Row { const char* host; const char* status; const char* command; const char* reply; const char* reason; };
  const Row rows[] = {
      {"mx01.mail.icloud.com", "5.7.1", "", "554 5.7.1 Your message was rejected due to example.org's DMARC policy. See https://support.apple.com/en-us/HT204137", "authfailure"},
      {"mx01.mail.icloud.com", "5.7.1", "", "554 5.7.1 [HME1] This message was blocked for failing both SPF and DKIM authentication checks.", "authfailure"},
      {"mx01.mail.icloud.com", "5.7.1", "", "550 5.7.1 Mail from IP 192.0.2.7 was rejected due to listing in Spamhaus SBL. For details please see http://www.spamhaus.org/query/bl?ip=192.0.2.7", "blocked"},
      {"mx01.mail.icloud.com", "5.1.6", "RCPT", "550 5.1.6 recipient no longer on server: ann@icloud.com", "hasmoved"},
      {"mx01.mail.icloud.com", "5.2.2", "RCPT", "552 5.2.2 <ann@icloud.com>: user is over quota", "mailboxfull"},
      {"mx01.mail.icloud.com", "5.7.1", "RCPT", "554 5.7.1 <ann@icloud.com>: Relay access denied", "norelaying"},
      {"mx01.mail.icloud.com", "5.7.1", "DATA", "550 5.7.1 [CS01] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137", "policyviolation"},
      {"mx01.mail.icloud.com", "4.7.1", "RCPT", "421 4.7.1 Messages to ann@icloud.com deferred due to excessive volume. Try again later - https://support.apple.com/en-us/HT204137", "speeding"},
      {"mx01.mail.icloud.com", "5.1.1", "RCPT", "550 5.1.1 <ann@icloud.com>: inactive email address", "userunknown"},
      {"mx01.mail.icloud.com", "5.1.1", "RCPT", "550 5.1.1 unknown or illegal alias: ann@icloud.com", "userunknown"},
      {"mx3.qq.com", "", "", "550 Mail content denied. https://service.mail.qq.com/detail/122/171", "spamdetected"},
      {"mx3.qq.com", "", "", "550 Ip frequency limited. https://service.mail.qq.com/detail/122/172", "toomanyconn"},
      {"mx3.qq.com", "", "RCPT", "550 Mailbox not found. https://service.mail.qq.com/detail/122/169", "userunknown"},
      {"mx3.qq.com", "", "DATA", "550 Message too large. https://service.mail.qq.com/detail/122/168", "mesgtoobig"},
      {"mx3.qq.com", "", "", "550 Suspected spam ip. https://service.mail.qq.com/detail/122/66", "blocked"},
      {"mx3.qq.com", "", "RCPT", "550 Bad address syntax. https://service.mail.qq.com/detail/122/167", "syntaxerror"},
      {"mx3.qq.com", "", "", "550 Frequency of receiving messages is limited. https://service.mail.qq.com/detail/122/1011", "speeding"},
      {"mx3.qq.com", "", "", "550 Dmarc check failed. https://service.mail.qq.com/detail/122/72", "authfailure"},
      {"aspmx.l.google.com", "5.1.1", "RCPT", "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces.", "userunknown"},
      {"gmail-smtp-in.l.google.com", "4.7.0", "", "421 4.7.0 IP not in whitelist for RCPT domain, closing connection.", "blocked"},
      {"gmail-smtp-in.l.google.com", "5.7.1", "DATA", "550 5.7.1 Our system has detected that this message is likely suspicious due to the very low reputation of the sending IP address. To best protect our users from spam, the message has been blocked.", "badreputation"},
      {"gmail-smtp-in.l.google.com", "4.7.28", "", "421 4.7.28 Gmail has detected an unusual rate of mail originating from your IP address 192.0.2.25. To protect our users from spam, mail has been temporarily rate limited.", "blocked"},
      {"gmail-smtp-in.l.google.com", "5.2.2", "RCPT", "552 5.2.2 The recipient's inbox is out of storage space and inactive. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaPerm", "mailboxfull"},
      {"gmail-smtp-in.l.google.com", "5.4.6", "DATA", "554 5.4.6 Message exceeded 50 hops, this may indicate a mail loop.", "networkerror"},
      {"smtp-relay.gmail.com", "5.7.0", "MAIL", "550 5.7.0 Mail relay denied 192.0.2.30. Invalid credentials for relay for one of the domains in: example.org (as obtained from HELO and MAIL FROM).", "norelaying"},
      {"gmail-smtp-in.l.google.com", "5.7.0", "MAIL", "530 5.7.0 Must issue a STARTTLS command first.", "failedstarttls"},
      {"gmail-smtp-in.l.google.com", "4.7.0", "", "421 4.7.0 TLS required for RCPT domain, closing connection.", "failedstarttls"},
      {"gmail-smtp-in.l.google.com", "4.4.2", "", "451 4.4.2 Timeout - closing connection.", "expired"},
      {"gmail-smtp-in.l.google.com", "5.7.26", "DATA", "550 5.7.26 Unauthenticated email from example.org is not accepted due to domain's DMARC policy. Please contact the administrator of example.org domain.", "authfailure"},
      {"mta7.am0.yahoodns.net", "5.7.9", "DATA", "550 5.7.9 This mail has been blocked because the sender is unauthenticated. Yahoo requires all senders to authenticate with either SPF or DKIM.", "authfailure"},
      {"mta7.am0.yahoodns.net", "5.7.1", "", "553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.25, because the ip is in Spamhaus's list; see https://postmaster.yahooinc.com/error-codes", "blocked"},
      {"mta7.am0.yahoodns.net", "", "DATA", "554 Message not allowed - [PH01] Email not accepted for policy reasons. Please visit https://postmaster.yahooinc.com/error-codes", "policyviolation"},
      {"mta7.am0.yahoodns.net", "4.7.0", "MAIL", "421 4.7.0 [TSS04] Messages from 192.0.2.25 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes", "rejected"},
      {"mta7.am0.yahoodns.net", "", "RCPT", "450 User is receiving mail too quickly", "speeding"},
      {"mta7.am0.yahoodns.net", "", "RCPT", "554 delivery error: dd ann@yahoo.com is no longer valid. [230]", "suspend"},
      {"mta7.am0.yahoodns.net", "", "RCPT", "554 delivery error: dd This user doesn't have a yahoo.com account (ann@yahoo.com) [0]", "userunknown"},
      {"mta7.am0.yahoodns.net", "", "", "421 Max message per connection reached, closing transmission channel", "toomanyconn"},
      {"cluster8.eu.messagelabs.com", "", "", "553-mail rejected because your IP is in the PBL. See http://www.spamhaus.org/pbl", "blocked"},
      {"cluster8.eu.messagelabs.com", "5.7.1", "MAIL", "553 sorry, your envelope sender is in my badmailfrom list. Please visit www.symanteccloud.com/troubleshooting for more details about this error message and instructions to resolve this issue. (#5.7.1)", "rejected"},
      {"cluster8.eu.messagelabs.com", "4.7.1", "RCPT", "451 TLS/SSLv3 Connection required. (#4.7.1)", "failedstarttls"},
      {"cluster8.eu.messagelabs.com", "5.1.1", "RCPT", "550-Invalid recipient <ann@example.com> 550 (#5.1.1)", "userunknown"},
      {"cluster8.eu.messagelabs.com", "", "DATA", "553 Stray linefeeds in message (#5.6.2)", "contenterror"},
      {"mx.zoho.com", "5.7.1", "DATA", "550 5.7.1 Email rejected per DMARC policy for example.org", "authfailure"},
      {"mx.zoho.com", "5.7.7", "DATA", "554 5.7.7 Email policy violation detected", "policyviolation"},
      {"mx.zoho.com", "5.1.1", "RCPT", "550 5.1.1 User does not exist - <ann@zoho.com>", "userunknown"},
      {"mx.zoho.com", "5.4.1", "RCPT", "541 5.4.1 Mail rejected by destination domain", "rejected"},
      {"eu-smtp-inbound-1.mimecast.com", "", "RCPT", "550 SPF Sender Invalid - envelope rejected - https://community.mimecast.com/docs/DOC-1369#550", "authfailure"},
      {"eu-smtp-inbound-1.mimecast.com", "", "", "550 Local CT IP Reputation - (reject) - https://community.mimecast.com/docs/DOC-1369#550", "badreputation"},
      {"eu-smtp-inbound-1.mimecast.com", "", "", "553 This route requires TLS version 1.2 or greater - https://community.mimecast.com/docs/DOC-1369#553", "failedstarttls"},
      {"eu-smtp-inbound-1.mimecast.com", "", "DATA", "554 Maximum email size exceeded - https://community.mimecast.com/docs/DOC-1369#554", "mesgtoobig"},
      {"eu-smtp-inbound-1.mimecast.com", "", "", "554 Mail loop detected - https://community.mimecast.com/docs/DOC-1369#554", "networkerror"},
      {"eu-smtp-inbound-1.mimecast.com", "", "RCPT", "451 Open relay not allowed - https://community.mimecast.com/docs/DOC-1369#451", "norelaying"},
      {"eu-smtp-inbound-1.mimecast.com", "", "MAIL", "550 Administrative prohibition envelope blocked - https://community.mimecast.com/docs/DOC-1369#550", "rejected"},
      {"eu-smtp-inbound-1.mimecast.com", "", "", "550 Anti-Spoofing policy - Inbound not allowed - https://community.mimecast.com/docs/DOC-1369#550", "policyviolation"},
      {"eu-smtp-inbound-1.mimecast.com", "", "", "554 Host network not allowed - https://community.mimecast.com/docs/DOC-1369#554", "policyviolation"},
      {"eu-smtp-inbound-1.mimecast.com", "", "RCPT", "452 Too many recipients - https://community.mimecast.com/docs/DOC-1369#452", "toomanyconn"},
      {"eu-smtp-inbound-1.mimecast.com", "", "RCPT", "550 Invalid Recipient - https://community.mimecast.com/docs/DOC-1369#550", "userunknown"},
      {"eu-smtp-inbound-1.mimecast.com", "", "", "451 Unable to process connection at this time - https://community.mimecast.com/docs/DOC-1369#451", "systemerror"},
      {"example-com.mail.protection.outlook.com", "4.7.650", "MAIL", "451 4.7.650 The mail server [192.0.2.5] has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://postmaster.live.com (S775)", "badreputation"},
      {"example-com.mail.protection.outlook.com", "5.7.506", "", "550 5.7.506 Access denied, bad HELO", "blocked"},
      {"example-com.mail.protection.outlook.com", "5.7.507", "", "550 5.7.507 Access denied, rejected by recipient", "blocked"},
      {"example-com.mail.protection.outlook.com", "5.7.510", "", "550 5.7.510 Access denied, example.com does not accept email over IPv6", "blocked"},
      {"example-com.mail.protection.outlook.com", "5.7.511", "", "550 5.7.511 Access denied, banned sender[192.0.2.5]. To request removal from this list please forward this message to delist@messaging.microsoft.com.", "blocked"},
      {"example-com.mail.protection.outlook.com", "5.7.513", "", "550 5.7.513 Service unavailable, Client host [192.0.2.5] blocked by example.com using Customer Block list (AS16012607)", "blocked"},
      {"example-com.mail.protection.outlook.com", "5.7.606", "", "550 5.7.606 Access denied, banned sending IP [192.0.2.5]. To request removal from this list please visit https://sender.office.com/ and follow the directions.", "blocked"},
      {"example-com.mail.protection.outlook.com", "4.7.500", "", "451 4.7.500 Access denied, please try again later. For more information please go to https://go.microsoft.com/fwlink/?LinkId=526653. (AS761)", "blocked"},
      {"example-com.mail.protection.outlook.com", "5.7.1", "", "550 5.7.1 Unfortunately, messages from [192.0.2.5] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150).", "blocked"},
      {"example-com.mail.protection.outlook.com", "5.6.11", "DATA", "554 5.6.11 SMTPSEND.BareLinefeedsAreIllegal; message contains bare linefeeds, which cannot be sent via DATA and receiving system does not support BDAT (invalid characters)", "contenterror"},
      {"example-com.mail.protection.outlook.com", "5.2.3", "", "550 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient", "exceedlimit"},
      {"example-com.mail.protection.outlook.com", "4.4.7", "", "451 4.4.7 Message expired", "expired"},
      {"example-com.mail.protection.outlook.com", "5.4.300", "", "550 5.4.300 Message expired", "expired"},
      {"example-com.mail.protection.outlook.com", "5.4.8", "", "550 5.4.8 MX hosts of example.com failed MTA-STS validation.", "failedstarttls"},
      {"example-com.mail.protection.outlook.com", "5.7.509", "", "550 5.7.509 Access denied, sending domain example.org does not pass DMARC verification and has a DMARC policy of reject.", "authfailure"},
      {"example-com.mail.protection.outlook.com", "5.7.23", "", "550 5.7.23 The message was rejected because of Sender Policy Framework violation", "authfailure"},
      {"example-com.mail.protection.outlook.com", "5.7.133", "RCPT", "550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication required; Delivery restriction check failed as sender not authenticated for group", "rejected"},
      {"example-com.mail.protection.outlook.com", "5.7.708", "MAIL", "550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP.", "speeding"},
      {"example-com.mail.protection.outlook.com", "5.7.950", "DATA", "550 5.7.950 Delivery not authorized, message refused", "policyviolation"},
      {"bay-mx.hotmail.com", "", "", "550 Requested action not taken: mailbox unavailable (-1:2:-1)", "userunknown"},
      {"mx-tmp.facebook.com", "5.1.1", "RCPT", "550 5.1.1 RCP-P1 http://postmaster.facebook.com/response_codes?ip=192.0.2.8#rcp Refused due to recipient preferences", "userunknown"},
      {"mx-tmp.facebook.com", "5.1.1", "RCPT", "550 5.1.1 RCP-P2 http://postmaster.facebook.com/response_codes?ip=192.0.2.8#rcp Refused due to recipient preferences", "filtered"},
      {"mx-tmp.facebook.com", "5.7.1", "", "550 5.7.1 POL-P1 http://postmaster.facebook.com/response_codes?ip=192.0.2.8#pol Your mail server's IP Address is listed on the Spamhaus PBL", "blocked"},
      {"mx-tmp.facebook.com", "5.7.1", "", "550 5.7.1 DNS-P3 http://postmaster.facebook.com/response_codes?ip=192.0.2.8#dns No reverse DNS record", "requireptr"},
      {"mx-tmp.facebook.com", "4.7.1", "", "421 4.7.1 CON-T3 http://postmaster.facebook.com/response_codes?ip=192.0.2.8#con Too many new connections", "toomanyconn"},
      {"mx-tmp.facebook.com", "5.3.4", "DATA", "552 5.3.4 MSG-P1 http://postmaster.facebook.com/response_codes?ip=192.0.2.8#msg Message exceeds maximum size", "mesgtoobig"},
      {"msmx.au.com", "5.0.0", "RCPT", "550 : User unknown", "filtered"},
      {"msmx.au.com", "5.0.0", "RCPT", "550 <ann@ezweb.ne.jp>: User unknown", "userunknown"},
      {"mfsmax.docomo.ne.jp", "5.0.0", "RCPT", "550 Unknown user ann@docomo.ne.jp", "userunknown"},
      {"mfsmax.docomo.ne.jp", "", "DATA", "552 Too much mail data", "mailboxfull"},
      {"mfsmax.docomo.ne.jp", "", "RCPT", "552 Too many recipients", "toomanyconn"},
      {"route1.mx.cloudflare.net", "5.7.1", "", "554 5.7.1 192.0.2.9 found on one or more DNSBLs, see https://developers.cloudflare.com/email-routing/postmaster/#spam-and-abusive-traffic", "blocked"},
      {"route1.mx.cloudflare.net", "4.3.0", "", "451 4.3.0 Upstream error, please check https://developers.cloudflare.com/email-routing/postmaster/#errors for possible causes", "systemerror"},
      {"mx-aol.mail.gm0.yahoodns.net", "5.1.2", "", "Host or domain name not found. Name service error for name=aol.example type=A: Host not found", "hostunknown"},
  };
  for (const Row& row : rows) {
    Candidate c = make(row.status, row.reply, row.command);
    c.rhost = row.host;
    INFO(row.host << ": " << row.reply);
    CHECK(reason_of(c) == row.reason);
  }
}

TEST_CASE("without a remote host, the reporting host is the provider that refused", "[classify][rhost]") {
  // Outlook.com reporting on its own mailbox (no Remote-MTA): its unknown-mailbox reply.
  Candidate c = make("5.5.0", "550 Requested action not taken: mailbox unavailable (-1:2:-1)");
  c.reply_code = "550";
  c.lhost = "BAY004-MC1F22.hotmail.com";
  CHECK(reason_of(c) == "userunknown");
  CHECK(bx::classify::find_knowledge(c).provider != nullptr);
  // A remote host named: that host is the one that answered, not the reporting one.
  c.rhost = "mx.example.net";
  CHECK(bx::classify::find_knowledge(c).provider == nullptr);
  CHECK(reason_of(c) == "filtered");  // generic words, command unknown: Sisimai's filtered
}

TEST_CASE("hard bounces are the address-level reasons", "[classify]") {
  using bx::classify::is_hard_bounce;
  CHECK(is_hard_bounce("userunknown", "5.1.1", "550"));
  CHECK(is_hard_bounce("userunknown", "4.1.1", "450"));  // Sisimai: hard whatever the class
  CHECK(is_hard_bounce("hostunknown", "", ""));
  CHECK(is_hard_bounce("hasmoved", "5.1.6", "550"));
  CHECK(is_hard_bounce("notaccept", "5.1.10", "556"));
  CHECK_FALSE(is_hard_bounce("notaccept", "4.0.0", ""));
  CHECK_FALSE(is_hard_bounce("mailboxfull", "5.2.2", "552"));
  CHECK_FALSE(is_hard_bounce("filtered", "5.0.0", "550"));
  CHECK_FALSE(is_hard_bounce("delivered", "2.0.0", "250"));
}

TEST_CASE("the server's own status code is preferred when more specific", "[classify][dsn]") {
  using bx::formats::prefer_status;
  CHECK(prefer_status("5.0.0", "5.1.1") == "5.1.1");
  CHECK(prefer_status("5.1.1", "5.2.2") == "5.2.2");
  CHECK(prefer_status("5.1.1", "5.1.0") == "5.1.1");
  CHECK(prefer_status("5.1.1", "5.0.0") == "5.1.1");
  CHECK(prefer_status("5.0.0", "4.4.2") == "4.4.2");
  CHECK(prefer_status("4.5.0", "5.5.0") == "5.5.0");
  Candidate relayed = make("5.1.0", "5.1.0 - Unknown address error 550-'5.2.2 <bob@example.com>... Mailbox Full'");
  bx::formats::complete_codes(relayed);
  CHECK(relayed.status == "5.2.2");
  CHECK(prefer_status("", "4.2.2") == "4.2.2");
  Candidate c = make("5.1.1", "550 5.7.1 IP address blacklisted by recipient");
  bx::formats::complete_codes(c);
  CHECK(c.status == "5.7.1");
  CHECK(c.reply_code == "550");
  Candidate mixed = make("4.0.0", "550 mwinf5c04 ME Adresse IP source bloquee");
  bx::formats::complete_codes(mixed);
  CHECK(mixed.reply_code == "");  // a 5xx number under a 4.x.x status is not this status's reply
}

TEST_CASE("the failed SMTP command is read from MTA wording", "[classify][dsn]") {
  using bx::formats::find_smtp_command;
  CHECK(find_smtp_command("said: 550 Unknown user (in reply to end of DATA\n    command)") == "DATA");
  CHECK(find_smtp_command("(in reply to RCPT TO command)") == "RCPT");
  CHECK(find_smtp_command("SMTP error from remote mail server after MAIL FROM:<a@example.org>: 550") == "MAIL");
  CHECK(find_smtp_command("SMTP error from remote mail server after initial connection: 554") == "CONN");
  CHECK(find_smtp_command(">>> RCPT To:<bob@example.com>\n<<< 250 ok\n>>> DATA\n<<< 550 Unknown user") == "DATA");
  CHECK(find_smtp_command("550 5.1.1 User unknown") == "");
  std::string body = "<bob@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1 User unknown (in reply\n"
                     "    to RCPT TO command)\n";
  CHECK(bx::formats::smtp_command_near(body, "bob@example.com") == "RCPT");
}

TEST_CASE("DSN recipient groups without a blank line between them are split", "[dsn]") {
  auto ds = bx::dsn::parse_delivery_status(
      "Reporting-MTA: dns; mx.example.net\n\n"
      "Final-Recipient: rfc822; bob@example.com\nOriginal-Recipient: rfc822;bob@example.com\nAction: failed\n"
      "Status: 5.2.2\nFinal-Recipient: rfc822; carol@example.com\nOriginal-Recipient: rfc822;carol@example.com\n"
      "Action: failed\nStatus: 5.1.1\n");
  REQUIRE(ds.recipients.size() == 2);
  CHECK(ds.recipients[0].get("status") == "5.2.2");
  CHECK(ds.recipients[1].get("status") == "5.1.1");
}

TEST_CASE("DSN fields are found in text when the MIME structure is broken", "[dsn]") {
  auto ds = bx::dsn::find_delivery_status(
      "The mail system\n\n--wrong-boundary\nContent-Type: message/delivery-status\n\n"
      "Reporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; bob@example.com\nAction: failed\n"
      "Status: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\n\n"
      "--wrong-boundary\nContent-Type: message/rfc822\n\nFrom: alice@example.org\nTo: bob@example.com\n");
  REQUIRE(ds.recipients.size() == 1);
  CHECK(ds.recipients[0].get("status") == "5.1.1");
  CHECK(bx::dsn::find_delivery_status("Just a letter.\nFrom: someone\n").empty());
}

TEST_CASE("a bounce marked auto-replied is not a vacation reply", "[classify]") {
  bx::Report r = bx::explain(
      "From: Mail Delivery System <Mailer-Daemon@mx.example.org>\nTo: alice@example.org\n"
      "Subject: Mail delivery failed: returning message to sender\nAuto-Submitted: auto-replied\n\n"
      "A message that you sent could not be delivered to one or more of its recipients.\n\n"
      "  bob@example.com\n    SMTP error from remote mail server after RCPT TO:<bob@example.com>:\n"
      "    550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown\n");
  REQUIRE_FALSE(r.records.empty());
  CHECK(r.records.front().reason != "vacation");
}

TEST_CASE("pasted fragments: replies inside lines, recipients and commands around them", "[classify][fragment]") {
  bx::Report postfix = bx::explain(
      "<bob@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1 <bob@example.com>:\n"
      "    Recipient address rejected: User unknown in local recipient table (in reply to\n"
      "    RCPT TO command)\n");
  REQUIRE(postfix.records.size() == 1);
  CHECK(postfix.records[0].recipient == "bob@example.com");
  CHECK(postfix.records[0].reason == "userunknown");
  CHECK(postfix.records[0].smtp_command == "RCPT");

  bx::Report exim = bx::explain(
      "bob@example.com\n  SMTP error from remote mail server after MAIL FROM:<alice@example.org>:\n"
      "  host mx.example.com [192.0.2.1]: 550 5.7.1 Sender address rejected: Access denied\n");
  REQUIRE(exim.records.size() == 1);
  CHECK(exim.records[0].recipient == "bob@example.com");  // not the sender after MAIL FROM:
  CHECK(exim.records[0].reason == "rejected");

  bx::Report exchange = bx::explain("Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'\n");
  REQUIRE(exchange.records.size() == 1);
  CHECK(exchange.records[0].diagnostic_code == "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found");
  CHECK(exchange.records[0].reason == "userunknown");

  bx::Report sendmail = bx::explain(
      "... while talking to mx.example.com.:\n>>> DATA\n<<< 550 5.7.1 Message rejected as spam\n"
      "554 5.0.0 Service unavailable\n");
  REQUIRE(sendmail.records.size() == 1);
  CHECK(sendmail.records[0].reason == "spamdetected");
  CHECK(sendmail.records[0].status == "5.7.1");
}

TEST_CASE("pasted lines without a reply code", "[classify][fragment]") {
  CHECK(explained("4.4.1 No answer from host") == "expired");
  CHECK(explained("Amazon SES did not send the message to this address because it is on the suppression list "
                  "for your account.") == "suppressed");
  CHECK(explained("Sorry, I couldn't find any host named example.net. (#5.1.2)") == "hostunknown");  // qmail
  CHECK(explained("This file does not exist") == "no record");  // a short generic phrase is not enough
  CHECK(explained("hello, how are you? call me at 550 1234") == "no record");
}

TEST_CASE("Apple Mail's unsubscribe request is feedback", "[classify][arf]") {
  bx::Report r = bx::explain(
      "From: someone@icloud.com\nTo: opt-out-1@example.org\nSubject: unsubscribe\nAuto-Submitted: auto-replied\n"
      "X-Apple-Unsubscribe: true\n\nApple Mail sent this email to unsubscribe from the message.\n");
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].reason == "feedback");
  CHECK(r.records[0].hard_bounce == false);
}

TEST_CASE("a DSN's text part tells the command the Diagnostic-Code leaves out", "[classify][dsn]") {
  auto dsn = [](const std::string& in_reply_to) {
    return "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\nTo: alice@example.org\n"
           "Subject: Undelivered Mail Returned to Sender\n"
           "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n--B\n"
           "Content-Type: text/plain\n\n<bob@example.com>: host mx.example.com[192.0.2.1] said: 550 Unknown user\n"
           "    bob@example.com (in reply to " +
           in_reply_to +
           " command)\n\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n"
           "Final-Recipient: rfc822; bob@example.com\nAction: failed\nStatus: 5.0.0\n"
           "Diagnostic-Code: smtp; 550 Unknown user bob@example.com\n\n--B--\n";
  };
  auto rcpt = rfc3464_only(dsn("RCPT TO"));
  REQUIRE(rcpt.size() == 1);
  CHECK(rcpt[0].smtp_command == "RCPT");
  CHECK(reason_of(rcpt[0]) == "userunknown");
  auto data = rfc3464_only(dsn("end of DATA"));
  REQUIRE(data.size() == 1);
  CHECK(data[0].smtp_command == "DATA");
  CHECK(reason_of(data[0]) == "filtered");
}

TEST_CASE("a DSN without Diagnostic-Code takes the words of its text part or Status comment", "[classify][dsn]") {
  auto r = rfc3464_only(
      "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nTo: alice@example.org\n"
      "Subject: Delivery Status Notification (Failure)\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n--B\n"
      "Content-Type: text/plain\n\n** Address not found **\n\nYour message wasn't delivered to bob@example.com "
      "because the address couldn't be found.\n\n--B\nContent-Type: message/delivery-status\n\n"
      "Reporting-MTA: dns; googlemail.com\n\nFinal-Recipient: rfc822; bob@example.com\nAction: failed\n"
      "Status: 5.0.0\n\nFinal-Recipient: rfc822; carol@example.net\nAction: delayed\n"
      "Status: 4.0.0 (example.net: host name lookup failure)\n\n--B--\n");
  REQUIRE(r.size() == 2);
  CHECK(reason_of(r[0]) == "userunknown");
  CHECK(reason_of(r[1]) == "networkerror");
}

TEST_CASE("a bounce in an unknown layout without SMTP replies: reason words under the address", "[fragment]") {
  bx::Report r = bx::explain(
      "From: Mail Delivery System <Mailer-Daemon@mx.example.net>\nTo: alice@example.org\n"
      "Subject: Mail delivery failed: returning message to sender\n\n"
      "A message that you sent could not be delivered to one or more of its\nrecipients. "
      "The following address(es) failed:\n\n  bob@example.com\n    retry timeout exceeded\n\n"
      "------ This is a copy of the message, including all the headers. ------\n\n"
      "From: alice@example.org\nTo: bob@example.com\nSubject: hello\n\nMailbox full? No, just a test.\n");
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].recipient == "bob@example.com");
  CHECK(r.records[0].reason == "expired");
}

TEST_CASE("a second report quoted inside the returned message is not read", "[dsn]") {
  auto ds = bx::dsn::parse_delivery_status(
      "Reporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; bob@example.com\nAction: failed\n"
      "Status: 5.7.1\n\nReporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822; carol@example.org\n"
      "Action: failed\nStatus: 5.1.1\n");
  REQUIRE(ds.recipients.size() == 1);
  CHECK(ds.recipients[0].get("final-recipient") == "rfc822; bob@example.com");
}

TEST_CASE("a generic Diagnostic-Code gives way to the telling reply in the text part", "[dsn]") {
  auto out = rfc3464_only(
      "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>\nTo: alice@example.org\n"
      "Subject: Returned mail: see transcript for details\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n--B\n"
      "Content-Type: text/plain\n\n   ----- Transcript of session follows -----\n"
      "... while talking to mx.example.com.:\n>>> RCPT To:<bob@example.com>\n"
      "<<< 550 5.2.2 <bob@example.com>... Mailbox full\n\n--B\n"
      "Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n"
      "Final-Recipient: rfc822; bob@example.com\nAction: failed\nStatus: 5.0.0\n"
      "Diagnostic-Code: smtp; 554 5.0.0 Service unavailable\n\n--B--\n");
  REQUIRE(out.size() == 1);
  CHECK(out[0].status == "5.2.2");
  CHECK(out[0].smtp_command == "RCPT");
  CHECK(reason_of(out[0]) == "mailboxfull");
}

TEST_CASE("a bare reply code with a server's words in the languages added for issue 11", "[classify][i18n]") {
  // The reply code says only "refused"; the words name the cause.
  struct Line {
    const char* text;
    const char* reason;
  };
  const Line lines[] = {
      {"550 <bob@example.com>: Το γραμματοκιβώτιο είναι πλήρες", "mailboxfull"},
      {"550 <bob@example.com>: Άγνωστος χρήστης", "userunknown"},
      {"550 <bob@example.com>: A postafiók megtelt", "mailboxfull"},
      {"550 <bob@example.com>: Ismeretlen felhasználó", "userunknown"},
      {"550 <bob@example.com>: Căsuța poștală este plină", "mailboxfull"},
      {"550 <bob@example.com>: Utilizator necunoscut", "userunknown"},
      {"550 <bob@example.com>: Поштова скринька переповнена", "mailboxfull"},
      {"550 <bob@example.com>: Невідомий користувач", "userunknown"},
      {"550 <bob@example.com>: Postilaatikko on täynnä", "mailboxfull"},
      {"550 <bob@example.com>: Käyttäjää ei ole olemassa", "userunknown"},
      {"550 <bob@example.com>: Postkassen er fuld", "mailboxfull"},
      {"550 <bob@example.com>: Modtageren findes ikke", "userunknown"},
      {"550 <bob@example.com>: Innboksen er full", "mailboxfull"},
      {"550 <bob@example.com>: Ukjent mottaker", "userunknown"},
      {"550 <bob@example.com>: תיבת הדואר מלאה", "mailboxfull"},
      {"550 <bob@example.com>: משתמש לא ידוע", "userunknown"},
      {"550 <bob@example.com>: صندوق البريد ممتلئ", "mailboxfull"},
      {"550 <bob@example.com>: المستخدم غير موجود", "userunknown"},
      {"550 <bob@example.com>: Hộp thư đã đầy", "mailboxfull"},
      {"550 <bob@example.com>: Địa chỉ email không tồn tại", "userunknown"},
      {"550 <bob@example.com>: Kotak surat penuh", "mailboxfull"},
      {"550 <bob@example.com>: Alamat tidak ditemukan", "userunknown"},
      {"550 <bob@example.com>: กล่องจดหมายเต็ม", "mailboxfull"},
      {"550 <bob@example.com>: ไม่พบผู้ใช้", "userunknown"},
      {"550 <bob@example.com>: मेलबॉक्स भरा हुआ है", "mailboxfull"},
      {"550 <bob@example.com>: अज्ञात उपयोगकर्ता", "userunknown"},
      {"550 <bob@example.com>: Пощенската кутия е пълна", "mailboxfull"},
      {"550 <bob@example.com>: Непознат потребител", "userunknown"},
      {"550 <bob@example.com>: Poštanski sandučić je pun", "mailboxfull"},
      {"550 <bob@example.com>: Nepoznat korisnik", "userunknown"},
      {"550 <bob@example.com>: Poštni predal je poln", "mailboxfull"},
      {"550 <bob@example.com>: Neznan uporabnik", "userunknown"},
      {"550 <bob@example.com>: Prekročená kvóta schránky", "mailboxfull"},
      {"550 <bob@example.com>: Neznámy používateľ", "userunknown"},
      {"550 <bob@example.com>: Pašto dėžutė pilna", "mailboxfull"},
      {"550 <bob@example.com>: Nežinomas vartotojas", "userunknown"},
      {"550 <bob@example.com>: Pastkaste ir pilna", "mailboxfull"},
      {"550 <bob@example.com>: Nezināms lietotājs", "userunknown"},
      {"550 <bob@example.com>: Postkast on täis", "mailboxfull"},
      {"550 <bob@example.com>: Tundmatu kasutaja", "userunknown"},
      {"550 <bob@example.com>: La bústia és plena", "mailboxfull"},
      {"550 <bob@example.com>: Usuari desconegut", "userunknown"},
      {"550 <bob@example.com>: صندوق پستی پر است", "mailboxfull"},
      {"550 <bob@example.com>: کاربر ناشناس", "userunknown"},
      {"550 <bob@example.com>: Tên miền không tồn tại", "hostunknown"},
      {"550 <bob@example.com>: Domain tidak ditemukan", "hostunknown"},
      {"550 <bob@example.com>: Nepoznata domena", "hostunknown"},
      {"550 <bob@example.com>: Домейнът не съществува", "hostunknown"},
  };
  for (const Line& l : lines) {
    INFO(l.text);
    CHECK(explained(l.text) == l.reason);
  }
}

TEST_CASE("size, disabled accounts, spam and silent servers in the languages added for issue 11", "[classify][i18n]") {
  struct Line {
    const char* text;
    const char* reason;
  };
  const Line lines[] = {
      {"550 <bob@example.com>: Το μέγεθος του μηνύματος υπερβαίνει το όριο", "mesgtoobig"},
      {"550 <bob@example.com>: Az üzenet mérete meghaladja a megengedettet", "mesgtoobig"},
      {"550 <bob@example.com>: Dimensiunea mesajului depășește limita", "mesgtoobig"},
      {"550 <bob@example.com>: Розмір повідомлення перевищує ліміт", "mesgtoobig"},
      {"550 <bob@example.com>: Viesti on liian suuri", "mesgtoobig"},
      {"550 <bob@example.com>: Meddelelsen er for stor", "mesgtoobig"},
      {"550 <bob@example.com>: Ukuran pesan melebihi batas", "mesgtoobig"},
      {"550 <bob@example.com>: Kích thước thư vượt quá giới hạn", "mesgtoobig"},
      {"550 <bob@example.com>: Veličina poruke premašuje ograničenje", "mesgtoobig"},
      {"550 <bob@example.com>: Laiško dydis viršija leistiną", "mesgtoobig"},
      {"550 <bob@example.com>: El missatge és massa gran", "mesgtoobig"},
      {"550 <bob@example.com>: Ο λογαριασμός έχει απενεργοποιηθεί", "suspend"},
      {"550 <bob@example.com>: A fiók le van tiltva", "suspend"},
      {"550 <bob@example.com>: Contul a fost dezactivat", "suspend"},
      {"550 <bob@example.com>: Обліковий запис заблоковано", "suspend"},
      {"550 <bob@example.com>: Kontoen er deaktiveret", "suspend"},
      {"550 <bob@example.com>: Tài khoản đã bị vô hiệu hóa", "suspend"},
      {"550 <bob@example.com>: Akun telah dinonaktifkan", "suspend"},
      {"550 <bob@example.com>: Účet je zablokovaný", "suspend"},
      {"550 <bob@example.com>: Paskyra išjungta", "suspend"},
      {"550 <bob@example.com>: Konts ir bloķēts", "suspend"},
      {"550 <bob@example.com>: El compte està desactivat", "suspend"},
      {"550 Το μήνυμα απορρίφθηκε ως ανεπιθύμητο", "spamdetected"},
      {"550 Az üzenetet levélszemétnek minősítettük", "spamdetected"},
      {"550 Viesti tunnistettiin roskapostiksi", "spamdetected"},
      {"550 Pesan terdeteksi sebagai spam", "spamdetected"},
      {"550 Thư bị đánh dấu là thư rác", "spamdetected"},
      {"550 ההודעה זוהתה כדואר זבל", "spamdetected"},
      {"550 Sõnum tuvastati rämpspostiks", "spamdetected"},
      {"550 پیام به عنوان هرزنامه شناسایی شد", "spamdetected"},
      {"421 A kiszolgáló nem válaszol", "networkerror"},
      {"421 Palvelin ei vastaa", "networkerror"},
      {"421 Serveren svarer ikke", "networkerror"},
      {"421 Máy chủ không phản hồi", "networkerror"},
      {"421 Сървърът не отговаря", "networkerror"},
      {"421 Poslužitelj ne odgovara", "networkerror"},
  };
  for (const Line& l : lines) {
    INFO(l.text);
    CHECK(explained(l.text) == l.reason);
  }
}

TEST_CASE("servers that reply in ASCII drop the diacritics of the added languages", "[classify][i18n]") {
  struct Line {
    const char* text;
    const char* reason;
  };
  const Line lines[] = {
      {"550 <bob@example.com>: Casuta postala este plina", "mailboxfull"},
      {"550 <bob@example.com>: Utilizatorul nu exista", "userunknown"},
      {"550 <bob@example.com>: A postafiok megtelt", "mailboxfull"},
      {"550 <bob@example.com>: Ismeretlen felhasznalo", "userunknown"},
      {"550 <bob@example.com>: Schranka je plna", "mailboxfull"},
      {"550 <bob@example.com>: Neznamy pouzivatel", "userunknown"},
      {"550 <bob@example.com>: Postanski sanducic je pun", "mailboxfull"},
      {"550 <bob@example.com>: Primatelj nije pronaden", "userunknown"},
      {"550 <bob@example.com>: Pasto dezute pilna", "mailboxfull"},
      {"550 <bob@example.com>: Nezinomas vartotojas", "userunknown"},
      {"550 <bob@example.com>: Nezinams lietotajs", "userunknown"},
      {"550 <bob@example.com>: Hop thu da day", "mailboxfull"},
      {"550 <bob@example.com>: Nguoi dung khong ton tai", "userunknown"},
      {"550 <bob@example.com>: Domeniul nu exista", "hostunknown"},
      {"550 <bob@example.com>: Usuari desconegut", "userunknown"},
      {"550 <bob@example.com>: Kasutajat ei leitud", "userunknown"},
  };
  for (const Line& l : lines) {
    INFO(l.text);
    CHECK(explained(l.text) == l.reason);
  }
}
