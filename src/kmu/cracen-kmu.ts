/**
 * The nRF54L CRACEN KMU as a PSA key location (`PSA_KEY_LOCATION_CRACEN_KMU`, 0x804E4B): the key id
 * *is* the slot — `PSA_KEY_HANDLE_FROM_CRACEN_KMU_SLOT(scheme, slot)` = 0x7fff0000 | scheme << 12 |
 * slot — and keys are imported, generated, copied, used and destroyed through the normal PSA API.
 * Statuses follow nrfconnect/sdk-nrf `subsys/nrf_security/src/drivers/cracen/cracenpsa/src/kmu.c`
 * (`cracen_kmu_provision`, `cracen_kmu_get_builtin_key`, `cracen_kmu_destroy_key`) and
 * `cracen_psa_key_management.c` (`cracen_import_key`: NOT_PERMITTED outside the caller's slot range
 * under TF-M). Facts and sources: docs/notes/kmu.md §2.
 *
 * Not bit-exact: ENCRYPTED slots hold AES-256-GCM ciphertext under a key derived (SP 800-108
 * CMAC, label "KMU", context = the nonce slot) from an emulated per-device MKEK — the real MKEK
 * comes from CRACEN's isolated key generator. The layout (nonce slot, key slots, tag slot; the
 * metadata word as AAD) is the driver's.
 * @module
 */
import { cmac, gcm } from '@noble/ciphers/aes.js';
import type { PsaKeyAttributes } from '../psa/attributes.js';
import {
  PSA_KEY_LIFETIME_GET_PERSISTENCE,
  PSA_KEY_TYPE_AES,
  PSA_KEY_TYPE_CHACHA20,
  PSA_KEY_TYPE_HMAC,
} from '../psa/constants/keys.js';
import { TFM_NS_CLIENT_ID_DEFAULT, TFM_PARTITION_ID } from '../psa/constants/tfm-ids.js';
import type { KeyLocationDriver, LocationKeyResult, RandomSource } from '../psa/core/context.js';
import { systemRandom } from '../psa/core/random.js';
import {
  PSA_ERROR_ALREADY_EXISTS,
  PSA_ERROR_DOES_NOT_EXIST,
  PSA_ERROR_HARDWARE_FAILURE,
  PSA_ERROR_INVALID_ARGUMENT,
  PSA_ERROR_NOT_PERMITTED,
  PSA_ERROR_NOT_SUPPORTED,
  PSA_SUCCESS,
} from '../psa/status.js';
import { concatBytes, wipe } from '../utils/bytes.js';
import {
  CRACEN_KMU_PUSH_AREA,
  CRACEN_PROTECTED_RAM_AES_KEY0,
  CRACEN_PROTECTED_RAM_SEED,
  type CracenKmu,
  cracenKmuDeviceMkek,
  cracenKmuPushedValue,
  LIB_KMU_REVOKED,
  LIB_KMU_SUCCESS,
} from './cracen-kmu-slots.js';
import {
  CRACEN_KEY_PERSISTENCE_READ_ONLY,
  CRACEN_KMU_KEY_USAGE_SCHEME_ENCRYPTED,
  CRACEN_KMU_KEY_USAGE_SCHEME_PROTECTED,
  CRACEN_KMU_KEY_USAGE_SCHEME_RAW,
  CRACEN_PSA_GET_KEY_USAGE_SCHEME,
  CRACEN_SEED_SIZE,
  type KmuMetadata,
  kmuSlotCount,
  metadataFromPsaAttributes,
  PSA_KEY_LOCATION_CRACEN_KMU,
  packKmuMetadata,
  psaAttributesFromMetadata,
  SECONDARY_SLOT_METADATA_VALUE,
  unpackKmuMetadata,
} from './cracen-metadata.js';
import { sp800108CounterKdf } from './sp800-108.js';

/**
 * `PSA_KEY_HANDLE_FROM_CRACEN_KMU_SLOT(scheme, slot_id)`: the key id of KMU slot `slot` used with
 * key usage scheme `scheme` (`CRACEN_KMU_KEY_USAGE_SCHEME_*`): 0x7fff0000 | scheme << 12 | (slot & 0xff).
 */
export function PSA_KEY_HANDLE_FROM_CRACEN_KMU_SLOT(scheme: number, slot: number): number {
  return (0x7fff0000 | ((scheme & 0xf) << 12) | (slot & 0xff)) >>> 0;
}

