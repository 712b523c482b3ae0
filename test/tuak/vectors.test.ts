/**
 * Official test data: TS 35.232 Keccak-f[1600] sets 1–6 and TS 35.233 TUAK sets 1–6
 * (test/vectors/tuak.json, sources named there).
 */
import { keccakP } from '@noble/hashes/sha3.js';
import { describe, expect, it } from 'vitest';
import {
  computeTopc,
  createTuak,
  keccakF1600,
  stateFromBytes,
  stateToBytes,
  type TuakOptions,
} from '../../src/tuak/index.js';
import { fromHex, toHex } from '../../src/utils/bytes.js';
import vectors from '../vectors/tuak.json' with { type: 'json' };

type TuakSet = (typeof vectors.tuak)[number];

/** Parameter lengths implied by the hex lengths of a set (the JSON note says so). */
function optionsOf(v: TuakSet): TuakOptions {
  return {
    macBits: (v.f1.length * 4) as TuakOptions['macBits'],
    resBits: (v.f2.length * 4) as TuakOptions['resBits'],
    ckBits: (v.f3.length * 4) as TuakOptions['ckBits'],
    ikBits: (v.f4.length * 4) as TuakOptions['ikBits'],
    iterations: v.keccakIterations,
  };
}

describe('TS 35.232 Keccak-f[1600] test sets', () => {
  it('has the six sets', () => {
    expect(vectors.keccak.map((v) => v.set)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  for (const v of vectors.keccak) {
    it(`set ${v.set}: keccakF1600(IN) = OUT`, () => {
      const input = fromHex(v.in);
      const before = toHex(input);
      expect(toHex(keccakF1600(input))).toBe(v.out);
      expect(toHex(input)).toBe(before); // input untouched
    });

    it(`set ${v.set}: noble keccakP through the byte↔lane mapping`, () => {
      const s = stateFromBytes(fromHex(v.in));
      keccakP(s);
      expect(toHex(stateToBytes(s))).toBe(v.out);
    });
  }
});

describe('TS 35.233 TUAK test sets', () => {
  it('has the six sets covering every length class', () => {
    expect(vectors.tuak.map((v) => v.set)).toEqual([1, 2, 3, 4, 5, 6]);
    const o = vectors.tuak.map(optionsOf);
    expect(new Set(vectors.tuak.map((v) => v.k.length * 4))).toEqual(new Set([128, 256]));
    expect(new Set(o.map((x) => x.macBits))).toEqual(new Set([64, 128, 256]));
    expect(new Set(o.map((x) => x.resBits))).toEqual(new Set([32, 64, 128, 256]));
    expect(new Set(o.map((x) => x.iterations))).toEqual(new Set([1, 2]));
  });

  for (const v of vectors.tuak) {
    const k = fromHex(v.k);
    const rand = fromHex(v.rand);
    const sqn = fromHex(v.sqn);
    const amf = fromHex(v.amf);
    const opts = optionsOf(v);
    const label = `set ${v.set} (${v.clause}, K${k.length * 8}, MAC${opts.macBits}, RES${opts.resBits}, CK${opts.ckBits}, IK${opts.ikBits}, ×${opts.iterations})`;

    it(`${label}: TOPc`, () => {
      expect(toHex(computeTopc(k, fromHex(v.top), v.keccakIterations))).toBe(v.topc);
    });

    it(`${label}: f1, f1*, f2, f3, f4, f5, f5* from TOPc`, () => {
      const t = createTuak({ k, topc: fromHex(v.topc) }, opts);
      expect(toHex(t.f1(rand, sqn, amf).macA)).toBe(v.f1);
      expect(toHex(t.f1star(rand, sqn, amf).macS)).toBe(v.f1star);
      const { res, ck, ik, ak } = t.f2345(rand);
      expect(toHex(res)).toBe(v.f2);
      expect(toHex(ck)).toBe(v.f3);
      expect(toHex(ik)).toBe(v.f4);
      expect(toHex(ak)).toBe(v.f5);
      expect(toHex(t.f5star(rand).akStar)).toBe(v.f5star);
    });

    it(`${label}: compute() from TOP`, () => {
      const r = createTuak({ k, top: fromHex(v.top) }, opts).compute(rand, sqn, amf);
      expect({
        f1: toHex(r.macA),
        f1star: toHex(r.macS),
        f2: toHex(r.res),
        f3: toHex(r.ck),
        f4: toHex(r.ik),
        f5: toHex(r.ak),
        f5star: toHex(r.akStar),
      }).toEqual({
        f1: v.f1,
        f1star: v.f1star,
        f2: v.f2,
        f3: v.f3,
        f4: v.f4,
        f5: v.f5,
        f5star: v.f5star,
      });
    });
  }
});
