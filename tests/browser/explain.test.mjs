// End-to-end tests of the Bounce Explainer page in Debian's Chromium.
//
//   node web/build-site.mjs --wasm-dir build/wasm/wasm --out build/site
//   node --test tests/browser/
//
// Serves the built site (BX_SITE_DIR, default <repo>/build/site) with
// web/serve.mjs on a free loopback port and drives /usr/bin/chromium through
// playwright-core (which never downloads a browser). Every request is checked
// to go to the page's own origin; requests elsewhere are aborted and fail the
// test. Console errors, page errors and failed requests fail the test too.
// BX_SCREENSHOT_DIR=<dir> saves screenshots of the rendered pages.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../web/serve.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');
const SITE_DIR = process.env.BX_SITE_DIR ? resolve(process.env.BX_SITE_DIR) : join(REPO, 'build/site');
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT_DIR = process.env.BX_SCREENSHOT_DIR || '';
const TIMEOUT = 60_000;

const POSTFIX_BOUNCE = readFileSync(join(HERE, 'fixtures/postfix-userunknown.eml'), 'utf8');

// ----------------------------------------------------------------- setup ---

let shared = null; // {browser, server}

/** Starts the server and the browser once; throws a clear error when something is missing. */
async function setup() {
  if (shared) return shared;
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Debian Chromium was not found at ${CHROMIUM}. The browser tests need it: install it with ` +
        '`apt-get install -y chromium` (playwright-core does not download browsers).',
    );
  }
  for (const file of ['index.html', 'worker.mjs', 'bounce-explainer.mjs', 'bounce-explainer.wasm']) {
    if (!existsSync(join(SITE_DIR, file))) {
      throw new Error(
        `The site is not built: ${join(SITE_DIR, file)} is missing. Build it with ` +
          '`cmake --preset wasm && cmake --build --preset wasm && ' +
          'node web/build-site.mjs --wasm-dir build/wasm/wasm --out build/site` (or set BX_SITE_DIR).',
      );
    }
  }
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (error) {
    throw new Error(`playwright-core is not installed: run \`npm ci\` in tests/browser (${error.message})`);
  }
  const server = await startServer({ root: SITE_DIR, port: 0, host: '127.0.0.1' });
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (error) {
    await server.close();
    throw error;
  }
  shared = { browser, server };
  return shared;
}

after(async () => {
  if (!shared) return;
  await shared.browser.close().catch(() => {});
  await shared.server.close();
});

/**
 * Opens the page in a fresh context and records everything that would make
 * the test fail: foreign requests, failed requests, console errors.
 */
async function openPage({ width = 1100, height = 900, permissions = [], hash = '' } = {}) {
  const { browser, server } = await setup();
  const origin = new URL(server.url).origin;
  const context = await browser.newContext({ viewport: { width, height }, permissions });
  const problems = { foreignRequests: [], failedRequests: [], consoleErrors: [] };

  const isOwnOrigin = (url) => {
    if (url.startsWith('data:')) return true; // no network involved
    try {
      return new URL(url).origin === origin;
    } catch {
      return false;
    }
  };
  // Nothing may leave the page's origin: abort (and record) anything else.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isOwnOrigin(url)) return route.continue();
    problems.foreignRequests.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('request', (request) => {
    if (!isOwnOrigin(request.url())) problems.foreignRequests.push(request.url());
  });
  context.on('requestfailed', (request) => {
    problems.failedRequests.push(`${request.url()} (${request.failure()?.errorText})`);
  });
  context.on('response', (response) => {
    if (response.status() >= 400) problems.failedRequests.push(`${response.url()} (HTTP ${response.status()})`);
  });

  const page = await context.newPage();
  const onConsole = (where) => (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(`${where}: ${message.text()}`);
  };
  page.on('console', onConsole('page'));
  page.on('pageerror', (error) => problems.consoleErrors.push(`page error: ${error.message}`));
  page.on('worker', (worker) => {
    worker.on('console', onConsole('worker'));
  });

  await page.goto(server.url + hash);
  await page.getByRole('textbox', { name: 'Bounced message' }).waitFor({ state: 'visible' });
  return { page, context, problems, origin };
}

function assertClean(problems) {
  assert.deepEqual(problems.foreignRequests, [], 'requests went to another origin than the page');
  assert.deepEqual(problems.failedRequests, [], 'some requests failed');
  assert.deepEqual(problems.consoleErrors, [], 'the page logged errors');
}

async function screenshot(page, name) {
  if (!SCREENSHOT_DIR) return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, name), fullPage: true });
}

/** Pastes text through the real clipboard (Ctrl+V), which auto-runs the analysis. */
async function paste(page, text) {
  const box = page.getByRole('textbox', { name: 'Bounced message' });
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await box.focus();
  await page.keyboard.press('Control+V');
  const pasted = await box.inputValue();
  assert.equal(pasted.length, text.length, 'the paste did not reach the textarea');
}

