/**
 * Where a KMU model keeps its non-volatile slots: one record in the instance's `ItsStore`, so
 * `memoryStorage()`, `fileStorage(dir)` and IndexedDB persist it with the ITS assets.
 * The record lives under uid 0 of a dedicated client id ('KMU9' for the nRF91 UICR key slots,
 * 'KMUL' for the nRF54L CRACEN KMU), above `NON_ITS_NAMESPACE_MIN` (its/store.ts), so TF-M's ITS
 * asset table does not count it. uid 0 is refused by both ITS front ends (TF-M: INVALID_ARGUMENT,
 * Mbed TLS file ITS: INVALID_HANDLE), so no `psa_its_*` call and no persistent key can ever
 * create, read or overwrite it. Only slots that are not erased are written.
 * @module
 */
import type { ItsKey, ItsStore } from '../its/store.js';
import { PsaError } from '../psa/error.js';
import { PSA_ERROR_DATA_CORRUPT } from '../psa/status.js';

/** ITS client id of the nRF91 KMU record ('KMU9'). */
export const NRF91_KMU_STORE_CLIENT = 0x4b4d5539;
/** ITS client id of the nRF54L CRACEN KMU record ('KMUL'). */
export const CRACEN_KMU_STORE_CLIENT = 0x4b4d554c;
/** The uid of a KMU record (0: never a valid ITS uid). */
export const KMU_STORE_UID = 0n;

/** The `ItsKey` of a KMU record. */
export const kmuStoreKey = (client: number): ItsKey => ({ client, uid: KMU_STORE_UID });

/** Reads a KMU record; undefined when absent. Backend errors propagate as thrown `PsaError`s. */
export function readKmuRecord(store: ItsStore, client: number): Uint8Array | undefined {
  return store.get(kmuStoreKey(client))?.data;
}

/** Writes (or, when `data` is undefined, removes) a KMU record. */
export function writeKmuRecord(store: ItsStore, client: number, data: Uint8Array | undefined): void {
  if (data === undefined) store.remove(kmuStoreKey(client));
  else store.set(kmuStoreKey(client), { data, flags: 0 });
}

/** A little-endian byte writer for the records. */
export class RecordWriter {
  private readonly parts: number[] = [];
  u8(v: number): this {
    this.parts.push(v & 0xff);
    return this;
  }
  u32(v: number): this {
    for (let i = 0; i < 4; i++) this.parts.push((v >>> (8 * i)) & 0xff);
    return this;
  }
  bytes(b: Uint8Array): this {
    for (const x of b) this.parts.push(x);
    return this;
  }
  finish(): Uint8Array {
    const out = Uint8Array.from(this.parts);
    this.parts.fill(0);
    return out;
  }
}

/** The matching reader; any overrun is `PSA_ERROR_DATA_CORRUPT`. */
export class RecordReader {
  private o = 0;
  constructor(
    private readonly data: Uint8Array,
    private readonly what: string,
  ) {}
  private need(n: number): void {
    if (this.o + n > this.data.length) throw corrupt(this.what, 'the record is truncated');
  }
  u8(): number {
    this.need(1);
    return this.data[this.o++]!;
  }
  u32(): number {
    this.need(4);
    const d = this.data;
    const v = (d[this.o]! | (d[this.o + 1]! << 8) | (d[this.o + 2]! << 16) | (d[this.o + 3]! << 24)) >>> 0;
    this.o += 4;
    return v;
  }
  bytes(n: number): Uint8Array {
    this.need(n);
    const b = this.data.slice(this.o, this.o + n);
    this.o += n;
    return b;
  }
  magic(expected: string): void {
    const got = String.fromCharCode(...this.bytes(expected.length));
    if (got !== expected) throw corrupt(this.what, `the record does not start with "${expected}"`);
  }
  end(): void {
    if (this.o !== this.data.length) throw corrupt(this.what, 'the record has trailing bytes');
  }
}

/** The error a damaged KMU record raises (never contains key bytes). */
export function corrupt(what: string, why: string): PsaError {
  return new PsaError(PSA_ERROR_DATA_CORRUPT, `the stored ${what} is damaged: ${why}`);
}
