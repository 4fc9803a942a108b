#include "render.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "bx/explain.hpp"
#include "render_route.hpp"

namespace bx::cli {
namespace {

/// Who must act, as one list in a sentence, the way the page writes it: the labels of
/// kb/words.json (the record carries them), the first as written, the others lower-cased at
/// their first letter ("You (the sender), the recipient's mail administrator").
std::string who_acts_words(const Explanation& e) {
  std::string who;
  for (std::string label : e.who_acts_labels) {
    if (!who.empty() && !label.empty() && label[0] >= 'A' && label[0] <= 'Z') label[0] = static_cast<char>(label[0] - 'A' + 'a');
    who += (who.empty() ? "" : ", ") + label;
  }
  return who;
}

/// Length of a valid UTF-8 sequence at s[i], 0 when it is not one.
std::size_t utf8_length(const std::string& s, std::size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k)
    if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return 0;
  auto b1 = len > 1 ? static_cast<unsigned char>(s[i + 1]) : 0;
  if (len == 2 && b < 0xC2) return 0;
  if (len == 3 && ((b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 >= 0xA0))) return 0;
  if (len == 4 && (b > 0xF4 || (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 >= 0x90))) return 0;
  return len;
}

/// The code point of the valid UTF-8 sequence of `len` bytes at s[i].
char32_t code_point(const std::string& s, std::size_t i, std::size_t len) {
  static const unsigned char kLeadMask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
  char32_t cp = static_cast<unsigned char>(s[i]) & kLeadMask[len];
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return cp;
}

/// Characters that act on a terminal or on how the line reads without being seen: C1 controls
/// (U+009B is an 8-bit CSI), bidirectional overrides and isolates (which can make a name read
/// backwards), and the Unicode line and paragraph separators.
bool invisible_control(char32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x2028 && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

void append_hex_byte(std::string& out, unsigned char b) {
  static const char kHex[] = "0123456789abcdef";
  out += "\\x";
  out += kHex[b >> 4];
  out += kHex[b & 0xF];
}

void text_line(std::string& out, const std::string& a, const std::string& b = {}, const std::string& c = {},
               const std::string& d = {}) {
  out += "  ";
  out += for_terminal(a);
  out += for_terminal(b);
  out += for_terminal(c);
  out += for_terminal(d);
  out += '\n';
}

void render_text(const Report& report, const std::string& file, std::string& out) {
  out += "== " + file + ": " + for_terminal(report.message) + "\n";
  // Limits hit, damage passed over, and what the input was read as (an Outlook .msg file).
  for (const std::string& warning : report.warnings) text_line(out, "Note: ", warning);
  for (const Record& r : report.records) {
    const Explanation& e = r.explanation;
    const char* kind = r.action == "delayed" ? "delayed, not a failure yet" : r.hard_bounce ? "hard bounce" : "soft bounce";
    out += "\n" + for_terminal(r.recipient.empty() ? std::string("(recipient unknown)") : r.recipient) + " — " +
           for_terminal(r.reason) + " (" + kind + ")\n";
    text_line(out, e.headline);
    if (!r.confidence_tier_label.empty()) text_line(out, "How sure: ", r.confidence_tier_label, " — ", r.confidence_basis);
    if (!r.status.empty() || !r.reply_code.empty())
      text_line(out, "Codes: " + r.reply_code + " " + r.status, e.status_title.empty() ? "" : " — ", e.status_title,
                e.status_registry_title.empty() ? "" : " (registry: " + e.status_registry_title + ")");
    if (!r.diagnostic_code.empty()) text_line(out, "Server said: ", r.diagnostic_code);
    if (!e.summary.empty()) text_line(out, "What happened: ", e.summary);
    if (!e.who_acts_labels.empty()) text_line(out, "Who must act: ", who_acts_words(e));
    for (std::size_t i = 0; i < e.fix_steps.size(); ++i) text_line(out, std::to_string(i + 1) + ". ", e.fix_steps[i]);
    // As the page shows it: when to send again, where documented, then the advice.
    if (!e.retry.empty()) text_line(out, "Retry: ", e.retry_when_label.empty() ? "" : e.retry_when_label + ". ", e.retry);
    if (!e.typo_suggestion.empty()) text_line(out, "Did you mean @", e.typo_suggestion, "?");
    if (!e.provider_name.empty()) text_line(out, "Provider: ", e.provider_name, " (" + e.provider_url + ")");
    if (!e.blocklist_name.empty()) text_line(out, "Blocklist: ", e.blocklist_name, " — delist: ", e.blocklist_delist_url);
    if (!e.sender_provider_name.empty()) text_line(out, "Sent through: ", e.sender_provider_name);
    for (const Evidence& ev : r.evidence)
      if (ev.line) text_line(out, "Evidence (line " + std::to_string(ev.line) + "): ", ev.text);
  }
  const Authentication& auth = report.authentication;
  if (!auth.source.empty()) {
    auto shown = [](const std::string& v) { return v.empty() ? std::string("not checked") : v; };
    out += "\nAuthentication of the original message: SPF " + shown(auth.spf) + ", DKIM " + shown(auth.dkim) +
           ", DMARC " + shown(auth.dmarc) + "\n";
    text_line(out, "From: ", auth.source);
  }
  render_route_text(report.route, out);
  out += '\n';
}

/// "name   count   share" rows, the largest first; at most `limit` rows.
void table(std::string& out, const char* title, const std::map<std::string, std::size_t>& counts, std::size_t total,
           std::size_t limit) {
  std::vector<std::pair<std::string, std::size_t>> rows(counts.begin(), counts.end());
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  out += "\n";
  out += title;
  if (rows.size() > limit) out += " (the first " + std::to_string(limit) + " of " + std::to_string(rows.size()) + ")";
  out += ":\n";
  const std::size_t width = 32;  // one column for every table
  char line[128];
  for (std::size_t i = 0; i < rows.size() && i < limit; ++i) {
    double share = total ? 100.0 * static_cast<double>(rows[i].second) / static_cast<double>(total) : 0.0;
    std::snprintf(line, sizeof line, " %8zu  %5.1f %%\n", rows[i].second, share);
    std::string name = rows[i].first;
    if (name.size() < width) name.append(width - name.size(), ' ');
    out += "  " + name + line;
  }
}

}  // namespace

std::string for_terminal(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0x20 && b < 0x7F) {
      out += static_cast<char>(b);
      ++i;
      continue;
    }
    if (b == '\n' || b == '\t' || b == '\r') {
      out += b == '\n' ? "\\n" : b == '\t' ? "\\t" : "\\r";
      ++i;
      continue;
    }
    const std::size_t len = b < 0x80 ? 0 : utf8_length(s, i);  // ESC and the other C0 controls, DEL: 0
    if (len == 0) {
      append_hex_byte(out, b);
      ++i;
      continue;
    }
    const char32_t cp = code_point(s, i, len);
    if (invisible_control(cp)) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\u{%04x}", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(s, i, len);
    }
    i += len;
  }
  return out;
}

