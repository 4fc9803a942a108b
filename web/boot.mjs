// Starts the analyser's worker as early as the page allows: this tiny module has no imports, so
// it runs as soon as the HTML is parsed, while the rest of the page's modules are still loading.
// app.mjs hands this worker to the page. The worker loads the core and its knowledge base
// ("warm") so that the first paste is answered at once.
//
// The .wasm (most of the bytes) has been downloading since the HTML named it (<link
// rel="preload"> in index.html): this fetch takes that download over and hands the bytes to the
// worker, which would otherwise ask for them only after loading its own modules (three requests
// in a row: on a slow network, seconds). WASM_FROM_PAGE in the worker's name tells it to wait
// for them; `wasm: null` (the fetch failed) lets it fetch them itself.
export const WASM_FROM_PAGE = 'bounce-explainer, wasm from the page';

export const bootWorker = new Worker(new URL('./worker.mjs', import.meta.url), { type: 'module', name: WASM_FROM_PAGE });
bootWorker.postMessage({ id: 0, action: 'warm' });
fetch(new URL('./bounce-explainer.wasm', import.meta.url), { credentials: 'same-origin' })
  .then((response) => (response.ok ? response.arrayBuffer() : null))
  .catch(() => null)
  .then((wasm) => bootWorker.postMessage({ id: 0, action: 'init', wasm }, wasm ? [wasm] : []));
