// Aho-Corasick automaton: finds every occurrence of every phrase in one pass over the text,
// whatever the number of phrases (the whole knowledge base is one automaton).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bx::classify {

class PhraseMatcher {
 public:
  /// Adds a phrase (lower case) with the caller's tag. Call build() after the last add().
  void add(std::string_view phrase, std::uint32_t tag);
  void build();

  struct Hit {
    std::uint32_t tag;
    std::size_t begin, end;  ///< in the scanned text
  };
  /// All matches in `lower_text`, in order of their end position; at one position, the
  /// longest phrase first, and phrases added earlier before later ones.
  std::vector<Hit> scan(std::string_view lower_text) const;

 private:
  struct Phrase {
    std::size_t offset, length;  // in phrase_bytes_
    std::uint32_t tag;
  };
  struct Output {
    std::uint32_t tag, length;
  };
  void build_trie();
  void build_fail_links();
  std::uint32_t child(std::uint32_t node, unsigned char c) const;
  std::string_view text_of(const Phrase& p) const { return std::string_view(phrase_bytes_).substr(p.offset, p.length); }

  // Until build(): the phrases, in one buffer (thousands of tiny strings are slow to allocate).
  std::string phrase_bytes_;
  std::vector<Phrase> phrases_;
  // After build(), flat arrays indexed by node (node 0 is the root): node n's edges are
  // edges_[first_edge_[n] .. first_edge_[n + 1]), sorted by byte; its own outputs likewise.
  std::vector<std::uint32_t> first_edge_;
  std::vector<std::pair<unsigned char, std::uint32_t>> edges_;
  std::vector<std::uint32_t> first_output_;
  std::vector<Output> outputs_;
  std::vector<std::uint32_t> fail_;
  std::vector<std::uint32_t> output_link_;  // nearest node on the fail chain with outputs (0: none)
  std::uint32_t root_next_[256] = {};       // dense transitions for the root: the common case
};

}  // namespace bx::classify
