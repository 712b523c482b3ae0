/*
 * psa/crypto_values.h - algorithm, key type, usage, lifetime and key identifier values,
 * and the macros built on them.
 *
 * Values: PSA Certified Crypto API 1.2 sections 9 and 10, with the C values of Mbed TLS
 * 3.6.5 include/psa/crypto_values.h (identical in the Oberon PSA core of NCS v3.2.2).
 * They equal psa-emu's src/psa/constants/{algorithms,keys}.ts, macro by macro
 * (test/wasm/header.test.ts checks values and function-like macros).
 * Do not include directly: include <psa/crypto.h>.
 *
 * Part of psa-emu. SPDX-License-Identifier: Apache-2.0
 */
#ifndef PSA_CRYPTO_VALUES_H
#define PSA_CRYPTO_VALUES_H

#include "crypto_types.h"

/* ---- Algorithms (section 10) ------------------------------------------------------------ */

#define PSA_ALG_NONE                            ((psa_algorithm_t)0)
#define PSA_ALG_VENDOR_FLAG                     ((psa_algorithm_t)0x80000000)
#define PSA_ALG_CATEGORY_MASK                   ((psa_algorithm_t)0x7f000000)
#define PSA_ALG_CATEGORY_HASH                   ((psa_algorithm_t)0x02000000)
#define PSA_ALG_CATEGORY_MAC                    ((psa_algorithm_t)0x03000000)
#define PSA_ALG_CATEGORY_CIPHER                 ((psa_algorithm_t)0x04000000)
#define PSA_ALG_CATEGORY_AEAD                   ((psa_algorithm_t)0x05000000)
#define PSA_ALG_CATEGORY_SIGN                   ((psa_algorithm_t)0x06000000)
#define PSA_ALG_CATEGORY_ASYMMETRIC_ENCRYPTION  ((psa_algorithm_t)0x07000000)
#define PSA_ALG_CATEGORY_KEY_DERIVATION         ((psa_algorithm_t)0x08000000)
#define PSA_ALG_CATEGORY_KEY_AGREEMENT          ((psa_algorithm_t)0x09000000)

#define PSA_ALG_IS_VENDOR_DEFINED(alg) (((alg) & PSA_ALG_VENDOR_FLAG) != 0)
#define PSA_ALG_IS_HASH(alg)           (((alg) & PSA_ALG_CATEGORY_MASK) == PSA_ALG_CATEGORY_HASH)
#define PSA_ALG_IS_MAC(alg)            (((alg) & PSA_ALG_CATEGORY_MASK) == PSA_ALG_CATEGORY_MAC)
#define PSA_ALG_IS_CIPHER(alg)         (((alg) & PSA_ALG_CATEGORY_MASK) == PSA_ALG_CATEGORY_CIPHER)
#define PSA_ALG_IS_AEAD(alg)           (((alg) & PSA_ALG_CATEGORY_MASK) == PSA_ALG_CATEGORY_AEAD)
#define PSA_ALG_IS_SIGN(alg)           (((alg) & PSA_ALG_CATEGORY_MASK) == PSA_ALG_CATEGORY_SIGN)
#define PSA_ALG_IS_KEY_DERIVATION(alg) (((alg) & PSA_ALG_CATEGORY_MASK) == PSA_ALG_CATEGORY_KEY_DERIVATION)

/* Hash algorithms (section 10.2). */
#define PSA_ALG_HASH_MASK    ((psa_algorithm_t)0x000000ff)
#define PSA_ALG_MD5          ((psa_algorithm_t)0x02000003)
#define PSA_ALG_RIPEMD160    ((psa_algorithm_t)0x02000004)
#define PSA_ALG_SHA_1        ((psa_algorithm_t)0x02000005)
#define PSA_ALG_SHA_224      ((psa_algorithm_t)0x02000008)
#define PSA_ALG_SHA_256      ((psa_algorithm_t)0x02000009)
#define PSA_ALG_SHA_384      ((psa_algorithm_t)0x0200000a)
#define PSA_ALG_SHA_512      ((psa_algorithm_t)0x0200000b)
#define PSA_ALG_SHA_512_224  ((psa_algorithm_t)0x0200000c)
#define PSA_ALG_SHA_512_256  ((psa_algorithm_t)0x0200000d)
#define PSA_ALG_SHA3_224     ((psa_algorithm_t)0x02000010)
#define PSA_ALG_SHA3_256     ((psa_algorithm_t)0x02000011)
#define PSA_ALG_SHA3_384     ((psa_algorithm_t)0x02000012)
#define PSA_ALG_SHA3_512     ((psa_algorithm_t)0x02000013)
/* Wildcard hash for the policies of hash-and-sign algorithms. */
#define PSA_ALG_ANY_HASH     ((psa_algorithm_t)0x020000ff)

