/**
 * createPsaImports from the host side: which functions a build links, the exception →
 * status mapping, bounds checks at the edges of linear memory, the handle table, and
 * checkPsaImports' link errors. (The C-driven tests cover every function from C.)
 */
import { describe, expect, it, vi } from 'vitest';
import {
  createPsa,
  PSA_ALG_SHA_256,
  PSA_ERROR_BAD_STATE,
  PSA_ERROR_BUFFER_TOO_SMALL,
  PSA_ERROR_GENERIC_ERROR,
  PSA_ERROR_INVALID_ARGUMENT,
  PSA_ERROR_INVALID_HANDLE,
  PSA_ERROR_NOT_SUPPORTED,
  PSA_ERROR_STORAGE_FAILURE,
  PSA_SUCCESS,
  PsaError,
} from '../../src/index.js';
import { minimalConfig, notSetConfig } from '../../src/tfm/config.js';
import { TfmLinkError } from '../../src/tfm/link-error.js';
import {
  checkPsaImports,
  createPsaImports,
  PSA_WASM_FUNCTIONS,
  type PsaImportsSource,
} from '../../src/wasm/index.js';

const ALL = [...PSA_WASM_FUNCTIONS.keys()];
const ITS = ALL.filter((n) => n.startsWith('psa_its_'));

/** A module whose only content is function imports `psa.<name>` of type () -> i32 (core spec §5.5). */
function moduleImporting(...imports: [string, 'func' | 'memory'][]): WebAssembly.Module {
  const str = (s: string) => [s.length, ...new TextEncoder().encode(s)];
  const entries = imports.flatMap(([name, kind]) => [
    ...str('psa'),
    ...str(name),
    ...(kind === 'func' ? [0, 0] : [2, 0, 1]),
  ]);
  const section = (id: number, body: number[]) => [id, body.length, ...body];
  return new WebAssembly.Module(
    Uint8Array.from([
      0x00,
      0x61,
      0x73,
      0x6d,
      0x01,
      0x00,
      0x00,
      0x00,
      ...section(1, [1, 0x60, 0, 1, 0x7f]),
      ...section(2, [imports.length, ...entries]),
    ]),
  );
}

