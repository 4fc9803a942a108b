// The embeddable <bounce-explainer> element in a host page, embed.html in an iframe (on the
// site's origin and on another one), and the analyze() API in a browser page and under Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../../web/serve.mjs';
import { setup, openPage, assertClean, cardFor, screenshot, SITE_DIR, REPO, POSTFIX_BOUNCE, TIMEOUT } from './helpers.mjs';

test('<bounce-explainer theme="dark" compact> works inside a host page, isolated from its styles; embed.html works in an iframe', { timeout: TIMEOUT }, async () => {
  const { page, context, problems } = await openPage({ path: '__fixtures__/embed-host.html', waitForTool: false });
  try {
    const element = page.locator('bounce-explainer#dark');
    const box = element.getByRole('textbox', { name: 'Bounced message' });
    await box.waitFor({ state: 'visible' }); // the host's "textarea {display: none}" does not reach it
    await box.fill(POSTFIX_BOUNCE);
    await element.getByRole('button', { name: 'Explain', exact: true }).click();
    const card = await cardFor(page, 'bob@example.com', element);
    assert.equal(await card.locator('.badge').getAttribute('data-reason'), 'userunknown');
    const href = await card.locator('a.reason-link').getAttribute('href');
    assert.equal(new URL(href).pathname, '/kb/reasons/userunknown.html', 'KB links point at the site that serves embed.mjs');

    const look = await element.evaluate((host) => {
      const wrapper = host.shadowRoot.querySelector('.bx-embed');
      const button = host.shadowRoot.querySelector('button');
      return {
        background: getComputedStyle(wrapper).backgroundColor,
        compact: wrapper.classList.contains('is-compact'),
        hintShown: getComputedStyle(host.shadowRoot.querySelector('.hint')).display !== 'none',
        buttonFont: getComputedStyle(button).fontSize,
      };
    });
    const [r, g, b] = look.background.match(/\d+/g).map(Number);
    assert.ok(r + g + b < 120, `theme="dark" gives a dark background (${look.background})`);
    assert.ok(look.compact && !look.hintShown, 'compact hides the hints');
    assert.notEqual(look.buttonFont, '40px', 'host styles do not leak in');

    // Switching the attribute re-themes the element.
    await element.evaluate((host) => host.setAttribute('theme', 'light'));
    const light = await element.evaluate((host) => getComputedStyle(host.shadowRoot.querySelector('.bx-embed')).backgroundColor);
    assert.ok(light.match(/\d+/g).map(Number).reduce((a, v) => a + v, 0) > 600, `theme="light" is light (${light})`);

    // The iframe.
    const frame = page.frameLocator('#frame');
    const frameBox = frame.getByRole('textbox', { name: 'Bounced message' });
    await frameBox.fill('552 5.2.2 <zoe@example.org>: Mailbox full - quota exceeded');
    await frame.getByRole('button', { name: 'Explain', exact: true }).click();
    const frameCard = frame.locator('article.record').filter({ hasText: 'zoe@example.org' });
    await frameCard.waitFor({ timeout: 30_000 });
    assert.equal(await frameCard.locator('.badge').getAttribute('data-reason'), 'mailboxfull');
    await screenshot(page, 'embed-host.png');
    assertClean(problems);
  } finally {
    await context.close();
  }
});

/** Waits for the cross-origin host fixture to load the embed; its <html data-embed> says how that went. */
async function embedState(page) {
  await page.waitForFunction(() => document.documentElement.dataset.embed, null, { timeout: 20_000 });
  return page.evaluate(() => document.documentElement.dataset.embed);
}

/** Checks that a link opens in a new tab, without a handle on the page that opened it. */
async function assertNewTab(link, what) {
  assert.equal(await link.getAttribute('target'), '_blank', `${what}: target=_blank`);
  assert.ok((await link.getAttribute('rel')).split(/\s+/).includes('noopener'), `${what}: rel=noopener`);
}

