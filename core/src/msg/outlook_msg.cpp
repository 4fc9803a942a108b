// Outlook .msg (MS-OXMSG) → an RFC 5322-like text the explain pipeline reads like an .eml.
//
// A .msg is a compound file (msg/cfb.hpp) whose storages are MAPI objects: the message, its
// recipients (__recip_version1.0_#NNNNNNNN), its attachments (__attach_version1.0_#NNNNNNNN, an
// embedded message inside one as __substg1.0_3701000D). Each object keeps its variable-length
// properties in streams named __substg1.0_IIIITTTT (property id, type) and its fixed-length ones
// in __properties_version1.0.
#include "bx/outlook_msg.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <tuple>
#include <memory>

#include "mime/mime.hpp"
#include "msg/cfb.hpp"
#include "msg/rtf.hpp"
#include "report/words.hpp"
#include "text/codec.hpp"
#include "text/text.hpp"

namespace bx {
namespace {

// MS-OXPROPS property ids.
enum PropertyId : std::uint16_t {
  kMessageClass = 0x001A,
  kSubject = 0x0037,
  kSentRepresentingName = 0x0042,
  kSentRepresentingEmail = 0x0065,
  kTransportHeaders = 0x007D,
  kNdrReasonCode = 0x0C04,
  kNdrDiagCode = 0x0C05,
  kRecipientType = 0x0C15,
  kSenderName = 0x0C1A,
  kSupplementaryInfo = 0x0C1B,
  kSenderEmail = 0x0C1F,
  kNdrStatusCode = 0x0C20,
  kDisplayCc = 0x0E03,
  kDisplayTo = 0x0E04,
  kClientSubmitTime = 0x0039,
  kDeliveryTime = 0x0E06,
  kBody = 0x1000,
  kReportText = 0x1001,
  kRtfCompressed = 0x1009,
  kHtml = 0x1013,
  kInternetMessageId = 0x1035,
  kDisplayName = 0x3001,
  kAddressType = 0x3002,
  kEmailAddress = 0x3003,
  kAttachData = 0x3701,
  kAttachFilename = 0x3704,
  kAttachMethod = 0x3705,
  kAttachLongFilename = 0x3707,
  kAttachMimeTag = 0x370E,
  kSmtpAddress = 0x39FE,
  kInternetCodepage = 0x3FDE,
  kMessageCodepage = 0x3FFD,
  kSenderSmtp = 0x5D01,
  kSentRepresentingSmtp = 0x5D02,
};

enum PropertyType : std::uint16_t { kUnicode = 0x001F, kString8 = 0x001E, kBinary = 0x0102, kObject = 0x000D };

constexpr std::uint32_t kAttachEmbeddedMessage = 5;  // PidTagAttachMethod afEmbeddedMessage
constexpr std::uint32_t kRecipientTo = 1, kRecipientCc = 2;

/// The variable-length properties worth reading (the rest of a file is never copied).
bool is_wanted(std::uint16_t id) {
  static constexpr std::uint16_t kWanted[] = {
      kMessageClass, kSubject, kSentRepresentingName, kSentRepresentingEmail, kTransportHeaders, kSenderName,
      kSupplementaryInfo, kSenderEmail, kDisplayCc, kDisplayTo, kBody, kReportText, kRtfCompressed, kHtml,
      kInternetMessageId, kDisplayName, kAddressType, kEmailAddress, kAttachData, kAttachFilename, kAttachLongFilename,
      kAttachMimeTag, kSmtpAddress, kSenderSmtp, kSentRepresentingSmtp};
  return std::find(std::begin(kWanted), std::end(kWanted), id) != std::end(kWanted);
}

std::string utf16le_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() / 2);
  std::uint32_t high = 0;
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    const std::uint32_t unit = static_cast<unsigned char>(bytes[i]) | static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (unit >= 0xD800 && unit < 0xDC00) {
      if (high) msg::append_utf8(out, 0xFFFD);
      high = unit;
      continue;
    }
    if (unit >= 0xDC00 && unit < 0xE000) {
      msg::append_utf8(out, high ? 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00) : 0xFFFD);
      high = 0;
      continue;
    }
    if (high) msg::append_utf8(out, 0xFFFD);
    high = 0;
    if (unit == 0) break;  // strings are stored with their terminating NUL
    msg::append_utf8(out, unit);
  }
  if (high) msg::append_utf8(out, 0xFFFD);
  return out;
}