/* MAC algorithms (section 10.3). */
#define PSA_ALG_MAC_SUBCATEGORY_MASK           ((psa_algorithm_t)0x00c00000)
#define PSA_ALG_HMAC_BASE                      ((psa_algorithm_t)0x03800000)
#define PSA_ALG_MAC_TRUNCATION_MASK            ((psa_algorithm_t)0x003f0000)
#define PSA_MAC_TRUNCATION_OFFSET              16
#define PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG  ((psa_algorithm_t)0x00008000)
#define PSA_ALG_CIPHER_MAC_BASE                ((psa_algorithm_t)0x03c00000)
#define PSA_ALG_CBC_MAC                        ((psa_algorithm_t)0x03c00100)
/* AES-CMAC (RFC 4493, NIST SP 800-38B). */
#define PSA_ALG_CMAC                           ((psa_algorithm_t)0x03c00200)

/* HMAC with the hash algorithm hash_alg. */
#define PSA_ALG_HMAC(hash_alg) ((psa_algorithm_t)(PSA_ALG_HMAC_BASE | ((hash_alg) & PSA_ALG_HASH_MASK)))
#define PSA_ALG_HMAC_GET_HASH(hmac_alg) \
  ((psa_algorithm_t)(PSA_ALG_CATEGORY_HASH | ((hmac_alg) & PSA_ALG_HASH_MASK)))
#define PSA_ALG_IS_HMAC(alg) \
  (((alg) & (PSA_ALG_CATEGORY_MASK | PSA_ALG_MAC_SUBCATEGORY_MASK)) == PSA_ALG_HMAC_BASE)
#define PSA_ALG_IS_BLOCK_CIPHER_MAC(alg) \
  (((alg) & (PSA_ALG_CATEGORY_MASK | PSA_ALG_MAC_SUBCATEGORY_MASK)) == PSA_ALG_CIPHER_MAC_BASE)
/* mac_alg truncated to mac_length bytes. */
#define PSA_ALG_TRUNCATED_MAC(mac_alg, mac_length)                                              \
  ((psa_algorithm_t)(PSA_ALG_FULL_LENGTH_MAC(mac_alg) |                                            \
                     (((psa_algorithm_t)(mac_length) << PSA_MAC_TRUNCATION_OFFSET) &               \
                      PSA_ALG_MAC_TRUNCATION_MASK)))
/* The untruncated MAC algorithm. */
#define PSA_ALG_FULL_LENGTH_MAC(mac_alg) \
  ((psa_algorithm_t)((mac_alg) & ~(PSA_ALG_MAC_TRUNCATION_MASK | PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG)))
/* The truncated length of a MAC algorithm, 0 when untruncated. */
#define PSA_MAC_TRUNCATED_LENGTH(mac_alg) \
  (((mac_alg) & PSA_ALG_MAC_TRUNCATION_MASK) >> PSA_MAC_TRUNCATION_OFFSET)
/* Policy wildcard: mac_alg with a MAC of at least min_mac_length bytes. */
#define PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(mac_alg, min_mac_length) \
  ((psa_algorithm_t)(PSA_ALG_TRUNCATED_MAC(mac_alg, min_mac_length) | PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG))

