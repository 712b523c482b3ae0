/**
 * The nRF54L15 CRACEN KMU as a PSA key location, through the C facade: import into a slot,
 * reboot, use by the 0x7fff… id; occupied slots, sizes per scheme, schemes, persistence levels,
 * destroy/revoke, the TF-M slot policy, and that a refused import changes nothing (no MKEK, no
 * RNG). Each expected status names the driver code it comes from (sdk-nrf cracenpsa/src/kmu.c,
 * cracen_psa_key_management.c; see docs/notes/kmu.md §2).
 */
import { cmac, ecb } from '@noble/ciphers/aes.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createPsa,
  memoryStorage,
  PSA_ALG_CBC_NO_PADDING,
  PSA_ALG_CMAC,
  PSA_ALG_ECB_NO_PADDING,
  PSA_ALG_HMAC,
  PSA_ALG_SHA_256,
  PSA_ERROR_ALREADY_EXISTS,
  PSA_ERROR_INVALID_ARGUMENT,
  PSA_ERROR_INVALID_HANDLE,
  PSA_ERROR_NOT_PERMITTED,
  PSA_ERROR_NOT_SUPPORTED,
  PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION,
  PSA_KEY_PERSISTENCE_DEFAULT,
  PSA_KEY_PERSISTENCE_READ_ONLY,
  PSA_KEY_TYPE_AES,
  PSA_KEY_TYPE_HMAC,
  PSA_KEY_TYPE_RAW_DATA,
  PSA_KEY_USAGE_COPY,
  PSA_KEY_USAGE_DECRYPT,
  PSA_KEY_USAGE_ENCRYPT,
  PSA_KEY_USAGE_EXPORT,
  PSA_KEY_USAGE_SIGN_HASH,
  PSA_KEY_USAGE_SIGN_MESSAGE,
  PSA_KEY_USAGE_VERIFY_DERIVATION,
  PSA_KEY_USAGE_VERIFY_HASH,
  PSA_KEY_USAGE_VERIFY_MESSAGE,
  type Psa,
  type PsaKeyAttributes,
} from '../../src/index.js';
import {
  CRACEN_KEY_PERSISTENCE_READ_ONLY,
  CRACEN_KEY_PERSISTENCE_REVOKABLE,
  CRACEN_KMU_KEY_USAGE_SCHEME_ENCRYPTED,
  CRACEN_KMU_KEY_USAGE_SCHEME_PROTECTED,
  CRACEN_KMU_KEY_USAGE_SCHEME_RAW,
  CRACEN_KMU_KEY_USAGE_SCHEME_SEED,
  CRACEN_KMU_STORE_CLIENT,
  CracenKmu,
  cracenKmuLocationDriver,
  KMU_STORE_UID,
  PSA_KEY_HANDLE_FROM_CRACEN_KMU_SLOT,
  PSA_KEY_LOCATION_CRACEN_KMU,
} from '../../src/kmu/index.js';
import { fromHex, toHex } from '../../src/utils/bytes.js';

const KEY128 = fromHex('2b7e151628aed2a6abf7158809cf4f3c');
const KEY256 = fromHex('603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4');
const BLOCK = fromHex('6bc1bee22e409f96e93d7e117393172a');
const KMU = (persistence = PSA_KEY_PERSISTENCE_DEFAULT) =>
  PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(persistence, PSA_KEY_LOCATION_CRACEN_KMU);
const RAW = (slot: number) => PSA_KEY_HANDLE_FROM_CRACEN_KMU_SLOT(CRACEN_KMU_KEY_USAGE_SCHEME_RAW, slot);
const PROTECTED = (slot: number) =>
  PSA_KEY_HANDLE_FROM_CRACEN_KMU_SLOT(CRACEN_KMU_KEY_USAGE_SCHEME_PROTECTED, slot);

function nrf54(storage = memoryStorage(), target: 'mbedtls' | 'tfm' = 'mbedtls'): Psa {
  const psa =
    target === 'mbedtls'
      ? createPsa({ target, device: 'nrf54l15', storage })
      : // NCS's nRF54L15 default leaves the cipher module out; the tests use ECB.
        createPsa({ target, device: 'nrf54l15', storage, tfm: { modules: { cipher: true } } });
  expect(psa.cSync.psa_crypto_init()).toBe(0);
  return psa;
}

