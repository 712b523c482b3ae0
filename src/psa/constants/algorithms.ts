/**
 * `psa_algorithm_t` values and the macros built on them, with the C values of
 * Mbed TLS 3.6.5 `include/psa/crypto_values.h` (identical in the Oberon PSA core of NCS v3.2.2).
 * Algorithms are 32-bit unsigned; every macro here returns an unsigned value (`>>> 0`).
 * Spec: PSA Certified Crypto API 1.2, §10 "Algorithms".
 * @module
 */

/** A `psa_algorithm_t` (uint32). */
export type PsaAlgorithm = number;

export const PSA_ALG_NONE = 0;
export const PSA_ALG_VENDOR_FLAG = 0x80000000;
export const PSA_ALG_CATEGORY_MASK = 0x7f000000;
export const PSA_ALG_CATEGORY_HASH = 0x02000000;
export const PSA_ALG_CATEGORY_MAC = 0x03000000;
export const PSA_ALG_CATEGORY_CIPHER = 0x04000000;
export const PSA_ALG_CATEGORY_AEAD = 0x05000000;
export const PSA_ALG_CATEGORY_SIGN = 0x06000000;
export const PSA_ALG_CATEGORY_ASYMMETRIC_ENCRYPTION = 0x07000000;
export const PSA_ALG_CATEGORY_KEY_DERIVATION = 0x08000000;
export const PSA_ALG_CATEGORY_KEY_AGREEMENT = 0x09000000;

// Hash (§10.2)
export const PSA_ALG_HASH_MASK = 0x000000ff;
export const PSA_ALG_MD5 = 0x02000003;
export const PSA_ALG_RIPEMD160 = 0x02000004;
export const PSA_ALG_SHA_1 = 0x02000005;
export const PSA_ALG_SHA_224 = 0x02000008;
export const PSA_ALG_SHA_256 = 0x02000009;
export const PSA_ALG_SHA_384 = 0x0200000a;
export const PSA_ALG_SHA_512 = 0x0200000b;
export const PSA_ALG_SHA_512_224 = 0x0200000c;
export const PSA_ALG_SHA_512_256 = 0x0200000d;
export const PSA_ALG_SHA3_224 = 0x02000010;
export const PSA_ALG_SHA3_256 = 0x02000011;
export const PSA_ALG_SHA3_384 = 0x02000012;
export const PSA_ALG_SHA3_512 = 0x02000013;
/** Wildcard hash for policies of hash-and-sign algorithms. */
export const PSA_ALG_ANY_HASH = 0x020000ff;

// MAC (§10.3)
export const PSA_ALG_MAC_SUBCATEGORY_MASK = 0x00c00000;
export const PSA_ALG_HMAC_BASE = 0x03800000;
export const PSA_ALG_MAC_TRUNCATION_MASK = 0x003f0000;
export const PSA_MAC_TRUNCATION_OFFSET = 16;
export const PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG = 0x00008000;
export const PSA_ALG_CIPHER_MAC_BASE = 0x03c00000;
export const PSA_ALG_CBC_MAC = 0x03c00100;
/** AES-CMAC (RFC 4493; NIST SP 800-38B). */
export const PSA_ALG_CMAC = 0x03c00200;

// Cipher (§10.4)
export const PSA_ALG_CIPHER_STREAM_FLAG = 0x00800000;
export const PSA_ALG_CIPHER_FROM_BLOCK_FLAG = 0x00400000;
export const PSA_ALG_STREAM_CIPHER = 0x04800100;
export const PSA_ALG_CTR = 0x04c01000;
export const PSA_ALG_CFB = 0x04c01100;
export const PSA_ALG_OFB = 0x04c01200;
export const PSA_ALG_XTS = 0x0440ff00;
export const PSA_ALG_ECB_NO_PADDING = 0x04404400;
export const PSA_ALG_CBC_NO_PADDING = 0x04404000;
export const PSA_ALG_CBC_PKCS7 = 0x04404100;
export const PSA_ALG_CCM_STAR_NO_TAG = 0x04c01300;

// AEAD (§10.5) — values only; psa-emu does not implement AEAD.
export const PSA_ALG_CCM = 0x05500100;
export const PSA_ALG_GCM = 0x05500200;
export const PSA_ALG_CHACHA20_POLY1305 = 0x05100500;

