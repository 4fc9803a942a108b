// The sentences the core can show a person: ids and the parameters the core supplies, declared
// once in kb/sentences.def. Their text lives in kb/words.json (one place for the CLI, the page
// and the KB site; another language is a data change). Shared by the KB reader, which checks the
// file against this list at build time, and the core, which renders them (report/words.hpp).
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

namespace bx::kb {

/// A sentence id and the names of its N parameters, in the order the core passes them.
template <std::size_t N>
struct Sentence {
  std::string_view id;
  std::array<std::string_view, N> params;
};

template <class... P>
constexpr Sentence<sizeof...(P)> sentence(std::string_view id, P... params) {
  return {id, {std::string_view(params)...}};
}

namespace sentences {
#define BX_SENTENCE(name, ...) inline constexpr auto name = sentence(__VA_ARGS__);
#include "kb/sentences.def"
#undef BX_SENTENCE
}  // namespace sentences

/// One catalogued sentence, its parameters as a list (for checks that walk them all).
struct SentenceSpec {
  std::string_view id;
  std::vector<std::string_view> params;
};

/// Every sentence of kb/sentences.def, in its order.
inline std::vector<SentenceSpec> sentence_catalogue() {
  auto spec = [](const auto& s) { return SentenceSpec{s.id, {s.params.begin(), s.params.end()}}; };
  return {
#define BX_SENTENCE(name, ...) spec(sentences::name),
#include "kb/sentences.def"
#undef BX_SENTENCE
  };
}

/// The "who must act" ids (kb/words.json "actors" labels each one; entries' who_acts use them).
inline constexpr std::array<std::string_view, 4> kActorIds = {"sender", "sender-admin", "recipient", "recipient-admin"};

}  // namespace bx::kb
