/**
 * `fileStorage(dir)`: an `ItsStore` on the file system, byte-compatible with Mbed TLS's file
 * ITS (`MBEDTLS_PSA_ITS_FILE_C`, `library/psa_its_file.c`): one file per uid named
 * `%08x%08x.psa_its` (high and low 32 bits of the uid) holding `"PSA\0ITS\0"`, the data size
 * (uint32 LE), the create flags (uint32 LE) and the data. A directory written here opens with
 * Mbed TLS (run it with `dir` as its working directory), and the other way round.
 *
 * Client 0 (a library build) uses `dir` itself; other ITS clients (TF-M partitions and NS
 * clients) get a subdirectory `client.<id>`, as TF-M keeps client id ‖ uid as the file id.
 *
 * Writes are atomic: a unique temporary file is written, fsynced and renamed over the old one,
 * then the directory is fsynced, so a crash leaves either the old or the new record. A short
 * or foreign file is reported as `PSA_ERROR_DATA_CORRUPT` / `PSA_ERROR_STORAGE_FAILURE`,
 * never returned as data.
 * @module
 */

import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import type { ItsKey, ItsRecord, ItsStore } from '../its/store.js';
import { PsaError } from '../psa/error.js';
import {
  PSA_ERROR_DATA_CORRUPT,
  PSA_ERROR_INSUFFICIENT_STORAGE,
  PSA_ERROR_STORAGE_FAILURE,
} from '../psa/status.js';
import { copyBytes } from '../utils/bytes.js';

/** `"PSA\0ITS\0"`. */
export const PSA_ITS_MAGIC = new Uint8Array([0x50, 0x53, 0x41, 0x00, 0x49, 0x54, 0x53, 0x00]);
/** Header size: magic, size, flags. */
export const PSA_ITS_HEADER_SIZE = 16;

const FILE_RE = /^([0-9a-f]{8})([0-9a-f]{8})\.psa_its$/;
const CLIENT_RE = /^client\.(-?\d+)$/;

/** Options of `fileStorage`. */
export interface FileStorageOptions {
  /**
   * Call `fsync` on files and the directory (default true). Turning it off keeps atomicity
   * against process crashes (rename is atomic) but not against power loss; useful in benchmarks.
   */
  fsync?: boolean;
}

/** The file name Mbed TLS uses for `uid`. */
export function itsFileName(uid: bigint): string {
  const hi = Number((uid >> 32n) & 0xffffffffn);
  const lo = Number(uid & 0xffffffffn);
  return `${hi.toString(16).padStart(8, '0')}${lo.toString(16).padStart(8, '0')}.psa_its`;
}

/** Encodes a record in the Mbed TLS file-ITS format. */
export function encodeItsFile(record: ItsRecord): Uint8Array {
  const out = new Uint8Array(PSA_ITS_HEADER_SIZE + record.data.length);
  const v = new DataView(out.buffer);
  out.set(PSA_ITS_MAGIC, 0);
  v.setUint32(8, record.data.length, true);
  v.setUint32(12, record.flags >>> 0, true);
  out.set(record.data, PSA_ITS_HEADER_SIZE);
  return out;
}

/**
 * Decodes a file: a short header or a wrong magic is DATA_CORRUPT (as `psa_its_read_file`),
 * fewer data bytes than the header announces is STORAGE_FAILURE (as `psa_its_get`'s short read).
 */
export function decodeItsFile(bytes: Uint8Array): ItsRecord {
  if (bytes.length < PSA_ITS_HEADER_SIZE)
    throw new PsaError(PSA_ERROR_DATA_CORRUPT, 'ITS file shorter than its header');
  for (let i = 0; i < PSA_ITS_MAGIC.length; i++) {
    if (bytes[i] !== PSA_ITS_MAGIC[i])
      throw new PsaError(PSA_ERROR_DATA_CORRUPT, 'ITS file without the "PSA\\0ITS\\0" magic');
  }
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = v.getUint32(8, true);
  const flags = v.getUint32(12, true);
  if (bytes.length - PSA_ITS_HEADER_SIZE < size) {
    throw new PsaError(
      PSA_ERROR_STORAGE_FAILURE,
      `ITS file truncated: header says ${size} data bytes, file has ${bytes.length - PSA_ITS_HEADER_SIZE}`,
    );
  }
  return { data: copyBytes(bytes, PSA_ITS_HEADER_SIZE, PSA_ITS_HEADER_SIZE + size), flags };
}