/// A Windows code page number as a charset name for text::to_utf8.
std::string charset_of_codepage(std::uint64_t codepage) {
  switch (codepage) {
    case 0: return "windows-1252";
    case 65001: return "utf-8";
    case 20127: return "us-ascii";
    case 28591: return "iso-8859-1";
    case 28592: return "iso-8859-2";
    case 28595: return "iso-8859-5";
    case 28597: return "iso-8859-7";
    case 28605: return "iso-8859-15";
    case 932: return "shift_jis";
    case 936: return "gbk";
    case 949: return "euc-kr";
    case 950: return "big5";
    case 20866: return "koi8-r";
    case 50220: return "iso-2022-jp";
    case 51932: return "euc-jp";
    default: return "windows-" + std::to_string(codepage);
  }
}

/// One MAPI object (message, recipient or attachment) of the file: its properties.
struct MapiObject {
  std::map<std::uint16_t, std::pair<std::uint16_t, std::string>> variable;  ///< id → (type, bytes)
  std::map<std::uint16_t, std::uint64_t> fixed;                             ///< id → value
  std::uint32_t attach_data_entry = msg::kNoEntry;  ///< PidTagAttachDataBinary, read only when wanted
  std::uint32_t embedded_storage = msg::kNoEntry;   ///< PidTagAttachDataObject

  std::string text(std::uint16_t id) const {
    auto it = variable.find(id);
    if (it == variable.end()) return {};
    const auto& [type, bytes] = it->second;
    if (type == kUnicode) return utf16le_to_utf8(bytes);
    if (type == kString8) {
      std::string_view value(bytes);
      if (std::size_t nul = value.find('\0'); nul != std::string_view::npos) value = value.substr(0, nul);
      return text::to_utf8(value, charset_of_codepage(codepage()));
    }
    return {};
  }
  const std::string* binary(std::uint16_t id) const {
    auto it = variable.find(id);
    return it != variable.end() && it->second.first == kBinary ? &it->second.second : nullptr;
  }
  bool has(std::uint16_t id) const { return fixed.count(id) > 0; }
  std::uint64_t number(std::uint16_t id) const {
    auto it = fixed.find(id);
    return it == fixed.end() ? 0 : it->second;
  }
  std::uint64_t codepage() const {
    if (has(kInternetCodepage)) return number(kInternetCodepage);
    return number(kMessageCodepage);
  }
};

struct Message;

struct Attachment {
  MapiObject properties;
  std::unique_ptr<Message> embedded;
  std::string data;  ///< PidTagAttachDataBinary, when it may be text (a message, a report part)
};

struct Message {
  MapiObject properties;
  std::vector<MapiObject> recipients;
  std::vector<Attachment> attachments;
};

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// "__substg1.0_0037001F" → id 0x0037, type 0x001F; false for any other name.
bool parse_substg(std::string_view name, std::uint16_t& id, std::uint16_t& type) {
  constexpr std::string_view kPrefix = "__substg1.0_";
  if (!starts_with(name, kPrefix) || name.size() != kPrefix.size() + 8) return false;
  std::uint32_t tag = 0;
  for (char c : name.substr(kPrefix.size())) {
    const int v = hex_value(c);
    if (v < 0) return false;
    tag = tag << 4 | static_cast<std::uint32_t>(v);
  }
  id = static_cast<std::uint16_t>(tag >> 16);
  type = static_cast<std::uint16_t>(tag & 0xFFFF);
  return true;
}

