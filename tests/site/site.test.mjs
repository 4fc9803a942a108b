// Crawls build/site (BX_SITE_DIR): every page is reachable from the tool or the KB index, every
// internal link and asset resolves to a file, and every generated page has the basics of valid,
// accessible HTML. Run: node --test tests/site/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { shouldPrecompress } from '../../web/precompress.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const site = resolve(process.env.BX_SITE_DIR ?? join(repo, 'build', 'site'));

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

function linksOf(html) {
  const out = [];
  for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) out.push(m[1].replaceAll('&amp;', '&'));
  return out;
}

test('the site is built', () => {
  assert.ok(existsSync(join(site, 'index.html')), `no ${site}/index.html: build the wasm preset first`);
  assert.ok(existsSync(join(site, 'kb', 'index.html')), 'no knowledge-base index');
});

const pages = existsSync(site) ? walk(site).filter((f) => f.endsWith('.html')) : [];

test('there is a page per reason, code, provider and blocklist', () => {
  const kbPages = pages.map((p) => relative(site, p));
  for (const [folder, min] of [['reasons', 30], ['reply-codes', 20], ['status-codes', 50], ['providers', 10], ['blocklists', 8]]) {
    const n = kbPages.filter((p) => p.startsWith(`kb/${folder}/`)).length;
    assert.ok(n >= min, `kb/${folder}: ${n} pages, expected at least ${min}`);
  }
});

test('provider and blocklist pages name their sources and flag what is not confirmed', () => {
  const kbDir = join(repo, 'kb');
  const read = (folder) =>
    readdirSync(join(kbDir, folder)).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(kbDir, folder, f), 'utf8')));
  const warning = "Not confirmed from the provider's own page";
  const count = (html, text) => html.split(text).length - 1;
  for (const b of read('blocklists')) {
    const html = readFileSync(join(site, 'kb', 'blocklists', `${b.id}.html`), 'utf8');
    assert.ok(html.includes(`href="${b.source.replaceAll('&', '&amp;')}"`), `${b.id}: no link to its source`);
    assert.equal(count(html, warning.replace("'", '&#39;')), b.verified ? 0 : 1, `${b.id}: verified=${b.verified}`);
  }
  for (const p of read('providers')) {
    const html = readFileSync(join(site, 'kb', 'providers', `${p.id}.html`), 'utf8');
    assert.equal(count(html, warning.replace("'", '&#39;')), p.codes.filter((c) => !c.verified).length, p.id);
  }
});

test('reason pages open with a sentence-case summary that names nothing twice', async () => {
  const { proseProblems, checkProse } = await import(pathToFileURL(join(repo, 'web', 'kb-site.mjs')).href);
  const decode = (html) => html.replace(/<[^>]+>/g, '').replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
  const reasons = pages.filter((p) => relative(site, p).startsWith('kb/reasons/'));
  assert.ok(reasons.length >= 30);
  for (const page of reasons) {
    const html = readFileSync(page, 'utf8');
    // The summary is the first paragraph after the lead line.
    const summary = decode(html.match(/<p class="lead">[\s\S]*?<\/p>\s*<p>([\s\S]*?)<\/p>/)?.[1] ?? '');
    assert.ok(summary.length > 20, `${relative(site, page)}: no summary`);
    assert.match(summary, /^[A-Z]/, `${relative(site, page)}: ${summary}`);
    assert.doesNotMatch(summary, /\{(recipient|destination)\}/, relative(site, page));
    assert.deepEqual(proseProblems(summary), [], relative(site, page));
  }
  // The check the site build runs refuses what the generator used to print.
  assert.equal(proseProblems("the recipient's domain looked up the name behind the sending server's IP address.").length, 1);
  assert.equal(proseProblems("The domain the recipient's domain could not be found in DNS.").length, 1);
  assert.equal(proseProblems('This is a report from a provider: the recipient the recipient marked it.').length, 1);
  assert.equal(proseProblems('It was sent. then it failed.').length, 1);
  assert.deepEqual(proseProblems("The recipient's domain could not be found. Mail to the recipient fails again and again."), []);
  const kbWith = (summary, title = 'An example') => ({ reasons: [{ id: 'example', title, summary }], replyCodes: [], statusCodes: [], blocklists: [] });
  assert.throws(() => checkProse(kbWith('It was refused.', 'an example')), /kb\/reasons\/example\.json: title: a sentence starts with a lower-case letter/);
  assert.throws(() => checkProse(kbWith('It was refused by the the server.')), /kb\/reasons\/example\.json: summary .*words said twice/);
  assert.throws(() => checkProse(kbWith('It went to {destination} domain servers.')), /words said twice: "domain domain"/);
  assert.doesNotThrow(() => checkProse(kbWith('{destination} refused the message. {recipient} may only accept mail from some senders.')));
});

