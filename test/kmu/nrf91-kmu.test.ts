/**
 * The nRF91 KMU model: every WRITE/READ/PUSH combination with and without revocation, the
 * write-once PERM halves, VALUE writes that check every word first, reserved slots, the platform
 * library's return codes, KDR handling, and push-then-encrypt against an independent AES-ECB
 * (@noble/ciphers) with the same key.
 */
import { ecb } from '@noble/ciphers/aes.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../src/index.js';
import {
  bytesToWords,
  HUK_KEYSLOT_MEXT,
  HUK_KEYSLOT_MKEK,
  KMU_SELECT_SLOT,
  KMU_STORE_UID,
  NRF_CC3XX_PLATFORM_ERROR_KDR_INVALID_PUSH,
  NRF_CC3XX_PLATFORM_ERROR_KMU_ALREADY_FILLED,
  NRF_CC3XX_PLATFORM_ERROR_KMU_INVALID_SLOT,
  NRF_CC3XX_PLATFORM_ERROR_KMU_WRITE_INVALID_PERM,
  NRF_CC3XX_PLATFORM_ERROR_KMU_WRONG_ADDRESS,
  NRF_CC3XX_PLATFORM_ERROR_PARAM_NULL,
  NRF_CC3XX_PLATFORM_KMU_AES_ADDR,
  NRF_CC3XX_PLATFORM_KMU_CHACHAPOLY_ADDR1,
  NRF_CC3XX_PLATFORM_KMU_DEFAULT_PERMISSIONS,
  NRF_CC3XX_PLATFORM_KMU_IDENTITY_KEY_PERMISSIONS,
  NRF_CC3XX_PLATFORM_NRF9160_KDR_ADDR,
  NRF91_KMU_BLOCKED_READ,
  NRF91_KMU_PERM_PUSH,
  NRF91_KMU_PERM_READ,
  NRF91_KMU_PERM_STATE,
  NRF91_KMU_PERM_WRITE,
  NRF91_KMU_STORE_CLIENT,
  Nrf91Kmu,
  nrfCc3xxPlatformCodeName,
} from '../../src/kmu/index.js';
import { fromHex, toHex } from '../../src/utils/bytes.js';

const KEY = fromHex('2b7e151628aed2a6abf7158809cf4f3c');
const BLOCK = fromHex('6bc1bee22e409f96e93d7e117393172a');
/** SP 800-38A F.1.1 ECB-AES128 ciphertext of BLOCK under KEY. */
const ECB_CT = '3ad77bb40d7a3660a89ecaf32466ef97';
const ERASED = 0xffffffff;

/** Programs a slot the way the HUK flashing script does: select, key + DEST, then PERM. */
function program(kmu: Nrf91Kmu, slot: number, key: Uint8Array, perm: number): void {
  kmu.selectKeySlot(KMU_SELECT_SLOT(slot));
  expect(kmu.writeKeyValue(slot, bytesToWords(key))).toBe(true);
  expect(kmu.writeDest(slot, NRF_CC3XX_PLATFORM_KMU_AES_ADDR)).toBe(true);
  expect(kmu.writePerm(slot, perm)).toBe(true);
  kmu.selectKeySlot(0);
}

const combos = [0, 1, 2, 3, 4, 5, 6, 7].map((bits) => ({
  write: (bits & 1) !== 0,
  read: (bits & 2) !== 0,
  push: (bits & 4) !== 0,
}));

