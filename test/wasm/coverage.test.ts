/**
 * "Every function in the import object has a test from C, bad pointers included": runs each
 * C test program once and checks that together they call every import and pass every import
 * that takes a pointer an out-of-bounds or NULL one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PSA_WASM_FUNCTIONS } from '../../src/wasm/abi.js';
import { runChecked, TARGETS } from './harness.js';
import { compileWasm, wasmToolchainAvailable } from './toolchain.js';

const PROGRAMS: { name: string; target: keyof typeof TARGETS; args: string[] }[] = [
  { name: 'keys', target: 'tfm not-set', args: ['000102030405060708090a0b0c0d0e0f'] },
  { name: 'reboot', target: 'mbedtls library', args: [] },
  { name: 'hash', target: 'tfm not-set', args: ['616263'] },
  {
    name: 'mac',
    target: 'tfm not-set',
    args: ['2400', '3c00200', '2b7e151628aed2a6abf7158809cf4f3c', '6bc1bee2'],
  },
  {
    name: 'cipher',
    target: 'tfm not-set',
    args: [
      '2b7e151628aed2a6abf7158809cf4f3c',
      '000102030405060708090a0b0c0d0e0f',
      '6bc1bee22e409f96e93d7e117393172a',
    ],
  },
  { name: 'its', target: 'tfm not-set', args: [] },
];

const takesPointer = (name: string): boolean => {
  const f = PSA_WASM_FUNCTIONS.get(name)!;
  return f.outParams.length > 0 || f.args.some((a) => a !== 'u32' && a !== 'uid');
};

describe.runIf(wasmToolchainAvailable())('C coverage of the imports', () => {
  const seen = { call: new Set<string>(), bad: new Set<string>() };
  beforeAll(async () => {
    for (const p of PROGRAMS) {
      const r = await runChecked(
        TARGETS[p.target](`wasm-coverage/${p.name}`),
        compileWasm(p.name, [`c/${p.name}.c`]),
        {
          args: p.args,
        },
      );
      for (const f of r.seen.call) seen.call.add(f);
      for (const f of r.seen.bad) seen.bad.add(f);
    }
  });

  it('calls every import from C', () => {
    expect([...PSA_WASM_FUNCTIONS.keys()].filter((f) => !seen.call.has(f))).toEqual([]);
  });

  it('gives every import that takes a pointer a bad pointer or length from C', () => {
    const pointerTaking = [...PSA_WASM_FUNCTIONS.keys()].filter(takesPointer);
    expect(pointerTaking.length).toBeGreaterThan(30);
    expect(pointerTaking.filter((f) => !seen.bad.has(f))).toEqual([]);
  });
});
