/**
 * Behaviour before `psa_crypto_init()` and after `mbedtls_psa_crypto_free()`: /tmp/psa-core-notes.md §1.
 * BAD_STATE comes from `psa_get_and_lock_key_slot` / `psa_reserve_free_key_slot` (key slots not
 * initialised) and from `GUARD_MODULE_INITIALIZED` in `psa_generate_random` — each only after the
 * function's own earlier checks; the hash API has no init check; close/purge look in memory only.
 */
import { describe, expect, it } from 'vitest';
import {
  PSA_ALG_CBC_NO_PADDING,
  PSA_ALG_CMAC,
  PSA_ALG_SHA_256,
  PSA_ERROR_BAD_STATE,
  PSA_ERROR_BUFFER_TOO_SMALL,
  PSA_ERROR_DOES_NOT_EXIST,
  PSA_ERROR_INVALID_ARGUMENT,
  PSA_ERROR_INVALID_HANDLE,
  PSA_KEY_ID_VOLATILE_MIN,
  PSA_KEY_LIFETIME_VOLATILE,
  PSA_KEY_USAGE_ENCRYPT,
  PSA_KEY_USAGE_SIGN_MESSAGE,
  PSA_SUCCESS,
  PsaError,
  psa_cipher_operation_init,
  psa_hash_operation_init,
  psa_key_attributes_init,
  psa_mac_operation_init,
} from '../../src/index.js';
import { AES128, attrs, CORES, filled, importOk, newPsa, seq } from './helpers.js';

describe.each(CORES)(
  'before psa_crypto_init (psa_crypto.c GUARD_MODULE_INITIALIZED, psa_crypto_slot_management.c key_slots_initialized) (%s)',
  (core) => {
    const fresh = () => newPsa(core, {}, false);

    it('psa_generate_random → BAD_STATE (GUARD_MODULE_INITIALIZED), also for size 0', () => {
      const psa = fresh();
      const out = filled(8, 0xaa);
      expect(psa.cSync.psa_generate_random(out)).toBe(PSA_ERROR_BAD_STATE);
      expect(out).toEqual(filled(8, 0xaa));
      expect(psa.cSync.psa_generate_random(new Uint8Array(0))).toBe(PSA_ERROR_BAD_STATE);
    });

    it('psa_import_key: data_length 0 and bad attributes → INVALID_ARGUMENT first, else BAD_STATE', () => {
      const psa = fresh();
      expect(psa.cSync.psa_import_key(attrs({}), new Uint8Array(0))).toEqual({
        status: PSA_ERROR_INVALID_ARGUMENT,
        key: 0,
      });
      const volatileWithId = { ...attrs({}), id: 4, lifetime: PSA_KEY_LIFETIME_VOLATILE };
      expect(psa.cSync.psa_import_key(volatileWithId, AES128).status).toBe(PSA_ERROR_INVALID_ARGUMENT);
      expect(psa.cSync.psa_import_key(attrs({ usage: 0x4 }), AES128).status).toBe(PSA_ERROR_INVALID_ARGUMENT);
      expect(psa.cSync.psa_import_key(attrs({}), AES128)).toEqual({ status: PSA_ERROR_BAD_STATE, key: 0 });
      expect(psa.cSync.psa_import_key(attrs({ id: 3 }), AES128).status).toBe(PSA_ERROR_BAD_STATE);
      expect(psa.storage.keys()).toEqual([]);
    });

    it('psa_generate_key: bits 0 → INVALID_ARGUMENT, else BAD_STATE; psa_copy_key → BAD_STATE', () => {
      const psa = fresh();
      expect(psa.cSync.psa_generate_key(attrs({}))).toEqual({ status: PSA_ERROR_INVALID_ARGUMENT, key: 0 });
      expect(psa.cSync.psa_generate_key(attrs({ bits: 128 }))).toEqual({
        status: PSA_ERROR_BAD_STATE,
        key: 0,
      });
      expect(psa.cSync.psa_copy_key(1, attrs({}))).toEqual({ status: PSA_ERROR_BAD_STATE, key: 0 });
    });

    it('get_attributes / open / destroy(≠0) → BAD_STATE; export size 0 → BUFFER_TOO_SMALL first', () => {
      const psa = fresh();
      expect(psa.cSync.psa_get_key_attributes(1)).toEqual({
        status: PSA_ERROR_BAD_STATE,
        attributes: psa_key_attributes_init(),
      });
      expect(psa.cSync.psa_open_key(1)).toEqual({ status: PSA_ERROR_BAD_STATE, handle: 0 });
      expect(psa.cSync.psa_open_key(0).status).toBe(PSA_ERROR_BAD_STATE);
      expect(psa.cSync.psa_destroy_key(1)).toBe(PSA_ERROR_BAD_STATE);
      expect(psa.cSync.psa_export_key(1, new Uint8Array(0)).status).toBe(PSA_ERROR_BUFFER_TOO_SMALL);
      expect(psa.cSync.psa_export_key(1, new Uint8Array(16)).status).toBe(PSA_ERROR_BAD_STATE);
    });

    it('destroy(0) / close(0) → SUCCESS; close and purge look in memory only (no init check)', () => {
      const psa = fresh();
      expect(psa.cSync.psa_destroy_key(0)).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_close_key(0)).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_close_key(1)).toBe(PSA_ERROR_INVALID_HANDLE);
      expect(psa.cSync.psa_close_key(PSA_KEY_ID_VOLATILE_MIN)).toBe(PSA_ERROR_INVALID_HANDLE);
      expect(psa.cSync.psa_purge_key(1)).toBe(PSA_ERROR_DOES_NOT_EXIST);
      expect(psa.cSync.psa_purge_key(PSA_KEY_ID_VOLATILE_MIN)).toBe(PSA_ERROR_DOES_NOT_EXIST);
      expect(psa.cSync.psa_purge_key(0)).toBe(PSA_ERROR_INVALID_HANDLE);
      expect(psa.cSync.psa_purge_key(0x80000000)).toBe(PSA_ERROR_INVALID_HANDLE);
    });

    it('cipher: a non-cipher alg → INVALID_ARGUMENT (checked first), else BAD_STATE', () => {
      const psa = fresh();
      const out = new Uint8Array(32);
      expect(psa.cSync.psa_cipher_encrypt(1, PSA_ALG_CMAC, seq(16), out)).toEqual({
        status: PSA_ERROR_INVALID_ARGUMENT,
        outputLength: 0,
      });
      expect(psa.cSync.psa_cipher_decrypt(1, PSA_ALG_CBC_NO_PADDING, seq(32), out)).toEqual({
        status: PSA_ERROR_BAD_STATE,
        outputLength: 0,
      });
      const op = psa_cipher_operation_init();
      expect(psa.cSync.psa_cipher_encrypt_setup(op, 1, 0)).toBe(PSA_ERROR_INVALID_ARGUMENT);
      expect(psa.cSync.psa_cipher_encrypt_setup(op, 1, PSA_ALG_CBC_NO_PADDING)).toBe(PSA_ERROR_BAD_STATE);
      expect(op.active).toBe(false);
    });

    it("MAC → BAD_STATE; psa_mac_compute still '!'-fills and reports mac_length = mac_size", () => {
      const psa = fresh();
      const mac = new Uint8Array(20);
      expect(psa.cSync.psa_mac_compute(1, PSA_ALG_CMAC, seq(3), mac)).toEqual({
        status: PSA_ERROR_BAD_STATE,
        macLength: 20,
      });
      expect(mac).toEqual(filled(20, 0x21));
      expect(psa.cSync.psa_mac_verify(1, PSA_ALG_CMAC, seq(3), seq(16))).toBe(PSA_ERROR_BAD_STATE);
      expect(psa.cSync.psa_mac_sign_setup(psa_mac_operation_init(), 1, PSA_ALG_CMAC)).toBe(
        PSA_ERROR_BAD_STATE,
      );
    });

    it('the hash API works without psa_crypto_init (no init check)', () => {
      const psa = fresh();
      const h = new Uint8Array(32);
      expect(psa.cSync.psa_hash_compute(PSA_ALG_SHA_256, seq(3), h)).toEqual({
        status: PSA_SUCCESS,
        hashLength: 32,
      });
      const op = psa_hash_operation_init();
      expect(psa.cSync.psa_hash_setup(op, PSA_ALG_SHA_256)).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_hash_update(op, seq(3))).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_hash_verify(op, h)).toBe(PSA_SUCCESS);
    });

    it('the async face and the idiomatic layer report the same BAD_STATE', async () => {
      const psa = fresh();
      expect(await psa.c.psa_import_key(attrs({}), AES128)).toEqual({ status: PSA_ERROR_BAD_STATE, key: 0 });
      const err = await psa.importKey({ type: 'AES', usage: ['encrypt'] }, AES128).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PsaError);
      expect(err).toMatchObject({
        status: PSA_ERROR_BAD_STATE,
        code: 'PSA_ERROR_BAD_STATE',
        function: 'psa_import_key',
      });
    });
  },
);

