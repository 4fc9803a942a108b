#include "kb/load.hpp"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "kb/embedded.hpp"
#include "kb/sentences.hpp"
#include "text/text.hpp"

namespace bx::kb {
namespace {

using json = nlohmann::json;

/// "a}, {b" of [a, b], to list parameter names in an error.
std::string concat_params(const std::vector<std::string_view>& params) {
  std::string out;
  for (std::string_view p : params) out += (out.empty() ? "" : "}, {") + std::string(p);
  return out;
}

/// Lower case as the classifier matches it, in every script it folds (text::fold_case).
bool is_lower(std::string_view s) { return text::fold_case(s) == s; }

/// Reads one JSON object strictly: every access is type-checked (no exceptions, which the
/// wasm build does not catch), problems are reported with file and field, and keys nobody read
/// are reported as unknown when the object is done.
class Reader {
 public:
  Reader(const json& j, std::string where, Knowledge& kb, std::vector<std::string>& errors)
      : j_(j), where_(std::move(where)), kb_(kb), errors_(errors) {
    if (!j_.is_object()) error("", "expected an object");
  }
  ~Reader() {
    if (!j_.is_object()) return;
    for (auto it = j_.begin(); it != j_.end(); ++it)
      if (!used_.count(it.key())) error(it.key(), "unknown field");
  }
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  const json* get(const char* key, bool required) {
    used_.insert(key);
    if (!j_.is_object() || !j_.contains(key)) {
      if (required) error(key, "missing");
      return nullptr;
    }
    return &j_[key];
  }

  Text str(const char* key, bool required = true, bool allow_empty = false) {
    const json* v = get(key, required);
    if (!v) return {};
    if (!v->is_string()) {
      error(key, "expected a string");
      return {};
    }
    std::string s = v->get<std::string>();
    if (s.empty() && !allow_empty) error(key, "must not be empty");
    return kb_.keep(std::move(s));
  }

  /// A string or null (null and absent give "").
  Text nullable_str(const char* key) {
    const json* v = get(key, false);
    if (!v || v->is_null()) return {};
    if (!v->is_string()) error(key, "expected a string or null");
    return v->is_string() ? kb_.keep(v->get<std::string>()) : Text();
  }

  bool boolean(const char* key) {
    const json* v = get(key, true);
    if (v && !v->is_boolean()) error(key, "expected true or false");
    return v && v->is_boolean() && v->get<bool>();
  }

  Texts strs(const char* key, bool required = true, bool non_empty = true, bool lower = false) {
    Texts out;
    const json* v = get(key, required);
    if (!v) return out;
    if (!v->is_array()) {
      error(key, "expected an array of strings");
      return out;
    }
    for (std::size_t i = 0; i < v->size(); ++i) {
      const json& item = (*v)[i];
      std::string at = std::string(key) + "[" + std::to_string(i) + "]";
      if (!item.is_string() || item.get<std::string>().empty()) {
        error(at, "expected a non-empty string");
        continue;
      }
      std::string s = item.get<std::string>();
      if (lower && !is_lower(s)) error(at, "must be lower case");
      out.push_back(kb_.keep(std::move(s)));
    }
    if (non_empty && out.empty()) error(key, "must not be empty");
    return out;
  }

  Refs links(const char* key, bool required = true) {
    Refs out;
    const json* v = get(key, required);
    if (!v) return out;
    if (!v->is_array() || v->empty()) {
      error(key, "expected a non-empty array of {title, url}");
      return out;
    }
    for (std::size_t i = 0; i < v->size(); ++i) {
      Reader item((*v)[i], where_ + ": " + key + "[" + std::to_string(i) + "]", kb_, errors_);
      Ref link{item.str("title"), item.str("url")};
      item.check_https("url", link.url);
      out.push_back(link);
    }
    return out;
  }

  /// The page an entry's facts come from (required, https) and whether they were confirmed there.
  void sourcing(Text& source, bool& verified) {
    source = str("source");
    check_https("source", source);
    verified = boolean("verified");
  }

