// Mail server log lines, pasted as they are (never a whole message): each says what became of
// one recipient, and the last line about a recipient is its final state.
//   Postfix:  "postfix/smtp[7781]: 2E8F9: to=<bob@example.com>, relay=..., dsn=5.1.1,
//              status=bounced (host mx[192.0.2.1] said: 550 5.1.1 ... (in reply to RCPT TO command))"
//             (status=sent / deferred / bounced / expired; postconf(5), "Postfix logging")
//   Sendmail: "sm-mta[7001]: 45K8A9: to=<bob@example.com>, ..., dsn=5.1.1, stat=User unknown"
//   Exim:     "** bob@example.com R=dnslookup T=remote_smtp H=mx [192.0.2.1]: SMTP error ..."
//             ("**" failed, "==" deferred, "=>" / "->" delivered; Exim spec, "Log files")
//   qmail:    "starting delivery 12: msg 4711 to remote bob@example.com" and then
//             "delivery 12: failure: Sorry,_no_mailbox_here_by_that_name._(#5.1.1)/" (qmail-log(5))
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "dsn/codes.hpp"
#include "formats/format.hpp"
#include "formats/scan.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

/// The value of `key` ("dsn=", "relay=") up to the next comma or space.
std::string field(std::string_view line, std::string_view key) {
  std::size_t at = line.find(key);
  if (at == std::string_view::npos || (at > 0 && line[at - 1] != ' ')) return {};
  std::string_view value = line.substr(at + key.size());
  return std::string(value.substr(0, value.find_first_of(", ")));
}

/// "mx.example.com[192.0.2.1]:25" → "mx.example.com".
std::string host_of(std::string_view relay) { return std::string(relay.substr(0, relay.find_first_of("[:"))); }

/// The records found so far, one per recipient (lower case), in the order first met.
class Recipients {
 public:
  Candidate& of(const std::string& address) {
    auto [it, added] = index_.emplace(text::to_lower(address), found_.size());
    if (added) found_.emplace_back().recipient = address;
    return found_[it->second];
  }
  std::vector<Candidate>& all() { return found_; }

 private:
  std::map<std::string, std::size_t> index_;
  std::vector<Candidate> found_;
};

/// The state a line gives a recipient. Where the log quotes the remote server ("host mx said:
/// 550 ..."), the server's own reply is the diagnostic.
void record_state(Candidate& c, std::string_view line, std::string action, std::string_view diagnostic) {
  std::size_t reply = find_error_reply(diagnostic);
  if (reply != std::string_view::npos) diagnostic.remove_prefix(reply);
  c.action = std::move(action);
  c.diagnostic = text::squeeze_spaces(diagnostic);
  c.reply_code.clear();
  c.evidence.assign(1, std::string(line));
}

/// Postfix's queue ids and the recipients logged under each, so that qmgr's "status=expired"
/// line, which names only the sender, reaches the recipients still being retried.
using QueueRecipients = std::map<std::string, std::set<std::string>>;

/// The queue id before `at` ("postfix/smtp[5512]: 61C4A1E3F0: to=<..." → "61C4A1E3F0").
std::string queue_id_before(std::string_view line, std::size_t at) {
  std::string_view head = text::trim(line.substr(0, at));
  if (head.empty() || head.back() != ':') return {};
  head.remove_suffix(1);
  return std::string(head.substr(head.find_last_of(' ') + 1));
}

/// "qmgr[1190]: 61C4A1E3F0: from=<s@example.org>, status=expired, returned to sender": the queue
/// lifetime ran out, and every recipient still deferred in that queue entry failed for good.
bool postfix_expired(std::string_view line, const QueueRecipients& queues, Recipients& found) {
  std::size_t from = line.find(" from=<");
  if (from == std::string_view::npos || field(line, "status=") != "expired") return false;
  auto queue = queues.find(queue_id_before(line, from + 1));
  if (queue == queues.end()) return false;
  for (const std::string& address : queue->second) {
    Candidate& c = found.of(address);
    if (c.action != "delayed") continue;
    c.action = "failed";
    c.reason = "expired";
    c.evidence.push_back(std::string(line));
  }
  return true;
}

