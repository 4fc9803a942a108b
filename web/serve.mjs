#!/usr/bin/env node
// A tiny static file server for the built site (dependency-free). It sends the build's
// precompressed copies (FILE.br, else FILE.gz: web/precompress.mjs) when the request accepts
// them, gzips on the fly what has no copy, and answers If-None-Match with 304.
//
//   node web/serve.mjs [--root build/site] [--port 8080] [--host 127.0.0.1] [--cors ORIGIN ...]
//
// --cors ORIGIN (repeatable; "*" for any site) lets pages of those origins load the site's
// modules, .wasm and pages with CORS: what <bounce-explainer> needs when another site's page
// loads embed.mjs from here (web/README.md, "Embedding from another origin"). Off by default.
//
// Programmatic use (tests):
//   import { startServer } from './serve.mjs';
//   const { url, close } = await startServer({ root, port: 0 });

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';

const gzipAsync = promisify(gzip);

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.sha256': 'text/plain; charset=utf-8',
  '.eml': 'message/rfc822',
  '.xml': 'application/xml; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
};

/** Extensions sent compressed to a client that accepts it (images are compressed already). */
export const COMPRESSIBLE = new Set(['.html', '.htm', '.css', '.js', '.mjs', '.json', '.wasm', '.svg', '.txt', '.xml', '.map', '.webmanifest', '.sha256', '.eml']);

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
};

/**
 * The site's Content-Security-Policy, sent as a header on every response. Each page also carries
 * its own, stricter policy in a <meta> (kept there for file:// and for hosts that send no header);
 * a browser enforces both, so a page gets its <meta> policy plus what only a header can say:
 * frame-ancestors (a <meta> cannot stop the page being framed). It is also the policy of the
 * workers (a worker's policy comes from its script's response): no connection but this origin.
 * tests/site/serve.test.mjs checks that every page's <meta> policy fits inside it.
 */
export const SITE_POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'";

/**
 * The security headers that depend on the URL path (web/README.md "Static hosting" gives the same
 * rules for nginx, Apache and Caddy): embed.html is made to be framed by any site; the single file
 * carries hashes of its inline script and style in its <meta>, so its header only forbids framing;
 * everything else gets the site policy and may not be framed.
 * @param {string} pathname the decoded URL path
 */
export function policyHeaders(pathname) {
  if (/(^|\/)embed\.html$/.test(pathname)) return { 'Content-Security-Policy': `${SITE_POLICY}; frame-ancestors *` };
  const noFraming = { 'X-Frame-Options': 'DENY' };
  if (/(^|\/)bounce-explainer\.html$/.test(pathname)) return { 'Content-Security-Policy': "frame-ancestors 'none'", ...noFraming };
  return { 'Content-Security-Policy': `${SITE_POLICY}; frame-ancestors 'none'`, ...noFraming };
}

function send(res, status, text, extraHeaders = {}) {
  const body = `${text}\n`;
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    ...extraHeaders,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/**
 * The path of a request target, not yet decoded. Parsed after a scheme and host of our own, so
 * that "//kb" is the path "//kb", not a URL naming the host "kb".
 */
function pathOf(requestUrl) {
  return new URL(requestUrl.startsWith('/') ? `http://localhost${requestUrl}` : requestUrl).pathname;
}

/**
 * The path segments of a request URL, decoded: null when the URL is malformed or holds a NUL or
 * a ".." segment. "." and empty segments are dropped ("/.//kb" is ["kb"]).
 */
export function requestSegments(requestUrl) {
  let pathname;
  try {
    pathname = decodeURIComponent(pathOf(requestUrl));
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  // Split on backslashes too: on some systems they separate path segments.
  const segments = pathname.split(/[/\\]+/).filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) return null;
  return segments;
}

/** A dotfile or a path through a dot-directory (.git, .env, the site's own marker file): never served. */
export function isHidden(segments) {
  return segments.some((segment) => segment.startsWith('.'));
}

/**
 * Maps a request path to a file under root, or null if it would escape root (by "..") or is
 * malformed or a dotfile. Symbolic links are checked when the file is opened (see createHandler).
 */
export function resolveRequestPath(root, requestUrl) {
  const segments = requestSegments(requestUrl);
  if (!segments || isHidden(segments)) return null;
  const file = resolve(root, `.${sep}${segments.join(sep)}`);
  if (file !== root && !file.startsWith(root + sep)) return null;
  return file;
}

/** Whether `file` (a real path) is `root` (a real path) or inside it. */
function isInside(root, file) {
  return file === root || file.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * The weight (q-value) a request's Accept-Encoding gives `coding`: its own when named, else the
 * "*" wildcard's, else 0 (RFC 9110 §12.5.3; "identity" is not a coding we send).
 */
export function encodingWeight(header, coding) {
  if (typeof header !== 'string') return 0;
  const weights = new Map();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';').map((x) => x.trim());
    const q = params.find((p) => p.startsWith('q='));
    weights.set(name, q ? Number(q.slice(2)) : 1);
  }
  const weight = weights.has(coding) ? weights.get(coding) : weights.get('*');
  return weight > 0 ? weight : 0;
}

