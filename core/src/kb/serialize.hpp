// The knowledge base as compact bytes: what bx_kb_compile writes at build time and
// kb::knowledge() unpacks at start-up. Unpacking copies strings; parsing the JSON instead cost
// a fifth of a whole CLI run over the corpus.
#pragma once

#include <string>
#include <string_view>

#include "kb/kb.hpp"

namespace bx::kb {

std::string serialize(const Knowledge& kb);
/// False (and `kb` unspecified) when `bytes` are not a knowledge base in this format.
bool deserialize(std::string_view bytes, Knowledge& kb);

}  // namespace bx::kb