test('no broken internal link or asset', () => {
  const broken = [];
  for (const page of pages) {
    for (const href of linksOf(readFileSync(page, 'utf8'))) {
      if (/^(https:|mailto:|#|data:)/.test(href)) continue;
      assert.doesNotMatch(href, /^(http:|javascript:)/i, `${relative(site, page)}: unsafe link ${href}`);
      const target = resolve(dirname(page), href.split('#')[0].split('?')[0]);
      if (!existsSync(target)) broken.push(`${relative(site, page)} -> ${href}`);
    }
  }
  assert.deepEqual(broken, []);
});

test('precompressed copies: each compressible file of 1 KB or more has a .gz and a .br that decompress to it', () => {
  const files = walk(site).map((f) => relative(site, f));
  const copies = new Set(files.filter((f) => /\.(gz|br)$/.test(f)));
  const expected = files.filter((f) => shouldPrecompress(f, statSync(join(site, f)).size));
  assert.ok(expected.includes('bounce-explainer.wasm') && expected.includes('app.bundle.mjs') && expected.includes('kb/index.html'), 'the .wasm, the bundle and the KB are among them');
  for (const file of expected) {
    const original = readFileSync(join(site, file));
    assert.ok(copies.has(`${file}.gz`) && copies.has(`${file}.br`), `${file} has both copies`);
    assert.ok(gunzipSync(readFileSync(join(site, `${file}.gz`))).equals(original), `${file}.gz decompresses to ${file}`);
    assert.ok(brotliDecompressSync(readFileSync(join(site, `${file}.br`))).equals(original), `${file}.br decompresses to ${file}`);
    copies.delete(`${file}.gz`);
    copies.delete(`${file}.br`);
  }
  assert.deepEqual([...copies], [], 'no copy without its file');
});

test('every KB page is reachable from the KB index', () => {
  const index = readFileSync(join(site, 'kb', 'index.html'), 'utf8');
  const linked = new Set(linksOf(index).map((h) => resolve(join(site, 'kb'), h)));
  const orphans = pages.filter((p) => relative(site, p).startsWith('kb/') && !p.endsWith('kb/index.html') && !linked.has(p));
  assert.deepEqual(orphans.map((p) => relative(site, p)), []);
});

test('pages are well-formed: doctype, lang, title, one h1, CSP, no inline script', () => {
  for (const page of pages.filter((p) => relative(site, p).startsWith('kb/'))) {
    const html = readFileSync(page, 'utf8');
    const where = relative(site, page);
    assert.match(html, /^<!doctype html>/i, where);
    assert.match(html, /<html lang="en">/, where);
    assert.match(html, /<title>[^<]+<\/title>/, where);
    assert.equal((html.match(/<h1[ >]/g) ?? []).length, 1, `${where}: one h1`);
    assert.match(html, /Content-Security-Policy/, where);
    assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/, `${where}: inline script`);
    // Tags that must close do close (a cheap balance check of the generator's output).
    for (const tag of ['main', 'ul', 'ol', 'section', 'p', 'pre', 'h2', 'h3']) {
      const open = (html.match(new RegExp(`<${tag}[ >]`, 'g')) ?? []).length;
      const close = (html.match(new RegExp(`</${tag}>`, 'g')) ?? []).length;
      assert.equal(open, close, `${where}: <${tag}> opened ${open}, closed ${close}`);
    }
  }
});

/** A CSP as {directive: [sources]}. */
function parsePolicy(text) {
  const policy = {};
  for (const part of text.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) policy[name] = sources;
  }
  return policy;
}

/** The sources that govern `directive` under `policy` (CSP3 fallbacks: worker-src, then script-src, then default-src). */
function effectiveSources(policy, directive) {
  const chain = directive === 'worker-src' ? ['worker-src', 'child-src', 'script-src', 'default-src'] : [directive, 'default-src'];
  const found = chain.find((name) => policy[name]);
  return found ? policy[found] : null; // null: nothing restricts it
}

// web/serve.mjs sends a CSP header with every page; a browser enforces it *and* the page's <meta>
// policy, so the header must allow everything the <meta> allows (else it would break the page)
// and add frame-ancestors, which a <meta> cannot carry.
test("every page's <meta> policy fits inside the policy header serve.mjs sends with it", async () => {
  const { policyHeaders } = await import(pathToFileURL(join(repo, 'web', 'serve.mjs')).href);
  for (const page of pages) {
    const where = relative(site, page);
    const meta = readFileSync(page, 'utf8').match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/);
    assert.ok(meta, `${where}: a CSP <meta>`);
    const header = parsePolicy(policyHeaders(`/${where}`)['Content-Security-Policy']);
    assert.ok(header['frame-ancestors'], `${where}: the header says who may frame it`);
    assert.deepEqual(header['frame-ancestors'], where === 'embed.html' ? ['*'] : ["'none'"], where);
    for (const [directive, sources] of Object.entries(parsePolicy(meta[1]))) {
      if (sources.includes("'none'")) continue;
      const allowed = effectiveSources(header, directive);
      if (allowed === null) continue;
      for (const source of sources) assert.ok(allowed.includes(source), `${where}: the header's ${directive} lacks ${source} (its <meta> allows it)`);
    }
  }
});

// A real HTML validator (html-validate, installed with the browser tests' npm packages) over
// every page of the site. Two style rules are relaxed: a lower-case <!doctype html> and ids with
// dots ("google-5.7.26") are valid HTML5.
test('every page passes the HTML validator', async () => {
  const require = createRequire(join(repo, 'tests', 'browser', 'package.json'));
  const { HtmlValidate } = await import(pathToFileURL(require.resolve('html-validate')).href);
  const validator = new HtmlValidate({
    extends: ['html-validate:standard'],
    rules: { 'doctype-style': 'off', 'valid-id': ['error', { relaxed: true }] },
  });
  const problems = [];
  for (const page of pages) {
    const report = await validator.validateFile(page);
    for (const result of report.results)
      for (const m of result.messages) problems.push(`${relative(site, page)}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
  }
  assert.deepEqual(problems.slice(0, 20), []);
});