/** Whether the request's Accept-Encoding admits gzip: "gzip" with a q above 0, or "*" when gzip is not named. */
export function acceptsGzip(header) {
  return encodingWeight(header, 'gzip') > 0;
}

/**
 * The content codings this server sends, with the suffix of their precompressed files (written by
 * web/precompress.mjs beside each file of the site), in its order of preference: brotli is
 * smaller (the .wasm: ~190 KB against ~250 KB gzipped).
 */
export const ENCODINGS = [
  { coding: 'br', suffix: '.br' },
  { coding: 'gzip', suffix: '.gz' },
];

/**
 * The codings of ENCODINGS the request accepts, the client's higher q-value first, ours (br
 * first) on equal weights.
 */
export function acceptedEncodings(header) {
  return ENCODINGS.map((encoding, rank) => ({ ...encoding, rank, weight: encodingWeight(header, encoding.coding) }))
    .filter((encoding) => encoding.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.rank - b.rank);
}

/**
 * The origins given to --cors, checked: "*" or serialised origins ("https://help.example.com",
 * no path). Throws on anything else, so that a typo is not a silently closed door.
 * @param {string[]} origins
 */
export function checkCorsOrigins(origins) {
  for (const origin of origins) {
    let parsed = null;
    try {
      parsed = origin === '*' ? null : new URL(origin);
    } catch {
      // reported below
    }
    if (origin !== '*' && (!parsed || parsed.origin !== origin || !/^https?:$/.test(parsed.protocol))) {
      throw new Error(`--cors ${origin}: give an origin such as https://help.example.com (scheme, host and port only), or "*"`);
    }
  }
  return origins;
}

/**
 * CORS headers for a request whose Origin header is `requestOrigin`, when the server lets the
 * `allowed` origins read its files: "*" allows everyone; otherwise the request's origin is echoed
 * when listed (a response may name one origin only), and Vary: Origin keeps caches from handing
 * one site's answer to another. No headers when CORS is off.
 * @param {string[]} allowed
 * @param {string|undefined} requestOrigin
 */
export function corsHeaders(allowed, requestOrigin) {
  if (allowed.length === 0) return {};
  if (allowed.includes('*')) return { 'Access-Control-Allow-Origin': '*' };
  const headers = { Vary: 'Origin' };
  if (requestOrigin && allowed.includes(requestOrigin)) headers['Access-Control-Allow-Origin'] = requestOrigin;
  return headers;
}

/** Gzipped bodies, by real path, size and modification time (a changed file is compressed again). */
class GzipCache {
  constructor() {
    this.entries = new Map();
  }

  async get(file, info) {
    const key = `${info.size}:${info.mtimeMs}`;
    const entry = this.entries.get(file);
    if (entry && entry.key === key) return entry.body;
    const body = await gzipAsync(await readFile(file), { level: 9 });
    this.entries.set(file, { key, body });
    return body;
  }
}

/**
 * The precompressed copy of `real` for `suffix` (FILE.br, FILE.gz beside it), or null: a file
 * that lies under `base` (symbolic links included) and is not older than the file itself (a copy
 * left from an earlier version of the file is never sent for it).
 */