// ----------------------------------------------------------------- tests ---

test('a pasted Postfix bounce is explained: recipient, reason, hard bounce, status, fix steps', { timeout: TIMEOUT }, async () => {
  const { page, context, problems } = await openPage({ permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    await paste(page, POSTFIX_BOUNCE); // no button press: pasting runs the analysis

    const card = page.locator('article.record').filter({ hasText: 'bob@example.com' }).first();
    await card.waitFor({ state: 'visible', timeout: 30_000 });

    const text = await card.innerText();
    assert.match(text, /bob@example\.com/);
    assert.equal((await card.locator('.reason-code').innerText()).trim(), 'userunknown');
    const badge = (await card.locator('.badge').innerText()).trim();
    assert.match(badge, /hard bounce/i, `badge says "${badge}"`);
    assert.match(text, /5\.1\.1/);
    assert.match(text, /550/);

    const headline = (await card.locator('.record-headline').innerText()).trim();
    assert.ok(headline.length > 3, `a headline is shown (got "${headline}")`);
    const steps = card.locator('ol.fix-steps > li');
    assert.ok((await steps.count()) >= 1, 'at least one fix step');
    assert.ok((await steps.first().innerText()).trim().length > 3, 'the first fix step has text');

    // The status line announces the result to screen readers.
    assert.match(await page.locator('#status').textContent(), /\d+ failed recipients? explained/);

    await screenshot(page, 'postfix-desktop.png');

    // Still usable on a 360px-wide phone: nothing overflows horizontally.
    await page.setViewportSize({ width: 360, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at 360px (overflow ${overflow}px)`);
    await screenshot(page, 'postfix-phone.png');

    assertClean(problems);
  } finally {
    await context.close();
  }
});

test('plain text that is not a bounce shows the not-a-bounce message', { timeout: TIMEOUT }, async () => {
  const { page, context, problems } = await openPage();
  try {
    await page.getByRole('textbox', { name: 'Bounced message' }).fill('hello, how are you');
    await page.keyboard.press('Control+Enter');
    const notice = page.locator('.notice-not_a_bounce');
    await notice.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await notice.innerText(), /does not look like a bounce/i);
    assert.equal(await page.locator('article.record').count(), 0, 'no recipient cards');
    await screenshot(page, 'not-a-bounce.png');
    assertClean(problems);
  } finally {
    await context.close();
  }
});

test('"Show in message" selects the exact evidence line, even after non-ASCII text', { timeout: TIMEOUT }, async () => {
  const { page, context, problems } = await openPage();
  try {
    // Non-ASCII before the delivery-status part makes byte offsets differ from UTF-16 indices.
    const text = POSTFIX_BOUNCE.replace(
      'This is the mail system at host mail.example.org.',
      'This is the mail system at host mail.example.org — “naïve” façade 😀 用户.',
    );
    assert.notEqual(text, POSTFIX_BOUNCE);
    const box = page.getByRole('textbox', { name: 'Bounced message' });
    await box.fill(text);
    await page.getByRole('button', { name: 'Explain', exact: true }).click();

    const card = page.locator('article.record').first();
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    const evidence = card.locator('figure.evidence').filter({ has: page.getByRole('button', { name: 'Show in message' }) });
    assert.ok((await evidence.count()) >= 1, 'the card shows at least one evidence line with a "Show in message" button');
    const first = evidence.first();
    const shown = await first.locator('pre code').innerText();
    await first.getByRole('button', { name: 'Show in message' }).click();
    const selected = await box.evaluate((el) => el.value.slice(el.selectionStart, el.selectionEnd));
    // The evidence text may be an unfolded header, longer than its first input line.
    assert.ok(selected.trim().length >= 10, `something meaningful is selected (got "${selected}")`);
    assert.ok(
      shown.replace(/\s+/g, ' ').startsWith(selected.trim().replace(/\s+/g, ' ')),
      `the selection "${selected}" is the start of the evidence "${shown}"`,
    );
    assertClean(problems);
  } finally {
    await context.close();
  }
});

test('a "#example=" link (from the knowledge-base pages) fills the box and explains it', { timeout: TIMEOUT }, async () => {
  const { page, context, problems } = await openPage({ hash: `#example=${encodeURIComponent(POSTFIX_BOUNCE)}` });
  try {
    assert.equal(await page.getByRole('textbox', { name: 'Bounced message' }).inputValue(), POSTFIX_BOUNCE);
    const card = page.locator('article.record').filter({ hasText: 'bob@example.com' }).first();
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal((await card.locator('.reason-code').innerText()).trim(), 'userunknown');
    assertClean(problems);
  } finally {
    await context.close();
  }
});