std::string too_deep(std::size_t levels) {
  return report::say(kb::sentences::kWarningMsgTooDeep, std::to_string(levels));
}

/// MIME types and file names of attachments that carry a message, or the parts of a report.
enum class AttachedKind { None, Message, DeliveryStatus, Headers, Text, Signed };

class Reader {
 public:
  Reader(msg::CompoundFile& file, const Limits& limits, std::vector<std::string>& warnings)
      : file_(file), limits_(limits), warnings_(warnings) {}

  /// Reads the message in `storage` (the root, or an embedded message's storage).
  bool read_message(std::uint32_t storage, std::size_t depth, Message& out) {
    std::vector<std::uint32_t> recipients, attachments;
    if (!read_object(storage, depth == 0 ? 32 : 24, out.properties, &recipients, &attachments)) return false;
    sort_by_name(recipients);
    sort_by_name(attachments);
    if (recipients.size() > limits_.max_records) {
      recipients.resize(limits_.max_records);
      warn(report::say(kb::sentences::kWarningMsgRecipientsCut, std::to_string(limits_.max_records)));
    }
    if (attachments.size() > limits_.max_msg_attachments) {
      attachments.resize(limits_.max_msg_attachments);
      warn(report::say(kb::sentences::kWarningMsgAttachmentsCut, std::to_string(limits_.max_msg_attachments)));
    }
    for (std::uint32_t r : recipients) {
      out.recipients.emplace_back();
      if (!read_object(r, 8, out.recipients.back(), nullptr, nullptr)) return false;
    }
    for (std::uint32_t a : attachments) {
      out.attachments.emplace_back();
      if (!read_attachment(a, depth, out.attachments.back())) return false;
    }
    return true;
  }

