// "Who must act" reads the same in the CLI's text, on the page and on the KB site: all three take
// the labels of kb/words.json (the CLI and the page from the report's who_acts_labels, which the
// core renders from it; the KB site from the file itself). So do "How sure" and when to retry
// (confidence_tier_label, retry_when_label) in the CLI and on the page.
// Run: BX_CLI=build/native/bounce-explain node --test tests/cli/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = process.env.BX_CLI;
if (!cli) throw new Error('BX_CLI must name the bounce-explain binary');

const { retryWhenLabel, whoActsWords } = await import(pathToFileURL(join(repo, 'web', 'render.mjs')).href);
const { actorLabel, buildKbPages, loadKb, pagePath } = await import(pathToFileURL(join(repo, 'web', 'kb-site.mjs')).href);

// One reply per line: between them every actor of kb/words.json must act somewhere (checked).
const replies = [
  '550 5.1.1 <bob@example.com>: User unknown',
  '552 5.2.2 <carol@example.com>: Mailbox full',
  '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup <dave@example.com>',
  '550 5.7.26 <erin@example.com>: Unauthenticated email is not accepted due to DMARC policy',
  // Greylisting documents when to send again: the "Retry" label below.
  '450 4.2.0 <fred@example.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.com.html',
];

function explain(format, text) {
  const r = spawnSync(cli, ['--format', format], { input: text, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/** The KB site's "Who must act" items of a reason page, as text. */
function sitePageActors(html) {
  const list = html.split('<h2>Who must act</h2>')[1]?.split('</ul>')[0] ?? '';
  return [...list.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1].replaceAll('&#39;', "'").replaceAll('&amp;', '&'));
}

test('the CLI text, the page and the KB site show the same who-must-act labels', (t) => {
  const kb = loadKb(join(repo, 'kb'));
  const site = mkdtempSync(join(tmpdir(), 'bx-kb-site-'));
  t.after(() => rmSync(site, { recursive: true, force: true }));
  buildKbPages({ outDir: site, webDir: join(repo, 'web'), emit() {} });

  const seen = new Set();
  for (const reply of replies) {
    const [report] = JSON.parse(explain('json', `${reply}\n`));
    const text = explain('text', `${reply}\n`);
    assert.equal(report.records.length, 1, reply);
    const e = report.records[0].explanation;
    assert.equal(e.who_acts_labels.length, e.who_acts.length, reply);
    e.who_acts.forEach((id) => seen.add(id));

    // The CLI's line is the page's sentence, word for word.
    const cliLine = text.match(/\n {2}Who must act: ([^\n]*)\n/)?.[1];
    assert.equal(cliLine, whoActsWords(e), reply);
    // Each label is the KB site's label for that id.
    e.who_acts.forEach((id, i) => assert.equal(e.who_acts_labels[i], actorLabel(kb, id), `${reply}: ${id}`));
    // Where the reason alone decided who acts, its KB page lists exactly these labels.
    if (!e.provider && !e.blocklist && !e.situation && !e.sender_provider) {
      const html = readFileSync(join(site, pagePath.reason(report.records[0].reason)), 'utf8');
      assert.deepEqual(sitePageActors(html), e.who_acts_labels, reply);
    }
  }
  assert.deepEqual([...seen].sort(), Object.keys(kb.words.actors).sort(), 'the replies cover every actor');
});

test('the CLI text and the page show the same labels for how sure and when to retry', () => {
  let documented = 0;
  for (const reply of replies) {
    const [report] = JSON.parse(explain('json', `${reply}\n`));
    const text = explain('text', `${reply}\n`);
    const record = report.records[0];
    assert.equal(text.match(/\n {2}How sure: ([^\n]*?) — /)?.[1], record.confidence_tier_label, reply);
    const when = retryWhenLabel(record.explanation);
    const retryLine = text.match(/\n {2}Retry: ([^\n]*)\n/)?.[1] ?? '';
    if (when) {
      documented += 1;
      assert.ok(retryLine.startsWith(`${when}. `), `${reply}: ${retryLine}`);
    } else {
      assert.equal(retryLine, record.explanation.retry, reply);
    }
  }
  assert.ok(documented > 0, 'some reply documents when to send again');
});
