// The explainer tool itself: paste box, examples, files, single results and the batch
// view. Used by the page (app.mjs), the <bounce-explainer> element (embed.mjs) and the
// self-contained file. Builds its own DOM (static structure only; report data goes
// through render.mjs, which never uses innerHTML).
import { el, formatCount, renderReport, renderError, renderTooComplex } from './render.mjs';
import { byteRangeToUtf16 } from './offsets.mjs';
import { BatchView } from './batch.mjs';
import { EXAMPLES } from './examples.mjs';
import { looksLikeMbox } from './worker-core.mjs';

const FILE_TYPES = '.eml,.txt,.mbox,.msg,message/rfc822,text/plain,application/mbox';

/**
 * The longest one analysis may run (a single message, or one message of a batch: the time
 * without progress). A bounce takes milliseconds; beyond this the worker is stopped and the page
 * says the input is too complex for it (the command-line tool has no such limit).
 */
export const ANALYSIS_TIME_LIMIT_MS = 10_000;

/** The first bytes of an OLE compound file: an Outlook .msg, which the core reads itself. */
const COMPOUND_FILE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function isCompoundFile(bytes) {
  return bytes.length >= COMPOUND_FILE_SIGNATURE.length && COMPOUND_FILE_SIGNATURE.every((byte, i) => bytes[i] === byte);
}

/**
 * A dropped or picked file: its bytes when it is an Outlook .msg (by its signature, whatever its
 * name), else its text, decoded as file.text() does (UTF-8, bad bytes replaced).
 */
async function readFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (isCompoundFile(bytes)) return { name: file.name, bytes };
  return { name: file.name, text: new TextDecoder().decode(bytes) };
}

function wellFormedText(text) {
  return typeof text.toWellFormed === 'function' ? text.toWellFormed() : text;
}

