// The worker side of Bounce Explainer, shared by worker.mjs (site) and the
// self-contained bounce-explainer.html (Blob-URL worker). Kept free of
// imports so that build-site.mjs can inline it.
//
// Protocol (main thread -> worker):
//   {id, action: "explain", text}               -> {id, ok: true, report}
//   {id, action: "explain", bytes}              -> {id, ok: true, report, text}: a file's bytes (a
//                                                  Uint8Array); an Outlook .msg file is read by the
//                                                  core, and `text` is what it was read as
//   {id, action: "version"}                     -> {id, ok: true, version}
//   {id, action: "warm"}                        -> {id, ok: true, version}: loads the core and runs
//                                                  one tiny analysis, so that the knowledge base is
//                                                  ready before the person pastes anything
//   {id, action: "batch", items: [{name, text} or {name, bytes}]} or {id, action: "batch", mbox, name}
//       -> {id, progress: true, done, total, rows: [...], csvHeader}  (once per chunk; each row
//          of a record has `csv`, its CSV row from the core's writer, the CLI's --format csv)
//       -> {id, ok: true, done, total, messages}            (at the end)
//   {id, action: "cancel", target}              -> {id, ok: true}; the batch `target` stops
//   {id, action: "init", wasm, module}          -> {id, ok: true} (the single-file page hands
//                                                  over the .wasm bytes this way; boot.mjs the
//                                                  WebAssembly.Module it compiled, to worker.mjs)
// On any failure                                -> {id, ok: false, error}

/** The most result rows one progress message carries (see the batch loop). */
const kRowsPerChunk = 50;

/**
 * Splits an mbox into messages, by the CLI's rule (core/cli/reader.cpp): a line beginning with
 * "From " starts a message at the start of the text, after a blank line, or anywhere when it is
 * a whole postmark ("From sender Thu Jul  2 12:05:05 2020") — a body line such as "From the desk
 * of ..." does not. The separator line is dropped and ">From " (any number of ">") quoted lines
 * are unescaped by one ">" (mboxrd). Text with no separator is one message.
 * @param {string} text
 * @returns {string[]}
 */
export function splitMbox(text) {
  const messages = [];
  const candidate = /^From [^\n]*(?:\n|$)/gm;
  const postmark = /^From \S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/;
  const afterBlankLine = (at) => at === 0 || /(?:^|\n)\r?\n$/.test(text.slice(Math.max(0, at - 3), at));
  let start = -1;
  let match;
  while ((match = candidate.exec(text)) !== null) {
    if (!afterBlankLine(match.index) && !postmark.test(match[0])) continue;
    if (start >= 0) messages.push(text.slice(start, match.index));
    else if (text.slice(0, match.index).trim() !== '') messages.push(text.slice(0, match.index));
    start = match.index + match[0].length;
  }
  if (start < 0) return text.trim() === '' ? [] : [text];
  messages.push(text.slice(start));
  return messages
    .map((message) => message.replace(/^>(>*From )/gm, '$1'))
    .filter((message) => message.trim() !== '');
}

/** True when the text looks like an mbox holding more than one message. */
export function looksLikeMbox(text) {
  if (!text.startsWith('From ')) return false;
  const separators = text.match(/^From [^\n]*$/gm);
  return Boolean(separators && separators.length > 1);
}

function text(value) {
  return typeof value === 'string' ? value : '';
}

/**
 * One compact table row per record (or one per message that had none). `csvRows`, when given,
 * are the core's CSV rows of the records, in the same order: each record's row keeps its own.
 */
export function rowsOfReport(report, message, source, csvRows = []) {
  const records = Array.isArray(report.records) ? report.records : [];
  if (report.status !== 'bounce' || records.length === 0) {
    // One row for the message; its records (a delay, an auto-reply...) are still in the CSV, as the CLI writes them.
    const csv = csvRows.filter((row) => typeof row === 'string').join('');
    return [{ message, source, status: text(report.status) || 'unknown', recipient: '', reason: '', hard: null, category: '', provider: '', code: '', diagnostic: '', ...(csv ? { csv } : {}) }];
  }
  return records.map((record, index) => {
    const explanation = record.explanation && typeof record.explanation === 'object' ? record.explanation : {};
    const provider = explanation.provider && typeof explanation.provider === 'object' ? explanation.provider : null;
    return {
      message,
      source,
      status: 'bounce',
      recipient: text(record.recipient),
      reason: text(record.reason) || 'undefined',
      reasonTitle: text(explanation.reason_title),
      hard: record.hard_bounce === true ? true : record.hard_bounce === false ? false : null,
      category: text(explanation.category_title) || text(explanation.category),
      provider: provider ? text(provider.name) || text(provider.id) : '',
      code: text(record.status) || text(record.reply_code),
      diagnostic: text(record.diagnostic_code).slice(0, 500),
      headline: text(explanation.headline),
      ...(typeof csvRows[index] === 'string' ? { csv: csvRows[index] } : {}),
    };
  });
}

function describeError(error) {
  if (error && typeof error.message === 'string' && error.message) return error.message;
  return String(error);
}

/**
 * Installs the message handler. `loadCore(wasmBytes | null)` returns a promise of the
 * Emscripten module (it is called again after a failure).
 * @param {(wasm: ArrayBuffer|null) => Promise<{explain: (t: string) => string, version: () => string}>} loadCore
 */
