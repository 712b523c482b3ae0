/**
 * 5G key derivations of TS 33.501 Annex A: RES* / XRES* (§A.4), HRES* / HXRES* (§A.5), KAUSF (§A.2),
 * KSEAF (§A.6), KAMF (§A.7) and KgNB (§A.9), with the KDF of TS 33.220 Annex B.2.
 * The serving network name (SNN) must be the exact string of TS 24.501 §9.12.1 (3-digit MNC):
 * build it with `servingNetworkName()`.
 * @module
 */

import { sha256 } from '@noble/hashes/sha2.js';
import { abytes, anumber, concatBytes, constantTimeEqual, isBytes, wipe } from '../utils/bytes.js';
import { count32, KDF_FC, kdf, kdfCkIk, utf8 } from './kdf.js';

const RES_LENGTHS = Array.from({ length: 29 }, (_, i) => i + 4); // 4..32 bytes (MILENAGE 8, TUAK up to 32)

/** The last 16 bytes of a 32-byte KDF/hash output ("the 128 least significant bits"). */
function low128(out: Uint8Array): Uint8Array {
  const r = out.slice(16, 32);
  wipe(out);
  return r;
}

/** Inputs of {@link deriveResStar}. */
export interface ResStarInput {
  /** CK (16 bytes; TUAK may give 32). */
  ck: Uint8Array;
  /** IK (16 bytes; TUAK may give 32). */
  ik: Uint8Array;
  /** Serving network name, e.g. `5G:mnc001.mcc001.3gppnetwork.org`. */
  snn: string;
  /** RAND (16 bytes). */
  rand: Uint8Array;
  /** RES (UE side) or XRES (home network side), 4 to 32 bytes. */
  res: Uint8Array;
}

/**
 * RES* / XRES* (TS 33.501 §A.4): the 128 least significant bits (last 16 bytes) of
 * `KDF(CK ‖ IK, FC = 0x6B, P0 = SNN, P1 = RAND, P2 = RES)`.
 *
 * @returns RES* (or XRES* when given XRES), 16 bytes
 */
export function deriveResStar({ ck, ik, snn, rand, res }: ResStarInput): Uint8Array {
  abytes('rand', rand, 16);
  abytes('res', res, ...RES_LENGTHS);
  return low128(kdfCkIk(ck, ik, KDF_FC.resStar, utf8('snn', snn), rand, res));
}

/**
 * HRES* / HXRES* (TS 33.501 §A.5): the 128 least significant bits (last 16 bytes) of
 * `SHA-256(RAND ‖ RES*)`. The SEAF compares HRES* with the HXRES* from the home network.
 *
 * @returns HRES* (or HXRES* when given XRES*), 16 bytes
 */
export function deriveHresStar({ rand, resStar }: { rand: Uint8Array; resStar: Uint8Array }): Uint8Array {
  abytes('rand', rand, 16);
  abytes('resStar', resStar, 16);
  return low128(sha256(concatBytes(rand, resStar)));
}

/**
 * The SEAF's check in 5G AKA (TS 33.501 §6.1.3.2, step 10): HRES* computed from the UE's RES* must
 * equal HXRES*. Constant-time comparison.
 */
export function checkHresStar({
  rand,
  resStar,
  hxresStar,
}: {
  rand: Uint8Array;
  resStar: Uint8Array;
  hxresStar: Uint8Array;
}): boolean {
  abytes('hxresStar', hxresStar, 16);
  const hresStar = deriveHresStar({ rand, resStar });
  const ok = constantTimeEqual(hresStar, hxresStar);
  wipe(hresStar);
  return ok;
}

/** The AUSF's check in 5G AKA (TS 33.501 §6.1.3.2, step 11): RES* must equal XRES*. Constant-time. */
export function checkResStar({ resStar, xresStar }: { resStar: Uint8Array; xresStar: Uint8Array }): boolean {
  abytes('resStar', resStar, 16);
  abytes('xresStar', xresStar, 16);
  return constantTimeEqual(resStar, xresStar);
}