  static AttachedKind kind_of(const MapiObject& attachment) {
    const std::string mime = text::to_lower(text::trim(attachment.text(kAttachMimeTag)));
    std::string name = text::to_lower(attachment.text(kAttachLongFilename));
    if (name.empty()) name = text::to_lower(attachment.text(kAttachFilename));
    auto ends_with = [&name](std::string_view suffix) {
      return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (mime == "message/rfc822" || mime == "message/global" || ends_with(".eml") || ends_with(".msg")) return AttachedKind::Message;
    if (mime == "message/delivery-status" || mime == "message/global-delivery-status") return AttachedKind::DeliveryStatus;
    if (mime == "text/rfc822-headers" || mime == "message/global-headers") return AttachedKind::Headers;
    if (mime == "multipart/signed") return AttachedKind::Signed;
    if (mime == "text/plain" || (mime.empty() && ends_with(".txt"))) return AttachedKind::Text;
    return AttachedKind::None;
  }

 private:
  void warn(std::string warning) {
    if (std::find(warnings_.begin(), warnings_.end(), warning) == warnings_.end()) warnings_.push_back(std::move(warning));
  }

  void sort_by_name(std::vector<std::uint32_t>& ids) const {
    std::sort(ids.begin(), ids.end(), [this](std::uint32_t a, std::uint32_t b) { return file_.entries()[a].name < file_.entries()[b].name; });
  }

  /// The properties of one object; `recipients` and `attachments` (for a message) receive the
  /// storages of its recipients and attachments.
  bool read_object(std::uint32_t storage, std::size_t header_bytes, MapiObject& out, std::vector<std::uint32_t>* recipients,
                   std::vector<std::uint32_t>* attachments) {
    for (std::uint32_t id : file_.children(storage)) {
      const msg::DirEntry& entry = file_.entries()[id];
      std::uint16_t property = 0, type = 0;
      if (entry.type == msg::DirEntry::Stream && entry.name == "__properties_version1.0") {
        if (!read_fixed(id, header_bytes, out)) return false;
      } else if (parse_substg(entry.name, property, type)) {
        if (entry.type == msg::DirEntry::Storage && property == kAttachData && type == kObject) {
          out.embedded_storage = id;
        } else if (entry.type == msg::DirEntry::Stream && property == kAttachData && type == kBinary) {
          out.attach_data_entry = id;
        } else if (entry.type == msg::DirEntry::Stream && is_wanted(property) &&
                   (type == kUnicode || type == kString8 || type == kBinary)) {
          std::string bytes;
          if (!file_.read_stream(id, bytes)) return false;
          out.variable[property] = {type, std::move(bytes)};
        }
      } else if (entry.type == msg::DirEntry::Storage && recipients && starts_with(entry.name, "__recip_version1.0_#")) {
        recipients->push_back(id);
      } else if (entry.type == msg::DirEntry::Storage && attachments && starts_with(entry.name, "__attach_version1.0_#")) {
        attachments->push_back(id);
      }
    }
    return true;
  }

  /// __properties_version1.0: a header (32 bytes for the message, 24 for an embedded one, 8
  /// for a recipient or attachment), then 16-byte entries: tag, flags, value.
  bool read_fixed(std::uint32_t id, std::size_t header_bytes, MapiObject& out) {
    std::string bytes;
    if (!file_.read_stream(id, bytes)) return false;
    auto u32 = [&bytes](std::size_t at) {
      std::uint32_t v = 0;
      for (std::size_t i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
      return v;
    };
    for (std::size_t at = header_bytes; at + 16 <= bytes.size(); at += 16) {
      const std::uint32_t tag = u32(at);
      const auto type = static_cast<std::uint16_t>(tag & 0xFFFF);
      const auto property = static_cast<std::uint16_t>(tag >> 16);
      const std::uint64_t value = u32(at + 8) | static_cast<std::uint64_t>(u32(at + 12)) << 32;
      if (type == 0x0003 || type == 0x000B) out.fixed[property] = value & 0xFFFFFFFFu;  // PtypInteger32, PtypBoolean
      else if (type == 0x0014 || type == 0x0040) out.fixed[property] = value;          // PtypInteger64, PtypTime
    }
    return true;
  }

  bool read_attachment(std::uint32_t storage, std::size_t depth, Attachment& out) {
    if (!read_object(storage, 8, out.properties, nullptr, nullptr)) return false;
    const MapiObject& p = out.properties;
    if (p.embedded_storage != msg::kNoEntry && p.number(kAttachMethod) == kAttachEmbeddedMessage) {
      if (depth + 1 >= limits_.max_msg_depth) {
        warn(too_deep(limits_.max_msg_depth));
        return true;
      }
      out.embedded = std::make_unique<Message>();
      return read_message(p.embedded_storage, depth + 1, *out.embedded);
    }
    if (p.attach_data_entry != msg::kNoEntry && kind_of(p) != AttachedKind::None)
      return file_.read_stream(p.attach_data_entry, out.data);
    return true;
  }

  msg::CompoundFile& file_;
  const Limits& limits_;
  std::vector<std::string>& warnings_;
};

// ------------------------------------------------------------------ the text ---

/// A header value on one line: line breaks and other controls become spaces.
std::string one_line(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) out.push_back(static_cast<unsigned char>(c) < 0x20 || c == 0x7F ? ' ' : c);
  return std::string(text::trim(out));
}

/// Text with LF line ends, ending with one.
std::string with_lf(std::string_view value) {
  std::string out;
  out.reserve(value.size() + 1);
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\r') {
      out.push_back('\n');
      if (i + 1 < value.size() && value[i + 1] == '\n') ++i;
    } else {
      out.push_back(value[i]);
    }
  }
  if (!out.empty() && out.back() != '\n') out.push_back('\n');
  return out;
}

