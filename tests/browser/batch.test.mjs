// Several bounces at once: an mbox (split in the worker), many files, progress, summary,
// filters, the virtual table and CSV/JSON export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPage, assertClean, screenshot, generateMbox, horizontalOverflow, FIXTURES, TIMEOUT } from './helpers.mjs';
import { microsoft365Ndr } from '../msg/build-msg.mjs';

test('an mbox of 300 generated bounces shows progress, then the summary, filters and exports', { timeout: TIMEOUT }, async () => {
  const { page, context, problems } = await openPage({ acceptDownloads: true });
  try {
    const COUNT = 300;
    const mbox = generateMbox(COUNT);
    // Watch the main thread: record the longest gap between animation frames during the batch.
    await page.evaluate(() => {
      window.__maxFrameGap = 0;
      window.__progressSeen = [];
      let last = performance.now();
      const tick = (now) => {
        window.__maxFrameGap = Math.max(window.__maxFrameGap, now - last);
        last = now;
        const text = document.querySelector('.batch-progress-text')?.textContent;
        if (text && window.__progressSeen.at(-1) !== text) window.__progressSeen.push(text);
        if (!window.__stopFrames) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open files…' }).click()]);
    await chooser.setFiles({ name: 'bounces.mbox', mimeType: 'application/mbox', buffer: Buffer.from(mbox) });

    await page.locator('.batch-progress-text', { hasText: /^Done: 300 messages explained/ }).waitFor({ timeout: 45_000 });
    const seen = await page.evaluate(() => {
      window.__stopFrames = true;
      return window.__progressSeen;
    });
    assert.ok(seen.some((t) => /^\d+ of 300 messages explained/.test(t)), `progress messages were shown: ${seen.slice(0, 5)}`);
    const gap = await page.evaluate(() => window.__maxFrameGap);
    assert.ok(gap < 500, `the page kept drawing frames during the batch (longest gap ${Math.round(gap)} ms)`);

    // Summary: totals and bars by reason and by category.
    const totals = await page.locator('.batch-totals').innerText();
    assert.match(totals, /300\s*messages/);
    assert.match(totals, /300\s*failed recipients/);
    // Bars are labelled with the reasons' titles; the id is in the tooltip.
    const reasonChart = page.locator('.chart', { hasText: 'By reason' });
    const reasons = await reasonChart.locator('.bar-label').allInnerTexts();
    for (const reason of ['The recipient address does not exist', "The recipient's mailbox is full", "The sending server's IP address is blocked"]) {
      assert.ok(reasons.includes(reason), `bar for ${reason} (got ${reasons})`);
    }
    assert.ok(reasons.every((label) => !/^[a-z]+$/.test(label)), `no raw reason id on a bar (got ${reasons})`);
    assert.match(await reasonChart.getByRole('button', { name: /The recipient address does not exist/ }).getAttribute('title'), /\(userunknown\)/);
    assert.ok((await page.locator('.chart', { hasText: 'By category' }).locator('.bar').count()) >= 2);

    // Virtual table: all rows counted, few in the DOM.
    assert.equal(await page.locator('.batch-table').getAttribute('aria-rowcount'), String(COUNT + 1));
    const domRows = await page.locator('.batch-table tbody tr:not(.spacer)').count();
    assert.ok(domRows > 5 && domRows < 100, `only visible rows are rendered (${domRows})`);
    await page.locator('.batch-table-wrap').evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await page.locator('.batch-table td.num', { hasText: /^300$/ }).waitFor({ timeout: 5000 });

    // A row opens its details below the table.
    await page.locator('.batch-table-wrap').evaluate((el) => {
      el.scrollTop = 0;
    });
    await page.locator('.batch-table').getByRole('button', { name: 'user4@example.com' }).click();
    const detail = page.locator('.batch-detail');
    await detail.waitFor();
    assert.match(await detail.innerText(), /The recipient address does not exist[\s\S]*5\.1\.1[\s\S]*User unknown/);
    assert.doesNotMatch(await detail.innerText(), /userunknown/);
    await detail.getByRole('button', { name: 'Close' }).click();
    assert.ok(await detail.isHidden());

    // Filters: by reason (select), by kind, by clicking a bar, by search.
    const reasonOptions = await page.getByLabel('Reason', { exact: true }).locator('option').allInnerTexts();
    assert.ok(reasonOptions.includes("The recipient's mailbox is full (75)"), `reason filter in words (got ${reasonOptions})`);
    await page.getByLabel('Reason', { exact: true }).selectOption('mailboxfull');
    assert.match(await page.locator('.batch-shown').innerText(), /^75 of 300 rows/);
    const reasonCells = await page.locator('.batch-table tbody tr:not(.spacer) td:nth-child(3)').allInnerTexts();
    assert.ok(reasonCells.every((c) => c === "The recipient's mailbox is full"), `only mailboxfull rows, in words (got ${reasonCells.slice(0, 3)})`);
    await page.getByLabel('Reason', { exact: true }).selectOption('');
    await page.getByLabel('Kind').selectOption('hard');
    const hardCount = Number((await page.locator('.batch-shown').innerText()).match(/^(\d+)/)[1]);
    assert.ok(hardCount > 0 && hardCount < COUNT);
    await page.getByLabel('Kind').selectOption('');
    await page.getByLabel('Search').fill('user4@example.com');
    assert.match(await page.locator('.batch-shown').innerText(), /^1 of 300 rows/);
    await page.getByLabel('Search').fill('');
    await page.locator('.chart', { hasText: 'By reason' }).getByRole('button', { name: /The recipient address does not exist/ }).click();
    assert.match(await page.locator('.batch-shown').innerText(), /^75 of 300 rows/);

    // Exports (of the filtered rows).
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const lines = readFileSync(await csv.path(), 'utf8').trim().split('\r\n');
    assert.equal(lines.length, 76, 'header + 75 rows');
    assert.match(lines[0], /recipient/);
    assert.match(lines[1], /userunknown/);
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    const rows = JSON.parse(readFileSync(await json.path(), 'utf8'));
    assert.equal(rows.length, 75);
    assert.equal(rows[0].reason, 'userunknown', 'exports keep the id');
    assert.ok(!('reasonTitle' in rows[0]), 'exports are the rows as before: no title added');

    await page.locator('.chart', { hasText: 'By reason' }).getByRole('button', { name: /The recipient address does not exist/ }).click(); // clear the filter
    await screenshot(page, 'batch-desktop.png');
    await page.setViewportSize({ width: 360, height: 800 });
    assert.ok((await horizontalOverflow(page)) <= 0, 'no horizontal page scrolling at 360px in the batch view');
    await screenshot(page, 'batch-phone.png');
    assertClean(problems);
  } finally {
    await context.close();
  }
});

test('several files at once and a pasted mbox both go to the batch view; ">From " lines are unescaped', { timeout: TIMEOUT }, async () => {
  const { page, context, problems } = await openPage();
  try {
    const eml = readFileSync(join(FIXTURES, 'postfix-userunknown.eml'));
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open files…' }).click()]);
    await chooser.setFiles([
      { name: 'a.eml', mimeType: 'message/rfc822', buffer: eml },
      { name: 'b.txt', mimeType: 'text/plain', buffer: Buffer.from('552 5.2.2 <zoe@example.org>: Mailbox full') },
      { name: 'c.mbox', mimeType: 'application/mbox', buffer: Buffer.from(generateMbox(3)) },
      { name: 'd.msg', mimeType: 'application/vnd.ms-outlook', buffer: Buffer.from(microsoft365Ndr('carl@example.net')) },
    ]);
    await page.locator('.batch-progress-text', { hasText: /^Done: 6 messages explained/ }).waitFor({ timeout: 30_000 });
    const recipients = await page.locator('.batch-table tbody td:nth-child(2)').allInnerTexts();
    assert.ok(recipients.includes('bob@example.com') && recipients.includes('zoe@example.org'), String(recipients));
    assert.ok(recipients.includes('carl@example.net'), `the Outlook .msg file is read in a batch too: ${recipients}`);

    // The splitter itself (same code as the worker's), in the page.
    const parts = await page.evaluate(async () => {
      const { splitMbox } = await import('./worker-core.mjs');
      return [
        splitMbox('From a@example.com Mon\nSubject: one\n\n>From here\n>>From there\nFrom b@example.com Tue Jul  2 12:05:05 2020\nSubject: two\n'),
        // As the CLI reads it: a body line starting "From " (not after a blank line, not a postmark) stays.
        splitMbox('From a@example.com Mon Jul  1 10:00:00 2024\nSubject: one\n\nHello\nFrom the desk of Bob\n'),
      ];
    });
    assert.deepEqual(parts, [
      ['Subject: one\n\nFrom here\n>From there\n', 'Subject: two\n'],
      ['Subject: one\n\nHello\nFrom the desk of Bob\n'],
    ]);

    // A long batch can be stopped.
    const [big] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open files…' }).click()]);
    await big.setFiles({ name: 'big.mbox', mimeType: 'application/mbox', buffer: Buffer.from(generateMbox(4000)) });
    await page.locator('.batch-progress-text', { hasText: /of 4,000 messages explained/ }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.locator('.batch-progress-text', { hasText: /^Stopped: [\d,]+ of 4,000 messages explained/ }).waitFor({ timeout: 10_000 });

    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('textbox', { name: 'Bounced message' }).fill(generateMbox(12));
    await page.keyboard.press('Control+Enter');
    await page.locator('.batch-progress-text', { hasText: /^Done: 12 messages explained/ }).waitFor({ timeout: 30_000 });
    assertClean(problems);
  } finally {
    await context.close();
  }
});

test('Export CSV is the CLI CSV: same header, hostile names and recipients neutralised the same way', { timeout: TIMEOUT }, async () => {
  const { page, context, problems } = await openPage({ acceptDownloads: true });
  try {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open files…' }).click()]);
    await chooser.setFiles([
      { name: '=HYPERLINK("example.com";"x").eml', mimeType: 'message/rfc822', buffer: Buffer.from('550 5.1.1 <-2+3@example.com>: Recipient address rejected: User unknown\n') },
      { name: 'box.mbox', mimeType: 'application/mbox', buffer: Buffer.from(generateMbox(2)) },
    ]);
    await page.locator('.batch-progress-text', { hasText: /^Done: 3 messages explained/ }).waitFor({ timeout: 30_000 });
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const lines = readFileSync(await csv.path(), 'utf8').split('\r\n');
    // The header of `bounce-explain --format csv`, and HOSTILE_ROW_START of tests/cli/cli.test.mjs.
    assert.equal(lines[0], 'file,mbox_message,recipient,reason,status,reply_code,hard_bounce,destination,decoded_by,category,headline,provider,diagnostic_code');
    assert.ok(lines[1].startsWith(`"'=HYPERLINK(""example.com"";""x"").eml",,'-2+3@example.com,userunknown,5.1.1,550,true,example.com,`), lines[1]);
    // An mbox's messages: the file and the message's position, as the CLI names them.
    assert.ok(lines[2].startsWith('box.mbox,1,user1@example.org,'), lines[2]);
    assert.ok(lines[3].startsWith('box.mbox,2,user2@example.net,'), lines[3]);
    assert.equal(lines.length, 5, 'three rows, then the final CRLF');
    assertClean(problems);
  } finally {
    await context.close();
  }
});
