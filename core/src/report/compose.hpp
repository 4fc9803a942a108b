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

/// Appends `step` unless `steps` is full or already holds the same advice (an earlier step is
/// the more specific one: callers add the most specific first).
void add_step(std::vector<std::string>& steps, std::string_view step);

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

/// "campus.barracuda.com" for "https://campus.barracuda.com/x"; lower case.
std::string url_host(std::string_view url);

}  // namespace bx::report
