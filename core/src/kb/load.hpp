// Reading the knowledge base from its JSON source (kb/**/*.json, embedded by
// cmake/BxEmbedKb.cmake): every field type-checked, every problem reported with its file and
// field. Runs at build time (bx_kb_compile, bx_kb_check) and in tests, never in the product,
// which unpacks the result compiled in (kb::knowledge()).
#pragma once

#include <string>
#include <vector>

#include "kb/embedded.hpp"
#include "kb/kb.hpp"

namespace bx::kb {

/// Parses the embedded files; appends one message per problem ("kb/reasons/x.json: fix_steps[1]:
/// expected a string"). Bad entries are skipped, so a broken entry never breaks the others.
Knowledge load(std::vector<std::string>& errors);
/// The same checks over files given by the caller (tests feed it broken entries).
Knowledge load(const std::vector<EmbeddedFile>& files, std::vector<std::string>& errors);

}  // namespace bx::kb
