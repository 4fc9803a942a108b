#pragma once

namespace bx {

inline constexpr const char* kToolVersion = "0.1.0";
inline constexpr const char* kReportSchema = "bounce-explainer/report/1";

/// Short hash of the knowledge base compiled into this binary.
const char* kb_version();

}  // namespace bx
