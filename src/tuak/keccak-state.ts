/**
 * The 1600-bit Keccak state as TUAK sees it (TS 35.231 §5.2, Annex C; TS 35.232 §4):
 * 200 bytes, byte `8·i + j` being byte `j` (little-endian) of the 64-bit lane `i`.
 * `@noble/hashes`' `keccakP` works on the same lanes split into 50 `uint32` words, word `2·i`
 * holding the low half of lane `i` — so byte `p` is byte `p mod 4` (little-endian) of word
 * `⌊p/4⌋`. The helpers here do that mapping with shifts, independent of the platform's endianness.
 * @module
 */

import { keccakP } from '@noble/hashes/sha3.js';
import { abytes, wipe } from '../utils/bytes.js';

/** Size of the Keccak-f[1600] state in bytes (INOUT in TS 35.231 §5.2). */
export const KECCAK_STATE_BYTES = 200;

/** Size of the Keccak-f[1600] state in the 32-bit words `keccakP` works on. */
export const KECCAK_STATE_WORDS = 50;

/** Number of rounds of Keccak-f[1600] (TS 35.231 Annex C: the full 24-round permutation). */
const KECCAK_ROUNDS = 24;

/**
 * Loads 200 state bytes into the 50-word lane layout used by `keccakP` (TS 35.232 §4 byte order).
 *
 * @param bytes the state as 200 bytes
 * @param out optional destination, 50 words (overwritten)
 * @returns `out`, or a new `Uint32Array(50)`
 */
export function stateFromBytes(bytes: Uint8Array, out?: Uint32Array): Uint32Array {
  abytes('bytes', bytes, KECCAK_STATE_BYTES);
  const s = out ?? new Uint32Array(KECCAK_STATE_WORDS);
  if (!(s instanceof Uint32Array) || s.length !== KECCAK_STATE_WORDS) {
    throw new RangeError(`out must be a Uint32Array of ${KECCAK_STATE_WORDS} words`);
  }
  for (let w = 0, p = 0; w < KECCAK_STATE_WORDS; w++, p += 4) {
    s[w] = bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16) | (bytes[p + 3]! << 24);
  }
  return s;
}

/**
 * Stores the 50-word lane layout back as 200 state bytes (inverse of {@link stateFromBytes}).
 *
 * @param state the state as 50 words
 * @param out optional destination, 200 bytes (overwritten)
 * @returns `out`, or a new `Uint8Array(200)`
 */
export function stateToBytes(state: Uint32Array, out?: Uint8Array): Uint8Array {
  if (!(state instanceof Uint32Array) || state.length !== KECCAK_STATE_WORDS) {
    throw new RangeError(`state must be a Uint32Array of ${KECCAK_STATE_WORDS} words`);
  }
  const b = out === undefined ? new Uint8Array(KECCAK_STATE_BYTES) : abytes('out', out, KECCAK_STATE_BYTES);
  for (let w = 0, p = 0; w < KECCAK_STATE_WORDS; w++, p += 4) {
    const v = state[w]!;
    b[p] = v;
    b[p + 1] = v >>> 8;
    b[p + 2] = v >>> 16;
    b[p + 3] = v >>> 24;
  }
  return b;
}

/**
 * Keccak-f[1600] on 200 bytes, as specified for TUAK (TS 35.231 Annex C) and tested by
 * TS 35.232 §4 (`Keccak(IN) = OUT`). Uses `keccakP` from `@noble/hashes` with 24 rounds.
 *
 * @param input the 200-byte state IN (not modified)
 * @returns OUT, a new 200-byte array
 */
export function keccakF1600(input: Uint8Array): Uint8Array {
  const s = stateFromBytes(input);
  keccakP(s, KECCAK_ROUNDS);
  const out = stateToBytes(s);
  wipe(s);
  return out;
}

/**
 * Applies Keccak-f[1600] `iterations` times in place (TS 35.231 §6: "KeccakIterations").
 * Hot path: no argument checks.
 * @internal
 */
export function permuteState(state: Uint32Array, iterations: number): void {
  for (let i = 0; i < iterations; i++) keccakP(state, KECCAK_ROUNDS);
}

/**
 * Writes `src` into the state starting at byte `offset` with its bytes in reverse order, as TUAK
 * does for every field of INOUT (TS 35.231 §6.1–§6.5: `INOUT[offset + i] = src[len − 1 − i]`).
 * Hot path: no argument checks.
 * @internal
 */
export function writeReversed(state: Uint32Array, offset: number, src: Uint8Array): void {
  const last = src.length - 1;
  for (let i = 0; i <= last; i++) setStateByte(state, offset + i, src[last - i]!);
}

/**
 * Reads `out.length` state bytes starting at byte `offset`, in reverse order: TUAK's output fields
 * (TS 35.231 §6.1–§6.5: `out[i] = INOUT[offset + len − 1 − i]`). Hot path: no argument checks.
 * @internal
 */
export function readReversed(state: Uint32Array, offset: number, out: Uint8Array): Uint8Array {
  const last = out.length - 1;
  for (let i = 0; i <= last; i++) {
    const p = offset + last - i;
    out[i] = state[p >>> 2]! >>> ((p & 3) << 3);
  }
  return out;
}

/** Sets state byte `p` to `value`. @internal */
export function setStateByte(state: Uint32Array, p: number, value: number): void {
  const shift = (p & 3) << 3;
  const w = p >>> 2;
  state[w] = (state[w]! & ~(0xff << shift)) | ((value & 0xff) << shift);
}
