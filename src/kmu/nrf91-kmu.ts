/**
 * `Nrf91Kmu`: the nRF91 KMU with the secure-side API of Nordic's CryptoCell platform library
 * (nrfconnect/sdk-nrfxlib `crypto/nrf_cc310_platform/include/nrf_cc3xx_platform_kmu.h`):
 * `nrf_cc3xx_platform_kmu_write_key_slot`, `_write_kdr_slot`, `_push_kdr_slot_and_lock` and
 * `_shadow_key_derive`, returning the library's int codes. The library itself is shipped as a binary,
 * so which check yields which code is inferred from the header and the code names; the order used
 * here and each inference are listed in docs/notes/kmu.md §1.3.
 *
 * Key derivation: NIST SP 800-108 §4.1 counter mode with AES-CMAC, fixed input
 * `[i]₁ ‖ Label ‖ 0x00 ‖ Context ‖ [L]` (see `sp800-108.ts`), computed by the CryptoCell with the KDR
 * (slot 0) or with the slot's key pushed into the AES key register — the key never reaches the CPU.
 * @module
 */
import { abytes, describeType, wipe } from '../utils/bytes.js';
import { cc3xxCmac, cc3xxLockKdr } from './cc3xx.js';
import {
  NRF_CC3XX_PLATFORM_ERROR_INTERNAL,
  NRF_CC3XX_PLATFORM_ERROR_INVALID_PARAM,
  NRF_CC3XX_PLATFORM_ERROR_KDR_INVALID_PUSH,
  NRF_CC3XX_PLATFORM_ERROR_KMU_ALREADY_FILLED,
  NRF_CC3XX_PLATFORM_ERROR_KMU_INVALID_SLOT,
  NRF_CC3XX_PLATFORM_ERROR_KMU_WRITE_INVALID_PERM,
  NRF_CC3XX_PLATFORM_ERROR_KMU_WRITE_KEY_FAILED,
  NRF_CC3XX_PLATFORM_ERROR_KMU_WRONG_ADDRESS,
  NRF_CC3XX_PLATFORM_ERROR_PARAM_NULL,
  NRF_CC3XX_PLATFORM_KMU_AES_ADDR,
  NRF_CC3XX_PLATFORM_KMU_CHACHAPOLY_ADDR1,
  NRF_CC3XX_PLATFORM_KMU_CHACHAPOLY_ADDR2,
  NRF_CC3XX_PLATFORM_KMU_DEFAULT_PERMISSIONS,
  NRF_CC3XX_PLATFORM_NRF9160_KDR_ADDR,
  NRF_CC3XX_PLATFORM_SUCCESS,
  NRF_KMU_FIRST_KEY_SLOT,
  NRF_KMU_SLOT_KDR,
  NRF91_KMU_PERM_STATE,
  NRF91_KMU_SLOT_COUNT,
} from './nrf91-constants.js';
import { bytesToWords, Nrf91KmuPeripheral } from './nrf91-kmu-peripheral.js';
import { sp800108CounterKdf } from './sp800-108.js';

/** Longest label / context `shadow_key_derive` takes ("up to 64 bytes long"). */
export const NRF_CC3XX_SHADOW_KEY_MAX_LABEL = 64;
/** Longest derived output: 255 CMAC blocks (the counter is one byte). */
export const NRF_CC3XX_SHADOW_KEY_MAX_OUTPUT = 255 * 16;

const PUSH_TARGETS = new Set([
  NRF_CC3XX_PLATFORM_KMU_AES_ADDR,
  NRF_CC3XX_PLATFORM_KMU_CHACHAPOLY_ADDR1,
  NRF_CC3XX_PLATFORM_KMU_CHACHAPOLY_ADDR2,
]);

type MaybeBytes = Uint8Array | null | undefined;

