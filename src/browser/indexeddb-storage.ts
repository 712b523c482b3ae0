/**
 * `await indexedDbStorage(name)`: an `ItsStore` in the browser's IndexedDB, built on
 * `idb-keyval` (`createStore`). IndexedDB is asynchronous and the PSA core is not, so the
 * store loads every record when opened, applies each change in memory at once and persists
 * the changes in order, one IndexedDB transaction each. `flush()` resolves when every change
 * made so far is durable; the async C facade awaits it before a call resolves, so nothing
 * acknowledged is lost. Concurrent calls cannot lose an update: the core applies them one
 * at a time and the persistence queue keeps their order.
 * @module
 */

import { createStore, del, entries, set, type UseStore } from 'idb-keyval';
import { type ItsKey, type ItsRecord, type ItsStore, itsKeyString } from '../its/store.js';
import { PsaError } from '../psa/error.js';
import { PSA_ERROR_STORAGE_FAILURE } from '../psa/status.js';
import { copyBytes } from '../utils/bytes.js';

interface Stored {
  client: number;
  uid: string;
  flags: number;
  data: Uint8Array;
}

/** An `ItsStore` that also lets callers wipe the whole database (a factory reset). */
export interface IndexedDbStore extends ItsStore {
  /** Removes every record (in memory and in IndexedDB). */
  clear(): Promise<void>;
}

/**
 * Opens (creating if needed) the IndexedDB database `name` (object store `its`) and loads it.
 * Rejects with a `PsaError` PSA_ERROR_STORAGE_FAILURE when IndexedDB is unavailable.
 */
export async function indexedDbStorage(name = 'psa-emu'): Promise<IndexedDbStore> {
  if (typeof name !== 'string' || name.length === 0)
    throw new TypeError('name must be a non-empty database name');
  if (typeof indexedDB === 'undefined')
    throw new PsaError(PSA_ERROR_STORAGE_FAILURE, 'IndexedDB is not available in this environment');
  const db: UseStore = createStore(name, 'its');
  const map = new Map<string, { key: ItsKey; record: ItsRecord }>();
  try {
    for (const [k, v] of await entries<string, Stored>(db)) {
      map.set(k, {
        key: { client: v.client, uid: BigInt(v.uid) },
        record: { data: new Uint8Array(v.data), flags: v.flags },
      });
    }
  } catch (e) {
    throw new PsaError(
      PSA_ERROR_STORAGE_FAILURE,
      `opening IndexedDB database ${name}: ${(e as Error).message}`,
    );
  }

  let queue: Promise<void> = Promise.resolve();
  let failure: unknown;
  const enqueue = (job: () => Promise<void>): void => {
    queue = queue.then(job).catch((e: unknown) => {
      failure ??= e;
    });
  };
  const copy = (r: ItsRecord): ItsRecord => ({ data: copyBytes(r.data), flags: r.flags });

  const store: IndexedDbStore = {
    durability: 'deferred',
    description: `indexeddb:${name}`,
    get(key) {
      const e = map.get(itsKeyString(key));
      return e && copy(e.record);
    },
    set(key, record) {
      const k = itsKeyString(key);
      const kept = copy(record);
      map.get(k)?.record.data.fill(0);
      map.set(k, { key: { client: key.client, uid: key.uid }, record: kept });
      const value: Stored = {
        client: key.client,
        uid: `0x${key.uid.toString(16)}`,
        flags: kept.flags,
        data: copyBytes(kept.data),
      };
      enqueue(() => set(k, value, db));
    },
    remove(key) {
      const k = itsKeyString(key);
      map.get(k)?.record.data.fill(0);
      map.delete(k);
      enqueue(() => del(k, db));
    },
    keys: () => [...map.values()].map((e) => e.key),
    async flush() {
      await queue;
      if (failure !== undefined) {
        const e = failure;
        failure = undefined;
        throw new PsaError(
          PSA_ERROR_STORAGE_FAILURE,
          `IndexedDB write failed: ${(e as Error)?.message ?? String(e)}`,
        );
      }
    },
    async clear() {
      for (const e of map.values()) e.record.data.fill(0);
      const ks = [...map.keys()];
      map.clear();
      for (const k of ks) enqueue(() => del(k, db));
      await store.flush();
    },
  };
  return store;
}
