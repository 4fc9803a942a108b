#include "kb/blob.hpp"
#include "kb/kb.hpp"
#include "kb/serialize.hpp"

namespace bx::kb {

const Knowledge& knowledge() {
  static const Knowledge kb = [] {
    Knowledge unpacked;
    // The bytes were written by this same source's serialize() at build time, and a test
    // compares them with the JSON; an empty KB here would mean a broken build.
    if (!deserialize({reinterpret_cast<const char*>(kKnowledgeBlob), kKnowledgeBlobSize}, unpacked)) return Knowledge{};
    return unpacked;
  }();
  return kb;
}

}  // namespace bx::kb

namespace bx {
const char* kb_version() { return kb::kKnowledgeVersion; }
}  // namespace bx
