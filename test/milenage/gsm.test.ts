/** GSM conversion functions c2, SRES#2 and c3 (TS 33.102 §6.8.1.2, TS 55.205 §4). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { c2, c3, sres2 } from '../../src/milenage/index.js';
import { fromHex, toHex } from '../../src/utils/bytes.js';

/** XRES* = RES zero-padded to 128 bits; SRES = XOR of its four 32-bit words. */
function referenceC2(res: Uint8Array): Uint8Array {
  const padded = new Uint8Array(16);
  padded.set(res);
  const sres = new Uint8Array(4);
  for (let w = 0; w < 4; w++) for (let i = 0; i < 4; i++) sres[i]! ^= padded[4 * w + i]!;
  return sres;
}

describe('c2 (SRES#1)', () => {
  it('is RES[0..3] ⊕ RES[4..7] for the 8-byte MILENAGE RES', () => {
    expect(toHex(c2(fromHex('a54211d5e3ba50bf')))).toBe('46f8416a'); // TS 55.205 set 1
  });

  it('zero-pads RES of 4..16 bytes to 128 bits', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 16 }), (res) => {
        expect(toHex(c2(res))).toBe(toHex(referenceC2(res)));
      }),
    );
    expect(toHex(c2(fromHex('01020304')))).toBe('01020304');
    expect(toHex(c2(fromHex('0102030405')))).toBe('04020304');
    expect(toHex(c2(fromHex('00112233445566778899aabbccddeeff')))).toBe('00000000');
  });

  it('rejects other lengths and types, naming res', () => {
    expect(() => c2(new Uint8Array(3))).toThrow(
      new RangeError('res must be one of 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 bytes long, got 3'),
    );
    expect(() => c2(new Uint8Array(17))).toThrow(RangeError);
    expect(() => c2('a54211d5' as never)).toThrow(new TypeError('res must be a Uint8Array, got a string'));
  });
});

describe('sres2 (SRES#2)', () => {
  it('is the first 32 bits of RES, as a copy', () => {
    const res = fromHex('a54211d5e3ba50bf');
    const sres = sres2(res);
    expect(toHex(sres)).toBe('a54211d5');
    sres.fill(0);
    expect(toHex(res)).toBe('a54211d5e3ba50bf');
    expect(toHex(sres2(fromHex('01020304')))).toBe('01020304');
    expect(() => sres2(new Uint8Array(2))).toThrow(RangeError);
  });
});

describe('c3 (Kc)', () => {
  it('is CK[0..63] ⊕ CK[64..127] ⊕ IK[0..63] ⊕ IK[64..127]', () => {
    // TS 55.205 set 1 (TS 35.208 set 1 CK/IK)
    expect(
      toHex(c3(fromHex('b40ba9a3c58b2a05bbf0d987b21bf8cb'), fromHex('f769bcd751044604127672711c6d3441'))),
    ).toBe('eae4be823af9a08b');
    const ck = fromHex(`0102030405060708${'00'.repeat(8)}`);
    expect(toHex(c3(ck, new Uint8Array(16)))).toBe('0102030405060708');
    expect(toHex(c3(new Uint8Array(16), fromHex(`${'00'.repeat(8)}ff00ff00ff00ff00`)))).toBe(
      'ff00ff00ff00ff00',
    );
  });

  it('checks its arguments', () => {
    expect(() => c3(new Uint8Array(8), new Uint8Array(16))).toThrow(
      new RangeError('ck must be 16 bytes long, got 8'),
    );
    expect(() => c3(new Uint8Array(16), null as never)).toThrow(
      new TypeError('ik must be a Uint8Array, got null'),
    );
  });
});
