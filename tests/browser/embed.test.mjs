// The embeddable <bounce-explainer> element in a host page, embed.html in an iframe, and the
// analyze() API in a browser page and under Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openPage, assertClean, cardFor, screenshot, SITE_DIR, REPO, POSTFIX_BOUNCE, TIMEOUT } from './helpers.mjs';

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
