// RFC 3464 delivery status notifications: one record per recipient group of the
// message/delivery-status part. Most modern MTAs (Postfix, Exim 4.x, Microsoft 365, Gmail, ...)
// send one; vendor decoders that run before this one only refine what it reads.
#include <map>
#include <unordered_map>

#include "classify/classifier.hpp"
#include "dsn/codes.hpp"
#include "formats/format.hpp"
#include "formats/scan.hpp"
#include "formats/vendor_util.hpp"
#include "text/text.hpp"

namespace bx::formats {
namespace {

/// "smtp; 550 5.1.1 ..." → type "SMTP", text "550 5.1.1 ...".
void split_typed(std::string_view value, std::string& type, std::string& rest) {
  std::size_t semi = value.find(';');
  if (semi != std::string_view::npos && semi < 20 && value.substr(0, semi).find(' ') == std::string_view::npos) {
    type = text::to_lower(text::trim(value.substr(0, semi)));
    for (char& c : type) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    rest = text::squeeze_spaces(value.substr(semi + 1));
  } else {
    rest = text::squeeze_spaces(value);
  }
}

std::string typed_value(std::string_view value) {
  std::string type, rest;
  split_typed(value, type, rest);
  return rest;
}

/// Whether a line is a header-like field ("To: bob@...", "Final-Recipient: ..."), not prose.
bool is_field_line(std::string_view line) {
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 40) return false;
  for (char ch : line.substr(0, colon))
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '-')) return false;
  return true;
}

/// The human-readable text, read once for all recipients (a DSN may list thousands): where SMTP
/// replies start, and the first prose line naming each address.
struct TextIndex {
  const std::vector<std::string_view>& lines;
  std::vector<std::size_t> reply_from;          ///< per line: find_error_reply(), npos if none
  /// lower-case address → the prose lines naming it, in order (at most kMentions)
  std::map<std::string, std::vector<std::size_t>> mention;
  static constexpr std::size_t kMentions = 8;
  std::size_t first_reply = std::string_view::npos;

  explicit TextIndex(const std::vector<std::string_view>& body_lines) : lines(body_lines) {
    reply_from.reserve(lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      reply_from.push_back(find_error_reply(lines[i]));
      if (reply_from[i] != std::string_view::npos && first_reply == std::string_view::npos) first_reply = i;
      if (is_field_line(text::trim(lines[i]))) continue;
      for (std::size_t pos = 0; (pos = dsn::find_address_pos(lines[i], pos)) != std::string_view::npos;) {
        std::string address = dsn::find_address(lines[i].substr(pos));
        std::vector<std::size_t>& at = mention[text::to_lower(address)];
        if (at.size() < kMentions && (at.empty() || at.back() != i)) at.push_back(i);
        pos += address.empty() ? 1 : address.size();
      }
    }
  }

  const std::vector<std::size_t>& lines_naming(std::string_view recipient) const {
    static const std::vector<std::size_t> none;
    auto it = mention.find(text::to_lower(recipient));
    return it == mention.end() ? none : it->second;
  }

  // What is read from one line is read once, whatever the number of recipients it concerns (a
  // line may name thousands, every recipient without a name shares the first reply).
  /// The reply starting on line `i` with its continuation lines joined.
  const std::string& reply_at(std::size_t i) const {
    auto it = replies_.find(i);
    if (it == replies_.end()) it = replies_.emplace(i, join_reply(lines, i, nullptr, reply_from[i])).first;
    return it->second;
  }
  /// Whether line `i` says a reason in words.
  bool has_reason_words(std::size_t i) const {
    auto it = reason_words_.find(i);
    if (it == reason_words_.end()) it = reason_words_.emplace(i, classify::longest_reason_phrase(lines[i]) > 0).first;
    return it->second;
  }
  /// Line `i`, its white space squeezed.
  const std::string& squeezed(std::size_t i) const {
    auto it = squeezed_.find(i);
    if (it == squeezed_.end()) it = squeezed_.emplace(i, text::squeeze_spaces(lines[i])).first;
    return it->second;
  }
  /// The SMTP command named around line `i`.
  const std::string& command_at(std::size_t i) const {
    auto it = commands_.find(i);
    if (it == commands_.end()) it = commands_.emplace(i, smtp_command_at(lines, i)).first;
    return it->second;
  }

 private:
  mutable std::unordered_map<std::size_t, std::string> replies_, squeezed_, commands_;
  mutable std::unordered_map<std::size_t, bool> reason_words_;
};

/// What the text says of one recipient: the server's words and the line they stand on.
struct FromText {
  const std::string* diagnostic = nullptr;  ///< (owned by the TextIndex) nullptr: nothing found
  std::string_view line;
};

/// When the DSN has no Diagnostic-Code, the human-readable part often quotes the server
/// ("<bob@...>: host x said: 550 ..."), or at least says in words what happened to the
/// recipient ("Your message wasn't delivered to bob@... because the address couldn't be found").
FromText diagnostic_from_text(const TextIndex& t, std::string_view recipient) {
  std::vector<std::size_t> named = t.lines_naming(recipient);
  if (recipient.empty() && t.first_reply != std::string_view::npos) named.push_back(t.first_reply);
  // A reply on a line naming the recipient or within the three lines after one.
  for (std::size_t at : named) {
    for (std::size_t i = at; i < t.lines.size() && i <= at + 3; ++i) {
      if (t.reply_from[i] == std::string_view::npos) continue;
      return {&t.reply_at(i), t.lines[i]};
    }
  }
  // Else the first line naming the recipient in a reason's words, not a bare address list.
  for (std::size_t at : named) {
    if (!t.has_reason_words(at)) continue;
    return {&t.squeezed(at), t.lines[at]};
  }
  return {};
}

