// Accessibility and layout: axe-core finds no serious or critical violation (main page with
// results, batch view, a KB page, in light and dark), the tool works with the keyboard alone,
// 360 px wide pages do not scroll sideways, and the theme follows the system.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { openPage, assertClean, cardFor, screenshot, horizontalOverflow, generateMbox, TIMEOUT } from './helpers.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Runs axe-core (injected from node_modules) and returns the serious and critical violations. */
async function seriousViolations(page) {
  await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

test('axe: no serious or critical violation on the page with results (light and dark, following the system) and the batch view', { timeout: TIMEOUT }, async () => {
  // bypassCSP only so that the test can inject axe-core.
  const { page, context, problems } = await openPage({ colorScheme: 'light', bypassCSP: true });
  try {
    await page.locator('summary', { hasText: 'Examples' }).click();
    await page.getByRole('button', { name: /Gmail 5\.7\.26/ }).click();
    const card = await cardFor(page, 'carol@gmail.com');
    await card.locator('summary', { hasText: 'All decoded fields' }).click();
    await page.locator('details.source-view summary').click();
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme }); // the system setting changes: the page follows
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const sum = background.match(/\d+/g).map(Number).slice(0, 3).reduce((a, b) => a + b, 0);
      assert.ok(colorScheme === 'dark' ? sum < 120 : sum > 600, `the ${colorScheme} theme follows the system (${background})`);
      assert.deepEqual(await seriousViolations(page), [], `results view (${colorScheme})`);
      await screenshot(page, `results-${colorScheme}.png`);
    }
    // The route of the original message, open (the Postfix example returns its Received line).
    await page.locator('summary', { hasText: 'Examples' }).click();
    await page.getByRole('button', { name: /Postfix: user unknown/ }).click();
    await cardFor(page, 'bob@example.com');
    await page.locator('details.route-view > summary').click();
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      assert.deepEqual(await seriousViolations(page), [], `route of the original message (${colorScheme})`);
    }

    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('textbox', { name: 'Bounced message' }).fill(generateMbox(40));
    await page.keyboard.press('Control+Enter');
    await page.locator('.batch-progress-text', { hasText: /^Done: 40 messages/ }).waitFor({ timeout: 30_000 });
    assert.deepEqual(await seriousViolations(page), [], 'batch view');
    await screenshot(page, 'batch-light.png');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'batch-dark.png');
    assertClean(problems);
  } finally {
    await context.close();
  }
});

test('axe: no serious or critical violation on a knowledge-base page, the KB index and the embed docs (light and dark)', { timeout: TIMEOUT }, async () => {
  const { page, context, problems, url } = await openPage({ path: 'kb/reasons/userunknown.html', waitForTool: false, bypassCSP: true });
  try {
    const pages = { light: ['kb/reasons/userunknown.html', 'kb/index.html', 'embed-docs.html'], dark: ['kb/providers/google.html', 'embed-docs.html'] };
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      for (const path of pages[colorScheme]) {
        await page.goto(url + path);
        assert.deepEqual(await seriousViolations(page), [], `${path} (${colorScheme})`);
      }
    }
    assertClean(problems);
  } finally {
    await context.close();
  }
});

test('keyboard only: reach the box, explain with Ctrl+Enter, open the examples menu and pick one', { timeout: TIMEOUT }, async () => {
  const { page, context, problems } = await openPage();
  try {
    await page.keyboard.press('Tab'); // skip link
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to the paste box');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'TEXTAREA');
    await page.keyboard.type('550 5.1.1 <kim@example.com>: User unknown');
    await page.keyboard.press('Control+Enter');
    await cardFor(page, 'kim@example.com');

    // Tab forward to the examples menu; Enter opens it; Tab to the first entry; Enter loads it.
    await page.getByRole('textbox', { name: 'Bounced message' }).focus();
    let found = false;
    for (let i = 0; i < 6 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(() => document.activeElement.tagName === 'SUMMARY' && document.activeElement.textContent === 'Examples');
    }
    assert.ok(found, 'the examples menu is reachable with Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'focus is visible');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.match(await page.evaluate(() => document.activeElement.textContent), /Postfix/);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // the second example: Gmail DMARC
    await cardFor(page, 'carol@gmail.com');
    assertClean(problems);
  } finally {
    await context.close();
  }
});

test('360 px wide: the page with results does not scroll sideways', { timeout: TIMEOUT }, async () => {
  const { page, context, problems } = await openPage({ width: 360, height: 780 });
  try {
    await page.locator('summary', { hasText: 'Examples' }).click();
    await page.getByRole('button', { name: /Microsoft 365/ }).click();
    const card = await cardFor(page, 'dave@outlook.com');
    await card.locator('summary', { hasText: 'All decoded fields' }).click();
    await page.locator('details.source-view summary').click();
    assert.ok((await horizontalOverflow(page)) <= 0, `no horizontal scrolling (overflow ${await horizontalOverflow(page)}px)`);
    await screenshot(page, 'results-360.png');
    assertClean(problems);
  } finally {
    await context.close();
  }
});
