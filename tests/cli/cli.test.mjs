// The batch CLI end to end: the behaviour promised by `bounce-explain --help` and the README
// ("Batch CLI"), on small synthetic bounces written into a fresh temporary folder per test.
// Run: BX_CLI=build/native/bounce-explain node --test tests/cli/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { encryptedMsg, microsoft365Ndr } from '../msg/build-msg.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const goldenDir = join(here, '..', 'golden');
const cli = process.env.BX_CLI;
if (!cli) throw new Error('BX_CLI must name the bounce-explain binary');

// ---- fixtures ------------------------------------------------------------------------------

/// A Postfix-style RFC 3464 DSN: one failed recipient per entry of `recipients`
/// ({ address, status, reply, text }).
function dsn(recipients, { subject = 'Quarterly report', id = 'a1b2c3' } = {}) {
  const boundary = `${id}.1710238502/mx.example.net`;
  const human = recipients
    .map((r) => `<${r.address}>: host mail.example.com[192.0.2.25] said: ${r.reply} ${r.status}\n    <${r.address}>: ${r.text} (in reply to RCPT TO command)\n`)
    .join('\n');
  const machine = recipients
    .map((r) => `Final-Recipient: rfc822; ${r.address}\nAction: failed\nStatus: ${r.status}\nRemote-MTA: dns; mail.example.com\nDiagnostic-Code: smtp; ${r.reply} ${r.status} <${r.address}>: ${r.text}\n`)
    .join('\n');
  return `Return-Path: <>
Date: Tue, 12 Mar 2024 10:15:02 +0000 (UTC)
From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: alice@example.org
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="${boundary}"
Message-Id: <${id}@mx.example.net>

This is a MIME-encapsulated message.

--${boundary}
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.net.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

${human}
--${boundary}
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net
Arrival-Date: Tue, 12 Mar 2024 10:15:01 +0000 (UTC)

${machine}
--${boundary}
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

From: Alice <alice@example.org>
To: ${recipients.map((r) => r.address).join(', ')}
Subject: ${subject}
Message-ID: <${id}@example.org>

--${boundary}--
`;
}

const unknownUser = (address) => ({ address, status: '5.1.1', reply: '550', text: 'Recipient address rejected: User unknown' });
const mailboxFull = (address) => ({ address, status: '4.2.2', reply: '452', text: 'Mailbox full, quota exceeded' });

/// The DSN with two recipients: dave (user unknown, hard) and erin (mailbox full, soft).
const twoRecipientDsn = dsn([unknownUser('dave@example.com'), mailboxFull('erin@example.net')]);
/// A bare pasted error line, one recipient.
const bareLine = (address = 'bob@example.com') => `550 5.1.1 <${address}>: Recipient address rejected: User unknown\n`;
/// An ordinary message: no bounce in it.
const notBounce = `From: Alice <alice@example.org>
To: bob@example.com
Subject: Lunch on Friday?
Date: Tue, 12 Mar 2024 09:00:00 +0000

Shall we meet at noon?
`;

/// A fresh temporary folder holding `files` ({ relative path: content }; a content of
/// { symlink: target } makes a link), removed when the test ends.
function fixture(t, files = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'bx-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    if (content && content.symlink) symlinkSync(content.symlink, path);
    else writeFileSync(path, content);
  }
  return dir;
}

/// Makes empty folders (a Maildir's tmp/, say) under `dir`.
function folders(dir, ...names) {
  for (const name of names) mkdirSync(join(dir, name), { recursive: true });
}

// ---- running the CLI -----------------------------------------------------------------------

/// Runs bounce-explain; `input` goes to its standard input (none: an empty one).
function run(args, { cwd, input = '' } = {}) {
  const r = spawnSync(cli, args, { cwd, input, maxBuffer: 256 << 20 });
  assert.equal(r.error, undefined, `spawning ${cli}: ${r.error}`);
  return { status: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

/// The records of a jsonl run (each line must be one JSON object).
function jsonl(stdout) {
  if (stdout === '') return [];
  assert.ok(stdout.endsWith('\n'), 'jsonl output ends with a newline');
  return stdout.slice(0, -1).split('\n').map((line) => JSON.parse(line));
}

/// Runs in jsonl and expects exit 0 and nothing on stderr; returns the records.
function records(args, options) {
  const r = run(args, options);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  return jsonl(r.stdout);
}

/// [file, mbox_message, recipient] of each record, for comparing order at a glance.
const where = (recs) => recs.map((r) => [r.file, r.mbox_message, r.recipient]);

/// RFC 4180: rows of fields; quoted fields may hold commas, quotes ("") and line breaks.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      for (i++; ; i++) {
        assert.ok(i < text.length, 'unterminated quoted field');
        if (text[i] === '"' && text[i + 1] === '"') field += '"', i++;
        else if (text[i] === '"') break;
        else field += text[i];
      }
      i++;
    } else if (text[i] === ',') {
      row.push(field), (field = ''), i++;
    } else if (text.startsWith('\r\n', i)) {
      row.push(field), rows.push(row), (row = []), (field = ''), (i += 2);
    } else {
      assert.notEqual(text[i], '\n', `a bare LF at offset ${i}: rows end with CRLF`);
      field += text[i++];
    }
  }
  assert.ok(field === '' && row.length === 0, 'the last row ends with CRLF');
  return rows;
}

/// The mbox postmark line of a message.
const postmark = (sender = 'MAILER-DAEMON') => `From ${sender}  Thu Jul  2 12:05:05 2020\n`;
/// A small bounce as an mbox message would hold it: headers, then the bare error line.
const bounceMail = (address, body = bareLine(address)) =>
  `From: MAILER-DAEMON@mx.example.net\nTo: alice@example.org\nSubject: Undelivered Mail\n\n${body}`;
/// An mbox of `messages` (each the text after its postmark), a blank line between them.
const mbox = (...messages) => messages.map((m) => postmark() + m).join('\n');

// ---- inputs --------------------------------------------------------------------------------

test('a single file: one jsonl record per failed recipient, "file" as given', (t) => {
  const dir = fixture(t, { 'bounce.eml': twoRecipientDsn });
  const recs = records(['bounce.eml'], { cwd: dir });
  assert.deepEqual(where(recs), [
    ['bounce.eml', undefined, 'dave@example.com'],
    ['bounce.eml', undefined, 'erin@example.net'],
  ]);
});

