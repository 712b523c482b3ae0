/**
 * The key-slot cache (static key store) and purge: /tmp/psa-core-notes.md §8 and §2.6, tfm-psa.md §3.1
 * ("INSUFFICIENT_MEMORY only when every slot holds a volatile key"). Source:
 * `library/psa_crypto_slot_management.c` (`psa_reserve_free_key_slot`, `psa_get_and_lock_key_slot`,
 * `psa_get_and_lock_key_slot_in_memory`, `psa_purge_key`, `psa_open_key`, `psa_close_key`), the same in
 * Mbed TLS 3.6.x and the Oberon core.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  MBEDTLS_PSA_KEY_SLOT_COUNT,
  PSA_ALG_CTR,
  PSA_ERROR_DOES_NOT_EXIST,
  PSA_ERROR_INSUFFICIENT_MEMORY,
  PSA_ERROR_INVALID_HANDLE,
  PSA_KEY_ID_VOLATILE_MAX,
  PSA_KEY_ID_VOLATILE_MIN,
  PSA_KEY_USAGE_COPY,
  PSA_KEY_USAGE_ENCRYPT,
  PSA_KEY_USAGE_EXPORT,
  PSA_SUCCESS,
  type Psa,
} from '../../src/index.js';
import { AES128, AES256, attrs, CORES, importOk, newPsa, seq } from './helpers.js';

const USE = PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_COPY;

/** Whether persistent key `id` is in the cache, probed with psa_purge_key (memory only; evicts it). */
const cachedThenPurged = (psa: Psa, id: number): boolean => {
  const s = psa.cSync.psa_purge_key(id);
  expect([PSA_SUCCESS, PSA_ERROR_DOES_NOT_EXIST]).toContain(s);
  return s === PSA_SUCCESS;
};

