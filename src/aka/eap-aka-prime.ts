/**
 * EAP-AKA' key derivation (RFC 5448 §3.3 and §3.4, republished as RFC 9048; TS 33.402 §A.2):
 * CK'/IK' from CK/IK and the access network name, then PRF' (an HMAC-SHA-256 expansion) to
 * K_encr, K_aut, K_re, MSK and EMSK. In 5G (TS 33.501 §6.1.3.1) the network name is the SNN
 * and KAUSF is the first 256 bits of EMSK.
 * @module
 */

import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { abytes, anumber, concatBytes, isBytes, wipe } from '../utils/bytes.js';
import { KDF_FC, kdfCkIk, utf8 } from './kdf.js';

/** Inputs of {@link deriveCkIkPrime}. */
export interface CkIkPrimeInput {
  /** CK (16 bytes). */
  ck: Uint8Array;
  /** IK (16 bytes). */
  ik: Uint8Array;
  /** Access network identity (RFC 5448 §3.1, TS 24.302 §8.1.1.1, e.g. `'WLAN'`), or in 5G the SNN. */
  networkName: string;
  /** SQN ⊕ AK, the first 6 bytes of AUTN. */
  sqnXorAk: Uint8Array;
}

/**
 * CK' ‖ IK' (TS 33.402 §A.2, RFC 5448 §3.3): `KDF(CK ‖ IK, FC = 0x20, P0 = network name, P1 = SQN ⊕ AK)`;
 * CK' is the first 16 bytes of the output, IK' the last 16.
 */
export function deriveCkIkPrime({ ck, ik, networkName, sqnXorAk }: CkIkPrimeInput): {
  ckPrime: Uint8Array;
  ikPrime: Uint8Array;
} {
  abytes('ck', ck, 16);
  abytes('ik', ik, 16);
  abytes('sqnXorAk', sqnXorAk, 6);
  const out = kdfCkIk(ck, ik, KDF_FC.ckIkPrime, utf8('networkName', networkName), sqnXorAk);
  const result = { ckPrime: out.slice(0, 16), ikPrime: out.slice(16, 32) };
  wipe(out);
  return result;
}

/**
 * PRF' of RFC 5448 §3.4: `T1 ‖ T2 ‖ …` truncated to `length` bytes, where
 * `T1 = HMAC-SHA-256(K, S ‖ 0x01)` and `Tn = HMAC-SHA-256(K, T(n-1) ‖ S ‖ n)`.
 *
 * @param key K
 * @param s the seed S
 * @param length output length in bytes, at most 255 × 32 = 8160
 */
export function prfPrime(key: Uint8Array, s: Uint8Array, length: number): Uint8Array {
  abytes('key', key);
  abytes('s', s);
  anumber('length', length, 255 * 32);
  const out = new Uint8Array(length);
  const block = new Uint8Array(32 + s.length + 1);
  let t = new Uint8Array(0);
  for (let n = 1, o = 0; o < length; n++) {
    // T(n-1) ‖ S ‖ n (T0 is empty).
    block.set(t, 0);
    block.set(s, t.length);
    block[t.length + s.length] = n;
    const next = hmac(sha256, key, block.subarray(0, t.length + s.length + 1));
    wipe(t);
    t = next;
    out.set(t.subarray(0, Math.min(32, length - o)), o);
    o += 32;
  }
  wipe(t, block);
  return out;
}

/** The EAP-AKA' keys of RFC 5448 §3.3. */
export interface EapAkaPrimeKeys {
  /** K_encr (16 bytes): encryption key for AT_ENCR_DATA. */
  kEncr: Uint8Array;
  /** K_aut (32 bytes): key of AT_MAC (HMAC-SHA-256-128). */
  kAut: Uint8Array;
  /** K_re (32 bytes): fast re-authentication key. */
  kRe: Uint8Array;
  /** MSK (64 bytes). */
  msk: Uint8Array;
  /** EMSK (64 bytes). */
  emsk: Uint8Array;
}

/** Inputs of {@link deriveEapAkaPrimeKeys}. */
export interface EapAkaPrimeKeysInput {
  /** CK' (16 bytes), from {@link deriveCkIkPrime}. */
  ckPrime: Uint8Array;
  /** IK' (16 bytes), from {@link deriveCkIkPrime}. */
  ikPrime: Uint8Array;
  /** The peer identity of the exchange (RFC 5448 §3.3); a string is encoded as UTF-8. */
  identity: string | Uint8Array;
}

/**
 * EAP-AKA' key derivation (RFC 5448 §3.3): `MK = PRF'(IK' ‖ CK', "EAP-AKA'" ‖ Identity)` (note the key
 * order: IK' first), split as K_encr (128 bits) ‖ K_aut (256) ‖ K_re (256) ‖ MSK (512) ‖ EMSK (512).
 */
export function deriveEapAkaPrimeKeys({ ckPrime, ikPrime, identity }: EapAkaPrimeKeysInput): EapAkaPrimeKeys {
  abytes('ckPrime', ckPrime, 16);
  abytes('ikPrime', ikPrime, 16);
  if (!isBytes(identity) && typeof identity !== 'string')
    throw new TypeError('identity must be a string or bytes');
  const id = isBytes(identity) ? identity : new TextEncoder().encode(identity);
  const key = concatBytes(ikPrime, ckPrime);
  const mk = prfPrime(key, concatBytes(utf8('label', "EAP-AKA'"), id), 208);
  const keys: EapAkaPrimeKeys = {
    kEncr: mk.slice(0, 16),
    kAut: mk.slice(16, 48),
    kRe: mk.slice(48, 80),
    msk: mk.slice(80, 144),
    emsk: mk.slice(144, 208),
  };
  wipe(key, mk);
  return keys;
}

/** KAUSF after EAP-AKA' (TS 33.501 §6.1.3.1): the most significant 256 bits (first 32 bytes) of EMSK. */
export function kausfFromEmsk(emsk: Uint8Array): Uint8Array {
  abytes('emsk', emsk, 64);
  return emsk.slice(0, 32);
}
