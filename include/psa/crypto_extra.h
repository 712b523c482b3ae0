/*
 * psa/crypto_extra.h - what Mbed TLS and TF-M add to the PSA Crypto API and psa-emu
 * models: the key-slot count and the key-identifier ranges derived from it, the builtin
 * key ids of TF-M, the enrollment algorithm and mbedtls_psa_crypto_free.
 * Values: Mbed TLS 3.6.5 include/psa/crypto_extra.h, library/psa_crypto_slot_management.h;
 * TF-M interface/include/crypto_keys/tfm_builtin_key_ids.h. Equal to
 * src/psa/constants/keys.ts (test/wasm/header.test.ts).
 * Do not include directly: include <psa/crypto.h>.
 *
 * Part of psa-emu. SPDX-License-Identifier: Apache-2.0
 */
#ifndef PSA_CRYPTO_EXTRA_H
#define PSA_CRYPTO_EXTRA_H

#include "crypto_struct.h"
#include "emu_wasm.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The key-slot cache size of the core (Mbed TLS and NCS default 32). */
#ifndef MBEDTLS_PSA_KEY_SLOT_COUNT
#define MBEDTLS_PSA_KEY_SLOT_COUNT 32
#endif

/* Volatile key ids of the static key store NCS uses. */
#define PSA_KEY_ID_VOLATILE_MIN PSA_KEY_ID_VENDOR_MIN
#define PSA_KEY_ID_VOLATILE_MAX ((psa_key_id_t)(PSA_KEY_ID_VOLATILE_MIN + MBEDTLS_PSA_KEY_SLOT_COUNT - 1))

/* Mbed TLS builtin key range. */
#define MBEDTLS_PSA_KEY_ID_BUILTIN_MIN ((psa_key_id_t)0x7fff0000)
#define MBEDTLS_PSA_KEY_ID_BUILTIN_MAX ((psa_key_id_t)0x7fffefff)

/* TF-M builtin keys. */
#define TFM_BUILTIN_KEY_ID_MIN               ((psa_key_id_t)0x7fff815b)
#define TFM_BUILTIN_KEY_ID_HUK               ((psa_key_id_t)0x7fff815c)
#define TFM_BUILTIN_KEY_ID_IAK               ((psa_key_id_t)0x7fff815d)
#define TFM_BUILTIN_KEY_ID_PLAT_SPECIFIC_MIN ((psa_key_id_t)0x7fff816b)
#define TFM_BUILTIN_KEY_ID_MAX               ((psa_key_id_t)0x7fff817b)

/* Mbed TLS: the second permitted algorithm of a key's policy. */
static inline void psa_set_key_enrollment_algorithm(psa_key_attributes_t *attributes, psa_algorithm_t alg2) {
  attributes->alg2 = alg2;
}
static inline psa_algorithm_t psa_get_key_enrollment_algorithm(const psa_key_attributes_t *attributes) {
  return attributes->alg2;
}

/* True for the empty handle. */
static inline int psa_key_handle_is_null(psa_key_handle_t handle) {
  return handle == PSA_KEY_HANDLE_INIT;
}

/**
 * Mbed TLS only (a library build, psa-emu target 'mbedtls'): frees the library, as a reboot
 * does - volatile keys and cached key slots are gone, storage stays. A TF-M NS image has no
 * such function; under target 'tfm' a module that calls it fails to instantiate.
 */
PSA_EMU_IMPORT(mbedtls_psa_crypto_free) void mbedtls_psa_crypto_free(void);

#ifdef __cplusplus
}
#endif

#endif /* PSA_CRYPTO_EXTRA_H */
