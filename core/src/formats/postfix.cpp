// Postfix bounces read from their text when there is no RFC 3464 part to read (old Postfix,
// forwarded or re-wrapped bounces): "This is the mail system at host mx.example.com." (or "This
// is the Postfix program at host ...") and "I'm sorry to have to inform you that your message
// could not be delivered to one or more recipients." Each recipient is a paragraph:
//   <a@example.net>: host mx.example.net[192.0.2.1] said: 550 5.1.1 <a@example.net>:
//       Recipient address rejected: User unknown (in reply to RCPT TO command)
// Also the postmaster notice "Postfix SMTP server: errors from ..." with its "Transcript of
// session follows." ("In: RCPT TO:<a@example.net>", "Out: 550 5.1.1 ...").
#include "classify/notice.hpp"
#include "dsn/codes.hpp"
#include "formats/scan.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

bool is_postfix_bounce(const Context& context) {
  return vendor::body_has(context, "this is the mail system at host") ||
         vendor::body_has(context, "this is the postfix program at host");
}

bool is_smtpd_notice(const Context& context) {
  return text::icontains(context.subject, "postfix smtp server: errors from") &&
         vendor::body_has(context, "transcript of session follows");
}

/// A MIME boundary ("--B1C79423C925.1576547931/mx.example.com"), not a row of dashes.
bool is_boundary(std::string_view line) { return line.size() > 3 && line[0] == '-' && line[1] == '-' && line[2] != '-'; }

bool is_end(std::string_view line) {
  return vendor::is_original_marker(line) || is_boundary(line) || text::istarts_with(line, "content-description:");
}

/// "<a@example.net> (expanded from <b@example.com>): host ... said: 550 ..." → diagnostic part.
void read_paragraph(const std::string& block, Candidate& c) {
  c.recipient = dsn::find_address(block);
  std::size_t at = block.find(c.recipient);
  std::size_t colon = block.find("): ", at);
  std::size_t angle = block.find(">: ", at);
  std::size_t cut = std::min(colon, angle);
  c.diagnostic = cut == std::string::npos ? block : block.substr(cut + 3);
  std::size_t in_reply = text::ifind(c.diagnostic, "(in reply to ");
  if (in_reply != std::string::npos) c.smtp_command = vendor::smtp_command_in(c.diagnostic.substr(in_reply));
  c.rhost = vendor::host_in(c.diagnostic);
  if (std::size_t b = c.rhost.find('['); b != std::string::npos) c.rhost.resize(b);
  // As in Postfix's own Diagnostic-Code: the reply, without "host mx[192.0.2.1] said:" and
  // "(in reply to RCPT TO command)", which are in smtp_command and rhost now.
  std::size_t said = text::ifind(c.diagnostic, " said: ");
  if (text::istarts_with(c.diagnostic, "host ") && said != std::string::npos && said < in_reply) {
    c.diagnostic = c.diagnostic.substr(said + 7, in_reply == std::string::npos ? std::string::npos : in_reply - said - 7);
    c.diagnostic = std::string(text::trim(c.diagnostic));
  }
}

bool read_bounce(const vendor::Lines& lines, std::vector<Candidate>& found) {
  std::size_t start = vendor::find_line(lines, "this is the mail system at host");
  if (start == lines.size()) start = vendor::find_line(lines, "this is the postfix program at host");
  std::string block;
  std::vector<std::string> evidence;
  auto flush = [&]() {
    // A recipient paragraph is "<address>: reason" or "<address> (expanded from <alias>): reason".
    if (block.find(">: ") == std::string::npos && block.find("): ") == std::string::npos) block.clear();
    if (block.empty()) {
      evidence.clear();
      return;
    }
    Candidate c;
    read_paragraph(block, c);
    c.evidence = evidence;
    c.action = "failed";
    found.push_back(std::move(c));
    block.clear();
    evidence.clear();
  };
  for (std::size_t i = start + 1; i < lines.size(); ++i) {
    std::string_view line = text::trim(lines[i]);
    if (is_end(line)) break;
    bool opens = !line.empty() && line[0] == '<' && vendor::indent_of(lines[i]) == 0 &&
                 line.find('@') != std::string_view::npos && line.find(">:") != 0;
    if (opens) flush();
    if (line.empty()) {
      flush();
      continue;
    }
    if (!opens && block.empty()) continue;
    vendor::append(block, line);
    evidence.emplace_back(lines[i]);
  }
  flush();
  return !found.empty();
}

/// "In: RCPT TO:<a@example.net>" ... "Out: 550 5.1.1 ...": the last error reply is the verdict.
bool read_smtpd_transcript(const vendor::Lines& lines, std::vector<Candidate>& found) {
  Candidate c;
  std::string command;
  for (std::size_t i = vendor::find_line(lines, "transcript of session follows"); i < lines.size(); ++i) {
    std::string_view line = text::trim(lines[i]);
    if (text::istarts_with(line, "in:")) {
      command = vendor::smtp_command_in(line);
      if (command.empty()) command = std::string(text::trim(line.substr(3)).substr(0, 4));
      if (command == "RCPT" && c.recipient.empty()) c.recipient = dsn::find_address(line);
    } else if (text::istarts_with(line, "out:") && is_error_reply_line(text::trim(line.substr(4)))) {
      c.diagnostic = std::string(text::trim(line.substr(4)));
      c.smtp_command = command;
      c.evidence = {std::string(lines[i])};
    }
  }
  if (c.recipient.empty() || c.diagnostic.empty()) return false;
  c.action = "failed";
  found.push_back(std::move(c));
  return true;
}

}  // namespace

bool extract_postfix(const Context& original, std::vector<Candidate>& out) {
  // With an RFC 3464 part, the standard decoder reads the same words in a firmer structure.
  if (!original.dsn.empty()) return false;
  // A delivery-status part the MIME parser could not see (a forwarded or re-wrapped bounce)
  // still fills in the status code.
  dsn::DeliveryStatus delivery = vendor::inline_dsn(original);
  Context context = original.with_dsn(delivery);
  std::vector<Candidate> found;
  if (is_postfix_bounce(context)) {
    // "--- Delivery report unavailable ---": the returned message still says who it was for.
    if (!read_bounce(vendor::body_lines(context), found) && !context.message.original.empty()) {
      Candidate c;
      c.recipient = dsn::find_address(context.message.original.get("to"));
      c.action = "failed";
      found.push_back(std::move(c));
    }
    // The same layout reports successes ("Your message was successfully delivered to the
    // destination(s) listed below"): its paragraphs are deliveries, not failures.
    if (const unsigned kinds = context.notice_kinds();
        classify::is_delivery_notice(kinds) && !(kinds & classify::kNoticeDelayed))
      for (Candidate& c : found) c.action = "delivered";
  } else if (is_smtpd_notice(context)) {
    read_smtpd_transcript(vendor::body_lines(context), found);
  } else {
    return false;
  }
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
