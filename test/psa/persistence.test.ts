/**
 * Persistent keys across a reboot, the storage blob and storage failures: /tmp/psa-core-notes.md §9 and
 * §11.1, tfm-psa.md §3.3/§3.4 — `library/psa_crypto_storage.c` (`psa_save_persistent_key`,
 * `psa_crypto_storage_store`, `psa_load_persistent_key`, `psa_parse_key_data_from_storage`,
 * `psa_destroy_persistent_key`) and `psa_crypto_slot_management.c:psa_open_key`.
 */
import { cbc } from '@noble/ciphers/aes.js';
import { describe, expect, it } from 'vitest';
import {
  type ItsKey,
  type ItsStore,
  memoryStorage,
  PSA_ALG_CBC_NO_PADDING,
  PSA_ALG_CMAC,
  PSA_ALG_CTR,
  PSA_ERROR_ALREADY_EXISTS,
  PSA_ERROR_DATA_CORRUPT,
  PSA_ERROR_DATA_INVALID,
  PSA_ERROR_DOES_NOT_EXIST,
  PSA_ERROR_INSUFFICIENT_STORAGE,
  PSA_ERROR_INVALID_ARGUMENT,
  PSA_ERROR_INVALID_HANDLE,
  PSA_ERROR_NOT_PERMITTED,
  PSA_ERROR_STORAGE_FAILURE,
  PSA_KEY_ID_VOLATILE_MIN,
  PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION,
  PSA_KEY_LIFETIME_PERSISTENT,
  PSA_KEY_PERSISTENCE_READ_ONLY,
  PSA_KEY_TYPE_AES,
  PSA_KEY_USAGE_COPY,
  PSA_KEY_USAGE_DECRYPT,
  PSA_KEY_USAGE_ENCRYPT,
  PSA_KEY_USAGE_EXPORT,
  PSA_KEY_USAGE_SIGN_HASH,
  PSA_KEY_USAGE_SIGN_MESSAGE,
  PSA_SUCCESS,
  PsaError,
} from '../../src/index.js';
import { concatBytes } from '../../src/utils/bytes.js';
import { AES128, AES256, attrs, CORES, IV, importOk, newPsa, seq } from './helpers.js';

const ENC_DEC = PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT;
const PT = seq(48, 0x20);
const CT = concatBytes(IV, cbc(AES128, IV, { disablePadding: true }).encrypt(PT));
const uid = (id: number): ItsKey => ({ client: 0, uid: BigInt(id) });

/** A key record as psa_format_key_data_for_storage lays it out (36-byte header + key). */
function blob(
  key: Uint8Array,
  o: {
    magic?: string;
    version?: number;
    lifetime?: number;
    type?: number;
    bits?: number;
    usage?: number;
    alg?: number;
    len?: number;
  } = {},
): Uint8Array {
  const out = new Uint8Array(36 + key.length);
  const v = new DataView(out.buffer);
  out.set(new TextEncoder().encode(o.magic ?? 'PSA\0KEY\0'), 0);
  v.setUint32(8, o.version ?? 0, true);
  v.setUint32(12, o.lifetime ?? PSA_KEY_LIFETIME_PERSISTENT, true);
  v.setUint16(16, o.type ?? PSA_KEY_TYPE_AES, true);
  v.setUint16(18, o.bits ?? key.length * 8, true);
  v.setUint32(20, o.usage ?? ENC_DEC, true);
  v.setUint32(24, o.alg ?? PSA_ALG_CBC_NO_PADDING, true);
  v.setUint32(28, 0, true);
  v.setUint32(32, o.len ?? key.length, true);
  out.set(key, 36);
  return out;
}

/** Switchable faults of `faultyStore`: a hook runs (and may throw) before the real call. */
interface Faults {
  get?: () => void;
  set?: () => void;
  /** Replaces the real remove. */
  remove?: () => void;
  /** Store one byte less than given. */
  truncate?: boolean;
}

/** A memory store whose operations can be made to fail. */
function faultyStore(): ItsStore & { fail: Faults } {
  const base = memoryStorage();
  const fail: Faults = {};
  return {
    ...base,
    fail,
    get: (k) => {
      fail.get?.();
      return base.get(k);
    },
    set: (k, r) => {
      fail.set?.();
      base.set(k, fail.truncate ? { data: r.data.subarray(0, r.data.length - 1), flags: r.flags } : r);
    },
    remove: (k) => (fail.remove ? fail.remove() : base.remove(k)),
  };
}
const throwing = (e: unknown) => (): never => {
  throw e;
};

