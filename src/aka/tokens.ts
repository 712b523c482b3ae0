/**
 * The AKA tokens (TS 33.102 §6.3.2 and §6.3.3): AUTN = SQN ⊕ AK ‖ AMF ‖ MAC-A and
 * AUTS = SQN_MS ⊕ AK* ‖ MAC-S. Building and opening them is the same on both sides;
 * the MAC checks live with their users (`network.ts`, `usim.ts`).
 * @module
 */

import { abytes, xorBytes } from '../utils/bytes.js';

/** MAC lengths in bytes: 8 for MILENAGE, 8, 16 or 32 for TUAK (TS 35.231). */
export const MAC_LENGTHS: readonly number[] = Object.freeze([8, 16, 32]);

/** A new copy of the AMF used in MAC-S of AUTS: the dummy value 0000 (TS 33.102 §6.3.3). */
export function resyncAmf(): Uint8Array {
  return new Uint8Array(2);
}

/**
 * AUTN = (SQN ⊕ AK) ‖ AMF ‖ MAC-A (TS 33.102 §6.3.2); 16 bytes with a 64-bit MAC.
 */
export function buildAutn({
  sqn,
  ak,
  amf,
  macA,
}: {
  sqn: Uint8Array;
  ak: Uint8Array;
  amf: Uint8Array;
  macA: Uint8Array;
}): Uint8Array {
  abytes('sqn', sqn, 6);
  abytes('ak', ak, 6);
  abytes('amf', amf, 2);
  abytes('macA', macA, ...MAC_LENGTHS);
  const autn = new Uint8Array(8 + macA.length);
  autn.set(xorBytes(sqn, ak), 0);
  autn.set(amf, 6);
  autn.set(macA, 8);
  return autn;
}

/** The first 6 bytes of AUTN, SQN ⊕ AK (the input of KASME, KAUSF and CK'/IK'). A new array. */
export function sqnXorAk(autn: Uint8Array): Uint8Array {
  abytes('autn', autn, ...MAC_LENGTHS.map((n) => 8 + n));
  return autn.slice(0, 6);
}

/**
 * Opens AUTN with AK (USIM side, TS 33.102 §6.3.3): SQN = (SQN ⊕ AK) ⊕ AK, AMF, MAC.
 * The MAC is returned, not checked.
 */
export function openAutn(
  autn: Uint8Array,
  ak: Uint8Array,
): { sqn: Uint8Array; amf: Uint8Array; mac: Uint8Array } {
  abytes('autn', autn, ...MAC_LENGTHS.map((n) => 8 + n));
  abytes('ak', ak, 6);
  return { sqn: xorBytes(autn.subarray(0, 6), ak), amf: autn.slice(6, 8), mac: autn.slice(8) };
}

/**
 * AUTS = (SQN_MS ⊕ AK*) ‖ MAC-S (TS 33.102 §6.3.3), MAC-S = f1*(SQN_MS, RAND, AMF = 0000);
 * 14 bytes with a 64-bit MAC.
 */
export function buildAuts({
  sqnMs,
  akStar,
  macS,
}: {
  sqnMs: Uint8Array;
  akStar: Uint8Array;
  macS: Uint8Array;
}): Uint8Array {
  abytes('sqnMs', sqnMs, 6);
  abytes('akStar', akStar, 6);
  abytes('macS', macS, ...MAC_LENGTHS);
  const auts = new Uint8Array(6 + macS.length);
  auts.set(xorBytes(sqnMs, akStar), 0);
  auts.set(macS, 6);
  return auts;
}

/** Opens AUTS with AK* (network side, TS 33.102 §6.3.5): SQN_MS and MAC-S (not checked). */
export function openAuts(auts: Uint8Array, akStar: Uint8Array): { sqnMs: Uint8Array; macS: Uint8Array } {
  abytes('auts', auts, ...MAC_LENGTHS.map((n) => 6 + n));
  abytes('akStar', akStar, 6);
  return { sqnMs: xorBytes(auts.subarray(0, 6), akStar), macS: auts.slice(6) };
}
