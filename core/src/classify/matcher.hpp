// Aho-Corasick automaton: finds every occurrence of every phrase in one pass over the text,
// whatever the number of phrases (the whole knowledge base is one automaton).
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace bx::classify {

class PhraseMatcher {
 public:
  PhraseMatcher();
  /// Adds a phrase (lower case) with the caller's tag. Call build() after the last add().
  void add(std::string_view phrase, std::uint32_t tag);
  void build();

  struct Hit {
    std::uint32_t tag;
    std::size_t begin, end;  ///< in the scanned text
  };
  /// All matches in `lower_text`, in order of their end position.
  std::vector<Hit> scan(std::string_view lower_text) const;

 private:
  struct Node {
    std::vector<std::pair<unsigned char, std::uint32_t>> next;  // sorted by byte
    std::uint32_t fail = 0;
    std::uint32_t output_link = 0;  // nearest node on the fail chain with outputs (0: none)
    std::vector<std::pair<std::uint32_t, std::uint32_t>> outputs;  // (tag, phrase length)
  };
  std::uint32_t child(std::uint32_t node, unsigned char c) const;
  std::vector<Node> nodes_;
  std::uint32_t root_next_[256];  // dense transitions for the root: the common case
};

}  // namespace bx::classify
