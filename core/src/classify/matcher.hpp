// Aho-Corasick automaton: finds every occurrence of every phrase in one pass over the text,
// whatever the number of phrases (the whole knowledge base is one automaton).
#pragma once

#include <atomic>
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
  /// longest phrase first, and phrases added earlier before later ones. Safe to call from
  /// several threads at once (after build()).
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
  // The fail links, and where each node's fail chain first meets outputs, are worked out on
  // first use by scan(): few of the trie's nodes are ever reached by real text, and computing
  // them all made half of build()'s cost at every start. Relaxed atomics: scans on several
  // threads may race to fill a slot, but they all write the same value, and nothing else is
  // published through it (the trie itself is read-only after build()).
  struct Links {
    std::atomic<std::uint32_t> fail{0};    // 1 + the fail link; 0: not known yet
    std::atomic<std::uint32_t> report{0};  // 1 + the first node with outputs on the fail chain
                                           // from this node on (itself included), 1: none; 0: not
                                           // known yet (set by build() for nodes with outputs)
  };
  void build_trie();
  bool sorts_before(std::uint32_t a, std::uint32_t b) const;
  void build_depth_one_tables();
  std::uint32_t child(std::uint32_t node, unsigned char c) const;
  [[gnu::noinline]] std::uint32_t search_children(std::uint32_t begin, std::uint32_t end, unsigned char c) const;
  std::uint32_t fail(std::uint32_t node, std::vector<std::uint32_t>& pending) const;
  std::uint32_t find_fail(std::uint32_t node, std::vector<std::uint32_t>& pending) const;
  std::uint32_t find_report(std::uint32_t node, std::vector<std::uint32_t>& pending) const;
  void add_hits(std::uint32_t report, std::size_t end, std::vector<Hit>& hits, std::vector<std::uint32_t>& pending) const;
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
  mutable std::vector<Links> links_;
  std::uint32_t root_next_[256] = {};  // dense transitions for the root: the common case
  // Dense transitions for the root's children (nodes 1 .. depth_one_count_),
  // 256 a node: the next most common case, and the nodes with the most children.
  std::vector<std::uint32_t> depth_one_next_;
  std::uint32_t depth_one_count_ = 0;
};

}  // namespace bx::classify
