// The report's "route" object, written by bx::to_json.
#pragma once

#include "bx/report.hpp"
#include "report/json_writer.hpp"

namespace bx::report {

/// The route as JSON, or null when it has no hop.
void write_route(JsonWriter& w, const Route& route);

}  // namespace bx::report
