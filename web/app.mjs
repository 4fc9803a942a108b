// Bounce Explainer: main-thread controller.
//
// The analysis runs in worker.mjs (C++ core compiled to WebAssembly). This file
// wires the paste box, buttons and shortcuts to the worker and hands reports to
// render.mjs. Nothing is sent over the network.

import { renderReport, renderError } from './render.mjs';
import { byteRangeToUtf16 } from './offsets.mjs';

const form = document.getElementById('explain-form');
const input = document.getElementById('bounce-input');
const exampleButton = document.getElementById('example-button');
const fileButton = document.getElementById('file-button');
const fileInput = document.getElementById('file-input');
const clearButton = document.getElementById('clear-button');
const statusLine = document.getElementById('status');
const results = document.getElementById('results');
const inputCount = document.getElementById('input-count');
const versions = document.getElementById('versions');
const shortcutMod = document.getElementById('shortcut-mod');

const isApple = /Mac|iPhone|iPad|iPod/.test(navigator.platform || navigator.userAgent || '');
if (isApple && shortcutMod) shortcutMod.textContent = '⌘';

// ---------------------------------------------------------------- worker ---

/** Talks to worker.mjs; one outstanding promise per request id. */
class CoreClient {
  constructor() {
    this.worker = null;
    this.nextId = 1;
    this.pending = new Map();
  }

  start() {
    if (this.worker) return;
    this.worker = new Worker(new URL('./worker.mjs', import.meta.url), { type: 'module', name: 'bounce-explainer' });
    this.worker.addEventListener('message', (event) => {
      const message = event.data || {};
      const entry = this.pending.get(message.id);
      if (!entry) return;
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

  request(payload) {
    this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...payload });
    });
  }

  explain(text) {
    return this.request({ action: 'explain', text }).then((message) => message.report);
  }

  version() {
    return this.request({ action: 'version' }).then((message) => message.version);
  }
}

const core = new CoreClient();

// ------------------------------------------------------------- analysis ---

let latestRun = 0;
let analysedText = null; // exact string the current report refers to
let coreReady = false;

/**
 * Updates the live status line (read out by screen readers). With visible:
 * false the text is only announced, e.g. when the results heading already
 * says the same thing on screen.
 */
function setStatus(text, { visible = true } = {}) {
  statusLine.textContent = text;
  statusLine.classList.toggle('visually-hidden', !visible);
}

