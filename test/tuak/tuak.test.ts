/** createTuak / computeTopc: API contract, input checks, key hygiene. */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { AkaAlgorithm } from '../../src/aka/algorithm.js';
import { computeTopc, createTuak, TUAK_DEFAULTS, type TuakKeys } from '../../src/tuak/index.js';
import { fromHex, toHex } from '../../src/utils/bytes.js';
import vectors from '../vectors/tuak.json' with { type: 'json' };

// TS 35.233 set 1 (K 128, MAC 64, RES 32, CK/IK 128, 1 iteration).
const set1 = vectors.tuak[0]!;
const k = fromHex(set1.k);
const top = fromHex(set1.top);
const topc = fromHex(set1.topc);
const rand = fromHex(set1.rand);
const sqn = fromHex(set1.sqn);
const amf = fromHex(set1.amf);
const set1Options = { resBits: 32, macBits: 64 } as const;

/** The error `fn` throws (fails the test if it returns). */
function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('createTuak', () => {
  it('satisfies AkaAlgorithm structurally', () => {
    const a: AkaAlgorithm = createTuak({ k, topc }, set1Options);
    expect(a.algorithm).toBe('tuak');
    expect([a.macLength, a.resLength, a.ckLength, a.ikLength]).toEqual([8, 4, 16, 16]);
    expect(toHex(a.compute(rand, sqn, amf).macA)).toBe(set1.f1);
  });

  it('uses the documented defaults', () => {
    expect(TUAK_DEFAULTS).toEqual({ resBits: 64, macBits: 64, ckBits: 128, ikBits: 128, iterations: 1 });
    const t = createTuak({ k, topc });
    expect([t.macLength, t.resLength, t.ckLength, t.ikLength, t.kLength, t.iterations]).toEqual([
      8, 8, 16, 16, 16, 1,
    ]);
    const explicit = createTuak({ k, topc }, { ...TUAK_DEFAULTS });
    expect(toHex(t.f2345(rand).res)).toBe(toHex(explicit.f2345(rand).res));
    // Same K/TOPc/RAND as set 1 but RES 64 instead of 32: a different INSTANCE, so a different RES.
    expect(toHex(t.f2345(rand).res)).not.toContain(set1.f2);
  });

  it('copies K and TOPc: later changes to the caller arrays have no effect', () => {
    const kk = k.slice();
    const tc = topc.slice();
    const t = createTuak({ k: kk, topc: tc }, set1Options);
    kk.fill(0);
    tc.fill(0);
    expect(toHex(t.f1(rand, sqn, amf).macA)).toBe(set1.f1);
  });

  it('does not modify inputs, returns fresh arrays, accepts subarray views', () => {
    const t = createTuak({ k, topc }, set1Options);
    const buf = new Uint8Array(40);
    buf.set(rand, 3);
    buf.set(sqn, 19);
    buf.set(amf, 25);
    const before = toHex(buf);
    const r1 = t.compute(buf.subarray(3, 19), buf.subarray(19, 25), buf.subarray(25, 27));
    expect(toHex(buf)).toBe(before);
    expect(toHex(r1.macS)).toBe(set1.f1star);
    r1.res.fill(0);
    r1.macA.fill(0);
    const r2 = t.compute(rand, sqn, amf);
    expect(toHex(r2.res)).toBe(set1.f2);
    expect(toHex(r2.macA)).toBe(set1.f1);
    expect(r2.ak.buffer).not.toBe(r2.akStar.buffer);
  });

  it('gives results independent of call order (no state leaks between calls)', () => {
    const t = createTuak({ k, topc }, set1Options);
    const other = fromHex('00'.repeat(16));
    t.f1(other, sqn, amf);
    t.f2345(other);
    expect(toHex(t.f5star(rand).akStar)).toBe(set1.f5star);
    t.f1star(other, new Uint8Array(6), new Uint8Array(2));
    expect(toHex(t.f2345(rand).ak)).toBe(set1.f5);
  });

  it('checks the keys, naming the field and never showing key bytes', () => {
    const bad = (keys: unknown) => () => createTuak(keys as TuakKeys);
    expect(bad(undefined)).toThrow(TypeError);
    expect(bad({ k, top, topc })).toThrow(/exactly one of top or topc/);
    expect(bad({ k })).toThrow(/exactly one of top or topc/);
    expect(bad({ k, op: top })).toThrow(/keys\.op is not a TUAK key field/);
    expect(bad({ k: k.subarray(0, 15), topc })).toThrow(/keys\.k must be one of 16, 32 bytes long, got 15/);
    expect(bad({ k: Array.from(k), topc })).toThrow(TypeError);
    expect(bad({ k, topc: topc.subarray(0, 16) })).toThrow(/keys\.topc must be 32 bytes long/);
    expect(bad({ k, top: new Uint8Array(33) })).toThrow(/keys\.top must be 32 bytes long/);
    const messages = [
      { k: k.subarray(0, 15), topc },
      { k, topc: topc.subarray(1) },
    ].map((keys) => {
      const e = errorOf(() => createTuak(keys));
      expect(e).toBeInstanceOf(RangeError);
      return String(e);
    });
    for (const m of messages) {
      expect(m).not.toContain(set1.k.slice(0, 8));
      expect(m).not.toContain(set1.topc.slice(0, 8));
    }
  });

  it('checks the options, naming the option', () => {
    const bad = (options: unknown) => () => createTuak({ k, topc }, options as never);
    expect(bad({ resBits: 48 })).toThrow(/options\.resBits must be one of 32, 64, 128, 256, got 48/);
    expect(bad({ resBits: '64' })).toThrow(TypeError);
    expect(bad({ macBits: 32 })).toThrow(/options\.macBits/);
    expect(bad({ ckBits: 64 })).toThrow(/options\.ckBits/);
    expect(bad({ ikBits: 512 })).toThrow(/options\.ikBits/);
    expect(bad({ iterations: 0 })).toThrow(RangeError);
    expect(bad({ iterations: 0 })).toThrow(/options\.iterations/);
    expect(bad({ iterations: 1.5 })).toThrow(TypeError);
    expect(bad({ iterations: 2 ** 32 })).toThrow(RangeError);
    expect(bad({ resbits: 128 })).toThrow(/options\.resbits is not a TUAK option/);
    expect(bad(null)).toThrow(TypeError);
    expect(bad('fast')).toThrow(TypeError);
    // `undefined` fields mean "default".
    expect(createTuak({ k, topc }, { resBits: undefined }).resLength).toBe(8);
  });

  it('checks RAND, SQN and AMF lengths, naming the argument', () => {
    const t = createTuak({ k, topc });
    expect(() => t.f1(rand.subarray(1), sqn, amf)).toThrow(/rand must be 16 bytes long/);
    expect(() => t.f1star(rand, sqn.subarray(1), amf)).toThrow(/sqn must be 6 bytes long/);
    expect(() => t.compute(rand, sqn, new Uint8Array(3))).toThrow(/amf must be 2 bytes long/);
    expect(() => t.f2345(undefined as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => t.f5star(new Uint8Array(17))).toThrow(RangeError);
  });

  it('dispose() makes every later call throw and is idempotent', () => {
    const t = createTuak({ k, topc }, set1Options);
    t.dispose();
    t.dispose();
    expect(() => t.f1(rand, sqn, amf)).toThrow(/disposed/);
    expect(() => t.f1star(rand, sqn, amf)).toThrow(/disposed/);
    expect(() => t.f2345(rand)).toThrow(/disposed/);
    expect(() => t.f5star(rand)).toThrow(/disposed/);
    expect(() => t.compute(rand, sqn, amf)).toThrow(/disposed/);
  });

  it('prints as a label, never as key material', () => {
    const t = createTuak({ k, topc }, set1Options);
    for (const s of [String(t), `${t}`, JSON.stringify(t), inspect(t, { showHidden: true, depth: 5 })]) {
      expect(s).toContain('TUAK [redacted]');
      expect(s).not.toContain(set1.k.slice(0, 8));
      expect(s).not.toContain('abab');
      expect(s).not.toContain('171'); // 0xab as a decimal array element
    }
    expect(Object.keys(t)).not.toContain('toString');
  });
});

describe('computeTopc', () => {
  it('defaults to one iteration', () => {
    expect(toHex(computeTopc(k, top))).toBe(set1.topc);
  });

  it('checks its arguments', () => {
    expect(() => computeTopc(k.subarray(1), top)).toThrow(/k must be one of 16, 32 bytes long/);
    expect(() => computeTopc(k, top.subarray(1))).toThrow(/top must be 32 bytes long/);
    expect(() => computeTopc(k, top, 0)).toThrow(/iterations must be between 1 and/);
    expect(() => computeTopc(k, top, Number.NaN)).toThrow(TypeError);
  });

  it('does not modify K or TOP', () => {
    const kk = k.slice();
    const tt = top.slice();
    computeTopc(kk, tt, 2);
    expect(toHex(kk)).toBe(set1.k);
    expect(toHex(tt)).toBe(set1.top);
  });
});
