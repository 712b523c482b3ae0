/**
 * The random values the differential scripts are made of: algorithms, usage flags, key
 * profiles (type, algorithm, length — usually coherent, sometimes not), lifetimes, key ids from
 * every range and output sizes around the exact one.
 */
import {
  PSA_ALG_CBC_MAC,
  PSA_ALG_CBC_NO_PADDING,
  PSA_ALG_CBC_PKCS7,
  PSA_ALG_CCM,
  PSA_ALG_CCM_STAR_NO_TAG,
  PSA_ALG_CFB,
  PSA_ALG_CMAC,
  PSA_ALG_CTR,
  PSA_ALG_ECB_NO_PADDING,
  PSA_ALG_GCM,
  PSA_ALG_HMAC_BASE,
  PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG,
  PSA_ALG_MD5,
  PSA_ALG_OFB,
  PSA_ALG_RIPEMD160,
  PSA_ALG_SHA_1,
  PSA_ALG_SHA_224,
  PSA_ALG_SHA_256,
  PSA_ALG_SHA_384,
  PSA_ALG_SHA_512,
  PSA_ALG_SHA3_256,
  PSA_ALG_STREAM_CIPHER,
  PSA_ALG_XTS,
  PSA_KEY_TYPE_AES,
  PSA_KEY_TYPE_ARIA,
  PSA_KEY_TYPE_CAMELLIA,
  PSA_KEY_TYPE_CHACHA20,
  PSA_KEY_TYPE_DERIVE,
  PSA_KEY_TYPE_DES,
  PSA_KEY_TYPE_HMAC,
  PSA_KEY_TYPE_PASSWORD,
  PSA_KEY_TYPE_PEPPER,
  PSA_KEY_TYPE_RAW_DATA,
  PSA_KEY_TYPE_RSA_PUBLIC_KEY,
  PSA_KEY_USAGE_CACHE,
  PSA_KEY_USAGE_COPY,
  PSA_KEY_USAGE_DECRYPT,
  PSA_KEY_USAGE_DERIVE,
  PSA_KEY_USAGE_ENCRYPT,
  PSA_KEY_USAGE_EXPORT,
  PSA_KEY_USAGE_SIGN_HASH,
  PSA_KEY_USAGE_SIGN_MESSAGE,
  PSA_KEY_USAGE_VERIFY_DERIVATION,
  PSA_KEY_USAGE_VERIFY_HASH,
  PSA_KEY_USAGE_VERIFY_MESSAGE,
  PSA_KEY_USAGE_WRAP,
} from '../../src/index.js';
import { type IdRef, idRef, type Rng, SLOT_COUNT } from './mbedtls-differential-script.js';

/** `PSA_ALG_HMAC(hash)`. */
export const hmac = (hash: number): number => (PSA_ALG_HMAC_BASE | (hash & 0xff)) >>> 0;
/** `PSA_ALG_TRUNCATED_MAC(mac, len)` (the length is not range-checked: scripts try bad ones too). */
export const truncated = (mac: number, len: number): number =>
  ((mac & ~0x003f0000) | ((len & 0x3f) << 16)) >>> 0;
/** `PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(mac, len)`. */
export const atLeast = (mac: number, len: number): number =>
  (truncated(mac, len) | PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG) >>> 0;

/** The cipher modes psa-emu implements. */
export const CIPHER_ALGS = [PSA_ALG_ECB_NO_PADDING, PSA_ALG_CBC_NO_PADDING, PSA_ALG_CBC_PKCS7, PSA_ALG_CTR];
const ODD_CIPHER_ALGS = [
  PSA_ALG_CFB,
  PSA_ALG_OFB,
  PSA_ALG_XTS,
  PSA_ALG_CCM_STAR_NO_TAG,
  PSA_ALG_STREAM_CIPHER,
  PSA_ALG_GCM,
  PSA_ALG_CCM,
  PSA_ALG_CMAC,
  0,
];
/** The hashes psa-emu implements. */
export const HASHES = [PSA_ALG_SHA_1, PSA_ALG_SHA_224, PSA_ALG_SHA_256, PSA_ALG_SHA_384, PSA_ALG_SHA_512];
/** Digest lengths of `HASHES`. */
export const HASH_LENGTH: Record<number, number> = {
  [PSA_ALG_SHA_1]: 20,
  [PSA_ALG_SHA_224]: 28,
  [PSA_ALG_SHA_256]: 32,
  [PSA_ALG_SHA_384]: 48,
  [PSA_ALG_SHA_512]: 64,
};
const USAGES = [
  PSA_KEY_USAGE_EXPORT,
  PSA_KEY_USAGE_COPY,
  PSA_KEY_USAGE_ENCRYPT,
  PSA_KEY_USAGE_DECRYPT,
  PSA_KEY_USAGE_SIGN_MESSAGE,
  PSA_KEY_USAGE_VERIFY_MESSAGE,
  PSA_KEY_USAGE_SIGN_HASH,
  PSA_KEY_USAGE_VERIFY_HASH,
  PSA_KEY_USAGE_DERIVE,
];