/// The transport headers without the fields about their MIME body (this text has its own), up
/// to the first blank line.
std::string transport_header(std::string_view headers) {
  std::string out;
  bool keep = false;
  const std::string lines = with_lf(headers);  // kept alive: the loop reads views into it
  for (std::string_view line : text::split_lines(lines)) {
    if (text::trim(line).empty()) {
      if (!out.empty()) break;
      continue;
    }
    if (line[0] != ' ' && line[0] != '\t') {
      keep = !text::istarts_with(line, "content-") && !text::istarts_with(line, "mime-version");
      if (line.find(':') == std::string_view::npos) keep = false;  // not a field: left out
    }
    if (keep) out.append(line).push_back('\n');
  }
  return out;
}

/// "Name <address>", or whichever of the two there is.
std::string mailbox(std::string name, std::string address) {
  name = one_line(name);
  address = one_line(address);
  if (address.find('@') == std::string::npos) address.clear();  // an Exchange DN is no mail address
  if (name == address) name.clear();
  if (name.empty()) return address.empty() ? std::string() : "<" + address + ">";
  if (address.empty()) return name;
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') quoted.push_back('\\');
    quoted.push_back(c);
  }
  return quoted + "\" <" + address + ">";
}

std::string address_of(const MapiObject& recipient) {
  std::string smtp = one_line(recipient.text(kSmtpAddress));
  if (smtp.find('@') != std::string::npos) return smtp;
  std::string email = one_line(recipient.text(kEmailAddress));
  return email.find('@') != std::string::npos ? email : std::string();
}

/// A FILETIME (100 ns ticks since 1601) as an RFC 5322 date in UTC; "" when out of range.
std::string rfc5322_date(std::uint64_t filetime) {
  constexpr std::int64_t kUnixEpoch = 11644473600LL;
  const auto seconds = static_cast<std::int64_t>(filetime / 10000000ULL) - kUnixEpoch;
  if (filetime == 0 || seconds < 0 || seconds > 253402300799LL) return {};
  std::int64_t days = seconds / 86400, rest = seconds % 86400;
  const int weekday = static_cast<int>((days + 4) % 7);  // 1970-01-01 was a Thursday
  // Civil date from days since 1970 (Howard Hinnant's algorithm).
  days += 719468;
  const std::int64_t era = days / 146097, doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  const std::int64_t day = doy - (153 * mp + 2) / 5 + 1, month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = yoe + era * 400 + (month <= 2);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %d %s %lld %02d:%02d:%02d +0000", kDays[weekday], static_cast<int>(day),
                kMonths[month - 1], static_cast<long long>(year), static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                static_cast<int>(rest % 60));
  return buffer;
}

std::string report_action(std::string_view message_class);

/// Headers made from the message's properties, for a message without transport headers (one
/// written in Outlook, or a report Exchange made itself). A report's recipient table lists the
/// recipients it is about, not its own: its To and Cc come from the display lists only.
std::string header_from_properties(const Message& m) {
  const MapiObject& p = m.properties;
  std::string out;
  auto field = [&out](std::string_view name, const std::string& value) {
    if (!value.empty()) out.append(name).append(": ").append(value).push_back('\n');
  };
  std::string from = mailbox(p.text(kSenderName), !p.text(kSenderSmtp).empty() ? p.text(kSenderSmtp) : p.text(kSenderEmail));
  if (from.empty())
    from = mailbox(p.text(kSentRepresentingName),
                   !p.text(kSentRepresentingSmtp).empty() ? p.text(kSentRepresentingSmtp) : p.text(kSentRepresentingEmail));
  field("From", from);
  const bool report = !report_action(p.text(kMessageClass)).empty();
  for (auto [type, name, display] : {std::tuple{kRecipientTo, "To", kDisplayTo}, {kRecipientCc, "Cc", kDisplayCc}}) {
    std::string list;
    for (const MapiObject& r : m.recipients) {
      if (report || r.number(kRecipientType) != type) continue;
      std::string one = mailbox(r.text(kDisplayName), address_of(r));
      if (!one.empty()) list += (list.empty() ? "" : ", ") + one;
    }
    field(name, list.empty() ? one_line(p.text(display)) : list);
  }
  field("Subject", one_line(p.text(kSubject)));
  field("Date", rfc5322_date(p.has(kClientSubmitTime) ? p.number(kClientSubmitTime) : p.number(kDeliveryTime)));
  field("Message-ID", one_line(p.text(kInternetMessageId)));
  return out;
}

