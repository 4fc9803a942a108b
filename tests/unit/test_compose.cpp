// How an explanation is composed from several KB entries: the most specific entry that speaks to
// a point replaces the general text (never appended to it), at most six steps, none said twice,
// a retry line that cannot contradict the specific entry, no link to somebody else's pages.
// Run over every provider code and blocklist in the KB, alone and together.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "bx/explain.hpp"
#include "classify/classifier.hpp"
#include "kb/kb.hpp"
#include "report/assemble.hpp"
#include "report/compose.hpp"
#include "report/sender.hpp"

namespace {

using bx::kb::Blocklist;
using bx::kb::Provider;
using bx::kb::ProviderCode;

bx::Record record_for(std::string_view reason, std::string_view status) {
  bx::Record r;
  r.recipient = "bob@example.com";
  r.destination = "example.com";
  r.reason = std::string(reason);
  r.status = std::string(status);
  r.reply_code = !status.empty() && status[0] == '4' ? "451" : "550";
  return r;
}

bx::Record compose(std::string_view reason, std::string_view status, const Provider* provider,
                   const ProviderCode* code, const Blocklist* blocklist) {
  bx::Record r = record_for(reason, status.empty() ? "5.7.1" : status);
  bx::classify::Findings found;
  found.provider = provider;
  if (code) found.matching_codes.push_back(code);
  found.blocklist = blocklist;
  bx::report::explain_record(r, found, bx::Authentication{});
  return r;
}

/// Lower-case words of letters and digits, every one of them (the test's own, plainer notion of
/// a step's words, independent of the composer's).
std::set<std::string> plain_words(const std::string& s) {
  std::set<std::string> out;
  std::string w;
  for (char c : s + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!w.empty()) {
      out.insert(w);
      w.clear();
    }
  }
  return out;
}

/// Two steps are near-duplicates when their words overlap as much as the smaller set allows
/// minus a little (Jaccard over all words, high bar: rewordings of one instruction).
bool near_duplicate(const std::string& a, const std::string& b) {
  std::set<std::string> wa = plain_words(a), wb = plain_words(b);
  std::size_t shared = 0;
  for (const std::string& w : wa) shared += wb.count(w);
  std::size_t all = wa.size() + wb.size() - shared;
  return all == 0 || shared * 100 >= all * 75;
}

/// The checks every composed explanation must pass. `own` are the entries it is about.
void check_composed(const bx::Record& r, const std::string& what, const Provider* provider, const Blocklist* blocklist) {
  INFO(what);
  const bx::Explanation& e = r.explanation;
  CHECK_FALSE(e.fix_steps.empty());
  CHECK(e.fix_steps.size() <= bx::report::kMaxSteps);
  for (std::size_t i = 0; i < e.fix_steps.size(); ++i)
    for (std::size_t j = i + 1; j < e.fix_steps.size(); ++j) {
      INFO("step " << i + 1 << ": " << e.fix_steps[i] << "\nstep " << j + 1 << ": " << e.fix_steps[j]);
      CHECK_FALSE(near_duplicate(e.fix_steps[i], e.fix_steps[j]));
      CHECK_FALSE(bx::report::same_advice(e.fix_steps[i], e.fix_steps[j]));
    }
  CHECK_FALSE(e.retry.empty());
  for (const bx::Link& link : e.references) {
    bx::report::LinkOwners owners = bx::report::link_owners(link.url);
    if (owners.empty()) continue;
    bool own = std::find(owners.providers.begin(), owners.providers.end(), provider) != owners.providers.end() ||
               std::find(owners.blocklists.begin(), owners.blocklists.end(), blocklist) != owners.blocklists.end();
    INFO("link: " << link.title << " " << link.url);
    CHECK(own);
  }
}

/// Every composed step comes from one of the specific entries: the reason's general steps
/// are not appended to them.
void check_steps_from(const bx::Record& r, const ProviderCode* code, const Blocklist* blocklist) {
  for (const std::string& step : r.explanation.fix_steps) {
    bool from_code = code && std::find(code->fix_steps.begin(), code->fix_steps.end(), step) != code->fix_steps.end();
    bool from_list =
        blocklist && std::find(blocklist->fix_steps.begin(), blocklist->fix_steps.end(), step) != blocklist->fix_steps.end();
    INFO("step: " << step);
    CHECK((from_code || from_list));
  }
}