/** What the generator believes a created key is (for choosing plausible algorithms). */
export interface KeyGuess {
  type: number;
  alg: number;
  bytes: number;
}

/** Usage flags both sides accept at creation. */
export const cleanUsage = (u: number): boolean => (u & ~0x7f03) === 0;
/** A key type and length both sides accept. */
export function plausibleKey(type: number, bytes: number): boolean {
  if (type === PSA_KEY_TYPE_AES) return bytes === 16 || bytes === 24 || bytes === 32;
  return (
    (type === PSA_KEY_TYPE_HMAC || type === PSA_KEY_TYPE_RAW_DATA || type === PSA_KEY_TYPE_DERIVE) &&
    bytes > 0
  );
}
/** A key the generator believes is an AES key with a cipher policy. */
export const isCipherKey = (g: KeyGuess): boolean =>
  g.type === PSA_KEY_TYPE_AES && (g.alg & 0x7f000000) === 0x04000000;
/** A key the generator believes has a MAC policy. */
export const isMacKey = (g: KeyGuess): boolean => (g.alg & 0x7f000000) === 0x03000000;

/** The MAC length `alg` gives (the truncation, else the full length of CMAC or the HMAC hash). */
export function macLength(alg: number): number {
  const trunc = (alg >>> 16) & 0x3f;
  if (trunc) return trunc;
  if ((alg & 0x7fc00000) === 0x03800000) return HASH_LENGTH[(0x02000000 | (alg & 0xff)) >>> 0] ?? 32;
  return 16;
}

/** A key id from every range. */
export function anyId(r: Rng, pool: readonly number[]): IdRef {
  return r.weighted<() => IdRef>([
    [2, () => ({ raw: 0 })],
    [5, () => ({ raw: r.pick(pool) })],
    [2, () => ({ raw: r.range(1, 0x3fffffff) })],
    [3, () => ({ vol: r.chance(0.8) ? r.int(4) : r.int(SLOT_COUNT) })],
    [1, () => idRef(r.range(0x40000020, 0x7ffeffff))],
    [1, () => ({ raw: r.range(0x7fff0000, 0x7fffefff) })],
    [1, () => idRef(r.range(0x7ffff000, 0x7fffffdf))],
    [1, () => ({ raw: r.range(0x80000000, 0xffffffff) })],
  ])();
}

/** An output size around `exact`: exact, longer, shorter, 0. */
export function outputSize(r: Rng, exact: number): number {
  return r.weighted<() => number>([
    [5, () => exact],
    [2, () => exact + r.range(1, 20)],
    [2, () => Math.max(0, exact - r.range(1, 17))],
    [1, () => 0],
    [1, () => r.int(100)],
  ])();
}

/** Usage flags: mostly a full set, sometimes random, sometimes bits 2.28 or 3.6 refuse. */
export function randomUsage(r: Rng): number {
  let u = 0;
  if (r.chance(0.65)) {
    u =
      PSA_KEY_USAGE_ENCRYPT |
      PSA_KEY_USAGE_DECRYPT |
      PSA_KEY_USAGE_SIGN_MESSAGE |
      PSA_KEY_USAGE_VERIFY_MESSAGE |
      (r.chance(0.6) ? PSA_KEY_USAGE_EXPORT : 0) |
      (r.chance(0.6) ? PSA_KEY_USAGE_COPY : 0);
  } else {
    for (const f of USAGES) if (r.chance(0.45)) u |= f;
  }
  if (r.chance(0.04)) u |= PSA_KEY_USAGE_VERIFY_DERIVATION;
  if (r.chance(0.03)) u |= PSA_KEY_USAGE_CACHE;
  if (r.chance(0.03)) u |= PSA_KEY_USAGE_WRAP;
  if (r.chance(0.01)) u = r.u32();
  return u >>> 0;
}

