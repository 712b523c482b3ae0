/**
 * `createPsaImports(psa)`: the PSA C API as WebAssembly imports (module `"psa"`), so C
 * compiled for wasm32 against `include/psa/crypto.h` runs on psa-emu. Each import follows
 * the wasm32 C ABI of its C declaration (`./abi.ts`), validates every pointer and length
 * against linear memory, calls `psa.cSync` and writes the out-parameters back.
 *
 * What the guest can never do is make a JavaScript exception escape into the host:
 * - a pointer or length outside linear memory (a non-NULL pointer past its end even with
 *   length 0), a NULL pointer with a non-zero length or a NULL out-pointer →
 *   `PSA_ERROR_INVALID_ARGUMENT` (−135); psa-emu is not called, nothing is written;
 * - an operation struct holding an unknown handle → `PSA_ERROR_BAD_STATE` (−137), or
 *   `PSA_SUCCESS` and a zeroed struct for `psa_*_abort`;
 * - an exception thrown by psa-emu → a `PsaError` gives its status, a `TypeError`/`RangeError`
 *   gives −135, anything else `PSA_ERROR_GENERIC_ERROR` (−132); each is reported to `log`;
 * - a function this build does not link (a TF-M partition that is not built, see
 *   `TfmLinkError`; `mbedtls_psa_crypto_free` under TF-M) is absent from the imports, so
 *   instantiating a module that uses it fails, as linking the firmware would.
 * Spec: PSA Certified Crypto API 1.2; PSA Certified Secure Storage API 1.0 §5.2; WebAssembly JS API §"read the imports".
 * @module
 */
import type { Psa } from '../psa/api/create-psa.js';
import { isPsaError } from '../psa/error.js';
import {
  PSA_ERROR_BAD_STATE,
  PSA_ERROR_GENERIC_ERROR,
  PSA_ERROR_INVALID_ARGUMENT,
  PSA_SUCCESS,
  psaStatusName,
} from '../psa/status.js';
import { TfmLinkError, tfmLinkErrorOf } from '../tfm/link-error.js';
import { describeType } from '../utils/bytes.js';
import {
  type COutParam,
  isOperationArg,
  outParamSize,
  PSA_WASM_FUNCTIONS,
  type PsaWasmFunction,
} from './abi.js';
import { type Operation, OperationHandles, type OperationKind } from './handles.js';
import { CallMemory, OutOfBounds } from './memory.js';

/** What `createPsaImports` needs from a psa-emu instance (a `Psa`, or `psa.asClient(id)`). */
export type PsaImportsSource = Pick<Psa, 'target' | 'cSync' | 'tfm'>;

/** An import function: i32 arguments arrive as numbers, i64 (`psa_storage_uid_t`) as bigints. */
export type PsaImportFunction = (...args: (number | bigint)[]) => number | undefined;

/** Options of `createPsaImports`. */
export interface CreatePsaImportsOptions {
  /**
   * The guest's linear memory when it is known before instantiation (an imported memory).
   * Otherwise call `setMemory(instance.exports.memory)` once the instance exists.
   */
  memory?: WebAssembly.Memory;
  /** Receives a line for every psa-emu exception turned into a status. Default: `console.warn`. */
  log?: (line: string) => void;
}

/** The imports object. Spread it into the instantiation imports: `{ ...wasi, ...imports }`. */
export interface PsaImports {
  /** Import module `"psa"`: one function per C function this build links. */
  readonly psa: Readonly<Record<string, PsaImportFunction>>;
  /** Functions psa-emu knows but this build does not link, with the error linking would give. */
  readonly unavailable: ReadonlyMap<string, Error>;
  /** Operations currently active in the handle table. */
  readonly liveOperations: number;
  /** Binds the guest's linear memory (usually `instance.exports.memory`). */
  setMemory(memory: WebAssembly.Memory): void;
  /** Aborts every operation the guest left active (e.g. after its instance is gone); returns how many. */
  abortOperations(): number;
}

type Result = number | (Record<string, unknown> & { status: number });
const NO_MEMORY = new CallMemory(new ArrayBuffer(0));
type CFunction = (...args: unknown[]) => unknown;

