/**
 * The SoftSIM's file system — on the device, Zephyr NVS on the `nvs_storage` flash partition
 * (nrf-softsim `lib/ss_fs.c`, compact binary EFs, no encryption) — kept in the same `ItsStore`
 * as TF-M's ITS, in a namespace TF-M never uses:
 *
 * - ITS client {@link SOFTSIM_NVS_CLIENT} = 0x4E5653 ("NVS"): TF-M clients are partition ids
 *   (256…) and negative NS client ids; a library build uses client 0. No collision is possible.
 * - One record, uid {@link SOFTSIM_NVS_UID} = 1 (NVS's DIR id), holding every file: so every
 *   change (one SEQ file per AUTHENTICATE, one file per provisioning step) is one atomic
 *   `set`, and the SIM takes one ITS table entry, not forty.
 *
 * Record format (version 1): `"SSNVS\0"`, version byte 1, file count (u16 BE), then per file:
 * path length (u8), the path in ASCII (`/3f00/a001`), data length (u16 BE), the data.
 * Files and their template contents follow reference/softsim.md §3.1.
 * @module
 */

import type { ItsKey, ItsStore } from '../its/store.js';
import { abytes, copyBytes, fromHex } from '../utils/bytes.js';
import { PROFILE_TAG } from './constants.js';

/** ITS client id of the SoftSIM file system ("NVS"). */
export const SOFTSIM_NVS_CLIENT = 0x4e5653;
/** The uid of the one record holding every SIM file. */
export const SOFTSIM_NVS_UID = 1n;

/** Paths of the files the port and the AUTHENTICATE path use. */
export const SIM_FILE = Object.freeze({
  /** EF.ICCID (10 bytes). */
  ICCID: '/3f00/2fe2',
  /** EF.IMSI in ADF.USIM (9 bytes). */
  IMSI: '/3f00/7ff0/6f07',
  /** EF.SMSP in ADF.USIM (one 52-byte record). */
  SMSP: '/3f00/7ff0/6f42',
  /** `|K 16|OP/OPc 16|flag 1|` (flag 0x01 = OP, 0x00 = OPc); K is a tag block on nRF. */
  A001: '/3f00/a001',
  /** OTA keys: `TAR 3|MSL|KIC ind|KID ind|KIC 16|KID 16`, 0xFF padding to 114 bytes. */
  A004: '/3f00/a004',
  /** SEQ_MS[i] (u64 BE), i = 0…31. */
  seq: (i: number) => `/3f00/a1${i.toString(16).padStart(2, '0')}`,
  /** Δ (u64 BE), template 2^28. */
  DELTA: '/3f00/a120',
} as const);

/** EF.IMSI of the unprovisioned template (`default_imsi` in `ss_fs.c`), hex. */
export const TEMPLATE_IMSI = '080910100000000010';
/** Length of EF 3F00/A004 in the compact storage. */
export const A004_LENGTH = 114;
/** The A004 record header the port writes, hex: TAR `b00011`, MSL `06`, KIC/KID indicators `01 01`. */
export const A004_HEADER = 'b00011060101';

const MAGIC = [0x53, 0x53, 0x4e, 0x56, 0x53, 0x00]; // "SSNVS\0"
const VERSION = 1;
/** Magic, version, file count (u16 BE). */
const HEADER_LENGTH = MAGIC.length + 1 + 2;

/** The files of the flashed template (`template.hex`) before provisioning. */
export function templateFiles(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  files.set(SIM_FILE.ICCID, fromHex('00112233445566778899'));
  files.set(SIM_FILE.IMSI, fromHex(TEMPLATE_IMSI));
  files.set(SIM_FILE.SMSP, new Uint8Array(52).fill(0xff));
  // Template key material (software K and OPc; the golden AUTS of nrf-softsim tests/apdu was made with it).
  files.set(SIM_FILE.A001, fromHex(`000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f00`));
  const a004 = new Uint8Array(A004_LENGTH).fill(0xff);
  a004.set(fromHex(A004_HEADER));
  a004.fill(0, 6, 38);
  files.set(SIM_FILE.A004, a004);
  for (let i = 0; i < 32; i++) files.set(SIM_FILE.seq(i), new Uint8Array(8));
  files.set(SIM_FILE.DELTA, fromHex('0000000010000000'));
  return files;
}

/** EF 3F00/A001 as the nRF port writes it: `[KI_TAG, 15 × 00] ‖ OPc ‖ 00` (K itself stays in PSA). */
export function a001ForPort(opc: Uint8Array): Uint8Array {
  abytes('opc', opc, 16);
  const out = new Uint8Array(33);
  out[0] = PROFILE_TAG.KI;
  out.set(opc, 16);
  return out;
}

/** EF 3F00/A004 as the nRF port writes it: header, `KIC_TAG` at 6, `KID_TAG` at 22, 0xFF from 38. */
export function a004ForPort(): Uint8Array {
  const out = new Uint8Array(A004_LENGTH);
  out.set(fromHex(A004_HEADER));
  out.fill(0xff, 38);
  out[6] = PROFILE_TAG.KIC;
  out[22] = PROFILE_TAG.KID;
  return out;
}

