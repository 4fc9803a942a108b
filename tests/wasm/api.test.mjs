// web/api.mjs under node: analyze() and version(), and recovery after the module fails. A module
// that ran out of memory (or trapped any other way) is broken for good; the API must load a
// fresh instance for the next call instead of failing every later one.
// Run: BX_WASM_DIR=build/wasm/wasm node --test tests/wasm/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { analyze, analyzeBytes, configure, version } from '../../web/api.mjs';
import { encryptedMsg, microsoft365Ndr } from '../msg/build-msg.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const wasmDir = resolve(process.env.BX_WASM_DIR ?? join(repo, 'build', 'wasm', 'wasm'));
const LINE = '550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown';

/**
 * A module folder for api.mjs whose factory is the real one, but keeps every instance it makes
 * in globalThis.__bxInstances, so that the test can reach the instance the API is using.
 */
function instrumentedModuleDir(t) {
  const dir = mkdtempSync(join(tmpdir(), 'bx-api-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  copyFileSync(join(wasmDir, 'bounce-explainer.wasm'), join(dir, 'bounce-explainer.wasm'));
  const real = pathToFileURL(join(wasmDir, 'bounce-explainer.mjs')).href;
  writeFileSync(
    join(dir, 'bounce-explainer.mjs'),
    `import create from ${JSON.stringify(real)};\n` +
      'export default async function createCounted(options) {\n' +
      '  const instance = await create(options);\n' +
      '  (globalThis.__bxInstances ??= []).push(instance);\n' +
      '  return instance;\n' +
      '}\n',
  );
  return dir;
}

/**
 * Takes all the memory the instance can get, the way a huge input would: malloc until it fails
 * at every size down to 16 bytes. Afterwards any allocation in the core aborts the module.
 */
function exhaustMemory(instance) {
  let taken = 0;
  for (let size = 256 << 20; size >= 16; size >>>= 1) {
    while (instance._malloc(size) !== 0) taken += size;
  }
  return taken;
}

test('analyze() and version() work under node', async () => {
  configure({ wasmDir });
  const report = await analyze(LINE);
  assert.equal(report.schema, 'bounce-explainer/report/1');
  assert.equal(report.records[0].reason, 'userunknown');
  assert.match(await version(), /^\d+\.\d+\.\d+ \(knowledge base [0-9a-f]{12}\)$/);
});

test('after the module runs out of memory, the next call gets a fresh instance', async (t) => {
  globalThis.__bxInstances = [];
  configure({ wasmDir: instrumentedModuleDir(t) });
  assert.equal((await analyze(LINE)).records[0].reason, 'userunknown');
  assert.equal((await analyze(LINE)).records[0].reason, 'userunknown');
  assert.equal(globalThis.__bxInstances.length, 1, 'calls share one instance while it works');

  const broken = globalThis.__bxInstances[0];
  assert.ok(exhaustMemory(broken) > 64 << 20, 'the instance had its memory taken');
  await assert.rejects(analyze(LINE), 'a call into a module with no memory left fails');
  assert.throws(() => broken.explain(LINE), 'the old instance stays unusable');

  const report = await analyze(LINE);
  assert.equal(report.records[0].reason, 'userunknown', 'the next call works');
  assert.equal(globalThis.__bxInstances.length, 2, 'it ran on a new instance');
  assert.equal((await analyze(LINE)).records[0].reason, 'userunknown');
  assert.equal(globalThis.__bxInstances.length, 2, 'which is kept while it works');
  configure({ wasmDir });
});

test('analyze() takes an Outlook .msg file as bytes; analyzeBytes() also gives the text it was read as', async () => {
  configure({ wasmDir });
  const msg = microsoft365Ndr();
  for (const input of [msg, msg.buffer, Buffer.from(msg)]) {
    const report = await analyze(input);
    assert.equal(report.status, 'bounce');
    assert.deepEqual(report.records.map((r) => [r.recipient, r.status, r.reason]), [['bob@example.com', '5.1.10', 'userunknown']]);
    assert.match(report.warnings[0], /Outlook \.msg file/);
  }
  const { report, text } = await analyzeBytes(msg);
  const bytes = new TextEncoder().encode(text);
  const located = report.records[0].evidence.filter((e) => e.begin !== null);
  assert.ok(located.length > 0);
  for (const e of located) assert.equal(new TextDecoder().decode(bytes.subarray(e.begin, e.end)), e.text);

  const secret = await analyzeBytes(encryptedMsg());
  assert.equal(secret.report.status, 'unusable');
  assert.match(secret.report.message, /encrypted \(S\/MIME\)/);
  assert.equal(secret.text, '');
  // A text file's bytes are explained as its text.
  assert.equal((await analyze(new TextEncoder().encode(LINE))).records[0].reason, 'userunknown');
  assert.equal((await analyzeBytes(new TextEncoder().encode(LINE))).text, '');
});
