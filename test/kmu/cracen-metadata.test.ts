/**
 * The CRACEN KMU metadata word and the id macros: bit positions of `struct kmu_metadata`
 * (GCC bit-field order, LSB first), round trips, slot counts per size and scheme, and
 * `PSA_KEY_HANDLE_FROM_CRACEN_KMU_SLOT`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PSA_ALG_CMAC,
  PSA_ALG_CTR,
  PSA_ERROR_BAD_STATE,
  PSA_ERROR_CORRUPTION_DETECTED,
  PSA_ERROR_DATA_INVALID,
  PSA_ERROR_HARDWARE_FAILURE,
  PSA_ERROR_STORAGE_FAILURE,
  PSA_KEY_TYPE_AES,
  PSA_KEY_USAGE_DECRYPT,
  PSA_KEY_USAGE_ENCRYPT,
  PSA_KEY_USAGE_EXPORT,
} from '../../src/index.js';
import {
  CRACEN_KMU_KEY_USAGE_SCHEME_ENCRYPTED,
  CRACEN_KMU_KEY_USAGE_SCHEME_PROTECTED,
  CRACEN_KMU_KEY_USAGE_SCHEME_RAW,
  CRACEN_KMU_KEY_USAGE_SCHEME_SEED,
  CRACEN_PSA_GET_KEY_USAGE_SCHEME,
  CRACEN_PSA_GET_KMU_SLOT,
  isCracenKmuKeyId,
  kmuSlotCount,
  LIB_KMU_REV_POLICY_ROTATING,
  METADATA_ALG_KEY_BITS_128,
  METADATA_ALG_KEY_BITS_192,
  METADATA_ALG_KEY_BITS_256,
  METADATA_ALG_KEY_BITS_384_SEED,
  metadataFromPsaAttributes,
  PSA_KEY_HANDLE_FROM_CRACEN_KMU_SLOT,
  PSA_KEY_LOCATION_CRACEN_KMU,
  packKmuMetadata,
  psaAttributesFromMetadata,
  unpackKmuMetadata,
} from '../../src/kmu/index.js';

describe('PSA_KEY_HANDLE_FROM_CRACEN_KMU_SLOT and friends', () => {
  it('0x7fff0000 | scheme << 12 | slot, and back', () => {
    expect(PSA_KEY_LOCATION_CRACEN_KMU).toBe(0x800000 | (0x4e << 8) | 0x4b);
    expect(PSA_KEY_HANDLE_FROM_CRACEN_KMU_SLOT(CRACEN_KMU_KEY_USAGE_SCHEME_PROTECTED, 0)).toBe(0x7fff0000);
    expect(PSA_KEY_HANDLE_FROM_CRACEN_KMU_SLOT(CRACEN_KMU_KEY_USAGE_SCHEME_RAW, 0xb4)).toBe(0x7fff30b4);
    expect(PSA_KEY_HANDLE_FROM_CRACEN_KMU_SLOT(CRACEN_KMU_KEY_USAGE_SCHEME_SEED, 0x1ff)).toBe(0x7fff10ff);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 255 }), (scheme, slot) => {
        const id = PSA_KEY_HANDLE_FROM_CRACEN_KMU_SLOT(scheme, slot);
        expect([
          CRACEN_PSA_GET_KEY_USAGE_SCHEME(id),
          CRACEN_PSA_GET_KMU_SLOT(id),
          isCracenKmuKeyId(id),
        ]).toEqual([scheme, slot, true]);
      }),
    );
    // TF-M's builtin ids (0x7fff815b..) and CRACEN's IKG ids (0x7fffc001..) are not KMU slots.
    for (const id of [0x7fff815c, 0x7fffc001, 0x7ffe3005, 10]) expect(isCracenKmuKeyId(id)).toBe(false);
  });
});

describe('struct kmu_metadata', () => {
  it('field positions: version 0-3, scheme 4-5, algorithm 16-19, size 20-22, rpolicy 23-24, usage 25-31', () => {
    const one = (f: string, v: number) =>
      packKmuMetadata({ version: 0, scheme: 0, algorithm: 0, size: 0, rpolicy: 0, usageFlags: 0, [f]: v });
    expect(one('version', 0xf)).toBe(0x0000000f);
    expect(one('scheme', 3)).toBe(0x00000030);
    expect(one('algorithm', 0xf)).toBe(0x000f0000);
    expect(one('size', 7)).toBe(0x00700000);
    expect(one('rpolicy', 3)).toBe(0x01800000);
    expect(one('usageFlags', 0x7f)).toBe(0xfe000000);
  });

  it('pack/unpack round trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (w) => {
        const masked = (w & 0xffff003f) >>> 0; // reserved bits 6-15 are not kept
        expect(packKmuMetadata(unpackKmuMetadata(w))).toBe(masked);
      }),
    );
  });

  it('import then load gives the PSA attributes back (ECB key with ENCRYPT|DECRYPT)', () => {
    const id = PSA_KEY_HANDLE_FROM_CRACEN_KMU_SLOT(CRACEN_KMU_KEY_USAGE_SCHEME_RAW, 12);
    const attr = {
      id,
      lifetime: (PSA_KEY_LOCATION_CRACEN_KMU << 8) | 1,
      type: PSA_KEY_TYPE_AES,
      bits: 192,
      usage: PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT,
      alg: PSA_ALG_CTR,
      alg2: 0,
    };
    const m = metadataFromPsaAttributes(attr);
    expect(m.status).toBe(0);
    expect(m.metadata).toMatchObject({
      size: METADATA_ALG_KEY_BITS_192,
      rpolicy: LIB_KMU_REV_POLICY_ROTATING,
      algorithm: 6,
    });
    expect(psaAttributesFromMetadata(m.metadata!, id)).toEqual({
      status: 0,
      attributes: { ...attr, lifetime: attr.lifetime >>> 0 },
    });
  });

  it('load statuses: BAD_STATE, STORAGE_FAILURE, HARDWARE_FAILURE, CORRUPTION_DETECTED', () => {
    const base = {
      version: 0,
      scheme: CRACEN_KMU_KEY_USAGE_SCHEME_RAW,
      algorithm: 9,
      size: 1,
      rpolicy: 1,
      usageFlags: 0,
    };
    expect(psaAttributesFromMetadata({ ...base, version: 1 }, 1).status).toBe(PSA_ERROR_BAD_STATE);
    expect(psaAttributesFromMetadata({ ...base, rpolicy: 0 }, 1).status).toBe(PSA_ERROR_STORAGE_FAILURE);
    expect(psaAttributesFromMetadata({ ...base, algorithm: 15 }, 1).status).toBe(PSA_ERROR_HARDWARE_FAILURE);
    expect(
      psaAttributesFromMetadata(
        { ...base, scheme: CRACEN_KMU_KEY_USAGE_SCHEME_PROTECTED, usageFlags: 1 << 5 },
        1,
      ).status,
    ).toBe(PSA_ERROR_CORRUPTION_DETECTED);
    expect(
      psaAttributesFromMetadata({ ...base, scheme: CRACEN_KMU_KEY_USAGE_SCHEME_PROTECTED, algorithm: 13 }, 1)
        .status,
    ).toBe(PSA_ERROR_CORRUPTION_DETECTED);
    const ok = psaAttributesFromMetadata({ ...base, usageFlags: 1 << 5 }, 1);
    expect(ok.attributes).toMatchObject({ alg: PSA_ALG_CMAC, usage: PSA_KEY_USAGE_EXPORT, bits: 128 });
  });

  it('slot counts: 128 → 1, 192/255/256 → 2, seed → 3, ENCRYPTED + 2, bad size DATA_INVALID', () => {
    const m = (size: number, scheme = CRACEN_KMU_KEY_USAGE_SCHEME_RAW) =>
      kmuSlotCount({ version: 0, scheme, algorithm: 0, size, rpolicy: 1, usageFlags: 0 });
    expect(m(METADATA_ALG_KEY_BITS_128).count).toBe(1);
    expect(m(METADATA_ALG_KEY_BITS_256).count).toBe(2);
    expect(m(METADATA_ALG_KEY_BITS_384_SEED, CRACEN_KMU_KEY_USAGE_SCHEME_SEED).count).toBe(3);
    expect(m(METADATA_ALG_KEY_BITS_128, CRACEN_KMU_KEY_USAGE_SCHEME_ENCRYPTED).count).toBe(3);
    expect(m(METADATA_ALG_KEY_BITS_256, CRACEN_KMU_KEY_USAGE_SCHEME_ENCRYPTED).count).toBe(4);
    expect(m(6).status).toBe(PSA_ERROR_DATA_INVALID);
  });
});
