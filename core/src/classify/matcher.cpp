#include "classify/matcher.hpp"

#include <algorithm>
#include <numeric>

namespace bx::classify {

void PhraseMatcher::add(std::string_view phrase, std::uint32_t tag) {
  if (phrase.empty()) return;
  phrases_.push_back({phrase_bytes_.size(), phrase.size(), tag});
  phrase_bytes_.append(phrase);
}

void PhraseMatcher::build() {
  build_trie();
  build_fail_links();
  phrases_ = {};
  phrase_bytes_ = {};
}

// The trie from the phrases in sorted order: each phrase shares the path of its common prefix
// with the one before, and every node's children are made in increasing byte order, so the
// edges can be laid out flat without searching or inserting (a vector per node cost 8 M
// instructions at every start-up).
void PhraseMatcher::build_trie() {
  std::vector<std::uint32_t> order(phrases_.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return text_of(phrases_[a]) < text_of(phrases_[b]); });
  struct Edge {
    std::uint32_t parent;
    unsigned char byte;
    std::uint32_t child;
  };
  std::vector<Edge> edges;
  std::vector<std::pair<std::uint32_t, Output>> outputs;  // (node, output), in phrase order
  std::vector<std::uint32_t> path{0};                     // nodes along the previous phrase
  std::string_view previous;
  std::uint32_t nodes = 1;
  for (std::uint32_t index : order) {
    std::string_view phrase = text_of(phrases_[index]);
    std::size_t shared = 0;
    while (shared < previous.size() && shared < phrase.size() && previous[shared] == phrase[shared]) ++shared;
    path.resize(shared + 1);
    for (std::size_t i = shared; i < phrase.size(); ++i) {
      edges.push_back({path.back(), static_cast<unsigned char>(phrase[i]), nodes});
      path.push_back(nodes++);
    }
    outputs.push_back({path.back(), {phrases_[index].tag, static_cast<std::uint32_t>(phrase.size())}});
    previous = phrase;
  }
  // Counting sort by node; stable, so each node keeps its edges by byte and outputs in add order.
  first_edge_.assign(nodes + 1, 0);
  for (const Edge& e : edges) ++first_edge_[e.parent + 1];
  std::partial_sum(first_edge_.begin(), first_edge_.end(), first_edge_.begin());
  edges_.resize(edges.size());
  std::vector<std::uint32_t> fill(first_edge_.begin(), first_edge_.end() - 1);
  for (const Edge& e : edges) edges_[fill[e.parent]++] = {e.byte, e.child};
  first_output_.assign(nodes + 1, 0);
  for (const auto& [node, out] : outputs) ++first_output_[node + 1];
  std::partial_sum(first_output_.begin(), first_output_.end(), first_output_.begin());
  outputs_.resize(outputs.size());
  fill.assign(first_output_.begin(), first_output_.end() - 1);
  // Identical phrases sit at one node in sorted (stable) order, i.e. in the order they were added.
  for (const auto& [node, out] : outputs) outputs_[fill[node]++] = out;
  for (std::uint32_t e = first_edge_[0]; e < first_edge_[1]; ++e) root_next_[edges_[e].first] = edges_[e].second;
}

std::uint32_t PhraseMatcher::child(std::uint32_t node, unsigned char c) const {
  if (node == 0) return root_next_[c];
  auto begin = edges_.begin() + first_edge_[node];
  auto end = edges_.begin() + first_edge_[node + 1];
  auto it = std::lower_bound(begin, end, c, [](const auto& edge, unsigned char b) { return edge.first < b; });
  return it != end && it->first == c ? it->second : 0u;
}

void PhraseMatcher::build_fail_links() {
  std::size_t nodes = first_edge_.size() - 1;
  fail_.assign(nodes, 0);
  output_link_.assign(nodes, 0);
  std::vector<std::uint32_t> queue;  // breadth first: a node's fail target is always shallower
  queue.reserve(nodes);
  for (std::uint32_t e = first_edge_[0]; e < first_edge_[1]; ++e) queue.push_back(edges_[e].second);
  for (std::size_t head = 0; head < queue.size(); ++head) {
    std::uint32_t node = queue[head];
    for (std::uint32_t e = first_edge_[node]; e < first_edge_[node + 1]; ++e) {
      auto [c, target] = edges_[e];
      std::uint32_t f = fail_[node];
      while (f != 0 && child(f, c) == 0) f = fail_[f];
      std::uint32_t fail = child(f, c);
      if (fail == target) fail = 0;
      fail_[target] = fail;
      bool fail_has_outputs = first_output_[fail] != first_output_[fail + 1];
      output_link_[target] = fail_has_outputs ? fail : output_link_[fail];
      queue.push_back(target);
    }
  }
}

std::vector<PhraseMatcher::Hit> PhraseMatcher::scan(std::string_view text) const {
  std::vector<Hit> hits;
  if (first_output_.empty()) return hits;  // not built
  std::uint32_t node = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    while (node != 0 && child(node, c) == 0) node = fail_[node];
    node = child(node, c);
    std::uint32_t out = first_output_[node] != first_output_[node + 1] ? node : output_link_[node];
    for (; out != 0; out = output_link_[out])
      for (std::uint32_t k = first_output_[out]; k < first_output_[out + 1]; ++k)
        hits.push_back({outputs_[k].tag, i + 1 - outputs_[k].length, i + 1});
  }
  return hits;
}

}  // namespace bx::classify