  /// A whole number (0 and up); absent gives 0.
  std::uint32_t count(const char* key, bool required) {
    const json* v = get(key, required);
    if (!v) return 0;
    if (!v->is_number_unsigned() || v->get<std::uint64_t>() > 100000) {
      error(key, "expected a whole number of minutes (0 to 100000)");
      return 0;
    }
    return static_cast<std::uint32_t>(v->get<std::uint64_t>());
  }

  void check_https(const char* key, Text url) {
    if (!url.empty() && url.rfind("https://", 0) != 0) error(key, "link must start with https://");
  }

  void error(const std::string& field, const std::string& what) {
    errors_.push_back(where_ + (field.empty() ? "" : ": " + field) + ": " + what);
  }

  const std::string& where() const { return where_; }
  Knowledge& kb() { return kb_; }
  std::vector<std::string>& errors() { return errors_; }

 private:
  const json& j_;
  std::string where_;
  Knowledge& kb_;
  std::vector<std::string>& errors_;
  std::set<std::string> used_;
};

const std::set<std::string> kActors(kActorIds.begin(), kActorIds.end());

void check_actors(Reader& r, const char* key, const Texts& actors) {
  for (Text a : actors)
    if (!kActors.count(std::string(a)))
      r.error(key, "unknown actor '" + std::string(a) + "' (sender, sender-admin, recipient, recipient-admin)");
}

const std::set<std::string> kRetryWhen = {"now", "after-minutes", "after-fix", "never"};

/// `retry`: {when, minutes, text, source}, optional on provider codes and blocklists (only where
/// the provider documents when to send again), required on situations.
Retry load_retry(Reader& parent, const char* key, bool required) {
  Retry out;
  const json* v = parent.get(key, required);
  if (!v) return out;
  Reader r(*v, parent.where() + ": " + key, parent.kb(), parent.errors());
  out.when = r.str("when");
  if (!out.when.empty() && !kRetryWhen.count(std::string(out.when)))
    r.error("when", "expected now, after-minutes, after-fix or never");
  out.minutes = r.count("minutes", out.when == "after-minutes");
  if (out.when == "after-minutes" && out.minutes == 0) r.error("minutes", "after-minutes needs a number of minutes above 0");
  if ((out.when == "now" || out.when == "never") && out.minutes != 0) r.error("minutes", "only with after-minutes or after-fix");
  out.text = r.str("text");
  out.source = r.str("source");
  r.check_https("source", out.source);
  return out;
}

std::string file_stem(std::string_view path) {
  std::size_t slash = path.rfind('/');
  std::string_view name = path.substr(slash == std::string_view::npos ? 0 : slash + 1);
  return std::string(name.substr(0, name.rfind(".json")));
}

std::string folder_of(std::string_view path) {
  std::size_t slash = path.find('/');
  return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash));
}