std::string terminal_name(const Outcome& o) { return for_terminal(display_name(o)); }

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = utf8_length(s, i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    if (len > 1) {
      out.append(s, i, len);
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
    i += len;
  }
  out += '"';
  return out;
}

void render_report(const Report& report, Format format, bool tally, Outcome& out) {
  out.status = static_cast<int>(report.status);
  switch (format) {
    case Format::JsonLines:
      for (const Record& r : report.records) {
        out.out += record_to_json_line(r, out.label, out.mbox_message);
        out.out += '\n';
      }
      break;
    case Format::Json:
      out.out = to_json(report, -1, out.label, out.mbox_message);
      break;
    case Format::Text:
      render_text(report, terminal_name(out), out.out);
      break;
    case Format::Csv:
      out.out = to_csv_rows(report, out.label, out.mbox_message);
      break;
    case Format::None:
      break;
  }
  if (!tally) return;
  for (const Record& r : report.records)
    out.tallies.push_back({r.reason, r.explanation.category, r.explanation.provider_name, r.destination, r.hard_bounce});
}

void render_error(Format format, Outcome& out) {
  out.status = -1;
  std::string head = "{\"file\":" + json_string(out.label);
  if (std::string bytes = file_bytes(out.label); !bytes.empty()) head += ",\"file_bytes\":" + json_string(bytes);
  if (out.mbox_message) head += ",\"mbox_message\":" + std::to_string(out.mbox_message);
  switch (format) {
    case Format::JsonLines:
      out.out = head + ",\"error\":" + json_string(out.error) + "}\n";
      break;
    case Format::Json:
      out.out = head + ",\"error\":" + json_string(out.error) + "}";
      break;
    case Format::Text:
      out.out = "== " + terminal_name(out) + ": error: " + for_terminal(out.error) + "\n\n";
      break;
    case Format::Csv:  // the CSV has no place for it: stderr says it
    case Format::None:
      break;
  }
}

std::string display_name(const Outcome& o) {
  return o.mbox_message ? o.label + ":" + std::to_string(o.mbox_message) : o.label;
}

void Summary::add(const Outcome& o) {
  ++messages_;
  bytes_ += o.size;
  if (!o.error.empty()) ++errors_;
  else ++by_status_[o.status];
  for (const Tally& t : o.tallies) {
    ++records_;
    if (t.hard) ++hard_;
    ++by_reason_[t.reason.empty() ? "(none)" : t.reason];
    ++by_category_[t.category.empty() ? "(none)" : t.category];
    ++by_provider_[t.provider.empty() ? "(not identified)" : t.provider];
    ++by_domain_[t.domain.empty() ? "(unknown)" : t.domain];
  }
}

std::string Summary::text() const {
  auto count = [this](ReportStatus s) {
    auto it = by_status_.find(static_cast<int>(s));
    return it == by_status_.end() ? std::size_t{0} : it->second;
  };
  char buf[512];
  std::string out;
  std::snprintf(buf, sizeof buf,
                "Messages: %zu (%.1f MB): %zu with bounce records, %zu not failures (delays, automatic replies, "
                "feedback, challenges, delivery reports), %zu not bounces, %zu empty or unusable, %zu could not be read\n",
                messages_, static_cast<double>(bytes_) / (1024.0 * 1024.0), count(ReportStatus::Bounce),
                count(ReportStatus::Delayed) + count(ReportStatus::AutoReply) + count(ReportStatus::Feedback) +
                    count(ReportStatus::Challenge) + count(ReportStatus::Delivered),
                count(ReportStatus::NotABounce), count(ReportStatus::Empty) + count(ReportStatus::Unusable) + count(ReportStatus::TooLarge),
                errors_);
  out += buf;
  double hard_share = records_ ? 100.0 * static_cast<double>(hard_) / static_cast<double>(records_) : 0.0;
  std::snprintf(buf, sizeof buf, "Recipients: %zu (hard bounces: %zu, %.1f %%; soft or other: %zu)\n", records_, hard_,
                hard_share, records_ - hard_);
  out += buf;
  if (records_ == 0) return out;
  table(out, "By reason", by_reason_, records_, 100);
  table(out, "By category", by_category_, records_, 100);
  table(out, "By provider", by_provider_, records_, 30);
  table(out, "By recipient domain", by_domain_, records_, 30);
  return out;
}

}  // namespace bx::cli
