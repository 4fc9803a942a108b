#include "render_route.hpp"

#include "render.hpp"

namespace bx::cli {
namespace {

/// Where a hop came from: its name, the looked-up name when it differs, its address.
std::string sender_words(const Hop& hop) {
  std::string name = !hop.from.empty() ? hop.from : hop.from_host;
  if (!hop.from_host.empty() && hop.from_host != name) name += " (" + hop.from_host + ")";
  if (!hop.ip.empty() && hop.ip != name) name += (name.empty() ? "" : " ") + ("[" + hop.ip + "]");
  return name.empty() ? "?" : name;
}

std::string tls_words(const Hop& hop) {
  if (!hop.tls) return "";
  if (!*hop.tls) return "no TLS";
  return hop.tls_version.empty() ? "TLS" : hop.tls_version;
}

/// "2024-03-12T10:14:58Z" → "2024-03-12 10:14:58 UTC".
std::string time_words(const Hop& hop) {
  if (hop.time.size() != 20) return hop.date.empty() ? "no date" : "date unreadable: " + hop.date;
  return hop.time.substr(0, 10) + " " + hop.time.substr(11, 8) + " UTC";
}

}  // namespace

std::string duration_words(long long seconds) {
  const unsigned long long s =
      seconds < 0 ? 0ULL - static_cast<unsigned long long>(seconds) : static_cast<unsigned long long>(seconds);
  // The two largest units, the smaller one left out when it is zero: "2 min", "1 h 3 min".
  auto two = [](unsigned long long big, const char* big_unit, unsigned long long small, const char* small_unit) {
    return std::to_string(big) + " " + big_unit + (small ? " " + std::to_string(small) + " " + small_unit : "");
  };
  std::string words = s < 60      ? std::to_string(s) + " s"
                      : s < 3600  ? two(s / 60, "min", s % 60, "s")
                      : s < 86400 ? two(s / 3600, "h", s / 60 % 60, "min")
                                  : two(s / 86400, "d", s / 3600 % 24, "h");
  return (seconds < 0 ? "-" : "") + words;
}

void render_route_text(const Route& route, std::string& out) {
  if (route.hops.empty()) return;
  out += "\nRoute of the original message (" + std::to_string(route.hops.size()) + (route.hops.size() == 1 ? " hop" : " hops") +
         ", oldest first, as the servers wrote it; " +
         (route.source == "quoted" ? "from the copy quoted in the notice" : "from the returned message's header") + "):\n";
  for (std::size_t i = 0; i < route.hops.size(); ++i) {
    const Hop& hop = route.hops[i];
    std::string line = std::to_string(i + 1) + ". " + sender_words(hop) + " -> " + (hop.by.empty() ? "?" : hop.by);
    std::string details = hop.protocol;
    if (const std::string tls = tls_words(hop); !tls.empty()) details += (details.empty() ? "" : ", ") + tls;
    if (!details.empty()) line += "  (" + details + ")";
    line += "  " + time_words(hop);
    if (hop.seconds_from_previous) line += ", " + duration_words(*hop.seconds_from_previous) + " after the hop before";
    if (route.slowest == i) line += "  [slowest]";
    if (route.stopped == i) line += "  [delivery stopped here]";
    if (!hop.flags.empty()) {
      std::string flags;
      for (const std::string& f : hop.flags) flags += (flags.empty() ? "" : ", ") + f;
      line += "  {" + flags + "}";
    }
    out += "  " + for_terminal(line) + "\n";
  }
  if (route.stopped && !route.remote_mta.empty())
    out += "  " + for_terminal("The bounce names the next server, the one that did not accept the message: " + route.remote_mta) + "\n";
  for (const std::string& w : route.warnings) out += "  Note: " + for_terminal(w) + "\n";
}

}  // namespace bx::cli
