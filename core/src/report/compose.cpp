#include "report/compose.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace bx::report {
namespace {

/// Words that carry no advice of their own: two steps sharing only these say different things.
constexpr std::string_view kCommonWords[] = {
    "a",    "about", "after", "again", "all",  "also",  "an",   "and",  "any",  "are",  "as",   "at",
    "be",   "before", "by",   "can",   "do",   "does",  "first", "for", "from", "has",  "have", "if",
    "in",   "into",  "is",    "it",    "its",  "may",   "more", "must", "no",   "not",  "of",   "on",
    "one",  "only",  "or",    "other", "so",   "some",  "than", "that", "the",  "their", "them", "then",
    "there", "they", "this",  "to",    "too",  "up",    "use",  "was",  "were", "what", "when", "which",
    "who",  "will",  "with",  "you",   "your", "yourself"};

bool is_common(std::string_view w) {
  return std::find(std::begin(kCommonWords), std::end(kCommonWords), w) != std::end(kCommonWords);
}

bool is_word_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

/// "lists" and "list", "servers" and "server" are the same word here.
std::string singular(std::string w) {
  if (w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's') w.pop_back();
  return w;
}

/// The last two labels of a host, three for a two-letter country code under a short second
/// level ("example.co.uk"): enough to tell whose site a page is on.
std::string_view registrable_domain(std::string_view host) {
  std::size_t last = host.rfind('.');
  if (last == std::string_view::npos || last == 0) return host;
  std::size_t second = host.rfind('.', last - 1);
  if (second == std::string_view::npos) return host;
  bool country = host.size() - last - 1 == 2;
  bool short_second = last - second - 1 <= 3;
  if (country && short_second && second > 0) {
    std::size_t third = host.rfind('.', second - 1);
    return third == std::string_view::npos ? host : host.substr(third + 1);
  }
  return host.substr(second + 1);
}

/// Calls `f` with each dot-separated label of `host`.
template <typename F>
void for_each_label(std::string_view host, F f) {
  std::size_t start = 0;
  while (start <= host.size()) {
    std::size_t dot = host.find('.', start);
    if (dot == std::string_view::npos) dot = host.size();
    if (dot > start) f(host.substr(start, dot - start));
    start = dot + 1;
  }
}

/// Pages of standards bodies cite nobody's service.
bool is_standards_body(std::string_view domain) {
  return domain == "rfc-editor.org" || domain == "iana.org" || domain == "ietf.org";
}

/// The names an entry goes by in host names: its id, and the id's first part when the id has
/// several ("spamhaus" for "spamhaus-pbl"; "t" of "t-online" is too short to mean anything).
std::vector<std::string> id_names(std::string_view id) {
  std::vector<std::string> out{std::string(id)};
  std::size_t dash = id.find('-');
  if (dash != std::string_view::npos && dash >= 4) out.emplace_back(id.substr(0, dash));
  return out;
}

/// Whose pages each domain and each host label is: built once from the KB.
struct Ownership {
  std::map<std::string, LinkOwners, std::less<>> by_domain, by_label;

  Ownership() {
    const kb::Knowledge& kb = kb::knowledge();
    for (const kb::Provider& p : kb.providers) {
      own_domain(url_host(p.url), p);
      for (std::string_view h : p.hosts) own_domain(h, p);
      for (const kb::ProviderCode& c : p.codes)
        for (const kb::Ref& r : c.references) own_domain(url_host(r.url), p);
      for (const std::string& name : id_names(p.id)) add(by_label[name], &p);
    }
    for (const kb::Blocklist& b : kb.blocklists) {
      for (std::string_view url : {b.lookup_url, b.delist_url}) own_domain(url_host(url), b);
      for (const kb::Ref& r : b.references) own_domain(url_host(r.url), b);
      for (const std::string& name : id_names(b.id)) add(by_label[name], &b);
    }
  }

