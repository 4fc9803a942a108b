#include "report/sender.hpp"

#include <algorithm>

#include "report/words.hpp"
#include "text/text.hpp"

namespace bx::report {
namespace {

namespace sentences = kb::sentences;

/// E-mail sending services (ESPs) in the KB: their customers send from the service's shared
/// IP addresses and reach its support, not a mail admin of their own. (The KB has no field for
/// the kind of a provider; a provider with mailbox domains is a mailbox provider, one without is
/// a sending service when named here and a security gateway otherwise.)
constexpr std::string_view kSendingServices[] = {"amazonses", "sendgrid", "mailgun", "postmark"};

/// Blocklists of domains and links in the message body, not of sending IP addresses: the sender
/// can act on them whoever owns the server.
constexpr std::string_view kContentBlocklists[] = {"spamhaus-dbl", "spamhaus-zrd", "surbl", "uribl"};

bool is_sending_service(const kb::Provider& p) {
  return std::find(std::begin(kSendingServices), std::end(kSendingServices), p.id) != std::end(kSendingServices);
}

bool host_is_under(std::string_view host, std::string_view domain) {
  if (host.size() < domain.size() || host.compare(host.size() - domain.size(), domain.size(), domain) != 0) return false;
  return host.size() == domain.size() || host[host.size() - domain.size() - 1] == '.';
}

std::string domain_part(std::string_view address) {
  std::size_t at = address.rfind('@');
  std::string_view d = at == std::string_view::npos ? address : address.substr(at + 1);
  while (!d.empty() && (d.back() == '>' || d.back() == ' ')) d.remove_suffix(1);
  return text::to_lower(d);
}

/// The provider whose servers or mail domains `host` is under, or null.
const kb::Provider* provider_of_host(std::string_view host) {
  if (host.empty()) return nullptr;
  for (const kb::Provider& p : kb::knowledge().providers) {
    for (std::string_view h : p.hosts)
      if (host_is_under(host, h)) return &p;
    for (std::string_view d : p.domains)
      if (host_is_under(host, d)) return &p;
  }
  return nullptr;
}

/// The provider hosting `domain` as a mailbox domain (gmail.com), or null.
const kb::Provider* mailbox_provider_of(std::string_view domain) {
  if (domain.empty()) return nullptr;
  for (const kb::Provider& p : kb::knowledge().providers)
    if (std::find(p.domains.begin(), p.domains.end(), domain) != p.domains.end()) return &p;
  return nullptr;
}

/// The provider's name as a person says it: "Gmail" of "Gmail / Google Workspace", "Amazon SES"
/// of "Amazon SES (sending service)". A personal account is named by its own domain: one
/// provider entry covers both Microsoft 365 and Outlook.com, and a hotmail.com user is not on
/// Microsoft 365.
std::string name_of(const SendingSide& side) {
  if (!side.provider) return {};
  if (side.platform == SenderPlatform::PersonalMailbox && !side.personal_domain.empty())
    return say(sentences::kSenderPersonalProvider, side.personal_domain);
  std::string_view name = side.provider->name;
  name = name.substr(0, std::min(name.find(" / "), name.find(" (")));
  return std::string(name);
}

/// "Gmail's servers"; "your email provider's (gmail.com) servers" reads badly, so a personal
/// account's provider is named before its possessive.
std::string servers_of(const SendingSide& side) {
  if (side.platform == SenderPlatform::PersonalMailbox && !side.personal_domain.empty())
    return say(sentences::kSenderPersonalServers, side.personal_domain);
  return say(sentences::kSenderProviderServers, name_of(side));
}

}  // namespace

SendingSide find_sending_side(const Record& record, std::string_view bounce_from, const kb::Provider* receiving) {
  SendingSide side;
  // A personal address at a mailbox provider: the mail left through that provider.
  const kb::Provider* personal = mailbox_provider_of(domain_part(record.addresser));
  if (personal && personal != receiving) return {SenderPlatform::PersonalMailbox, personal, domain_part(record.addresser)};
  // The host that reported the failure of a remote server is the sender's own relay; without a
  // remote host it may be the receiving side reporting about itself, and says nothing here.
  const kb::Provider* relay = record.rhost.empty() ? nullptr : provider_of_host(text::to_lower(record.lhost));
  if (!relay || relay == receiving) relay = provider_of_host(domain_part(bounce_from));
  if (!relay || relay == receiving) return side;
  side.provider = relay;
  if (is_sending_service(*relay)) side.platform = SenderPlatform::SendingService;
  else if (relay->domains.empty() || !record.addresser.empty()) side.platform = SenderPlatform::Organisation;
  else side.platform = SenderPlatform::HostedMailbox;
  return side;
}

bool is_content_blocklist(const kb::Blocklist& blocklist) {
  return std::find(std::begin(kContentBlocklists), std::end(kContentBlocklists), blocklist.id) !=
         std::end(kContentBlocklists);
}

bool is_about_sending_ip(const Record& record, const kb::Blocklist* blocklist) {
  if (blocklist) return !is_content_blocklist(*blocklist);
  return record.reason == "blocked" || record.reason == "badreputation";
}

std::vector<std::string> platform_steps(const SendingSide& side) {
  const std::string name = name_of(side);
  const std::string later = say(sentences::kSenderStepLater, servers_of(side));
  const std::string other_way = say(sentences::kSenderStepOtherWay);
  switch (side.platform) {
    case SenderPlatform::None: return {};
    case SenderPlatform::PersonalMailbox:
    case SenderPlatform::HostedMailbox: {
      std::vector<std::string> steps = {later, say(sentences::kSenderStepReport, name), other_way};
      if (side.platform == SenderPlatform::HostedMailbox) steps.push_back(say(sentences::kSenderStepWorkAddress));
      return steps;
    }
    case SenderPlatform::Organisation: return {say(sentences::kSenderStepForwardAdmin, name), later, other_way};
    case SenderPlatform::SendingService:
      return {say(sentences::kSenderStepServiceSupport, name), say(sentences::kSenderStepCleanLists)};
  }
  return {};
}

std::string platform_summary(const SendingSide& side) {
  if (side.platform == SenderPlatform::None) return {};
  return say(sentences::kSenderSummary, servers_of(side));
}

std::string platform_retry(const SendingSide& side) {
  if (side.platform == SenderPlatform::None) return {};
  if (side.platform == SenderPlatform::SendingService) return say(sentences::kSenderRetryService, name_of(side));
  return say(sentences::kSenderRetryBlocked, servers_of(side));
}

std::vector<std::string> platform_who_acts(const SendingSide& side) {
  switch (side.platform) {
    case SenderPlatform::None: return {};
    case SenderPlatform::Organisation: return {"sender-admin", "recipient-admin"};
    case SenderPlatform::SendingService: return {"sender"};
    default: return {"sender", "recipient-admin"};
  }
}

}  // namespace bx::report
