// Microsoft Exchange 2007 and later, Office 365 and Outlook.com non-delivery reports, read from
// their text when there is no RFC 3464 part or it lacks the diagnostic (pasted NDRs, forwarded
// ones). Two layouts:
//  - Exchange 2007-2019: "Delivery has failed to these recipients or groups:" for people, then
//    "Diagnostic information for administrators:" (localized), "Generating server: host", and per
//    recipient its address on a line followed by the code line, which is not localized:
//      "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##"
//      "mx.example.net #550 5.1.1 <a@example.net>: User unknown ##"
//      "#< #5.1.1 smtp;550 5.1.1 User unknown> #SMTP#"
//      "Remote Server returned '550 5.1.1 User unknown'"
//    Pasted without the administrators' part, the addresses under the first heading and the
//    explanation for people are what there is.
//  - Office 365 since 2017: "Original Message Details" with "Recipient Address: a@example.net",
//    and "Error Details" with "Reported error: 550 5.1.10 RESOLVER..." and "Remote server: host".
#include <algorithm>

#include "dsn/codes.hpp"
#include "formats/scan.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

// "Diagnostic information for administrators" as Exchange writes it in the languages it ships.
constexpr std::string_view kAdminHeadings[] = {
    "diagnostic information for administrators",
    "diagnoseinformationen f\xc3\xbcr administratoren",                     // de
    "informations de diagnostic pour les administrateurs",                 // fr
    "informaci\xc3\xb3n de diagn\xc3\xb3stico para administradores",       // es
    "informazioni di diagnostica per gli amministratori",                  // it
    "informa\xc3\xa7\xc3\xb5""es de diagn\xc3\xb3stico para administradores",  // pt
    "diagnostische gegevens voor beheerders",                              // nl
    "\xe7\xae\xa1\xe7\x90\x86\xe8\x80\x85\xe5\x90\x91\xe3\x81\x91\xe3\x81\xae\xe8\xa8\xba\xe6\x96\xad\xe6\x83\x85\xe5\xa0\xb1",  // ja
};

std::size_t admin_section(const vendor::Lines& lines) {
  std::size_t best = lines.size();
  for (std::string_view h : kAdminHeadings) best = std::min(best, vendor::find_line(lines, h));
  return best;
}

// "Delivery has failed to these recipients or groups:" (the part written for people).
constexpr std::string_view kPeopleHeadings[] = {
    "delivery has failed to these recipients or",
    "fehler bei der zustellung an folgende empf\xc3\xa4nger oder gruppen",  // de
};

std::size_t people_section(const vendor::Lines& lines) {
  std::size_t best = lines.size();
  for (std::string_view h : kPeopleHeadings) best = std::min(best, vendor::find_line(lines, h));
  return best;
}

bool is_end(std::string_view line) {
  return vendor::is_original_marker(line) || text::istarts_with(line, "original message headers") ||
         text::istarts_with(line, "message hops");
}

/// The code line under a recipient, reduced to the server's reply: "#550 5.1.1 text ##" →
/// "550 5.1.1 text"; "host #550 ..." also yields the host; "Remote Server returned '...'".
bool read_code_line(std::string_view line, std::string& reply, std::string& host) {
  // "Remote Server returned '...'", and Exchange 2013+'s delivery history:
  // "11/2/2025 3:22:10 PM - Server at mx.example.net (192.0.2.1) returned '550 5.4.316 ...'".
  std::size_t returned = text::ifind(line, "returned '");
  if (returned != std::string_view::npos) {
    std::size_t quote = returned + 9;
    std::size_t end = line.rfind('\'');
    reply = std::string(line.substr(quote + 1, end > quote ? end - quote - 1 : std::string_view::npos));
    return true;
  }
  std::size_t hash = line.find('#');
  if (hash == std::string_view::npos || hash + 1 >= line.size()) return false;
  char next = line[hash + 1];
  if (!text::is_digit(next) && next != '<') return false;
  if (hash > 0) host = std::string(text::trim(line.substr(0, hash)));
  std::string_view rest = line.substr(hash + 1);
  if (!rest.empty() && rest[0] == '<') rest = text::trim(rest.substr(1));  // "#< #5.1.1 smtp;550 ...> #SMTP#"
  if (!rest.empty() && rest[0] == '#') rest = rest.substr(1);
  std::size_t tail = rest.find(" ##");
  if (tail == std::string_view::npos) tail = rest.find("> #");
  if (tail == std::string_view::npos) tail = rest.find("##");
  reply = text::squeeze_spaces(rest.substr(0, tail));
  // "5.1.1 smtp;550 5.1.1 User unknown": the SMTP reply after "smtp;" is the server's own.
  if (std::size_t smtp = text::ifind(reply, "smtp;"); smtp != std::string::npos) reply = text::squeeze_spaces(reply.substr(smtp + 5));
  return !reply.empty();
}

