/**
 * The 32-bit METADATA word the CRACEN PSA driver keeps in a KMU slot (`struct kmu_metadata` in
 * nrfconnect/sdk-nrf `subsys/nrf_security/src/drivers/cracen/cracenpsa/src/kmu.c`) and its two
 * conversions, status for status: `convert_from_psa_attributes` (import) and
 * `convert_to_psa_attributes` (load). Bit-fields are allocated from bit 0 up (GCC on little-endian
 * Arm, AAPCS): version 0–3, key usage scheme 4–5, reserved 6–15, algorithm 16–19, size 20–22,
 * revocation policy 23–24, usage flags 25–31. Facts and sources: docs/notes/kmu.md §2.
 * @module
 */
import type { PsaKeyAttributes } from '../psa/attributes.js';
import {
  PSA_ALG_CBC_NO_PADDING,
  PSA_ALG_CCM,
  PSA_ALG_CHACHA20_POLY1305,
  PSA_ALG_CMAC,
  PSA_ALG_CTR,
  PSA_ALG_ECB_NO_PADDING,
  PSA_ALG_GCM,
  PSA_ALG_HMAC,
  PSA_ALG_SHA_256,
  PSA_ALG_STREAM_CIPHER,
} from '../psa/constants/algorithms.js';
import {
  PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION,
  PSA_KEY_LIFETIME_GET_PERSISTENCE,
  PSA_KEY_PERSISTENCE_DEFAULT,
  PSA_KEY_PERSISTENCE_READ_ONLY,
  PSA_KEY_TYPE_AES,
  PSA_KEY_TYPE_CHACHA20,
  PSA_KEY_TYPE_HMAC,
  PSA_KEY_TYPE_RAW_DATA,
  PSA_KEY_USAGE_COPY,
  PSA_KEY_USAGE_DECRYPT,
  PSA_KEY_USAGE_DERIVE,
  PSA_KEY_USAGE_ENCRYPT,
  PSA_KEY_USAGE_EXPORT,
  PSA_KEY_USAGE_SIGN_HASH,
  PSA_KEY_USAGE_SIGN_MESSAGE,
  PSA_KEY_USAGE_VERIFY_HASH,
  PSA_KEY_USAGE_VERIFY_MESSAGE,
} from '../psa/constants/keys.js';
import {
  PSA_ERROR_BAD_STATE,
  PSA_ERROR_CORRUPTION_DETECTED,
  PSA_ERROR_DATA_INVALID,
  PSA_ERROR_HARDWARE_FAILURE,
  PSA_ERROR_INVALID_ARGUMENT,
  PSA_ERROR_NOT_SUPPORTED,
  PSA_ERROR_STORAGE_FAILURE,
  PSA_SUCCESS,
} from '../psa/status.js';

/** `CRACEN_PSA_GET_KEY_USAGE_SCHEME(key_id)`: the key usage scheme bits 12–15 of a CRACEN KMU key id. */
export const CRACEN_PSA_GET_KEY_USAGE_SCHEME = (keyId: number): number => (keyId >>> 12) & 0xf;
/** `PSA_KEY_LOCATION_CRACEN_KMU`: `PSA_KEY_LOCATION_VENDOR_FLAG | ('N' << 8) | 'K'`. */
export const PSA_KEY_LOCATION_CRACEN_KMU = 0x804e4b;
/** `PSA_KEY_LOCATION_CRACEN` (CRACEN's builtin IKG keys): `PSA_KEY_LOCATION_VENDOR_FLAG | ('N' << 8)`. */
export const PSA_KEY_LOCATION_CRACEN = 0x804e00;
/** `CRACEN_KEY_PERSISTENCE_REVOKABLE`: destroying the key revokes its slots for good. */
export const CRACEN_KEY_PERSISTENCE_REVOKABLE = 0x02;
/** `CRACEN_KEY_PERSISTENCE_READ_ONLY`: a locked key that cannot be destroyed (only ERASEALL clears it). */
export const CRACEN_KEY_PERSISTENCE_READ_ONLY = 0x03;
/** `PSA_ALG_SP800_108_COUNTER_CMAC` (PSA Crypto API 1.2). */
export const PSA_ALG_SP800_108_COUNTER_CMAC = 0x08000800;

