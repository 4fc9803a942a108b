// web/serve.mjs, the static server of `web/start.sh` and of the browser tests, against a small
// site in a temporary folder: nothing outside the root (symbolic links included), no dotfiles,
// no protocol-relative redirect, the policy headers by page, gzip when the client accepts it,
// the build's precompressed copies (FILE.br, FILE.gz) when there are any, ETags and 304s, CORS
// only when asked for (--cors).
// Run: node --test tests/serve/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startServer, SITE_POLICY, acceptsGzip, acceptedEncodings, parseArgs } from '../../web/serve.mjs';
import { compressBoth } from '../../web/precompress.mjs';

let top;
let server;

const PRECOMPRESSED_FILES = {
  'pre/page.mjs': Buffer.from(`export const words = ${JSON.stringify('precompressed '.repeat(300))};\n`),
  'pre/core.wasm': Buffer.concat([Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]), Buffer.alloc(30_000, 0x42)]),
  'pre/index.html': Buffer.from(`<!doctype html><title>pre</title>${'<p>paragraph</p>'.repeat(200)}`),
};

before(async () => {
  top = mkdtempSync(join(tmpdir(), 'bx-serve-'));
  const root = join(top, 'site');
  const files = {
    'index.html': '<!doctype html><title>tool</title>',
    'embed.html': '<!doctype html><title>embed</title>',
    'bounce-explainer.html': '<!doctype html><title>single file</title>',
    'kb/index.html': '<!doctype html><title>kb</title>',
    'app.mjs': `export const text = ${JSON.stringify('compressible '.repeat(400))};\n`,
    'icon.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]),
    // A wasm module's shape: the magic number and version, then sections that compress well.
    'bounce-explainer.wasm': Buffer.concat([Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]), Buffer.alloc(20_000, 0x41)]),
    '.bounce-explainer-site': 'marker',
    '.git/config': '[core]',
    'inside.txt': 'inside the root',
  };
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), content);
  }
  // Files with precompressed copies beside them, as web/precompress.mjs writes them in the build.
  for (const [name, content] of Object.entries(PRECOMPRESSED_FILES)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), content);
    const { gzip, br } = compressBoth(content, name);
    writeFileSync(join(root, `${name}.gz`), gzip);
    writeFileSync(join(root, `${name}.br`), br);
  }
  mkdirSync(join(top, 'outside'));
  writeFileSync(join(top, 'outside', 'secret.txt'), 'SECRET');
  symlinkSync('/etc/passwd', join(root, 'passwd'));
  symlinkSync(join(top, 'outside'), join(root, 'outdir'));
  symlinkSync(join(top, 'outside', 'secret.txt'), join(root, 'secret.txt'));
  symlinkSync('inside.txt', join(root, 'alias.txt')); // a link that stays inside: served
  mkdirSync(join(top, 'fixtures', 'sub'), { recursive: true });
  writeFileSync(join(top, 'fixtures', 'host.html'), '<!doctype html><style>p{}</style>');
  server = await startServer({ root, port: 0, mounts: { '/__fixtures__/': join(top, 'fixtures') } });
});

after(async () => {
  await server?.close();
  if (top) rmSync(top, { recursive: true, force: true });
});

/** A raw request (the path is sent exactly as given), to `server` unless another one is named. */
function get(path, headers = {}, method = 'GET', { port } = server) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('symbolic links that leave the root are not followed; one that stays inside is', async () => {
  for (const path of ['/passwd', '/outdir/secret.txt', '/secret.txt']) {
    const r = await get(path);
    assert.equal(r.status, 404, path);
    assert.doesNotMatch(r.body.toString(), /SECRET|root:/, path);
  }
  const inside = await get('/alias.txt');
  assert.equal(inside.status, 200);
  assert.equal(inside.body.toString(), 'inside the root');
});