async function precompressedCopy(base, real, info, suffix) {
  try {
    const copy = await realpath(real + suffix);
    const copyInfo = await stat(copy);
    if (!copyInfo.isFile() || !isInside(base, copy) || copyInfo.mtimeMs < info.mtimeMs) return null;
    return { file: copy, size: copyInfo.size };
  } catch {
    return null;
  }
}

/**
 * What to send for a compressible file, given the request's Accept-Encoding: its precompressed
 * copy in the best accepted coding that has one (brotli first), else gzip made here (and kept in
 * `gzipCache`) when gzip is accepted; null when the client accepts neither.
 * @returns {Promise<{file?: string, bytes?: Buffer, size: number, coding: string}|null>}
 */
async function encodedBody(base, real, info, acceptEncoding, gzipCache) {
  const accepted = acceptedEncodings(acceptEncoding);
  for (const { coding, suffix } of accepted) {
    const copy = await precompressedCopy(base, real, info, suffix);
    if (copy) return { ...copy, coding };
  }
  if (!accepted.some(({ coding }) => coding === 'gzip')) return null;
  const bytes = await gzipCache.get(real, info);
  return { bytes, size: bytes.length, coding: 'gzip' };
}

/** A strong entity tag for a file version (size, modification time) sent in `coding` (null: as is). */
export function entityTag(info, coding) {
  return `"${info.size.toString(36)}-${Math.trunc(info.mtimeMs).toString(36)}${coding ? `-${coding}` : ''}"`;
}

/** Whether an If-None-Match header names `tag` (or is "*"); weak tags compare by their opaque part. */
export function ifNoneMatch(header, tag) {
  if (typeof header !== 'string') return false;
  return header.split(',').some((candidate) => {
    const value = candidate.trim();
    return value === '*' || value.replace(/^W\//, '') === tag;
  });
}

function createHandler(root, mounts, corsOrigins) {
  const gzipCache = new GzipCache();
  return async (req, res) => {
    // Set first, so that every answer carries them (errors too: the page can then read why).
    for (const [name, value] of Object.entries(corsHeaders(corsOrigins, req.headers.origin))) res.setHeader(name, value);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
      return;
    }
    // Extra directories under a URL prefix (tests serve fixture pages from the site's origin).
    // They stand for other people's pages (a host page of the embed), so the site's policy
    // headers are not theirs.
    let base = root;
    let prefix = '/';
    let requestUrl = req.url;
    for (const [mountPrefix, dir] of mounts) {
      if (requestUrl.startsWith(mountPrefix)) {
        base = dir;
        prefix = mountPrefix;
        requestUrl = `/${requestUrl.slice(mountPrefix.length)}`;
        break;
      }
    }
    const segments = requestSegments(requestUrl);
    let file = segments && resolveRequestPath(base, requestUrl);
    if (!file) {
      if (segments && isHidden(segments)) send(res, 404, 'Not Found');
      else send(res, 400, 'Bad Request');
      return;
    }
    const policy = base === root ? policyHeaders(`/${segments.join('/')}`) : {};
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        if (!pathOf(req.url).endsWith('/')) {
          // Built from the checked segments, never from the raw path: "/.//kb" must not answer
          // "Location: //kb/" (a protocol-relative URL: another host).
          const location = `${prefix}${segments.map(encodeURIComponent).join('/')}${segments.length ? '/' : ''}`;
          send(res, 301, 'Moved Permanently', { Location: location, ...policy });
          return;
        }
        file = join(file, 'index.html');
        info = await stat(file);
      }
      if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
      // A symbolic link may point anywhere: serve only what really lies under the root.
      const real = await realpath(file);
      if (!isInside(base, real)) throw Object.assign(new Error('outside the root'), { code: 'ENOENT' });
      const extension = extname(file).toLowerCase();
      const type = MIME_TYPES[extension] || 'application/octet-stream';
      const headers = { ...SECURITY_HEADERS, ...policy, 'Content-Type': type };
      let body = { file: real, size: info.size, coding: null };
      if (COMPRESSIBLE.has(extension)) {
        headers.Vary = [res.getHeader('Vary'), 'Accept-Encoding'].filter(Boolean).join(', ');
        body = (await encodedBody(base, real, info, req.headers['accept-encoding'], gzipCache)) || body;
      }
      if (body.coding) headers['Content-Encoding'] = body.coding;
      // One tag per file version and coding: with "Cache-Control: no-cache" a browser asks again
      // on every load, and an unchanged file costs a 304 instead of its bytes.
      headers.ETag = entityTag(info, body.coding);
      if (ifNoneMatch(req.headers['if-none-match'], headers.ETag)) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      res.writeHead(200, { ...headers, 'Content-Length': body.size });
      if (req.method === 'HEAD') {
        res.end();
      } else if (body.bytes) {
        res.end(body.bytes);
      } else {
        const stream = createReadStream(body.file);
        stream.on('error', () => res.destroy());
        stream.pipe(res);
      }
    } catch (error) {
      if (error && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) send(res, 404, 'Not Found', policy);
      else send(res, 500, 'Internal Server Error', policy);
    }
  };
}