// Key usage schemes (cracen_psa_kmu.h `enum cracen_kmu_metadata_key_usage_scheme`)
/** Pushed only to CRACEN's protected RAM; not encrypted; AES only; never EXPORT/COPY. */
export const CRACEN_KMU_KEY_USAGE_SCHEME_PROTECTED = 0;
/** CRACEN's IKG seed: 384 bits in 3 slots, pushed to the SEED register. */
export const CRACEN_KMU_KEY_USAGE_SCHEME_SEED = 1;
/** Stored AES-GCM encrypted (+2 slots: nonce, tag), decrypted to the push area for use. */
export const CRACEN_KMU_KEY_USAGE_SCHEME_ENCRYPTED = 2;
/** Stored in clear, pushed to a RAM push area for use. */
export const CRACEN_KMU_KEY_USAGE_SCHEME_RAW = 3;

// Revocation policies (cracen/lib_kmu.h `enum lib_kmu_rev_policy`)
/** Not a usable policy (`convert_to_psa_attributes` answers STORAGE_FAILURE). */
export const LIB_KMU_REV_POLICY_RESERVED = 0;
/** Revoking erases the slot; it can be provisioned again (`PSA_KEY_PERSISTENCE_DEFAULT`). */
export const LIB_KMU_REV_POLICY_ROTATING = 1;
/** The slot cannot be revoked (`CRACEN_KEY_PERSISTENCE_READ_ONLY`). */
export const LIB_KMU_REV_POLICY_LOCKED = 2;
/** Revoking marks the slot revoked for good (`CRACEN_KEY_PERSISTENCE_REVOKABLE`). */
export const LIB_KMU_REV_POLICY_REVOKED = 3;

// kmu_metadata.size (`enum kmu_metadata_key_bits`)
/** `kmu_metadata.size` for a 128-bit key (1 slot). */
export const METADATA_ALG_KEY_BITS_128 = 1;
/** `kmu_metadata.size` for a 192-bit key (2 slots). */
export const METADATA_ALG_KEY_BITS_192 = 2;
/** `kmu_metadata.size` for a 255-bit (Ed25519) key (2 slots). */
export const METADATA_ALG_KEY_BITS_255 = 3;
/** `kmu_metadata.size` for a 256-bit key (2 slots). */
export const METADATA_ALG_KEY_BITS_256 = 4;
/** `kmu_metadata.size` for the 384-bit IKG seed (3 slots). */
export const METADATA_ALG_KEY_BITS_384_SEED = 5;

/** The METADATA of a secondary slot of a multi-slot key (`SECONDARY_SLOT_METADATA_VALUE`). */
export const SECONDARY_SLOT_METADATA_VALUE = 0xffffffff;
/** `HUK_SIZE_BYTES` on CRACEN devices: the 384-bit IKG seed. */
export const CRACEN_SEED_SIZE = 48;

/** `struct kmu_metadata`, decoded. */
export interface KmuMetadata {
  version: number;
  scheme: number;
  algorithm: number;
  size: number;
  rpolicy: number;
  usageFlags: number;
}

/** Packs `struct kmu_metadata` into its 32-bit word. */
export function packKmuMetadata(m: KmuMetadata): number {
  return (
    ((m.version & 0xf) |
      ((m.scheme & 0x3) << 4) |
      ((m.algorithm & 0xf) << 16) |
      ((m.size & 0x7) << 20) |
      ((m.rpolicy & 0x3) << 23) |
      ((m.usageFlags & 0x7f) << 25)) >>>
    0
  );
}

/** Unpacks a METADATA word. */
export function unpackKmuMetadata(word: number): KmuMetadata {
  return {
    version: word & 0xf,
    scheme: (word >>> 4) & 0x3,
    algorithm: (word >>> 16) & 0xf,
    size: (word >>> 20) & 0x7,
    rpolicy: (word >>> 23) & 0x3,
    usageFlags: (word >>> 25) & 0x7f,
  };
}

/** Metadata usage bit i ↔ PSA usage flags (`metadata_usage_flags_mapping`). */
const USAGE_MAP = [
  PSA_KEY_USAGE_ENCRYPT,
  PSA_KEY_USAGE_DECRYPT,
  PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_SIGN_MESSAGE,
  PSA_KEY_USAGE_VERIFY_HASH | PSA_KEY_USAGE_VERIFY_MESSAGE,
  PSA_KEY_USAGE_DERIVE,
  PSA_KEY_USAGE_EXPORT,
  PSA_KEY_USAGE_COPY,
] as const;