test('"..", encoded or not, never leaves the root', async () => {
  for (const path of ['/../outside/secret.txt', '/..%2foutside%2fsecret.txt', '/%2e%2e/%2e%2e/etc/passwd', '/kb/..%5c..%5coutside/secret.txt']) {
    const r = await get(path);
    assert.ok(r.status === 400 || r.status === 404, `${path}: ${r.status}`);
    assert.doesNotMatch(r.body.toString(), /SECRET|root:/, path);
  }
});

test('dotfiles and dot-directories are not served', async () => {
  for (const path of ['/.bounce-explainer-site', '/.git/config', '/%2egit/config', '/kb/../.git/config']) {
    assert.equal((await get(path)).status, 404, path);
  }
});

test('a directory without its slash is redirected to a path on this host, never to //host/', async () => {
  const cases = [
    ['/kb', '/kb/'],
    ['/.//kb', '/kb/'],
    ['//kb', '/kb/'],
    ['/./kb', '/kb/'],
    ['/kb?x=1', '/kb/'],
    ['/__fixtures__/sub', '/__fixtures__/sub/'],
  ];
  for (const [path, location] of cases) {
    const r = await get(path);
    assert.equal(r.status, 301, path);
    assert.equal(r.headers.location, location, path);
    assert.ok(!r.headers.location.startsWith('//'), `${path}: ${r.headers.location}`);
  }
  assert.equal((await get('/.//kb')).headers.location, '/kb/', 'the case of the issue');
});

