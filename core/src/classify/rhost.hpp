// Provider-specific classification: see rhost.cpp.
#pragma once

#include "classify/classifier.hpp"

namespace bx::classify {

/// The reason a provider documents for the words in this diagnostic, when the recipient's
/// provider (by remote host, domain or signature) has such a code; an empty reason otherwise.
Verdict provider_verdict(const Findings& found);

}  // namespace bx::classify