/** The KMU of one nRF91 device, with the `nrf_cc3xx_platform_kmu_*` secure-side API. */
export class Nrf91Kmu extends Nrf91KmuPeripheral {
  /**
   * `nrf_cc3xx_platform_kmu_write_key_slot(slot_id, key_addr, key_perm, key)`: writes a 128-bit key
   * to slot 2–127 with DEST = `keyAddr` and PERM = `keyPerm`. Returns 0 or a negative
   * `NRF_CC3XX_PLATFORM_ERROR_*`: PARAM_NULL (no key), KMU_INVALID_SLOT (0, 1 or > 127),
   * KMU_WRONG_ADDRESS (not a CryptoCell AES/ChaChaPoly key register), KMU_WRITE_INVALID_PERM (STATE
   * already revoked), KMU_ALREADY_FILLED (slot not erased), KMU_WRITE_KEY_FAILED (did not read back).
   */
  writeKeySlot(slotId: number, keyAddr: number, keyPerm: number, key: MaybeBytes): number {
    if (key == null) return NRF_CC3XX_PLATFORM_ERROR_PARAM_NULL;
    abytes('key', key, 16);
    if (!isSlotId(slotId) || slotId < NRF_KMU_FIRST_KEY_SLOT)
      return NRF_CC3XX_PLATFORM_ERROR_KMU_INVALID_SLOT;
    if (!PUSH_TARGETS.has(keyAddr)) return NRF_CC3XX_PLATFORM_ERROR_KMU_WRONG_ADDRESS;
    if (!isU32(keyPerm) || !(keyPerm & NRF91_KMU_PERM_STATE))
      return NRF_CC3XX_PLATFORM_ERROR_KMU_WRITE_INVALID_PERM;
    return this.#write(slotId, keyAddr, keyPerm, key);
  }

