/**
 * GSM answers from the UMTS quintet (TS 33.102 §6.8.1.2 and §6.8.2): SRES = c2(XRES) and Kc = c3(CK, IK),
 * as a USIM computes them in the GSM security context and as a VLR/SGSN converts quintets to triplets.
 * c2/c3 are the ones of `psa-emu/milenage` (they are algorithm-independent).
 * @module
 */

import { c2, c3 } from '../milenage/gsm.js';
import { wipe } from '../utils/bytes.js';
import type { AkaAlgorithm } from './algorithm.js';
import { randOrRandom } from './network.js';

/** A GSM triplet (RAND, SRES, Kc), TS 33.102 §6.8.1.2. */
export interface GsmTriplet {
  /** RAND, 16 bytes. */
  rand: Uint8Array;
  /** SRES = c2(XRES), 4 bytes. */
  sres: Uint8Array;
  /** Kc = c3(CK, IK), 8 bytes. */
  kc: Uint8Array;
}

/**
 * Converts a quintet to GSM values (TS 33.102 §6.8.2.1, conversion functions c2 and c3):
 * SRES = c2(XRES), Kc = c3(CK, IK). CK/IK must be 128-bit (c3 is defined for 128-bit keys only).
 */
export function gsmFromQuintet({ xres, ck, ik }: { xres: Uint8Array; ck: Uint8Array; ik: Uint8Array }): {
  sres: Uint8Array;
  kc: Uint8Array;
} {
  return { sres: c2(xres), kc: c3(ck, ik) };
}

/**
 * Generates a GSM triplet on the home network side from the algorithm's f2, f3, f4
 * (the USIM answers the same RAND in the GSM context with `Usim.authenticateGsm`).
 */
export function gsmTriplet({ milenage, rand }: { milenage: AkaAlgorithm; rand?: Uint8Array }): GsmTriplet {
  const r = randOrRandom(rand);
  const { res, ck, ik, ak } = milenage.f2345(r);
  try {
    return { rand: r, ...gsmFromQuintet({ xres: res, ck, ik }) };
  } finally {
    wipe(res, ck, ik, ak);
  }
}