/** Creates the `"psa"` import module for one guest instance (one handle table). */
export function createPsaImports(psa: PsaImportsSource, options: CreatePsaImportsOptions = {}): PsaImports {
  if (typeof psa !== 'object' || psa === null || typeof psa.cSync !== 'object' || psa.cSync === null) {
    throw new TypeError(`psa must be a psa-emu instance from createPsa(), got ${describeType(psa)}`);
  }
  if (typeof options !== 'object' || options === null)
    throw new TypeError(`options must be an object, got ${describeType(options)}`);
  let memory: WebAssembly.Memory | undefined;
  const setMemory = (m: WebAssembly.Memory): void => {
    if (!(m instanceof WebAssembly.Memory))
      throw new TypeError(`memory must be a WebAssembly.Memory, got ${describeType(m)}`);
    memory = m;
  };
  if (options.memory !== undefined) setMemory(options.memory);
  const log = options.log ?? ((line: string) => console.warn(line));
  if (typeof log !== 'function')
    throw new TypeError(`options.log must be a function, got ${describeType(log)}`);

  const cSync = psa.cSync;
  const handles = new OperationHandles(cSync);
  const unavailable = new Map<string, Error>();
  const fns: Record<string, PsaImportFunction> = {};
  let cached: CallMemory | undefined;
  const callMemory = (): CallMemory => {
    if (!memory) {
      throw new Error(
        'psa-emu/wasm: no linear memory bound: pass { memory } to createPsaImports or call ' +
          'imports.setMemory(instance.exports.memory) before the guest calls a PSA function',
      );
    }
    // The view of the current buffer (memory.grow and setMemory replace it).
    const buffer = memory.buffer as ArrayBuffer;
    if (cached?.buffer !== buffer) cached = new CallMemory(buffer);
    return cached;
  };
  const failed = (name: string, e: unknown): number => {
    if (e instanceof TfmLinkError) throw trap(e);
    const status = isPsaError(e)
      ? e.status
      : e instanceof TypeError || e instanceof RangeError
        ? PSA_ERROR_INVALID_ARGUMENT
        : PSA_ERROR_GENERIC_ERROR;
    const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    log(`psa-emu/wasm: ${name}: psa-emu threw ${why}; returned ${status} (${psaStatusName(status)})`);
    return status;
  };

  for (const f of PSA_WASM_FUNCTIONS.values()) {
    const missing = missingReason(psa, f);
    if (missing) {
      unavailable.set(f.name, missing);
      continue;
    }
    const target = (cSync as unknown as Record<string, CFunction>)[f.name];
    if (typeof target !== 'function') throw new TypeError(`psa.cSync.${f.name} is not a function`);
    fns[f.name] = f.spec
      ? serviceImport(f, target, callMemory, handles, failed)
      : localImport(f, target, failed);
  }

  const imports = { psa: Object.freeze(fns) } as PsaImports;
  Object.defineProperties(imports, {
    unavailable: { value: unavailable },
    liveOperations: { get: () => handles.size },
    setMemory: { value: setMemory },
    abortOperations: { value: () => handles.abortAll() },
  });
  return Object.freeze(imports);
}

/** Why `f` is not linked in this build, or `undefined` when it is. */
function missingReason(psa: PsaImportsSource, f: PsaWasmFunction): Error | undefined {
  const cfg = psa.tfm?.config;
  if (f.name === 'mbedtls_psa_crypto_free') {
    return psa.target === 'tfm'
      ? new Error(
          'mbedtls_psa_crypto_free does not exist on the TF-M NS side (the PSA core runs in the secure image); ' +
            'simulate a reboot from the host with psa.cSync.mbedtls_psa_crypto_free()',
        )
      : undefined;
  }
  // The boundary's own rule, asked up front: a function that does not link is not imported.
  return cfg ? tfmLinkErrorOf(cfg.partitions, f.name, f.spec?.service ?? 'crypto') : undefined;
}

function localImport(
  f: PsaWasmFunction,
  target: CFunction,
  failed: (name: string, e: unknown) => number,
): PsaImportFunction {
  const fn = (): number | undefined => {
    try {
      const r = target();
      return f.result ? (r as number) : undefined;
    } catch (e) {
      const status = failed(f.name, e);
      return f.result ? status : undefined;
    }
  };
  Object.defineProperty(fn, 'name', { value: f.name });
  return fn;
}

