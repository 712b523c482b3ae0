/**
 * nrf_cc3xx_platform_kmu_shadow_key_derive on the nRF91 model: Nordic's on-target vectors, and every
 * output checked against an independent SP 800-108 counter-mode CMAC written here from the
 * documented fixed input `[i]1 || Label || 0x00 || Context || [L]` (L in bits: one byte up to 255,
 * else two bytes big-endian), with @noble/ciphers' CMAC keyed by the plain key.
 */
import { cmac } from '@noble/ciphers/aes.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HUK_KEYSLOT_MEXT,
  NRF_CC3XX_PLATFORM_ERROR_INTERNAL,
  NRF_CC3XX_PLATFORM_ERROR_INVALID_PARAM,
  NRF_CC3XX_PLATFORM_ERROR_KMU_INVALID_SLOT,
  NRF_CC3XX_PLATFORM_ERROR_PARAM_NULL,
  NRF_CC3XX_PLATFORM_KMU_AES_ADDR,
  NRF_CC3XX_PLATFORM_KMU_DEFAULT_PERMISSIONS,
  NRF_CC3XX_PLATFORM_SUCCESS,
  Nrf91Kmu,
  sp800108CounterKdf,
  sp800108FixedInput,
} from '../../src/kmu/index.js';
import { fromHex, toHex } from '../../src/utils/bytes.js';
import vectors from '../vectors/nrf-cc3xx-shadow-key-derive.json' with { type: 'json' };

/** The reference: SP 800-108r1 §4.1, written out independently of src/kmu/sp800-108.ts. */
function referenceKdf(key: Uint8Array, label: Uint8Array, context: Uint8Array, outBytes: number): Uint8Array {
  const bits = outBytes * 8;
  const l = bits > 255 ? [bits >> 8, bits & 0xff] : [bits];
  const out: number[] = [];
  for (let i = 1; out.length < outBytes; i++) {
    const k = cmac(Uint8Array.from([i, ...label, 0, ...context, ...l]), key);
    out.push(...k);
  }
  return Uint8Array.from(out.slice(0, outBytes));
}

function kmuWithKey(slot: number, key: Uint8Array): Nrf91Kmu {
  const kmu = new Nrf91Kmu();
  expect(
    kmu.writeKeySlot(slot, NRF_CC3XX_PLATFORM_KMU_AES_ADDR, NRF_CC3XX_PLATFORM_KMU_DEFAULT_PERMISSIONS, key),
  ).toBe(0);
  return kmu;
}

describe('Nordic vectors (sdk-nrf tests/lib/hw_unique_key)', () => {
  const cc310 = vectors.vectors[0]!;
  const cc312 = vectors.vectors[1]!;

  it('CC310: the KMU slot derivation gives expected_key', () => {
    const kmu = kmuWithKey(HUK_KEYSLOT_MEXT, fromHex(cc310.key));
    const out = new Uint8Array(16);
    expect(
      kmu.nrf_cc3xx_platform_kmu_shadow_key_derive(
        HUK_KEYSLOT_MEXT,
        cc310.keybits,
        fromHex(cc310.label),
        fromHex(cc310.context),
        out,
      ),
    ).toBe(NRF_CC3XX_PLATFORM_SUCCESS);
    expect(toHex(out)).toBe(cc310.output);
  });

  it('CC310: the same from the KDR (slot 0) after push_kdr_slot_and_lock', () => {
    const kmu = new Nrf91Kmu();
    expect(kmu.writeKdrSlot(0, fromHex(cc310.key))).toBe(0);
    expect(kmu.pushKdrSlotAndLock(0)).toBe(0);
    const out = new Uint8Array(16);
    expect(kmu.shadowKeyDerive(0, 128, fromHex(cc310.label), fromHex(cc310.context), out)).toBe(0);
    expect(toHex(out)).toBe(cc310.output);
  });

  it('both vectors match the independent reference (CC312: two-byte L, two blocks, AES-256)', () => {
    for (const v of [cc310, cc312]) {
      const got = referenceKdf(fromHex(v.key), fromHex(v.label), fromHex(v.context), v.output.length / 2);
      expect(toHex(got)).toBe(v.output);
    }
  });

  it('the two-byte L really matters: a one-byte L would give another output', () => {
    const wrong = cmac(
      Uint8Array.from([1, ...fromHex(cc312.label), 0, ...fromHex(cc312.context), 0x00]),
      fromHex(cc312.key),
    );
    expect(toHex(wrong)).not.toBe(cc312.output.slice(0, 32));
  });
});

describe('fixed-input encodings', () => {
  it("'cc3xx': counter one byte, L one byte up to 255 bits, two bytes big-endian above", () => {
    const label = Uint8Array.of(0xaa);
    const context = Uint8Array.of(0xbb, 0xcc);
    expect(toHex(sp800108FixedInput('cc3xx', 1, label, context, 16))).toBe('01aa00bbcc80');
    expect(toHex(sp800108FixedInput('cc3xx', 2, label, context, 32))).toBe('02aa00bbcc0100');
    expect(toHex(sp800108FixedInput('cc3xx', 1, new Uint8Array(0), new Uint8Array(0), 31))).toBe('0100f8');
  });

  it("'psa': counter and L as 32-bit big-endian (PSA_ALG_SP800_108_COUNTER_CMAC)", () => {
    expect(toHex(sp800108FixedInput('psa', 3, Uint8Array.of(1), Uint8Array.of(2), 32))).toBe(
      '00000003010002' + '00000100',
    );
  });

  it('rejects output lengths the counter cannot reach', () => {
    const prf = (m: Uint8Array) => cmac(m, new Uint8Array(16));
    expect(() => sp800108CounterKdf('cc3xx', prf, new Uint8Array(0), new Uint8Array(0), 0)).toThrow(
      RangeError,
    );
    expect(() => sp800108CounterKdf('cc3xx', prf, new Uint8Array(0), new Uint8Array(0), 4081)).toThrow(
      /between 1 and 4080/,
    );
  });
});