/// The retry line does not come from the general reason when a specific entry matched.
void check_retry_is_specific(const bx::Record& r) {
  const bx::kb::Reason* reason = bx::kb::knowledge().reason(r.reason);
  REQUIRE(reason);
  INFO("retry: " << r.explanation.retry);
  CHECK(r.explanation.retry != reason->retry);
}

const ProviderCode* first_code_for(const Provider& p, std::string_view reason) {
  for (const ProviderCode& c : p.codes)
    if (c.reason == reason) return &c;
  return nullptr;
}

/// A bounce for a Spamhaus block on the sending server's IP, written by `reporting_mta`, sent
/// by `bounce_from`, for a message from `addresser`.
std::string spamhaus_bounce(const std::string& bounce_from, const std::string& reporting_mta, const std::string& addresser) {
  return "From: Mail Delivery System <" + bounce_from + ">\nTo: " + addresser +
         "\nSubject: Delivery Status Notification (Failure)\n"
         "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"
         "--b\nContent-Type: text/plain\n\nYour message could not be delivered.\n\n"
         "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; " + reporting_mta + "\n\n"
         "Final-Recipient: rfc822; bob@example.net\nAction: failed\nStatus: 5.7.1\n"
         "Remote-MTA: dns; mx.example.net\n"
         "Diagnostic-Code: smtp; 554 5.7.1 Service unavailable; Client host [192.0.2.41] blocked using zen.spamhaus.org\n\n"
         "--b\nContent-Type: text/rfc822-headers\n\nFrom: " + addresser + "\nTo: bob@example.net\nSubject: hello\n\n--b--\n";
}

bx::Record only(const bx::Report& r) {
  REQUIRE(r.records.size() == 1);
  return r.records[0];
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += s + "\n";
  return out;
}

