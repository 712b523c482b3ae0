/*
 * psa/crypto_sizes.h - buffer-size macros for the algorithms psa-emu models: hashes,
 * HMAC/CMAC and block ciphers (PSA Certified Crypto API 1.2, the size macros of sections
 * 10.2-10.4; values of Mbed TLS 3.6.5 include/psa/crypto_sizes.h). They equal
 * psa-emu's src/psa/constants/sizes.ts (test/wasm/header.test.ts).
 * Do not include directly: include <psa/crypto.h>.
 *
 * Part of psa-emu. SPDX-License-Identifier: Apache-2.0
 */
#ifndef PSA_CRYPTO_SIZES_H
#define PSA_CRYPTO_SIZES_H

#include "crypto_values.h"

#define PSA_BITS_TO_BYTES(bits)  (((bits) + 7u) / 8u)
#define PSA_BYTES_TO_BITS(bytes) ((bytes) * 8u)
#define PSA_ROUND_UP_TO_MULTIPLE(block_size, length) \
  ((((length) + (block_size) - 1u) / (block_size)) * (block_size))

/* Largest key size the core accepts, and what psa_set_key_bits stores above it. */
#define PSA_MAX_KEY_BITS        0xfff8u
#define PSA_KEY_BITS_TOO_LARGE  ((psa_key_bits_t)0xffff)

#define PSA_HASH_MAX_SIZE                64u
#define PSA_MAC_MAX_SIZE                 64u
#define PSA_HMAC_MAX_HASH_BLOCK_SIZE     128u
#define PSA_BLOCK_CIPHER_BLOCK_MAX_SIZE  16u
#define PSA_CIPHER_IV_MAX_SIZE           16u

/* Digest size in bytes, 0 for an unknown hash. */
#define PSA_HASH_LENGTH(alg)                                                                     \
  ((alg) == PSA_ALG_MD5 ? 16u                                                                    \
   : (alg) == PSA_ALG_RIPEMD160 || (alg) == PSA_ALG_SHA_1 ? 20u                                  \
   : (alg) == PSA_ALG_SHA_224 || (alg) == PSA_ALG_SHA_512_224 || (alg) == PSA_ALG_SHA3_224 ? 28u \
   : (alg) == PSA_ALG_SHA_256 || (alg) == PSA_ALG_SHA_512_256 || (alg) == PSA_ALG_SHA3_256 ? 32u \
   : (alg) == PSA_ALG_SHA_384 || (alg) == PSA_ALG_SHA3_384 ? 48u                                 \
   : (alg) == PSA_ALG_SHA_512 || (alg) == PSA_ALG_SHA3_512 ? 64u                                 \
                                                           : 0u)

/* Input block size of a hash in bytes, 0 for an unknown hash. */
#define PSA_HASH_BLOCK_LENGTH(alg)                                                                \
  ((alg) == PSA_ALG_MD5 || (alg) == PSA_ALG_RIPEMD160 || (alg) == PSA_ALG_SHA_1 ||               \
           (alg) == PSA_ALG_SHA_224 || (alg) == PSA_ALG_SHA_256                                   \
       ? 64u                                                                                      \
   : (alg) == PSA_ALG_SHA_384 || (alg) == PSA_ALG_SHA_512 || (alg) == PSA_ALG_SHA_512_224 ||     \
           (alg) == PSA_ALG_SHA_512_256                                                           \
       ? 128u                                                                                     \
   : (alg) == PSA_ALG_SHA3_224 ? 144u                                                             \
   : (alg) == PSA_ALG_SHA3_256 ? 136u                                                             \
   : (alg) == PSA_ALG_SHA3_384 ? 104u                                                             \
   : (alg) == PSA_ALG_SHA3_512 ? 72u                                                              \
                               : 0u)

/* Block size of a symmetric key type (16 for AES, 8 for DES, 1 for a stream cipher), 0 otherwise. */
#define PSA_BLOCK_CIPHER_BLOCK_LENGTH(type) \
  (((type) & PSA_KEY_TYPE_CATEGORY_MASK) == PSA_KEY_TYPE_CATEGORY_SYMMETRIC ? 1u << (((type) >> 8) & 7) : 0u)