/// Whether `title` names a basic reply code: a run of exactly three digits starting with 2 to 5
/// ("552"; not "5321", "4.2.3" or "5.2.2").
bool names_reply_code(std::string_view title) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  for (std::size_t i = 0; i < title.size();) {
    if (!digit(title[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < title.size() && digit(title[end])) ++end;
    bool dotted = (i > 0 && title[i - 1] == '.') || (end < title.size() && title[end] == '.');
    if (end - i == 3 && title[i] >= '2' && title[i] <= '5' && !dotted) return true;
    i = end;
  }
  return false;
}

void load_reason(const json& j, const std::string& where, Knowledge& kb, std::vector<std::string>& errors) {
  Reader r(j, where, kb, errors);
  Reason e;
  e.id = r.str("id");
  e.category = r.str("category");
  e.title = r.str("title");
  e.summary = r.str("summary");
  e.hard_bounce = r.boolean("hard_bounce");
  e.who_acts = r.strs("who_acts");
  check_actors(r, "who_acts", e.who_acts);
  e.retry = r.str("retry");
  e.fix_steps = r.strs("fix_steps");
  e.phrases = r.strs("phrases", true, false, true);
  // "mailbox … full": words in this order with a few words between; every part is needed.
  for (Text phrase : e.phrases) {
    std::string padded = " " + std::string(phrase) + " ";
    if (padded.find("  \xe2\x80\xa6") != std::string::npos || padded.find("\xe2\x80\xa6  ") != std::string::npos ||
        (phrase.find("\xe2\x80\xa6") != std::string_view::npos && padded.find(" \xe2\x80\xa6 ") == std::string::npos))
      r.error("phrases", "a gap (…) needs a space on each side and words before and after it: '" + std::string(phrase) + "'");
  }
  e.references = r.links("references");
  // A reason is given to records of any reply code: a link titled "(552 reply code)" would
  // mislabel the 452 of a full mailbox. Name the section, not one code.
  for (std::size_t i = 0; i < e.references.size(); ++i)
    if (names_reply_code(e.references[i].title))
      r.error("references[" + std::to_string(i) + "]: title",
              "names a reply code, but the reason is given for any reply code: '" + std::string(e.references[i].title) + "'");
  e.examples = r.strs("examples", true, false);
  kb.reasons.push_back(std::move(e));
}

Code load_code(Reader& r) {
  Code c;
  c.code = r.str("code");
  c.title = r.str("title");
  c.meaning = r.str("meaning");
  c.references = r.links("references");
  return c;
}

void load_reply_code(const json& j, const std::string& where, Knowledge& kb, std::vector<std::string>& errors) {
  Reader r(j, where, kb, errors);
  Code c = load_code(r);
  c.in_practice = r.str("in_practice");
  c.code_class = r.str("class");
  c.reason = r.nullable_str("reason");
  if (c.code_class != "permanent" && c.code_class != "transient") r.error("class", "expected permanent or transient");
  if (c.code.size() != 3) r.error("code", "expected a three-digit reply code");
  kb.reply_codes[c.code] = std::move(c);
}

void load_status_code(const json& j, const std::string& where, Knowledge& kb, std::vector<std::string>& errors) {
  Reader r(j, where, kb, errors);
  Code c = load_code(r);
  c.reason = r.nullable_str("reason");
  if (c.code.rfind("X.", 0) != 0) r.error("code", "expected the form X.<subject>.<detail>");
  kb.status_codes[c.code] = std::move(c);
}

void load_provider(const json& j, const std::string& where, Knowledge& kb, std::vector<std::string>& errors) {
  Reader r(j, where, kb, errors);
  Provider p;
  p.id = r.str("id");
  p.name = r.str("name");
  p.url = r.str("url");
  r.check_https("url", p.url);
  p.domains = r.strs("domains", true, false, true);
  p.hosts = r.strs("hosts", true, false, true);
  p.phrases = r.strs("phrases", true, false, true);
  const json* codes = r.get("codes", true);
  if (codes && !codes->is_array()) r.error("codes", "expected an array");
  for (std::size_t i = 0; codes && codes->is_array() && i < codes->size(); ++i) {
    Reader cr((*codes)[i], where + ": codes[" + std::to_string(i) + "]", kb, errors);
    ProviderCode c;
    c.id = cr.str("id");
    c.status = cr.str("status", true, true);
    c.phrases = cr.strs("phrases", true, false, true);
    if (c.status.empty() && c.phrases.empty()) cr.error("", "needs a status or at least one phrase");
    c.reason = cr.str("reason");
    c.title = cr.str("title");
    c.explanation = cr.str("explanation");
    c.who_acts = cr.strs("who_acts");
    check_actors(cr, "who_acts", c.who_acts);
    c.fix_steps = cr.strs("fix_steps");
    c.references = cr.links("references");
    cr.sourcing(c.source, c.verified);
    c.retry = load_retry(cr, "retry", false);
    p.codes.push_back(std::move(c));
  }
  kb.providers.push_back(std::move(p));
}

void load_blocklist(const json& j, const std::string& where, Knowledge& kb, std::vector<std::string>& errors) {
  Reader r(j, where, kb, errors);
  Blocklist b;
  b.id = r.str("id");
  b.name = r.str("name");
  b.phrases = r.strs("phrases", true, true, true);
  b.lookup_url = r.str("lookup_url");
  r.check_https("lookup_url", b.lookup_url);
  b.delist_url = r.str("delist_url");
  r.check_https("delist_url", b.delist_url);
  b.explanation = r.str("explanation");
  b.fix_steps = r.strs("fix_steps");
  b.references = r.links("references");
  r.sourcing(b.source, b.verified);
  b.retry = load_retry(r, "retry", false);
  kb.blocklists.push_back(std::move(b));
}

void load_situation(const json& j, const std::string& where, Knowledge& kb, std::vector<std::string>& errors) {
  Reader r(j, where, kb, errors);
  Situation s;
  s.id = r.str("id");
  s.category = r.str("category");
  s.title = r.str("title");
  s.summary = r.str("summary");
  s.who_acts = r.strs("who_acts");
  check_actors(r, "who_acts", s.who_acts);
  s.fix_steps = r.strs("fix_steps");
  s.phrases = r.strs("phrases", true, false, true);
  s.whole_replies = r.strs("whole_replies", true, false, true);
  if (s.phrases.empty() && s.whole_replies.empty()) r.error("phrases", "a situation needs phrases or whole_replies");
  s.temporary_only = r.boolean("temporary_only");
  s.given_up = r.boolean("given_up");
  s.retry = load_retry(r, "retry", true);
  s.references = r.links("references");
  r.sourcing(s.source, s.verified);
  kb.situations.push_back(std::move(s));
}

void load_categories(const json& j, const std::string& where, Knowledge& kb, std::vector<std::string>& errors) {
  Reader r(j, where, kb, errors);
  const json* list = r.get("categories", true);
  for (std::size_t i = 0; list && list->is_array() && i < list->size(); ++i) {
    Reader cr((*list)[i], where + ": categories[" + std::to_string(i) + "]", kb, errors);
    kb.categories.push_back({cr.str("id"), cr.str("title"), cr.str("description")});
  }
}

void load_domains(const json& j, const std::string& where, Knowledge& kb, std::vector<std::string>& errors) {
  Reader r(j, where, kb, errors);
  kb.domains = r.strs("domains", true, true, true);
}

/// A JSON object of strings whose keys start with `key_prefix`.
std::map<Text, Text> string_map(Reader& r, const char* key, const std::string& key_prefix) {
  std::map<Text, Text> out;
  const json* object = r.get(key, true);
  if (!object) return out;
  if (!object->is_object()) {
    r.error(key, "expected an object of strings");
    return out;
  }
  for (const auto& item : object->items()) {
    if (!item.value().is_string() || item.key().rfind(key_prefix, 0) != 0) {
      r.error(std::string(key) + ": " + item.key(), "expected a string value and a key starting with '" + key_prefix + "'");
      continue;
    }
    out[r.kb().keep(item.key())] = r.kb().keep(item.value().get<std::string>());
  }
  return out;
}

void load_classification(const json& j, const std::string& where, Knowledge& kb, std::vector<std::string>& errors) {
  Reader r(j, where, kb, errors);
  kb.classification.reason_order = r.strs("reason_order");
  kb.classification.weak_statuses = r.strs("weak_statuses");
  kb.classification.first_pass = r.strs("first_pass");
  kb.classification.first_pass_only = r.strs("first_pass_only");
  kb.classification.retry_reasons = r.strs("retry_reasons");
  kb.classification.boilerplate = r.strs("boilerplate", true, false, true);
  kb.classification.status_fallback = string_map(r, "status_fallback", "X.");
  kb.classification.reason_aliases = string_map(r, "reason_aliases", "");
}

/// Notice wording is matched against text::fold_case(text): a phrase must already be in that form.
Texts folded_phrases(Reader& r, const char* key) {
  Texts phrases = r.strs(key, true, true, false);
  for (std::size_t i = 0; i < phrases.size(); ++i)
    if (text::fold_case(phrases[i]) != phrases[i])
      r.error(std::string(key) + "[" + std::to_string(i) + "]", "must be lower case");
  return phrases;
}

void load_notices(const json& j, const std::string& where, Knowledge& kb, std::vector<std::string>& errors) {
  Reader r(j, where, kb, errors);
  kb.notices.failed = folded_phrases(r, "failed");
  kb.notices.refused = folded_phrases(r, "refused");
  kb.notices.delayed = folded_phrases(r, "delayed");
  kb.notices.final = folded_phrases(r, "final");
  kb.notices.expired = folded_phrases(r, "expired");
  kb.notices.autoreply = folded_phrases(r, "autoreply");
  kb.notices.challenge = folded_phrases(r, "challenge");
  kb.notices.delivered = folded_phrases(r, "delivered");
  kb.notices.sender_cues = folded_phrases(r, "sender_cues");
  kb.notices.mail_words = folded_phrases(r, "mail_words");
  kb.notices.other_deliveries = folded_phrases(r, "other_deliveries");
  kb.notices.references = r.links("references");
}

/// The {name}s of a template, or an error for a brace that opens or closes no name.
std::vector<std::string> placeholders_of(std::string_view text, std::string& error) {
  std::vector<std::string> names;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text[at] == '}') {
      error = "a '}' closes no {name}";
      return names;
    }
    if (text[at] != '{') continue;
    std::size_t close = text.find('}', at);
    std::string_view name = text.substr(at + 1, close == std::string_view::npos ? 0 : close - at - 1);
    if (close == std::string_view::npos || name.empty() ||
        !std::all_of(name.begin(), name.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; })) {
      error = "a '{' opens no {name} of lower-case letters and '_'";
      return names;
    }
    names.emplace_back(name);
    at = close;
  }
  return names;
}