describe('createPsaImports', () => {
  it('offers every function to a library build, and only the psa module when spread', () => {
    const imports = createPsaImports(createPsa({ target: 'mbedtls' }));
    expect(Object.keys(imports.psa).sort()).toEqual([...ALL].sort());
    expect(Object.keys({ ...imports })).toEqual(['psa']);
    expect(imports.unavailable.size).toBe(0);
    expect(Object.isFrozen(imports.psa)).toBe(true);
  });

  it('leaves out what a TF-M build does not link, with the error linking would give', () => {
    const fixed = createPsaImports(createPsa({ target: 'tfm', tfm: notSetConfig() }));
    expect(Object.keys(fixed.psa)).not.toContain('mbedtls_psa_crypto_free');
    expect([...fixed.unavailable.keys()]).toEqual(['mbedtls_psa_crypto_free']);

    const minimal = createPsaImports(createPsa({ target: 'tfm', tfm: minimalConfig() }));
    expect([...minimal.unavailable.keys()].sort()).toEqual(['mbedtls_psa_crypto_free', ...ITS].sort());
    const e = minimal.unavailable.get('psa_its_set');
    expect(e).toBeInstanceOf(TfmLinkError);
    expect((e as TfmLinkError).partition).toBe('internalTrustedStorage');

    const noCrypto = createPsaImports(
      createPsa({ target: 'tfm', tfm: { ...notSetConfig(), storage: false, partitions: { crypto: false } } }),
    );
    expect(Object.keys(noCrypto.psa).sort()).toEqual([...ITS].sort());
    expect((noCrypto.unavailable.get('psa_crypto_init') as TfmLinkError).partition).toBe('crypto');
  });

  it('refuses what is not a psa-emu instance, options or memory', () => {
    expect(() => createPsaImports(null as never)).toThrow(TypeError);
    expect(() => createPsaImports({} as never)).toThrow(/createPsa/);
    const psa = createPsa({ target: 'mbedtls' });
    expect(() => createPsaImports(psa, null as never)).toThrow(TypeError);
    expect(() => createPsaImports(psa, { memory: new ArrayBuffer(8) as never })).toThrow(
      /WebAssembly.Memory/,
    );
    expect(() => createPsaImports(psa, { log: 'no' as never })).toThrow(/log/);
    expect(() => createPsaImports(psa).setMemory({} as never)).toThrow(TypeError);
  });

  it('says how to bind memory when a guest calls before it is bound', () => {
    const imports = createPsaImports(createPsa({ target: 'mbedtls' }));
    expect(() => imports.psa.psa_generate_random!(1024, 16)).toThrow(/setMemory/);
    // A function without pointers does not need memory.
    expect(imports.psa.psa_crypto_init!()).toBe(PSA_SUCCESS);
    expect(imports.psa.psa_destroy_key!(77)).toBe(PSA_ERROR_INVALID_HANDLE);
  });

  it('checks every pointer against the end of memory before calling psa-emu', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const psa = createPsa({ target: 'mbedtls' });
    psa.cSync.psa_crypto_init();
    const spy = vi.fn(psa.cSync.psa_hash_compute);
    const source = { target: psa.target, tfm: psa.tfm, cSync: { ...psa.cSync, psa_hash_compute: spy } };
    const { psa: fns } = createPsaImports(source, { memory });
    const end = 65536;
    const compute = (inPtr: number, inLen: number, outPtr: number, outLen: number, lenPtr: number) =>
      fns.psa_hash_compute!(PSA_ALG_SHA_256, inPtr, inLen, outPtr, outLen, lenPtr);
    expect(compute(end - 3, 3, 1024, 32, 2048)).toBe(PSA_SUCCESS);
    expect(new DataView(memory.buffer).getUint32(2048, true)).toBe(32);
    expect(compute(end - 3, 4, 1024, 32, 2048)).toBe(PSA_ERROR_INVALID_ARGUMENT); // one byte past the end
    expect(compute(1024, 3, end - 31, 32, 2048)).toBe(PSA_ERROR_INVALID_ARGUMENT);
    expect(compute(1024, 3, 1024, 32, end - 3)).toBe(PSA_ERROR_INVALID_ARGUMENT); // size_t * straddles the end
    expect(compute(-16, 4, 1024, 32, 2048)).toBe(PSA_ERROR_INVALID_ARGUMENT); // 0xfffffff0 as an i32
    expect(compute(1024, -1, 1024, 32, 2048)).toBe(PSA_ERROR_INVALID_ARGUMENT); // SIZE_MAX
    expect(compute(0, 1, 1024, 32, 2048)).toBe(PSA_ERROR_INVALID_ARGUMENT); // NULL with a length
    expect(compute(0, 0, 1024, 32, 2048)).toBe(PSA_SUCCESS); // NULL, 0: the empty message
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('refuses an out-of-range pointer even with length 0 (only NULL, 0 is an empty buffer anywhere)', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const psa = createPsa({ target: 'mbedtls' });
    psa.cSync.psa_crypto_init();
    const spied = ['psa_generate_random', 'psa_hash_compute', 'psa_export_key', 'psa_its_get'] as const;
    const spies = Object.fromEntries(spied.map((n) => [n, vi.fn(psa.cSync[n])]));
    const source = { target: psa.target, tfm: psa.tfm, cSync: { ...psa.cSync, ...spies } };
    const { psa: fns } = createPsaImports(source as PsaImportsSource, { memory });
    const far = 0x7ffffff0;
    const end = 65536;
    const lenPtr = 2048;
    const view = new DataView(memory.buffer);
    view.setUint32(lenPtr, 0x5a5a5a5a, true);
    // An output buffer of length 0 outside memory: refused before psa-emu, nothing thrown or written.
    expect(fns.psa_generate_random!(far, 0)).toBe(PSA_ERROR_INVALID_ARGUMENT);
    expect(fns.psa_generate_random!(end + 1, 0)).toBe(PSA_ERROR_INVALID_ARGUMENT);
    expect(fns.psa_generate_random!(-16, 0)).toBe(PSA_ERROR_INVALID_ARGUMENT);
    expect(fns.psa_hash_compute!(PSA_ALG_SHA_256, 512, 3, far, 0, lenPtr)).toBe(PSA_ERROR_INVALID_ARGUMENT);
    expect(fns.psa_export_key!(1, far, 0, lenPtr)).toBe(PSA_ERROR_INVALID_ARGUMENT);
    expect(fns.psa_its_get!(1n, 0, 0, far, lenPtr)).toBe(PSA_ERROR_INVALID_ARGUMENT);
    // The same for an input buffer of length 0.
    expect(fns.psa_hash_compute!(PSA_ALG_SHA_256, far, 0, 1024, 32, lenPtr)).toBe(PSA_ERROR_INVALID_ARGUMENT);
    for (const n of spied) expect(spies[n], n).not.toHaveBeenCalled();
    expect(view.getUint32(lenPtr, true)).toBe(0x5a5a5a5a);

    // NULL, 0 and a pointer one past the last byte with length 0 are empty buffers.
    expect(fns.psa_generate_random!(0, 0)).toBe(PSA_SUCCESS);
    expect(fns.psa_generate_random!(end, 0)).toBe(PSA_SUCCESS);
    expect(fns.psa_hash_compute!(PSA_ALG_SHA_256, end, 0, 0, 0, lenPtr)).toBe(PSA_ERROR_BUFFER_TOO_SMALL);
    expect(fns.psa_hash_compute!(PSA_ALG_SHA_256, end, 0, end - 32, 32, lenPtr)).toBe(PSA_SUCCESS);
    expect(view.getUint32(lenPtr, true)).toBe(32);
    // These reach psa-emu, which answers as it does to an empty buffer from JavaScript.
    const empty = new Uint8Array(0);
    expect(fns.psa_export_key!(1, 0, 0, lenPtr)).toBe(psa.cSync.psa_export_key(1, empty).status);
    expect(fns.psa_its_get!(1n, 0, 0, end, lenPtr)).toBe(psa.cSync.psa_its_get(1n, 0, 0, empty).status);
    expect(spies.psa_generate_random).toHaveBeenCalledTimes(2);
    expect(spies.psa_hash_compute).toHaveBeenCalledTimes(2);
    expect(spies.psa_export_key).toHaveBeenCalledTimes(1);
    expect(spies.psa_its_get).toHaveBeenCalledTimes(1);
  });

  it('follows linear memory as it grows, and a memory bound later with setMemory', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 3 });
    const psa = createPsa({ target: 'mbedtls' });
    psa.cSync.psa_crypto_init();
    const imports = createPsaImports(psa, { memory });
    const random = imports.psa.psa_generate_random!;
    expect(random(1024, 16)).toBe(PSA_SUCCESS);
    expect(random(65536 + 1024, 16)).toBe(PSA_ERROR_INVALID_ARGUMENT);
    memory.grow(1); // detaches the old buffer
    expect(random(65536 + 1024, 16)).toBe(PSA_SUCCESS);
    expect(new Uint8Array(memory.buffer, 65536 + 1024, 16).some((b) => b !== 0)).toBe(true);
    expect(random(1024, 16)).toBe(PSA_SUCCESS);

    const other = new WebAssembly.Memory({ initial: 1 });
    imports.setMemory(other);
    expect(random(65536 + 1024, 16)).toBe(PSA_ERROR_INVALID_ARGUMENT);
    expect(random(2048, 16)).toBe(PSA_SUCCESS);
    expect(new Uint8Array(other.buffer, 2048, 16).some((b) => b !== 0)).toBe(true);
  });

  it('turns psa-emu exceptions into statuses (and a TfmLinkError into a trap), logging each', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const psa = createPsa({ target: 'mbedtls' });
    const log: string[] = [];
    const throwing = (e: unknown): PsaImportsSource => ({
      target: 'mbedtls',
      tfm: undefined,
      cSync: {
        ...psa.cSync,
        psa_generate_random: () => {
          throw e;
        },
      },
    });
    const call = (e: unknown) =>
      createPsaImports(throwing(e), { memory, log: (l) => log.push(l) }).psa.psa_generate_random!(1024, 4);
    expect(call(new PsaError(PSA_ERROR_STORAGE_FAILURE, 'disk gone'))).toBe(PSA_ERROR_STORAGE_FAILURE);
    expect(call(new TypeError('bad'))).toBe(PSA_ERROR_INVALID_ARGUMENT);
    expect(call(new RangeError('bad'))).toBe(PSA_ERROR_INVALID_ARGUMENT);
    expect(call(new Error('bug'))).toBe(PSA_ERROR_GENERIC_ERROR);
    expect(call('a string')).toBe(PSA_ERROR_GENERIC_ERROR);
    expect(() => call(new TfmLinkError('psa_generate_random', 'crypto'))).toThrow(WebAssembly.RuntimeError);
    expect(log).toHaveLength(5);
    expect(log[0]).toMatch(
      /psa_generate_random: psa-emu threw PsaError: .*returned -146 \(PSA_ERROR_STORAGE_FAILURE\)/,
    );
    expect(log[3]).toMatch(/Error: bug; returned -132/);
  });

  it('keeps a handle table: non-zero while an operation is active, freed by abortOperations()', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const psa = createPsa({ target: 'tfm', tfm: notSetConfig() });
    const imports = createPsaImports(psa, { memory });
    const view = new DataView(memory.buffer);
    const { psa_hash_setup, psa_hash_clone, psa_hash_abort } = imports.psa;
    expect(psa_hash_setup!(100, PSA_ALG_SHA_256)).toBe(PSA_SUCCESS);
    expect(psa_hash_clone!(100, 104)).toBe(PSA_SUCCESS);
    const [a, b] = [view.getUint32(100, true), view.getUint32(104, true)];
    expect(a).not.toBe(0);
    expect(b).not.toBe(0);
    expect(a).not.toBe(b);
    expect(imports.liveOperations).toBe(2);
    expect(psa.tfm!.boundary.operations.inUse()).toBe(2);
    expect(psa_hash_abort!(100)).toBe(PSA_SUCCESS);
    expect(view.getUint32(100, true)).toBe(0);
    expect(imports.abortOperations()).toBe(1);
    expect(psa.tfm!.boundary.operations.inUse()).toBe(0);
    // The struct still holds the old handle, which now designates nothing.
    expect(psa_hash_setup!(104, PSA_ALG_SHA_256)).toBe(PSA_ERROR_BAD_STATE);
    expect(psa_hash_abort!(104)).toBe(PSA_SUCCESS);
    expect(view.getUint32(104, true)).toBe(0);
    expect(psa_hash_setup!(104, PSA_ALG_SHA_256)).toBe(PSA_SUCCESS);
  });

  it('module-gate answers reach the guest unchanged (NOT_SUPPORTED, zero-filled outputs at full length)', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const imports = createPsaImports(createPsa({ target: 'tfm', tfm: minimalConfig() }), { memory });
    const bytes = new Uint8Array(memory.buffer);
    bytes.fill(0xaa, 1024, 1024 + 32);
    new DataView(memory.buffer).setUint32(2048, 0x12345678, true);
    expect(imports.psa.psa_hash_compute!(PSA_ALG_SHA_256, 512, 3, 1024, 32, 2048)).toBe(
      PSA_ERROR_NOT_SUPPORTED,
    );
    expect(bytes.subarray(1024, 1024 + 32).every((b) => b === 0)).toBe(true);
    expect(new DataView(memory.buffer).getUint32(2048, true)).toBe(32);
  });
});

describe('checkPsaImports', () => {
  const tfmMinimal = () => createPsaImports(createPsa({ target: 'tfm', tfm: minimalConfig() }));

  it('passes a module whose psa imports all exist', () => {
    expect(() =>
      checkPsaImports(moduleImporting(['psa_open_key', 'func'], ['psa_crypto_init', 'func']), tfmMinimal()),
    ).not.toThrow();
  });

  it('fails like the firmware link would: TfmLinkError for a partition not built', () => {
    expect(() => checkPsaImports(moduleImporting(['psa_its_get', 'func']), tfmMinimal())).toThrow(
      TfmLinkError,
    );
  });

  it('fails with a LinkError for a function psa-emu does not implement, or a non-function import', () => {
    expect(() => checkPsaImports(moduleImporting(['psa_aead_encrypt', 'func']), tfmMinimal())).toThrow(
      WebAssembly.LinkError,
    );
    expect(() => checkPsaImports(moduleImporting(['psa_open_key', 'memory']), tfmMinimal())).toThrow(
      /\(memory\)/,
    );
    expect(() => checkPsaImports(new Uint8Array(8) as never, tfmMinimal())).toThrow(TypeError);
  });
});