test('from another origin: a help centre page loads embed.mjs from the site (CORS), the element explains a bounce, the iframe opens KB links in a new tab', { timeout: TIMEOUT * 2 }, async (t) => {
  // Origin A: the shared test server (127.0.0.1), serving the host page. Origin B: the site, on
  // another port and host name, answering A with CORS headers (serve.mjs --cors).
  const { origin: hostOrigin } = await setup();
  const site = await startServer({ root: SITE_DIR, port: 0, cors: [hostOrigin] });
  t.after(() => site.close());
  const siteUrl = `http://localhost:${site.port}/`;
  const { page, context, problems } = await openPage({ path: `__fixtures__/embed-cross-origin.html?site=${encodeURIComponent(siteUrl)}`, route: false, waitForTool: false });
  try {
    assert.equal(await embedState(page), 'loaded');
    const element = page.locator('bounce-explainer');
    await element.getByRole('textbox', { name: 'Bounced message' }).fill(POSTFIX_BOUNCE);
    await element.getByRole('button', { name: 'Explain', exact: true }).click();
    const card = await cardFor(page, 'bob@example.com', element);
    assert.equal((await card.locator('.reason-code').innerText()).trim(), 'userunknown');
    assert.ok(page.workers().some((w) => w.url().startsWith(`blob:${hostOrigin}/`)), 'the worker is a blob: URL of the host page, running the site\'s worker.mjs');
    const elementLink = card.locator('a.reason-link');
    assert.equal(await elementLink.getAttribute('href'), `${siteUrl}kb/reasons/userunknown.html`, 'KB links point at the site that serves embed.mjs');
    await assertNewTab(elementLink, 'the element\'s KB link');

    // The iframe (embed.html from the site): results render, and a KB link opens a new tab while
    // the frame stays where it is.
    const frame = page.frameLocator('#frame');
    await frame.getByRole('textbox', { name: 'Bounced message' }).fill('552 5.2.2 <zoe@example.org>: Mailbox full - quota exceeded');
    await frame.getByRole('button', { name: 'Explain', exact: true }).click();
    const frameCard = frame.locator('article.record').filter({ hasText: 'zoe@example.org' });
    await frameCard.waitFor({ timeout: 30_000 });
    const frameLink = frameCard.locator('a.reason-link');
    await assertNewTab(frameLink, 'the iframe\'s KB link');
    const frameLinks = await frameCard.locator('a[href]').evaluateAll((links) => links.map((a) => ({ href: a.href, target: a.target })));
    assert.deepEqual(frameLinks.filter((l) => l.target !== '_blank'), [], 'every link of the card opens a new tab');
    const [tab] = await Promise.all([context.waitForEvent('page'), frameLink.click()]);
    await tab.waitForLoadState();
    assert.equal(tab.url(), `${siteUrl}kb/reasons/mailboxfull.html`);
    assert.equal(page.frame({ url: /embed\.html/ })?.url(), `${siteUrl}embed.html?theme=light`, 'the frame did not navigate');
    assert.equal(await tab.evaluate(() => window.opener), null, 'the new tab has no handle on the frame');
    await screenshot(page, 'embed-cross-origin.png');

    assert.deepEqual(problems.foreignRequests.filter((url) => !url.startsWith(siteUrl)), [], 'the only other origin is the site');
    assert.ok(problems.foreignRequests.some((url) => url === `${siteUrl}bounce-explainer.wasm`), 'the .wasm came from the site');
    assert.deepEqual(problems.failedRequests, [], 'no request failed');
    assert.deepEqual(problems.consoleErrors, [], 'nothing logged an error');
  } finally {
    await context.close();
  }
});

test('from another origin without CORS headers, the embed does not load (why --cors exists)', { timeout: TIMEOUT }, async (t) => {
  const site = await startServer({ root: SITE_DIR, port: 0 });
  t.after(() => site.close());
  const siteUrl = `http://localhost:${site.port}/`;
  const { page, context } = await openPage({ path: `__fixtures__/embed-cross-origin.html?site=${encodeURIComponent(siteUrl)}`, route: false, waitForTool: false });
  try {
    assert.match(await embedState(page), /^failed: /);
    assert.equal(await page.locator('bounce-explainer').count(), 0);
  } finally {
    await context.close();
  }
});

test('the embed docs page shows both snippets and a live element; analyze(text) works from a web page (api.mjs)', { timeout: TIMEOUT }, async () => {
  const { page, context, problems } = await openPage({ path: 'embed-docs.html', waitForTool: false });
  try {
    const text = await page.locator('main').innerText();
    assert.match(text, /<script type="module" src="https:\/\/YOUR-SITE\/embed\.mjs"><\/script>/);
    assert.match(text, /<bounce-explainer theme="auto"><\/bounce-explainer>/);
    assert.match(text, /<iframe src="https:\/\/YOUR-SITE\/embed\.html/);
    assert.match(text, /analyze\(bounceText\)/);
    await page.locator('bounce-explainer').getByRole('textbox', { name: 'Bounced message' }).waitFor();

    const result = await page.evaluate(async (bounce) => {
      const { analyze } = await import('/api.mjs');
      const report = await analyze(bounce);
      return { status: report.status, reason: report.records[0].reason, recipient: report.records[0].recipient };
    }, POSTFIX_BOUNCE);
    assert.deepEqual(result, { status: 'bounce', reason: 'userunknown', recipient: 'bob@example.com' });
    assertClean(problems);
  } finally {
    await context.close();
  }
});

test('analyze(text) under Node: from the site directory and from web/', async () => {
  for (const api of [join(SITE_DIR, 'api.mjs'), join(REPO, 'web', 'api.mjs')]) {
    const { analyze, version } = await import(pathToFileURL(api).href);
    const report = await analyze(POSTFIX_BOUNCE);
    assert.equal(report.schema, 'bounce-explainer/report/1');
    assert.equal(report.records[0].reason, 'userunknown', api);
    assert.equal((await analyze('hello')).status, 'not_a_bounce');
    assert.match(await version(), /\d+\.\d+/);
  }
});