/** A (type, alg, key length) that is usually coherent. */
export function keyProfile(r: Rng): KeyGuess {
  return r.weighted<() => KeyGuess>([
    [
      8,
      () => ({
        type: PSA_KEY_TYPE_AES,
        alg: r.chance(0.9) ? r.pick(CIPHER_ALGS) : r.pick(ODD_CIPHER_ALGS),
        bytes: r.pick([16, 16, 24, 32]),
      }),
    ],
    [
      3,
      () => ({
        type: PSA_KEY_TYPE_AES,
        alg: r.weighted([
          [6, PSA_ALG_CMAC],
          [2, truncated(PSA_ALG_CMAC, r.range(1, 20))],
          [1, atLeast(PSA_ALG_CMAC, r.range(1, 16))],
          [1, PSA_ALG_CBC_MAC],
        ]),
        bytes: r.pick([16, 24, 32]),
      }),
    ],
    [
      5,
      () => {
        const base = hmac(r.pick(HASHES));
        return {
          type: PSA_KEY_TYPE_HMAC,
          alg: r.weighted([
            [6, base],
            [2, truncated(base, r.range(1, 70))],
            [1, atLeast(base, r.range(1, 40))],
            [1, hmac(r.pick([PSA_ALG_MD5, PSA_ALG_RIPEMD160, PSA_ALG_SHA3_256]))],
          ]),
          bytes: r.weighted([
            [6, r.range(1, 80)],
            [1, r.range(100, 300)],
          ]),
        };
      },
    ],
    [
      1,
      () => ({
        type: PSA_KEY_TYPE_RAW_DATA,
        alg: r.chance(0.5) ? 0 : r.pick(CIPHER_ALGS),
        bytes: r.range(1, 48),
      }),
    ],
    [1, () => ({ type: PSA_KEY_TYPE_DERIVE, alg: 0, bytes: r.range(1, 48) })],
    [
      1,
      () => ({
        type: r.pick([
          0,
          0x1234,
          PSA_KEY_TYPE_DES,
          PSA_KEY_TYPE_CHACHA20,
          PSA_KEY_TYPE_CAMELLIA,
          PSA_KEY_TYPE_ARIA,
          PSA_KEY_TYPE_RSA_PUBLIC_KEY,
          PSA_KEY_TYPE_PASSWORD,
          PSA_KEY_TYPE_PEPPER,
          r.int(0x10000),
        ]),
        alg: r.chance(0.5) ? r.pick(CIPHER_ALGS) : r.u32(),
        bytes: r.pick([8, 16, 24, 32, r.range(1, 40)]),
      }),
    ],
  ])();
}

/** A lifetime: mostly volatile or persistent, sometimes read-only, another location or random. */
export function randomLifetime(r: Rng): number {
  return r.weighted<() => number>([
    [12, () => 0],
    [6, () => 1],
    [0.6, () => r.pick([0xff, 0x100, 0x101, 0x800001, 0x2, 0x1ff])],
    [0.2, () => r.u32()],
  ])();
}

/** A cipher algorithm for key `g`. */
export function cipherAlgFor(r: Rng, g: KeyGuess | undefined): number {
  if (g && r.chance(0.75)) return g.alg;
  return r.chance(0.85) ? r.pick(CIPHER_ALGS) : r.pick(ODD_CIPHER_ALGS);
}

/** Plaintext length for `alg`: usually whole blocks for ECB/CBC. */
export function plainLength(r: Rng, alg: number): number {
  const blocky = alg === PSA_ALG_ECB_NO_PADDING || alg === PSA_ALG_CBC_NO_PADDING;
  return blocky && r.chance(0.75) ? 16 * r.int(4) : r.int(50);
}

/** A MAC algorithm for key `g`: its own mostly, else CMAC/HMAC, truncations, wildcards, others. */
export function macAlgFor(r: Rng, g: KeyGuess | undefined): number {
  if (g && r.chance(0.75)) return g.alg;
  return r.weighted<() => number>([
    [4, () => PSA_ALG_CMAC],
    [4, () => hmac(r.pick(HASHES))],
    [2, () => truncated(r.chance(0.5) ? PSA_ALG_CMAC : hmac(r.pick(HASHES)), r.range(0, 70))],
    [1, () => atLeast(hmac(PSA_ALG_SHA_256), r.range(1, 32))],
    [1, () => r.pick([PSA_ALG_CBC_MAC, PSA_ALG_CBC_NO_PADDING, 0, hmac(PSA_ALG_MD5)])],
  ])();
}
