// Starts the analyser's worker as early as the page allows: this tiny module has no imports, so
// it runs as soon as the HTML is parsed, while the rest of the page's modules are still loading.
// app.mjs hands this worker to the page. The worker loads the core and its knowledge base
// ("warm") so that the first paste is answered at once.
export const bootWorker = new Worker(new URL('./worker.mjs', import.meta.url), { type: 'module', name: 'bounce-explainer' });
bootWorker.postMessage({ id: 0, action: 'warm' });
