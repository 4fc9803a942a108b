#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <utility>
#include <vector>
#ifndef __EMSCRIPTEN__
#include <thread>
#endif

#include "classify/matcher.hpp"

using bx::classify::PhraseMatcher;

namespace {

using Phrases = std::vector<std::pair<std::string, std::uint32_t>>;
using Hits = std::vector<std::tuple<std::uint32_t, std::size_t, std::size_t>>;  // tag, begin, end

PhraseMatcher built(const Phrases& phrases) {
  PhraseMatcher m;
  for (const auto& [text, tag] : phrases) m.add(text, tag);
  m.build();
  return m;
}

Hits scanned(const PhraseMatcher& m, std::string_view text) {
  Hits out;
  for (const auto& h : m.scan(text)) out.emplace_back(h.tag, h.begin, h.end);
  return out;
}

/// What scan() promises, the slow way: every occurrence, by end position; at one end, the
/// longest phrase first; identical phrases in the order they were added.
Hits reference(const Phrases& phrases, std::string_view text) {
  std::vector<std::size_t> by_length;
  for (std::size_t i = 0; i < phrases.size(); ++i)
    if (!phrases[i].first.empty()) by_length.push_back(i);
  std::stable_sort(by_length.begin(), by_length.end(),
                   [&](std::size_t a, std::size_t b) { return phrases[a].first.size() > phrases[b].first.size(); });
  Hits out;
  for (std::size_t end = 1; end <= text.size(); ++end)
    for (std::size_t i : by_length) {
      const std::string& p = phrases[i].first;
      if (p.size() <= end && text.compare(end - p.size(), p.size(), p) == 0)
        out.emplace_back(phrases[i].second, end - p.size(), end);
    }
  return out;
}

void check_against_reference(const Phrases& phrases, const std::vector<std::string>& texts) {
  PhraseMatcher m = built(phrases);
  for (const std::string& t : texts) {
    INFO("text: " << t);
    CHECK(scanned(m, t) == reference(phrases, t));
  }
}

std::string random_text(std::mt19937& rng, std::string_view alphabet, std::size_t max_length) {
  std::string s(rng() % (max_length + 1), ' ');
  for (char& c : s) c = alphabet[rng() % alphabet.size()];
  return s;
}

}  // namespace

TEST_CASE("matcher: hits in order of end, longest first, identical phrases in add order", "[matcher]") {
  Phrases phrases{{"user unknown", 1}, {"unknown", 2}, {"user", 3}, {"unknown", 4}, {"nknown", 5}, {"er un", 6}};
  PhraseMatcher m = built(phrases);
  Hits expected{{3, 0, 4}, {6, 2, 7}, {1, 0, 12}, {2, 5, 12}, {4, 5, 12}, {5, 6, 12}};
  CHECK(scanned(m, "user unknown") == expected);
  CHECK(scanned(m, "user unknown") == reference(phrases, "user unknown"));
  CHECK(scanned(m, "") == Hits{});
  CHECK(scanned(m, "nothing here") == Hits{});
}

TEST_CASE("matcher: overlapping phrases, suffixes, prefixes, repeats", "[matcher]") {
  check_against_reference({{"abc", 1}, {"bcd", 2}, {"cde", 3}, {"abcde", 4}, {"e", 5}}, {"abcde", "xabcdex", "abcdabcde"});
  check_against_reference({{"mail", 1}, {"mailbox", 2}, {"box", 3}, {"mailbox full", 4}, {"x f", 5}},
                          {"mailbox full", "mailbo", "mailmailbox fullbox", "mailbox ful"});
  check_against_reference({{"a", 1}, {"aa", 2}, {"aaa", 3}, {"aab", 4}, {"ab", 5}, {"b", 6}}, {"aaaaab", "abababaab", "baaa"});
  // The same text with different tags, and with the same tag twice: every one is a hit.
  check_against_reference({{"quota", 7}, {"over quota", 1}, {"quota", 3}, {"quota", 7}, {"ota", 2}},
                          {"over quota", "quotaquota"});
}