describe('every WRITE/READ/PUSH combination, then revocation', () => {
  it.each(combos)('write=$write read=$read push=$push', ({ write, read, push }) => {
    const kmu = new Nrf91Kmu();
    const perm =
      (0xfffffff8 |
        (write ? NRF91_KMU_PERM_WRITE : 0) |
        (read ? NRF91_KMU_PERM_READ : 0) |
        (push ? NRF91_KMU_PERM_PUSH : 0)) >>>
      0;
    program(kmu, 7, KEY, perm);
    const info = kmu.describeSlot(7);
    expect([info.write, info.read, info.push, info.revoked]).toEqual([write, read, push, false]);

    // READ: the value, or 0xDEADDEAD words.
    const words = Array.from(kmu.readSlot(7));
    expect(words).toEqual(
      read ? Array.from(bytesToWords(KEY)) : [0xdeaddead, 0xdeaddead, 0xdeaddead, 0xdeaddead],
    );

    // PUSH: into the CryptoCell AES key register, usable there.
    expect(kmu.push(7)).toBe(push ? 'KEYSLOT_PUSHED' : 'KEYSLOT_ERROR');
    expect(kmu.cryptoCell.hasAesKey).toBe(push);
    if (push) expect(toHex(kmu.cryptoCell.encryptBlock(BLOCK))).toBe(ECB_CT);

    // WRITE: flash programming (bits only go 1 -> 0) when enabled, blocked otherwise.
    kmu.selectKeySlot(KMU_SELECT_SLOT(7));
    expect(kmu.writeKeyValue(7, [0x0000ffff, ERASED, ERASED, ERASED])).toBe(write);
    kmu.selectKeySlot(0);
    if (!write) expect(kmu.lastEvent).toBe('KEYSLOT_ERROR');
    const w0 = bytesToWords(KEY)[0]!;
    if (read) expect(kmu.readSlot(7)[0]).toBe(write ? (w0 & 0xffff) >>> 0 : w0);

    // Revoke: value zeroized, reads blocked, pushes refused, whatever the permissions were.
    expect(kmu.revoke(7)).toBe(true);
    expect(kmu.describeSlot(7).revoked).toBe(true);
    expect(Array.from(kmu.readSlot(7))).toEqual([0xdeaddead, 0xdeaddead, 0xdeaddead, 0xdeaddead]);
    kmu.reset();
    expect(kmu.push(7)).toBe('KEYSLOT_REVOKED');
    expect(kmu.cryptoCell.hasAesKey).toBe(false);
    kmu.selectKeySlot(KMU_SELECT_SLOT(7));
    expect(kmu.writeKeyValue(7, [0, 0, 0, 0])).toBe(false);
    expect(kmu.writePerm(7, ERASED)).toBe(false); // STATE cannot come back
    expect(kmu.describeSlot(7).revoked).toBe(true);
  });
});

describe('PERM halves are write-once', () => {
  it('the access half takes its first value only; STATE can still be written once', () => {
    const kmu = new Nrf91Kmu();
    program(kmu, 9, KEY, NRF_CC3XX_PLATFORM_KMU_DEFAULT_PERMISSIONS);
    kmu.selectKeySlot(KMU_SELECT_SLOT(9));
    // Try to make it readable: the lower half was already written, so nothing changes.
    expect(kmu.writePerm(9, 0xfffffffe)).toBe(false);
    expect(kmu.readConfig(9).perm).toBe(NRF_CC3XX_PLATFORM_KMU_DEFAULT_PERMISSIONS);
    expect(kmu.readKeyValue(9, 0)).toBe(NRF91_KMU_BLOCKED_READ);
    // The STATE half is still erased: revoking works once.
    expect(kmu.writePerm(9, (NRF_CC3XX_PLATFORM_KMU_DEFAULT_PERMISSIONS & ~NRF91_KMU_PERM_STATE) >>> 0)).toBe(
      true,
    );
    expect(kmu.readConfig(9).perm & NRF91_KMU_PERM_STATE).toBe(0);
  });

  it('an erased half stays writable while it reads 0xFFFF', () => {
    const kmu = new Nrf91Kmu();
    kmu.selectKeySlot(KMU_SELECT_SLOT(10));
    expect(kmu.writePerm(10, ERASED)).toBe(true);
    expect(kmu.writePerm(10, 0xfffffffd)).toBe(true);
    expect(kmu.readConfig(10).perm).toBe(0xfffffffd);
  });

  it('register writes need the slot selected', () => {
    const kmu = new Nrf91Kmu();
    expect(kmu.writeKeyValue(11, [0, 0, 0, 0])).toBe(false);
    expect(kmu.writeDest(11, 0)).toBe(false);
    expect(kmu.writePerm(11, 0)).toBe(false);
    expect(kmu.pushKeySlot(11)).toBe('KEYSLOT_ERROR');
    expect(kmu.describeSlot(11).written).toBe(false);
    kmu.selectKeySlot(KMU_SELECT_SLOT(12));
    expect(kmu.readKeyValue(11, 0)).toBe(NRF91_KMU_BLOCKED_READ);
    expect(() => kmu.selectKeySlot(129)).toThrow(RangeError);
    expect(() => kmu.readKeyValue(128, 0)).toThrow(RangeError);
  });
});

