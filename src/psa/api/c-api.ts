/**
 * The types of the C-shaped facade: functions named exactly as in the C headers, same
 * argument order. Buffers are `Uint8Array`s whose length is the C `*_size`/`*_length`;
 * out-parameters become fields of the result; statuses are returned, never thrown (a wrong
 * JavaScript type is a `TypeError`, as a C compiler would refuse it).
 * Spec: PSA Certified Crypto API 1.2; PSA Certified Secure Storage API 1.0 (ITS).
 * @module
 */

import type { PsaStorageInfo } from '../../its/its.js';
import type { PsaKeyAttributes } from '../attributes.js';
import type { PsaCipherOperation, PsaHashOperation, PsaMacOperation } from '../service/operations.js';

/** `{ status, key }`: a key identifier out-parameter (0 on error). */
export interface KeyResult {
  status: number;
  key: number;
}

/**
 * The PSA functions that reach the crypto or storage service. `psa.cSync` has them
 * synchronous; `psa.c` returns Promises that resolve once every storage change the call made
 * is durable.
 */
export interface PsaServiceApi {
  /** `psa_generate_random(output, output_size)`: fills `output`. */
  psa_generate_random(output: Uint8Array): number;
  /** `psa_import_key(attributes, data, data_length, &key)`. */
  psa_import_key(attributes: PsaKeyAttributes, data: Uint8Array): KeyResult;
  /** `psa_generate_key(attributes, &key)`. */
  psa_generate_key(attributes: PsaKeyAttributes): KeyResult;
  /** `psa_copy_key(source_key, attributes, &target_key)`. */
  psa_copy_key(sourceKey: number, attributes: PsaKeyAttributes): KeyResult;
  /** `psa_open_key(key, &handle)` (legacy API kept by Mbed TLS and TF-M): the handle is the key id. */
  psa_open_key(key: number): { status: number; handle: number };
  /** `psa_close_key(handle)`: evicts a persistent key from the cache, destroys a volatile one. */
  psa_close_key(handle: number): number;
  /** `psa_destroy_key(key)`. */
  psa_destroy_key(key: number): number;
  /** `psa_purge_key(key)`: removes a persistent key's cached copy. */
  psa_purge_key(key: number): number;
  /** `psa_get_key_attributes(key, &attributes)`: all-zero attributes on error. */
  psa_get_key_attributes(key: number): { status: number; attributes: PsaKeyAttributes };
  /** `psa_export_key(key, data, data_size, &data_length)`. */
  psa_export_key(key: number, data: Uint8Array): { status: number; dataLength: number };

  /** `psa_hash_compute(alg, input, input_length, hash, hash_size, &hash_length)`. */
  psa_hash_compute(alg: number, input: Uint8Array, hash: Uint8Array): { status: number; hashLength: number };
  /** `psa_hash_compare(alg, input, input_length, hash, hash_length)`. */
  psa_hash_compare(alg: number, input: Uint8Array, hash: Uint8Array): number;
  /** `psa_hash_setup(operation, alg)`. */
  psa_hash_setup(operation: PsaHashOperation, alg: number): number;
  /** `psa_hash_update(operation, input, input_length)`. */
  psa_hash_update(operation: PsaHashOperation, input: Uint8Array): number;
  /** `psa_hash_finish(operation, hash, hash_size, &hash_length)`. */
  psa_hash_finish(operation: PsaHashOperation, hash: Uint8Array): { status: number; hashLength: number };
  /** `psa_hash_verify(operation, hash, hash_length)`. */
  psa_hash_verify(operation: PsaHashOperation, hash: Uint8Array): number;
  /** `psa_hash_abort(operation)`. */
  psa_hash_abort(operation: PsaHashOperation): number;
  /** `psa_hash_clone(source_operation, target_operation)`. */
  psa_hash_clone(sourceOperation: PsaHashOperation, targetOperation: PsaHashOperation): number;

  /** `psa_mac_compute(key, alg, input, input_length, mac, mac_size, &mac_length)`. */
  psa_mac_compute(
    key: number,
    alg: number,
    input: Uint8Array,
    mac: Uint8Array,
  ): { status: number; macLength: number };
  /** `psa_mac_verify(key, alg, input, input_length, mac, mac_length)` (constant-time). */
  psa_mac_verify(key: number, alg: number, input: Uint8Array, mac: Uint8Array): number;
  /** `psa_mac_sign_setup(operation, key, alg)`. */
  psa_mac_sign_setup(operation: PsaMacOperation, key: number, alg: number): number;
  /** `psa_mac_verify_setup(operation, key, alg)`. */
  psa_mac_verify_setup(operation: PsaMacOperation, key: number, alg: number): number;
  /** `psa_mac_update(operation, input, input_length)`. */
  psa_mac_update(operation: PsaMacOperation, input: Uint8Array): number;
  /** `psa_mac_sign_finish(operation, mac, mac_size, &mac_length)`. */
  psa_mac_sign_finish(operation: PsaMacOperation, mac: Uint8Array): { status: number; macLength: number };
  /** `psa_mac_verify_finish(operation, mac, mac_length)` (constant-time). */
  psa_mac_verify_finish(operation: PsaMacOperation, mac: Uint8Array): number;
  /** `psa_mac_abort(operation)`. */
  psa_mac_abort(operation: PsaMacOperation): number;