test('several files are read in the order given', (t) => {
  const dir = fixture(t, { 'z.txt': bareLine('zoe@example.com'), 'a.txt': bareLine('amy@example.com') });
  const recs = records(['z.txt', join(dir, 'a.txt'), 'z.txt'], { cwd: dir });
  assert.deepEqual(where(recs), [
    ['z.txt', undefined, 'zoe@example.com'],
    [join(dir, 'a.txt'), undefined, 'amy@example.com'],
    ['z.txt', undefined, 'zoe@example.com'],
  ]);
});

test('a directory is read recursively in sorted order, hidden entries skipped', (t) => {
  const dir = fixture(t, {
    'tree/b.txt': bareLine('b@example.com'),
    'tree/B.txt': bareLine('upper-b@example.com'),  // byte order: upper case first
    'tree/a/z.txt': bareLine('a-z@example.com'),
    'tree/a/deeper/m.txt': bareLine('a-deeper-m@example.com'),
    'tree/c.txt': bareLine('c@example.com'),
    'tree/.hidden.txt': bareLine('hidden@example.com'),
    'tree/.git/HEAD': bareLine('git@example.com'),
    'tree/a/.DS_Store': bareLine('ds@example.com'),
    'tree/a/loop': { symlink: '..' },  // a link back up: each folder is read once
  });
  const recs = records(['tree'], { cwd: dir });
  assert.deepEqual(where(recs), [
    ['tree/B.txt', undefined, 'upper-b@example.com'],
    ['tree/a/deeper/m.txt', undefined, 'a-deeper-m@example.com'],
    ['tree/a/z.txt', undefined, 'a-z@example.com'],
    ['tree/b.txt', undefined, 'b@example.com'],
    ['tree/c.txt', undefined, 'c@example.com'],
  ]);
  // A trailing slash in the argument is kept as given, not doubled.
  assert.deepEqual(records(['tree/'], { cwd: dir })[0].file, 'tree/B.txt');
});

test('a Maildir gives cur/ then new/, then its Maildir++ sub-folders; tmp/ and index files are left out', (t) => {
  const dir = fixture(t, {
    'Mail/cur/2:S': bareLine('cur-2@example.com'),
    'Mail/cur/1:S': bareLine('cur-1@example.com'),
    'Mail/cur/.hidden': bareLine('hidden@example.com'),
    'Mail/new/0': bareLine('new-0@example.com'),
    'Mail/tmp/9': bareLine('tmp@example.com'),
    'Mail/dovecot-uidlist': bareLine('index@example.com'),
    'Mail/.Bounces/cur/5': bareLine('bounces-cur@example.com'),
    'Mail/.Bounces/new/6': bareLine('bounces-new@example.com'),
    'Mail/.Archive/new/7': bareLine('archive-new@example.com'),
    'Mail/notes/x.txt': bareLine('not-a-subfolder@example.com'),
  });
  folders(dir, 'Mail/.Archive/cur', 'Mail/.Bounces/tmp');
  const recs = records(['Mail'], { cwd: dir });
  assert.deepEqual(
    recs.map((r) => [r.file, r.recipient]),
    [
      ['Mail/cur/1:S', 'cur-1@example.com'],
      ['Mail/cur/2:S', 'cur-2@example.com'],
      ['Mail/new/0', 'new-0@example.com'],
      ['Mail/.Archive/new/7', 'archive-new@example.com'],
      ['Mail/.Bounces/cur/5', 'bounces-cur@example.com'],
      ['Mail/.Bounces/new/6', 'bounces-new@example.com'],
    ],
  );
});

test('standard input is read for "-" and when no file is named', () => {
  for (const args of [['-'], []]) {
    const recs = records(args, { input: twoRecipientDsn });
    assert.deepEqual(where(recs), [
      ['-', undefined, 'dave@example.com'],
      ['-', undefined, 'erin@example.net'],
    ], `args ${JSON.stringify(args)}`);
  }
});

test('"-" among files reads standard input at its place', (t) => {
  const dir = fixture(t, { 'a.txt': bareLine('amy@example.com') });
  const recs = records(['a.txt', '-', 'a.txt'], { cwd: dir, input: bareLine('stdin@example.com') });
  assert.deepEqual(recs.map((r) => [r.file, r.recipient]), [
    ['a.txt', 'amy@example.com'],
    ['-', 'stdin@example.com'],
    ['a.txt', 'amy@example.com'],
  ]);
});

test('a golden file gives the records of its expectation', () => {
  const recs = records([join(goldenDir, 'postfix-user-unknown.eml')]);
  const want = JSON.parse(readFileSync(join(goldenDir, 'postfix-user-unknown.expected.json'), 'utf8'));
  assert.equal(recs.length, want.records.length);
  for (const [i, w] of want.records.entries())
    for (const [key, value] of Object.entries(w)) assert.equal(recs[i][key], value, `record ${i}: ${key}`);
});

