/**
 * Usim: the SoftSIM golden resync answer (onomondo/nrf-softsim tests/apdu/src/main.c, copied in
 * test/vectors/softsim.json), check orders, AUTS SQN_MS forms, state persistence, GSM context, hygiene.
 */

import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AkaAlgorithm,
  checkFreshness,
  generateAuthVector,
  gsmTriplet,
  joinSqn,
  resynchronise,
  sqnMsForAuts,
  USIM_PROFILES,
  Usim,
  type UsimState,
} from '../../src/aka/index.js';
import { createMilenage } from '../../src/milenage/index.js';
import softsim from '../vectors/softsim.json';
import { h, x } from './helpers.js';

const golden = softsim.authenticate_resync_golden;
const K = h(golden.k);
const OPC = h(golden.opc);
const milenage = () => createMilenage({ k: K, opc: OPC });
const AMF = h('8000');
const RAND = h('00112233445566778899aabbccddeeff');

describe('SoftSIM golden resync (softsim.json authenticate_resync_golden)', () => {
  it('onomondo-uicc 2.2 settings answer with the golden AUTS', () => {
    const usim = new Usim({ milenage: milenage(), ...USIM_PROFILES['onomondo-uicc-2.2'] });
    expect(usim.state.seqMs.every((v) => v === '0')).toBe(true);
    expect(usim.state.delta).toBe(BigInt(golden.delta).toString());
    expect(usim.indLength).toBe(golden.ind_bits);
    const answer = usim.authenticate(h(golden.rand), h(golden.autn));
    expect(answer.kind).toBe('sync-failure');
    if (answer.kind !== 'sync-failure') return;
    expect(x(answer.auts)).toBe(golden.auts);
    // The APDU response is DC ‖ 0E ‖ AUTS ‖ 90 00 (TS 31.102 §7.1.2.1).
    expect(`dc0e${x(answer.auts)}9000`).toBe(golden.response);
    expect(answer.reason).toBe('delta');
  });

  it('the network recovers SQN_MS 000000000018 from it', () => {
    const r = resynchronise({ milenage: milenage(), rand: h(golden.rand), auts: h(golden.auts) });
    expect(r).toEqual({ ok: true, sqnMs: BigInt(`0x${golden.auts_sqn_ms}`) });
    // SQN_MS = highest SEQ_MS (0) ‖ IND of the received SQN 2ee85c25bab8 (24).
    expect(BigInt(`0x${golden.received_sqn}`) & 31n).toBe(BigInt(golden.received_ind));
  });

  it('a TS 33.102 (MAC-first) USIM answers the same AUTN with a MAC failure', () => {
    const usim = new Usim({ milenage: milenage(), ...USIM_PROFILES['ts-33.102'] });
    expect(usim.authenticate(h(golden.rand), h(golden.autn))).toEqual({ kind: 'mac-failure' });
  });
});

describe('AUTS SQN_MS forms', () => {
  // Accept SQNs (SEQ 5, IND 3), (SEQ 5, IND 7), (SEQ 4, IND 9), then replay (SEQ 4, IND 9).
  const accepted = [joinSqn(5n, 3), joinSqn(5n, 7), joinSqn(4n, 9)];
  for (const [rule, expected] of [
    ['annex-c', joinSqn(5n, 7)], // highest accepted SQN anywhere in the array (Annex C.2.2)
    ['onomondo', joinSqn(5n, 9)], // highest SEQ_MS ‖ received IND
  ] as const) {
    it(`${rule}: SQN_MS = ${expected.toString(16)}`, () => {
      const m = milenage();
      const usim = new Usim({ milenage: m, autsSqn: rule });
      const vectors = accepted.map((sqn) => generateAuthVector({ milenage: m, sqn, amf: AMF, rand: RAND }));
      for (const av of vectors) expect(usim.authenticate(av.rand, av.autn).kind).toBe('success');
      const last = vectors[vectors.length - 1]!;
      const replay = usim.authenticate(last.rand, last.autn);
      expect(replay.kind).toBe('sync-failure');
      if (replay.kind !== 'sync-failure') return;
      expect(resynchronise({ milenage: m, rand: RAND, auts: replay.auts })).toEqual({
        ok: true,
        sqnMs: expected,
      });
    });
  }

  it('annex-c: SQN_MS is 0 while nothing was accepted', () => {
    const m = milenage();
    const av = generateAuthVector({ milenage: m, sqn: joinSqn(1n << 30n, 0), amf: AMF, rand: RAND });
    const answer = new Usim({ milenage: m }).authenticate(av.rand, av.autn);
    expect(answer.kind).toBe('sync-failure');
    if (answer.kind === 'sync-failure')
      expect(resynchronise({ milenage: m, rand: RAND, auts: answer.auts })).toEqual({ ok: true, sqnMs: 0n });
  });
});

