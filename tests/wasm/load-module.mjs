// Loads build/wasm/wasm/bounce-explainer.mjs in node. Emscripten 3.1.6's loader would fetch()
// the .wasm by file path, which node's fetch rejects, so we read it and pass wasmBinary.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function loadExplainer(dir = process.env.BX_WASM_DIR ?? join(repo, 'build', 'wasm', 'wasm')) {
  // The ES6 output still calls require() and reads __dirname when it runs under node.
  globalThis.require ??= createRequire(import.meta.url);
  globalThis.__dirname ??= dir;
  const { default: createBounceExplainer } = await import(pathToFileURL(join(dir, 'bounce-explainer.mjs')).href);
  return createBounceExplainer({ wasmBinary: readFileSync(join(dir, 'bounce-explainer.wasm')) });
}
