// Finding SMTP reply codes (RFC 5321), enhanced status codes (RFC 3463) and addresses in text.
#pragma once

#include <string>
#include <string_view>

namespace bx::dsn {

/// First enhanced status code ("5.1.1", class 2, 4 or 5) in `s`, "" if none.
std::string find_status_code(std::string_view s);
/// First SMTP reply code ("550") that stands as a code in `s` (followed by space, '-' or end,
/// not part of a longer number, a date or an IP address), "" if none.
std::string find_reply_code(std::string_view s);
/// Whether the number at `pos` in `s` is an identifier's value, not a reply: it follows a word
/// that names an id ("with ESMTPS id 550", "queue id 550", "id=550", "Message-ID: 550"), maybe
/// after a space, '=', ':' or '#'. Received fields and logs are full of such numbers.
bool follows_identifier_word(std::string_view s, std::size_t pos);
/// First e-mail address in `s` (without <>), "" if none.
std::string find_address(std::string_view s);
/// Position of the first address found by find_address, npos if none.
std::size_t find_address_pos(std::string_view s, std::size_t from = 0);
/// Strips "rfc822;", angle brackets, quotes and white space around an address field.
std::string clean_address(std::string_view s);
/// The domain part of an address, lower case.
std::string domain_of(std::string_view address);
/// Whether `s` is a well-formed status code of class 2, 4 or 5.
bool is_status_code(std::string_view s);

}  // namespace bx::dsn
