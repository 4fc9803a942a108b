// Build steps for the installable, offline and single-file parts of the site (used by
// build-site.mjs; tooling, not published): PNG icons drawn with a tiny PNG encoder, the
// web app manifest, the self-contained bounce-explainer.html, and the service worker
// whose cache name is a hash of the bytes it precaches.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';

// ------------------------------------------------------------------ PNG ---

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes RGBA pixels (Uint8Array, width*height*4) as a PNG file. */
export function encodePng(width, height, rgba) {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/**
 * The favicon.svg drawing (a white envelope on blue with a red "x" badge) rasterised at
 * `size` px, 4×4 supersampled. `maskable` leaves a safe margin and fills the corners.
 */
const iconCache = new Map();

export function drawIcon(size, { maskable = false } = {}) {
  const key = `${size}/${maskable}`;
  if (!iconCache.has(key)) iconCache.set(key, renderIcon(size, maskable));
  return iconCache.get(key);
}

function renderIcon(size, maskable) {
  const blue = [0x2f, 0x5b, 0xd3];
  const red = [0xd9, 0x4a, 0x3d];
  const white = [255, 255, 255];
  const scale = maskable ? 0.72 : 1; // the maskable safe zone is the centre 80% circle
  const colorAt = (u, v) => {
    // (u, v) in the 32-unit favicon space
    const inBackground = maskable || (() => {
      const r = 7;
      const cx = Math.min(Math.max(u, r), 32 - r);
      const cy = Math.min(Math.max(v, r), 32 - r);
      return Math.hypot(u - cx, v - cy) <= r;
    })();
    if (!inBackground) return null;
    const x = (u - 16) / scale + 16;
    const y = (v - 16) / scale + 16;
    const w = 1 / scale;
    const circle = Math.hypot(x - 24, y - 22);
    if (circle <= 5.5 + 0.75 * w) {
      if (segmentDistance(x, y, 21.8, 19.8, 26.2, 24.2) <= 0.8 || segmentDistance(x, y, 26.2, 19.8, 21.8, 24.2) <= 0.8) return white;
      return circle >= 5.5 - 0.75 ? white : red;
    }
    const onRect =
      (x >= 6 && x <= 26 && y >= 9.5 && y <= 23.5) &&
      !(x > 8 && x < 24 && y > 11.5 && y < 21.5);
    if (onRect) return white;
    if (segmentDistance(x, y, 7.5, 11, 16, 17.5) <= 1 || segmentDistance(x, y, 16, 17.5, 24.5, 11) <= 1) return white;
    return blue;
  };
  const rgba = new Uint8Array(size * size * 4);
  const samples = size > 256 ? 2 : 4; // 4 samples per pixel are plenty at 512 px
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = colorAt(((px + (sx + 0.5) / samples) / size) * 32, ((py + (sy + 0.5) / samples) / size) * 32);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const o = (py * size + px) * 4;
      const n = samples * samples;
      if (a) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
      }
      rgba[o + 3] = Math.round((a / n) * 255);
    }
  }
  return encodePng(size, size, rgba);
}

function write(context, path, data) {
  const full = join(context.outDir, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, data);
  context.emit(path);
}