function listen(server, port, host) {
  return new Promise((resolvePromise, reject) => {
    const onError = (error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolvePromise();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * Starts the server. With port 0 the system picks a free port; otherwise, if
 * the port is busy, the next ones are tried (up to `attempts`).
 * @param {{root?: string, port?: number, host?: string, attempts?: number, mounts?: Record<string, string>, cors?: string[]}} [options]
 *   mounts: extra directories served under URL prefixes, e.g. {'/__fixtures__/': 'tests/browser/fixtures'}
 *   cors: origins whose pages may read the files ("*": any), see corsHeaders(); none by default
 * @returns {Promise<{url: string, port: number, host: string, root: string, server: import('node:http').Server, close: () => Promise<void>}>}
 */
export async function startServer({ root = 'build/site', port = 8080, host = '127.0.0.1', attempts = 20, mounts = {}, cors = [] } = {}) {
  checkCorsOrigins(cors);
  const info = await stat(resolve(root)).catch(() => null);
  if (!info || !info.isDirectory()) throw new Error(`Site root ${resolve(root)} does not exist (run web/build-site.mjs first)`);
  // Real paths: a file is served only when its own real path lies under them.
  const absoluteRoot = await realpath(resolve(root));

  const mountList = await Promise.all(
    Object.entries(mounts).map(async ([prefix, dir]) => [prefix.endsWith('/') ? prefix : `${prefix}/`, await realpath(resolve(dir))]),
  );
  const handler = createHandler(absoluteRoot, mountList, cors);
  let server = null;
  let lastError = null;
  const tries = port === 0 ? 1 : attempts;
  for (let i = 0; i < tries && !server; i++) {
    const candidate = createServer(handler);
    try {
      await listen(candidate, port === 0 ? 0 : port + i, host);
      server = candidate;
    } catch (error) {
      lastError = error;
      if (error.code !== 'EADDRINUSE' || port + i >= 65535) break;
    }
  }
  if (!server) throw lastError;

  const actualPort = server.address().port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${actualPort}/`;
  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const close = () =>
    new Promise((resolvePromise) => {
      server.close(() => resolvePromise());
      for (const socket of sockets) socket.destroy();
    });
  return { url, port: actualPort, host, root: absoluteRoot, server, close };
}

export function parseArgs(argv) {
  const options = { root: 'build/site', port: 8080, host: '127.0.0.1', cors: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      if (eq >= 0) return arg.slice(eq + 1);
      const next = argv[++i];
      if (next === undefined) throw new Error(`${name} needs a value`);
      return next;
    };
    if (name === '--root') options.root = value();
    else if (name === '--host') options.host = value();
    else if (name === '--cors') options.cors.push(...checkCorsOrigins([value()]));
    else if (name === '--port') {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be an integer 0-65535');
      options.port = port;
    } else if (name === '--help' || name === '-h') options.help = true;
    else throw new Error(`Unknown argument: ${arg}`);
  }
  return options;
}

const USAGE = 'Usage: node web/serve.mjs [--root build/site] [--port 8080] [--host 127.0.0.1] [--cors ORIGIN|*]...';

async function main(argv) {
  let options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    console.error(`${error.message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  try {
    const { url, close } = await startServer(options);
    console.log(`Serving ${options.root} at ${url}${options.cors.length ? ` (CORS for ${options.cors.join(', ')})` : ''}`);
    const stop = () => close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    console.error(`serve: ${error.message}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2));
}
