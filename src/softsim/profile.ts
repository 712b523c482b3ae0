/**
 * A SoftSIM profile — what `nrf_softsim_provision()` consumes: IMSI, ICCID, K, OPc, KIC, KID and
 * optionally EF.SMSP record 1 — as an object or as the hex TLV string Onomondo's tools print
 * (`./softsim next`; `TAG LEN DATA`, LEN counting hex characters, decoded by onomondo-uicc
 * `utils/ss_profile.c:ss_profile_from_string`). Also the EF encodings of IMSI (TS 31.102 §4.2.2)
 * and ICCID (TS 102 221 §13.2).
 * @module
 */

import { abytes, copyBytes, describeType, fromHex, toHex, wipe } from '../utils/bytes.js';
import { redact } from '../utils/redact.js';
import { KMU_KEY_SIZE, PROFILE_TAG } from './constants.js';

/** Length of record 1 of EF.SMSP (`SMSP_RECORD_SIZE`, 28 + Y with a 24-byte alpha identifier). */
export const SMSP_RECORD_SIZE = 52;

/** One subscriber's SoftSIM profile. Keys are 16 bytes each. */
export interface SoftSimProfile {
  /** IMSI, 6 to 15 decimal digits, e.g. `'001010123456789'`. */
  imsi: string;
  /** ICCID, 18 to 20 decimal digits (EF.ICCID pads with F), e.g. `'89000123456789012341'`. */
  iccid: string;
  /** K (Ki): imported as PSA key 10; the SIM file only keeps the tag `04`. */
  k: Uint8Array;
  /** OPc: stored in plaintext in EF 3F00/A001. */
  opc: Uint8Array;
  /** KIc (OTA cipher key): PSA key 11. */
  kic: Uint8Array;
  /** KID (OTA integrity key): PSA key 12. */
  kid: Uint8Array;
  /** EF.SMSP record 1 (52 bytes), optional. */
  smsp?: Uint8Array;
}

/** Checks a profile and returns an independent, redacted copy (printing it never shows the keys). */
export function checkSoftSimProfile(profile: SoftSimProfile): SoftSimProfile {
  if (typeof profile !== 'object' || profile === null)
    throw new TypeError(
      `profile must be an object { imsi, iccid, k, opc, kic, kid }, got ${describeType(profile)}`,
    );
  digits('profile.imsi', profile.imsi, 6, 15);
  digits('profile.iccid', profile.iccid, 18, 20);
  // Every check before the first copy, so a bad field leaves no copied key behind.
  abytes('profile.k', profile.k, KMU_KEY_SIZE);
  abytes('profile.opc', profile.opc, 16);
  abytes('profile.kic', profile.kic, KMU_KEY_SIZE);
  abytes('profile.kid', profile.kid, KMU_KEY_SIZE);
  if (profile.smsp !== undefined) abytes('profile.smsp', profile.smsp, SMSP_RECORD_SIZE);
  const out: SoftSimProfile = {
    imsi: profile.imsi,
    iccid: profile.iccid,
    k: copyBytes(profile.k),
    opc: copyBytes(profile.opc),
    kic: copyBytes(profile.kic),
    kid: copyBytes(profile.kid),
  };
  if (profile.smsp !== undefined) out.smsp = copyBytes(profile.smsp);
  return redact(out, `SoftSimProfile(${profile.imsi})`);
}

/**
 * Internal (not exported by `psa-emu/softsim`): a checked, independent copy of a profile object
 * (the caller's arrays are left alone) or of a profile string (the decoded intermediate is wiped).
 * The caller owns the copy and wipes it with {@link wipeProfile}.
 */
export function toProfile(profile: SoftSimProfile | string): SoftSimProfile {
  if (typeof profile !== 'string') return checkSoftSimProfile(profile);
  const decoded = decodeSoftSimProfile(profile);
  try {
    return checkSoftSimProfile(decoded);
  } finally {
    wipeProfile(decoded);
  }
}

/** Internal: zeroes a profile's byte fields (K, OPc, KIC, KID, SMSP) in place. */
export function wipeProfile(profile: SoftSimProfile): void {
  wipe(profile.k, profile.opc, profile.kic, profile.kid, profile.smsp);
}

function digits(name: string, v: unknown, min: number, max: number): string {
  if (typeof v !== 'string' || !/^[0-9]+$/.test(v) || v.length < min || v.length > max) {
    throw new TypeError(`${name} must be a string of ${min} to ${max} decimal digits`);
  }
  return v;
}

/**
 * EF.IMSI (TS 31.102 §4.2.2), 9 bytes: length, then digit 1 with the parity/type nibble (`9` odd,
 * `1` even), then the remaining digits two per byte, low nibble first; unused nibbles and bytes F.
 * @example encodeImsi('001010123456789') // 08 09 10 10 10 32 54 76 98
 */
export function encodeImsi(imsi: string): Uint8Array {
  digits('imsi', imsi, 6, 15);
  const d = [...imsi].map(Number);
  const out = new Uint8Array(9).fill(0xff);
  out[0] = Math.ceil((d.length + 1) / 2);
  out[1] = (d[0]! << 4) | (d.length % 2 === 1 ? 0x9 : 0x1);
  for (let i = 1; i < d.length; i += 2) out[1 + (i + 1) / 2] = ((d[i + 1] ?? 0xf) << 4) | d[i]!;
  return out;
}

/** Digits of an EF.IMSI (inverse of {@link encodeImsi}). */
export function decodeImsi(ef: Uint8Array): string {
  abytes('ef', ef, 9);
  const n = ef[0]!;
  if (n < 1 || n > 8) throw new RangeError(`EF.IMSI length byte must be 1..8, got ${n}`);
  let s = String(ef[1]! >> 4);
  for (let i = 2; i <= n; i++) s += nibbles(ef[i]!);
  return s;
}

