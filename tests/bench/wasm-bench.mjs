// Throughput of the wasm module under node: explain() (input in, JSON report out) over every
// file of a directory, REPS times. Prints "key value" lines that tests/bench/bench.sh reads.
//
//   node tests/bench/wasm-bench.mjs DIR [REPS]     (BX_WASM_DIR: where the module is)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { loadExplainer } from '../wasm/load-module.mjs';

const dir = process.argv[2];
const reps = Number(process.argv[3] ?? 5);
const files = readdirSync(dir).sort().map((f) => join(dir, f)).filter((f) => statSync(f).isFile());
// As the page does: the text as a string (the module gets UTF-8).
const inputs = files.map((f) => readFileSync(f, 'utf8'));
const bytes = files.reduce((n, f) => n + statSync(f).size, 0);

// Load: compile and instantiate the module, and the first explain(), which unpacks the
// knowledge base — what a one-shot run pays before its first answer.
const load0 = process.hrtime.bigint();
const explainer = await loadExplainer();
explainer.explain('550 5.1.1 <warm@example.com>: User unknown');
const loadSeconds = Number(process.hrtime.bigint() - load0) / 1e9;
const times = [];
const cpus = [];
let records = 0;
for (let r = 0; r < reps; r++) {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  for (const s of inputs) records += explainer.explain(s).length;
  const c = process.cpuUsage(c0);
  cpus.push((c.user + c.system) / 1e6);
  times.push(Number(process.hrtime.bigint() - t0) / 1e9);
}
cpus.sort((a, b) => a - b);
times.sort((a, b) => a - b);
const best = times[0];
console.log(`wasm_files ${inputs.length}`);
console.log(`wasm_emails_per_s ${(inputs.length / best).toFixed(1)}`);
console.log(`wasm_mb_per_s ${(bytes / 1048576 / best).toFixed(2)}`);
console.log(`wasm_median_emails_per_s ${(inputs.length / times[Math.floor(times.length / 2)]).toFixed(1)}`);
console.log(`wasm_cpu_emails_per_s ${(inputs.length / cpus[0]).toFixed(1)}`);
console.log(`wasm_load_ms ${(loadSeconds * 1000).toFixed(1)}`);
// One pass with the load in front: the "whole run" figure (node's own start-up excluded).
console.log(`wasm_whole_run_emails_per_s ${(inputs.length / (best + loadSeconds)).toFixed(1)}`);
console.log(`wasm_peak_rss_mb ${(process.resourceUsage().maxRSS / 1024).toFixed(1)}`);