/** Inputs of {@link deriveKausf}. */
export interface KausfInput {
  /** CK (16 bytes; TUAK may give 32). */
  ck: Uint8Array;
  /** IK (16 bytes; TUAK may give 32). */
  ik: Uint8Array;
  /** Serving network name. */
  snn: string;
  /** SQN ⊕ AK: the first 6 bytes of AUTN. */
  sqnXorAk: Uint8Array;
}

/**
 * KAUSF for 5G AKA (TS 33.501 §A.2): `KDF(CK ‖ IK, FC = 0x6A, P0 = SNN, P1 = SQN ⊕ AK)`.
 * (For EAP-AKA', KAUSF is the first 32 bytes of EMSK instead: `kausfFromEmsk()`.)
 *
 * @returns KAUSF, 32 bytes
 */
export function deriveKausf({ ck, ik, snn, sqnXorAk }: KausfInput): Uint8Array {
  abytes('sqnXorAk', sqnXorAk, 6);
  return kdfCkIk(ck, ik, KDF_FC.kausf, utf8('snn', snn), sqnXorAk);
}

/**
 * KSEAF (TS 33.501 §A.6): `KDF(KAUSF, FC = 0x6C, P0 = SNN)`.
 *
 * @returns KSEAF, 32 bytes
 */
export function deriveKseaf({ kausf, snn }: { kausf: Uint8Array; snn: string }): Uint8Array {
  abytes('kausf', kausf, 32);
  return kdf(kausf, KDF_FC.kseaf, utf8('snn', snn));
}

/** Inputs of {@link deriveKamf}. */
export interface KamfInput {
  /** KSEAF (32 bytes). */
  kseaf: Uint8Array;
  /**
   * SUPI: for an IMSI-type SUPI the IMSI digits only (e.g. `'001010123456789'`, no `imsi-` prefix);
   * for a NAI-type SUPI the NAI. Strings are encoded as UTF-8; bytes are used as given.
   */
  supi: string | Uint8Array;
  /** ABBA parameter (TS 33.501 §A.7.1), at least 2 bytes; `00 00` in Release 15+. */
  abba: Uint8Array;
}

/**
 * KAMF (TS 33.501 §A.7): `KDF(KSEAF, FC = 0x6D, P0 = SUPI, P1 = ABBA)`.
 *
 * @returns KAMF, 32 bytes
 */
export function deriveKamf({ kseaf, supi, abba }: KamfInput): Uint8Array {
  abytes('kseaf', kseaf, 32);
  const p0 = isBytes(supi) ? supi : utf8('supi', supi);
  if (p0.length === 0) throw new RangeError('supi must not be empty');
  abytes('abba', abba);
  if (abba.length < 2) throw new RangeError(`abba must be at least 2 bytes long, got ${abba.length}`);
  return kdf(kseaf, KDF_FC.kamf, p0, abba);
}

/** Access type distinguisher of TS 33.501 §A.9 (Table A.9-1). */
export const ACCESS_TYPE = Object.freeze({ threeGpp: 0x01, nonThreeGpp: 0x02 } as const);

/** Inputs of {@link deriveKgnb}. */
export interface KgnbInput {
  /** KAMF (32 bytes). */
  kamf: Uint8Array;
  /** Uplink NAS COUNT, a 32-bit unsigned integer. */
  ulNasCount: number;
  /** Access type distinguisher: 1 = 3GPP access (KgNB), 2 = non-3GPP access (KN3IWF). */
  accessType: 1 | 2;
}

/**
 * KgNB / KN3IWF (TS 33.501 §A.9): `KDF(KAMF, FC = 0x6E, P0 = uplink NAS COUNT, P1 = access type distinguisher)`.
 *
 * @returns KgNB (or KN3IWF), 32 bytes
 */
export function deriveKgnb({ kamf, ulNasCount, accessType }: KgnbInput): Uint8Array {
  abytes('kamf', kamf, 32);
  anumber('accessType', accessType, 2);
  if (accessType < 1) throw new RangeError('accessType must be 1 (3GPP) or 2 (non-3GPP)');
  return kdf(kamf, KDF_FC.kgnb, count32('ulNasCount', ulNasCount), new Uint8Array([accessType]));
}