/** Attributes set through the C setters (lifetime first, then the id). */
function kmuAttrs(
  psa: Psa,
  spec: { id: number; lifetime?: number; type?: number; bits?: number; usage: number; alg: number },
): PsaKeyAttributes {
  const c = psa.cSync;
  const a = c.psa_key_attributes_init();
  c.psa_set_key_lifetime(a, spec.lifetime ?? KMU());
  c.psa_set_key_id(a, spec.id);
  c.psa_set_key_type(a, spec.type ?? PSA_KEY_TYPE_AES);
  c.psa_set_key_bits(a, spec.bits ?? 128);
  c.psa_set_key_usage_flags(a, spec.usage);
  c.psa_set_key_algorithm(a, spec.alg);
  return a;
}

const ecbAttrs = (psa: Psa, id: number, extra: Partial<Parameters<typeof kmuAttrs>[1]> = {}) =>
  kmuAttrs(psa, {
    id,
    usage: PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT,
    alg: PSA_ALG_ECB_NO_PADDING,
    ...extra,
  });

function encryptEcb(psa: Psa, id: number, block = BLOCK): { status: number; hex: string } {
  const out = new Uint8Array(16);
  const r = psa.cSync.psa_cipher_encrypt(id, PSA_ALG_ECB_NO_PADDING, block, out);
  return { status: r.status, hex: toHex(out) };
}

const kmuOf = (psa: Psa): CracenKmu => psa.device!.kmu as CracenKmu;

