/**
 * fileStorage: the Mbed TLS file-ITS format, error mapping of damaged files, atomic writes
 * (a SIGKILL in the middle of a burst of writes leaves every record fully old or fully new),
 * and persistence across instances.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeItsFile, encodeItsFile, fileStorage, itsFileName } from '../../src/entries/node.js';
import {
  createPsa,
  PSA_ALG_CBC_NO_PADDING,
  PSA_ERROR_DATA_CORRUPT,
  PSA_ERROR_DOES_NOT_EXIST,
  PSA_ERROR_STORAGE_FAILURE,
  PSA_KEY_TYPE_AES,
  PSA_KEY_USAGE_DECRYPT,
  PSA_KEY_USAGE_EXPORT,
  type PsaError,
} from '../../src/index.js';
import { toHex } from '../../src/utils/bytes.js';

const here = dirname(fileURLToPath(import.meta.url));
const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'psa-emu-file-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('Mbed TLS file-ITS format (psa_its_file.c)', () => {
  it('names files %08x%08x.psa_its from the uid', () => {
    expect(itsFileName(10n)).toBe('000000000000000a.psa_its');
    expect(itsFileName(0xffffffff0000000an)).toBe('ffffffff0000000a.psa_its');
  });
  it('encodes magic, LE size, LE flags, data and decodes it back', () => {
    const f = encodeItsFile({ data: new Uint8Array([1, 2, 3]), flags: 5 });
    expect(toHex(f)).toBe(`5053410049545300${'03000000'}${'05000000'}010203`);
    expect(decodeItsFile(f)).toEqual({ data: new Uint8Array([1, 2, 3]), flags: 5 });
  });
  it('a short header or a wrong magic is DATA_CORRUPT; a truncated body is STORAGE_FAILURE', () => {
    const status = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as PsaError).status;
      }
      return 0;
    };
    expect(status(() => decodeItsFile(new Uint8Array(15)))).toBe(PSA_ERROR_DATA_CORRUPT);
    expect(status(() => decodeItsFile(new Uint8Array(20)))).toBe(PSA_ERROR_DATA_CORRUPT);
    const f = encodeItsFile({ data: new Uint8Array(10), flags: 0 });
    expect(status(() => decodeItsFile(f.subarray(0, 20)))).toBe(PSA_ERROR_STORAGE_FAILURE);
  });
});

describe('fileStorage', () => {
  it('keeps ITS assets and keys across instances; clients live in their own subdirectory', () => {
    const dir = tempDir();
    const s1 = fileStorage(dir);
    s1.set({ client: 0, uid: 7n }, { data: new Uint8Array([7]), flags: 1 });
    s1.set({ client: 259, uid: 0xffffffff0000000an }, { data: new Uint8Array([9]), flags: 0 });
    s1.set({ client: -0x3c000000, uid: 1n }, { data: new Uint8Array([1]), flags: 0 });
    const s2 = fileStorage(dir);
    expect(s2.get({ client: 0, uid: 7n })).toEqual({ data: new Uint8Array([7]), flags: 1 });
    expect(s2.get({ client: 259, uid: 0xffffffff0000000an })?.data).toEqual(new Uint8Array([9]));
    expect(
      s2
        .keys()
        .map((k) => `${k.client}:${k.uid}`)
        .sort(),
    ).toEqual(['-1006632960:1', '0:7', '259:18446744069414584330']);
    expect(readdirSync(dir).sort()).toEqual(['0000000000000007.psa_its', 'client.-1006632960', 'client.259']);
    s2.remove({ client: 0, uid: 7n });
    s2.remove({ client: 0, uid: 7n });
    expect(fileStorage(dir).get({ client: 0, uid: 7n })).toBeUndefined();
  });

  it('a damaged key file surfaces as the PSA status, never as key bytes', () => {
    const dir = tempDir();
    const psa = createPsa({ target: 'mbedtls', storage: fileStorage(dir) });
    const c = psa.cSync;
    c.psa_crypto_init();
    const a = c.psa_key_attributes_init();
    c.psa_set_key_id(a, 3);
    c.psa_set_key_type(a, PSA_KEY_TYPE_AES);
    c.psa_set_key_usage_flags(a, PSA_KEY_USAGE_DECRYPT | PSA_KEY_USAGE_EXPORT);
    c.psa_set_key_algorithm(a, PSA_ALG_CBC_NO_PADDING);
    expect(c.psa_import_key(a, new Uint8Array(16).fill(1)).status).toBe(0);
    c.mbedtls_psa_crypto_free();
    c.psa_crypto_init();
    writeFileSync(join(dir, itsFileName(3n)), 'not an ITS file at all');
    expect(c.psa_open_key(3)).toEqual({ status: PSA_ERROR_DATA_CORRUPT, handle: 0 });
    const full = encodeItsFile({ data: new Uint8Array(52), flags: 0 });
    writeFileSync(join(dir, itsFileName(3n)), full.subarray(0, 30));
    expect(c.psa_open_key(3)).toEqual({ status: PSA_ERROR_STORAGE_FAILURE, handle: 0 });
    const out = new Uint8Array(16).fill(0xee);
    expect(c.psa_export_key(3, out).status).toBe(PSA_ERROR_STORAGE_FAILURE);
    expect([...out].every((b) => b === 0xee)).toBe(true);
    rmSync(join(dir, itsFileName(3n)));
    expect(c.psa_open_key(3).status).toBe(PSA_ERROR_DOES_NOT_EXIST);
  });

  it('a SIGKILL in the middle of a burst of writes leaves every record fully old or fully new', async () => {
    const dir = tempDir();
    for (let run = 0; run < 3; run++) {
      const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'crash-writer.ts'), dir], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let rounds = 0;
      let stderr = '';
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      await new Promise<void>((resolve, reject) => {
        child.on('error', reject);
        child.on('exit', (code, signal) =>
          signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited ${code}: ${stderr}`)),
        );
        const target = 3 + Math.floor(Math.random() * 10);
        child.stdout.on('data', (d: Buffer) => {
          rounds += d.toString().split('\n').filter(Boolean).length;
          // Kill mid-round: a random delay after a round boundary.
          if (rounds >= target) setTimeout(() => child.kill('SIGKILL'), Math.random() * 3);
        });
      });
      expect(rounds).toBeGreaterThan(0);
      const store = fileStorage(dir);
      // Every asset decodes and is uniform (a single round's byte), never torn.
      for (let uid = 1n; uid <= 8n; uid++) {
        const rec = store.get({ client: 0, uid: 0x1000n + uid });
        expect(rec?.data.length).toBe(400);
        expect(new Set(rec!.data).size).toBe(1);
      }
      // Every key that exists opens and exports uniform bytes; destroy-then-import may leave
      // at most the key being rewritten absent, never a damaged one.
      const psa = createPsa({ target: 'mbedtls', storage: store });
      psa.cSync.psa_crypto_init();
      let present = 0;
      for (let id = 1; id <= 4; id++) {
        const out = new Uint8Array(32);
        const r = psa.cSync.psa_export_key(id, out);
        if (r.status === 0) {
          present++;
          expect(new Set(out).size).toBe(1);
        } else {
          expect(r.status).toBe(-136);
        }
      }
      expect(present).toBeGreaterThanOrEqual(3);
      // Opening the store removed the dead writer's temporary file.
      expect(readdirSync(dir).filter((n) => !/^[0-9a-f]{16}\.psa_its$/.test(n))).toEqual([]);
    }
  }, 60_000);
});