test('text: the route of the original message, oldest hop first, TLS, times, the slowest hop and where delivery stopped', () => {
  const r = run(['--format', 'text', join(goldenDir, 'route-microsoft-to-postfix.eml')]);
  assert.equal(r.status, 0);
  const section = r.stdout.slice(r.stdout.indexOf('Route of the original message'));
  assert.match(section, /^Route of the original message \(3 hops, oldest first, as the servers wrote it; from the returned message's header\):$/m);
  const hops = section.split('\n').filter((line) => /^ {2}\d+\. /.test(line));
  assert.equal(hops.length, 3);
  assert.match(hops[0], /^ {2}1\. AM0PR02MB1234\.eurprd02\.prod\.outlook\.com \[fe80::1234:5678:9abc:def0\] -> AM0PR02MB1234\.eurprd02\.prod\.outlook\.com {2}\(mapi\) {2}2024-03-12 10:14:48 UTC$/);
  assert.match(hops[1], /\(Microsoft SMTP Server, TLS 1\.2\) {2}2024-03-12 10:14:49 UTC, 1 s after the hop before$/);
  assert.match(hops[2], /-> mx\.example\.net {2}\(ESMTPS, TLS 1\.3\) {2}2024-03-12 10:15:01 UTC, 12 s after the hop before {2}\[slowest\] {2}\[delivery stopped here\]$/);
  assert.match(section, /next server, the one that did not accept the message: mail\.example\.com/);
  // The JSON report has the same route, and a message without a returned copy has none.
  const [report] = reports([join(goldenDir, 'route-microsoft-to-postfix.eml')]);
  assert.deepEqual(report.route.hops.map((h) => h.by), ['AM0PR02MB1234.eurprd02.prod.outlook.com', 'EUR05-AM6-obe.outbound.protection.outlook.com', 'mx.example.net']);
  assert.equal(report.route.slowest, 2);
  assert.equal(reports([join(goldenDir, 'bare-mailbox-full.txt')])[0].route, null);
  assert.doesNotMatch(run(['--format', 'text', join(goldenDir, 'bare-mailbox-full.txt')]).stdout, /Route of the original message/);
});

// ---- mbox ----------------------------------------------------------------------------------

/// The reports of a --format json run, one per message (bounce or not).
function reports(args, options) {
  const r = run(['--format', 'json', ...args], options);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  return JSON.parse(r.stdout);
}

test('an mbox is split on "From " lines at the start and after a blank line', (t) => {
  const dir = fixture(t, {
    'box.mbox': mbox(bounceMail('one@example.com'), notBounce, twoRecipientDsn, bounceMail('four@example.com')),
  });
  const recs = records(['box.mbox'], { cwd: dir });
  assert.deepEqual(where(recs), [
    ['box.mbox', 1, 'one@example.com'],
    ['box.mbox', 3, 'dave@example.com'],
    ['box.mbox', 3, 'erin@example.net'],
    ['box.mbox', 4, 'four@example.com'],
  ]);
  const all = reports(['box.mbox'], { cwd: dir });
  assert.deepEqual(all.map((r) => [r.file, r.mbox_message, r.status]), [
    ['box.mbox', 1, 'bounce'],
    ['box.mbox', 2, 'not_a_bounce'],
    ['box.mbox', 3, 'bounce'],
    ['box.mbox', 4, 'bounce'],
  ]);
});

test('a whole postmark line starts a message even without a blank line before it', (t) => {
  const dir = fixture(t, {
    'box.mbox': postmark() + bounceMail('one@example.com') + postmark('bounce@example.net') + bounceMail('two@example.com'),
  });
  assert.deepEqual(where(records(['box.mbox'], { cwd: dir })), [
    ['box.mbox', 1, 'one@example.com'],
    ['box.mbox', 2, 'two@example.com'],
  ]);
});

test('a body line "From the desk of ..." without a blank line before it does not split', (t) => {
  const body = `${bareLine('one@example.com')}From the desk of the postmaster: sorry.\n`;
  const dir = fixture(t, { 'box.mbox': mbox(bounceMail('one@example.com', body), bounceMail('two@example.com')) });
  const all = reports(['box.mbox'], { cwd: dir });
  assert.equal(all.length, 2, 'two messages');
  assert.deepEqual(all.map((r) => r.records.map((x) => [r.mbox_message, x.recipient])).flat(), [
    [1, 'one@example.com'],
    [2, 'two@example.com'],
  ]);
});

test('">From " lines are unescaped (mboxrd), one ">" at a time', (t) => {
  const line = (address) => `From mx.example.net: ${bareLine(address)}`;
  const dir = fixture(t, {
    'box.mbox': mbox(bounceMail('one@example.com', `>${line('one@example.com')}`), bounceMail('two@example.com', `>>${line('two@example.com')}`)),
  });
  const recs = records(['box.mbox'], { cwd: dir });
  assert.deepEqual(
    recs.map((r) => r.evidence.find((e) => e.label === 'diagnostic').text),
    [line('one@example.com').trimEnd(), `>${line('two@example.com').trimEnd()}`],
  );
});

test('a correct Content-Length (mboxcl2) keeps a blank line + "From " inside the body in one message', (t) => {
  const body = `${bareLine('one@example.com')}\nFrom the desk of the postmaster: sorry.\n\n`;
  const first = `From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail\nContent-Length: ${Buffer.byteLength(body)}\n\n${body}`;
  const dir = fixture(t, { 'box.mbox': postmark() + first + postmark() + bounceMail('two@example.com') });
  const all = reports(['box.mbox'], { cwd: dir });
  assert.deepEqual(all.map((r) => [r.mbox_message, r.records.map((x) => x.recipient)]), [
    [1, ['one@example.com']],
    [2, ['two@example.com']],
  ]);
});

test('a wrong Content-Length is ignored: the mbox is split on its "From " lines', (t) => {
  const body = `${bareLine('one@example.com')}\n`;
  const first = `From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail\nContent-Length: ${Buffer.byteLength(body) + 40}\n\n${body}`;
  const dir = fixture(t, { 'box.mbox': postmark() + first + postmark() + bounceMail('two@example.com') + '\n' + postmark() + bounceMail('three@example.com') });
  assert.deepEqual(where(records(['box.mbox'], { cwd: dir })), [
    ['box.mbox', 1, 'one@example.com'],
    ['box.mbox', 2, 'two@example.com'],
    ['box.mbox', 3, 'three@example.com'],
  ]);
});

test('"file" is the mbox path exactly as given; a single-message mbox has no mbox_message', (t) => {
  const dir = fixture(t, {
    'mail/box.mbox': mbox(bounceMail('one@example.com'), bounceMail('two@example.com')),
    'mail/single.mbox': mbox(twoRecipientDsn),
  });
  const recs = records(['./mail//box.mbox', 'mail/../mail/single.mbox'], { cwd: dir });
  assert.deepEqual(where(recs), [
    ['./mail//box.mbox', 1, 'one@example.com'],
    ['./mail//box.mbox', 2, 'two@example.com'],
    ['mail/../mail/single.mbox', undefined, 'dave@example.com'],
    ['mail/../mail/single.mbox', undefined, 'erin@example.net'],
  ]);
  for (const r of recs.slice(2)) assert.ok(!('mbox_message' in r), 'no mbox_message key');
});

// ---- formats -------------------------------------------------------------------------------

/// A folder with a bit of everything that reads without error: a DSN with two recipients, bare
/// lines, an mbox of two messages, a file whose name needs CSV quoting, a non-bounce, an empty file.
function mixedFolder(t) {
  return fixture(t, {
    'in/1-dsn.eml': twoRecipientDsn,
    'in/2-bare.txt': bareLine('bob@example.com'),
    'in/3-box.mbox': mbox(bounceMail('carol@example.org'), dsn([mailboxFull('frank@example.net')], { id: 'f1' })),
    'in/4-odd, "name".txt': bareLine('gina@example.com'),
    'in/5-not-a-bounce.eml': notBounce,
    'in/6-empty.eml': '',
  });
}

const csvColumns = ['file', 'mbox_message', 'recipient', 'reason', 'status', 'reply_code', 'hard_bounce', 'destination', 'decoded_by', 'category', 'headline', 'provider', 'diagnostic_code'];
/// A CSV cell as a spreadsheet must not run it: a leading = + - @ tab or CR gets a "'".
const neutral = (value) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

test('jsonl: one object per recipient, "file" first, with the promised fields', (t) => {
  const dir = fixture(t, { 'bounce.eml': twoRecipientDsn });
  const r = run(['--format', 'jsonl', 'bounce.eml'], { cwd: dir });
  assert.equal(r.stdout, run(['bounce.eml'], { cwd: dir }).stdout, 'jsonl is the default');
  const recs = jsonl(r.stdout);
  assert.equal(recs.length, 2);
  for (const rec of recs) assert.equal(Object.keys(rec)[0], 'file');
  const pick = ({ recipient, reason, status, reply_code, hard_bounce, destination }) => ({ recipient, reason, status, reply_code, hard_bounce, destination });
  assert.deepEqual(recs.map(pick), [
    { recipient: 'dave@example.com', reason: 'userunknown', status: '5.1.1', reply_code: '550', hard_bounce: true, destination: 'example.com' },
    { recipient: 'erin@example.net', reason: 'mailboxfull', status: '4.2.2', reply_code: '452', hard_bounce: false, destination: 'example.net' },
  ]);
  assert.equal(recs[0].explanation.headline, 'The recipient address does not exist');
});

test('json: one valid JSON array holding a report per message, non-bounces included', (t) => {
  const dir = mixedFolder(t);
  const all = reports(['in'], { cwd: dir });
  assert.ok(Array.isArray(all));
  assert.deepEqual(all.map((r) => [r.file, r.mbox_message, r.status, r.records.length]), [
    ['in/1-dsn.eml', undefined, 'bounce', 2],
    ['in/2-bare.txt', undefined, 'bounce', 1],
    ['in/3-box.mbox', 1, 'bounce', 1],
    ['in/3-box.mbox', 2, 'bounce', 1],
    ['in/4-odd, "name".txt', undefined, 'bounce', 1],
    ['in/5-not-a-bounce.eml', undefined, 'not_a_bounce', 0],
    ['in/6-empty.eml', undefined, 'empty', 0],
  ]);
  for (const r of all) assert.equal(r.schema, 'bounce-explainer/report/1');
  // The same records as jsonl, in the same order.
  const flat = all.flatMap((r) => r.records.map((x) => x.recipient));
  assert.deepEqual(flat, records(['in'], { cwd: dir }).map((x) => x.recipient));
  // An empty run is still a valid (empty) array.
  assert.deepEqual(reports([], { input: '' }).map((r) => r.status), ['empty']);
});

test('csv: the header, one CRLF row per recipient, RFC 4180 quoting, the jsonl values', (t) => {
  const dir = mixedFolder(t);
  const r = run(['--format', 'csv', 'in'], { cwd: dir });
  assert.equal(r.status, 0);
  assert.equal(r.stderr, '');
  assert.ok(r.stdout.startsWith(`${csvColumns.join(',')}\r\n`), 'the header row comes first');
  assert.ok(r.stdout.includes('\r\n"in/4-odd, ""name"".txt",,gina@example.com,'), 'a file name with a comma and quotes is quoted');
  const [header, ...rows] = parseCsv(r.stdout);
  assert.deepEqual(header, csvColumns);
  const recs = records(['in'], { cwd: dir });
  assert.equal(rows.length, recs.length);
  rows.forEach((row, i) => {
    const rec = recs[i];
    assert.deepEqual(row, [
      rec.file, rec.mbox_message ? String(rec.mbox_message) : '', rec.recipient, rec.reason, rec.status, rec.reply_code,
      String(rec.hard_bounce), rec.destination, rec.decoded_by, rec.explanation.category, rec.explanation.headline,
      rec.explanation.provider?.name ?? '', rec.diagnostic_code ?? '',
    ].map(neutral), `row ${i + 1}`);
  });
  assert.deepEqual(rows.map((row) => row[1]), ['', '', '', '1', '2', ''], 'mbox_message column');
});

test('text: a heading per message, then recipient, reason, codes and what to do', (t) => {
  const dir = fixture(t, { 'bounce.eml': twoRecipientDsn, 'box.mbox': mbox(bounceMail('one@example.com'), notBounce) });
  const r = run(['--format', 'text', 'bounce.eml', 'box.mbox'], { cwd: dir });
  assert.equal(r.status, 0);
  const out = r.stdout;
  assert.match(out, /^== bounce\.eml: /);
  assert.match(out, /\ndave@example\.com — userunknown \(hard bounce\)\n {2}The recipient address does not exist\n {2}How sure: Certain — the status code 5\.1\.1 and the server's words "recipient address rejected: user unknown"\n {2}Codes: 550 5\.1\.1/);
  assert.match(out, /\nerin@example\.net — mailboxfull \(soft bounce\)\n/);
  assert.match(out, /\n {2}Codes: 452 4\.2\.2/);
  assert.match(out, /\n {2}Who must act: /);
  assert.match(out, /\n {2}1\. /);
  // An mbox's messages are named PATH:N; a non-bounce still gets its heading.
  assert.match(out, /\n== box\.mbox:1: [^\n]*\n\none@example\.com — userunknown/);
  assert.match(out, /\n== box\.mbox:2: [^\n]*\n/);
  assert.ok(out.indexOf('== bounce.eml') < out.indexOf('== box.mbox:1') && out.indexOf('== box.mbox:1') < out.indexOf('== box.mbox:2'));
});

test('text: the provider\'s meaning of a code with the registry\'s, the sending platform, the original message\'s authentication', (t) => {
  const microsoft = '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup [BN8NAM12FT012.eop-nam12.prod.protection.outlook.com]\n';
  // Gmail relayed a Gmail user's message; the remote server blocked Gmail's IP.
  const gmail = `From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: alice@gmail.com
Subject: Delivery Status Notification (Failure)
Content-Type: multipart/report; report-type=delivery-status; boundary=b

--b
Content-Type: message/delivery-status

Reporting-MTA: dns; mail-sor-f41.google.com

Final-Recipient: rfc822; bob@example.net
Action: failed
Status: 5.7.1
Remote-MTA: dns; mx.example.net
Diagnostic-Code: smtp; 554 5.7.1 Service unavailable; Client host [192.0.2.41] blocked using zen.spamhaus.org

--b
Content-Type: message/rfc822

Authentication-Results: mx.google.com; spf=pass smtp.mailfrom=gmail.com; dkim=pass; dmarc=pass
From: alice@gmail.com
Subject: hello

hello
--b--
`;
  const dir = fixture(t, { 'microsoft.txt': microsoft, 'gmail.eml': gmail });
  const r = run(['--format', 'text', 'microsoft.txt', 'gmail.eml'], { cwd: dir });
  assert.equal(r.status, 0);
  assert.match(r.stdout, /\n {2}Codes: 550 5\.1\.10 — Recipient not found[^\n]* \(registry: [^)\n]+\)\n/);
  assert.match(r.stdout, /\n {2}Sent through: Gmail/);
  assert.match(r.stdout, /\nAuthentication of the original message: SPF pass, DKIM pass, DMARC pass\n {2}From: Authentication-Results: mx\.google\.com/);
  const recs = records(['microsoft.txt', 'gmail.eml'], { cwd: dir });
  assert.ok(recs[0].explanation.status_registry_title);
  assert.equal(recs[1].explanation.sender_provider.id, 'google');
  assert.equal(recs[0].explanation.sender_provider, null);
});

/// The --summary text: { messages: {total, bounce, not, empty, unread}, recipients, hard,
/// tables: { 'By reason': { name: count }, ... } }.
function parseSummary(text) {
  const m = text.match(/^Messages: (\d+) \([\d.]+ MB\): (\d+) with bounce records, (\d+) not failures \([^)]*\), (\d+) not bounces, (\d+) empty or unusable, (\d+) could not be read\n/);
  assert.ok(m, `the Messages line: ${text}`);
  const rcp = text.match(/\nRecipients: (\d+) \(hard bounces: (\d+), [\d.]+ %; soft or other: (\d+)\)\n/);
  assert.ok(rcp, 'the Recipients line');
  const tables = {};
  let current = null;
  for (const line of text.split('\n')) {
    const title = line.match(/^(By [a-z ]+?)(?: \(.*\))?:$/);
    const row = line.match(/^ {2}(.+?) +(\d+) +[\d.]+ %$/);
    if (title) tables[(current = title[1])] = {};
    else if (row && current) tables[current][row[1]] = Number(row[2]);
  }
  const [total, bounce, notFailure, not, empty, unread] = m.slice(1).map(Number);
  return { messages: { total, bounce, notFailure, not, empty, unread }, recipients: Number(rcp[1]), hard: Number(rcp[2]), soft: Number(rcp[3]), tables };
}

/// Counts of `key(record)` over records.
const countBy = (recs, key) => recs.reduce((acc, r) => ((acc[key(r)] = (acc[key(r)] ?? 0) + 1), acc), {});

test('--summary: counts of messages, recipients, reasons, categories and domains that match the records', (t) => {
  const dir = mixedFolder(t);
  const r = run(['--summary', 'in'], { cwd: dir });
  assert.equal(r.status, 0);
  assert.equal(r.stderr, '');
  const s = parseSummary(r.stdout);
  const recs = records(['in'], { cwd: dir });
  assert.deepEqual(s.messages, { total: 7, bounce: 5, notFailure: 0, not: 1, empty: 1, unread: 0 });
  assert.equal(s.recipients, recs.length);
  assert.equal(s.hard, recs.filter((x) => x.hard_bounce).length);
  assert.equal(s.soft, recs.filter((x) => !x.hard_bounce).length);
  assert.deepEqual(s.tables['By reason'], countBy(recs, (x) => x.reason));
  assert.deepEqual(s.tables['By reason'], { userunknown: 4, mailboxfull: 2 });
  assert.deepEqual(s.tables['By category'], countBy(recs, (x) => x.explanation.category));
  assert.deepEqual(s.tables['By recipient domain'], countBy(recs, (x) => x.destination));
  assert.deepEqual(s.tables['By provider'], { '(not identified)': recs.length });
});

test('--summary: delays and automatic replies are counted apart from failures', (t) => {
  const dir = fixture(t, {
    'in/failed.txt': '550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown\n',
    'in/delayed.txt': '450 4.2.0 <carol@example.com>: Recipient address rejected: Greylisted, try again later\n',
    'in/away.txt': 'I am out of the office until Monday with limited access to email.\n',
  });
  const s = parseSummary(run(['--summary', 'in'], { cwd: dir }).stdout);
  assert.deepEqual(s.messages, { total: 3, bounce: 1, notFailure: 2, not: 0, empty: 0, unread: 0 });
});

test('--summary with --format: the records on stdout, the same counts on stderr', (t) => {
  const dir = mixedFolder(t);
  const alone = run(['--summary', 'in'], { cwd: dir });
  const both = run(['--summary', '--format', 'jsonl', 'in'], { cwd: dir });
  assert.equal(both.status, 0);
  assert.equal(both.stdout, run(['in'], { cwd: dir }).stdout);
  assert.equal(both.stderr, alone.stdout);
});

// ---- --jobs --------------------------------------------------------------------------------

test('--jobs 2 and --jobs 0 print byte for byte what --jobs 1 prints, in input order', (t) => {
  const files = {};
  for (let i = 0; i < 40; i++) {
    const name = `mixed/${String(i).padStart(2, '0')}`;
    if (i % 4 === 0) files[`${name}.eml`] = dsn([unknownUser(`u${i}@example.com`), mailboxFull(`f${i}@example.net`)], { id: `m${i}` });
    else if (i % 4 === 1) files[`${name}.txt`] = bareLine(`b${i}@example.com`);
    else if (i % 4 === 2) files[`${name}.eml`] = notBounce;
    else files[`${name}.mbox`] = mbox(bounceMail(`x${i}@example.com`), notBounce, bounceMail(`y${i}@example.com`));
  }
  files['mixed/99-dangling'] = { symlink: 'nowhere' };
  const dir = fixture(t, files);
  for (const format of ['jsonl', 'json', 'csv', 'text']) {
    const one = run(['--jobs', '1', '--format', format, 'mixed'], { cwd: dir });
    assert.equal(one.status, 1, 'the dangling link is an error');
    for (const jobs of [['--jobs', '2'], ['--jobs=0'], ['-j', '3']]) {
      const many = run([...jobs, '--format', format, 'mixed'], { cwd: dir });
      assert.equal(many.stdout, one.stdout, `${format} with ${jobs.join(' ')}`);
      assert.equal(many.stderr, one.stderr);
      assert.equal(many.status, one.status);
    }
  }
  const recs = jsonl(run(['mixed'], { cwd: dir }).stdout);
  assert.equal(recs.length, 10 * 2 + 10 + 10 * 2 + 1, 'every record and the error');
  assert.deepEqual(recs.map((r) => r.file), recs.map((r) => r.file).sort(), 'in input order');
});

// ---- errors --------------------------------------------------------------------------------

test('a path that does not exist: an error record, a message on stderr, the other inputs still read, exit 1', (t) => {
  const dir = fixture(t, { 'a.txt': bareLine('amy@example.com'), 'z.txt': bareLine('zoe@example.com') });
  const r = run(['a.txt', 'missing.eml', 'z.txt'], { cwd: dir });
  assert.equal(r.status, 1);
  const recs = jsonl(r.stdout);
  assert.deepEqual(recs.map((x) => x.recipient ?? x.file), ['amy@example.com', 'missing.eml', 'zoe@example.com']);
  assert.deepEqual(recs[1], { file: 'missing.eml', error: 'cannot read: No such file or directory' });
  assert.equal(r.stderr, 'bounce-explain: missing.eml: cannot read: No such file or directory\n');
  // json: the error object in the array; text: an "error:" entry; csv: only stderr.
  const json = JSON.parse(run(['--format', 'json', 'a.txt', 'missing.eml'], { cwd: dir }).stdout);
  assert.deepEqual(json[1], { file: 'missing.eml', error: 'cannot read: No such file or directory' });
  assert.match(run(['--format', 'text', 'missing.eml'], { cwd: dir }).stdout, /^== missing\.eml: error: cannot read: No such file or directory\n/);
  const csv = run(['--format', 'csv', 'missing.eml', 'a.txt'], { cwd: dir });
  assert.equal(csv.status, 1);
  assert.equal(parseCsv(csv.stdout).length, 2, 'the header and the row of a.txt');
  assert.match(csv.stderr, /missing\.eml: cannot read/);
  // --summary counts it.
  const summary = parseSummary(run(['--summary', 'a.txt', 'missing.eml'], { cwd: dir }).stdout);
  assert.deepEqual(summary.messages, { total: 2, bounce: 1, notFailure: 0, not: 0, empty: 0, unread: 1 });
});

test('a FIFO or a device named as an input is refused at once with a clear error; the run goes on, exit 1', (t) => {
  const dir = fixture(t, { 'z.txt': bareLine('zoe@example.com') });
  const made = spawnSync('mkfifo', [join(dir, 'pipe')]);
  assert.equal(made.status, 0, `mkfifo: ${made.stderr}`);
  // Opening a FIFO with no writer would wait forever: the timeout turns a hang into a failure.
  const r = spawnSync(cli, ['pipe', '/dev/null', 'z.txt'], { cwd: dir, input: '', timeout: 20_000 });
  assert.equal(r.error, undefined, `the CLI did not finish: ${r.error}`);
  assert.equal(r.status, 1);
  const out = jsonl(r.stdout.toString('utf8'));
  assert.deepEqual(out.map((x) => [x.file, x.error ?? x.recipient]), [
    ['pipe', "not read: it is a named pipe (FIFO); to read a stream, give it on standard input ('-')"],
    ['/dev/null', "not read: it is a device; to read a stream, give it on standard input ('-')"],
    ['z.txt', 'zoe@example.com'],
  ]);
  assert.match(r.stderr.toString('utf8'), /^bounce-explain: pipe: not read: it is a named pipe \(FIFO\)/);
  // Met inside a directory, a FIFO is passed over (as are sockets and devices).
  mkdirSync(join(dir, 'd'));
  assert.equal(spawnSync('mkfifo', [join(dir, 'd', 'pipe')]).status, 0);
  writeFileSync(join(dir, 'd', 'z.txt'), bareLine('zoe@example.com'));
  const inDir = spawnSync(cli, ['d'], { cwd: dir, input: '', timeout: 20_000 });
  assert.equal(inDir.status, 0);
  assert.deepEqual(jsonl(inDir.stdout.toString('utf8')).map((x) => x.file), ['d/z.txt']);
});

/// The first cells of the CSV row of bareLine('-2+3@example.com') in a file named HOSTILE_NAME:
/// the same bytes are expected from the page's writer (tests/wasm/module.test.mjs).
const HOSTILE_NAME = '=HYPERLINK("example.com";"x").eml';
const HOSTILE_ROW_START = `"'=HYPERLINK(""example.com"";""x"").eml",,'-2+3@example.com,userunknown,5.1.1,550,true,example.com,`;

test('csv: cells a spreadsheet would run as formulas get a leading quote (file names, recipients)', (t) => {
  const dir = fixture(t, { [HOSTILE_NAME]: bareLine('-2+3@example.com'), '@SUM(A1).txt': bareLine('+1@example.com') });
  const r = run(['--format', 'csv', HOSTILE_NAME, '@SUM(A1).txt'], { cwd: dir });
  assert.equal(r.status, 0);
  const lines = r.stdout.split('\r\n');
  assert.ok(lines[1].startsWith(HOSTILE_ROW_START), lines[1]);
  const [, first, second] = parseCsv(r.stdout);
  assert.deepEqual(first.slice(0, 3), [`'${HOSTILE_NAME}`, '', "'-2+3@example.com"]);
  assert.deepEqual(second.slice(0, 3), ["'@SUM(A1).txt", '', "'+1@example.com"]);
  for (const row of [first, second]) for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `cell ${cell}`);
});