describe('import into KMU slot N, reboot, use by the 0x7fff… id', () => {
  it('AES-128 RAW in slot 5: id 0x7fff3005; after mbedtls_psa_crypto_free + init it still encrypts', () => {
    const storage = memoryStorage();
    const psa = nrf54(storage);
    const c = psa.cSync;
    const r = c.psa_import_key(ecbAttrs(psa, RAW(5)), KEY128);
    expect(r).toEqual({ status: 0, key: 0x7fff3005 });
    c.mbedtls_psa_crypto_free();
    expect(c.psa_crypto_init()).toBe(0);
    const want = toHex(ecb(KEY128, { disablePadding: true }).encrypt(BLOCK));
    expect(encryptEcb(psa, 0x7fff3005)).toEqual({ status: 0, hex: want });
    // A second instance on the same storage (a power cycle) finds the key in the KMU, not in ITS.
    const again = nrf54(storage);
    expect(encryptEcb(again, 0x7fff3005)).toEqual({ status: 0, hex: want });
    expect(storage.keys()).toEqual([{ client: CRACEN_KMU_STORE_CLIENT, uid: KMU_STORE_UID }]);
  });

  it('a second import into the same slot is PSA_ERROR_ALREADY_EXISTS (cracen_kmu_provision: slot not empty)', () => {
    const psa = nrf54();
    const c = psa.cSync;
    expect(c.psa_import_key(ecbAttrs(psa, RAW(5)), KEY128).status).toBe(0);
    expect(c.psa_import_key(ecbAttrs(psa, RAW(5)), KEY128)).toEqual({
      status: PSA_ERROR_ALREADY_EXISTS,
      key: 0,
    });
    // Same slot through another scheme id: still the same physical slot.
    expect(c.psa_import_key(ecbAttrs(psa, PROTECTED(5)), KEY128).status).toBe(PSA_ERROR_ALREADY_EXISTS);
    c.mbedtls_psa_crypto_free();
    c.psa_crypto_init();
    expect(c.psa_import_key(ecbAttrs(psa, RAW(5)), KEY128).status).toBe(PSA_ERROR_ALREADY_EXISTS);
  });

  it('AES-256 takes two slots: N and N+1 (an occupied N+1 is ALREADY_EXISTS)', () => {
    const psa = nrf54();
    const c = psa.cSync;
    expect(c.psa_import_key(ecbAttrs(psa, RAW(21)), KEY128).status).toBe(0);
    expect(c.psa_import_key(ecbAttrs(psa, RAW(20), { bits: 256 }), KEY256).status).toBe(
      PSA_ERROR_ALREADY_EXISTS,
    );
    expect(kmuOf(psa).isSlotEmpty(20)).toBe(true);
    expect(c.psa_import_key(ecbAttrs(psa, RAW(30), { bits: 256 }), KEY256).status).toBe(0);
    expect(kmuOf(psa).describeSlot(31).decoded).toBe('secondary');
    expect(c.psa_import_key(ecbAttrs(psa, RAW(31)), KEY128).status).toBe(PSA_ERROR_ALREADY_EXISTS);
    c.mbedtls_psa_crypto_free();
    c.psa_crypto_init();
    const want = toHex(ecb(KEY256, { disablePadding: true }).encrypt(BLOCK));
    expect(encryptEcb(psa, RAW(30))).toEqual({ status: 0, hex: want });
    // The secondary slot is no key of its own (metadata 0xFFFFFFFF → DOES_NOT_EXIST → INVALID_HANDLE).
    expect(encryptEcb(psa, RAW(31)).status).toBe(PSA_ERROR_INVALID_HANDLE);
  });

  it('any AES key, any slot: the KMU key encrypts like AES-ECB with the key (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(16, 24, 32),
        fc.integer({ min: 0, max: 250 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        (len, slot, block) => {
          const key = Uint8Array.from({ length: len }, (_, i) => (i * 37 + slot) & 0xff);
          const psa = nrf54();
          const id = RAW(slot);
          expect(psa.cSync.psa_import_key(ecbAttrs(psa, id, { bits: len * 8 }), key).status).toBe(0);
          psa.cSync.mbedtls_psa_crypto_free();
          psa.cSync.psa_crypto_init();
          expect(encryptEcb(psa, id, block).hex).toBe(
            toHex(ecb(key, { disablePadding: true }).encrypt(block)),
          );
        },
      ),
      { numRuns: 25 },
    );
  });

  it('AES-CMAC from a PROTECTED key equals an independent CMAC; the reloaded usage flags are the metadata’s', () => {
    const psa = nrf54();
    const c = psa.cSync;
    const id = PROTECTED(40);
    const a = kmuAttrs(psa, {
      id,
      usage: PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE,
      alg: PSA_ALG_CMAC,
    });
    expect(c.psa_import_key(a, KEY128).status).toBe(0);
    expect(c.psa_get_key_attributes(id).attributes.usage).toBe(
      PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE,
    );
    c.mbedtls_psa_crypto_free();
    c.psa_crypto_init();
    const mac = new Uint8Array(16);
    expect(c.psa_mac_compute(id, PSA_ALG_CMAC, BLOCK, mac).status).toBe(0);
    expect(toHex(mac)).toBe(toHex(cmac(BLOCK, KEY128)));
    // The metadata holds SIGN and VERIFY as one bit each, which maps back to *_HASH | *_MESSAGE.
    expect(c.psa_get_key_attributes(id).attributes).toMatchObject({
      lifetime: KMU(),
      type: PSA_KEY_TYPE_AES,
      bits: 128,
      alg: PSA_ALG_CMAC,
      usage:
        PSA_KEY_USAGE_SIGN_HASH |
        PSA_KEY_USAGE_SIGN_MESSAGE |
        PSA_KEY_USAGE_VERIFY_HASH |
        PSA_KEY_USAGE_VERIFY_MESSAGE,
    });
    expect(c.psa_export_key(id, new Uint8Array(16)).status).toBe(PSA_ERROR_NOT_PERMITTED);
  });

  it('a RAW key with EXPORT exports; psa_generate_key fills a slot with a random key', () => {
    const psa = nrf54();
    const c = psa.cSync;
    const id = RAW(50);
    expect(
      c.psa_import_key(ecbAttrs(psa, id, { usage: PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_ENCRYPT }), KEY128)
        .status,
    ).toBe(0);
    c.mbedtls_psa_crypto_free();
    c.psa_crypto_init();
    const out = new Uint8Array(16);
    expect(c.psa_export_key(id, out)).toEqual({ status: 0, dataLength: 16 });
    expect(toHex(out)).toBe(toHex(KEY128));
    const g = c.psa_generate_key(ecbAttrs(psa, RAW(51), { usage: PSA_KEY_USAGE_EXPORT }));
    expect(g).toEqual({ status: 0, key: RAW(51) });
    expect(kmuOf(psa).isSlotEmpty(51)).toBe(false);
    expect(
      c.psa_generate_key(ecbAttrs(psa, RAW(52), { type: PSA_KEY_TYPE_RAW_DATA, alg: 0, usage: 0 })).status,
    ).toBe(PSA_ERROR_NOT_SUPPORTED);
  });
});

