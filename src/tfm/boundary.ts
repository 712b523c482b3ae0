/**
 * The TF-M client/partition boundary of NCS v3.2.2 (TF-M 2.2) as the NS application sees it.
 * Order per call (`interface/src/tfm_crypto_api.c`, `secure_fw/partitions/crypto/crypto_init.c`):
 * 1. NS-side short-circuits (psa_crypto_init, psa_generate_random of 0 bytes, psa_hash_clone
 *    into an active target);
 * 2. the scratch check: Σ align4(in-vecs 1..n) + Σ align4(out-vecs) > CRYPTO_IOVEC_BUFFER_SIZE
 *    → PSA_ERROR_INSUFFICIENT_MEMORY, nothing written back (lengths 0, buffers and handles as they were);
 * 3. the module gate: a compiled-out module answers PSA_ERROR_NOT_SUPPORTED and every out-vec
 *    is written back zero-filled at full length (key 0, output zeroed, output_length = output_size);
 * 4. the module: owner-encoded key ids (`(client id, key id)`), the operation table, and the
 *    core working on scratch buffers of which only the reported length is copied back.
 * Details and sources: tfm-psa.md §1 and docs/notes/tfm-boundary.md.
 * @module
 */
import type { Its } from '../its/its.js';
import { psa_key_attributes_init } from '../psa/attributes.js';
import type { CoreState } from '../psa/core/context.js';
import { cryptoFree, cryptoInit } from '../psa/core/random.js';
import type { Boundary } from '../psa/service/boundary.js';
import type { PsaCipherOperation, PsaHashOperation, PsaMacOperation } from '../psa/service/operations.js';
import { runService, type ServiceContext } from '../psa/service/service.js';
import { type OutVec, type ServiceSpec, TFM_CRYPTO_GROUP, tfmGroupOf } from '../psa/service/table.js';
import {
  PSA_ERROR_BAD_STATE,
  PSA_ERROR_INSUFFICIENT_MEMORY,
  PSA_ERROR_NOT_SUPPORTED,
  PSA_SUCCESS,
} from '../psa/status.js';
import type { TfmConfig } from './config.js';
import { tfmModuleOfGroup } from './explain.js';
import { tfmLinkErrorOf } from './link-error.js';
import { type TfmOperationEntry, TfmOperationTable, type TfmOperationType } from './operation-table.js';

type NsOperation = PsaHashOperation | PsaMacOperation | PsaCipherOperation;
type Result = Record<string, unknown> & { status: number };

const SETUP = new Set([
  'psa_hash_setup',
  'psa_mac_sign_setup',
  'psa_mac_verify_setup',
  'psa_cipher_encrypt_setup',
  'psa_cipher_decrypt_setup',
]);
const ABORT = new Set(['psa_hash_abort', 'psa_mac_abort', 'psa_cipher_abort']);
const ENDING = new Set([
  'psa_hash_finish',
  'psa_hash_verify',
  'psa_mac_sign_finish',
  'psa_mac_verify_finish',
  'psa_cipher_finish',
]);
const OPERATION_USERS = new Set([
  'psa_hash_update',
  'psa_mac_update',
  'psa_cipher_generate_iv',
  'psa_cipher_set_iv',
  'psa_cipher_update',
  ...ENDING,
]);

const TYPE_OF_GROUP: Record<number, TfmOperationType> = {
  [TFM_CRYPTO_GROUP.HASH]: 'hash',
  [TFM_CRYPTO_GROUP.MAC]: 'mac',
  [TFM_CRYPTO_GROUP.CIPHER]: 'cipher',
};

const align4 = (n: number): number => (n + 3) & ~3;

/** Why a call returned what it did at the boundary (for the doctor and the teaching page). */
export interface TfmCallTrace {
  name: string;
  sid: number;
  client: number;
  status: number;
  /** `'ns-client'`, `'scratch'`, `'module-gate'`, `'single-part-gate'`, `'operation-table'` or `'core'`. */
  decidedBy:
    | 'ns-client'
    | 'scratch'
    | 'module-gate'
    | 'single-part-gate'
    | 'operation-table'
    | 'core'
    | 'its';
}

/** The TF-M boundary in front of one core. */
export class TfmBoundary implements Boundary {
  readonly target = 'tfm' as const;
  readonly operations: TfmOperationTable;
  /** Listeners told about every call (the teaching page draws them). */
  readonly listeners = new Set<(t: TfmCallTrace) => void>();

  constructor(
    readonly config: TfmConfig,
    private readonly state: CoreState,
    private readonly its: Its | undefined,
  ) {
    this.operations = new TfmOperationTable(config.concurrentOperations);
    cryptoInit(state); // the crypto partition initialises the core at boot
  }