export { CRACEN_PSA_GET_KEY_USAGE_SCHEME };
/** `CRACEN_PSA_GET_KMU_SLOT(key_id)`. */
export const CRACEN_PSA_GET_KMU_SLOT = (keyId: number): number => keyId & 0xff;
/** Whether `keyId` has the CRACEN KMU shape 0x7fff[0-3]xZZ (usage schemes 0–3 of the builtin range). */
export const isCracenKmuKeyId = (keyId: number): boolean =>
  keyId >>> 16 === 0x7fff && CRACEN_PSA_GET_KEY_USAGE_SCHEME(keyId) <= CRACEN_KMU_KEY_USAGE_SCHEME_RAW;

/**
 * The TF-M NS agent's client id the driver's policy names (`MAPPED_TZ_NS_AGENT_DEFAULT_CLIENT_ID`):
 * TF-M's default NS client id.
 */
export const CRACEN_KMU_NS_CLIENT_ID = TFM_NS_CLIENT_ID_DEFAULT;
/** Last slot the NS client may use under TF-M ("KMU slots >= 180 reserved"). */
export const CRACEN_KMU_NS_LAST_SLOT = 179;

/** Options of the location driver. */
export interface CracenKmuDriverOptions {
  /**
   * Apply TF-M's builtin-key policy (`cracen_kmu_key_user_allowed`): owner 0 and the ITS (257), PS
   * (256) and crypto (259) partitions may use every slot, the NS client −0x3C000000 slots 0–179,
   * anybody else none (NOT_PERMITTED). Off for a build without TF-M.
   */
  tfm: boolean;
  /** Random source for the nonces of ENCRYPTED keys (default: `systemRandom`, i.e. `crypto.getRandomValues`). */
  rng?: RandomSource;
}

/**
 * The PSA key-location driver of the CRACEN KMU `kmu`, for `CoreConfig.locations`.
 * It claims key ids 0x7fff0000–0x7fff3fff (schemes PROTECTED, SEED, ENCRYPTED, RAW).
 */
export function cracenKmuLocationDriver(kmu: CracenKmu, options: CracenKmuDriverOptions): KeyLocationDriver {
  const rng: RandomSource = options.rng ?? systemRandom;
  const allowed = (owner: number, slot: number): boolean =>
    !options.tfm ||
    owner === 0 ||
    owner === TFM_PARTITION_ID.protectedStorage ||
    owner === TFM_PARTITION_ID.internalTrustedStorage ||
    owner === TFM_PARTITION_ID.crypto ||
    (owner === CRACEN_KMU_NS_CLIENT_ID && slot <= CRACEN_KMU_NS_LAST_SLOT);

  const importKey = (
    owner: number,
    attr: Readonly<PsaKeyAttributes>,
    data: Uint8Array,
  ): LocationKeyResult => {
    if (!isCracenKmuKeyId(attr.id)) return { status: PSA_ERROR_INVALID_ARGUMENT };
    const slot = CRACEN_PSA_GET_KMU_SLOT(attr.id);
    if (!allowed(owner, slot)) return { status: PSA_ERROR_NOT_PERMITTED };
    const status = provision(kmu, attr, slot, data, rng);
    if (status !== PSA_SUCCESS) return { status };
    const primary = primaryMetadata(kmu, slot);
    if (!primary.metadata) return { status: primary.status };
    const loaded = load(kmu, attr.id, primary.metadata);
    // The cache keeps the caller's attributes until the next load; the core checks the stored bits.
    if (!loaded.attributes) return loaded;
    return { status: PSA_SUCCESS, attributes: { ...attr, bits: loaded.attributes.bits }, key: loaded.key };
  };

  return {
    location: PSA_KEY_LOCATION_CRACEN_KMU,
    claims: isCracenKmuKeyId,
    importKey,
    generateKey(owner, attr, keyRng: RandomSource) {
      if (!isCracenKmuKeyId(attr.id)) return { status: PSA_ERROR_INVALID_ARGUMENT };
      if (!allowed(owner, CRACEN_PSA_GET_KMU_SLOT(attr.id))) return { status: PSA_ERROR_NOT_PERMITTED };
      if (attr.bits / 8 > 32) return { status: PSA_ERROR_NOT_SUPPORTED };
      if (
        attr.type !== PSA_KEY_TYPE_AES &&
        attr.type !== PSA_KEY_TYPE_HMAC &&
        attr.type !== PSA_KEY_TYPE_CHACHA20
      )
        return { status: PSA_ERROR_NOT_SUPPORTED };
      const key = new Uint8Array(Math.ceil(attr.bits / 8));
      keyRng(key);
      const r = importKey(owner, attr, key);
      wipe(key);
      return r;
    },
    loadKey(owner, id) {
      const slot = CRACEN_PSA_GET_KMU_SLOT(id);
      const primary = primaryMetadata(kmu, slot);
      if (!primary.metadata) return { status: primary.status };
      if (!allowed(owner, slot)) return { status: PSA_ERROR_NOT_PERMITTED };
      return load(kmu, id, primary.metadata);
    },
    destroyKey(_owner, attr) {
      if (PSA_KEY_LIFETIME_GET_PERSISTENCE(attr.lifetime) === CRACEN_KEY_PERSISTENCE_READ_ONLY)
        return PSA_ERROR_NOT_PERMITTED;
      const slot = CRACEN_PSA_GET_KMU_SLOT(attr.id);
      const primary = primaryMetadata(kmu, slot);
      if (!primary.metadata) return primary.status;
      const { status, count } = kmuSlotCount(primary.metadata);
      if (status !== PSA_SUCCESS) return status;
      // A blocked slot cannot be pushed: the driver reports that as NOT_PERMITTED.
      for (let i = 0; i < count; i++)
        if (kmu.pushSlot(slot + i) !== LIB_KMU_SUCCESS) return PSA_ERROR_NOT_PERMITTED;
      for (let i = 0; i < count; i++)
        if (kmu.revokeSlot(slot + i) !== LIB_KMU_SUCCESS && !kmu.isSlotEmpty(slot + i))
          return PSA_ERROR_HARDWARE_FAILURE;
      return PSA_SUCCESS;
    },
  };
}

