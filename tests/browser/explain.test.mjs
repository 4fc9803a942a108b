// The page in Debian's Chromium: pasting, examples, files, cards, evidence, downloads, share
// links and hostile input. Run: node --test tests/browser/  (see helpers.mjs for the setup).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPage, assertClean, screenshot, paste, cardFor, horizontalOverflow, POSTFIX_BOUNCE, FIXTURES, REPO, TIMEOUT } from './helpers.mjs';

import { encryptedMsg, microsoft365Ndr } from '../msg/build-msg.mjs';

const CLIPBOARD = ['clipboard-read', 'clipboard-write'];

test('a pasted Postfix bounce is explained: recipient, reason, hard bounce, status, fix steps, links', { timeout: TIMEOUT }, async () => {
  const { page, context, problems } = await openPage({ permissions: CLIPBOARD, acceptDownloads: true });
  try {
    await paste(page, POSTFIX_BOUNCE); // no button press: pasting runs the analysis
    const card = await cardFor(page, 'bob@example.com');
    const text = await card.innerText();
    assert.match(text, /5\.1\.1/);
    assert.match(text, /550/);
    assert.equal(await card.locator('.badge').getAttribute('data-reason'), 'userunknown');
    assert.match(await card.locator('.badge').innerText(), /hard bounce/i);
    assert.ok((await card.locator('.record-headline').innerText()).trim().length > 3, 'a headline');
    // Words, not ids: the reason's id is only in the badge's tooltip (and the decoded fields, closed).
    assert.doesNotMatch(text, /userunknown/, 'no raw reason id in what the card shows');
    assert.match(await card.locator('.badge').getAttribute('title'), /“The recipient address does not exist” \(reason code userunknown\)/);
    assert.match(text, /Who must act/);
    const steps = card.locator('ol.fix-steps > li');
    assert.ok((await steps.count()) >= 1, 'numbered fix steps');
    assert.match(text, /Should you retry\?/i);

    // The reason links to its knowledge-base page, which exists.
    const reasonLink = card.locator('a.reason-link');
    assert.equal(await reasonLink.getAttribute('href'), 'kb/reasons/userunknown.html');

    // Copy the steps.
    await card.getByRole('button', { name: /^Copy steps for bob@example\.com$/ }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /^1\. /);
    assert.equal(copied.split('\n').length, await steps.count());

    // Every decoded field is in the details section.
    await card.locator('summary', { hasText: 'All decoded fields' }).click();
    for (const field of ['recipient', 'reason', 'diagnostic_code', 'rhost', 'decoded_by']) {
      assert.ok(await card.locator('.fields dt code', { hasText: new RegExp(`^${field}$`) }).count(), `field ${field}`);
    }

    // The evidence is highlighted in the user's own text.
    const source = page.locator('details.source-view');
    await source.locator('summary').click();
    const marks = await source.locator('mark.evidence-mark').allInnerTexts();
    assert.ok(marks.some((m) => /User unknown|5\.1\.1/.test(m)), `evidence marked in the message: ${marks}`);

    // JSON download of the whole report.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
    assert.equal(download.suggestedFilename(), 'bounce-report.json');
    const report = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(report.schema, 'bounce-explainer/report/1');
    assert.equal(report.records[0].recipient, 'bob@example.com');

    assert.match(await page.locator('.status').textContent(), /1 failed recipient explained/);
    await screenshot(page, 'postfix-desktop.png');
    await page.setViewportSize({ width: 360, height: 800 });
    assert.ok((await horizontalOverflow(page)) <= 0, 'no horizontal scrolling at 360px');
    await screenshot(page, 'postfix-phone.png');
    assertClean(problems);
  } finally {
    await context.close();
  }
});

