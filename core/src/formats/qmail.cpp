// qmail and its descendants (netqmail, vpopmail, indimail, s/qmail): "Hi. This is the
// qmail-send program at mx.example.com. I'm afraid I wasn't able to deliver your message to the
// following addresses." Each recipient is a "<a@example.net>:" line; the lines under it, up to
// a blank line, are the reason ("Remote host said: 550 ...", "Sorry, ... (#5.1.1)").
#include <algorithm>

#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

// qmail's sentence, and the ones of qmail-derived gateways that keep its "<address>:" blocks.
constexpr std::string_view kLeadIns[] = {
    "deliver your message to the following addresses",      // qmail-send
    "unable to deliver message to the following address",    // "Message from example.com."
    "message to the following address(es) could not be delivered",
    // Other qmail-derived gateways keep the "<address>:" blocks under their own sentence.
    "to the following address",
};

std::size_t lead_in(const vendor::Lines& lines) {
  std::size_t best = lines.size();
  for (std::string_view s : kLeadIns) best = std::min(best, vendor::find_line(lines, s));
  return best;
}

bool is_qmail(const Context& context) {
  if (vendor::body_has(context, "this is the qmail-send program")) return true;
  for (std::string_view s : kLeadIns)
    if (vendor::body_has(context, s)) return true;
  return false;
}

bool is_end(std::string_view line) {
  return text::istarts_with(line, "--- below this line") || text::istarts_with(line, "--- enclosed") ||
         text::istarts_with(line, "--- original message follows") ||
         vendor::is_original_marker(line);
}

/// "(Other MXes tried: ...)" only repeats the codes of the other hosts, and "Giving up on
/// 192.0.2.1." is qmail-remote's note about the host, not the reason.
bool is_noise(std::string_view line) {
  return text::istarts_with(line, "(other mxes tried") || text::istarts_with(line, "giving up on");
}

/// qmail-remote's own sentences say which step failed.
std::string command_of(std::string_view diagnostic) {
  static const struct { const char* words; const char* command; } kSteps[] = {
      {"does not like recipient", "RCPT"},     {"failed after i sent the message", "DATA"},
      {"failed on data command", "DATA"},      {"but sender was rejected", "MAIL"},
      {"but my name was rejected", "HELO"},    {"but greeting failed", "CONN"},
      {"no smtp connection got far enough", ""}};
  for (const auto& s : kSteps)
    if (text::icontains(diagnostic, s.words)) return s.command;
  return {};
}

}  // namespace

bool extract_qmail(const Context& context, std::vector<Candidate>& out) {
  if (!is_qmail(context)) return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::size_t start = lead_in(lines);
  if (start == lines.size()) start = vendor::find_line(lines, "this is the qmail-send program");
  std::vector<Candidate> found = vendor::read_angle_blocks(lines, start, is_end, is_noise);
  for (Candidate& c : found) {
    std::string command = command_of(c.diagnostic);
    if (!command.empty()) c.smtp_command = command;
  }
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