/** PSA algorithm ↔ metadata algorithm, the key type it stands for and whether import checks that type. */
const ALGS: readonly { alg: number; meta: number; type: number; checkType: boolean }[] = [
  { alg: PSA_ALG_STREAM_CIPHER, meta: 1, type: PSA_KEY_TYPE_CHACHA20, checkType: true },
  { alg: PSA_ALG_CHACHA20_POLY1305, meta: 2, type: PSA_KEY_TYPE_CHACHA20, checkType: true },
  { alg: PSA_ALG_GCM, meta: 3, type: PSA_KEY_TYPE_AES, checkType: true },
  { alg: PSA_ALG_CCM, meta: 4, type: PSA_KEY_TYPE_AES, checkType: true },
  { alg: PSA_ALG_ECB_NO_PADDING, meta: 5, type: PSA_KEY_TYPE_AES, checkType: true },
  { alg: PSA_ALG_CTR, meta: 6, type: PSA_KEY_TYPE_AES, checkType: true },
  { alg: PSA_ALG_CBC_NO_PADDING, meta: 7, type: PSA_KEY_TYPE_AES, checkType: true },
  { alg: PSA_ALG_SP800_108_COUNTER_CMAC, meta: 8, type: PSA_KEY_TYPE_AES, checkType: true },
  { alg: PSA_ALG_CMAC, meta: 9, type: PSA_KEY_TYPE_AES, checkType: true },
  // The driver's HMAC check tests PSA_ALG_IS_HMAC on the key *type*, which is never true: no check.
  { alg: PSA_ALG_HMAC(PSA_ALG_SHA_256), meta: 13, type: PSA_KEY_TYPE_HMAC, checkType: false },
];

const SIZES: readonly [bits: number, size: number][] = [
  [128, METADATA_ALG_KEY_BITS_128],
  [192, METADATA_ALG_KEY_BITS_192],
  [255, METADATA_ALG_KEY_BITS_255],
  [256, METADATA_ALG_KEY_BITS_256],
];

/**
 * `convert_from_psa_attributes`: the metadata for a key about to be provisioned, or the status the
 * driver returns — INVALID_ARGUMENT (scheme, PROTECTED with EXPORT/COPY, persistence),
 * NOT_SUPPORTED (algorithm, type for it, a usage flag metadata cannot hold, bits).
 */
export function metadataFromPsaAttributes(
  attr: Readonly<PsaKeyAttributes>,
): { status: 0; metadata: KmuMetadata } | { status: number; metadata?: undefined } {
  const scheme = CRACEN_PSA_GET_KEY_USAGE_SCHEME(attr.id);
  if (scheme > CRACEN_KMU_KEY_USAGE_SCHEME_RAW) return { status: PSA_ERROR_INVALID_ARGUMENT };
  const m: KmuMetadata = { version: 0, scheme, algorithm: 0, size: 0, rpolicy: 0, usageFlags: 0 };
  if (
    scheme === CRACEN_KMU_KEY_USAGE_SCHEME_PROTECTED &&
    attr.usage & (PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_COPY)
  )
    return { status: PSA_ERROR_INVALID_ARGUMENT };
  if (scheme === CRACEN_KMU_KEY_USAGE_SCHEME_SEED) {
    m.rpolicy = LIB_KMU_REV_POLICY_LOCKED;
    m.size = METADATA_ALG_KEY_BITS_384_SEED;
    return { status: PSA_SUCCESS, metadata: m };
  }
  const a = ALGS.find((x) => x.alg === attr.alg);
  if (!a || (a.checkType && attr.type !== a.type)) return { status: PSA_ERROR_NOT_SUPPORTED };
  m.algorithm = a.meta;
  let mapped = 0;
  USAGE_MAP.forEach((flags, i) => {
    if (attr.usage & flags) {
      m.usageFlags |= 1 << i;
      mapped |= flags;
    }
  });
  if ((attr.usage & ~mapped) >>> 0 !== 0) return { status: PSA_ERROR_NOT_SUPPORTED };
  const size = SIZES.find(([bits]) => bits === attr.bits);
  if (!size) return { status: PSA_ERROR_NOT_SUPPORTED };
  m.size = size[1];
  switch (PSA_KEY_LIFETIME_GET_PERSISTENCE(attr.lifetime)) {
    case PSA_KEY_PERSISTENCE_READ_ONLY:
    case CRACEN_KEY_PERSISTENCE_READ_ONLY:
      m.rpolicy = LIB_KMU_REV_POLICY_LOCKED;
      break;
    case PSA_KEY_PERSISTENCE_DEFAULT:
      m.rpolicy = LIB_KMU_REV_POLICY_ROTATING;
      break;
    case CRACEN_KEY_PERSISTENCE_REVOKABLE:
      m.rpolicy = LIB_KMU_REV_POLICY_REVOKED;
      break;
    default:
      return { status: PSA_ERROR_INVALID_ARGUMENT };
  }
  return { status: PSA_SUCCESS, metadata: m };
}