/// What Outlook shows as the body: the plain text, else the HTML, else the RTF (or the HTML or
/// text it encapsulates), each rendered to text.
std::string body_text(const MapiObject& p, const Limits& limits, std::vector<std::string>& warnings) {
  std::string body = p.text(kBody);
  if (!text::trim(body).empty()) return body;
  if (const std::string* html = p.binary(kHtml)) return mime::html_to_text(text::to_utf8(*html, charset_of_codepage(p.codepage())));
  if (std::string html = p.text(kHtml); !html.empty()) return mime::html_to_text(html);
  if (const std::string* compressed = p.binary(kRtfCompressed)) {
    std::string rtf;
    bool cut = false;
    if (!msg::decompress_rtf(*compressed, limits.max_input_bytes, rtf, cut)) {
      warnings.push_back(report::say(kb::sentences::kWarningMsgRtfUnknown));
      return {};
    }
    if (cut) warnings.push_back(report::say(kb::sentences::kWarningMsgRtfCut, std::to_string(limits.max_input_bytes >> 20)));
    bool is_html = false;
    std::string shown = msg::rtf_to_text(rtf, is_html);
    return is_html ? mime::html_to_text(shown) : shown;
  }
  return {};
}

/// The action of the records a report class stands for: "failed" for a non-delivery report, ...;
/// "" for a class that is no delivery report.
std::string report_action(std::string_view message_class) {
  const std::string lower = text::to_lower(message_class);
  if (!starts_with(lower, "report.")) return {};
  for (auto [suffix, action] : {std::pair{".ndr", "failed"}, {".dr", "delivered"}, {".delayed", "delayed"},
                                {".relayed", "relayed"}, {".expanded", "expanded"}}) {
    const std::string_view s(suffix);
    if (lower.size() >= s.size() && lower.compare(lower.size() - s.size(), s.size(), s) == 0) return action;
  }
  return {};
}

/// RFC 3464 recipient groups made from the recipient table of a report (its own fields: the
/// server's reply in PidTagSupplementaryInfo, Outlook's text in PidTagReportText, and the MAPI
/// codes, which are numbers of Exchange's own, as X- fields).
std::string delivery_status_of(const Message& m, const std::string& action) {
  std::string out = "X-Source: the recipient table of the Outlook .msg file\n";
  for (const MapiObject& r : m.recipients) {
    const std::string address = address_of(r);
    if (address.empty()) continue;
    out += "\nFinal-Recipient: rfc822; " + address + "\nAction: " + action + "\n";
    auto fold = [](std::string_view value) {  // a multi-line value as one folded field
      std::string folded;
      const std::string lines = with_lf(value);  // kept alive: the loop reads views into it
      for (std::string_view line : text::split_lines(lines)) {
        if (text::trim(line).empty()) continue;
        if (!folded.empty()) folded += "\n ";
        folded += text::trim(line);
      }
      return folded;
    };
    const std::string supplementary = fold(r.text(kSupplementaryInfo)), report = fold(r.text(kReportText));
    if (!supplementary.empty()) out += "Diagnostic-Code: smtp; " + supplementary + "\n";
    if (!report.empty()) out += (supplementary.empty() ? "Diagnostic-Code: smtp; " : "X-Report-Text: ") + report + "\n";
    if (std::string name = one_line(r.text(kDisplayName)); !name.empty() && name != address) out += "X-Display-Name: " + name + "\n";
    for (auto [id, field] : {std::pair{kNdrReasonCode, "X-Ndr-Reason-Code"}, {kNdrDiagCode, "X-Ndr-Diag-Code"},
                             {kNdrStatusCode, "X-Ndr-Status-Code"}})
      if (r.has(id)) out += std::string(field) + ": " + std::to_string(static_cast<std::int32_t>(r.number(id))) + "\n";
  }
  return out;
}

