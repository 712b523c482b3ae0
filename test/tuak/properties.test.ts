/**
 * Property tests over every TUAK parameter combination (TS 35.231 §5.1):
 * K 128/256 × RES 32/64/128/256 × MAC 64/128/256 × CK 128/256 × IK 128/256 × KeccakIterations 1..3.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeTopc,
  createTuak,
  type TuakCkIkBits,
  type TuakComputeResult,
  type TuakMacBits,
  type TuakResBits,
} from '../../src/tuak/index.js';
import { fromHex, toHex } from '../../src/utils/bytes.js';
import vectors from '../vectors/tuak.json' with { type: 'json' };
import { refCompute, refTopc } from './reference.js';

interface Combo {
  kBytes: 16 | 32;
  resBits: TuakResBits;
  macBits: TuakMacBits;
  ckBits: TuakCkIkBits;
  ikBits: TuakCkIkBits;
  iterations: number;
}

const COMBOS: Combo[] = [];
for (const kBytes of [16, 32] as const)
  for (const resBits of [32, 64, 128, 256] as const)
    for (const macBits of [64, 128, 256] as const)
      for (const ckBits of [128, 256] as const)
        for (const ikBits of [128, 256] as const)
          for (const iterations of [1, 2, 3])
            COMBOS.push({ kBytes, resBits, macBits, ckBits, ikBits, iterations });

const name = (c: Combo) =>
  `K${c.kBytes * 8} RES${c.resBits} MAC${c.macBits} CK${c.ckBits} IK${c.ikBits} ×${c.iterations}`;

const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });

/** Copy of `b` with bit `bit` (mod its length in bits) flipped. */
function flip(b: Uint8Array, bit: number): Uint8Array {
  const c = b.slice();
  const i = bit % (8 * b.length);
  c[i >> 3]! ^= 0x80 >> (i & 7);
  return c;
}

const hexAll = (r: TuakComputeResult) => ({
  macA: toHex(r.macA),
  macS: toHex(r.macS),
  res: toHex(r.res),
  ck: toHex(r.ck),
  ik: toHex(r.ik),
  ak: toHex(r.ak),
  akStar: toHex(r.akStar),
});

type HexResult = ReturnType<typeof hexAll>;

/** Fields of `b` that equal those of `a`. */
const sameFields = (a: HexResult, b: HexResult) =>
  (Object.keys(a) as (keyof HexResult)[]).filter((key) => a[key] === b[key]);

describe('reference oracle', () => {
  it('reproduces every TS 35.233 set (so it can judge the property tests)', () => {
    for (const v of vectors.tuak) {
      const k = fromHex(v.k);
      expect(toHex(refTopc(k, fromHex(v.top), v.keccakIterations))).toBe(v.topc);
      const p = {
        macBits: v.f1.length * 4,
        resBits: v.f2.length * 4,
        ckBits: v.f3.length * 4,
        ikBits: v.f4.length * 4,
        iterations: v.keccakIterations,
      };
      const r = hexAll(refCompute(k, fromHex(v.topc), p, fromHex(v.rand), fromHex(v.sqn), fromHex(v.amf)));
      expect(r).toEqual({
        macA: v.f1,
        macS: v.f1star,
        res: v.f2,
        ck: v.f3,
        ik: v.f4,
        ak: v.f5,
        akStar: v.f5star,
      });
    }
  });
});

