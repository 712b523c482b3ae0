/** SQN = SEQ ‖ IND arithmetic and the home-network generation schemes (TS 33.102 Annex C.1.1). */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  glcFromClock,
  joinSqn,
  nextSeq,
  nextSqn,
  SQN_MAX,
  splitSqn,
  sqnToBytes,
  toSqn,
} from '../../src/aka/index.js';
import { x } from './helpers.js';

describe('SQN encoding and SEQ ‖ IND', () => {
  it('encodes 48-bit SQNs big-endian and accepts bytes or bigint', () => {
    expect(x(sqnToBytes(0x2ee85c25bab8n))).toBe('2ee85c25bab8');
    expect(toSqn(sqnToBytes(SQN_MAX))).toBe(SQN_MAX);
    expect(() => toSqn(1n << 48n)).toThrow(RangeError);
    expect(() => toSqn(-1n)).toThrow(/sqn/);
    expect(() => toSqn(new Uint8Array(5), 'sqnHe')).toThrow(/sqnHe must be 6 bytes/);
    expect(() => toSqn(5 as unknown as bigint)).toThrow(TypeError);
  });

  it('splits the golden SoftSIM SQN 2ee85c25bab8 into IND 24', () => {
    const { seq, ind } = splitSqn(0x2ee85c25bab8n);
    expect(ind).toBe(24);
    expect(seq).toBe(0x2ee85c25bab8n >> 5n);
  });

  it('join inverts split for every IND length', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: SQN_MAX }), fc.integer({ min: 0, max: 16 }), (sqn, l) => {
        const { seq, ind } = splitSqn(sqn, l);
        expect(ind).toBeLessThan(2 ** l);
        expect(joinSqn(seq, ind, l)).toBe(sqn);
      }),
    );
  });

  it('rejects SEQ or IND that do not fit', () => {
    expect(() => joinSqn(1n << 43n, 0)).toThrow(/seq must fit in 43 bits/);
    expect(() => joinSqn(0n, 32)).toThrow(/ind/);
  });
});

describe('nextSqn (Annex C.1.1, non-time-based)', () => {
  it('increments SEQ and cycles IND', () => {
    expect(nextSqn({ sqnHe: joinSqn(10n, 3) })).toBe(joinSqn(11n, 4));
    expect(nextSqn({ sqnHe: joinSqn(10n, 31) })).toBe(joinSqn(11n, 0));
    expect(nextSqn({ sqnHe: joinSqn(10n, 31), ind: 7 })).toBe(joinSqn(11n, 7));
    expect(nextSqn({ sqnHe: 0x1fn, indLength: 0 })).toBe(0x20n);
    expect(nextSqn({ sqnHe: sqnToBytes(joinSqn(1n, 1, 3)), indLength: 3 })).toBe(joinSqn(2n, 2, 3));
  });

  it('throws when the SEQ space is exhausted', () => {
    expect(() => nextSqn({ sqnHe: SQN_MAX })).toThrow(/exhausted/);
  });
});

describe('nextSeq (Annex C.1.1.1 item 5, time-based SEQ2)', () => {
  // n = 8 bits of GLC (p = 256), D = 16, SEQ1 = 3.
  const seqBits = 43;
  const seq = (seq1: bigint, seq2: bigint) => (seq1 << 8n) | seq2;
  const tb = (glc: bigint) => ({ glcBits: 8, glc, d: 16n });

  it('(a) the clock moved on: SEQ = SEQ_HE1 ‖ GLC', () => {
    expect(nextSeq(seq(3n, 10n), seqBits, tb(20n))).toBe(seq(3n, 20n));
    expect(nextSeq(seq(3n, 10n), seqBits, tb(10n + 256n - 16n))).toBe(seq(3n, 250n));
  });

  it('(b) same clock step, or the clock is just behind across the wrap: SEQ = SEQ_HE + 1', () => {
    expect(nextSeq(seq(3n, 12n), seqBits, tb(10n))).toBe(seq(3n, 13n));
    expect(nextSeq(seq(3n, 10n), seqBits, tb(10n))).toBe(seq(3n, 11n));
    expect(nextSeq(seq(3n, 25n), seqBits, tb(10n))).toBe(seq(3n, 26n)); // SEQ_HE2 = GLC + D − 1
    expect(nextSeq(seq(3n, 10n), seqBits, tb(10n + 256n - 16n + 1n))).toBe(seq(3n, 11n));
    expect(nextSeq(seq(3n, 255n), seqBits, tb(255n))).toBe(seq(4n, 0n)); // carries into SEQ1
  });

  it('(c) the clock wrapped around: SEQ = (SEQ_HE1 + 1) ‖ GLC', () => {
    expect(nextSeq(seq(3n, 200n), seqBits, tb(3n))).toBe(seq(4n, 3n));
    expect(nextSeq(seq(3n, 26n), seqBits, tb(10n))).toBe(seq(4n, 10n));
  });

  it('always gives a larger SEQ (so the USIM sees fresh numbers)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 40n) - 1n }),
        fc.integer({ min: 1, max: 24 }),
        fc.bigInt({ min: 0n, max: (1n << 24n) - 1n }),
        fc.bigInt({ min: 1n, max: (1n << 24n) - 1n }),
        (seqHe, n, glcRaw, dRaw) => {
          const p = 1n << BigInt(n);
          const next = nextSeq(seqHe, seqBits, {
            glcBits: n,
            glc: glcRaw % p,
            d: ((dRaw - 1n) % (p - 1n || 1n)) + 1n,
          });
          expect(next > seqHe).toBe(true);
        },
      ),
    );
  });

  it('validates its parameters', () => {
    expect(() => nextSeq(0n, seqBits, { glcBits: 8, glc: 256n, d: 16n })).toThrow(/glc/);
    expect(() => nextSeq(0n, seqBits, { glcBits: 8, glc: 1n, d: 0n })).toThrow(/\.d/);
    expect(() => nextSeq(0n, seqBits, { glcBits: 0, glc: 0n, d: 1n })).toThrow(/glcBits/);
    expect(() => nextSeq(-1n, seqBits)).toThrow(/seqHe/);
  });

  it('glcFromClock counts clock units mod 2^n', () => {
    expect(glcFromClock(10_500, 1000, 24)).toBe(10n);
    expect(glcFromClock(2 ** 24 * 1000 + 3000, 1000, 24)).toBe(3n);
    expect(() => glcFromClock(1, 0, 8)).toThrow(/unitMs/);
  });

  it('nextSqn with a time-based SEQ puts GLC into SEQ2', () => {
    const sqn = nextSqn({ sqnHe: joinSqn(seq(3n, 10n), 4), timeBased: tb(77n) });
    expect(splitSqn(sqn)).toEqual({ seq: seq(3n, 77n), ind: 5 });
  });
});
