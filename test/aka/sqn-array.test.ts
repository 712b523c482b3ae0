/** USIM-side freshness (TS 33.102 Annex C.2) and the onomondo-uicc variant, on the pure functions. */

import { describe, expect, it } from 'vitest';
import {
  checkFreshness,
  highestSeqMs,
  joinSqn,
  type SqnArrayParams,
  sqnMsForAuts,
} from '../../src/aka/index.js';

const P: SqnArrayParams = { indLength: 5, delta: 100n };
const array = (entries: Record<number, bigint>) => {
  const a = new Array<bigint>(32).fill(0n);
  for (const [i, v] of Object.entries(entries)) a[Number(i)] = v;
  return a;
};

describe('checkFreshness', () => {
  const seqMs = array({ 2: 50n, 9: 40n });

  it('accepts SEQ > SEQ_MS(IND) and returns an updated copy', () => {
    const v = checkFreshness(seqMs, joinSqn(60n, 9), P, 'annex-c');
    expect(v).toEqual({ fresh: true, seqMs: array({ 2: 50n, 9: 60n }) });
    expect(seqMs[9]).toBe(40n); // input untouched
  });

  it('replay: SEQ ≤ SEQ_MS(IND), both rules', () => {
    for (const rule of ['annex-c', 'onomondo'] as const) {
      expect(checkFreshness(seqMs, joinSqn(50n, 2), P, rule)).toEqual({ fresh: false, reason: 'replay' });
    }
    expect(checkFreshness(seqMs, joinSqn(40n, 9), P, 'annex-c')).toEqual({ fresh: false, reason: 'replay' });
  });

  it('Δ boundary: annex-c accepts SEQ − SEQ_MS = Δ, onomondo rejects it (≥ Δ)', () => {
    expect(checkFreshness(seqMs, joinSqn(150n, 0), P, 'annex-c').fresh).toBe(true);
    expect(checkFreshness(seqMs, joinSqn(150n, 0), P, 'onomondo')).toEqual({ fresh: false, reason: 'delta' });
    expect(checkFreshness(seqMs, joinSqn(149n, 0), P, 'onomondo').fresh).toBe(true);
    for (const rule of ['annex-c', 'onomondo'] as const) {
      expect(checkFreshness(seqMs, joinSqn(151n, 0), P, rule)).toEqual({ fresh: false, reason: 'delta' });
    }
  });

  it('a SEQ below SEQ_MS but fresh for its IND: annex-c accepts, onomondo (u64 wrap) rejects as delta', () => {
    expect(checkFreshness(seqMs, joinSqn(45n, 9), P, 'annex-c').fresh).toBe(true);
    expect(checkFreshness(seqMs, joinSqn(45n, 9), P, 'onomondo')).toEqual({ fresh: false, reason: 'delta' });
  });

  it('limit L: accept only SEQ_MS − SEQ < L', () => {
    const withL = { ...P, limit: 8n };
    expect(checkFreshness(seqMs, joinSqn(43n, 9), withL, 'annex-c').fresh).toBe(true); // 50 − 43 = 7
    expect(checkFreshness(seqMs, joinSqn(42n, 9), withL, 'annex-c')).toEqual({
      fresh: false,
      reason: 'limit',
    });
  });

  it('age limit on the time-based part SEQ2 (mod 2^glcBits)', () => {
    const aged = { ...P, ageLimit: { glcBits: 4, maxAge: 5n } };
    const ms = array({ 0: (2n << 4n) | 1n }); // SEQ1 = 2, SEQ2 = 1
    // SEQ1 = 1, SEQ2 = 12: older by (1 − 12) mod 16 = 5 → accepted; SEQ2 = 11 → age 6 → rejected.
    expect(checkFreshness(ms, joinSqn((1n << 4n) | 12n, 3), aged, 'annex-c').fresh).toBe(true);
    expect(checkFreshness(ms, joinSqn((1n << 4n) | 11n, 3), aged, 'annex-c')).toEqual({
      fresh: false,
      reason: 'age',
    });
    // Newer SEQs are never too old.
    expect(checkFreshness(ms, joinSqn((2n << 4n) | 2n, 3), aged, 'annex-c').fresh).toBe(true);
  });
});

describe('sqnMsForAuts', () => {
  it('annex-c: highest accepted SQN, ties to the larger IND; onomondo: highest SEQ ‖ received IND', () => {
    const seqMs = array({ 2: 50n, 9: 40n, 20: 50n });
    expect(highestSeqMs(seqMs)).toBe(50n);
    expect(sqnMsForAuts(seqMs, 5, 'annex-c', joinSqn(1n, 3))).toBe(joinSqn(50n, 20));
    expect(sqnMsForAuts(seqMs, 5, 'onomondo', joinSqn(1n, 3))).toBe(joinSqn(50n, 3));
    expect(sqnMsForAuts(array({}), 5, 'annex-c', joinSqn(1n, 3))).toBe(0n);
  });
});
