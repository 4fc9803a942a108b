#include "classify/matcher.hpp"

#include <algorithm>
#include <cstring>

namespace bx::classify {

void PhraseMatcher::add(std::string_view phrase, std::uint32_t tag) {
  if (phrase.empty()) return;
  phrases_.push_back({phrase_bytes_.size(), phrase.size(), tag});
  phrase_bytes_.append(phrase);
}

void PhraseMatcher::build() {
  build_trie();
  phrases_ = {};
  phrase_bytes_ = {};
}

// Phrase a before phrase b (their first 8 bytes being equal): by text, then by add order. Not
// inlined: std::sort would have a copy in each of its helpers, for the few pairs that get here.
[[gnu::noinline]] bool PhraseMatcher::sorts_before(std::uint32_t a, std::uint32_t b) const {
  int c = text_of(phrases_[a]).compare(text_of(phrases_[b]));
  return c != 0 ? c < 0 : a < b;
}

// The trie from the phrases in sorted order. The nodes at depth d are the distinct d-byte
// prefixes of the phrases, and in sorted order they are in breadth-first order already; so once
// each phrase's common prefix with the one before it is known (it makes nodes at the depths past
// that), every node's number is known as it is made, and each node's children end up consecutive
// and sorted by byte: no edge list to sort or regroup (that, and a stable sort comparing whole
// strings, cost 4 M instructions at every start-up).
void PhraseMatcher::build_trie() {
  // Sorted by the first 8 bytes as a big-endian integer (one compare settles most pairs), then
  // by the whole text, then by add order: identical phrases keep the order they were added in.
  struct Key {
    std::uint64_t prefix;
    std::uint32_t index;
  };
  const auto count = static_cast<std::uint32_t>(phrases_.size());
  std::vector<Key> order(count);
  std::size_t longest = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    std::string_view text = text_of(phrases_[i]);
    std::uint64_t prefix = 0;
    for (std::size_t j = 0; j < 8; ++j) prefix = prefix << 8 | (j < text.size() ? static_cast<unsigned char>(text[j]) : 0u);
    order[i] = {prefix, i};
    longest = std::max(longest, text.size());
  }
  std::sort(order.begin(), order.end(), [&](const Key& a, const Key& b) {
    return a.prefix != b.prefix ? a.prefix < b.prefix : sorts_before(a.index, b.index);
  });

  // Each phrase's common prefix with the one before; it adds nodes at depths shared+1 .. size.
  // new_at[d] counts the nodes at depth d (kept as differences, one +1 and one -1 per phrase).
  std::vector<std::uint32_t> shared(count);
  std::vector<std::uint32_t> new_at(longest + 2, 0);
  std::string_view previous;
  for (std::uint32_t i = 0; i < count; ++i) {
    std::string_view text = text_of(phrases_[order[i].index]);
    std::size_t n = 0, both = std::min(previous.size(), text.size());
    while (n + 8 <= both && std::memcmp(previous.data() + n, text.data() + n, 8) == 0) n += 8;  // one load each
    while (n < both && previous[n] == text[n]) ++n;
    shared[i] = static_cast<std::uint32_t>(n);
    ++new_at[n + 1];
    --new_at[text.size() + 1];
    previous = text;
  }
  // next_id[d]: the number of the next node made at depth d (depth 1 starts right after the root).
  std::vector<std::uint32_t> next_id(longest + 1, 0);
  std::uint32_t nodes = 1, at_depth = 0;
  for (std::size_t d = 1; d <= longest; ++d) {
    at_depth += new_at[d];
    next_id[d] = nodes;
    nodes += at_depth;
  }

  byte_.assign(nodes, 0);
  parent_.assign(nodes, 0);
  outputs_of_.assign(nodes, 0);
  first_child_.assign(nodes + 1, 0);  // for now, first_child_[n + 1]: 1 + n's last child, 0: none
  links_ = std::vector<Links>(nodes);  // not known yet, but for the root and the nodes with outputs
  links_[0].report.store(1, std::memory_order_relaxed);
  outputs_.reserve(count);
  std::vector<std::uint32_t> path(longest + 1, 0);  // the nodes along the current phrase
  for (std::uint32_t i = 0; i < count; ++i) {
    const Phrase& phrase = phrases_[order[i].index];
    std::string_view text = text_of(phrase);
    for (std::size_t d = shared[i] + 1; d <= text.size(); ++d) {
      std::uint32_t id = next_id[d]++;
      byte_[id] = static_cast<unsigned char>(text[d - 1]);
      parent_[id] = path[d - 1];
      first_child_[path[d - 1] + 1] = id + 1;
      path[d] = id;
    }
    if (shared[i] == text.size()) {
      outputs_.back().more = true;  // the same text as the phrase before: the same node
    } else {
      outputs_of_[path[text.size()]] = static_cast<std::uint32_t>(outputs_.size()) + 1;
      links_[path[text.size()]].report.store(path[text.size()] + 1, std::memory_order_relaxed);
    }
    outputs_.push_back({phrase.tag, static_cast<std::uint32_t>(text.size()), false});
  }
  // Children are numbered consecutively, node after node: a node without any starts (and ends)
  // where the one before it ends.
  first_child_[0] = 1;
  for (std::uint32_t n = 0; n < nodes; ++n)
    if (first_child_[n + 1] == 0) first_child_[n + 1] = first_child_[n];
  for (std::uint32_t k = first_child_[0]; k < first_child_[1]; ++k) root_next_[byte_[k]] = k;
  build_depth_one_tables();
}