/* MAC size in bytes, truncation included. */
#define PSA_MAC_LENGTH(key_type, key_bits, alg)                                       \
  (((alg) & PSA_ALG_MAC_TRUNCATION_MASK) ? PSA_MAC_TRUNCATED_LENGTH(alg)              \
   : PSA_ALG_IS_HMAC(alg)                ? PSA_HASH_LENGTH(PSA_ALG_HMAC_GET_HASH(alg)) \
   : PSA_ALG_IS_BLOCK_CIPHER_MAC(alg)    ? PSA_BLOCK_CIPHER_BLOCK_LENGTH(key_type)     \
                                         : 0u)

/* IV size of a cipher algorithm: 16 for AES CBC/CTR/CFB/OFB/XTS, 0 for ECB. */
#define PSA_CIPHER_IV_LENGTH(key_type, alg)                                                      \
  (PSA_BLOCK_CIPHER_BLOCK_LENGTH(key_type) > 1u &&                                               \
           ((alg) == PSA_ALG_CTR || (alg) == PSA_ALG_CFB || (alg) == PSA_ALG_OFB ||              \
            (alg) == PSA_ALG_XTS || (alg) == PSA_ALG_CBC_NO_PADDING || (alg) == PSA_ALG_CBC_PKCS7) \
       ? PSA_BLOCK_CIPHER_BLOCK_LENGTH(key_type)                                                 \
   : (key_type) == PSA_KEY_TYPE_CHACHA20 && (alg) == PSA_ALG_STREAM_CIPHER ? 12u                 \
   : (alg) == PSA_ALG_CCM_STAR_NO_TAG                                      ? 13u                 \
                                                                           : 0u)

/* The block length, or 1 where there is none (only ever divides where the length is non-zero). */
#define PSA_EMU_BLOCK_DIVISOR(key_type) \
  (PSA_BLOCK_CIPHER_BLOCK_LENGTH(key_type) ? PSA_BLOCK_CIPHER_BLOCK_LENGTH(key_type) : 1u)

/* Output of psa_cipher_encrypt: the IV then the ciphertext. */
#define PSA_CIPHER_ENCRYPT_OUTPUT_SIZE(key_type, alg, input_length)                                  \
  (!PSA_ALG_IS_CIPHER(alg) || PSA_BLOCK_CIPHER_BLOCK_LENGTH(key_type) == 0u ? 0u                     \
   : (alg) == PSA_ALG_CBC_PKCS7                                                                      \
       ? PSA_ROUND_UP_TO_MULTIPLE(PSA_EMU_BLOCK_DIVISOR(key_type), (input_length) + 1u) +            \
             PSA_CIPHER_IV_LENGTH(key_type, alg)                                                     \
       : (input_length) + PSA_CIPHER_IV_LENGTH(key_type, alg))

/* Output of psa_cipher_decrypt: the input without the IV. */
#define PSA_CIPHER_DECRYPT_OUTPUT_SIZE(key_type, alg, input_length)                  \
  (!PSA_ALG_IS_CIPHER(alg) || PSA_BLOCK_CIPHER_BLOCK_LENGTH(key_type) == 0u ? 0u     \
   : (input_length) > PSA_CIPHER_IV_LENGTH(key_type, alg)                            \
       ? (input_length) - PSA_CIPHER_IV_LENGTH(key_type, alg)                        \
       : 0u)

/* Enough output for one psa_cipher_update of input_length bytes. */
#define PSA_CIPHER_UPDATE_OUTPUT_SIZE(key_type, alg, input_length)                                \
  (!PSA_ALG_IS_CIPHER(alg) || PSA_BLOCK_CIPHER_BLOCK_LENGTH(key_type) == 0u ? 0u                  \
   : (alg) == PSA_ALG_CBC_PKCS7 || (alg) == PSA_ALG_CBC_NO_PADDING || (alg) == PSA_ALG_ECB_NO_PADDING \
       ? PSA_ROUND_UP_TO_MULTIPLE(PSA_EMU_BLOCK_DIVISOR(key_type), (input_length))                 \
       : (input_length))

/* Output of psa_cipher_finish: one block for CBC-PKCS7, else 0. */
#define PSA_CIPHER_FINISH_OUTPUT_SIZE(key_type, alg) \
  ((alg) == PSA_ALG_CBC_PKCS7 ? PSA_BLOCK_CIPHER_BLOCK_LENGTH(key_type) : 0u)

#endif /* PSA_CRYPTO_SIZES_H */
