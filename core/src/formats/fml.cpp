// fml, the mailing-list manager (https://www.fml.org): when it refuses a post it answers from
// "<list>-admin@" with an X-MLServer header and a Message-ID ending in ".FML". The body names
// the list it refused the post for, in angle brackets (the first such address), and says why in
// fml's own words:
//   You are not a member of this mailing list <list@example.org>.
//   ...
//   Original mail as follows:
// These notices are fml's own fixed texts, not an SMTP server's reply: which of fml's checks
// refused the post is layout knowledge, so this decoder names the reason itself (as Sisimai's
// FML module does), first from the body's words, then from the Subject.
#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

struct Rule {
  std::string_view words;  ///< lower case
  std::string_view reason;
};

// What the body says, checked first.
constexpr Rule kBodyRules[] = {
    {"header may cause mail loop", "rejected"},
    {"not member article from ", "rejected"},
    {"reject mail from ", "rejected"},
    {"reject spammers:", "rejected"},
    {"you are not a member of this mailing list", "rejected"},
    {"duplicated message-id", "notcompliantrfc"},
    {"security alert:", "securityerror"},
    {"has detected a loop condition so that", "systemerror"},
    {"loop back warning:", "systemerror"},
};

// fml's Subject lines, for a body that says nothing the rules above know.
constexpr Rule kSubjectRules[] = {
    {" are not member", "rejected"},
    {"not member article from ", "rejected"},
    {"reject mail ", "rejected"},
    {"spam mail from a spammer is rejected", "rejected"},
    {"fml system error message", "systemerror"},
    {"loop alert: ", "systemerror"},
    {"loop back warning: ", "systemerror"},
    {"warning: unix from loop", "systemerror"},
    {"security alert", "securityerror"},
};

bool is_fml(const Context& context) {
  const mime::Headers& headers = context.message.headers;
  if (!headers.has("x-mlserver")) return false;
  return text::icontains(context.from, "-admin@") || text::icontains(headers.get("message-id"), ".fml");
}

std::string_view reason_in(std::string_view s, const Rule* begin, const Rule* end) {
  for (const Rule* rule = begin; rule != end; ++rule)
    if (text::icontains(s, rule->words)) return rule->reason;
  return {};
}

/// The address between '<' and '>' on the line, "" when there is none.
std::string bracketed_address(std::string_view line) {
  std::size_t open = line.find('<');
  if (open == std::string_view::npos) return {};
  std::size_t close = line.find('>', open);
  if (close == std::string_view::npos) return {};
  return dsn::find_address(line.substr(open, close - open + 1));
}

}  // namespace

bool extract_fml(const Context& context, std::vector<Candidate>& out) {
  if (!is_fml(context)) return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::vector<Candidate> found;
  for (std::string_view raw : lines) {
    std::string_view line = text::trim(raw);
    if (text::istarts_with(line, "original mail as follows") || vendor::is_original_marker(line)) break;
    if (line.empty()) continue;
    // fml refuses one post to one list: the first bracketed address is the list, others are
    // in the explanation (the list's command address, ...).
    std::string address = found.empty() ? bracketed_address(line) : std::string();
    if (!address.empty()) {
      Candidate c;
      c.recipient = std::move(address);
      c.action = "failed";
      c.diagnostic = std::string(line);
      c.evidence.emplace_back(raw);
      found.push_back(std::move(c));
    } else if (!found.empty() && found.back().diagnostic.size() < context.limits.max_diagnostic_bytes) {
      // The lines under it explain the refusal (how to get the list's guide, ...).
      vendor::append(found.back().diagnostic, line);
    }
  }
  for (Candidate& c : found) {
    std::string_view reason = reason_in(c.diagnostic, std::begin(kBodyRules), std::end(kBodyRules));
    if (reason.empty()) reason = reason_in(context.subject, std::begin(kSubjectRules), std::end(kSubjectRules));
    c.reason = std::string(reason);
  }
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
