/**
 * `memoryStorage()`: an in-process `ItsStore`. Persistent keys survive
 * `mbedtls_psa_crypto_free()` + `psa_crypto_init()` (a simulated reboot) for as long as the
 * store object lives. Records are copied in and out, so callers never alias stored bytes,
 * and replaced or removed bytes are wiped.
 *
 * `recordMap()` is that map on its own, for backends that keep every record in memory and
 * persist changes elsewhere (the IndexedDB store): they hook `onSet`/`onRemove`.
 * @module
 */
import { copyBytes } from '../utils/bytes.js';
import { type ItsKey, type ItsRecord, type ItsStore, itsKeyString } from './store.js';

/** The synchronous part of an `ItsStore` over an in-memory map, plus loading and clearing. */
export interface RecordMap extends Pick<ItsStore, 'get' | 'set' | 'remove' | 'keys'> {
  /** Adds a record read back from the medium (copied; the hooks are not called). */
  load(key: ItsKey, record: ItsRecord): void;
  /** Wipes and drops every record (the hooks are not called); returns their map keys. */
  clear(): string[];
}

/** What a `recordMap` tells its backend after a change, with the record's map key (`itsKeyString`). */
export interface RecordMapHooks {
  /** After `set`: `record` is the map's own copy — read it, never keep it (it is wiped when replaced). */
  onSet?(mapKey: string, key: ItsKey, record: ItsRecord): void;
  /** After `remove` (also of an absent key). */
  onRemove?(mapKey: string, key: ItsKey): void;
}

/**
 * An in-memory record map: records are copied in and out, replaced and removed bytes are
 * zeroed, and `keys()` lists what is present.
 */
export function recordMap(hooks: RecordMapHooks = {}): RecordMap {
  const map = new Map<string, { key: ItsKey; record: ItsRecord }>();
  const copy = (r: ItsRecord): ItsRecord => ({ data: copyBytes(r.data), flags: r.flags });
  const put = (key: ItsKey, record: ItsRecord): { k: string; kept: ItsRecord } => {
    const k = itsKeyString(key);
    const kept = copy(record);
    const old = map.get(k);
    map.set(k, { key: { client: key.client, uid: key.uid }, record: kept });
    old?.record.data.fill(0);
    return { k, kept };
  };
  return {
    get: (key) => {
      const e = map.get(itsKeyString(key));
      return e && copy(e.record);
    },
    set: (key, record) => {
      const { k, kept } = put(key, record);
      hooks.onSet?.(k, key, kept);
    },
    remove: (key) => {
      const k = itsKeyString(key);
      map.get(k)?.record.data.fill(0);
      map.delete(k);
      hooks.onRemove?.(k, key);
    },
    keys: () => [...map.values()].map((e) => e.key),
    load: (key, record) => void put(key, record),
    clear: () => {
      for (const e of map.values()) e.record.data.fill(0);
      const ks = [...map.keys()];
      map.clear();
      return ks;
    },
  };
}

/** Creates an empty in-memory store. */
export function memoryStorage(): ItsStore {
  const { get, set, remove, keys } = recordMap();
  return {
    get,
    set,
    remove,
    keys,
    flush: () => Promise.resolve(),
    durability: 'sync',
    description: 'memory',
  };
}