test('policy headers: the site policy with no framing, except embed.html (any site may frame it)', async () => {
  const page = await get('/');
  assert.equal(page.status, 200);
  assert.equal(page.headers['content-security-policy'], `${SITE_POLICY}; frame-ancestors 'none'`);
  assert.equal(page.headers['x-frame-options'], 'DENY');
  for (const path of ['/kb/', '/app.mjs', '/missing.html']) {
    assert.match((await get(path)).headers['content-security-policy'] ?? '', /frame-ancestors 'none'$/, path);
  }
  const embed = await get('/embed.html?theme=dark');
  assert.equal(embed.headers['content-security-policy'], `${SITE_POLICY}; frame-ancestors *`);
  assert.equal(embed.headers['x-frame-options'], undefined);
  // The single file carries its own policy (hashes of its inline code) in a <meta>.
  assert.equal((await get('/bounce-explainer.html')).headers['content-security-policy'], "frame-ancestors 'none'");
  // A mounted folder stands for somebody else's page: the site's policy is not sent there.
  assert.equal((await get('/__fixtures__/host.html')).headers['content-security-policy'], undefined);
  for (const [name, value] of Object.entries({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' })) {
    assert.equal(page.headers[name], value);
  }
});

test('gzip for compressible assets when the client accepts it; the same bytes once unzipped', async () => {
  const plain = await get('/app.mjs');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(plain.headers.vary, 'Accept-Encoding');
  const zipped = await get('/app.mjs', { 'Accept-Encoding': 'br, gzip, deflate' });
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  assert.equal(zipped.headers.vary, 'Accept-Encoding');
  assert.equal(Number(zipped.headers['content-length']), zipped.body.length);
  assert.ok(zipped.body.length < plain.body.length / 4, `${zipped.body.length} bytes gzipped of ${plain.body.length}`);
  assert.deepEqual(gunzipSync(zipped.body), plain.body);
  const head = await get('/app.mjs', { 'Accept-Encoding': 'gzip' }, 'HEAD');
  assert.equal(head.headers['content-length'], zipped.headers['content-length']);
  assert.equal(head.body.length, 0);
  assert.equal((await get('/app.mjs', { 'Accept-Encoding': 'gzip;q=0' })).headers['content-encoding'], undefined, 'q=0 refuses gzip');
  assert.equal((await get('/icon.png', { 'Accept-Encoding': 'gzip' })).headers['content-encoding'], undefined, 'images are not gzipped');
  assert.deepEqual(gunzipSync((await get('/', { 'Accept-Encoding': 'gzip' })).body).toString(), readFileSync(join(top, 'site', 'index.html'), 'utf8'));
});

test('the .wasm, the largest file of the page, is sent gzipped as application/wasm', async () => {
  const wasm = readFileSync(join(top, 'site', 'bounce-explainer.wasm'));
  const zipped = await get('/bounce-explainer.wasm', { 'Accept-Encoding': 'gzip, deflate, br' });
  assert.equal(zipped.status, 200);
  assert.equal(zipped.headers['content-type'], 'application/wasm');
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  assert.equal(zipped.headers.vary, 'Accept-Encoding');
  assert.equal(Number(zipped.headers['content-length']), zipped.body.length);
  assert.ok(zipped.body.length < wasm.length / 10, `${zipped.body.length} bytes sent for ${wasm.length}`);
  assert.deepEqual(gunzipSync(zipped.body), wasm);
  const plain = await get('/bounce-explainer.wasm');
  assert.equal(plain.headers['content-encoding'], undefined, 'a client that does not accept gzip gets the bytes as they are');
  assert.deepEqual(plain.body, wasm);
});

test('precompressed copies: br first, then gzip, else the file itself; right type, Vary and per-coding ETag', async () => {
  const types = { 'pre/page.mjs': 'text/javascript; charset=utf-8', 'pre/core.wasm': 'application/wasm', 'pre/index.html': 'text/html; charset=utf-8' };
  for (const [name, original] of Object.entries(PRECOMPRESSED_FILES)) {
    const path = `/${name}`;
    const onDisk = (suffix) => readFileSync(join(top, 'site', `${name}${suffix}`));
    const br = await get(path, { 'Accept-Encoding': 'gzip, deflate, br' });
    const gz = await get(path, { 'Accept-Encoding': 'gzip, deflate' });
    const plain = await get(path);
    for (const [answer, coding] of [[br, 'br'], [gz, 'gzip'], [plain, undefined]]) {
      assert.equal(answer.status, 200, `${path} ${coding}`);
      assert.equal(answer.headers['content-type'], types[name], `${path} ${coding}`);
      assert.equal(answer.headers['content-encoding'], coding, `${path} ${coding}`);
      assert.equal(answer.headers.vary, 'Accept-Encoding', `${path} ${coding}`);
      assert.equal(answer.headers['cache-control'], 'no-cache', `${path} ${coding}`);
      assert.equal(Number(answer.headers['content-length']), answer.body.length, `${path} ${coding}`);
      assert.match(answer.headers.etag, /^"[0-9a-z]+-[0-9a-z]+(-br|-gzip)?"$/, `${path} ${coding}`);
      assert.equal(answer.headers['x-content-type-options'], 'nosniff');
    }
    assert.deepEqual(br.body, onDisk('.br'), `${path}: the build's .br as it is`);
    assert.deepEqual(brotliDecompressSync(br.body), original, `${path}: .br decompresses to the file`);
    assert.deepEqual(gz.body, onDisk('.gz'), `${path}: the build's .gz as it is`);
    assert.deepEqual(gunzipSync(gz.body), original, `${path}: .gz decompresses to the file`);
    assert.deepEqual(plain.body, original, `${path}: no coding accepted, the file itself`);
    assert.equal(new Set([br.headers.etag, gz.headers.etag, plain.headers.etag]).size, 3, `${path}: one ETag per coding`);
  }
  assert.equal((await get('/pre/', { 'Accept-Encoding': 'br' })).headers['content-encoding'], 'br', 'a folder index too');
  assert.equal((await get('/pre/page.mjs', { 'Accept-Encoding': 'br;q=0, gzip' })).headers['content-encoding'], 'gzip', 'br refused');
  assert.equal((await get('/pre/page.mjs', { 'Accept-Encoding': 'gzip;q=1, br;q=0.5' })).headers['content-encoding'], 'gzip', "the client's preference first");
  assert.equal((await get('/pre/page.mjs', { 'Accept-Encoding': '*' })).headers['content-encoding'], 'br');
  const head = await get('/pre/core.wasm', { 'Accept-Encoding': 'br' }, 'HEAD');
  assert.equal(Number(head.headers['content-length']), readFileSync(join(top, 'site', 'pre/core.wasm.br')).length);
  assert.equal(head.body.length, 0);
  // Without a .br beside it, a br-accepting client gets gzip made by the server.
  assert.equal((await get('/app.mjs', { 'Accept-Encoding': 'br' })).headers['content-encoding'], undefined, 'br only, no copy: as it is');
  assert.equal((await get('/app.mjs', { 'Accept-Encoding': 'br, gzip' })).headers['content-encoding'], 'gzip');
});

test('If-None-Match with the ETag of the same coding: 304 without a body; another coding or version: 200', async () => {
  const first = await get('/pre/page.mjs', { 'Accept-Encoding': 'br' });
  const again = await get('/pre/page.mjs', { 'Accept-Encoding': 'br', 'If-None-Match': first.headers.etag });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
  assert.equal(again.headers.etag, first.headers.etag);
  assert.equal(again.headers.vary, 'Accept-Encoding');
  assert.equal((await get('/pre/page.mjs', { 'Accept-Encoding': 'br', 'If-None-Match': `W/${first.headers.etag}` })).status, 304, 'weak comparison');
  assert.equal((await get('/pre/page.mjs', { 'Accept-Encoding': 'gzip', 'If-None-Match': first.headers.etag })).status, 200, 'the gzip body is another representation');
  assert.equal((await get('/pre/page.mjs', { 'If-None-Match': '"0-0"' })).status, 200);
  const icon = await get('/icon.png');
  assert.equal((await get('/icon.png', { 'If-None-Match': icon.headers.etag })).status, 304, 'every file has one');
});

test('a precompressed copy older than its file, or leading out of the root, is not sent', async (t) => {
  const root = join(top, 'stale-site');
  mkdirSync(root);
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const fresh = Buffer.from(`export const v = ${JSON.stringify('new version '.repeat(200))};\n`);
  writeFileSync(join(root, 'page.mjs.br'), compressBoth(Buffer.from('export const v = "old";\n'), 'page.mjs').br);
  writeFileSync(join(root, 'page.mjs'), fresh);
  const past = new Date(Date.now() - 60_000);
  utimesSync(join(root, 'page.mjs.br'), past, past); // a copy left from an earlier build
  writeFileSync(join(top, 'outside', 'other.mjs.gz'), compressBoth(Buffer.from('SECRET '.repeat(500)), 'x.mjs').gzip);
  writeFileSync(join(root, 'other.mjs'), fresh);
  symlinkSync(join(top, 'outside', 'other.mjs.gz'), join(root, 'other.mjs.gz'));
  const stale = await startServer({ root, port: 0 });
  t.after(() => stale.close());
  const page = await get('/page.mjs', { 'Accept-Encoding': 'br, gzip' }, 'GET', stale);
  assert.equal(page.headers['content-encoding'], 'gzip', 'the stale .br is passed over');
  assert.deepEqual(gunzipSync(page.body), fresh);
  const other = await get('/other.mjs', { 'Accept-Encoding': 'gzip' }, 'GET', stale);
  assert.deepEqual(gunzipSync(other.body), fresh, 'a .gz linked from outside the root is passed over');
});

test('acceptedEncodings: the codings we send that the client takes, its preference first, br on a tie', () => {
  const codings = (header) => acceptedEncodings(header).map(({ coding }) => coding);
  assert.deepEqual(codings(undefined), []);
  assert.deepEqual(codings('gzip, deflate, br'), ['br', 'gzip']);
  assert.deepEqual(codings('gzip, deflate'), ['gzip']);
  assert.deepEqual(codings('br;q=0.8, gzip;q=0.9'), ['gzip', 'br']);
  assert.deepEqual(codings('br;q=0, *'), ['gzip']);
  assert.deepEqual(codings('identity'), []);
});

test('Accept-Encoding is read as RFC 9110 says', () => {
  assert.equal(acceptsGzip(undefined), false);
  assert.equal(acceptsGzip('identity'), false);
  assert.equal(acceptsGzip('gzip'), true);
  assert.equal(acceptsGzip('GZIP;q=0.5'), true);
  assert.equal(acceptsGzip('gzip;q=0, *'), false, 'refused by name: the wildcard does not override it');
  assert.equal(acceptsGzip('gzip; q=0'), false);
  assert.equal(acceptsGzip('*'), true);
  assert.equal(acceptsGzip('br, *;q=0'), false);
});

test('CORS: off by default; --cors ORIGIN answers that origin only (Vary: Origin), --cors "*" everyone', async (t) => {
  const site = join(top, 'site');
  const help = 'https://help.example.com';
  const other = 'https://other.example.net';
  const files = ['/app.mjs', '/kb/index.html', '/kb/', '/icon.png', '/missing.mjs'];

  for (const path of files) assert.equal((await get(path, { Origin: help })).headers['access-control-allow-origin'], undefined, `no CORS by default: ${path}`);

  const listed = await startServer({ root: site, port: 0, cors: [help, 'http://localhost:8080'] });
  t.after(() => listed.close());
  for (const path of files) {
    const r = await get(path, { Origin: help, 'Accept-Encoding': 'gzip' }, 'GET', listed);
    assert.equal(r.headers['access-control-allow-origin'], help, path);
    assert.match(r.headers.vary, /(^|, )Origin(,|$)/, `${path}: Vary: Origin`);
  }
  const zipped = await get('/app.mjs', { Origin: help, 'Accept-Encoding': 'gzip' }, 'GET', listed);
  assert.equal(zipped.headers.vary, 'Origin, Accept-Encoding', 'both reasons to vary');
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  assert.equal((await get('/app.mjs', { Origin: 'http://localhost:8080' }, 'GET', listed)).headers['access-control-allow-origin'], 'http://localhost:8080');
  assert.equal((await get('/app.mjs', { Origin: other }, 'GET', listed)).headers['access-control-allow-origin'], undefined, 'an origin not listed gets nothing');
  assert.equal((await get('/app.mjs', {}, 'GET', listed)).headers['access-control-allow-origin'], undefined, 'a request without Origin gets nothing');
  for (const path of ['/../outside/secret.txt', '/secret.txt', '/.git/config']) {
    const withCors = await get(path, { Origin: help }, 'GET', listed);
    assert.equal(withCors.status, (await get(path)).status, `CORS changes nothing of what is served: ${path}`);
    assert.doesNotMatch(withCors.body.toString(), /SECRET|\[core\]/, path);
  }

  const anyone = await startServer({ root: site, port: 0, cors: ['*'] });
  t.after(() => anyone.close());
  const r = await get('/app.mjs', { Origin: other }, 'GET', anyone);
  assert.equal(r.headers['access-control-allow-origin'], '*');
  assert.equal(r.headers.vary, 'Accept-Encoding', 'one answer for every origin: no Vary: Origin');
});

test('--cors on the command line: repeatable, and only origins are accepted', async () => {
  assert.deepEqual(parseArgs([]).cors, []);
  assert.deepEqual(parseArgs(['--cors', 'https://help.example.com', '--cors=http://127.0.0.1:9000']).cors, ['https://help.example.com', 'http://127.0.0.1:9000']);
  assert.deepEqual(parseArgs(['--cors', '*']).cors, ['*']);
  for (const bad of ['help.example.com', 'https://help.example.com/', 'https://help.example.com/kb', 'ftp://x.example', '']) {
    assert.throws(() => parseArgs(['--cors', bad]), /give an origin/, bad);
  }
  assert.throws(() => parseArgs(['--cors']), /needs a value/);
  await assert.rejects(startServer({ root: join(top, 'site'), port: 0, cors: ['https://x.example/path'] }), /give an origin/);
});