/// kb/words.json: a text for every sentence of kb/sentences.def, naming only the parameters the
/// core supplies for it, and a label for every "who must act" id.
void load_words(const json& j, const std::string& where, Knowledge& kb, std::vector<std::string>& errors) {
  Reader r(j, where, kb, errors);
  r.str("purpose");
  kb.words.actors = string_map(r, "actors", "");
  for (std::string_view id : kActorIds)
    if (!kb.words.actors.count(id)) r.error("actors", "no label for '" + std::string(id) + "'");
  for (const auto& actor : kb.words.actors)
    if (!kActors.count(std::string(actor.first))) r.error("actors: " + std::string(actor.first), "unknown actor");
  kb.words.sentences = string_map(r, "sentences", "");
  const std::vector<SentenceSpec> catalogue = sentence_catalogue();
  for (const SentenceSpec& spec : catalogue)
    if (!kb.words.sentences.count(spec.id))
      r.error("sentences", "no text for '" + std::string(spec.id) + "', which the core says (core/src/kb/sentences.def)");
  for (const auto& entry : kb.words.sentences) {
    const Text id = entry.first, text = entry.second;  // (a lambda cannot capture a structured binding in C++17)
    const std::string at = "sentences: " + std::string(id);
    auto spec = std::find_if(catalogue.begin(), catalogue.end(), [id](const SentenceSpec& s) { return s.id == id; });
    if (spec == catalogue.end()) {
      r.error(at, "unknown sentence id (the core never says it: core/src/kb/sentences.def)");
      continue;
    }
    if (text.empty()) r.error(at, "must not be empty");
    std::string problem;
    for (const std::string& name : placeholders_of(text, problem))
      if (std::find(spec->params.begin(), spec->params.end(), name) == spec->params.end())
        r.error(at, "unknown placeholder {" + name + "}: the core supplies " +
                        (spec->params.empty() ? std::string("none") : "{" + std::string(concat_params(spec->params)) + "}"));
    if (!problem.empty()) r.error(at, problem);
  }
}

