/**
 * The generic 3GPP key derivation function (TS 33.220 Annex B.2): HMAC-SHA-256 over
 * S = FC ‖ P0 ‖ L0 ‖ P1 ‖ L1 ‖ …, where each Li is the length of Pi as a 2-byte big-endian number.
 * Every EPS, 5G and EAP-AKA' key in this module is one call of {@link kdf} with its own FC.
 * @module
 */

import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { abytes, anumber, wipe } from '../utils/bytes.js';

/**
 * Function codes (FC) of the KDF calls in this module: TS 33.401 Annex A (EPS), TS 33.402 Annex A.2
 * (CK'/IK'), TS 33.501 Annex A (5G). The FC space is allocated in TS 33.220 Annex B.2.2.
 */
export const KDF_FC = Object.freeze({
  /** KASME, TS 33.401 §A.2. */
  kasme: 0x10,
  /** KeNB, TS 33.401 §A.3. */
  kenb: 0x11,
  /** CK'/IK', TS 33.402 §A.2 (also TS 33.501 §A.3 and RFC 5448 §3.3). */
  ckIkPrime: 0x20,
  /** KAUSF, TS 33.501 §A.2. */
  kausf: 0x6a,
  /** RES* / XRES*, TS 33.501 §A.4. */
  resStar: 0x6b,
  /** KSEAF, TS 33.501 §A.6. */
  kseaf: 0x6c,
  /** KAMF, TS 33.501 §A.7. */
  kamf: 0x6d,
  /** KgNB (and KN3IWF), TS 33.501 §A.9. */
  kgnb: 0x6e,
} as const);

/**
 * The 3GPP KDF of TS 33.220 Annex B.2.0: `HMAC-SHA-256(key, FC ‖ P0 ‖ L0 ‖ … ‖ Pn ‖ Ln)`.
 *
 * @param key the KDF key (any length; 3GPP keys are 16 or 32 bytes)
 * @param fc the function code, one byte (see {@link KDF_FC})
 * @param params P0…Pn; each must be shorter than 65536 bytes so that Li fits in two bytes
 * @returns the 32-byte derived key
 */
export function kdf(key: Uint8Array, fc: number, ...params: Uint8Array[]): Uint8Array {
  abytes('key', key);
  anumber('fc', fc, 0xff);
  let n = 1;
  params.forEach((p, i) => {
    abytes(`P${i}`, p);
    if (p.length > 0xffff) throw new RangeError(`P${i} must be shorter than 65536 bytes, got ${p.length}`);
    n += p.length + 2;
  });
  const s = new Uint8Array(n);
  s[0] = fc;
  let o = 1;
  for (const p of params) {
    s.set(p, o);
    o += p.length;
    s[o++] = p.length >>> 8;
    s[o++] = p.length & 0xff;
  }
  const out = hmac(sha256, key, s);
  wipe(s);
  return out;
}

/** `kdf(CK ‖ IK, …)`: most AKA derivations are keyed with the concatenation of CK and IK. */
export function kdfCkIk(ck: Uint8Array, ik: Uint8Array, fc: number, ...params: Uint8Array[]): Uint8Array {
  abytes('ck', ck, 16, 32);
  abytes('ik', ik, 16, 32);
  const key = new Uint8Array(ck.length + ik.length);
  key.set(ck);
  key.set(ik, ck.length);
  try {
    return kdf(key, fc, ...params);
  } finally {
    wipe(key);
  }
}

/** A 4-byte big-endian COUNT parameter (uplink NAS COUNT, TS 33.401 §A.3 / TS 33.501 §A.9). */
export function count32(name: string, value: number): Uint8Array {
  anumber(name, value, 0xffffffff);
  return new Uint8Array([value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]);
}

/** UTF-8 bytes of a string parameter (serving network name, access network identity, SUPI). */
export function utf8(name: string, value: string): Uint8Array {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string`);
  if (value.length === 0) throw new RangeError(`${name} must not be empty`);
  return new TextEncoder().encode(value);
}
