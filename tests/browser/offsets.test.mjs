// Unit tests for web/offsets.mjs (UTF-8 byte offsets -> UTF-16 indices).
// Runs under plain node: `node --test tests/browser/`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byteOffsetToUtf16, byteOffsetsToUtf16, byteRangeToUtf16 } from '../../web/offsets.mjs';

const encoder = new TextEncoder();

/** Reference implementation: the UTF-16 index whose UTF-8 prefix length equals byteOffset. */
function reference(text, byteOffset) {
  let bytes = 0;
  for (let i = 0; i < text.length; ) {
    if (bytes >= byteOffset) return i;
    const cp = text.codePointAt(i);
    const units = cp > 0xffff ? 2 : 1;
    const width = encoder.encode(text.slice(i, i + units)).length;
    if (bytes + width > byteOffset) return i; // inside this character
    bytes += width;
    i += units;
  }
  return text.length;
}

test('ASCII offsets are unchanged', () => {
  const text = 'Status: 5.1.1\nAction: failed\n';
  for (let b = 0; b <= text.length; b++) assert.equal(byteOffsetToUtf16(text, b), b);
  assert.equal(byteOffsetToUtf16(text, 10_000), text.length);
  assert.equal(byteOffsetToUtf16(text, -3), 0);
});

test('multi-byte characters and surrogate pairs', () => {
  const text = 'é😀x\nnaïve “quote”';
  // é = 2 bytes, 😀 = 4 bytes (2 UTF-16 units), x = 1 byte.
  assert.equal(byteOffsetToUtf16(text, 0), 0);
  assert.equal(byteOffsetToUtf16(text, 2), 1); // after é
  assert.equal(byteOffsetToUtf16(text, 6), 3); // after 😀
  assert.equal(byteOffsetToUtf16(text, 7), 4); // after x
  assert.equal(byteOffsetToUtf16(text, 1), 0); // inside é -> start of é
  assert.equal(byteOffsetToUtf16(text, 4), 1); // inside 😀 -> start of 😀
});

test('matches a TextEncoder-based reference on mixed text', () => {
  const text = 'Subject: Ünïcödé 😀 test\r\nDiagnostic-Code: smtp; 550 “no” — 用户不存在\n\u{1F4E7} end';
  const total = encoder.encode(text).length;
  const offsets = Array.from({ length: total + 3 }, (_, i) => i);
  const got = byteOffsetsToUtf16(text, offsets);
  offsets.forEach((b, i) => assert.equal(got[i], reference(text, b), `byte ${b}`));
  // Unsorted input keeps its order.
  assert.deepEqual(byteOffsetsToUtf16(text, [5, 0, 3]), [5, 0, 3]);
});

test('a byte range selects exactly the encoded substring', () => {
  const line = 'Diagnostic-Code: smtp; 550 5.1.1 <bøb@example.com>: “unknown” 😀';
  const text = `Héader: ✓\n${line}\ntail`;
  const begin = encoder.encode(text.slice(0, text.indexOf(line))).length;
  const end = begin + encoder.encode(line).length;
  const range = byteRangeToUtf16(text, begin, end);
  assert.equal(text.slice(range.start, range.end), line);
  // An end inside a character includes that character.
  const partial = byteRangeToUtf16('a😀b', 1, 3);
  assert.deepEqual(partial, { start: 1, end: 3 });
});

test('lone surrogates count as U+FFFD (3 bytes), like TextEncoder', () => {
  const text = 'a\uD800b';
  assert.equal(encoder.encode(text).length, 5);
  assert.equal(byteOffsetToUtf16(text, 4), 2);
  assert.equal(byteOffsetToUtf16(text, 5), 3);
});