describe.each(CORES)('psa_crypto.c:psa_crypto_init / mbedtls_psa_crypto_free (%s)', (core) => {
  it('init twice → SUCCESS; after init psa_generate_random(size 0) → SUCCESS', () => {
    const psa = newPsa(core, {}, false);
    expect(psa.cSync.psa_crypto_init()).toBe(PSA_SUCCESS);
    expect(psa.cSync.psa_crypto_init()).toBe(PSA_SUCCESS);
    expect(psa.cSync.psa_generate_random(new Uint8Array(0))).toBe(PSA_SUCCESS);
    const out = new Uint8Array(16);
    expect(psa.cSync.psa_generate_random(out)).toBe(PSA_SUCCESS);
    expect(out).not.toEqual(new Uint8Array(16));
  });

  it('after mbedtls_psa_crypto_free the key API is BAD_STATE again until the next init', () => {
    const psa = newPsa(core);
    const k = importOk(psa, attrs({ usage: PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_SIGN_MESSAGE }), AES128);
    psa.cSync.mbedtls_psa_crypto_free();
    expect(psa.cSync.psa_get_key_attributes(k).status).toBe(PSA_ERROR_BAD_STATE);
    expect(psa.cSync.psa_generate_random(new Uint8Array(4))).toBe(PSA_ERROR_BAD_STATE);
    expect(psa.cSync.psa_import_key(attrs({}), AES128).status).toBe(PSA_ERROR_BAD_STATE);
    expect(psa.cSync.psa_crypto_init()).toBe(PSA_SUCCESS);
    expect(psa.cSync.psa_get_key_attributes(k).status).toBe(PSA_ERROR_INVALID_HANDLE);
  });
});
