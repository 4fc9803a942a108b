#include "classify/matcher.hpp"

#include <algorithm>
#include <deque>

namespace bx::classify {

PhraseMatcher::PhraseMatcher() : nodes_(1) { std::fill(std::begin(root_next_), std::end(root_next_), 0u); }

std::uint32_t PhraseMatcher::child(std::uint32_t node, unsigned char c) const {
  if (node == 0) return root_next_[c];
  const auto& next = nodes_[node].next;
  auto it = std::lower_bound(next.begin(), next.end(), std::make_pair(c, 0u),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
  return it != next.end() && it->first == c ? it->second : 0u;
}

void PhraseMatcher::add(std::string_view phrase, std::uint32_t tag) {
  if (phrase.empty()) return;
  std::uint32_t node = 0;
  for (char ch : phrase) {
    auto c = static_cast<unsigned char>(ch);
    auto& next = nodes_[node].next;
    auto it = std::lower_bound(next.begin(), next.end(), std::make_pair(c, 0u),
                               [](const auto& a, const auto& b) { return a.first < b.first; });
    if (it != next.end() && it->first == c) {
      node = it->second;
      continue;
    }
    auto id = static_cast<std::uint32_t>(nodes_.size());
    next.insert(it, {c, id});
    nodes_.emplace_back();
    node = id;
  }
  nodes_[node].outputs.push_back({tag, static_cast<std::uint32_t>(phrase.size())});
}

void PhraseMatcher::build() {
  for (const auto& [c, id] : nodes_[0].next) root_next_[c] = id;
  std::deque<std::uint32_t> queue;
  for (const auto& edge : nodes_[0].next) queue.push_back(edge.second);  // depth 1: fail to root
  while (!queue.empty()) {
    std::uint32_t node = queue.front();
    queue.pop_front();
    for (const auto& [c, target] : nodes_[node].next) {
      std::uint32_t f = nodes_[node].fail;
      while (f != 0 && child(f, c) == 0) f = nodes_[f].fail;
      std::uint32_t fail = child(f, c);
      if (fail == target) fail = 0;
      nodes_[target].fail = fail;
      nodes_[target].output_link = nodes_[fail].outputs.empty() ? nodes_[fail].output_link : fail;
      queue.push_back(target);
    }
  }
}

std::vector<PhraseMatcher::Hit> PhraseMatcher::scan(std::string_view text) const {
  std::vector<Hit> hits;
  std::uint32_t node = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    while (node != 0 && child(node, c) == 0) node = nodes_[node].fail;
    node = child(node, c);
    for (std::uint32_t out = node; out != 0; out = nodes_[out].output_link) {
      for (const auto& [tag, length] : nodes_[out].outputs) hits.push_back({tag, i + 1 - length, i + 1});
      if (nodes_[out].output_link == out) break;
    }
  }
  return hits;
}

}  // namespace bx::classify
