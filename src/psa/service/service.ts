/**
 * The service side of every function in the table: argument checks (a `TypeError` or
 * `RangeError` naming the C parameter) and the call into the core or ITS for one caller.
 * The boundary (library or TF-M) decides whether and as whom `run` is executed.
 * @module
 */

import type { Its } from '../../its/its.js';
import { describeType, isBytes } from '../../utils/bytes.js';
import { checkAttributes, copyAttributes } from '../attributes.js';
import {
  cipherAbort,
  cipherDecrypt,
  cipherEncrypt,
  cipherFinish,
  cipherGenerateIv,
  cipherSetIv,
  cipherSetup,
  cipherUpdate,
} from '../core/cipher.js';
import type { CoreState } from '../core/context.js';
import {
  hashAbort,
  hashClone,
  hashCompare,
  hashCompute,
  hashFinish,
  hashSetup,
  hashUpdate,
  hashVerify,
} from '../core/hash.js';
import {
  closeKey,
  copyKey,
  destroyKey,
  exportKey,
  generateKey,
  getKeyAttributes,
  importKey,
  openKey,
  purgeKey,
} from '../core/key-management.js';
import {
  macAbort,
  macCompute,
  macSetup,
  macSignFinish,
  macUpdate,
  macVerify,
  macVerifyFinish,
} from '../core/mac.js';
import { generateRandom } from '../core/random.js';
import { PSA_ERROR_NOT_SUPPORTED } from '../status.js';
import { checkOperation, PsaCipherOperation, PsaHashOperation, PsaMacOperation } from './operations.js';

/** What a service call runs against. */
export interface ServiceContext {
  readonly state: CoreState;
  /** Key owner for the core (0 for a library build, the calling TF-M client otherwise). */
  readonly owner: number;
  /** The ITS service for `psa_its_*`, and the ITS client id to use. */
  readonly its: Its | undefined;
  readonly itsClient: number;
}

type Kind = 'id' | 'alg' | 'in' | 'out' | 'attr' | 'hashOp' | 'macOp' | 'cipherOp' | 'uid' | 'u32';
interface Impl {
  readonly params: readonly [string, Kind][];
  readonly run: (ctx: ServiceContext, a: never[]) => unknown;
}

const u32 = (name: string, v: unknown): void => {
  if (typeof v !== 'number' || !Number.isInteger(v))
    throw new TypeError(`${name} must be an integer, got ${describeType(v)}`);
  if (v < 0 || v > 0xffffffff) throw new RangeError(`${name} must be an unsigned 32-bit value, got ${v}`);
};

const CHECK: Record<Kind, (name: string, v: unknown) => void> = {
  id: u32,
  alg: u32,
  u32,
  in: (name, v) => {
    if (!isBytes(v)) throw new TypeError(`${name} must be a Uint8Array, got ${describeType(v)}`);
  },
  out: (name, v) => {
    if (!isBytes(v)) {
      throw new TypeError(
        `${name} must be a Uint8Array output buffer (its length is the C ${name}_size), got ${describeType(v)}`,
      );
    }
  },
  attr: (name, v) => void checkAttributes(v, name),
  hashOp: (name, v) => void checkOperation(name, v, PsaHashOperation, 'psa_hash_operation_t'),
  macOp: (name, v) => void checkOperation(name, v, PsaMacOperation, 'psa_mac_operation_t'),
  cipherOp: (name, v) => void checkOperation(name, v, PsaCipherOperation, 'psa_cipher_operation_t'),
  uid: (name, v) => {
    if (typeof v !== 'bigint')
      throw new TypeError(`${name} must be a bigint (psa_storage_uid_t is uint64), got ${describeType(v)}`);
    if (v < 0n || v >= 1n << 64n) throw new RangeError(`${name} must be between 0 and 2^64 − 1`);
  },
};

// `never[]` lets each run destructure its own argument types after the generic checks.
const impl = <A extends unknown[]>(
  params: [string, Kind][],
  run: (ctx: ServiceContext, a: A) => unknown,
): Impl => ({
  params,
  run: run as unknown as Impl['run'],
});

const its = (ctx: ServiceContext): Its | undefined => ctx.its;

