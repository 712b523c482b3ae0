/**
 * The SIM's MILENAGE (hostap milenage.c as onomondo-uicc builds it) over an injected block function:
 * TS 35.208 sets 1–20 and TS 35.207 with noble's AES, hostap's block counts per function, and the
 * identity-"AES" values of a failing PSA (test/vectors/softsim.json, authenticate_identity_aes).
 */
import { ecb } from '@noble/ciphers/aes.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { USIM_PROFILES, Usim } from '../../src/aka/index.js';
import { createMilenage } from '../../src/milenage/index.js';
import { createSimMilenage, type EncryptBlock, milenageOpcGen } from '../../src/softsim/index.js';
import { fromHex, toHex, xorBytes } from '../../src/utils/bytes.js';
import milenage from '../vectors/milenage.json' with { type: 'json' };
import { IDENTITY, vectors } from './helpers.js';

function nobleBlock(k: Uint8Array): EncryptBlock & { count: number } {
  const f = ((b: Uint8Array) => {
    f.count++;
    return ecb(k, { disablePadding: true }).encrypt(b); // a noble cipher instance encrypts once
  }) as EncryptBlock & { count: number };
  f.count = 0;
  return f;
}

describe('SIM MILENAGE on noble AES: TS 35.208 / 35.207 / 55.205', () => {
  for (const s of milenage.sets) {
    it(`set ${s.set} (${s.doc})`, () => {
      const E = nobleBlock(fromHex(s.k));
      expect(toHex(milenageOpcGen(fromHex(s.op), E))).toBe(s.opc);
      const m = createSimMilenage(fromHex(s.opc), E);
      const rand = fromHex(s.rand);
      const sqn = fromHex(s.sqn);
      const amf = fromHex(s.amf);
      expect(toHex(m.f1(rand, sqn, amf).macA)).toBe(s.f1);
      expect(toHex(m.f1star(rand, sqn, amf).macS)).toBe(s.f1star);
      const r = m.f2345(rand);
      expect([toHex(r.res), toHex(r.ck), toHex(r.ik), toHex(r.ak)]).toEqual([s.f2, s.f3, s.f4, s.f5]);
      expect(toHex(m.f5star(rand).akStar)).toBe(s.f5star);
      const all = m.compute(rand, sqn, amf);
      expect([toHex(all.macA), toHex(all.macS), toHex(all.akStar)]).toEqual([s.f1, s.f1star, s.f5star]);
      if (s.sres) {
        const g = m.gsm(rand);
        expect(toHex(g.sres)).toBe(s.sres);
        expect(toHex(g.kc)).toBe(s.kc);
      }
      m.dispose();
    });
  }
});

describe('hostap call pattern', () => {
  it('costs 2 blocks for f1/f1*, 4 for f2345 and gsm, 3 for f5*, 7 for compute, 1 for OPc', () => {
    const s = milenage.sets[0]!;
    const E = nobleBlock(fromHex(s.k));
    const m = createSimMilenage(fromHex(s.opc), E);
    const rand = fromHex(s.rand);
    const cost = (f: () => unknown) => {
      const before = E.count;
      f();
      return E.count - before;
    };
    expect(cost(() => m.f1(rand, fromHex(s.sqn), fromHex(s.amf)))).toBe(2);
    expect(cost(() => m.f1star(rand, fromHex(s.sqn), fromHex(s.amf)))).toBe(2);
    expect(cost(() => m.f2345(rand))).toBe(4);
    expect(cost(() => m.f5star(rand))).toBe(3);
    expect(cost(() => m.gsm(rand))).toBe(4);
    expect(cost(() => m.compute(rand, fromHex(s.sqn), fromHex(s.amf)))).toBe(7);
    expect(cost(() => milenageOpcGen(fromHex(s.op), E))).toBe(1);
  });

  it('agrees with psa-emu/milenage on random inputs', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 6, maxLength: 6 }),
        fc.uint8Array({ minLength: 2, maxLength: 2 }),
        (k, opc, rand, sqn, amf) => {
          const want = createMilenage({ k, opc }).compute(rand, sqn, amf);
          expect(createSimMilenage(opc, nobleBlock(k)).compute(rand, sqn, amf)).toEqual(want);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('identity "AES" (the hook left every buffer untouched)', () => {
  const identity: EncryptBlock = (b) => b.slice();
  const opc = fromHex(IDENTITY.opc);
  const rand = fromHex(IDENTITY.rand);
  const autn = fromHex(IDENTITY.autn);

  it('gives AK = RAND ⊕ c2 ⊕ OPc ⊕ … and the derived SQN of softsim.json', () => {
    const m = createSimMilenage(opc, identity);
    const { ak } = m.f2345(rand);
    expect(toHex(ak)).toBe(IDENTITY.ak);
    expect(toHex(xorBytes(autn.subarray(0, 6), ak))).toBe(IDENTITY.derived_sqn);
    expect(Number.parseInt(IDENTITY.derived_sqn, 16) & 31).toBe(IDENTITY.derived_ind);
  });

  it('makes the onomondo-uicc ≤ 2.2 USIM answer the identity-AES AUTS', () => {
    const usim = new Usim({
      ...USIM_PROFILES['onomondo-uicc-2.2'],
      milenage: createSimMilenage(opc, identity),
    });
    const answer = usim.authenticate(rand, autn);
    expect(answer.kind).toBe('sync-failure');
    if (answer.kind === 'sync-failure') expect(toHex(answer.auts)).toBe(IDENTITY.auts);
  });

  it('and with real AES on the template keys gives the golden AUTS', () => {
    const g = vectors.authenticate_resync_golden;
    const usim = new Usim({
      ...USIM_PROFILES['onomondo-uicc-2.2'],
      milenage: createSimMilenage(fromHex(g.opc), nobleBlock(fromHex(g.k))),
    });
    const answer = usim.authenticate(fromHex(g.rand), fromHex(g.autn));
    expect(answer).toMatchObject({ kind: 'sync-failure' });
    if (answer.kind === 'sync-failure') expect(toHex(answer.auts)).toBe(g.auts);
  });
});

describe('instance hygiene', () => {
  it('prints a label, refuses bad block functions and calls after dispose', () => {
    const m = createSimMilenage(new Uint8Array(16), (b) => b.slice());
    expect(String(m)).toBe('SimMilenage [redacted]');
    m.dispose();
    expect(() => m.f2345(new Uint8Array(16))).toThrow(/disposed/);
    const bad = createSimMilenage(new Uint8Array(16), () => new Uint8Array(15));
    expect(() => bad.f2345(new Uint8Array(16))).toThrow(TypeError);
    expect(() => createSimMilenage(new Uint8Array(15), (b) => b)).toThrow(RangeError);
    expect(() => createSimMilenage(new Uint8Array(16), 1 as unknown as EncryptBlock)).toThrow(TypeError);
    expect(() =>
      createSimMilenage(new Uint8Array(16), (b) => b).f1(
        new Uint8Array(16),
        new Uint8Array(5),
        new Uint8Array(2),
      ),
    ).toThrow(/sqn/);
  });
});
