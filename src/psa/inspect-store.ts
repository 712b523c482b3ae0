/**
 * `inspectStore(store)`: lists what an ITS store holds — plain assets and persistent-key
 * records (`"PSA\0KEY\0"` blobs), decoded into key id, owner, lifetime, type, bits, usage and
 * algorithm. Key bytes are never included unless `{ reveal: true }` is passed.
 * @module
 */
import type { ItsStore } from '../its/store.js';
import { PSA_KEY_STORAGE_MAGIC, parseKeyBlob } from './core/key-blob.js';
import { psaStatusName } from './status.js';

/** A decoded persistent-key record. */
export interface StoredKeyInfo {
  /** `psa_key_id_t` (the low 32 bits of the uid). */
  id: number;
  /** The owner encoded in the uid's high 32 bits (int32; 0 for a library build). */
  owner: number;
  lifetime: number;
  type: number;
  bits: number;
  usage: number;
  alg: number;
  alg2: number;
  /** Number of key bytes. */
  keyLength: number;
  /** The key bytes, only with `{ reveal: true }`. */
  keyBytes?: Uint8Array;
}

/** One entry of a store. */
export interface StoreEntry {
  /** The ITS client the asset belongs to (0 for a library build; 259 = TF-M crypto partition). */
  client: number;
  uid: bigint;
  /** Data size in bytes. */
  size: number;
  /** Create flags. */
  flags: number;
  /** `'key'` for a persistent-key record, `'asset'` for any other data, `'unreadable'` on a storage error. */
  kind: 'key' | 'asset' | 'unreadable';
  /** Present for `kind: 'key'`. */
  key?: StoredKeyInfo;
  /** Why a record could not be read or decoded (a status name). */
  error?: string;
}

/** Lists the entries of `store`, sorted by client then uid. */
export function inspectStore(store: ItsStore, options: { reveal?: boolean } = {}): StoreEntry[] {
  const out: StoreEntry[] = [];
  for (const k of store.keys()) {
    let rec: ReturnType<ItsStore['get']>;
    try {
      rec = store.get(k);
    } catch (e) {
      const status = (e as { status?: number }).status;
      out.push({
        client: k.client,
        uid: k.uid,
        size: 0,
        flags: 0,
        kind: 'unreadable',
        error: status ? psaStatusName(status) : String(e),
      });
      continue;
    }
    if (!rec) continue;
    const entry: StoreEntry = {
      client: k.client,
      uid: k.uid,
      size: rec.data.length,
      flags: rec.flags,
      kind: 'asset',
    };
    if (PSA_KEY_STORAGE_MAGIC.every((b, i) => rec.data[i] === b)) {
      const parsed = parseKeyBlob(rec.data);
      if (typeof parsed === 'number') {
        entry.error = psaStatusName(parsed);
      } else {
        entry.kind = 'key';
        entry.key = {
          id: Number(k.uid & 0xffffffffn),
          owner: Number(BigInt.asIntN(32, k.uid >> 32n)),
          ...parsed.attr,
          keyLength: parsed.key.length,
        };
        if (options.reveal) entry.key.keyBytes = parsed.key;
        else parsed.key.fill(0);
      }
    }
    rec.data.fill(0);
    out.push(entry);
  }
  return out.sort((a, b) => a.client - b.client || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
}