describe('check order', () => {
  it('mac-first: a bad MAC with a stale SQN is a MAC failure; sqn-first: a sync failure', () => {
    const m = milenage();
    const av = generateAuthVector({ milenage: m, sqn: joinSqn(1n << 29n, 1), amf: AMF, rand: RAND });
    av.autn[15]! ^= 1;
    expect(new Usim({ milenage: m, checkOrder: 'mac-first' }).authenticate(RAND, av.autn).kind).toBe(
      'mac-failure',
    );
    expect(new Usim({ milenage: m, checkOrder: 'sqn-first' }).authenticate(RAND, av.autn).kind).toBe(
      'sync-failure',
    );
  });

  it('success returns RES, CK, IK and Kc = c3(CK, IK), and commits SEQ_MS(IND) := SEQ', () => {
    const m = milenage();
    const usim = new Usim({ milenage: m });
    const av = generateAuthVector({ milenage: m, sqn: joinSqn(7n, 30), amf: AMF, rand: RAND });
    const answer = usim.authenticate(RAND, av.autn);
    expect(answer).toMatchObject({ kind: 'success', res: av.xres, ck: av.ck, ik: av.ik });
    expect(answer.kind === 'success' && x(answer.kc!)).toBe(x(gsmTriplet({ milenage: m, rand: RAND }).kc));
    expect(usim.seqMs[30]).toBe(7n);
    expect(usim.seqMs.filter((v) => v !== 0n)).toEqual([7n]);
  });
});

describe('state persistence', () => {
  it('round-trips through JSON and keeps rejecting replays', () => {
    const m = milenage();
    const usim = new Usim({ milenage: m, limit: 1000n, ageLimit: { glcBits: 20, maxAge: 3600n } });
    const av = generateAuthVector({ milenage: m, sqn: joinSqn(99n, 4), amf: AMF, rand: RAND });
    expect(usim.authenticate(RAND, av.autn).kind).toBe('success');
    const saved: UsimState = JSON.parse(JSON.stringify(usim.state));
    expect(saved).toEqual(usim.state);
    expect(saved.seqMs[4]).toBe('99');
    const restored = Usim.fromState(saved, { milenage: m });
    expect(restored.state).toEqual(saved);
    expect(restored.authenticate(RAND, av.autn)).toMatchObject({ kind: 'sync-failure', reason: 'replay' });
  });

  it('state is a snapshot: mutating it changes nothing', () => {
    const usim = new Usim({ milenage: milenage() });
    const s = usim.state;
    s.seqMs[0] = '5';
    expect(usim.state.seqMs[0]).toBe('0');
  });

  it('rejects bad states and conflicting options with named errors', () => {
    const good = new Usim({ milenage: milenage() }).state;
    const m = milenage();
    expect(() => new Usim({ milenage: m, state: good, seqMs: [] })).toThrow(/seqMs/);
    expect(() => new Usim({ milenage: m, state: { ...good, delta: '-1' } })).toThrow(/state\.delta/);
    expect(() => new Usim({ milenage: m, state: { ...good, seqMs: good.seqMs.slice(1) } })).toThrow(
      /state\.seqMs/,
    );
    expect(() => new Usim({ milenage: m, state: { ...good, seqMs: [...good.seqMs.slice(1), 'x'] } })).toThrow(
      /state\.seqMs\[31\]/,
    );
    expect(() => new Usim({ milenage: m, state: { ...good, version: 2 as 1 } })).toThrow(/version/);
  });
});

describe('options', () => {
  it('validates the behaviour selectors and parameters', () => {
    const m = milenage();
    expect(() => new Usim({ milenage: m, checkOrder: 'sqn-last' as 'sqn-first' })).toThrow(TypeError);
    expect(() => new Usim({ milenage: m, autsSqn: 'x' as 'annex-c' })).toThrow(/autsSqn/);
    expect(() => new Usim({ milenage: m, indLength: 17 })).toThrow(/indLength/);
    expect(() => new Usim({ milenage: m, delta: 0n })).toThrow(/delta/);
    expect(() => new Usim({ milenage: m, seqMs: [1n] })).toThrow(/seqMs must have 2\^5 = 32 entries/);
    expect(() => new Usim({ milenage: m, freshness: 'onomondo', limit: 3n })).toThrow(/onomondo/);
    expect(() => new Usim({ milenage: {} as AkaAlgorithm })).toThrow(/milenage/);
  });

  it('checks RAND and AUTN lengths, naming them', () => {
    const usim = new Usim({ milenage: milenage() });
    expect(() => usim.authenticate(new Uint8Array(15), new Uint8Array(16))).toThrow(/rand must be 16 bytes/);
    expect(() => usim.authenticate(new Uint8Array(16), new Uint8Array(14))).toThrow(/autn must be 16 bytes/);
    expect(() => usim.authenticateGsm(new Uint8Array(8))).toThrow(/rand/);
  });

  it('indLength 0 makes SQN = SEQ with a single array entry', () => {
    const m = milenage();
    const usim = new Usim({ milenage: m, indLength: 0 });
    expect(usim.seqMs).toEqual([0n]);
    const av = generateAuthVector({ milenage: m, sqn: 1n, amf: AMF, rand: RAND });
    expect(usim.authenticate(RAND, av.autn).kind).toBe('success');
    expect(usim.seqMs).toEqual([1n]);
  });
});

