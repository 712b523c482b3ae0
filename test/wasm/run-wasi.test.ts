/**
 * runWasm (Node's WASI preview1): argv, environment, stdin, stdout/stderr capture, exit
 * status, traps, leftover operations and storage durability (test/wasm/c/echo.c).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createPsa, memoryStorage } from '../../src/index.js';
import { notSetConfig } from '../../src/tfm/config.js';
import { runWasm } from '../../src/wasm/index.js';
import { compileWasm, wasmToolchainAvailable } from './toolchain.js';

describe.runIf(wasmToolchainAvailable())('runWasm', () => {
  let echo: Uint8Array;
  beforeAll(() => {
    echo = compileWasm('echo', ['c/echo.c']);
  });
  const tfm = () => createPsa({ target: 'tfm', tfm: notSetConfig() });

  it('passes argv, env and stdin, and returns stdout, stderr, lines and the exit status', async () => {
    const r = await runWasm(echo, {
      psa: tfm(),
      args: ['one', 'two words'],
      programName: 'echo',
      env: { GREETING: 'hej' },
      stdin: 'from stdin\n',
    });
    expect(r.exitCode).toBe(7);
    expect(r.trap).toBeUndefined();
    expect(r.lines).toEqual([
      'argv[0]=echo',
      'argv[1]=one',
      'argv[2]=two words',
      'env=hej',
      'stdin=from stdin',
    ]);
    expect(r.stdout).toBe(`${r.lines.join('\n')}\n`);
    expect(r.stderr).toBe('to stderr\n');
    expect(r.hostLog).toEqual([]);
  });

  it('defaults: argv[0] main.wasm, no environment, empty stdin; accepts a compiled module', async () => {
    const r = await runWasm(await WebAssembly.compile(echo as BufferSource), { psa: tfm() });
    expect(r.lines).toEqual(['argv[0]=main.wasm', 'env=(none)']);
  });

  it('reports a trap instead of throwing it', async () => {
    const r = await runWasm(echo, { psa: tfm(), args: ['trap'] });
    expect(r.exitCode).toBeNull();
    expect(r.trap).toBeInstanceOf(WebAssembly.RuntimeError);
    expect(r.lines).toContain('argv[1]=trap');
  });

  it('aborts the operations a guest left active (TF-M operation table entries), unless asked to keep them', async () => {
    const psa = tfm();
    const r = await runWasm(echo, { psa, args: ['leak'] });
    expect(r.lines).toContain('setup=0');
    expect(r.hostLog).toEqual(['psa-emu/wasm: aborted 1 operation(s) the guest left active']);
    expect(psa.tfm!.boundary.operations.inUse()).toBe(0);
    const kept = await runWasm(echo, { psa, args: ['leak'], keepOperations: true });
    expect(kept.imports.liveOperations).toBe(1);
    expect(psa.tfm!.boundary.operations.inUse()).toBe(1);
    expect(kept.imports.abortOperations()).toBe(1);
  });

  it('resolves after a deferred storage is flushed; a persistent key outlives the instance', async () => {
    const base = memoryStorage();
    const flush = vi.fn(async () => {});
    const storage = { ...base, durability: 'deferred' as const, flush };
    const psa = createPsa({ target: 'tfm', tfm: notSetConfig(), storage });
    const r = await runWasm(echo, { psa, args: ['persist'] });
    expect(r.lines).toContain('import=0');
    expect(flush).toHaveBeenCalled();
    expect(psa.cSync.psa_get_key_attributes(5).status).toBe(0);
  });

  it('checks its arguments', async () => {
    await expect(runWasm('x' as never, { psa: tfm() })).rejects.toThrow(TypeError);
    await expect(runWasm(echo, null as never)).rejects.toThrow(/options/);
    await expect(runWasm(echo, { psa: tfm(), imports: { psa: {} } })).rejects.toThrow(
      /must not define "psa"/,
    );
  });
});