interface OpArg {
  readonly ptr: number;
  readonly kind: OperationKind;
  readonly handle: number;
  readonly op: Operation | undefined;
}

function serviceImport(
  f: PsaWasmFunction,
  target: CFunction,
  callMemory: () => CallMemory,
  handles: OperationHandles,
  failed: (name: string, e: unknown) => number,
): PsaImportFunction {
  const name = f.name;
  const isAbort = name.endsWith('_abort');
  // Functions of ids, algorithms and uids only (psa_destroy_key, psa_its_remove, …) never touch memory.
  const needsMemory = f.outParams.length > 0 || f.args.some((k) => k !== 'u32' && k !== 'uid');
  const fn = (...raw: (number | bigint)[]): number => {
    const mem = needsMemory ? callMemory() : NO_MEMORY;
    const args: unknown[] = [];
    const outs: { ptr: number; buf: Uint8Array }[] = [];
    const ops: OpArg[] = [];
    const outPtrs: { param: COutParam; ptr: number }[] = [];
    try {
      let i = 0;
      const u32 = (): number => Number(raw[i++]) >>> 0;
      for (const kind of f.args) {
        if (kind === 'u32') args.push(u32());
        else if (kind === 'uid') args.push(BigInt.asUintN(64, BigInt(raw[i++] ?? 0)));
        else if (kind === 'in') {
          const p = u32();
          args.push(mem.copyIn(name, p, u32()));
        } else if (kind === 'inLengthFirst') {
          const n = u32();
          args.push(mem.copyIn(name, u32(), n));
        } else if (kind === 'out' || kind === 'outSizedByPrevious') {
          const p = u32();
          const n = kind === 'out' ? u32() : (args[args.length - 1] as number);
          const ptr = mem.check(name, p, n);
          const buf = mem.bytes.slice(ptr, ptr + n);
          outs.push({ ptr, buf });
          args.push(buf);
        } else if (kind === 'attributes') {
          args.push(mem.readAttributes(mem.check(name, u32(), outParamSize('attributes'))));
        } else if (isOperationArg(kind)) {
          const ptr = mem.check(name, u32(), 4);
          const handle = mem.readU32(ptr);
          const op = handles.resolve(kind, handle);
          ops.push({ ptr, kind, handle, op });
          args.push(op);
        }
      }
      for (const param of f.outParams) {
        const ptr = mem.check(name, u32(), outParamSize(param.kind));
        outPtrs.push({ param, ptr });
      }
    } catch (e) {
      if (e instanceof OutOfBounds) return PSA_ERROR_INVALID_ARGUMENT;
      throw e;
    }
    // An operation struct that designates nothing psa-emu knows.
    if (ops.some((o) => o.op === undefined)) {
      if (!isAbort) return PSA_ERROR_BAD_STATE;
      for (const o of ops) mem.writeU32(o.ptr, 0);
      return PSA_SUCCESS;
    }
    let result: Result;
    try {
      result = target(...args) as Result;
    } catch (e) {
      settle(mem, handles, ops);
      return failed(name, e);
    }
    for (const o of outs) if (o.buf.length > 0) mem.bytes.set(o.buf, o.ptr);
    settle(mem, handles, ops);
    if (typeof result === 'number') return result;
    for (const { param, ptr } of outPtrs) writeOut(mem, param, ptr, result[param.field]);
    return result.status;
  };
  Object.defineProperty(fn, 'name', { value: name });
  return fn as PsaImportFunction;
}

function settle(mem: CallMemory, handles: OperationHandles, ops: readonly OpArg[]): void {
  for (const o of ops) mem.writeU32(o.ptr, handles.settle(o.kind, o.handle, o.op!));
}

function writeOut(mem: CallMemory, param: COutParam, ptr: number, value: unknown): void {
  if (param.kind === 'attributes')
    mem.writeAttributes(ptr, value as Parameters<CallMemory['writeAttributes']>[1]);
  else if (param.kind === 'info')
    mem.writeStorageInfo(ptr, value as Parameters<CallMemory['writeStorageInfo']>[1]);
  else mem.writeU32(ptr, Number(value ?? 0));
}

/** A trap: what the guest sees for a call that cannot exist in this build. */
function trap(e: Error): WebAssembly.RuntimeError {
  return Object.assign(new WebAssembly.RuntimeError(e.message), { cause: e });
}
