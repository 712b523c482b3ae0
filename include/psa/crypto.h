/*
 * psa/crypto.h - the PSA Crypto API (PSA Certified Crypto API 1.2) for C compiled to
 * wasm32 and run on psa-emu.
 *
 * Build:   clang --target=wasm32-wasi --sysroot=/usr -I node_modules/psa-emu/include app.c -o app.wasm
 * Run:     import { runWasm } from 'psa-emu/wasm';
 *          await runWasm(bytes, { psa: createPsa({ target: 'tfm' }) })
 *
 * Each function below is the WebAssembly import "psa"."<name>" that psa-emu's
 * createPsaImports(psa) provides over psa.cSync: it returns exactly what psa-emu returns
 * (the TF-M boundary of an nRF91, or Mbed TLS as a library), writes the out-parameters
 * through the pointers, and answers PSA_ERROR_INVALID_ARGUMENT for a pointer or length
 * outside linear memory (or a NULL pointer with a non-zero length). Functions outside the
 * subset psa-emu implements (AEAD, asymmetric, key derivation) are not declared.
 *
 * Part of psa-emu. SPDX-License-Identifier: Apache-2.0
 */
#ifndef PSA_CRYPTO_H
#define PSA_CRYPTO_H

#include "emu_wasm.h"

#include <stddef.h>
#include <stdint.h>

#include "crypto_types.h"
#include "crypto_values.h"
#include "crypto_sizes.h"
#include "crypto_struct.h"

