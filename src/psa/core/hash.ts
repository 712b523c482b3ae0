/**
 * The PSA hash API: `psa_hash_compute/compare` and the multipart operation
 * (setup/update/finish/verify/abort/clone). Behaviour of `library/psa_crypto.c` (Mbed TLS
 * 3.6.5 ≡ Oberon core): no `psa_crypto_init` check; setup on an active operation is BAD_STATE
 * and aborts it; finish always ends the operation; comparisons are constant-time.
 * Spec: PSA Certified Crypto API 1.2, §10.2 "Message digests".
 * @module
 */
import { constantTimeEqual } from '../../utils/bytes.js';
import { PSA_ALG_IS_HASH } from '../constants/algorithms.js';
import {
  PSA_ERROR_BAD_STATE,
  PSA_ERROR_BUFFER_TOO_SMALL,
  PSA_ERROR_INVALID_ARGUMENT,
  PSA_ERROR_INVALID_SIGNATURE,
  PSA_ERROR_NOT_SUPPORTED,
  PSA_SUCCESS,
} from '../status.js';
import type { CoreFlavor } from './context.js';
import { type HashInstance, hashFunction } from './hash-algs.js';

/** A `psa_hash_operation_t`; `ctx === undefined` means inactive. */
export interface HashOperationState {
  ctx: { alg: number; h: HashInstance } | undefined;
}

/**
 * What a failing hash driver leaves in the output: the Oberon driver reports length 0 and leaves
 * the buffer alone; Mbed TLS's builtin driver (`library/psa_crypto_hash.c`,
 * `mbedtls_psa_hash_compute` / `_finish`) reports `hash_length = hash_size` and, once it reaches
 * finish, fills the buffer with '!' so an unchecked caller never sees a plausible digest.
 */
function driverFailure(
  status: number,
  out: Uint8Array,
  flavor: CoreFlavor,
  reachedFinish: boolean,
): { status: number; hashLength: number } {
  if (flavor === 'oberon') return { status, hashLength: 0 };
  if (reachedFinish) out.fill(0x21);
  return { status, hashLength: out.length };
}

/** `psa_hash_compute(alg, input, hash, &hash_length)`. */
export function hashCompute(
  alg: number,
  input: Uint8Array,
  out: Uint8Array,
  flavor: CoreFlavor = 'oberon',
): { status: number; hashLength: number } {
  if (!PSA_ALG_IS_HASH(alg)) return { status: PSA_ERROR_INVALID_ARGUMENT, hashLength: 0 };
  const fn = hashFunction(alg);
  if (!fn) return driverFailure(PSA_ERROR_NOT_SUPPORTED, out, flavor, false);
  if (out.length < fn.outputLen) return driverFailure(PSA_ERROR_BUFFER_TOO_SMALL, out, flavor, true);
  const d = fn(input);
  out.set(d);
  return { status: PSA_SUCCESS, hashLength: d.length };
}

/** `psa_hash_compare(alg, input, hash)`: INVALID_SIGNATURE on any mismatch, length included. */
export function hashCompare(alg: number, input: Uint8Array, expected: Uint8Array): number {
  if (!PSA_ALG_IS_HASH(alg)) return PSA_ERROR_INVALID_ARGUMENT;
  const fn = hashFunction(alg);
  if (!fn) return PSA_ERROR_NOT_SUPPORTED;
  const d = fn(input);
  const same = d.length === expected.length && constantTimeEqual(d, expected);
  d.fill(0);
  return same ? PSA_SUCCESS : PSA_ERROR_INVALID_SIGNATURE;
}

/** `psa_hash_abort`: idempotent. */
export function hashAbort(op: HashOperationState): number {
  op.ctx?.h.destroy();
  op.ctx = undefined;
  return PSA_SUCCESS;
}

/** `psa_hash_setup(operation, alg)`: any error aborts (an active operation is lost). */
export function hashSetup(op: HashOperationState, alg: number): number {
  let status: number = PSA_SUCCESS;
  const fn = hashFunction(alg);
  if (op.ctx) status = PSA_ERROR_BAD_STATE;
  else if (!PSA_ALG_IS_HASH(alg)) status = PSA_ERROR_INVALID_ARGUMENT;
  else if (!fn) status = PSA_ERROR_NOT_SUPPORTED;
  if (status !== PSA_SUCCESS || !fn) {
    hashAbort(op);
    return status;
  }
  op.ctx = { alg, h: fn.create() };
  return PSA_SUCCESS;
}

/** `psa_hash_update(operation, input)`. */
export function hashUpdate(op: HashOperationState, input: Uint8Array): number {
  if (!op.ctx) return PSA_ERROR_BAD_STATE;
  if (input.length > 0) op.ctx.h.update(input);
  return PSA_SUCCESS;
}

/** `psa_hash_finish(operation, hash, &hash_length)`: the operation ends whatever the result. */
export function hashFinish(
  op: HashOperationState,
  out: Uint8Array,
  flavor: CoreFlavor = 'oberon',
): { status: number; hashLength: number } {
  const ctx = op.ctx;
  if (!ctx) return { status: PSA_ERROR_BAD_STATE, hashLength: 0 };
  let res: { status: number; hashLength: number };
  if (out.length < ctx.h.outputLen) {
    res = driverFailure(PSA_ERROR_BUFFER_TOO_SMALL, out, flavor, true);
  } else {
    const d = ctx.h.digest();
    out.set(d);
    res = { status: PSA_SUCCESS, hashLength: d.length };
  }
  hashAbort(op);
  return res;
}

/** `psa_hash_verify(operation, hash)`: constant-time; the operation ends. */
export function hashVerify(op: HashOperationState, expected: Uint8Array): number {
  const ctx = op.ctx;
  if (!ctx) return PSA_ERROR_BAD_STATE;
  const d = ctx.h.digest();
  hashAbort(op);
  const same = d.length === expected.length && constantTimeEqual(d, expected);
  d.fill(0);
  return same ? PSA_SUCCESS : PSA_ERROR_INVALID_SIGNATURE;
}

/** `psa_hash_clone(source, target)`: BAD_STATE unless the source is active and the target inactive. */
export function hashClone(source: HashOperationState, target: HashOperationState): number {
  if (!source.ctx || target.ctx) return PSA_ERROR_BAD_STATE;
  target.ctx = { alg: source.ctx.alg, h: source.ctx.h.clone() };
  return PSA_SUCCESS;
}
