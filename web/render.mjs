// Builds the result view from a report object.
//
// SECURITY: bounces contain attacker-controlled text (diagnostics, subjects,
// addresses...). Every piece of report data goes into the DOM through
// textContent or createElement; innerHTML is never used. Links are only made
// for URLs that parse as https://.
import { byteOffsetsToUtf16 } from './offsets.mjs';
import { routeNode } from './route-view.mjs';

/**
 * Creates an element with optional class and text.
 * @param {string} tag
 * @param {{className?: string, text?: unknown, attrs?: Record<string,string>}} [options]
 * @param {...(Node|null|undefined|false)} children
 */
export function el(tag, options = {}, ...children) {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined && options.text !== null) node.textContent = String(options.text);
  if (options.attrs) {
    for (const [name, value] of Object.entries(options.attrs)) node.setAttribute(name, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

/**
 * Bounds on what one report puts in the DOM. A hostile report can hold 1,000 records, each with
 * thousands of evidence lines: rendered in full that was millions of nodes and a frozen tab. Past
 * a bound the page says what it left out; "Download JSON" always has everything.
 */
export const DOM_LIMITS = Object.freeze({
  cards: 50, // record cards rendered at once ("Show more" adds as many again)
  evidencePerRecord: 20, // evidence lines per card
  textChars: 4000, // characters of one text (an evidence line, a diagnostic, a field)
  marks: 500, // evidence marks in "your message"
  sourceChars: 1_000_000, // longer messages get no marked copy
});

/**
 * A count for the page's English text, digits grouped by commas ("12,345"). Not
 * toLocaleString(): its first call loads the locale data, 100-200 ms on a slow phone (4x CPU
 * slowdown), and the first call came from the paste box's character count, on the way to the
 * first result.
 * @param {number} n
 */
export function formatCount(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `text`, cut at DOM_LIMITS.textChars with a note of what was left out. */
export function clip(text) {
  const value = String(text);
  if (value.length <= DOM_LIMITS.textChars) return value;
  return `${value.slice(0, DOM_LIMITS.textChars)}… (${formatCount(value.length - DOM_LIMITS.textChars)} more characters: see Download JSON)`;
}

/** True for a non-empty string (after trimming). */
function present(value) {
  return typeof value === 'string' && value.trim() !== '';
}

/** Returns the URL string when it is a well-formed https:// URL, else null. */
export function safeHttpsUrl(value) {
  if (typeof value !== 'string' || !value.startsWith('https://')) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** An external link, or plain text when the URL is not https. */
function externalLink(url, text) {
  const href = safeHttpsUrl(url);
  if (!href) return el('span', { text });
  return el('a', {
    text,
    attrs: { href, rel: 'noopener noreferrer external', target: '_blank', referrerpolicy: 'no-referrer' },
  });
}

const WHO_ACTS = {
  sender: 'You, the sender',
  'sender-admin': 'Your mail administrator',
  sender_admin: 'Your mail administrator',
  'sender-provider': 'Your email provider',
  recipient: 'The recipient',
  'recipient-admin': "The recipient's mail administrator",
  recipient_admin: "The recipient's mail administrator",
  'recipient-provider': "The recipient's email provider",
  'list-owner': 'The mailing-list owner',
  nobody: 'Nobody: it resolves itself',
};

function humanize(value) {
  const text = String(value).replace(/[-_]+/g, ' ').trim();
  return text ? text[0].toUpperCase() + text.slice(1) : '';
}

export function whoActsLabel(value) {
  return Object.prototype.hasOwnProperty.call(WHO_ACTS, value) ? WHO_ACTS[value] : humanize(value);
}

/** Identifiers we are willing to put in a KB page path. */
const KB_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

/**
 * Link to a knowledge-base page (kind: reasons, providers, blocklists), or null when
 * there is no KB to link to (the self-contained file) or the id is not a plain name.
 */
function kbHref(options, kind, id) {
  if (!options.kbBase || typeof id !== 'string' || !KB_ID.test(id)) return null;
  return `${options.kbBase}${kind}/${encodeURIComponent(id)}.html`;
}

/** Copies text to the clipboard; falls back to a hidden textarea where the API is missing. */
export async function copyText(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

/**
 * A button that copies `getText()` and says so for two seconds. `context` (optional) is
 * read by screen readers after the visible label, e.g. "for bob@example.com".
 */
export function copyButton(label, getText, context, title) {
  const visible = el('span', { text: label });
  const button = el('button', { className: 'button button-small', attrs: { type: 'button' } }, visible);
  if (context) button.append(el('span', { className: 'visually-hidden', text: ` ${context}` }));
  if (title) button.title = title;
  button.addEventListener('click', async () => {
    const ok = await copyText(getText());
    visible.textContent = ok ? 'Copied' : 'Copy failed';
    setTimeout(() => {
      visible.textContent = label;
    }, 2000);
  });
  return button;
}

/** Offers `text` as a file download (Blob URL, nothing leaves the browser). */
export function downloadText(filename, text, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el('a', { attrs: { href: url, download: filename } });
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const STATUS_NOTICES = {
  delayed: {
    title: 'Not a failure yet: delivery is delayed',
    tip: 'The sending server keeps trying by itself. Act only if a failure notice follows, or if the delay lasts more than a day.',
  },
  auto_reply: {
    title: 'Not a failure: an automatic reply',
    tip: 'Out-of-office and other automatic replies come after the message was delivered. Nothing needs fixing.',
  },
  feedback: {
    title: 'Not a failure: a feedback report',
    tip: 'A mailbox provider reports a complaint, an unsubscribe or an authentication result about a delivered message. Remove complainers from your list.',
  },
  challenge: {
    title: 'Not a failure yet: the recipient asks you to confirm',
    tip: 'A challenge-response filter holds your message until you confirm you are a person. Follow its link only if you trust it and you did send the message.',
  },
  delivered: {
    title: 'Not a failure: the message was delivered',
    tip: 'This is a delivery report (a success or relay notice), not a bounce.',
  },
  not_a_bounce: {
    title: 'This does not look like a bounce',
    tip: 'Tip: in most mail programs, open the bounce and choose “Show original”, “View source” or “View message source”, then copy everything.',
  },
  empty: {
    title: 'Nothing to analyse yet',
    tip: 'Tip: bounces usually come from “Mail Delivery Subsystem” or “MAILER-DAEMON”, with a subject such as “Undelivered Mail Returned to Sender” or “Delivery Status Notification (Failure)”.',
  },
  unusable: {
    title: 'This message could not be read',
    tip: 'The text may be truncated or garbled. Copy the bounce again from the original message source, headers included.',
  },
  too_large: {
    title: 'This message is too large',
    tip: 'Remove the attached original message (or large attachments) and keep the headers and the delivery report part.',
  },
};

/** Human title for a report status that is not "bounce". */
export function noticeFor(status) {
  return (
    STATUS_NOTICES[status] || {
      title: 'No result',
      tip: 'The analyser returned an unexpected status. Try pasting the full message source again.',
    }
  );
}

/** Renders a "definition list" row if the value is present. */
function factRow(list, term, ...valueNodes) {
  const nodes = valueNodes.filter(Boolean);
  if (nodes.length === 0) return;
  list.append(el('dt', { text: term }), el('dd', {}, ...nodes));
}

function codeWithTitle(code, title, registryTitle) {
  if (!present(code)) return null;
  const wrap = el('span', {}, el('code', { text: code }));
  if (present(title)) wrap.append(el('span', { className: 'muted', text: ` — ${title}` }));
  // The provider's own meaning is the title; the registry's, when it differs, is shown beside it.
  if (present(registryTitle)) wrap.append(el('span', { className: 'muted registry-title', text: ` (registry: ${registryTitle})` }));
  return wrap;
}

const TIERS = {
  certain: 'Certain',
  likely: 'Likely',
  best_guess: 'Best guess',
};

/** "How sure: Likely — the server's words "mailbox full"": the confidence tier and its basis. */
function confidenceNode(record) {
  if (!present(record.confidence_tier) || !TIERS[record.confidence_tier]) return null;
  const node = el(
    'p',
    { className: `record-confidence confidence-${record.confidence_tier}` },
    el('span', { className: 'record-confidence-label', text: 'How sure: ' }),
    el('strong', { text: TIERS[record.confidence_tier] }),
  );
  if (present(record.confidence_basis)) node.append(el('span', { text: ` — ${record.confidence_basis}` }));
  return node;
}

const BADGES = {
  delayed: ['Delayed', 'Not a failure yet: the sending server keeps trying.'],
  hard: ['Hard bounce', 'Permanent failure: sending again will fail the same way until the cause is fixed.'],
  soft: ['Soft bounce', 'Temporary or fixable failure: delivery may succeed later or after a change.'],
  unknown: ['Bounce', 'Delivery failed.'],
};

/** The reason in words: its KB title (the report's `reason_title`), else its id. */
function reasonWords(record) {
  const explanation = record.explanation && typeof record.explanation === 'object' ? record.explanation : {};
  return present(explanation.reason_title) ? explanation.reason_title : present(record.reason) ? record.reason : '';
}

/**
 * The reason badge: hard or soft by colour and by word, with the reason in words when the
 * headline does not already say it; a link to the reason's knowledge-base page when there is
 * one. The reason's id (`userunknown`) is in its tooltip and `data-reason`, not in the text.
 */
function badgeFor(record, options, headline) {
  const kind = record.action === 'delayed' ? 'delayed' : record.hard_bounce === true ? 'hard' : record.hard_bounce === false ? 'soft' : 'unknown';
  const [word, meaning] = BADGES[kind];
  const hasReason = present(record.reason);
  const href = hasReason ? kbHref(options, 'reasons', record.reason) : null;
  const badge = el(href ? 'a' : 'span', { className: `badge badge-${kind}${href ? ' reason-link' : ''}` }, el('span', { className: 'badge-word', text: word }));
  const words = reasonWords(record);
  const named = present(record.explanation?.reason_title);
  if (hasReason) {
    badge.dataset.reason = record.reason;
    if (words !== headline) {
      badge.append(
        el('span', { className: 'badge-sep', text: '·', attrs: { 'aria-hidden': 'true' } }),
        el(named ? 'span' : 'code', { className: named ? 'reason-title' : 'reason-code', text: words }),
      );
    } else if (href) {
      badge.append(el('span', { className: 'visually-hidden', text: `: ${words}` }));
    }
  }
  const about = named ? `“${words}” (reason code ${record.reason})` : `“${record.reason}”`;
  badge.title = href ? `${meaning} Open the knowledge-base page about ${about}.` : hasReason ? `${meaning} Reason: ${about}.` : meaning;
  if (href) badge.setAttribute('href', href);
  return badge;
}

/** "After 30 minutes", "Once the steps are done", ...: when to send again, where documented. */
export function retryWhenLabel(explanation) {
  const minutes = Number(explanation.retry_after_minutes) || 0;
  const span = (m) => {
    if (m % 1440 === 0) return m === 1440 ? '1 day' : `${m / 1440} days`;
    if (m % 60 === 0) return m === 60 ? '1 hour' : `${m / 60} hours`;
    return m === 1 ? '1 minute' : `${m} minutes`;
  };
  switch (explanation.retry_when) {
    case 'now': return 'Now';
    case 'never': return 'Do not send again';
    case 'after-minutes': return minutes ? `After ${span(minutes)}` : null;
    case 'after-fix': return minutes ? `Once the steps are done (allow ${span(minutes)})` : 'Once the steps are done';
    default: return null;
  }
}

function section(title, className, ...content) {
  const nodes = content.filter(Boolean);
  if (nodes.length === 0) return null;
  return el('section', { className: `record-section ${className}` }, el('h4', { text: title }), ...nodes);
}

function typoNode(record, explanation) {
  const suggestion = explanation.typo_suggestion;
  if (!present(suggestion)) return null;
  const recipient = present(record.recipient) ? record.recipient : '';
  const at = recipient.lastIndexOf('@');
  const suggested = at > 0 ? `${recipient.slice(0, at)}@${suggestion}` : suggestion;
  return el(
    'p',
    { className: 'callout callout-typo' },
    el('strong', { text: 'Possible typo. ' }),
    'Did you mean ',
    el('code', { text: suggested }),
    '? ',
    at > 0 ? copyButton('Copy address', () => suggested, `${suggested}`) : null,
  );
}

function linksSection(explanation, options) {
  const items = [];
  const provider = explanation.provider;
  if (provider && typeof provider === 'object') {
    const name = present(provider.name) ? provider.name : present(provider.id) ? provider.id : 'the provider';
    const page = kbHref(options, 'providers', provider.id);
    if (page) items.push(el('li', {}, el('a', { text: `${name}: its codes explained`, attrs: { href: page } })));
    if (safeHttpsUrl(provider.url)) {
      items.push(el('li', {}, externalLink(provider.url, `${name}: help for senders`)));
    } else if (!page) {
      items.push(el('li', { text: `Provider: ${name}` }));
    }
  }
  const blocklist = explanation.blocklist;
  if (blocklist && typeof blocklist === 'object') {
    const name = present(blocklist.name) ? blocklist.name : present(blocklist.id) ? blocklist.id : 'the blocklist';
    const page = kbHref(options, 'blocklists', blocklist.id);
    if (page) items.push(el('li', {}, el('a', { text: `About ${name}`, attrs: { href: page } })));
    const lookup = safeHttpsUrl(blocklist.lookup_url);
    const delist = safeHttpsUrl(blocklist.delist_url);
    if (lookup) items.push(el('li', {}, externalLink(lookup, `Check your listing on ${name}`)));
    if (delist) items.push(el('li', {}, externalLink(delist, `Request removal from ${name}`)));
    if (!lookup && !delist) items.push(el('li', { text: `Blocklist: ${name}` }));
  }
  if (items.length === 0) return null;
  return el('ul', { className: 'link-list' }, ...items);
}

function referencesNode(explanation) {
  const refs = Array.isArray(explanation.references) ? explanation.references : [];
  const items = [];
  for (const ref of refs) {
    if (!ref || typeof ref !== 'object') continue;
    const title = present(ref.title) ? ref.title : ref.url;
    if (!present(title)) continue;
    items.push(el('li', {}, externalLink(ref.url, title)));
  }
  if (items.length === 0) return null;
  return el('ul', { className: 'link-list references' }, ...items);
}

function evidenceSection(record, options) {
  const evidence = Array.isArray(record.evidence) ? record.evidence : [];
  const items = [];
  let shown = 0;
  for (const item of evidence) {
    if (!item || typeof item !== 'object' || !present(item.text)) continue;
    if (shown === DOM_LIMITS.evidencePerRecord) {
      const rest = evidence.filter((x) => x && typeof x === 'object' && present(x.text)).length - shown;
      items.push(el('p', { className: 'muted evidence-more', text: `and ${formatCount(rest)} more line${rest === 1 ? '' : 's'} (all of them are in Download JSON)` }));
      break;
    }
    shown += 1;
    const figure = el('figure', { className: 'evidence' });
    const caption = el('figcaption', {});
    caption.append(el('span', { className: 'evidence-label', text: present(item.label) ? humanize(item.label) : 'Evidence' }));
    if (options.onShowEvidence && Number.isFinite(item.begin) && Number.isFinite(item.end)) {
      const button = el('button', {
        className: 'link-button',
        text: 'Show in message',
        attrs: { type: 'button' },
      });
      button.addEventListener('click', () => options.onShowEvidence(item.begin, item.end));
      caption.append(button);
    } else if (options.onShowEvidence && item.part && Number.isFinite(item.part.begin) && Number.isFinite(item.part.end)) {
      // Decoded from base64: no exact place in the message, but the encoded part it came from.
      const button = el('button', { className: 'link-button', text: 'Show the encoded part', attrs: { type: 'button' } });
      button.addEventListener('click', () => options.onShowEvidence(item.part.begin, item.part.end));
      caption.append(button);
    }
    if (item.decoded === 'base64' || item.decoded === 'quoted-printable') {
      caption.append(el('span', { className: 'muted evidence-decoded', text: ` decoded from ${item.decoded}` }));
    }
    figure.append(caption, el('pre', {}, el('code', { text: clip(item.text) })));
    items.push(figure);
  }
  if (items.length === 0 && present(record.diagnostic_code)) {
    items.push(
      el(
        'figure',
        { className: 'evidence' },
        el('figcaption', {}, el('span', { className: 'evidence-label', text: 'Diagnostic' })),
        el('pre', {}, el('code', { text: clip(record.diagnostic_code) })),
      ),
    );
  }
  return section('What the server said', 'record-evidence', ...items);
}

function formatFieldValue(value) {
  if (value === null || value === undefined) return { text: '—', empty: true };
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false', empty: false };
  if (typeof value === 'number') return { text: String(value), empty: false };
  if (typeof value === 'string') return value === '' ? { text: '(empty)', empty: true } : { text: clip(value), empty: false };
  try {
    return { text: clip(JSON.stringify(value)), empty: false };
  } catch {
    return { text: String(value), empty: false };
  }
}

function fieldsDetails(record) {
  const list = el('dl', { className: 'fields' });
  for (const [key, value] of Object.entries(record)) {
    if (key === 'explanation' || key === 'evidence') continue;
    const { text, empty } = formatFieldValue(value);
    list.append(el('dt', {}, el('code', { text: key })), el('dd', { className: empty ? 'muted' : '', text }));
  }
  return el('details', { className: 'fields-details' }, el('summary', { text: 'All decoded fields' }), list);
}

/**
 * Renders one record as a card.
 * @param {object} record
 * @param {number} index
 * @param {{onShowEvidence?: (begin:number, end:number) => void}} options
 */
export function renderRecord(record, index, options = {}) {
  const explanation = record.explanation && typeof record.explanation === 'object' ? record.explanation : {};
  const kind = record.hard_bounce === true ? 'hard' : record.hard_bounce === false ? 'soft' : 'unknown';
  const titleId = `record-${index + 1}-title`;
  const card = el('article', { className: `record record-${kind}`, attrs: { 'aria-labelledby': titleId } });

  const headline = present(explanation.headline)
    ? explanation.headline
    : present(explanation.reason_title)
      ? explanation.reason_title
      : present(record.reason)
        ? `Delivery failed: ${record.reason}`
        : 'Delivery failed';
  const top = el('div', { className: 'record-top' }, badgeFor(record, options, headline));
  if (present(explanation.category_title)) top.append(el('span', { className: 'category', text: explanation.category_title }));
  card.append(top);

  card.append(el('h3', { className: 'record-headline', text: headline, attrs: { id: titleId } }));
  const confidence = confidenceNode(record);
  if (confidence) card.append(confidence);

  if (present(record.recipient)) {
    card.append(
      el(
        'p',
        { className: 'record-recipient' },
        el('span', { className: 'record-recipient-label', text: 'Recipient' }),
        el('span', { className: 'mono', text: record.recipient }),
      ),
    );
  }
  if (present(explanation.summary)) card.append(el('p', { className: 'record-summary', text: explanation.summary }));
  const typo = typoNode(record, explanation);
  if (typo) card.append(typo);

  const facts = el('dl', { className: 'facts' });
  factRow(facts, 'Status code', codeWithTitle(record.status, explanation.status_title, explanation.status_registry_title));
  factRow(facts, 'Reply code', codeWithTitle(record.reply_code, explanation.reply_title));
  const who = Array.isArray(explanation.who_acts) ? explanation.who_acts.filter(present) : [];
  // "You, the sender, the recipient's mail administrator": a list in one sentence.
  const whoWords = who.map((actor, i) => (i === 0 ? whoActsLabel(actor) : whoActsLabel(actor).replace(/^./, (c) => c.toLowerCase())));
  factRow(facts, 'Who must act', whoWords.length ? el('span', { text: whoWords.join(', ') }) : null);
  const sender = explanation.sender_provider;
  factRow(facts, 'Sent through', sender && typeof sender === 'object' && present(sender.name) ? el('span', { text: sender.name }) : null);
  factRow(facts, 'Receiving server', present(record.rhost) ? el('span', { className: 'mono', text: record.rhost }) : null);
  factRow(facts, 'Failed at', present(record.smtp_command) ? el('span', { text: `${record.smtp_command} command` }) : null);
  if (facts.childElementCount > 0) card.append(facts);

  const steps = Array.isArray(explanation.fix_steps) ? explanation.fix_steps.filter(present) : [];
  if (steps.length) {
    const copy = copyButton('Copy steps', () => steps.map((step, i) => `${i + 1}. ${step}`).join('\n'), present(record.recipient) ? `for ${record.recipient}` : '');
    const fix = section('How to fix it', 'record-fix', el('ol', { className: 'fix-steps' }, ...steps.map((step) => el('li', { text: step }))));
    fix.querySelector('h4').after(el('div', { className: 'section-tools' }, copy));
    card.append(fix);
  }
  if (present(explanation.retry)) {
    const when = retryWhenLabel(explanation);
    const retry = section('Should you retry?', 'record-retry', el('p', { text: explanation.retry }));
    if (when) retry.querySelector('p').prepend(el('strong', { className: 'retry-when', text: `${when}. ` }));
    card.append(retry);
  }
  const links = linksSection(explanation, options);
  if (links) card.append(section('Useful links', 'record-links', links));
  const evidence = evidenceSection(record, options);
  if (evidence) card.append(evidence);
  const refs = referencesNode(explanation);
  if (refs) card.append(section('Learn more', 'record-references', refs));
  card.append(fieldsDetails(record));
  return card;
}

const AUTH_GOOD = new Set(['pass']);
const AUTH_BAD = new Set(['fail', 'softfail', 'permerror', 'temperror', 'policy']);

/** SPF / DKIM / DMARC results of the original message (its returned copy), when the report has them. */
export function authenticationNode(auth) {
  if (!auth || typeof auth !== 'object') return null;
  const items = [];
  for (const [key, label] of [['spf', 'SPF'], ['dkim', 'DKIM'], ['dmarc', 'DMARC']]) {
    const value = present(auth[key]) ? auth[key].trim().toLowerCase() : '';
    const kind = !value ? 'none' : AUTH_GOOD.has(value) ? 'pass' : AUTH_BAD.has(value) ? 'fail' : 'neutral';
    items.push(
      el(
        'li',
        { className: `auth-item auth-${kind}` },
        el('span', { className: 'auth-name', text: label }),
        el('span', { className: 'auth-value', text: value || 'not checked' }),
      ),
    );
  }
  const box = el(
    'section',
    { className: 'auth', attrs: { 'aria-label': 'Authentication results' } },
    el('h3', { text: 'Authentication of the original message' }),
    el('ul', { className: 'auth-list' }, ...items),
  );
  if (present(auth.source)) {
    box.append(
      el('details', { className: 'auth-source' }, el('summary', { text: 'Where these results come from' }), el('pre', {}, el('code', { text: auth.source }))),
    );
  }
  return box;
}

/**
 * The analysed text with every evidence range marked, so that the person sees the
 * lines in their own message. Returns null when no evidence points into the text.
 */
export function highlightedSource(sourceText, records) {
  if (typeof sourceText !== 'string' || !sourceText || sourceText.length > DOM_LIMITS.sourceChars) return null;
  const ranges = [];
  records.forEach((record, index) => {
    for (const item of Array.isArray(record.evidence) ? record.evidence : []) {
      if (item && Number.isFinite(item.begin) && Number.isFinite(item.end) && item.end > item.begin) ranges.push({ begin: item.begin, end: item.end, record: index });
    }
  });
  if (ranges.length === 0) return null;
  const offsets = byteOffsetsToUtf16(sourceText, ranges.flatMap((r) => [r.begin, r.end]));
  const spans = ranges
    .map((r, i) => ({ start: offsets[2 * i], end: Math.max(offsets[2 * i], offsets[2 * i + 1]), record: r.record }))
    .sort((a, b) => a.start - b.start);
  const merged = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  const code = el('code', {});
  let at = 0;
  const total = merged.length;
  merged.length = Math.min(total, DOM_LIMITS.marks);
  merged.forEach((span, i) => {
    if (span.start > at) code.append(sourceText.slice(at, span.start));
    code.append(el('mark', { className: 'evidence-mark', text: sourceText.slice(span.start, span.end), attrs: { 'data-mark': String(i) } }));
    at = span.end;
  });
  if (at < sourceText.length) code.append(sourceText.slice(at));
  return el(
    'details',
    { className: 'source-view' },
    el('summary', {
      text: `Your message, with the evidence highlighted (${total === merged.length ? '' : `the first ${merged.length} of `}${total} place${total === 1 ? '' : 's'})`,
    }),
    el('pre', { className: 'source-pre', attrs: { tabindex: '0', 'aria-label': 'Your message with the evidence highlighted' } }, code),
  );
}

/**
 * The first DOM_LIMITS.cards record cards, then, when there are more, a button that adds as many
 * again each time it is pressed (a person reads a few; a report may hold a thousand).
 */
function recordCards(records, options) {
  const first = records.slice(0, DOM_LIMITS.cards).map((record, index) => renderRecord(record, index, options));
  if (records.length <= DOM_LIMITS.cards) return first;
  let shown = first.length;
  const more = el('button', { className: 'button button-small', attrs: { type: 'button' } });
  const note = el('p', { className: 'muted records-more', attrs: { 'aria-live': 'polite' } });
  const footer = el('div', { className: 'records-more-row' }, note, more);
  const label = () => {
    const rest = records.length - shown;
    note.textContent = `${formatCount(shown)} of ${formatCount(records.length)} recipients shown; Download JSON has them all.`;
    more.textContent = `Show ${formatCount(Math.min(rest, DOM_LIMITS.cards))} more`;
    more.hidden = rest === 0;
  };
  more.addEventListener('click', () => {
    const next = records.slice(shown, shown + DOM_LIMITS.cards).map((record, i) => renderRecord(record, shown + i, options));
    footer.before(...next);
    shown += next.length;
    label();
  });
  label();
  return [...first, footer];
}

/**
 * Renders a whole report into `container` (replacing its content).
 * @param {HTMLElement} container
 * @param {object} report
 * @param {{onShowEvidence?: (begin:number, end:number) => void}} [options]
 * @returns {{heading: HTMLElement}} the heading, for focus/scroll management
 */
export function renderReport(container, report, options = {}) {
  const status = typeof report.status === 'string' ? report.status : '';
  const records = Array.isArray(report.records) ? report.records.filter((r) => r && typeof r === 'object') : [];
  const nodes = [];
  let heading;

  if (status === 'bounce' && records.length > 0) {
    const hard = records.filter((r) => r.hard_bounce === true).length;
    const soft = records.filter((r) => r.hard_bounce === false).length;
    // Count distinct addresses: one recipient may appear in several records.
    const addresses = new Set(records.map((r, i) => (present(r.recipient) ? r.recipient.trim().toLowerCase() : `#${i}`)));
    const title = addresses.size === 1 ? '1 recipient was not reached' : `${addresses.size} recipients were not reached`;
    heading = el('h2', { className: 'results-title', text: title, attrs: { tabindex: '-1' } });
    nodes.push(heading);
    const parts = [];
    if (hard) parts.push(`${hard} hard bounce${hard === 1 ? '' : 's'}`);
    if (soft) parts.push(`${soft} soft bounce${soft === 1 ? '' : 's'}`);
    if (records.length !== addresses.size) parts.unshift(`${records.length} delivery reports`);
    if (parts.length) nodes.push(el('p', { className: 'results-subtitle', text: parts.join(' · ') }));
  } else {
    const notice = status === 'bounce' ? { title: 'No failed recipients found', tip: noticeFor('not_a_bounce').tip } : noticeFor(status);
    heading = el('h2', { className: 'results-title', text: notice.title, attrs: { tabindex: '-1' } });
    const box = el('div', { className: `notice notice-${status || 'unknown'}` }, heading);
    if (present(report.message)) box.append(el('p', { className: 'notice-message', text: report.message }));
    box.append(el('p', { className: 'notice-tip', text: notice.tip }));
    nodes.push(box);
  }

  const warnings = Array.isArray(report.warnings) ? report.warnings.filter(present) : [];
  if (warnings.length) {
    nodes.push(
      el(
        'aside',
        { className: 'warnings', attrs: { 'aria-label': 'Notes from the analysis' } },
        el('h3', { text: 'Notes from the analysis' }),
        el('ul', {}, ...warnings.map((w) => el('li', { text: w }))),
      ),
    );
  }

  // Download and share only what has something in it: an empty or not-a-bounce result has no
  // recipient to keep or to show anyone.
  if (records.length > 0) {
    const tools = el('div', { className: 'results-tools' });
    const download = el('button', { className: 'button button-small', text: 'Download JSON', attrs: { type: 'button' } });
    download.addEventListener('click', () => downloadText('bounce-report.json', `${JSON.stringify(report, null, 2)}\n`));
    tools.append(download);
    for (const extra of options.extraTools || []) tools.append(extra);
    nodes.splice(status === 'bounce' && nodes[1]?.classList?.contains('results-subtitle') ? 2 : 1, 0, tools);
  }

  const auth = authenticationNode(report.authentication);
  if (auth) nodes.push(auth);

  // Failures, and the records of a report that is not one (a delay, an auto-reply, ...).
  if (records.length > 0) {
    nodes.push(...recordCards(records, options));
    const source = highlightedSource(options.sourceText, records);
    if (source) nodes.push(source);
  }
  const route = routeNode(report.route);
  if (route) nodes.push(route);

  container.replaceChildren(...nodes);
  return { heading };
}

/** An alert in `container`: a heading, what happened and what to do. */
function renderAlert(container, title, message, tip) {
  const heading = el('h2', { className: 'results-title', text: title, attrs: { tabindex: '-1' } });
  container.replaceChildren(
    el(
      'div',
      { className: 'notice notice-error', attrs: { role: 'alert' } },
      heading,
      el('p', { className: 'notice-message', text: message }),
      el('p', { className: 'notice-tip', text: tip }),
    ),
  );
  return { heading };
}

/** Says that the analysis was stopped after `seconds` (see ANALYSIS_TIME_LIMIT_MS in ui.mjs). */
export function renderTooComplex(container, seconds) {
  return renderAlert(
    container,
    'This input is too complex to explain here; try the command-line tool',
    `The analysis was stopped after ${seconds} seconds, so that this page stays usable.`,
    'The command-line tool, bounce-explain, runs the same analyser with no time limit. A bounce usually takes a few milliseconds: if this is one message, paste only the notice itself (without large attachments).',
  );
}

/** Renders an error (worker failure, etc.) into `container`. */
export function renderError(container, message) {
  return renderAlert(container, 'Something went wrong', message, 'Reload the page and try again. Your text was not sent anywhere.');
}
