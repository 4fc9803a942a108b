// Microsoft Exchange 5.5 / 2000 / 2003 non-delivery reports ("Undeliverable: <subject>",
// X-Mailer "Internet Mail Service" or "Microsoft Exchange Server Internet Mail Connector"):
//   Your message ... did not reach the following recipient(s):
//   a@example.net on Thu, 29 Apr 2007 16:51:51 -0500
//       The recipient name is not recognized
//       MSEXCH:IMS:ORG:SITE:SERVER 0 (000C05A6) Unknown Recipient
// Exchange 2003 also says "The following recipient(s) could not be reached:", and hMailServer
// copies that layout ("Error Type: SMTP", "Remote server replied: 550 5.1.1 ...").
#include <algorithm>

#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

// The sentence that introduces the recipients: 5.5/2000, 2003 (and hMailServer), 2007 RTM.
constexpr std::string_view kLeadIns[] = {"did not reach the following recipient(s):",
                                         "the following recipient(s) could not be reached:",
                                         "the following recipient(s) cannot be reached:",
                                         "folgende(r) empf\xc3\xa4nger konnte(n) nicht erreicht werden:"};  // de

std::size_t lead_in(const vendor::Lines& lines) {
  std::size_t best = lines.size();
  for (std::string_view s : kLeadIns) best = std::min(best, vendor::find_line(lines, s));
  return best;
}

bool is_exchange2003(const Context& context) {
  for (std::string_view s : kLeadIns)
    if (vendor::body_has(context, s)) return true;
  return false;
}

bool is_end(std::string_view line) {
  return vendor::is_original_marker(line) || (line.size() > 3 && line.substr(0, 2) == "--");
}

/// "a@example.net on <date>": Exchange's recipient line (not indented, or less than its details);
/// hMailServer, which copies this layout, writes the address alone.
bool is_recipient_line(std::string_view line) {
  std::string address = dsn::find_address(line);
  if (address.empty() || text::istarts_with(line, "to:")) return false;
  // "a@example.net on <date>" ("am", "le", ... when localized): the line starts with the address.
  return text::icontains(line, " on ") || line.size() <= address.size() + 2 || line.find(address) == 0;
}

}  // namespace

bool extract_exchange2003(const Context& context, std::vector<Candidate>& out) {
  if (!is_exchange2003(context)) return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::size_t start = lead_in(lines);
  std::vector<Candidate> found;
  std::size_t base = 0;
  for (std::size_t i = start + 1; i < lines.size(); ++i) {
    std::string_view line = text::trim(lines[i]);
    if (is_end(line)) break;
    if (line.empty()) continue;
    std::size_t indent = vendor::indent_of(lines[i]);
    if (is_recipient_line(line) && (found.empty() || indent <= base)) {
      base = indent;
      found.push_back(vendor::failed_recipient(line, lines[i]));
      continue;
    }
    // "The MTS-ID of the original message is: c=jp;a= ;p=x" wraps onto a ";l=..." line.
    if (found.empty() || text::icontains(line, "mts-id of the original") || line[0] == ';') continue;
    // hMailServer: "hMailServer sent: RCPT TO:<a@example.net>", "Remote server replied: 550 ...".
    if (text::icontains(line, " sent: ") && found.back().smtp_command.empty())
      found.back().smtp_command = vendor::smtp_command_in(line);
    vendor::append(found.back().diagnostic, line);
    found.back().evidence.insert(found.back().evidence.end() - 1, std::string(lines[i]));
  }
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
