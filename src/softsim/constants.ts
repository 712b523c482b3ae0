/**
 * The numbers nrf-softsim and onomondo-uicc are built on: the PSA key ids of the "KMU slots",
 * the profile TLV tags that stand in for keys in the SIM files, the OTA algorithm enum, the
 * status words and the Zephyr log module names.
 * Sources: onomondo/nrf-softsim `lib/ss_crypto.h`, `lib/ss_crypto.c`, `lib/nrf_softsim.c`,
 * `lib/ss_logp_zephyr.c`; onomondo/onomondo-uicc `include/onomondo/utils/ss_profile.h`,
 * `include/onomondo/softsim/crypto.h`, `src/softsim/uicc/sw.h` (reference/softsim.md §1.1).
 * @module
 */

/**
 * `enum key_identifier_base` (nrf-softsim `lib/ss_crypto.h`): the PSA key ids the port imports
 * K, KIC and KID under. Plain persistent PSA keys in ITS, not hardware KMU slots.
 */
export const KEY_ID = Object.freeze({
  /** K (Ki), the subscriber key: AES-128, ENCRYPT, CBC_NO_PADDING. */
  KI: 10,
  /** KIc, the OTA cipher key: AES-128, ENCRYPT | DECRYPT, CBC_NO_PADDING. */
  KIC: 11,
  /** KID, the OTA integrity key: AES-128, SIGN_MESSAGE, CMAC. */
  KID: 12,
  /** Returned for any tag that is not a key tag. */
  UNKNOWN: 13,
} as const);

/** The profile TLV tags (onomondo-uicc `ss_profile.h`); KI/KIC/KID also stand in for the keys in A001/A004. */
export const PROFILE_TAG = Object.freeze({
  IMSI: 0x01,
  ICCID: 0x02,
  OPC: 0x03,
  KI: 0x04,
  KIC: 0x05,
  KID: 0x06,
  SMSP: 0x07,
  PIN1: 0x08,
  PIN2: 0x09,
  ADM: 0x0a,
  PUK: 0x0b,
  SMSC: 0x0c,
  END: 0xff,
} as const);

/** `KMU_KEY_SIZE`: every key is 16 raw bytes (`psa_set_key_bits(…, 128)` is hard-coded). */
export const KMU_KEY_SIZE = 16;
/** `AES_BLOCKSIZE`. */
export const AES_BLOCKSIZE = 16;
/** `SHARED_BUFFER_SIZE`: the static output buffer of the cipher hooks (longer inputs fail). */
export const SHARED_BUFFER_SIZE = 256;
/** `EINVAL` as the port returns it (`-EINVAL`). */
export const EINVAL = 22;

/** `enum enc_algorithm` (onomondo-uicc `crypto.h`, ETSI TS 102 225 §5.1.1/§5.1.2). */
export const ENC_ALGORITHM = Object.freeze({
  NONE: 0,
  TRIPLE_DES_CBC2: 1,
  AES_CBC: 2,
  AES_CMAC: 3,
} as const);

/** `key_id_to_kmu_slot(tag)`: the PSA key id for the tag in a key buffer's first byte (nrf-softsim `ss_crypto.c`). */
export function keyIdToKmuSlot(tag: number): number {
  switch (tag) {
    case PROFILE_TAG.KI:
      return KEY_ID.KI;
    case PROFILE_TAG.KID:
      return KEY_ID.KID;
    case PROFILE_TAG.KIC:
      return KEY_ID.KIC;
    default:
      return KEY_ID.UNKNOWN;
  }
}

/** Status words the SIM answers (onomondo-uicc `sw.h`; TS 102 221 §10.2, TS 31.102 §7.3). */
export const SW = Object.freeze({
  NORMAL_ENDING: 0x9000,
  WRONG_LENGTH: 0x6700,
  FUNCTION_IN_CLA_NOT_SUPP_LCHAN: 0x6881,
  FUNCTION_IN_CLA_NOT_SUPP_SM: 0x6882,
  WRONG_P1_P2: 0x6b00,
  INS_INVALID: 0x6d00,
  CLA_INVALID: 0x6e00,
  /** "Technical problem, no precise diagnosis": any handler error (rc < 0). */
  NO_PRECISE_DIAG: 0x6f00,
  /** "Authentication error, incorrect MAC" (TS 31.102 §7.3), onomondo-uicc after PR #103. */
  AUTH_ERR_INCORRECT_MAC: 0x9862,
} as const);

/** INS of AUTHENTICATE (TS 31.102 §7.1.2, "even" INS). */
export const INS_AUTHENTICATE = 0x88;

/** Zephyr log modules: `softsim` (nrf_softsim.c, ss_fs.c), `softsim_crypto` (ss_crypto.c), `softsim_uicc` (the UICC core via ss_logp). */
export const LOG_MODULE = Object.freeze({
  softsim: 'softsim',
  crypto: 'softsim_crypto',
  uicc: 'softsim_uicc',
} as const);
