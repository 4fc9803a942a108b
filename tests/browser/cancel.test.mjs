// A running analysis can always be stopped, and a huge report cannot freeze the tab: Clear and a
// new input replace a busy worker, an analysis over the time limit (ANALYSIS_TIME_LIMIT_MS in
// web/ui.mjs, 10 s) says the input is too complex, and what one report puts in the DOM is bounded.
//
// No real input is slow any more, so these tests make one: the worker's copy of worker-core.mjs (in
// worker.bundle.mjs for the page) is served (to this test's browser only) with a busy loop of two minutes before analysing any text
// that contains SLOW_MARKER. A cancellation that did not work would keep the worker for two
// minutes, far past every wait below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, assertClean, POSTFIX_BOUNCE, TIMEOUT } from './helpers.mjs';

const SLOW_MARKER = 'BX-SLOW-TEST';
const SLOW_INPUT = `${SLOW_MARKER}\n550 5.1.1 <slow@example.com>: Recipient address rejected: User unknown`;
const EXPLAIN_LINE = 'const explainOne = (core, input) => parseReport(core.explain(input));';

/** Serves worker-core.mjs with a two-minute busy loop in front of the analysis of a marked text. */
async function slowWorkerCore(context) {
  // The page's worker is worker.bundle.mjs (worker-core.mjs inside it); the embed's imports worker-core.mjs.
  await context.route(/\/worker(-core|\.bundle)\.mjs$/, async (route) => {
    const response = await route.fetch();
    const source = await response.text();
    assert.ok(source.includes(EXPLAIN_LINE), `${route.request().url()} still has the line this test slows down`);
    const slowed = source.replace(
      EXPLAIN_LINE,
      `const explainOne = (core, input) => {
        if (input.includes(${JSON.stringify(SLOW_MARKER)})) { const end = Date.now() + 120000; while (Date.now() < end); }
        return parseReport(core.explain(input));
      };`,
    );
    await route.fulfill({ response, body: slowed });
  });
}

/** Counts the page's workers as they start and end. */
function watchWorkers(page) {
  const counts = { started: 0, ended: 0 };
  const watch = (worker) => {
    counts.started += 1;
    worker.on('close', () => {
      counts.ended += 1;
    });
  };
  page.workers().forEach(watch); // the one boot.mjs started with the page
  page.on('worker', watch);
  return counts;
}

async function explainText(page, text) {
  await page.getByRole('textbox', { name: 'Bounced message' }).fill(text);
  await page.getByRole('button', { name: 'Explain', exact: true }).click();
}

test('Clear and a new input stop a running analysis: the next one is answered by a fresh worker', { timeout: TIMEOUT }, async () => {
  const { page, context, problems } = await openPage({ beforeLoad: slowWorkerCore });
  try {
    const workers = watchWorkers(page);
    // Warm: one real analysis first, so the worker is the one doing the work below.
    await explainText(page, POSTFIX_BOUNCE);
    await page.getByRole('heading', { name: '1 recipient was not reached' }).waitFor({ timeout: 30_000 });

    // Clear during a (two-minute) analysis.
    await explainText(page, SLOW_INPUT);
    await page.locator('form.explain-form.is-busy').waitFor({ timeout: 10_000 });
    const endedBefore = workers.ended;
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.waitForFunction(() => !document.querySelector('form.explain-form.is-busy'));
    assert.equal(await page.getByRole('textbox', { name: 'Bounced message' }).inputValue(), '');
    assert.ok(await page.getByLabel('Results', { exact: true }).isHidden(), 'nothing of the stopped analysis is shown');
    await expectEventually(() => workers.ended > endedBefore, 'Clear ended the busy worker');

    // A new input during a (two-minute) analysis: answered at once.
    await explainText(page, SLOW_INPUT);
    await page.locator('form.explain-form.is-busy').waitFor({ timeout: 10_000 });
    await explainText(page, '552 5.2.2 <zoe@example.org>: Mailbox full');
    await page.locator('article.record', { hasText: 'zoe@example.org' }).waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('article.record', { hasText: 'slow@example.com' }).count(), 0);
    await expectEventually(() => workers.ended >= endedBefore + 2, `each cancelled analysis ended its worker (${JSON.stringify(workers)})`);
    assertClean(problems);
  } finally {
    await context.close();
  }
});

