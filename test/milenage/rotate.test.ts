/** rot(x, r) of TS 35.206 §4.1 against a bit-by-bit reference, for every r in 0..127. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rotate128 } from '../../src/milenage/index.js';
import { fromHex, toHex } from '../../src/utils/bytes.js';
import { rotateBitByBit } from './reference.js';

const block = fc.uint8Array({ minLength: 16, maxLength: 16 });

describe('rotate128', () => {
  it('matches a bit-by-bit rotation for arbitrary r (bit, byte and word granular)', () => {
    fc.assert(
      fc.property(block, fc.integer({ min: 0, max: 127 }), (x, r) => {
        expect(toHex(rotate128(x, r))).toBe(toHex(rotateBitByBit(x, r)));
      }),
      { numRuns: 500 },
    );
  });

  it('matches for every r on one fixed value', () => {
    const x = fromHex('0123456789abcdeffedcba9876543210');
    for (let r = 0; r < 128; r++) expect(toHex(rotate128(x, r)), `r=${r}`).toBe(toHex(rotateBitByBit(x, r)));
  });

  it('rotates towards the most significant end', () => {
    const x = fromHex('00000000000000000000000000000001');
    expect(toHex(rotate128(x, 1))).toBe('00000000000000000000000000000002');
    expect(toHex(rotate128(x, 8))).toBe('00000000000000000000000000000100');
    expect(toHex(rotate128(x, 32))).toBe('00000000000000000000000100000000');
    expect(toHex(rotate128(x, 127))).toBe('80000000000000000000000000000000');
    expect(toHex(rotate128(fromHex('80000000000000000000000000000000'), 1))).toBe(
      '00000000000000000000000000000001',
    );
  });

  it('composes: rot(rot(x, a), b) = rot(x, (a + b) mod 128)', () => {
    fc.assert(
      fc.property(block, fc.integer({ min: 0, max: 127 }), fc.integer({ min: 0, max: 127 }), (x, a, b) => {
        expect(toHex(rotate128(rotate128(x, a), b))).toBe(toHex(rotate128(x, (a + b) % 128)));
      }),
    );
  });

  it('checks its arguments', () => {
    expect(() => rotate128(new Uint8Array(15), 1)).toThrow(new RangeError('x must be 16 bytes long, got 15'));
    expect(() => rotate128(new Uint8Array(16), 128)).toThrow(RangeError);
    expect(() => rotate128(new Uint8Array(16), 0.5)).toThrow(TypeError);
  });
});
