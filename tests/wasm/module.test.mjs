// The wasm module under node, through its JavaScript API, against the same golden
// expectations as the native build (tests/golden/). Run: node --test tests/wasm/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadExplainer } from './load-module.mjs';
import { microsoft365Ndr } from '../msg/build-msg.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const goldenDir = join(here, '..', 'golden');

function checkSubset(want, got, where) {
  if (Array.isArray(want)) {
    assert.ok(Array.isArray(got), `${where}: expected an array`);
    assert.equal(got.length, want.length, `${where}: length`);
    want.forEach((w, i) => checkSubset(w, got[i], `${where}[${i}]`));
  } else if (want && typeof want === 'object') {
    assert.ok(got && typeof got === 'object', `${where}: expected an object`);
    for (const [k, v] of Object.entries(want)) checkSubset(v, got[k], `${where}.${k}`);
  } else {
    assert.equal(got, want, where);
  }
}

const explainer = await loadExplainer();

test('the module reports its version', () => {
  assert.match(explainer.version(), /^\d+\.\d+\.\d+ \(knowledge base [0-9a-f]{12}\)$/);
});

for (const name of readdirSync(goldenDir).filter((f) => /\.(eml|txt)$/.test(f)).sort()) {
  test(`golden case ${name} matches the native expectations`, () => {
    const input = readFileSync(join(goldenDir, name), 'utf8');
    const want = JSON.parse(readFileSync(join(goldenDir, name.replace(/\.(eml|txt)$/, '.expected.json')), 'utf8'));
    const report = JSON.parse(explainer.explain(input));
    assert.equal(report.schema, 'bounce-explainer/report/1');
    checkSubset(want, report, name);
  });
}

test('hostile input never throws and gets a clear status', () => {
  assert.equal(JSON.parse(explainer.explain('')).status, 'empty');
  assert.equal(JSON.parse(explainer.explain('\u0000\u0001\u0002\u0003PK')).status, 'unusable');
  const report = JSON.parse(explainer.explain('550 5.1.1 <bob@example.com>: <img src=x onerror=alert(1)> unknown'));
  assert.equal(report.status, 'bounce');
  assert.match(report.records[0].diagnostic_code, /<img src=x onerror=alert\(1\)>/);
});

// The page's "Export CSV" is written by the module's explainForBatch/csvHeader, which call the
// CLI's CSV writer: the same bytes as tests/cli/cli.test.mjs expects of `--format csv`.
test('explainForBatch: the report and the CLI CSV rows, formula cells neutralised', () => {
  assert.equal(
    explainer.csvHeader(),
    'file,mbox_message,recipient,reason,status,reply_code,hard_bounce,destination,decoded_by,category,headline,provider,diagnostic_code\r\n',
  );
  const hostileName = '=HYPERLINK("example.com";"x").eml';
  const { report, csvRows } = explainer.explainForBatch('550 5.1.1 <-2+3@example.com>: Recipient address rejected: User unknown\n', hostileName, 0);
  assert.equal(JSON.parse(report).records[0].recipient, '-2+3@example.com');
  assert.equal(csvRows.length, 1);
  // HOSTILE_ROW_START of tests/cli/cli.test.mjs, for the same line in a file of that name.
  assert.ok(csvRows[0].startsWith(`"'=HYPERLINK(""example.com"";""x"").eml",,'-2+3@example.com,userunknown,5.1.1,550,true,example.com,`), csvRows[0]);
  assert.ok(csvRows[0].endsWith('\r\n'));
  const inMbox = explainer.explainForBatch('550 5.1.1 <a@example.com>: User unknown', 'box.mbox', 7).csvRows[0];
  assert.ok(inMbox.startsWith('box.mbox,7,a@example.com,'), inMbox);
  assert.deepEqual(Array.from(explainer.explainForBatch('hello', 'x', 0).csvRows), []);
});

test('an Outlook .msg file as bytes: explain, explainBytes and explainForBatch read it as the CLI does', async () => {
  const explainer = await loadExplainer();
  const msg = microsoft365Ndr();
  const json = explainer.explain(msg);
  const { report, text } = explainer.explainBytes(msg);
  assert.equal(report, json);
  assert.match(text, /\nFinal-Recipient: rfc822; bob@example\.com\nAction: failed\n/);
  assert.deepEqual(JSON.parse(json).records.map((r) => [r.recipient, r.reason]), [['bob@example.com', 'userunknown']]);
  const { csvRows } = explainer.explainForBatch(msg, 'ndr.msg', 0);
  assert.equal(csvRows.length, 1);
  assert.ok(csvRows[0].startsWith('ndr.msg,,bob@example.com,userunknown,5.1.10,550,true,'), csvRows[0]);
});
