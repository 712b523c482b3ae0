/**
 * `psa-emu/its`: Internal Trusted Storage — the `Its` service with TF-M or Mbed TLS
 * semantics, the `ItsStore` backend interface, the in-memory backend and `inspectStore`.
 * File and IndexedDB backends are in `psa-emu/node` and `psa-emu/browser`.
 * @packageDocumentation
 */
export {
  Its,
  type ItsOptions,
  type ItsSemantics,
  PSA_STORAGE_FLAG_NO_CONFIDENTIALITY,
  PSA_STORAGE_FLAG_NO_REPLAY_PROTECTION,
  PSA_STORAGE_FLAG_NONE,
  PSA_STORAGE_FLAG_WRITE_ONCE,
  type PsaStorageInfo,
  TFM_ITS_INVALID_UID,
} from '../its/its.js';
export { memoryStorage } from '../its/memory.js';
export {
  type ItsKey,
  type ItsRecord,
  type ItsStore,
  itsKeyString,
  PSA_STORAGE_UID_MAX,
} from '../its/store.js';
export {
  formatKeyBlob,
  keyIdToUid,
  PSA_KEY_BLOB_HEADER_SIZE,
  PSA_KEY_STORAGE_MAGIC,
  parseKeyBlob,
  type StoredKeyAttributes,
} from '../psa/core/key-blob.js';
export { inspectStore, type StoredKeyInfo, type StoreEntry } from '../psa/inspect-store.js';