describe.each(CORES)('key-slot cache (psa_crypto_slot_management.c, static key store) (%s)', (core) => {
  describe('volatile key ids (psa_reserve_free_key_slot: id = PSA_KEY_ID_VOLATILE_MIN + slot index)', () => {
    it('ids count up from 0x40000000; the lowest free index is reused after destroy', () => {
      const psa = newPsa(core);
      const ids = [0, 1, 2].map(() => importOk(psa, attrs({ usage: USE }), AES128));
      expect(ids).toEqual([
        PSA_KEY_ID_VOLATILE_MIN,
        PSA_KEY_ID_VOLATILE_MIN + 1,
        PSA_KEY_ID_VOLATILE_MIN + 2,
      ]);
      expect(psa.cSync.psa_destroy_key(ids[1]!)).toBe(PSA_SUCCESS);
      expect(importOk(psa, attrs({ usage: USE }), AES256)).toBe(PSA_KEY_ID_VOLATILE_MIN + 1);
      // The reused id names the new key, not the destroyed one.
      const out = new Uint8Array(32);
      expect(psa.cSync.psa_export_key(PSA_KEY_ID_VOLATILE_MIN + 1, out)).toEqual({
        status: PSA_SUCCESS,
        dataLength: 32,
      });
      expect(out).toEqual(AES256);
    });

    it('a persistent key occupies a slot too: the next volatile id skips it', () => {
      const psa = newPsa(core);
      importOk(psa, attrs({ id: 8, usage: USE }), AES128);
      expect(importOk(psa, attrs({ usage: USE }), AES128)).toBe(PSA_KEY_ID_VOLATILE_MIN + 1);
    });
  });

  describe(`${MBEDTLS_PSA_KEY_SLOT_COUNT} slots, all volatile → INSUFFICIENT_MEMORY (-141) (psa_reserve_free_key_slot, psa_get_and_lock_key_slot)`, () => {
    let psa: Psa;
    beforeEach(() => {
      psa = newPsa(core);
      importOk(psa, attrs({ id: 1, usage: USE, alg: PSA_ALG_CTR }), AES128);
      psa.cSync.mbedtls_psa_crypto_free(); // persistent key 1 exists but is not cached
      psa.cSync.psa_crypto_init();
      for (let i = 0; i < MBEDTLS_PSA_KEY_SLOT_COUNT; i++) {
        expect(importOk(psa, attrs({ usage: USE }), AES128)).toBe(PSA_KEY_ID_VOLATILE_MIN + i);
      }
      expect(PSA_KEY_ID_VOLATILE_MIN + MBEDTLS_PSA_KEY_SLOT_COUNT - 1).toBe(PSA_KEY_ID_VOLATILE_MAX);
    });

    it('the 33rd key (import, generate, copy; volatile or persistent) → -141, *key = 0', () => {
      expect(psa.cSync.psa_import_key(attrs({ usage: USE }), AES128)).toEqual({
        status: PSA_ERROR_INSUFFICIENT_MEMORY,
        key: 0,
      });
      expect(psa.cSync.psa_import_key(attrs({ id: 2, usage: USE }), AES128).status).toBe(
        PSA_ERROR_INSUFFICIENT_MEMORY,
      );
      expect(psa.storage.get({ client: 0, uid: 2n })).toBeUndefined();
      expect(psa.cSync.psa_generate_key(attrs({ bits: 128 })).status).toBe(PSA_ERROR_INSUFFICIENT_MEMORY);
      expect(psa.cSync.psa_copy_key(PSA_KEY_ID_VOLATILE_MIN, attrs({})).status).toBe(
        PSA_ERROR_INSUFFICIENT_MEMORY,
      );
    });

    it('psa_open_key of a missing persistent key → -141, not DOES_NOT_EXIST (slot reserved before the load)', () => {
      expect(psa.cSync.psa_open_key(77)).toEqual({ status: PSA_ERROR_INSUFFICIENT_MEMORY, handle: 0 });
      expect(psa.cSync.psa_open_key(0x50000000).status).toBe(PSA_ERROR_INSUFFICIENT_MEMORY);
      // Invalid ids never reserve a slot.
      expect(psa.cSync.psa_open_key(0).status).toBe(PSA_ERROR_DOES_NOT_EXIST);
      expect(psa.cSync.psa_open_key(0x80000000).status).toBe(PSA_ERROR_DOES_NOT_EXIST);
    });

    it('an existing persistent key that is not cached cannot be loaded: open/use/destroy → -141', () => {
      expect(psa.cSync.psa_open_key(1).status).toBe(PSA_ERROR_INSUFFICIENT_MEMORY);
      expect(psa.cSync.psa_get_key_attributes(1).status).toBe(PSA_ERROR_INSUFFICIENT_MEMORY);
      expect(psa.cSync.psa_cipher_encrypt(1, PSA_ALG_CTR, seq(4), new Uint8Array(20)).status).toBe(
        PSA_ERROR_INSUFFICIENT_MEMORY,
      );
      expect(psa.cSync.psa_destroy_key(1)).toBe(PSA_ERROR_INSUFFICIENT_MEMORY);
      // Memory-only functions do not reserve: close → INVALID_HANDLE, purge → DOES_NOT_EXIST.
      expect(psa.cSync.psa_close_key(1)).toBe(PSA_ERROR_INVALID_HANDLE);
      expect(psa.cSync.psa_purge_key(1)).toBe(PSA_ERROR_DOES_NOT_EXIST);
    });

    it('volatile keys are never evicted: all 32 stay usable; freeing one slot lets the load succeed', () => {
      for (let i = 0; i < MBEDTLS_PSA_KEY_SLOT_COUNT; i++) {
        expect(psa.cSync.psa_get_key_attributes(PSA_KEY_ID_VOLATILE_MIN + i).status).toBe(PSA_SUCCESS);
      }
      expect(psa.cSync.psa_destroy_key(PSA_KEY_ID_VOLATILE_MIN + 5)).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_open_key(1)).toEqual({ status: PSA_SUCCESS, handle: 1 });
      // The cached persistent key is evictable: a new volatile key takes its slot (index 5).
      expect(importOk(psa, attrs({ usage: USE }), AES128)).toBe(PSA_KEY_ID_VOLATILE_MIN + 5);
      expect(psa.cSync.psa_purge_key(1)).toBe(PSA_ERROR_DOES_NOT_EXIST);
    });
  });

  describe('eviction: first unlocked persistent slot by index, not LRU (psa_reserve_free_key_slot)', () => {
    let psa: Psa;
    beforeEach(() => {
      psa = newPsa(core, { keySlotCount: 4 });
      for (const id of [1, 2, 3, 4]) importOk(psa, attrs({ id, usage: USE }), seq(16, id));
    });

    it('a new volatile key evicts slot 0 even though its key was used last', () => {
      expect(psa.cSync.psa_export_key(1, new Uint8Array(16)).status).toBe(PSA_SUCCESS);
      expect(importOk(psa, attrs({ usage: USE }), AES128)).toBe(PSA_KEY_ID_VOLATILE_MIN);
      expect([1, 2, 3, 4].map((id) => cachedThenPurged(psa, id))).toEqual([false, true, true, true]);
    });

    it('evicted keys are reloaded from ITS on use, evicting the next persistent slot', () => {
      importOk(psa, attrs({ usage: USE }), AES128); // slot 0 (key 1 evicted)
      importOk(psa, attrs({ usage: USE }), AES128); // slot 1 (key 2 evicted)
      const out = new Uint8Array(16);
      expect(psa.cSync.psa_export_key(1, out)).toEqual({ status: PSA_SUCCESS, dataLength: 16 });
      expect(out).toEqual(seq(16, 1)); // loaded into slot 2, evicting key 3
      expect([1, 2, 3, 4].map((id) => cachedThenPurged(psa, id))).toEqual([true, false, false, true]);
    });

    it('with 4 slots: 4 volatile keys, then -141; volatile ids stop at 0x40000003', () => {
      for (let i = 0; i < 4; i++)
        expect(importOk(psa, attrs({ usage: USE }), AES128)).toBe(PSA_KEY_ID_VOLATILE_MIN + i);
      expect(psa.cSync.psa_import_key(attrs({ usage: USE }), AES128).status).toBe(
        PSA_ERROR_INSUFFICIENT_MEMORY,
      );
      expect(psa.cSync.psa_open_key(1).status).toBe(PSA_ERROR_INSUFFICIENT_MEMORY);
      // 0x40000004 is not a volatile id with 4 slots: a vendor id, looked up in storage.
      expect(psa.cSync.psa_close_key(PSA_KEY_ID_VOLATILE_MIN + 4)).toBe(PSA_ERROR_INVALID_HANDLE);
    });
  });

  it('a lookup of an unused volatile id reserves a slot first (may evict a persistent key) → INVALID_HANDLE', () => {
    const psa = newPsa(core, { keySlotCount: 2 });
    importOk(psa, attrs({ usage: USE }), AES128); // slot 0, volatile
    importOk(psa, attrs({ id: 5, usage: USE }), AES128); // slot 1, persistent 5
    expect(psa.cSync.psa_get_key_attributes(PSA_KEY_ID_VOLATILE_MIN + 1).status).toBe(
      PSA_ERROR_INVALID_HANDLE,
    );
    expect(psa.cSync.psa_purge_key(5)).toBe(PSA_ERROR_DOES_NOT_EXIST); // evicted by that reservation
    expect(psa.cSync.psa_open_key(5).status).toBe(PSA_SUCCESS);
  });

  it('mbedtls_psa_crypto_free wipes every slot: volatile keys are gone, persistent ones reload', () => {
    const psa = newPsa(core);
    const v = importOk(psa, attrs({ usage: USE }), AES128);
    importOk(psa, attrs({ id: 3, usage: USE }), AES256);
    psa.cSync.mbedtls_psa_crypto_free();
    expect(psa.cSync.psa_crypto_init()).toBe(PSA_SUCCESS);
    expect(psa.cSync.psa_get_key_attributes(v).status).toBe(PSA_ERROR_INVALID_HANDLE);
    expect(psa.cSync.psa_purge_key(3)).toBe(PSA_ERROR_DOES_NOT_EXIST);
    expect(psa.cSync.psa_get_key_attributes(3).status).toBe(PSA_SUCCESS);
    expect(importOk(psa, attrs({ usage: USE }), AES128)).toBe(PSA_KEY_ID_VOLATILE_MIN + 1);
  });
});