test('file names are escaped for the terminal: no control character, no forged line; JSON keeps the exact bytes', (t) => {
  const dir = fixture(t);
  const sneaky = 'a\n== forged.eml: Not a bounce\x1b[31m\u202e.txt';
  writeFileSync(join(dir, sneaky), bareLine('sam@example.com'));
  const text = run(['--format', 'text', sneaky], { cwd: dir });
  assert.equal(text.status, 0);
  assert.doesNotMatch(text.stdout, /[\x00-\x08\x0b-\x1f\x7f\u202e]/, 'no control character reaches the terminal');
  const headings = text.stdout.split('\n').filter((line) => line.startsWith('=='));
  assert.equal(headings.length, 1, `one heading, not two: ${headings}`);
  assert.ok(headings[0].startsWith('== a\\n== forged.eml: Not a bounce\\x1b[31m\\u{202e}.txt: '), `the name escaped: ${headings[0]}`);
  // stderr too (a name that cannot be read).
  const missing = run(['--format', 'text', `gone\x1b]0;title\x07\n.eml`], { cwd: dir });
  assert.equal(missing.stderr, 'bounce-explain: gone\\x1b]0;title\\x07\\n.eml: cannot read: No such file or directory\n');
  assert.match(missing.stdout, /^== gone\\x1b\]0;title\\x07\\n\.eml: error: cannot read/);
  // JSON: the name as text, and (not valid UTF-8) its exact bytes as file_bytes.
  mkdirSync(join(dir, 'd'));
  writeFileSync(Buffer.concat([Buffer.from(join(dir, 'd', 'caf')), Buffer.from([0xe9]), Buffer.from('\\.txt')]), bareLine('lea@example.com'));
  const [rec] = records(['d'], { cwd: dir });
  assert.equal(rec.file, 'd/caf\ufffd\\.txt');
  assert.equal(rec.file_bytes, 'd/caf\\xe9\\\\.txt', 'each invalid byte as \\xNN, a backslash doubled');
  assert.deepEqual(Object.keys(rec).slice(0, 2), ['file', 'file_bytes']);
  const [report] = reports(['d'], { cwd: dir });
  assert.equal(report.file_bytes, rec.file_bytes);
  assert.equal(records(['--', sneaky], { cwd: dir })[0].file_bytes, undefined, 'no file_bytes for a valid UTF-8 name');
  const textOfBytes = run(['--format', 'text', 'd'], { cwd: dir }).stdout;
  assert.match(textOfBytes, /^== d\/caf\\xe9\\\.txt: /, 'the text heading shows the byte too');
});

