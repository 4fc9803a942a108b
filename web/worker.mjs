// Module worker that runs the Bounce Explainer core (C++ compiled to
// WebAssembly). The core is imported lazily, once, on the first message.
//
// Protocol (main thread -> worker):
//   {id, action: "explain", text}  -> {id, ok: true, report}   (report = parsed JSON object)
//   {id, action: "version"}        -> {id, ok: true, version}  (also loads the core early)
// On any failure                   -> {id, ok: false, error}   (a human-readable string)
//
// Nothing here touches the network except loading the module and its .wasm
// from this worker's own directory.

let corePromise = null;

const WASM_URL = new URL('./bounce-explainer.wasm', import.meta.url).href;

/**
 * Fetches the .wasm bytes ourselves and hands them to the factory as
 * `wasmBinary`. Emscripten's own loader treats a *module* worker as a "shell"
 * environment (it has no importScripts) and then has no usable fallback when
 * streaming compilation fails (for example when a host serves .wasm with the
 * wrong MIME type); with the bytes given, it just instantiates them.
 */
async function fetchWasm() {
  const response = await fetch(WASM_URL, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`HTTP ${response.status} when loading ${WASM_URL}`);
  return response.arrayBuffer();
}

function loadCore() {
  if (!corePromise) {
    corePromise = (async () => {
      const [{ default: createBounceExplainer }, wasmBinary] = await Promise.all([
        import('./bounce-explainer.mjs'),
        fetchWasm(),
      ]);
      if (typeof createBounceExplainer !== 'function') {
        throw new Error('bounce-explainer.mjs has no default export factory');
      }
      return createBounceExplainer({
        wasmBinary,
        // Resolve any other file Emscripten asks for next to this worker, whatever the page URL.
        locateFile: (path) => new URL(path, import.meta.url).href,
      });
    })();
    // A failed load must not be cached: the next request tries again.
    corePromise.catch(() => {
      corePromise = null;
    });
  }
  return corePromise;
}

function describe(error) {
  if (error && typeof error.message === 'string' && error.message) return error.message;
  return String(error);
}

self.addEventListener('message', async (event) => {
  const data = event.data && typeof event.data === 'object' ? event.data : {};
  const { id, action } = data;
  let core;
  try {
    core = await loadCore();
  } catch (error) {
    self.postMessage({ id, ok: false, error: `The analyser could not be loaded: ${describe(error)}` });
    return;
  }
  try {
    if (action === 'explain') {
      if (typeof data.text !== 'string') throw new TypeError('explain needs a text string');
      const json = core.explain(data.text);
      let report;
      try {
        report = JSON.parse(json);
      } catch (error) {
        throw new Error(`The analyser returned malformed JSON (${describe(error)})`);
      }
      if (!report || typeof report !== 'object' || Array.isArray(report)) {
        throw new Error('The analyser returned something that is not a report');
      }
      self.postMessage({ id, ok: true, report });
    } else if (action === 'version') {
      self.postMessage({ id, ok: true, version: String(core.version()) });
    } else {
      throw new Error(`Unknown action: ${String(action)}`);
    }
  } catch (error) {
    // After a trap or abort the instance may be in a bad state: start afresh next time.
    if (action === 'explain') corePromise = null;
    self.postMessage({ id, ok: false, error: describe(error) });
  }
});