describe.each(CORES)('psa_purge_key (psa_crypto_slot_management.c:psa_purge_key) (%s)', (core) => {
  let psa: Psa;
  beforeEach(() => {
    psa = newPsa(core);
  });

  it('id 0 and ids outside user/vendor ranges → INVALID_HANDLE (no null shortcut)', () => {
    expect(psa.cSync.psa_purge_key(0)).toBe(PSA_ERROR_INVALID_HANDLE);
    expect(psa.cSync.psa_purge_key(0x80000000)).toBe(PSA_ERROR_INVALID_HANDLE);
    expect(psa.cSync.psa_purge_key(0xffffffff)).toBe(PSA_ERROR_INVALID_HANDLE);
  });

  it('valid id not cached → DOES_NOT_EXIST (persistent in ITS, unused volatile id, vendor id)', () => {
    importOk(psa, attrs({ id: 6, usage: USE }), AES128);
    psa.cSync.mbedtls_psa_crypto_free();
    psa.cSync.psa_crypto_init();
    expect(psa.cSync.psa_purge_key(6)).toBe(PSA_ERROR_DOES_NOT_EXIST);
    expect(psa.cSync.psa_purge_key(7)).toBe(PSA_ERROR_DOES_NOT_EXIST);
    expect(psa.cSync.psa_purge_key(PSA_KEY_ID_VOLATILE_MIN)).toBe(PSA_ERROR_DOES_NOT_EXIST);
    expect(psa.cSync.psa_purge_key(0x50000000)).toBe(PSA_ERROR_DOES_NOT_EXIST);
  });

  it('cached persistent key → SUCCESS, evicted (purge again → DOES_NOT_EXIST), still usable', () => {
    importOk(psa, attrs({ id: 6, usage: USE }), AES128);
    expect(psa.cSync.psa_purge_key(6)).toBe(PSA_SUCCESS);
    expect(psa.cSync.psa_purge_key(6)).toBe(PSA_ERROR_DOES_NOT_EXIST);
    expect(psa.cSync.psa_close_key(6)).toBe(PSA_ERROR_INVALID_HANDLE);
    const out = new Uint8Array(16);
    expect(psa.cSync.psa_export_key(6, out)).toEqual({ status: PSA_SUCCESS, dataLength: 16 });
    expect(out).toEqual(AES128);
    expect(psa.storage.get({ client: 0, uid: 6n })).toBeDefined();
  });

  it('volatile key → SUCCESS and the key is NOT destroyed', () => {
    const v = importOk(psa, attrs({ usage: USE }), AES128);
    expect(psa.cSync.psa_purge_key(v)).toBe(PSA_SUCCESS);
    expect(psa.cSync.psa_purge_key(v)).toBe(PSA_SUCCESS);
    const out = new Uint8Array(16);
    expect(psa.cSync.psa_export_key(v, out)).toEqual({ status: PSA_SUCCESS, dataLength: 16 });
    expect(out).toEqual(AES128);
  });
});
