// <bounce-explainer> — the whole tool as a custom element, for any page:
//
//   <script type="module" src="https://YOUR-SITE/embed.mjs"></script>
//   <bounce-explainer theme="auto" compact></bounce-explainer>
//
// Attributes: theme = light | dark | auto (default: follows the system),
// compact (boolean: shorter box, fewer hints). The element lives in a shadow root
// with the site's own style.css, so host styles do not leak in or out. The
// analysis runs in a Web Worker running worker.mjs from the same place as this
// script. The page may be on another origin than this script: the site must then
// answer with CORS headers, and the page's CSP allow it (web/README.md, "Embedding
// from another origin"). Links that leave the tool open in a new tab.
import { el } from './render.mjs';
import { CoreClient } from './core-client.mjs';
import { mountExplainer } from './ui.mjs';

const BASE = new URL('./', import.meta.url);
const WORKER_SCRIPT = new URL('./worker.mjs', import.meta.url);
let sharedCore = null;
let instances = 0;
let crossOriginWorkerUrl = null;

/**
 * The analyser's worker. On this script's own origin it is worker.mjs itself. A page of another
 * origin may not start a worker from a URL of ours (the Worker constructor takes same-origin
 * scripts only), so it gets a module worker from a blob: URL of its own origin, one line that
 * imports worker.mjs from here (a module import, so with CORS); that worker then fetches the
 * .wasm from here too (worker.mjs finds it next to itself, by import.meta.url).
 */
export function createCoreWorker() {
  const options = { type: 'module', name: 'bounce-explainer' };
  if (WORKER_SCRIPT.origin === self.location.origin) return new Worker(WORKER_SCRIPT, options);
  crossOriginWorkerUrl ??= URL.createObjectURL(new Blob([`import ${JSON.stringify(WORKER_SCRIPT.href)};\n`], { type: 'text/javascript' }));
  return new Worker(crossOriginWorkerUrl, options);
}

function core() {
  if (!sharedCore) sharedCore = new CoreClient(createCoreWorker);
  return sharedCore;
}

/**
 * Makes every link that leaves the tool (knowledge-base pages, references) open in a new tab with
 * rel=noopener, now and as results are rendered: an embedded tool must not take its host page or
 * its frame away to another page. Downloads (links with `download`) are left as they are.
 * @param {ParentNode} root
 */
function openLinksInNewTab(root) {
  const mark = (node) => {
    const links = node.matches?.('a[href]') ? [node] : [];
    links.push(...(node.querySelectorAll?.('a[href]') ?? []));
    for (const link of links) {
      if (link.hasAttribute('download')) continue;
      link.target = '_blank';
      link.relList.add('noopener');
    }
  };
  mark(root);
  new MutationObserver((changes) => {
    for (const change of changes) for (const node of change.addedNodes) if (node.nodeType === Node.ELEMENT_NODE) mark(node);
  }).observe(root, { childList: true, subtree: true });
}

export class BounceExplainerElement extends HTMLElement {
  static get observedAttributes() {
    return ['theme', 'compact'];
  }

  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    root.append(el('link', { attrs: { rel: 'stylesheet', href: new URL('style.css', BASE).href } }));
    this.wrapper = el('div', { className: 'bx-embed', attrs: { part: 'container' } });
    root.append(this.wrapper);
    instances += 1;
    this.tool = mountExplainer(this.wrapper, {
      core: core(),
      kbBase: new URL('kb/', BASE).href,
      compact: this.hasAttribute('compact'),
      idPrefix: `bx-embed-${instances}`,
    });
    this.wrapper.append(
      el(
        'p',
        { className: 'bx-embed-footer' },
        'Analysed in your browser; nothing is uploaded. ',
        el('a', { text: 'Bounce Explainer', attrs: { href: new URL('index.html', BASE).href, target: '_blank', rel: 'noopener' } }),
      ),
    );
    openLinksInNewTab(this.wrapper);
    this.applyAttributes();
  }

  attributeChangedCallback() {
    this.applyAttributes();
  }

  applyAttributes() {
    if (!this.wrapper) return;
    const theme = (this.getAttribute('theme') || 'auto').toLowerCase();
    this.wrapper.classList.toggle('theme-light', theme === 'light');
    this.wrapper.classList.toggle('theme-dark', theme === 'dark');
    this.wrapper.classList.toggle('is-compact', this.hasAttribute('compact'));
  }

  /** Puts `text` in the box and explains it (for host pages that already have the bounce). */
  explain(text) {
    this.tool?.setText(String(text));
    return this.tool?.explain({ reveal: false });
  }
}

if (!customElements.get('bounce-explainer')) customElements.define('bounce-explainer', BounceExplainerElement);
