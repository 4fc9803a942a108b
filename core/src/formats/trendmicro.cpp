// Trend Micro InterScan Messaging Security Suite ("InterScan MSS" postmaster notice): the SMTP
// exchange is quoted with InterScan's own arrows,
//   Sent <<< RCPT TO:<a@example.net>
//   Received >>> 550 5.1.1 <a@example.net>... user unknown
// (the arrows point the other way from Sendmail's transcript; the Japanese notices put their
// own word before the arrow and point it Sendmail's way, so the side of a line is told by what
// follows the arrow: a command or a reply). When the recipient's server was never reached InterScan says only
//   Unable to deliver message to <a@example.net> (and other recipients in the same domain).
// which Sisimai's InterScanMSS module files under userunknown: InterScan writes it when the
// recipient's domain refused the address.
#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

bool names_interscan(const Context& context) {
  return text::icontains(context.from, "interscan") ||
         text::icontains(context.message.headers.get("content-type"), "interscan") || vendor::body_has(context, " interscan ");
}

/// The Subject lines of InterScan's Japanese notices ("the message cannot be delivered", "mail
/// delivery failed"), whose From may not name it.
bool has_japanese_subject(const Context& context) {
  std::string_view subject = text::trim(context.subject);
  return subject == "\xE3\x83\xA1\xE3\x83\x83\xE3\x82\xBB\xE3\x83\xBC\xE3\x82\xB8\xE3\x82\x92\xE9\x85\x8D\xE4\xBF\xA1"
                            "\xE3\x81\xA7\xE3\x81\x8D\xE3\x81\xBE\xE3\x81\x9B\xE3\x82\x93\xE3\x80\x82" ||  // メッセージを配信できません。
         subject == "\xE3\x83\xA1\xE3\x83\xBC\xE3\x83\xAB\xE9\x85\x8D\xE4\xBF\xA1\xE3\x81\xAB\xE5\xA4\xB1"
                            "\xE6\x95\x97\xE3\x81\x97\xE3\x81\xBE\xE3\x81\x97\xE3\x81\x9F";  // メール配信に失敗しました
}

bool is_trendmicro(const Context& context) {
  return (vendor::body_has(context, "sent <<< ") && vendor::body_has(context, "received >>> ")) || names_interscan(context) ||
         has_japanese_subject(context);
}

/// The text after InterScan's arrow on `line` ("<<< " or ">>> "), npos when there is none.
std::size_t after_arrow(std::string_view line) {
  for (std::string_view arrow : {"<<< ", ">>> "}) {
    std::size_t p = line.find(arrow);
    if (p != std::string_view::npos) return p + arrow.size();
  }
  return std::string_view::npos;
}

/// "RCPT TO:<a@example.net>" → "RCPT"; "" when the text does not start with an SMTP command.
std::string command_at(std::string_view s) {
  static const struct { const char* verb; const char* command; } kVerbs[] = {
      {"rcpt", "RCPT"}, {"mail", "MAIL"}, {"data", "DATA"},         {"ehlo", "HELO"},
      {"helo", "HELO"}, {"rset", "RSET"}, {"starttls", "STARTTLS"}, {"quit", "QUIT"}};
  for (const auto& v : kVerbs)
    if (text::istarts_with(s, v.verb)) return v.command;
  return {};
}

bool is_failure_reply(std::string_view s) { return s.size() >= 3 && (s[0] == '4' || s[0] == '5') && text::is_digit(s[1]); }

}  // namespace

bool extract_trendmicro(const Context& context, std::vector<Candidate>& out) {
  if (!is_trendmicro(context)) return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::vector<Candidate> found;
  std::string command, recipient;
  for (std::string_view raw : lines) {
    std::string_view line = text::trim(raw);
    if (vendor::is_original_marker(line)) break;
    if (std::size_t unable = text::ifind(line, "unable to deliver message to <"); unable != std::string_view::npos) {
      Candidate c;
      c.recipient = dsn::find_address(line.substr(unable));
      c.action = "failed";
      c.reason = "userunknown";
      c.diagnostic = std::string(line);
      c.evidence.emplace_back(raw);
      found.push_back(std::move(c));
      continue;
    }
    std::size_t arrow = after_arrow(line);
    if (arrow == std::string_view::npos) continue;
    std::string_view said = text::trim(line.substr(arrow));
    if (std::string verb = command_at(said); !verb.empty()) {
      command = verb;
      if (command == "RCPT") recipient = dsn::find_address(said);
    } else if (is_failure_reply(said)) {
      Candidate c;
      c.recipient = recipient.empty() ? dsn::find_address(said) : recipient;
      c.action = "failed";
      c.diagnostic = std::string(said);
      c.smtp_command = command;
      c.evidence.emplace_back(raw);
      found.push_back(std::move(c));
    }
  }
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