let tmpCounter = 0;
const TMP_RE = /^\.tmp-(\d+)-\d+\.psa_its$/;

/** Removes temporary files left by a writer that died before its rename (its pid is gone). */
function removeStaleTempFiles(root: string): void {
  const dirs = [
    root,
    ...readdirSync(root)
      .filter((n) => CLIENT_RE.test(n))
      .map((n) => join(root, n)),
  ];
  for (const d of dirs) {
    for (const name of readdirSync(d)) {
      const m = TMP_RE.exec(name);
      if (m && !isAlive(Number(m[1]))) rmSync(join(d, name), { force: true });
    }
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates (if needed) and opens a file-backed ITS store in `dir`. */
export function fileStorage(dir: string, options: FileStorageOptions = {}): ItsStore {
  if (typeof dir !== 'string' || dir.length === 0)
    throw new TypeError('dir must be a non-empty directory path');
  const root = resolve(dir);
  const doSync = options.fsync ?? true;
  mkdirSync(root, { recursive: true });
  removeStaleTempFiles(root);

  const clientDir = (client: number): string => (client === 0 ? root : join(root, `client.${client | 0}`));
  const pathOf = (key: ItsKey): string => join(clientDir(key.client), itsFileName(key.uid));
  const syncDir = (d: string): void => {
    if (!doSync) return;
    const fd = openSync(d, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  };
  const fail = (e: unknown, what: string): never => {
    if (e instanceof PsaError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const status =
      code === 'ENOSPC' || code === 'EDQUOT' ? PSA_ERROR_INSUFFICIENT_STORAGE : PSA_ERROR_STORAGE_FAILURE;
    throw new PsaError(status, `${what}: ${code ?? (e as Error).message}`);
  };

  return {
    durability: 'sync',
    description: `file:${root}`,
    get(key) {
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(pathOf(key));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        return fail(e, 'reading an ITS file');
      }
      try {
        return decodeItsFile(bytes);
      } finally {
        bytes.fill(0);
      }
    },
    set(key, record) {
      const d = clientDir(key.client);
      const target = pathOf(key);
      const tmp = join(d, `.tmp-${process.pid}-${++tmpCounter}.psa_its`);
      const bytes = encodeItsFile(record);
      try {
        mkdirSync(d, { recursive: true });
        const fd = openSync(tmp, 'wx', 0o600);
        try {
          let off = 0;
          while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
          if (doSync) fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        renameSync(tmp, target);
        syncDir(d);
      } catch (e) {
        rmSync(tmp, { force: true });
        fail(e, 'writing an ITS file');
      } finally {
        bytes.fill(0);
      }
    },
    remove(key) {
      try {
        unlinkSync(pathOf(key));
        syncDir(clientDir(key.client));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
        fail(e, 'removing an ITS file');
      }
    },
    keys() {
      const out: ItsKey[] = [];
      const scan = (d: string, client: number): void => {
        for (const name of readdirSync(d)) {
          const m = FILE_RE.exec(name);
          if (m) out.push({ client, uid: (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`) });
        }
      };
      try {
        scan(root, 0);
        for (const name of readdirSync(root)) {
          const m = CLIENT_RE.exec(name);
          if (m && statSync(join(root, name)).isDirectory()) scan(join(root, name), Number(m[1]));
        }
      } catch (e) {
        fail(e, 'listing the ITS directory');
      }
      return out;
    },
    flush: () => Promise.resolve(),
  };
}