describe.each(CORES)(
  'persistent keys across mbedtls_psa_crypto_free + psa_crypto_init (psa_crypto_storage.c, psa_crypto_slot_management.c:psa_open_key) (%s)',
  (core) => {
    it('acceptance: import a persistent AES key, reboot, open, decrypt → works', () => {
      const psa = newPsa(core);
      importOk(psa, attrs({ id: 0x1234, usage: PSA_KEY_USAGE_DECRYPT, alg: PSA_ALG_CBC_NO_PADDING }), AES128);
      psa.cSync.mbedtls_psa_crypto_free();
      expect(psa.cSync.psa_crypto_init()).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_open_key(0x1234)).toEqual({ status: PSA_SUCCESS, handle: 0x1234 });
      const out = new Uint8Array(48);
      expect(psa.cSync.psa_cipher_decrypt(0x1234, PSA_ALG_CBC_NO_PADDING, CT, out)).toEqual({
        status: PSA_SUCCESS,
        outputLength: 48,
      });
      expect(out).toEqual(PT);
      expect(psa.cSync.psa_close_key(0x1234)).toBe(PSA_SUCCESS);
    });

    it('the same through the async C face and through the idiomatic layer', async () => {
      const psa = newPsa(core);
      const r = await psa.c.psa_import_key(
        attrs({ id: 77, usage: ENC_DEC, alg: PSA_ALG_CBC_NO_PADDING }),
        AES128,
      );
      expect(r).toEqual({ status: PSA_SUCCESS, key: 77 });
      psa.reboot();
      psa.init();
      expect(await psa.openKey(77)).toBe(77);
      expect(await psa.cipherDecrypt(77, 'CBC_NO_PADDING', CT)).toEqual(PT);
      expect(
        (await psa.c.psa_cipher_decrypt(77, PSA_ALG_CBC_NO_PADDING, CT, new Uint8Array(48))).status,
      ).toBe(PSA_SUCCESS);
      await psa.closeKey(77);
    });

    it('another instance over the same storage sees the key (a new process)', () => {
      const storage = memoryStorage();
      importOk(newPsa(core, { storage }), attrs({ id: 5, usage: PSA_KEY_USAGE_EXPORT }), AES256);
      const other = newPsa(core, { storage });
      const out = new Uint8Array(32);
      expect(other.cSync.psa_export_key(5, out)).toEqual({ status: PSA_SUCCESS, dataLength: 32 });
      expect(out).toEqual(AES256);
    });

    it('volatile keys do not survive; persistent attributes do (incl. lifetime and alg)', () => {
      const psa = newPsa(core);
      const v = importOk(psa, attrs({ usage: ENC_DEC }), AES128);
      importOk(psa, attrs({ id: 6, usage: ENC_DEC, alg: PSA_ALG_CTR }), AES128);
      psa.cSync.mbedtls_psa_crypto_free();
      psa.cSync.psa_crypto_init();
      expect(psa.cSync.psa_open_key(v).status).toBe(PSA_ERROR_DOES_NOT_EXIST);
      expect(psa.cSync.psa_get_key_attributes(6).attributes).toEqual({
        id: 6,
        lifetime: PSA_KEY_LIFETIME_PERSISTENT,
        type: PSA_KEY_TYPE_AES,
        bits: 128,
        usage: ENC_DEC,
        alg: PSA_ALG_CTR,
        alg2: 0,
      });
    });
  },
);