test('a dangling symlink inside a directory: an error record in its place, the run goes on, exit 1', (t) => {
  const dir = fixture(t, {
    'd/a.txt': bareLine('amy@example.com'),
    'd/b-link': { symlink: 'gone.txt' },
    'd/c.txt': bareLine('cy@example.com'),
  });
  const r = run(['d'], { cwd: dir });
  assert.equal(r.status, 1);
  assert.deepEqual(jsonl(r.stdout), [
    jsonl(run(['d/a.txt'], { cwd: dir }).stdout)[0],
    { file: 'd/b-link', error: 'cannot read: No such file or directory' },
    jsonl(run(['d/c.txt'], { cwd: dir }).stdout)[0],
  ]);
  assert.equal(r.stderr, 'bounce-explain: d/b-link: cannot read: No such file or directory\n');
});

test('a file that is not a bounce, an empty file and a binary file: no record, exit 0', (t) => {
  const binary = Buffer.alloc(4096);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919 + (i >> 3)) & 0xff;
  const dir = fixture(t, { 'note.eml': notBounce, 'empty.eml': '', 'blob.bin': binary });
  for (const name of ['note.eml', 'empty.eml', 'blob.bin']) {
    const r = run([name], { cwd: dir });
    assert.deepEqual([r.status, r.stdout, r.stderr], [0, '', ''], name);
    const csv = run(['--format', 'csv', name], { cwd: dir });
    assert.equal(csv.stdout, `${csvColumns.join(',')}\r\n`, `${name}: only the CSV header`);
  }
  assert.deepEqual(reports(['note.eml', 'empty.eml', 'blob.bin'], { cwd: dir }).map((r) => r.status), ['not_a_bounce', 'empty', 'unusable']);
});

