/**
 * Constants of the nRF91 (nRF9160 / nRF9151) KMU and of the CryptoCell platform library that
 * drives it, with their C values:
 * - return codes, permission masks and CryptoCell push addresses: nrfconnect/sdk-nrfxlib
 *   `crypto/nrf_cc310_platform/include/nrf_cc3xx_platform_defines.h` and `nrf_cc3xx_platform_kmu.h`;
 * - the PERM fields: nRF9160/nRF9151 Product Specification, KMU and UICR chapters
 *   (`UICR_KEYSLOT_CONFIG_PERM_*`: WRITE bit 0, READ bit 1, PUSH bit 2, STATE bit 16);
 * - the HUK slots: nrfconnect/sdk-nrf `include/hw_unique_key.h`.
 * Facts and sources: docs/notes/kmu.md §1.
 * @module
 */

/** Number of KMU key slots (KEYSLOT[0..127]), each one 128-bit value. */
export const NRF91_KMU_SLOT_COUNT = 128;

// Return codes (nrf_cc3xx_platform_defines.h)
/** `NRF_CC3XX_PLATFORM_SUCCESS`. */
export const NRF_CC3XX_PLATFORM_SUCCESS = 0;
/** `NRF_CC3XX_PLATFORM_ERROR_PARAM_NULL` (−0x7001): a required pointer was NULL. */
export const NRF_CC3XX_PLATFORM_ERROR_PARAM_NULL = -0x7001;
/** `NRF_CC3XX_PLATFORM_ERROR_INTERNAL` (−0x7002). */
export const NRF_CC3XX_PLATFORM_ERROR_INTERNAL = -0x7002;
/** `NRF_CC3XX_PLATFORM_ERROR_KMU_INVALID_SLOT` (−0x701a): slot id out of range (or reserved). */
export const NRF_CC3XX_PLATFORM_ERROR_KMU_INVALID_SLOT = -0x701a;
/** `NRF_CC3XX_PLATFORM_ERROR_KMU_ALREADY_FILLED` (−0x701b): the slot is not erased. */
export const NRF_CC3XX_PLATFORM_ERROR_KMU_ALREADY_FILLED = -0x701b;
/** `NRF_CC3XX_PLATFORM_ERROR_KMU_WRONG_ADDRESS` (−0x701c): not a CryptoCell key-register address. */
export const NRF_CC3XX_PLATFORM_ERROR_KMU_WRONG_ADDRESS = -0x701c;
/** `NRF_CC3XX_PLATFORM_ERROR_KMU_WRITE_KEY_FAILED` (−0x701d): the slot did not read back as written. */
export const NRF_CC3XX_PLATFORM_ERROR_KMU_WRITE_KEY_FAILED = -0x701d;
/** `NRF_CC3XX_PLATFORM_ERROR_KMU_WRITE_INVALID_PERM` (−0x701e). */
export const NRF_CC3XX_PLATFORM_ERROR_KMU_WRITE_INVALID_PERM = -0x701e;
/** `NRF_CC3XX_PLATFORM_ERROR_KDR_INVALID_WRITE` (−0x701f). */
export const NRF_CC3XX_PLATFORM_ERROR_KDR_INVALID_WRITE = -0x701f;
/** `NRF_CC3XX_PLATFORM_ERROR_KDR_INVALID_PUSH` (−0x7020). */
export const NRF_CC3XX_PLATFORM_ERROR_KDR_INVALID_PUSH = -0x7020;
/** `NRF_CC3XX_PLATFORM_ERROR_KMU_INVALID_KEY_TYPE` (−0x7021). */
export const NRF_CC3XX_PLATFORM_ERROR_KMU_INVALID_KEY_TYPE = -0x7021;
/** `NRF_CC3XX_PLATFORM_ERROR_INVALID_PARAM` (−0x7022). */
export const NRF_CC3XX_PLATFORM_ERROR_INVALID_PARAM = -0x7022;

