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
 * The .wasm's response, not read yet: it is compiled while it downloads (instantiateWasm below).
 * A worker started without the page's help (the embed, a restart) comes here.
 */
async function fetchWasm() {
  const response = await fetch(WASM_URL, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`HTTP ${response.status} when loading ${WASM_URL}`);
  return response;
}

/**
 * What the page sends in its "init" message: the module it compiled while downloading it
 * (boot.mjs), else the bytes; when it could get neither, our own download.
 */
function wasmFromPage() {
  return new Promise((resolve) => {
    self.addEventListener('message', function onInit(event) {
      if (event.data?.action !== 'init') return;
      self.removeEventListener('message', onInit);
      resolve(event.data.module || event.data.wasm || fetchWasm());
    });
  });
}

/** Whether a response may be compiled as it streams in: the API needs the application/wasm type. */
function streamable(response) {
  const type = (response.headers.get('Content-Type') || '').split(';')[0].trim().toLowerCase();
  return type === 'application/wasm' && typeof WebAssembly.instantiateStreaming === 'function';
}

/** The compiled module, once there is one: a fresh instance after a trap needs no new download. */
let compiledModule = null;

/**
 * An instance of the core from what we have: a compiled WebAssembly.Module (from the page), a
 * fetch Response (compiled while it streams in: the download and the compilation overlap), or
 * the bytes. A response served with another type, or whose streaming compilation fails, is read
 * whole and compiled from the bytes (a fresh download when the failed attempt used up the body).
 * @returns {Promise<WebAssembly.Instance>}
 */
async function instantiate(source, imports) {
  if (source instanceof WebAssembly.Module) {
    compiledModule = source;
    return WebAssembly.instantiate(source, imports);
  }
  let result = null;
  if (typeof Response === 'function' && source instanceof Response) {
    if (streamable(source)) {
      try {
        result = await WebAssembly.instantiateStreaming(source, imports);
      } catch {
        source = source.bodyUsed ? await fetchWasm() : source;
      }
    }
    if (!result) source = await source.arrayBuffer();
  }
  result ??= await WebAssembly.instantiate(source, imports);
  compiledModule = result.module;
  return result.instance;
}

/**
 * The Emscripten module, instantiated by our instantiateWasm hook (the glue's own loader treats a
 * *module* worker as a "shell" environment, without importScripts, and has no usable fallback
 * there). The glue's promise never settles when the hook fails, so a failure rejects ours.
 */
function createCore(source) {
  return new Promise((resolve, reject) => {
    createBounceExplainer({
      instantiateWasm(imports, receiveInstance) {
        instantiate(source, imports).then((instance) => receiveInstance(instance), reject);
        return {}; // the exports come later, through receiveInstance
      },
      locateFile: (path) => new URL(path, import.meta.url).href,
    }).then(resolve, reject);
  });
}

// Start at once, before the first message arrives.
let wasmPromise = WASM_FROM_PAGE ? wasmFromPage() : fetchWasm();
wasmPromise.catch(() => {});

serveCore(async () => {
  const pending = wasmPromise;
  wasmPromise = null;
  const source = await (pending || compiledModule || fetchWasm()); // a retry reuses the compiled module, else downloads again
  if (typeof createBounceExplainer !== 'function') throw new Error('bounce-explainer.mjs has no default export factory');
  return createCore(source);
});
