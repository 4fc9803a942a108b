// Gmail / Google Workspace notices since 2016, read from their text when there is no RFC 3464
// part or it lacks the diagnostic (pasted into the explainer, forwarded): a "** Address not
// found **"-style heading, "Your message wasn't delivered to a@example.net because ..." (or
// "There was a temporary problem delivering your message to a@example.net."), then "The
// response from the remote server was:" / "The response was:" and the server's reply.
#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

constexpr std::string_view kLeads[] = {"your message wasn't delivered to", "there was a temporary problem delivering your message to",
                                       "your message has not been delivered to"};

bool is_response_heading(std::string_view line) {
  return text::istarts_with(line, "the response from the remote server was") || text::istarts_with(line, "the response was");
}

}  // namespace

bool extract_google(const Context& context, std::vector<Candidate>& out) {
  if (vendor::dsn_is_complete(context) || !vendor::body_has(context, "the response")) return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::vector<Candidate> found;
  std::string reply;
  std::vector<std::string> evidence;
  bool in_reply = false;
  for (std::string_view raw : lines) {
    std::string_view line = text::trim(raw);
    if (vendor::is_original_marker(line) || text::istarts_with(line, "----- original message")) break;
    for (std::string_view lead : kLeads) {
      std::size_t p = text::ifind(line, lead);
      if (p == std::string_view::npos) continue;
      Candidate c;
      c.recipient = dsn::find_address(line.substr(p + lead.size()));
      c.action = text::icontains(lead, "temporary") ? "delayed" : "failed";
      c.evidence.emplace_back(raw);
      found.push_back(std::move(c));
    }
    // The HTML alternative repeats the notice: the first reply read is the one.
    if (is_response_heading(line)) {
      in_reply = reply.empty();
    } else if (in_reply && line.empty() && !reply.empty()) {
      in_reply = false;
    } else if (in_reply && !line.empty()) {
      vendor::append(reply, line);
      if (evidence.size() < 3) evidence.emplace_back(raw);
    }
  }
  for (Candidate& c : found) {
    c.diagnostic = reply;
    c.evidence.insert(c.evidence.begin(), evidence.begin(), evidence.end());
  }
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