const PATH_ENCODER = new TextEncoder();

/**
 * Encodes the file map as the record (see the module description). The size is computed first
 * and the record written into one buffer: no intermediate copy of the file data (OPc in A001
 * among them) is left behind. Runs on every SEQ write, i.e. every successful AUTHENTICATE.
 */
export function encodeNvsImage(files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const paths: Uint8Array[] = [];
  let size = HEADER_LENGTH;
  for (const [path, data] of files) {
    const p = PATH_ENCODER.encode(path); // a path, not key material
    if (p.length > 255 || data.length > 0xffff)
      throw new RangeError(`file ${path} is too large for the image`);
    paths.push(p);
    size += 1 + p.length + 2 + data.length;
  }
  const out = new Uint8Array(size);
  out.set(MAGIC);
  out[6] = VERSION;
  out[7] = (files.size >> 8) & 0xff;
  out[8] = files.size & 0xff;
  let o = HEADER_LENGTH;
  let i = 0;
  for (const data of files.values()) {
    const p = paths[i++]!;
    out[o] = p.length;
    out.set(p, o + 1);
    o += 1 + p.length;
    out[o] = data.length >> 8;
    out[o + 1] = data.length & 0xff;
    out.set(data, o + 2);
    o += 2 + data.length;
  }
  return out;
}

/** Decodes a record; a malformed one is a `RangeError` (the caller treats it as a corrupt partition). */
export function decodeNvsImage(image: Uint8Array): Map<string, Uint8Array> {
  const bad = (why: string) => new RangeError(`SoftSIM file image is corrupt: ${why}`);
  if (image.length < 9 || MAGIC.some((b, i) => image[i] !== b)) throw bad('bad magic');
  if (image[6] !== VERSION) throw bad(`unknown version ${image[6]}`);
  const count = (image[7]! << 8) | image[8]!;
  const dec = new TextDecoder();
  const files = new Map<string, Uint8Array>();
  let o = 9;
  for (let i = 0; i < count; i++) {
    const pl = image[o];
    if (pl === undefined || o + 1 + pl + 2 > image.length) throw bad('truncated entry');
    const path = dec.decode(image.subarray(o + 1, o + 1 + pl));
    o += 1 + pl;
    const dl = (image[o]! << 8) | image[o + 1]!;
    o += 2;
    if (o + dl > image.length) throw bad('truncated data');
    files.set(path, image.slice(o, o + dl));
    o += dl;
  }
  if (o !== image.length) throw bad('trailing bytes');
  return files;
}

/**
 * The SIM files of one device in an `ItsStore`. Reads come from memory; every write replaces the
 * whole record at once (atomic, as `ItsStore.set` is).
 */
export class SimFileStore {
  readonly #store: ItsStore;
  readonly #key: ItsKey = { client: SOFTSIM_NVS_CLIENT, uid: SOFTSIM_NVS_UID };
  #files: Map<string, Uint8Array> | undefined;

  constructor(store: ItsStore) {
    this.#store = store;
  }

  /**
   * `ss_init_fs()`: loads the partition. Returns false when it holds nothing (never flashed).
   * A corrupt record throws (`RangeError`), a backend failure throws the backend's error.
   */
  mount(): boolean {
    const rec = this.#store.get(this.#key);
    if (!rec) return false;
    this.#files = decodeNvsImage(rec.data);
    rec.data.fill(0);
    return true;
  }

  /** Whether {@link mount} found a file system. */
  get mounted(): boolean {
    return this.#files !== undefined;
  }

  /** Writes the template image (what flashing `template.hex` at `nvs_storage` does). */
  flashTemplate(): void {
    this.#files = templateFiles();
    this.#persist();
  }

  /** A copy of a file's content, or `undefined`. */
  read(path: string): Uint8Array | undefined {
    const f = this.#files?.get(path);
    return f && copyBytes(f);
  }

  /** Every path, sorted. */
  paths(): string[] {
    return [...(this.#files?.keys() ?? [])].sort();
  }

  /** `nvs_write`: replaces one file (it must exist, as NVS ids come from the DIR table) and persists. */
  write(path: string, data: Uint8Array): void {
    abytes('data', data);
    const files = this.#files;
    if (!files) throw new Error('the SoftSIM file system is not mounted');
    const old = files.get(path);
    if (!old) throw new RangeError(`no file ${path} in the SoftSIM file system`);
    const fresh = copyBytes(data);
    files.set(path, fresh);
    try {
      this.#persist();
    } catch (e) {
      files.set(path, old); // the record still holds the old content
      fresh.fill(0);
      throw e;
    }
    old.fill(0);
  }

  #persist(): void {
    const image = encodeNvsImage(this.#files!);
    this.#store.set(this.#key, { data: image, flags: 0 });
    image.fill(0);
  }
}
