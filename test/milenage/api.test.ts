/** The contract of createMilenage: input checks, output shape, dispose, redaction, AkaAlgorithm fit. */
import { inspect } from 'node:util';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AkaAlgorithm } from '../../src/aka/algorithm.js';
import { computeOpc, createMilenage, MILENAGE_LAYOUT, type MilenageKeys } from '../../src/milenage/index.js';
import { fromHex, toHex } from '../../src/utils/bytes.js';
import vectors from '../vectors/milenage.json' with { type: 'json' };

const set1 = vectors.sets[0]!;
const k = fromHex(set1.k);
const op = fromHex(set1.op);
const opc = fromHex(set1.opc);
const rand = fromHex(set1.rand);
const sqn = fromHex(set1.sqn);
const amf = fromHex(set1.amf);

describe('createMilenage', () => {
  it('satisfies AkaAlgorithm with MILENAGE lengths', () => {
    const a: AkaAlgorithm = createMilenage({ k, opc });
    expectTypeOf(createMilenage).returns.toExtend<AkaAlgorithm>();
    expect([a.algorithm, a.macLength, a.resLength, a.ckLength, a.ikLength]).toEqual([
      'milenage',
      8,
      8,
      16,
      16,
    ]);
    const r = a.compute(rand, sqn, amf);
    expect([r.macA, r.macS, r.res, r.ck, r.ik, r.ak, r.akStar].map((x) => x.length)).toEqual([
      8, 8, 8, 16, 16, 6, 6,
    ]);
  });

  it('gives the same results from OP and from the OPc derived from it', () => {
    const a = createMilenage({ k, op }).compute(rand, sqn, amf);
    const b = createMilenage({ k, opc: computeOpc(k, op) }).compute(rand, sqn, amf);
    expect(a).toEqual(b);
  });

  it('does not keep references to the caller’s key arrays', () => {
    const k2 = k.slice();
    const opc2 = opc.slice();
    const m = createMilenage({ k: k2, opc: opc2 });
    k2.fill(0);
    opc2.fill(0);
    expect(toHex(m.f2345(rand).res)).toBe(set1.f2);
  });

  it('returns fresh arrays: modifying one result does not affect the next', () => {
    const m = createMilenage({ k, opc });
    const first = m.compute(rand, sqn, amf);
    first.res.fill(0);
    first.ck.fill(0);
    expect(toHex(m.compute(rand, sqn, amf).res)).toBe(set1.f2);
    expect(toHex(m.f2345(rand).ck)).toBe(set1.f3);
  });

  it('rejects keys with a TypeError/RangeError that names the argument', () => {
    const bad = (keys: unknown) => () => createMilenage(keys as MilenageKeys);
    expect(bad(null)).toThrow(TypeError);
    expect(bad({ k })).toThrow(/op or opc/);
    expect(bad({ k, op, opc })).toThrow(/either op or opc, not both/);
    expect(bad({ k: k.subarray(0, 15), opc })).toThrow(new RangeError('k must be 16 bytes long, got 15'));
    expect(bad({ k: Array.from(k), opc })).toThrow(new TypeError('k must be a Uint8Array, got an array'));
    expect(bad({ k, op: new Uint8Array(32) })).toThrow(new RangeError('op must be 16 bytes long, got 32'));
    expect(bad({ k, opc: 'cd63cb71954a9f4e48a5994e37a02baf' })).toThrow(
      new TypeError('opc must be a Uint8Array, got a string'),
    );
    expect(() => createMilenage({ k, opc }, null as never)).toThrow(TypeError);
  });

  it('rejects inputs of the wrong type or length, naming them', () => {
    const m = createMilenage({ k, opc });
    expect(() => m.f1(rand.subarray(1), sqn, amf)).toThrow(
      new RangeError('rand must be 16 bytes long, got 15'),
    );
    expect(() => m.f1star(rand, new Uint8Array(8), amf)).toThrow(
      new RangeError('sqn must be 6 bytes long, got 8'),
    );
    expect(() => m.compute(rand, sqn, new Uint8Array(3))).toThrow(
      new RangeError('amf must be 2 bytes long, got 3'),
    );
    expect(() => m.f2345(new Uint16Array(8) as never)).toThrow(
      new TypeError('rand must be a Uint8Array, got a Uint16Array'),
    );
    expect(() => m.f5star(undefined as never)).toThrow(
      new TypeError('rand must be a Uint8Array, got undefined'),
    );
  });

  it('computeInto checks the output buffer and offset', () => {
    const m = createMilenage({ k, opc });
    expect(() => m.computeInto(rand, sqn, amf, new Uint8Array(67))).toThrow(RangeError);
    expect(() => m.computeInto(rand, sqn, amf, new Uint8Array(70), 3)).toThrow(/offset 3/);
    expect(() => m.computeInto(rand, sqn, amf, new Uint8Array(80), -1)).toThrow(RangeError);
    expect(() => m.computeInto(rand, sqn, amf, new Uint8Array(80), 1.5)).toThrow(TypeError);
    expect(() => m.computeInto(rand, sqn, amf, [] as never)).toThrow(
      new TypeError('out must be a Uint8Array, got an array'),
    );
    const out = new Uint8Array(68);
    expect(m.computeInto(rand, sqn, amf, out)).toBe(out);
    expect(MILENAGE_LAYOUT.length).toBe(68);
    expect(toHex(out.subarray(MILENAGE_LAYOUT.ck, MILENAGE_LAYOUT.ik))).toBe(set1.f3);
    expect(toHex(out.subarray(MILENAGE_LAYOUT.akStar))).toBe(set1.f5star);
  });

  it('dispose() wipes the state and makes every later call throw', () => {
    const m = createMilenage({ k, opc });
    expect(m.disposed).toBe(false);
    m.dispose();
    expect(m.disposed).toBe(true);
    const calls = [
      () => m.f1(rand, sqn, amf),
      () => m.f1star(rand, sqn, amf),
      () => m.f2345(rand),
      () => m.f5star(rand),
      () => m.compute(rand, sqn, amf),
      () => m.computeInto(rand, sqn, amf, new Uint8Array(68)),
    ];
    for (const call of calls) expect(call).toThrow(/disposed/);
    expect(() => m.dispose()).not.toThrow();
  });

  it('never prints key material', () => {
    const m = createMilenage({ k, opc });
    const shown = [String(m), JSON.stringify(m), inspect(m, { showHidden: true, depth: 5 }), `${m}`];
    for (const text of shown) {
      expect(text).toContain('Milenage [redacted]');
      expect(text.toLowerCase()).not.toContain(set1.opc.slice(0, 8));
    }
  });

  it('error messages never contain the key', () => {
    let message = '';
    try {
      createMilenage({ k: k.subarray(0, 15), opc });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).not.toBe('');
    expect(message.toLowerCase()).not.toContain(set1.k.slice(0, 6));
    expect(message).not.toMatch(/\d+,\d+,\d+/);
  });
});

describe('computeOpc', () => {
  it('checks its arguments', () => {
    expect(() => computeOpc(k, op.subarray(2))).toThrow(new RangeError('op must be 16 bytes long, got 14'));
    expect(() => computeOpc('00' as never, op)).toThrow(
      new TypeError('k must be a Uint8Array, got a string'),
    );
  });

  it('does not modify its inputs', () => {
    const k2 = k.slice();
    const op2 = op.slice();
    computeOpc(k2, op2);
    expect([toHex(k2), toHex(op2)]).toEqual([set1.k, set1.op]);
  });
});