export function serveCore(loadCore) {
  let corePromise = null;
  let initialWasm = null;
  const cancelled = new Set();

  const getCore = () => {
    if (!corePromise) {
      corePromise = Promise.resolve().then(() => loadCore(initialWasm));
      corePromise.catch(() => {
        corePromise = null; // a failed load is tried again next time
      });
    }
    return corePromise;
  };

  const parseReport = (json) => {
    let report;
    try {
      report = JSON.parse(json);
    } catch (error) {
      throw new Error(`The analyser returned malformed JSON (${describeError(error)})`);
    }
    if (!report || typeof report !== 'object' || Array.isArray(report)) throw new Error('The analyser returned something that is not a report');
    return report;
  };

  const explainOne = (core, input) => parseReport(core.explain(input));

  /** The rows of one message of a batch: one analysis gives the report and the CSV rows. */
  const batchRows = (core, item, message) => {
    const { report, csvRows } = core.explainForBatch(item.text, item.file, item.mboxMessage);
    return rowsOfReport(parseReport(report), message, item.name, Array.from(csvRows));
  };

  const pause = () => new Promise((resolve) => setTimeout(resolve, 0));

  async function runBatch(id, data) {
    // file and mboxMessage name a message in the CSV as the CLI does: the file, and the
    // message's position when its mbox holds more than one.
    const messagesOf = (mboxText, name) =>
      splitMbox(mboxText).map((message, i, all) => ({ name: `${name} #${i + 1}`, file: name, mboxMessage: all.length > 1 ? i + 1 : 0, text: message }));
    let items;
    if (typeof data.mbox === 'string') {
      items = messagesOf(data.mbox, text(data.name) || 'mbox');
    } else if (Array.isArray(data.items)) {
      items = [];
      for (const item of data.items) {
        const bytes = item && item.bytes instanceof Uint8Array ? item.bytes : null; // an Outlook .msg file
        if (!item || (typeof item.text !== 'string' && !bytes)) continue;
        const name = text(item.name) || `message ${items.length + 1}`;
        if (bytes) items.push({ name, file: name, mboxMessage: 0, text: bytes });
        else if (item.mbox) items.push(...messagesOf(item.text, name));
        else items.push({ name, file: name, mboxMessage: 0, text: item.text });
      }
    } else {
      throw new TypeError('batch needs items or mbox');
    }
    const total = items.length;
    self.postMessage({ id, progress: true, done: 0, total, rows: [] });
    let core = await getCore();
    let done = 0;
    while (done < total) {
      if (cancelled.has(id)) {
        cancelled.delete(id);
        self.postMessage({ id, ok: true, done, total, cancelled: true });
        return;
      }
      const rows = [];
      // ~40 ms of work per chunk, and at most kRowsPerChunk rows: the page adds each chunk's
      // rows in one go, and a fast core would otherwise hand it hundreds at once (a long frame).
      const sliceEnd = performance.now() + 40;
      do {
        const item = items[done];
        done += 1;
        try {
          rows.push(...batchRows(core, item, done));
        } catch (error) {
          rows.push({ message: done, source: item.name, status: 'error', recipient: '', reason: '', hard: null, category: '', provider: '', code: '', diagnostic: describeError(error) });
          corePromise = null; // the instance may be broken: start afresh
          core = await getCore();
        }
        items[done - 1] = null; // let the text go
      } while (done < total && performance.now() < sliceEnd && rows.length < kRowsPerChunk);
      self.postMessage({ id, progress: true, done, total, rows, csvHeader: String(core.csvHeader()) });
      await pause(); // lets a "cancel" message in
    }
    self.postMessage({ id, ok: true, done, total, messages: total });
  }

  self.addEventListener('message', async (event) => {
    const data = event.data && typeof event.data === 'object' ? event.data : {};
    const { id, action } = data;
    if (action === 'init') {
      if (data.wasm) initialWasm = data.wasm;
      self.postMessage({ id, ok: true });
      return;
    }
    if (action === 'cancel') {
      cancelled.add(data.target);
      self.postMessage({ id, ok: true });
      return;
    }
    let core;
    try {
      core = await getCore();
    } catch (error) {
      self.postMessage({ id, ok: false, error: `The analyser could not be loaded: ${describeError(error)}` });
      return;
    }
    try {
      if (action === 'explain' && data.bytes instanceof Uint8Array) {
        const result = core.explainBytes(data.bytes);
        self.postMessage({ id, ok: true, report: parseReport(result.report), text: String(result.text) });
      } else if (action === 'explain') {
        if (typeof data.text !== 'string') throw new TypeError('explain needs a text string');
        self.postMessage({ id, ok: true, report: explainOne(core, data.text) });
      } else if (action === 'version') {
        self.postMessage({ id, ok: true, version: String(core.version()) });
      } else if (action === 'warm') {
        explainOne(core, '550 5.1.1 <warm-up@example.com>: User unknown');
        self.postMessage({ id, ok: true, version: String(core.version()) });
      } else if (action === 'batch') {
        await runBatch(id, data);
      } else {
        throw new Error(`Unknown action: ${String(action)}`);
      }
    } catch (error) {
      if (action === 'explain') corePromise = null; // after a trap the instance may be unusable
      self.postMessage({ id, ok: false, error: describeError(error) });
    }
  });
}
