// Main-thread side of the worker protocol (see worker-core.mjs): one promise per
// request id, progress callbacks for batches, a fresh worker after a crash.

export class CoreClient {
  /** @param {() => Worker} createWorker */
  constructor(createWorker) {
    this.createWorker = createWorker;
    this.worker = null;
    this.nextId = 1;
    this.pending = new Map();
  }

  start() {
    if (this.worker) return;
    this.worker = this.createWorker();
    this.worker.addEventListener('message', (event) => {
      const message = event.data || {};
      const entry = this.pending.get(message.id);
      if (!entry) return;
      if (message.progress) {
        entry.onProgress?.(message);
        return;
      }
      this.pending.delete(message.id);
      if (message.ok) entry.resolve(message);
      else entry.reject(new Error(message.error || 'The analyser failed'));
    });
    const fail = (reason) => {
      for (const entry of this.pending.values()) entry.reject(new Error(reason));
      this.pending.clear();
      this.worker?.terminate();
      this.worker = null; // a later request starts a fresh worker
    };
    this.worker.addEventListener('error', (event) => {
      event.preventDefault();
      fail(`The analyser could not start${event.message ? `: ${event.message}` : '.'}`);
    });
    this.worker.addEventListener('messageerror', () => fail('The analyser sent an unreadable message.'));
  }

  request(payload, { onProgress, transfer = [] } = {}) {
    this.start();
    const id = this.nextId++;
    const promise = new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker.postMessage({ id, ...payload }, transfer);
    });
    promise.requestId = id;
    return promise;
  }

  explain(text) {
    return this.request({ action: 'explain', text }).then((message) => message.report);
  }

  version() {
    return this.request({ action: 'version' }).then((message) => message.version);
  }

  /** Loads the analyser and its knowledge base in the background; resolves to the version. */
  warm() {
    return this.request({ action: 'warm' }).then((message) => message.version);
  }

  /**
   * Explains many messages in the worker. `input` is {items: [{name, text}]} or {mbox, name}.
   * Returns {promise, cancel}.
   */
  batch(input, onProgress) {
    const promise = this.request({ action: 'batch', ...input }, { onProgress });
    const id = promise.requestId;
    return {
      promise,
      cancel: () => {
        if (this.worker) this.request({ action: 'cancel', target: id }).catch(() => {});
      },
    };
  }
}
