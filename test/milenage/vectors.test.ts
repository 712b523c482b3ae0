/**
 * Official MILENAGE data: TS 35.208 sets 1–20, TS 35.207 set 2, TS 55.205 GSM values, plus
 * implementation samples (libosmocore, free5gc, wmnsk, npm milenage). See test/vectors/milenage.json.
 */
import { describe, expect, it } from 'vitest';
import {
  c2,
  c3,
  computeOpc,
  createMilenage,
  MILENAGE_LAYOUT,
  type Milenage,
  sres2,
} from '../../src/milenage/index.js';
import { fromHex, toHex, xorBytes } from '../../src/utils/bytes.js';
import vectors from '../vectors/milenage.json' with { type: 'json' };

interface MilenageSet {
  set: number;
  doc: string;
  k: string;
  rand: string;
  sqn: string;
  amf: string;
  op: string;
  opc: string;
  f1: string;
  f1star: string;
  f2: string;
  f3: string;
  f4: string;
  f5: string;
  f5star: string;
  sres?: string;
  sres2?: string;
  kc?: string;
}

interface Sample {
  id: string;
  source: string;
  k: string;
  op?: string;
  opc: string;
  rand?: string;
  sqn?: string;
  amf?: string;
  f1?: string;
  f1star?: string;
  f2?: string;
  f3?: string;
  f4?: string;
  f5?: string;
  f5star?: string;
  autn?: string;
  auts?: string;
  autsSqnMs?: string;
  sres?: string;
  kc?: string;
}

const sets = vectors.sets as MilenageSet[];
const samples = vectors.samples as Sample[];
const h = (s: string) => fromHex(s);

describe('vector file', () => {
  it('holds TS 35.208 sets 1–20 and TS 35.207 set 2, and names its sources', () => {
    expect(vectors.source).toMatch(/TS 35\.208/);
    expect(sets.filter((s) => s.doc === 'TS 35.208').map((s) => s.set)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(sets.filter((s) => s.doc === 'TS 35.207')).toHaveLength(1);
    expect(sets.filter((s) => s.kc !== undefined)).toHaveLength(20);
    for (const s of samples) expect(s.source).toBeTruthy();
  });
});

describe.each(sets.map((s) => [`${s.doc} set ${s.set}`, s] as const))('%s', (_name, v) => {
  const withOp = () => createMilenage({ k: h(v.k), op: h(v.op) });
  const withOpc = () => createMilenage({ k: h(v.k), opc: h(v.opc) });

  it('computeOpc(k, op) = OPc', () => {
    expect(toHex(computeOpc(h(v.k), h(v.op)))).toBe(v.opc);
  });

  it.each([
    ['{ k, op }', withOp],
    ['{ k, opc }', withOpc],
  ])('single functions with %s', (_label, make) => {
    const m: Milenage = make();
    const rand = h(v.rand);
    expect(toHex(m.f1(rand, h(v.sqn), h(v.amf)).macA)).toBe(v.f1);
    expect(toHex(m.f1star(rand, h(v.sqn), h(v.amf)).macS)).toBe(v.f1star);
    const { res, ck, ik, ak } = m.f2345(rand);
    expect([toHex(res), toHex(ck), toHex(ik), toHex(ak)]).toEqual([v.f2, v.f3, v.f4, v.f5]);
    expect(toHex(m.f5star(rand).akStar)).toBe(v.f5star);
    m.dispose();
  });

  it('compute() and computeInto() give every value at once', () => {
    const m = withOpc();
    const r = m.compute(h(v.rand), h(v.sqn), h(v.amf));
    expect({
      f1: toHex(r.macA),
      f1star: toHex(r.macS),
      f2: toHex(r.res),
      f3: toHex(r.ck),
      f4: toHex(r.ik),
      f5: toHex(r.ak),
      f5star: toHex(r.akStar),
    }).toEqual({ f1: v.f1, f1star: v.f1star, f2: v.f2, f3: v.f3, f4: v.f4, f5: v.f5, f5star: v.f5star });
    const buf = new Uint8Array(3 + MILENAGE_LAYOUT.length + 5).fill(0xee);
    m.computeInto(h(v.rand), h(v.sqn), h(v.amf), buf, 3);
    expect(toHex(buf)).toBe(`eeeeee${v.f1}${v.f1star}${v.f2}${v.f3}${v.f4}${v.f5}${v.f5star}eeeeeeeeee`);
  });

  // TS 35.207 set 2 has no published GSM values.
  if (v.kc === undefined) return;
  it('TS 55.205 GSM values: SRES#1 = c2(RES), SRES#2, Kc = c3(CK, IK)', () => {
    const { res, ck, ik } = withOpc().f2345(h(v.rand));
    expect(toHex(c2(res))).toBe(v.sres);
    expect(toHex(sres2(res))).toBe(v.sres2);
    expect(toHex(c3(ck, ik))).toBe(v.kc);
  });
});

describe('samples', () => {
  it.each(samples.filter((s) => s.op !== undefined).map((s) => [s.id, s] as const))('%s: OPc', (_id, v) => {
    expect(toHex(computeOpc(h(v.k), h(v.op!)))).toBe(v.opc);
  });

  it.each(samples.filter((s) => s.rand !== undefined).map((s) => [s.id, s] as const))(
    '%s: f1…f5*, and the AUTN/AUTS/GSM values derived from them',
    (_id, v) => {
      const m = createMilenage({ k: h(v.k), opc: h(v.opc) });
      const rand = h(v.rand!);
      const sqn = h(v.sqn!);
      const amf = h(v.amf!);
      const r = m.compute(rand, sqn, amf);
      const got: Record<string, string> = {
        f1: toHex(r.macA),
        f1star: toHex(r.macS),
        f2: toHex(r.res),
        f3: toHex(r.ck),
        f4: toHex(r.ik),
        f5: toHex(r.ak),
        f5star: toHex(r.akStar),
        // TS 33.102 §6.3.2: AUTN = (SQN ⊕ AK) ‖ AMF ‖ MAC-A
        autn: toHex(xorBytes(sqn, r.ak)) + toHex(amf) + toHex(r.macA),
        sres: toHex(c2(r.res)),
        kc: toHex(c3(r.ck, r.ik)),
      };
      if (v.autsSqnMs !== undefined) {
        // TS 33.102 §6.3.3: AUTS = (SQN_MS ⊕ AK*) ‖ MAC-S, MAC-S = f1*(SQN_MS, RAND, AMF = 0000)
        const sqnMs = h(v.autsSqnMs);
        const macS = m.f1star(rand, sqnMs, new Uint8Array(2)).macS;
        got.auts = toHex(xorBytes(sqnMs, r.akStar)) + toHex(macS);
      }
      const checked = Object.keys(got).filter(
        (key) => (v as unknown as Record<string, string>)[key] !== undefined,
      );
      expect(checked.length).toBeGreaterThanOrEqual(2);
      for (const key of checked) expect(got[key], key).toBe((v as unknown as Record<string, string>)[key]);
    },
  );
});
