// The full page around the tool: share links (#text=…, only in the fragment, which
// browsers never send to a server), "#example=" links from the knowledge base, the
// service worker (offline use, "update ready" notice) and the version line.
import { el, copyButton } from './render.mjs';
import { CoreClient } from './core-client.mjs';
import { mountExplainer } from './ui.mjs';

/** The text carried by a "#text=" (share link) or "#example=" (KB pages) fragment. */
export function textFromHash(hash) {
  for (const prefix of ['#text=', '#example=']) {
    if (hash.startsWith(prefix)) {
      try {
        return decodeURIComponent(hash.slice(prefix.length)) || null;
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** A link to this page that carries `text` in its fragment only. */
export function shareLink(text) {
  const here = new URL(window.location.href);
  here.hash = '';
  return `${here.href}#text=${encodeURIComponent(text)}`;
}

/**
 * @param {{createWorker: () => Worker, kbBase: string|null, serviceWorker?: string|null}} config
 */
export function startPage(config) {
  const mount = document.getElementById('app');
  const versions = document.getElementById('versions');
  const core = new CoreClient(config.createWorker);
  const tool = mountExplainer(mount, {
    core,
    kbBase: config.kbBase,
    idPrefix: 'bx',
    resultTools: (text) => [
      copyButton('Copy share link', () => shareLink(text), '', 'The message goes into the link itself, after the #: browsers never send that part to a server. Anyone you give the link to can read the message.'),
    ],
    onResult(report) {
      const parts = [];
      if (typeof report.tool_version === 'string' && report.tool_version) parts.push(`Analyser ${report.tool_version}`);
      if (typeof report.kb_version === 'string' && report.kb_version) parts.push(`knowledge base ${report.kb_version}`);
      if (parts.length && versions) versions.textContent = parts.join(' · ');
    },
  });

  const loadFromHash = () => {
    const text = textFromHash(window.location.hash);
    if (text === null) return false;
    tool.setText(text);
    tool.explain({ reveal: false });
    return true;
  };
  window.addEventListener('hashchange', loadFromHash);

  // Start the analyser at once (in its worker thread) so that the first paste is answered fast.
  tool.warmUp().then(
    (version) => {
      if (versions && !versions.textContent && version) versions.textContent = `Analyser ${version}`;
    },
    () => {}, // reported when the person asks for an explanation
  );
  loadFromHash();

  if (config.serviceWorker) registerServiceWorker(config.serviceWorker);
  return tool;
}

/** Registers the service worker once the page has loaded, and says when an update is ready. */
function registerServiceWorker(url) {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  const banner = document.getElementById('update-banner');
  const showUpdate = (worker) => {
    if (!banner || !navigator.serviceWorker.controller) return; // first install: nothing to update
    const reload = el('button', { className: 'button button-small', text: 'Reload', attrs: { type: 'button' } });
    reload.addEventListener('click', () => {
      worker.postMessage({ action: 'skipWaiting' });
    });
    banner.replaceChildren(el('span', { text: 'A new version of Bounce Explainer is ready. ' }), reload);
    banner.hidden = false;
  };
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (reloading || !banner || banner.hidden) return;
    reloading = true;
    window.location.reload();
  });
  const register = () => {
    navigator.serviceWorker
      .register(url)
      .then((registration) => {
        if (registration.waiting) showUpdate(registration.waiting);
        registration.addEventListener('updatefound', () => {
          const installing = registration.installing;
          installing?.addEventListener('statechange', () => {
            if (installing.state === 'installed') showUpdate(installing);
          });
        });
      })
      .catch(() => {
        // Offline use is a bonus; the page works without it.
      });
  };
  if (document.readyState === 'complete') setTimeout(register, 1000);
  else window.addEventListener('load', () => setTimeout(register, 1000), { once: true });
}