test('every example of the menu is explained as its kind', { timeout: TIMEOUT }, async () => {
  const { page, context, problems } = await openPage();
  try {
    const expected = [
      [/Postfix: user unknown/, 'bob@example.com', 'userunknown', /hard/i],
      [/Gmail 5\.7\.26/, 'carol@gmail.com', 'authfailure', null],
      [/Microsoft 365 5\.7\.606/, 'dave@outlook.com', 'blocked', null],
      [/Spamhaus/, 'erin@example.com', 'blocked', null],
      [/Mailbox full/, 'frank@example.org', 'mailboxfull', /soft/i],
      [/Exchange NDR/, 'grace.hopper@example.com', 'userunknown', /hard/i],
      [/gmial\.com/, 'henry@gmial.com', 'hostunknown', null],
    ];
    for (const [label, recipient, reason, badge] of expected) {
      await page.locator('summary', { hasText: 'Examples' }).click();
      await page.getByRole('button', { name: label }).click();
      const card = await cardFor(page, recipient);
      assert.equal(await card.locator('.badge').getAttribute('data-reason'), reason, String(label));
      if (badge) assert.match(await card.locator('.badge').innerText(), badge);
      if (recipient === 'carol@gmail.com') {
        const auth = await page.locator('section.auth').innerText();
        assert.match(auth, /SPF\s*fail/i);
        assert.match(auth, /DMARC\s*fail/i);
        assert.ok(await card.getByRole('link', { name: /Google.*codes explained/ }).count(), 'provider KB page');
      }
      if (recipient === 'dave@outlook.com') assert.match(await card.innerText(), /Microsoft/);
      if (recipient === 'erin@example.com') {
        assert.ok(await card.getByRole('link', { name: /About Spamhaus/ }).count(), 'blocklist KB page');
      }
      if (recipient === 'henry@gmial.com') assert.match(await card.locator('.callout-typo').innerText(), /henry@gmail\.com/);
    }
    assertClean(problems);
  } finally {
    await context.close();
  }
});

