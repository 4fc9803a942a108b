#!/usr/bin/env node
// A tiny static file server for the built site (dependency-free).
//
//   node web/serve.mjs [--root build/site] [--port 8080] [--host 127.0.0.1]
//
// Programmatic use (tests):
//   import { startServer } from './serve.mjs';
//   const { url, close } = await startServer({ root, port: 0 });

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

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
  '.eml': 'message/rfc822',
  '.xml': 'application/xml; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
};

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
};

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
 * Maps a request path to a file under root, or null if it would escape root
 * or is malformed.
 */
export function resolveRequestPath(root, requestUrl) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(requestUrl, 'http://localhost').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  // Reject any ".." segment outright (also after decoding %2e%2e and backslashes).
  const segments = pathname.split(/[/\\]+/);
  if (segments.some((segment) => segment === '..')) return null;
  const file = resolve(root, `.${sep}${segments.filter(Boolean).join(sep)}`);
  if (file !== root && !file.startsWith(root + sep)) return null;
  return file;
}

function createHandler(root, mounts) {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
      return;
    }
    // Extra directories under a URL prefix (tests serve fixture pages from the site's origin).
    let base = root;
    let requestUrl = req.url;
    for (const [prefix, dir] of mounts) {
      if (requestUrl.startsWith(prefix)) {
        base = dir;
        requestUrl = `/${requestUrl.slice(prefix.length)}`;
        break;
      }
    }
    let file = resolveRequestPath(base, requestUrl);
    if (!file) {
      send(res, 400, 'Bad Request');
      return;
    }
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        const pathname = new URL(req.url, 'http://localhost').pathname;
        if (!pathname.endsWith('/')) {
          send(res, 301, 'Moved Permanently', { Location: `${pathname}/` });
          return;
        }
        file = join(file, 'index.html');
        info = await stat(file);
      }
      if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
      const type = MIME_TYPES[extname(file).toLowerCase()] || 'application/octet-stream';
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': info.size });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      const stream = createReadStream(file);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    } catch (error) {
      if (error && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) send(res, 404, 'Not Found');
      else send(res, 500, 'Internal Server Error');
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
 * @param {{root?: string, port?: number, host?: string, attempts?: number, mounts?: Record<string, string>}} [options]
 *   mounts: extra directories served under URL prefixes, e.g. {'/__fixtures__/': 'tests/browser/fixtures'}
 * @returns {Promise<{url: string, port: number, host: string, root: string, server: import('node:http').Server, close: () => Promise<void>}>}
 */
export async function startServer({ root = 'build/site', port = 8080, host = '127.0.0.1', attempts = 20, mounts = {} } = {}) {
  const absoluteRoot = resolve(root);
  const info = await stat(absoluteRoot).catch(() => null);
  if (!info || !info.isDirectory()) throw new Error(`Site root ${absoluteRoot} does not exist (run web/build-site.mjs first)`);

  const mountList = Object.entries(mounts).map(([prefix, dir]) => [prefix.endsWith('/') ? prefix : `${prefix}/`, resolve(dir)]);
  const handler = createHandler(absoluteRoot, mountList);
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
  const options = { root: 'build/site', port: 8080, host: '127.0.0.1' };
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
    else if (name === '--port') {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be an integer 0-65535');
      options.port = port;
    } else if (name === '--help' || name === '-h') options.help = true;
    else throw new Error(`Unknown argument: ${arg}`);
  }
  return options;
}

async function main(argv) {
  let options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    console.error(`${error.message}\nUsage: node web/serve.mjs [--root build/site] [--port 8080] [--host 127.0.0.1]`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    console.log('Usage: node web/serve.mjs [--root build/site] [--port 8080] [--host 127.0.0.1]');
    return;
  }
  try {
    const { url, close } = await startServer(options);
    console.log(`Serving ${options.root} at ${url}`);
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