  template <typename Entry>
  void own_domain(std::string_view host, const Entry& e) {
    std::string_view domain = registrable_domain(host);
    if (!domain.empty() && !is_standards_body(domain)) add(by_domain[std::string(domain)], &e);
  }
  static void add(LinkOwners& o, const kb::Provider* p) {
    if (std::find(o.providers.begin(), o.providers.end(), p) == o.providers.end()) o.providers.push_back(p);
  }
  static void add(LinkOwners& o, const kb::Blocklist* b) {
    if (std::find(o.blocklists.begin(), o.blocklists.end(), b) == o.blocklists.end()) o.blocklists.push_back(b);
  }
  static void merge(LinkOwners& into, const LinkOwners& from) {
    for (const kb::Provider* p : from.providers) add(into, p);
    for (const kb::Blocklist* b : from.blocklists) add(into, b);
  }
};

const Ownership& ownership() {
  static const Ownership table;
  return table;
}

}  // namespace

std::vector<std::string> step_words(std::string_view step) {
  std::string text = lower(step);
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !is_word_byte(text[i])) ++i;
    std::size_t start = i;
    // A dot or dash inside a word keeps it whole: "check.spamhaus.org", "re-send".
    while (i < text.size() && (is_word_byte(text[i]) || ((text[i] == '.' || text[i] == '-') && i + 1 < text.size() &&
                                                           is_word_byte(text[i + 1]) && i > start)))
      ++i;
    if (i == start) continue;
    std::string w = singular(text.substr(start, i - start));
    if (!is_common(w) && std::find(words.begin(), words.end(), w) == words.end()) words.push_back(std::move(w));
  }
  return words;
}

namespace {

/// same_advice on the words of two steps.
bool same_words(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const std::vector<std::string>& shorter = a.size() <= b.size() ? a : b;
  const std::vector<std::string>& longer = a.size() <= b.size() ? b : a;
  std::size_t shared = 0;
  for (const std::string& w : shorter) shared += std::find(longer.begin(), longer.end(), w) != longer.end();
  // Short steps must match word for word; longer ones when most of the shorter one is repeated.
  if (shorter.size() < 3) return shared == shorter.size() && longer.size() <= shorter.size() + 1;
  return shared * 10 >= shorter.size() * 7;
}

}  // namespace

bool same_advice(std::string_view a, std::string_view b) {
  std::vector<std::string> wa = step_words(a), wb = step_words(b);
  if (wa.empty() || wb.empty()) return lower(a) == lower(b);
  return same_words(wa, wb);
}

void StepList::add(std::string_view step) {
  if (steps_.size() >= kMaxSteps || step.empty()) return;
  std::vector<std::string> words = step_words(step);
  for (std::size_t i = 0; i < steps_.size(); ++i) {
    bool same = words.empty() || words_[i].empty() ? lower(steps_[i]) == lower(step) : same_words(words_[i], words);
    if (same) return;
  }
  steps_.emplace_back(step);
  words_.push_back(std::move(words));
}

std::string url_host(std::string_view url) {
  std::size_t scheme = url.find("://");
  std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
  // A loop, not find_first_of("/?#:"), which searches the four bytes for every byte of the URL.
  std::size_t end = 0;
  while (end < rest.size() && rest[end] != '/' && rest[end] != '?' && rest[end] != '#' && rest[end] != ':') ++end;
  return lower(rest.substr(0, end));
}

LinkOwners link_owners(std::string_view url) {
  const Ownership& table = ownership();
  const std::string host = url_host(url);
  const std::string_view domain = registrable_domain(host);
  LinkOwners owners;
  if (is_standards_body(domain)) return owners;
  if (auto it = table.by_domain.find(domain); it != table.by_domain.end()) Ownership::merge(owners, it->second);
  for_each_label(host, [&](std::string_view label) {
    if (auto it = table.by_label.find(label); it != table.by_label.end()) Ownership::merge(owners, it->second);
  });
  return owners;
}

bool is_foreign_page(std::string_view url, const kb::Provider* provider, const kb::Provider* other_provider,
                     const kb::Blocklist* blocklist) {
  // The links are the compiled-in KB's texts, which live as long as the process: each thread
  // works out the owners of one once (the host lookups cost as much as the rest of composing).
  thread_local std::unordered_map<std::string_view, LinkOwners> owners_of_link;
  auto [it, added] = owners_of_link.try_emplace(url);
  if (added) it->second = link_owners(url);
  const LinkOwners& o = it->second;
  bool ours = false;
  for (const kb::Provider* p : o.providers) ours = ours || (p && (p == provider || p == other_provider));
  for (const kb::Blocklist* b : o.blocklists) ours = ours || (b && b == blocklist);
  return !o.empty() && !ours;
}

}  // namespace bx::report
