/**
 * Sequence numbers (TS 33.102 §6.3.2 and Annex C.1): a 48-bit SQN = SEQ ‖ IND, where the low
 * `indLength` bits are the index IND of the array scheme (Annex C.1.2, C.2.2) and SEQ the batch number.
 * SQN and SEQ values are `bigint`s. This file holds the SQN arithmetic and the home-network side
 * generation schemes of Annex C.1.1 (plain counter, or SEQ = SEQ1 ‖ SEQ2 with a time-based SEQ2).
 * @module
 */

import { anumber, bigIntToBytes, bytesToBigInt, describeType, isBytes } from '../utils/bytes.js';

/** Length of SQN in bytes (48 bits, TS 33.102 §6.3.2). */
export const SQN_LENGTH = 6;
/** The largest SQN, 2^48 − 1. */
export const SQN_MAX = (1n << 48n) - 1n;
/** Default IND length in bits: 5 (a = 32 array entries), the value onomondo-uicc and OsmoHLR use. */
export const DEFAULT_IND_LENGTH = 5;
/** Largest supported IND length in bits (the USIM array then has 65536 entries). */
export const MAX_IND_LENGTH = 16;

/** Checks an IND length in bits (0 … {@link MAX_IND_LENGTH}). */
export function checkIndLength(indLength: number, name = 'indLength'): number {
  return anumber(name, indLength, MAX_IND_LENGTH);
}

/**
 * Accepts an SQN as a `bigint` (0 ≤ SQN < 2^48) or as its 6-byte big-endian encoding and returns the bigint.
 * Throws a `TypeError`/`RangeError` naming `name` otherwise.
 */
export function toSqn(value: bigint | Uint8Array, name = 'sqn'): bigint {
  if (isBytes(value)) {
    if (value.length !== SQN_LENGTH)
      throw new RangeError(`${name} must be 6 bytes long, got ${value.length}`);
    return bytesToBigInt(value);
  }
  if (typeof value !== 'bigint')
    throw new TypeError(`${name} must be a bigint or 6 bytes, got ${describeType(value)}`);
  if (value < 0n || value > SQN_MAX) throw new RangeError(`${name} must be between 0 and 2^48 - 1`);
  return value;
}

/** The 6-byte big-endian encoding of an SQN. */
export function sqnToBytes(sqn: bigint | Uint8Array, name = 'sqn'): Uint8Array {
  return bigIntToBytes(toSqn(sqn, name), SQN_LENGTH, name);
}

/** Splits SQN into SEQ (high 48 − indLength bits) and IND (low indLength bits) (TS 33.102 Annex C.1.1.1). */
export function splitSqn(
  sqn: bigint | Uint8Array,
  indLength = DEFAULT_IND_LENGTH,
): { seq: bigint; ind: number } {
  const v = toSqn(sqn);
  const l = BigInt(checkIndLength(indLength));
  return { seq: v >> l, ind: Number(v & ((1n << l) - 1n)) };
}

/** Joins SEQ and IND into SQN = SEQ ‖ IND (TS 33.102 Annex C.1.1.1); RangeError if either does not fit. */
export function joinSqn(seq: bigint, ind: number, indLength = DEFAULT_IND_LENGTH): bigint {
  const l = checkIndLength(indLength);
  if (typeof seq !== 'bigint') throw new TypeError(`seq must be a bigint, got ${describeType(seq)}`);
  if (seq < 0n || seq >= 1n << BigInt(48 - l)) throw new RangeError(`seq must fit in ${48 - l} bits`);
  anumber('ind', ind, 2 ** l - 1);
  return (seq << BigInt(l)) | BigInt(ind);
}

/**
 * Time-based SEQ generation parameters (TS 33.102 Annex C.1.1.1 items 3–5): SEQ = SEQ1 ‖ SEQ2, where
 * SEQ2 (the low `glcBits` bits of SEQ) follows a global counter GLC, e.g. a clock, taken mod p = 2^glcBits.
 */
export interface TimeBasedSeq {
  /** n, the length in bits of GLC and SEQ2 (1 … 47 − indLength). */
  glcBits: number;
  /** The current value of the global counter GLC (0 ≤ GLC < 2^glcBits); see {@link glcFromClock}. */
  glc: bigint;
  /**
   * D > 0 (Annex C.1.1.1 item 4): the bound on how far SEQ may run ahead of the clock between two
   * GLC steps (at most D sequence numbers per clock step). Choose it from the batch size and clock rate.
   */
  d: bigint;
}

/**
 * GLC from a clock: `floor(timeMs / unitMs) mod 2^glcBits` (TS 33.102 Annex C.1.1.1 item 3, "a clock
 * giving universal time ... computed mod p").
 */