const CODE_NAMES = new Map<number, string>([
  [NRF_CC3XX_PLATFORM_SUCCESS, 'NRF_CC3XX_PLATFORM_SUCCESS'],
  [NRF_CC3XX_PLATFORM_ERROR_PARAM_NULL, 'NRF_CC3XX_PLATFORM_ERROR_PARAM_NULL'],
  [NRF_CC3XX_PLATFORM_ERROR_INTERNAL, 'NRF_CC3XX_PLATFORM_ERROR_INTERNAL'],
  [NRF_CC3XX_PLATFORM_ERROR_KMU_INVALID_SLOT, 'NRF_CC3XX_PLATFORM_ERROR_KMU_INVALID_SLOT'],
  [NRF_CC3XX_PLATFORM_ERROR_KMU_ALREADY_FILLED, 'NRF_CC3XX_PLATFORM_ERROR_KMU_ALREADY_FILLED'],
  [NRF_CC3XX_PLATFORM_ERROR_KMU_WRONG_ADDRESS, 'NRF_CC3XX_PLATFORM_ERROR_KMU_WRONG_ADDRESS'],
  [NRF_CC3XX_PLATFORM_ERROR_KMU_WRITE_KEY_FAILED, 'NRF_CC3XX_PLATFORM_ERROR_KMU_WRITE_KEY_FAILED'],
  [NRF_CC3XX_PLATFORM_ERROR_KMU_WRITE_INVALID_PERM, 'NRF_CC3XX_PLATFORM_ERROR_KMU_WRITE_INVALID_PERM'],
  [NRF_CC3XX_PLATFORM_ERROR_KDR_INVALID_WRITE, 'NRF_CC3XX_PLATFORM_ERROR_KDR_INVALID_WRITE'],
  [NRF_CC3XX_PLATFORM_ERROR_KDR_INVALID_PUSH, 'NRF_CC3XX_PLATFORM_ERROR_KDR_INVALID_PUSH'],
  [NRF_CC3XX_PLATFORM_ERROR_KMU_INVALID_KEY_TYPE, 'NRF_CC3XX_PLATFORM_ERROR_KMU_INVALID_KEY_TYPE'],
  [NRF_CC3XX_PLATFORM_ERROR_INVALID_PARAM, 'NRF_CC3XX_PLATFORM_ERROR_INVALID_PARAM'],
]);

/** The C name of an `nrf_cc3xx_platform` return code, e.g. `NRF_CC3XX_PLATFORM_ERROR_KMU_INVALID_SLOT`. */
export function nrfCc3xxPlatformCodeName(code: number): string {
  return CODE_NAMES.get(code) ?? `unknown nrf_cc3xx_platform code ${code}`;
}

// KEYSLOT.CONFIG[n].PERM fields (a field reads 1 = enabled/active; erased flash is all ones)
/** PERM field A `WRITE` (bit 0): KEYSLOT.KEY[n].VALUE and CONFIG[n].DEST may be written. */
export const NRF91_KMU_PERM_WRITE = 1 << 0;
/** PERM field B `READ` (bit 1): the CPU may read KEYSLOT.KEY[n].VALUE. */
export const NRF91_KMU_PERM_READ = 1 << 1;
/** PERM field C `PUSH` (bit 2): TASKS_PUSH_KEYSLOT may push the value to DEST. */
export const NRF91_KMU_PERM_PUSH = 1 << 2;
/** PERM field D `STATE` (bit 16): 1 = active, 0 = revoked. */
export const NRF91_KMU_PERM_STATE = 1 << 16;

/** `NRF_CC3XX_PLATFORM_KMU_DEFAULT_PERMISSIONS`: non-writable, non-readable, pushable (0xFFFFFFFC). */
export const NRF_CC3XX_PLATFORM_KMU_DEFAULT_PERMISSIONS = 0xfffffffc;
/** `NRF_CC3XX_PLATFORM_KMU_IDENTITY_KEY_PERMISSIONS`: non-writable, readable, non-pushable (0xFFFFFFFA). */
export const NRF_CC3XX_PLATFORM_KMU_IDENTITY_KEY_PERMISSIONS = 0xfffffffa;

