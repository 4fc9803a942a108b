// The sentences the core shows a person come from kb/words.json, by id (kb/sentences.def): every
// id the core says has a text there, every parameter of that text is supplied, the KB build
// refuses a text naming a parameter the core does not supply, and the report carries the id,
// the parameters and the text rendered from them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bx/explain.hpp"
#include "kb/kb.hpp"
#include "kb/load.hpp"
#include "kb/sentences.hpp"
#include "report/words.hpp"

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The {name}s a text names.
std::set<std::string> placeholders(const std::string& text) {
  std::set<std::string> names;
  static const std::regex kName("\\{([a-z_]+)\\}");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kName); it != std::sregex_iterator(); ++it)
    names.insert((*it)[1]);
  return names;
}

/// The embedded kb/ files with kb/words.json replaced by `words`.
std::vector<bx::kb::EmbeddedFile> files_with_words(const std::string& words) {
  std::vector<bx::kb::EmbeddedFile> files(bx::kb::kEmbeddedFiles, bx::kb::kEmbeddedFiles + bx::kb::kEmbeddedFileCount);
  for (bx::kb::EmbeddedFile& f : files)
    if (f.path == "words.json") f.content = words;
  return files;
}

std::string kb_words_json() { return read_file(std::filesystem::path(BX_SOURCE_DIR) / "kb" / "words.json"); }

bool any_error_has(const std::vector<std::string>& errors, const std::string& part) {
  return std::any_of(errors.begin(), errors.end(), [&](const std::string& e) { return e.find(part) != std::string::npos; });
}

}  // namespace

TEST_CASE("every sentence the core says has a text naming only the parameters it supplies, and all of them", "[words]") {
  const bx::kb::Knowledge& kb = bx::kb::knowledge();
  const auto catalogue = bx::kb::sentence_catalogue();
  REQUIRE(catalogue.size() >= 40);
  for (const bx::kb::SentenceSpec& spec : catalogue) {
    INFO(spec.id);
    const std::string text(kb.sentence(spec.id));
    REQUIRE_FALSE(text.empty());
    const std::set<std::string> declared(spec.params.begin(), spec.params.end());
    // Our own wording uses every value the core passes (a value named differently in the text
    // would be left out of the sentence), and names nothing else.
    CHECK(placeholders(text) == declared);
    // Filled with distinct values, no placeholder is left and every value shows.
    std::vector<std::string> values;
    for (std::size_t i = 0; i < spec.params.size(); ++i) values.push_back("<value " + std::to_string(i) + ">");
    std::vector<std::string_view> names(spec.params.begin(), spec.params.end()), given(values.begin(), values.end());
    const std::string filled = bx::report::fill_template(text, names.data(), given.data(), names.size());
    CHECK(filled.find('{') == std::string::npos);
    for (const std::string& v : values) CHECK(filled.find(v) != std::string::npos);
  }
  // And kb/words.json has no text the core never says.
  CHECK(kb.words.sentences.size() == catalogue.size());
}

TEST_CASE("every sentence constant the core's sources use is catalogued, and every catalogued one is used", "[words]") {
  // kb/sentences.def: BX_SENTENCE(kName, "id", ...). The core can only say a sentence through
  // such a constant (report::say), so the constants its sources name are what it can emit.
  const std::filesystem::path core = std::filesystem::path(BX_SOURCE_DIR) / "core" / "src";
  const std::string def = read_file(core / "kb" / "sentences.def");
  static const std::regex kDeclared("BX_SENTENCE\\((k[A-Za-z0-9]+), \"([a-z0-9_.]+)\"");
  std::set<std::string> declared;
  for (auto it = std::sregex_iterator(def.begin(), def.end(), kDeclared); it != std::sregex_iterator(); ++it)
    declared.insert((*it)[1]);
  REQUIRE(declared.size() == bx::kb::sentence_catalogue().size());

  std::set<std::string> used;
  static const std::regex kUse("sentences::(k[A-Za-z0-9]+)");
  for (const auto& entry : std::filesystem::recursive_directory_iterator(core)) {
    if (entry.path().extension() != ".cpp" && entry.path().extension() != ".hpp") continue;
    const std::string source = read_file(entry.path());
    for (auto it = std::sregex_iterator(source.begin(), source.end(), kUse); it != std::sregex_iterator(); ++it)
      used.insert((*it)[1]);
  }
  for (const std::string& name : used) {
    INFO(name << " is used but not in kb/sentences.def");
    CHECK(declared.count(name) == 1);
  }
  for (const std::string& name : declared) {
    INFO(name << " is in kb/sentences.def but the core never says it");
    CHECK(used.count(name) == 1);
  }
}