/// The parts one after the other (std::string + std::string_view is not C++17).
std::string concat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) out += p;
  return out;
}

void check_ids_and_links(const Knowledge& kb, std::vector<std::string>& errors) {
  std::set<Text> categories;
  for (const Category& c : kb.categories) categories.insert(c.id);
  std::set<Text> reasons;
  for (const Reason& r : kb.reasons) {
    if (!categories.count(r.category))
      errors.push_back(concat({"kb/reasons/", r.id, ".json: category: unknown category '", r.category, "'"}));
    reasons.insert(r.id);
  }
  for (const Situation& s : kb.situations)
    if (!categories.count(s.category))
      errors.push_back(concat({"kb/situations/", s.id, ".json: category: unknown category '", s.category, "'"}));
  auto check_reason = [&](const std::string& where, Text reason) {
    if (!reason.empty() && !reasons.count(reason)) errors.push_back(concat({where, ": reason: unknown reason '", reason, "'"}));
  };
  for (const auto& [code, entry] : kb.reply_codes)
    if (!entry.reason.empty()) check_reason(concat({"kb/reply-codes/", code, ".json"}), entry.reason);
  for (const auto& [code, entry] : kb.status_codes) check_reason(concat({"kb/status-codes/", code, ".json"}), entry.reason);
  std::set<Text> code_ids;  // a code's id names its KB page anchor: one per id in the whole KB
  for (const Provider& p : kb.providers)
    for (const ProviderCode& c : p.codes) {
      check_reason(concat({"kb/providers/", p.id, ".json: ", c.id}), c.reason);
      if (!code_ids.insert(c.id).second) errors.push_back(concat({"kb/providers/", p.id, ".json: ", c.id, ": duplicate code id"}));
    }
  for (Text r : kb.classification.reason_order) check_reason("kb/classification.json: reason_order", r);
  for (Text r : kb.classification.first_pass) check_reason("kb/classification.json: first_pass", r);
  for (Text r : kb.classification.first_pass_only) check_reason("kb/classification.json: first_pass_only", r);
  for (Text r : kb.classification.retry_reasons) check_reason("kb/classification.json: retry_reasons", r);
  for (const auto& [code, r] : kb.classification.status_fallback) check_reason("kb/classification.json: status_fallback", r);
  for (const auto& [from, to] : kb.classification.reason_aliases) {
    check_reason("kb/classification.json: reason_aliases", from);
    check_reason("kb/classification.json: reason_aliases", to);
  }
  for (Text id : reasons) {
    if (std::find(kb.classification.reason_order.begin(), kb.classification.reason_order.end(), id) ==
        kb.classification.reason_order.end())
      errors.push_back(concat({"kb/classification.json: reason_order: reason '", id, "' is missing"}));
  }
  if (kb.categories.empty()) errors.push_back("kb/categories.json: missing or empty");
  if (kb.notices.failed.empty()) errors.push_back("kb/notices.json: missing or empty");
  if (kb.words.sentences.empty()) errors.push_back("kb/words.json: missing or empty");
}

}  // namespace

