/**
 * `createPsa({ device })` and `psa.device`: which caller reaches the KMU (non-secure access faults),
 * the nRF91 KMU behind TF-M (shared by secure partitions, persisted in the instance's storage,
 * CryptoCell registers cleared by a reboot), and nRF91's missing KMU key location.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createPsa,
  memoryStorage,
  PSA_ALG_ECB_NO_PADDING,
  PSA_ERROR_DATA_CORRUPT,
  PSA_ERROR_INVALID_ARGUMENT,
  PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION,
  PSA_KEY_PERSISTENCE_DEFAULT,
  PSA_KEY_TYPE_AES,
  PSA_KEY_USAGE_ENCRYPT,
  PsaError,
} from '../../src/index.js';
import { NON_ITS_NAMESPACE_MIN } from '../../src/its/store.js';
import {
  CRACEN_KMU_KEY_USAGE_SCHEME_RAW,
  CRACEN_KMU_STORE_CLIENT,
  type CracenKmu,
  KmuAccessError,
  NRF_CC3XX_PLATFORM_ERROR_KMU_ALREADY_FILLED,
  NRF_CC3XX_PLATFORM_KMU_AES_ADDR,
  NRF_CC3XX_PLATFORM_KMU_DEFAULT_PERMISSIONS,
  NRF91_KMU_STORE_CLIENT,
  type Nrf91Kmu,
  PSA_KEY_HANDLE_FROM_CRACEN_KMU_SLOT,
  PSA_KEY_LOCATION_CRACEN_KMU,
} from '../../src/kmu/index.js';
import { fileStorage } from '../../src/node/file-storage.js';
import { fromHex, toHex } from '../../src/utils/bytes.js';

const KEY = fromHex('2b7e151628aed2a6abf7158809cf4f3c');
const BLOCK = fromHex('6bc1bee22e409f96e93d7e117393172a');
const ECB_CT = '3ad77bb40d7a3660a89ecaf32466ef97';
const tmp = mkdtempSync(join(tmpdir(), 'psa-emu-kmu-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const write = (kmu: Nrf91Kmu, slot: number) =>
  kmu.writeKeySlot(slot, NRF_CC3XX_PLATFORM_KMU_AES_ADDR, NRF_CC3XX_PLATFORM_KMU_DEFAULT_PERMISSIONS, KEY);

describe('who reaches the KMU', () => {
  it('the NS application (default TF-M client) faults on any access: KmuAccessError (SecureFault)', () => {
    const psa = createPsa({ target: 'tfm' });
    expect(psa.device?.name).toBe('nrf9151');
    const kmu = psa.device!.kmu as Nrf91Kmu;
    const e = (() => {
      try {
        kmu.readSlot(2);
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(KmuAccessError);
    expect(e).toMatchObject({ fault: 'SecureFault', address: 0x40039000, client: -0x3c000000 });
    expect(String((e as Error).message)).toMatch(/secure-only peripheral/);
    expect(() => write(kmu, 2)).toThrow(KmuAccessError);
    expect(() => kmu.cryptoCell).toThrow(KmuAccessError);
    expect(() => (kmu as unknown as Record<string, unknown>).anything).toThrow(KmuAccessError);
    expect(String(kmu)).toMatch(/secure only/);
  });

  it('secure partitions share one KMU; the NS view of the same device still faults', () => {
    const psa = createPsa({ target: 'tfm', device: 'nrf9160' });
    const crypto = psa.asClient(259).device!;
    const platform = psa.asClient(260).device!;
    expect(crypto.name).toBe('nrf9160');
    expect(crypto.kmu).toBe(platform.kmu);
    expect(write(crypto.kmu as Nrf91Kmu, 2)).toBe(0);
    expect(write(platform.kmu as Nrf91Kmu, 2)).toBe(NRF_CC3XX_PLATFORM_ERROR_KMU_ALREADY_FILLED);
    expect(() => psa.asClient(-5).device!.kmu.describeSlot(2)).toThrow(KmuAccessError);
  });

  it('nRF54L15: the NS client faults too; the application of a build without TF-M (client 0) is secure', () => {
    const ns = createPsa({ target: 'tfm', device: 'nrf54l15' });
    expect(() => ns.device!.kmu.describeSlot(1)).toThrow(/nRF54L15: non-secure client/);
    const lib = createPsa({ target: 'mbedtls', device: 'nrf54l15' });
    expect((lib.device!.kmu as CracenKmu).isSlotEmpty(1)).toBe(true);
    expect(createPsa({ target: 'mbedtls' }).device).toBeUndefined();
  });

  it('createPsa device validation', () => {
    expect(() => createPsa({ target: 'mbedtls', device: 'nrf9160' })).toThrow(/target 'tfm' only/);
    expect(() => createPsa({ target: 'mbedtls', device: 'nrf52' as 'nrf9151' })).toThrow(TypeError);
    expect(() => createPsa({ target: 'tfm', device: 'nrf52' as 'nrf9151' })).toThrow(TypeError);
    expect(() =>
      createPsa({ target: 'tfm', device: 'nrf52' as 'nrf9151', tfm: { profile: 'not-set' } }),
    ).toThrow(/device must be/);
  });
});

describe('the nRF91 KMU in an instance', () => {
  it('UICR persists in the instance storage (memory and file); a reboot clears the CryptoCell registers only', () => {
    for (const storage of [memoryStorage(), fileStorage(join(tmp, 'nrf91'))]) {
      const psa = createPsa({ target: 'tfm', storage });
      const kmu = psa.asClient(259).device!.kmu as Nrf91Kmu;
      expect(write(kmu, 4)).toBe(0);
      expect(kmu.push(4)).toBe('KEYSLOT_PUSHED');
      expect(kmu.cryptoCell.hasAesKey).toBe(true);
      psa.cSync.mbedtls_psa_crypto_free();
      expect(kmu.cryptoCell.hasAesKey).toBe(false);
      expect(kmu.describeSlot(4).written).toBe(true);

      const later = createPsa({ target: 'tfm', storage }).asClient(259).device!.kmu as Nrf91Kmu;
      expect(write(later, 4)).toBe(NRF_CC3XX_PLATFORM_ERROR_KMU_ALREADY_FILLED);
      expect(later.push(4)).toBe('KEYSLOT_PUSHED');
      expect(toHex(later.cryptoCell.encryptBlock(BLOCK))).toBe(ECB_CT);
      expect(storage.keys()).toEqual([{ client: NRF91_KMU_STORE_CLIENT, uid: 0n }]);
    }
  });

  it('the UICR record holds a slot’s value until it is revoked (revocation zeroizes it)', () => {
    const storage = memoryStorage();
    const kmu = createPsa({ target: 'tfm', storage }).asClient(259).device!.kmu as Nrf91Kmu;
    expect(write(kmu, 6)).toBe(0);
    const record = () => toHex(storage.get({ client: NRF91_KMU_STORE_CLIENT, uid: 0n })!.data);
    expect(record()).toContain(toHex(KEY));
    expect(kmu.revoke(6)).toBe(true);
    expect(record()).not.toContain(toHex(KEY));
  });

  it('the KMU records live outside the ITS namespace: they take none of the ITS_NUM_ASSETS entries', () => {
    expect(NRF91_KMU_STORE_CLIENT).toBeGreaterThanOrEqual(NON_ITS_NAMESPACE_MIN);
    expect(CRACEN_KMU_STORE_CLIENT).toBeGreaterThanOrEqual(NON_ITS_NAMESPACE_MIN);
    const storage = memoryStorage();
    const psa = createPsa({ target: 'tfm', storage, tfm: { profile: 'not-set', itsNumAssets: 2 } });
    expect(write(psa.asClient(259).device!.kmu as Nrf91Kmu, 2)).toBe(0);
    expect(storage.keys()).toHaveLength(1);
    expect(psa.cSync.psa_its_set(1n, new Uint8Array(4), 0)).toBe(0);
    expect(psa.cSync.psa_its_set(2n, new Uint8Array(4), 0)).toBe(0);
  });

  it('a damaged KMU record is PSA_ERROR_DATA_CORRUPT when the instance is created', () => {
    const storage = memoryStorage();
    storage.set({ client: NRF91_KMU_STORE_CLIENT, uid: 0n }, { data: Uint8Array.of(1, 2, 3), flags: 0 });
    const e = (() => {
      try {
        createPsa({ target: 'tfm', storage });
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(PsaError);
    expect((e as PsaError).status).toBe(PSA_ERROR_DATA_CORRUPT);
  });

  it('nRF91 has no KMU key location: importing with PSA_KEY_LOCATION_CRACEN_KMU is INVALID_ARGUMENT', () => {
    const psa = createPsa({ target: 'tfm', device: 'nrf9151', tfm: { profile: 'not-set' } });
    const c = psa.cSync;
    const a = c.psa_key_attributes_init();
    c.psa_set_key_lifetime(
      a,
      PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(
        PSA_KEY_PERSISTENCE_DEFAULT,
        PSA_KEY_LOCATION_CRACEN_KMU,
      ),
    );
    c.psa_set_key_id(a, PSA_KEY_HANDLE_FROM_CRACEN_KMU_SLOT(CRACEN_KMU_KEY_USAGE_SCHEME_RAW, 3));
    c.psa_set_key_type(a, PSA_KEY_TYPE_AES);
    c.psa_set_key_usage_flags(a, PSA_KEY_USAGE_ENCRYPT);
    c.psa_set_key_algorithm(a, PSA_ALG_ECB_NO_PADDING);
    expect(c.psa_import_key(a, KEY)).toEqual({ status: PSA_ERROR_INVALID_ARGUMENT, key: 0 });
    // With a user id it is still an unknown location.
    c.psa_set_key_id(a, 3);
    expect(c.psa_import_key(a, KEY).status).toBe(PSA_ERROR_INVALID_ARGUMENT);
  });

  it('the CRACEN KMU record also survives a file-storage round trip', () => {
    const dir = join(tmp, 'nrf54');
    const psa = createPsa({ target: 'mbedtls', device: 'nrf54l15', storage: fileStorage(dir) });
    const c = psa.cSync;
    c.psa_crypto_init();
    const a = c.psa_key_attributes_init();
    c.psa_set_key_lifetime(
      a,
      PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(
        PSA_KEY_PERSISTENCE_DEFAULT,
        PSA_KEY_LOCATION_CRACEN_KMU,
      ),
    );
    const id = PSA_KEY_HANDLE_FROM_CRACEN_KMU_SLOT(CRACEN_KMU_KEY_USAGE_SCHEME_RAW, 9);
    c.psa_set_key_id(a, id);
    c.psa_set_key_type(a, PSA_KEY_TYPE_AES);
    c.psa_set_key_bits(a, 128);
    c.psa_set_key_usage_flags(a, PSA_KEY_USAGE_ENCRYPT);
    c.psa_set_key_algorithm(a, PSA_ALG_ECB_NO_PADDING);
    expect(c.psa_import_key(a, KEY).status).toBe(0);
    const again = createPsa({ target: 'mbedtls', device: 'nrf54l15', storage: fileStorage(dir) }).cSync;
    again.psa_crypto_init();
    const out = new Uint8Array(16);
    expect(again.psa_cipher_encrypt(id, PSA_ALG_ECB_NO_PADDING, BLOCK, out).status).toBe(0);
    expect(toHex(out)).toBe(ECB_CT);
  });
});
