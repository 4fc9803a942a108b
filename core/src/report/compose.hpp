// The rules by which an explanation is put together from several KB entries (provider code,
// blocklist, status code, reason): no step said twice, no link to somebody else's pages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kb/kb.hpp"

namespace bx::report {

/// A person in a hurry reads the first few steps; more than this is a wall of text.
constexpr std::size_t kMaxSteps = 6;

/// The content words of a step (lower case, without punctuation, common words and plural
/// endings): what two steps are compared by.
std::vector<std::string> step_words(std::string_view step);

/// Whether two steps say the same thing in other words: most of the content words of the
/// shorter one are in the longer one ("Look up the sending IP at check.spamhaus.org" and
/// "Look up the sending IP on that list's website").
bool same_advice(std::string_view a, std::string_view b);

/// Steps being composed: each added unless the list is full or already holds the same advice
/// (an earlier step is the more specific one: callers add the most specific first). The words
/// of each kept step are kept too, so that every candidate is read once.
class StepList {
 public:
  void add(std::string_view step);
  std::vector<std::string> take() { return std::move(steps_); }

 private:
  std::vector<std::string> steps_;
  std::vector<std::vector<std::string>> words_;
};

/// The provider and blocklist entries whose pages `url` belongs to: those that list its domain
/// as their own (url, hosts, lookup and delisting pages, references) or whose id names one of its
/// host's labels (campus.barracuda.com is Barracuda's). Empty for standards bodies' pages
/// (rfc-editor.org, iana.org) and for pages nobody in the KB owns.
struct LinkOwners {
  std::vector<const kb::Provider*> providers;
  std::vector<const kb::Blocklist*> blocklists;
  bool empty() const { return providers.empty() && blocklists.empty(); }
};
LinkOwners link_owners(std::string_view url);

/// Whether `url` is a page of a provider or blocklist of the KB that is none of `provider`,
/// `other_provider` and `blocklist` (null: none): link_owners without building the lists.
bool is_foreign_page(std::string_view url, const kb::Provider* provider, const kb::Provider* other_provider,
                     const kb::Blocklist* blocklist);

/// "campus.barracuda.com" for "https://campus.barracuda.com/x"; lower case.
std::string url_host(std::string_view url);

}  // namespace bx::report