  /** `psa_crypto_init()` on the NS side returns PSA_SUCCESS without a call. */
  init(): number {
    return PSA_SUCCESS;
  }

  /** A device reboot: key-slot cache, volatile keys and operations are gone; TF-M boots again. */
  reboot(): void {
    this.operations.clear();
    cryptoFree(this.state);
    cryptoInit(this.state);
  }

  call(spec: ServiceSpec, args: readonly unknown[], client: number): unknown {
    const r = spec.service === 'its' ? this.its_(spec, args, client) : this.crypto(spec, args, client);
    if (this.listeners.size > 0) {
      const status = typeof r.result === 'number' ? r.result : (r.result as Result).status;
      for (const l of this.listeners) l({ name: spec.name, sid: spec.sid, client, status, decidedBy: r.by });
    }
    return r.result;
  }

  private ctx(client: number): ServiceContext {
    return { state: this.state, owner: client, its: this.its, itsClient: client };
  }

  private its_(
    spec: ServiceSpec,
    args: readonly unknown[],
    client: number,
  ): { result: unknown; by: TfmCallTrace['decidedBy'] } {
    const unlinked = tfmLinkErrorOf(this.config.partitions, spec.name, 'its');
    if (unlinked) throw unlinked;
    return { result: runService(spec.name, this.ctx(client), args), by: 'its' };
  }

  private crypto(
    spec: ServiceSpec,
    args: readonly unknown[],
    client: number,
  ): { result: unknown; by: TfmCallTrace['decidedBy'] } {
    const unlinked = tfmLinkErrorOf(this.config.partitions, spec.name, 'crypto');
    if (unlinked) throw unlinked;
    const name = spec.name;
    // 1. NS client stubs that answer without a call.
    if (name === 'psa_generate_random' && (args[0] as Uint8Array).length === 0)
      return { result: PSA_SUCCESS, by: 'ns-client' };
    if (name === 'psa_hash_clone' && (args[1] as NsOperation).handle !== 0)
      return { result: PSA_ERROR_BAD_STATE, by: 'ns-client' };
    // 2. Scratch buffer (tfm_crypto_init_iovecs).
    if (this.scratchBytes(spec, args) > this.config.iovecBufferSize) {
      return { result: this.untouched(spec, PSA_ERROR_INSUFFICIENT_MEMORY), by: 'scratch' };
    }
    // 3. Module gates.
    const group = tfmGroupOf(spec.sid);
    const module = tfmModuleOfGroup(group);
    const removed = !this.config.legacyOpenClose && (spec.sid === 0x0201 || spec.sid === 0x0202);
    if (!module || !this.config.modules[module] || removed) {
      return { result: this.zeroFilled(spec, args, PSA_ERROR_NOT_SUPPORTED), by: 'module-gate' };
    }
    if (
      this.config.singlePartFuncsDisabled &&
      (name === 'psa_cipher_encrypt' || name === 'psa_cipher_decrypt')
    ) {
      return { result: this.zeroFilled(spec, args, PSA_ERROR_NOT_SUPPORTED), by: 'single-part-gate' };
    }
    // 4. The module.
    const type = TYPE_OF_GROUP[group];
    if (
      type &&
      (SETUP.has(name) || ABORT.has(name) || OPERATION_USERS.has(name) || name === 'psa_hash_clone')
    ) {
      return this.multipart(spec, args, client, type);
    }
    return { result: this.onScratch(spec, args, client, undefined), by: 'core' };
  }

  /** Bytes the scratch allocator needs: in-vecs after the request struct, and every out-vec. */
  private scratchBytes(spec: ServiceSpec, args: readonly unknown[]): number {
    let n = 0;
    for (const len of spec.inVecs(args)) n += align4(len);
    for (const o of spec.outVecs) {
      if (o.kind === 'buffer') n += align4((args[o.arg] as Uint8Array).length);
      else if (o.kind === 'field') n += align4(o.bytes);
      else n += 4;
    }
    return n;
  }

  /** −141 path: nothing is written; lengths read back as 0, handles and buffers stay as they were. */
  private untouched(spec: ServiceSpec, status: number): unknown {
    return shape(spec, status, (o) => (o.kind === 'buffer' ? 0 : zeroOf(o)));
  }

  /** Module gate: every out-vec is written back zero-filled at full length. */
  private zeroFilled(spec: ServiceSpec, args: readonly unknown[], status: number): unknown {
    for (const o of spec.outVecs) {
      if (o.kind === 'buffer') (args[o.arg] as Uint8Array).fill(0);
      else if (o.kind === 'operation') (args[o.arg] as NsOperation).handle = 0;
    }
    return shape(spec, status, (o) => (o.kind === 'buffer' ? (args[o.arg] as Uint8Array).length : zeroOf(o)));
  }

