/**
 * The shipped headers (include/psa) against the TypeScript sources of truth: every numeric
 * constant of src/psa/constants, src/psa/status.ts, src/psa/attributes.ts and the ITS flags,
 * every function-like macro over sample arguments, the struct layouts the imports read and
 * write, the accessor side effects, and the wasm signature of every declared import. The C
 * programs are generated from the TS modules, so a constant added in TS without its macro
 * fails to compile.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPsa } from '../../src/index.js';
import * as its from '../../src/its/its.js';
import * as attributes from '../../src/psa/attributes.js';
import * as algorithms from '../../src/psa/constants/algorithms.js';
import * as keys from '../../src/psa/constants/keys.js';
import * as sizes from '../../src/psa/constants/sizes.js';
import * as status from '../../src/psa/status.js';
import { PSA_WASM_FUNCTIONS, WASM_KEY_ATTRIBUTES_SIZE, WASM_STORAGE_INFO_SIZE } from '../../src/wasm/abi.js';
import { runWasm } from '../../src/wasm/run-wasi.js';
import { BUILD_DIR, compileWasm, findClang, INCLUDE_DIR, wasmToolchainAvailable } from './toolchain.js';
import { functionImports } from './wasm-imports.js';

const MODULES = { algorithms, keys, sizes, status, attributes, its } as Record<
  string,
  Record<string, unknown>
>;
const MACRO = /^(PSA|MBEDTLS|TFM)_[A-Z0-9_]+$/;

/** Every constant with a C name, from the TS modules. */
const CONSTANTS: [string, number | bigint][] = Object.values(MODULES).flatMap((m) =>
  Object.entries(m).filter(
    (e): e is [string, number | bigint] =>
      MACRO.test(e[0]) && (typeof e[1] === 'number' || typeof e[1] === 'bigint'),
  ),
);
type Fn = (...args: number[]) => number | boolean;
/** Every function-like macro, from the TS modules. */
const MACROS: [string, Fn][] = Object.values(MODULES).flatMap((m) =>
  Object.entries(m).filter((e): e is [string, Fn] => MACRO.test(e[0]) && typeof e[1] === 'function'),
);

const algs = CONSTANTS.filter(([n]) => n.startsWith('PSA_ALG_')).map(([, v]) => Number(v));
const DERIVED_ALGS = [
  algorithms.PSA_ALG_HMAC(algorithms.PSA_ALG_SHA_256),
  algorithms.PSA_ALG_HMAC(algorithms.PSA_ALG_SHA3_512),
  algorithms.PSA_ALG_TRUNCATED_MAC(algorithms.PSA_ALG_CMAC, 8),
  algorithms.PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(algorithms.PSA_ALG_HMAC(algorithms.PSA_ALG_SHA_1), 10),
  0x80000000 | algorithms.PSA_ALG_SHA_256,
  0xffffffff,
];
const ALGS = [...new Set([...algs, ...DERIVED_ALGS])];
const MAC_ALGS = ALGS.filter((a) => algorithms.PSA_ALG_IS_MAC(a));
const CIPHER_ALGS = [
  ...ALGS.filter((a) => algorithms.PSA_ALG_IS_CIPHER(a)),
  algorithms.PSA_ALG_SHA_256,
  algorithms.PSA_ALG_CMAC,
];
const TYPES = [
  ...new Set([
    ...CONSTANTS.filter(([n]) => n.startsWith('PSA_KEY_TYPE_')).map(([, v]) => Number(v)),
    0x7003,
    0xffff,
  ]),
];
const LIFETIMES = [0, 1, 0xff, 0x100, 0x101, 0x800001, 0x80000001, 0xffffff00, 0xffffffff];
const LENGTHS = [0, 1, 15, 16, 17, 100];
const cross = (...sets: number[][]): number[][] =>
  sets.reduce<number[][]>((acc, s) => acc.flatMap((a) => s.map((x) => [...a, x])), [[]]);

