// Accuracy on the new set of bounce texts as people paste them (tests/wild/README.md): runs the
// CLI over each part, prints its figures, and fails when one drops below its floor in
// baseline.json. Misses are listed for the work part only: the holdout part is reported as
// figures, never read while rules are written.
//
//   node tests/wild/score.mjs --cli build/native/bounce-explain [--verbose] [--json]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const cli = resolve(option('--cli', join(here, '../../build/native/bounce-explain')));
const verbose = args.includes('--verbose');
if (!existsSync(cli)) throw new Error(`CLI not found: ${cli} (build it first)`);

// A report's status, as the outcome a label names.
const OUTCOME_OF_STATUS = {
  bounce: 'failed', delayed: 'delayed', auto_reply: 'autoreply', feedback: 'feedback', challenge: 'challenge',
  delivered: 'delivered', not_a_bounce: 'notbounce', empty: 'notbounce', unusable: 'notbounce', too_large: 'notbounce',
};

function readLabels(part) {
  const file = join(here, part, 'labels.tsv');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').slice(1).filter((l) => l.trim()).map((line) => {
    const [id, outcome, reason, recipients, hard, lang, kind] = line.split('\t');
    return { id, outcome, reason, recipients: recipients ? recipients.toLowerCase().split(/\s+/) : [], hard, lang, kind };
  });
}

function explainAll(part, cases) {
  const files = cases.map((c) => join(here, part, `${c.id}.txt`));
  const out = execFileSync(cli, ['--format', 'json', '--jobs', '1', ...files], { maxBuffer: 1 << 28, encoding: 'utf8' });
  return new Map(JSON.parse(out).map((report) => [basename(report.file, '.txt'), report]));
}

const ratio = () => ({ ok: 0, all: 0 });
const tally = (r, ok) => { r.all++; if (ok) r.ok++; };
const pct = (r) => (r.all ? (100 * r.ok) / r.all : 100);

function score(cases, reports) {
  const s = { outcome: ratio(), recognised: ratio(), reason: ratio(), recipient: ratio(), hard_bounce: ratio(), onhold: 0 };
  const byLang = {};
  const byKind = {};
  const misses = [];
  for (const c of cases) {
    const report = reports.get(c.id) ?? { status: 'missing', records: [] };
    const records = report.records ?? [];
    const outcome = OUTCOME_OF_STATUS[report.status] ?? report.status;
    tally(s.outcome, outcome === c.outcome);
    if (outcome !== c.outcome) misses.push(`${c.id}: outcome ${outcome}, expected ${c.outcome}`);
    s.onhold += records.filter((r) => r.reason === 'onhold').length;
    if (c.recipients.length && (c.outcome === 'failed' || c.outcome === 'delayed')) {
      const found = new Set(records.map((r) => r.recipient.toLowerCase()));
      const missing = c.recipients.filter((r) => !found.has(r));
      tally(s.recipient, missing.length === 0);
      if (missing.length) misses.push(`${c.id}: recipient ${missing.join(' ')} not found (got ${[...found].join(' ') || '-'})`);
    }
    if (c.outcome !== 'failed') continue;
    tally(s.recognised, records.length > 0);
    const reasonOk = records.length > 0 && records.every((r) => r.reason === c.reason);
    tally(s.reason, reasonOk);
    for (const [group, key] of [[byLang, c.lang], [byKind, c.kind]]) tally((group[key] ??= ratio()), reasonOk);
    if (!reasonOk) {
      const got = records.map((r) => r.reason).join(',') || '-';
      misses.push(`${c.id}: reason ${got}, expected ${c.reason} | ${(records[0]?.diagnostic_code ?? '').slice(0, 100)}`);
    }
    if (c.hard) tally(s.hard_bounce, records.length > 0 && String(records[0].hard_bounce) === c.hard);
  }
  return { cases: cases.length, s, byLang, byKind, misses };
}

const figures = {};
let failed = false;
const baselineFile = join(here, 'baseline.json');
const baseline = existsSync(baselineFile) ? JSON.parse(readFileSync(baselineFile, 'utf8')) : { floors: {} };
// Each round of writing is also reported alone: a later round was written after the rules of the
// earlier ones, so its untouched third is the fresh measure. A round's ids start with its prefix.
const ROUNDS = [
  { name: 'round 1', test: (id) => !/^r[23]/.test(id) },
  { name: 'round 2', test: (id) => id.startsWith('r2') },
  { name: 'round 3', test: (id) => id.startsWith('r3') },
];
const parts = [];
for (const part of ['work', 'holdout']) {
  const cases = readLabels(part);
  if (!cases.length) continue;
  const reports = explainAll(part, cases);
  parts.push({ name: part, misses: part === 'work', cases, reports });
  for (const round of ROUNDS) {
    const some = cases.filter((c) => round.test(c.id));
    if (some.length && some.length < cases.length) parts.push({ name: `${part} ${round.name}`, cases: some, reports });
  }
}
for (const part of parts) {
  const result = score(part.cases, part.reports);
  const { s } = result;
  figures[part.name] = {
    cases: result.cases, outcome: pct(s.outcome), recognised: pct(s.recognised), reason: pct(s.reason),
    recipient: pct(s.recipient), hard_bounce: pct(s.hard_bounce), onhold_records: s.onhold,
  };
  console.log(`${part.name}: ${result.cases} cases (${s.recognised.all} failures, ${s.recipient.all} with a stated recipient)`);
  for (const [k, v] of Object.entries(figures[part.name]))
    if (k !== 'cases') console.log(`  ${k.padEnd(15)} ${k === 'onhold_records' ? String(v).padStart(5) : v.toFixed(1).padStart(5) + ' %'}`);
  const groups = (g) => Object.entries(g).sort().map(([k, r]) => `${k} ${r.ok}/${r.all}`).join(', ');
  console.log(`  reason by language: ${groups(result.byLang)}`);
  console.log(`  reason by kind: ${groups(result.byKind)}`);
  if (verbose && part.misses) for (const m of result.misses) console.log('  miss', m);
  for (const [k, floor] of Object.entries(baseline.floors?.[part.name] ?? {})) {
    const value = figures[part.name][k];
    const below = k === 'onhold_records' ? value > floor : value + 1e-9 < floor;
    if (below) {
      console.log(`FAIL: ${part.name} ${k} ${value.toFixed(1)} is ${k === 'onhold_records' ? 'above the ceiling' : 'below the floor'} ${floor} (tests/wild/baseline.json)`);
      failed = true;
    }
  }
}
if (args.includes('--json')) console.log(JSON.stringify(figures));
process.exit(failed ? 1 : 0);
