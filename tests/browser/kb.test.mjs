// The knowledge-base site as a person uses it: search on the index says when nothing matches,
// and pages name reasons in words. Run: node --test tests/browser/  (see helpers.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, assertClean, TIMEOUT } from './helpers.mjs';

test('KB search filters the index and says "No results" when nothing matches', { timeout: TIMEOUT }, async () => {
  const { page, context, problems } = await openPage({ path: 'kb/index.html', waitForTool: false });
  try {
    const search = page.getByLabel('Search');
    const noResults = page.locator('#kb-no-results');
    const visibleEntries = () => page.locator('ul.entries li:visible').count();
    const all = await visibleEntries();
    assert.ok(all > 100, `the index lists every entry (${all})`);
    assert.ok(await noResults.isHidden(), 'no "No results" line before a search');

    await search.fill('mailbox full');
    const some = await visibleEntries();
    assert.ok(some > 0 && some < all, `a search keeps the matching entries (${some})`);
    assert.ok(await page.getByRole('link', { name: /The recipient's mailbox is full/ }).isVisible());
    assert.ok(await noResults.isHidden());

    await search.fill('zzqx nothing like this');
    assert.equal(await visibleEntries(), 0);
    assert.ok(await noResults.isVisible(), 'the page says so instead of going blank');
    assert.match(await noResults.innerText(), /^No results for “zzqx nothing like this”/);
    assert.equal(await noResults.getAttribute('role'), 'status', 'screen readers hear it too');

    await search.fill('');
    assert.equal(await visibleEntries(), all);
    assert.ok(await noResults.isHidden());
    assertClean(problems);
  } finally {
    await context.close();
  }
});

test('KB pages name reasons in words and open their summaries in sentence case', { timeout: TIMEOUT }, async () => {
  const { page, context, problems } = await openPage({ path: 'kb/reasons/requireptr.html', waitForTool: false });
  try {
    // The summary began "{destination} looked up…", which the page used to print in lower case.
    const summary = await page.locator('main > p').nth(1).innerText();
    assert.match(summary, /^The recipient's domain looked up/);
    await page.goto(new URL('/kb/reasons/hostunknown.html', page.url()).href);
    const hostunknown = await page.locator('main > p').nth(1).innerText();
    assert.match(hostunknown, /^The recipient's domain could not be found/);
    assert.doesNotMatch(hostunknown, /domain the recipient's domain/);

    // A provider's code links its reason by title, the id beside it.
    await page.goto(new URL('/kb/providers/microsoft.html', page.url()).href);
    const reasonLink = page.locator('.code .meta a[href*="reasons/"]').first();
    assert.match(await reasonLink.innerText(), /^[A-Z]/, 'a title, not an id');
    assertClean(problems);
  } finally {
    await context.close();
  }
});
