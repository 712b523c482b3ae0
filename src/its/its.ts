/**
 * Internal Trusted Storage semantics over an `ItsStore`: the `psa_its_*` statuses of
 * TF-M (NCS v3.2.2, `secure_fw/partitions/internal_trusted_storage/tfm_internal_trusted_storage.c`
 * and `flash_fs/*`) or of Mbed TLS's file ITS (`library/psa_its_file.c`), selectable.
 * Spec: PSA Certified Secure Storage API 1.0, §5.2 "Internal Trusted Storage API".
 * @module
 */
import { PsaError } from '../psa/error.js';
import {
  PSA_ERROR_DOES_NOT_EXIST,
  PSA_ERROR_INSUFFICIENT_STORAGE,
  PSA_ERROR_INVALID_ARGUMENT,
  PSA_ERROR_INVALID_HANDLE,
  PSA_ERROR_NOT_PERMITTED,
  PSA_ERROR_NOT_SUPPORTED,
  PSA_ERROR_STORAGE_FAILURE,
  PSA_SUCCESS,
} from '../psa/status.js';
import { type ItsKey, type ItsRecord, type ItsStore, NON_ITS_NAMESPACE_MIN } from './store.js';

/** `PSA_STORAGE_FLAG_NONE`. */
export const PSA_STORAGE_FLAG_NONE = 0;
/** `PSA_STORAGE_FLAG_WRITE_ONCE`: the asset can never be modified or removed. */
export const PSA_STORAGE_FLAG_WRITE_ONCE = 1 << 0;
/** `PSA_STORAGE_FLAG_NO_CONFIDENTIALITY`. */
export const PSA_STORAGE_FLAG_NO_CONFIDENTIALITY = 1 << 1;
/** `PSA_STORAGE_FLAG_NO_REPLAY_PROTECTION`. */
export const PSA_STORAGE_FLAG_NO_REPLAY_PROTECTION = 1 << 2;
/** `TFM_ITS_INVALID_UID`. */
export const TFM_ITS_INVALID_UID = 0n;

const SUPPORTED_FLAGS =
  PSA_STORAGE_FLAG_WRITE_ONCE | PSA_STORAGE_FLAG_NO_CONFIDENTIALITY | PSA_STORAGE_FLAG_NO_REPLAY_PROTECTION;

/** `struct psa_storage_info_t`. */
export interface PsaStorageInfo {
  /** Allocated size of the asset. */
  capacity: number;
  /** Current size of the asset. */
  size: number;
  /** Create flags. */
  flags: number;
}

/** Which implementation's statuses to reproduce. */
export type ItsSemantics = 'tfm' | 'mbedtls';

/** Options of an `Its`. */
export interface ItsOptions {
  /**
   * `'tfm'` (default): TF-M's ITS partition — flag checks, write-once, `numAssets` and
   * `maxAssetSize` limits shared by every client. `'mbedtls'`: Mbed TLS's file ITS, which has
   * no limits, ignores flags and requires `offset + length ≤ size` on get.
   */
  semantics?: ItsSemantics;
  /** `ITS_NUM_ASSETS` (TF-M default 10; NCS `CONFIG_TFM_ITS_NUM_ASSETS` range 1–120). */
  numAssets?: number;
  /** `ITS_MAX_ASSET_SIZE` in bytes (TF-M default 512; NCS range 256–4096). */
  maxAssetSize?: number;
}

/**
 * The ITS service. Every method returns a PSA status and never throws for a storage
 * problem: a backend `PsaError` becomes its status, any other backend exception becomes
 * `PSA_ERROR_STORAGE_FAILURE`.
 */
export class Its {
  readonly store: ItsStore;
  readonly semantics: ItsSemantics;
  readonly numAssets: number;
  readonly maxAssetSize: number;

  constructor(store: ItsStore, options: ItsOptions = {}) {
    this.store = store;
    this.semantics = options.semantics ?? 'tfm';
    if (this.semantics !== 'tfm' && this.semantics !== 'mbedtls') {
      throw new TypeError(`options.semantics must be 'tfm' or 'mbedtls', got ${String(this.semantics)}`);
    }
    this.numAssets = positiveInt('options.numAssets', options.numAssets ?? 10);
    this.maxAssetSize = positiveInt('options.maxAssetSize', options.maxAssetSize ?? 512);
  }

