/**
 * `psa-emu/kmu`: Nordic key management units.
 * - nRF91 (nRF9160/nRF9151): `Nrf91Kmu` — 128 UICR key slots with WRITE/READ/PUSH/STATE
 *   permissions, pushes into the CryptoCell, and the secure-side `nrf_cc3xx_platform_kmu_*` API
 *   (write, KDR, SP 800-108 shadow-key derivation). nRF91 has no PSA key location for KMU slots.
 * - nRF54L15: `CracenKmu` and `PSA_KEY_LOCATION_CRACEN_KMU` — keys in KMU slots used through the
 *   normal PSA API by ids `PSA_KEY_HANDLE_FROM_CRACEN_KMU_SLOT(scheme, slot)`.
 * - `whereIsKey`: where a key id really lives (ITS, KMU slot, builtin, volatile) and why.
 * `createPsa({ device })` wires these in; `psa.device.kmu` is the device's KMU (secure callers only).
 * Facts and sources: docs/notes/kmu.md.
 * @module
 */
export { KmuAccessError } from './access.js';
export { Cc3xxAesEngine, type Cc3xxLifeCycle } from './cc3xx.js';
export {
  CRACEN_KMU_NS_CLIENT_ID,
  CRACEN_KMU_NS_LAST_SLOT,
  CRACEN_PSA_GET_KEY_USAGE_SCHEME,
  CRACEN_PSA_GET_KMU_SLOT,
  type CracenKmuDriverOptions,
  cracenKmuLocationDriver,
  isCracenKmuKeyId,
  PSA_KEY_HANDLE_FROM_CRACEN_KMU_SLOT,
} from './cracen-kmu.js';
export {
  CRACEN_KMU_PUSH_AREA,
  CRACEN_KMU_SLOT_COUNT,
  CRACEN_PROTECTED_RAM_AES_KEY0,
  CRACEN_PROTECTED_RAM_SEED,
  CracenKmu,
  type CracenKmuOptions,
  type CracenKmuSlotInfo,
  type CracenKmuSlotState,
  type KmuSource,
  LIB_KMU_ERROR,
  LIB_KMU_REVOKED,
  LIB_KMU_SUCCESS,
} from './cracen-kmu-slots.js';
export {
  CRACEN_KEY_PERSISTENCE_READ_ONLY,
  CRACEN_KEY_PERSISTENCE_REVOKABLE,
  CRACEN_KMU_KEY_USAGE_SCHEME_ENCRYPTED,
  CRACEN_KMU_KEY_USAGE_SCHEME_PROTECTED,
  CRACEN_KMU_KEY_USAGE_SCHEME_RAW,
  CRACEN_KMU_KEY_USAGE_SCHEME_SEED,
  CRACEN_SEED_SIZE,
  type KmuMetadata,
  kmuSlotCount,
  LIB_KMU_REV_POLICY_LOCKED,
  LIB_KMU_REV_POLICY_RESERVED,
  LIB_KMU_REV_POLICY_REVOKED,
  LIB_KMU_REV_POLICY_ROTATING,
  METADATA_ALG_KEY_BITS_128,
  METADATA_ALG_KEY_BITS_192,
  METADATA_ALG_KEY_BITS_255,
  METADATA_ALG_KEY_BITS_256,
  METADATA_ALG_KEY_BITS_384_SEED,
  metadataFromPsaAttributes,
  PSA_ALG_SP800_108_COUNTER_CMAC,
  PSA_KEY_LOCATION_CRACEN,
  PSA_KEY_LOCATION_CRACEN_KMU,
  packKmuMetadata,
  psaAttributesFromMetadata,
  SECONDARY_SLOT_METADATA_VALUE,
  unpackKmuMetadata,
} from './cracen-metadata.js';
export { createDeviceModel, type DeviceModel, type PsaDevice, type PsaDeviceName } from './device.js';
export * from './nrf91-constants.js';
export {
  NRF_CC3XX_SHADOW_KEY_MAX_LABEL,
  NRF_CC3XX_SHADOW_KEY_MAX_OUTPUT,
  Nrf91Kmu,
} from './nrf91-kmu.js';
export {
  bytesToWords,
  type Nrf91KmuEvent,
  type Nrf91KmuOptions,
  Nrf91KmuPeripheral,
  type Nrf91KmuSlotInfo,
  wordsToBytes,
} from './nrf91-kmu-peripheral.js';
export { CRACEN_KMU_STORE_CLIENT, KMU_STORE_UID, NRF91_KMU_STORE_CLIENT } from './persist.js';
export {
  type CmacPrf,
  type Sp800108Encoding,
  sp800108CounterKdf,
  sp800108FixedInput,
  sp800108MaxOutput,
} from './sp800-108.js';
export {
  CRACEN_KMU_SCHEME_NAMES,
  type KeyPlace,
  type KeyWhereabouts,
  type WhereIsKeyOptions,
  whereIsKey,
} from './where.js';
