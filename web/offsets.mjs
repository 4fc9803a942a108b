// Byte offsets (into the UTF-8 encoding of a text) -> UTF-16 indices (into the
// same text as a JavaScript string).
//
// The C++ core reports evidence as [begin, end) byte ranges of the UTF-8 input.
// JavaScript strings are indexed in UTF-16 code units, so a range has to be
// converted before it can be used with setSelectionRange() or slice().
//
// The text given here must be the exact string that was analysed. Lone
// surrogates are counted as U+FFFD (3 bytes), which is what TextEncoder emits;
// app.mjs sends well-formed text (String.prototype.toWellFormed) to the core so
// both sides agree.

/** Number of UTF-8 bytes used to encode the code point `cp`. */
function utf8Length(cp) {
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  if (cp < 0x10000) return 3; // includes lone surrogates, encoded as U+FFFD
  return 4;
}

/**
 * Converts several byte offsets at once, in a single pass over the text.
 * An offset that falls inside a multi-byte character maps to the start of that
 * character; an offset past the end maps to text.length; negative or
 * non-numeric offsets map to 0.
 * @param {string} text
 * @param {number[]} byteOffsets
 * @returns {number[]} UTF-16 indices, in the same order as byteOffsets
 */
export function byteOffsetsToUtf16(text, byteOffsets) {
  const wanted = byteOffsets.map((offset, position) => ({
    offset: Number.isFinite(offset) && offset > 0 ? Math.floor(offset) : 0,
    position,
  }));
  wanted.sort((a, b) => a.offset - b.offset);
  const result = new Array(byteOffsets.length).fill(text.length);

  let next = 0; // index into `wanted`
  let bytes = 0; // UTF-8 bytes before code unit `i`
  let i = 0;
  while (next < wanted.length && i < text.length) {
    const cp = text.codePointAt(i);
    const units = cp > 0xffff ? 2 : 1;
    const width = utf8Length(cp);
    // Every wanted offset that lies before the end of this character maps here.
    while (next < wanted.length && wanted[next].offset < bytes + width) {
      result[wanted[next].position] = i;
      next += 1;
    }
    bytes += width;
    i += units;
  }
  // Remaining offsets are at or past the end of the text.
  return result;
}

/**
 * Converts one byte offset to a UTF-16 index. See byteOffsetsToUtf16.
 * @param {string} text
 * @param {number} byteOffset
 */
export function byteOffsetToUtf16(text, byteOffset) {
  return byteOffsetsToUtf16(text, [byteOffset])[0];
}

/**
 * Converts a [begin, end) byte range to a [start, end) UTF-16 range.
 * An `end` that falls inside a character is rounded up to include it.
 * @param {string} text
 * @param {number} begin
 * @param {number} end
 * @returns {{start: number, end: number}}
 */
export function byteRangeToUtf16(text, begin, end) {
  const [start, endIndex] = byteOffsetsToUtf16(text, [begin, end]);
  let stop = endIndex;
  // If `end` was inside a character, include the whole character.
  if (stop < text.length && utf8Prefix(text, stop) < end) {
    stop += text.codePointAt(stop) > 0xffff ? 2 : 1;
  }
  return { start, end: Math.max(start, stop) };
}

/** UTF-8 length of text.slice(0, index). */
function utf8Prefix(text, index) {
  let bytes = 0;
  for (let i = 0; i < index; ) {
    const cp = text.codePointAt(i);
    bytes += utf8Length(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  return bytes;
}
