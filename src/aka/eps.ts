/**
 * EPS key derivations of TS 33.401 Annex A: KASME from CK/IK after EPS AKA (§A.2) and KeNB from
 * KASME (§A.3), both with the KDF of TS 33.220 Annex B.2.
 * @module
 */

import { abytes, isBytes } from '../utils/bytes.js';
import { count32, KDF_FC, kdf, kdfCkIk } from './kdf.js';
import { encodePlmnId, type Plmn } from './plmn.js';

/** Inputs of {@link deriveKasme}. */
export interface KasmeInput {
  /** Cipher key CK from f3 (16 bytes). */
  ck: Uint8Array;
  /** Integrity key IK from f4 (16 bytes). */
  ik: Uint8Array;
  /** Serving network identity: the 3-octet PLMN ID (TS 24.301 §9.9.3.32), or `{ mcc, mnc }` to encode. */
  snId: Uint8Array | Plmn;
  /** SQN ⊕ AK, the first 6 bytes of AUTN (not the plain SQN). */
  sqnXorAk: Uint8Array;
}

/**
 * KASME (TS 33.401 §A.2): `KDF(CK ‖ IK, FC = 0x10, P0 = SN id, P1 = SQN ⊕ AK)`.
 * The AK is included "to hide the SQN", so pass the first 6 bytes of AUTN.
 *
 * @returns KASME, 32 bytes
 */
export function deriveKasme({ ck, ik, snId, sqnXorAk }: KasmeInput): Uint8Array {
  const sn = isBytes(snId) ? abytes('snId', snId, 3) : encodePlmnId(snId);
  abytes('sqnXorAk', sqnXorAk, 6);
  return kdfCkIk(ck, ik, KDF_FC.kasme, sn, sqnXorAk);
}

/** Inputs of {@link deriveKenb}. */
export interface KenbInput {
  /** KASME (32 bytes). */
  kasme: Uint8Array;
  /** Uplink NAS COUNT, a 32-bit unsigned integer. */
  ulNasCount: number;
}

/**
 * KeNB (TS 33.401 §A.3): `KDF(KASME, FC = 0x11, P0 = uplink NAS COUNT)`.
 *
 * @returns KeNB, 32 bytes
 */
export function deriveKenb({ kasme, ulNasCount }: KenbInput): Uint8Array {
  abytes('kasme', kasme, 32);
  return kdf(kasme, KDF_FC.kenb, count32('ulNasCount', ulNasCount));
}

/**
 * Whether AMF has the "separation bit" (bit 0, the most significant bit) set, which the ME requires
 * for an authentication vector to be used in E-UTRAN / 5G (TS 33.401 §6.1.1, TS 33.102 Annex H).
 */
export function hasSeparationBit(amf: Uint8Array): boolean {
  abytes('amf', amf, 2);
  return (amf[0]! & 0x80) !== 0;
}