test('a message over 32 MB in an mbox is skipped with an error; the next message is still read', (t) => {
  const line = `${'x'.repeat(1023)}\n`;
  const huge = `From: big@example.org\nSubject: big\n\n${line.repeat(32 * 1024 + 1)}`;  // just over 32 MiB
  const dir = fixture(t, { 'box.mbox': mbox(bounceMail('one@example.com'), huge, bounceMail('three@example.com')) });
  const r = run(['box.mbox'], { cwd: dir });
  assert.equal(r.status, 1);
  const recs = jsonl(r.stdout);
  assert.deepEqual(recs.map((x) => [x.mbox_message, x.recipient ?? x.error]), [
    [1, 'one@example.com'],
    [2, 'message larger than 32 MB (33554432 bytes), the most one message may be: skipped'],
    [3, 'three@example.com'],
  ]);
  assert.equal(recs[1].file, 'box.mbox');
  assert.match(r.stderr, /^bounce-explain: box\.mbox:2: message larger than 32 MB/);
});

test('a plain file over 32 MB is skipped with an error, the next input still read', (t) => {
  const dir = fixture(t, { 'big.eml': '', 'z.txt': bareLine('zoe@example.com') });
  truncateSync(join(dir, 'big.eml'), 32 * 1024 * 1024 + 1);  // sparse: nothing to write
  const r = run(['big.eml', 'z.txt'], { cwd: dir });
  assert.equal(r.status, 1);
  assert.deepEqual(jsonl(r.stdout).map((x) => [x.file, x.error ?? x.recipient]), [
    ['big.eml', 'message larger than 32 MB (33554432 bytes), the most one message may be: skipped'],
    ['z.txt', 'zoe@example.com'],
  ]);
  assert.match(r.stderr, /^bounce-explain: big\.eml: message larger than 32 MB/);
});