/* Cipher algorithms (section 10.4). */
#define PSA_ALG_CIPHER_STREAM_FLAG      ((psa_algorithm_t)0x00800000)
#define PSA_ALG_CIPHER_FROM_BLOCK_FLAG  ((psa_algorithm_t)0x00400000)
#define PSA_ALG_STREAM_CIPHER           ((psa_algorithm_t)0x04800100)
#define PSA_ALG_CTR                     ((psa_algorithm_t)0x04c01000)
#define PSA_ALG_CFB                     ((psa_algorithm_t)0x04c01100)
#define PSA_ALG_OFB                     ((psa_algorithm_t)0x04c01200)
#define PSA_ALG_XTS                     ((psa_algorithm_t)0x0440ff00)
#define PSA_ALG_ECB_NO_PADDING          ((psa_algorithm_t)0x04404400)
#define PSA_ALG_CBC_NO_PADDING          ((psa_algorithm_t)0x04404000)
#define PSA_ALG_CBC_PKCS7               ((psa_algorithm_t)0x04404100)
#define PSA_ALG_CCM_STAR_NO_TAG         ((psa_algorithm_t)0x04c01300)
#define PSA_ALG_IS_STREAM_CIPHER(alg)                                      \
  (((alg) & (PSA_ALG_CATEGORY_MASK | PSA_ALG_CIPHER_STREAM_FLAG)) == \
   (PSA_ALG_CATEGORY_CIPHER | PSA_ALG_CIPHER_STREAM_FLAG))

/* AEAD algorithms (section 10.5): values only, psa-emu implements no AEAD. */
#define PSA_ALG_CCM                     ((psa_algorithm_t)0x05500100)
#define PSA_ALG_GCM                     ((psa_algorithm_t)0x05500200)
#define PSA_ALG_CHACHA20_POLY1305       ((psa_algorithm_t)0x05100500)

/* Wildcard policies for the families psa-emu models: PSA_ALG_ANY_HASH and "at least this length" MACs. */
#define PSA_ALG_IS_WILDCARD(alg) \
  (PSA_ALG_IS_MAC(alg) ? ((alg) & PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG) != 0 : (alg) == PSA_ALG_ANY_HASH)

/* ---- Key types (section 9.2) ------------------------------------------------------------ */

#define PSA_KEY_TYPE_NONE                  ((psa_key_type_t)0x0000)
#define PSA_KEY_TYPE_VENDOR_FLAG           ((psa_key_type_t)0x8000)
#define PSA_KEY_TYPE_CATEGORY_MASK         ((psa_key_type_t)0x7000)
#define PSA_KEY_TYPE_CATEGORY_RAW          ((psa_key_type_t)0x1000)
#define PSA_KEY_TYPE_CATEGORY_SYMMETRIC    ((psa_key_type_t)0x2000)
#define PSA_KEY_TYPE_CATEGORY_PUBLIC_KEY   ((psa_key_type_t)0x4000)
#define PSA_KEY_TYPE_CATEGORY_KEY_PAIR     ((psa_key_type_t)0x7000)
#define PSA_KEY_TYPE_RAW_DATA              ((psa_key_type_t)0x1001)
#define PSA_KEY_TYPE_HMAC                  ((psa_key_type_t)0x1100)
#define PSA_KEY_TYPE_DERIVE                ((psa_key_type_t)0x1200)
#define PSA_KEY_TYPE_PASSWORD              ((psa_key_type_t)0x1203)
#define PSA_KEY_TYPE_PASSWORD_HASH         ((psa_key_type_t)0x1205)
#define PSA_KEY_TYPE_PEPPER                ((psa_key_type_t)0x1206)
#define PSA_KEY_TYPE_AES                   ((psa_key_type_t)0x2400)
#define PSA_KEY_TYPE_ARIA                  ((psa_key_type_t)0x2406)
#define PSA_KEY_TYPE_DES                   ((psa_key_type_t)0x2301)
#define PSA_KEY_TYPE_CAMELLIA              ((psa_key_type_t)0x2403)
#define PSA_KEY_TYPE_CHACHA20              ((psa_key_type_t)0x2004)
#define PSA_KEY_TYPE_RSA_PUBLIC_KEY        ((psa_key_type_t)0x4001)
#define PSA_KEY_TYPE_RSA_KEY_PAIR          ((psa_key_type_t)0x7001)

/* Raw or symmetric. */
#define PSA_KEY_TYPE_IS_UNSTRUCTURED(type)                                   \
  (((type) & PSA_KEY_TYPE_CATEGORY_MASK) == PSA_KEY_TYPE_CATEGORY_RAW || \
   ((type) & PSA_KEY_TYPE_CATEGORY_MASK) == PSA_KEY_TYPE_CATEGORY_SYMMETRIC)
/* A public key or a key pair (the pair flag is 0x3000). */
#define PSA_KEY_TYPE_IS_ASYMMETRIC(type) \
  (((type) & PSA_KEY_TYPE_CATEGORY_MASK & ~0x3000) == PSA_KEY_TYPE_CATEGORY_PUBLIC_KEY)

