// Embind bindings: marshalling only. The one contract is the report JSON (README "Report schema").
#include <emscripten/bind.h>

#include <string>

#include "bx/explain.hpp"
#include "bx/version.hpp"

namespace {

std::string explain_to_json(const std::string& input) { return bx::to_json(bx::explain(input)); }
std::string version() { return std::string(bx::kToolVersion) + " (knowledge base " + bx::kb_version() + ")"; }

}  // namespace

EMSCRIPTEN_BINDINGS(bounce_explainer) {
  emscripten::function("explain", &explain_to_json);
  emscripten::function("version", &version);
}