test('files met in a directory are read whole whatever their size, and one over 32 MB is refused there too', (t) => {
  // A directory listing says which entries are regular files, so they are read without a stat,
  // their size unknown: a long file takes several reads, a huge one is refused while reading.
  const padding = `${'x'.repeat(99)}\n`.repeat(3000);  // 300 KB: more than one read
  const dir = fixture(t, { 'in/a-long.eml': `${padding}\n${twoRecipientDsn}`, 'in/b-big.eml': '', 'in/c.txt': bareLine('zoe@example.com') });
  truncateSync(join(dir, 'in/b-big.eml'), 32 * 1024 * 1024 + 1);
  const r = run(['in'], { cwd: dir });
  assert.equal(r.status, 1);
  const recs = jsonl(r.stdout);
  assert.deepEqual(recs.map((x) => [x.file, x.error ?? x.recipient]), [
    ['in/a-long.eml', 'dave@example.com'],
    ['in/a-long.eml', 'erin@example.net'],
    ['in/b-big.eml', 'message larger than 32 MB (33554432 bytes), the most one message may be: skipped'],
    ['in/c.txt', 'zoe@example.com'],
  ]);
  // The same records as when the long file is named (then its size is known before reading).
  const named = jsonl(run(['in/a-long.eml'], { cwd: dir }).stdout);
  assert.deepEqual(named, recs.slice(0, 2));
});