  /**
   * Runs the core on zeroed scratch copies of the output buffers (as the partition does) and
   * copies back only the length the module reports: the produced length on success, 0 on
   * failure — except psa_generate_random, whose out-vec is always written in full.
   */
  private onScratch(
    spec: ServiceSpec,
    args: readonly unknown[],
    client: number,
    op: { index: number; secure: unknown } | undefined,
  ): unknown {
    const scratch = args.slice();
    if (op) scratch[op.index] = op.secure;
    const buffers: { arg: number; length?: string }[] = [];
    for (const o of spec.outVecs) {
      if (o.kind !== 'buffer') continue;
      scratch[o.arg] = new Uint8Array((args[o.arg] as Uint8Array).length);
      buffers.push(o);
    }
    const result = runService(spec.name, this.ctx(client), scratch);
    const status = typeof result === 'number' ? result : (result as Result).status;
    for (const b of buffers) {
      const ns = args[b.arg] as Uint8Array;
      const sc = scratch[b.arg] as Uint8Array;
      let n: number;
      if (spec.name === 'psa_generate_random') n = ns.length;
      else n = status === PSA_SUCCESS && b.length ? ((result as Result)[b.length] as number) : 0;
      ns.set(sc.subarray(0, n));
      sc.fill(0);
      if (b.length) (result as Result)[b.length] = n;
    }
    return result;
  }

  private multipart(
    spec: ServiceSpec,
    args: readonly unknown[],
    client: number,
    type: TfmOperationType,
  ): { result: unknown; by: TfmCallTrace['decidedBy'] } {
    const name = spec.name;
    const table = this.operations;
    if (SETUP.has(name)) {
      const ns = args[0] as NsOperation;
      if (ns.handle !== 0) return { result: PSA_ERROR_BAD_STATE, by: 'operation-table' };
      const e = table.alloc(type, client);
      if (typeof e === 'number') return { result: e, by: 'operation-table' };
      const status = this.onScratch(spec, args, client, { index: 0, secure: e.op }) as number;
      if (status !== PSA_SUCCESS) table.release(e);
      else ns.handle = e.handle;
      return { result: status, by: 'core' };
    }
    if (name === 'psa_hash_clone') {
      const src = table.lookup('hash', (args[0] as NsOperation).handle, client);
      const dst = args[1] as NsOperation;
      if (typeof src === 'number') return { result: src, by: 'operation-table' };
      const e = table.alloc('hash', client);
      if (typeof e === 'number') return { result: e, by: 'operation-table' };
      const status = runService(name, this.ctx(client), [src.op, e.op]) as number;
      if (status !== PSA_SUCCESS) table.release(e);
      else dst.handle = e.handle;
      return { result: status, by: 'core' };
    }
    const ns = args[0] as NsOperation;
    const found = table.lookup(type, ns.handle, client);
    if (ABORT.has(name)) {
      if (typeof found === 'number') return { result: PSA_SUCCESS, by: 'operation-table' };
      const status = runService(name, this.ctx(client), [found.op]) as number;
      table.release(found);
      ns.handle = 0;
      return { result: status, by: 'core' };
    }
    if (typeof found === 'number') {
      // Lookup failure: output out-vecs keep their full length (zero bytes), handles are unchanged.
      for (const o of spec.outVecs) if (o.kind === 'buffer') (args[o.arg] as Uint8Array).fill(0);
      return {
        result: shape(spec, found, (o) =>
          o.kind === 'buffer' ? (args[o.arg] as Uint8Array).length : zeroOf(o),
        ),
        by: 'operation-table',
      };
    }
    const result = this.onScratch(spec, args, client, { index: 0, secure: found.op });
    const status = typeof result === 'number' ? result : (result as Result).status;
    if (ENDING.has(name) && status === PSA_SUCCESS) this.release(found, ns);
    return { result, by: 'core' };
  }

  private release(e: TfmOperationEntry, ns: NsOperation): void {
    this.operations.release(e);
    ns.handle = 0;
  }
}

/** The C-shaped result: a bare status, or `{ status, …out-fields }`. */
function shape(spec: ServiceSpec, status: number, value: (o: OutVec) => unknown): unknown {
  const fields = spec.outVecs.filter((o) => o.kind === 'field' || (o.kind === 'buffer' && o.length));
  if (fields.length === 0) return status;
  const r: Result = { status };
  for (const o of fields) r[o.kind === 'field' ? o.field : (o as { length: string }).length] = value(o);
  return r;
}

function zeroOf(o: OutVec): unknown {
  if (o.kind !== 'field') return 0;
  if (o.field === 'attributes') return psa_key_attributes_init();
  if (o.field === 'info') return { capacity: 0, size: 0, flags: 0 };
  return 0;
}
