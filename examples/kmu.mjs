// KMU: where a key id really lives, and a CRACEN KMU key on nRF54L15 that survives a reboot.
import assert from 'node:assert/strict';
import {
  createPsa,
  PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION,
  PSA_KEY_PERSISTENCE_DEFAULT,
} from 'psa-emu';
import {
  CRACEN_KMU_KEY_USAGE_SCHEME_RAW,
  PSA_KEY_HANDLE_FROM_CRACEN_KMU_SLOT,
  PSA_KEY_LOCATION_CRACEN_KMU,
  whereIsKey,
} from 'psa-emu/kmu';

assert.equal(whereIsKey(10, { device: 'nrf9151', target: 'tfm' }).place, 'its');
const psa = createPsa({ target: 'mbedtls', device: 'nrf54l15' });
psa.init();
const id = PSA_KEY_HANDLE_FROM_CRACEN_KMU_SLOT(CRACEN_KMU_KEY_USAGE_SCHEME_RAW, 5);
const lifetime = PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(
  PSA_KEY_PERSISTENCE_DEFAULT,
  PSA_KEY_LOCATION_CRACEN_KMU,
);
await psa.importKey(
  { id, lifetime, type: 'AES', bits: 128, usage: ['sign-message'], algorithm: 'CMAC' },
  new Uint8Array(16).fill(3),
);
psa.reboot();
psa.init();
assert.equal((await psa.getKeyAttributes(id)).lifetime, lifetime);
const mac = await psa.macCompute(id, 'CMAC', new TextEncoder().encode('hello'));
assert.equal(mac.length, 16);
console.log('kmu: ok');