/** Site step: PNG icons (192, 512, maskable 512) and manifest.webmanifest. */
export function writeManifestAndIcons(context) {
  write(context, 'icon-192.png', drawIcon(192));
  write(context, 'icon-512.png', drawIcon(512));
  write(context, 'icon-maskable-512.png', drawIcon(512, { maskable: true }));
  const manifest = {
    name: 'Bounce Explainer',
    short_name: 'Bounces',
    description: 'Paste a bounced email and see why it failed and how to fix it. Runs entirely in your browser.',
    id: './',
    start_url: './',
    scope: './',
    display: 'standalone',
    background_color: '#f5f6f8',
    theme_color: '#2f5bd3',
    icons: [
      { src: 'icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  };
  write(context, 'manifest.webmanifest', `${JSON.stringify(manifest, null, 2)}\n`);
}

// ---------------------------------------------------------- single file ---

/** Modules of the page, in dependency order, for the inline bundle of the single file. */
export const BUNDLE_MODULES = ['offsets.mjs', 'render.mjs', 'route-view.mjs', 'worker-core.mjs', 'core-client.mjs', 'batch.mjs', 'sample.mjs', 'examples.mjs', 'ui.mjs', 'page.mjs'];

/**
 * Joins our own modules into one script: they only use single-line relative imports and
 * `export` declarations, and have distinct top-level names (a clash is a SyntaxError, which
 * the browser test of the single file would catch).
 */
export function bundleModules(webDir, modules) {
  return modules
    .map((file) => {
      const source = readFileSync(join(webDir, file), 'utf8');
      const body = source
        .replace(/^import\s[^;]*?from\s+'\.\/[^']+';\s*$/gm, '')
        .replace(/^import\s+'\.\/[^']+';\s*$/gm, '')
        .replace(/^export\s+(?=(async\s+)?(function|class|const|let)\b)/gm, '');
      if (/^\s*(import|export)\s/m.test(body)) throw new Error(`${file}: an import/export form the single-file bundler does not handle`);
      return `// ---- ${file}\n${body}`;
    })
    .join('\n');
}

/** The page's module bundle, loaded by the site's index.html instead of app.mjs and its imports. */
export const PAGE_BUNDLE = 'app.bundle.mjs';

/**
 * Site step: app.bundle.mjs, the page's modules (BUNDLE_MODULES, then app.mjs) in one file, and
 * the site's index.html made to load it. Twelve modules are twelve requests and a module graph
 * the browser walks level by level (render.mjs must arrive before route-view.mjs is asked for);
 * on a slow phone each costs a task of its own. boot.mjs stays apart and first: it has no
 * imports, so it starts the worker while the bundle downloads. The modules themselves are still
 * published, for the embed (embed.mjs imports them), the API and anyone reading the site.
 */
export function writePageBundle(context) {
  const web = context.webDir;
  const bundle = `// Generated by web/build-site.mjs from ${[...BUNDLE_MODULES, 'app.mjs'].join(', ')} (web/README.md, "First load").
import { bootWorker } from './boot.mjs';
${bundleModules(web, [...BUNDLE_MODULES, 'app.mjs'])}`;
  write(context, PAGE_BUNDLE, bundle);
  let html = readFileSync(join(context.outDir, 'index.html'), 'utf8');
  const entry = /<script type="module" src="app\.mjs"><\/script>/;
  if (!entry.test(html)) throw new Error('index.html: no app.mjs entry for the page bundle to replace');
  html = html.replace(entry, `<script type="module" src="${PAGE_BUNDLE}"></script>`);
  writeFileSync(join(context.outDir, 'index.html'), html);
}

/** The site worker's bundle, started by boot.mjs and app.mjs instead of worker.mjs and its imports. */
export const WORKER_BUNDLE = 'worker.bundle.mjs';

/**
 * Site step: worker.bundle.mjs, worker.mjs with what it imports (the Emscripten module
 * bounce-explainer.mjs and worker-core.mjs) in one file: the worker starts after one request
 * instead of two in a row (on a slow network, a round trip of seconds before it can take the
 * compiled .wasm). worker.mjs and its imports stay published for the embed (embed.mjs starts
 * worker.mjs, also from another origin) and the API.
 */
export function writeWorkerBundle(context) {
  const glue = readFileSync(join(context.wasmDir, 'bounce-explainer.mjs'), 'utf8');
  const exportLine = /^export default createBounceExplainer;?\s*$/m;
  if (!exportLine.test(glue)) throw new Error('bounce-explainer.mjs: no "export default createBounceExplainer" line for the worker bundle');
  const bundle = `// Generated by web/build-site.mjs from bounce-explainer.mjs, worker-core.mjs and worker.mjs (web/README.md, "First load").
${glue.replace(exportLine, '')}
${bundleModules(context.webDir, ['worker-core.mjs', 'worker.mjs'])}`;
  if (/^\s*(import|export)\s/m.test(bundle)) throw new Error('worker bundle: an import or export is left');
  write(context, WORKER_BUNDLE, bundle);
}

const STANDALONE_ENTRY = `
// ---- single-file entry: the worker is made from the inline source below, as a Blob URL
// (module workers cannot load from file://), and receives the inlined .wasm bytes.
const bxWasmBytes = (() => {
  const base64 = document.getElementById('bx-wasm').textContent.replace(/\\s+/g, '');
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
})();
const bxWorkerUrl = URL.createObjectURL(new Blob([document.getElementById('bx-worker-src').textContent], { type: 'text/javascript' }));
startPage({
  createWorker() {
    const worker = new Worker(bxWorkerUrl, { name: 'bounce-explainer' });
    worker.postMessage({ id: 0, action: 'init', wasm: bxWasmBytes.slice().buffer });
    return worker;
  },
  kbBase: null,
  serviceWorker: null,
});
`;

function checkInlinable(name, text) {
  if (/<\/script|<!--/i.test(text)) throw new Error(`${name} contains "</script" or "<!--" and cannot be inlined`);
  return text;
}

const sha256 = (data) => createHash('sha256').update(data).digest();

/** Site step: bounce-explainer.html (everything inlined) and its .sha256. */
export function writeStandalone(context) {
  const web = context.webDir;
  const glue = readFileSync(join(context.wasmDir, 'bounce-explainer.mjs'), 'utf8');
  // As a classic worker script: no import.meta, no export. The module only uses its own URL to
  // locate the .wasm, which we hand over as bytes; a blob:null/… URL is not a valid base, so a
  // fixed placeholder stands in.
  const classicGlue = glue.replace(/import\.meta\.url/g, '"file:///bounce-explainer/bounce-explainer.mjs"').replace(/^export default createBounceExplainer;?\s*$/m, '');
  if (/^\s*export\s/m.test(classicGlue) || /import\.meta/.test(classicGlue)) throw new Error('bounce-explainer.mjs: unexpected module syntax for the single-file worker');
  const workerSource = checkInlinable(
    'worker source',
    `${classicGlue}\n${bundleModules(web, ['worker-core.mjs'])}\nserveCore(async (wasm) => {\n  if (!wasm) throw new Error('the page did not hand over the WebAssembly bytes');\n  return createBounceExplainer({ wasmBinary: wasm });\n});\n`,
  );
  const bundle = checkInlinable('page bundle', `${bundleModules(web, BUNDLE_MODULES)}\n${STANDALONE_ENTRY}`);
  const css = checkInlinable('style.css', readFileSync(join(web, 'style.css'), 'utf8'));
  const wasm = readFileSync(join(context.wasmDir, 'bounce-explainer.wasm')).toString('base64').replace(/.{1,120}/g, '$&\n');
  const favicon = `data:image/svg+xml;base64,${readFileSync(join(web, 'favicon.svg')).toString('base64')}`;
  const hash = (text) => `'sha256-${sha256(Buffer.from(text, 'utf8')).toString('base64')}'`;
  const csp = [
    "default-src 'none'",
    `script-src ${hash(bundle)} 'wasm-unsafe-eval'`,
    `style-src ${hash(css)}`,
    'img-src data:',
    'worker-src blob:',
    "connect-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

  let html = readFileSync(join(web, 'index.html'), 'utf8');
  const replaceOnce = (pattern, replacement) => {
    if (!pattern.test(html)) throw new Error(`index.html: ${pattern} not found for the single file`);
    html = html.replace(pattern, replacement);
  };
  replaceOnce(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`);
  replaceOnce(/\s*<link rel="icon"[^>]*>/, `\n  <link rel="icon" href="${favicon}" type="image/svg+xml">`);
  for (const pattern of [/\s*<link rel="apple-touch-icon"[^>]*>/, /\s*<link rel="manifest"[^>]*>/, /\s*<link rel="preload" href="bounce-explainer\.wasm"[^>]*>/, /\s*<script type="module" src="app\.mjs"><\/script>/, /\s*<script type="module" src="boot\.mjs"><\/script>/]) replaceOnce(pattern, '');
  replaceOnce(/<link rel="stylesheet" href="style\.css">/, () => `<style>${css}</style>`);
  replaceOnce(/<ul class="footer-links">[\s\S]*?<\/ul>/, '<p>This is the single-file version of Bounce Explainer: save it anywhere and open it, even offline.</p>');
  replaceOnce(
    /<\/body>/,
    () =>
      `<script type="text/plain" id="bx-worker-src">${workerSource}</script>\n` +
      `<script type="application/octet-stream" id="bx-wasm">\n${wasm}</script>\n` +
      `<script type="module">${bundle}</script>\n</body>`,
  );
  write(context, 'bounce-explainer.html', html);
  write(context, 'bounce-explainer.html.sha256', `${sha256(Buffer.from(html, 'utf8')).toString('hex')}  bounce-explainer.html\n`);
}

// ------------------------------------------------------- service worker ---

/**
 * Files the service worker precaches: the whole site (the tool, every knowledge-base page, the
 * offline page), so that the knowledge base reads offline as online. Left out: the single file
 * (it is a download, and already everything in one) and the worker itself.
 */
export function precacheList(files) {
  const excluded = /^(bounce-explainer\.html(\.sha256)?|sw\.js|\.bounce-explainer-site)$/;
  return ['./', ...files.filter((f) => !excluded.test(f)).sort()];
}

/**
 * Site step: sw.js, with a cache name computed from the precached files' bytes. Records in
 * context.precache how much a first visit downloads for offline use: {files, bytes, gzipBytes}.
 */
export function writeServiceWorker(context) {
  const assets = precacheList(context.files);
  const digest = createHash('sha256');
  const precache = { files: assets.length, bytes: 0, gzipBytes: 0 };
  for (const file of assets) {
    if (file === './') continue; // index.html again
    const full = join(context.outDir, file);
    if (!existsSync(full)) throw new Error(`service worker: ${file} is missing`);
    const bytes = readFileSync(full);
    digest.update(file).update('\0').update(bytes).update('\0');
    precache.bytes += bytes.length;
    precache.gzipBytes += /\.png$/.test(file) ? bytes.length : gzipSync(bytes).length; // as a gzipping server sends it
  }
  const cacheName = `bounce-explainer-${digest.digest('hex').slice(0, 16)}`;
  const template = readFileSync(join(context.webDir, 'sw-template.js'), 'utf8');
  const source = template.replace("'__CACHE_NAME__'", JSON.stringify(cacheName)).replace('[/* __ASSETS__ */]', JSON.stringify(assets, null, 2));
  if (source.includes('__CACHE_NAME__') || source.includes('__ASSETS__')) throw new Error('sw-template.js: placeholders not replaced');
  write(context, 'sw.js', source);
  context.precache = precache;
  return cacheName;
}