function prefersReducedMotion() {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

function showVersions(report) {
  const parts = [];
  if (typeof report.tool_version === 'string' && report.tool_version) parts.push(`Analyser ${report.tool_version}`);
  if (typeof report.kb_version === 'string' && report.kb_version) parts.push(`knowledge base ${report.kb_version}`);
  if (parts.length) versions.textContent = parts.join(' · ');
}

/** Selects the evidence range in the paste box, if the box still holds the analysed text. */
function showEvidence(begin, end) {
  if (analysedText === null || wellFormed(input.value) !== analysedText) {
    setStatus('The message was edited since it was explained; press Explain again to locate the evidence.');
    return;
  }
  const range = byteRangeToUtf16(analysedText, begin, end);
  input.focus({ preventScroll: true });
  // Put the caret at the start first so the browser scrolls it into view, then select.
  input.setSelectionRange(range.start, range.start);
  scrollTextareaTo(range.start);
  input.setSelectionRange(range.start, range.end);
  input.scrollIntoView({ block: 'center', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
  setStatus('The evidence is selected in the message box.');
}

/** Scrolls the textarea so that the line holding `index` is visible (approximate with wrapping). */
function scrollTextareaTo(index) {
  const style = window.getComputedStyle(input);
  const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5 || 20;
  const line = input.value.slice(0, index).split('\n').length - 1;
  input.scrollTop = Math.max(0, line * lineHeight - input.clientHeight / 3);
}

function wellFormed(text) {
  return typeof text.toWellFormed === 'function' ? text.toWellFormed() : text;
}

async function explainNow({ reveal = true } = {}) {
  const text = wellFormed(input.value);
  const run = ++latestRun;
  // The button is not disabled while busy: that would drop keyboard focus.
  form.classList.add('is-busy');
  results.setAttribute('aria-busy', 'true');
  setStatus(coreReady ? 'Explaining…' : 'Loading the analyser…');
  try {
    const report = await core.explain(text);
    coreReady = true;
    if (run !== latestRun) return; // a newer run superseded this one
    analysedText = text;
    const { heading } = renderReport(results, report, { onShowEvidence: showEvidence });
    results.hidden = false;
    showVersions(report);
    const count = Array.isArray(report.records) ? report.records.length : 0;
    setStatus(
      report.status === 'bounce'
        ? `Done: ${count} failed recipient${count === 1 ? '' : 's'} explained.`
        : heading.textContent || 'Done.',
      { visible: false },
    );
    if (reveal) heading.scrollIntoView({ block: 'start', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
  } catch (error) {
    if (run !== latestRun) return;
    analysedText = null;
    const { heading } = renderError(results, error instanceof Error ? error.message : String(error));
    results.hidden = false;
    setStatus('The analysis failed.', { visible: false });
    if (reveal) heading.scrollIntoView({ block: 'start' });
  } finally {
    if (run === latestRun) {
      form.classList.remove('is-busy');
      results.removeAttribute('aria-busy');
    }
  }
}

// ------------------------------------------------------------- controls ---

function updateCount() {
  const length = input.value.length;
  inputCount.textContent = length ? `${length.toLocaleString()} characters` : '';
}

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
  // The pasted text lands in the textarea after this event; run on the next task.
  setTimeout(() => {
    updateCount();
    explainNow();
  }, 0);
});

input.addEventListener('input', updateCount);

// Dropping a saved .eml file on the box reads it locally instead of navigating away.
input.addEventListener('dragover', (event) => {
  if (event.dataTransfer && Array.from(event.dataTransfer.types).includes('Files')) {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }
});
input.addEventListener('drop', (event) => {
  const file = event.dataTransfer?.files?.[0];
  if (!file) return;
  event.preventDefault();
  loadFile(file);
});

exampleButton.addEventListener('click', async () => {
  const { SAMPLE_BOUNCE } = await import('./sample.mjs');
  input.value = SAMPLE_BOUNCE;
  updateCount();
  input.scrollTop = 0;
  explainNow();
});

fileButton.addEventListener('click', () => fileInput.click());
fileInput.addEventListener('change', () => {
  const file = fileInput.files?.[0];
  if (file) loadFile(file);
  fileInput.value = '';
});

async function loadFile(file) {
  try {
    input.value = await file.text();
  } catch (error) {
    setStatus(`Could not read ${file.name}: ${error instanceof Error ? error.message : error}`);
    return;
  }
  updateCount();
  input.scrollTop = 0;
  explainNow();
}

clearButton.addEventListener('click', () => {
  latestRun++;
  input.value = '';
  analysedText = null;
  updateCount();
  results.replaceChildren();
  results.hidden = true;
  form.classList.remove('is-busy');
  results.removeAttribute('aria-busy');
  setStatus('');
  input.focus();
});

// Knowledge-base pages link here with "#example=<url-encoded text>": fill the box and
// explain it. A fragment is never sent to any server.
function loadExampleFromHash() {
  const hash = window.location.hash;
  if (!hash.startsWith('#example=')) return false;
  let text;
  try {
    text = decodeURIComponent(hash.slice('#example='.length));
  } catch {
    return false;
  }
  if (!text) return false;
  input.value = text;
  updateCount();
  explainNow({ reveal: false });
  return true;
}
window.addEventListener('hashchange', loadExampleFromHash);

// Warm the analyser up in the background so the first paste is instant.
function warmUp() {
  core
    .version()
    .then((version) => {
      coreReady = true;
      if (!versions.textContent && version) versions.textContent = `Analyser ${version}`;
    })
    .catch(() => {
      // Reported when the user asks for an explanation.
    });
}
if (!loadExampleFromHash()) {
  if ('requestIdleCallback' in window) window.requestIdleCallback(warmUp, { timeout: 1500 });
  else setTimeout(warmUp, 200);
}

updateCount();