describe('psa_copy_key inside the KMU location', () => {
  it('a RAW key with COPY copies into another slot (cracen_copy_key → import); other locations: NOT_SUPPORTED', () => {
    const psa = nrf54();
    const c = psa.cSync;
    const usage = PSA_KEY_USAGE_COPY | PSA_KEY_USAGE_ENCRYPT;
    expect(c.psa_import_key(ecbAttrs(psa, RAW(90), { usage }), KEY128).status).toBe(0);
    expect(c.psa_copy_key(RAW(90), ecbAttrs(psa, RAW(91), { usage: PSA_KEY_USAGE_ENCRYPT }))).toEqual({
      status: 0,
      key: RAW(91),
    });
    expect(c.psa_copy_key(RAW(90), ecbAttrs(psa, RAW(91), { usage: PSA_KEY_USAGE_ENCRYPT })).status).toBe(
      PSA_ERROR_ALREADY_EXISTS,
    );
    const local = c.psa_key_attributes_init();
    c.psa_set_key_id(local, 5);
    expect(c.psa_copy_key(RAW(90), local).status).toBe(PSA_ERROR_NOT_SUPPORTED);
    c.mbedtls_psa_crypto_free();
    c.psa_crypto_init();
    expect(encryptEcb(psa, RAW(91))).toEqual(encryptEcb(psa, RAW(90)));
    expect(encryptEcb(psa, RAW(91)).status).toBe(0);
  });
});

describe('what the driver refuses on import', () => {
  it('PROTECTED with EXPORT or COPY: INVALID_ARGUMENT (convert_from_psa_attributes)', () => {
    const psa = nrf54();
    for (const u of [PSA_KEY_USAGE_EXPORT, PSA_KEY_USAGE_COPY])
      expect(
        psa.cSync.psa_import_key(ecbAttrs(psa, PROTECTED(1), { usage: u | PSA_KEY_USAGE_ENCRYPT }), KEY128)
          .status,
      ).toBe(PSA_ERROR_INVALID_ARGUMENT);
    expect(kmuOf(psa).isSlotEmpty(1)).toBe(true);
  });

  it('NOT_SUPPORTED: an algorithm metadata cannot name, a type that does not fit it, a usage it cannot hold, bits', () => {
    const psa = nrf54();
    const c = psa.cSync;
    const imp = (extra: Partial<Parameters<typeof kmuAttrs>[1]>, key = KEY128) =>
      c.psa_import_key(ecbAttrs(psa, RAW(2), extra), key).status;
    expect(imp({ alg: 0 })).toBe(PSA_ERROR_NOT_SUPPORTED);
    expect(imp({ alg: PSA_ALG_CBC_NO_PADDING | 0x100 })).toBe(PSA_ERROR_NOT_SUPPORTED);
    expect(imp({ type: PSA_KEY_TYPE_HMAC })).toBe(PSA_ERROR_NOT_SUPPORTED);
    expect(imp({ usage: PSA_KEY_USAGE_VERIFY_DERIVATION })).toBe(PSA_ERROR_NOT_SUPPORTED);
    expect(imp({ bits: 0 })).toBe(PSA_ERROR_NOT_SUPPORTED);
    // HMAC-SHA-256 in RAW is fine; the same in PROTECTED is not AES → NOT_SUPPORTED.
    const hmac = {
      type: PSA_KEY_TYPE_HMAC,
      alg: PSA_ALG_HMAC(PSA_ALG_SHA_256),
      usage: PSA_KEY_USAGE_SIGN_MESSAGE,
    };
    expect(c.psa_import_key(kmuAttrs(psa, { id: PROTECTED(3), ...hmac }), KEY128).status).toBe(
      PSA_ERROR_NOT_SUPPORTED,
    );
    expect(c.psa_import_key(kmuAttrs(psa, { id: RAW(3), ...hmac }), KEY128).status).toBe(0);
    expect(kmuOf(psa).isSlotEmpty(2)).toBe(true);
  });

  it('INVALID_ARGUMENT: wrong data size for the scheme, unknown persistence; core: read-only lifetime', () => {
    const psa = nrf54();
    const c = psa.cSync;
    expect(c.psa_import_key(ecbAttrs(psa, RAW(4), { bits: 0 }), new Uint8Array(20)).status).toBe(
      PSA_ERROR_NOT_SUPPORTED,
    );
    // bits say 128 but 20 bytes: the driver's size rule (16/24/32/48) answers first.
    expect(c.psa_import_key(ecbAttrs(psa, RAW(4)), new Uint8Array(20)).status).toBe(
      PSA_ERROR_INVALID_ARGUMENT,
    );
    expect(c.psa_import_key(ecbAttrs(psa, RAW(4), { lifetime: KMU(0x42) }), KEY128).status).toBe(
      PSA_ERROR_INVALID_ARGUMENT,
    );
    expect(
      c.psa_import_key(ecbAttrs(psa, RAW(4), { lifetime: KMU(PSA_KEY_PERSISTENCE_READ_ONLY) }), KEY128)
        .status,
    ).toBe(PSA_ERROR_INVALID_ARGUMENT);
    // A user-range id in the KMU location: psa-emu refuses it (the real driver would map it to slot id & 0xff).
    expect(c.psa_import_key(ecbAttrs(psa, 7), KEY128).status).toBe(PSA_ERROR_INVALID_ARGUMENT);
    // A KMU id with the default (local storage) lifetime: vendor id → INVALID_ARGUMENT.
    expect(c.psa_import_key(ecbAttrs(psa, RAW(4), { lifetime: 1 }), KEY128).status).toBe(
      PSA_ERROR_INVALID_ARGUMENT,
    );
    expect(kmuOf(psa).isSlotEmpty(4)).toBe(true);
  });
});