/** EF.ICCID (TS 102 221 §13.2), 10 bytes: BCD digits, low nibble first, padded with F. */
export function encodeIccid(iccid: string): Uint8Array {
  digits('iccid', iccid, 18, 20);
  const d = [...iccid].map(Number);
  const out = new Uint8Array(10).fill(0xff);
  for (let i = 0; i < d.length; i += 2) out[i / 2] = ((d[i + 1] ?? 0xf) << 4) | d[i]!;
  return out;
}

/** Digits of an EF.ICCID (inverse of {@link encodeIccid}). */
export function decodeIccid(ef: Uint8Array): string {
  abytes('ef', ef, 10);
  let s = '';
  for (const b of ef) s += nibbles(b);
  return s;
}

function nibbles(b: number): string {
  const lo = b & 0xf;
  const hi = b >> 4;
  return (lo < 10 ? String(lo) : '') + (hi < 10 ? String(hi) : '');
}

/**
 * Decodes a profile string as `ss_profile_from_string` does: `TAG(2) LEN(2) DATA(LEN)` in hex,
 * LEN counting characters. IMSI and ICCID are given as their EF bytes; unknown tags (PINs,
 * SMSC, CRC) are skipped; `FF` ends the profile. A wrong field length is a `RangeError` naming
 * the decoder's error code (10 IMSI, 11 ICCID, 12 OPc, 13 K, 14 KIC, 15 KID, 16 SMSP, 1 framing).
 */
export function decodeSoftSimProfile(text: string): SoftSimProfile {
  if (typeof text !== 'string')
    throw new TypeError(`profile string must be a string, got ${describeType(text)}`);
  const fields = new Map<number, string>();
  let pos = 0;
  while (pos + 4 <= text.length) {
    const tag = byteAt(text, pos);
    const len = byteAt(text, pos + 2);
    const end = pos + 4 + len;
    if (end > text.length) throw new RangeError('profile string: a field runs past the end (error 1)');
    if (tag === PROFILE_TAG.END) break;
    const want = FIELD_LENGTH.get(tag);
    if (want !== undefined) {
      if (len !== want[0])
        throw new RangeError(
          `profile string: tag ${hex2(tag)} must have ${want[0]} hex characters (error ${want[1]})`,
        );
      fields.set(tag, text.slice(pos + 4, end));
    }
    pos = end;
  }
  const decoded: Uint8Array[] = [];
  const need = (tag: number, name: string) => {
    const v = fields.get(tag);
    if (v === undefined) throw new RangeError(`profile string: ${name} (tag ${hex2(tag)}) is missing`);
    const bytes = fromHex(v, name);
    decoded.push(bytes);
    return bytes;
  };
  try {
    const profile: SoftSimProfile = {
      imsi: decodeImsi(need(PROFILE_TAG.IMSI, 'IMSI')),
      iccid: decodeIccid(need(PROFILE_TAG.ICCID, 'ICCID')),
      k: need(PROFILE_TAG.KI, 'K'),
      opc: need(PROFILE_TAG.OPC, 'OPc'),
      kic: need(PROFILE_TAG.KIC, 'KIC'),
      kid: need(PROFILE_TAG.KID, 'KID'),
    };
    if (fields.has(PROFILE_TAG.SMSP)) profile.smsp = need(PROFILE_TAG.SMSP, 'SMSP');
    return redact(profile, `SoftSimProfile(${profile.imsi})`);
  } catch (e) {
    wipe(...decoded); // a later field failed: no decoded key is left behind
    throw e;
  }
}

/** The profile string of a profile (IMSI, ICCID, OPc, K, KIC, KID, SMSP), as `decodeSoftSimProfile` reads it. */
export function encodeSoftSimProfile(profile: SoftSimProfile): string {
  const p = checkSoftSimProfile(profile);
  const field = (tag: number, bytes: Uint8Array) => hex2(tag) + hex2(bytes.length * 2) + toHex(bytes);
  try {
    let s =
      field(PROFILE_TAG.IMSI, encodeImsi(p.imsi)) +
      field(PROFILE_TAG.ICCID, encodeIccid(p.iccid)) +
      field(PROFILE_TAG.OPC, p.opc) +
      field(PROFILE_TAG.KI, p.k) +
      field(PROFILE_TAG.KIC, p.kic) +
      field(PROFILE_TAG.KID, p.kid);
    if (p.smsp) s += field(PROFILE_TAG.SMSP, p.smsp);
    return s;
  } finally {
    wipeProfile(p);
  }
}

/** Hex-character counts per tag and the decoder's error code for a wrong length. */
const FIELD_LENGTH = new Map<number, readonly [number, number]>([
  [PROFILE_TAG.IMSI, [18, 10]],
  [PROFILE_TAG.ICCID, [20, 11]],
  [PROFILE_TAG.OPC, [32, 12]],
  [PROFILE_TAG.KI, [32, 13]],
  [PROFILE_TAG.KIC, [32, 14]],
  [PROFILE_TAG.KID, [32, 15]],
  [PROFILE_TAG.SMSP, [SMSP_RECORD_SIZE * 2, 16]],
]);

function byteAt(text: string, pos: number): number {
  const s = text.slice(pos, pos + 2);
  if (!/^[0-9a-fA-F]{2}$/.test(s)) throw new RangeError(`profile string: not hex at character ${pos}`);
  return Number.parseInt(s, 16);
}

function hex2(v: number): string {
  return v.toString(16).padStart(2, '0');
}
