// Shared setup of the browser tests: one Chromium and one server per test file.
//
// Serves the built site (BX_SITE_DIR, default <repo>/build/site) with web/serve.mjs on a free
// loopback port, plus tests/browser/fixtures under /__fixtures__/ (same origin), and drives
// Debian's /usr/bin/chromium through playwright-core (which never downloads a browser).
// Missing Chromium, playwright-core or site files make the tests FAIL with a clear message.
// BX_SCREENSHOT_DIR=<dir> saves screenshots.
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../web/serve.mjs';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(HERE, '../..');
export const SITE_DIR = process.env.BX_SITE_DIR ? resolve(process.env.BX_SITE_DIR) : join(REPO, 'build/site');
export const FIXTURES = join(HERE, 'fixtures');
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOT_DIR = process.env.BX_SCREENSHOT_DIR || '';
export const TIMEOUT = 60_000;
export const POSTFIX_BOUNCE = readFileSync(join(FIXTURES, 'postfix-userunknown.eml'), 'utf8');

const REQUIRED_SITE_FILES = ['index.html', 'worker.mjs', 'worker-core.mjs', 'bounce-explainer.mjs', 'bounce-explainer.wasm', 'sw.js', 'bounce-explainer.html'];

let shared = null;

/** Starts the server and the browser once per test file. */
export async function setup() {
  if (shared) return shared;
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Debian Chromium was not found at ${CHROMIUM}. Install it with \`apt-get install -y chromium\` (playwright-core does not download browsers).`);
  }
  for (const file of REQUIRED_SITE_FILES) {
    if (!existsSync(join(SITE_DIR, file))) {
      throw new Error(
        `The site is not built: ${join(SITE_DIR, file)} is missing. Build it with ` +
          '`cmake --build --preset wasm --target site` (or node web/build-site.mjs --wasm-dir build/wasm/wasm --out build/site; or set BX_SITE_DIR).',
      );
    }
  }
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (error) {
    throw new Error(`playwright-core is not installed: run \`npm ci\` in tests/browser (${error.message})`);
  }
  const server = await startServer({ root: SITE_DIR, port: 0, host: '127.0.0.1', mounts: { '/__fixtures__/': FIXTURES } });
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  } catch (error) {
    await server.close();
    throw error;
  }
  shared = { browser, server, origin: new URL(server.url).origin };
  return shared;
}

after(async () => {
  if (!shared) return;
  await shared.browser.close().catch(() => {});
  await shared.server.close();
});

/**
 * Opens a page in a fresh context and records every request and every problem:
 * requests to another origin (aborted when `route` is on), failed requests, console errors.
 * @param {{width?: number, height?: number, permissions?: string[], path?: string, hash?: string,
 *   colorScheme?: 'light'|'dark', route?: boolean, serviceWorkers?: 'allow'|'block', waitForTool?: boolean,
 *   beforeLoad?: (context: import('playwright-core').BrowserContext) => Promise<void>}} options
 */
