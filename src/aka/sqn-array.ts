/**
 * The USIM side of sequence number management (TS 33.102 Annex C.2): an array SEQ_MS(0 … a−1) of the
 * highest SEQ accepted per index IND (a = 2^indLength), the wrap-around bound Δ (C.2.1), the optional
 * limit L on how far behind a SEQ may be (C.2.2) and an optional age limit for time-based SEQs.
 * These are pure functions over an array; `Usim` keeps the array and commits the result atomically.
 *
 * Two behaviours are selectable:
 * - `'annex-c'` (TS 33.102 Annex C.2): reject if SEQ − SEQ_MS > Δ (SEQ_MS = highest SEQ in the array),
 *   then if L is set and SEQ_MS − SEQ ≥ L, then if SEQ ≤ SEQ_MS(IND); else SEQ_MS(IND) := SEQ.
 * - `'onomondo'` (onomondo-uicc ≤ v2.2.1, `milenage_usim_check`): reject if (SEQ − SEQ_MS) mod 2^64 ≥ Δ
 *   (unsigned 64-bit arithmetic, so any SEQ below SEQ_MS also counts as "too far"), or SEQ ≤ SEQ_MS(IND).
 * @module
 */

import { anumber, describeType } from '../utils/bytes.js';
import { checkIndLength, joinSqn, splitSqn } from './sqn.js';

/** Which freshness rule the USIM applies (see the module description). */
export type FreshnessRule = 'annex-c' | 'onomondo';

/** How the USIM forms SQN_MS for AUTS (see {@link sqnMsForAuts}). */
export type AutsSqnRule = 'annex-c' | 'onomondo';

/**
 * Optional age limit for time-based sequence numbers (SEQ = SEQ1 ‖ SEQ2, SEQ2 a GLC of `glcBits` bits,
 * TS 33.102 Annex C.1.1.1). The USIM has no clock; it measures age against the newest accepted SEQ:
 * a SEQ older than SEQ_MS is rejected when (SEQ_MS2 − SEQ2) mod 2^glcBits > maxAge (in GLC units).
 */
export interface AgeLimit {
  /** Length in bits of the time-based part SEQ2. */
  glcBits: number;
  /** Largest accepted age, in GLC units. */
  maxAge: bigint;
}

/** Parameters of the Annex C.2 check, stored with the array (they are USIM file contents too). */
export interface SqnArrayParams {
  /** IND length in bits; the array has 2^indLength entries. */
  indLength: number;
  /** Δ, the largest accepted jump of SEQ ahead of SEQ_MS (TS 33.102 Annex C.2.1). */
  delta: bigint;
  /** L: optional limit on SEQ_MS − SEQ (TS 33.102 Annex C.2.2); `'annex-c'` rule only. */
  limit?: bigint;
  /** Optional age limit for time-based SEQs; `'annex-c'` rule only. */
  ageLimit?: AgeLimit;
}

/** Why a sequence number was not accepted. */
export type FreshnessFailure = 'delta' | 'limit' | 'age' | 'replay';

/** Result of {@link checkFreshness}: the array to commit, or why SQN is out of range. */
export type FreshnessVerdict = { fresh: true; seqMs: bigint[] } | { fresh: false; reason: FreshnessFailure };

const U64 = 1n << 64n;

/** Validates the parameters (named errors); returns them unchanged. */
export function checkSqnArrayParams(params: SqnArrayParams, rule: FreshnessRule): SqnArrayParams {
  const l = checkIndLength(params.indLength);
  const { delta, limit, ageLimit } = params;
  if (typeof delta !== 'bigint') throw new TypeError(`delta must be a bigint, got ${describeType(delta)}`);
  if (delta < 1n || delta >= U64) throw new RangeError('delta must be between 1 and 2^64 - 1');
  if (limit !== undefined) {
    if (typeof limit !== 'bigint') throw new TypeError(`limit must be a bigint, got ${describeType(limit)}`);
    if (limit < 1n) throw new RangeError('limit (L) must be at least 1');
  }
  if (ageLimit !== undefined) {
    anumber('ageLimit.glcBits', ageLimit.glcBits, 47 - l);
    if (ageLimit.glcBits === 0) throw new RangeError('ageLimit.glcBits must be at least 1');
    if (typeof ageLimit.maxAge !== 'bigint' || ageLimit.maxAge < 0n) {
      throw new TypeError('ageLimit.maxAge must be a non-negative bigint');
    }
  }
  if (rule === 'onomondo' && (limit !== undefined || ageLimit !== undefined)) {
    throw new TypeError("limit and ageLimit are not part of the 'onomondo' freshness rule");
  }
  return params;
}