/// "kijitora@example.edu" or "kijitora@example.edu<mailto:kijitora@example.edu>" alone on a line.
bool is_address_line(std::string_view line, const std::string& address) {
  if (address.empty()) return false;
  return line.size() <= address.size() + 2 || (line.find("<mailto:") != std::string_view::npos && line.find(' ') == std::string_view::npos);
}

void read_admin_section(const Context& context, const vendor::Lines& lines, std::size_t i, std::vector<Candidate>& found) {
  std::string lhost;
  for (++i; i < lines.size(); ++i) {
    std::string_view line = text::trim(lines[i]);
    if (is_end(line)) break;
    if (line.empty()) continue;
    std::string address = dsn::find_address(line);
    if (is_address_line(line, address)) {
      Candidate c;
      c.recipient = address;
      c.lhost = vendor::bounded_field(context, lhost, c.cut);  // (one line, maybe shared by thousands)
      c.evidence.emplace_back(lines[i]);
      found.push_back(std::move(c));
      continue;
    }
    std::string reply, host;
    if (!found.empty() && found.back().diagnostic.empty() && read_code_line(line, reply, host)) {
      found.back().diagnostic = reply;
      found.back().rhost = host;
      found.back().evidence.insert(found.back().evidence.begin(), std::string(lines[i]));
    } else if (found.empty() && line.find(':') != std::string_view::npos) {
      lhost = std::string(text::trim(line.substr(line.rfind(':') + 1)));  // "Generating server: host"
    }
  }
}

/// Without the administrators' part (pasted or cut short): each address, then Exchange's
/// explanation for people up to the next blank line.
void read_people_section(const Context& context, const vendor::Lines& lines, std::size_t i, std::vector<Candidate>& found) {
  for (++i; i < lines.size(); ++i) {
    std::string_view line = text::trim(lines[i]);
    if (is_end(line) || text::istarts_with(line, "___") || text::istarts_with(line, "sent by microsoft exchange")) break;
    std::string address = dsn::find_address(line);
    if (is_address_line(line, address)) {
      Candidate c;
      c.recipient = address;
      c.evidence.emplace_back(lines[i]);
      found.push_back(std::move(c));
    } else if (!found.empty() && !line.empty()) {
      vendor::append(found.back().diagnostic, line);
      vendor::add_evidence_front(context, found.back(), lines[i]);
    }
  }
}

/// Office 365's "Error Details" block: one recipient per report.
void read_error_details(const Context& context, const vendor::Lines& lines, std::vector<Candidate>& found) {
  Candidate c;
  for (std::string_view raw : lines) {
    std::string_view line = text::trim(raw);
    if (is_end(line)) break;
    if (text::istarts_with(line, "recipient address:") && c.recipient.empty()) {
      c.recipient = dsn::find_address(line);
      c.evidence.emplace_back(raw);
    } else if (text::istarts_with(line, "reported error:")) {
      c.diagnostic = std::string(text::trim(line.substr(15)));
      vendor::add_evidence_front(context, c, raw);
    } else if (text::istarts_with(line, "remote server:")) {
      c.rhost = std::string(text::trim(line.substr(14)));
    } else if (text::istarts_with(line, "dsn generated by:")) {
      c.lhost = std::string(text::trim(line.substr(17)));
    }
  }
  if (!c.recipient.empty()) found.push_back(std::move(c));
}

}  // namespace

bool extract_exchange2007(const Context& context, std::vector<Candidate>& out) {
  bool o365 = vendor::body_has(context, "reported error:") && vendor::body_has(context, "recipient address:");
  // Headings first in the lower-cased text (one search each), lines only for an Exchange NDR.
  auto has_any = [&](const auto& headings) {
    return std::any_of(std::begin(headings), std::end(headings), [&](std::string_view h) { return vendor::body_has(context, h); });
  };
  if ((!o365 && !has_any(kAdminHeadings) && !has_any(kPeopleHeadings)) || vendor::dsn_is_complete(context)) return false;
  const vendor::Lines& lines = vendor::body_lines(context);
  std::size_t admin = admin_section(lines);
  std::size_t people = people_section(lines);
  if (admin == lines.size() && people == lines.size() && !o365) return false;
  std::vector<Candidate> found;
  if (admin < lines.size()) read_admin_section(context, lines, admin, found);
  if (found.empty() && o365) read_error_details(context, lines, found);
  if (found.empty() && people < lines.size()) read_people_section(context, lines, people, found);
  // The action comes from the DSN when there is one (finish()); pasted, the heading tells.
  bool delayed = vendor::body_has(context, "delivery is delayed to these recipients");
  std::size_t first = out.size();
  if (!vendor::finish_all(context, found, out)) return false;
  for (std::size_t i = first; i < out.size(); ++i)
    if (out[i].action.empty()) out[i].action = delayed ? "delayed" : "failed";
  return true;
}

}  // namespace bx::formats