describe('destroy and revocation policies', () => {
  it('PSA_KEY_PERSISTENCE_DEFAULT (ROTATING): destroy erases the slot; it can be provisioned again', () => {
    const psa = nrf54();
    const c = psa.cSync;
    expect(c.psa_import_key(ecbAttrs(psa, RAW(60)), KEY128).status).toBe(0);
    expect(c.psa_destroy_key(RAW(60))).toBe(0);
    expect(kmuOf(psa).isSlotEmpty(60)).toBe(true);
    expect(encryptEcb(psa, RAW(60)).status).toBe(PSA_ERROR_INVALID_HANDLE);
    expect(c.psa_import_key(ecbAttrs(psa, RAW(60)), KEY256.subarray(0, 16)).status).toBe(0);
  });

  it('CRACEN_KEY_PERSISTENCE_REVOKABLE: destroy revokes for good (use: NOT_PERMITTED, import: ALREADY_EXISTS)', () => {
    const psa = nrf54();
    const c = psa.cSync;
    const a = ecbAttrs(psa, RAW(61), { lifetime: KMU(CRACEN_KEY_PERSISTENCE_REVOKABLE) });
    expect(c.psa_import_key(a, KEY128).status).toBe(0);
    c.mbedtls_psa_crypto_free();
    c.psa_crypto_init();
    expect(c.psa_get_key_attributes(RAW(61)).attributes.lifetime).toBe(KMU(CRACEN_KEY_PERSISTENCE_REVOKABLE));
    expect(c.psa_destroy_key(RAW(61))).toBe(0);
    expect(kmuOf(psa).describeSlot(61).state).toBe('revoked');
    expect(encryptEcb(psa, RAW(61)).status).toBe(PSA_ERROR_NOT_PERMITTED);
    expect(c.psa_import_key(a, KEY128).status).toBe(PSA_ERROR_ALREADY_EXISTS);
    expect(c.psa_destroy_key(RAW(61))).toBe(PSA_ERROR_NOT_PERMITTED);
  });

  it('CRACEN_KEY_PERSISTENCE_READ_ONLY (LOCKED): usable, not destroyable; ERASEALL clears it', () => {
    const psa = nrf54();
    const c = psa.cSync;
    expect(
      c.psa_import_key(ecbAttrs(psa, RAW(62), { lifetime: KMU(CRACEN_KEY_PERSISTENCE_READ_ONLY) }), KEY128)
        .status,
    ).toBe(0);
    expect(c.psa_destroy_key(RAW(62))).toBe(PSA_ERROR_NOT_PERMITTED);
    expect(encryptEcb(psa, RAW(62)).status).toBe(0);
    kmuOf(psa).eraseAll();
    c.mbedtls_psa_crypto_free();
    c.psa_crypto_init();
    expect(encryptEcb(psa, RAW(62)).status).toBe(PSA_ERROR_INVALID_HANDLE);
  });
});

