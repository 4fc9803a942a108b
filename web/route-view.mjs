// The route of the original message (the report's `route`, README "The report"): a collapsed
// <details> listing every hop, oldest first, with TLS, the time spent, the slowest hop and the hop
// where delivery stopped, and what is doubtful in plain words.
//
// SECURITY: every host name, date and line comes from the bounce, so from whoever wrote it: it
// goes into the DOM through textContent only (el()), never innerHTML.
import { el, clip } from './render.mjs';

/** What each flag of a hop means, for a person. */
export const ROUTE_FLAG_WORDS = Object.freeze({
  chain_gap:
    'This server did not get the message from the server on the line before: a server on the way added no line, or the earlier lines were written by someone else (the sending side can forge them). Do not trust the hops before this one blindly.',
  clock_skew: "The time here is earlier than on the hop before: the two servers' clocks disagree, so the time spent around this hop is not exact.",
  no_date: 'This line has no date, so the time spent here is unknown.',
  unreadable_date: 'The date on this line could not be read, so the time spent here is unknown.',
  unknown_zone: 'The time zone is not stated, so the time is read as UTC and may be off by hours.',
  no_from: 'This server does not say where it got the message from.',
  no_by: 'This line does not name the server that wrote it.',
});

/** "3 s", "2 min 5 s", "1 h 3 min", "2 d 4 h"; a negative time with a minus sign. */
export function routeDuration(seconds) {
  const s = Math.abs(Math.trunc(seconds));
  const two = (big, bigUnit, small, smallUnit) => `${big} ${bigUnit}${small ? ` ${small} ${smallUnit}` : ''}`;
  const words =
    s < 60 ? `${s} s` : s < 3600 ? two(Math.floor(s / 60), 'min', s % 60, 's') : s < 86400 ? two(Math.floor(s / 3600), 'h', Math.floor(s / 60) % 60, 'min') : two(Math.floor(s / 86400), 'd', Math.floor(s / 3600) % 24, 'h');
  return seconds < 0 ? `−${words}` : words;
}

const routeText = (value) => (typeof value === 'string' && value.trim() !== '' ? value : '');

/** Where a hop came from: its name, the looked-up name when it differs, its address. */
function senderWords(hop) {
  let name = routeText(hop.from) || routeText(hop.from_host);
  if (routeText(hop.from_host) && hop.from_host !== name) name += ` (${hop.from_host})`;
  if (routeText(hop.ip) && hop.ip !== name) name += `${name ? ' ' : ''}[${hop.ip}]`;
  return name || 'not stated';
}

/** "TLS 1.3" / "TLS" / "No TLS" / "TLS not stated", with the class that colours it. */
function tlsBadge(hop) {
  if (hop.tls === true) return el('span', { className: 'route-tls route-tls-yes', text: routeText(hop.tls_version) || 'TLS' });
  if (hop.tls === false) return el('span', { className: 'route-tls route-tls-no', text: 'No TLS' });
  return el('span', { className: 'route-tls route-tls-unknown', text: 'TLS not stated' });
}

/** "2024-03-12 10:14:58 UTC", or what the line says instead. */
function timeNode(hop) {
  const iso = routeText(hop.time);
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(iso)) return el('time', { text: `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`, attrs: { datetime: iso } });
  return el('span', { className: 'route-time-unknown', text: routeText(hop.date) ? `date not readable: ${clip(hop.date)}` : 'no date' });
}

function hopItem(hop, index, route) {
  const slowest = route.slowest === index;
  const stopped = route.stopped === index;
  const classes = ['route-hop', slowest && 'route-hop-slowest', stopped && 'route-hop-stopped'].filter(Boolean).join(' ');
  const meta = el('p', { className: 'route-hop-meta' }, tlsBadge(hop));
  if (routeText(hop.protocol)) meta.append(el('span', { className: 'route-protocol', text: clip(hop.protocol) }));
  meta.append(timeNode(hop));
  if (Number.isFinite(hop.seconds_from_previous)) {
    meta.append(el('span', { className: 'route-delta', text: `${routeDuration(hop.seconds_from_previous)} after the hop before` }));
  }
  if (slowest) meta.append(el('strong', { className: 'route-badge route-badge-slowest', text: 'Slowest hop' }));
  if (stopped) meta.append(el('strong', { className: 'route-badge route-badge-stopped', text: 'Delivery stopped here' }));

  const item = el(
    'li',
    { className: classes },
    el(
      'p',
      { className: 'route-hop-hosts' },
      el('span', { className: 'route-from', text: clip(senderWords(hop)) }),
      el('span', { className: 'route-arrow', text: ' → ', attrs: { 'aria-hidden': 'true' } }),
      el('span', { className: 'visually-hidden', text: ' to ' }),
      el('span', { className: 'route-by', text: clip(routeText(hop.by) || 'not stated') }),
    ),
    meta,
  );
  const flags = (Array.isArray(hop.flags) ? hop.flags : []).filter((f) => typeof f === 'string');
  if (flags.length) {
    item.append(el('ul', { className: 'route-flags' }, ...flags.map((f) => el('li', { text: ROUTE_FLAG_WORDS[f] || f, attrs: { 'data-flag': f } }))));
  }
  if (routeText(hop.received)) {
    item.append(el('details', { className: 'route-line' }, el('summary', { text: 'The line as written' }), el('pre', {}, el('code', { text: clip(hop.received) }))));
  }
  return item;
}

/**
 * The route of the original message as a collapsed <details>, or null when the report has none.
 * @param {object|null|undefined} route the report's `route`
 */
export function routeNode(route) {
  if (!route || typeof route !== 'object' || !Array.isArray(route.hops)) return null;
  const hops = route.hops.filter((h) => h && typeof h === 'object');
  if (hops.length === 0) return null;
  const stoppedHop = Number.isInteger(route.stopped) ? hops[route.stopped] : null;
  const where = stoppedHop && routeText(stoppedHop.by) ? `, delivery stopped at ${stoppedHop.by}` : '';
  const summary = el(
    'summary',
    {},
    el('span', { className: 'route-title', text: 'Route of the original message' }),
    el('span', { className: 'route-count muted', text: ` (${hops.length} hop${hops.length === 1 ? '' : 's'}${clip(where)})` }),
  );
  const source = route.source === 'quoted' ? 'the copy of your message quoted in the bounce' : 'the copy of your message returned with the bounce';
  const box = el(
    'details',
    { className: 'route-view' },
    summary,
    el(
      'p',
      { className: 'route-intro muted', text: `Each server that passed your message on added a "Received" line to it; these are the lines of ${source}, oldest first. Each server writes its own line, and the servers before the recipient's side can write anything, so treat the early hops as claims.` },
    ),
    el('ol', { className: 'route-hops' }, ...hops.map((hop, i) => hopItem(hop, i, route))),
  );
  if (routeText(route.remote_mta)) {
    box.append(el('p', { className: 'route-next', text: `The bounce names the next server, the one that did not accept the message: ${clip(route.remote_mta)}` }));
  }
  const notes = (Array.isArray(route.warnings) ? route.warnings : []).filter((w) => routeText(w));
  if (notes.length) box.append(el('ul', { className: 'route-notes' }, ...notes.map((w) => el('li', { text: clip(w) }))));
  return box;
}