test('an analysis over the time limit stops with "too complex" and the page goes on working', { timeout: 90_000 }, async () => {
  const { page, context, problems } = await openPage({ beforeLoad: slowWorkerCore });
  try {
    await explainText(page, POSTFIX_BOUNCE);
    await page.getByRole('heading', { name: '1 recipient was not reached' }).waitFor({ timeout: 30_000 });
    await explainText(page, SLOW_INPUT);
    const message = page.getByRole('heading', { name: 'This input is too complex to explain here; try the command-line tool' });
    await message.waitFor({ timeout: 40_000 }); // the limit is 10 s; the slow analysis would take 120 s
    assert.match(await page.getByLabel('Results', { exact: true }).innerText(), /stopped after 10 seconds/);
    assert.equal(await page.locator('form.explain-form.is-busy').count(), 0, 'the form is usable again');
    await explainText(page, '552 5.2.2 <zoe@example.org>: Mailbox full');
    await page.locator('article.record', { hasText: 'zoe@example.org' }).waitFor({ timeout: 30_000 });
    assertClean(problems);
  } finally {
    await context.close();
  }
});

/** A DSN with `count` failed recipients (documentation addresses only). */
function manyRecipientDsn(count) {
  const blocks = [];
  for (let i = 1; i <= count; i++) {
    blocks.push(`Final-Recipient: rfc822; user${i}@example.com\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 <user${i}@example.com>: User unknown\n`);
  }
  return `From: MAILER-DAEMON@mx.example.net\nTo: alice@example.org\nSubject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary="b1"\n\n--b1\nContent-Type: text/plain\n\nDelivery failed.\n\n--b1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n${blocks.join('\n')}\n--b1--\n`;
}

test('a share link with hundreds of recipients renders a bounded number of cards; "Show more" adds more', { timeout: TIMEOUT }, async () => {
  const text = manyRecipientDsn(300);
  const { page, context, problems } = await openPage({ hash: `#text=${encodeURIComponent(text)}` });
  try {
    await page.getByRole('heading', { name: '300 recipients were not reached' }).waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('article.record').count(), 50, 'the first 50 cards');
    assert.match(await page.locator('.records-more').innerText(), /^50 of 300 recipients shown/);
    await page.getByRole('button', { name: 'Show 50 more' }).click();
    assert.equal(await page.locator('article.record').count(), 100);
    assert.match(await page.locator('.records-more').innerText(), /^100 of 300 recipients shown/);
    assertClean(problems);
  } finally {
    await context.close();
  }
});

test('a report of 1,000 records with 200 evidence lines each puts a bounded number of nodes in the DOM', { timeout: TIMEOUT }, async () => {
  const { page, context, problems } = await openPage();
  try {
    const counts = await page.evaluate(async () => {
      const { renderReport, DOM_LIMITS } = await import('./render.mjs');
      const longLine = 'x'.repeat(20_000);
      const evidence = Array.from({ length: 200 }, (_, i) => ({ begin: i * 10, end: i * 10 + 5, line: i + 1, text: `line ${i} ${longLine}`, label: 'diagnostic' }));
      const records = Array.from({ length: 1000 }, (_, i) => ({ recipient: `user${i}@example.com`, reason: 'userunknown', hard_bounce: true, status: '5.1.1', diagnostic_code: longLine, evidence, explanation: { headline: 'The recipient address does not exist' } }));
      const container = document.createElement('div');
      renderReport(container, { status: 'bounce', records, warnings: [] }, { sourceText: 'y'.repeat(2000 + 200 * 10) });
      return {
        elements: container.getElementsByTagName('*').length,
        cards: container.querySelectorAll('article.record').length,
        evidence: container.querySelectorAll('article.record')[0].querySelectorAll('figure.evidence').length,
        longest: Math.max(...[...container.querySelectorAll('code')].map((c) => c.textContent.length)),
        marks: container.querySelectorAll('mark').length,
        limits: DOM_LIMITS,
      };
    });
    assert.equal(counts.cards, counts.limits.cards);
    assert.equal(counts.evidence, counts.limits.evidencePerRecord);
    assert.ok(counts.longest < counts.limits.textChars + 200, `texts are cut (${counts.longest} characters)`);
    assert.ok(counts.marks <= counts.limits.marks, `${counts.marks} marks`);
    // 1,000 cards of 200 lines would be about a million elements.
    assert.ok(counts.elements < 20_000, `${counts.elements} elements`);
    assertClean(problems);
  } finally {
    await context.close();
  }
});

/** Waits (by polling, at most 10 s) until `condition()` holds. */
async function expectEventually(condition, what) {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  assert.ok(condition(), what);
}
