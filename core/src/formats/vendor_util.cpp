#include "formats/vendor_util.hpp"

#include <algorithm>
#include <unordered_set>

#include "dsn/codes.hpp"
#include "formats/scan.hpp"
#include "text/text.hpp"

namespace bx::formats::vendor {

const Lines& body_lines(const Context& context) { return context.body_lines(); }

std::size_t find_line(const Lines& lines, std::string_view lower_needle, std::size_t from) {
  for (std::size_t i = from; i < lines.size(); ++i)
    if (text::icontains(lines[i], lower_needle)) return i;
  return lines.size();
}

bool body_has(const Context& context, std::string_view lower_needle) {
  return context.marker_has(lower_needle);  // asked ~35 times a message
}

Candidate failed_recipient(std::string_view line, std::string_view evidence) {
  Candidate c;
  c.recipient = dsn::find_address(line);
  c.action = "failed";
  c.evidence.emplace_back(evidence);
  return c;
}

std::string_view enclosed(std::string_view line, char open, char close) {
  std::size_t first = line.find(open);
  std::size_t last = line.rfind(close);
  if (first == std::string_view::npos || last == std::string_view::npos || last <= first) return {};
  return line.substr(first + 1, last - first - 1);
}

std::size_t indent_of(std::string_view line) {
  std::size_t n = 0;
  for (char c : line) {
    if (c == ' ') ++n;
    else if (c == '\t') n += 8;
    else break;
  }
  return n;
}

bool is_original_marker(std::string_view line) {
  return text::istarts_with(line, "content-type: message/") || text::istarts_with(line, "content-type: text/rfc822-headers");
}

void append(std::string& out, std::string_view piece) {
  piece = text::trim(piece);
  if (piece.empty()) return;
  if (!out.empty()) out += ' ';
  out += piece;
}

void append_reply_line(std::string& reply, std::string_view line) {
  line = text::trim(line);
  bool coded = line.size() > 3 && text::is_digit(line[0]) && text::is_digit(line[1]) && text::is_digit(line[2]) &&
               (line.size() == 3 || line[3] == ' ' || line[3] == '-');
  if (reply.empty()) {
    std::string first(line);
    if (coded && first.size() > 3 && first[3] == '-') first[3] = ' ';
    reply = first;
    return;
  }
  if (coded && reply.compare(0, 3, line.substr(0, 3)) == 0) {
    line = text::trim(line.substr(std::min<std::size_t>(4, line.size())));
    std::string status = reply.size() > 4 ? dsn::find_status_code(reply.substr(4, 12)) : std::string();
    if (!status.empty() && line.substr(0, status.size()) == status) line = text::trim(line.substr(status.size()));
  }
  append(reply, line);
}

namespace {

bool is_word_char(char c) { return text::is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/// First occurrence of `needle`, at `from` or after, standing as words (not inside "email from"
/// or "helot").
std::size_t find_words(std::string_view s, std::string_view needle, std::size_t from = 0) {
  for (std::size_t p = text::ifind(s, needle, from); p != std::string_view::npos; p = text::ifind(s, needle, p + 1)) {
    bool starts = p == 0 || !is_word_char(s[p - 1]) || !is_word_char(needle.front());
    std::size_t end = p + needle.size();
    bool ends = end >= s.size() || !is_word_char(s[end]) || !is_word_char(needle.back());
    if (starts && ends) return p;
  }
  return std::string_view::npos;
}

/// "MAIL FROM" / "RCPT TO" as the command ("after MAIL FROM:<a@x>", "in reply to RCPT TO
/// command"), not in prose ("only accepting mail from specific addresses"). Linear: each match
/// is looked at once.
std::size_t find_command_words(std::string_view s, std::string_view needle) {
  for (std::size_t p = find_words(s, needle); p != std::string_view::npos; p = find_words(s, needle, p + 1)) {
    std::string_view after = text::trim(s.substr(p + needle.size()));
    // qmail: "most progress was RCPT TO response".
    if (after.empty() || after[0] == ':' || after[0] == '<' || text::istarts_with(after, "command") ||
        text::istarts_with(after, "response"))
      return p;
  }
  return std::string_view::npos;
}

}  // namespace

std::string smtp_command_in(std::string_view s) {
  // Exim "after RCPT TO:", Sendmail ">>> DATA", Postfix "in reply to end of DATA command".
  // `verb`: the command's own words, which prose also uses ("accepting mail from").
  static const struct { const char* needle; const char* command; bool verb = false; } kCommands[] = {
      {"rcpt to", "RCPT", true}, {"mail from", "MAIL", true}, {"end of data", "DATA"}, {"after data", "DATA"},
      {">>> data", "DATA"}, {"data command", "DATA"}, {"rcpt command", "RCPT"}, {"mail command", "MAIL"},
      {"helo", "HELO"}, {"ehlo", "HELO"}, {"after end of", "DATA"}, {"starttls", "STARTTLS"},
      {"after initial connection", "CONN"}, {"greeting", "CONN"}};
  std::size_t best = std::string_view::npos;
  std::string found;
  for (const auto& k : kCommands) {
    std::size_t p = k.verb ? find_command_words(s, k.needle) : find_words(s, k.needle);
    if (p < best) {
      best = p;
      found = k.command;
    }
  }
  return found;
}

std::string host_in(std::string_view s) {
  std::size_t p = text::ifind(s, "host ");
  while (p != std::string_view::npos) {
    std::string_view rest = s.substr(p + 5);
    std::size_t end = rest.find_first_of(" []:,;()");
    std::string_view host = rest.substr(0, end);
    if (host.find('.') != std::string_view::npos && host.size() > 3 && host.back() != '.') return std::string(host);
    p = text::ifind(s, "host ", p + 5);
  }
  return {};
}

namespace {

/// DSN fields pasted without their part header ("Reporting-MTA: dns; ..." straight after the
/// text): from the first such field to the returned message's header.
dsn::DeliveryStatus bare_dsn(std::string_view body) {
  std::size_t start = text::ifind(body, "\nreporting-mta:");
  if (start == std::string_view::npos) start = text::ifind(body, "\nfinal-recipient:");
  if (start == std::string_view::npos) return {};
  std::size_t end = body.size();
  for (std::string_view marker : {"\nreturn-path:", "\nreceived:", "\ncontent-type:", "\n--"})
    end = std::min(end, std::min(body.size(), text::ifind(body, marker, start + 1)));
  return dsn::parse_delivery_status(body.substr(start + 1, end - start - 1));
}

}  // namespace

dsn::DeliveryStatus inline_dsn(const Context& context) {
  if (!context.dsn.empty()) return context.dsn;
  const std::string& body = context.message.body_text;
  std::size_t p = text::ifind(body, "content-type: message/delivery-status");
  if (p == std::string::npos) return bare_dsn(body);
  p = body.find('\n', p);
  if (p == std::string::npos) return {};
  // The part ends at the next MIME boundary or part marker.
  std::size_t end = body.find("\n--", p);
  std::size_t marker = text::ifind(body, "\ncontent-type:", p);
  if (marker < end) end = marker;
  std::string_view part = std::string_view(body).substr(p + 1, end == std::string::npos ? std::string::npos : end - p - 1);
  // Skip the part's own header lines (Content-Transfer-Encoding, ...) up to the first blank line.
  std::size_t blank = part.find("\n\n");
  std::size_t colon_line = part.find(':');
  if (blank != std::string_view::npos && !text::istarts_with(part, "reporting-mta") && colon_line < blank &&
      text::istarts_with(part, "content-"))
    part = part.substr(blank + 2);
  return dsn::parse_delivery_status(part);
}

bool dsn_is_complete(const Context& context) {
  if (context.dsn.empty()) return false;
  for (const mime::Headers& g : context.dsn.recipients)
    if (text::trim(g.get("diagnostic-code")).empty()) return false;
  return true;
}

DsnIndex::DsnIndex(const dsn::DeliveryStatus& delivery) {
  for (const mime::Headers& g : delivery.recipients) {
    std::string_view f = g.get("final-recipient");
    by_recipient_.emplace(text::to_lower(dsn::clean_address(f.empty() ? g.get("original-recipient") : f)), &g);
  }
  if (delivery.recipients.size() == 1) only_ = &delivery.recipients.front();
}

const mime::Headers* DsnIndex::find(std::string_view recipient) const {
  auto it = by_recipient_.find(text::to_lower(recipient));
  return it != by_recipient_.end() ? it->second : only_;
}

std::string typed(std::string_view v) {
  std::size_t semi = v.find(';');
  return text::squeeze_spaces(semi == std::string_view::npos ? v : v.substr(semi + 1));
}

namespace {

/// "<a@example.net>:" (qmail writes nothing else on the line, some clones add the reason).
bool is_angle_line(std::string_view line) {
  if (line.size() < 5 || line[0] != '<') return false;
  std::size_t close = line.find(">:");
  if (close == std::string_view::npos) return false;
  // Only the address between the brackets ("<<< 550 <a@example.net>: ..." is a reply, not this).
  std::string_view inner = text::trim(line.substr(1, close - 1));
  return text::iequals(dsn::find_address(inner), inner);
}

}  // namespace

std::vector<Candidate> read_angle_blocks(const Lines& lines, std::size_t start, bool (*is_end)(std::string_view),
                                         bool (*skip)(std::string_view)) {
  std::vector<Candidate> found;
  bool open = false;
  for (std::size_t i = start; i < lines.size(); ++i) {
    std::string_view line = text::trim(lines[i]);
    if (is_end(line)) break;
    if (is_angle_line(line)) {
      Candidate c;
      c.recipient = dsn::find_address(line);
      c.action = "failed";
      append(c.diagnostic, line.substr(line.find(">:") + 2));
      c.evidence.push_back(std::string(lines[i]));
      found.push_back(std::move(c));
      open = true;
      continue;
    }
    if (line.empty()) open = false;
    if (!open || line.empty() || skip(line)) continue;
    Candidate& c = found.back();
    if (c.smtp_command.empty()) c.smtp_command = smtp_command_in(line);
    append(c.diagnostic, line);
    c.evidence.insert(c.evidence.end() - 1, std::string(lines[i]));
  }
  return found;
}

namespace {

/// Whether `s` has an SMTP reply code "NNN" followed by `sep` at `p`, standing as a word.
bool code_at(std::string_view s, std::size_t p, char sep) {
  if (p + 4 > s.size() || (s[p] != '4' && s[p] != '5') || !text::is_digit(s[p + 1]) || !text::is_digit(s[p + 2])) return false;
  return s[p + 3] == sep && (p == 0 || s[p - 1] == ' ');
}

}  // namespace

std::string collapse_multiline_reply(const std::string& d) {
  std::size_t first = 0;
  while (first < d.size() && !code_at(d, first, '-')) ++first;
  if (first >= d.size()) return d;
  std::string code = d.substr(first, 3);
  std::string status = dsn::find_status_code(d.substr(first + 4, 12));
  if (!status.empty() && d.compare(first + 4, status.size(), status) != 0) status.clear();
  std::string out = d.substr(0, first) + code + " ";
  std::size_t i = first + 4;
  if (!status.empty()) {
    out += status;
    i += status.size();
  }
  while (i < d.size()) {
    // " 550-5.7.26 more words" / " 550 5.7.26 last words": keep the words only.
    if (d[i] == ' ' && (code_at(d, i + 1, '-') || code_at(d, i + 1, ' ')) && d.compare(i + 1, 3, code) == 0) {
      i += 5;
      if (!status.empty() && d.compare(i, status.size(), status) == 0) i += status.size();
      if (i < d.size() && d[i] != ' ') out += ' ';
      continue;
    }
    out += d[i++];
  }
  return text::squeeze_spaces(out);
}

namespace {

bool weak(std::string_view status) { return status.size() < 5 || status.substr(1, 4) == ".0.0"; }

}  // namespace

namespace {

/// The first bytes of a DSN field's value, enough for `max_bytes` of its text: a field may be
/// shared by every recipient (the only recipient group, the per-message fields), and each reads
/// only that much of it.
std::string_view head(std::string_view value, std::size_t max_bytes) { return value.substr(0, 4 * max_bytes + 4); }

}  // namespace

void finish(const Context& context, const DsnIndex& index, Candidate& c) {
  const Limits& limits = context.limits;
  c.diagnostic = collapse_multiline_reply(text::squeeze_spaces(c.diagnostic));
  complete_codes(c);
  if (const mime::Headers* g = index.find(c.recipient)) {
    std::string status = dsn::find_status_code(head(g->get("status"), limits.max_field_bytes));
    if (!status.empty() && weak(c.status)) c.status = status;
    if (c.rhost.empty()) c.rhost = bounded_field(context, typed(head(g->get("remote-mta"), limits.max_field_bytes)), c.cut);
    if (c.action.empty())
      c.action = bounded_field(context, text::to_lower(text::trim(head(g->get("action"), limits.max_field_bytes))), c.cut);
    if (c.diagnostic.empty()) {
      c.diagnostic = typed(head(g->get("diagnostic-code"), limits.max_diagnostic_bytes));
      if (text::cut_utf8(c.diagnostic, limits.max_diagnostic_bytes)) c.cut |= Candidate::kDiagnosticCut;
      complete_codes(c);
    }
  }
  if (c.lhost.empty())
    c.lhost = bounded_field(context, typed(head(context.dsn.per_message.get("reporting-mta"), limits.max_field_bytes)), c.cut);
  // The line holding the start of the server's words is the best evidence: put it first.
  std::string key = text::to_lower(c.diagnostic.substr(0, 24));
  if (key.size() >= 8)
    std::stable_partition(c.evidence.begin(), c.evidence.end(),
                          [&key](const std::string& line) { return text::icontains(text::squeeze_spaces(line), key); });
}

std::vector<std::size_t> keep_unique(const Context& context, std::vector<Candidate>& found) {
  std::vector<std::size_t> kept;
  std::unordered_set<std::string> seen;
  const std::size_t most = context.limits.max_records + 1;
  for (std::size_t i = 0; i < found.size() && kept.size() < most; ++i) {
    Candidate& c = found[i];
    if (c.recipient.empty() || !seen.insert(text::to_lower(c.recipient)).second) continue;
    if (kept.size() != i) found[kept.size()] = std::move(c);
    kept.push_back(i);
  }
  found.resize(kept.size());
  return kept;
}

bool finish_all(const Context& context, std::vector<Candidate>& found, std::vector<Candidate>& out) {
  std::size_t before = out.size();
  keep_unique(context, found);
  // A delivery-status part the MIME parser did not see (pasted text, a body without its header)
  // still has the status codes of the recipients.
  dsn::DeliveryStatus unseen = context.dsn.empty() ? inline_dsn(context) : dsn::DeliveryStatus();
  const dsn::DeliveryStatus* delivery = context.dsn.empty() ? &unseen : &context.dsn;
  Context with_unseen{context.message, *delivery, context.subject, context.from, context.limits};
  DsnIndex index(with_unseen.dsn);
  for (Candidate& c : found) {
    finish(with_unseen, index, c);
    out.push_back(std::move(c));
  }
  return out.size() > before;
}

std::string bounded_field(const Context& context, std::string_view text, unsigned& cut) {
  std::string out(text.substr(0, context.limits.max_field_bytes + 4));  // (cut_utf8 backs off at most 3)
  if (text::cut_utf8(out, context.limits.max_field_bytes)) cut |= Candidate::kFieldCut;
  return out;
}

void share(const Context& context, const SharedText& shared, Candidate& c) {
  const Limits& limits = context.limits;
  if (!shared.diagnostic.empty()) {
    c.diagnostic.assign(shared.diagnostic, 0, limits.max_diagnostic_bytes + 4);
    if (text::cut_utf8(c.diagnostic, limits.max_diagnostic_bytes)) c.cut |= Candidate::kDiagnosticCut;
  }
  if (!shared.smtp_command.empty()) c.smtp_command = shared.smtp_command;
  if (!shared.rhost.empty()) c.rhost = bounded_field(context, shared.rhost, c.cut);
  if (!shared.lhost.empty()) c.lhost = bounded_field(context, shared.lhost, c.cut);
  if (shared.evidence.empty()) return;
  // The candidate's own lines (its recipient line) stay; the shared ones fill the room left.
  const std::size_t own = c.evidence.size();
  const std::size_t room = limits.max_evidence_lines > own ? limits.max_evidence_lines - own : 0;
  const std::size_t take = std::min(room, shared.evidence.size());
  if (take < shared.evidence.size()) c.cut |= Candidate::kEvidenceCut;
  std::vector<std::string> lines;
  lines.reserve(take + own);
  for (std::size_t i = 0; i < take; ++i) lines.push_back(bounded_field(context, shared.evidence[i], c.cut));
  for (std::string& line : c.evidence) lines.push_back(std::move(line));
  c.evidence = std::move(lines);
}

bool share_and_finish(const Context& context, const SharedText& shared, std::vector<Candidate>& found,
                      std::vector<Candidate>& out) {
  keep_unique(context, found);
  for (Candidate& c : found) share(context, shared, c);
  return finish_all(context, found, out);
}

void add_evidence_front(const Context& context, Candidate& c, std::string_view line) {
  if (c.evidence.size() >= context.limits.max_evidence_lines) {
    c.cut |= Candidate::kEvidenceCut;
    return;
  }
  c.evidence.insert(c.evidence.begin(), std::string(line));
}

}  // namespace bx::formats::vendor
