// <bounce-explainer> — the whole tool as a custom element, for any page:
//
//   <script type="module" src="https://YOUR-SITE/embed.mjs"></script>
//   <bounce-explainer theme="auto" compact></bounce-explainer>
//
// Attributes: theme = light | dark | auto (default: follows the system),
// compact (boolean: shorter box, fewer hints). The element lives in a shadow root
// with the site's own style.css, so host styles do not leak in or out. The
// analysis runs in a Web Worker loaded from the same place as this script (serve
// it from the host page's origin, or use embed.html in an iframe across origins).
import { el } from './render.mjs';
import { CoreClient } from './core-client.mjs';
import { mountExplainer } from './ui.mjs';

const BASE = new URL('./', import.meta.url);
let sharedCore = null;
let instances = 0;

function core() {
  if (!sharedCore) {
    sharedCore = new CoreClient(() => new Worker(new URL('./worker.mjs', import.meta.url), { type: 'module', name: 'bounce-explainer' }));
  }
  return sharedCore;
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