/** Sample arguments for each function-like macro. */
const SAMPLES: Record<string, number[][]> = {
  PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION: cross([0, 1, 0xff, 0x1ff], [0, 1, 0x800000, 0xffffff]),
  PSA_ALG_TRUNCATED_MAC: cross(MAC_ALGS, [0, 4, 8, 16, 32, 63]),
  PSA_ALG_AT_LEAST_THIS_LENGTH_MAC: cross(MAC_ALGS, [0, 4, 8, 16, 32, 63]),
  PSA_MAC_LENGTH: cross(
    [keys.PSA_KEY_TYPE_AES, keys.PSA_KEY_TYPE_DES, keys.PSA_KEY_TYPE_HMAC],
    [128],
    [...MAC_ALGS, algorithms.PSA_ALG_SHA_256],
  ),
  PSA_CIPHER_IV_LENGTH: cross(TYPES, CIPHER_ALGS),
  PSA_CIPHER_FINISH_OUTPUT_SIZE: cross(TYPES, CIPHER_ALGS),
  PSA_CIPHER_ENCRYPT_OUTPUT_SIZE: cross(TYPES, CIPHER_ALGS, LENGTHS),
  PSA_CIPHER_DECRYPT_OUTPUT_SIZE: cross(TYPES, CIPHER_ALGS, LENGTHS),
  PSA_CIPHER_UPDATE_OUTPUT_SIZE: cross(TYPES, CIPHER_ALGS, LENGTHS),
};
for (const [name, fn] of MACROS) {
  if (SAMPLES[name] || fn.length !== 1) continue;
  if (name.startsWith('PSA_KEY_LIFETIME_')) SAMPLES[name] = LIFETIMES.map((l) => [l]);
  else if (name.startsWith('PSA_KEY_TYPE_') || name === 'PSA_BLOCK_CIPHER_BLOCK_LENGTH')
    SAMPLES[name] = TYPES.map((t) => [t]);
  else SAMPLES[name] = ALGS.map((a) => [a]);
}

/** Accessor sequences applied in C and with the TS functions of src/psa/attributes.ts. */
const SETTER_RUNS: [string, number][][] = [
  [['psa_set_key_id', 5]],
  [
    ['psa_set_key_lifetime', 0x80000002],
    ['psa_set_key_id', 9],
    ['psa_set_key_lifetime', 0x800000],
  ],
  [
    ['psa_set_key_lifetime', 0x12345600],
    ['psa_set_key_id', 3],
  ],
  [
    ['psa_set_key_bits', 0x10000],
    ['psa_set_key_type', 0x2400],
    ['psa_set_key_algorithm', 0x03c00200],
  ],
  [
    ['psa_set_key_bits', 0xfff8],
    ['psa_set_key_usage_flags', 0x1000 | 0x2000],
  ],
  [
    ['psa_set_key_usage_flags', 0xffffffff],
    ['psa_set_key_id', 0xffffffff],
    ['psa_reset_key_attributes', 0],
  ],
];

const hexOf = (v: number | bigint): string => `0x${BigInt.asUintN(64, BigInt(v)).toString(16)}ull`;

/**
 * The generated C: a static table of integer constant expressions (so every macro must be
 * one, as C code uses them for array sizes) printed by a loop, then the accessor runs.
 */