describe('every parameter combination', () => {
  it('covers 288 combinations', () => {
    expect(COMBOS).toHaveLength(2 * 4 * 3 * 2 * 2 * 3);
  });

  it.for(COMBOS.map((c) => [name(c), c] as const))('%s', ([, c]) => {
    const { kBytes, iterations, ...lengths } = c;
    const opts = { ...lengths, iterations };
    fc.assert(
      fc.property(
        bytes(kBytes),
        bytes(32),
        bytes(16),
        bytes(6),
        bytes(2),
        fc.nat(),
        (k, top, rand, sqn, amf, bit) => {
          const topc = computeTopc(k, top, iterations);
          const t = createTuak({ k, topc }, opts);
          const all = t.compute(rand, sqn, amf);

          // Declared lengths.
          expect([t.macLength, t.resLength, t.ckLength, t.ikLength, t.kLength, t.iterations]).toEqual([
            c.macBits / 8,
            c.resBits / 8,
            c.ckBits / 8,
            c.ikBits / 8,
            kBytes,
            iterations,
          ]);
          expect(all.macA).toHaveLength(t.macLength);
          expect(all.macS).toHaveLength(t.macLength);
          expect(all.res).toHaveLength(t.resLength);
          expect(all.ck).toHaveLength(t.ckLength);
          expect(all.ik).toHaveLength(t.ikLength);
          expect(all.ak).toHaveLength(6);
          expect(all.akStar).toHaveLength(6);

          // The single functions agree with compute().
          const single = {
            ...t.f1(rand, sqn, amf),
            ...t.f1star(rand, sqn, amf),
            ...t.f2345(rand),
            ...t.f5star(rand),
          };
          const h = hexAll(all);
          expect(hexAll(single)).toEqual(h);

          // { k, top } gives the same instance as { k, topc: computeTopc(k, top, iterations) }.
          expect(hexAll(createTuak({ k, top }, opts).compute(rand, sqn, amf))).toEqual(h);

          // The plain byte-level oracle agrees (TOPc and all outputs).
          expect(toHex(refTopc(k, top, iterations))).toBe(toHex(topc));
          expect(hexAll(refCompute(k, topc, opts, rand, sqn, amf))).toEqual(h);

          // One flipped bit of K, TOP, TOPc or RAND changes every output.
          const withKeys = (kk: Uint8Array, tc: Uint8Array, r: Uint8Array) =>
            hexAll(createTuak({ k: kk, topc: tc }, opts).compute(r, sqn, amf));
          expect(sameFields(h, withKeys(flip(k, bit), topc, rand))).toEqual([]);
          expect(sameFields(h, withKeys(k, computeTopc(k, flip(top, bit), iterations), rand))).toEqual([]);
          expect(sameFields(h, withKeys(k, flip(topc, bit), rand))).toEqual([]);
          expect(sameFields(h, withKeys(k, topc, flip(rand, bit)))).toEqual([]);

          // SQN and AMF enter f1 and f1* only (§6.4, §6.5 set them to zero for f2–f5 and f5*).
          for (const r of [t.compute(rand, flip(sqn, bit), amf), t.compute(rand, sqn, flip(amf, bit))]) {
            expect(sameFields(h, hexAll(r))).toEqual(['res', 'ck', 'ik', 'ak', 'akStar']);
          }
          t.dispose();
        },
      ),
      { numRuns: 3 },
    );
  });
});

describe('domain separation by INSTANCE and KeccakIterations', () => {
  const k16 = fromHex('000102030405060708090a0b0c0d0e0f');
  const topc = new Uint8Array(32).fill(0x5a);
  const rand = new Uint8Array(16).fill(0x42);
  const sqn = new Uint8Array(6).fill(0x11);
  const amf = new Uint8Array(2).fill(0xff);

  it('a shorter MAC/RES/CK/IK is not a prefix of a longer one', () => {
    const short = createTuak({ k: k16, topc }, { macBits: 64, resBits: 32 }).compute(rand, sqn, amf);
    const long = createTuak(
      { k: k16, topc },
      { macBits: 256, resBits: 256, ckBits: 256, ikBits: 256 },
    ).compute(rand, sqn, amf);
    expect(toHex(long.macA.subarray(0, 8))).not.toBe(toHex(short.macA));
    expect(toHex(long.res.subarray(0, 4))).not.toBe(toHex(short.res));
    expect(toHex(long.ck.subarray(0, 16))).not.toBe(toHex(short.ck));
    expect(toHex(long.ik.subarray(0, 16))).not.toBe(toHex(short.ik));
    // AK comes from the f2–f5 run, whose INSTANCE carries the RES/CK/IK lengths; AK* (f5*) sees only K's length.
    expect(toHex(long.ak)).not.toBe(toHex(short.ak));
    expect(toHex(long.akStar)).toBe(toHex(short.akStar));
  });

  it('a 128-bit K differs from the same K zero-extended to 256 bits (INSTANCE[7])', () => {
    const k32 = new Uint8Array(32);
    k32.set(k16, 16); // identical INOUT bytes except the K-length bit
    const a = hexAll(createTuak({ k: k16, topc }).compute(rand, sqn, amf));
    const b = hexAll(createTuak({ k: k32, topc }).compute(rand, sqn, amf));
    expect(sameFields(a, b)).toEqual([]);
    expect(toHex(computeTopc(k16, topc))).not.toBe(toHex(computeTopc(k32, topc)));
  });

  it('each extra Keccak iteration changes every output and TOPc', () => {
    const runs = [1, 2, 3].map((iterations) =>
      hexAll(createTuak({ k: k16, topc }, { iterations }).compute(rand, sqn, amf)),
    );
    expect(sameFields(runs[0]!, runs[1]!)).toEqual([]);
    expect(sameFields(runs[1]!, runs[2]!)).toEqual([]);
    expect(toHex(computeTopc(k16, topc, 1))).not.toBe(toHex(computeTopc(k16, topc, 2)));
  });
});