function reducedMotion() {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * Builds the tool inside `container`.
 * @param {HTMLElement} container
 * @param {{core: import('./core-client.mjs').CoreClient, kbBase?: string|null, compact?: boolean,
 *   idPrefix?: string, headingLevel?: number, resultTools?: (text: string) => Node[],
 *   onResult?: (report: object, text: string) => void}} options
 */
export function mountExplainer(container, options) {
  const { core } = options;
  const p = options.idPrefix || 'bx';
  const isApple = /Mac|iPhone|iPad|iPod/.test(navigator.platform || navigator.userAgent || '');

  // ------------------------------------------------------------- markup ---
  const input = el('textarea', {
    attrs: {
      id: `${p}-input`,
      name: 'bounce',
      rows: options.compact ? '7' : '12',
      spellcheck: 'false',
      autocomplete: 'off',
      autocapitalize: 'off',
      'aria-describedby': `${p}-hint ${p}-shortcut`,
      placeholder: 'Paste the bounced email here, or drop .eml, .msg, .txt or .mbox files…',
    },
  });
  const count = el('span', { className: 'field-meta', attrs: { 'aria-live': 'off' } });
  const explainButton = el('button', { className: 'button button-primary', text: 'Explain', attrs: { type: 'submit', id: `${p}-explain` } });
  const shortcut = el('span', { className: 'shortcut', attrs: { id: `${p}-shortcut` } }, 'or press ', el('kbd', { text: isApple ? '⌘' : 'Ctrl' }), ' + ', el('kbd', { text: 'Enter' }));

  const examplesMenu = el('details', { className: 'menu' }, el('summary', { className: 'button button-quiet', text: 'Examples' }));
  const exampleList = el('ul', { className: 'menu-list', attrs: { 'aria-label': 'Example bounces' } });
  for (const example of EXAMPLES) {
    const button = el('button', { className: 'menu-item', text: example.label, attrs: { type: 'button', 'data-example': example.id } });
    button.addEventListener('click', () => {
      examplesMenu.open = false;
      setText(example.text);
      explainNow();
    });
    exampleList.append(el('li', {}, button));
  }
  examplesMenu.append(exampleList);
  // Like a menu: a click anywhere else closes it (composedPath: also inside a shadow root).
  document.addEventListener('click', (event) => {
    if (examplesMenu.open && !event.composedPath().includes(examplesMenu)) examplesMenu.open = false;
  });
  examplesMenu.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && examplesMenu.open) {
      examplesMenu.open = false;
      examplesMenu.querySelector('summary').focus();
    }
  });

  const fileInput = el('input', { attrs: { type: 'file', multiple: '', accept: FILE_TYPES, 'aria-label': 'Open saved bounce files (.eml, .msg, .txt or .mbox)' } });
  fileInput.hidden = true;
  const fileButton = el('button', { className: 'button button-quiet', text: 'Open files…', attrs: { type: 'button' } });
  const clearButton = el('button', { className: 'button button-quiet', text: 'Clear', attrs: { type: 'button' } });

  const form = el(
    'form',
    { className: 'explain-form', attrs: { novalidate: '' } },
    el('div', { className: 'field-head' }, el('label', { className: 'field-label', text: 'Bounced message', attrs: { for: input.id } }), count),
    el('p', {
      className: 'hint',
      text: 'Paste the whole bounce, headers included (in most mail programs: “Show original” or “View source”). It is explained as soon as you paste. Several at once: drop many files or an .mbox.',
      attrs: { id: `${p}-hint` },
    }),
    input,
    el('div', { className: 'actions' }, explainButton, shortcut, el('span', { className: 'actions-spacer' }), examplesMenu, fileButton, clearButton, fileInput),
  );
  const dropHint = el('div', { className: 'drop-hint', text: 'Drop .eml, .msg, .txt or .mbox files to explain them', attrs: { 'aria-hidden': 'true' } });
  const panel = el('section', { className: 'panel input-panel' }, form, dropHint);
  const status = el('p', { className: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
  const results = el('section', { className: 'results', attrs: { 'aria-label': 'Results' } });
  results.hidden = true;
  const batch = el('section', { className: 'results batch', attrs: { 'aria-label': 'Batch results' } });
  batch.hidden = true;
  container.append(panel, status, results, batch);

  // -------------------------------------------------------------- state ---
  let latestRun = 0;
  let analysedText = null;
  let coreReady = false;
  let currentBatch = null;

  function setStatus(text, { visible = true } = {}) {
    status.textContent = text;
    status.classList.toggle('visually-hidden', !visible);
  }

  function updateCount() {
    const length = input.value.length;
    count.textContent = length ? `${formatCount(length)} characters` : '';
  }

  function setText(text) {
    input.value = text;
    updateCount();
    input.scrollTop = 0;
  }

  function showEvidence(begin, end) {
    if (analysedText === null || wellFormedText(input.value) !== analysedText) {
      setStatus('The message was edited since it was explained; press Explain again to locate the evidence.');
      return;
    }
    const range = byteRangeToUtf16(analysedText, begin, end);
    input.focus({ preventScroll: true });
    input.setSelectionRange(range.start, range.start);
    const style = window.getComputedStyle(input);
    const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5 || 20;
    const line = input.value.slice(0, range.start).split('\n').length - 1;
    input.scrollTop = Math.max(0, line * lineHeight - input.clientHeight / 3);
    input.setSelectionRange(range.start, range.end);
    input.scrollIntoView({ block: 'center', behavior: reducedMotion() ? 'auto' : 'smooth' });
    setStatus('The evidence is selected in the message box.');
  }

  /** Stops the running batch; its view is being replaced, so its end is not reported. */
  function stopBatch() {
    if (currentBatch) {
      currentBatch.superseded = true;
      currentBatch.cancel();
    }
    currentBatch = null;
  }

  /**
   * Stops whatever analysis is running (Clear, a new paste, a new file): its worker is replaced,
   * so that what comes next does not wait behind it, however long it would have taken.
   */
  function cancelRunning() {
    stopBatch();
    if (core.busy) core.restart();
  }

  /**
   * Explains the message box, or `msgBytes`: an Outlook .msg file, which the core reads; the box
   * then shows the text it was read as, the text the evidence points into.
   */
  async function explainNow({ reveal = true, msgBytes = null } = {}) {
    let text = msgBytes ? '' : wellFormedText(input.value);
    if (!msgBytes && looksLikeMbox(text)) return runBatch({ mbox: text, name: 'pasted mbox' }, reveal);
    cancelRunning();
    batch.hidden = true;
    const run = ++latestRun;
    let timedOut = false;
    // The first analysis also waits for the core to load (a slow device, a cold cache): more time.
    const watchdog = setTimeout(() => {
      if (run !== latestRun) return;
      timedOut = true;
      core.restart(); // rejects core.explain below
    }, coreReady ? ANALYSIS_TIME_LIMIT_MS : 3 * ANALYSIS_TIME_LIMIT_MS);
    form.classList.add('is-busy');
    results.setAttribute('aria-busy', 'true');
    setStatus(coreReady ? 'Explaining…' : 'Loading the analyser…');
    try {
      let report;
      if (msgBytes) ({ report, text } = await core.explainBytes(msgBytes));
      else report = await core.explain(text);
      coreReady = true;
      if (run !== latestRun) return;
      if (msgBytes) setText(text);
      analysedText = text;
      const { heading } = renderReport(results, report, {
        onShowEvidence: showEvidence,
        kbBase: options.kbBase ?? null,
        sourceText: text,
        extraTools: options.resultTools ? options.resultTools(text) : [],
      });
      results.hidden = false;
      const n = Array.isArray(report.records) ? report.records.length : 0;
      setStatus(report.status === 'bounce' ? `Done: ${n} failed recipient${n === 1 ? '' : 's'} explained.` : heading.textContent || 'Done.', { visible: false });
      options.onResult?.(report, text);
      if (reveal) heading.scrollIntoView({ block: 'start', behavior: reducedMotion() ? 'auto' : 'smooth' });
    } catch (error) {
      if (run !== latestRun) return;
      analysedText = null;
      const { heading } = timedOut
        ? renderTooComplex(results, ANALYSIS_TIME_LIMIT_MS / 1000)
        : renderError(results, error instanceof Error ? error.message : String(error));
      results.hidden = false;
      setStatus(timedOut ? heading.textContent : 'The analysis failed.', { visible: false });
      if (reveal) heading.scrollIntoView({ block: 'start' });
    } finally {
      clearTimeout(watchdog);
      if (run === latestRun) {
        form.classList.remove('is-busy');
        results.removeAttribute('aria-busy');
      }
    }
  }

  /** Explains many messages in the worker, showing progress and then the summary. */
  function runBatch(source, reveal = true) {
    cancelRunning();
    latestRun++;
    analysedText = null;
    results.hidden = true;
    results.replaceChildren();
    batch.hidden = false;
    // "Stop" keeps the view and reports how far it got.
    const view = new BatchView(batch, { kbBase: options.kbBase ?? null, idPrefix: `${p}-batch`, onCancel: () => currentBatch?.cancel() });
    if (reveal) view.heading.scrollIntoView({ block: 'start', behavior: reducedMotion() ? 'auto' : 'smooth' });
    setStatus('Explaining the messages…', { visible: false });
    // A message that takes too long stalls the whole batch: with no progress for the time
    // limit, the worker is stopped and the view says so.
    let watchdog = 0;
    let timedOut = false;
    let lastProgress = { done: 0, total: 0 };
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        if (currentBatch !== job) return;
        timedOut = true;
        core.restart();
      }, coreReady ? ANALYSIS_TIME_LIMIT_MS : 3 * ANALYSIS_TIME_LIMIT_MS);
    };
    const job = core.batch(source, (message) => {
      lastProgress = message;
      arm();
      view.update(message);
    });
    currentBatch = job;
    arm();
    return job.promise.then(
      (message) => {
        clearTimeout(watchdog);
        if (currentBatch === job) currentBatch = null;
        coreReady = true;
        if (job.superseded) return;
        view.finish(message);
        setStatus(view.progressText.textContent, { visible: false });
      },
      (error) => {
        clearTimeout(watchdog);
        if (currentBatch === job) currentBatch = null;
        if (job.superseded) return;
        const message = timedOut
          ? `message ${lastProgress.done + 1} is too complex to explain here (over ${ANALYSIS_TIME_LIMIT_MS / 1000} seconds); try the command-line tool`
          : error instanceof Error ? error.message : String(error);
        view.finish({ done: lastProgress.done, total: lastProgress.total, error: message });
        setStatus(view.progressText.textContent, { visible: false });
      },
    );
  }

  async function loadFiles(fileList) {
    const files = Array.from(fileList || []);
    if (files.length === 0) return;
    let texts;
    try {
      texts = await Promise.all(files.map(readFile));
    } catch (error) {
      setStatus(`Could not read the file: ${error instanceof Error ? error.message : error}`);
      return;
    }
    const isMbox = (item) => !item.bytes && (/\.mbox$/i.test(item.name) || looksLikeMbox(item.text));
    if (texts.length === 1 && texts[0].bytes) {
      setText('');
      explainNow({ msgBytes: texts[0].bytes });
      return;
    }
    if (texts.length === 1 && !isMbox(texts[0])) {
      setText(texts[0].text);
      explainNow();
      return;
    }
    setText('');
    setStatus('');
    runBatch({
      items: texts.map((item) => (item.bytes ? { name: item.name, bytes: item.bytes } : { name: item.name, text: wellFormedText(item.text), mbox: isMbox(item) })),
    });
  }

  // ------------------------------------------------------------ wiring ---
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    explainNow();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      explainNow();
    }
  });
  input.addEventListener('paste', () => {
    setTimeout(() => {
      updateCount();
      explainNow();
    }, 0);
  });
  input.addEventListener('input', updateCount);

  const hasFiles = (event) => event.dataTransfer && Array.from(event.dataTransfer.types || []).includes('Files');
  panel.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    panel.classList.add('is-dropping');
  });
  panel.addEventListener('dragleave', (event) => {
    if (!panel.contains(event.relatedTarget)) panel.classList.remove('is-dropping');
  });
  panel.addEventListener('drop', (event) => {
    panel.classList.remove('is-dropping');
    if (!event.dataTransfer?.files?.length) return;
    event.preventDefault();
    loadFiles(event.dataTransfer.files);
  });
  fileButton.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', () => {
    loadFiles(fileInput.files);
    fileInput.value = '';
  });
  clearButton.addEventListener('click', () => {
    cancelRunning();
    latestRun++;
    setText('');
    analysedText = null;
    results.replaceChildren();
    results.hidden = true;
    batch.replaceChildren();
    batch.hidden = true;
    form.classList.remove('is-busy');
    results.removeAttribute('aria-busy');
    setStatus('');
    input.focus();
  });
  updateCount();

  return {
    input,
    form,
    setText,
    explain: explainNow,
    batch: runBatch,
    loadFiles,
    warmUp() {
      return core.warm().then((version) => {
        coreReady = true;
        return version;
      });
    },
  };
}