/**
 * `convert_to_psa_attributes`: what the driver reports for a stored key (id and alg2 are the
 * caller's). BAD_STATE (metadata version), STORAGE_FAILURE (revocation policy),
 * HARDWARE_FAILURE (algorithm), CORRUPTION_DETECTED (a PROTECTED key that is not AES or has
 * EXPORT/COPY).
 */
export function psaAttributesFromMetadata(
  m: KmuMetadata,
  id: number,
): { status: 0; attributes: PsaKeyAttributes } | { status: number; attributes?: undefined } {
  if (m.version !== 0) return { status: PSA_ERROR_BAD_STATE };
  const persistence = [
    0,
    PSA_KEY_PERSISTENCE_DEFAULT,
    CRACEN_KEY_PERSISTENCE_READ_ONLY,
    CRACEN_KEY_PERSISTENCE_REVOKABLE,
  ][m.rpolicy];
  if (m.rpolicy === LIB_KMU_REV_POLICY_RESERVED || persistence === undefined)
    return { status: PSA_ERROR_STORAGE_FAILURE };
  const attributes: PsaKeyAttributes = {
    id,
    lifetime: PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(persistence, PSA_KEY_LOCATION_CRACEN_KMU),
    type: 0,
    bits: 0,
    usage: 0,
    alg: 0,
    alg2: 0,
  };
  if (m.scheme === CRACEN_KMU_KEY_USAGE_SCHEME_SEED) {
    attributes.type = PSA_KEY_TYPE_RAW_DATA;
    attributes.bits = CRACEN_SEED_SIZE * 8;
    return { status: PSA_SUCCESS, attributes };
  }
  USAGE_MAP.forEach((flags, i) => {
    if (m.usageFlags & (1 << i)) attributes.usage |= flags;
  });
  attributes.usage >>>= 0;
  const a = ALGS.find((x) => x.meta === m.algorithm);
  if (!a) return { status: PSA_ERROR_HARDWARE_FAILURE };
  attributes.type = a.type;
  attributes.alg = a.alg;
  attributes.bits = SIZES.find(([, size]) => size === m.size)?.[0] ?? 0;
  if (
    m.scheme === CRACEN_KMU_KEY_USAGE_SCHEME_PROTECTED &&
    (attributes.type !== PSA_KEY_TYPE_AES || attributes.usage & (PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_COPY))
  )
    return { status: PSA_ERROR_CORRUPTION_DETECTED };
  return { status: PSA_SUCCESS, attributes };
}

/** `get_kmu_slot_count`: slots a key occupies (ENCRYPTED adds nonce and tag); DATA_INVALID for a bad size. */
export function kmuSlotCount(m: KmuMetadata): { status: number; count: number } {
  const base =
    m.size === METADATA_ALG_KEY_BITS_128
      ? 1
      : m.size === METADATA_ALG_KEY_BITS_192 ||
          m.size === METADATA_ALG_KEY_BITS_255 ||
          m.size === METADATA_ALG_KEY_BITS_256
        ? 2
        : m.size === METADATA_ALG_KEY_BITS_384_SEED
          ? 3
          : 0;
  if (base === 0) return { status: PSA_ERROR_DATA_INVALID, count: 0 };
  return { status: PSA_SUCCESS, count: base + (m.scheme === CRACEN_KMU_KEY_USAGE_SCHEME_ENCRYPTED ? 2 : 0) };
}
