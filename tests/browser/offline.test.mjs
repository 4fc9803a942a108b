// Offline and installable: manifest and PNG icons, Chromium's installability check, a service
// worker that precaches the whole site under a content-hashed cache name, a page that still
// explains a bounce after going offline and reloading, and a knowledge base that reads offline
// as online (each page at its own address, styled, its links working; the offline page for an
// address that was never saved).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../web/serve.mjs';
import { setup, openPage, assertClean, cardFor, paste, SITE_DIR, POSTFIX_BOUNCE, TIMEOUT } from './helpers.mjs';

function pngSize(buffer) {
  assert.equal(buffer.subarray(1, 4).toString('latin1'), 'PNG');
  return [buffer.readUInt32BE(16), buffer.readUInt32BE(20)];
}

test('load once, go offline, reload, paste: the bounce is still explained', { timeout: TIMEOUT }, async () => {
  const { page, context, problems, requests } = await openPage({ route: false, serviceWorkers: 'allow', permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    // The manifest and its icons.
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector('link[rel="manifest"]');
      return (await fetch(link.href)).json();
    });
    assert.equal(manifest.display, 'standalone');
    for (const size of [192, 512]) {
      const icon = manifest.icons.find((i) => i.sizes === `${size}x${size}` && i.type === 'image/png');
      assert.ok(icon, `a ${size}px PNG icon`);
      assert.deepEqual(pngSize(readFileSync(join(SITE_DIR, icon.src))), [size, size]);
    }

    // The service worker takes control and precaches under the content-hashed name.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    });
    const expectedCache = readFileSync(join(SITE_DIR, 'sw.js'), 'utf8').match(/const CACHE = "([^"]+)"/)[1];
    assert.match(expectedCache, /^bounce-explainer-[0-9a-f]{16}$/);
    const cached = await page.evaluate(async () => {
      const keys = await caches.keys();
      const out = {};
      for (const key of keys) out[key] = (await (await caches.open(key)).keys()).map((r) => new URL(r.url).pathname);
      return out;
    });
    assert.deepEqual(Object.keys(cached), [expectedCache]);
    for (const path of ['/', '/index.html', '/app.mjs', '/worker.mjs', '/worker-core.mjs', '/bounce-explainer.wasm', '/bounce-explainer.mjs', '/style.css', '/manifest.webmanifest', '/icon-192.png']) {
      assert.ok(cached[expectedCache].includes(path), `${path} is precached`);
    }

    // Chromium's own installability check.
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    // Playwright contexts are incognito, which Chromium reports on its own; nothing else may be wrong.
    assert.deepEqual(installabilityErrors.filter((e) => e.errorId !== 'in-incognito'), [], 'Chromium sees the page as installable');

    await context.setOffline(true);
    const before = requests.length;
    await page.reload();
    const box = page.getByRole('textbox', { name: 'Bounced message' });
    await box.waitFor({ state: 'visible' });
    await paste(page, POSTFIX_BOUNCE); // pasting runs the analysis
    const card = await cardFor(page, 'bob@example.com');
    assert.equal(await card.locator('.badge').getAttribute('data-reason'), 'userunknown');
    assert.ok(requests.length > before, 'the reload made requests (answered by the service worker)');
    await context.setOffline(false);
    problems.failedRequests = problems.failedRequests.filter((f) => !/ERR_INTERNET_DISCONNECTED/.test(f));
    assertClean(problems);
  } finally {
    await context.close();
  }
});

test('a new build is announced ("update ready"), and taking it deletes the old cache', { timeout: TIMEOUT }, async (t) => {
  // A private copy of the site, so that the test can "deploy" a new build under the running page.
  const copy = mkdtempSync(join(tmpdir(), 'bx-site-'));
  t.after(() => rmSync(copy, { recursive: true, force: true }));
  cpSync(SITE_DIR, copy, { recursive: true });
  const server = await startServer({ root: copy, port: 0 });
  t.after(() => server.close());
  const { browser } = await setup();
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  const errors = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    });
    const sw = readFileSync(join(copy, 'sw.js'), 'utf8');
    const oldCache = sw.match(/const CACHE = "([^"]+)"/)[1];
    const newCache = 'bounce-explainer-ffffffffffffffff';
    assert.deepEqual(await page.evaluate(() => caches.keys()), [oldCache]);
    // The next build: another cache name, as any changed asset gives.
    writeFileSync(join(copy, 'sw.js'), sw.replace(oldCache, newCache));
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    const banner = page.locator('#update-banner');
    await banner.waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await banner.innerText(), /new version/i);
    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Reload' }).click()]);
    await page.getByRole('textbox', { name: 'Bounced message' }).waitFor();
    await page.waitForFunction((name) => caches.keys().then((keys) => keys.length === 1 && keys[0] === name), newCache, { timeout: 10_000, polling: 200 });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

