// Google Groups refusing a post (mailer-daemon@googlemail.com, X-Failed-Recipients naming the
// group address, a body signed "Google Groups" and localized): the group does not exist or
// the sender may not post to it. That refusal is the whole message, so the reason is stated.
#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

bool is_google_groups(const Context& context) {
  std::string_view failed = context.message.headers.get("x-failed-recipients");
  if (failed.empty() || !vendor::body_has(context, "google groups")) return false;
  // A group on the organisation's own domain (Google Workspace) is named by Google's words
  // about posting to it, not by googlegroups.com.
  return text::icontains(failed, "@googlegroups.com") || vendor::body_has(context, "permission to post");
}

}  // namespace

bool extract_googlegroups(const Context& context, std::vector<Candidate>& out) {
  if (!is_google_groups(context)) return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::string message;
  std::vector<std::string> evidence;
  for (std::string_view raw : lines) {
    std::string_view line = text::trim(raw);
    if (text::istarts_with(line, "----- original message") || vendor::is_original_marker(line)) break;
    vendor::append(message, line);
    if (!line.empty() && evidence.size() < 2 && text::icontains(line, "group")) evidence.emplace_back(raw);
  }
  std::string_view failed = context.message.headers.get("x-failed-recipients");
  std::vector<Candidate> found;
  for (std::size_t pos = 0; (pos = dsn::find_address_pos(failed, pos)) != std::string_view::npos;) {
    Candidate c;
    c.recipient = dsn::find_address(failed.substr(pos));
    pos += c.recipient.size() + 1;
    c.action = "failed";
    c.reason = "rejected";
    c.diagnostic = message;
    c.evidence = evidence;
    c.evidence.push_back("X-Failed-Recipients: " + std::string(text::trim(failed)));
    found.push_back(std::move(c));
  }
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