describe.each(CORES)(
  'storage blob (psa_format_key_data_for_storage / psa_parse_key_data_from_storage) (%s)',
  (core) => {
    it('AES-128 record: 52 bytes, little-endian header, uid = key id (library build)', () => {
      const psa = newPsa(core);
      importOk(
        psa,
        attrs({ id: 10, usage: PSA_KEY_USAGE_SIGN_HASH, alg: PSA_ALG_CMAC, alg2: PSA_ALG_CTR }),
        AES128,
      );
      const rec = psa.storage.get(uid(10))!;
      expect(rec.flags).toBe(0);
      const expected = blob(AES128, {
        usage: PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_SIGN_MESSAGE,
        alg: PSA_ALG_CMAC,
      });
      new DataView(expected.buffer).setUint32(28, PSA_ALG_CTR, true);
      expect(rec.data).toEqual(expected);
      importOk(psa, attrs({ id: 11 }), AES256);
      expect(psa.storage.get(uid(11))!.data.length).toBe(68);
    });

    it.each([
      ['shorter than the 36-byte header', () => blob(AES128).subarray(0, 35), PSA_ERROR_DATA_INVALID],
      ['empty record', () => new Uint8Array(0), PSA_ERROR_DATA_INVALID],
      ['bad magic', () => blob(AES128, { magic: 'PSA\0KEX\0' }), PSA_ERROR_DATA_INVALID],
      ['version 1', () => blob(AES128, { version: 1 }), PSA_ERROR_DATA_INVALID],
      ['data_len beyond the record', () => blob(AES128, { len: 17 }), PSA_ERROR_DATA_INVALID],
      ['data_len 0', () => blob(AES128, { len: 0 }), PSA_ERROR_STORAGE_FAILURE],
    ] as const)(
      'corrupt record (%s) → open, get_attributes, use and destroy pass the status through',
      (_n, make, status) => {
        const psa = newPsa(core);
        psa.storage.set(uid(10), { data: make(), flags: 0 });
        expect(psa.cSync.psa_open_key(10)).toEqual({ status, handle: 0 });
        expect(psa.cSync.psa_get_key_attributes(10).status).toBe(status);
        expect(psa.cSync.psa_cipher_decrypt(10, PSA_ALG_CBC_NO_PADDING, CT, new Uint8Array(48)).status).toBe(
          status,
        );
        expect(psa.cSync.psa_destroy_key(10)).toBe(status);
        expect(psa.storage.get(uid(10))).toBeDefined();
        // The failed load freed its slot.
        expect(importOk(psa, attrs({}), AES128)).toBe(PSA_KEY_ID_VOLATILE_MIN);
      },
    );

    it('a corrupt record written through psa_its_set (same uid space in a library build) → DATA_INVALID', () => {
      const psa = newPsa(core);
      expect(psa.cSync.psa_its_set(10n, seq(52), 0)).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_open_key(10).status).toBe(PSA_ERROR_DATA_INVALID);
    });

    it('trailing bytes after data_len are ignored', () => {
      const psa = newPsa(core);
      psa.storage.set(uid(10), {
        data: concatBytes(blob(AES128, { usage: PSA_KEY_USAGE_EXPORT }), seq(7)),
        flags: 0,
      });
      const out = new Uint8Array(32);
      expect(psa.cSync.psa_export_key(10, out)).toEqual({ status: PSA_SUCCESS, dataLength: 16 });
      expect(out.subarray(0, 16)).toEqual(AES128);
    });

    it('the loaded key is not validated: a 15-byte "AES" key opens, and fails on use (driver: INVALID_ARGUMENT)', () => {
      const psa = newPsa(core);
      psa.storage.set(uid(10), { data: blob(seq(15), { bits: 128 }), flags: 0 });
      expect(psa.cSync.psa_open_key(10).status).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_get_key_attributes(10).attributes.bits).toBe(128);
      expect(psa.cSync.psa_cipher_decrypt(10, PSA_ALG_CBC_NO_PADDING, CT, new Uint8Array(48)).status).toBe(
        PSA_ERROR_INVALID_ARGUMENT,
      );
    });

    it('stored usage is extended on load (SIGN_HASH → + SIGN_MESSAGE)', () => {
      const psa = newPsa(core);
      psa.storage.set(uid(10), { data: blob(AES128, { usage: PSA_KEY_USAGE_SIGN_HASH }), flags: 0 });
      expect(psa.cSync.psa_get_key_attributes(10).attributes.usage).toBe(
        PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_SIGN_MESSAGE,
      );
    });

    it('read-only lifetime → destroy NOT_PERMITTED; the record stays, the cached copy is wiped', () => {
      const psa = newPsa(core);
      const ro = PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(PSA_KEY_PERSISTENCE_READ_ONLY, 0);
      psa.storage.set(uid(10), {
        data: blob(AES128, { lifetime: ro, usage: PSA_KEY_USAGE_EXPORT }),
        flags: 0,
      });
      expect(psa.cSync.psa_get_key_attributes(10).attributes.lifetime).toBe(ro);
      expect(psa.cSync.psa_destroy_key(10)).toBe(PSA_ERROR_NOT_PERMITTED);
      expect(psa.cSync.psa_purge_key(10)).toBe(PSA_ERROR_DOES_NOT_EXIST);
      expect(psa.storage.get(uid(10))).toBeDefined();
      expect(psa.cSync.psa_export_key(10, new Uint8Array(16)).status).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_destroy_key(10)).toBe(PSA_ERROR_NOT_PERMITTED);
    });

    it('a backend read error passes through: PsaError(DATA_CORRUPT) → -152, any other exception → STORAGE_FAILURE', () => {
      const storage = faultyStore();
      const psa = newPsa(core, { storage });
      importOk(psa, attrs({ id: 10 }), AES128);
      psa.cSync.mbedtls_psa_crypto_free();
      psa.cSync.psa_crypto_init();
      storage.fail.get = throwing(new PsaError(PSA_ERROR_DATA_CORRUPT));
      expect(psa.cSync.psa_open_key(10)).toEqual({ status: PSA_ERROR_DATA_CORRUPT, handle: 0 });
      storage.fail.get = throwing(new Error('disk on fire'));
      expect(psa.cSync.psa_open_key(10).status).toBe(PSA_ERROR_STORAGE_FAILURE);
    });
  },
);

