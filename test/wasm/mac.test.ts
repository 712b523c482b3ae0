/**
 * MAC functions from C (test/wasm/c/mac.c) over RFC 4493 AES-CMAC and RFC 4231 HMAC-SHA-256
 * vectors (test/vectors/): single-part, multipart sign/verify, the handle table (a hash
 * handle is not a MAC operation) and bad pointers (PSA Certified Crypto API 1.2 §10.3).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  PSA_ALG_CMAC,
  PSA_ALG_HMAC,
  PSA_ALG_SHA_256,
  PSA_ALG_TRUNCATED_MAC,
  PSA_ERROR_BAD_STATE,
  PSA_ERROR_BUFFER_TOO_SMALL,
  PSA_ERROR_INVALID_SIGNATURE,
  PSA_KEY_TYPE_AES,
  PSA_KEY_TYPE_HMAC,
  PSA_SUCCESS,
} from '../../src/index.js';
import hmac from '../vectors/rfc4231-hmac.json' with { type: 'json' };
import cmac from '../vectors/rfc4493-cmac.json' with { type: 'json' };
import { bufAfter, callsOf, runChecked, TARGET_NAMES, TARGETS } from './harness.js';
import { compileWasm, wasmToolchainAvailable } from './toolchain.js';

interface Case {
  name: string;
  type: number;
  alg: number;
  key: string;
  message: string;
  mac: string;
}

const CASES: Case[] = [
  ...cmac.examples.map((e) => ({
    name: `RFC 4493 example ${e.example}`,
    type: PSA_KEY_TYPE_AES,
    alg: PSA_ALG_CMAC,
    key: cmac.key,
    message: e.message,
    mac: e.mac,
  })),
  ...hmac.cases
    .filter((c) => c.case <= 5)
    .map((c) => ({
      name: `RFC 4231 case ${c.case}`,
      type: PSA_KEY_TYPE_HMAC,
      alg: c.truncatedTo
        ? PSA_ALG_TRUNCATED_MAC(PSA_ALG_HMAC(PSA_ALG_SHA_256), c.truncatedTo)
        : PSA_ALG_HMAC(PSA_ALG_SHA_256),
      key: c.key,
      message: c.data,
      mac: c.macs['SHA-256'].slice(0, 2 * (c.truncatedTo ?? 32)),
    })),
];

describe.runIf(wasmToolchainAvailable())('MAC from C', () => {
  let wasm: Uint8Array;
  beforeAll(() => {
    wasm = compileWasm('mac', ['c/mac.c']);
  });

  describe.each(TARGET_NAMES)('%s', (target) => {
    it.each(CASES)('$name', async (c) => {
      const args = [c.type.toString(16), c.alg.toString(16), c.key, c.message];
      const r = await runChecked(TARGETS[target](`wasm-mac/${target}`), wasm, { args });
      const len = c.mac.length / 2;
      const computed = callsOf(r, 'psa_mac_compute').map((x) => x.result);
      expect(computed[0]).toEqual({ status: PSA_SUCCESS, macLength: len });
      expect((computed[1] as { status: number }).status).toBe(PSA_ERROR_BUFFER_TOO_SMALL);
      expect(bufAfter(r, 'psa_mac_compute', 0)[0]!.slice(0, 2 * len)).toBe(c.mac);
      expect(callsOf(r, 'psa_mac_verify').map((x) => x.result)).toEqual([
        PSA_SUCCESS,
        PSA_ERROR_INVALID_SIGNATURE,
      ]);
      // Multipart: same MAC; verify accepts it and rejects a flipped bit.
      expect(bufAfter(r, 'psa_mac_sign_finish', 0)[0]!.slice(0, 2 * len)).toBe(c.mac);
      expect(r.nums.get('same')).toBe(1);
      expect(callsOf(r, 'psa_mac_verify_finish').map((x) => x.result)).toEqual([
        PSA_SUCCESS,
        PSA_ERROR_INVALID_SIGNATURE,
      ]);
      expect((callsOf(r, 'psa_mac_sign_finish')[1]!.result as { status: number }).status).toBe(
        PSA_ERROR_BAD_STATE,
      );
      expect(r.nums.get('handle.after_setup')).not.toBe(0);
      expect(r.nums.get('handle.after_finish')).toBe(0);
      expect(r.nums.get('handle.after_verify')).toBe(0);
      expect(r.lines.filter((l) => l.kind === 'host')).toEqual([
        { kind: 'host', fn: 'psa_mac_update', status: PSA_ERROR_BAD_STATE },
        { kind: 'host', fn: 'psa_mac_verify_finish', status: PSA_ERROR_BAD_STATE },
      ]);
    });
  });
});