describe('SEED and ENCRYPTED schemes', () => {
  it('SEED: 48 bytes in 3 slots, loads as RAW_DATA 384 bits with no usage, locked', () => {
    const psa = nrf54();
    const c = psa.cSync;
    const id = PSA_KEY_HANDLE_FROM_CRACEN_KMU_SLOT(CRACEN_KMU_KEY_USAGE_SCHEME_SEED, 183);
    const a = kmuAttrs(psa, { id, type: PSA_KEY_TYPE_RAW_DATA, bits: 384, usage: 0, alg: 0 });
    expect(c.psa_import_key(a, new Uint8Array(40)).status).toBe(PSA_ERROR_INVALID_ARGUMENT);
    expect(c.psa_import_key(a, new Uint8Array(48).fill(9)).status).toBe(0);
    expect([183, 184, 185].map((s) => kmuOf(psa).isSlotEmpty(s))).toEqual([false, false, false]);
    c.mbedtls_psa_crypto_free();
    c.psa_crypto_init();
    expect(c.psa_get_key_attributes(id).attributes).toMatchObject({
      type: PSA_KEY_TYPE_RAW_DATA,
      bits: 384,
      usage: 0,
      lifetime: KMU(CRACEN_KEY_PERSISTENCE_READ_ONLY),
    });
    expect(c.psa_destroy_key(id)).toBe(PSA_ERROR_NOT_PERMITTED);
  });

  it('ENCRYPTED: a 128-bit key takes 3 slots (nonce, key, tag), the slots never hold the key, it still works', () => {
    const storage = memoryStorage();
    const psa = nrf54(storage);
    const c = psa.cSync;
    const id = PSA_KEY_HANDLE_FROM_CRACEN_KMU_SLOT(CRACEN_KMU_KEY_USAGE_SCHEME_ENCRYPTED, 70);
    expect(c.psa_import_key(ecbAttrs(psa, id), KEY128).status).toBe(0);
    expect([70, 71, 72, 73].map((s) => kmuOf(psa).isSlotEmpty(s))).toEqual([false, false, false, true]);
    const record = storage.get({ client: CRACEN_KMU_STORE_CLIENT, uid: KMU_STORE_UID })!.data;
    expect(toHex(record)).not.toContain(toHex(KEY128));
    const again = nrf54(storage);
    expect(encryptEcb(again, id).hex).toBe(toHex(ecb(KEY128, { disablePadding: true }).encrypt(BLOCK)));
    expect(again.cSync.psa_destroy_key(id)).toBe(0);
    expect([70, 71, 72].map((s) => kmuOf(again).isSlotEmpty(s))).toEqual([true, true, true]);
  });

  it('a RAW key’s value is in the KMU record in clear, as in the device’s RRAM', () => {
    const storage = memoryStorage();
    const psa = nrf54(storage);
    expect(psa.cSync.psa_import_key(ecbAttrs(psa, RAW(80)), KEY128).status).toBe(0);
    expect(toHex(storage.get({ client: CRACEN_KMU_STORE_CLIENT, uid: KMU_STORE_UID })!.data)).toContain(
      toHex(KEY128),
    );
  });
});

describe('through TF-M on nRF54L15', () => {
  it('the NS client may use slots 0–179 only (cracen_kmu_key_user_allowed → NOT_PERMITTED)', () => {
    const storage = memoryStorage();
    const psa = nrf54(storage, 'tfm');
    const c = psa.cSync;
    expect(c.psa_import_key(ecbAttrs(psa, RAW(179)), KEY128).status).toBe(0);
    expect(c.psa_import_key(ecbAttrs(psa, RAW(180)), KEY128).status).toBe(PSA_ERROR_NOT_PERMITTED);
    c.mbedtls_psa_crypto_free();
    expect(encryptEcb(psa, RAW(179)).status).toBe(0);
    // The crypto partition itself may use every slot; the NS client then sees it but may not use it.
    const secure = psa.asClient(259);
    expect(secure.cSync.psa_import_key(ecbAttrs(secure, RAW(200)), KEY128).status).toBe(0);
    expect(encryptEcb(psa, RAW(200)).status).toBe(PSA_ERROR_NOT_PERMITTED);
    // An empty reserved slot is simply absent.
    expect(encryptEcb(psa, RAW(201)).status).toBe(PSA_ERROR_INVALID_HANDLE);
    // Another secure partition is not in the policy.
    const platform = psa.asClient(260);
    expect(platform.cSync.psa_import_key(ecbAttrs(platform, RAW(10)), KEY128).status).toBe(
      PSA_ERROR_NOT_PERMITTED,
    );
  });
});