/** `PSA_ALG_HMAC(hash_alg)`. */
export function PSA_ALG_HMAC(hashAlg: PsaAlgorithm): PsaAlgorithm {
  return (PSA_ALG_HMAC_BASE | (hashAlg & PSA_ALG_HASH_MASK)) >>> 0;
}
/** `PSA_ALG_HMAC_GET_HASH(hmac_alg)`. */
export function PSA_ALG_HMAC_GET_HASH(hmacAlg: PsaAlgorithm): PsaAlgorithm {
  return (PSA_ALG_CATEGORY_HASH | (hmacAlg & PSA_ALG_HASH_MASK)) >>> 0;
}
/** `PSA_ALG_TRUNCATED_MAC(mac_alg, mac_length)`: a MAC truncated to `macLength` bytes. */
export function PSA_ALG_TRUNCATED_MAC(macAlg: PsaAlgorithm, macLength: number): PsaAlgorithm {
  return (
    ((macAlg & ~(PSA_ALG_MAC_TRUNCATION_MASK | PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG)) |
      ((macLength << PSA_MAC_TRUNCATION_OFFSET) & PSA_ALG_MAC_TRUNCATION_MASK)) >>>
    0
  );
}
/** `PSA_ALG_FULL_LENGTH_MAC(mac_alg)`: the untruncated MAC algorithm. */
export function PSA_ALG_FULL_LENGTH_MAC(macAlg: PsaAlgorithm): PsaAlgorithm {
  return (macAlg & ~(PSA_ALG_MAC_TRUNCATION_MASK | PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG)) >>> 0;
}
/** `PSA_MAC_TRUNCATED_LENGTH(mac_alg)`: 0 for an untruncated MAC. */
export function PSA_MAC_TRUNCATED_LENGTH(macAlg: PsaAlgorithm): number {
  return (macAlg & PSA_ALG_MAC_TRUNCATION_MASK) >>> PSA_MAC_TRUNCATION_OFFSET;
}
/** `PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(mac_alg, min_mac_length)`: a policy wildcard. */
export function PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(macAlg: PsaAlgorithm, minMacLength: number): PsaAlgorithm {
  return (PSA_ALG_TRUNCATED_MAC(macAlg, minMacLength) | PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG) >>> 0;
}

/** `PSA_ALG_IS_VENDOR_DEFINED(alg)`. */
export const PSA_ALG_IS_VENDOR_DEFINED = (alg: PsaAlgorithm): boolean => (alg & PSA_ALG_VENDOR_FLAG) !== 0;
/** `PSA_ALG_IS_HASH(alg)`. */
export const PSA_ALG_IS_HASH = (alg: PsaAlgorithm): boolean =>
  (alg & PSA_ALG_CATEGORY_MASK) === PSA_ALG_CATEGORY_HASH;
/** `PSA_ALG_IS_MAC(alg)`. */
export const PSA_ALG_IS_MAC = (alg: PsaAlgorithm): boolean =>
  (alg & PSA_ALG_CATEGORY_MASK) === PSA_ALG_CATEGORY_MAC;
/** `PSA_ALG_IS_CIPHER(alg)`. */
export const PSA_ALG_IS_CIPHER = (alg: PsaAlgorithm): boolean =>
  (alg & PSA_ALG_CATEGORY_MASK) === PSA_ALG_CATEGORY_CIPHER;
/** `PSA_ALG_IS_AEAD(alg)`. */
export const PSA_ALG_IS_AEAD = (alg: PsaAlgorithm): boolean =>
  (alg & PSA_ALG_CATEGORY_MASK) === PSA_ALG_CATEGORY_AEAD;
/** `PSA_ALG_IS_SIGN(alg)`. */
export const PSA_ALG_IS_SIGN = (alg: PsaAlgorithm): boolean =>
  (alg & PSA_ALG_CATEGORY_MASK) === PSA_ALG_CATEGORY_SIGN;
/** `PSA_ALG_IS_KEY_DERIVATION(alg)`. */
export const PSA_ALG_IS_KEY_DERIVATION = (alg: PsaAlgorithm): boolean =>
  (alg & PSA_ALG_CATEGORY_MASK) === PSA_ALG_CATEGORY_KEY_DERIVATION;
/** `PSA_ALG_IS_HMAC(alg)`. */
export const PSA_ALG_IS_HMAC = (alg: PsaAlgorithm): boolean =>
  (alg & (PSA_ALG_CATEGORY_MASK | PSA_ALG_MAC_SUBCATEGORY_MASK)) === PSA_ALG_HMAC_BASE;
/** `PSA_ALG_IS_BLOCK_CIPHER_MAC(alg)`. */
export const PSA_ALG_IS_BLOCK_CIPHER_MAC = (alg: PsaAlgorithm): boolean =>
  (alg & (PSA_ALG_CATEGORY_MASK | PSA_ALG_MAC_SUBCATEGORY_MASK)) === PSA_ALG_CIPHER_MAC_BASE;
/** `PSA_ALG_IS_STREAM_CIPHER(alg)`. */
export const PSA_ALG_IS_STREAM_CIPHER = (alg: PsaAlgorithm): boolean =>
  (alg & (PSA_ALG_CATEGORY_MASK | PSA_ALG_CIPHER_STREAM_FLAG)) ===
  (PSA_ALG_CATEGORY_CIPHER | PSA_ALG_CIPHER_STREAM_FLAG);
/**
 * `PSA_ALG_IS_WILDCARD(alg)` restricted to the families psa-emu models: `PSA_ALG_ANY_HASH`
 * and MAC "at least this length" policies.
 */
export const PSA_ALG_IS_WILDCARD = (alg: PsaAlgorithm): boolean =>
  PSA_ALG_IS_MAC(alg) ? (alg & PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG) !== 0 : alg === PSA_ALG_ANY_HASH;
