/**
 * Every vector of test/vectors/aka-kdf.json (copied from the shared reference vectors; each entry names
 * its source: libosmocore, free5gc, wmnsk/milenage, hostap, open5gs, srsRAN, OAI, RFC 5448 App. C, …).
 */

import { describe, expect, it } from 'vitest';
import {
  type AkaAlgorithm,
  deriveCkIkPrime,
  deriveEapAkaPrimeKeys,
  deriveHresStar,
  deriveKamf,
  deriveKasme,
  deriveKausf,
  deriveKenb,
  deriveKgnb,
  deriveKseaf,
  deriveResStar,
  generate5gAuthVector,
  generateAuthVector,
  gsmFromQuintet,
  kausfFromEmsk,
  resynchronise,
  sqnXorAk,
  Usim,
} from '../../src/aka/index.js';
import { buildAuts } from '../../src/aka/tokens.js';
import { createMilenage } from '../../src/milenage/index.js';
import vectors from '../vectors/aka-kdf.json';
import { h, x } from './helpers.js';

type Keys = { k: string; opc?: string; op?: string };
/**
 * A fresh USIM that accepts any SQN > 0 (IND length 0, so SEQ = SQN, and Δ = 2^48): the vectors' SQNs
 * are arbitrary, and with the default IND length an SQN below 32 has SEQ = 0, which is never fresh.
 */
const openUsim = (milenage: AkaAlgorithm) => new Usim({ milenage, indLength: 0, delta: 1n << 48n });

const milenageOf = (v: Keys) =>
  v.opc !== undefined
    ? createMilenage({ k: h(v.k), opc: h(v.opc) })
    : createMilenage({ k: h(v.k), op: h(v.op!) });

describe('aka-kdf.json: MILENAGE samples (AUTN, AUTS, RES*)', () => {
  for (const v of vectors.milenageSamples.filter((s) => 'autn' in s && s.autn !== undefined)) {
    const s = v as Keys & { id: string; rand: string; sqn: string; amf: string; autn: string };
    it(`${s.id}: AUTN, and the USIM accepts it`, () => {
      const m = milenageOf(s);
      const av = generateAuthVector({ milenage: m, sqn: h(s.sqn), amf: h(s.amf), rand: h(s.rand) });
      expect(x(av.autn)).toBe(s.autn);
      const usim = openUsim(m);
      const answer = usim.authenticate(av.rand, av.autn);
      expect(answer.kind).toBe('success');
      if (answer.kind === 'success') {
        expect(x(answer.res)).toBe(x(av.xres));
        const extra = s as { f2?: string; f3?: string; f4?: string; sres?: string; kc?: string };
        if (extra.f2) expect(x(answer.res)).toBe(extra.f2);
        if (extra.f3) expect(x(answer.ck)).toBe(extra.f3);
        if (extra.f4) expect(x(answer.ik)).toBe(extra.f4);
        if (extra.kc) expect(x(answer.kc!)).toBe(extra.kc);
        if (extra.sres) expect(x(usim.authenticateGsm(av.rand).sres)).toBe(extra.sres);
      }
    });
  }

  for (const v of vectors.milenageSamples.filter((s) => 'auts' in s && s.auts !== undefined)) {
    const s = v as Keys & { id: string; rand: string; auts: string; autsSqnMs: string };
    it(`${s.id}: AUTS for SQN_MS ${s.autsSqnMs} (MAC-S with AMF 0000), and resynchronise recovers it`, () => {
      const m = milenageOf(s);
      const sqnMs = h(s.autsSqnMs);
      const auts = buildAuts({
        sqnMs,
        akStar: m.f5star(h(s.rand)).akStar,
        macS: m.f1star(h(s.rand), sqnMs, new Uint8Array(2)).macS,
      });
      expect(x(auts)).toBe(s.auts);
      expect(resynchronise({ milenage: m, rand: h(s.rand), auts: h(s.auts) })).toEqual({
        ok: true,
        sqnMs: BigInt(`0x${s.autsSqnMs}`),
      });
    });
  }

  for (const v of vectors.milenageSamples.filter((s) => 'resStar' in s && s.resStar !== undefined)) {
    const s = v as Keys & { id: string; rand: string; snn: string; resStar: string };
    it(`${s.id}: RES* with SNN ${s.snn}`, () => {
      const { res, ck, ik } = milenageOf(s).f2345(h(s.rand));
      expect(x(deriveResStar({ ck, ik, snn: s.snn, rand: h(s.rand), res }))).toBe(s.resStar);
    });
  }
});

describe('aka-kdf.json: AUTS cases (network-side resynchronise)', () => {
  for (const c of vectors.autsCases) {
    it(`${c.id}: ${c.expectMacOk ? `SQN_MS ${c.sqnMs}` : 'MAC-S must fail'}`, () => {
      const r = resynchronise({ milenage: milenageOf(c), rand: h(c.rand), auts: h(c.auts) });
      if (c.expectMacOk) expect(r).toEqual({ ok: true, sqnMs: BigInt(`0x${c.sqnMs}`) });
      else expect(r).toEqual({ ok: false });
    });
  }
});

