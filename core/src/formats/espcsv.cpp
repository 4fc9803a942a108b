// Bounce lists exported as CSV from sending services and message traces (Microsoft 365's
// message trace: "Recipient Address","Status" ... "Failed"; SendGrid, Mailchimp, Brevo, Mailgun
// and the like: email, event or status, reason): a header row names the columns, and every row
// whose status says the message failed (or is being retried) is one recipient's record, with
// the reason column as the server's words. A row that gives no reason states no cause.
#include <algorithm>

#include "dsn/codes.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

/// A column header folded for comparison: lower case, without spaces, '_', '-' and '"'.
std::string folded_header(std::string_view cell) {
  std::string out;
  for (char c : text::to_lower(text::trim(cell)))
    if (c != ' ' && c != '_' && c != '-' && c != '"') out += c;
  return out;
}

/// The cells of one CSV line (RFC 4180 quoting: "a, b" is one cell, "" is a quote inside one).
std::vector<std::string> cells_of(std::string_view line, char separator) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      cells.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == separator && !quoted) {
      cells.emplace_back();
    } else {
      cells.back() += c;
    }
  }
  return cells;
}

/// The separator a header line uses: the most frequent of ',', ';' and a tab.
char separator_of(std::string_view header) {
  char best = ',';
  std::size_t most = 0;
  for (char c : {',', ';', '\t'}) {
    auto n = static_cast<std::size_t>(std::count(header.begin(), header.end(), c));
    if (n > most) most = n, best = c;
  }
  return best;
}

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

/// Which column holds the recipient and the reason, and which may hold the outcome (SendGrid's
/// export has "event": bounce and "status": 5.1.1; Microsoft's trace has "Status": Failed).
struct Columns {
  std::size_t recipient = kNone, reason = kNone;
  std::vector<std::size_t> outcome;
};

std::size_t column_named(const std::vector<std::string>& header, std::initializer_list<std::string_view> names) {
  for (std::string_view name : names)  // in order of preference
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return i;
  return kNone;
}

Columns columns_of(const std::vector<std::string>& cells) {
  std::vector<std::string> header;
  for (const std::string& c : cells) header.push_back(folded_header(c));
  Columns k;
  k.recipient = column_named(header, {"recipientaddress", "recipient", "recipientemail", "emailaddress", "email",
                                      "rcptto", "rcpt", "to", "address"});
  for (std::string_view name : {"status", "deliverystatus", "event", "eventtype", "bouncetype", "type", "result",
                                 "action", "category"})
    if (std::size_t i = column_named(header, {name}); i != kNone) k.outcome.push_back(i);
  k.reason = column_named(header, {"bouncereason", "reason", "diagnosticcode", "diagnostic", "smtpresponse",
                                   "response", "errormessage", "error", "bouncetext", "description", "details",
                                   "detail", "statusdetail"});
  return k;
}

enum class Outcome { Other, Failed, Delayed };

/// What a status cell says: failed ("Failed", "bounce", "hard_bounce", "dropped", "blocked"),
/// still being retried ("deferred", "Pending"), or something else (delivered, opened, ...).
Outcome outcome_of(std::string_view cell) {
  std::string s = text::to_lower(text::trim(cell));
  for (std::string_view w : {"defer", "delay", "pending", "retry"})
    if (s.find(w) != std::string::npos) return Outcome::Delayed;
  for (std::string_view w : {"fail", "bounce", "drop", "reject", "block", "undeliver", "suppress", "invalid"})
    if (s.find(w) != std::string::npos) return Outcome::Failed;
  return Outcome::Other;
}

std::string_view cell(const std::vector<std::string>& cells, std::size_t i) {
  return i < cells.size() ? std::string_view(cells[i]) : std::string_view();
}

}  // namespace

bool extract_espcsv(const Context& context, std::vector<Candidate>& out) {
  const vendor::Lines& lines = vendor::body_lines(context);
  std::size_t first = 0;
  while (first < lines.size() && text::trim(lines[first]).empty()) ++first;
  if (first >= lines.size()) return false;
  const char separator = separator_of(lines[first]);
  std::vector<std::string> header = cells_of(lines[first], separator);
  Columns k = columns_of(header);
  if (header.size() < 3 || k.recipient == kNone || k.outcome.empty()) return false;
  std::vector<Candidate> found;
  for (std::size_t i = first + 1; i < lines.size(); ++i) {
    std::vector<std::string> row = cells_of(lines[i], separator);
    Outcome outcome = Outcome::Other;
    for (std::size_t column : k.outcome)
      if (outcome == Outcome::Other) outcome = outcome_of(cell(row, column));
    std::string recipient = dsn::find_address(cell(row, k.recipient));
    if (outcome == Outcome::Other || recipient.empty()) continue;
    Candidate c;
    c.recipient = recipient;
    c.action = outcome == Outcome::Delayed ? "delayed" : "failed";
    c.diagnostic = text::squeeze_spaces(vendor::typed(cell(row, k.reason)));
    c.cause_unstated = c.diagnostic.empty();
    for (std::size_t column : k.outcome) {  // "status": "5.1.1"
      std::string_view value = text::trim(cell(row, column));
      if (c.status.empty() && dsn::is_status_code(value)) c.status = std::string(value);
    }
    c.evidence.emplace_back(lines[i]);
    found.push_back(std::move(c));
  }
  return vendor::finish_all(context, found, out);
}

}  // namespace bx::formats
