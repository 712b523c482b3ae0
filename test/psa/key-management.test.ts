/**
 * Key management statuses: tfm-psa.md §3.1/§3.3 rows for open/close/destroy/get_attributes/import,
 * and /tmp/psa-core-notes.md §2 (import, generate, copy, export, destroy, get_attributes).
 * Sources named per test: `library/psa_crypto.c` / `library/psa_crypto_slot_management.c` of
 * Mbed TLS 3.6.5 and the Oberon core (identical for everything here unless a test says otherwise).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  deterministicRandom,
  PSA_ALG_CBC_NO_PADDING,
  PSA_ALG_CMAC,
  PSA_ALG_CTR,
  PSA_ALG_HMAC,
  PSA_ALG_SHA_256,
  PSA_ERROR_ALREADY_EXISTS,
  PSA_ERROR_BUFFER_TOO_SMALL,
  PSA_ERROR_DOES_NOT_EXIST,
  PSA_ERROR_INVALID_ARGUMENT,
  PSA_ERROR_INVALID_HANDLE,
  PSA_ERROR_NOT_PERMITTED,
  PSA_ERROR_NOT_SUPPORTED,
  PSA_KEY_BITS_TOO_LARGE,
  PSA_KEY_ID_USER_MAX,
  PSA_KEY_ID_VENDOR_MAX,
  PSA_KEY_ID_VENDOR_MIN,
  PSA_KEY_ID_VOLATILE_MIN,
  PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION,
  PSA_KEY_LIFETIME_PERSISTENT,
  PSA_KEY_LIFETIME_VOLATILE,
  PSA_KEY_PERSISTENCE_DEFAULT,
  PSA_KEY_PERSISTENCE_READ_ONLY,
  PSA_KEY_PERSISTENCE_VOLATILE,
  PSA_KEY_TYPE_AES,
  PSA_KEY_TYPE_DERIVE,
  PSA_KEY_TYPE_DES,
  PSA_KEY_TYPE_HMAC,
  PSA_KEY_TYPE_NONE,
  PSA_KEY_TYPE_RAW_DATA,
  PSA_KEY_TYPE_RSA_KEY_PAIR,
  PSA_KEY_TYPE_RSA_PUBLIC_KEY,
  PSA_KEY_USAGE_COPY,
  PSA_KEY_USAGE_DECRYPT,
  PSA_KEY_USAGE_ENCRYPT,
  PSA_KEY_USAGE_EXPORT,
  PSA_KEY_USAGE_SIGN_HASH,
  PSA_KEY_USAGE_SIGN_MESSAGE,
  PSA_KEY_USAGE_UNWRAP,
  PSA_KEY_USAGE_VERIFY_HASH,
  PSA_KEY_USAGE_VERIFY_MESSAGE,
  PSA_KEY_USAGE_WRAP,
  PSA_SUCCESS,
  type Psa,
  psa_key_attributes_init,
  psa_set_key_id,
  psa_set_key_lifetime,
} from '../../src/index.js';
import { createCoreState } from '../../src/psa/core/context.js';
import { importKey, openKey } from '../../src/psa/core/key-management.js';
import { cryptoInit } from '../../src/psa/core/random.js';
import { AES128, AES256, attrs, CORES, filled, importOk, newPsa, seq } from './helpers.js';

const ENC_DEC = PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT;
const EXPORTABLE = PSA_KEY_USAGE_EXPORT | ENC_DEC;

describe.each(CORES)('tfm-psa.md §3.3 key-management rows (%s)', (core) => {
  let psa: Psa;
  beforeEach(() => {
    psa = newPsa(core);
  });

  describe('psa_open_key (psa_crypto_slot_management.c:psa_open_key)', () => {
    it('id 0 → DOES_NOT_EXIST (INVALID_HANDLE remapped), *key = 0', () => {
      expect(psa.cSync.psa_open_key(0)).toEqual({ status: PSA_ERROR_DOES_NOT_EXIST, handle: 0 });
    });

    it('volatile-range id of an existing key → SUCCESS, *key = id', () => {
      const key = importOk(psa, attrs({ usage: PSA_KEY_USAGE_ENCRYPT }), AES128);
      expect(key).toBe(PSA_KEY_ID_VOLATILE_MIN);
      expect(psa.cSync.psa_open_key(key)).toEqual({ status: PSA_SUCCESS, handle: key });
    });

    it('volatile-range id with no key → DOES_NOT_EXIST', () => {
      expect(psa.cSync.psa_open_key(PSA_KEY_ID_VOLATILE_MIN + 3)).toEqual({
        status: PSA_ERROR_DOES_NOT_EXIST,
        handle: 0,
      });
    });

    it('user-range id not in ITS → DOES_NOT_EXIST', () => {
      expect(psa.cSync.psa_open_key(1234)).toEqual({ status: PSA_ERROR_DOES_NOT_EXIST, handle: 0 });
    });

    it('existing persistent key → SUCCESS, *key = the same id', () => {
      importOk(psa, attrs({ id: 7, usage: PSA_KEY_USAGE_ENCRYPT }), AES128);
      expect(psa.cSync.psa_open_key(7)).toEqual({ status: PSA_SUCCESS, handle: 7 });
    });

    it('key destroyed earlier → DOES_NOT_EXIST (persistent and volatile)', () => {
      importOk(psa, attrs({ id: 7, usage: PSA_KEY_USAGE_ENCRYPT }), AES128);
      const v = importOk(psa, attrs({ usage: PSA_KEY_USAGE_ENCRYPT }), AES128);
      expect(psa.cSync.psa_destroy_key(7)).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_destroy_key(v)).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_open_key(7).status).toBe(PSA_ERROR_DOES_NOT_EXIST);
      expect(psa.cSync.psa_open_key(v).status).toBe(PSA_ERROR_DOES_NOT_EXIST);
    });

    it('ids ≥ 0x80000000 and vendor ids that are not volatile → DOES_NOT_EXIST', () => {
      for (const id of [0x80000000, 0xffffffff, 0x50000000, PSA_KEY_ID_VENDOR_MAX]) {
        expect(psa.cSync.psa_open_key(id)).toEqual({ status: PSA_ERROR_DOES_NOT_EXIST, handle: 0 });
      }
    });
  });

  describe('psa_close_key (psa_crypto_slot_management.c:psa_close_key)', () => {
    it('handle 0 → SUCCESS', () => {
      expect(psa.cSync.psa_close_key(0)).toBe(PSA_SUCCESS);
    });

    it('unknown key → INVALID_HANDLE', () => {
      expect(psa.cSync.psa_close_key(55)).toBe(PSA_ERROR_INVALID_HANDLE);
      expect(psa.cSync.psa_close_key(PSA_KEY_ID_VOLATILE_MIN)).toBe(PSA_ERROR_INVALID_HANDLE);
      expect(psa.cSync.psa_close_key(0x80000000)).toBe(PSA_ERROR_INVALID_HANDLE);
    });

    it('persistent key never used since boot → INVALID_HANDLE (memory-only lookup)', () => {
      importOk(psa, attrs({ id: 9, usage: PSA_KEY_USAGE_ENCRYPT }), AES128);
      psa.cSync.mbedtls_psa_crypto_free();
      expect(psa.cSync.psa_crypto_init()).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_close_key(9)).toBe(PSA_ERROR_INVALID_HANDLE);
      expect(psa.cSync.psa_open_key(9).status).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_close_key(9)).toBe(PSA_SUCCESS);
    });

    it('close twice → the second is INVALID_HANDLE (persistent and volatile)', () => {
      importOk(psa, attrs({ id: 9, usage: PSA_KEY_USAGE_ENCRYPT }), AES128);
      const v = importOk(psa, attrs({ usage: PSA_KEY_USAGE_ENCRYPT }), AES128);
      expect(psa.cSync.psa_close_key(9)).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_close_key(9)).toBe(PSA_ERROR_INVALID_HANDLE);
      expect(psa.cSync.psa_close_key(v)).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_close_key(v)).toBe(PSA_ERROR_INVALID_HANDLE);
    });

    it('close of a volatile key destroys it', () => {
      const v = importOk(psa, attrs({ usage: PSA_KEY_USAGE_EXPORT }), AES128);
      expect(psa.cSync.psa_close_key(v)).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_get_key_attributes(v).status).toBe(PSA_ERROR_INVALID_HANDLE);
      expect(psa.cSync.psa_export_key(v, new Uint8Array(16)).status).toBe(PSA_ERROR_INVALID_HANDLE);
      expect(psa.cSync.psa_open_key(v).status).toBe(PSA_ERROR_DOES_NOT_EXIST);
    });

    it('a persistent key stays usable by id after close (reloaded from ITS)', () => {
      importOk(psa, attrs({ id: 9, usage: EXPORTABLE, alg: PSA_ALG_CTR }), AES128);
      expect(psa.cSync.psa_close_key(9)).toBe(PSA_SUCCESS);
      const out = new Uint8Array(16);
      expect(psa.cSync.psa_export_key(9, out)).toEqual({ status: PSA_SUCCESS, dataLength: 16 });
      expect(out).toEqual(AES128);
      const ct = new Uint8Array(32);
      expect(psa.cSync.psa_cipher_encrypt(9, PSA_ALG_CTR, seq(16), ct).status).toBe(PSA_SUCCESS);
      // Now cached again, so close succeeds once more.
      expect(psa.cSync.psa_close_key(9)).toBe(PSA_SUCCESS);
    });
  });

  describe('psa_destroy_key (psa_crypto.c:psa_destroy_key)', () => {
    it('id 0 → SUCCESS', () => {
      expect(psa.cSync.psa_destroy_key(0)).toBe(PSA_SUCCESS);
    });

    it('unknown / already destroyed → INVALID_HANDLE', () => {
      expect(psa.cSync.psa_destroy_key(77)).toBe(PSA_ERROR_INVALID_HANDLE);
      expect(psa.cSync.psa_destroy_key(PSA_KEY_ID_VOLATILE_MIN + 1)).toBe(PSA_ERROR_INVALID_HANDLE);
      expect(psa.cSync.psa_destroy_key(0x80000000)).toBe(PSA_ERROR_INVALID_HANDLE);
      const v = importOk(psa, attrs({ usage: 0 }), AES128);
      expect(psa.cSync.psa_destroy_key(v)).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_destroy_key(v)).toBe(PSA_ERROR_INVALID_HANDLE);
    });

    it('needs no usage flag; a persistent key is removed from ITS (also when not cached)', () => {
      importOk(psa, attrs({ id: 3, usage: 0 }), AES128);
      importOk(psa, attrs({ id: 4, usage: 0 }), AES128);
      expect(psa.storage.get({ client: 0, uid: 3n })).toBeDefined();
      expect(psa.cSync.psa_destroy_key(3)).toBe(PSA_SUCCESS);
      expect(psa.storage.get({ client: 0, uid: 3n })).toBeUndefined();
      psa.cSync.mbedtls_psa_crypto_free();
      psa.cSync.psa_crypto_init();
      expect(psa.cSync.psa_destroy_key(4)).toBe(PSA_SUCCESS);
      expect(psa.storage.get({ client: 0, uid: 4n })).toBeUndefined();
      expect(psa.cSync.psa_open_key(4).status).toBe(PSA_ERROR_DOES_NOT_EXIST);
    });
  });

  describe('psa_get_key_attributes (psa_crypto.c:psa_get_key_attributes)', () => {
    it('unknown key → INVALID_HANDLE and all-zero attributes', () => {
      for (const id of [0, 5, PSA_KEY_ID_VOLATILE_MIN, 0x80000000]) {
        expect(psa.cSync.psa_get_key_attributes(id)).toEqual({
          status: PSA_ERROR_INVALID_HANDLE,
          attributes: psa_key_attributes_init(),
        });
      }
    });

    it('needs no usage; reports id, lifetime, type, bits, extended usage, alg and alg2', () => {
      const v = importOk(
        psa,
        attrs({ type: PSA_KEY_TYPE_HMAC, usage: 0, alg: PSA_ALG_HMAC(PSA_ALG_SHA_256) }),
        seq(20),
      );
      expect(psa.cSync.psa_get_key_attributes(v)).toEqual({
        status: PSA_SUCCESS,
        attributes: {
          id: v,
          lifetime: PSA_KEY_LIFETIME_VOLATILE,
          type: PSA_KEY_TYPE_HMAC,
          bits: 160,
          usage: 0,
          alg: PSA_ALG_HMAC(PSA_ALG_SHA_256),
          alg2: 0,
        },
      });
      importOk(
        psa,
        attrs({
          id: 12,
          usage: PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH,
          alg: PSA_ALG_CMAC,
          alg2: PSA_ALG_CTR,
        }),
        AES256,
      );
      expect(psa.cSync.psa_get_key_attributes(12).attributes).toEqual({
        id: 12,
        lifetime: PSA_KEY_LIFETIME_PERSISTENT,
        type: PSA_KEY_TYPE_AES,
        bits: 256,
        usage:
          PSA_KEY_USAGE_SIGN_HASH |
          PSA_KEY_USAGE_VERIFY_HASH |
          PSA_KEY_USAGE_SIGN_MESSAGE |
          PSA_KEY_USAGE_VERIFY_MESSAGE,
        alg: PSA_ALG_CMAC,
        alg2: PSA_ALG_CTR,
      });
    });
  });

  describe('psa_import_key (psa_crypto.c:psa_import_key, psa_validate_key_attributes)', () => {
    it('persistent id already in ITS → ALREADY_EXISTS (psa_crypto_storage_store), *key = 0', () => {
      importOk(psa, attrs({ id: 5, usage: PSA_KEY_USAGE_EXPORT }), AES128);
      expect(psa.cSync.psa_import_key(attrs({ id: 5, usage: PSA_KEY_USAGE_EXPORT }), AES256)).toEqual({
        status: PSA_ERROR_ALREADY_EXISTS,
        key: 0,
      });
      // Also when the key is not cached (after a reboot), and the stored key is unchanged.
      psa.cSync.mbedtls_psa_crypto_free();
      psa.cSync.psa_crypto_init();
      expect(psa.cSync.psa_import_key(attrs({ id: 5, usage: PSA_KEY_USAGE_EXPORT }), AES256).status).toBe(
        PSA_ERROR_ALREADY_EXISTS,
      );
      const out = new Uint8Array(32);
      expect(psa.cSync.psa_export_key(5, out).dataLength).toBe(16);
      expect(out.subarray(0, 16)).toEqual(AES128);
    });

    it('volatile lifetime with a non-zero id → INVALID_ARGUMENT', () => {
      const a = {
        ...psa_key_attributes_init(),
        id: 5,
        lifetime: PSA_KEY_LIFETIME_VOLATILE,
        type: PSA_KEY_TYPE_AES,
      };
      expect(psa.cSync.psa_import_key(a, AES128)).toEqual({ status: PSA_ERROR_INVALID_ARGUMENT, key: 0 });
    });

    it('persistent with id 0 or outside the user range → INVALID_ARGUMENT (vendor_ok = 0)', () => {
      const bad = [
        0,
        PSA_KEY_ID_VENDOR_MIN,
        PSA_KEY_ID_VENDOR_MIN + 0x100,
        PSA_KEY_ID_VENDOR_MAX,
        0x80000000,
      ];
      for (const id of bad) {
        const a = attrs({ lifetime: PSA_KEY_LIFETIME_PERSISTENT, usage: PSA_KEY_USAGE_EXPORT });
        a.id = id;
        expect(psa.cSync.psa_import_key(a, AES128)).toEqual({ status: PSA_ERROR_INVALID_ARGUMENT, key: 0 });
      }
      expect(psa.cSync.psa_import_key(attrs({ id: PSA_KEY_ID_USER_MAX }), AES128)).toEqual({
        status: PSA_SUCCESS,
        key: PSA_KEY_ID_USER_MAX,
      });
    });

    it('read-only persistence level → INVALID_ARGUMENT (psa_validate_key_persistence)', () => {
      const ro = PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(PSA_KEY_PERSISTENCE_READ_ONLY, 0);
      expect(psa.cSync.psa_import_key(attrs({ id: 3, lifetime: ro }), AES128).status).toBe(
        PSA_ERROR_INVALID_ARGUMENT,
      );
    });

    it('data_length 0 → INVALID_ARGUMENT', () => {
      expect(psa.cSync.psa_import_key(attrs({}), new Uint8Array(0))).toEqual({
        status: PSA_ERROR_INVALID_ARGUMENT,
        key: 0,
      });
    });

    it('AES key not 16/24/32 bytes → INVALID_ARGUMENT (psa_validate_unstructured_key_bit_size)', () => {
      for (const n of [1, 8, 15, 17, 31, 33, 64]) {
        expect(psa.cSync.psa_import_key(attrs({}), seq(n))).toEqual({
          status: PSA_ERROR_INVALID_ARGUMENT,
          key: 0,
        });
      }
      for (const n of [16, 24, 32])
        expect(psa.cSync.psa_import_key(attrs({}), seq(n)).status).toBe(PSA_SUCCESS);
    });

    it('bits attribute ≠ actual → INVALID_ARGUMENT; equal → SUCCESS', () => {
      expect(psa.cSync.psa_import_key(attrs({ bits: 192 }), AES128).status).toBe(PSA_ERROR_INVALID_ARGUMENT);
      expect(psa.cSync.psa_import_key(attrs({ type: PSA_KEY_TYPE_HMAC, bits: 8 }), seq(2)).status).toBe(
        PSA_ERROR_INVALID_ARGUMENT,
      );
      const k = importOk(psa, attrs({ bits: 128 }), AES128);
      expect(psa.cSync.psa_get_key_attributes(k).attributes.bits).toBe(128);
    });

    it('type NONE, DES (not built) and key pairs → NOT_SUPPORTED', () => {
      for (const type of [PSA_KEY_TYPE_NONE, PSA_KEY_TYPE_DES, PSA_KEY_TYPE_RSA_KEY_PAIR]) {
        expect(psa.cSync.psa_import_key(attrs({ type }), seq(16))).toEqual({
          status: PSA_ERROR_NOT_SUPPORTED,
          key: 0,
        });
      }
    });

    it('HMAC / RAW_DATA / DERIVE accept any length up to 8191 bytes; 8192 → NOT_SUPPORTED (PSA_MAX_KEY_BITS)', () => {
      for (const type of [PSA_KEY_TYPE_HMAC, PSA_KEY_TYPE_RAW_DATA, PSA_KEY_TYPE_DERIVE]) {
        const one = importOk(psa, attrs({ type }), seq(1));
        expect(psa.cSync.psa_get_key_attributes(one).attributes.bits).toBe(8);
        expect(psa.cSync.psa_destroy_key(one)).toBe(PSA_SUCCESS);
      }
      const big = importOk(psa, attrs({ type: PSA_KEY_TYPE_HMAC }), seq(8191));
      expect(psa.cSync.psa_get_key_attributes(big).attributes.bits).toBe(0xfff8);
      expect(psa.cSync.psa_import_key(attrs({ type: PSA_KEY_TYPE_HMAC }), seq(8192))).toEqual({
        status: PSA_ERROR_NOT_SUPPORTED,
        key: 0,
      });
    });

    it('bits attribute above PSA_MAX_KEY_BITS → NOT_SUPPORTED (psa_validate_key_attributes)', () => {
      const a = attrs({ type: PSA_KEY_TYPE_HMAC, bits: 0x10000 });
      expect(a.bits).toBe(PSA_KEY_BITS_TOO_LARGE);
      expect(psa.cSync.psa_import_key(a, seq(16)).status).toBe(PSA_ERROR_NOT_SUPPORTED);
    });

    it('a location other than local storage → INVALID_ARGUMENT (driver wrapper default case)', () => {
      const lifetime = PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(PSA_KEY_PERSISTENCE_VOLATILE, 1);
      expect(psa.cSync.psa_import_key(attrs({ lifetime }), AES128)).toEqual({
        status: PSA_ERROR_INVALID_ARGUMENT,
        key: 0,
      });
    });

    it(`usage WRAP/UNWRAP at creation: ${core === 'oberon' ? 'accepted (Oberon)' : 'INVALID_ARGUMENT (Mbed TLS)'} (psa_validate_key_policy)`, () => {
      const r = psa.cSync.psa_import_key(attrs({ usage: PSA_KEY_USAGE_WRAP | PSA_KEY_USAGE_UNWRAP }), AES128);
      expect(r.status).toBe(core === 'oberon' ? PSA_SUCCESS : PSA_ERROR_INVALID_ARGUMENT);
    });

    it('a failed import leaves no slot behind (psa_fail_key_creation)', () => {
      const one = newPsa(core, { keySlotCount: 1 });
      expect(one.cSync.psa_import_key(attrs({}), seq(15)).status).toBe(PSA_ERROR_INVALID_ARGUMENT);
      expect(one.cSync.psa_import_key(attrs({ id: 2 }), seq(15)).status).toBe(PSA_ERROR_INVALID_ARGUMENT);
      expect(one.storage.keys()).toEqual([]);
      expect(one.cSync.psa_import_key(attrs({}), AES128)).toEqual({
        status: PSA_SUCCESS,
        key: PSA_KEY_ID_VOLATILE_MIN,
      });
    });

    it('the key bytes are copied (later changes to the caller buffer do not matter)', () => {
      const data = AES128.slice();
      const k = importOk(psa, attrs({ usage: PSA_KEY_USAGE_EXPORT }), data);
      data.fill(0);
      const out = new Uint8Array(16);
      psa.cSync.psa_export_key(k, out);
      expect(out).toEqual(AES128);
    });
  });

  describe('psa_generate_key (psa_crypto.c:psa_generate_key)', () => {
    it('bits 0 → INVALID_ARGUMENT, *key = 0', () => {
      expect(psa.cSync.psa_generate_key(attrs({}))).toEqual({ status: PSA_ERROR_INVALID_ARGUMENT, key: 0 });
    });

    it('AES 100 bits / HMAC 12 bits → INVALID_ARGUMENT', () => {
      expect(psa.cSync.psa_generate_key(attrs({ bits: 100 })).status).toBe(PSA_ERROR_INVALID_ARGUMENT);
      expect(psa.cSync.psa_generate_key(attrs({ type: PSA_KEY_TYPE_HMAC, bits: 12 })).status).toBe(
        PSA_ERROR_INVALID_ARGUMENT,
      );
    });

    it('public-key type → INVALID_ARGUMENT; key pair / NONE → NOT_SUPPORTED', () => {
      expect(
        psa.cSync.psa_generate_key(attrs({ type: PSA_KEY_TYPE_RSA_PUBLIC_KEY, bits: 1024 })).status,
      ).toBe(PSA_ERROR_INVALID_ARGUMENT);
      expect(psa.cSync.psa_generate_key(attrs({ type: PSA_KEY_TYPE_RSA_KEY_PAIR, bits: 1024 })).status).toBe(
        PSA_ERROR_NOT_SUPPORTED,
      );
      expect(psa.cSync.psa_generate_key(attrs({ type: PSA_KEY_TYPE_NONE, bits: 128 })).status).toBe(
        PSA_ERROR_NOT_SUPPORTED,
      );
    });

    it('key bytes come from the RNG (psa_generate_key_internal → psa_generate_random)', () => {
      const g = newPsa(core, { rng: deterministicRandom('generate') });
      const r = g.cSync.psa_generate_key(attrs({ bits: 192, usage: PSA_KEY_USAGE_EXPORT }));
      expect(r).toEqual({ status: PSA_SUCCESS, key: PSA_KEY_ID_VOLATILE_MIN });
      const expected = new Uint8Array(24);
      deterministicRandom('generate')(expected);
      const out = new Uint8Array(24);
      expect(g.cSync.psa_export_key(r.key, out)).toEqual({ status: PSA_SUCCESS, dataLength: 24 });
      expect(out).toEqual(expected);
      const h = g.cSync.psa_generate_key(attrs({ type: PSA_KEY_TYPE_HMAC, bits: 8 * 40 }));
      expect(g.cSync.psa_get_key_attributes(h.key).attributes.bits).toBe(320);
    });

    it('persistent: stored, then ALREADY_EXISTS for the same id', () => {
      expect(psa.cSync.psa_generate_key(attrs({ id: 40, bits: 256 }))).toEqual({
        status: PSA_SUCCESS,
        key: 40,
      });
      expect(psa.storage.get({ client: 0, uid: 40n })?.data.length).toBe(36 + 32);
      expect(psa.cSync.psa_generate_key(attrs({ id: 40, bits: 256 }))).toEqual({
        status: PSA_ERROR_ALREADY_EXISTS,
        key: 0,
      });
    });
  });

  describe('psa_export_key (psa_crypto.c:psa_export_key, psa_export_key_buffer_internal)', () => {
    it('data_size 0 → BUFFER_TOO_SMALL, checked before the key lookup', () => {
      expect(psa.cSync.psa_export_key(999, new Uint8Array(0)).status).toBe(PSA_ERROR_BUFFER_TOO_SMALL);
      const k = importOk(psa, attrs({ usage: 0 }), AES128);
      expect(psa.cSync.psa_export_key(k, new Uint8Array(0)).status).toBe(PSA_ERROR_BUFFER_TOO_SMALL);
    });

    it('no EXPORT usage → NOT_PERMITTED, checked before the size (data_length 0)', () => {
      const k = importOk(psa, attrs({ usage: ENC_DEC | PSA_KEY_USAGE_COPY }), AES128);
      expect(psa.cSync.psa_export_key(k, new Uint8Array(4))).toEqual({
        status: PSA_ERROR_NOT_PERMITTED,
        dataLength: 0,
      });
      expect(psa.cSync.psa_export_key(k, new Uint8Array(64))).toEqual({
        status: PSA_ERROR_NOT_PERMITTED,
        dataLength: 0,
      });
    });

    it('buffer smaller than the key → BUFFER_TOO_SMALL, data_length 0, buffer untouched', () => {
      const k = importOk(psa, attrs({ usage: PSA_KEY_USAGE_EXPORT }), AES256);
      const out = filled(31, 0xaa);
      expect(psa.cSync.psa_export_key(k, out)).toEqual({ status: PSA_ERROR_BUFFER_TOO_SMALL, dataLength: 0 });
      expect(out).toEqual(filled(31, 0xaa));
    });

    it('success: key bytes, then the rest of the buffer zero-filled', () => {
      const k = importOk(psa, attrs({ usage: PSA_KEY_USAGE_EXPORT }), AES128);
      const out = filled(40, 0xaa);
      expect(psa.cSync.psa_export_key(k, out)).toEqual({ status: PSA_SUCCESS, dataLength: 16 });
      expect(out.subarray(0, 16)).toEqual(AES128);
      expect(out.subarray(16)).toEqual(new Uint8Array(24));
    });

    it('unknown key → INVALID_HANDLE', () => {
      expect(psa.cSync.psa_export_key(31, new Uint8Array(16))).toEqual({
        status: PSA_ERROR_INVALID_HANDLE,
        dataLength: 0,
      });
    });
  });

  describe('psa_copy_key (psa_crypto.c:psa_copy_key)', () => {
    it('source without COPY usage → NOT_PERMITTED, *target = 0', () => {
      const src = importOk(psa, attrs({ usage: EXPORTABLE }), AES128);
      expect(psa.cSync.psa_copy_key(src, attrs({ usage: PSA_KEY_USAGE_EXPORT }))).toEqual({
        status: PSA_ERROR_NOT_PERMITTED,
        key: 0,
      });
    });

    it('unknown source → INVALID_HANDLE', () => {
      expect(psa.cSync.psa_copy_key(66, attrs({}))).toEqual({ status: PSA_ERROR_INVALID_HANDLE, key: 0 });
    });

    it('type or bits that differ from the source → INVALID_ARGUMENT (psa_validate_optional_attributes)', () => {
      const src = importOk(psa, attrs({ usage: PSA_KEY_USAGE_COPY }), AES128);
      const typed = attrs({ type: PSA_KEY_TYPE_HMAC, usage: PSA_KEY_USAGE_COPY });
      expect(psa.cSync.psa_copy_key(src, typed).status).toBe(PSA_ERROR_INVALID_ARGUMENT);
      expect(psa.cSync.psa_copy_key(src, attrs({ bits: 256 })).status).toBe(PSA_ERROR_INVALID_ARGUMENT);
      const zero = { ...attrs({ usage: PSA_KEY_USAGE_COPY }), type: 0 };
      expect(psa.cSync.psa_copy_key(src, zero).status).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_copy_key(src, attrs({ bits: 128 })).status).toBe(PSA_SUCCESS);
    });

    it('usage is the intersection; the copy never gains usage (psa_restrict_key_policy)', () => {
      const src = importOk(
        psa,
        attrs({ usage: PSA_KEY_USAGE_COPY | PSA_KEY_USAGE_ENCRYPT, alg: PSA_ALG_CTR }),
        AES128,
      );
      const r = psa.cSync.psa_copy_key(src, attrs({ usage: EXPORTABLE, alg: PSA_ALG_CTR }));
      expect(r.status).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_get_key_attributes(r.key).attributes).toMatchObject({
        usage: PSA_KEY_USAGE_ENCRYPT,
        alg: PSA_ALG_CTR,
        type: PSA_KEY_TYPE_AES,
        bits: 128,
      });
      expect(psa.cSync.psa_export_key(r.key, new Uint8Array(16)).status).toBe(PSA_ERROR_NOT_PERMITTED);
    });

    it('an unknown usage bit (CACHE) in the target is ANDed away before validation', () => {
      const src = importOk(psa, attrs({ usage: PSA_KEY_USAGE_COPY }), AES128);
      const a = attrs({ usage: PSA_KEY_USAGE_COPY | 0x4 });
      expect(psa.cSync.psa_copy_key(src, a).status).toBe(PSA_SUCCESS);
    });

    it('incompatible non-zero algorithms → INVALID_ARGUMENT; one side 0 → copy with alg 0', () => {
      const src = importOk(
        psa,
        attrs({ usage: PSA_KEY_USAGE_COPY | ENC_DEC, alg: PSA_ALG_CBC_NO_PADDING }),
        AES128,
      );
      expect(psa.cSync.psa_copy_key(src, attrs({ usage: ENC_DEC, alg: PSA_ALG_CTR })).status).toBe(
        PSA_ERROR_INVALID_ARGUMENT,
      );
      const none = psa.cSync.psa_copy_key(src, attrs({ usage: ENC_DEC }));
      expect(none.status).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_get_key_attributes(none.key).attributes.alg).toBe(0);
      const ct = new Uint8Array(32);
      expect(psa.cSync.psa_cipher_encrypt(none.key, PSA_ALG_CBC_NO_PADDING, seq(16), ct).status).toBe(
        PSA_ERROR_NOT_PERMITTED,
      );
      const src0 = importOk(psa, attrs({ usage: PSA_KEY_USAGE_COPY }), AES128);
      const c0 = psa.cSync.psa_copy_key(src0, attrs({ alg: PSA_ALG_CTR }));
      expect(c0.status).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_get_key_attributes(c0.key).attributes.alg).toBe(0);
    });

    it('volatile → persistent copy is stored; to an existing persistent id → ALREADY_EXISTS', () => {
      const src = importOk(psa, attrs({ usage: PSA_KEY_USAGE_COPY | PSA_KEY_USAGE_EXPORT }), AES256);
      expect(psa.cSync.psa_copy_key(src, attrs({ id: 50, usage: PSA_KEY_USAGE_EXPORT }))).toEqual({
        status: PSA_SUCCESS,
        key: 50,
      });
      expect(psa.cSync.psa_copy_key(src, attrs({ id: 50, usage: PSA_KEY_USAGE_EXPORT }))).toEqual({
        status: PSA_ERROR_ALREADY_EXISTS,
        key: 0,
      });
      psa.cSync.mbedtls_psa_crypto_free();
      psa.cSync.psa_crypto_init();
      const out = new Uint8Array(32);
      expect(psa.cSync.psa_export_key(50, out)).toEqual({ status: PSA_SUCCESS, dataLength: 32 });
      expect(out).toEqual(AES256);
    });

    it('target in another location → NOT_SUPPORTED', () => {
      const src = importOk(psa, attrs({ usage: PSA_KEY_USAGE_COPY }), AES128);
      const lifetime = PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(PSA_KEY_PERSISTENCE_VOLATILE, 1);
      expect(psa.cSync.psa_copy_key(src, attrs({ lifetime }))).toEqual({
        status: PSA_ERROR_NOT_SUPPORTED,
        key: 0,
      });
    });

    it('target attributes are validated like a new key (volatile id ≠ 0, bad persistent id)', () => {
      const src = importOk(psa, attrs({ usage: PSA_KEY_USAGE_COPY }), AES128);
      const vol = { ...attrs({}), id: 3, lifetime: PSA_KEY_LIFETIME_VOLATILE };
      expect(psa.cSync.psa_copy_key(src, vol).status).toBe(PSA_ERROR_INVALID_ARGUMENT);
      const pers = { ...attrs({}), id: PSA_KEY_ID_VENDOR_MIN, lifetime: PSA_KEY_LIFETIME_PERSISTENT };
      expect(psa.cSync.psa_copy_key(src, pers).status).toBe(PSA_ERROR_INVALID_ARGUMENT);
    });
  });
});

describe('crypto_struct.h attribute setters (psa_set_key_id / _lifetime / _usage_flags / _bits)', () => {
  it('psa_set_key_id makes a volatile lifetime persistent; a volatile lifetime clears the id', () => {
    const a = attrs({ id: 9 });
    expect(a.lifetime).toBe(PSA_KEY_LIFETIME_PERSISTENT);
    const b = attrs({ id: 9, lifetime: PSA_KEY_LIFETIME_VOLATILE });
    expect(b.id).toBe(0);
    const loc = PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(PSA_KEY_PERSISTENCE_VOLATILE, 0x800001);
    const c = psa_key_attributes_init();
    psa_set_key_lifetime(c, loc);
    psa_set_key_id(c, 4);
    expect(c.id).toBe(4);
    expect(c.lifetime).toBe(
      PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(PSA_KEY_PERSISTENCE_DEFAULT, 0x800001),
    );
  });

  it('SIGN_HASH adds SIGN_MESSAGE and VERIFY_HASH adds VERIFY_MESSAGE (psa_extend_key_usage_flags)', () => {
    expect(attrs({ usage: PSA_KEY_USAGE_SIGN_HASH }).usage).toBe(
      PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_SIGN_MESSAGE,
    );
    expect(attrs({ usage: PSA_KEY_USAGE_VERIFY_HASH }).usage).toBe(
      PSA_KEY_USAGE_VERIFY_HASH | PSA_KEY_USAGE_VERIFY_MESSAGE,
    );
    expect(attrs({ usage: PSA_KEY_USAGE_SIGN_MESSAGE }).usage).toBe(PSA_KEY_USAGE_SIGN_MESSAGE);
  });
});

describe('without MBEDTLS_PSA_CRYPTO_STORAGE_C (core-level; psa_validate_key_persistence, psa_open_key)', () => {
  it('psa_open_key → NOT_SUPPORTED with *key = 0; persistent import → NOT_SUPPORTED', () => {
    for (const flavor of CORES) {
      const state = createCoreState({
        flavor,
        storage: false,
        builtinKeys: false,
        encodeOwner: false,
        itsClient: 0,
        its: undefined,
        rng: deterministicRandom('no-storage'),
      });
      cryptoInit(state);
      expect(openKey(state, 0, 1)).toEqual({ status: PSA_ERROR_NOT_SUPPORTED, handle: 0 });
      expect(importKey(state, 0, attrs({ id: 1 }), AES128)).toEqual({
        status: PSA_ERROR_NOT_SUPPORTED,
        key: 0,
      });
      const v = importKey(state, 0, attrs({}), AES128);
      expect(v).toEqual({ status: PSA_SUCCESS, key: PSA_KEY_ID_VOLATILE_MIN });
      expect(openKey(state, 0, v.key)).toEqual({ status: PSA_ERROR_NOT_SUPPORTED, handle: 0 });
    }
  });
});