describe('a refused import has no side effects (range and emptiness are checked before encrypting)', () => {
  const ENCRYPTED = (slot: number) =>
    PSA_KEY_HANDLE_FROM_CRACEN_KMU_SLOT(CRACEN_KMU_KEY_USAGE_SCHEME_ENCRYPTED, slot);
  const attrs = (id: number): PsaKeyAttributes => ({
    id,
    lifetime: KMU(),
    type: PSA_KEY_TYPE_AES,
    bits: 128,
    usage: PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT,
    alg: PSA_ALG_ECB_NO_PADDING,
    alg2: 0,
  });
  /** A KMU on `storage` and its driver, sharing one RNG that counts the bytes it hands out. */
  function device(storage = memoryStorage()) {
    const rng = Object.assign(
      (out: Uint8Array) => {
        rng.bytes += out.length;
        out.fill(0xa5);
      },
      { bytes: 0 },
    );
    const kmu = new CracenKmu({ store: storage, rng });
    return { storage, rng, kmu, driver: cracenKmuLocationDriver(kmu, { tfm: false, rng }) };
  }
  const record = (storage: ReturnType<typeof memoryStorage>) =>
    storage.get({ client: CRACEN_KMU_STORE_CLIENT, uid: KMU_STORE_UID })?.data;

  it('ENCRYPTED into an occupied slot: ALREADY_EXISTS, no MKEK created or persisted, no nonce drawn', () => {
    const { storage, rng, kmu, driver } = device();
    expect(driver.importKey(0, attrs(RAW(50)), KEY128).status).toBe(0);
    const before = toHex(record(storage)!);
    expect(rng.bytes).toBe(0);
    // The key slot itself (50) or a later one (49: nonce 49, key 50, tag 51) is taken.
    for (const slot of [50, 49, 48])
      expect(driver.importKey(0, attrs(ENCRYPTED(slot)), KEY128).status).toBe(PSA_ERROR_ALREADY_EXISTS);
    expect(rng.bytes).toBe(0);
    expect(toHex(record(storage)!)).toBe(before);
    expect([47, 48, 49, 51].map((s) => kmu.isSlotEmpty(s))).toEqual([true, true, true, true]);
    // A reload sees the same device: slot 50 only, and still no MKEK (the first ENCRYPTED import makes it).
    const again = device(storage);
    expect(again.kmu.describeSlot(50).state).toBe('active');
    expect(again.driver.importKey(0, attrs(ENCRYPTED(60)), KEY128).status).toBe(0);
    expect(again.rng.bytes).toBe(32 + 16); // MKEK + nonce
  });

  it('ENCRYPTED past the last slot: INVALID_ARGUMENT and the store stays empty', () => {
    const { storage, rng, kmu, driver } = device();
    expect(driver.importKey(0, attrs(ENCRYPTED(254)), KEY128).status).toBe(PSA_ERROR_INVALID_ARGUMENT);
    expect(driver.importKey(0, { ...attrs(RAW(255)), bits: 256 }, KEY256).status).toBe(
      PSA_ERROR_INVALID_ARGUMENT,
    );
    expect(rng.bytes).toBe(0);
    expect(storage.keys()).toEqual([]);
    expect([254, 255].map((s) => kmu.isSlotEmpty(s))).toEqual([true, true]);
    // Control: the same key two slots lower fits, and only then is the MKEK made and stored.
    expect(driver.importKey(0, attrs(ENCRYPTED(253)), KEY128).status).toBe(0);
    expect(rng.bytes).toBe(32 + 16);
    expect(storage.keys()).toEqual([{ client: CRACEN_KMU_STORE_CLIENT, uid: KMU_STORE_UID }]);
  });
});
