/**
 * Internal Trusted Storage from C (test/wasm/c/its.c): 64-bit uids cross the boundary as
 * i64, partial reads, write-once assets and bad pointers (PSA Certified Secure Storage API
 * 1.0 §5.2); under the NCS minimal profile the ITS partition is not built, so a module that
 * imports psa_its_* does not link.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createPsa,
  PSA_ERROR_DOES_NOT_EXIST,
  PSA_ERROR_INVALID_ARGUMENT,
  PSA_ERROR_INVALID_HANDLE,
  PSA_ERROR_NOT_PERMITTED,
  PSA_STORAGE_FLAG_WRITE_ONCE,
  PSA_SUCCESS,
} from '../../src/index.js';
import { minimalConfig } from '../../src/tfm/config.js';
import { TfmLinkError } from '../../src/tfm/link-error.js';
import { toHex } from '../../src/utils/bytes.js';
import { runWasm } from '../../src/wasm/run-wasi.js';
import { callsOf, runChecked, TARGETS } from './harness.js';
import { compileWasm, wasmToolchainAvailable } from './toolchain.js';

const hex = (s: string) => toHex(new TextEncoder().encode(s));

// Where TF-M's ITS partition and Mbed TLS's file ITS differ (its.ts documents both).
const EXPECT = {
  'tfm not-set': {
    tail: { status: PSA_SUCCESS, dataLength: 3 },
    overwriteWriteOnce: PSA_ERROR_NOT_PERMITTED,
    topContent: hex('top'),
    uidZero: PSA_ERROR_INVALID_ARGUMENT,
  },
  'mbedtls library': {
    tail: { status: PSA_ERROR_INVALID_ARGUMENT, dataLength: 0 },
    overwriteWriteOnce: PSA_SUCCESS,
    topContent: hex('new'),
    uidZero: PSA_ERROR_INVALID_HANDLE,
  },
} as const;

describe.runIf(wasmToolchainAvailable())('ITS from C', () => {
  let wasm: Uint8Array;
  beforeAll(() => {
    wasm = compileWasm('its', ['c/its.c']);
  });

  describe.each(Object.keys(EXPECT) as (keyof typeof EXPECT)[])('%s', (target) => {
    it('sets, reads, inspects and removes assets', async () => {
      const e = EXPECT[target];
      const r = await runChecked(TARGETS[target](`wasm-its/${target}`), wasm);
      const sets = callsOf(r, 'psa_its_set');
      expect(sets.map((c) => c.args[0])).toEqual([
        0x1122334455667788n,
        0xffffffffffffffffn,
        0xffffffffffffffffn,
        0n,
        9n,
      ]);
      expect(toHex(sets[0]!.args[1] as Uint8Array)).toBe(hex('hello'));
      expect(sets[1]!.args[2]).toBe(PSA_STORAGE_FLAG_WRITE_ONCE);
      expect(sets.map((c) => c.result)).toEqual([
        PSA_SUCCESS,
        PSA_SUCCESS,
        e.overwriteWriteOnce,
        e.uidZero,
        PSA_SUCCESS,
      ]);
      const infos = callsOf(r, 'psa_its_get_info').map((c) => c.result);
      expect(infos[0]).toEqual({ status: PSA_SUCCESS, info: { capacity: 5, size: 5, flags: 0 } });
      expect((infos[1] as { info: { size: number } }).info.size).toBe(0);
      expect((infos[2] as { status: number }).status).toBe(PSA_ERROR_DOES_NOT_EXIST);
      const gets = callsOf(r, 'psa_its_get');
      expect(gets[0]!.args.slice(0, 3)).toEqual([0x1122334455667788n, 1, 3]);
      expect(gets[0]!.result).toEqual({ status: PSA_SUCCESS, dataLength: 3 });
      expect(r.data.get('read')).toBe(hex('ell') + '2e'.repeat(13));
      expect(gets[1]!.result).toEqual(e.tail);
      expect(toHex(gets[2]!.after[3] as Uint8Array)).toBe(e.topContent);
      expect(callsOf(r, 'psa_its_remove').map((c) => c.result)).toEqual([
        PSA_SUCCESS,
        PSA_ERROR_DOES_NOT_EXIST,
        PSA_SUCCESS,
      ]);
    });
  });

  it('does not link under the NCS minimal profile (no ITS partition): TfmLinkError at instantiation', async () => {
    const psa = createPsa({ target: 'tfm', tfm: minimalConfig() });
    const err = await runWasm(wasm, { psa }).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(TfmLinkError);
    expect((err as TfmLinkError).partition).toBe('internalTrustedStorage');
    expect((err as TfmLinkError).message).toMatch(/CONFIG_TFM_PARTITION_INTERNAL_TRUSTED_STORAGE/);
  });
});
