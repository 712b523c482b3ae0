/**
 * The C ABI of the PSA functions on wasm32, as `include/psa/crypto.h` and
 * `include/psa/internal_trusted_storage.h` declare them: pointers and `size_t` are i32,
 * `psa_key_id_t`/`psa_algorithm_t`/`psa_status_t` are i32, `psa_storage_uid_t` is i64, and
 * every out-parameter is a pointer at the end of the list (WebAssembly C ABI,
 * `WebAssembly/tool-conventions` BasicCABI.md). The list of functions is the service table
 * (`src/psa/service/table.ts`); this file only says how each JavaScript argument of
 * `psa.cSync` is spelled in C.
 * Spec: PSA Certified Crypto API 1.2 §9–§10; PSA Certified Secure Storage API 1.0 §5.2.
 * @module
 */
import { PSA_SERVICE_TABLE, type ServiceSpec } from '../psa/service/table.js';

/**
 * How one argument of a `psa.cSync` function is passed from C:
 * - `u32`: `psa_key_id_t`, `psa_algorithm_t`, `uint32_t` (one i32);
 * - `uid`: `psa_storage_uid_t` (one i64, a `bigint` in JavaScript);
 * - `in`: `const uint8_t *p, size_t n` (two i32);
 * - `inLengthFirst`: `size_t n, const void *p` (two i32; `psa_its_set`);
 * - `out`: `uint8_t *p, size_t size` (two i32);
 * - `outSizedByPrevious`: `void *p` whose size is the previous `u32` argument (`psa_its_get`);
 * - `attributes`: `const psa_key_attributes_t *` (one i32);
 * - `hashOperation`, `macOperation`, `cipherOperation`: `psa_*_operation_t *` (one i32).
 */
export type CArgKind =
  | 'u32'
  | 'uid'
  | 'in'
  | 'inLengthFirst'
  | 'out'
  | 'outSizedByPrevious'
  | 'attributes'
  | 'hashOperation'
  | 'macOperation'
  | 'cipherOperation';

/** A WebAssembly value type used by the PSA imports. */
export type WasmValueType = 'i32' | 'i64';

/** How a result field of `psa.cSync` comes back to C: through a trailing out-pointer. */
export interface COutParam {
  /** The result field (`key`, `handle`, `hashLength`, `attributes`, `info`, …). */
  readonly field: string;
  /**
   * What the pointer points to: `u32` (`psa_key_id_t *`, `psa_key_handle_t *`), `size`
   * (`size_t *`), `attributes` (`psa_key_attributes_t *`, 24 bytes) or `info`
   * (`struct psa_storage_info_t *`, 12 bytes).
   */
  readonly kind: 'u32' | 'size' | 'attributes' | 'info';
}

/** One PSA function as a WebAssembly import. */
export interface PsaWasmFunction {
  /** The C name (also the import name in module `"psa"`). */
  readonly name: string;
  /** The `psa.cSync` arguments, in order, and how C passes each one. */
  readonly args: readonly CArgKind[];
  /** Trailing out-pointers, in C order. */
  readonly outParams: readonly COutParam[];
  /** The WebAssembly parameter types. */
  readonly params: readonly WasmValueType[];
  /** The WebAssembly result: `i32` (`psa_status_t`) or none (`void`). */
  readonly result: WasmValueType | undefined;
  /** The service-table entry, or `undefined` for a local function (`psa_crypto_init`, …). */
  readonly spec: ServiceSpec | undefined;
}

/** `sizeof(psa_key_attributes_t)` in psa-emu's wasm32 header. */
export const WASM_KEY_ATTRIBUTES_SIZE = 24;
/** `sizeof(struct psa_storage_info_t)` on wasm32 (capacity, size, flags). */
export const WASM_STORAGE_INFO_SIZE = 12;

/** Byte size of what an out-pointer of `kind` points to (`size_t` is 4 bytes on wasm32). */
export function outParamSize(kind: COutParam['kind']): number {
  return kind === 'attributes' ? WASM_KEY_ATTRIBUTES_SIZE : kind === 'info' ? WASM_STORAGE_INFO_SIZE : 4;
}

const H = 'hashOperation';
const M = 'macOperation';
const C = 'cipherOperation';