export function glcFromClock(timeMs: number, unitMs: number, glcBits: number): bigint {
  anumber('timeMs', timeMs);
  anumber('unitMs', unitMs);
  if (unitMs === 0) throw new RangeError('unitMs must be positive');
  anumber('glcBits', glcBits, 47);
  return BigInt(Math.floor(timeMs / unitMs)) % (1n << BigInt(glcBits));
}

/**
 * The next SEQ after SEQ_HE (TS 33.102 Annex C.1.1.1 item 5). Without `timeBased`: SEQ_HE + 1
 * (the non-time-based profile). With `timeBased`, comparing SEQ_HE2 with GLC (p = 2^n):
 * (a) SEQ_HE2 < GLC < SEQ_HE2 + p − D + 1 → SEQ = SEQ_HE1 ‖ GLC (the clock moved on);
 * (b) GLC ≤ SEQ_HE2 ≤ GLC + D − 1, or SEQ_HE2 + p − D + 1 ≤ GLC → SEQ = SEQ_HE + 1 (same clock step);
 * (c) GLC + D − 1 < SEQ_HE2 → SEQ = (SEQ_HE1 + 1) ‖ GLC (the clock wrapped around).
 *
 * @param seqHe the last SEQ used (the SEQ part of SQN_HE)
 * @param seqBits the length of SEQ in bits (48 − indLength)
 */
export function nextSeq(seqHe: bigint, seqBits: number, timeBased?: TimeBasedSeq): bigint {
  if (typeof seqHe !== 'bigint' || seqHe < 0n) throw new TypeError('seqHe must be a non-negative bigint');
  anumber('seqBits', seqBits, 48);
  const seqMax = (1n << BigInt(seqBits)) - 1n;
  if (seqHe > seqMax) throw new RangeError(`seqHe must fit in ${seqBits} bits`);
  let next: bigint;
  if (timeBased === undefined) {
    next = seqHe + 1n;
  } else {
    const n = anumber('timeBased.glcBits', timeBased.glcBits, seqBits - 1);
    if (n === 0) throw new RangeError('timeBased.glcBits must be at least 1');
    const p = 1n << BigInt(n);
    const glc = timeBased.glc;
    if (typeof glc !== 'bigint' || glc < 0n || glc >= p)
      throw new RangeError(`timeBased.glc must be a bigint in [0, 2^${n})`);
    const d = timeBased.d;
    if (typeof d !== 'bigint' || d < 1n || d >= p)
      throw new RangeError(`timeBased.d must be a bigint in [1, 2^${n})`);
    const seq1 = seqHe >> BigInt(n);
    const seq2 = seqHe & (p - 1n);
    if (seq2 < glc && glc < seq2 + p - d + 1n) next = (seq1 << BigInt(n)) | glc;
    else if (glc + d - 1n < seq2) next = ((seq1 + 1n) << BigInt(n)) | glc;
    else next = seqHe + 1n;
  }
  if (next > seqMax)
    throw new RangeError(`SEQ would exceed ${seqBits} bits: the sequence number space is exhausted`);
  return next;
}

/** Options of {@link nextSqn}. */
export interface NextSqnOptions {
  /** SQN_HE, the last SQN the home network used for this subscriber (TS 33.102 Annex C.1.1.1 item 2). */
  sqnHe: bigint | Uint8Array;
  /** IND length in bits (default 5). */
  indLength?: number;
  /**
   * IND of the new SQN (Annex C.1.2: the index may be allocated per serving node or per access type).
   * Default: IND_HE + 1 mod 2^indLength, which spreads consecutive vectors over the USIM's array.
   */
  ind?: number;
  /** Time-based SEQ2 (Annex C.1.1.1); omit for a plain counter. */
  timeBased?: TimeBasedSeq;
}

/**
 * The next fresh SQN = SEQ ‖ IND for an authentication vector (TS 33.102 Annex C.1.1): SEQ from
 * {@link nextSeq}, IND as chosen. Store the result as the new SQN_HE. After a resynchronisation,
 * pass SQN_MS as `sqnHe` (TS 33.102 §6.3.5: the HE resets SQN_HE to SQN_MS).
 */
export function nextSqn({ sqnHe, indLength = DEFAULT_IND_LENGTH, ind, timeBased }: NextSqnOptions): bigint {
  const l = checkIndLength(indLength);
  const { seq, ind: indHe } = splitSqn(toSqn(sqnHe, 'sqnHe'), l);
  const newInd = ind === undefined ? (indHe + 1) % 2 ** l : anumber('ind', ind, 2 ** l - 1);
  return joinSqn(nextSeq(seq, 48 - l, timeBased), newInd, l);
}
