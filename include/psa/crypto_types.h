/*
 * psa/crypto_types.h - the integral types of the PSA Crypto API (section 9 and 10 of
 * PSA Certified Crypto API 1.2), with the widths of Mbed TLS 3.6 / TF-M 2.2.
 * Do not include directly: include <psa/crypto.h>.
 *
 * Part of psa-emu. SPDX-License-Identifier: Apache-2.0
 */
#ifndef PSA_CRYPTO_TYPES_H
#define PSA_CRYPTO_TYPES_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/** Key type (section 9.2): category and family, 16 bits. */
typedef uint16_t psa_key_type_t;
/** Key size in bits, as stored in the attributes (16 bits). */
typedef uint16_t psa_key_bits_t;
/** Algorithm identifier (section 10.1). */
typedef uint32_t psa_algorithm_t;
/** Key lifetime: location << 8 | persistence (section 9.3). */
typedef uint32_t psa_key_lifetime_t;
/** Persistence level: the low 8 bits of a lifetime. */
typedef uint8_t psa_key_persistence_t;
/** Location: the high 24 bits of a lifetime. */
typedef uint32_t psa_key_location_t;
/** Key identifier (section 9.4). On the NS side of TF-M it is a plain uint32_t. */
typedef uint32_t psa_key_id_t;
/** Mbed TLS's name for a key identifier (no owner encoding on the caller's side). */
typedef psa_key_id_t mbedtls_svc_key_id_t;
/** Legacy key handle (psa_open_key): since Mbed TLS 2.25 a handle is the key identifier. */
typedef psa_key_id_t psa_key_handle_t;
/** Usage flags (section 9.5). */
typedef uint32_t psa_key_usage_t;

/** Key attributes (section 9.1): an opaque structure, see crypto_struct.h. */
typedef struct psa_key_attributes_s psa_key_attributes_t;

#endif /* PSA_CRYPTO_TYPES_H */
