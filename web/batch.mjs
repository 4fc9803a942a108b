// The batch view: progress while the worker explains many messages, then a summary
// (bars by reason and by category, plain CSS), filters, a virtual table (only the
// visible rows are in the DOM, so 10 000 messages stay smooth) and CSV/JSON export.
// Report data only ever goes in through textContent (see render.mjs).
import { el, downloadText, formatCount } from './render.mjs';

const ROW_HEIGHT = 36; // px; must match .batch-table tbody tr in style.css
const OVERSCAN = 8;

// Reports about delivery that are not failures: counted apart from the failed recipients.
const NOT_FAILURES = {
  delayed: '(delayed: not a failure yet)',
  auto_reply: '(automatic reply)',
  feedback: '(feedback report)',
  challenge: '(challenge: confirm you are a person)',
  delivered: '(delivered)',
};

function kindOf(row) {
  if (NOT_FAILURES[row.status]) return 'notfailure';
  if (row.status !== 'bounce') return row.status === 'error' ? 'error' : 'none';
  return row.hard === true ? 'hard' : row.hard === false ? 'soft' : 'unknown';
}

const KIND_LABEL = { hard: 'Hard', soft: 'Soft', unknown: '—', none: 'Not a bounce', notfailure: 'Not a failure', error: 'Error' };

// Messages without a failed recipient, in words (the row's status is the report's).
const NO_RECORD = {
  error: '(analysis failed)',
  not_a_bounce: '(not a bounce)',
  empty: '(empty message)',
  unusable: '(could not be read)',
  too_large: '(too large)',
};

/** What a row is filtered and counted by: the reason's id for a failure, else a label in words. */
function reasonKey(row) {
  if (row.status === 'bounce') return row.reason || 'undefined';
  if (NOT_FAILURES[row.status]) return NOT_FAILURES[row.status];
  return NO_RECORD[row.status] || '(no result)';
}

/** The reason as a person reads it: the KB's title for a failure (its id when the row has none). */
function reasonText(row) {
  return row.status === 'bounce' && row.reasonTitle ? row.reasonTitle : reasonKey(row);
}

/** Where a failure's reason is explained in the KB, or null. */
function reasonHref(row, kbBase) {
  return row.status === 'bounce' && kbBase && /^[a-z0-9_-]+$/i.test(row.reason) ? `${kbBase}reasons/${row.reason}.html` : null;
}

/**
 * The CSV export: the header and the rows written by the core's CSV writer (the CLI's
 * --format csv: same columns, same neutralisation of formula cells), one per record shown.
 * Messages without records (not bounces, errors) have no row, as in the CLI.
 */
export function rowsToCsv(rows, header) {
  return header + rows.filter((row) => typeof row.csv === 'string').map((row) => row.csv).join('');
}

