// JavaScript API: analyze(text) → Promise<report> (the report JSON of README.md, parsed).
//
//   import { analyze } from './api.mjs';           // browser: next to bounce-explainer.{mjs,wasm}
//   const report = await analyze(bounceText);
//   for (const r of report.records) console.log(r.recipient, r.reason, r.hard_bounce);
//   const fromFile = await analyze(new Uint8Array(await file.arrayBuffer()));   // .eml or Outlook .msg
//   const { report: r2, text } = await analyzeBytes(msgBytes);  // text: what the .msg was read as
//
// In browsers the module and its .wasm are fetched from the directory of this file and run on
// the calling thread (use it inside your own worker for very large inputs). Under Node the .wasm
// is read from the file system: the directory given to configure({wasmDir}), else $BX_WASM_DIR,
// else this file's directory, else ../build/wasm/wasm (the repository layout).
// After a call fails inside the module (out of memory or any other trap) the instance is
// dropped and the next call starts a fresh one. Nothing is sent anywhere.

const IS_NODE = typeof process === 'object' && Boolean(process.versions?.node) && typeof window === 'undefined';

let settings = { wasmDir: null };
let modulePromise = null;

/** Sets where the module is found (before the first analyze call). */
export function configure(options = {}) {
  settings = { ...settings, ...options };
  modulePromise = null;
}

async function loadInNode() {
  const { existsSync, readFileSync } = await import('node:fs');
  const { createRequire } = await import('node:module');
  const { dirname, join, resolve } = await import('node:path');
  const { fileURLToPath, pathToFileURL } = await import('node:url');
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [settings.wasmDir, process.env.BX_WASM_DIR, here, join(here, '..', 'build', 'wasm', 'wasm')].filter(Boolean);
  const dir = candidates.map((c) => resolve(c)).find((c) => existsSync(join(c, 'bounce-explainer.wasm')) && existsSync(join(c, 'bounce-explainer.mjs')));
  if (!dir) throw new Error(`bounce-explainer.{mjs,wasm} not found (looked in ${candidates.join(', ')}); build the wasm preset or set BX_WASM_DIR`);
  // Emscripten's ES module output calls require() and reads __dirname when it runs under node.
  globalThis.require ??= createRequire(import.meta.url);
  globalThis.__dirname ??= dir;
  const { default: create } = await import(pathToFileURL(join(dir, 'bounce-explainer.mjs')).href);
  return create({ wasmBinary: readFileSync(join(dir, 'bounce-explainer.wasm')) });
}

async function loadInBrowser() {
  const base = settings.wasmDir ? new URL(settings.wasmDir.replace(/\/?$/, '/'), window.location.href) : new URL('./', import.meta.url);
  const [{ default: create }, wasmBinary] = await Promise.all([
    import(new URL('bounce-explainer.mjs', base).href),
    fetch(new URL('bounce-explainer.wasm', base)).then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status} when loading bounce-explainer.wasm`);
      return response.arrayBuffer();
    }),
  ]);
  return create({ wasmBinary });
}

function loadModule() {
  if (!modulePromise) {
    modulePromise = IS_NODE ? loadInNode() : loadInBrowser();
    modulePromise.catch(() => {
      modulePromise = null;
    });
  }
  return modulePromise;
}

/**
 * Runs `call` on the module. A module that throws (a trap: out of memory, "unreachable", an
 * Emscripten abort) is left in an unknown state — its memory may stay grown to gigabytes and
 * every later call fail at once — so it is dropped: the next call loads a fresh instance.
 */
async function withModule(call) {
  const pending = loadModule();
  const module = await pending;
  try {
    return call(module);
  } catch (error) {
    if (modulePromise === pending) modulePromise = null;
    throw error;
  }
}

/** A Uint8Array of `input` when it is bytes (a Uint8Array, Node Buffer, ArrayBuffer or other view), else null. */
function bytesOf(input) {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  return null;
}

/**
 * Explains a bounce.
 * @param {string|Uint8Array|ArrayBuffer} input the whole bounced message (or just the error
 *   line) as text, or a file's bytes: an .eml, or an Outlook .msg (recognised by its signature,
 *   D0 CF 11 E0 A1 B1 1A E1; its report's first warning says so)
 * @returns {Promise<object>} the report (schema bounce-explainer/report/1)
 */
export async function analyze(input) {
  const bytes = bytesOf(input);
  const text = bytes ? null : String(input ?? '');
  const json = await withModule((module) =>
    module.explain(bytes ?? (typeof text.toWellFormed === 'function' ? text.toWellFormed() : text)),
  );
  return JSON.parse(json);
}

/**
 * Explains a file's bytes and, for an Outlook .msg file, gives the text it was read as (its
 * headers, body, recipient table and attached message): the report's evidence offsets and line
 * numbers point into that text. `text` is "" for other files and for a .msg that cannot be read
 * (encrypted, damaged: the report's status is "unusable" and its message says why).
 * @param {Uint8Array|ArrayBuffer} input
 * @returns {Promise<{report: object, text: string}>}
 */
export async function analyzeBytes(input) {
  const bytes = bytesOf(input);
  if (!bytes) throw new TypeError('analyzeBytes wants a Uint8Array or an ArrayBuffer');
  const result = await withModule((module) => module.explainBytes(bytes));
  return { report: JSON.parse(result.report), text: String(result.text) };
}

/** The analyser's version string. */
export async function version() {
  return String(await withModule((module) => module.version()));
}
