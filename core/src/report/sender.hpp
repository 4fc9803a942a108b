// Who sent the message, as far as the bounce tells: when it left through a large mailbox
// provider, a sending service or a security gateway, the person cannot change the blocked
// server's IP address, and advice meant for the IP's owner (scan your computers, delist your IP)
// is wrong for them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bx/report.hpp"
#include "kb/kb.hpp"

namespace bx::report {

/// How the sender reaches the outside world, for the advice that fits.
enum class SenderPlatform {
  None,            ///< their own server, or not known: the IP owner's advice applies
  PersonalMailbox, ///< a personal account at a mailbox provider (alice@gmail.com through Gmail)
  HostedMailbox,   ///< sent through a mailbox provider, the sender's address unknown
  Organisation,    ///< an organisation's mail hosted at a provider or behind a gateway: the admin acts
  SendingService,  ///< an e-mail sending service (ESP): its support acts
};

struct SendingSide {
  SenderPlatform platform = SenderPlatform::None;
  const kb::Provider* provider = nullptr;  ///< whose servers sent it
  std::string personal_domain;            ///< the sender's own mailbox domain (PersonalMailbox)
};

/// What the bounce says about the sending side. `bounce_from` is the bounce's own From address
/// (a provider's mailer-daemon speaks for its user), `receiving` the provider identified on the
/// receiving side (a provider does not block its own servers; its own non-delivery reports are
/// not the sender's platform).
SendingSide find_sending_side(const Record& record, std::string_view bounce_from, const kb::Provider* receiving);

/// Whether the blocklist lists domains and links found in messages (Spamhaus DBL, SURBL, URIBL),
/// not sending IP addresses.
bool is_content_blocklist(const kb::Blocklist& blocklist);

/// Whether the record is about the sending server's IP address or reputation (blocklisted,
/// blocked, bad reputation), so that who owns that server decides what can be done.
bool is_about_sending_ip(const Record& record, const kb::Blocklist* blocklist);

/// The steps for this sender when the sending server is not theirs (most useful first), and the
/// sentence the summary gets; empty for SenderPlatform::None.
std::vector<std::string> platform_steps(const SendingSide& side);
std::string platform_summary(const SendingSide& side);
std::string platform_retry(const SendingSide& side);
std::vector<std::string> platform_who_acts(const SendingSide& side);

}  // namespace bx::report
