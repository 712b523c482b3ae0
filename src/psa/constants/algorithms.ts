/**
 * `psa_algorithm_t` values and the macros built on them, with the C values of
 * Mbed TLS 3.6.5 `include/psa/crypto_values.h` (identical in the Oberon PSA core of NCS v3.2.2).
 * Algorithms are 32-bit unsigned; every macro here returns an unsigned value (`>>> 0`).
 * Spec: PSA Certified Crypto API 1.2, §10 "Algorithms".
 * @module
 */

/** A `psa_algorithm_t` (uint32). */
export type PsaAlgorithm = number;

/** `PSA_ALG_NONE`: No algorithm (0): a key usable with no algorithm. */
export const PSA_ALG_NONE = 0;
/** `PSA_ALG_VENDOR_FLAG`: Set in vendor-defined algorithm identifiers. */
export const PSA_ALG_VENDOR_FLAG = 0x80000000;
/** `PSA_ALG_CATEGORY_MASK`: Mask of the algorithm category bits. */
export const PSA_ALG_CATEGORY_MASK = 0x7f000000;
/** `PSA_ALG_CATEGORY_HASH`: Category of hash algorithms. */
export const PSA_ALG_CATEGORY_HASH = 0x02000000;
/** `PSA_ALG_CATEGORY_MAC`: Category of MAC algorithms. */
export const PSA_ALG_CATEGORY_MAC = 0x03000000;
/** `PSA_ALG_CATEGORY_CIPHER`: Category of unauthenticated cipher algorithms. */
export const PSA_ALG_CATEGORY_CIPHER = 0x04000000;
/** `PSA_ALG_CATEGORY_AEAD`: Category of AEAD algorithms. */
export const PSA_ALG_CATEGORY_AEAD = 0x05000000;
/** `PSA_ALG_CATEGORY_SIGN`: Category of signature algorithms. */
export const PSA_ALG_CATEGORY_SIGN = 0x06000000;
/** `PSA_ALG_CATEGORY_ASYMMETRIC_ENCRYPTION`: Category of asymmetric encryption algorithms. */
export const PSA_ALG_CATEGORY_ASYMMETRIC_ENCRYPTION = 0x07000000;
/** `PSA_ALG_CATEGORY_KEY_DERIVATION`: Category of key derivation algorithms. */
export const PSA_ALG_CATEGORY_KEY_DERIVATION = 0x08000000;
/** `PSA_ALG_CATEGORY_KEY_AGREEMENT`: Category of key agreement algorithms. */
export const PSA_ALG_CATEGORY_KEY_AGREEMENT = 0x09000000;

// Hash (§10.2)
/** `PSA_ALG_HASH_MASK`: Mask of the hash bits (used by `PSA_ALG_HMAC`). */
export const PSA_ALG_HASH_MASK = 0x000000ff;
/** `PSA_ALG_MD5`: MD5 (RFC 1321); not implemented by psa-emu (NOT_SUPPORTED). */
export const PSA_ALG_MD5 = 0x02000003;
/** `PSA_ALG_RIPEMD160`: RIPEMD-160; not implemented by psa-emu. */
export const PSA_ALG_RIPEMD160 = 0x02000004;
/** `PSA_ALG_SHA_1`: SHA-1 (FIPS 180-4 §6.1). */
export const PSA_ALG_SHA_1 = 0x02000005;
/** `PSA_ALG_SHA_224`: SHA-224 (FIPS 180-4 §6.3). */
export const PSA_ALG_SHA_224 = 0x02000008;
/** `PSA_ALG_SHA_256`: SHA-256 (FIPS 180-4 §6.2). */
export const PSA_ALG_SHA_256 = 0x02000009;
/** `PSA_ALG_SHA_384`: SHA-384 (FIPS 180-4 §6.5). */
export const PSA_ALG_SHA_384 = 0x0200000a;
/** `PSA_ALG_SHA_512`: SHA-512 (FIPS 180-4 §6.4). */
export const PSA_ALG_SHA_512 = 0x0200000b;
/** `PSA_ALG_SHA_512_224`: SHA-512/224 (FIPS 180-4 §6.6). */
export const PSA_ALG_SHA_512_224 = 0x0200000c;
/** `PSA_ALG_SHA_512_256`: SHA-512/256 (FIPS 180-4 §6.7). */
export const PSA_ALG_SHA_512_256 = 0x0200000d;
/** `PSA_ALG_SHA3_224`: SHA3-224 (FIPS 202); not implemented by psa-emu. */
export const PSA_ALG_SHA3_224 = 0x02000010;
/** `PSA_ALG_SHA3_256`: SHA3-256 (FIPS 202); not implemented by psa-emu. */
export const PSA_ALG_SHA3_256 = 0x02000011;
/** `PSA_ALG_SHA3_384`: SHA3-384 (FIPS 202); not implemented by psa-emu. */
export const PSA_ALG_SHA3_384 = 0x02000012;
/** `PSA_ALG_SHA3_512`: SHA3-512 (FIPS 202); not implemented by psa-emu. */
export const PSA_ALG_SHA3_512 = 0x02000013;
/** Wildcard hash for policies of hash-and-sign algorithms. */
export const PSA_ALG_ANY_HASH = 0x020000ff;

