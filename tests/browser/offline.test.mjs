// Offline and installable: manifest and PNG icons, Chromium's installability check, a service
// worker that precaches every asset under a content-hashed cache name, and a page that still
// explains a bounce after going offline and reloading.
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
