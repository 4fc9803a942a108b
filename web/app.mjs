// Entry point of the page (index.html). The analysis runs in worker.mjs (C++ core
// compiled to WebAssembly), started early by boot.mjs; nothing is sent over the network.
import { bootWorker } from './boot.mjs';
import { startPage } from './page.mjs';

let firstWorker = bootWorker;

startPage({
  createWorker() {
    // The first worker is the one boot.mjs already started; after a crash, a fresh one.
    const worker = firstWorker || new Worker(new URL('./worker.bundle.mjs', import.meta.url), { type: 'module', name: 'bounce-explainer' });
    firstWorker = null;
    return worker;
  },
  kbBase: 'kb/',
  serviceWorker: 'sw.js',
});
