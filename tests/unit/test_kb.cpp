// The knowledge base as shipped, and the build-time validator's verdicts on broken entries:
// each problem is reported with its file and field, so a KB error is easy to fix.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "kb/load.hpp"
#include "kb/serialize.hpp"

using bx::kb::EmbeddedFile;

namespace {

const char kGoodReason[] = R"({"id":"userunknown","category":"recipient-address","title":"No such address",
  "summary":"{recipient} does not exist.","hard_bounce":true,"who_acts":["sender"],"retry":"Do not retry.",
  "fix_steps":["Fix the address."],"phrases":["user unknown"],
  "references":[{"title":"RFC 3463","url":"https://www.rfc-editor.org/rfc/rfc3463"}],"examples":[]})";

std::vector<std::string> errors_for(std::vector<EmbeddedFile> extra) {
  // The shipped top-level files (categories, classification) with the entries under test.
  std::vector<EmbeddedFile> files;
  for (std::size_t i = 0; i < bx::kb::kEmbeddedFileCount; ++i)
    if (bx::kb::kEmbeddedFiles[i].path.find('/') == std::string_view::npos) files.push_back(bx::kb::kEmbeddedFiles[i]);
  files.insert(files.end(), extra.begin(), extra.end());
  std::vector<std::string> errors;
  bx::kb::load(files, errors);
  return errors;
}

