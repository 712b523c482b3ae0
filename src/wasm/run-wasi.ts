/**
 * `runWasm(wasm, { psa })`: runs a WASI command module (C compiled with
 * `clang --target=wasm32-wasi`) on Node's `node:wasi` with the PSA imports of `psa`, and
 * returns its exit code and what it printed. Node only (`node:wasi`, temporary files for
 * stdout/stderr); `createPsaImports` itself works anywhere.
 * Spec: WASI preview1 (`wasi_snapshot_preview1`); Node.js `node:wasi`.
 * @module
 */
import type { ItsStore } from '../its/store.js';
import { describeType } from '../utils/bytes.js';
import { createPsaImports, type PsaImports, type PsaImportsSource } from './imports.js';
import { checkPsaImports, PSA_IMPORT_MODULE } from './link.js';

/** Options of `runWasm`. */
export interface RunWasmOptions {
  /** The emulated device the guest's PSA calls go to. */
  psa: PsaImportsSource & { readonly storage?: ItsStore };
  /** Command-line arguments after the program name (`argv[1]…`). */
  args?: readonly string[];
  /** `argv[0]` (default `'main.wasm'`). */
  programName?: string;
  /** Environment variables (default none). */
  env?: Readonly<Record<string, string>>;
  /** What the guest reads from stdin (default nothing). */
  stdin?: string | Uint8Array;
  /** WASI preopened directories: guest path → host path (default none). */
  preopens?: Readonly<Record<string, string>>;
  /** More import modules (anything but `psa` and `wasi_snapshot_preview1`). */
  imports?: WebAssembly.Imports;
  /**
   * Keep the operations the guest left active (default `false`: they are aborted after the run,
   * since no later code could reach them and TF-M's operation table is shared by every client).
   */
  keepOperations?: boolean;
}

/** What a run produced. */
export interface RunWasmResult {
  /** The exit status (`return` from `main` or `exit()`), or `null` when the guest trapped. */
  exitCode: number | null;
  /** The trap (`WebAssembly.RuntimeError`), when the guest trapped. */
  trap: WebAssembly.RuntimeError | undefined;
  /** Everything written to stdout (UTF-8). */
  stdout: string;
  /** Everything written to stderr (UTF-8). */
  stderr: string;
  /** `stdout` split into lines (no trailing empty line). */
  lines: string[];
  /** Host-side notes: psa-emu exceptions turned into statuses, aborted leftover operations. */
  hostLog: string[];
  /** The imports the guest ran with (handle table, `unavailable`). */
  imports: PsaImports;
}

/**
 * Compiles (if needed), links (`checkPsaImports`), instantiates and runs `wasm`'s `_start`.
 * Resolves after the storage has made every change of the run durable.
 */
export async function runWasm(
  wasm: Uint8Array | ArrayBuffer | WebAssembly.Module,
  options: RunWasmOptions,
): Promise<RunWasmResult> {
  if (typeof options !== 'object' || options === null)
    throw new TypeError(`options must be an object like { psa }, got ${describeType(options)}`);
  const module =
    wasm instanceof WebAssembly.Module
      ? wasm
      : wasm instanceof Uint8Array || wasm instanceof ArrayBuffer
        ? await WebAssembly.compile(wasm as BufferSource)
        : badWasm(wasm);
  const hostLog: string[] = [];
  const imports = createPsaImports(options.psa, { log: (line) => hostLog.push(line) });
  checkPsaImports(module, imports);
  const extra = options.imports ?? {};
  for (const reserved of [PSA_IMPORT_MODULE, 'wasi_snapshot_preview1']) {
    if (Object.hasOwn(extra, reserved)) throw new TypeError(`options.imports must not define "${reserved}"`);
  }

  const [{ WASI }, fs, os, path] = await Promise.all([
    import('node:wasi'),
    import('node:fs'),
    import('node:os'),
    import('node:path'),
  ]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psa-emu-wasm-'));
  const files = {
    stdin: path.join(dir, 'stdin'),
    stdout: path.join(dir, 'stdout'),
    stderr: path.join(dir, 'stderr'),
  };
  fs.writeFileSync(files.stdin, options.stdin ?? '');
  let exitCode: number | null = null;
  let trap: WebAssembly.RuntimeError | undefined;
  let stdout: string;
  let stderr: string;
  try {
    const fds = {
      stdin: fs.openSync(files.stdin, 'r'),
      stdout: fs.openSync(files.stdout, 'w'),
      stderr: fs.openSync(files.stderr, 'w'),
    };
    try {
      const wasi = new WASI({
        version: 'preview1',
        args: [options.programName ?? 'main.wasm', ...(options.args ?? [])],
        env: { ...options.env },
        preopens: { ...options.preopens },
        returnOnExit: true,
        ...fds,
      });
      const instance = await WebAssembly.instantiate(module, {
        ...extra,
        wasi_snapshot_preview1: wasi.wasiImport as WebAssembly.ModuleImports,
        [PSA_IMPORT_MODULE]: imports.psa,
      });
      const memory = instance.exports.memory;
      if (!(memory instanceof WebAssembly.Memory))
        throw new TypeError('the module must export its linear memory as "memory" (a WASI command does)');
      imports.setMemory(memory);
      try {
        exitCode = wasi.start(instance);
      } catch (e) {
        if (!(e instanceof WebAssembly.RuntimeError)) throw e;
        trap = e;
      }
    } finally {
      for (const fd of Object.values(fds)) fs.closeSync(fd);
    }
    stdout = fs.readFileSync(files.stdout, 'utf8');
    stderr = fs.readFileSync(files.stderr, 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (!options.keepOperations) {
    const n = imports.abortOperations();
    if (n > 0) hostLog.push(`psa-emu/wasm: aborted ${n} operation(s) the guest left active`);
  }
  const storage = options.psa.storage;
  if (storage && storage.durability !== 'sync') await storage.flush();
  const lines = stdout.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return { exitCode, trap, stdout, stderr, lines, hostLog, imports };
}

function badWasm(wasm: unknown): never {
  throw new TypeError(
    `wasm must be a Uint8Array, an ArrayBuffer or a WebAssembly.Module, got ${describeType(wasm)}`,
  );
}
