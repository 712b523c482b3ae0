/**
 * Interop with the real thing: a key-store directory written by psa-emu's fileStorage opens in
 * Mbed TLS 2.28 (Debian libmbedtls-dev, MBEDTLS_PSA_ITS_FILE_C), and one written by Mbed TLS
 * opens in psa-emu — same files, same bytes, same answers.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileStorage } from '../../src/entries/node.js';
import {
  createPsa,
  PSA_ALG_CBC_NO_PADDING,
  PSA_ALG_CMAC,
  PSA_KEY_LIFETIME_PERSISTENT,
  PSA_KEY_TYPE_AES,
  PSA_KEY_USAGE_DECRYPT,
  PSA_KEY_USAGE_ENCRYPT,
  PSA_KEY_USAGE_EXPORT,
  PSA_KEY_USAGE_SIGN_MESSAGE,
  PSA_KEY_USAGE_VERIFY_MESSAGE,
} from '../../src/index.js';
import { fromHex, toHex } from '../../src/utils/bytes.js';
import { mbedtlsAvailable, runMbedtls } from './mbedtls-runner.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'psa-emu-its-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const KEY = fromHex('000102030405060708090a0b0c0d0e0f');
const IV = new Uint8Array(16);
const PT = fromHex('101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f');
const CT = '07feef74e1d5036e900eee118e949293138bb0fe942520a0013f42531dd5022c'; // softsim.json psa_cbc

function psaOn(dir: string) {
  const psa = createPsa({ target: 'mbedtls', storage: fileStorage(dir) });
  psa.cSync.psa_crypto_init();
  return psa;
}

describe.runIf(mbedtlsAvailable())('file ITS interop with Mbed TLS 2.28', () => {
  it('a directory written by psa-emu opens in Mbed TLS: psa_open_key + psa_cipher_decrypt give the plaintext', () => {
    const dir = tempDir();
    const psa = psaOn(dir);
    const c = psa.cSync;
    const a = c.psa_key_attributes_init();
    c.psa_set_key_id(a, 10);
    c.psa_set_key_type(a, PSA_KEY_TYPE_AES);
    c.psa_set_key_usage_flags(a, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT);
    c.psa_set_key_algorithm(a, PSA_ALG_CBC_NO_PADDING);
    expect(c.psa_import_key(a, KEY)).toEqual({ status: 0, key: 10 });
    const b = c.psa_key_attributes_init();
    c.psa_set_key_id(b, 12);
    c.psa_set_key_type(b, PSA_KEY_TYPE_AES);
    c.psa_set_key_usage_flags(b, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE);
    c.psa_set_key_algorithm(b, PSA_ALG_CMAC);
    expect(c.psa_import_key(b, KEY).status).toBe(0);
    const mac = new Uint8Array(16);
    expect(c.psa_mac_compute(12, PSA_ALG_CMAC, PT, mac).status).toBe(0);
    // psa-emu's own ciphertext (IV ‖ CT) from a random IV
    const own = new Uint8Array(48);
    const enc = c.psa_cipher_encrypt(10, PSA_ALG_CBC_NO_PADDING, PT, own);
    expect(enc).toEqual({ status: 0, outputLength: 48 });

    const lines = runMbedtls(dir, [
      'init',
      'open 10',
      `decrypt 10 ${PSA_ALG_CBC_NO_PADDING} ${toHex(IV)}${CT} 64`,
      `decrypt 10 ${PSA_ALG_CBC_NO_PADDING} ${toHex(own)} 64`,
      'attrs 10',
      `macverify 12 ${PSA_ALG_CMAC} ${toHex(PT)} ${toHex(mac)}`,
      'open 11',
    ]);
    expect(lines).toEqual([
      '0',
      '0 10',
      `0 32 ${toHex(PT)}`,
      `0 32 ${toHex(PT)}`,
      `0 10 ${PSA_KEY_LIFETIME_PERSISTENT} ${PSA_KEY_TYPE_AES} 128 ${PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT} ${PSA_ALG_CBC_NO_PADDING}`,
      '0',
      '-140 0',
    ]);
  });

  it('a directory written by Mbed TLS opens in psa-emu (imported and generated keys)', () => {
    const dir = tempDir();
    const usage = PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT | PSA_KEY_USAGE_EXPORT;
    const lines = runMbedtls(dir, [
      'init',
      `import 1 20 ${PSA_KEY_TYPE_AES} 0 ${usage} ${PSA_ALG_CBC_NO_PADDING} ${toHex(KEY)}`,
      `generate 1 21 ${PSA_KEY_TYPE_AES} 256 ${usage} ${PSA_ALG_CBC_NO_PADDING}`,
      'export 21 32',
      `encrypt_iv 21 ${PSA_ALG_CBC_NO_PADDING} ${toHex(IV)} ${toHex(PT)} 64`,
    ]);
    expect(lines.slice(0, 3)).toEqual(['0', '0 20', '0 21']);
    const exported = lines[3]!.split(' ')[2]!;
    const ct21 = lines[4]!.split(' ')[2]!;

    const c = psaOn(dir).cSync;
    expect(c.psa_open_key(20)).toEqual({ status: 0, handle: 20 });
    const out = new Uint8Array(32);
    expect(c.psa_cipher_decrypt(20, PSA_ALG_CBC_NO_PADDING, fromHex(toHex(IV) + CT), out)).toEqual({
      status: 0,
      outputLength: 32,
    });
    expect(toHex(out)).toBe(toHex(PT));
    const exp = new Uint8Array(32);
    expect(c.psa_export_key(21, exp)).toEqual({ status: 0, dataLength: 32 });
    expect(toHex(exp)).toBe(exported);
    expect(c.psa_cipher_decrypt(21, PSA_ALG_CBC_NO_PADDING, fromHex(toHex(IV) + ct21), out).status).toBe(0);
    expect(toHex(out)).toBe(toHex(PT));
    const attrs = c.psa_get_key_attributes(21);
    expect(attrs.attributes).toMatchObject({
      id: 21,
      type: PSA_KEY_TYPE_AES,
      bits: 256,
      usage,
      alg: PSA_ALG_CBC_NO_PADDING,
    });
  });

  it('both write byte-identical ITS files for the same key', () => {
    const ours = tempDir();
    const theirs = tempDir();
    const c = psaOn(ours).cSync;
    const a = c.psa_key_attributes_init();
    c.psa_set_key_id(a, 0x3fffffff);
    c.psa_set_key_type(a, PSA_KEY_TYPE_AES);
    c.psa_set_key_usage_flags(a, PSA_KEY_USAGE_ENCRYPT);
    c.psa_set_key_algorithm(a, PSA_ALG_CBC_NO_PADDING);
    expect(c.psa_import_key(a, KEY).status).toBe(0);
    runMbedtls(theirs, [
      'init',
      `import 1 ${0x3fffffff} ${PSA_KEY_TYPE_AES} 0 ${PSA_KEY_USAGE_ENCRYPT} ${PSA_ALG_CBC_NO_PADDING} ${toHex(KEY)}`,
    ]);
    expect(readdirSync(ours)).toEqual(['000000003fffffff.psa_its']);
    expect(readdirSync(theirs)).toEqual(['000000003fffffff.psa_its']);
    expect(toHex(readFileSync(join(ours, '000000003fffffff.psa_its')))).toBe(
      toHex(readFileSync(join(theirs, '000000003fffffff.psa_its'))),
    );
  });

  it('a key destroyed by Mbed TLS is gone for psa-emu, and the other way round', () => {
    const dir = tempDir();
    runMbedtls(dir, [
      'init',
      `import 1 30 ${PSA_KEY_TYPE_AES} 0 ${PSA_KEY_USAGE_ENCRYPT} ${PSA_ALG_CBC_NO_PADDING} ${toHex(KEY)}`,
      `import 1 31 ${PSA_KEY_TYPE_AES} 0 ${PSA_KEY_USAGE_ENCRYPT} ${PSA_ALG_CBC_NO_PADDING} ${toHex(KEY)}`,
      'destroy 30',
    ]);
    const c = psaOn(dir).cSync;
    expect(c.psa_open_key(30).status).toBe(-140);
    expect(c.psa_destroy_key(31)).toBe(0);
    expect(runMbedtls(dir, ['init', 'open 31', 'open 30'])).toEqual(['0', '-140 0', '-140 0']);
  });
});