bool has_error(const std::vector<std::string>& errors, const std::string& text) {
  return std::any_of(errors.begin(), errors.end(), [&](const std::string& e) { return e.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("the shipped knowledge base is complete and valid", "[kb]") {
  std::vector<std::string> errors;
  bx::kb::Knowledge kb = bx::kb::load(errors);
  CHECK(errors.empty());
  CHECK(kb.reasons.size() >= 36);
  for (const char* code : {"421", "450", "451", "452", "454", "500", "501", "502", "503", "504", "521", "530", "535",
                           "541", "550", "551", "552", "553", "554", "555", "556"})
    CHECK(kb.reply_codes.count(code) == 1);
  CHECK(kb.status_codes.size() >= 70);
  CHECK(kb.status_code("5.7.26") != nullptr);
  CHECK(kb.providers.size() >= 15);
  CHECK(kb.blocklists.size() >= 10);
  CHECK(kb.domains.size() >= 100);
  for (const bx::kb::Reason& r : kb.reasons) {
    INFO(r.id);
    CHECK(kb.category(r.category) != nullptr);
    CHECK_FALSE(r.fix_steps.empty());
  }
}

TEST_CASE("a valid entry has no errors of its own", "[kb]") {
  std::vector<std::string> errors = errors_for({{"reasons/userunknown.json", kGoodReason}});
  CHECK_FALSE(has_error(errors, "kb/reasons/userunknown.json"));
}

TEST_CASE("broken entries are reported with file and field", "[kb]") {
  std::string reason(kGoodReason);
  auto with = [&](const std::string& from, const std::string& to) {
    std::string s = reason;
    s.replace(s.find(from), from.size(), to);
    return s;
  };
  std::string http = with("https://www.rfc", "http://www.rfc");
  std::string upper = with("\"user unknown\"", "\"User Unknown\"");
  std::string unknown_key = with("\"examples\":[]", "\"examples\":[],\"colour\":\"red\"");
  std::string wrong_type = with("\"hard_bounce\":true", "\"hard_bounce\":\"yes\"");
  std::string no_steps = with("\"fix_steps\":[\"Fix the address.\"],", "");
  std::string bad_actor = with("[\"sender\"]", "[\"the boss\"]");
  std::string bad_category = with("\"recipient-address\"", "\"nowhere\"");

  CHECK(has_error(errors_for({{"reasons/userunknown.json", http}}), "kb/reasons/userunknown.json: references[0]: url: link must start with https://"));
  CHECK(has_error(errors_for({{"reasons/userunknown.json", upper}}), "kb/reasons/userunknown.json: phrases[0]: must be lower case"));
  CHECK(has_error(errors_for({{"reasons/userunknown.json", unknown_key}}), "kb/reasons/userunknown.json: colour: unknown field"));
  CHECK(has_error(errors_for({{"reasons/userunknown.json", wrong_type}}), "kb/reasons/userunknown.json: hard_bounce: expected true or false"));
  CHECK(has_error(errors_for({{"reasons/userunknown.json", no_steps}}), "kb/reasons/userunknown.json: fix_steps: missing"));
  CHECK(has_error(errors_for({{"reasons/userunknown.json", bad_actor}}), "who_acts: unknown actor 'the boss'"));
  CHECK(has_error(errors_for({{"reasons/userunknown.json", bad_category}}), "category: unknown category 'nowhere'"));
  CHECK(has_error(errors_for({{"reasons/mailboxfull.json", reason}}), "kb/reasons/mailboxfull.json: id: must equal the file name"));
  CHECK(has_error(errors_for({{"reasons/userunknown.json", "{not json"}}), "kb/reasons/userunknown.json: not valid JSON"));
  CHECK(has_error(errors_for({{"reasons/userunknown.json", reason}, {"status-codes/X.1.1.json",
      R"({"code":"X.1.1","title":"Bad mailbox","meaning":"m","reason":"nosuchreason","references":[{"title":"t","url":"https://example.com/"}]})"}}),
      "kb/status-codes/X.1.1.json: reason: unknown reason 'nosuchreason'"));
}

TEST_CASE("a reason's reference may not name one reply code: the reason is given for any", "[kb]") {
  std::string reason(kGoodReason);
  auto titled = [&](const std::string& title) {
    std::string s = reason;
    s.replace(s.find("\"RFC 3463\""), 10, "\"" + title + "\"");
    return errors_for({{"reasons/userunknown.json", s}});
  };
  const char* error = "kb/reasons/userunknown.json: references[0]: title: names a reply code";
  CHECK(has_error(titled("RFC 5321 §4.2.3 (552 reply code)"), error));
  CHECK(has_error(titled("RFC 7504 (521 and 556 reply codes)"), error));
  CHECK(has_error(titled("Exim's 451 reply"), error));
  // Section numbers, RFC numbers, enhanced status codes and other numbers are not reply codes.
  CHECK_FALSE(has_error(titled("RFC 5321 §4.2.3 (reply codes)"), error));
  CHECK_FALSE(has_error(titled("RFC 3463 §3.3 (X.2.2 mailbox full, 5.2.2)"), error));
  CHECK_FALSE(has_error(titled("RFC 821 (the first SMTP)"), error));
  CHECK_FALSE(has_error(titled("Limits of 1000 recipients"), error));
}

TEST_CASE("a provider code or blocklist without the page its facts come from is refused", "[kb]") {
  const std::string blocklist = R"({"id":"examplebl","name":"Example BL","phrases":["bl.example.net"],
    "lookup_url":"https://bl.example.net/","delist_url":"https://bl.example.net/","explanation":"e",
    "fix_steps":["Look it up."],"references":[{"title":"t","url":"https://bl.example.net/"}]SOURCING})";
  auto blocklist_with = [&](const std::string& sourcing) {
    std::string s = blocklist;
    s.replace(s.find("SOURCING"), 8, sourcing);
    return errors_for({{"blocklists/examplebl.json", s}});
  };
  CHECK_FALSE(has_error(blocklist_with(R"(,"source":"https://bl.example.net/faq","verified":false)"), "examplebl"));
  CHECK(has_error(blocklist_with(R"(,"verified":true)"), "kb/blocklists/examplebl.json: source: missing"));
  CHECK(has_error(blocklist_with(R"(,"source":"","verified":true)"), "kb/blocklists/examplebl.json: source: must not be empty"));
  CHECK(has_error(blocklist_with(R"(,"source":"http://bl.example.net/","verified":true)"), "source: link must start with https://"));
  CHECK(has_error(blocklist_with(R"(,"source":"https://bl.example.net/")"), "kb/blocklists/examplebl.json: verified: missing"));

  const std::string provider = R"({"id":"exampleprov","name":"Example","domains":[],"hosts":[],"phrases":[],
    "url":"https://example.net/","codes":[{"id":"exampleprov-1","status":"5.7.1","phrases":[],"reason":"blocked",
    "title":"t","explanation":"e","who_acts":["sender"],"fix_steps":["Do it."],
    "references":[{"title":"t","url":"https://example.net/"}]SOURCING}]})";
  std::string unsourced = provider;
  unsourced.replace(unsourced.find("SOURCING"), 8, R"(,"verified":false)");
  CHECK(has_error(errors_for({{"providers/exampleprov.json", unsourced}}), "kb/providers/exampleprov.json: codes[0]: source: missing"));
}

TEST_CASE("every shipped provider code and blocklist names its source, and unverified ones say so", "[kb]") {
  const bx::kb::Knowledge& kb = bx::kb::knowledge();
  std::size_t unverified = 0, entries = 0;
  for (const bx::kb::Provider& p : kb.providers)
    for (const bx::kb::ProviderCode& c : p.codes) {
      INFO(c.id);
      CHECK(c.source.rfind("https://", 0) == 0);
      ++entries, unverified += c.verified ? 0 : 1;
    }
  for (const bx::kb::Blocklist& b : kb.blocklists) {
    INFO(b.id);
    CHECK(b.source.rfind("https://", 0) == 0);
    ++entries, unverified += b.verified ? 0 : 1;
  }
  // Both kinds exist: the flag is carried, not defaulted one way.
  CHECK(unverified > 0);
  CHECK(unverified < entries);
}

TEST_CASE("no step suggests DMARC's pct= tag, which DMARCbis (RFC 9989) removed", "[kb]") {
  const bx::kb::Knowledge& kb = bx::kb::knowledge();
  auto check = [](std::string_view where, const bx::kb::Texts& steps, std::string_view text) {
    INFO(where);
    CHECK(text.find("pct=") == std::string_view::npos);
    for (std::string_view step : steps) CHECK(step.find("pct=") == std::string_view::npos);
  };
  for (const bx::kb::Reason& r : kb.reasons) check(r.id, r.fix_steps, r.summary);
  for (const bx::kb::Provider& p : kb.providers)
    for (const bx::kb::ProviderCode& c : p.codes) check(c.id, c.fix_steps, c.explanation);
  for (const bx::kb::Blocklist& b : kb.blocklists) check(b.id, b.fix_steps, b.explanation);
}

TEST_CASE("the knowledge base compiled in is the one kb/ holds", "[kb]") {
  std::vector<std::string> errors;
  const bx::kb::Knowledge from_json = bx::kb::load(errors);
  const bx::kb::Knowledge& compiled_in = bx::kb::knowledge();
  REQUIRE(compiled_in.reasons.size() == from_json.reasons.size());
  CHECK(bx::kb::serialize(compiled_in) == bx::kb::serialize(from_json));
  const bx::kb::Reason* full = compiled_in.reason("mailboxfull");
  REQUIRE(full != nullptr);
  CHECK(full->hard_bounce == from_json.reason("mailboxfull")->hard_bounce);
  CHECK(full->fix_steps == from_json.reason("mailboxfull")->fix_steps);
  CHECK(compiled_in.classification.status_fallback == from_json.classification.status_fallback);
}

TEST_CASE("packed knowledge that is cut short or altered is refused, not misread", "[kb]") {
  std::string bytes = bx::kb::serialize(bx::kb::knowledge());
  bx::kb::Knowledge out;
  CHECK(bx::kb::deserialize(bytes, out));
  CHECK_FALSE(bx::kb::deserialize(bytes.substr(0, bytes.size() / 2), out));
  CHECK_FALSE(bx::kb::deserialize(bytes + "x", out));
  CHECK_FALSE(bx::kb::deserialize("BXKB\x01" + bytes.substr(5), out));  // another format version
  CHECK_FALSE(bx::kb::deserialize("", out));
  std::string huge_count = bytes.substr(0, 5) + "\xff\xff\xff\xff\x0f";
  CHECK_FALSE(bx::kb::deserialize(huge_count, out));
}