// ---- options -------------------------------------------------------------------------------

test('--help prints the usage and every option, exit 0', () => {
  for (const flag of ['--help', '-h']) {
    const r = run([flag]);
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^Usage: bounce-explain /);
    for (const option of ['--format jsonl', '--format json', '--format text', '--format csv', '--summary', '--jobs N', '--msg-text', '--help', '--version', 'Exit status'])
      assert.ok(r.stdout.includes(option), `${flag} mentions ${option}`);
  }
});

test('--version prints the tool, report schema and knowledge base versions, exit 0', () => {
  const r = run(['--version']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^bounce-explain \d+\.\d+\.\d+ \(report schema bounce-explainer\/report\/1, knowledge base [0-9a-f]{12}\)\n$/);
  const kb = r.stdout.match(/knowledge base ([0-9a-f]+)/)[1];
  assert.equal(reports([], { input: '' })[0].kb_version, kb, 'the reports carry the same knowledge base version');
});

test('wrong usage exits 2 with a message and the usage on stderr, nothing on stdout', () => {
  const cases = [
    [['--bogus'], /unknown option '--bogus'/],
    [['--format', 'xml'], /unknown format 'xml'/],
    [['--format'], /unknown format ''/],
    [['--jobs', 'many'], /--jobs wants a number/],
    [['--jobs', '257'], /--jobs wants a number/],
  ];
  for (const [args, message] of cases) {
    const r = run(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
    assert.match(r.stderr, message);
    assert.match(r.stderr, /\nUsage: bounce-explain /);
  }
});

test('after "--" a name starting with "-" is a file', (t) => {
  const dir = fixture(t, { '--help': bareLine('dash@example.com') });
  assert.deepEqual(records(['--', '--help'], { cwd: dir }).map((r) => [r.file, r.recipient]), [['--help', 'dash@example.com']]);
});

test('an Outlook .msg file is explained like its .eml; --msg-text prints the text its evidence points into', (t) => {
  const dir = fixture(t, { 'ndr.msg': microsoft365Ndr() });
  const recs = records(['ndr.msg'], { cwd: dir });
  assert.equal(recs.length, 1);
  assert.equal(recs[0].file, 'ndr.msg');
  assert.equal(recs[0].recipient, 'bob@example.com');
  assert.equal(recs[0].status, '5.1.10');
  assert.equal(recs[0].reason, 'userunknown');
  assert.equal(recs[0].subject, 'Quarterly report');

  const text = run(['--msg-text', 'ndr.msg'], { cwd: dir });
  assert.equal(text.status, 0);
  assert.match(text.stdout, /^From: Microsoft Outlook <postmaster@contoso\.onmicrosoft\.com>\n/);
  assert.match(text.stdout, /\nFinal-Recipient: rfc822; bob@example\.com\nAction: failed\n/);
  const bytes = Buffer.from(text.stdout, 'utf8');
  const lines = text.stdout.split('\n');
  assert.ok(recs[0].evidence.length > 0);
  for (const e of recs[0].evidence) {
    if (e.line) assert.ok(lines[e.line - 1].includes(e.text), `line ${e.line} holds "${e.text}"`);
    if (e.begin !== null) assert.equal(bytes.subarray(e.begin, e.end).toString('utf8'), e.text);
  }

  const [report] = JSON.parse(run(['--format', 'json', 'ndr.msg'], { cwd: dir }).stdout);
  assert.match(report.warnings[0], /Outlook \.msg file/);
  assert.match(run(['--format', 'text', 'ndr.msg'], { cwd: dir }).stdout, /\n {2}Note: The input is an Outlook \.msg file\./);
  // On standard input too: the signature decides, not the name.
  assert.deepEqual(records(['-'], { input: Buffer.from(microsoft365Ndr()) }).map((r) => r.recipient), ['bob@example.com']);
});

test('an encrypted or damaged .msg file is an input error with its reason; the run goes on, exit 1', (t) => {
  const truncated = microsoft365Ndr().subarray(0, 1024);
  const dir = fixture(t, { 'secret.msg': encryptedMsg(), 'cut.msg': truncated, 'line.txt': bareLine() });
  const r = run(['secret.msg', 'cut.msg', 'line.txt'], { cwd: dir });
  assert.equal(r.status, 1);
  const out = jsonl(r.stdout);
  assert.equal(out.length, 3);
  assert.equal(out[0].file, 'secret.msg');
  assert.match(out[0].error, /encrypted \(S\/MIME\)/);
  assert.equal(out[1].file, 'cut.msg');
  assert.match(out[1].error, /damaged/);
  assert.equal(out[2].recipient, 'bob@example.com');
  assert.match(r.stderr, /secret\.msg: This Outlook \.msg file is encrypted/);
  const text = run(['--msg-text', 'cut.msg', 'line.txt'], { cwd: dir });
  assert.equal(text.status, 1);
  assert.equal(text.stdout, '');
  assert.equal(run(['--msg-text', '--format', 'json', 'cut.msg'], { cwd: dir }).status, 2);
});
