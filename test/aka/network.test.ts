/** Network side: vectors, EPS/5G vectors, resynchronisation and GSM triplets (TS 33.102 §6.3, §6.8). */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deriveKasme,
  deriveKausf,
  deriveResStar,
  generate5gAuthVector,
  generateAuthVector,
  generateEpsAuthVector,
  gsmFromQuintet,
  gsmTriplet,
  hasSeparationBit,
  openAutn,
  resynchronise,
  sqnToBytes,
  sqnXorAk,
} from '../../src/aka/index.js';
import { buildAuts } from '../../src/aka/tokens.js';
import { createMilenage } from '../../src/milenage/index.js';
import { h, x } from './helpers.js';

const m = createMilenage({
  k: h('000102030405060708090a0b0c0d0e0f'),
  opc: h('101112131415161718191a1b1c1d1e1f'),
});
const AMF = h('8000');
const RAND = h('23553cbe9637a89d218ae64dae47bf35');
const snn = '5G:mnc001.mcc001.3gppnetwork.org';

describe('generateAuthVector', () => {
  it('AUTN opens with AK to SQN ‖ AMF ‖ MAC-A = f1(SQN, RAND, AMF)', () => {
    const av = generateAuthVector({ milenage: m, sqn: 0x123456789an, amf: AMF, rand: RAND });
    const { sqn, amf, mac } = openAutn(av.autn, av.ak);
    expect(x(sqn)).toBe('00123456789a');
    expect(amf).toEqual(AMF);
    expect(mac).toEqual(m.f1(RAND, sqn, AMF).macA);
    expect(av.autn.length).toBe(16);
  });

  it('draws a fresh random RAND when none is given, and copies a given one', () => {
    const a = generateAuthVector({ milenage: m, sqn: 1n, amf: AMF });
    const b = generateAuthVector({ milenage: m, sqn: 1n, amf: AMF });
    expect(a.rand.length).toBe(16);
    expect(x(a.rand)).not.toBe(x(b.rand));
    const rand = RAND.slice();
    const c = generateAuthVector({ milenage: m, sqn: 1n, amf: AMF, rand });
    rand[0]! ^= 1;
    expect(c.rand).toEqual(RAND);
  });

  it('names bad inputs', () => {
    expect(() => generateAuthVector({ milenage: m, sqn: 1n << 48n, amf: AMF })).toThrow(/sqn/);
    expect(() => generateAuthVector({ milenage: m, sqn: 1n, amf: new Uint8Array(3) })).toThrow(
      /amf must be 2 bytes/,
    );
    expect(() => generateAuthVector({ milenage: m, sqn: 1n, amf: AMF, rand: new Uint8Array(8) })).toThrow(
      /rand/,
    );
  });
});

describe('resynchronise', () => {
  it('recovers any SQN_MS from an AUTS built with AMF 0000, and rejects any flipped bit', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 48n) - 1n }),
        fc.integer({ min: 0, max: 111 }),
        (sqnMs, bit) => {
          const sqnMsBytes = sqnToBytes(sqnMs);
          const auts = buildAuts({
            sqnMs: sqnMsBytes,
            akStar: m.f5star(RAND).akStar,
            macS: m.f1star(RAND, sqnMsBytes, new Uint8Array(2)).macS,
          });
          expect(resynchronise({ milenage: m, rand: RAND, auts })).toEqual({ ok: true, sqnMs });
          auts[bit >> 3]! ^= 1 << (bit & 7);
          expect(resynchronise({ milenage: m, rand: RAND, auts })).toEqual({ ok: false });
        },
      ),
      { numRuns: 50 },
    );
  });

  it('does not accept MAC-S computed with the AUTN AMF instead of 0000', () => {
    const sqnMs = sqnToBytes(5n);
    const auts = buildAuts({ sqnMs, akStar: m.f5star(RAND).akStar, macS: m.f1star(RAND, sqnMs, AMF).macS });
    expect(resynchronise({ milenage: m, rand: RAND, auts })).toEqual({ ok: false });
  });

  it('checks the AUTS length against the MAC length', () => {
    expect(() => resynchronise({ milenage: m, rand: RAND, auts: new Uint8Array(16) })).toThrow(
      /auts must be 14 bytes/,
    );
  });
});

describe('EPS and 5G vectors', () => {
  it('the EPS vector carries KASME of (CK, IK, SN id, SQN ⊕ AK)', () => {
    const eps = generateEpsAuthVector({
      milenage: m,
      sqn: 33n,
      amf: AMF,
      rand: RAND,
      snId: { mcc: '001', mnc: '01' },
    });
    const av = generateAuthVector({ milenage: m, sqn: 33n, amf: AMF, rand: RAND });
    expect(eps.autn).toEqual(av.autn);
    expect(eps.xres).toEqual(av.xres);
    expect(eps.kasme).toEqual(
      deriveKasme({ ck: av.ck, ik: av.ik, snId: h('00f110'), sqnXorAk: sqnXorAk(av.autn) }),
    );
    expect(hasSeparationBit(AMF)).toBe(true);
    expect(hasSeparationBit(h('7fff'))).toBe(false);
  });

  it('the 5G HE AV carries XRES* and KAUSF', () => {
    const he = generate5gAuthVector({ milenage: m, sqn: 33n, amf: AMF, rand: RAND, snn });
    const av = generateAuthVector({ milenage: m, sqn: 33n, amf: AMF, rand: RAND });
    expect(he.xresStar).toEqual(deriveResStar({ ck: av.ck, ik: av.ik, snn, rand: RAND, res: av.xres }));
    expect(he.kausf).toEqual(deriveKausf({ ck: av.ck, ik: av.ik, snn, sqnXorAk: sqnXorAk(av.autn) }));
    expect(Object.keys(he).sort()).toEqual(['autn', 'kausf', 'rand', 'xresStar']);
  });
});

describe('GSM triplets (TS 33.102 §6.8.2)', () => {
  it('gsmTriplet is c2/c3 of the quintet for the same RAND', () => {
    const av = generateAuthVector({ milenage: m, sqn: 1n, amf: AMF, rand: RAND });
    const t = gsmTriplet({ milenage: m, rand: RAND });
    expect(t).toEqual({ rand: RAND, ...gsmFromQuintet({ xres: av.xres, ck: av.ck, ik: av.ik }) });
    expect([t.sres.length, t.kc.length]).toEqual([4, 8]);
    expect(gsmTriplet({ milenage: m }).rand.length).toBe(16);
  });
});
