// Gmail / Google Workspace notices since 2016, read from their text when there is no RFC 3464
// part or it lacks the diagnostic (pasted into the explainer, forwarded): a "** Address not
// found **"-style heading, "Your message wasn't delivered to a@example.net because ..." (or
// "There was a temporary problem delivering your message to a@example.net."), then "The
// response from the remote server was:" / "The response was:" and the server's reply.
#include "dsn/codes.hpp"
#include "formats/scan.hpp"
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
  vendor::SharedText shared;  // the server's reply, the same for every recipient
  std::string& reply = shared.diagnostic;
  bool in_reply = false;
  for (std::string_view raw : lines) {
    // A notice forwarded with its lines quoted ("> The response from the remote server was:").
    std::string_view line = text::trim(unquote(raw));
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
      if (shared.evidence.size() < 3) shared.evidence.push_back(raw);
    }
  }
  return vendor::share_and_finish(context, shared, found, out);
}

}  // namespace bx::formats