/** Validates an SEQ_MS array for `indLength` (2^indLength bigints of 48 − indLength bits). */
export function checkSeqMsArray(seqMs: readonly bigint[], indLength: number, name = 'seqMs'): bigint[] {
  const l = checkIndLength(indLength);
  if (!Array.isArray(seqMs)) throw new TypeError(`${name} must be an array of bigints`);
  if (seqMs.length !== 2 ** l)
    throw new RangeError(`${name} must have 2^${l} = ${2 ** l} entries, got ${seqMs.length}`);
  const max = 1n << BigInt(48 - l);
  return seqMs.map((v, i) => {
    if (typeof v !== 'bigint') throw new TypeError(`${name}[${i}] must be a bigint, got ${describeType(v)}`);
    if (v < 0n || v >= max) throw new RangeError(`${name}[${i}] must fit in ${48 - l} bits`);
    return v;
  });
}

/** SEQ_MS: the highest SEQ anywhere in the array (TS 33.102 Annex C.2.1). */
export function highestSeqMs(seqMs: readonly bigint[]): bigint {
  let h = 0n;
  for (const v of seqMs) if (v > h) h = v;
  return h;
}

/** Where an accepted SEQ goes: SEQ_MS(ind) := seq. */
export type FreshnessPlace =
  | { fresh: true; ind: number; seq: bigint }
  | { fresh: false; reason: FreshnessFailure };

/**
 * The freshness decision alone (no array copy): what {@link checkFreshness} decides, for a caller
 * that keeps `highest` (= {@link highestSeqMs}(seqMs)) up to date and updates its own array.
 */
export function freshnessPlace(
  seqMs: readonly bigint[],
  sqn: bigint,
  params: SqnArrayParams,
  rule: FreshnessRule,
  highest: bigint = highestSeqMs(seqMs),
): FreshnessPlace {
  const { seq, ind } = splitSqn(sqn, params.indLength);
  if (rule === 'onomondo') {
    if ((((seq - highest) % U64) + U64) % U64 >= params.delta) return { fresh: false, reason: 'delta' };
  } else {
    // C.2.1: accept only increases of at most Δ.
    if (seq - highest > params.delta) return { fresh: false, reason: 'delta' };
    // C.2.2: optional limit L on how far behind SEQ_MS the received SEQ may be.
    if (params.limit !== undefined && highest - seq >= params.limit) return { fresh: false, reason: 'limit' };
    if (params.ageLimit !== undefined && seq < highest) {
      const p = 1n << BigInt(params.ageLimit.glcBits);
      const age = ((highest % p) - (seq % p) + p) % p;
      if (age > params.ageLimit.maxAge) return { fresh: false, reason: 'age' };
    }
  }
  // C.2.2: SEQ must be greater than the entry for its index.
  if (seq <= seqMs[ind]!) return { fresh: false, reason: 'replay' };
  return { fresh: true, ind, seq };
}

/**
 * Checks a received SQN against the array (TS 33.102 Annex C.2.1 and C.2.2, or the onomondo rule).
 * On success returns the updated copy of the array (SEQ_MS(IND) := SEQ); the input is never modified.
 */
export function checkFreshness(
  seqMs: readonly bigint[],
  sqn: bigint,
  params: SqnArrayParams,
  rule: FreshnessRule,
): FreshnessVerdict {
  const place = freshnessPlace(seqMs, sqn, params, rule);
  if (!place.fresh) return place;
  const next = seqMs.slice();
  next[place.ind] = place.seq;
  return { fresh: true, seqMs: next };
}

/**
 * SQN_MS for the AUTS of a synchronisation failure.
 * - `'annex-c'`: "the highest previously accepted sequence number anywhere in the array" (TS 33.102
 *   Annex C.2.2), i.e. the largest SEQ_MS(i) ‖ i over the entries that ever accepted a SEQ (non-zero
 *   entries; ties go to the larger i, which is the larger SQN); 0 if nothing was accepted yet.
 * - `'onomondo'`: (highest SEQ_MS << indLength) | IND of the received SQN (onomondo-uicc `milenage_usim.c`).
 */
export function sqnMsForAuts(
  seqMs: readonly bigint[],
  indLength: number,
  rule: AutsSqnRule,
  receivedSqn: bigint,
  highest: bigint = highestSeqMs(seqMs),
): bigint {
  if (rule === 'onomondo') return joinSqn(highest, splitSqn(receivedSqn, indLength).ind, indLength);
  // The largest SEQ_MS(i) ‖ i: SEQ first, then i (the SQN order), over non-zero entries.
  let bestSeq = 0n;
  let bestInd = -1;
  for (let i = 0; i < seqMs.length; i++) {
    const v = seqMs[i]!;
    if (v !== 0n && v >= bestSeq) {
      bestSeq = v;
      bestInd = i;
    }
  }
  return bestInd < 0 ? 0n : joinSqn(bestSeq, bestInd, indLength);
}