/** `cracen_kmu_provision`: metadata, size rules per scheme, the empty-slot check, then the slots. */
function provision(
  kmu: CracenKmu,
  attr: Readonly<PsaKeyAttributes>,
  slot: number,
  data: Uint8Array,
  rng: RandomSource,
): number {
  const conv = metadataFromPsaAttributes(attr);
  if (conv.status !== PSA_SUCCESS || !conv.metadata) return conv.status;
  const m = conv.metadata;
  let dest: number;
  switch (m.scheme) {
    case CRACEN_KMU_KEY_USAGE_SCHEME_PROTECTED:
      if (attr.type !== PSA_KEY_TYPE_AES) return PSA_ERROR_NOT_SUPPORTED;
      if (![16, 24, 32].includes(data.length)) return PSA_ERROR_INVALID_ARGUMENT;
      dest = CRACEN_PROTECTED_RAM_AES_KEY0;
      break;
    case CRACEN_KMU_KEY_USAGE_SCHEME_ENCRYPTED:
    case CRACEN_KMU_KEY_USAGE_SCHEME_RAW:
      if (m.scheme === CRACEN_KMU_KEY_USAGE_SCHEME_ENCRYPTED && data.length > 64)
        return PSA_ERROR_NOT_SUPPORTED;
      if (![16, 24, 32, 48].includes(data.length)) return PSA_ERROR_INVALID_ARGUMENT;
      dest = CRACEN_KMU_PUSH_AREA;
      break;
    default:
      if (data.length !== CRACEN_SEED_SIZE) return PSA_ERROR_INVALID_ARGUMENT;
      dest = CRACEN_PROTECTED_RAM_SEED;
  }
  const encrypted = m.scheme === CRACEN_KMU_KEY_USAGE_SCHEME_ENCRYPTED;
  // The key's 16-byte blocks, plus nonce and tag slots when ENCRYPTED (what `encrypt` returns).
  const n = Math.ceil(data.length / 16) + (encrypted ? 2 : 0);
  // Both checks come before the encryption: a refused import creates no MKEK and takes no nonce.
  // Emulator rule: a key may not run past the last slot (the driver does not check).
  if (slot + n > kmu.slotCount) return PSA_ERROR_INVALID_ARGUMENT;
  for (let i = 0; i < n; i++) if (!kmu.isSlotEmpty(slot + i)) return PSA_ERROR_ALREADY_EXISTS;
  const padded = new Uint8Array(Math.ceil(data.length / 16) * 16);
  padded.set(data);
  const stored = encrypted ? encrypt(kmu, m, padded, rng) : padded;
  try {
    for (let i = 0; i < n; i++) {
      kmu.provisionSlot(slot + i, {
        value: stored.subarray(16 * i, 16 * i + 16),
        rpolicy: m.rpolicy,
        dest: dest + 16 * i,
        metadata: i === 0 ? packKmuMetadata(m) : SECONDARY_SLOT_METADATA_VALUE,
      });
    }
    return PSA_SUCCESS;
  } finally {
    wipe(padded, stored);
  }
}

