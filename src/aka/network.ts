/**
 * The home network side of AKA (TS 33.102 §6.3.2 and §6.3.5): authentication vectors with
 * AUTN = SQN ⊕ AK ‖ AMF ‖ MAC-A, their EPS (TS 33.401 §6.1.1) and 5G (TS 33.501 §6.1.3.2) forms,
 * and the resynchronisation check of AUTS. Works with any `AkaAlgorithm` (MILENAGE or TUAK).
 * @module
 */

import { randomBytes } from '@noble/hashes/utils.js';
import { abytes, bytesToBigInt, constantTimeEqual, copyBytes, wipe } from '../utils/bytes.js';
import type { AkaAlgorithm } from './algorithm.js';
import { deriveKasme } from './eps.js';
import { deriveKausf, deriveResStar } from './fiveg.js';
import type { Plmn } from './plmn.js';
import { sqnToBytes } from './sqn.js';
import { buildAutn, openAuts, resyncAmf } from './tokens.js';

/** Inputs of {@link generateAuthVector}. */
export interface AuthVectorInput {
  /** The subscriber's keyed algorithm instance (`createMilenage(...)`, or TUAK). */
  milenage: AkaAlgorithm;
  /** The fresh SQN for this vector, a bigint or 6 bytes (see `nextSqn`). */
  sqn: bigint | Uint8Array;
  /** Authentication management field (2 bytes); set bit 0 (0x8000) for EPS/5G (separation bit). */
  amf: Uint8Array;
  /** RAND (16 bytes); random by default. */
  rand?: Uint8Array;
}

/** A UMTS authentication vector ("quintet" plus AK), TS 33.102 §6.3.2. */
export interface AuthVector {
  /** RAND, 16 bytes. */
  rand: Uint8Array;
  /** XRES = f2(RAND). */
  xres: Uint8Array;
  /** CK = f3(RAND). */
  ck: Uint8Array;
  /** IK = f4(RAND). */
  ik: Uint8Array;
  /** AK = f5(RAND), 6 bytes. */
  ak: Uint8Array;
  /** AUTN = SQN ⊕ AK ‖ AMF ‖ MAC-A (16 bytes with a 64-bit MAC). */
  autn: Uint8Array;
}

/** A copy of the given RAND (16 bytes, checked), or 16 fresh random bytes. */
export function randOrRandom(rand: Uint8Array | undefined): Uint8Array {
  return rand === undefined ? randomBytes(16) : copyBytes(abytes('rand', rand, 16));
}

/**
 * Generates an authentication vector (TS 33.102 §6.3.2, Figure 8): MAC-A = f1(SQN, RAND, AMF),
 * XRES = f2, CK = f3, IK = f4, AK = f5 (all of RAND), AUTN = SQN ⊕ AK ‖ AMF ‖ MAC-A.
 */
export function generateAuthVector({ milenage, sqn, amf, rand }: AuthVectorInput): AuthVector {
  const sqnBytes = sqnToBytes(sqn);
  abytes('amf', amf, 2);
  const r = randOrRandom(rand);
  // f1 and f2345 only: f1*/f5* are not part of a vector (TUAK would pay two extra Keccak runs).
  const { macA } = milenage.f1(r, sqnBytes, amf);
  const out = milenage.f2345(r);
  const autn = buildAutn({ sqn: sqnBytes, ak: out.ak, amf, macA });
  wipe(macA, sqnBytes);
  return { rand: r, xres: out.res, ck: out.ck, ik: out.ik, ak: out.ak, autn };
}

/** Result of {@link resynchronise}. */
export type ResyncResult = { ok: true; sqnMs: bigint } | { ok: false };

/**
 * The home network's AUTS check (TS 33.102 §6.3.5): SQN_MS = (SQN_MS ⊕ AK*) ⊕ f5*(RAND), then
 * MAC-S must equal f1*(SQN_MS, RAND, AMF = 0000), compared in constant time. On success the HE
 * resets SQN_HE to SQN_MS and the next SQN (`nextSqn({ sqnHe: sqnMs })`) will be accepted.
 *
 * `input.rand` is the RAND of the vector the USIM rejected (16 bytes), `input.auts` the AUTS from
 * the synchronisation failure (6 + macLength bytes).
 */
export function resynchronise({
  milenage,
  rand,
  auts,
}: {
  milenage: AkaAlgorithm;
  rand: Uint8Array;
  auts: Uint8Array;
}): ResyncResult {
  abytes('rand', rand, 16);
  abytes('auts', auts, 6 + milenage.macLength);
  const { akStar } = milenage.f5star(rand);
  const { sqnMs, macS } = openAuts(auts, akStar);
  const { macS: xmacS } = milenage.f1star(rand, sqnMs, resyncAmf());
  const ok = constantTimeEqual(macS, xmacS);
  const value = bytesToBigInt(sqnMs);
  wipe(akStar, sqnMs, xmacS);
  return ok ? { ok: true, sqnMs: value } : { ok: false };
}

/** An EPS authentication vector (TS 33.401 §6.1.1): RAND, XRES, AUTN, KASME. */
export interface EpsAuthVector {
  rand: Uint8Array;
  xres: Uint8Array;
  autn: Uint8Array;
  /** KASME (32 bytes), TS 33.401 §A.2. */
  kasme: Uint8Array;
}

/**
 * Generates an EPS authentication vector (TS 33.401 §6.1.1): a UMTS vector whose CK/IK are turned into
 * KASME with the serving network identity. AMF should have the separation bit set (TS 33.401 §6.1.1).
 */
export function generateEpsAuthVector(input: AuthVectorInput & { snId: Uint8Array | Plmn }): EpsAuthVector {
  const av = generateAuthVector(input);
  const kasme = deriveKasme({ ck: av.ck, ik: av.ik, snId: input.snId, sqnXorAk: av.autn.subarray(0, 6) });
  const result = { rand: av.rand, xres: av.xres, autn: av.autn, kasme };
  wipe(av.ck, av.ik, av.ak);
  return result;
}

/** A 5G home environment authentication vector (TS 33.501 §6.1.3.2, step 2): RAND, AUTN, XRES*, KAUSF. */
export interface FiveGHeAuthVector {
  rand: Uint8Array;
  autn: Uint8Array;
  /** XRES* (16 bytes), TS 33.501 §A.4. */
  xresStar: Uint8Array;
  /** KAUSF (32 bytes), TS 33.501 §A.2. */
  kausf: Uint8Array;
}

/**
 * Generates a 5G HE AV for 5G AKA (TS 33.501 §6.1.3.2): the UDM/ARPF derives XRES* and KAUSF from the
 * UMTS vector and the serving network name. The AUSF then computes HXRES* (`deriveHresStar`) and KSEAF.
 */
export function generate5gAuthVector(input: AuthVectorInput & { snn: string }): FiveGHeAuthVector {
  const av = generateAuthVector(input);
  const { snn } = input;
  const xresStar = deriveResStar({ ck: av.ck, ik: av.ik, snn, rand: av.rand, res: av.xres });
  const kausf = deriveKausf({ ck: av.ck, ik: av.ik, snn, sqnXorAk: av.autn.subarray(0, 6) });
  const result = { rand: av.rand, autn: av.autn, xresStar, kausf };
  wipe(av.ck, av.ik, av.ak, av.xres);
  return result;
}
