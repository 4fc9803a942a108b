// The report's "route" object (README "The report"): absent texts are null, not "".
#include "report/route.hpp"
#include "report/route_json.hpp"

namespace bx::report {
namespace {

void write_hop(JsonWriter& w, const Hop& hop) {
  w.begin_object();
  w.key("from").string_or_null(hop.from).key("from_host").string_or_null(hop.from_host);
  w.key("ip").string_or_null(hop.ip).key("by").string_or_null(hop.by);
  w.key("protocol").string_or_null(hop.protocol).key("tls");
  hop.tls ? w.value(*hop.tls) : w.null();
  w.key("tls_version").string_or_null(hop.tls_version).key("id").string_or_null(hop.id);
  w.key("date").string_or_null(hop.date).key("time").string_or_null(hop.time);
  w.key("seconds_from_previous");
  hop.seconds_from_previous ? w.integer(*hop.seconds_from_previous) : w.null();
  w.key("flags").strings(hop.flags).key("received").value(hop.received);
  w.end_object();
}

void index_or_null(JsonWriter& w, const std::optional<std::size_t>& index) { index ? w.value(*index) : w.null(); }

}  // namespace

void write_route(JsonWriter& w, const Route& route) {
  if (route.hops.empty()) {
    w.null();
    return;
  }
  w.begin_object().key("source").value(route.source).key("hops").begin_array();
  for (const Hop& hop : route.hops) write_hop(w, hop);
  w.end_array();
  w.key("slowest");
  index_or_null(w, route.slowest);
  w.key("stopped");
  index_or_null(w, route.stopped);
  w.key("reporting_mta").string_or_null(route.reporting_mta).key("remote_mta").string_or_null(route.remote_mta);
  w.key("warnings").strings(route.warnings).end_object();
}

}  // namespace bx::report
