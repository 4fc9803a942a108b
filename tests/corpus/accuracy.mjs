// Corpus accuracy: runs the CLI over ../shared/corpus/sisimai/ (the contract in its README),
// prints reason / status / reply-code / hard-bounce / record-count accuracy, and fails when a
// figure drops below the floor recorded in baseline.json (raise the floor as accuracy rises).
//
//   node tests/corpus/accuracy.mjs --cli build/native/bounce-explain [--corpus DIR] [--verbose]
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const cli = resolve(option('--cli', join(here, '../../build/native/bounce-explain')));
const corpus = resolve(option('--corpus', join(here, '../../../shared/corpus/sisimai')));
const verbose = args.includes('--verbose');

if (!existsSync(cli)) throw new Error(`CLI not found: ${cli} (build it first)`);
if (!existsSync(join(corpus, 'labels.tsv'))) throw new Error(`corpus not found: ${corpus}`);

// Expected records per file, in order.
const expected = new Map();
for (const line of readFileSync(join(corpus, 'labels.tsv'), 'utf8').split('\n').slice(1)) {
  if (!line.trim()) continue;
  const [file, index, status, replycode, reason, hardbounce] = line.split('\t');
  if (!expected.has(file)) expected.set(file, []);
  expected.get(file)[Number(index) - 1] = { status, replycode, reason, hard: hardbounce === 'true' };
}

function run(paths) {
  const out = execFileSync(cli, ['--format', 'jsonl', ...paths], { maxBuffer: 1 << 28, encoding: 'utf8' });
  const byFile = new Map();
  for (const line of out.split('\n')) {
    if (!line) continue;
    const rec = JSON.parse(line);
    const key = basename(rec.file);
    if (!byFile.has(key)) byFile.set(key, []);
    byFile.get(key).push(rec);
  }
  return byFile;
}

const emlDir = join(corpus, 'eml');
const files = [...expected.keys()].sort();
const got = run(files.map((f) => join(emlDir, f)));

const score = { reason: [0, 0], status: [0, 0], reply: [0, 0], hard: [0, 0], count: [0, 0] };
const misses = [];
for (const file of files) {
  const want = expected.get(file);
  const have = got.get(file) ?? [];
  score.count[1]++;
  if (have.length === want.length) score.count[0]++;
  else misses.push(`${file}: ${have.length} records, expected ${want.length}`);
  want.forEach((w, i) => {
    const h = have[i];
    score.reason[1]++;
    if (h && h.reason === w.reason) score.reason[0]++;
    else misses.push(`${file}#${i + 1}: reason ${h ? h.reason : '-'} expected ${w.reason} | ${h ? h.diagnostic_code.slice(0, 110) : ''}`);
    // Sisimai's own pseudo codes (X.0.9NN) need not be reproduced.
    if (!/^\d\.0\.9\d\d$/.test(w.status)) {
      score.status[1]++;
      if (h && h.status === w.status) score.status[0]++;
      else if (verbose) misses.push(`${file}#${i + 1}: status ${h ? h.status : '-'} expected ${w.status}`);
    }
    score.reply[1]++;
    if (h && h.reply_code === w.replycode) score.reply[0]++;
    else if (verbose) misses.push(`${file}#${i + 1}: reply ${h ? h.reply_code : '-'} expected ${w.replycode}`);
    score.hard[1]++;
    if (h && h.hard_bounce === w.hard) score.hard[0]++;
  });
}

// Not-bounces must give no record at all.
const notDir = join(corpus, 'not-bounces');
const notFiles = existsSync(notDir) ? readdirSync(notDir).map((f) => join(notDir, f)) : [];
const notGot = notFiles.length ? run(notFiles) : new Map();
const falsePositives = [...notGot.values()].reduce((n, recs) => n + recs.length, 0);

// Real-world fragments quoted in provider documentation (fragments.tsv: one error line and the
// reason Sisimai's tables give it), pasted as a user would paste them: measured separately.
const fragmentScore = [0, 0];
const fragmentLines = readFileSync(join(here, 'fragments.tsv'), 'utf8').split('\n').slice(1).filter((l) => l.trim());
for (const row of fragmentLines) {
  const [reason, line] = row.split('\t');
  const out = execFileSync(cli, ['--format', 'jsonl', '-'], { input: line + '\n', encoding: 'utf8' });
  const first = out.split('\n').filter(Boolean).map((l) => JSON.parse(l))[0];
  fragmentScore[1]++;
  if (first && first.reason === reason) fragmentScore[0]++;
  else misses.push(`fragment: reason ${first ? first.reason : '-'} expected ${reason} | ${line.slice(0, 100)}`);
}

const pct = ([ok, all]) => (all ? (100 * ok) / all : 100);
const figures = {
  reason: pct(score.reason),
  status: pct(score.status),
  reply_code: pct(score.reply),
  hard_bounce: pct(score.hard),
  record_count: pct(score.count),
  fragments_reason: pct(fragmentScore),
};
if (verbose || process.env.BX_SHOW_MISSES) for (const m of misses) console.log('  miss', m);
console.log(`corpus: ${files.length} files, ${score.reason[1]} expected records, ${notFiles.length} not-bounces; ` +
  `${fragmentScore[1]} documented fragments (fragments_reason)`);
for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(16)} ${v.toFixed(1).padStart(5)} %`);
console.log(`  not-bounce records: ${falsePositives} (must be 0)`);

const baseline = JSON.parse(readFileSync(join(here, 'baseline.json'), 'utf8'));
let failed = falsePositives > 0;
for (const [k, floor] of Object.entries(baseline.floors)) {
  if (figures[k] + 1e-9 < floor) {
    console.log(`FAIL: ${k} ${figures[k].toFixed(1)} % is below the floor ${floor} % (tests/corpus/baseline.json)`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