// The nodes one byte deep have the most children (after "m": "ma", "me", "mi", ...), and text
// that leaves the root goes through one of them: a binary search there was half of scan()'s
// cost. A dense table each: 1 KB for each distinct first byte of a phrase.
void PhraseMatcher::build_depth_one_tables() {
  depth_one_count_ = first_child_[1] - first_child_[0];  // numbered 1 .. depth_one_count_
  depth_one_next_.assign(static_cast<std::size_t>(depth_one_count_) * 256u, 0);
  for (std::uint32_t n = 1; n <= depth_one_count_; ++n)
    for (std::uint32_t k = first_child_[n]; k < first_child_[n + 1]; ++k) depth_one_next_[(n - 1) * 256u + byte_[k]] = k;
}

// Inline: scan() asks it for every byte of the text.
inline std::uint32_t PhraseMatcher::child(std::uint32_t node, unsigned char c) const {
  if (node == 0) return root_next_[c];
  if (node <= depth_one_count_) return depth_one_next_[(node - 1) * 256u + c];  // the root's children are 1, 2, ...
  std::uint32_t begin = first_child_[node], end = first_child_[node + 1];
  // Past its first bytes a phrase rarely shares its node with another: most nodes have one
  // child or none, and a compare settles them without a binary search.
  if (end - begin <= 1) return begin != end && byte_[begin] == c ? begin : 0u;
  return search_children(begin, end, c);
}

std::uint32_t PhraseMatcher::search_children(std::uint32_t begin, std::uint32_t end, unsigned char c) const {
  const unsigned char* bytes = byte_.data();
  const unsigned char* it = std::lower_bound(bytes + begin, bytes + end, c);
  return it != bytes + end && *it == c ? static_cast<std::uint32_t>(it - bytes) : 0u;
}

inline std::uint32_t PhraseMatcher::fail(std::uint32_t node, std::vector<std::uint32_t>& pending) const {
  std::uint32_t known = links_[node].fail.load(std::memory_order_relaxed);
  return known != 0 ? known - 1 : find_fail(node, pending);
}

// The fail link of `node` (not the root): the node of the longest proper suffix of its text,
// i.e. the child by node's byte of the first node on its parent's fail chain that has one. That
// needs the links of shallower nodes: those not known yet are worked out first, from a stack
// rather than by recursion. Each node pushed is shallower than the one below it, so the stack
// never holds more nodes than the longest phrase has bytes (the text makes no nodes).
std::uint32_t PhraseMatcher::find_fail(std::uint32_t node, std::vector<std::uint32_t>& pending) const {
  pending.assign(1, node);
  while (!pending.empty()) {
    std::uint32_t n = pending.back();
    std::uint32_t link = 0, missing = 0;
    for (std::uint32_t f = parent_[n]; f != 0;) {
      std::uint32_t known = links_[f].fail.load(std::memory_order_relaxed);
      if (known == 0) {
        missing = f;
        break;
      }
      f = known - 1;
      link = child(f, byte_[n]);
      if (link != 0) break;
    }
    if (missing != 0) {
      pending.push_back(missing);
    } else {
      links_[n].fail.store(link + 1, std::memory_order_relaxed);
      pending.pop_back();
    }
  }
  return links_[node].fail.load(std::memory_order_relaxed) - 1;
}

// Links::report of a node without outputs: its fail chain's. The chain ends at the root, whose
// value is known, and so is any node's with outputs. The nodes passed on the way have no
// outputs either, so they get the same value.
std::uint32_t PhraseMatcher::find_report(std::uint32_t node, std::vector<std::uint32_t>& pending) const {
  std::uint32_t stop = node, report = 0;
  do stop = fail(stop, pending);
  while ((report = links_[stop].report.load(std::memory_order_relaxed)) == 0);
  for (std::uint32_t n = node; n != stop; n = fail(n, pending)) links_[n].report.store(report, std::memory_order_relaxed);
  return report;
}

// The hits ending at `end`: the outputs of node report - 1, then of the nodes with outputs
// further down its fail chain. Out of scan()'s loop, which runs for every byte and seldom here.
void PhraseMatcher::add_hits(std::uint32_t report, std::size_t end, std::vector<Hit>& hits,
                             std::vector<std::uint32_t>& pending) const {
  do {
    std::uint32_t node = report - 1;
    for (std::uint32_t k = outputs_of_[node] - 1;; ++k) {
      hits.push_back({outputs_[k].tag, end - outputs_[k].length, end});
      if (!outputs_[k].more) break;
    }
    std::uint32_t after = fail(node, pending);
    report = links_[after].report.load(std::memory_order_relaxed);
    if (report == 0) report = find_report(after, pending);
  } while (report != 1);
}

std::vector<PhraseMatcher::Hit> PhraseMatcher::scan(std::string_view text) const {
  std::vector<Hit> hits;
  if (first_child_.empty()) return hits;  // not built
  std::vector<std::uint32_t> pending;       // find_fail()'s, allocated only if a link is missing
  std::uint32_t node = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    std::uint32_t next;
    while ((next = child(node, c)) == 0 && node != 0) node = fail(node, pending);
    node = next;
    std::uint32_t report = links_[node].report.load(std::memory_order_relaxed);
    if (report == 0) report = find_report(node, pending);
    if (report != 1) add_hits(report, i + 1, hits, pending);
  }
  return hits;
}

}  // namespace bx::classify
