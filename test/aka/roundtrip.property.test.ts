/**
 * Round-trip properties of the network side and the USIM (TS 33.102 §6.3, Annex C), for every algorithm
 * in AKA_FACTORIES and every USIM behaviour profile:
 * - a fresh vector is accepted once, a replay gives a synchronisation failure, and the AUTS resynchronises
 *   the network so that the next vector is accepted;
 * - with MAC-first checking, flipping any AUTN bit gives a MAC failure and leaves the SQN state untouched.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AkaAlgorithm,
  generateAuthVector,
  highestSeqMs,
  nextSqn,
  resynchronise,
  USIM_PROFILES,
  Usim,
  type UsimAuthResult,
} from '../../src/aka/index.js';
import { AKA_FACTORIES } from './algorithms.js';

const PROFILES = Object.entries(USIM_PROFILES);
const MAC_FIRST = PROFILES.filter(([, p]) => p.checkOrder === 'mac-first');

const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
/** SEQ_MS arrays: mostly zero, sometimes scattered values below 2^30 (far from overflow). */
const seqMsArb = fc.oneof(
  fc.constant(new Array<bigint>(32).fill(0n)),
  fc.array(fc.bigInt({ min: 0n, max: (1n << 30n) - 1n }), { minLength: 32, maxLength: 32 }),
);

function expectSuccess(answer: UsimAuthResult, av: ReturnType<typeof generateAuthVector>): void {
  expect(answer.kind).toBe('success');
  if (answer.kind !== 'success') return;
  expect(answer.res).toEqual(av.xres);
  expect(answer.ck).toEqual(av.ck);
  expect(answer.ik).toEqual(av.ik);
}

/** The network: SQN_HE and a keyed instance. */
function network(milenage: AkaAlgorithm, sqnHe: bigint) {
  let he = sqnHe;
  return {
    vector(amf: Uint8Array, rand: Uint8Array) {
      he = nextSqn({ sqnHe: he });
      return { sqn: he, av: generateAuthVector({ milenage, sqn: he, amf, rand }) };
    },
    resync(rand: Uint8Array, auts: Uint8Array): bigint {
      const r = resynchronise({ milenage, rand, auts });
      expect(r.ok).toBe(true);
      if (!r.ok) throw new Error('unreachable');
      he = r.sqnMs; // TS 33.102 §6.3.5: SQN_HE := SQN_MS
      return r.sqnMs;
    },
  };
}

for (const factory of AKA_FACTORIES) {
  describe(`AKA round trip with ${factory.name}`, () => {
    for (const [profileName, profile] of PROFILES) {
      it(`${profileName}: accept once, replay → sync failure, AUTS resynchronises`, () => {
        fc.assert(
          fc.property(
            bytes(32),
            fc.bigInt({ min: 0n, max: (1n << 40n) - 1n }),
            seqMsArb,
            bytes(2),
            fc.array(bytes(16), { minLength: 4, maxLength: 4 }),
            (seed, sqnHe, seqMs, amf, rands) => {
              const hn = network(factory.create(seed), sqnHe);
              const usim = new Usim({ milenage: factory.create(seed), ...profile, seqMs });

              // 1. The first vector is accepted, or answered with AUTS that resynchronises the network.
              let { sqn, av } = hn.vector(amf, rands[0]!);
              let answer = usim.authenticate(av.rand, av.autn);
              expect(answer.kind).not.toBe('mac-failure');
              if (answer.kind === 'sync-failure') {
                hn.resync(av.rand, answer.auts);
                ({ sqn, av } = hn.vector(amf, rands[1]!));
                answer = usim.authenticate(av.rand, av.autn);
              }
              expectSuccess(answer, av);

              // 2. Replaying the accepted vector is a synchronisation failure, without state change.
              const before = usim.state;
              const replay = usim.authenticate(av.rand, av.autn);
              expect(replay).toMatchObject({ kind: 'sync-failure', reason: 'replay' });
              expect(usim.state).toEqual(before);
              if (replay.kind !== 'sync-failure') return;

              // 3. The AUTS carries SQN_MS as the profile forms it, and resynchronises the network.
              const sqnMs = hn.resync(av.rand, replay.auts);
              const seqMsNow = usim.seqMs;
              const highest = highestSeqMs(seqMsNow);
              expect(sqnMs >> 5n).toBe(highest);
              if (profile.autsSqn === 'onomondo') {
                expect(sqnMs & 31n).toBe(sqn & 31n); // highest SEQ_MS ‖ IND of the received SQN
              } else {
                expect(seqMsNow[Number(sqnMs & 31n)]).toBe(sqnMs >> 5n); // an accepted SQN …
                expect(sqnMs >= sqn).toBe(true); // … and the highest one
              }
              const next = hn.vector(amf, rands[2]!);
              expectSuccess(usim.authenticate(next.av.rand, next.av.autn), next.av);
            },
          ),
          { numRuns: 60 },
        );
      });
    }

    for (const [profileName, profile] of MAC_FIRST) {
      it(`${profileName}: flipping any AUTN bit gives mac-failure and keeps the state`, () => {
        fc.assert(
          fc.property(bytes(32), bytes(2), bytes(16), fc.nat(), (seed, amf, rand, bitSeed) => {
            const m = factory.create(seed);
            const usim = new Usim({ milenage: m, ...profile });
            const { av } = network(m, 1n << 10n).vector(amf, rand);
            const bit = bitSeed % (av.autn.length * 8);
            const tampered = av.autn.slice();
            tampered[bit >> 3]! ^= 0x80 >> (bit & 7);
            const before = usim.state;
            expect(usim.authenticate(av.rand, tampered)).toEqual({ kind: 'mac-failure' });
            expect(usim.state).toEqual(before);
            // The genuine vector is still accepted afterwards.
            expectSuccess(usim.authenticate(av.rand, av.autn), av);
          }),
          { numRuns: 100 },
        );
      });
    }

    it('sqn-first (onomondo-uicc 2.2): a bad MAC on a fresh SQN still consumes the SQN', () => {
      fc.assert(
        fc.property(
          bytes(32),
          bytes(2),
          bytes(16),
          fc.integer({ min: 64, max: 127 }),
          (seed, amf, rand, bit) => {
            const m = factory.create(seed);
            const usim = new Usim({ milenage: m, ...USIM_PROFILES['onomondo-uicc-2.2'] });
            const { sqn, av } = network(m, 1n << 10n).vector(amf, rand);
            const tampered = av.autn.slice();
            tampered[bit >> 3]! ^= 0x80 >> (bit & 7); // MAC-A bits only: SQN still decodes correctly
            expect(usim.authenticate(av.rand, tampered)).toEqual({ kind: 'mac-failure' });
            expect(usim.seqMs[Number(sqn & 31n)]).toBe(sqn >> 5n);
            // ... so the genuine vector now looks like a replay.
            expect(usim.authenticate(av.rand, av.autn).kind).toBe('sync-failure');
          },
        ),
        { numRuns: 50 },
      );
    });
  });
}