/** The <title> of a built page, as the browser shows it (entities decoded). */
function titleOf(path) {
  const raw = readFileSync(join(SITE_DIR, path), 'utf8').match(/<title>([^<]*)<\/title>/)[1];
  return raw.replace(/&(amp|lt|gt|quot|#39);/g, (_, name) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]);
}

/** Whether kb.css styles the page: its one style sheet has rules and sets the main column's width. */
function kbStyled(page) {
  return page.evaluate(() => {
    const sheets = [...document.styleSheets];
    const main = document.querySelector('main.kb-main');
    return sheets.length === 1 && sheets[0].href.endsWith('/kb/kb.css') && sheets[0].cssRules.length > 0 && Boolean(main) && getComputedStyle(main).maxWidth !== 'none';
  });
}

test('offline, the knowledge base reads as online: links clicked from page to page, each styled, with its own title', { timeout: TIMEOUT * 2 }, async () => {
  const { page, context, problems, url } = await openPage({ route: false, serviceWorkers: 'allow', permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    });
    // Installed means precached: every file of the list, KB pages included.
    const assets = JSON.parse(readFileSync(join(SITE_DIR, 'sw.js'), 'utf8').match(/const ASSETS = (\[[\s\S]*?\]);/)[1]);
    const kbPages = assets.filter((a) => /^kb\/.+\.html$/.test(a));
    assert.ok(kbPages.length > 100, `every KB page is in the precache list (${kbPages.length})`);
    const cachedPaths = await page.evaluate(async () => {
      const [key] = await caches.keys();
      return (await (await caches.open(key)).keys()).map((r) => new URL(r.url).pathname);
    });
    assert.equal(cachedPaths.length, assets.length, 'every listed file is in the cache');
    for (const asset of [...kbPages, 'kb/kb.css', 'kb/search.mjs', 'offline.html']) assert.ok(cachedPaths.includes(`/${asset}`), `${asset} is cached`);

    await context.setOffline(true);
    const visited = [];
    /** Clicks a link of `scope` to the built page `path` (relative links, as written) and checks the page it opens: that file, styled. */
    const follow = async (path, scope = 'main') => {
      await Promise.all([page.waitForURL(url + path), page.locator(`${scope} a[href$="/${path}"]`).first().click()]);
      assert.equal(await page.title(), titleOf(path), `${path}: its own page`);
      assert.ok(await kbStyled(page), `${path}: styled`);
      visited.push(path);
    };

    // A folder named without its slash is redirected to it, as the server does; then page to page.
    const index = await page.goto(`${url}kb`);
    assert.equal(index.status(), 200);
    assert.equal(page.url(), `${url}kb/`);
    assert.equal(await page.title(), titleOf('kb/index.html'));
    assert.ok(await kbStyled(page), 'kb/: styled');
    await follow('kb/reasons/mailboxfull.html');
    await follow('kb/status-codes/X.2.2.html');
    await follow('kb/index.html', 'header');
    const provider = kbPages.find((p) => p.startsWith('kb/providers/'));
    await follow(provider);
    const providerReason = (await page.locator('main .code .meta a[href*="/kb/reasons/"]').first().getAttribute('href')).replace(/^(\.\.\/)+/, '');
    await follow(providerReason);
    await follow('kb/index.html', 'header');
    const blocklist = kbPages.find((p) => p.startsWith('kb/blocklists/'));
    await follow(blocklist);
    await follow('kb/index.html', 'header');
    await follow('kb/reply-codes/550.html');
    assert.equal(visited.length, 9);

    // Search filters the index offline (its script comes from the cache too).
    await follow('kb/index.html', 'header');
    await page.getByRole('searchbox', { name: 'Search' }).fill('mailbox full');
    assert.ok(await page.locator('a[href$="/kb/reasons/mailboxfull.html"]').isVisible());
    assert.ok(!(await page.locator('a[href$="/kb/reply-codes/550.html"]').isVisible()), 'search hides what does not match');

    // From a reason page to the tool, prefilled with the example, explained on this device.
    await follow('kb/reasons/mailboxfull.html');
    await Promise.all([page.waitForURL(/\/index\.html#example=/), page.getByRole('link', { name: 'Explain this example in the tool' }).click()]);
    const card = await cardFor(page, 'bob@example.com');
    assert.equal((await card.locator('.reason-code').innerText()).trim(), 'mailboxfull');

    // An address that was never saved: the offline page, styled, at that address, with working links.
    const missing = await page.goto(`${url}kb/reasons/no-such-reason.html`);
    assert.equal(missing.status(), 503);
    assert.equal(page.url(), `${url}kb/reasons/no-such-reason.html`);
    assert.equal(await page.title(), titleOf('offline.html'));
    assert.ok(await kbStyled(page), 'the offline page is styled');
    await Promise.all([page.waitForURL(`${url}kb/index.html`), page.getByRole('main').getByRole('link', { name: 'The knowledge base' }).click()]);
    assert.equal(await page.title(), titleOf('kb/index.html'));

    await context.setOffline(false);
    // The offline page is answered with 503 (it is not the page asked for); Chromium logs that.
    problems.failedRequests = problems.failedRequests.filter((f) => !/ERR_INTERNET_DISCONNECTED|no-such-reason\.html \(HTTP 503\)/.test(f));
    problems.consoleErrors = problems.consoleErrors.filter((e) => !/status of 503 \(Offline\)/.test(e));
    assertClean(problems);
  } finally {
    await context.close();
  }
});
