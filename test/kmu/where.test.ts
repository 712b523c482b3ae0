/**
 * `whereIsKey`: the place and the explanation for each id range on each device/target, checked
 * against what an emulated instance actually does with the same id where that can be observed.
 */
import { describe, expect, it } from 'vitest';
import {
  createPsa,
  memoryStorage,
  PSA_ALG_CBC_NO_PADDING,
  PSA_KEY_TYPE_AES,
  PSA_KEY_USAGE_DECRYPT,
  TFM_BUILTIN_KEY_ID_HUK,
  TFM_BUILTIN_KEY_ID_IAK,
} from '../../src/index.js';
import {
  CRACEN_KMU_KEY_USAGE_SCHEME_PROTECTED,
  PSA_KEY_HANDLE_FROM_CRACEN_KMU_SLOT,
  whereIsKey,
} from '../../src/kmu/index.js';

describe('whereIsKey', () => {
  it("SoftSIM's 'KMU' keys 10/11/12 on nRF91 are persistent keys in ITS (uid 0xC4000000_0000000A for the NS client)", () => {
    const w = whereIsKey(10, { device: 'nrf9151', target: 'tfm' });
    expect(w).toMatchObject({ place: 'its', uid: 0xc40000000000000an, itsClient: 259 });
    expect(w.explanation).toMatch(/SoftSIM/);
    expect(w.explanation).toMatch(/no PSA key location for KMU slots/);
    expect(whereIsKey(12).explanation).toMatch(/KID/);

    // The emulator stores it exactly there.
    const storage = memoryStorage();
    const psa = createPsa({ target: 'tfm', storage, tfm: { profile: 'not-set' } });
    const c = psa.cSync;
    const a = c.psa_key_attributes_init();
    c.psa_set_key_id(a, 10);
    c.psa_set_key_type(a, PSA_KEY_TYPE_AES);
    c.psa_set_key_usage_flags(a, PSA_KEY_USAGE_DECRYPT);
    c.psa_set_key_algorithm(a, PSA_ALG_CBC_NO_PADDING);
    expect(c.psa_import_key(a, new Uint8Array(16)).status).toBe(0);
    expect(storage.keys()).toEqual([{ client: 259, uid: w.uid }]);
  });

  it('library build: uid = id, no SoftSIM note on nRF54L', () => {
    const w = whereIsKey(5, { device: 'nrf54l15', target: 'mbedtls' });
    expect(w).toMatchObject({ place: 'its', uid: 5n, itsClient: 0 });
    expect(w.explanation).not.toMatch(/SoftSIM/);
    expect(whereIsKey(5, { device: 'nrf54l15' }).explanation).toMatch(/encrypted at rest by default/);
  });

  it('TF-M builtin HUK and IAK', () => {
    const huk = whereIsKey(TFM_BUILTIN_KEY_ID_HUK);
    expect(huk.place).toBe('builtin');
    expect(huk.explanation).toMatch(/HUK_KEYSLOT_MEXT \(4\)/);
    expect(huk.explanation).toMatch(/TFM_HW_UNIQ_KEY/);
    expect(whereIsKey(TFM_BUILTIN_KEY_ID_HUK, { device: 'nrf54l15' }).explanation).toMatch(/IKG/);
    expect(whereIsKey(TFM_BUILTIN_KEY_ID_IAK).explanation).toMatch(/attestation/);
    expect(whereIsKey(0x7fff8170).place).toBe('builtin');
    // Without TF-M those ids are not special.
    expect(whereIsKey(TFM_BUILTIN_KEY_ID_HUK, { target: 'mbedtls', device: 'nrf54l15' }).place).toBe(
      'invalid',
    );
  });

  it('CRACEN KMU ids: a slot on nRF54L15, nothing on nRF91', () => {
    const id = PSA_KEY_HANDLE_FROM_CRACEN_KMU_SLOT(CRACEN_KMU_KEY_USAGE_SCHEME_PROTECTED, 42);
    expect(whereIsKey(id, { device: 'nrf54l15' })).toMatchObject({
      place: 'kmu-slot',
      slot: 42,
      scheme: 'PROTECTED',
    });
    expect(whereIsKey(0x7fff10b7, { device: 'nrf54l15' })).toMatchObject({ scheme: 'SEED', slot: 0xb7 });
    expect(whereIsKey(0x7fff30c8, { device: 'nrf54l15' }).explanation).toMatch(/slots 0–179/);
    expect(whereIsKey(0x7fff30c8, { device: 'nrf54l15', target: 'mbedtls' }).explanation).not.toMatch(
      /0–179/,
    );
    const nrf91 = whereIsKey(id, { device: 'nrf9160' });
    expect(nrf91.place).toBe('invalid');
    expect(nrf91.explanation).toMatch(/nRF54L only/);
    expect(whereIsKey(0x7fffc001, { device: 'nrf54l15' }).place).toBe('builtin');
  });

  it('volatile, null, vendor and out-of-range ids', () => {
    expect(whereIsKey(0x40000000).place).toBe('volatile');
    expect(whereIsKey(0x4000001f).place).toBe('volatile');
    expect(whereIsKey(0x40000020).place).toBe('invalid');
    expect(whereIsKey(0x40000020, { keySlotCount: 64 }).place).toBe('volatile');
    expect(whereIsKey(0).explanation).toMatch(/PSA_KEY_ID_NULL/);
    expect(whereIsKey(0x80000000).place).toBe('invalid');
    expect(whereIsKey(0x7ffff000).explanation).toMatch(/vendor range/);
    expect(() => whereIsKey(1.5)).toThrow(TypeError);
    expect(() => whereIsKey(1, { device: 'nrf52' as 'nrf9151' })).toThrow(TypeError);
    expect(() => whereIsKey(1, { target: 'zephyr' as 'tfm' })).toThrow(TypeError);
  });
});