function valuesProgram(): string {
  const rows: string[] = [];
  const row = (label: string, expr: string) => rows.push(`  {"${label}", (long long)(${expr})},`);
  for (const [name] of CONSTANTS) row(name, name);
  for (const [name, samples] of Object.entries(SAMPLES))
    for (const args of samples)
      row(`${name}(${args.join(',')})`, `${name}(${args.map((a) => `${a}u`).join(', ')})`);
  row('sizeof(psa_key_attributes_t)', 'sizeof(psa_key_attributes_t)');
  for (const f of ['type', 'bits', 'lifetime', 'id', 'usage', 'alg', 'alg2'])
    row(`offsetof(psa_key_attributes_t,${f})`, `offsetof(psa_key_attributes_t, ${f})`);
  row('sizeof(struct psa_storage_info_t)', 'sizeof(struct psa_storage_info_t)');
  for (const f of ['capacity', 'size', 'flags'])
    row(`offsetof(psa_storage_info_t,${f})`, `offsetof(struct psa_storage_info_t, ${f})`);
  for (const op of ['hash', 'mac', 'cipher'])
    row(`sizeof(psa_${op}_operation_t)`, `sizeof(psa_${op}_operation_t)`);
  const runs = SETTER_RUNS.map((run, i) => {
    const body = run.map(([setter, v]) =>
      setter === 'psa_reset_key_attributes' ? `  ${setter}(&a);` : `  ${setter}(&a, ${hexOf(v)});`,
    );
    const show = ['id', 'lifetime', 'type', 'bits', 'usage', 'alg'].map(
      (f) =>
        `  printf("setters${i}.${f} %lld\\n", (long long)psa_get_key_${f === 'usage' ? 'usage_flags' : f === 'alg' ? 'algorithm' : f}(&a));`,
    );
    return [
      `static void run${i}(void) {`,
      '  psa_key_attributes_t a = psa_key_attributes_init();',
      ...body,
      ...show,
      '}',
    ];
  });
  return [
    '#include <stddef.h>',
    '#include <stdio.h>',
    '#include <psa/crypto.h>',
    '#include <psa/internal_trusted_storage.h>',
    'static const struct { const char *label; long long value; } VALUES[] = {',
    ...rows,
    '};',
    ...runs.flat(),
    'int main(void) {',
    '  for (size_t i = 0; i < sizeof VALUES / sizeof VALUES[0]; i++) printf("%s %lld\\n", VALUES[i].label, VALUES[i].value);',
    ...SETTER_RUNS.map((_, i) => `  run${i}();`),
    '  return 0;',
    '}',
    '',
  ].join('\n');
}

function expectedValues(): Map<string, string> {
  const m = new Map<string, string>();
  for (const [name, v] of CONSTANTS) m.set(name, String(v));
  for (const [name, samples] of Object.entries(SAMPLES)) {
    const fn = MACROS.find(([n]) => n === name)![1];
    for (const args of samples) m.set(`${name}(${args.join(',')})`, String(Number(fn(...args))));
  }
  m.set('sizeof(psa_key_attributes_t)', String(WASM_KEY_ATTRIBUTES_SIZE));
  // The layout CallMemory.readAttributes/writeAttributes use (src/wasm/memory.ts).
  const layout = { type: 0, bits: 2, lifetime: 4, id: 8, usage: 12, alg: 16, alg2: 20 };
  for (const [f, off] of Object.entries(layout)) m.set(`offsetof(psa_key_attributes_t,${f})`, String(off));
  m.set('sizeof(struct psa_storage_info_t)', String(WASM_STORAGE_INFO_SIZE));
  for (const [f, off] of Object.entries({ capacity: 0, size: 4, flags: 8 }))
    m.set(`offsetof(psa_storage_info_t,${f})`, String(off));
  for (const op of ['hash', 'mac', 'cipher']) m.set(`sizeof(psa_${op}_operation_t)`, '4');
  SETTER_RUNS.forEach((run, i) => {
    const a = attributes.psa_key_attributes_init();
    for (const [setter, v] of run) {
      if (setter === 'psa_reset_key_attributes') attributes.psa_reset_key_attributes(a);
      else (attributes as unknown as Record<string, (x: typeof a, v: number) => void>)[setter]!(a, v);
    }
    for (const f of ['id', 'lifetime', 'type', 'bits', 'usage', 'alg'] as const)
      m.set(`setters${i}.${f}`, String(a[f]));
  });
  return m;
}