/// "Status: 4.0.0 (cat.example.net: host name lookup failure)": the comment says why.
std::string status_comment(std::string_view status) {
  return text::squeeze_spaces(vendor::enclosed(status, '(', ')'));
}

/// A Diagnostic-Code that says nothing about the cause ("554 5.0.0 Service unavailable", the
/// reporting MTA's own summary after the remote server's real reply).
bool is_generic_smtp(const Candidate& c) {
  if (!c.diagnostic_type.empty() && c.diagnostic_type != "SMTP") return false;
  std::string status = dsn::find_status_code(c.diagnostic);
  bool generic_code = status.empty() || status.substr(1) == ".0.0";
  return generic_code && classify::longest_reason_phrase(c.diagnostic) == 0;
}

/// The server's words for this recipient: the Diagnostic-Code; else, or when it is generic and
/// the text part quotes a telling reply, the text part; else the Status comment.
void fill_diagnostic(const Context& context, Candidate& c, const mime::Headers& group, const TextIndex& t) {
  if (!c.diagnostic.empty() && !is_generic_smtp(c)) return;
  FromText quoted = diagnostic_from_text(t, c.recipient);
  bool better = quoted.diagnostic && (c.diagnostic.empty() ? !quoted.diagnostic->empty()
                                                           : classify::longest_reason_phrase(*quoted.diagnostic) > 0);
  if (better) {
    // Text the recipients may share: copied up to the caps only.
    c.diagnostic.assign(*quoted.diagnostic, 0, context.limits.max_diagnostic_bytes + 4);
    if (text::cut_utf8(c.diagnostic, context.limits.max_diagnostic_bytes)) c.cut |= Candidate::kDiagnosticCut;
    if (!quoted.line.empty()) c.evidence.push_back(vendor::bounded_field(context, quoted.line, c.cut));
  }
  if (c.diagnostic.empty()) c.diagnostic = status_comment(group.get("status"));
}

/// PowerMTA's own verdict on a failure ("X-PowerMTA-BounceCategory: bad-mailbox"): the
/// receiver refused the mailbox. Its code then tells a disabled mailbox (X.2.1, "mailbox
/// disabled") from one that does not exist (a generic or address code); others decide alone.
void apply_powermta_category(const mime::Headers& group, Candidate& c) {
  if (!text::iequals(text::trim(group.get("x-powermta-bouncecategory")), "bad-mailbox")) return;
  std::string_view detail = c.status.size() >= 5 ? std::string_view(c.status).substr(1) : "";
  if (detail == ".2.1") c.reason = "suspend";
  else if (detail.empty() || detail == ".0.0" || detail.substr(0, 3) == ".1.") c.reason = "userunknown";
}

/// MessageLabs (Symantec Email Security.cloud) checks each recipient with the destination before
/// it takes the message: a reply it reports naming the recipient refused that RCPT TO.
void apply_messagelabs_relay(Candidate& c) {
  bool messagelabs = text::icontains(c.lhost, ".messagelabs.com");
  if (messagelabs && c.smtp_command.empty() && !c.recipient.empty() && text::icontains(c.diagnostic, text::to_lower(c.recipient)))
    c.smtp_command = "RCPT";
}

}  // namespace

bool extract_rfc3464(const Context& context, std::vector<Candidate>& out) {
  // A DSN whose MIME structure is broken (a wrong boundary) still has its fields in the text.
  dsn::DeliveryStatus from_text;
  if (context.dsn.empty()) from_text = dsn::find_delivery_status(context.message.body_text);
  const dsn::DeliveryStatus& ds = context.dsn.empty() ? from_text : context.dsn;
  if (ds.empty()) return false;
  const mime::Headers& per_message = ds.per_message;
  TextIndex text_index(context.body_lines());
  const std::size_t before = out.size();
  // The per-message fields every record repeats: read once, and only up to the field cap.
  unsigned cut = 0;
  const std::string reporting_mta = vendor::bounded_field(context, typed_value(per_message.get("reporting-mta")), cut);
  const std::string arrival_date = vendor::bounded_field(context, text::squeeze_spaces(per_message.get("arrival-date")), cut);
  for (const mime::Headers& group : ds.recipients) {
    if (out.size() - before > context.limits.max_records) break;  // one more than kept: "some were dropped"
    Candidate c;
    c.cut = cut;
    std::string_view final_rcpt = group.get("final-recipient");
    c.recipient = dsn::clean_address(final_rcpt.empty() ? group.get("original-recipient") : final_rcpt);
    c.action = text::to_lower(text::trim(group.get("action")));
    if (std::size_t sp = c.action.find(' '); sp != std::string::npos) c.action.resize(sp);
    c.status = dsn::find_status_code(group.get("status"));
    std::string_view diag = group.get("diagnostic-code");
    split_typed(diag, c.diagnostic_type, c.diagnostic);
    c.rhost = typed_value(group.get("remote-mta"));
    c.lhost = reporting_mta;
    std::string_view date = group.get("last-attempt-date");
    c.timestamp = date.empty() ? arrival_date : text::squeeze_spaces(date);
    if (!diag.empty()) c.evidence.push_back("Diagnostic-Code: " + std::string(text::trim(diag)));
    fill_diagnostic(context, c, group, text_index);
    if (!group.get("status").empty()) c.evidence.push_back("Status: " + std::string(text::trim(group.get("status"))));
    c.smtp_command = find_smtp_command(c.diagnostic);
    for (std::size_t at : text_index.lines_naming(c.recipient))
      if (c.smtp_command.empty()) c.smtp_command = text_index.command_at(at);
    complete_codes(c);
    apply_powermta_category(group, c);
    apply_messagelabs_relay(c);
    out.push_back(std::move(c));
  }
  return out.size() > before;
}

}  // namespace bx::formats