class Writer {
 public:
  Writer(const Limits& limits, std::vector<std::string>& warnings) : limits_(limits), warnings_(warnings) {}

  std::string message(const Message& m, std::size_t depth) {
    const MapiObject& p = m.properties;
    const std::string transport = p.text(kTransportHeaders);
    std::string header = transport.find(':') != std::string::npos ? transport_header(transport) : header_from_properties(m);
    if (header.empty()) header = header_from_properties(m);

    std::vector<std::pair<std::string, std::string>> parts;  // (part header, content)
    parts.push_back({"Content-Type: text/plain; charset=utf-8\n", with_lf(body_text(p, limits_, warnings_))});
    bool has_delivery_status = false;
    for (const Attachment& a : m.attachments) {
      if (a.embedded) {
        parts.push_back({"Content-Type: message/rfc822\n", message(*a.embedded, depth + 1)});
        continue;
      }
      if (a.data.empty()) continue;
      const AttachedKind kind = Reader::kind_of(a.properties);
      if (kind == AttachedKind::Message && is_compound_file(a.data)) {
        parts.push_back({"Content-Type: message/rfc822\n", attached_msg(a.data, depth)});
        continue;
      }
      if (!text::looks_like_text(a.data)) continue;
      const std::string content = with_lf(text::to_utf8(a.data, "utf-8"));
      switch (kind) {
        case AttachedKind::Message: parts.push_back({"Content-Type: message/rfc822\n", content}); break;
        case AttachedKind::DeliveryStatus:
          has_delivery_status = true;
          parts.push_back({"Content-Type: message/delivery-status\n", content});
          break;
        case AttachedKind::Headers: parts.push_back({"Content-Type: text/rfc822-headers\n", content}); break;
        case AttachedKind::Text: parts.push_back({"Content-Type: text/plain; charset=utf-8\n", content}); break;
        case AttachedKind::Signed: parts.push_back({"", content}); break;  // a MIME entity with its own header
        case AttachedKind::None: break;
      }
    }
    const std::string action = report_action(p.text(kMessageClass));
    const bool report = !action.empty() && !m.recipients.empty() && !has_delivery_status;
    if (report) parts.insert(parts.begin() + 1, {"Content-Type: message/delivery-status\n", delivery_status_of(m, action)});

    const std::string boundary = boundary_for(parts, depth);
    std::string out = header;
    out += "MIME-Version: 1.0\n";
    out += report ? "Content-Type: multipart/report; report-type=delivery-status; boundary=\"" + boundary + "\"\n"
                  : "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\n";
    for (const auto& [part_header, content] : parts) {
      out += "\n--" + boundary + "\n" + part_header;
      if (!part_header.empty()) out += "\n";
      out += content;
    }
    out += "\n--" + boundary + "--\n";
    return out;
  }

 private:
  /// A .msg attached as a file (not embedded): read as a compound file of its own.
  std::string attached_msg(std::string_view bytes, std::size_t depth) {
    if (depth + 1 >= limits_.max_msg_depth) {
      warnings_.push_back(too_deep(limits_.max_msg_depth));
      return {};
    }
    Limits inner = limits_;
    inner.max_msg_depth = limits_.max_msg_depth - depth - 1;
    OutlookMessage attached = read_outlook_msg(bytes, inner);
    for (std::string& w : attached.warnings) warnings_.push_back(std::move(w));
    if (!attached.ok) warnings_.push_back(report::say(kb::sentences::kWarningMsgAttachmentUnreadable, attached.error));
    return attached.text;
  }

