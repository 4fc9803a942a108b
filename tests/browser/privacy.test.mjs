// Private by proof: every request during load, paste, analysis and a batch stays on the page's
// origin, none after the initial load carries the pasted text, the URL never holds it, and the
// CSP forbids connections anywhere else, inline script and third-party assets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPage, assertClean, paste, cardFor, generateMbox, SITE_DIR, POSTFIX_BOUNCE, TIMEOUT } from './helpers.mjs';

const MARKER = 'zq7privacy-marker';

test('no request leaves the origin or carries the pasted text (load, paste, analysis, batch, service worker)', { timeout: TIMEOUT }, async () => {
  // No routing here: the service worker runs as it would for a visitor, and every request is recorded.
  const { page, context, problems, requests, url } = await openPage({ permissions: ['clipboard-read', 'clipboard-write'], route: false, serviceWorkers: 'allow' });
  try {
    await page.waitForLoadState('load');
    const loadCount = requests.length;
    assert.ok(loadCount >= 3, 'the initial load was recorded');

    const secret = POSTFIX_BOUNCE.replace('bob@example.com', `${MARKER}@example.com`).replaceAll('bob@example.com', `${MARKER}@example.com`);
    await paste(page, secret);
    await cardFor(page, `${MARKER}@example.com`);
    assert.equal(page.url(), url, 'the URL holds no text after a paste');

    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('textbox', { name: 'Bounced message' }).fill(generateMbox(30).replaceAll('example.com', `${MARKER}.example.com`));
    await page.keyboard.press('Control+Enter');
    await page.locator('.batch-progress-text', { hasText: /^Done: 30 messages/ }).waitFor({ timeout: 30_000 });
    // Give the service worker time to install and precache (it registers after load).
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    assert.equal(page.url(), url, 'the URL holds no text after a batch');

    const origin = new URL(url).origin;
    const foreign = requests.filter((r) => !r.url.startsWith('data:') && !r.url.startsWith('blob:') && new URL(r.url).origin !== origin);
    assert.deepEqual(foreign, [], 'every request went to the page origin');
    const carrying = requests.filter((r) => r.url.includes(MARKER) || r.postData.includes(MARKER) || decodeURIComponent(r.url).includes(MARKER));
    assert.deepEqual(carrying, [], 'no request carries the pasted text');
    assert.ok(requests.every((r) => r.method === 'GET'), `only GET requests: ${requests.filter((r) => r.method !== 'GET').map((r) => r.method + ' ' + r.url)}`);

    // The CSP in force blocks connections elsewhere (the request never happens).
    const blocked = await page.evaluate(() => fetch('https://example.net/collect', { method: 'POST', body: 'x' }).then(() => 'sent', () => 'blocked'));
    assert.equal(blocked, 'blocked');
    assert.ok(!requests.some((r) => r.url.startsWith('https://example.net')), 'the blocked request never left');
    problems.consoleErrors = problems.consoleErrors.filter((e) => !/Content Security Policy|Failed to fetch|connect-src/.test(e));
    assertClean(problems);
  } finally {
    await context.close();
  }
});

test('the pages carry a strict CSP: own origin only, no inline script, no third-party asset, no analytics', () => {
  for (const file of ['index.html', 'embed.html', 'embed-docs.html', 'kb/index.html']) {
    const html = readFileSync(join(SITE_DIR, file), 'utf8');
    const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1];
    assert.ok(csp, `${file}: a CSP meta`);
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    assert.deepEqual(directives['default-src'], ["'self'"], `${file}: default-src 'self'`);
    assert.deepEqual(directives['connect-src'], ["'self'"], `${file}: connect-src 'self'`);
    for (const [name, values] of Object.entries(directives)) {
      assert.ok(!values.some((v) => /^'unsafe-(inline|eval|hashes)'$|\*|https?:/.test(v)), `${file}: ${name} ${values.join(' ')}`);
    }
    assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/, `${file}: no inline script`);
    assert.doesNotMatch(html, /<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*\s(?:src|href)="(?:https?:)?\/\//i, `${file}: no third-party asset`);
    assert.doesNotMatch(html, /google-analytics|googletagmanager|plausible|matomo|gtag\(/i, `${file}: no analytics`);
  }
  // The single file: nothing but itself and blob: workers.
  const single = readFileSync(join(SITE_DIR, 'bounce-explainer.html'), 'utf8');
  const csp = single.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)[1];
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /connect-src 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
});
