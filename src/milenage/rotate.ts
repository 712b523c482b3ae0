/**
 * The cyclic rotation `rot(x, r)` of TS 35.206 §4.1 on 128-bit values held as four
 * little-endian 32-bit words (see `words.ts`).
 *
 * TS 35.206 numbers bits from 0 (the most significant bit of byte 0) to 127 and defines
 * `rot(x, r)[i] = x[(i + r) mod 128]`: a left rotation, towards the most significant end.
 * Whole-word amounts (every default r) only permute the words; other amounts go through
 * big-endian words so that bits cross byte boundaries in the spec's order.
 * @module
 */

import { abytes, anumber } from '../utils/bytes.js';
import { byteSwap32, readWordLE, writeWordLE } from './words.js';

/**
 * `dst[d..d+3] = rot(x, r) ⊕ c[ci..ci+3]`, all as little-endian words; `r` must be an
 * integer 0..127 (checked by the caller). This is the rotation the MILENAGE fast path uses.
 */
export function rotateXorWordsLE(
  x0: number,
  x1: number,
  x2: number,
  x3: number,
  r: number,
  c: Uint32Array,
  ci: number,
  dst: Uint32Array,
  d: number,
): void {
  // Word-granular part: rot by 32q moves word (i + q) mod 4 to position i (in either byte order).
  let a: number;
  let b: number;
  let e: number;
  let f: number;
  switch (r >>> 5) {
    case 0:
      a = x0;
      b = x1;
      e = x2;
      f = x3;
      break;
    case 1:
      a = x1;
      b = x2;
      e = x3;
      f = x0;
      break;
    case 2:
      a = x2;
      b = x3;
      e = x0;
      f = x1;
      break;
    default:
      a = x3;
      b = x0;
      e = x1;
      f = x2;
  }
  const s = r & 31;
  if (s !== 0) {
    // Bit-granular part on big-endian words: each word takes its next neighbour's top bits.
    a = byteSwap32(a);
    b = byteSwap32(b);
    e = byteSwap32(e);
    f = byteSwap32(f);
    const t = 32 - s;
    const a2 = (a << s) | (b >>> t);
    const b2 = (b << s) | (e >>> t);
    const e2 = (e << s) | (f >>> t);
    const f2 = (f << s) | (a >>> t);
    a = byteSwap32(a2);
    b = byteSwap32(b2);
    e = byteSwap32(e2);
    f = byteSwap32(f2);
  }
  dst[d] = a ^ c[ci]!;
  dst[d + 1] = b ^ c[ci + 1]!;
  dst[d + 2] = e ^ c[ci + 2]!;
  dst[d + 3] = f ^ c[ci + 3]!;
}

const ZERO_WORDS = /* @__PURE__ */ new Uint32Array(4);

/**
 * `rot(x, r)` of TS 35.206 §4.1 on a 16-byte value: rotates left (towards the most significant
 * bit of byte 0) by `r` bits, 0 ≤ r ≤ 127. Returns a new array. Shares its code with the fast path.
 */
export function rotate128(x: Uint8Array, r: number): Uint8Array {
  abytes('x', x, 16);
  anumber('r', r, 127);
  const w = new Uint32Array(4);
  rotateXorWordsLE(
    readWordLE(x, 0),
    readWordLE(x, 4),
    readWordLE(x, 8),
    readWordLE(x, 12),
    r,
    ZERO_WORDS,
    0,
    w,
    0,
  );
  const out = new Uint8Array(16);
  for (let i = 0; i < 4; i++) writeWordLE(out, 4 * i, w[i]!);
  return out;
}
