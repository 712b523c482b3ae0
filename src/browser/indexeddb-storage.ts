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
import { recordMap } from '../its/memory.js';
import type { ItsStore } from '../its/store.js';
import { PsaError } from '../psa/error.js';
import { PSA_ERROR_STORAGE_FAILURE } from '../psa/status.js';
import { copyBytes, isBytes } from '../utils/bytes.js';

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

  let queue: Promise<void> = Promise.resolve();
  let failure: unknown;
  const enqueue = (job: () => Promise<void>): void => {
    queue = queue.then(job).catch((e: unknown) => {
      failure ??= e;
    });
  };

  const records = recordMap({
    onSet(k, key, kept) {
      const value: Stored = {
        client: key.client,
        uid: `0x${key.uid.toString(16)}`,
        flags: kept.flags,
        data: copyBytes(kept.data),
      };
      enqueue(async () => {
        try {
          await set(k, value, db);
        } finally {
          // IndexedDB cloned the value when the put was made: this copy of the key blob is done with.
          value.data.fill(0);
        }
      });
    },
    onRemove: (k) => enqueue(() => del(k, db)),
  });
  let stored: [string, Stored][] = [];
  try {
    stored = await entries<string, Stored>(db);
    for (const [, v] of stored) {
      records.load({ client: v.client, uid: BigInt(v.uid) }, { data: v.data, flags: v.flags });
    }
  } catch (e) {
    records.clear();
    throw new PsaError(
      PSA_ERROR_STORAGE_FAILURE,
      `opening IndexedDB database ${name}: ${(e as Error).message}`,
    );
  } finally {
    // The structured clones IndexedDB handed back: the map keeps its own copies.
    for (const [, v] of stored) if (isBytes(v.data)) v.data.fill(0);
  }

  const { get, set: setRecord, remove, keys } = records;
  const store: IndexedDbStore = {
    durability: 'deferred',
    description: `indexeddb:${name}`,
    get,
    set: setRecord,
    remove,
    keys,
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
      for (const k of records.clear()) enqueue(() => del(k, db));
      await store.flush();
    },
  };
  return store;
}
