/**
 * `ItsStore`: the small interface every storage backend implements — a synchronous map
 * from an asset key (client id, 64-bit uid) to a record (data + create flags). Bytes are
 * opaque here; the ITS semantics (flags, limits, statuses) live in `its.ts`, the key-blob
 * format in `psa/core`.
 *
 * The client id namespaces assets as TF-M's ITS does (its file id is client id ‖ uid,
 * `tfm_internal_trusted_storage.c:tfm_its_get_fid`). Client 0 is the single namespace of
 * a library build (Mbed TLS file ITS: the file name is the uid alone).
 * @module
 */

/** Identifies one asset: the ITS client (partition or NS client id; 0 for a library build) and its uid. */
export interface ItsKey {
  /** ITS client id (int32). */
  readonly client: number;
  /** `psa_storage_uid_t` (uint64). */
  readonly uid: bigint;
}

/** One stored asset. */
export interface ItsRecord {
  /** The asset bytes. */
  readonly data: Uint8Array;
  /** `psa_storage_create_flags_t` given when it was set. */
  readonly flags: number;
}

/**
 * A backend. Calls are synchronous because the PSA core is. A backend whose medium is
 * asynchronous (IndexedDB) loads everything when opened, applies changes in memory at
 * once and persists them in order; `flush()` resolves when every change made so far is
 * durable. A backend may throw a `PsaError` (STORAGE_FAILURE, DATA_CORRUPT, …) from any call.
 */
export interface ItsStore {
  /** The record for `key`, or `undefined` when absent. */
  get(key: ItsKey): ItsRecord | undefined;
  /** Creates or atomically replaces the record for `key` (old or new content, never a mix). */
  set(key: ItsKey, record: ItsRecord): void;
  /** Removes `key`; removing an absent key is a no-op. */
  remove(key: ItsKey): void;
  /** Every key present, in no particular order. */
  keys(): ItsKey[];
  /** Resolves when every change made so far is durable (immediately for synchronous media). */
  flush(): Promise<void>;
  /** `'sync'`: a change is durable when `set`/`remove` return; `'deferred'`: after `flush()`. */
  readonly durability: 'sync' | 'deferred';
  /** A short description for diagnostics, e.g. `memory` or `file:/path`. */
  readonly description: string;
}

/** Largest uid (`psa_storage_uid_t` is uint64). */
export const PSA_STORAGE_UID_MAX = (1n << 64n) - 1n;

/** A stable string for an `ItsKey` (map keys, logs): `"<client>/<uid hex>"`. */
export function itsKeyString(key: ItsKey): string {
  return `${key.client}/${key.uid.toString(16).padStart(16, '0')}`;
}

/**
 * Client ids from here up are not ITS clients: other emulated flash areas (the SoftSIM's NVS,
 * KMU slots) keep their records in the same store under such ids, and the ITS asset table does
 * not count them. TF-M client ids are negative (NS) or small partition ids (256…).
 */
export const NON_ITS_NAMESPACE_MIN = 0x400000;