export async function openPage({ width = 1100, height = 900, permissions = [], path = '', hash = '', colorScheme = 'light', route = true, serviceWorkers = 'block', waitForTool = true, acceptDownloads = false, bypassCSP = false, beforeLoad = null } = {}) {
  const { browser, server, origin } = await setup();
  const context = await browser.newContext({ viewport: { width, height }, permissions, colorScheme, serviceWorkers, acceptDownloads, bypassCSP });
  const problems = { foreignRequests: [], failedRequests: [], consoleErrors: [] };
  const requests = []; // every request: {url, method, postData, time}

  const isOwnOrigin = (url) => {
    if (url.startsWith('data:') || url.startsWith('blob:')) return true; // no network involved
    try {
      return new URL(url).origin === origin;
    } catch {
      return false;
    }
  };
  if (route) {
    await context.route('**/*', (r) => {
      const url = r.request().url();
      if (isOwnOrigin(url)) return r.continue();
      problems.foreignRequests.push(url);
      return r.abort('blockedbyclient');
    });
  }
  context.on('request', (request) => {
    requests.push({ url: request.url(), method: request.method(), postData: request.postData() || '', time: Date.now() });
    if (!isOwnOrigin(request.url())) problems.foreignRequests.push(request.url());
  });
  context.on('requestfailed', (request) => {
    const text = request.failure()?.errorText || '';
    if (/ERR_ABORTED/.test(text) && /\.(png|svg)$/.test(request.url())) return; // icons cancelled by navigation
    problems.failedRequests.push(`${request.url()} (${text})`);
  });
  context.on('response', (response) => {
    if (response.status() >= 400) problems.failedRequests.push(`${response.url()} (HTTP ${response.status()})`);
  });

  if (beforeLoad) await beforeLoad(context); // routes of one test, set before the page loads
  const page = await context.newPage();
  const onConsole = (where) => (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(`${where}: ${message.text()}`);
  };
  page.on('console', onConsole('page'));
  page.on('pageerror', (error) => problems.consoleErrors.push(`page error: ${error.message}`));
  page.on('worker', (worker) => worker.on('console', onConsole('worker')));

  await page.goto(server.url + path + hash);
  if (waitForTool) await page.getByRole('textbox', { name: 'Bounced message' }).waitFor({ state: 'visible' });
  return { page, context, problems, requests, origin, url: server.url };
}

export function assertClean(problems) {
  assert.deepEqual(problems.foreignRequests, [], 'requests went to another origin than the page');
  assert.deepEqual(problems.failedRequests, [], 'some requests failed');
  assert.deepEqual(problems.consoleErrors, [], 'the page logged errors');
}

export async function screenshot(page, name, { fullPage = true } = {}) {
  if (!SCREENSHOT_DIR) return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, name), fullPage });
}

/** Pastes text through the real clipboard (Ctrl+V), which auto-runs the analysis. */
export async function paste(page, text, box = page.getByRole('textbox', { name: 'Bounced message' })) {
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await box.focus();
  await page.keyboard.press('Control+V');
  assert.equal((await box.inputValue()).length, text.length, 'the paste did not reach the textarea');
}

/** The first card whose text mentions `recipient`, once visible. */
export async function cardFor(page, recipient, root = page) {
  const card = root.locator('article.record').filter({ hasText: recipient }).first();
  await card.waitFor({ state: 'visible', timeout: 30_000 });
  return card;
}

/** Horizontal overflow of the document, in px (0 = no horizontal scrolling). */
export function horizontalOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** A generated mbox of `count` bounces of a few kinds (documentation addresses only). */
export function generateMbox(count) {
  const kinds = [
    (i) => `550 5.1.1 <user${i}@example.com>: Recipient address rejected: User unknown in virtual mailbox table`,
    (i) => `552 5.2.2 <user${i}@example.org>: Mailbox full - quota exceeded`,
    (i) => `554 5.7.1 Service unavailable; Client host [192.0.2.${i % 250}] blocked using zen.spamhaus.org`,
    (i) => `421 4.7.0 [192.0.2.${i % 250}] Our system has detected an unusual rate of unsolicited mail; try again later`,
  ];
  const parts = [];
  for (let i = 1; i <= count; i++) {
    const k = kinds[i % kinds.length](i);
    const rcpt = k.match(/<([^>]+)>/)?.[1] || `user${i}@example.net`;
    parts.push(
      `From MAILER-DAEMON Tue Mar  4 10:15:32 2025\n` +
        `Return-Path: <>\nFrom: MAILER-DAEMON@mail.example.net (Mail Delivery System)\nTo: alice@example.net\n` +
        `Subject: Undelivered Mail Returned to Sender\nDate: Tue, 4 Mar 2025 10:15:32 +0000\nMessage-Id: <gen-${i}@mail.example.net>\n\n` +
        `This is the mail system at host mail.example.net.\n\n` +
        `<${rcpt}>: host mx.example.com[192.0.2.25] said: ${k} (in reply to RCPT TO command)\n` +
        `\n>From the archive: this line was escaped in the mbox.\n\n`,
    );
  }
  return parts.join('');
}