  /** `psa_cipher_encrypt(key, alg, input, input_length, output, output_size, &output_length)`: output = IV ‖ ciphertext. */
  psa_cipher_encrypt(
    key: number,
    alg: number,
    input: Uint8Array,
    output: Uint8Array,
  ): { status: number; outputLength: number };
  /** `psa_cipher_decrypt(key, alg, input, input_length, output, output_size, &output_length)`: input = IV ‖ ciphertext. */
  psa_cipher_decrypt(
    key: number,
    alg: number,
    input: Uint8Array,
    output: Uint8Array,
  ): { status: number; outputLength: number };
  /** `psa_cipher_encrypt_setup(operation, key, alg)`. */
  psa_cipher_encrypt_setup(operation: PsaCipherOperation, key: number, alg: number): number;
  /** `psa_cipher_decrypt_setup(operation, key, alg)`. */
  psa_cipher_decrypt_setup(operation: PsaCipherOperation, key: number, alg: number): number;
  /** `psa_cipher_generate_iv(operation, iv, iv_size, &iv_length)`. */
  psa_cipher_generate_iv(operation: PsaCipherOperation, iv: Uint8Array): { status: number; ivLength: number };
  /** `psa_cipher_set_iv(operation, iv, iv_length)`. */
  psa_cipher_set_iv(operation: PsaCipherOperation, iv: Uint8Array): number;
  /** `psa_cipher_update(operation, input, input_length, output, output_size, &output_length)`. */
  psa_cipher_update(
    operation: PsaCipherOperation,
    input: Uint8Array,
    output: Uint8Array,
  ): { status: number; outputLength: number };
  /** `psa_cipher_finish(operation, output, output_size, &output_length)`. */
  psa_cipher_finish(
    operation: PsaCipherOperation,
    output: Uint8Array,
  ): { status: number; outputLength: number };
  /** `psa_cipher_abort(operation)`. */
  psa_cipher_abort(operation: PsaCipherOperation): number;

  /** `psa_its_set(uid, data_length, p_data, create_flags)`. */
  psa_its_set(uid: bigint, data: Uint8Array, createFlags: number): number;
  /**
   * `psa_its_get(uid, data_offset, data_length, p_data, &p_data_length)`: reads up to `length`
   * bytes (at most `data.length`) from `offset` into `data`.
   */
  psa_its_get(
    uid: bigint,
    offset: number,
    length: number,
    data: Uint8Array,
  ): { status: number; dataLength: number };
  /** `psa_its_get_info(uid, &info)`. */
  psa_its_get_info(uid: bigint): { status: number; info: PsaStorageInfo };
  /** `psa_its_remove(uid)`. */
  psa_its_remove(uid: bigint): number;
}

/** Functions that never reach a service: the same (synchronous) in `c` and `cSync`. */
export interface PsaLocalApi {
  /** `psa_crypto_init()`. Under TF-M the NS side always answers PSA_SUCCESS (the partition initialised at boot). */
  psa_crypto_init(): number;
  /** `mbedtls_psa_crypto_free()`: a reboot — volatile keys and the key-slot cache are dropped, storage stays. */
  mbedtls_psa_crypto_free(): void;
  /** `psa_key_attributes_init()`: all-zero attributes (a volatile key, no type, no policy). */
  psa_key_attributes_init(): PsaKeyAttributes;
  /** `psa_set_key_id`: also makes a volatile lifetime persistent. */
  psa_set_key_id(attributes: PsaKeyAttributes, id: number): void;
  /** `psa_get_key_id`. */
  psa_get_key_id(attributes: PsaKeyAttributes): number;
  /** `psa_set_key_lifetime`: a volatile lifetime clears the id. */
  psa_set_key_lifetime(attributes: PsaKeyAttributes, lifetime: number): void;
  /** `psa_get_key_lifetime`. */
  psa_get_key_lifetime(attributes: PsaKeyAttributes): number;
  /** `psa_set_key_type`. */
  psa_set_key_type(attributes: PsaKeyAttributes, type: number): void;
  /** `psa_get_key_type`. */
  psa_get_key_type(attributes: PsaKeyAttributes): number;
  /** `psa_set_key_bits`. */
  psa_set_key_bits(attributes: PsaKeyAttributes, bits: number): void;
  /** `psa_get_key_bits`. */
  psa_get_key_bits(attributes: PsaKeyAttributes): number;
  /** `psa_set_key_usage_flags`: SIGN_HASH/VERIFY_HASH imply the MESSAGE flags. */
  psa_set_key_usage_flags(attributes: PsaKeyAttributes, usage: number): void;
  /** `psa_get_key_usage_flags`. */
  psa_get_key_usage_flags(attributes: PsaKeyAttributes): number;
  /** `psa_set_key_algorithm` (the permitted algorithm). */
  psa_set_key_algorithm(attributes: PsaKeyAttributes, alg: number): void;
  /** `psa_get_key_algorithm`. */
  psa_get_key_algorithm(attributes: PsaKeyAttributes): number;
  /** `psa_reset_key_attributes`: back to all zeros. */
  psa_reset_key_attributes(attributes: PsaKeyAttributes): void;
  /** `psa_hash_operation_init()`: an inactive hash operation. */
  psa_hash_operation_init(): PsaHashOperation;
  /** `psa_mac_operation_init()`: an inactive MAC operation. */
  psa_mac_operation_init(): PsaMacOperation;
  /** `psa_cipher_operation_init()`: an inactive cipher operation. */
  psa_cipher_operation_init(): PsaCipherOperation;
}

/** Turns every service function into one returning a Promise. */
export type Promisified<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;
};

/** `psa.cSync`: the whole C API, synchronous. */
export type PsaCSync = PsaServiceApi & PsaLocalApi;
/** `psa.c`: the C API with the service functions asynchronous. */
export type PsaC = Promisified<PsaServiceApi> & PsaLocalApi;
