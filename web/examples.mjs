// Synthetic bounces of the main kinds, offered by the "Examples" menu. Every
// address, host and IP is a documentation value (example.com/.net/.org,
// 192.0.2.0/24): none of these messages ever existed.
import { SAMPLE_BOUNCE } from './sample.mjs';

const GMAIL_DMARC = `Return-Path: <>
Received: by mail-sor-f69.google.com with SMTP id a1
\tfor <alice@example.net>; Tue, 04 Mar 2025 02:11:42 -0800 (PST)
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: alice@example.net
Subject: Delivery Status Notification (Failure)
Date: Tue, 04 Mar 2025 02:11:42 -0800 (PST)
Message-ID: <65c5f2d1.050a0220.gmail-dsn@mx.google.com>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; boundary="000000000000gmaildmarc"; report-type=delivery-status

--000000000000gmaildmarc
Content-Type: text/plain; charset="UTF-8"

** Address not found **

Your message wasn't delivered to carol@gmail.com because Gmail could not verify that it came from example.net.

The response from the remote server was:
550 5.7.26 Unauthenticated email from example.net is not accepted due to domain's DMARC policy. Please contact the administrator of example.net domain if this was a legitimate mail. To learn about the DMARC initiative, go to https://support.google.com/mail/?p=DmarcRejection a1-20020a170902e9c100b001dc8d6a6d8asor123456plh.21 - gsmtp

--000000000000gmaildmarc
Content-Type: message/delivery-status

Reporting-MTA: dns; googlemail.com
Arrival-Date: Tue, 04 Mar 2025 02:11:41 -0800 (PST)

Final-Recipient: rfc822; carol@gmail.com
Action: failed
Status: 5.7.26
Remote-MTA: dns; gmail-smtp-in.l.google.com. (192.0.2.27, the server for the domain gmail.com.)
Diagnostic-Code: smtp; 550-5.7.26 Unauthenticated email from example.net is not accepted due
 to domain's DMARC policy. Please contact the administrator of example.net domain if this was a
 legitimate mail. To learn about the DMARC initiative, go to
 https://support.google.com/mail/?p=DmarcRejection - gsmtp
Last-Attempt-Date: Tue, 04 Mar 2025 02:11:42 -0800 (PST)

--000000000000gmaildmarc
Content-Type: message/rfc822

Authentication-Results: mx.google.com;
       spf=fail (google.com: domain of alice@example.net does not designate 192.0.2.40 as permitted sender) smtp.mailfrom=alice@example.net;
       dkim=none;
       dmarc=fail (p=REJECT sp=REJECT dis=REJECT) header.from=example.net
From: Alice <alice@example.net>
To: carol@gmail.com
Subject: Quarterly figures
Date: Tue, 04 Mar 2025 10:11:40 +0000
Message-ID: <q1-figures@example.net>

Hello Carol, the figures are attached.

--000000000000gmaildmarc--
`;

const M365_BLOCKED_IP = `From: Microsoft Outlook <postmaster@outlook.com>
To: alice@example.net
Subject: Undeliverable: Meeting next week
Date: Tue, 4 Mar 2025 09:20:11 +0000
Message-ID: <ndr-5-7-606@outlook.com>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="ndr-606"

--ndr-606
Content-Type: text/plain; charset="us-ascii"

Delivery has failed to these recipients or groups:

dave@outlook.com
Your message couldn't be delivered. The IP address of the sending server is on Microsoft's block list.

Diagnostic information for administrators:

Generating server: DM6PR00MB0000.namprd00.prod.outlook.com

dave@outlook.com
Remote server returned '550 5.7.606 Access denied, banned sending IP [192.0.2.41]. To request removal from this list please visit https://sender.office.com/ and follow the directions. For more information please go to http://go.microsoft.com/fwlink/?LinkID=526655 AS(1430)'

--ndr-606
Content-Type: message/delivery-status

Reporting-MTA: dns;DM6PR00MB0000.namprd00.prod.outlook.com
Received-From-MTA: dns;mail.example.net
Arrival-Date: Tue, 4 Mar 2025 09:20:10 +0000

Final-Recipient: rfc822;dave@outlook.com
Action: failed
Status: 5.7.606
Diagnostic-Code: smtp;550 5.7.606 Access denied, banned sending IP [192.0.2.41]. To request
 removal from this list please visit https://sender.office.com/ and follow the directions.

--ndr-606--
`;