  /** `psa_its_set(uid, data_length, p_data, create_flags)`. */
  set(client: number, uid: bigint, data: Uint8Array, flags: number): number {
    return guard(() => {
      const key: ItsKey = { client, uid };
      if (this.semantics === 'mbedtls') {
        // psa_its_file.c: only uid 0 is refused; flags are stored, not enforced.
        if (uid === 0n) return PSA_ERROR_INVALID_HANDLE;
        this.store.set(key, { data, flags: flags >>> 0 });
        return PSA_SUCCESS;
      }
      // tfm_its_set: unsupported flags are refused before the uid is looked at.
      if ((flags & ~SUPPORTED_FLAGS) !== 0) return PSA_ERROR_NOT_SUPPORTED;
      if (uid === TFM_ITS_INVALID_UID) return PSA_ERROR_INVALID_ARGUMENT;
      const existing = this.store.get(key);
      existing?.data.fill(0); // only its flags are needed; the copy may hold key material
      if (existing && existing.flags & PSA_STORAGE_FLAG_WRITE_ONCE) return PSA_ERROR_NOT_PERMITTED;
      if (data.length > this.maxAssetSize) return PSA_ERROR_INVALID_ARGUMENT;
      // The file table has numAssets + 1 entries, one kept as the atomic-replace spare, so a
      // replacement always fits and a new asset needs a free entry (flash_fs_mblock).
      if (!existing && this.assetCount() >= this.numAssets) return PSA_ERROR_INSUFFICIENT_STORAGE;
      this.store.set(key, { data, flags });
      return PSA_SUCCESS;
    });
  }

  /**
   * `psa_its_get(uid, data_offset, data_length, p_data, p_data_length)`: copies into `out`
   * (whose length is `data_length`). TF-M returns `min(length, size − offset)` bytes.
   */
  get(client: number, uid: bigint, offset: number, out: Uint8Array): { status: number; dataLength: number } {
    let dataLength = 0;
    const status = guard(() => {
      if (this.semantics === 'tfm' && uid === TFM_ITS_INVALID_UID) return PSA_ERROR_INVALID_ARGUMENT;
      const rec = this.read(client, uid);
      if (typeof rec === 'number') return rec;
      try {
        const size = rec.data.length;
        if (this.semantics === 'mbedtls') {
          if (offset + out.length > size) return PSA_ERROR_INVALID_ARGUMENT;
          out.set(rec.data.subarray(offset, offset + out.length));
          dataLength = out.length;
        } else {
          if (offset > size) return PSA_ERROR_INVALID_ARGUMENT;
          const n = Math.min(out.length, size - offset);
          out.set(rec.data.subarray(offset, offset + n));
          dataLength = n;
        }
        return PSA_SUCCESS;
      } finally {
        rec.data.fill(0); // the store's copy, also when the call fails
      }
    });
    return { status, dataLength };
  }

  /** `psa_its_get_info(uid, p_info)`. */
  getInfo(client: number, uid: bigint): { status: number; info: PsaStorageInfo } {
    const info: PsaStorageInfo = { capacity: 0, size: 0, flags: 0 };
    const status = guard(() => {
      if (this.semantics === 'tfm' && uid === TFM_ITS_INVALID_UID) return PSA_ERROR_INVALID_ARGUMENT;
      const rec = this.read(client, uid);
      if (typeof rec === 'number') return rec;
      info.size = info.capacity = rec.data.length;
      info.flags = rec.flags;
      rec.data.fill(0);
      return PSA_SUCCESS;
    });
    return { status, info };
  }

  /** `psa_its_remove(uid)`. */
  remove(client: number, uid: bigint): number {
    return guard(() => {
      if (this.semantics === 'tfm' && uid === TFM_ITS_INVALID_UID) return PSA_ERROR_INVALID_ARGUMENT;
      const rec = this.read(client, uid);
      if (typeof rec === 'number') return rec;
      rec.data.fill(0);
      if (this.semantics === 'tfm' && rec.flags & PSA_STORAGE_FLAG_WRITE_ONCE) return PSA_ERROR_NOT_PERMITTED;
      this.store.remove({ client, uid });
      return PSA_SUCCESS;
    });
  }

  /** Number of ITS assets currently stored, over every ITS client (the shared TF-M file table). */
  assetCount(): number {
    return this.store.keys().filter((k) => k.client < NON_ITS_NAMESPACE_MIN).length;
  }

  private read(client: number, uid: bigint): ItsRecord | number {
    return this.store.get({ client, uid }) ?? PSA_ERROR_DOES_NOT_EXIST;
  }
}

function guard(fn: () => number): number {
  try {
    return fn();
  } catch (e) {
    if (e instanceof PsaError) return e.status;
    return PSA_ERROR_STORAGE_FAILURE;
  }
}

function positiveInt(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${String(v)}`);
  }
  return v;
}