/// Postfix "status=" and Sendmail "stat=" lines.
bool postfix_or_sendmail(std::string_view line, QueueRecipients& queues, Recipients& found) {
  std::size_t to = line.find(" to=<");
  if (to == std::string_view::npos) return false;
  std::string address = dsn::find_address(line.substr(to + 4));
  std::string postfix = field(line, "status=");
  std::size_t stat = line.find(" stat=");
  if (address.empty() || (postfix.empty() && stat == std::string_view::npos)) return false;
  Candidate& c = found.of(address);
  if (std::string queue = queue_id_before(line, to + 1); !queue.empty()) queues[queue].insert(text::to_lower(address));
  if (!postfix.empty()) {
    std::string_view rest = line.substr(line.find("status=") + 7 + postfix.size());
    rest = text::trim(rest);
    if (rest.size() >= 2 && rest.front() == '(' && rest.back() == ')') rest = rest.substr(1, rest.size() - 2);
    std::string action = postfix == "sent" ? "delivered" : postfix == "deferred" ? "delayed" : "failed";
    record_state(c, line, action, rest);
    if (postfix == "expired") c.reason = "expired";  // Postfix gave up: the queue lifetime ran out
  } else {
    std::string_view value = text::trim(line.substr(stat + 6));
    bool sent = text::istarts_with(value, "sent"), deferred = text::istarts_with(value, "deferred");
    record_state(c, line, sent ? "delivered" : deferred ? "delayed" : "failed", value);
  }
  c.status = field(line, "dsn=");
  c.rhost = host_of(field(line, "relay="));
  return true;
}

/// Exim main log: "** addr ...: why" (failed), "== addr ...: why" (deferred), "=> addr" (delivered).
bool exim(std::string_view line, Recipients& found) {
  static const std::pair<std::string_view, const char*> kFlags[] = {
      {" ** ", "failed"}, {" == ", "delayed"}, {" => ", "delivered"}, {" -> ", "delivered"}};
  std::string padded = " " + std::string(line);
  for (const auto& [flag, action] : kFlags) {
    std::size_t at = padded.find(flag);
    if (at == std::string::npos) continue;
    std::string_view rest = std::string_view(padded).substr(at + flag.size());
    std::string address = dsn::find_address(rest.substr(0, rest.find(' ')));
    if (address.empty()) continue;
    std::size_t why = rest.find(": ");
    Candidate& c = found.of(address);
    record_state(c, line, action, why == std::string_view::npos ? std::string_view() : rest.substr(why + 2));
    c.status.clear();
    c.rhost = host_of(field(rest, "H="));
    return true;
  }
  return false;
}

/// qmail: "starting delivery N: msg M to remote ADDR", then "delivery N: failure: why/".
bool qmail(std::string_view line, std::map<std::string, std::string>& deliveries, Recipients& found) {
  std::size_t start = line.find("starting delivery ");
  if (start != std::string_view::npos) {
    std::string_view rest = line.substr(start + 18);
    std::size_t to = rest.find(" to ");
    std::string address = to == std::string_view::npos ? std::string() : dsn::find_address(rest.substr(to + 4));
    if (address.empty()) return false;
    deliveries[std::string(rest.substr(0, rest.find(':')))] = address;
    return true;
  }
  std::size_t at = line.find("delivery ");
  if (at == std::string_view::npos) return false;
  std::string_view rest = line.substr(at + 9);
  std::size_t colon = rest.find(": ");
  if (colon == std::string_view::npos || colon == 0 || !text::is_digit(rest[0])) return false;
  // Without its "starting delivery" line, the recipient of a delivery is not known.
  auto known = deliveries.find(std::string(rest.substr(0, colon)));
  const std::string recipient = known == deliveries.end() ? std::string() : known->second;
  rest = rest.substr(colon + 2);
  static const std::pair<std::string_view, const char*> kStates[] = {
      {"success: ", "delivered"}, {"failure: ", "failed"}, {"deferral: ", "delayed"}};
  for (const auto& [state, action] : kStates) {
    if (rest.substr(0, state.size()) != state) continue;
    std::string why(rest.substr(state.size()));
    for (char& ch : why)
      if (ch == '_') ch = ' ';  // qmail logs its text with spaces as underscores
    while (!why.empty() && (why.back() == '/' || why.back() == ' ')) why.pop_back();
    Candidate& c = found.of(recipient);
    record_state(c, line, action, why);
    c.status.clear();
    return true;
  }
  return false;
}

