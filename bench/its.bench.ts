/**
 * Internal Trusted Storage through the C facade (`psa_its_set` / `psa_its_get`, PSA Certified Secure
 * Storage API 1.0 §5.2) on the two Node backends: `memoryStorage()` and `fileStorage(dir)` (the Mbed TLS
 * file-ITS format, one file per uid, atomic replace), with and without fsync. 64-byte assets.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPsa, memoryStorage, PSA_STORAGE_FLAG_NONE, PSA_SUCCESS, type Psa } from '../src/index.js';
import { fileStorage } from '../src/node/file-storage.js';
import { assertSame, measure } from './measure.js';
import type { BenchResult, BenchSuite } from './types.js';

const UID = 0x5a5an;
const SIZE = 64;

function open(storage: ReturnType<typeof memoryStorage>): Psa {
  const psa = createPsa({ target: 'mbedtls', storage });
  if (psa.cSync.psa_crypto_init() !== PSA_SUCCESS) throw new Error('psa_crypto_init failed');
  return psa;
}

export const suite: BenchSuite = {
  name: 'ITS',
  async run(options) {
    const dir = mkdtempSync(join(tmpdir(), 'psa-emu-bench-its-'));
    try {
      const backends: [string, Psa][] = [
        ['memoryStorage()', open(memoryStorage())],
        ['fileStorage(dir, { fsync: false })', open(fileStorage(join(dir, 'nosync'), { fsync: false }))],
        ['fileStorage(dir) (fsync file + directory)', open(fileStorage(join(dir, 'sync')))],
      ];
      const data = new Uint8Array(SIZE).map((_, i) => i);
      const buf = new Uint8Array(SIZE);
      for (const [, psa] of backends) {
        if (psa.cSync.psa_its_set(UID, data, PSA_STORAGE_FLAG_NONE) !== PSA_SUCCESS)
          throw new Error('psa_its_set');
        const r = psa.cSync.psa_its_get(UID, 0, SIZE, buf);
        if (r.status !== PSA_SUCCESS || r.dataLength !== SIZE) throw new Error('psa_its_get');
        assertSame('psa_its_get', buf, data);
      }
      let sink = 0;
      const rows: BenchResult[] = [];
      rows.push(
        ...(await measure(
          options,
          `psa_its_set (${SIZE} B, replace)`,
          'ops',
          backends.map(([name, psa], i) => ({
            name,
            baseline: i === 0,
            fn: () => {
              data[0] = sink++;
              return psa.cSync.psa_its_set(UID, data, PSA_STORAGE_FLAG_NONE);
            },
          })),
        )),
      );
      rows.push(
        ...(await measure(
          options,
          `psa_its_get (${SIZE} B)`,
          'ops',
          backends.slice(0, 2).map(([name, psa], i) => ({
            name: name.replace(', { fsync: false }', ''),
            baseline: i === 0,
            fn: () => psa.cSync.psa_its_get(UID, 0, SIZE, buf),
          })),
        )),
      );
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
