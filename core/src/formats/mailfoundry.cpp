// MailFoundry ("Message delivery has failed"): "Unable to deliver message to: <a@example.net>"
// then "Delivery failed for the following reason:" and the reason ("Server mx.example.net
// [192.0.2.1] failed with: 550 ..." or "mx.example.net[192.0.2.1] responded with failure: 552
// ...") up to "This has been a permanent failure."
#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

/// "Server mx.example.net[192.0.2.1] failed with: 550 ..." or "mx.example.net[192.0.2.1]
/// responded with failure: 552 ...": the host to rhost, the reply kept.
void read_reason(std::string_view line, Candidate& c) {
  for (std::string_view said : {" failed with: ", " responded with failure: "}) {
    std::size_t p = text::ifind(line, said);
    if (p == std::string_view::npos) continue;
    std::string_view host = line.substr(0, p);
    if (text::istarts_with(host, "server ")) host = host.substr(7);
    c.rhost = std::string(host.substr(0, host.find('[')));
    line = line.substr(p + said.size());
    break;
  }
  vendor::append(c.diagnostic, line);
}

}  // namespace

bool extract_mailfoundry(const Context& context, std::vector<Candidate>& out) {
  if (!vendor::body_has(context, "unable to deliver message to: ") ||
      !vendor::body_has(context, "delivery failed for the following reason"))
    return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::vector<Candidate> found;
  bool reading = false;
  for (std::size_t i = vendor::find_line(lines, "unable to deliver message to: "); i < lines.size(); ++i) {
    std::string_view line = text::trim(lines[i]);
    if (vendor::is_original_marker(line) || text::istarts_with(line, "--")) break;
    if (text::istarts_with(line, "unable to deliver message to:")) {
      found.push_back(vendor::failed_recipient(line, lines[i]));
      reading = false;
    } else if (text::istarts_with(line, "delivery failed for the following reason")) {
      reading = true;
    } else if (text::istarts_with(line, "this has been a permanent failure") ||
               text::istarts_with(line, "this is a temporary failure")) {
      if (!found.empty() && text::istarts_with(line, "this is a temporary")) found.back().action = "delayed";
      reading = false;
    } else if (reading && !found.empty() && !line.empty()) {
      read_reason(line, found.back());
      vendor::add_evidence_front(context, found.back(), lines[i]);
    }
  }
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