describe('writeKeyValue checks every word before programming any', () => {
  const GOOD = [0x11223344, 0x55667788, 0x99aabbcc, 0xddeeff00];

  it.each([
    ['out of range', [0x12345678, 0x9abcdef0, 2 ** 32, 0], RangeError],
    ['negative', [0, 0, 0, -1], RangeError],
    ['not an integer', [0x12345678, 0.5, 0, 0], TypeError],
  ] as const)('a word %s leaves the slot untouched, in memory and after a reload', (_, words, error) => {
    const storage = memoryStorage();
    const kmu = new Nrf91Kmu({ store: storage });
    // Slot 3 erased (no record yet); slot 4 holds a persisted value (a record exists).
    kmu.selectKeySlot(KMU_SELECT_SLOT(4));
    expect(kmu.writeKeyValue(4, GOOD)).toBe(true);
    const recordBefore = toHex(storage.get({ client: NRF91_KMU_STORE_CLIENT, uid: KMU_STORE_UID })!.data);

    for (const slot of [3, 4]) {
      kmu.selectKeySlot(KMU_SELECT_SLOT(slot));
      expect(() => kmu.writeKeyValue(slot, words)).toThrow(error);
    }
    kmu.selectKeySlot(0);
    // Erased PERM is readable: memory still holds erased flash in slot 3 and GOOD in slot 4.
    expect(kmu.describeSlot(3).written).toBe(false);
    expect(Array.from(kmu.readSlot(3))).toEqual([ERASED, ERASED, ERASED, ERASED]);
    expect(Array.from(kmu.readSlot(4))).toEqual(GOOD);
    // The store agrees: the record is unchanged and a reload sees the same slots.
    expect(toHex(storage.get({ client: NRF91_KMU_STORE_CLIENT, uid: KMU_STORE_UID })!.data)).toBe(
      recordBefore,
    );
    const reloaded = new Nrf91Kmu({ store: storage });
    expect(reloaded.describeSlot(3).written).toBe(false);
    expect(Array.from(reloaded.readSlot(3))).toEqual([ERASED, ERASED, ERASED, ERASED]);
    expect(Array.from(reloaded.readSlot(4))).toEqual(GOOD);
  });

  it('a blocked write with a bad word is still a programmer error (checked before the policy)', () => {
    const kmu = new Nrf91Kmu();
    expect(() => kmu.writeKeyValue(5, [0, 0, 0, 2 ** 32])).toThrow(RangeError);
    expect(kmu.lastEvent).toBeUndefined();
    expect(kmu.describeSlot(5).written).toBe(false);
  });
});

