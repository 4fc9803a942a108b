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
/// Fills reply code and status from the diagnostic when the decoder did not set them.
void complete_codes(Candidate& c);
/// Whether the subject or sender of a message says it is a delivery report.
bool looks_like_bounce_envelope(const Context& context);
/// Joins SMTP continuation lines ("550-5.1.1 ...", "550 5.1.1 ...") starting at `lines[i]`.
std::string join_reply(const std::vector<std::string_view>& lines, std::size_t i, std::size_t* last = nullptr);

}  // namespace bx::formats
