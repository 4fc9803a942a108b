// The static knowledge-base site, generated from kb/ at build time: one page per reason, basic
// reply code, enhanced status code, provider and blocklist, plus an index with client-side
// search. Pages are plain HTML (readable without JavaScript), every text escaped, and each one
// links to the tool, prefilled with an example through the URL fragment (never sent anywhere).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const esc = (s) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** Reads every entry of one kb/ folder, sorted by file name. */
function readFolder(kbDir, folder) {
  const dir = join(kbDir, folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
}

export function loadKb(kbDir) {
  return {
    categories: JSON.parse(readFileSync(join(kbDir, 'categories.json'), 'utf8')).categories,
    reasons: readFolder(kbDir, 'reasons'),
    replyCodes: readFolder(kbDir, 'reply-codes'),
    statusCodes: readFolder(kbDir, 'status-codes'),
    providers: readFolder(kbDir, 'providers'),
    blocklists: readFolder(kbDir, 'blocklists'),
    // The sentences and "who must act" labels the core, the page and this site share.
    words: JSON.parse(readFileSync(join(kbDir, 'words.json'), 'utf8')),
  };
}

/** Where each kind of page lives, relative to the site root. */
export const pagePath = {
  index: () => 'kb/index.html',
  reason: (id) => `kb/reasons/${id}.html`,
  reply: (code) => `kb/reply-codes/${code}.html`,
  status: (code) => `kb/status-codes/${code}.html`,
  provider: (id) => `kb/providers/${id}.html`,
  blocklist: (id) => `kb/blocklists/${id}.html`,
};

function link(fromPath, toPath, text) {
  const depth = fromPath.split('/').length - 1;
  return `<a href="${esc('../'.repeat(depth) + toPath)}">${esc(text)}</a>`;
}

const external = (url, text) =>
  /^https:\/\//.test(url) ? `<a href="${esc(url)}" rel="noopener noreferrer">${esc(text ?? url)}</a>` : esc(text ?? url);

const list = (items, ordered = false) =>
  items && items.length ? `<${ordered ? 'ol' : 'ul'}>${items.map((i) => `<li>${i}</li>`).join('')}</${ordered ? 'ol' : 'ul'}>` : '';

const references = (refs) =>
  refs && refs.length ? `<h2>References</h2>${list(refs.map((r) => external(r.url, r.title)))}` : '';

const UNVERIFIED = "Not confirmed from the provider's own page";

/** Where a provider code's or blocklist's facts come from, and a warning when nobody confirmed them there. */
/** When to send again, where the provider documents it, with the page that says so. */
const retryNote = (entry) =>
  entry.retry && entry.retry.text
    ? `<p class="retry"><strong>Retry:</strong> ${esc(entry.retry.text)} (${external(entry.retry.source, 'source')})</p>`
    : '';

const sourcing = (entry) =>
  `<p class="source">Source: ${external(entry.source)}${
    entry.verified ? '' : ` · <strong class="unverified">${esc(UNVERIFIED)}</strong>`
  }</p>`;

/** The label of a "who must act" id, from kb/words.json (the CLI and the page show the same). */
export function actorLabel(kb, id) {
  return Object.prototype.hasOwnProperty.call(kb.words.actors, id) ? kb.words.actors[id] : id;
}

function tryLink(path, example) {
  if (!example) return '';
  const href = `${'../'.repeat(path.split('/').length - 1)}index.html#example=${encodeURIComponent(example)}`;
  return `<p class="try"><a class="button" href="${esc(href)}">Explain this example in the tool</a></p>
<pre class="example">${esc(example)}</pre>`;
}

function page(path, title, body) {
  const up = '../'.repeat(path.split('/').length - 1);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light dark">
<title>${esc(title)} — Bounce Explainer</title>
<link rel="icon" href="${up}favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${up}kb/kb.css">
</head>
<body>
<header class="kb-header"><nav aria-label="Site">
<a href="${up}index.html">Bounce Explainer</a> · <a href="${up}kb/index.html">Knowledge base</a>
</nav></header>
<main class="kb-main">
<h1>${esc(title)}</h1>
${body}
</main>
<footer class="kb-footer"><p>Generated from the reviewed <code>kb/</code> data of Bounce Explainer. Nothing you paste in the tool leaves your browser.</p></footer>
</body>
</html>
`;
}

// A reason's summary names the recipient and their domain with {recipient} and {destination};
// the tool fills in the real ones. A KB page is about every recipient: it names them in words.
// A placeholder that only repeats the noun before it ("the recipient {recipient}", "the domain
// {destination}") gives way to the noun, so that nothing reads twice.
const PLACEHOLDER_WORDS = [
  [/\b(the) recipient \{recipient\}/gi, '$1 recipient'],
  [/\b(the) domain \{destination\}/gi, "$1 recipient's domain"],
  [/\bmailbox called \{recipient\}/g, "mailbox for the recipient's address"],
  [/\{recipient\}/g, 'the recipient'],
  [/\{destination\}/g, "the recipient's domain"],
];

/** Upper-cases the first letter of the text and of every sentence (after ". ", "! ", "? "). */
function sentenceCase(text) {
  return text.replace(/(^|[.!?]\s+)([a-z])/g, (_, before, letter) => before + letter.toUpperCase());
}

/** A reason's summary as its KB page shows it: placeholders in words, sentence case. */
export function summaryInWords(summary) {
  let text = summary;
  for (const [pattern, words] of PLACEHOLDER_WORDS) text = text.replace(pattern, words);
  return sentenceCase(text);
}

// Words said twice, as a placeholder filled in words can make them: one or two words repeated
// at once ("the the", "the recipient the recipient"), or a noun named again through someone's
// ("The domain the recipient's domain").
const DOUBLED = [/\b([\p{L}’']+(?:\s+[\p{L}’']+)?)\s+\1\b/iu, /\b([\p{L}]+)\s+the\s+[\p{L}]+['’]s\s+\1\b/iu];

/**
 * What a KB page must not print: a sentence that starts with a lower-case letter, or words said
 * twice (DOUBLED). Returns the problems found, [] when there is none.
 */
export function proseProblems(text) {
  const problems = [];
  for (const match of text.matchAll(/(?:^|[.!?]\s+)([a-z])/g)) {
    problems.push(`a sentence starts with a lower-case letter: "${text.slice(match.index, match.index + 40).trim()}…"`);
  }
  for (const pattern of DOUBLED) {
    const match = text.match(pattern);
    if (match) problems.push(`words said twice: "${match[0]}"`);
  }
  return problems;
}

/**
 * Throws when a KB text shown on a page reads wrongly (see proseProblems), naming the file and
 * the field: the site build stops instead of publishing "the recipient's domain looked up…".
 */
export function checkProse(kb) {
  const errors = [];
  const check = (where, text) => {
    for (const problem of proseProblems(text)) errors.push(`${where}: ${problem}`);
  };
  for (const r of kb.reasons) {
    check(`kb/reasons/${r.id}.json: title`, r.title);
    check(`kb/reasons/${r.id}.json: summary (as the KB page shows it)`, summaryInWords(r.summary));
  }
  for (const c of kb.replyCodes) {
    check(`kb/reply-codes/${c.code}.json: meaning`, c.meaning);
    check(`kb/reply-codes/${c.code}.json: in_practice`, c.in_practice);
  }
  for (const s of kb.statusCodes) check(`kb/status-codes/${s.code}.json: meaning`, s.meaning);
  for (const b of kb.blocklists) check(`kb/blocklists/${b.id}.json: explanation`, b.explanation);
  if (errors.length) throw new Error(`The knowledge base would print wrong sentences:\n  ${errors.join('\n  ')}`);
}

function reasonPage(kb, r, path) {
  const category = kb.categories.find((c) => c.id === r.category);
  const codes = kb.statusCodes.filter((s) => s.reason === r.id);
  return page(
    path,
    r.title,
    `<p class="lead">Reason <code>${esc(r.id)}</code> · ${esc(category?.title ?? r.category)} · ${
      r.hard_bounce ? '<strong class="hard">hard bounce</strong>' : '<strong class="soft">soft bounce</strong>'
    }</p>
<p>${esc(summaryInWords(r.summary))}</p>
<h2>Who must act</h2>${list(r.who_acts.map((w) => esc(actorLabel(kb, w))))}
<h2>What to do</h2>${list(r.fix_steps.map(esc), true)}
<h2>Retry?</h2><p>${esc(r.retry)}</p>
${codes.length ? `<h2>Status codes that usually mean this</h2>${list(codes.map((s) => link(path, pagePath.status(s.code), `${s.code} ${s.title}`)))}` : ''}
${r.phrases.length ? `<h2>What servers write</h2>${list(r.phrases.slice(0, 30).map((p) => `<code>${esc(p)}</code>`))}` : ''}
${tryLink(path, r.examples[0])}
${references(r.references)}`,
  );
}

function replyPage(kb, r, path) {
  const reason = kb.reasons.find((x) => x.id === r.reason);
  return page(
    path,
    `SMTP ${r.code}: ${r.title}`,
    `<p class="lead">${r.class === 'permanent' ? 'Permanent failure (5xx)' : 'Temporary failure (4xx)'}</p>
<h2>What the standard says</h2><p>${esc(r.meaning)}</p>
<h2>What it usually means in a bounce</h2><p>${esc(r.in_practice)}</p>
${reason ? `<p>Reason when nothing else is said: ${link(path, pagePath.reason(reason.id), reason.title)} (<code>${esc(reason.id)}</code>)</p>` : ''}
${tryLink(path, `${r.code} ${r.title}`)}
${references(r.references)}`,
  );
}

function statusPage(kb, s, path) {
  const reason = kb.reasons.find((r) => r.id === s.reason);
  const example = `${s.code.startsWith('X.') ? '550 5' + s.code.slice(1) : s.code} ${s.title}`;
  return page(
    path,
    `${s.code}: ${s.title}`,
    `<p class="lead">Enhanced status code (RFC 3463). X is 2 (success), 4 (temporary) or 5 (permanent).</p>
<p>${esc(s.meaning)}</p>
${reason ? `<p>Usual reason: ${link(path, pagePath.reason(reason.id), reason.title)} (<code>${esc(reason.id)}</code>)</p>` : ''}
${tryLink(path, example)}
${references(s.references)}`,
  );
}

/** A reason named by its title, linked to its page; its id only when the KB has no such reason. */
function reasonLink(kb, path, id) {
  const reason = kb.reasons.find((r) => r.id === id);
  return reason ? `${link(path, pagePath.reason(id), reason.title)} (<code>${esc(id)}</code>)` : esc(id);
}

function providerPage(kb, p, path) {
  const codes = p.codes
    .map(
      (c) => `<section class="code" id="${esc(c.id)}"><h3>${esc(c.status || c.phrases[0])} — ${esc(c.title)}</h3>
<p>${esc(c.explanation)}</p>${list(c.fix_steps.map(esc), true)}
${sourcing(c)}${retryNote(c)}<p class="meta">Reason: ${reasonLink(kb, path, c.reason)}${
        c.references?.length ? ' · ' + c.references.map((r) => external(r.url, r.title)).join(' · ') : ''
      }</p></section>`,
    )
    .join('\n');
  return page(
    path,
    p.name,
    `<p class="lead">Mail domains: ${p.domains.map((d) => `<code>${esc(d)}</code>`).join(', ') || '—'}</p>
<p>Documentation for senders: ${external(p.url)}</p>
${p.codes.length ? `<h2>Codes and messages</h2>${codes}` : ''}`,
  );
}

function blocklistPage(b, path) {
  return page(
    path,
    b.name,
    `<p>${esc(b.explanation)}</p>
${sourcing(b)}${retryNote(b)}<p>Check your IP or domain: ${external(b.lookup_url)}<br>Request removal: ${external(b.delist_url)}</p>
<h2>What to do</h2>${list(b.fix_steps.map(esc), true)}
<h2>How it shows in a rejection</h2>${list(b.phrases.map((p) => `<code>${esc(p)}</code>`))}
${references(b.references)}`,
  );
}

function indexPage(kb, entries) {
  const path = pagePath.index();
  const section = (title, kind) =>
    `<h2>${esc(title)}</h2><ul class="entries">${entries
      .filter((e) => e.kind === kind)
      .map((e) => `<li data-search="${esc(e.search)}">${link(path, e.path, e.title)}</li>`)
      .join('')}</ul>`;
  return page(
    path,
    'Bounce knowledge base',
    `<p class="lead">Every bounce reason, SMTP reply code, enhanced status code, provider and blocklist the
explainer knows, with what to do. Or <a href="../index.html">paste your bounce into the tool</a>.</p>
<p class="search"><label for="kb-search">Search</label> <input id="kb-search" type="search" placeholder="e.g. 5.7.26, mailbox full, spamhaus" autocomplete="off"></p>
<p id="kb-no-results" class="no-results" role="status" hidden></p>
${section('Reasons', 'reason')}${section('Providers', 'provider')}${section('Blocklists', 'blocklist')}
${section('SMTP reply codes', 'reply')}${section('Enhanced status codes', 'status')}
<script type="module" src="search.mjs"></script>`,
  );
}

const SEARCH_SCRIPT = `// Filters the knowledge-base index as you type (progressive: the page works without it).
const input = document.getElementById('kb-search');
const noResults = document.getElementById('kb-no-results');
const items = [...document.querySelectorAll('li[data-search]')];
input?.addEventListener('input', () => {
  const words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
  for (const li of items) li.hidden = !words.every((w) => li.dataset.search.includes(w));
  for (const ul of document.querySelectorAll('ul.entries')) {
    const h = ul.previousElementSibling;
    if (h) h.hidden = [...ul.children].every((li) => li.hidden);
  }
  // With every entry hidden, the page says so instead of going blank.
  const none = words.length > 0 && items.every((li) => li.hidden);
  if (noResults) {
    noResults.textContent = none ? \`No results for “\${input.value.trim()}”. Try fewer words, a code such as 5.1.1 or 550, or a provider's name.\` : '';
    noResults.hidden = !none;
  }
});
`;

const KB_CSS = `:root{color-scheme:light dark;--bg:#fdfdfc;--fg:#1d232a;--muted:#5a6470;--line:#dde2e7;--accent:#1f5fbf;--hard:#b3261e;--soft:#8a5a00}
@media (prefers-color-scheme:dark){:root{--bg:#14181d;--fg:#e6e9ec;--muted:#a3adb8;--line:#2c333b;--accent:#8ab4ff;--hard:#ff8a80;--soft:#ffcc66}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:var(--accent)}code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em}
.kb-header,.kb-footer{border-bottom:1px solid var(--line);padding:.75rem 1rem}.kb-footer{border-top:1px solid var(--line);border-bottom:0;color:var(--muted);font-size:.9em}
.kb-header nav,.kb-footer p{max-width:44rem;margin:0 auto}.kb-header a:first-child{font-weight:600}
.kb-main{max-width:46rem;margin:0 auto;padding:1rem}.lead{color:var(--muted)}h1{line-height:1.2}h2{margin-top:1.6em;font-size:1.15em}
.hard{color:var(--hard)}.soft{color:var(--soft)}pre.example{white-space:pre-wrap;overflow-wrap:anywhere;background:rgba(127,127,127,.1);padding:.75rem;border-radius:6px}
.button{display:inline-block;padding:.45rem .9rem;border:1px solid var(--accent);border-radius:6px;text-decoration:none}
.code{border-top:1px solid var(--line);padding-top:.5rem}.unverified{color:var(--soft)}.meta{color:var(--muted);font-size:.9em}
input[type=search]{font:inherit;padding:.4rem .6rem;width:min(100%,28rem);border:1px solid var(--line);border-radius:6px;background:transparent;color:inherit}
ul.entries{columns:2 16rem}li{overflow-wrap:anywhere}.no-results{color:var(--muted)}
`;

/**
 * Site step: offline.html, what the service worker shows offline for an address it has not saved
 * (it serves it at that address, with its links made absolute: see sw-template.js). It has the
 * knowledge base's look and links to what does work offline.
 */
export function writeOfflinePage(context) {
  const path = 'offline.html';
  const html = page(
    path,
    'You are offline',
    `<p class="lead">This address is not among the pages saved on this device, so it cannot be shown until you are back online.</p>
<p>What works offline:</p>
<ul>
<li><a href="index.html">The tool</a>: paste a bounce and it is explained on this device, as online.</li>
<li><a href="kb/index.html">The knowledge base</a>: every reason, reply code, status code, provider and blocklist page.</li>
</ul>`,
  );
  writeFileSync(join(context.outDir, path), html);
  context.emit(path);
}

/** Site step: writes every KB page into context.outDir. */
export function buildKbPages(context, kbDir = join(context.webDir, '..', 'kb')) {
  const kb = loadKb(kbDir);
  checkProse(kb);
  const out = (path, html) => {
    const full = join(context.outDir, path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, html);
    context.emit(path);
  };
  const entries = [];
  for (const r of kb.reasons) {
    const path = pagePath.reason(r.id);
    out(path, reasonPage(kb, r, path));
    entries.push({ kind: 'reason', path, title: `${r.title} (${r.id})`, search: `${r.id} ${r.title} ${r.phrases.join(' ')}`.toLowerCase() });
  }
  for (const r of kb.replyCodes) {
    const path = pagePath.reply(r.code);
    out(path, replyPage(kb, r, path));
    entries.push({ kind: 'reply', path, title: `${r.code} ${r.title}`, search: `${r.code} ${r.title}`.toLowerCase() });
  }
  for (const s of kb.statusCodes) {
    const path = pagePath.status(s.code);
    out(path, statusPage(kb, s, path));
    const forms = ['2', '4', '5'].map((c) => c + s.code.slice(1)).join(' ');
    entries.push({ kind: 'status', path, title: `${s.code} ${s.title}`, search: `${s.code} ${forms} ${s.title}`.toLowerCase() });
  }
  for (const p of kb.providers) {
    const path = pagePath.provider(p.id);
    out(path, providerPage(kb, p, path));
    const codes = p.codes.map((c) => `${c.status} ${c.title} ${c.phrases.join(' ')}`).join(' ');
    entries.push({ kind: 'provider', path, title: p.name, search: `${p.name} ${p.domains.join(' ')} ${codes}`.toLowerCase() });
  }
  for (const b of kb.blocklists) {
    const path = pagePath.blocklist(b.id);
    out(path, blocklistPage(b, path));
    entries.push({ kind: 'blocklist', path, title: b.name, search: `${b.name} ${b.phrases.join(' ')}`.toLowerCase() });
  }
  out(pagePath.index(), indexPage(kb, entries));
  out('kb/search.mjs', SEARCH_SCRIPT);
  out('kb/kb.css', KB_CSS);
  return entries.length;
}