TEST_CASE("matcher: deep fail chains", "[matcher]") {
  // Phrases whose every suffix is a node: a mismatch after a long run walks a long fail chain.
  Phrases phrases;
  for (std::size_t n = 1; n <= 40; ++n) phrases.push_back({std::string(n, 'a') + "b", static_cast<std::uint32_t>(n)});
  phrases.push_back({std::string(300, 'a'), 1000});
  phrases.push_back({"abababababc", 1001});
  phrases.push_back({"babababc", 1002});
  check_against_reference(phrases, {std::string(500, 'a') + "b", std::string(299, 'a') + "c" + std::string(301, 'a'),
                                    "ababababababababc" + std::string(41, 'a') + "b", "ab" + std::string(45, 'a')});
  // Longer than any phrase the KB has: the links of deep nodes must not recurse per level.
  Phrases deep{{std::string(5000, 'x'), 1}, {std::string(4999, 'x') + "y", 2}, {"xy", 3}};
  PhraseMatcher m = built(deep);
  std::string text = std::string(6000, 'x') + "y";
  CHECK(scanned(m, text) == reference(deep, text));
}

TEST_CASE("matcher: every byte value, empty phrases ignored, scan before build", "[matcher]") {
  PhraseMatcher unbuilt;
  unbuilt.add("abc", 1);
  CHECK(unbuilt.scan("abc").empty());
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  check_against_reference({{"", 9}, {std::string("\0\x01", 2), 1}, {"\xff", 2}, {std::string("\xfe\xff\0", 3), 3}, {"\x7f\x80", 4}},
                          {all, all + all, std::string(3, '\0')});
  PhraseMatcher none = built({});
  CHECK(scanned(none, "anything").empty());
}

TEST_CASE("matcher: random phrase sets against the slow reference", "[matcher]") {
  std::mt19937 rng(20240611);
  for (int round = 0; round < 200; ++round) {
    std::string_view alphabet = round % 2 ? "ab" : "abc ";
    Phrases phrases;
    std::size_t count = 1 + rng() % 30;
    for (std::size_t i = 0; i < count; ++i)
      phrases.push_back({random_text(rng, alphabet, 1 + rng() % 9), static_cast<std::uint32_t>(rng() % 5)});
    std::vector<std::string> texts;
    for (int t = 0; t < 5; ++t) texts.push_back(random_text(rng, alphabet, 60));
    check_against_reference(phrases, texts);
  }
}

#ifndef __EMSCRIPTEN__  // the wasm build has no threads
TEST_CASE("matcher: scans on several threads at once find what one thread finds", "[matcher]") {
  std::mt19937 rng(7);
  Phrases phrases;
  for (int i = 0; i < 3000; ++i) phrases.push_back({random_text(rng, "abcd e", 2 + rng() % 12), static_cast<std::uint32_t>(i)});
  std::vector<std::string> texts;
  for (int t = 0; t < 200; ++t) texts.push_back(random_text(rng, "abcd e", 400));
  std::vector<Hits> expected;
  {
    PhraseMatcher alone = built(phrases);
    for (const std::string& t : texts) expected.push_back(scanned(alone, t));
  }
  PhraseMatcher shared = built(phrases);  // a fresh one: the threads race to work out its links
  std::vector<std::vector<Hits>> found(4);
  std::vector<std::thread> threads;
  for (std::size_t k = 0; k < found.size(); ++k)
    threads.emplace_back([&, k] {
      for (std::size_t i = 0; i < texts.size(); ++i) {
        std::size_t t = k % 2 ? texts.size() - 1 - i : i;  // half of them from the other end
        found[k].push_back(scanned(shared, texts[t]));
      }
    });
  for (std::thread& t : threads) t.join();
  for (std::size_t k = 0; k < found.size(); ++k) {
    if (k % 2) std::reverse(found[k].begin(), found[k].end());
    CHECK(found[k] == expected);
  }
}
#endif