test('a picked .eml file and a dropped .txt file are explained', { timeout: TIMEOUT }, async () => {
  const { page, context, problems } = await openPage();
  try {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open files…' }).click()]);
    assert.ok(chooser.isMultiple(), 'several files may be picked');
    await chooser.setFiles(join(FIXTURES, 'postfix-userunknown.eml'));
    await cardFor(page, 'bob@example.com');

    await page.evaluate(() => {
      const text = '552 5.2.2 <zoe@example.org>: Mailbox full - quota exceeded';
      const data = new DataTransfer();
      data.items.add(new File([text], 'bounce.txt', { type: 'text/plain' }));
      const target = document.querySelector('textarea');
      for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    const card = await cardFor(page, 'zoe@example.org');
    assert.equal(await card.locator('.badge').getAttribute('data-reason'), 'mailboxfull');
    assertClean(problems);
  } finally {
    await context.close();
  }
});

test('plain text that is not a bounce shows the not-a-bounce message, with nothing to download or share', { timeout: TIMEOUT }, async () => {
  const { page, context, problems } = await openPage();
  try {
    const box = page.getByRole('textbox', { name: 'Bounced message' });
    await box.fill('hello, how are you');
    await page.keyboard.press('Control+Enter');
    const notice = page.locator('.notice-not_a_bounce');
    await notice.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await notice.innerText(), /does not look like a bounce/i);
    assert.equal(await page.locator('article.record').count(), 0);
    const results = page.getByRole('region', { name: 'Results', exact: true });
    assert.equal(await results.getByRole('button', { name: 'Download JSON' }).count(), 0, 'no Download JSON for a not-a-bounce result');
    assert.equal(await results.getByRole('button', { name: 'Copy share link' }).count(), 0, 'no share link for a not-a-bounce result');

    // An empty box: the same.
    await box.fill('');
    await page.getByRole('button', { name: 'Explain' }).click();
    await page.locator('.notice-empty').waitFor({ state: 'visible' });
    assert.equal(await results.getByRole('button').count(), 0, 'no buttons for an empty result');

    // A delay (a notice with a record): the buttons are there, apart from the notice box.
    await box.fill('452 4.2.2 <zoe@example.org>: Mailbox full');
    await page.keyboard.press('Control+Enter');
    await page.locator('.notice-delayed').waitFor({ state: 'visible' });
    const download = results.getByRole('button', { name: 'Download JSON' });
    await download.waitFor();
    const gap = await download.evaluate((button) => button.getBoundingClientRect().top - document.querySelector('.notice-delayed').getBoundingClientRect().bottom);
    assert.ok(gap >= 12, `the buttons keep their distance from the notice box (${gap} px)`);
    assertClean(problems);
  } finally {
    await context.close();
  }
});

test('the .wasm is downloaded once, by the page from its preload, and handed to the worker', { timeout: TIMEOUT }, async () => {
  const warnings = [];
  const { page, context, problems, requests } = await openPage({
    permissions: CLIPBOARD,
    beforeLoad: async (ctx) => ctx.on('console', (message) => message.type() === 'warning' && warnings.push(message.text())),
  });
  try {
    await paste(page, POSTFIX_BOUNCE);
    await cardFor(page, 'bob@example.com');
    const wasm = requests.filter((r) => new URL(r.url).pathname.endsWith('.wasm'));
    assert.equal(wasm.length, 1, `one request for the .wasm (got ${wasm.map((r) => r.url)})`);
    // Asked for by the page's HTML, before the worker's script: not at the end of the worker's chain.
    const order = (name) => requests.findIndex((r) => new URL(r.url).pathname === `/${name}`);
    assert.ok(order('worker.bundle.mjs') >= 0, 'the worker is the bundle');
    assert.ok(order('bounce-explainer.wasm') < order('worker.bundle.mjs'), 'the .wasm is requested before the worker\'s script');
    assert.deepEqual(warnings.filter((w) => /preload/i.test(w)), [], 'the preloaded .wasm is used');
    // The page and its worker are three scripts: boot.mjs and the two bundles, none of the modules apart.
    const scripts = requests.map((r) => new URL(r.url).pathname).filter((path) => path.endsWith('.mjs'));
    assert.deepEqual(scripts.sort(), ['/app.bundle.mjs', '/boot.mjs', '/worker.bundle.mjs']);
    assertClean(problems);
  } finally {
    await context.close();
  }
});

/** Counts, in the page, the .wasm compilations that read a response as it streams in. */
async function countStreamingCompiles(context) {
  await context.addInitScript(() => {
    window.__streamingCompiles = 0;
    const compileStreaming = WebAssembly.compileStreaming;
    WebAssembly.compileStreaming = function counted(...args) {
      window.__streamingCompiles += 1;
      return compileStreaming.apply(this, args);
    };
  });
}

test('the page compiles the .wasm while it downloads; served with another type, it falls back to the bytes', { timeout: TIMEOUT }, async () => {
  for (const wrongType of [false, true]) {
    const { page, context, problems } = await openPage({
      permissions: CLIPBOARD,
      beforeLoad: async (ctx) => {
        await countStreamingCompiles(ctx);
        // A host that sends the .wasm as bytes of no particular type: streaming compilation refuses it.
        if (wrongType) await ctx.route('**/bounce-explainer.wasm', async (route) => route.fulfill({ response: await route.fetch(), headers: { 'content-type': 'application/octet-stream' } }));
      },
    });
    try {
      await paste(page, POSTFIX_BOUNCE);
      await cardFor(page, 'bob@example.com');
      assert.equal(await page.evaluate(() => window.__streamingCompiles), wrongType ? 0 : 1, wrongType ? 'application/octet-stream: compiled from the bytes' : 'application/wasm: compiled as it streams in');
      assertClean(problems);
    } finally {
      await context.close();
    }
  }
});

test('a reply code is labelled as itself: 452 is not "552"', { timeout: TIMEOUT }, async () => {
  const { page, context, problems } = await openPage();
  try {
    await page.getByRole('textbox', { name: 'Bounced message' }).fill('452 4.2.2 <zoe@example.org>: Mailbox full');
    await page.keyboard.press('Control+Enter');
    const card = await cardFor(page, 'zoe@example.org');
    const text = await card.innerText();
    assert.match(text, /Reply code\s*452 — Insufficient system storage/);
    assert.doesNotMatch(text, /552/, 'nothing on the card names another reply code');
    assert.match(await card.locator('.badge').innerText(), /delayed/i);
    assertClean(problems);
  } finally {
    await context.close();
  }
});

test('"Show in message" selects the exact evidence line, even after non-ASCII text', { timeout: TIMEOUT }, async () => {
  const { page, context, problems } = await openPage();
  try {
    const text = POSTFIX_BOUNCE.replace('This is the mail system at host mail.example.org.', 'This is the mail system at host mail.example.org — “naïve” façade 😀 用户.');
    assert.notEqual(text, POSTFIX_BOUNCE);
    const box = page.getByRole('textbox', { name: 'Bounced message' });
    await box.fill(text);
    await page.getByRole('button', { name: 'Explain', exact: true }).click();
    const card = await cardFor(page, 'bob@example.com');
    const evidence = card.locator('figure.evidence').filter({ has: page.getByRole('button', { name: 'Show in message' }) });
    assert.ok((await evidence.count()) >= 1);
    const first = evidence.first();
    const shown = await first.locator('pre code').innerText();
    await first.getByRole('button', { name: 'Show in message' }).click();
    const selected = await box.evaluate((el) => el.value.slice(el.selectionStart, el.selectionEnd));
    assert.ok(selected.trim().length >= 10, `something meaningful is selected (got "${selected}")`);
    assert.ok(shown.replace(/\s+/g, ' ').startsWith(selected.trim().replace(/\s+/g, ' ')), `"${selected}" starts "${shown}"`);
    assertClean(problems);
  } finally {
    await context.close();
  }
});

test('"#example=" (KB pages) and "#text=" (share links) fill the box and explain it; "Copy share link" puts the text only in the fragment', { timeout: TIMEOUT }, async () => {
  const { page, context, problems, url } = await openPage({ permissions: CLIPBOARD, hash: `#example=${encodeURIComponent(POSTFIX_BOUNCE)}` });
  try {
    const box = page.getByRole('textbox', { name: 'Bounced message' });
    assert.equal(await box.inputValue(), POSTFIX_BOUNCE);
    let card = await cardFor(page, 'bob@example.com');
    assert.equal(await card.locator('.badge').getAttribute('data-reason'), 'userunknown');

    // A share link, opened afresh.
    const mailboxFull = '552 5.2.2 <zoe@example.org>: Mailbox full - quota exceeded';
    await page.goto('about:blank');
    await page.goto(`${url}#text=${encodeURIComponent(mailboxFull)}`);
    assert.equal(await box.inputValue(), mailboxFull);
    card = await cardFor(page, 'zoe@example.org');
    assert.equal(await card.locator('.badge').getAttribute('data-reason'), 'mailboxfull');

    // Pasting never changes the URL; "Copy share link" makes one with the text in the fragment only.
    await page.goto(url);
    await paste(page, POSTFIX_BOUNCE);
    await cardFor(page, 'bob@example.com');
    assert.equal(page.url(), url, 'the URL does not change when text is pasted');
    await page.getByRole('button', { name: 'Copy share link' }).click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    const parsed = new URL(link);
    assert.equal(parsed.origin + parsed.pathname, new URL(url).origin + '/');
    assert.equal(parsed.search, '', 'nothing in the query string');
    assert.equal(decodeURIComponent(parsed.hash.slice('#text='.length)), POSTFIX_BOUNCE);
    assertClean(problems);
  } finally {
    await context.close();
  }
});

test('XSS: HTML in the diagnostic and in the Subject of the returned message is shown as text', { timeout: TIMEOUT }, async () => {
  const { page, context, problems } = await openPage({ permissions: CLIPBOARD });
  try {
    const evil = '<img src=x onerror=window.__pwned=1><script>window.__pwned=2</script>';
    const text = POSTFIX_BOUNCE.replace('User unknown in virtual\n    mailbox table', `User unknown ${evil} in virtual\n    mailbox table`)
      .replace('Recipient address rejected:\n    User unknown in virtual mailbox table', `Recipient address rejected:\n    User unknown ${evil} in virtual mailbox table`)
      .replace(/Subject: Quarterly report/, `Subject: Quarterly report ${evil}`);
    assert.ok(text.includes(`Subject: Quarterly report ${evil}`), 'the fixture has a returned-message Subject to poison');
    await paste(page, text);
    const card = await cardFor(page, 'bob@example.com');
    await card.locator('summary', { hasText: 'All decoded fields' }).click();
    await page.locator('details.source-view summary').click();
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no script ran');
    assert.equal(await page.locator('#app img, #app script').count(), 0, 'no element was created from the input');
    const cardText = await card.innerText();
    assert.ok(cardText.includes('<img src=x onerror=window.__pwned=1>'), 'the diagnostic shows the markup as text');
    const subject = card.locator('.fields dt', { hasText: /^subject$/ });
    if (await subject.count()) assert.match(await subject.locator('xpath=following-sibling::dd[1]').innerText(), /<script>/);
    else assert.ok(cardText.includes('<script>'), 'the subject or diagnostic shows <script> as text');
    assertClean(problems);
  } finally {
    await context.close();
  }
});

test('a card shows the provider\'s meaning of a code with the registry\'s, the sending platform, and the original message\'s authentication', { timeout: TIMEOUT }, async () => {
  const { page, context, problems } = await openPage({ permissions: CLIPBOARD });
  try {
    await paste(page, '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup <bob@example.com> [BN8NAM12FT012.eop-nam12.prod.protection.outlook.com]\n');
    const microsoft = await cardFor(page, 'bob@example.com');
    assert.match(await microsoft.innerText(), /5\.1\.10 — Recipient not found[^\n]*\(registry: [^)]+\)/);
    // The headline is Microsoft's meaning, so the badge names the reason in words beside it.
    assert.match(await microsoft.locator('.badge').innerText(), /hard bounce\s*·\s*The recipient address does not exist/i);
    assert.doesNotMatch(await microsoft.innerText(), /userunknown/);
    assert.match(await microsoft.innerText(), /Who must act\s*You, the sender, the recipient's mail administrator/, 'one sentence, not a list of capitalised labels');

    // Gmail relayed a Gmail user's message and the remote server blocked Gmail's IP; the returned
    // copy's authentication results fail while the bounce's own header says pass.
    const gmail = [
      'Authentication-Results: mx.google.com; spf=pass; dkim=pass; dmarc=pass',
      'From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
      'To: alice@gmail.com',
      'Subject: Delivery Status Notification (Failure)',
      'Content-Type: multipart/report; report-type=delivery-status; boundary=b',
      '',
      '--b',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mail-sor-f41.google.com',
      '',
      'Final-Recipient: rfc822; carol@example.net',
      'Action: failed',
      'Status: 5.7.1',
      'Remote-MTA: dns; mx.example.net',
      'Diagnostic-Code: smtp; 554 5.7.1 Service unavailable; Client host [192.0.2.41] blocked using zen.spamhaus.org',
      '',
      '--b',
      'Content-Type: message/rfc822',
      '',
      'Authentication-Results: mx.example.net; spf=fail smtp.mailfrom=gmail.com; dkim=none; dmarc=fail',
      'From: alice@gmail.com',
      'Subject: hello',
      '',
      'hello',
      '--b--',
      '',
    ].join('\n');
    await page.getByRole('textbox', { name: 'Bounced message' }).fill('');
    await paste(page, gmail);
    const card = await cardFor(page, 'carol@example.net');
    const text = await card.innerText();
    assert.match(text, /Sent through\s*Gmail/);
    assert.doesNotMatch(text, /check\.spamhaus\.org/, 'no delisting steps for a server the sender does not own');
    const auth = page.locator('section.auth');
    assert.match(await auth.innerText(), /Authentication of the original message/);
    assert.equal((await auth.locator('.auth-item', { hasText: 'DMARC' }).locator('.auth-value').innerText()).trim(), 'fail');
    assertClean(problems);
  } finally {
    await context.close();
  }
});

test('the route of the original message: collapsed, opened from the keyboard, TLS, the slowest hop and where delivery stopped, flags in words, dark mode', { timeout: TIMEOUT }, async () => {
  const { page, context, problems } = await openPage({ permissions: CLIPBOARD });
  try {
    const golden = readFileSync(join(REPO, 'tests/golden/route-microsoft-to-postfix.eml'), 'utf8');
    await paste(page, golden);
    await cardFor(page, 'bob@example.com');
    const route = page.locator('details.route-view');
    assert.equal(await route.count(), 1);
    assert.equal(await route.evaluate((d) => d.open), false, 'collapsed by default');
    assert.equal(await route.locator('ol.route-hops').isVisible(), false);
    assert.match(await route.locator(':scope > summary').innerText(), /^Route of the original message \(3 hops, delivery stopped at mx\.example\.net\)$/);

    // Opened with the keyboard alone: focus the summary, press Enter.
    await route.locator(':scope > summary').focus();
    await page.keyboard.press('Enter');
    assert.equal(await route.evaluate((d) => d.open), true, 'Enter opens it');
    const hops = route.locator('ol.route-hops > li');
    assert.equal(await hops.count(), 3);
    assert.ok(await hops.first().isVisible());
    assert.match(await hops.nth(0).innerText(), /TLS not stated/); // Exchange's mapi hand-over: no network
    assert.match(await hops.nth(1).innerText(), /TLS 1\.2[\s\S]*Microsoft SMTP Server[\s\S]*2024-03-12 10:14:49 UTC[\s\S]*1 s after the hop before/);
    const last = hops.nth(2);
    assert.match(await last.getAttribute('class'), /route-hop-slowest/);
    assert.match(await last.getAttribute('class'), /route-hop-stopped/);
    assert.match(await last.innerText(), /TLS 1\.3[\s\S]*12 s after the hop before[\s\S]*Slowest hop[\s\S]*Delivery stopped here/);
    assert.equal(await route.locator('.route-badge-slowest').count(), 1, 'one hop marked slowest');
    assert.match(await route.locator('.route-next').innerText(), /mail\.example\.com/);
    await page.keyboard.press('Enter');
    assert.equal(await route.evaluate((d) => d.open), false, 'Enter closes it again');

    // Dark mode: the box follows the theme.
    await route.locator(':scope > summary').click();
    await page.emulateMedia({ colorScheme: 'dark' });
    const background = await route.evaluate((d) => getComputedStyle(d).backgroundColor);
    assert.ok(background.match(/\d+/g).map(Number).slice(0, 3).reduce((a, b) => a + b, 0) < 150, `a dark route box (${background})`);
    await screenshot(page, 'route-dark.png');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 360, height: 800 });
    assert.ok((await horizontalOverflow(page)) <= 0, 'no horizontal scrolling at 360px with the route open');

    // A clock that runs behind, a hop from a server nobody named, and markup in a line: flagged in
    // plain words, the markup shown as text.
    const doubtful = golden
      .replace('Tue, 12 Mar 2024 10:14:49 +0000', 'Tue, 12 Mar 2024 10:14:40 +0000')
      .replace('from EUR05-AM6-obe.outbound.protection.outlook.com\n', 'from forged.example.org\n')
      .replace('(Postfix) with ESMTPS', '(Postfix) with <img src=x onerror="window.__routeInjected=1">');
    await page.getByRole('textbox', { name: 'Bounced message' }).fill('');
    await paste(page, doubtful);
    await cardFor(page, 'bob@example.com');
    await page.locator('details.route-view > summary').click();
    const skew = page.locator('.route-flags li[data-flag="clock_skew"]');
    assert.match(await skew.innerText(), /clocks disagree/);
    assert.match(await page.locator('.route-flags li[data-flag="chain_gap"]').innerText(), /did not get the message from the server on the line before/);
    assert.match(await page.locator('.route-hop').nth(1).innerText(), /−8 s after the hop before/);
    assert.match(await page.locator('.route-hop').nth(2).innerText(), /<img/);
    assert.equal(await page.locator('.route-view img').count(), 0);
    assert.equal(await page.evaluate(() => window.__routeInjected), undefined);
    assertClean(problems);
  } finally {
    await context.close();
  }
});