/**
 * The metadata of the key whose first slot is `slot`: NOT_PERMITTED for a revoked slot,
 * DOES_NOT_EXIST for an empty one or the 2nd.. slot of a multi-slot key.
 */
function primaryMetadata(
  kmu: CracenKmu,
  slot: number,
): { status: 0; metadata: KmuMetadata } | { status: number; metadata?: undefined } {
  const meta = kmu.readMetadata(slot);
  if (meta.status === LIB_KMU_REVOKED) return { status: PSA_ERROR_NOT_PERMITTED };
  if (meta.status !== LIB_KMU_SUCCESS || meta.metadata === SECONDARY_SLOT_METADATA_VALUE)
    return { status: PSA_ERROR_DOES_NOT_EXIST };
  return { status: PSA_SUCCESS, metadata: unpackKmuMetadata(meta.metadata) };
}

/**
 * `cracen_kmu_get_builtin_key` + the push (or decryption) that makes the key usable; `m` is the
 * key's metadata from `primaryMetadata`.
 */
function load(kmu: CracenKmu, id: number, m: KmuMetadata): LocationKeyResult {
  const slot = CRACEN_PSA_GET_KMU_SLOT(id);
  const conv = psaAttributesFromMetadata(m, id);
  if (conv.status !== PSA_SUCCESS || !conv.attributes) return { status: conv.status };
  const { status, count } = kmuSlotCount(m);
  if (status !== PSA_SUCCESS) return { status };
  const values: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const v = slot + i < kmu.slotCount ? cracenKmuPushedValue(kmu, slot + i) : undefined;
    if (!v) {
      wipe(...values);
      return { status: PSA_ERROR_HARDWARE_FAILURE };
    }
    values.push(v);
  }
  const all = concatBytes(...values);
  wipe(...values);
  const plain = m.scheme === CRACEN_KMU_KEY_USAGE_SCHEME_ENCRYPTED ? decrypt(kmu, m, all) : all;
  if (!plain) return { status: PSA_ERROR_HARDWARE_FAILURE };
  const key = plain.slice(0, Math.ceil(conv.attributes.bits / 8));
  wipe(all, plain);
  return { status: PSA_SUCCESS, attributes: conv.attributes, key };
}

/** The per-nonce GCM key: SP 800-108 counter CMAC under the device MKEK, label "KMU", context = nonce. */
function slotKey(kmu: CracenKmu, nonce: Uint8Array): Uint8Array {
  const mkek = cracenKmuDeviceMkek(kmu);
  return sp800108CounterKdf('psa', (msg) => cmac(msg, mkek), Uint8Array.of(0x4b, 0x4d, 0x55), nonce, 32);
}

const metadataBytes = (m: KmuMetadata): Uint8Array => {
  const w = packKmuMetadata(m);
  return Uint8Array.of(w, w >>> 8, w >>> 16, w >>> 24);
};

function encrypt(kmu: CracenKmu, m: KmuMetadata, padded: Uint8Array, rng: RandomSource): Uint8Array {
  const nonce = new Uint8Array(16);
  rng(nonce);
  const key = slotKey(kmu, nonce);
  const sealed = gcm(key, nonce.subarray(0, 12), metadataBytes(m)).encrypt(padded);
  wipe(key);
  return concatBytes(nonce, sealed);
}

function decrypt(kmu: CracenKmu, m: KmuMetadata, stored: Uint8Array): Uint8Array | undefined {
  const nonce = stored.subarray(0, 16);
  const key = slotKey(kmu, nonce);
  try {
    return gcm(key, nonce.subarray(0, 12), metadataBytes(m)).decrypt(stored.subarray(16));
  } catch {
    return undefined;
  } finally {
    wipe(key);
  }
}
