// Aho-Corasick automaton: finds every occurrence of every phrase in one pass over the text,
// whatever the number of phrases (the whole knowledge base is one automaton).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
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
    bool more;  // the node's next output follows (identical phrases: one node, several tags)
  };
  void build_trie();
  void build_fail_links();
  std::uint32_t child(std::uint32_t node, unsigned char c) const;
  std::string_view text_of(const Phrase& p) const { return std::string_view(phrase_bytes_).substr(p.offset, p.length); }

  // Until build(): the phrases, in one buffer (thousands of tiny strings are slow to allocate).
  std::string phrase_bytes_;
  std::vector<Phrase> phrases_;
  // After build(), flat arrays indexed by node. Nodes are numbered breadth first (node 0 is the
  // root) with siblings in byte order, so node n's children are the consecutive nodes
  // first_child_[n] .. first_child_[n + 1] - 1, and byte_ of them is sorted.
  std::vector<std::uint32_t> first_child_;
  std::vector<unsigned char> byte_;     // the byte of the edge into the node
  std::vector<std::uint32_t> parent_;   // for the fail links
  std::vector<std::uint32_t> outputs_of_;  // index + 1 in outputs_ of the node's first output, 0: none
  std::vector<Output> outputs_;
  std::vector<std::uint32_t> fail_;
  std::vector<std::uint32_t> output_link_;  // nearest node on the fail chain with outputs (0: none)
  std::uint32_t root_next_[256] = {};  // dense transitions for the root: the common case
};

}  // namespace bx::classify
