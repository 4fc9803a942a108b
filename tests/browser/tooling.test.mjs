// Tests of web/build-site.mjs and web/serve.mjs (no browser needed).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { buildSite, SITE_STEPS, WEB_FILES, WASM_FILES } from '../../web/build-site.mjs';
import { MIN_PRECOMPRESS_BYTES, writePrecompressed } from '../../web/precompress.mjs';

// Brotli at its densest takes seconds per build: the tests that are not about the precompressed
// copies build without them.
const STEPS_WITHOUT_COPIES = SITE_STEPS.filter((step) => step !== writePrecompressed);
import { startServer, resolveRequestPath } from '../../web/serve.mjs';

function scratch(t) {
  const dir = mkdtempSync(join(tmpdir(), 'bx-web-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function fakeWasmDir(root) {
  const dir = join(root, 'wasm');
  mkdirSync(dir);
  writeFileSync(join(dir, 'bounce-explainer.mjs'), 'var createBounceExplainer = (() => async () => ({}))();\nexport default createBounceExplainer;\n');
  writeFileSync(join(dir, 'bounce-explainer.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  return dir;
}

/** Raw HTTP request, so that paths are sent exactly as written (no normalisation). */
function get(url, path, method = 'GET') {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('build-site copies the web files and both wasm artefacts', (t) => {
  const root = scratch(t);
  const out = join(root, 'site');
  const { files } = buildSite({ wasmDir: fakeWasmDir(root), outDir: out, steps: STEPS_WITHOUT_COPIES });
  for (const file of [...WEB_FILES, ...WASM_FILES]) {
    assert.ok(existsSync(join(out, file)), `${file} is in the site`);
    assert.ok(files.includes(file));
  }
  assert.ok(!existsSync(join(out, 'build-site.mjs')), 'tooling is not published');
  assert.ok(!existsSync(join(out, 'serve.mjs')), 'tooling is not published');
  // Rebuilding over its own output works and removes stale files.
  writeFileSync(join(out, 'stale.txt'), 'old');
  buildSite({ wasmDir: join(root, 'wasm'), outDir: out, steps: STEPS_WITHOUT_COPIES });
  assert.ok(!existsSync(join(out, 'stale.txt')));
});

test('build-site writes .gz and .br beside each compressible file of 1 KB or more, and they decompress to it', (t) => {
  const root = scratch(t);
  const out = join(root, 'site');
  const wasmDir = fakeWasmDir(root);
  // A .wasm above the threshold (the fake one is 8 bytes): it must get copies too.
  writeFileSync(join(wasmDir, 'bounce-explainer.wasm'), Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), Buffer.alloc(4096, 7)]));
  const { files, precompressed } = buildSite({ wasmDir, outDir: out });
  const expected = files.filter((f) => /\.(wasm|mjs|js|css|html|json|svg|webmanifest)$/.test(f) && statSync(join(out, f)).size >= MIN_PRECOMPRESS_BYTES);
  for (const f of ['bounce-explainer.wasm', 'index.html', 'ui.mjs', 'style.css', 'sw.js', 'kb/index.html', 'bounce-explainer.html']) assert.ok(expected.includes(f), f);
  for (const file of expected) {
    const original = readFileSync(join(out, file));
    assert.deepEqual(gunzipSync(readFileSync(join(out, `${file}.gz`))), original, `${file}.gz`);
    assert.deepEqual(brotliDecompressSync(readFileSync(join(out, `${file}.br`))), original, `${file}.br`);
  }
  assert.equal(precompressed.files, expected.length);
  const copies = readdirSync(out, { recursive: true }).filter((f) => /\.(gz|br)$/.test(f));
  assert.equal(copies.length, 2 * expected.length, 'no copy of anything else');
  const small = files.filter((f) => /\.mjs$/.test(f) && statSync(join(out, f)).size < MIN_PRECOMPRESS_BYTES);
  assert.ok(small.length > 0, 'some module is under the threshold (app.mjs, boot.mjs)');
  for (const f of small) assert.ok(!existsSync(join(out, `${f}.gz`)) && !existsSync(join(out, `${f}.br`)), `${f}: too small for a copy`);
  assert.ok(!existsSync(join(out, 'icon-192.png.gz')), 'images are compressed already');
  // The copies are for servers: the service worker caches what the browser decoded.
  const assets = JSON.parse(readFileSync(join(out, 'sw.js'), 'utf8').match(/const ASSETS = (\[[\s\S]*?\]);/)[1]);
  assert.ok(assets.includes('kb/index.html'));
  assert.deepEqual(assets.filter((f) => /\.(gz|br)$/.test(f)), [], 'no precompressed copy is precached');
});

test('build-site refuses to clear a directory it did not make, and needs the wasm artefacts', (t) => {
  const root = scratch(t);
  const foreign = join(root, 'precious');
  mkdirSync(foreign);
  writeFileSync(join(foreign, 'keep.txt'), 'keep');
  assert.throws(() => buildSite({ wasmDir: fakeWasmDir(root), outDir: foreign }), /refusing/);
  assert.equal(readFileSync(join(foreign, 'keep.txt'), 'utf8'), 'keep');
  assert.throws(() => buildSite({ wasmDir: join(root, 'missing'), outDir: join(root, 'o') }), /Missing wasm artefact/);
});

test('the server serves files with the right MIME types and refuses to leave its root', async (t) => {
  const root = scratch(t);
  const site = join(root, 'site');
  buildSite({ wasmDir: fakeWasmDir(root), outDir: site, steps: STEPS_WITHOUT_COPIES });
  writeFileSync(join(root, 'secret.txt'), 'secret');
  const { url, close } = await startServer({ root: site, port: 0 });
  t.after(close);

  const expect = {
    '/': 'text/html; charset=utf-8',
    '/index.html': 'text/html; charset=utf-8',
    '/app.mjs': 'text/javascript; charset=utf-8',
    '/worker.mjs': 'text/javascript; charset=utf-8',
    '/style.css': 'text/css; charset=utf-8',
    '/bounce-explainer.wasm': 'application/wasm',
    '/favicon.svg': 'image/svg+xml',
  };
  for (const [path, type] of Object.entries(expect)) {
    const res = await get(url, path);
    assert.equal(res.status, 200, path);
    assert.equal(res.headers['content-type'], type, path);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  }
  assert.equal((await get(url, '/bounce-explainer.wasm')).body.subarray(0, 4).toString('latin1'), '\0asm');
  assert.equal((await get(url, '/missing.html')).status, 404);
  for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/..%5csecret.txt', '/%00', '/%zz']) {
    const res = await get(url, path);
    assert.ok([400, 404].includes(res.status), `${path} -> ${res.status}`);
    assert.ok(!res.body.toString().includes('secret'), `${path} must not leak`);
  }
  const head = await get(url, '/app.mjs', 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body.length, 0);
  assert.equal((await get(url, '/', 'POST')).status, 405);

  // URL normalisation keeps dot segments inside the root; encoded separators are refused.
  assert.equal(resolveRequestPath('/srv/site', '/a/../../etc/passwd'), '/srv/site/etc/passwd');
  assert.equal(resolveRequestPath('/srv/site', '/%2e%2e/etc/passwd'), '/srv/site/etc/passwd');
  assert.equal(resolveRequestPath('/srv/site', '/..%2fetc/passwd'), null);
  assert.equal(resolveRequestPath('/srv/site', '/..%5cetc/passwd'), null);
});

test('the server moves on to the next port when the requested one is busy', async (t) => {
  const root = scratch(t);
  const site = join(root, 'site');
  buildSite({ wasmDir: fakeWasmDir(root), outDir: site, steps: STEPS_WITHOUT_COPIES });
  const blocker = createServer();
  await new Promise((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => blocker.close(resolve)));
  const busy = blocker.address().port;
  const { url, port, close } = await startServer({ root: site, port: busy, host: '127.0.0.1' });
  t.after(close);
  assert.notEqual(port, busy);
  assert.ok(port > busy && port <= busy + 20);
  assert.equal(url, `http://127.0.0.1:${port}/`);
  assert.equal((await get(url, '/')).status, 200);
});

test('build-site: PNG icons, manifest, single file with hashed CSP, service worker named after the bytes it caches', async (t) => {
  const { createHash } = await import('node:crypto');
  const root = scratch(t);
  const out = join(root, 'site');
  const wasmDir = fakeWasmDir(root);
  buildSite({ wasmDir, outDir: out, steps: STEPS_WITHOUT_COPIES });
  for (const [file, size] of [['icon-192.png', 192], ['icon-512.png', 512], ['icon-maskable-512.png', 512]]) {
    const png = readFileSync(join(out, file));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', file);
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [size, size], file);
  }
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.webmanifest'), 'utf8'));
  assert.ok(manifest.icons.some((i) => i.sizes === '192x192' && i.type === 'image/png'));
  assert.ok(manifest.icons.some((i) => i.sizes === '512x512' && i.type === 'image/png'));

  const html = readFileSync(join(out, 'bounce-explainer.html'), 'utf8');
  const script = html.match(/<script type="module">([\s\S]*?)<\/script>/)[1];
  const style = html.match(/<style>([\s\S]*?)<\/style>/)[1];
  const hash = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
  assert.ok(html.includes(`script-src ${hash(script)} 'wasm-unsafe-eval'`), 'the CSP allows exactly the inline script');
  assert.ok(html.includes(`style-src ${hash(style)}`), 'the CSP allows exactly the inline style');
  assert.doesNotMatch(html, /<script[^>]+src=|<link rel="stylesheet"/, 'nothing is loaded from outside the file');
  assert.equal(readFileSync(join(out, 'bounce-explainer.html.sha256'), 'utf8'), `${createHash('sha256').update(html).digest('hex')}  bounce-explainer.html\n`);

  const cacheName = () => readFileSync(join(out, 'sw.js'), 'utf8').match(/const CACHE = "(bounce-explainer-[0-9a-f]{16})"/)[1];
  const first = cacheName();
  const assets = JSON.parse(readFileSync(join(out, 'sw.js'), 'utf8').match(/const ASSETS = (\[[\s\S]*?\]);/)[1]);
  for (const file of ['./', 'index.html', 'app.mjs', 'worker.mjs', 'bounce-explainer.wasm', 'manifest.webmanifest', 'icon-512.png', 'offline.html', 'kb/index.html', 'kb/kb.css', 'kb/reasons/userunknown.html']) assert.ok(assets.includes(file), file);
  const kbFiles = readdirSync(join(out, 'kb'), { recursive: true }).filter((f) => /\.\w+$/.test(f));
  assert.deepEqual(kbFiles.map((f) => `kb/${f}`).filter((f) => !assets.includes(f)), [], 'every KB file is precached');
  assert.ok(!assets.includes('bounce-explainer.html'), 'the download is not precached');
  buildSite({ wasmDir, outDir: out, steps: STEPS_WITHOUT_COPIES });
  assert.equal(cacheName(), first, 'same bytes, same cache name');
  writeFileSync(join(wasmDir, 'bounce-explainer.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0]));
  buildSite({ wasmDir, outDir: out, steps: STEPS_WITHOUT_COPIES });
  assert.notEqual(cacheName(), first, 'a changed asset gives a new cache name');
});