#ifdef __cplusplus
extern "C" {
#endif

/* PSA Crypto API version implemented (section 8.2). */
#define PSA_CRYPTO_API_VERSION_MAJOR 1
#define PSA_CRYPTO_API_VERSION_MINOR 2

/* ---- Library (section 9.1) ----------------------------------------------------------------- */

/* Initialises the library. Under TF-M the NS side answers PSA_SUCCESS at once. */
PSA_EMU_IMPORT(psa_crypto_init) psa_status_t psa_crypto_init(void);

/* ---- Random (section 10.9) ----------------------------------------------------------------- */

PSA_EMU_IMPORT(psa_generate_random) psa_status_t psa_generate_random(uint8_t *output, size_t output_size);

/* ---- Key management (section 9.6) ---------------------------------------------------------- */

PSA_EMU_IMPORT(psa_import_key)
psa_status_t psa_import_key(const psa_key_attributes_t *attributes, const uint8_t *data, size_t data_length,
                            psa_key_id_t *key);
PSA_EMU_IMPORT(psa_generate_key)
psa_status_t psa_generate_key(const psa_key_attributes_t *attributes, psa_key_id_t *key);
PSA_EMU_IMPORT(psa_copy_key)
psa_status_t psa_copy_key(psa_key_id_t source_key, const psa_key_attributes_t *attributes,
                          psa_key_id_t *target_key);
PSA_EMU_IMPORT(psa_destroy_key) psa_status_t psa_destroy_key(psa_key_id_t key);
PSA_EMU_IMPORT(psa_purge_key) psa_status_t psa_purge_key(psa_key_id_t key);
/* On failure *attributes is reset to PSA_KEY_ATTRIBUTES_INIT. */
PSA_EMU_IMPORT(psa_get_key_attributes)
psa_status_t psa_get_key_attributes(psa_key_id_t key, psa_key_attributes_t *attributes);
PSA_EMU_IMPORT(psa_export_key)
psa_status_t psa_export_key(psa_key_id_t key, uint8_t *data, size_t data_size, size_t *data_length);

/* Legacy handles (kept by Mbed TLS and TF-M 2.2): the handle is the key id. */
PSA_EMU_IMPORT(psa_open_key) psa_status_t psa_open_key(psa_key_id_t key, psa_key_handle_t *handle);
PSA_EMU_IMPORT(psa_close_key) psa_status_t psa_close_key(psa_key_handle_t handle);

/* ---- Hash (section 10.2) ------------------------------------------------------------------- */

PSA_EMU_IMPORT(psa_hash_compute)
psa_status_t psa_hash_compute(psa_algorithm_t alg, const uint8_t *input, size_t input_length, uint8_t *hash,
                              size_t hash_size, size_t *hash_length);
PSA_EMU_IMPORT(psa_hash_compare)
psa_status_t psa_hash_compare(psa_algorithm_t alg, const uint8_t *input, size_t input_length,
                              const uint8_t *hash, size_t hash_length);
PSA_EMU_IMPORT(psa_hash_setup)
psa_status_t psa_hash_setup(psa_hash_operation_t *operation, psa_algorithm_t alg);
PSA_EMU_IMPORT(psa_hash_update)
psa_status_t psa_hash_update(psa_hash_operation_t *operation, const uint8_t *input, size_t input_length);
PSA_EMU_IMPORT(psa_hash_finish)
psa_status_t psa_hash_finish(psa_hash_operation_t *operation, uint8_t *hash, size_t hash_size,
                             size_t *hash_length);
PSA_EMU_IMPORT(psa_hash_verify)
psa_status_t psa_hash_verify(psa_hash_operation_t *operation, const uint8_t *hash, size_t hash_length);
PSA_EMU_IMPORT(psa_hash_abort) psa_status_t psa_hash_abort(psa_hash_operation_t *operation);
PSA_EMU_IMPORT(psa_hash_clone)
psa_status_t psa_hash_clone(const psa_hash_operation_t *source_operation,
                            psa_hash_operation_t *target_operation);

/* ---- MAC (section 10.3) -------------------------------------------------------------------- */

PSA_EMU_IMPORT(psa_mac_compute)
psa_status_t psa_mac_compute(psa_key_id_t key, psa_algorithm_t alg, const uint8_t *input, size_t input_length,
                             uint8_t *mac, size_t mac_size, size_t *mac_length);
PSA_EMU_IMPORT(psa_mac_verify)
psa_status_t psa_mac_verify(psa_key_id_t key, psa_algorithm_t alg, const uint8_t *input, size_t input_length,
                            const uint8_t *mac, size_t mac_length);
PSA_EMU_IMPORT(psa_mac_sign_setup)
psa_status_t psa_mac_sign_setup(psa_mac_operation_t *operation, psa_key_id_t key, psa_algorithm_t alg);
PSA_EMU_IMPORT(psa_mac_verify_setup)
psa_status_t psa_mac_verify_setup(psa_mac_operation_t *operation, psa_key_id_t key, psa_algorithm_t alg);
PSA_EMU_IMPORT(psa_mac_update)
psa_status_t psa_mac_update(psa_mac_operation_t *operation, const uint8_t *input, size_t input_length);
PSA_EMU_IMPORT(psa_mac_sign_finish)
psa_status_t psa_mac_sign_finish(psa_mac_operation_t *operation, uint8_t *mac, size_t mac_size,
                                 size_t *mac_length);
PSA_EMU_IMPORT(psa_mac_verify_finish)
psa_status_t psa_mac_verify_finish(psa_mac_operation_t *operation, const uint8_t *mac, size_t mac_length);
PSA_EMU_IMPORT(psa_mac_abort) psa_status_t psa_mac_abort(psa_mac_operation_t *operation);

/* ---- Unauthenticated ciphers (section 10.4) ------------------------------------------------ */

/* Single-part encryption: output is the generated IV followed by the ciphertext. */
PSA_EMU_IMPORT(psa_cipher_encrypt)
psa_status_t psa_cipher_encrypt(psa_key_id_t key, psa_algorithm_t alg, const uint8_t *input,
                                size_t input_length, uint8_t *output, size_t output_size,
                                size_t *output_length);
/* Single-part decryption: input is the IV followed by the ciphertext. */
PSA_EMU_IMPORT(psa_cipher_decrypt)
psa_status_t psa_cipher_decrypt(psa_key_id_t key, psa_algorithm_t alg, const uint8_t *input,
                                size_t input_length, uint8_t *output, size_t output_size,
                                size_t *output_length);
PSA_EMU_IMPORT(psa_cipher_encrypt_setup)
psa_status_t psa_cipher_encrypt_setup(psa_cipher_operation_t *operation, psa_key_id_t key,
                                      psa_algorithm_t alg);
PSA_EMU_IMPORT(psa_cipher_decrypt_setup)
psa_status_t psa_cipher_decrypt_setup(psa_cipher_operation_t *operation, psa_key_id_t key,
                                      psa_algorithm_t alg);
PSA_EMU_IMPORT(psa_cipher_generate_iv)
psa_status_t psa_cipher_generate_iv(psa_cipher_operation_t *operation, uint8_t *iv, size_t iv_size,
                                    size_t *iv_length);
PSA_EMU_IMPORT(psa_cipher_set_iv)
psa_status_t psa_cipher_set_iv(psa_cipher_operation_t *operation, const uint8_t *iv, size_t iv_length);
PSA_EMU_IMPORT(psa_cipher_update)
psa_status_t psa_cipher_update(psa_cipher_operation_t *operation, const uint8_t *input, size_t input_length,
                               uint8_t *output, size_t output_size, size_t *output_length);
PSA_EMU_IMPORT(psa_cipher_finish)
psa_status_t psa_cipher_finish(psa_cipher_operation_t *operation, uint8_t *output, size_t output_size,
                               size_t *output_length);
PSA_EMU_IMPORT(psa_cipher_abort) psa_status_t psa_cipher_abort(psa_cipher_operation_t *operation);

#ifdef __cplusplus
}
#endif

#include "crypto_extra.h"

#endif /* PSA_CRYPTO_H */
