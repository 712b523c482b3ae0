/**
 * The key-store view: what the device's flash holds, decoded with `inspectStore` — persistent
 * PSA keys (id, owner, ITS client and uid, type, bits, usage, algorithm; never the key bytes),
 * other ITS assets and the areas that are not ITS (the SoftSIM's NVS). Says so when the
 * current build has no ITS partition. No DOM here (tested under Node).
 * @module
 */

import type { ItsStore } from '../../src/its/store.js';
import { inspectStore } from '../../src/psa/inspect-store.js';
import type { TfmConfig } from '../../src/tfm/config.js';
import {
  algorithmName,
  clientName,
  keyTypeName,
  lifetimeName,
  ownerName,
  uidText,
  usageText,
} from './names.js';

/** A persistent key record. */
export interface KeyRow {
  id: number;
  owner: string;
  client: string;
  uid: string;
  type: string;
  bits: number;
  usage: string;
  alg: string;
  lifetime: string;
  /** Never the bytes: their count only. */
  material: string;
}

/** Any other record. */
export interface RecordRow {
  area: string;
  uid: string;
  size: number;
  note: string;
}

/** The view. */
export interface KeyStoreView {
  /** The current build has an ITS partition (undefined: no build derived yet). */
  itsBuilt: boolean | undefined;
  /** A sentence on what the list means for this build. */
  note: string;
  keys: KeyRow[];
  records: RecordRow[];
}

/** Decodes `store` for the view; `config` is the current build (for the note). */
export function keyStoreView(store: ItsStore, config: TfmConfig | undefined): KeyStoreView {
  const keys: KeyRow[] = [];
  const records: RecordRow[] = [];
  for (const e of inspectStore(store)) {
    if (e.kind === 'key' && e.key) {
      const k = e.key;
      keys.push({
        id: k.id,
        owner: ownerName(k.owner),
        client: clientName(e.client),
        uid: uidText(e.uid),
        type: keyTypeName(k.type),
        bits: k.bits,
        usage: usageText(k.usage),
        alg: algorithmName(k.alg),
        lifetime: lifetimeName(k.lifetime),
        material: `hidden (${k.keyLength} bytes)`,
      });
    } else {
      records.push({
        area: clientName(e.client),
        uid: uidText(e.uid),
        size: e.size,
        note: e.kind === 'unreadable' ? `unreadable: ${e.error ?? ''}` : (e.error ?? ''),
      });
    }
  }
  const itsBuilt = config?.partitions.internalTrustedStorage;
  let note: string;
  if (itsBuilt === false) {
    note =
      'This build has no ITS partition (TFM_PARTITION_INTERNAL_TRUSTED_STORAGE=OFF): TF-M stores no key and psa_its_* ' +
      'would not link. ' +
      (keys.length
        ? 'The keys below were written by an earlier build; this one cannot reach them.'
        : 'Nothing this build does ends up in ITS.');
  } else if (keys.length === 0 && records.length === 0) {
    note = 'The flash is empty.';
  } else {
    note = `${keys.length} persistent key${keys.length === 1 ? '' : 's'} in ITS; key bytes are never shown.`;
  }
  return { itsBuilt, note, keys, records };
}
