// Remote-host refinement (Sisimai's rhost modules): at a known provider, the provider's own
// documented wording ("[TSS04]" at Yahoo, "AUP#CDRBL" at Cox, "LPN007_416" at Orange) decides
// the reason before the generic rules, because those words mean one specific thing there.
// The knowledge is kb/providers (codes with phrases and a reason); this is only the rule.
#include "classify/rhost.hpp"

#include "kb/kb.hpp"
#include "report/words.hpp"

namespace bx::classify {
namespace {

/// Whether the registry (kb/status-codes) has an entry of its own for this enhanced code:
/// "5.7.1" has one; Microsoft's "5.7.133" does not, and only its provider says what it means.
bool registry_knows(std::string_view status) {
  if (status.size() < 5) return false;
  return kb::knowledge().status_codes.count("X" + std::string(status.substr(1))) > 0;
}

}  // namespace

Verdict provider_verdict(const Findings& found) {
  const kb::ProviderCode* code = found.provider_code({});
  if (!code || code->reason.empty()) return {};
  using report::say;
  namespace sentences = kb::sentences;
  if (!code->phrases.empty())
    return {std::string(code->reason), 0.95, std::string(code->phrases.front()),
            found.provider ? say(sentences::kBasisProviderWording, found.provider->name, code->title)
                           : say(sentences::kBasisUnnamedProviderWording, code->title)};
  // A code known by its status alone: where the registry has the code, the generic status
  // mapping already says it; where it has not (Microsoft's 5.7.133), the provider's table does.
  if (registry_knows(code->status)) return {};
  return {std::string(code->reason), 0.9, std::string(code->status),
          found.provider ? say(sentences::kBasisProviderCode, found.provider->name, code->status, code->title)
                         : say(sentences::kBasisUnnamedProviderCode, code->status, code->title)};
}

}  // namespace bx::classify