test('a picked Outlook .msg file is read by the core: the box shows the text it was read as, where the evidence is', { timeout: TIMEOUT }, async () => {
  const { page, context, problems } = await openPage();
  try {
    const pick = async (file) => {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open files…' }).click()]);
      await chooser.setFiles(file);
    };
    await pick({ name: 'Undeliverable Quarterly report.msg', mimeType: 'application/vnd.ms-outlook', buffer: Buffer.from(microsoft365Ndr()) });
    const card = await cardFor(page, 'bob@example.com');
    assert.equal(await card.locator('.badge').getAttribute('data-reason'), 'userunknown');
    const box = page.getByRole('textbox', { name: 'Bounced message' });
    assert.match(await box.inputValue(), /\nFinal-Recipient: rfc822; bob@example\.com\nAction: failed\n/);
    assert.match(await page.getByLabel('Notes from the analysis').innerText(), /Outlook \.msg file/);
    const evidence = card.locator('figure.evidence').filter({ has: page.getByRole('button', { name: 'Show in message' }) });
    assert.ok((await evidence.count()) >= 1);
    const shown = await evidence.first().locator('pre code').innerText();
    await evidence.first().getByRole('button', { name: 'Show in message' }).click();
    const selected = await box.evaluate((el) => el.value.slice(el.selectionStart, el.selectionEnd));
    assert.ok(selected.trim().length >= 10 && shown.replace(/\s+/g, ' ').startsWith(selected.trim().replace(/\s+/g, ' ')), `"${selected}" starts "${shown}"`);

    await pick({ name: 'secret.msg', mimeType: 'application/vnd.ms-outlook', buffer: Buffer.from(encryptedMsg()) });
    const notice = page.locator('.notice-unusable');
    await notice.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await notice.innerText(), /encrypted \(S\/MIME\)/);
    assertClean(problems);
  } finally {
    await context.close();
  }
});