describe('aka-kdf.json: AUTN cases', () => {
  for (const c of vectors.autnCases) {
    it(`${c.id}: vector and USIM answer`, () => {
      const m = milenageOf(c);
      const av = generateAuthVector({
        milenage: m,
        sqn: BigInt(`0x${c.sqn}`),
        amf: h(c.amf),
        rand: h(c.rand),
      });
      expect([x(av.autn), x(av.ak), x(av.xres), x(av.ck), x(av.ik)]).toEqual([
        c.autn,
        c.ak,
        c.res,
        c.ck,
        c.ik,
      ]);
      const answer = openUsim(m).authenticate(h(c.rand), h(c.autn));
      expect(answer).toMatchObject({ kind: 'success', res: h(c.res), ck: h(c.ck), ik: h(c.ik) });
      const gsm = gsmFromQuintet({ xres: av.xres, ck: av.ck, ik: av.ik });
      expect(x((answer as { kc: Uint8Array }).kc)).toBe(x(gsm.kc));
    });
  }
});

describe('aka-kdf.json: EPS (TS 33.401 Annex A)', () => {
  for (const v of vectors.kasme) {
    it(`KASME ${v.id}`, () => {
      const sqnXorAkBytes = h(v.sqn).map((b, i) => b ^ h(v.ak)[i]!);
      expect(x(deriveKasme({ ck: h(v.ck), ik: h(v.ik), snId: h(v.snId), sqnXorAk: sqnXorAkBytes }))).toBe(
        v.kasme,
      );
    });
  }
  for (const v of vectors.kenb) {
    it(`KeNB ${v.id}`, () => {
      expect(x(deriveKenb({ kasme: h(v.kasme), ulNasCount: v.ulNasCount }))).toBe(v.kenb);
    });
  }
});

describe("aka-kdf.json: EAP-AKA' (RFC 5448 Appendix C)", () => {
  const set19 = vectors.autnCases.find((c) => c.id === 'free5gc-set19')!;
  for (const v of vectors.eapAkaPrime) {
    it(`${v.id}: CK'/IK' and PRF' keys`, () => {
      const { ckPrime, ikPrime } = deriveCkIkPrime({
        ck: h(v.ck),
        ik: h(v.ik),
        networkName: v.networkName,
        sqnXorAk: sqnXorAk(h(v.autn)),
      });
      expect([x(ckPrime), x(ikPrime)]).toEqual([v.ckPrime, v.ikPrime]);
      const keys = deriveEapAkaPrimeKeys({ ckPrime, ikPrime, identity: v.identity });
      expect([x(keys.kEncr), x(keys.kAut), x(keys.kRe), x(keys.msk), x(keys.emsk)]).toEqual([
        v.kEncr,
        v.kAut,
        v.kRe,
        v.msk,
        v.emsk,
      ]);
      expect(x(kausfFromEmsk(keys.emsk))).toBe(v.emsk.slice(0, 64));
    });
    if (v.fromMilenageSet === 19) {
      it(`${v.id}: RAND/AUTN/RES/CK/IK are MILENAGE set 19`, () => {
        const av = generateAuthVector({
          milenage: milenageOf(set19),
          sqn: BigInt(`0x${set19.sqn}`),
          amf: h(set19.amf),
          rand: h(v.rand),
        });
        expect([x(av.autn), x(av.xres), x(av.ck), x(av.ik)]).toEqual([v.autn, v.res, v.ck, v.ik]);
      });
    }
  }
});

describe('aka-kdf.json: 5G (TS 33.501 Annex A)', () => {
  it('free5gc-issue21-set19: XRES* from the 5G HE AV', () => {
    const v = vectors.fiveG.find((f) => f.id === 'free5gc-issue21-set19')!;
    const av = generate5gAuthVector({
      milenage: milenageOf(v as Keys),
      sqn: h(v.sqn!),
      amf: h(v.amf!),
      rand: h(v.rand),
      snn: v.snn,
    });
    expect(x(av.autn)).toBe(v.autn);
    expect(x(av.xresStar)).toBe(v.xresStar);
  });

  it('frankurcrazy-chain: XRES* → KAUSF → KSEAF → KAMF → KgNB', () => {
    const v = vectors.fiveG.find((f) => f.id === 'frankurcrazy-chain')!;
    const [ck, ik, rand] = [h(v.ck!), h(v.ik!), h(v.rand)];
    const sqnXorAkBytes = h(v.sqn!).map((b, i) => b ^ h(v.ak!)[i]!);
    expect(x(deriveResStar({ ck, ik, snn: v.snn, rand, res: h(v.res!) }))).toBe(v.xresStar);
    const kausf = deriveKausf({ ck, ik, snn: v.snn, sqnXorAk: sqnXorAkBytes });
    expect(x(kausf)).toBe(v.kausf);
    const kseaf = deriveKseaf({ kausf, snn: v.snn });
    expect(x(kseaf)).toBe(v.kseaf);
    const kamf = deriveKamf({ kseaf, supi: v.supi!, abba: h(v.abba!) });
    expect(x(kamf)).toBe(v.kamf);
    expect(x(deriveKgnb({ kamf, ulNasCount: v.ulNasCount!, accessType: v.accessType as 1 }))).toBe(v.kgnb);
  });

  it('milenage-5g-aka-sample: XRES* and HXRES*', () => {
    const v = vectors.fiveG.find((f) => f.id === 'milenage-5g-aka-sample')!;
    const av = generate5gAuthVector({
      milenage: milenageOf(v as Keys),
      sqn: h(v.sqn!),
      amf: h(v.amf!),
      rand: h(v.rand),
      snn: v.snn,
    });
    expect(x(av.autn)).toBe(v.autn);
    expect(x(av.xresStar)).toBe(v.xresStar);
    expect(x(deriveHresStar({ rand: av.rand, resStar: av.xresStar }))).toBe(v.hxresStar);
  });
});
