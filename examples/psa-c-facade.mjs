// The PSA C facade: import a persistent AES key, reboot, open it, decrypt (NIST SP 800-38A F.2.2).
import assert from 'node:assert/strict';
import {
  createPsa,
  PSA_ALG_CBC_NO_PADDING,
  PSA_KEY_TYPE_AES,
  PSA_KEY_USAGE_DECRYPT,
  PSA_KEY_USAGE_ENCRYPT,
} from 'psa-emu';

const hex = (s) => Uint8Array.from(Buffer.from(s, 'hex'));
const psa = createPsa({ target: 'mbedtls' });
const c = psa.cSync;
c.psa_crypto_init();
const a = c.psa_key_attributes_init();
c.psa_set_key_id(a, 10);
c.psa_set_key_type(a, PSA_KEY_TYPE_AES);
c.psa_set_key_usage_flags(a, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT);
c.psa_set_key_algorithm(a, PSA_ALG_CBC_NO_PADDING);
assert.deepEqual(c.psa_import_key(a, hex('2b7e151628aed2a6abf7158809cf4f3c')), { status: 0, key: 10 });

c.mbedtls_psa_crypto_free(); // a reboot: the key stays in ITS
c.psa_crypto_init();
assert.deepEqual(c.psa_open_key(10), { status: 0, handle: 10 });
const out = new Uint8Array(16);
const input = hex('000102030405060708090a0b0c0d0e0f7649abac8119b246cee98e9b12e9197d');
assert.deepEqual(await psa.c.psa_cipher_decrypt(10, PSA_ALG_CBC_NO_PADDING, input, out), {
  status: 0,
  outputLength: 16,
});
assert.equal(Buffer.from(out).toString('hex'), '6bc1bee22e409f96e93d7e117393172a');
console.log('psa-c-facade: ok');
