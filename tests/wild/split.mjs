// Moves newly written cases (incoming/<slice>/: <id>.txt files and a labels.tsv) into the two
// parts of the set, once and for good: by a hash of each case's id, one third to holdout/
// (nobody reads it while rules are written; only its figures are reported) and two thirds to
// work/ (what rules are tried against). Run it when a slice lands: node tests/wild/split.mjs
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, appendFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const HEADER = 'id\toutcome\treason\trecipients\thard\tlang\tkind\tsource';

/** holdout when the id's SHA-256, read as a number, is divisible by 3 (its first 8 hex digits). */
export function partOf(id) {
  const h = parseInt(createHash('sha256').update(id).digest('hex').slice(0, 8), 16);
  return h % 3 === 0 ? 'holdout' : 'work';
}

function main() {
  const incoming = join(here, 'incoming');
  if (!existsSync(incoming)) return console.log('nothing incoming');
  for (const slice of readdirSync(incoming)) {
    const dir = join(incoming, slice);
    const rows = readFileSync(join(dir, 'labels.tsv'), 'utf8').split('\n').filter((l) => l.trim());
    if (rows[0] !== HEADER) throw new Error(`${slice}/labels.tsv: header must be: ${HEADER}`);
    const counts = { work: 0, holdout: 0 };
    for (const row of rows.slice(1)) {
      const id = row.split('\t')[0];
      const part = partOf(id);
      const target = join(here, part);
      mkdirSync(target, { recursive: true });
      const labels = join(target, 'labels.tsv');
      if (!existsSync(labels)) writeFileSync(labels, HEADER + '\n');
      renameSync(join(dir, `${id}.txt`), join(target, `${id}.txt`));
      appendFileSync(labels, row + '\n');
      counts[part]++;
    }
    rmSync(dir, { recursive: true });
    console.log(`${slice}: ${counts.work} to work/, ${counts.holdout} to holdout/`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