describe.runIf(wasmToolchainAvailable())('include/psa headers', () => {
  let values: Map<string, string>;
  beforeAll(async () => {
    mkdirSync(BUILD_DIR, { recursive: true });
    const src = join(BUILD_DIR, 'header-values.c');
    writeFileSync(src, valuesProgram());
    const run = await runWasm(compileWasm('header-values', [src]), { psa: createPsa({ target: 'mbedtls' }) });
    expect(run.exitCode).toBe(0);
    values = new Map(run.lines.map((l) => [l.slice(0, l.lastIndexOf(' ')), l.slice(l.lastIndexOf(' ') + 1)]));
  });

  it('has a macro for every constant and function-like macro of the TS modules', () => {
    expect(CONSTANTS.length).toBeGreaterThan(140);
    expect(new Set(Object.keys(SAMPLES))).toEqual(new Set(MACROS.map(([n]) => n)));
  });

  it('gives every constant, macro result, struct layout and accessor effect the TS value', () => {
    const expected = expectedValues();
    expect(values.size).toBe(expected.size);
    const mismatches = [...expected]
      .filter(([k, v]) => values.get(k) !== v)
      .map(([k, v]) => `${k}: C ${values.get(k)}, TS ${v}`);
    expect(mismatches).toEqual([]);
  });

  it('declares every import with import_module("psa") and the signature createPsaImports implements', () => {
    const names = [...PSA_WASM_FUNCTIONS.keys()];
    const src = join(BUILD_DIR, 'all-imports.c');
    writeFileSync(
      src,
      [
        '#include <psa/crypto.h>',
        '#include <psa/internal_trusted_storage.h>',
        'typedef void (*fn_t)(void);',
        `volatile fn_t fns[] = {\n${names.map((n) => `  (fn_t)${n},`).join('\n')}\n};`,
        'int main(void) { return fns[0] == 0; }',
        '',
      ].join('\n'),
    );
    const imports = functionImports(compileWasm('all-imports', [src])).filter((i) => i.module === 'psa');
    expect(imports.map((i) => i.name).sort()).toEqual([...names].sort());
    for (const i of imports) {
      const f = PSA_WASM_FUNCTIONS.get(i.name)!;
      expect({ name: i.name, params: i.params, results: i.results }).toEqual({
        name: f.name,
        params: f.params,
        results: f.result ? [f.result] : [],
      });
    }
  });

  it('compiles warning-free as C99, C11 and C++ (-Wall -Wextra -pedantic)', () => {
    const src = join(BUILD_DIR, 'std.c');
    writeFileSync(
      src,
      '#include <psa/crypto.h>\n#include <psa/internal_trusted_storage.h>\nint main(void) { return 0; }\n',
    );
    for (const std of [
      ['-x', 'c', '-std=c99'],
      ['-x', 'c', '-std=c11'],
      ['-x', 'c++', '-std=c++17'],
    ]) {
      execFileSync(
        findClang()!,
        [
          '--target=wasm32-wasi',
          '--sysroot=/usr',
          '-I',
          INCLUDE_DIR,
          '-fsyntax-only',
          '-Wall',
          '-Wextra',
          '-Werror',
          '-pedantic',
          ...std,
          src,
        ],
        { stdio: 'pipe' },
      );
    }
  });

  it('refuses to compile for anything but wasm32', () => {
    let message = '';
    try {
      execFileSync(
        findClang()!,
        ['--target=x86_64-linux-gnu', '-I', INCLUDE_DIR, '-fsyntax-only', '-x', 'c', '-'],
        {
          input: '#include <psa/crypto.h>\n',
          stdio: 'pipe',
        },
      );
    } catch (e) {
      message = String((e as { stderr?: Buffer }).stderr);
    }
    expect(message).toMatch(/psa-emu's include\/psa headers are for wasm32/);
  });
});
