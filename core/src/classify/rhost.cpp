// Remote-host refinement (Sisimai's rhost modules): at a known provider, the provider's own
// documented wording ("[TSS04]" at Yahoo, "AUP#CDRBL" at Cox, "LPN007_416" at Orange) decides
// the reason before the generic rules, because those words mean one specific thing there.
// The knowledge is kb/providers (codes with phrases and a reason); this is only the rule.
#include "classify/rhost.hpp"

namespace bx::classify {

Verdict provider_verdict(const Findings& found) {
  const kb::ProviderCode* code = found.provider_code({});
  // A code known by its status alone repeats the generic status mapping: only words decide here.
  if (!code || code->phrases.empty() || code->reason.empty()) return {};
  std::string basis = found.provider ? std::string(found.provider->name) + "'s own wording" : "the provider's own wording";
  return {std::string(code->reason), 0.95, std::string(code->phrases.front()),
          basis + " (" + std::string(code->title) + ")"};
}

}  // namespace bx::classify
