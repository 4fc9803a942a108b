// The one renderer of the sentences the core shows a person: a catalogued sentence
// (kb/sentences.def) with the values of its parameters → its text from kb/words.json. The CLI,
// the wasm module and the page all get text rendered here (and the page and the KB site take the
// "who must act" labels from the same file).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kb/sentences.hpp"

namespace bx::report {

using SentenceParams = std::vector<std::pair<std::string, std::string>>;

/// The template `text` with each {name} replaced by the value of that name (names[i] →
/// values[i]); a name not among them is left as written (the KB build refuses such a template).
std::string fill_template(std::string_view text, const std::string_view* names, const std::string_view* values,
                          std::size_t count);

/// The text of a sentence id in the knowledge base ("" for an id it lacks).
std::string_view sentence_text(std::string_view id);

/// Sentence `s` in words, given exactly the values of its parameters, in their declared order
/// (a missing or extra value does not compile).
template <std::size_t N, class... V>
std::string say(const kb::Sentence<N>& s, const V&... values) {
  static_assert(sizeof...(V) == N, "a sentence is said with every one of its parameters (kb/sentences.def)");
  const std::string_view given[N == 0 ? 1 : N] = {std::string_view(values)...};
  return fill_template(sentence_text(s.id), s.params.data(), given, N);
}

/// A sentence as data: its id, its parameters by name, and its text (the report carries all
/// three, so that a consumer can show its own words for the id).
struct Said {
  std::string id;
  SentenceParams params;
  std::string text;
};

template <std::size_t N, class... V>
Said said(const kb::Sentence<N>& s, const V&... values) {
  Said out{std::string(s.id), {}, say(s, values...)};
  const std::string_view given[N == 0 ? 1 : N] = {std::string_view(values)...};
  for (std::size_t i = 0; i < N; ++i) out.params.emplace_back(s.params[i], given[i]);
  return out;
}

/// The label of a "who must act" id ("sender" → "You (the sender)").
std::string actor_label(std::string_view id);

}  // namespace bx::report
