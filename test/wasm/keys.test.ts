/**
 * Key management, random, init and reboot from C (test/wasm/c/keys.c, reboot.c): every call
 * returns what psa.cSync returns, out-parameters reach C, bad pointers are refused before
 * psa-emu and leave no trace (PSA Certified Crypto API 1.2 §9.6, §10.9).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  PSA_ALG_CBC_NO_PADDING,
  PSA_ALG_ECB_NO_PADDING,
  PSA_ERROR_BAD_STATE,
  PSA_ERROR_BUFFER_TOO_SMALL,
  PSA_ERROR_DOES_NOT_EXIST,
  PSA_ERROR_INVALID_HANDLE,
  PSA_KEY_TYPE_AES,
  PSA_KEY_USAGE_COPY,
  PSA_KEY_USAGE_ENCRYPT,
  PSA_KEY_USAGE_EXPORT,
  PSA_SUCCESS,
  psa_key_attributes_init,
  psa_set_key_algorithm,
  psa_set_key_bits,
  psa_set_key_id,
  psa_set_key_type,
  psa_set_key_usage_flags,
} from '../../src/index.js';
import { fromHex, toHex } from '../../src/utils/bytes.js';
import { bufAfter, callsOf, runChecked, TARGET_NAMES, TARGETS } from './harness.js';
import { compileWasm, wasmToolchainAvailable } from './toolchain.js';

const KEY = '000102030405060708090a0b0c0d0e0f';

describe.runIf(wasmToolchainAvailable())('key management from C', () => {
  let keys: Uint8Array;
  let reboot: Uint8Array;
  beforeAll(() => {
    keys = compileWasm('keys', ['c/keys.c']);
    reboot = compileWasm('reboot', ['c/reboot.c']);
  });

  describe.each(TARGET_NAMES)('%s', (target) => {
    it('imports, reads back, exports, copies, generates, opens and destroys keys', async () => {
      const r = await runChecked(TARGETS[target](`wasm-keys/${target}`), keys, { args: [KEY] });
      const [imp] = callsOf(r, 'psa_import_key');
      // The attributes psa-emu received are those the C setters built.
      const a = psa_key_attributes_init();
      psa_set_key_id(a, 7);
      psa_set_key_type(a, PSA_KEY_TYPE_AES);
      psa_set_key_bits(a, 128);
      psa_set_key_usage_flags(a, PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_COPY | PSA_KEY_USAGE_ENCRYPT);
      psa_set_key_algorithm(a, PSA_ALG_CBC_NO_PADDING);
      a.alg2 = PSA_ALG_ECB_NO_PADDING;
      expect(imp!.args[0]).toEqual(a);
      expect(imp!.args[1]).toEqual(fromHex(KEY));
      expect(imp!.result).toEqual({ status: PSA_SUCCESS, key: 7 });
      // Out-of-bounds imports never reached psa-emu: their out-parameter kept its value, key 8 never existed.
      expect(callsOf(r, 'psa_import_key')).toHaveLength(1);
      expect(r.nums.get('untouched')).toBe(0x66666666);
      const opens = callsOf(r, 'psa_open_key');
      expect(opens.map((c) => c.result)).toEqual([
        { status: PSA_SUCCESS, handle: 7 },
        { status: PSA_ERROR_DOES_NOT_EXIST, handle: 0 },
      ]);
      // Exported bytes, from the key and from its volatile copy.
      // (What follows data_length is the core's business: Mbed TLS wipes it, TF-M copies back only data_length bytes.)
      expect(bufAfter(r, 'psa_export_key', 0)[0]!.slice(0, 32)).toBe(KEY);
      expect(bufAfter(r, 'psa_export_key', 2)[0]!.slice(0, 32)).toBe(KEY);
      const exports = callsOf(r, 'psa_export_key').map((c) => c.result);
      expect(exports[1]).toEqual({ status: PSA_ERROR_BUFFER_TOO_SMALL, dataLength: 0 });
      // A failed psa_get_key_attributes resets the caller's struct (its type was HMAC).
      const gets = callsOf(r, 'psa_get_key_attributes').map((c) => c.result as { status: number });
      expect(gets.map((g) => g.status)).toEqual([
        PSA_SUCCESS,
        PSA_SUCCESS,
        PSA_ERROR_INVALID_HANDLE,
        PSA_ERROR_INVALID_HANDLE,
      ]);
      expect(gets[2]).toEqual({ status: PSA_ERROR_INVALID_HANDLE, attributes: psa_key_attributes_init() });
      // Random bytes reach C.
      const [random] = bufAfter(r, 'psa_generate_random');
      expect(random).toMatch(/^[0-9a-f]{48}$/);
      expect(random).not.toBe('00'.repeat(24));
      expect(callsOf(r, 'psa_destroy_key').map((c) => c.result)).toEqual([
        PSA_SUCCESS,
        PSA_SUCCESS,
        PSA_SUCCESS,
        PSA_ERROR_INVALID_HANDLE,
      ]);
      for (const fn of ['psa_generate_random', 'psa_import_key', 'psa_get_key_attributes', 'psa_export_key'])
        expect(r.seen.bad.has(fn), fn).toBe(true);
    });
  });

  it('mbedtls_psa_crypto_free from C is a reboot: volatile keys go, persistent keys stay', async () => {
    const r = await runChecked(TARGETS['mbedtls library']('wasm-reboot'), reboot);
    const statuses = r.calls.map((c) => [
      c.name,
      typeof c.result === 'number' ? c.result : (c.result as { status?: number })?.status,
    ]);
    expect(statuses).toEqual([
      ['psa_generate_random', PSA_ERROR_BAD_STATE],
      ['psa_crypto_init', PSA_SUCCESS],
      ['psa_generate_random', PSA_SUCCESS],
      ['psa_import_key', PSA_SUCCESS],
      ['psa_import_key', PSA_SUCCESS],
      ['mbedtls_psa_crypto_free', undefined],
      ['psa_generate_random', PSA_ERROR_BAD_STATE],
      ['psa_crypto_init', PSA_SUCCESS],
      ['psa_get_key_attributes', PSA_ERROR_INVALID_HANDLE],
      ['psa_get_key_attributes', PSA_SUCCESS],
      ['psa_destroy_key', PSA_SUCCESS],
    ]);
    expect(toHex(r.calls[4]!.args[1] as Uint8Array)).toBe('0102030405060708090a0b0c0d0e0f10');
  });

  it('a TF-M build has no mbedtls_psa_crypto_free: the module does not link', async () => {
    const { runWasm } = await import('../../src/wasm/run-wasi.js');
    await expect(runWasm(reboot, { psa: TARGETS['tfm not-set']('x') })).rejects.toThrow(
      /mbedtls_psa_crypto_free does not exist on the TF-M NS side/,
    );
  });
});
