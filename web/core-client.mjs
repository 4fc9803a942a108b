// Main-thread side of the worker protocol (see worker-core.mjs): one promise per
// request id, progress callbacks for batches, a fresh worker after a crash, and restart()
// to stop an analysis that is running (the only way to interrupt the core is to end its worker).

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
    const worker = this.createWorker();
    this.worker = worker;
    worker.addEventListener('message', (event) => {
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
      if (this.worker !== worker) return; // a worker already replaced (restart) has nothing to say
      for (const entry of this.pending.values()) entry.reject(new Error(reason));
      this.pending.clear();
      worker.terminate();
      this.worker = null; // a later request starts a fresh worker
    };
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      fail(`The analyser could not start${event.message ? `: ${event.message}` : '.'}`);
    });
    worker.addEventListener('messageerror', () => fail('The analyser sent an unreadable message.'));
  }

  /** Whether an analysis (explain or batch) is waiting for its answer. */
  get busy() {
    for (const entry of this.pending.values()) if (entry.action === 'explain' || entry.action === 'batch') return true;
    return false;
  }

  /**
   * Stops everything the worker is doing: it is terminated (a running analysis cannot be
   * interrupted any other way), every pending request is rejected with an error whose
   * `cancelled` is true, and a fresh worker is started and warmed up for what comes next.
   */
  restart() {
    const entries = [...this.pending.values()];
    this.pending.clear();
    this.worker?.terminate();
    this.worker = null;
    for (const entry of entries) entry.reject(Object.assign(new Error('The analysis was cancelled.'), { cancelled: true }));
    this.warm().catch(() => {}); // failures are reported by the next real request
  }

  request(payload, { onProgress, transfer = [] } = {}) {
    this.start();
    const id = this.nextId++;
    const promise = new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress, action: payload.action });
      this.worker.postMessage({ id, ...payload }, transfer);
    });
    promise.requestId = id;
    return promise;
  }

  explain(text) {
    return this.request({ action: 'explain', text }).then((message) => message.report);
  }

  /**
   * Explains a file's bytes (an Outlook .msg file): resolves to {report, text}, `text` being
   * what the core read the file as (the text the report's evidence points into).
   */
  explainBytes(bytes) {
    return this.request({ action: 'explain', bytes }).then((message) => ({ report: message.report, text: message.text || '' }));
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