/** C spelling of the arguments of every service function (checked against the table below). */
const SERVICE_ARGS: Record<string, readonly CArgKind[]> = {
  psa_generate_random: ['out'],
  psa_get_key_attributes: ['u32'],
  psa_open_key: ['u32'],
  psa_close_key: ['u32'],
  psa_import_key: ['attributes', 'in'],
  psa_destroy_key: ['u32'],
  psa_export_key: ['u32', 'out'],
  psa_purge_key: ['u32'],
  psa_copy_key: ['u32', 'attributes'],
  psa_generate_key: ['attributes'],
  psa_hash_compute: ['u32', 'in', 'out'],
  psa_hash_compare: ['u32', 'in', 'in'],
  psa_hash_setup: [H, 'u32'],
  psa_hash_update: [H, 'in'],
  psa_hash_clone: [H, H],
  psa_hash_finish: [H, 'out'],
  psa_hash_verify: [H, 'in'],
  psa_hash_abort: [H],
  psa_mac_compute: ['u32', 'u32', 'in', 'out'],
  psa_mac_verify: ['u32', 'u32', 'in', 'in'],
  psa_mac_sign_setup: [M, 'u32', 'u32'],
  psa_mac_verify_setup: [M, 'u32', 'u32'],
  psa_mac_update: [M, 'in'],
  psa_mac_sign_finish: [M, 'out'],
  psa_mac_verify_finish: [M, 'in'],
  psa_mac_abort: [M],
  psa_cipher_encrypt: ['u32', 'u32', 'in', 'out'],
  psa_cipher_decrypt: ['u32', 'u32', 'in', 'out'],
  psa_cipher_encrypt_setup: [C, 'u32', 'u32'],
  psa_cipher_decrypt_setup: [C, 'u32', 'u32'],
  psa_cipher_generate_iv: [C, 'out'],
  psa_cipher_set_iv: [C, 'in'],
  psa_cipher_update: [C, 'in', 'out'],
  psa_cipher_finish: [C, 'out'],
  psa_cipher_abort: [C],
  psa_its_set: ['uid', 'inLengthFirst', 'u32'],
  psa_its_get: ['uid', 'u32', 'u32', 'outSizedByPrevious'],
  psa_its_get_info: ['uid'],
  psa_its_remove: ['uid'],
};

const WASM_PARAMS: Record<CArgKind, readonly WasmValueType[]> = {
  u32: ['i32'],
  uid: ['i64'],
  in: ['i32', 'i32'],
  inLengthFirst: ['i32', 'i32'],
  out: ['i32', 'i32'],
  outSizedByPrevious: ['i32'],
  attributes: ['i32'],
  hashOperation: ['i32'],
  macOperation: ['i32'],
  cipherOperation: ['i32'],
};

const OPERATION_KINDS: ReadonlySet<CArgKind> = new Set([H, M, C]);
const BUFFER_KINDS: ReadonlySet<CArgKind> = new Set(['out', 'outSizedByPrevious']);

/** True for the three operation-pointer kinds. */
export const isOperationArg = (k: CArgKind): k is 'hashOperation' | 'macOperation' | 'cipherOperation' =>
  OPERATION_KINDS.has(k);

/** The out-pointer kind of a scalar result field of the table. */
function outParamOf(spec: ServiceSpec, field: string, bytes: number | undefined): COutParam {
  if (bytes === undefined) return { field, kind: 'size' };
  const kind = field === 'attributes' ? 'attributes' : field === 'info' ? 'info' : 'u32';
  const size = outParamSize(kind);
  // The table's sizes are those TF-M moves across its boundary; the wasm32 structs match them.
  if (bytes !== size)
    throw new Error(`internal: ${spec.name}.${field} is ${bytes} bytes in the table, ${size} in C`);
  return { field, kind };
}

/** Builds the import description of one table entry, checking it against the table's out-vecs. */
function describe(spec: ServiceSpec): PsaWasmFunction {
  const args = SERVICE_ARGS[spec.name];
  if (!args) throw new Error(`internal: no C signature for ${spec.name}`);
  const outParams: COutParam[] = [];
  for (const o of spec.outVecs) {
    if (o.kind === 'buffer') {
      if (!BUFFER_KINDS.has(args[o.arg]!))
        throw new Error(`internal: ${spec.name} argument ${o.arg} is an out-vec but not an out buffer in C`);
      if (o.length) outParams.push(outParamOf(spec, o.length, undefined));
    } else if (o.kind === 'operation') {
      if (!isOperationArg(args[o.arg]!))
        throw new Error(`internal: ${spec.name} argument ${o.arg} is not an operation in C`);
    } else {
      outParams.push(outParamOf(spec, o.field, o.bytes));
    }
  }
  const params = [...args.flatMap((a) => WASM_PARAMS[a]), ...outParams.map((): WasmValueType => 'i32')];
  return { name: spec.name, args, outParams, params, result: 'i32', spec };
}

const LOCAL: PsaWasmFunction[] = [
  { name: 'psa_crypto_init', args: [], outParams: [], params: [], result: 'i32', spec: undefined },
  {
    name: 'mbedtls_psa_crypto_free',
    args: [],
    outParams: [],
    params: [],
    result: undefined,
    spec: undefined,
  },
];

/**
 * Every function psa-emu can offer in import module `"psa"`, by C name: `psa_crypto_init`,
 * `mbedtls_psa_crypto_free` (library builds only) and every function of the service table.
 */
export const PSA_WASM_FUNCTIONS: ReadonlyMap<string, PsaWasmFunction> = new Map(
  [...LOCAL, ...[...PSA_SERVICE_TABLE.values()].map(describe)].map((f) => [f.name, f]),
);

for (const name of Object.keys(SERVICE_ARGS)) {
  if (!PSA_SERVICE_TABLE.has(name))
    throw new Error(`internal: ${name} has a C signature but is not in the table`);
}
