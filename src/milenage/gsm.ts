/**
 * GSM conversion functions: UMTS RES → GSM SRES and CK/IK → Kc
 * (TS 33.102 §6.8.1.2, c2 and c3; TS 55.205 §4, GSM-MILENAGE SRES derivation functions 1 and 2).
 * @module
 */

import { abytes } from '../utils/bytes.js';

const RES_LENGTHS = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];

/**
 * c2 (TS 33.102 §6.8.1.2): SRES = XRES*[0..31] ⊕ XRES*[32..63] ⊕ XRES*[64..95] ⊕ XRES*[96..127],
 * where XRES* is RES zero-padded to 128 bits. This is SRES#1 ("SRES derivation function 1") of
 * TS 55.205 §4; for the 8-byte MILENAGE RES it is RES[0..3] ⊕ RES[4..7].
 *
 * @param res RES / XRES, 4 to 16 bytes (TS 33.102 allows 32 to 128 bits)
 * @returns SRES, 4 bytes
 */
export function c2(res: Uint8Array): Uint8Array {
  abytes('res', res, ...RES_LENGTHS);
  const sres = new Uint8Array(4);
  // Padding bytes are zero, so only the bytes that exist contribute.
  for (let i = 0; i < res.length; i++) sres[i & 3]! ^= res[i]!;
  return sres;
}

/**
 * SRES#2 ("SRES derivation function 2", TS 55.205 §4): the first 32 bits of RES.
 *
 * @param res RES / XRES, 4 to 16 bytes
 * @returns SRES, 4 bytes (a new array)
 */
export function sres2(res: Uint8Array): Uint8Array {
  abytes('res', res, ...RES_LENGTHS);
  return res.slice(0, 4);
}

/**
 * c3 (TS 33.102 §6.8.1.2): Kc = CK[0..63] ⊕ CK[64..127] ⊕ IK[0..63] ⊕ IK[64..127]
 * (also the Kc of GSM-MILENAGE, TS 55.205 §4).
 *
 * @param ck cipher key CK, 16 bytes
 * @param ik integrity key IK, 16 bytes
 * @returns Kc, 8 bytes
 */
export function c3(ck: Uint8Array, ik: Uint8Array): Uint8Array {
  abytes('ck', ck, 16);
  abytes('ik', ik, 16);
  const kc = new Uint8Array(8);
  for (let i = 0; i < 8; i++) kc[i] = ck[i]! ^ ck[i + 8]! ^ ik[i]! ^ ik[i + 8]!;
  return kc;
}