describe('ITS write failure on import (psa_crypto_storage_store)', () => {
  it.each([
    ['oberon', PSA_ERROR_INSUFFICIENT_STORAGE, PSA_ERROR_STORAGE_FAILURE],
    ['mbedtls', PSA_ERROR_DATA_INVALID, PSA_ERROR_DATA_INVALID],
  ] as const)(
    '%s: ITS full → %i (Oberon passes the ITS status through; Mbed TLS maps any set failure to DATA_INVALID)',
    (core, full, other) => {
      const storage = faultyStore();
      const psa = newPsa(core, { storage });
      storage.fail.set = throwing(new PsaError(PSA_ERROR_INSUFFICIENT_STORAGE));
      expect(psa.cSync.psa_import_key(attrs({ id: 3 }), AES128)).toEqual({ status: full, key: 0 });
      expect(psa.cSync.psa_generate_key(attrs({ id: 3, bits: 128 }))).toEqual({ status: full, key: 0 });
      const src = importOk(psa, attrs({ usage: PSA_KEY_USAGE_COPY }), AES128); // volatile: no storage
      expect(psa.cSync.psa_copy_key(src, attrs({ id: 3 }))).toEqual({ status: full, key: 0 });
      storage.fail.set = throwing(new Error('EIO'));
      expect(psa.cSync.psa_import_key(attrs({ id: 3 }), AES128).status).toBe(other);
      // Nothing stored, no slot leaked, and the id can be created once the store works again.
      expect(storage.keys()).toEqual([]);
      delete storage.fail.set;
      expect(importOk(psa, attrs({}), AES128)).toBe(PSA_KEY_ID_VOLATILE_MIN + 1);
      expect(psa.cSync.psa_import_key(attrs({ id: 3 }), AES128)).toEqual({ status: PSA_SUCCESS, key: 3 });
    },
  );

  it.each(CORES)('a get_info error counts as "present" → ALREADY_EXISTS (%s)', (core) => {
    const storage = faultyStore();
    const psa = newPsa(core, { storage });
    storage.fail.get = throwing(new PsaError(PSA_ERROR_STORAGE_FAILURE));
    expect(psa.cSync.psa_import_key(attrs({ id: 3 }), AES128)).toEqual({
      status: PSA_ERROR_ALREADY_EXISTS,
      key: 0,
    });
  });

  it.each(CORES)(
    'the stored size differs after the write → DATA_INVALID and the record is removed (%s)',
    (core) => {
      const storage = faultyStore();
      const psa = newPsa(core, { storage });
      storage.fail.truncate = true;
      expect(psa.cSync.psa_import_key(attrs({ id: 3 }), AES128)).toEqual({
        status: PSA_ERROR_DATA_INVALID,
        key: 0,
      });
      expect(storage.keys()).toEqual([]);
    },
  );
});

describe.each(CORES)('destroy when ITS remove fails (psa_destroy_persistent_key) (%s)', (core) => {
  it('remove error → DATA_INVALID; the cached copy is wiped anyway', () => {
    const storage = faultyStore();
    const psa = newPsa(core, { storage });
    importOk(psa, attrs({ id: 3, usage: PSA_KEY_USAGE_EXPORT }), AES128);
    storage.fail.remove = throwing(new PsaError(PSA_ERROR_STORAGE_FAILURE));
    expect(psa.cSync.psa_destroy_key(3)).toBe(PSA_ERROR_DATA_INVALID);
    expect(psa.cSync.psa_purge_key(3)).toBe(PSA_ERROR_DOES_NOT_EXIST);
    expect(storage.get(uid(3))).toBeDefined();
  });

  it('record already gone from ITS (removed behind the core) → SUCCESS', () => {
    const psa = newPsa(core);
    importOk(psa, attrs({ id: 3 }), AES128);
    expect(psa.cSync.psa_its_remove(3n)).toBe(PSA_SUCCESS);
    expect(psa.cSync.psa_destroy_key(3)).toBe(PSA_SUCCESS);
    expect(psa.cSync.psa_destroy_key(3)).toBe(PSA_ERROR_INVALID_HANDLE);
  });

  it('record still present after a "successful" remove → DATA_INVALID', () => {
    const storage = faultyStore();
    const psa = newPsa(core, { storage });
    importOk(psa, attrs({ id: 3 }), AES128);
    storage.fail.remove = () => {};
    expect(psa.cSync.psa_destroy_key(3)).toBe(PSA_ERROR_DATA_INVALID);
  });
});
