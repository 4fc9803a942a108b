// A synthetic Postfix bounce (example.* domains, 192.0.2.x documentation
// addresses) offered by the "Load an example" button. Same message as
// tests/browser/fixtures/postfix-userunknown.eml.
export const SAMPLE_BOUNCE = `Return-Path: <>
Delivered-To: alice@example.org
Received: by mail.example.org (Postfix)
\tid 4F1A22C0312; Tue,  4 Mar 2025 10:15:32 +0000 (UTC)
Date: Tue,  4 Mar 2025 10:15:32 +0000 (UTC)
From: MAILER-DAEMON@mail.example.org (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: alice@example.org
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="4F1A22C0312.1741083332/mail.example.org"
Content-Transfer-Encoding: 8bit
Message-Id: <20250304101532.4F1A22C0312@mail.example.org>

This is a MIME-encapsulated message.

--4F1A22C0312.1741083332/mail.example.org
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mail.example.org.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

<bob@example.com>: host mx.example.com[192.0.2.25] said: 550 5.1.1
    <bob@example.com>: Recipient address rejected: User unknown in virtual
    mailbox table (in reply to RCPT TO command)

--4F1A22C0312.1741083332/mail.example.org
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.example.org
X-Postfix-Queue-ID: 4F1A22C0312
X-Postfix-Sender: rfc822; alice@example.org
Arrival-Date: Tue,  4 Mar 2025 10:15:31 +0000 (UTC)

Final-Recipient: rfc822; bob@example.com
Original-Recipient: rfc822;bob@example.com
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.example.com
Diagnostic-Code: smtp; 550 5.1.1 <bob@example.com>: Recipient address rejected:
    User unknown in virtual mailbox table

--4F1A22C0312.1741083332/mail.example.org
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers
Content-Transfer-Encoding: 8bit

Return-Path: <alice@example.org>
Received: from [192.0.2.10] (unknown [192.0.2.10])
\tby mail.example.org (Postfix) with ESMTPSA id 4F1A22C0312
\tfor <bob@example.com>; Tue,  4 Mar 2025 10:15:31 +0000 (UTC)
From: Alice <alice@example.org>
To: bob@example.com
Subject: Quarterly report
Date: Tue, 4 Mar 2025 10:15:29 +0000
Message-ID: <a1b2c3d4@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

--4F1A22C0312.1741083332/mail.example.org--
`;