  /**
   * `nrf_cc3xx_platform_kmu_write_kdr_slot(slot_id, key)` (NCS ≥ 2.x; older libraries took only
   * `key` and used slot 0, which `writeKdrSlot(key)` also accepts): writes a 128-bit KDR with
   * DEST = the CryptoCell KDR registers and the default permissions (non-writable, non-readable,
   * pushable). PARAM_NULL, KMU_INVALID_SLOT (> 127), KMU_ALREADY_FILLED.
   */
  writeKdrSlot(slotIdOrKey: number | MaybeBytes, key?: MaybeBytes): number {
    const legacy = typeof slotIdOrKey !== 'number';
    const slotId = legacy ? NRF_KMU_SLOT_KDR : slotIdOrKey;
    const k = legacy ? slotIdOrKey : key;
    if (k == null) return NRF_CC3XX_PLATFORM_ERROR_PARAM_NULL;
    abytes('key', k, 16);
    if (!isSlotId(slotId)) return NRF_CC3XX_PLATFORM_ERROR_KMU_INVALID_SLOT;
    return this.#write(
      slotId,
      NRF_CC3XX_PLATFORM_NRF9160_KDR_ADDR,
      NRF_CC3XX_PLATFORM_KMU_DEFAULT_PERMISSIONS,
      k,
    );
  }

  /**
   * `nrf_cc3xx_platform_kmu_push_kdr_slot_and_lock(slot_id)` (default slot 0): pushes the slot into
   * the CryptoCell KDR registers and sets LCS = secure, once per reset. KMU_INVALID_SLOT (> 127);
   * KDR_INVALID_PUSH when already locked, when the slot's DEST is not the KDR or the push fails.
   */
  pushKdrSlotAndLock(slotId: number = NRF_KMU_SLOT_KDR): number {
    if (!isSlotId(slotId)) return NRF_CC3XX_PLATFORM_ERROR_KMU_INVALID_SLOT;
    if (this.cryptoCell.lifeCycleState === 'secure') return NRF_CC3XX_PLATFORM_ERROR_KDR_INVALID_PUSH;
    if (this.readConfig(slotId).dest !== NRF_CC3XX_PLATFORM_NRF9160_KDR_ADDR)
      return NRF_CC3XX_PLATFORM_ERROR_KDR_INVALID_PUSH;
    if (this.push(slotId) !== 'KEYSLOT_PUSHED') return NRF_CC3XX_PLATFORM_ERROR_KDR_INVALID_PUSH;
    cc3xxLockKdr(this.cryptoCell);
    return NRF_CC3XX_PLATFORM_SUCCESS;
  }

  /**
   * `nrf_cc3xx_platform_kmu_shadow_key_derive(slot_id, keybits, label, label_size, context,
   * context_size, output, output_size)`: fills `output` (its length is `output_size`) with
   * SP 800-108 counter-mode AES-CMAC output keyed by slot `slotId` (slot 0: the KDR loaded by
   * `pushKdrSlotAndLock`; other slots are pushed into the AES key register first, so they need PUSH,
   * an active STATE and DEST = the AES key register). `keybits` is the size of the derivation key:
   * 128 on CC310. `label`/`context` may be empty (TF-M derives its HUK with no context).
   * Returns 0, PARAM_NULL (no output), KMU_INVALID_SLOT, INVALID_PARAM (keybits, a label or
   * context over 64 bytes, output size 0 or over 4080) or INTERNAL (the key could not be loaded).
   */
  shadowKeyDerive(
    slotId: number,
    keybits: number,
    label: MaybeBytes,
    context: MaybeBytes,
    output: Uint8Array | null | undefined,
  ): number {
    if (output == null) return NRF_CC3XX_PLATFORM_ERROR_PARAM_NULL;
    abytes('output', output);
    const lab = label == null ? new Uint8Array(0) : abytes('label', label);
    const ctx = context == null ? new Uint8Array(0) : abytes('context', context);
    if (!isSlotId(slotId)) return NRF_CC3XX_PLATFORM_ERROR_KMU_INVALID_SLOT;
    if (keybits !== 128) return NRF_CC3XX_PLATFORM_ERROR_INVALID_PARAM;
    if (lab.length > NRF_CC3XX_SHADOW_KEY_MAX_LABEL || ctx.length > NRF_CC3XX_SHADOW_KEY_MAX_LABEL)
      return NRF_CC3XX_PLATFORM_ERROR_INVALID_PARAM;
    if (output.length === 0 || output.length > NRF_CC3XX_SHADOW_KEY_MAX_OUTPUT)
      return NRF_CC3XX_PLATFORM_ERROR_INVALID_PARAM;
    const which = slotId === NRF_KMU_SLOT_KDR ? 'kdr' : 'aes';
    if (which === 'kdr') {
      if (!this.cryptoCell.hasKdr) return NRF_CC3XX_PLATFORM_ERROR_INTERNAL;
    } else if (
      this.readConfig(slotId).dest !== NRF_CC3XX_PLATFORM_KMU_AES_ADDR ||
      this.push(slotId) !== 'KEYSLOT_PUSHED'
    ) {
      return NRF_CC3XX_PLATFORM_ERROR_INTERNAL;
    }
    const prf = (m: Uint8Array): Uint8Array => cc3xxCmac(this.cryptoCell, which, m)!;
    const derived = sp800108CounterKdf('cc3xx', prf, lab, ctx, output.length);
    output.set(derived);
    wipe(derived);
    return NRF_CC3XX_PLATFORM_SUCCESS;
  }

  #write(slotId: number, dest: number, perm: number, key: Uint8Array): number {
    if (this.isSlotWritten(slotId)) return NRF_CC3XX_PLATFORM_ERROR_KMU_ALREADY_FILLED;
    const words = bytesToWords(key);
    const ok = this.selecting(slotId, () => {
      this.writeKeyValue(slotId, words);
      this.writeDest(slotId, dest);
      return this.writePerm(slotId, perm);
    });
    wipe(words);
    const cfg = this.readConfig(slotId);
    if (!ok || cfg.perm !== perm >>> 0 || cfg.dest !== dest)
      return NRF_CC3XX_PLATFORM_ERROR_KMU_WRITE_KEY_FAILED;
    return NRF_CC3XX_PLATFORM_SUCCESS;
  }

  /** C alias of `writeKeySlot`. */
  nrf_cc3xx_platform_kmu_write_key_slot(
    slotId: number,
    keyAddr: number,
    keyPerm: number,
    key: MaybeBytes,
  ): number {
    return this.writeKeySlot(slotId, keyAddr, keyPerm, key);
  }

  /** C alias of `writeKdrSlot`. */
  nrf_cc3xx_platform_kmu_write_kdr_slot(slotIdOrKey: number | MaybeBytes, key?: MaybeBytes): number {
    return this.writeKdrSlot(slotIdOrKey, key);
  }

  /** C alias of `pushKdrSlotAndLock`. */
  nrf_cc3xx_platform_kmu_push_kdr_slot_and_lock(slotId: number = NRF_KMU_SLOT_KDR): number {
    return this.pushKdrSlotAndLock(slotId);
  }

  /** C alias of `shadowKeyDerive`. */
  nrf_cc3xx_platform_kmu_shadow_key_derive(
    slotId: number,
    keybits: number,
    label: MaybeBytes,
    context: MaybeBytes,
    output: Uint8Array | null | undefined,
  ): number {
    return this.shadowKeyDerive(slotId, keybits, label, context, output);
  }
}

function isSlotId(slotId: unknown): slotId is number {
  if (typeof slotId !== 'number')
    throw new TypeError(`slot_id must be a number, got ${describeType(slotId)}`);
  return Number.isInteger(slotId) && slotId >= 0 && slotId < NRF91_KMU_SLOT_COUNT;
}

const isU32 = (v: number): boolean => Number.isInteger(v) && v >= 0 && v <= 0xffffffff;
