// The knowledge base as compact bytes: what bx_kb_compile writes at build time and
// kb::knowledge() unpacks at start-up. Unpacking makes views into the bytes (parsing the JSON
// instead cost a fifth of a whole CLI run over the corpus; copying the strings, a fifth of the
// start-up).
#pragma once

#include <string>
#include <string_view>

#include "kb/kb.hpp"

namespace bx::kb {

std::string serialize(const Knowledge& kb);
/// False (and `kb` unspecified) when `bytes` are not a knowledge base in this format. The texts
/// of `kb` are views into `bytes`, which must outlive it.
bool deserialize(std::string_view bytes, Knowledge& kb);

}  // namespace bx::kb
