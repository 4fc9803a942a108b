// The single self-contained bounce-explainer.html, opened from a file:// URL: the analyser
// (wasm inlined, Blob-URL worker) works, batches work, nothing is fetched, and the published
// SHA-256 matches the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setup, cardFor, generateMbox, SITE_DIR, POSTFIX_BOUNCE, TIMEOUT } from './helpers.mjs';

test('bounce-explainer.html works from file:// with no network, and its SHA-256 is published and linked', { timeout: TIMEOUT }, async () => {
  const file = join(SITE_DIR, 'bounce-explainer.html');
  const bytes = readFileSync(file);
  const published = readFileSync(`${file}.sha256`, 'utf8');
  assert.equal(published, `${createHash('sha256').update(bytes).digest('hex')}  bounce-explainer.html\n`);
  const index = readFileSync(join(SITE_DIR, 'index.html'), 'utf8');
  assert.match(index, /href="bounce-explainer\.html"/);
  assert.match(index, /href="bounce-explainer\.html\.sha256"/);

  const { browser } = await setup();
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  const errors = [];
  const network = [];
  context.on('request', (request) => {
    if (!request.url().startsWith('file:') && !request.url().startsWith('blob:') && !request.url().startsWith('data:')) network.push(request.url());
  });
  try {
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('worker', (w) => w.on('console', (m) => m.type() === 'error' && errors.push(`worker: ${m.text()}`)));
    await page.goto(pathToFileURL(file).href);
    const box = page.getByRole('textbox', { name: 'Bounced message' });
    await box.waitFor({ state: 'visible' });
    await box.fill(POSTFIX_BOUNCE);
    await page.keyboard.press('Control+Enter');
    const card = await cardFor(page, 'bob@example.com');
    assert.equal(await card.locator('.badge').getAttribute('data-reason'), 'userunknown');
    assert.equal(await card.locator('a.reason-link').count(), 0, 'no links to KB pages that are not in the file');

    await page.getByRole('button', { name: 'Clear' }).click();
    await box.fill(generateMbox(20));
    await page.keyboard.press('Control+Enter');
    await page.locator('.batch-progress-text', { hasText: /^Done: 20 messages/ }).waitFor({ timeout: 30_000 });

    assert.deepEqual(network, [], 'the single file fetched nothing');
    assert.deepEqual(errors, [], 'no errors');
  } finally {
    await context.close();
  }
});
