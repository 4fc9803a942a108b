// Starts the analyser's worker as early as the page allows: this tiny module has no imports, so
// it runs as soon as the HTML is parsed, while the rest of the page's modules are still loading.
// app.mjs hands this worker to the page. The worker loads the core and its knowledge base
// ("warm") so that the first paste is answered at once.
//
// The .wasm (most of the bytes) has been downloading since the HTML named it (<link
// rel="preload"> in index.html): this fetch takes that download over and compiles it as it
// arrives (WebAssembly.compileStreaming: the engine compiles on its own threads while the bytes
// come in), then hands the compiled module to the worker, which would otherwise ask for the
// bytes only after loading its own modules (three requests in a row: on a slow network,
// seconds). WASM_FROM_PAGE in the worker's name tells it to wait for the "init" message:
// `module`, else `wasm` (the bytes, when the server sent another type than application/wasm, which
// streaming compilation requires), else nothing (the fetch or the compilation failed), and the
// worker fetches the .wasm itself.
export const WASM_FROM_PAGE = 'bounce-explainer, wasm from the page';

// worker.bundle.mjs is worker.mjs with its imports, written by the site build (one request, not two
// in a row).
export const bootWorker = new Worker(new URL('./worker.bundle.mjs', import.meta.url), { type: 'module', name: WASM_FROM_PAGE });
bootWorker.postMessage({ id: 0, action: 'warm' });

/** The "init" message for a response of the .wasm: its compiled module, or its bytes. */
async function initMessage(response) {
  if (!response.ok) return {};
  const type = (response.headers.get('Content-Type') || '').split(';')[0].trim().toLowerCase();
  if (type === 'application/wasm' && typeof WebAssembly.compileStreaming === 'function') return { module: await WebAssembly.compileStreaming(response) };
  const wasm = await response.arrayBuffer();
  return { wasm, transfer: [wasm] };
}

fetch(new URL('./bounce-explainer.wasm', import.meta.url), { credentials: 'same-origin' })
  .then(initMessage)
  .catch(() => ({}))
  .then(({ module = null, wasm = null, transfer = [] }) => bootWorker.postMessage({ id: 0, action: 'init', module, wasm }, transfer));