function countBy(rows, key) {
  const counts = new Map();
  for (const row of rows) {
    const k = key(row);
    counts.set(k, (counts.get(k) || 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
}

export class BatchView {
  /**
   * @param {HTMLElement} container
   * @param {{kbBase?: string|null, onCancel?: () => void, idPrefix?: string}} options
   */
  constructor(container, options = {}) {
    this.container = container;
    this.options = options;
    this.rows = [];
    this.visible = []; // indices into rows that pass the filters
    this.filters = { text: '', reason: '', category: '', kind: '' };
    this.finished = false;
    this.chartTimer = 0;
    this.csvHeader = ''; // from the worker, with the first rows
    this.reasonTitles = new Map(); // reason id → its title in words, from the rows

    this.build();
  }

  build() {
    const p = this.options.idPrefix || 'batch';
    this.heading = el('h2', { className: 'results-title', text: 'Explaining the messages…', attrs: { tabindex: '-1' } });
    this.progress = el('progress', { className: 'batch-progress', attrs: { max: '1', value: '0', 'aria-label': 'Progress' } });
    this.progressText = el('p', { className: 'batch-progress-text', attrs: { 'aria-live': 'polite' } });
    this.cancelButton = el('button', { className: 'button button-small', text: 'Stop', attrs: { type: 'button' } });
    this.cancelButton.addEventListener('click', () => this.options.onCancel?.());

    this.totals = el('ul', { className: 'batch-totals' });
    this.reasonChart = el('div', { className: 'bars' });
    this.categoryChart = el('div', { className: 'bars' });
    const charts = el(
      'div',
      { className: 'batch-charts' },
      el('section', { className: 'chart chart-wide', attrs: { 'aria-labelledby': `${p}-by-reason` } }, el('h3', { text: 'By reason', attrs: { id: `${p}-by-reason` } }), this.reasonChart),
      el('section', { className: 'chart chart-wide', attrs: { 'aria-labelledby': `${p}-by-category` } }, el('h3', { text: 'By category', attrs: { id: `${p}-by-category` } }), this.categoryChart),
    );

    // Filters
    this.search = el('input', { attrs: { type: 'search', id: `${p}-search`, placeholder: 'Recipient, provider, code…', autocomplete: 'off' } });
    this.reasonSelect = el('select', { attrs: { id: `${p}-reason` } });
    this.categorySelect = el('select', { attrs: { id: `${p}-category` } });
    this.kindSelect = el('select', { attrs: { id: `${p}-kind` } });
    for (const [value, label] of [['', 'Hard and soft'], ['hard', 'Hard only'], ['soft', 'Soft only'], ['none', 'Not a bounce']]) {
      this.kindSelect.append(el('option', { text: label, attrs: { value } }));
    }
    const field = (label, control) => el('div', { className: 'filter' }, el('label', { text: label, attrs: { for: control.id } }), control);
    this.search.addEventListener('input', () => this.setFilter('text', this.search.value));
    this.reasonSelect.addEventListener('change', () => this.setFilter('reason', this.reasonSelect.value));
    this.categorySelect.addEventListener('change', () => this.setFilter('category', this.categorySelect.value));
    this.kindSelect.addEventListener('change', () => this.setFilter('kind', this.kindSelect.value));
    const filters = el(
      'div',
      { className: 'batch-filters', attrs: { role: 'group', 'aria-label': 'Filters' } },
      field('Search', this.search),
      field('Reason', this.reasonSelect),
      field('Category', this.categorySelect),
      field('Kind', this.kindSelect),
    );

    const csv = el('button', { className: 'button button-small', text: 'Export CSV', attrs: { type: 'button' } });
    csv.addEventListener('click', () => downloadText('bounces.csv', rowsToCsv(this.filteredRows(), this.csvHeader), 'text/csv'));
    const json = el('button', { className: 'button button-small', text: 'Export JSON', attrs: { type: 'button' } });
    // The rows as the worker made them, without what is only for the view (the CSV row, the title).
    json.addEventListener('click', () => downloadText('bounces.json', `${JSON.stringify(this.filteredRows().map(({ csv, reasonTitle, ...row }) => row), null, 2)}\n`));
    this.shownCount = el('span', { className: 'muted batch-shown', attrs: { 'aria-live': 'polite' } });
    const tools = el('div', { className: 'results-tools' }, csv, json, this.shownCount);

    // Virtual table
    this.table = el('table', { className: 'batch-table', attrs: { 'aria-rowcount': '1' } });
    const head = el('thead', {}, el('tr', { attrs: { 'aria-rowindex': '1' } }));
    for (const title of ['#', 'Recipient', 'Reason', 'Hard / soft', 'Provider', 'Code']) head.firstChild.append(el('th', { text: title, attrs: { scope: 'col' } }));
    this.body = el('tbody');
    this.table.append(el('caption', { className: 'visually-hidden', text: 'Failed recipients, one row each' }), head, this.body);
    this.scroller = el('div', { className: 'batch-table-wrap', attrs: { tabindex: '0', role: 'region', 'aria-label': 'Failed recipients' } }, this.table);
    this.scroller.addEventListener('scroll', () => this.scheduleTable(), { passive: true });

    this.detail = el('section', { className: 'batch-detail', attrs: { 'aria-live': 'polite', 'aria-label': 'Selected recipient' } });
    this.detail.hidden = true;

    this.summary = el('div', { className: 'batch-summary' }, this.totals, charts);
    this.summary.hidden = true;
    this.container.replaceChildren(
      this.heading,
      el('div', { className: 'batch-progress-row' }, this.progress, this.cancelButton),
      this.progressText,
      this.summary,
      el('section', { className: 'batch-list', attrs: { 'aria-label': 'Recipients' } }, filters, tools, this.scroller, this.detail),
    );
    this.refreshSelects();
  }

  /** Adds a chunk of rows from the worker. */
  update({ done, total, rows, csvHeader }) {
    if (typeof csvHeader === 'string') this.csvHeader = csvHeader;
    if (Array.isArray(rows) && rows.length) {
      const first = this.rows.length;
      this.rows.push(...rows);
      for (const row of rows) if (row.status === 'bounce' && row.reasonTitle && !this.reasonTitles.has(row.reason)) this.reasonTitles.set(row.reason, row.reasonTitle);
      for (let i = first; i < this.rows.length; i++) if (this.passes(this.rows[i])) this.visible.push(i);
      this.scheduleTable();
      this.scheduleCharts();
    }
    this.progress.max = Math.max(total, 1);
    this.progress.value = done;
    this.progressText.textContent = `${formatCount(done)} of ${formatCount(total)} messages explained`;
  }

  finish({ done, total, cancelled, error }) {
    this.finished = true;
    this.cancelButton.hidden = true;
    this.progress.hidden = true;
    if (error) this.progressText.textContent = `Stopped after ${formatCount(done ?? 0)} messages: ${error}`;
    else if (cancelled) this.progressText.textContent = `Stopped: ${formatCount(done)} of ${formatCount(total)} messages explained.`;
    else this.progressText.textContent = `Done: ${formatCount(total)} message${total === 1 ? '' : 's'} explained.`;
    this.heading.textContent = `${formatCount(total)} message${total === 1 ? '' : 's'} analysed`;
    this.renderCharts();
    this.renderTable();
  }

  passes(row) {
    const f = this.filters;
    if (f.reason && reasonKey(row) !== f.reason) return false;
    if (f.category && (row.category || '—') !== f.category) return false;
    if (f.kind && kindOf(row) !== f.kind) return false;
    if (f.text) {
      const hay = `${row.recipient} ${row.provider} ${row.code} ${row.reason} ${row.reasonTitle || ''} ${row.diagnostic} ${row.source}`.toLowerCase();
      if (!f.text.split(/\s+/).every((w) => hay.includes(w))) return false;
    }
    return true;
  }

  setFilter(name, value) {
    this.filters[name] = name === 'text' ? value.trim().toLowerCase() : value;
    if (name === 'reason') this.reasonSelect.value = value;
    if (name === 'category') this.categorySelect.value = value;
    this.visible = [];
    for (let i = 0; i < this.rows.length; i++) if (this.passes(this.rows[i])) this.visible.push(i);
    this.scroller.scrollTop = 0;
    this.renderTable();
    this.renderCharts();
  }

  filteredRows() {
    return this.visible.map((i) => this.rows[i]);
  }

  scheduleTable() {
    if (this.tableFrame) return;
    this.tableFrame = requestAnimationFrame(() => {
      this.tableFrame = 0;
      this.renderTable();
    });
  }

  scheduleCharts() {
    if (this.chartTimer) return;
    this.chartTimer = setTimeout(() => {
      this.chartTimer = 0;
      this.renderCharts();
    }, 250);
  }

  renderTable() {
    const count = this.visible.length;
    const viewport = this.scroller.clientHeight || 480;
    const first = Math.max(0, Math.floor(this.scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(count, Math.ceil((this.scroller.scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
    const spacer = (height) => {
      const tr = el('tr', { className: 'spacer', attrs: { 'aria-hidden': 'true' } });
      tr.style.height = `${height}px`;
      return tr;
    };
    const nodes = [];
    if (first > 0) nodes.push(spacer(first * ROW_HEIGHT));
    for (let i = first; i < last; i++) nodes.push(this.rowNode(this.rows[this.visible[i]], i + 2));
    if (last < count) nodes.push(spacer((count - last) * ROW_HEIGHT));
    if (count === 0) nodes.push(el('tr', {}, el('td', { className: 'muted', text: this.rows.length ? 'No row matches the filters.' : 'Waiting for results…', attrs: { colspan: '6' } })));
    this.body.replaceChildren(...nodes);
    this.table.setAttribute('aria-rowcount', String(count + 1));
    this.shownCount.textContent = `${formatCount(count)} of ${formatCount(this.rows.length)} rows`;
  }

  rowNode(row, rowIndex) {
    const kind = kindOf(row);
    const href = reasonHref(row, this.options.kbBase);
    const reasonCell = el(href ? 'a' : 'span', { text: reasonText(row), attrs: href ? { href } : {} });
    if (row.status === 'bounce') reasonCell.title = `Reason code: ${reasonKey(row)}`;
    const who = el('button', { className: 'row-button mono', text: row.recipient || row.source || '—', attrs: { type: 'button', title: `Details of message ${row.message}` } });
    who.addEventListener('click', () => this.showDetail(row));
    return el(
      'tr',
      { className: `row-${kind}`, attrs: { 'aria-rowindex': String(rowIndex) } },
      el('td', { className: 'num', text: row.message }),
      el('td', {}, who),
      el('td', {}, reasonCell),
      el('td', {}, el('span', { className: `pill pill-${kind}`, text: KIND_LABEL[kind] })),
      el('td', { text: row.provider || '—' }),
      el('td', { className: 'mono', text: row.code || '—' }),
    );
  }

  /** Shows one row in full below the table (the table itself stays one line per row). */
  showDetail(row) {
    const kind = kindOf(row);
    const reason = reasonText(row);
    const facts = el('dl', { className: 'facts' });
    const fact = (term, value, tooltip = '') => {
      if (value) facts.append(el('dt', { text: term }), el('dd', { text: value, attrs: tooltip ? { title: tooltip } : {} }));
    };
    fact('Message', `#${row.message}${row.source ? ` (${row.source})` : ''}`);
    fact('Reason', reason, row.status === 'bounce' ? `Reason code: ${reasonKey(row)}` : '');
    fact('Hard or soft', KIND_LABEL[kind]);
    fact('Category', row.category);
    fact('Provider', row.provider);
    fact('Code', row.code);
    const nodes = [el('h3', { text: row.headline || row.recipient || `Message ${row.message}` })];
    if (row.recipient) nodes.push(el('p', { className: 'record-recipient' }, el('span', { className: 'record-recipient-label', text: 'Recipient' }), el('span', { className: 'mono', text: row.recipient })));
    nodes.push(facts);
    if (row.diagnostic) nodes.push(el('pre', { className: 'batch-detail-diagnostic' }, el('code', { text: row.diagnostic })));
    const href = reasonHref(row, this.options.kbBase);
    if (href) nodes.push(el('p', {}, el('a', { text: `What “${reason}” means and how to fix it`, attrs: { href } })));
    const close = el('button', { className: 'button button-small', text: 'Close', attrs: { type: 'button' } });
    close.addEventListener('click', () => {
      this.detail.hidden = true;
      this.scroller.focus();
    });
    nodes.push(close);
    this.detail.replaceChildren(...nodes);
    this.detail.hidden = false;
    this.detail.scrollIntoView({ block: 'nearest' });
  }

  refreshSelects() {
    const fill = (select, entries, allLabel, labelOf = (value) => value) => {
      const current = select.value;
      select.replaceChildren(el('option', { text: allLabel, attrs: { value: '' } }), ...entries.map(([value, n]) => el('option', { text: `${labelOf(value)} (${formatCount(n)})`, attrs: { value } })));
      select.value = entries.some(([value]) => value === current) ? current : '';
    };
    fill(this.reasonSelect, countBy(this.rows, reasonKey), 'All reasons', (key) => this.reasonTitles.get(key) || key);
    fill(this.categorySelect, countBy(this.rows.filter((r) => r.status === 'bounce'), (r) => r.category || '—'), 'All categories');
  }

  renderCharts() {
    const rows = this.rows;
    const bounces = rows.filter((r) => r.status === 'bounce');
    const hard = bounces.filter((r) => r.hard === true).length;
    const soft = bounces.filter((r) => r.hard === false).length;
    const messages = new Set(rows.map((r) => r.message)).size;
    const notBounce = rows.filter((r) => r.status !== 'bounce').length;
    const total = (label, value, kind = '') => el('li', { className: `total ${kind}` }, el('span', { className: 'total-value', text: formatCount(value) }), el('span', { className: 'total-label', text: label }));
    this.totals.replaceChildren(
      total('messages', messages),
      total('failed recipients', bounces.length),
      total('hard bounces', hard, 'total-hard'),
      total('soft bounces', soft, 'total-soft'),
      ...(notBounce ? [total('not a bounce', notBounce)] : []),
    );
    this.bars(this.reasonChart, countBy(bounces, reasonKey), 'reason', (key) => (bounces.find((b) => reasonKey(b) === key)?.hard ? 'hard' : 'soft'), (key) => this.reasonTitles.get(key) || key);
    this.bars(this.categoryChart, countBy(bounces, (r) => r.category || '—'), 'category', () => 'neutral');
    this.summary.hidden = rows.length === 0;
    this.refreshSelects();
  }

  /**
   * One bar per entry ([value, count], the largest first); `labelOf(value)` is what a person
   * reads (a reason's title), the value itself is what the filter keeps (a reason's id).
   */
  bars(container, entries, filter, kindFor, labelOf = (value) => value) {
    const max = entries.length ? entries[0][1] : 1;
    const shown = entries.slice(0, 12);
    const nodes = shown.map(([value, n]) => {
      const fill = el('span', { className: `bar-fill bar-${kindFor(value)}` });
      fill.style.width = `${Math.max(2, Math.round((n / max) * 100))}%`;
      const active = this.filters[filter] === value;
      const label = labelOf(value);
      const button = el(
        'button',
        { className: `bar${active ? ' is-active' : ''}`, attrs: { type: 'button', 'aria-pressed': String(active), title: label === value ? `Show only ${label}` : `Show only ${label} (${value})` } },
        el('span', { className: 'bar-label', text: label }),
        el('span', { className: 'bar-track', attrs: { 'aria-hidden': 'true' } }, fill),
        el('span', { className: 'bar-count', text: formatCount(n) }),
      );
      button.addEventListener('click', () => this.setFilter(filter, active ? '' : value));
      return button;
    });
    if (entries.length > shown.length) {
      const rest = entries.slice(shown.length).reduce((sum, [, n]) => sum + n, 0);
      nodes.push(el('p', { className: 'muted bars-more', text: `and ${entries.length - shown.length} more (${formatCount(rest)} rows): use the filter below` }));
    }
    if (nodes.length === 0) nodes.push(el('p', { className: 'muted', text: 'No failed recipient yet.' }));
    container.replaceChildren(...nodes);
  }
}