describe('nrf_cc3xx_platform_kmu_write_key_slot', () => {
  it('default permissions: not readable (0xDEADDEAD, as Nordic’s HUK test checks), pushable, usable', () => {
    const kmu = new Nrf91Kmu();
    expect(
      kmu.nrf_cc3xx_platform_kmu_write_key_slot(
        HUK_KEYSLOT_MKEK,
        NRF_CC3XX_PLATFORM_KMU_AES_ADDR,
        NRF_CC3XX_PLATFORM_KMU_DEFAULT_PERMISSIONS,
        KEY,
      ),
    ).toBe(0);
    expect(kmu.isSlotWritten(HUK_KEYSLOT_MKEK)).toBe(true);
    expect(kmu.isSlotWritten(HUK_KEYSLOT_MEXT)).toBe(false);
    expect(Array.from(kmu.readSlot(HUK_KEYSLOT_MKEK))).toEqual(Array(4).fill(0xdeaddead));
    expect(kmu.describeSlot(HUK_KEYSLOT_MKEK)).toMatchObject({
      write: false,
      read: false,
      push: true,
      destination: 'cryptocell-aes',
    });
    expect(kmu.push(HUK_KEYSLOT_MKEK)).toBe('KEYSLOT_PUSHED');
    expect(toHex(kmu.cryptoCell.encryptBlock(BLOCK))).toBe(ECB_CT);
    expect(toHex(kmu.cryptoCell.decryptBlock(fromHex(ECB_CT)))).toBe(toHex(BLOCK));
  });

  it('push-then-encrypt equals AES-ECB with the key (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.integer({ min: 2, max: 127 }),
        (key, block, slot) => {
          const kmu = new Nrf91Kmu();
          expect(
            kmu.writeKeySlot(
              slot,
              NRF_CC3XX_PLATFORM_KMU_AES_ADDR,
              NRF_CC3XX_PLATFORM_KMU_DEFAULT_PERMISSIONS,
              key,
            ),
          ).toBe(0);
          expect(kmu.push(slot)).toBe('KEYSLOT_PUSHED');
          const want = ecb(key, { disablePadding: true }).encrypt(block);
          expect(toHex(kmu.cryptoCell.encryptBlock(block))).toBe(toHex(want));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('identity-key permissions: readable (words little-endian), not pushable', () => {
    const kmu = new Nrf91Kmu();
    expect(
      kmu.writeKeySlot(
        6,
        NRF_CC3XX_PLATFORM_KMU_AES_ADDR,
        NRF_CC3XX_PLATFORM_KMU_IDENTITY_KEY_PERMISSIONS,
        KEY,
      ),
    ).toBe(0);
    expect(toHex(new Uint8Array(kmu.readSlot(6).buffer))).toBe(toHex(KEY));
    expect(kmu.push(6)).toBe('KEYSLOT_ERROR');
  });

  it('reserved and out-of-range slots: KMU_INVALID_SLOT (0 and 1 are the KDR slots)', () => {
    const kmu = new Nrf91Kmu();
    const w = (slot: number) =>
      kmu.writeKeySlot(
        slot,
        NRF_CC3XX_PLATFORM_KMU_AES_ADDR,
        NRF_CC3XX_PLATFORM_KMU_DEFAULT_PERMISSIONS,
        KEY,
      );
    for (const s of [0, 1, 128, -1, 2.5]) expect(w(s)).toBe(NRF_CC3XX_PLATFORM_ERROR_KMU_INVALID_SLOT);
    expect(kmu.describeSlot(0).written).toBe(false);
    expect(w(2)).toBe(0);
    expect(w(127)).toBe(0);
    expect(nrfCc3xxPlatformCodeName(NRF_CC3XX_PLATFORM_ERROR_KMU_INVALID_SLOT)).toBe(
      'NRF_CC3XX_PLATFORM_ERROR_KMU_INVALID_SLOT',
    );
    expect(NRF_CC3XX_PLATFORM_ERROR_KMU_INVALID_SLOT).toBe(-0x701a);
  });

  it('PARAM_NULL, WRONG_ADDRESS, WRITE_INVALID_PERM, ALREADY_FILLED; bad key buffers are programmer errors', () => {
    const kmu = new Nrf91Kmu();
    const perm = NRF_CC3XX_PLATFORM_KMU_DEFAULT_PERMISSIONS;
    expect(kmu.writeKeySlot(5, NRF_CC3XX_PLATFORM_KMU_AES_ADDR, perm, null)).toBe(
      NRF_CC3XX_PLATFORM_ERROR_PARAM_NULL,
    );
    expect(kmu.writeKeySlot(5, 0x20000000, perm, KEY)).toBe(NRF_CC3XX_PLATFORM_ERROR_KMU_WRONG_ADDRESS);
    expect(kmu.writeKeySlot(5, NRF_CC3XX_PLATFORM_NRF9160_KDR_ADDR, perm, KEY)).toBe(
      NRF_CC3XX_PLATFORM_ERROR_KMU_WRONG_ADDRESS,
    );
    expect(kmu.writeKeySlot(5, NRF_CC3XX_PLATFORM_KMU_AES_ADDR, 0x0000fffc, KEY)).toBe(
      NRF_CC3XX_PLATFORM_ERROR_KMU_WRITE_INVALID_PERM,
    );
    expect(kmu.describeSlot(5).written).toBe(false);
    expect(kmu.writeKeySlot(5, NRF_CC3XX_PLATFORM_KMU_CHACHAPOLY_ADDR1, perm, KEY)).toBe(0);
    expect(kmu.writeKeySlot(5, NRF_CC3XX_PLATFORM_KMU_AES_ADDR, perm, KEY)).toBe(
      NRF_CC3XX_PLATFORM_ERROR_KMU_ALREADY_FILLED,
    );
    // A slot with only DEST programmed counts as filled (hw_unique_key_is_written's test).
    kmu.selectKeySlot(KMU_SELECT_SLOT(8));
    kmu.writeDest(8, NRF_CC3XX_PLATFORM_KMU_AES_ADDR);
    kmu.selectKeySlot(0);
    expect(kmu.writeKeySlot(8, NRF_CC3XX_PLATFORM_KMU_AES_ADDR, perm, KEY)).toBe(
      NRF_CC3XX_PLATFORM_ERROR_KMU_ALREADY_FILLED,
    );
    expect(() => kmu.writeKeySlot(9, NRF_CC3XX_PLATFORM_KMU_AES_ADDR, perm, new Uint8Array(32))).toThrow(
      RangeError,
    );
    expect(() => kmu.writeKeySlot(9, NRF_CC3XX_PLATFORM_KMU_AES_ADDR, perm, 'key' as never)).toThrow(
      TypeError,
    );
  });
});

describe('KDR: write_kdr_slot and push_kdr_slot_and_lock', () => {
  it('loads once per reset; a second push or a non-KDR slot is KDR_INVALID_PUSH', () => {
    const kmu = new Nrf91Kmu();
    expect(kmu.nrf_cc3xx_platform_kmu_write_kdr_slot(KEY)).toBe(0); // legacy form: slot 0
    expect(kmu.describeSlot(0)).toMatchObject({ destination: 'cryptocell-kdr', read: false, push: true });
    expect(kmu.writeKdrSlot(0, KEY)).toBe(NRF_CC3XX_PLATFORM_ERROR_KMU_ALREADY_FILLED);
    expect(kmu.writeKdrSlot(0, null)).toBe(NRF_CC3XX_PLATFORM_ERROR_PARAM_NULL);
    expect(kmu.writeKdrSlot(200, KEY)).toBe(NRF_CC3XX_PLATFORM_ERROR_KMU_INVALID_SLOT);
    expect(
      kmu.writeKeySlot(3, NRF_CC3XX_PLATFORM_KMU_AES_ADDR, NRF_CC3XX_PLATFORM_KMU_DEFAULT_PERMISSIONS, KEY),
    ).toBe(0);
    expect(kmu.pushKdrSlotAndLock(3)).toBe(NRF_CC3XX_PLATFORM_ERROR_KDR_INVALID_PUSH);
    expect(kmu.cryptoCell.lifeCycleState).toBe('chip-manufacture');
    expect(kmu.nrf_cc3xx_platform_kmu_push_kdr_slot_and_lock()).toBe(0);
    expect(kmu.cryptoCell.lifeCycleState).toBe('secure');
    expect(kmu.cryptoCell.hasKdr).toBe(true);
    expect(kmu.pushKdrSlotAndLock(0)).toBe(NRF_CC3XX_PLATFORM_ERROR_KDR_INVALID_PUSH);
    expect(kmu.push(0)).toBe('KEYSLOT_ERROR'); // the locked KDR registers take no more writes
    kmu.reset();
    expect(kmu.cryptoCell.hasKdr).toBe(false);
    expect(kmu.pushKdrSlotAndLock(0)).toBe(0);
  });
});

describe('the CryptoCell key registers are write-only', () => {
  it('no key before a push; the engine prints redacted and has no key property', () => {
    const kmu = new Nrf91Kmu();
    expect(() => kmu.cryptoCell.encryptBlock(BLOCK)).toThrow(/push a KMU slot first/);
    expect(
      kmu.writeKeySlot(2, NRF_CC3XX_PLATFORM_KMU_AES_ADDR, NRF_CC3XX_PLATFORM_KMU_DEFAULT_PERMISSIONS, KEY),
    ).toBe(0);
    expect(kmu.push(2)).toBe('KEYSLOT_PUSHED');
    expect(String(kmu.cryptoCell)).toBe('Cc3xxAesEngine [redacted]');
    expect(JSON.stringify(kmu)).toBe('"Nrf91Kmu [redacted]"');
    expect(Object.keys(kmu.cryptoCell)).toEqual([]);
    expect(() => kmu.cryptoCell.encryptBlock(new Uint8Array(15))).toThrow(RangeError);
  });
});