// MAC (§10.3)
/** `PSA_ALG_MAC_SUBCATEGORY_MASK`: Mask of the MAC subcategory bits (HMAC vs block-cipher MAC). */
export const PSA_ALG_MAC_SUBCATEGORY_MASK = 0x00c00000;
/** `PSA_ALG_HMAC_BASE`: Base value of `PSA_ALG_HMAC(hash)`. */
export const PSA_ALG_HMAC_BASE = 0x03800000;
/** `PSA_ALG_MAC_TRUNCATION_MASK`: Bits holding a truncated MAC length (bytes). */
export const PSA_ALG_MAC_TRUNCATION_MASK = 0x003f0000;
/** `PSA_MAC_TRUNCATION_OFFSET`: Bit offset of the truncated MAC length. */
export const PSA_MAC_TRUNCATION_OFFSET = 16;
/** `PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG`: Policy wildcard flag: MACs of at least the encoded length. */
export const PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG = 0x00008000;
/** `PSA_ALG_CIPHER_MAC_BASE`: Base value of block-cipher MACs. */
export const PSA_ALG_CIPHER_MAC_BASE = 0x03c00000;
/** `PSA_ALG_CBC_MAC`: CBC-MAC; not implemented by psa-emu (NOT_SUPPORTED). */
export const PSA_ALG_CBC_MAC = 0x03c00100;
/** AES-CMAC (RFC 4493; NIST SP 800-38B). */
export const PSA_ALG_CMAC = 0x03c00200;

// Cipher (§10.4)
/** `PSA_ALG_CIPHER_STREAM_FLAG`: Set in stream-cipher-like algorithms (CTR, CFB, OFB, stream ciphers). */
export const PSA_ALG_CIPHER_STREAM_FLAG = 0x00800000;
/** `PSA_ALG_CIPHER_FROM_BLOCK_FLAG`: Set in cipher modes built on a block cipher. */
export const PSA_ALG_CIPHER_FROM_BLOCK_FLAG = 0x00400000;
/** `PSA_ALG_STREAM_CIPHER`: A stream cipher (e.g. ChaCha20); not implemented by psa-emu. */
export const PSA_ALG_STREAM_CIPHER = 0x04800100;
/** `PSA_ALG_CTR`: AES-CTR with a full 128-bit counter (NIST SP 800-38A §6.5); input/output start with the initial counter block. */
export const PSA_ALG_CTR = 0x04c01000;
/** `PSA_ALG_CFB`: CFB mode; not implemented by psa-emu. */
export const PSA_ALG_CFB = 0x04c01100;
/** `PSA_ALG_OFB`: OFB mode; not implemented by psa-emu. */
export const PSA_ALG_OFB = 0x04c01200;
/** `PSA_ALG_XTS`: XTS mode; not implemented by psa-emu. */
export const PSA_ALG_XTS = 0x0440ff00;
/** `PSA_ALG_ECB_NO_PADDING`: ECB without padding (NIST SP 800-38A §6.1): whole blocks only, no IV. */
export const PSA_ALG_ECB_NO_PADDING = 0x04404400;
/** `PSA_ALG_CBC_NO_PADDING`: CBC without padding (NIST SP 800-38A §6.2): whole blocks only, 16-byte IV first. */
export const PSA_ALG_CBC_NO_PADDING = 0x04404000;
/** `PSA_ALG_CBC_PKCS7`: CBC with PKCS#7 padding (RFC 5652 §6.3), 16-byte IV first. */
export const PSA_ALG_CBC_PKCS7 = 0x04404100;
/** `PSA_ALG_CCM_STAR_NO_TAG`: CCM* without tag; not implemented by psa-emu. */
export const PSA_ALG_CCM_STAR_NO_TAG = 0x04c01300;

// AEAD (§10.5) — values only; psa-emu does not implement AEAD.
/** `PSA_ALG_CCM`: AES-CCM (value only; AEAD is not implemented by psa-emu). */
export const PSA_ALG_CCM = 0x05500100;
/** `PSA_ALG_GCM`: AES-GCM (value only; AEAD is not implemented by psa-emu). */
export const PSA_ALG_GCM = 0x05500200;
/** `PSA_ALG_CHACHA20_POLY1305`: ChaCha20-Poly1305 (value only; AEAD is not implemented by psa-emu). */
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