/// A queue listing, Postfix's `mailq` / `postqueue -p` or Exim's `exim -bp`: every recipient
/// still listed is waiting for another try (delayed), under the reason Postfix prints for it.
///   Postfix: "A1B2C3D4E5*  4821 Tue Mar 12 08:15:02  sender@example.org"
///            "(connect to mx.example.net[192.0.2.1]:25: Connection refused)"
///            "                                         bob@example.net"
///   Exim:    "25h  2.9K 1s2AbC-0007Xy-Qm <sender@example.org>"
///            "          D carol@example.com"   (D: already delivered)
///            "            bob@example.net"
class QueueListing {
 public:
  /// Reads one line; false when it is not part of a queue listing.
  bool read(std::string_view line, Recipients& found) {
    std::string_view trimmed = text::trim(line);
    if (trimmed.empty()) return listing_;
    if (text::istarts_with(trimmed, "-queue id-")) return listing_ = true;
    if (starts_entry(trimmed)) {
      listing_ = true;
      reason_.clear();
      return true;
    }
    if (!listing_ || line.empty() || (line[0] != ' ' && line[0] != '\t' && trimmed.front() != '(')) return false;
    if (trimmed.front() == '(' && trimmed.back() == ')') {
      reason_ = std::string(trimmed.substr(1, trimmed.size() - 2));
      return true;
    }
    if (trimmed.rfind("D ", 0) == 0) return true;  // Exim: delivered already
    std::string address = dsn::find_address(trimmed);
    if (address.empty() || address.size() + 2 < trimmed.size()) return false;
    Candidate& c = found.of(address);
    record_state(c, line, "delayed", reason_);
    if (!reason_.empty()) c.evidence.insert(c.evidence.begin(), "(" + reason_ + ")");
    return true;
  }

 private:
  /// A queue entry's first line: Postfix's hexadecimal queue id (with "*" active or "!" held)
  /// and a size, or Exim's age, size and message id (6-6-2 characters).
  static bool starts_entry(std::string_view line) {
    std::string_view first = line.substr(0, line.find(' '));
    std::string_view rest = text::trim(line.substr(first.size()));
    std::string_view second = rest.substr(0, rest.find(' '));
    if (first.empty() || second.empty()) return false;
    auto all = [](std::string_view s, auto test) { return std::all_of(s.begin(), s.end(), test); };
    std::string_view id = first;
    if (id.back() == '*' || id.back() == '!') id.remove_suffix(1);
    bool postfix = id.size() >= 8 && all(id, [](char ch) { return std::isxdigit(static_cast<unsigned char>(ch)); }) &&
                   all(second, [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); });
    std::string_view third = text::trim(rest.substr(second.size()));
    third = third.substr(0, third.find(' '));
    bool exim = third.size() == 16 && third[6] == '-' && third[13] == '-' &&
                std::isdigit(static_cast<unsigned char>(first.front()));
    return postfix || exim;
  }

  bool listing_ = false;
  std::string reason_;
};

}  // namespace

bool extract_mtalog(const Context& context, std::vector<Candidate>& out) {
  if (context.message.has_headers) return false;
  Recipients found;
  std::map<std::string, std::string> qmail_deliveries;
  QueueRecipients postfix_queues;
  QueueListing listing;
  for (std::string_view line : context.body_lines())
    postfix_or_sendmail(line, postfix_queues, found) || postfix_expired(line, postfix_queues, found) || exim(line, found) ||
        qmail(line, qmail_deliveries, found) || listing.read(line, found);
  for (Candidate& c : found.all()) {
    if (c.action.empty()) continue;  // a qmail delivery that was started, and nothing more
    complete_codes(c);
    c.smtp_command = find_smtp_command(c.diagnostic);
    c.pasted = true;
    out.push_back(std::move(c));
  }
  return !out.empty();
}

}  // namespace bx::formats
