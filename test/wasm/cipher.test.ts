/**
 * Cipher functions from C (test/wasm/c/cipher.c) over NIST SP 800-38A CBC-AES vectors
 * (test/vectors/nist-sp800-38a.json): multipart with a given and a generated IV, in-place
 * updates, single-part round trips, the handle table and bad pointers
 * (PSA Certified Crypto API 1.2 §10.4).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  PSA_ERROR_BAD_STATE,
  PSA_ERROR_BUFFER_TOO_SMALL,
  PSA_ERROR_INVALID_ARGUMENT,
  PSA_SUCCESS,
} from '../../src/index.js';
import sp80038a from '../vectors/nist-sp800-38a.json' with { type: 'json' };
import { bufAfter, callsOf, runChecked, TARGET_NAMES, TARGETS } from './harness.js';
import { compileWasm, wasmToolchainAvailable } from './toolchain.js';

const CBC = sp80038a.vectors.filter((v) => v.mode === 'CBC');

describe.runIf(wasmToolchainAvailable())('cipher from C', () => {
  let wasm: Uint8Array;
  beforeAll(() => {
    wasm = compileWasm('cipher', ['c/cipher.c']);
  });

  it('has the three CBC vectors', () => expect(CBC).toHaveLength(3));

  describe.each(TARGET_NAMES)('%s', (target) => {
    it.each(CBC)('$name ($sections)', async (v) => {
      const plaintext = v.plaintext.join('');
      const ciphertext = v.ciphertext.join('');
      const r = await runChecked(TARGETS[target](`wasm-cipher/${target}`), wasm, {
        args: [v.key, v.iv, plaintext],
      });
      expect(r.data.get('ciphertext')).toBe(ciphertext);
      expect(r.data.get('plaintext')).toBe(plaintext);
      // Each update produced one block, written where C asked.
      const updates = callsOf(r, 'psa_cipher_update').slice(0, v.plaintext.length);
      expect(updates.map((u) => u.result)).toEqual(
        v.plaintext.map(() => ({ status: PSA_SUCCESS, outputLength: 16 })),
      );
      for (const [i, block] of v.ciphertext.entries())
        expect(bufAfter(r, 'psa_cipher_update', i)[0]!.slice(0, 32)).toBe(block);
      expect(callsOf(r, 'psa_cipher_set_iv')[0]!.result).toBe(PSA_ERROR_INVALID_ARGUMENT);
      const tooSmall = callsOf(r, 'psa_cipher_update')[v.plaintext.length]!.result as { status: number };
      expect(tooSmall.status).toBe(PSA_ERROR_BUFFER_TOO_SMALL);
      // Single-part: a random IV then the ciphertext; both round trips come back.
      const [enc] = callsOf(r, 'psa_cipher_encrypt');
      expect(enc!.result).toEqual({ status: PSA_SUCCESS, outputLength: 16 + plaintext.length / 2 });
      expect(r.nums.get('single.roundtrip')).toBe(1);
      expect(callsOf(r, 'psa_cipher_generate_iv')[0]!.result).toEqual({ status: PSA_SUCCESS, ivLength: 16 });
      expect(r.nums.get('generated.roundtrip')).toBe(1);
      expect(r.nums.get('handle.after_setup')).not.toBe(0);
      expect(r.nums.get('handle.after_finish')).toBe(0);
      expect(r.nums.get('handle.after_abort')).toBe(0);
      expect(r.lines.filter((l) => l.kind === 'host')).toEqual([
        { kind: 'host', fn: 'psa_cipher_set_iv', status: PSA_ERROR_BAD_STATE },
        { kind: 'host', fn: 'psa_cipher_abort', status: PSA_SUCCESS },
      ]);
      expect(r.nums.get('handle.junk_after_abort')).toBe(0);
    });
  });
});
