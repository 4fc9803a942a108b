// Line scanning helpers shared by decoders: finding error lines and the recipients near them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "formats/format.hpp"

namespace bx::formats {

/// Strips e-mail quoting ("> ", ">> ") and leading white space from a pasted line.
std::string_view unquote(std::string_view line);
/// Whether a line reads as an SMTP error reply: a 4xx/5xx code at its start, after optional
/// quoting or a "smtp;"-style prefix, followed by a status code or words.
bool is_error_reply_line(std::string_view line);
/// Where an SMTP error reply starts inside a line ("host x said: 550 5.1.1 ...", "<<< 550 ...",
/// "Remote Server returned '550 ..."); npos when the line has none.
std::size_t find_error_reply(std::string_view line);
/// Fills reply code and status from the diagnostic when the decoder did not set them, and
/// prefers the diagnostic's own status code when it is more specific than the stated one.
void complete_codes(Candidate& c);
/// Of a stated status (DSN Status:) and the one quoted in the server's reply, the more telling.
std::string prefer_status(std::string_view stated, std::string_view quoted);
/// The SMTP command a text says delivery failed at ("in reply to RCPT TO command", ">>> DATA",
/// "after end of data"): RCPT, DATA, MAIL, EHLO, HELO or CONN; "" when it says none.
std::string find_smtp_command(std::string_view text);
/// The command named around `lines[line]` (a transcript line before it, the reply after it).
std::string smtp_command_at(const std::vector<std::string_view>& lines, std::size_t line);
/// The command named near the first mention of `recipient` in `body` (not in a DSN field).
std::string smtp_command_near(std::string_view body, std::string_view recipient);
/// Whether the subject or sender of a message says it is a delivery report.
bool looks_like_bounce_envelope(const Context& context);
/// Whether the sender of a message is a mail system (MAILER-DAEMON, postmaster, "Mail Delivery").
bool from_mail_system(const Context& context);
/// Joins SMTP continuation lines ("550-5.1.1 ...", "550 5.1.1 ...") starting at `lines[i]`.
/// `from` is where the reply starts in `lines[i]`.
std::string join_reply(const std::vector<std::string_view>& lines, std::size_t i, std::size_t* last = nullptr,
                       std::size_t from = 0);

/// The line where the returned copy of the original message starts in a notice's text (its
/// text is not about the failure): "Content-Type: message/rfc822", "This is a copy of the
/// message", "----- Original message -----", ... in the languages of kb/notices.json;
/// lines.size() when there is none.
std::size_t returned_message_start(const std::vector<std::string_view>& lines);

}  // namespace bx::formats