  /// A boundary found in none of the parts (checked, not hoped for).
  static std::string boundary_for(const std::vector<std::pair<std::string, std::string>>& parts, std::size_t depth) {
    for (unsigned n = 0;; ++n) {
      std::string boundary = "=_outlook-msg-" + std::to_string(depth) + "-" + std::to_string(n);
      bool clash = false;
      for (const auto& part : parts) clash = clash || text::find(part.second, boundary) != std::string_view::npos;
      if (!clash) return boundary;
    }
  }

  const Limits& limits_;
  std::vector<std::string>& warnings_;
};

/// Why a message cannot be read: encrypted (S/MIME) or rights-protected; "" when it can.
/// Why an encrypted or rights-protected message cannot be read, or nullptr when it can.
const kb::Sentence<0>* protection_of(const Message& m) {
  const std::string message_class = text::to_lower(m.properties.text(kMessageClass));
  if (starts_with(message_class, "ipm.note.smime") && message_class.find("multipartsigned") == std::string::npos)
    return &kb::sentences::kStatusMsgEncrypted;
  bool rights_protected = message_class.find("rpmsg") != std::string::npos;
  for (const Attachment& a : m.attachments) {
    const std::string name = text::to_lower(a.properties.text(kAttachLongFilename) + a.properties.text(kAttachFilename));
    const std::string mime = text::to_lower(a.properties.text(kAttachMimeTag));
    rights_protected = rights_protected || name.find("message.rpmsg") != std::string::npos ||
                       mime.find("x-microsoft-rpmsg-message") != std::string::npos;
  }
  return rights_protected ? &kb::sentences::kStatusMsgRightsProtected : nullptr;
}

void set_error(OutlookMessage& result, report::Said why) {
  result.error = std::move(why.text);
  result.error_template = std::move(why.id);
  result.error_params = std::move(why.params);
}

}  // namespace

bool is_compound_file(std::string_view input) { return input.substr(0, msg::kCfbSignature.size()) == msg::kCfbSignature; }

OutlookMessage read_outlook_msg(std::string_view bytes, const Limits& limits) {
  OutlookMessage result;
  msg::CompoundFile file;
  if (!file.open(bytes)) {
    set_error(result, report::said(kb::sentences::kStatusMsgDamaged, file.error()));
    return result;
  }
  Message message;
  Reader reader(file, limits, result.warnings);
  if (!reader.read_message(0, 0, message)) {
    set_error(result, report::said(kb::sentences::kStatusMsgDamaged, file.error()));
    return result;
  }
  if (file.damaged()) result.warnings.push_back(report::say(kb::sentences::kWarningMsgDirectoryDamaged));
  if (message.properties.variable.empty() && message.properties.fixed.empty()) {
    set_error(result, report::said(kb::sentences::kStatusMsgNotAMessage));
    return result;
  }
  if (const kb::Sentence<0>* protection = protection_of(message)) {
    set_error(result, report::said(*protection));
    return result;
  }
  // Every piece is UTF-8 already; one pass makes sure of it (the page shows this text).
  result.text = text::sanitize_utf8(Writer(limits, result.warnings).message(message, 0));
  result.ok = true;
  return result;
}

Report explain_outlook_msg(std::string_view bytes, const Limits& limits, std::string* text) {
  OutlookMessage read = read_outlook_msg(bytes, limits);
  if (!read.ok) {
    Report report;
    report.status = ReportStatus::Unusable;
    report.message = read.error;
    report.message_template = read.error_template;
    report.message_params = read.error_params;
    report.warnings = std::move(read.warnings);
    if (text) text->clear();
    return report;
  }
  Report report = explain(read.text, limits);
  std::vector<std::string> warnings{report::say(kb::sentences::kWarningMsgInput)};
  for (std::string& w : read.warnings) warnings.push_back(std::move(w));
  for (std::string& w : report.warnings) warnings.push_back(std::move(w));
  report.warnings = std::move(warnings);
  if (text) *text = std::move(read.text);
  return report;
}

}  // namespace bx