/// Advice only the owner of the blocked server can follow.
bool has_ip_owner_advice(const bx::Explanation& e) {
  std::string steps = joined(e.fix_steps);
  for (const char* word : {"spamhaus", "infected", "scan", "removal", "delisting page", "Look up the sending IP"})
    if (steps.find(word) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("every provider code composes a short, specific explanation", "[compose][kb]") {
  const bx::kb::Knowledge& kb = bx::kb::knowledge();
  std::size_t codes = 0;
  for (const Provider& p : kb.providers)
    for (const ProviderCode& c : p.codes) {
      bx::Record r = compose(c.reason, c.status, &p, &c, nullptr);
      std::string what = "provider code " + std::string(c.id);
      check_composed(r, what, &p, nullptr);
      INFO(what);
      CHECK(r.explanation.headline == c.title);
      CHECK(r.explanation.summary == c.explanation);
      check_steps_from(r, &c, nullptr);
      check_retry_is_specific(r);
      ++codes;
    }
  CHECK(codes > 100);
}

TEST_CASE("every blocklist composes a short, specific explanation", "[compose][kb]") {
  for (const Blocklist& b : bx::kb::knowledge().blocklists) {
    bx::Record r = compose("blocked", "5.7.1", nullptr, nullptr, &b);
    std::string what = "blocklist " + std::string(b.id);
    check_composed(r, what, nullptr, &b);
    INFO(what);
    CHECK(r.explanation.headline.find(std::string(b.name)) != std::string::npos);
    CHECK(r.explanation.summary == b.explanation);
    check_steps_from(r, nullptr, &b);
    check_retry_is_specific(r);
  }
}

TEST_CASE("a provider's block code naming any blocklist: both specific, still six steps, each once", "[compose][kb]") {
  for (const Provider& p : bx::kb::knowledge().providers) {
    const ProviderCode* code = first_code_for(p, "blocked");
    if (!code) continue;
    for (const Blocklist& b : bx::kb::knowledge().blocklists) {
      bx::Record r = compose("blocked", code->status, &p, code, &b);
      check_composed(r, std::string(code->id) + " with " + std::string(b.id), &p, &b);
      check_steps_from(r, code, &b);
      check_retry_is_specific(r);
    }
  }
}

TEST_CASE("a Microsoft rejection naming Spamhaus links neither Barracuda nor Google", "[compose][kb]") {
  bx::Report report = bx::explain(
      "550 5.7.1 Service unavailable, Client host [192.0.2.10] blocked using Spamhaus. To request removal from this "
      "list see https://www.spamhaus.org/query/ip/192.0.2.10 (AS3130). [BN8NAM12FT012.eop-nam12.prod.protection.outlook.com]\n");
  REQUIRE(report.records.size() == 1);
  const bx::Explanation& e = report.records[0].explanation;
  CHECK(e.provider_id == "microsoft");
  CHECK(e.blocklist_id.rfind("spamhaus", 0) == 0);
  for (const bx::Link& l : e.references) {
    INFO(l.title << " " << l.url);
    CHECK(l.url.find("barracuda") == std::string::npos);
    CHECK(l.url.find("google") == std::string::npos);
  }
  CHECK(e.fix_steps.size() <= bx::report::kMaxSteps);
}

TEST_CASE("steps that say the same thing in other words are recognised", "[compose]") {
  using bx::report::same_advice;
  CHECK(same_advice("Look up the sending IP at check.spamhaus.org to see why it is listed.",
                    "Look up the sending IP on that list's website and read why it is listed."));
  CHECK(same_advice("Send large files as a download link instead of attachments.",
                    "Send large files as links (Google Drive, OneDrive) instead of attachments."));
  CHECK_FALSE(same_advice("Change the account password and turn on multi-factor authentication.",
                          "Check the account for forwarding rules or apps you did not create."));
  CHECK_FALSE(same_advice("Wait and retry later.", "Contact the recipient by phone."));
  bx::report::StepList list;
  for (const char* s : {"Look up the sending IP at check.spamhaus.org to see why it is listed.", "Wait a day.",
                        "Look up the sending IP on that list's website and read why it is listed.", "Wait a day!"})
    list.add(s);
  CHECK(list.take() == std::vector<std::string>{"Look up the sending IP at check.spamhaus.org to see why it is listed.",
                                                "Wait a day."});
  bx::report::StepList many;
  for (const char* s : {"Check the password.", "Turn on multi-factor authentication.", "Remove forwarding rules.",
                        "Scan the computer for malware.", "Ask the admin to release the account.",
                        "Contact Microsoft support.", "Tell the recipient by phone.", "Send again tomorrow."})
    many.add(s);
  CHECK(many.take().size() == bx::report::kMaxSteps);
}

TEST_CASE("a provider's meaning of a status code comes first, the registry's beside it", "[compose][kb]") {
  bx::Report r = bx::explain(
      "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup "
      "[BN8NAM12FT012.eop-nam12.prod.protection.outlook.com]\n");
  REQUIRE(r.records.size() == 1);
  const bx::Explanation& e = r.records[0].explanation;
  REQUIRE(e.provider_id == "microsoft");
  CHECK(e.status_title.find("Recipient not found") != std::string::npos);
  const bx::kb::Code* registry = bx::kb::knowledge().status_code("5.1.10");
  REQUIRE(registry);
  CHECK(e.status_registry_title == std::string(registry->title));
  CHECK(e.status_title != e.status_registry_title);

  // Without a provider's code, the registry title is the title and nothing is beside it.
  bx::Report plain = bx::explain("550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown\n");
  REQUIRE(plain.records.size() == 1);
  CHECK(plain.records[0].explanation.status_title == std::string(bx::kb::knowledge().status_code("5.1.1")->title));
  CHECK(plain.records[0].explanation.status_registry_title.empty());
}

/// The three-digit numbers of `text` that could be reply codes (2xx to 5xx, not part of a longer
/// number or of a dotted code such as 4.2.2): the test's own reading.
std::vector<std::string> reply_codes_named(const std::string& text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
    bool dotted = (i > 0 && text[i - 1] == '.') || (end < text.size() && text[end] == '.');
    if (end - i == 3 && text[i] >= '2' && text[i] <= '5' && !dotted) out.push_back(text.substr(i, 3));
    i = end;
  }
  return out;
}

TEST_CASE("every reply code is labelled as itself, by every reason, and no link names another", "[compose][kb]") {
  const bx::kb::Knowledge& kb = bx::kb::knowledge();
  std::vector<std::string> codes;
  for (const auto& entry : kb.reply_codes) codes.emplace_back(entry.first);
  for (const char* unlisted : {"250", "354", "459", "571", "599"}) codes.emplace_back(unlisted);
  for (const bx::kb::Reason& reason : kb.reasons) {
    for (const std::string& code : codes) {
      INFO(std::string(reason.id) + " with reply code " + code);
      bx::Record r = record_for(reason.id, code[0] == '4' ? "4.0.0" : "5.0.0");
      r.reply_code = code;
      bx::report::explain_record(r, bx::classify::Findings{}, bx::Authentication{});
      const bx::Explanation& e = r.explanation;
      auto listed = kb.reply_codes.find(code);
      if (listed != kb.reply_codes.end()) {
        CHECK(e.reply_title == std::string(listed->second.title));
      } else {
        const char* class_title = code[0] == '2' ? "Success (2xx)" : code[0] == '3' ? "Waiting for more from the sender (3xx)"
                                  : code[0] == '4' ? "Temporary failure (4xx)" : "Permanent failure (5xx)";
        CHECK(e.reply_title == class_title);
      }
      CHECK(e.reason_title == std::string(reason.title));
      for (const bx::Link& link : e.references)
        for (const std::string& named : reply_codes_named(link.title)) {
          INFO(link.title);
          CHECK(named == code);
        }
    }
  }
  CHECK(bx::report::reply_code_title("").empty());
  CHECK(bx::report::reply_code_title("5.2.2").empty());
  CHECK(bx::report::reply_code_title("55").empty());
  CHECK(bx::report::reply_code_title("650").empty());
}

TEST_CASE("a block on a large provider's or a sending service's server gets the steps its user can take", "[compose][sender]") {
  // Their own server: the IP owner's steps (look the IP up, fix, delist).
  const bx::Record own = only(bx::explain(spamhaus_bounce("MAILER-DAEMON@mail.example.org", "mail.example.org", "alice@example.org")));
  CHECK(own.reason == "blocked");
  CHECK(own.explanation.sender_provider_id.empty());
  CHECK(has_ip_owner_advice(own.explanation));

  // A Gmail user whose message Gmail relayed: not theirs to delist; Gmail's help, try later.
  const bx::Record gmail =
      only(bx::explain(spamhaus_bounce("mailer-daemon@googlemail.com", "mail-sor-f41.google.com", "alice@gmail.com")));
  INFO(joined(gmail.explanation.fix_steps));
  CHECK(gmail.reason == "blocked");
  CHECK(gmail.explanation.sender_provider_id == "google");
  CHECK_FALSE(has_ip_owner_advice(gmail.explanation));
  CHECK(joined(gmail.explanation.fix_steps).find("gmail.com") != std::string::npos);
  CHECK(gmail.explanation.summary.find("cannot change its IP address") != std::string::npos);
  CHECK(std::find(gmail.explanation.who_acts.begin(), gmail.explanation.who_acts.end(), "sender") !=
        gmail.explanation.who_acts.end());
  CHECK(gmail.explanation.fix_steps.size() <= bx::report::kMaxSteps);

  // A company on Microsoft 365: its admin takes it up with Microsoft.
  const bx::Record tenant = only(bx::explain(spamhaus_bounce(
      "postmaster@contoso.example", "AM0PR01MB1234.eurprd01.prod.outlook.com", "alice@contoso.example")));
  INFO(joined(tenant.explanation.fix_steps));
  CHECK(tenant.explanation.sender_provider_id == "microsoft");
  CHECK_FALSE(has_ip_owner_advice(tenant.explanation));
  CHECK(joined(tenant.explanation.fix_steps).find("administrator") != std::string::npos);

  // A newsletter sent through Amazon SES: its support.
  const bx::Record esp = only(bx::explain(spamhaus_bounce(
      "MAILER-DAEMON@amazonses.com", "a27-23.smtp-out.us-west-2.amazonses.com", "news@example.org")));
  INFO(joined(esp.explanation.fix_steps));
  CHECK(esp.explanation.sender_provider_id == "amazonses");
  CHECK_FALSE(has_ip_owner_advice(esp.explanation));
  CHECK(joined(esp.explanation.fix_steps).find("support") != std::string::npos);
}

TEST_CASE("a provider's own non-delivery report does not make it the sender's platform", "[compose][sender]") {
  // Outlook.com refusing mail for its own user writes the bounce itself: not the sender's relay.
  const bx::Record r = only(bx::explain(
      "From: postmaster@outlook.com\nSubject: Undeliverable: hello\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"
      "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; DM6PR01MB1234.prod.outlook.com\n\n"
      "Final-Recipient: rfc822; bob@hotmail.com\nAction: failed\nStatus: 5.7.1\n"
      "Remote-MTA: dns; DM6PR01MB1234.prod.outlook.com\n"
      "Diagnostic-Code: smtp; 550 5.7.1 Unfortunately, messages from [192.0.2.10] weren't sent. Please contact your "
      "Internet service provider since part of their network is on our block list (S3150).\n--b--\n"));
  CHECK(r.explanation.provider_id == "microsoft");
  CHECK(r.explanation.sender_provider_id.empty());
}

TEST_CASE("a sentence that starts with an address keeps the address as it is", "[compose]") {
  // filtered.json: "... {recipient} may only accept mail from certain senders ..."
  const bx::Record r = only(bx::explain("550 5.2.0 <bob@example.net>: Message Filtered\n"));
  REQUIRE(r.reason == "filtered");
  INFO(r.explanation.summary);
  CHECK(r.explanation.summary.find("bob@example.net may only accept") != std::string::npos);
  CHECK(r.explanation.summary.find("Bob@example.net") == std::string::npos);
}

TEST_CASE("a sentence opening with a missing address reads 'The recipient'", "[compose]") {
  bx::Record r = record_for("filtered", "5.2.0");
  r.recipient.clear();
  r.destination.clear();
  bx::classify::Findings none;
  bx::report::explain_record(r, none, bx::Authentication{});
  INFO(r.explanation.summary);
  CHECK(r.explanation.summary.find(". The recipient may only accept") != std::string::npos);
  CHECK(r.explanation.summary.find("at the recipient's domain") != std::string::npos);
}

namespace {

/// A DMARC rejection whose bounce header says everything passed (it is the bounce's own
/// authentication) and whose returned copy of the original says it failed.
std::string dmarc_bounce(const std::string& returned_headers) {
  return "Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=example.net; dkim=pass; dmarc=pass\n"
         "From: MAILER-DAEMON@mx.example.org\nTo: alice@example.org\nSubject: Undelivered Mail Returned to Sender\n"
         "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"
         "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n"
         "Final-Recipient: rfc822; bob@example.net\nAction: failed\nStatus: 5.7.26\nRemote-MTA: dns; mx.example.net\n"
         "Diagnostic-Code: smtp; 550 5.7.26 Unauthenticated email from example.org is not accepted due to domain's "
         "DMARC policy\n\n"
         "--b\nContent-Type: message/rfc822\n\n" +
         returned_headers + "From: alice@example.org\nTo: bob@example.net\nSubject: hello\n\nhello\n--b--\n";
}

}  // namespace

TEST_CASE("authentication is the original message's, from its returned copy, never the bounce's own", "[compose][auth]") {
  bx::Report failing = bx::explain(dmarc_bounce(
      "Authentication-Results: mx.example.net; spf=softfail smtp.mailfrom=example.org; dkim=none; dmarc=fail "
      "(p=reject) header.from=example.org\n"));
  REQUIRE(failing.records.size() == 1);
  CHECK(failing.authentication.dmarc == "fail");
  CHECK(failing.authentication.spf == "softfail");
  CHECK(failing.authentication.dkim == "none");
  CHECK(failing.authentication.source.find("mx.example.net") != std::string::npos);
  CHECK(failing.records[0].explanation.summary.find("DMARC fail") != std::string::npos);

  // ARC and Received-SPF fill in when there is no Authentication-Results.
  bx::Report arc = bx::explain(dmarc_bounce(
      "ARC-Authentication-Results: i=1; mx.example.net; dkim=fail header.d=example.org; dmarc=fail\n"
      "Received-SPF: Fail (mx.example.net: domain of example.org does not designate 192.0.2.7 as permitted sender)\n"));
  CHECK(arc.authentication.dmarc == "fail");
  CHECK(arc.authentication.dkim == "fail");
  CHECK(arc.authentication.spf == "fail");

  // Nothing in the returned copy and nothing quoted: no results at all, not the bounce's "pass".
  bx::Report none = bx::explain(dmarc_bounce(""));
  CHECK(none.authentication.source.empty());
  CHECK(none.authentication.dmarc.empty());
  CHECK(none.records[0].explanation.summary.find("DMARC pass") == std::string::npos);
}

TEST_CASE("authentication results quoted in the diagnostic are read when the copy has none", "[compose][auth]") {
  bx::Report ms = bx::explain(
      "550 5.7.509 Access denied, sending domain example.org does not pass DMARC verification and has a DMARC policy "
      "of reject. Spf= Fail, Dkim= Pass, Dmarc= Fail [AM0PR01MB1234.eurprd01.prod.protection.outlook.com]\n");
  REQUIRE(ms.records.size() == 1);
  CHECK(ms.authentication.spf == "fail");
  CHECK(ms.authentication.dkim == "pass");
  CHECK(ms.authentication.dmarc == "fail");
  CHECK(ms.authentication.source.rfind("Diagnostic: ", 0) == 0);
  bx::Report gmail = bx::explain(
      "550-5.7.26 This mail has been blocked because the sender is unauthenticated.\n"
      "550 5.7.26 Authentication results: dmarc=fail spf=fail dkim=none - gsmtp\n");
  CHECK(gmail.authentication.dmarc == "fail");
  CHECK(gmail.authentication.dkim == "none");
}

TEST_CASE("a typo found replaces the advice to look for typos", "[compose]") {
  const bx::Record r = only(bx::explain("550 5.1.1 <bob@gmial.com>: Recipient address rejected: User unknown\n"));
  REQUIRE(r.explanation.typo_suggestion == "gmail.com");
  REQUIRE(r.explanation.fix_steps.size() >= 2);
  CHECK(r.explanation.fix_steps[0].find("bob@gmail.com") != std::string::npos);
  for (std::size_t i = 1; i < r.explanation.fix_steps.size(); ++i) {
    INFO(r.explanation.fix_steps[i]);
    CHECK(r.explanation.fix_steps[i].find("typo") == std::string::npos);
  }
}

TEST_CASE("the content blocklists named in the code exist in the KB and get a content headline", "[compose][kb]") {
  std::size_t content = 0;
  for (const char* id : {"spamhaus-dbl", "spamhaus-zrd", "surbl", "uribl"}) {
    const Blocklist* found = nullptr;
    for (const Blocklist& b : bx::kb::knowledge().blocklists)
      if (b.id == id) found = &b;
    INFO(id);
    REQUIRE(found);
    CHECK(bx::report::is_content_blocklist(*found));
    bx::Record r = compose("spamdetected", "5.7.1", nullptr, nullptr, found);
    CHECK(r.explanation.headline.rfind("A domain or link in the message", 0) == 0);
    ++content;
  }
  CHECK(content == 4);
  for (const char* id : {"sendgrid", "amazonses", "mailgun", "postmark"}) {
    bool found = false;
    for (const Provider& p : bx::kb::knowledge().providers) found = found || p.id == id;
    INFO(id);
    CHECK(found);
  }
}

namespace {

/// The explanation of a one-line reply, which must give exactly one record.
bx::Record explained_line(const std::string& line) {
  bx::Report report = bx::explain(line + "\n");
  INFO(line);
  REQUIRE(report.records.size() == 1);
  return report.records[0];
}

bool says_greylisting(const bx::Explanation& e) {
  return e.situation == "greylisting" && e.category == "greylisting" &&
         e.headline.find("reylist") != std::string::npos;
}

}  // namespace

// Replies greylisting servers really send (each from the software's own source, documentation
// or logs quoted in its issue tracker), whatever reason the classifier files them under.
TEST_CASE("greylisting is told as greylisting, in the wording servers really use", "[compose][greylisting]") {
  const char* replies[] = {
      // Postfix + Postgrey (postgrey's default --greylist-text, as Postfix logs and bounces it)
      "450 4.2.0 <bob@example.com>: Recipient address rejected: Greylisted, see "
      "http://postgrey.schweikert.ch/help/example.com.html",
      "450 4.7.1 <bob@example.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.com.html",
      // Postfix + greyfix
      "450 4.7.1 <bob@example.com>: Recipient address rejected: Greylisted by greyfix 0.4.0, try again in 30 "
      "seconds. See http://www.kim-minh.com/pub/greyfix/ for more information.",
      // milter-greylist (sendmail / Postfix milter)
      "451 4.7.1 Greylisting in action, please come back later",
      "451 4.7.1 Greylisting in action, try again later",
      // Stalwart's greylisting script: 4.2.2 would otherwise read as a full mailbox
      "422 4.2.2 Greylisted, please try again in a few moments.",
      // SQLgrey
      "451 4.7.1 192.0.2.7 is not yet authorized to deliver mail from <alice@example.org> to "
      "<bob@example.com>. Please try later.",
      // rspamd's greylisting module (default message "Try again later"), through Postfix's milter
      "451 4.7.1 Try again later",
      // hMailServer's greylisting reply
      "451 Please try again later.",
  };
  for (const char* line : replies) {
    bx::Record r = explained_line(line);
    const bx::Explanation& e = r.explanation;
    INFO(line << "\nheadline: " << e.headline << "\nsteps:\n" << joined(e.fix_steps));
    CHECK(says_greylisting(e));
    CHECK(e.retry_when == "after-minutes");
    CHECK(e.retry_after_minutes > 0);
    // Not the advice of the reason it may be filed under: no password, TLS, port or full mailbox.
    std::string steps = joined(e.fix_steps) + e.summary;
    for (const char* wrong : {"password", "TLS", "port 587", "mailbox is full", "storage"}) CHECK(steps.find(wrong) == std::string::npos);
    CHECK(steps.find("retr") != std::string::npos);
    CHECK(e.fix_steps.size() <= bx::report::kMaxSteps);
    bool cites_source = false;
    for (const bx::Link& l : e.references) cites_source = cites_source || l.url.find("rfc6647") != std::string::npos;
    CHECK(cites_source);
  }
}

TEST_CASE("temporary refusals that are not greylisting keep their own explanation", "[compose][greylisting]") {
  const char* replies[] = {
      // Yahoo's complaint-based deferral
      "421 4.7.0 [TSS04] Messages from 192.0.2.7 temporarily deferred due to user complaints - 4.16.55.1; see "
      "https://postmaster.yahooinc.com/error-codes",
      // Microsoft's reputation throttling asks to try later, and says more than that
      "451 4.7.500 Server busy. Please try again later from [192.0.2.7]. (S77719) "
      "[BN8NAM12FT012.eop-nam12.prod.protection.outlook.com]",
      // a full mailbox that will be retried
      "452 4.2.2 <bob@example.com>: Mailbox full, try again later",
      // a permanent refusal that mentions greylisting is not a deferral
      "550 5.7.1 Greylisting is not the reason: your IP is blocked",
  };
  for (const char* line : replies) {
    bx::Record r = explained_line(line);
    INFO(line << "\nheadline: " << r.explanation.headline);
    CHECK(r.explanation.situation.empty());
    CHECK(r.explanation.category != "greylisting");
  }
}

TEST_CASE("a retry the provider or list documents is the one shown, with when and how long", "[compose][retry]") {
  std::size_t documented = 0;
  for (const Provider& p : bx::kb::knowledge().providers)
    for (const ProviderCode& c : p.codes) {
      if (c.retry.empty()) continue;
      bx::Record r = compose(c.reason, c.status, &p, &c, nullptr);
      INFO(c.id);
      CHECK(r.explanation.retry == c.retry.text);
      CHECK(r.explanation.retry_when == c.retry.when);
      CHECK(r.explanation.retry_after_minutes == c.retry.minutes);
      CHECK(c.retry.source.rfind("https://", 0) == 0);
      ++documented;
    }
  for (const Blocklist& b : bx::kb::knowledge().blocklists) {
    if (b.retry.empty()) continue;
    bx::Record r = compose("blocked", "5.7.1", nullptr, nullptr, &b);
    INFO(b.id);
    CHECK(r.explanation.retry == b.retry.text);
    CHECK(r.explanation.retry_when == b.retry.when);
    ++documented;
  }
  CHECK(documented >= 8);

  // Microsoft's per-hour limit: after an hour, in the report's JSON too.
  bx::Report hour = bx::explain(
      "550 5.2.121 RecipientThrottled; Sender has exceeded the hourly message limit for this recipient "
      "[BN8NAM12FT012.eop-nam12.prod.protection.outlook.com]\n");
  REQUIRE(hour.records.size() == 1);
  CHECK(hour.records[0].explanation.retry_when == "after-minutes");
  CHECK(hour.records[0].explanation.retry_after_minutes == 60);
  std::string json = bx::to_json(hour);
  CHECK(json.find("\"retry_when\":\"after-minutes\",\"retry_after_minutes\":60") != std::string::npos);

  // Nobody documents when: no retry_when, and the JSON says null.
  bx::Report plain = bx::explain("550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown\n");
  REQUIRE(plain.records.size() == 1);
  CHECK(plain.records[0].explanation.retry_when.empty());
  CHECK(bx::to_json(plain).find("\"retry_when\":null,\"retry_after_minutes\":null") != std::string::npos);
}

TEST_CASE("a message stopped by the sender's own provider is not the recipient's to fix", "[compose][situation]") {
  // cPanel's outgoing SpamAssassin check, as its bounce and its Exim log word it.
  for (const char* line : {"550 This message was classified as SPAM and may not be delivered",
                           "550 SpamAssassin as cpaneleximscanner detected OUTGOING smtp message as spam (Spam score: 12.5)"}) {
    bx::Record r = explained_line(line);
    const bx::Explanation& e = r.explanation;
    INFO(line << "\n" << e.headline << "\n" << joined(e.fix_steps));
    CHECK(e.situation == "outbound-filter");
    CHECK(e.headline.find("own mail provider") != std::string::npos);
    CHECK(std::find(e.who_acts.begin(), e.who_acts.end(), "recipient") == e.who_acts.end());
    CHECK(std::find(e.who_acts.begin(), e.who_acts.end(), "recipient-admin") == e.who_acts.end());
    for (const std::string& step : e.fix_steps) {
      CHECK(step.find("Contact the recipient") == std::string::npos);
      CHECK(step.find("ask the recipient") == std::string::npos);
    }
    CHECK(e.retry_when == "after-fix");
  }
}

TEST_CASE("a blocklisted link is a link in the message, even when a large provider sent it", "[compose][blocklist]") {
  const std::string dbl =
      "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nTo: alice@gmail.com\nSubject: Delivery Status "
      "Notification (Failure)\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"
      "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; googlemail.com\n\n"
      "Final-Recipient: rfc822; bob@example.net\nAction: failed\nStatus: 5.7.1\nRemote-MTA: dns; mx.example.net\n"
      "Diagnostic-Code: smtp; 554 5.7.1 Message rejected: the message contains a URL listed on dbl.spamhaus.org "
      "(example.org)\n\n--b--\n";
  const bx::Record r = only(bx::explain(dbl));
  const bx::Explanation& e = r.explanation;
  INFO(e.headline << "\n" << joined(e.fix_steps));
  CHECK(e.blocklist_id == "spamhaus-dbl");
  CHECK(e.headline.rfind("A domain or link in the message", 0) == 0);
  CHECK(e.sender_provider_id.empty());  // not about Gmail's IP
  CHECK(joined(e.fix_steps).find("link") != std::string::npos);
  CHECK(joined(e.fix_steps).find("sending IP") == std::string::npos);
}

TEST_CASE("Microsoft hybrid 5.4.1 and 5.7.64 point to the Hybrid Configuration Wizard", "[compose][kb]") {
  for (const char* line :
       {"550 5.4.1 Relay Access Denied [BN8NAM12FT012.eop-nam12.prod.protection.outlook.com]",
        "550 5.7.64 TenantAttribution; Relay Access Denied [BN8NAM12FT012.eop-nam12.prod.protection.outlook.com]"}) {
    bx::Record r = explained_line(line);
    INFO(line << "\n" << joined(r.explanation.fix_steps));
    CHECK(r.explanation.provider_id == "microsoft");
    CHECK(joined(r.explanation.fix_steps).find("Hybrid Configuration Wizard") != std::string::npos);
  }
  bx::Record dbeb = explained_line(
      "550 5.4.1 Recipient address rejected: Access denied. AS(201806281) "
      "[DB5EUR01FT088.eop-EUR01.prod.protection.outlook.com]");
  INFO(joined(dbeb.explanation.fix_steps));
  CHECK(joined(dbeb.explanation.fix_steps).find("Auto-Complete") != std::string::npos);
  CHECK(joined(dbeb.explanation.fix_steps).find("Internal relay") != std::string::npos);
}

TEST_CASE("an unknown address: retype what the mail program filled in; admins get the lookups to run", "[compose][kb]") {
  bx::Record unknown = explained_line("550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown");
  INFO(joined(unknown.explanation.fix_steps));
  CHECK(joined(unknown.explanation.fix_steps).find("type the whole address again") != std::string::npos);
  bx::Record nohost = explained_line("550 5.1.2 <bob@nosuchdomain.example>: Host or domain name not found");
  CHECK(joined(nohost.explanation.fix_steps).find("dig MX") != std::string::npos);
}

TEST_CASE("greylisting that outlasted the sending server's retries is not told to wait", "[compose][greylisting]") {
  bx::Record r = record_for("expired", "4.7.1");
  r.diagnostic_code = "451 4.7.1 Greylisting in action, please come back later";
  // The classifier's scan of the reply finds the situation's words, as in a real run.
  bx::formats::Candidate reply;
  reply.diagnostic = r.diagnostic_code;
  const bx::classify::Findings found = bx::classify::find_knowledge(reply);
  bx::report::explain_record(r, found, bx::Authentication{});
  const bx::Explanation& e = r.explanation;
  INFO(e.headline << "\n" << joined(e.fix_steps) << "\n" << e.retry);
  CHECK(e.situation == "greylisting-expired");
  CHECK(e.category == "greylisting");
  CHECK(e.retry_when == "after-fix");
  CHECK(joined(e.fix_steps).find("Wait:") == std::string::npos);
  CHECK(joined(e.fix_steps).find("same IP address") != std::string::npos);

  // The same reply while the server still retries: wait.
  bx::Record waiting = record_for("securityerror", "4.7.1");
  waiting.diagnostic_code = r.diagnostic_code;
  bx::report::explain_record(waiting, found, bx::Authentication{});
  CHECK(waiting.explanation.situation == "greylisting");
}
