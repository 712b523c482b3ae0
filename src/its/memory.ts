/**
 * `memoryStorage()`: an in-process `ItsStore`. Persistent keys survive
 * `mbedtls_psa_crypto_free()` + `psa_crypto_init()` (a simulated reboot) for as long as the
 * store object lives. Records are copied in and out, so callers never alias stored bytes,
 * and replaced or removed bytes are wiped.
 * @module
 */
import { copyBytes } from '../utils/bytes.js';
import { type ItsKey, type ItsRecord, type ItsStore, itsKeyString } from './store.js';

/** Creates an empty in-memory store. */
export function memoryStorage(): ItsStore {
  const map = new Map<string, { key: ItsKey; record: ItsRecord }>();
  const copy = (r: ItsRecord): ItsRecord => ({ data: copyBytes(r.data), flags: r.flags });
  return {
    get: (key) => {
      const e = map.get(itsKeyString(key));
      return e && copy(e.record);
    },
    set: (key, record) => {
      const k = itsKeyString(key);
      const old = map.get(k);
      map.set(k, { key: { client: key.client, uid: key.uid }, record: copy(record) });
      old?.record.data.fill(0);
    },
    remove: (key) => {
      const k = itsKeyString(key);
      map.get(k)?.record.data.fill(0);
      map.delete(k);
    },
    keys: () => [...map.values()].map((e) => e.key),
    flush: () => Promise.resolve(),
    durability: 'sync',
    description: 'memory',
  };
}
