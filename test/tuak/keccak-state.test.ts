/** The byte ↔ lane mapping between TUAK's 200-byte INOUT and noble's 50-word Keccak state. */
import { sha3_256 } from '@noble/hashes/sha3.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keccakF1600, stateFromBytes, stateToBytes } from '../../src/tuak/index.js';
import { toHex } from '../../src/utils/bytes.js';

describe('stateFromBytes / stateToBytes', () => {
  it('maps bytes to 64-bit lanes little-endian (low half of lane i in word 2i)', () => {
    const b = new Uint8Array(200);
    for (let i = 0; i < 8; i++) b[8 + i] = 0x10 + i; // lane 1 = 0x17161514_13121110
    const s = stateFromBytes(b);
    expect(s[2]).toBe(0x13121110);
    expect(s[3]).toBe(0x17161514);
    expect([...s].filter((w, i) => i !== 2 && i !== 3 && w !== 0)).toEqual([]);
  });

  it('round-trips any state', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 200, maxLength: 200 }), (b) => {
        expect(toHex(stateToBytes(stateFromBytes(b)))).toBe(toHex(b));
      }),
      { numRuns: 50 },
    );
  });

  it('writes into the given destinations', () => {
    const b = new Uint8Array(200).fill(7);
    const w = new Uint32Array(50);
    expect(stateFromBytes(b, w)).toBe(w);
    const o = new Uint8Array(200);
    expect(stateToBytes(w, o)).toBe(o);
    expect(toHex(o)).toBe(toHex(b));
  });

  it('rejects wrong sizes and types', () => {
    expect(() => stateFromBytes(new Uint8Array(199))).toThrow(RangeError);
    expect(() => stateFromBytes(new Uint8Array(200), new Uint32Array(49))).toThrow(RangeError);
    expect(() => stateToBytes(new Uint32Array(25))).toThrow(RangeError);
    expect(() => stateToBytes(new Uint32Array(50), new Uint8Array(100))).toThrow(/out must be 200 bytes/);
    expect(() => keccakF1600('00' as unknown as Uint8Array)).toThrow(TypeError);
  });
});

describe('keccakF1600', () => {
  it('is the permutation inside SHA3-256 (FIPS 202): one padded empty block, first 32 bytes', () => {
    // SHA3-256("") absorbs the single rate block 06 00 … 00 80 (rate 136 bytes) into a zero state.
    const block = new Uint8Array(200);
    block[0] = 0x06;
    block[135] = 0x80;
    expect(toHex(keccakF1600(block).subarray(0, 32))).toBe(toHex(sha3_256(new Uint8Array(0))));
  });

  it('is a permutation: distinct inputs give distinct outputs', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 200, maxLength: 200 }), fc.nat(1599), (b, bit) => {
        const c = b.slice();
        c[bit >> 3]! ^= 1 << (bit & 7);
        expect(toHex(keccakF1600(b))).not.toBe(toHex(keccakF1600(c)));
      }),
      { numRuns: 20 },
    );
  });
});
