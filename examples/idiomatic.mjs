// The idiomatic API: names instead of C values, values instead of statuses, PsaError on failure.
import assert from 'node:assert/strict';
import { createPsa, PsaError } from 'psa-emu';

const psa = createPsa({ target: 'mbedtls' });
psa.init();
const key = await psa.importKey(
  { type: 'AES', usage: ['sign-message', 'verify-message'], algorithm: 'CMAC' },
  new Uint8Array(16).fill(7),
);
const mac = await psa.macCompute(key, 'CMAC', new TextEncoder().encode('hello'));
await psa.macVerify(key, 'CMAC', new TextEncoder().encode('hello'), mac);
const err = await psa.macVerify(key, 'CMAC', new TextEncoder().encode('hellO'), mac).catch((e) => e);
assert.ok(err instanceof PsaError);
assert.equal(err.code, 'PSA_ERROR_INVALID_SIGNATURE');
assert.equal(err.status, -149);
console.log('idiomatic: ok');