/* ---- Usage flags (section 9.5) ---------------------------------------------------------- */

#define PSA_KEY_USAGE_EXPORT               ((psa_key_usage_t)0x00000001)
#define PSA_KEY_USAGE_COPY                 ((psa_key_usage_t)0x00000002)
#define PSA_KEY_USAGE_CACHE                ((psa_key_usage_t)0x00000004)
#define PSA_KEY_USAGE_ENCRYPT              ((psa_key_usage_t)0x00000100)
#define PSA_KEY_USAGE_DECRYPT              ((psa_key_usage_t)0x00000200)
#define PSA_KEY_USAGE_SIGN_MESSAGE         ((psa_key_usage_t)0x00000400)
#define PSA_KEY_USAGE_VERIFY_MESSAGE       ((psa_key_usage_t)0x00000800)
#define PSA_KEY_USAGE_SIGN_HASH            ((psa_key_usage_t)0x00001000)
#define PSA_KEY_USAGE_VERIFY_HASH          ((psa_key_usage_t)0x00002000)
#define PSA_KEY_USAGE_DERIVE               ((psa_key_usage_t)0x00004000)
#define PSA_KEY_USAGE_VERIFY_DERIVATION    ((psa_key_usage_t)0x00008000)
/* PSA Crypto API 1.3 key wrapping (accepted by the Oberon core, not by Mbed TLS 3.6). */
#define PSA_KEY_USAGE_WRAP                 ((psa_key_usage_t)0x00010000)
#define PSA_KEY_USAGE_UNWRAP               ((psa_key_usage_t)0x00020000)

/* ---- Lifetimes (section 9.3) ------------------------------------------------------------ */

#define PSA_KEY_LIFETIME_VOLATILE                ((psa_key_lifetime_t)0x00000000)
#define PSA_KEY_LIFETIME_PERSISTENT              ((psa_key_lifetime_t)0x00000001)
#define PSA_KEY_PERSISTENCE_VOLATILE             ((psa_key_persistence_t)0x00)
#define PSA_KEY_PERSISTENCE_DEFAULT              ((psa_key_persistence_t)0x01)
#define PSA_KEY_PERSISTENCE_READ_ONLY            ((psa_key_persistence_t)0xff)
#define PSA_KEY_LOCATION_LOCAL_STORAGE           ((psa_key_location_t)0x000000)
#define PSA_KEY_LOCATION_PRIMARY_SECURE_ELEMENT  ((psa_key_location_t)0x000001)
#define PSA_KEY_LOCATION_VENDOR_FLAG             ((psa_key_location_t)0x800000)

#define PSA_KEY_LIFETIME_GET_PERSISTENCE(lifetime) ((psa_key_persistence_t)((lifetime) & 0x000000ff))
#define PSA_KEY_LIFETIME_GET_LOCATION(lifetime)    ((psa_key_location_t)((lifetime) >> 8))
#define PSA_KEY_LIFETIME_IS_VOLATILE(lifetime) \
  (PSA_KEY_LIFETIME_GET_PERSISTENCE(lifetime) == PSA_KEY_PERSISTENCE_VOLATILE)
#define PSA_KEY_LIFETIME_IS_READ_ONLY(lifetime) \
  (PSA_KEY_LIFETIME_GET_PERSISTENCE(lifetime) == PSA_KEY_PERSISTENCE_READ_ONLY)
#define PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(persistence, location) \
  ((psa_key_lifetime_t)(((psa_key_lifetime_t)(location) << 8) | ((persistence) & 0xffu)))

/* ---- Key identifiers (section 9.4) ------------------------------------------------------ */

#define PSA_KEY_ID_NULL        ((psa_key_id_t)0)
#define PSA_KEY_ID_USER_MIN    ((psa_key_id_t)0x00000001)
#define PSA_KEY_ID_USER_MAX    ((psa_key_id_t)0x3fffffff)
#define PSA_KEY_ID_VENDOR_MIN  ((psa_key_id_t)0x40000000)
#define PSA_KEY_ID_VENDOR_MAX  ((psa_key_id_t)0x7fffffff)
/* The empty key handle; handles are key identifiers. */
#define PSA_KEY_HANDLE_INIT    ((psa_key_handle_t)0)

#endif /* PSA_CRYPTO_VALUES_H */
