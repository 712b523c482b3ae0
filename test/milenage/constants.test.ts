/**
 * Operator-customised constants r1..r5 / c1..c5 (TS 35.206 §4.1): validation, and property tests
 * against the plain reference in ./reference.ts (no published vectors use non-default constants).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createMilenage,
  defaultMilenageConstants,
  type MilenageConstants,
  validateMilenageConstants,
} from '../../src/milenage/index.js';
import { toHex } from '../../src/utils/bytes.js';
import { referenceMilenage } from './reference.js';

const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
const inputs = fc.record({ k: bytes(16), opc: bytes(16), rand: bytes(16), sqn: bytes(6), amf: bytes(2) });
const rotation = fc.integer({ min: 0, max: 127 });
const customConstants = fc.record({
  r1: rotation,
  r2: rotation,
  r3: rotation,
  r4: rotation,
  r5: rotation,
  c1: bytes(16),
  c2: bytes(16),
  c3: bytes(16),
  c4: bytes(16),
  c5: bytes(16),
});

describe('defaultMilenageConstants', () => {
  it('are the TS 35.206 §4.1 values', () => {
    const d = defaultMilenageConstants();
    expect([d.r1, d.r2, d.r3, d.r4, d.r5]).toEqual([64, 0, 32, 64, 96]);
    expect([d.c1, d.c2, d.c3, d.c4, d.c5].map(toHex)).toEqual([
      '00000000000000000000000000000000',
      '00000000000000000000000000000001',
      '00000000000000000000000000000002',
      '00000000000000000000000000000004',
      '00000000000000000000000000000008',
    ]);
  });

  it('returns independent copies', () => {
    defaultMilenageConstants().c2.fill(0xff);
    expect(toHex(defaultMilenageConstants().c2)).toBe('00000000000000000000000000000001');
  });
});

describe('validateMilenageConstants', () => {
  it('fills missing constants with the defaults and copies the given ones', () => {
    const c3 = new Uint8Array(16).fill(7);
    const full = validateMilenageConstants({ r3: 5, c3 });
    expect(full.r3).toBe(5);
    expect(full.r1).toBe(64);
    expect(full.c3).not.toBe(c3);
    c3.fill(0);
    expect(full.c3[0]).toBe(7);
  });

  it.each([
    [{ r3: 128 }, RangeError, 'constants.r3 must be between 0 and 127, got 128'],
    [{ r1: -1 }, RangeError, 'constants.r1 must be between 0 and 127, got -1'],
    [{ r2: 1.5 }, TypeError, 'constants.r2 must be an integer number of bits, got a number'],
    [{ r5: '96' }, TypeError, 'constants.r5 must be an integer number of bits, got a string'],
    [{ c4: new Uint8Array(15) }, RangeError, 'constants.c4 must be 16 bytes long, got 15'],
    [{ c1: 0 }, TypeError, 'constants.c1 must be a Uint8Array, got a number'],
    [{ R1: 64 }, TypeError, 'constants.R1 is not a MILENAGE constant (expected r1..r5 and c1..c5)'],
  ])('rejects %o', (constants, type, message) => {
    expect(() => validateMilenageConstants(constants as never)).toThrow(new type(message));
    expect(() =>
      createMilenage({ k: new Uint8Array(16), opc: new Uint8Array(16) }, { constants: constants as never }),
    ).toThrow(new type(message));
  });

  it('rejects a non-object', () => {
    expect(() => validateMilenageConstants(null as never)).toThrow(
      new TypeError('constants must be an object, got null'),
    );
    expect(() => validateMilenageConstants([] as never)).toThrow(TypeError);
  });

  it('rejects two equal (rk, ck) pairs among OUT2..OUT5, which would make two outputs equal', () => {
    const d = defaultMilenageConstants();
    expect(() => validateMilenageConstants({ r4: 32, c4: d.c3 })).toThrow(
      new RangeError('constants.r4/c4 equal constants.r3/c3: OUT4 would equal OUT3 (TS 35.206 §4.1)'),
    );
    expect(() => validateMilenageConstants({ r5: 0, c5: d.c2 })).toThrow(/OUT5 would equal OUT2/);
    // Equal rotations with different constants (or the reverse) are fine.
    expect(() => validateMilenageConstants({ r4: 32 })).not.toThrow();
    expect(() => validateMilenageConstants({ c4: d.c3 })).not.toThrow();
    // c1/r1 feed OUT1, whose input has a different shape: equal to (r2, c2) is allowed.
    expect(() => validateMilenageConstants({ r1: 0, c1: d.c2 })).not.toThrow();
  });
});

describe('custom constants (property tests)', () => {
  it('constants equal to the defaults give the default results', () => {
    fc.assert(
      fc.property(inputs, fc.boolean(), ({ k, opc, rand, sqn, amf }, explicit) => {
        const constants = explicit
          ? defaultMilenageConstants()
          : { r3: 32, c5: defaultMilenageConstants().c5 };
        const custom = createMilenage({ k, opc }, { constants }).compute(rand, sqn, amf);
        const plain = createMilenage({ k, opc }).compute(rand, sqn, amf);
        expect(custom).toEqual(plain);
      }),
      { numRuns: 100 },
    );
  });

  it('every output matches the plain bit-by-bit reference, for arbitrary valid constants', () => {
    fc.assert(
      fc.property(inputs, customConstants, ({ k, opc, rand, sqn, amf }, constants) => {
        let full: MilenageConstants;
        try {
          full = validateMilenageConstants(constants);
        } catch {
          return; // two equal (rk, ck) pairs: astronomically unlikely with random ck
        }
        const ref = referenceMilenage(k, opc, rand, sqn, amf, full);
        const m = createMilenage({ k, opc }, { constants });
        const r = m.compute(rand, sqn, amf);
        expect(toHex(r.macA)).toBe(toHex(ref.out1.subarray(0, 8)));
        expect(toHex(r.macS)).toBe(toHex(ref.out1.subarray(8, 16)));
        expect(toHex(r.ak)).toBe(toHex(ref.out2.subarray(0, 6)));
        expect(toHex(r.res)).toBe(toHex(ref.out2.subarray(8, 16)));
        expect(toHex(r.ck)).toBe(toHex(ref.out3));
        expect(toHex(r.ik)).toBe(toHex(ref.out4));
        expect(toHex(r.akStar)).toBe(toHex(ref.out5.subarray(0, 6)));
        // The single functions agree with compute().
        expect(m.f1(rand, sqn, amf).macA).toEqual(r.macA);
        expect(m.f1star(rand, sqn, amf).macS).toEqual(r.macS);
        expect(m.f2345(rand)).toEqual({ res: r.res, ck: r.ck, ik: r.ik, ak: r.ak });
        expect(m.f5star(rand).akStar).toEqual(r.akStar);
      }),
      { numRuns: 150 },
    );
  });

  it('the default constants also match the reference (random K, OPc, RAND, SQN, AMF)', () => {
    fc.assert(
      fc.property(inputs, ({ k, opc, rand, sqn, amf }) => {
        const ref = referenceMilenage(k, opc, rand, sqn, amf, defaultMilenageConstants());
        const out = createMilenage({ k, opc }).computeInto(rand, sqn, amf, new Uint8Array(68));
        const expected = [
          ref.out1,
          ref.out2.subarray(8, 16),
          ref.out3,
          ref.out4,
          ref.out2.subarray(0, 6),
          ref.out5.subarray(0, 6),
        ];
        expect(toHex(out)).toBe(expected.map(toHex).join(''));
      }),
      { numRuns: 150 },
    );
  });

  it('f1 and f1* are the two halves of one OUT1: f1 ‖ f1* = OUT1, and both change with SQN and AMF', () => {
    fc.assert(
      fc.property(inputs, customConstants, bytes(6), ({ k, opc, rand, sqn, amf }, constants, sqn2) => {
        fc.pre(toHex(sqn2) !== toHex(sqn));
        const m = createMilenage({ k, opc }, { constants: { r1: constants.r1, c1: constants.c1 } });
        const full = validateMilenageConstants({ r1: constants.r1, c1: constants.c1 });
        const out1 = referenceMilenage(k, opc, rand, sqn, amf, full).out1;
        const { macA } = m.f1(rand, sqn, amf);
        const { macS } = m.f1star(rand, sqn, amf);
        expect(toHex(macA) + toHex(macS)).toBe(toHex(out1));
        // Same RAND, another SQN: a different OUT1 (AES is a permutation, so this is exact unless
        // rot(IN1 ⊕ OPc) collides, which it cannot for distinct IN1).
        const other = m.f1(rand, sqn2, amf).macA;
        const otherS = m.f1star(rand, sqn2, amf).macS;
        expect(toHex(macA) + toHex(macS)).not.toBe(toHex(other) + toHex(otherS));
      }),
      { numRuns: 100 },
    );
  });
});