TEST_CASE("the KB build refuses a sentence naming a parameter the core does not supply", "[words][kb]") {
  nlohmann::json words = nlohmann::json::parse(kb_words_json());
  {
    std::vector<std::string> errors;
    bx::kb::load(files_with_words(words.dump()), errors);
    INFO(errors.size() << " errors, first: " << (errors.empty() ? "" : errors.front()));
    CHECK(errors.empty());
  }
  SECTION("an unknown placeholder") {
    words["sentences"]["status.too_large"] = "The input is larger than {limit_mb} MB for {recipient}.";
    std::vector<std::string> errors;
    bx::kb::load(files_with_words(words.dump()), errors);
    CHECK(any_error_has(errors, "kb/words.json: sentences: status.too_large: unknown placeholder {recipient}"));
  }
  SECTION("a placeholder in a sentence that takes none") {
    words["sentences"]["status.empty"] = "Nothing to explain for {count}.";
    std::vector<std::string> errors;
    bx::kb::load(files_with_words(words.dump()), errors);
    CHECK(any_error_has(errors, "status.empty: unknown placeholder {count}"));
  }
  SECTION("a brace that opens no name") {
    words["sentences"]["status.bounce.one"] = "{count recipient was not reached.";
    std::vector<std::string> errors;
    bx::kb::load(files_with_words(words.dump()), errors);
    CHECK(any_error_has(errors, "status.bounce.one: a '{' opens no {name}"));
  }
  SECTION("a sentence the core says is missing") {
    words["sentences"].erase("retry.blocklist");
    std::vector<std::string> errors;
    bx::kb::load(files_with_words(words.dump()), errors);
    CHECK(any_error_has(errors, "no text for 'retry.blocklist'"));
  }
  SECTION("a sentence the core never says") {
    words["sentences"]["status.unheard_of"] = "Never said.";
    std::vector<std::string> errors;
    bx::kb::load(files_with_words(words.dump()), errors);
    CHECK(any_error_has(errors, "status.unheard_of: unknown sentence id"));
  }
  SECTION("an actor without a label, and a label for no actor") {
    words["actors"].erase("recipient-admin");
    words["actors"]["list-owner"] = "The mailing-list owner";
    std::vector<std::string> errors;
    bx::kb::load(files_with_words(words.dump()), errors);
    CHECK(any_error_has(errors, "no label for 'recipient-admin'"));
    CHECK(any_error_has(errors, "actors: list-owner: unknown actor"));
  }
}

TEST_CASE("the report carries the message's id and parameters beside its text", "[words][report]") {
  const bx::kb::Knowledge& kb = bx::kb::knowledge();
  SECTION("a bounce: the count of recipients not reached") {
    bx::Report r = bx::explain("550 5.1.1 <bob@example.com>: User unknown\n550 5.1.1 <ann@example.com>: User unknown\n");
    REQUIRE(r.status == bx::ReportStatus::Bounce);
    CHECK(r.message_template == "status.bounce.many");
    REQUIRE(r.message_params.size() == 1);
    CHECK(r.message_params[0] == std::pair<std::string, std::string>("count", "2"));
    CHECK(r.message == "2 recipients were not reached.");
    nlohmann::json j = nlohmann::json::parse(bx::to_json(r));
    CHECK(j["message_template"] == "status.bounce.many");
    CHECK(j["message_params"] == nlohmann::json({{"count", "2"}}));
  }
  SECTION("statuses without records, and their limits") {
    bx::Limits small;
    small.max_input_bytes = 3u << 20;
    bx::Report large = bx::explain(std::string((3u << 20) + 1, 'a'), small);
    CHECK(large.message_template == "status.too_large");
    CHECK(large.message_params == std::vector<std::pair<std::string, std::string>>{{"limit_mb", "3"}});
    CHECK(large.message.find("larger than 3 MB") != std::string::npos);
    bx::Report empty = bx::explain("  \n");
    CHECK(empty.message_template == "status.empty");
    CHECK(empty.message == kb.sentence("status.empty"));
    CHECK(nlohmann::json::parse(bx::to_json(empty))["message_params"] == nlohmann::json::object());
  }
  SECTION("who must act, in the KB's words") {
    bx::Report r = bx::explain("550 5.1.1 <bob@example.com>: User unknown\n");
    REQUIRE(r.records.size() == 1);
    const bx::Explanation& e = r.records[0].explanation;
    REQUIRE_FALSE(e.who_acts.empty());
    REQUIRE(e.who_acts_labels.size() == e.who_acts.size());
    for (std::size_t i = 0; i < e.who_acts.size(); ++i) CHECK(e.who_acts_labels[i] == kb.actor_label(e.who_acts[i]));
  }
}

TEST_CASE("a template is filled in one pass: values are not read as templates", "[words]") {
  const std::string_view names[] = {"a", "b"};
  const std::string_view values[] = {"{b}", "x"};
  CHECK(bx::report::fill_template("{a} and {b}, {c} {", names, values, 2) == "{b} and x, {c} {");
  CHECK(bx::report::fill_template("no names", names, values, 0) == "no names");
}