const SPAMHAUS = `Return-Path: <>
From: MAILER-DAEMON@mail.example.net (Mail Delivery System)
To: alice@example.net
Subject: Undelivered Mail Returned to Sender
Date: Tue,  4 Mar 2025 11:02:07 +0000 (UTC)
Message-Id: <20250304110207.9C0D1A0@mail.example.net>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="9C0D1A0.1741086127/mail.example.net"

--9C0D1A0.1741086127/mail.example.net
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mail.example.net.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<erin@example.com>: host mx1.example.com[192.0.2.30] said: 554 5.7.1
    Service unavailable; Client host [192.0.2.41] blocked using
    zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.41 (in reply to
    RCPT TO command)

--9C0D1A0.1741086127/mail.example.net
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.example.net

Final-Recipient: rfc822; erin@example.com
Action: failed
Status: 5.7.1
Remote-MTA: dns; mx1.example.com
Diagnostic-Code: smtp; 554 5.7.1 Service unavailable; Client host [192.0.2.41] blocked
    using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.41

--9C0D1A0.1741086127/mail.example.net--
`;

const MAILBOX_FULL = `Return-Path: <>
From: Mail Delivery System <Mailer-Daemon@mx.example.net>
To: alice@example.net
Subject: Mail delivery failed: returning message to sender
Date: Tue, 04 Mar 2025 12:44:19 +0000
Message-Id: <E1tpQxR-0003Ab-7Z@mx.example.net>
Auto-Submitted: auto-replied

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  frank@example.org
    host mx.example.org [192.0.2.52]
    SMTP error from remote mail server after RCPT TO:<frank@example.org>:
    552 5.2.2 <frank@example.org>: Mailbox full - quota exceeded

------ This is a copy of the message, including all the headers. ------

From: Alice <alice@example.net>
To: frank@example.org
Subject: Photos from the weekend
Date: Tue, 04 Mar 2025 12:44:17 +0000
`;

const EXCHANGE_NDR = `From: Microsoft Exchange <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@example.com>
To: alice@example.net
Subject: Undeliverable: Contract draft
Date: Tue, 4 Mar 2025 14:05:33 +0000
Message-ID: <ndr-exchange-511@EX01.corp.example.com>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="exch-ndr-511"

--exch-ndr-511
Content-Type: text/plain; charset="us-ascii"

Delivery has failed to these recipients or groups:

grace.hopper@example.com
The email address you entered couldn't be found. Please check the recipient's email address and try to resend the message. If the problem continues, please contact your helpdesk.

Diagnostic information for administrators:

Generating server: EX01.corp.example.com

grace.hopper@example.com
#550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup ##

--exch-ndr-511
Content-Type: message/delivery-status

Reporting-MTA: dns;EX01.corp.example.com
Received-From-MTA: dns;mail.example.net
Arrival-Date: Tue, 4 Mar 2025 14:05:32 +0000

Final-Recipient: rfc822;grace.hopper@example.com
Action: failed
Status: 5.1.10
Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup

--exch-ndr-511--
`;

const GMIAL_TYPO = `Return-Path: <>
From: MAILER-DAEMON@mail.example.net (Mail Delivery System)
To: alice@example.net
Subject: Undelivered Mail Returned to Sender
Date: Tue,  4 Mar 2025 15:30:00 +0000 (UTC)
Message-Id: <20250304153000.5D2E0B1@mail.example.net>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="5D2E0B1.1741102200/mail.example.net"

--5D2E0B1.1741102200/mail.example.net
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mail.example.net.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<henry@gmial.com>: Host or domain name not found. Name service error for
    name=gmial.com type=A: Host not found

--5D2E0B1.1741102200/mail.example.net
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.example.net

Final-Recipient: rfc822; henry@gmial.com
Action: failed
Status: 5.1.2
Diagnostic-Code: X-Postfix; Host or domain name not found. Name service error
    for name=gmial.com type=A: Host not found

--5D2E0B1.1741102200/mail.example.net--
`;

/** The examples menu, in order: {id, label, text}. */
export const EXAMPLES = [
  { id: 'postfix-userunknown', label: 'Postfix: user unknown', text: SAMPLE_BOUNCE },
  { id: 'gmail-dmarc', label: 'Gmail 5.7.26: DMARC rejection', text: GMAIL_DMARC },
  { id: 'm365-blocked-ip', label: 'Microsoft 365 5.7.606: blocked IP', text: M365_BLOCKED_IP },
  { id: 'spamhaus', label: 'Spamhaus-listed IP rejected', text: SPAMHAUS },
  { id: 'mailbox-full', label: 'Mailbox full (Exim)', text: MAILBOX_FULL },
  { id: 'exchange-ndr', label: 'Exchange NDR: recipient not found', text: EXCHANGE_NDR },
  { id: 'gmial-typo', label: 'Typo in the domain (gmial.com)', text: GMIAL_TYPO },
];
