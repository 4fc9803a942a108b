// Site step: precompressed copies of the site's text and wasm files, for static hosts.
//
// Beside each compressible file above MIN_PRECOMPRESS_BYTES the build writes FILE.gz (zlib,
// level 9) and FILE.br (brotli, quality 11): a server that finds them sends them as they are
// (nginx gzip_static / brotli_static, Apache's rewrite rules, Caddy's `file_server { precompressed
// br gzip }`, web/serve.mjs), so no request pays for compressing, and brotli at its slowest,
// densest setting costs nothing at request time (the .wasm: ~250 KB gzipped, ~190 KB brotli,
// 865 KB raw). web/README.md, "Static hosting", has the server configurations.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Extensions that get precompressed copies (images and fonts are compressed already). */
export const PRECOMPRESSED_EXTENSIONS = new Set(['.wasm', '.mjs', '.js', '.css', '.html', '.json', '.svg', '.webmanifest']);

/** Below this, the headers of a compressed answer weigh about as much as what it saves. */
export const MIN_PRECOMPRESS_BYTES = 1024;

/** The encodings written, by file suffix: what a server finds beside FILE. */
export const PRECOMPRESSED_SUFFIXES = { br: '.br', gzip: '.gz' };

/** Whether the site file `path` (relative) gets precompressed copies, given its size. */
export function shouldPrecompress(path, size) {
  return PRECOMPRESSED_EXTENSIONS.has(extname(path).toLowerCase()) && size >= MIN_PRECOMPRESS_BYTES;
}

/**
 * The gzip and brotli forms of `bytes`. Brotli's text mode suits everything but the .wasm
 * (a hint only: the output is valid either way).
 * @param {Buffer} bytes
 * @param {string} path used for its extension
 */
export function compressBoth(bytes, path) {
  const text = extname(path).toLowerCase() !== '.wasm';
  const br = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: text ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  return { gzip: gzipSync(bytes, { level: 9 }), br };
}

/**
 * Site step, after every other (the service worker precaches the files themselves, not these
 * copies: the browser decompresses before it caches). Writes FILE.gz and FILE.br for each file
 * the other steps emitted that shouldPrecompress(); a copy that would not be smaller than the
 * file is not written (a server then sends the file as it is). Records the totals in
 * context.precompressed: {files, bytes, gzipBytes, brotliBytes}.
 */
export function writePrecompressed(context) {
  const totals = { files: 0, bytes: 0, gzipBytes: 0, brotliBytes: 0 };
  for (const file of context.files) {
    const full = join(context.outDir, file);
    if (!shouldPrecompress(file, statSync(full).size)) continue;
    const bytes = readFileSync(full);
    const compressed = compressBoth(bytes, file);
    totals.files += 1;
    totals.bytes += bytes.length;
    for (const [encoding, suffix] of Object.entries(PRECOMPRESSED_SUFFIXES)) {
      const body = compressed[encoding];
      if (body.length >= bytes.length) continue;
      writeFileSync(full + suffix, body);
      totals[encoding === 'br' ? 'brotliBytes' : 'gzipBytes'] += body.length;
    }
  }
  context.precompressed = totals;
  return totals;
}