// Push destinations on nRF91 (nrf_cc3xx_platform_kmu.h, NRF91_SERIES)
/** `NRF_CC3XX_PLATFORM_KMU_AES_ADDR`: CryptoCell CC310 AES key register (0x50841400). */
export const NRF_CC3XX_PLATFORM_KMU_AES_ADDR = 0x50841400;
/** `NRF_CC3XX_PLATFORM_KMU_CHACHAPOLY_ADDR1`: first 128 bits of the ChaChaPoly key register. */
export const NRF_CC3XX_PLATFORM_KMU_CHACHAPOLY_ADDR1 = 0x50841388;
/** `NRF_CC3XX_PLATFORM_KMU_CHACHAPOLY_ADDR2`: last 128 bits of the ChaChaPoly key register. */
export const NRF_CC3XX_PLATFORM_KMU_CHACHAPOLY_ADDR2 = 0x50841398;
/** `NRF_CC3XX_PLATFORM_NRF9160_KDR_ADDR`: the CryptoCell KDR (root key) registers (0x50841A50). */
export const NRF_CC3XX_PLATFORM_NRF9160_KDR_ADDR = 0x50841a50;

// Slots with a fixed use (nrf_cc3xx_platform_defines.h; sdk-nrf include/hw_unique_key.h)
/** `NRF_KMU_SLOT_KDR`: reserved for the KDR (HUK / root derivation key). */
export const NRF_KMU_SLOT_KDR = 0;
/** `NRF_KMU_SLOT_KDR_RESERVED`: reserved with slot 0 ("Slot 0 and 1 is reserved for KDR use"). */
export const NRF_KMU_SLOT_KDR_RESERVED = 1;
/** `HUK_KEYSLOT_MKEK` / `NRF_KMU_SLOT_MKEK`: Master Key Encryption Key. */
export const HUK_KEYSLOT_MKEK = 2;
/** `HUK_KEYSLOT_MEXT` / `NRF_KMU_SLOT_MEXT`: Master External storage key (TF-M's HUK is derived from it). */
export const HUK_KEYSLOT_MEXT = 4;
/** `NRF_KMU_SLOT_KIDENT`: the identity key, stored encrypted with the MKEK (slots 6–7). */
export const NRF_KMU_SLOT_KIDENT = 6;
/** First slot `nrf_cc3xx_platform_kmu_write_key_slot` accepts ("KMU slot ID for the new key (2 - 127)"). */
export const NRF_KMU_FIRST_KEY_SLOT = 2;

// Addresses (nRF9160 PS; sdk-nrf hw_unique_key.h `KMU_SELECT_SLOT(k) = k + 1`)
/** The KMU peripheral, secure alias (ID 57). */
export const NRF_KMU_S_BASE = 0x50039000;
/** Where the KMU would be in the non-secure alias region; the peripheral is secure-only. */
export const NRF_KMU_NS_BASE = 0x40039000;
/** `UICR.KEYSLOT.CONFIG[0]` (PERM, DEST pairs, 8 bytes per slot). */
export const NRF91_UICR_KEYSLOT_CONFIG = 0x00ff8400;
/** `UICR.KEYSLOT.KEY[0].VALUE[0]` (16 bytes per slot). */
export const NRF91_UICR_KEYSLOT_KEY = 0x00ff8800;
/** What an AHB read of a KEYSLOT value returns when the access policy blocks it. */
export const NRF91_KMU_BLOCKED_READ = 0xdeaddead;
/** Erased flash / UICR word. */
export const NRF91_ERASED_WORD = 0xffffffff;

/** `KMU_SELECT_SLOT(k)`: the SELECTKEYSLOT value for slot `k` (SELECTKEYSLOT is 1-based; 0 = none). */
export const KMU_SELECT_SLOT = (slot: number): number => slot + 1;