Knowledge load(std::vector<std::string>& errors) {
  return load(std::vector<EmbeddedFile>(kEmbeddedFiles, kEmbeddedFiles + kEmbeddedFileCount), errors);
}

Knowledge load(const std::vector<EmbeddedFile>& files, std::vector<std::string>& errors) {
  Knowledge kb;
  std::set<std::string> ids;
  for (const EmbeddedFile& file : files) {
    std::string where = "kb/" + std::string(file.path);
    json j = json::parse(file.content.begin(), file.content.end(), nullptr, false);
    if (j.is_discarded()) {
      errors.push_back(where + ": not valid JSON");
      continue;
    }
    std::string folder = folder_of(file.path);
    std::string stem = file_stem(file.path);
    if (folder.empty()) {
      if (stem == "categories") load_categories(j, where, kb, errors);
      else if (stem == "domains") load_domains(j, where, kb, errors);
      else if (stem == "classification") load_classification(j, where, kb, errors);
      else if (stem == "notices") load_notices(j, where, kb, errors);
      else if (stem == "words") load_words(j, where, kb, errors);
      else errors.push_back(where + ": unknown file (expected categories, domains, classification, notices or words)");
      continue;
    }
    if (folder == "schema") continue;  // JSON Schemas for editors; not knowledge
    // Entries: the id (or code) must equal the file name, and be unique per folder.
    std::string id_key = folder == "reply-codes" || folder == "status-codes" ? "code" : "id";
    if (j.is_object() && j.contains(id_key) && j[id_key].is_string() && j[id_key].get<std::string>() != stem)
      errors.push_back(where + ": " + id_key + ": must equal the file name '" + stem + "'");
    if (!ids.insert(folder + "/" + stem).second) errors.push_back(where + ": duplicate id");
    if (folder == "reasons") load_reason(j, where, kb, errors);
    else if (folder == "reply-codes") load_reply_code(j, where, kb, errors);
    else if (folder == "status-codes") load_status_code(j, where, kb, errors);
    else if (folder == "providers") load_provider(j, where, kb, errors);
    else if (folder == "blocklists") load_blocklist(j, where, kb, errors);
    else if (folder == "situations") load_situation(j, where, kb, errors);
    else errors.push_back(where + ": unknown folder '" + folder + "'");
  }
  check_ids_and_links(kb, errors);
  return kb;
}

}  // namespace bx::kb
