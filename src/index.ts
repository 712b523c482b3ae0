/**
 * psa-emu — PSA Crypto as TF-M exposes it on Nordic nRF91, in pure TypeScript.
 *
 * The root export: `createPsa`, statuses and `PsaError`, every constant and size macro with
 * its C value, key attributes, operation objects and the in-memory ITS backend.
 * Subpaths: `psa-emu/its`, `psa-emu/node`, `psa-emu/browser`, `psa-emu/tfm`, `psa-emu/kmu`,
 * `psa-emu/milenage`, `psa-emu/tuak`, `psa-emu/aka`, `psa-emu/softsim`, `psa-emu/wasm`.
 * @packageDocumentation
 */

export {
  PSA_STORAGE_FLAG_NO_CONFIDENTIALITY,
  PSA_STORAGE_FLAG_NO_REPLAY_PROTECTION,
  PSA_STORAGE_FLAG_NONE,
  PSA_STORAGE_FLAG_WRITE_ONCE,
  type PsaStorageInfo,
} from './its/its.js';
export { memoryStorage } from './its/memory.js';
export type { ItsKey, ItsRecord, ItsStore } from './its/store.js';
export { KmuAccessError, type PsaDevice } from './kmu/index.js';
export type { KeyResult, PsaC, PsaCSync, PsaLocalApi, PsaServiceApi } from './psa/api/c-api.js';
export { type CreatePsaOptions, createPsa, type Psa } from './psa/api/create-psa.js';
export type { KeyInfo, KeySpec, PsaIdiomatic } from './psa/api/idiomatic.js';
export type { AlgorithmName, HashName, KeyTypeName, UsageName } from './psa/api/names.js';
export * from './psa/attributes.js';
export * from './psa/constants/algorithms.js';
export * from './psa/constants/keys.js';
export * from './psa/constants/sizes.js';
export type { CoreFlavor, KeyLocationDriver, RandomSource } from './psa/core/context.js';
export { deterministicRandom } from './psa/core/deterministic-random.js';
export * from './psa/error.js';
export {
  PsaCipherOperation,
  PsaHashOperation,
  PsaMacOperation,
  psa_cipher_operation_init,
  psa_hash_operation_init,
  psa_mac_operation_init,
} from './psa/service/operations.js';
export { type OutVec, PSA_SERVICE_TABLE, type ServiceSpec, TFM_CRYPTO_GROUP } from './psa/service/table.js';
export * from './psa/status.js';
