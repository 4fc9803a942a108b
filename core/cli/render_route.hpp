// The "Route" section of --format text: the returned message's hops, oldest first.
#pragma once

#include <string>

#include "bx/report.hpp"

namespace bx::cli {

/// "3 s", "2 min 5 s", "1 h 3 min", "2 d 4 h"; a negative time with a minus sign.
std::string duration_words(long long seconds);

/// Appends the section (nothing when the route has no hop). Texts go through for_terminal().
void render_route_text(const Route& route, std::string& out);

}  // namespace bx::cli
