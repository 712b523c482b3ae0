// fileStorage: persistent keys in a directory Mbed TLS's file ITS can read; inspectStore decodes it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPsa } from 'psa-emu';
import { inspectStore } from 'psa-emu/its';
import { fileStorage } from 'psa-emu/node';

const dir = mkdtempSync(join(tmpdir(), 'psa-emu-example-'));
try {
  const psa = createPsa({ target: 'mbedtls', storage: fileStorage(dir) });
  psa.init();
  await psa.importKey(
    { id: 42, type: 'AES', usage: ['encrypt'], algorithm: 'CTR' },
    new Uint8Array(32).fill(1),
  );
  const again = createPsa({ target: 'mbedtls', storage: fileStorage(dir) });
  again.init();
  assert.equal((await again.getKeyAttributes(42)).bits, 256);
  const [entry] = inspectStore(fileStorage(dir));
  assert.equal(entry.key.id, 42);
  assert.equal(entry.key.keyBytes, undefined);
  console.log('storage: ok');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
