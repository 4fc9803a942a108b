// Module worker of the site: runs the Bounce Explainer core (C++ compiled to
// WebAssembly). The protocol is in worker-core.mjs. Nothing here touches the
// network except loading the module and its .wasm from this worker's own
// directory.
import createBounceExplainer from './bounce-explainer.mjs';
import { serveCore } from './worker-core.mjs';

const WASM_URL = new URL('./bounce-explainer.wasm', import.meta.url).href;
// boot.mjs's worker gets the .wasm from the page, which started downloading it first.
const WASM_FROM_PAGE = self.name === 'bounce-explainer, wasm from the page';

/**
 * Fetches the .wasm bytes ourselves and hands them to the factory as
 * `wasmBinary`. Emscripten's own loader treats a *module* worker as a "shell"
 * environment (it has no importScripts) and then has no usable fallback when
 * streaming compilation fails; with the bytes given, it just instantiates them.
 */
async function fetchWasm() {
  const response = await fetch(WASM_URL, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`HTTP ${response.status} when loading ${WASM_URL}`);
  return response.arrayBuffer();
}

/** The bytes the page sends in its "init" message (or, when it could not get them, our own). */
function wasmFromPage() {
  return new Promise((resolve) => {
    self.addEventListener('message', function onInit(event) {
      if (event.data?.action !== 'init') return;
      self.removeEventListener('message', onInit);
      resolve(event.data.wasm || fetchWasm());
    });
  });
}

// Start at once, before the first message arrives.
let wasmPromise = WASM_FROM_PAGE ? wasmFromPage() : fetchWasm();
wasmPromise.catch(() => {});

serveCore(async () => {
  const pending = wasmPromise;
  wasmPromise = null;
  const wasmBinary = await (pending || fetchWasm()); // a retry after a failure fetches again
  if (typeof createBounceExplainer !== 'function') throw new Error('bounce-explainer.mjs has no default export factory');
  return createBounceExplainer({
    wasmBinary,
    locateFile: (path) => new URL(path, import.meta.url).href,
  });
});
