// The knowledge base compiled in: kb/ as checked and packed at build time (cli/kb_compile.cpp
// writes the generated kb_blob.cpp).
#pragma once

#include <cstddef>

namespace bx::kb {

extern const unsigned char kKnowledgeBlob[];
extern const std::size_t kKnowledgeBlobSize;
extern const char kKnowledgeVersion[];  ///< short SHA-256 of the kb/ files

}  // namespace bx::kb