const IMPLS: Record<string, Impl> = {
  psa_generate_random: impl([['output', 'out']], (c, [out]: [Uint8Array]) => generateRandom(c.state, out)),
  psa_import_key: impl(
    [
      ['attributes', 'attr'],
      ['data', 'in'],
    ],
    (c, [attr, data]: [never, Uint8Array]) => importKey(c.state, c.owner, copyAttributes(attr), data),
  ),
  psa_generate_key: impl([['attributes', 'attr']], (c, [attr]: [never]) =>
    generateKey(c.state, c.owner, copyAttributes(attr)),
  ),
  psa_copy_key: impl(
    [
      ['source_key', 'id'],
      ['attributes', 'attr'],
    ],
    (c, [src, attr]: [number, never]) => copyKey(c.state, c.owner, src, copyAttributes(attr)),
  ),
  psa_open_key: impl([['key', 'id']], (c, [id]: [number]) => openKey(c.state, c.owner, id)),
  psa_close_key: impl([['handle', 'id']], (c, [h]: [number]) => closeKey(c.state, c.owner, h)),
  psa_destroy_key: impl([['key', 'id']], (c, [id]: [number]) => destroyKey(c.state, c.owner, id)),
  psa_purge_key: impl([['key', 'id']], (c, [id]: [number]) => purgeKey(c.state, c.owner, id)),
  psa_get_key_attributes: impl([['key', 'id']], (c, [id]: [number]) =>
    getKeyAttributes(c.state, c.owner, id),
  ),
  psa_export_key: impl(
    [
      ['key', 'id'],
      ['data', 'out'],
    ],
    (c, [id, out]: [number, Uint8Array]) => exportKey(c.state, c.owner, id, out),
  ),

  psa_hash_compute: impl(
    [
      ['alg', 'alg'],
      ['input', 'in'],
      ['hash', 'out'],
    ],
    (c, [alg, input, out]: [number, Uint8Array, Uint8Array]) =>
      hashCompute(alg, input, out, c.state.config.flavor),
  ),
  psa_hash_compare: impl(
    [
      ['alg', 'alg'],
      ['input', 'in'],
      ['hash', 'in'],
    ],
    (_c, [alg, input, h]: [number, Uint8Array, Uint8Array]) => hashCompare(alg, input, h),
  ),
  psa_hash_setup: impl(
    [
      ['operation', 'hashOp'],
      ['alg', 'alg'],
    ],
    (_c, [op, alg]: [PsaHashOperation, number]) => hashSetup(op, alg),
  ),
  psa_hash_update: impl(
    [
      ['operation', 'hashOp'],
      ['input', 'in'],
    ],
    (_c, [op, input]: [PsaHashOperation, Uint8Array]) => hashUpdate(op, input),
  ),
  psa_hash_finish: impl(
    [
      ['operation', 'hashOp'],
      ['hash', 'out'],
    ],
    (c, [op, out]: [PsaHashOperation, Uint8Array]) => hashFinish(op, out, c.state.config.flavor),
  ),
  psa_hash_verify: impl(
    [
      ['operation', 'hashOp'],
      ['hash', 'in'],
    ],
    (_c, [op, h]: [PsaHashOperation, Uint8Array]) => hashVerify(op, h),
  ),
  psa_hash_abort: impl([['operation', 'hashOp']], (_c, [op]: [PsaHashOperation]) => hashAbort(op)),
  psa_hash_clone: impl(
    [
      ['source_operation', 'hashOp'],
      ['target_operation', 'hashOp'],
    ],
    (_c, [s, t]: [PsaHashOperation, PsaHashOperation]) => hashClone(s, t),
  ),

  psa_mac_compute: impl(
    [
      ['key', 'id'],
      ['alg', 'alg'],
      ['input', 'in'],
      ['mac', 'out'],
    ],
    (c, [id, alg, input, out]: [number, number, Uint8Array, Uint8Array]) =>
      macCompute(c.state, c.owner, id, alg, input, out),
  ),
  psa_mac_verify: impl(
    [
      ['key', 'id'],
      ['alg', 'alg'],
      ['input', 'in'],
      ['mac', 'in'],
    ],
    (c, [id, alg, input, mac]: [number, number, Uint8Array, Uint8Array]) =>
      macVerify(c.state, c.owner, id, alg, input, mac),
  ),
  psa_mac_sign_setup: impl(
    [
      ['operation', 'macOp'],
      ['key', 'id'],
      ['alg', 'alg'],
    ],
    (c, [op, id, alg]: [PsaMacOperation, number, number]) => macSetup(c.state, c.owner, op, id, alg, true),
  ),
  psa_mac_verify_setup: impl(
    [
      ['operation', 'macOp'],
      ['key', 'id'],
      ['alg', 'alg'],
    ],
    (c, [op, id, alg]: [PsaMacOperation, number, number]) => macSetup(c.state, c.owner, op, id, alg, false),
  ),
  psa_mac_update: impl(
    [
      ['operation', 'macOp'],
      ['input', 'in'],
    ],
    (_c, [op, input]: [PsaMacOperation, Uint8Array]) => macUpdate(op, input),
  ),
  psa_mac_sign_finish: impl(
    [
      ['operation', 'macOp'],
      ['mac', 'out'],
    ],
    (_c, [op, out]: [PsaMacOperation, Uint8Array]) => macSignFinish(op, out),
  ),
  psa_mac_verify_finish: impl(
    [
      ['operation', 'macOp'],
      ['mac', 'in'],
    ],
    (_c, [op, mac]: [PsaMacOperation, Uint8Array]) => macVerifyFinish(op, mac),
  ),
  psa_mac_abort: impl([['operation', 'macOp']], (_c, [op]: [PsaMacOperation]) => macAbort(op)),

  psa_cipher_encrypt: impl(
    [
      ['key', 'id'],
      ['alg', 'alg'],
      ['input', 'in'],
      ['output', 'out'],
    ],
    (c, [id, alg, input, out]: [number, number, Uint8Array, Uint8Array]) =>
      cipherEncrypt(c.state, c.owner, id, alg, input, out),
  ),
  psa_cipher_decrypt: impl(
    [
      ['key', 'id'],
      ['alg', 'alg'],
      ['input', 'in'],
      ['output', 'out'],
    ],
    (c, [id, alg, input, out]: [number, number, Uint8Array, Uint8Array]) =>
      cipherDecrypt(c.state, c.owner, id, alg, input, out),
  ),
  psa_cipher_encrypt_setup: impl(
    [
      ['operation', 'cipherOp'],
      ['key', 'id'],
      ['alg', 'alg'],
    ],
    (c, [op, id, alg]: [PsaCipherOperation, number, number]) =>
      cipherSetup(c.state, c.owner, op, id, alg, true),
  ),
  psa_cipher_decrypt_setup: impl(
    [
      ['operation', 'cipherOp'],
      ['key', 'id'],
      ['alg', 'alg'],
    ],
    (c, [op, id, alg]: [PsaCipherOperation, number, number]) =>
      cipherSetup(c.state, c.owner, op, id, alg, false),
  ),
  psa_cipher_generate_iv: impl(
    [
      ['operation', 'cipherOp'],
      ['iv', 'out'],
    ],
    (c, [op, iv]: [PsaCipherOperation, Uint8Array]) => cipherGenerateIv(c.state, op, iv),
  ),
  psa_cipher_set_iv: impl(
    [
      ['operation', 'cipherOp'],
      ['iv', 'in'],
    ],
    (_c, [op, iv]: [PsaCipherOperation, Uint8Array]) => cipherSetIv(op, iv),
  ),
  psa_cipher_update: impl(
    [
      ['operation', 'cipherOp'],
      ['input', 'in'],
      ['output', 'out'],
    ],
    (c, [op, input, out]: [PsaCipherOperation, Uint8Array, Uint8Array]) =>
      cipherUpdate(c.state, op, input, out),
  ),
  psa_cipher_finish: impl(
    [
      ['operation', 'cipherOp'],
      ['output', 'out'],
    ],
    (c, [op, out]: [PsaCipherOperation, Uint8Array]) => cipherFinish(c.state, op, out),
  ),
  psa_cipher_abort: impl([['operation', 'cipherOp']], (_c, [op]: [PsaCipherOperation]) => cipherAbort(op)),

  psa_its_set: impl(
    [
      ['uid', 'uid'],
      ['p_data', 'in'],
      ['create_flags', 'u32'],
    ],
    (c, [uid, data, flags]: [bigint, Uint8Array, number]) =>
      its(c)?.set(c.itsClient, uid, data, flags) ?? PSA_ERROR_NOT_SUPPORTED,
  ),
  psa_its_get: impl(
    [
      ['uid', 'uid'],
      ['data_offset', 'u32'],
      ['data_length', 'u32'],
      ['p_data', 'out'],
    ],
    (c, [uid, offset, length, data]: [bigint, number, number, Uint8Array]) =>
      its(c)?.get(c.itsClient, uid, offset, data.subarray(0, length)) ?? {
        status: PSA_ERROR_NOT_SUPPORTED,
        dataLength: 0,
      },
  ),
  psa_its_get_info: impl(
    [['uid', 'uid']],
    (c, [uid]: [bigint]) =>
      its(c)?.getInfo(c.itsClient, uid) ?? {
        status: PSA_ERROR_NOT_SUPPORTED,
        info: { capacity: 0, size: 0, flags: 0 },
      },
  ),
  psa_its_remove: impl(
    [['uid', 'uid']],
    (c, [uid]: [bigint]) => its(c)?.remove(c.itsClient, uid) ?? PSA_ERROR_NOT_SUPPORTED,
  ),
};

/** Validates the JavaScript arguments of `name` (throws `TypeError`/`RangeError` naming the C parameter). */
export function checkServiceArgs(name: string, args: readonly unknown[]): void {
  const spec = IMPLS[name];
  if (!spec) throw new Error(`internal: no implementation for ${name}`);
  if (args.length < spec.params.length) {
    throw new TypeError(
      `${name} takes ${spec.params.length} argument(s) (${spec.params.map((p) => p[0]).join(', ')}), got ${args.length}`,
    );
  }
  for (const [i, [pname, kind]] of spec.params.entries()) CHECK[kind](pname, args[i]);
  if (name === 'psa_its_get') {
    const length = args[2] as number;
    const data = args[3] as Uint8Array;
    if (length > data.length)
      throw new RangeError(`data_length (${length}) must not exceed p_data.length (${data.length})`);
  }
}

/** Runs the (already checked) call as `ctx`. */
export function runService(name: string, ctx: ServiceContext, args: readonly unknown[]): unknown {
  return IMPLS[name]!.run(ctx, args as never[]);
}

/** Names of every implemented service function. */
export const SERVICE_NAMES: readonly string[] = Object.keys(IMPLS);