describe('shadowKeyDerive equals the reference for any label, context and length', () => {
  it('property: random key, label/context 0–64 bytes, output 1–80 bytes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ maxLength: 64 }),
        fc.uint8Array({ maxLength: 64 }),
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 2, max: 127 }),
        (key, label, context, n, slot) => {
          const kmu = kmuWithKey(slot, key);
          const out = new Uint8Array(n);
          expect(kmu.shadowKeyDerive(slot, 128, label, context, out)).toBe(0);
          expect(toHex(out)).toBe(toHex(referenceKdf(key, label, context, n)));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a 40-byte output (320 bits) uses three blocks and the two-byte L', () => {
    const key = fromHex('000102030405060708090a0b0c0d0e0f');
    const kmu = kmuWithKey(9, key);
    const out = new Uint8Array(40);
    expect(kmu.shadowKeyDerive(9, 128, Uint8Array.of(1, 2), Uint8Array.of(3), out)).toBe(0);
    expect(toHex(out)).toBe(toHex(referenceKdf(key, Uint8Array.of(1, 2), Uint8Array.of(3), 40)));
  });

  it('TF-M\'s HUK call shape: label "TFM_HW_UNIQ_KEY\\0", no context, 16 bytes', () => {
    const key = fromHex('2b7e151628aed2a6abf7158809cf4f3c');
    const kmu = kmuWithKey(HUK_KEYSLOT_MEXT, key);
    const label = new TextEncoder().encode('TFM_HW_UNIQ_KEY\0');
    const out = new Uint8Array(16);
    expect(kmu.shadowKeyDerive(HUK_KEYSLOT_MEXT, 128, label, null, out)).toBe(0);
    expect(toHex(out)).toBe(toHex(referenceKdf(key, label, new Uint8Array(0), 16)));
  });
});

describe('shadowKeyDerive return codes', () => {
  const key = new Uint8Array(16).fill(7);

  it('PARAM_NULL, KMU_INVALID_SLOT, INVALID_PARAM', () => {
    const kmu = kmuWithKey(2, key);
    const out = new Uint8Array(16);
    expect(kmu.shadowKeyDerive(2, 128, null, null, null)).toBe(NRF_CC3XX_PLATFORM_ERROR_PARAM_NULL);
    expect(kmu.shadowKeyDerive(128, 128, null, null, out)).toBe(NRF_CC3XX_PLATFORM_ERROR_KMU_INVALID_SLOT);
    expect(kmu.shadowKeyDerive(2, 256, null, null, out)).toBe(NRF_CC3XX_PLATFORM_ERROR_INVALID_PARAM);
    expect(kmu.shadowKeyDerive(2, 128, new Uint8Array(65), null, out)).toBe(
      NRF_CC3XX_PLATFORM_ERROR_INVALID_PARAM,
    );
    expect(kmu.shadowKeyDerive(2, 128, null, new Uint8Array(65), out)).toBe(
      NRF_CC3XX_PLATFORM_ERROR_INVALID_PARAM,
    );
    expect(kmu.shadowKeyDerive(2, 128, null, null, new Uint8Array(0))).toBe(
      NRF_CC3XX_PLATFORM_ERROR_INVALID_PARAM,
    );
    expect(kmu.shadowKeyDerive(2, 128, null, null, new Uint8Array(4081))).toBe(
      NRF_CC3XX_PLATFORM_ERROR_INVALID_PARAM,
    );
    expect(kmu.shadowKeyDerive(2, 128, new Uint8Array(64), new Uint8Array(64), out)).toBe(0);
  });

  it('INTERNAL when the key cannot reach the CryptoCell: empty, revoked, non-pushable slot, no KDR', () => {
    const kmu = kmuWithKey(2, key);
    const out = new Uint8Array(16);
    expect(kmu.shadowKeyDerive(3, 128, null, null, out)).toBe(NRF_CC3XX_PLATFORM_ERROR_INTERNAL);
    expect(kmu.shadowKeyDerive(0, 128, null, null, out)).toBe(NRF_CC3XX_PLATFORM_ERROR_INTERNAL);
    expect(kmu.writeKeySlot(4, NRF_CC3XX_PLATFORM_KMU_AES_ADDR, 0xfffffffa, key)).toBe(0);
    expect(kmu.shadowKeyDerive(4, 128, null, null, out)).toBe(NRF_CC3XX_PLATFORM_ERROR_INTERNAL);
    expect(kmu.revoke(2)).toBe(true);
    expect(kmu.shadowKeyDerive(2, 128, null, null, out)).toBe(NRF_CC3XX_PLATFORM_ERROR_INTERNAL);
    expect(out.every((b) => b === 0)).toBe(true);
  });
});