describe('GSM context', () => {
  it('authenticateGsm equals the network triplet and keeps the SQN state', () => {
    const m = milenage();
    const usim = new Usim({ milenage: m });
    const before = usim.state;
    const t = gsmTriplet({ milenage: m, rand: RAND });
    expect(usim.authenticateGsm(RAND)).toEqual({ sres: t.sres, kc: t.kc });
    expect(usim.state).toEqual(before);
  });
});

describe('key hygiene', () => {
  it('printing a Usim never shows K or OPc', () => {
    const usim = new Usim({ milenage: milenage() });
    for (const shown of [String(usim), JSON.stringify(usim), inspect(usim, { depth: 5, showHidden: true })]) {
      expect(shown).toContain('Usim(milenage)');
      expect(shown).not.toContain(golden.k);
      expect(shown).not.toContain(golden.opc);
    }
  });

  it('Kc is absent when CK/IK are 256-bit (c3 is defined for 128-bit keys only)', () => {
    const m = milenage();
    // A stand-in with 32-byte CK/IK (as TUAK can give): the USIM must not call c3 on them.
    const wide: AkaAlgorithm = {
      algorithm: 'tuak',
      macLength: 8,
      resLength: 8,
      ckLength: 32,
      ikLength: 32,
      f1: (r, s, a) => m.f1(r, s, a),
      f1star: (r, s, a) => m.f1star(r, s, a),
      f2345: (r) => {
        const o = m.f2345(r);
        return { ...o, ck: new Uint8Array([...o.ck, ...o.ck]), ik: new Uint8Array([...o.ik, ...o.ik]) };
      },
      f5star: (r) => m.f5star(r),
      compute: (r, s, a) => m.compute(r, s, a),
      dispose: () => m.dispose(),
    };
    const av = generateAuthVector({ milenage: m, sqn: joinSqn(1n, 1), amf: AMF, rand: RAND });
    const answer = new Usim({ milenage: wide }).authenticate(RAND, av.autn);
    expect(answer.kind).toBe('success');
    expect(answer.kind === 'success' && answer.ck.length).toBe(32);
    expect('kc' in answer).toBe(false);
  });
});

describe('SEQ_MS bookkeeping against the pure Annex C functions (model check)', () => {
  // Usim updates its array in place and caches SEQ_MS (the highest entry); the model recomputes both.
  it.each([
    ['ts-33.102', 3],
    ['onomondo-uicc-2.2', 2],
  ] as const)(
    '%s, indLength %i: verdicts, the array and AUTS SQN_MS agree over random sequences',
    (name, indLength) => {
      const profile = USIM_PROFILES[name];
      const m = milenage();
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 40n }), fc.nat(2 ** indLength - 1)), { maxLength: 40 }),
          (steps) => {
            const delta = 16n;
            const usim = new Usim({ milenage: m, ...profile, indLength, delta });
            let model = new Array<bigint>(2 ** indLength).fill(0n);
            const params = { indLength, delta };
            for (const [seq, ind] of steps) {
              const sqn = joinSqn(seq, ind, indLength);
              const av = generateAuthVector({ milenage: m, sqn, amf: AMF, rand: RAND });
              const answer = usim.authenticate(av.rand, av.autn);
              const verdict = checkFreshness(model, sqn, params, profile.freshness);
              if (verdict.fresh) {
                expect(answer.kind).toBe('success');
                model = verdict.seqMs;
              } else {
                expect(answer).toMatchObject({ kind: 'sync-failure', reason: verdict.reason });
                if (answer.kind !== 'sync-failure') return;
                const expected = sqnMsForAuts(model, indLength, profile.autsSqn, sqn);
                expect(resynchronise({ milenage: m, rand: RAND, auts: answer.auts })).toEqual({
                  ok: true,
                  sqnMs: expected,
                });
              }
              expect(usim.seqMs).toEqual(model);
            }
          },
        ),
        { numRuns: 60 },
      );
    },
  );
});
