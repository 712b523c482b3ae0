/*
 * psa/crypto_struct.h - the structures the caller allocates: key attributes and the
 * multipart operation objects, with their initialisers and the key-attribute accessors.
 *
 * psa_key_attributes_t is psa-emu's wasm32 layout (24 bytes, the fields TF-M's client
 * sends plus Mbed TLS's second algorithm): type u16 @0, bits u16 @2, lifetime @4, id @8,
 * usage @12, alg @16, alg2 @20. The accessors have the side effects of Mbed TLS 3.6.5
 * include/psa/crypto_struct.h (PSA Certified Crypto API 1.2 section 9.1): setting an id
 * makes a volatile lifetime persistent, setting a volatile lifetime clears the id, SIGN_HASH
 * implies SIGN_MESSAGE and VERIFY_HASH implies VERIFY_MESSAGE.
 *
 * An operation object is { uint32_t handle; } as in TF-M's NS client: 0 means fresh or
 * finished; psa-emu/wasm maps any other value to its operation. Initialise every operation
 * with PSA_*_OPERATION_INIT or psa_*_operation_init() before its first use.
 * Do not include directly: include <psa/crypto.h>.
 *
 * Part of psa-emu. SPDX-License-Identifier: Apache-2.0
 */
#ifndef PSA_CRYPTO_STRUCT_H
#define PSA_CRYPTO_STRUCT_H

#include "crypto_sizes.h"

struct psa_key_attributes_s {
  psa_key_type_t type;
  psa_key_bits_t bits;
  psa_key_lifetime_t lifetime;
  psa_key_id_t id;
  psa_key_usage_t usage;
  psa_algorithm_t alg;
  psa_algorithm_t alg2;
};

#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
_Static_assert(sizeof(struct psa_key_attributes_s) == 24, "psa_key_attributes_t is 24 bytes on wasm32");
#endif

/* All fields zero: a volatile key of no type, no usage, no algorithm. */
#define PSA_KEY_ATTRIBUTES_INIT {0, 0, 0, 0, 0, 0, 0}

static inline psa_key_attributes_t psa_key_attributes_init(void) {
  const psa_key_attributes_t v = PSA_KEY_ATTRIBUTES_INIT;
  return v;
}

/* Sets the id; a volatile lifetime becomes the default persistence at the same location. */
static inline void psa_set_key_id(psa_key_attributes_t *attributes, psa_key_id_t key) {
  attributes->id = key;
  if (PSA_KEY_LIFETIME_IS_VOLATILE(attributes->lifetime)) {
    attributes->lifetime = PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(
        PSA_KEY_PERSISTENCE_DEFAULT, PSA_KEY_LIFETIME_GET_LOCATION(attributes->lifetime));
  }
}
static inline psa_key_id_t psa_get_key_id(const psa_key_attributes_t *attributes) {
  return attributes->id;
}

/* Sets the lifetime; a volatile lifetime clears the id. */
static inline void psa_set_key_lifetime(psa_key_attributes_t *attributes, psa_key_lifetime_t lifetime) {
  attributes->lifetime = lifetime;
  if (PSA_KEY_LIFETIME_IS_VOLATILE(lifetime)) attributes->id = 0;
}
static inline psa_key_lifetime_t psa_get_key_lifetime(const psa_key_attributes_t *attributes) {
  return attributes->lifetime;
}

static inline void psa_set_key_type(psa_key_attributes_t *attributes, psa_key_type_t type) {
  attributes->type = type;
}
static inline psa_key_type_t psa_get_key_type(const psa_key_attributes_t *attributes) {
  return attributes->type;
}

/* Sets the size in bits; a size above PSA_MAX_KEY_BITS is stored as PSA_KEY_BITS_TOO_LARGE. */
static inline void psa_set_key_bits(psa_key_attributes_t *attributes, size_t bits) {
  attributes->bits = bits > PSA_MAX_KEY_BITS ? PSA_KEY_BITS_TOO_LARGE : (psa_key_bits_t)bits;
}
static inline size_t psa_get_key_bits(const psa_key_attributes_t *attributes) {
  return attributes->bits;
}

/* Sets the usage flags, adding SIGN_MESSAGE to SIGN_HASH and VERIFY_MESSAGE to VERIFY_HASH. */
static inline void psa_set_key_usage_flags(psa_key_attributes_t *attributes, psa_key_usage_t usage_flags) {
  if (usage_flags & PSA_KEY_USAGE_SIGN_HASH) usage_flags |= PSA_KEY_USAGE_SIGN_MESSAGE;
  if (usage_flags & PSA_KEY_USAGE_VERIFY_HASH) usage_flags |= PSA_KEY_USAGE_VERIFY_MESSAGE;
  attributes->usage = usage_flags;
}
static inline psa_key_usage_t psa_get_key_usage_flags(const psa_key_attributes_t *attributes) {
  return attributes->usage;
}

/* Sets the permitted algorithm of the key's policy. */
static inline void psa_set_key_algorithm(psa_key_attributes_t *attributes, psa_algorithm_t alg) {
  attributes->alg = alg;
}
static inline psa_algorithm_t psa_get_key_algorithm(const psa_key_attributes_t *attributes) {
  return attributes->alg;
}

/* Back to PSA_KEY_ATTRIBUTES_INIT. */
static inline void psa_reset_key_attributes(psa_key_attributes_t *attributes) {
  *attributes = psa_key_attributes_init();
}

/* ---- Multipart operations ---------------------------------------------------------------- */

struct psa_hash_operation_s {
  uint32_t handle;
};
struct psa_mac_operation_s {
  uint32_t handle;
};
struct psa_cipher_operation_s {
  uint32_t handle;
};
/** A hash operation (section 10.2). */
typedef struct psa_hash_operation_s psa_hash_operation_t;
/** A MAC operation (section 10.3). */
typedef struct psa_mac_operation_s psa_mac_operation_t;
/** A cipher operation (section 10.4). */
typedef struct psa_cipher_operation_s psa_cipher_operation_t;

#define PSA_HASH_OPERATION_INIT {0}
#define PSA_MAC_OPERATION_INIT {0}
#define PSA_CIPHER_OPERATION_INIT {0}

static inline psa_hash_operation_t psa_hash_operation_init(void) {
  const psa_hash_operation_t v = PSA_HASH_OPERATION_INIT;
  return v;
}
static inline psa_mac_operation_t psa_mac_operation_init(void) {
  const psa_mac_operation_t v = PSA_MAC_OPERATION_INIT;
  return v;
}
static inline psa_cipher_operation_t psa_cipher_operation_init(void) {
  const psa_cipher_operation_t v = PSA_CIPHER_OPERATION_INIT;
  return v;
}

#endif /* PSA_CRYPTO_STRUCT_H */
