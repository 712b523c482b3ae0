/**
 * The PSA MAC API (AES-CMAC, HMAC over SHA-1/SHA-2, truncated MACs): `psa_mac_compute`,
 * `psa_mac_verify` and the multipart sign/verify operation. Behaviour of `library/psa_crypto.c`
 * (Mbed TLS 3.6.5 ≡ Oberon core): no MAC-algorithm pre-check before the key lookup; MACs
 * shorter than 4 bytes are NOT_SUPPORTED; on error the whole output buffer is filled with '!'
 * and `mac_length` is the buffer size (`psa_wipe_tag_output_buffer`); verification is constant-time.
 * Primitives: `@noble/ciphers` `cmac` (RFC 4493) and `@noble/hashes` `hmac` (RFC 2104).
 * Spec: PSA Certified Crypto API 1.2, §10.3 "Message authentication codes".
 * @module
 */
import { cmac } from '@noble/ciphers/aes.js';
import { hmac } from '@noble/hashes/hmac.js';
import { constantTimeEqual } from '../../utils/bytes.js';
import {
  PSA_ALG_CMAC,
  PSA_ALG_FULL_LENGTH_MAC,
  PSA_ALG_HMAC_GET_HASH,
  PSA_ALG_IS_HMAC,
  PSA_ALG_IS_MAC,
} from '../constants/algorithms.js';
import {
  PSA_KEY_TYPE_AES,
  PSA_KEY_USAGE_SIGN_MESSAGE,
  PSA_KEY_USAGE_VERIFY_MESSAGE,
} from '../constants/keys.js';
import { PSA_MAC_LENGTH, PSA_MAC_MAX_SIZE } from '../constants/sizes.js';
import {
  PSA_ERROR_BAD_STATE,
  PSA_ERROR_BUFFER_TOO_SMALL,
  PSA_ERROR_INVALID_ARGUMENT,
  PSA_ERROR_INVALID_SIGNATURE,
  PSA_ERROR_NOT_SUPPORTED,
  PSA_SUCCESS,
} from '../status.js';
import type { CoreState, KeySlot } from './context.js';
import { hashFunction } from './hash-algs.js';
import { getAndLockSlotWithPolicy, macKeyCanDo } from './policy.js';
import { unregisterRead } from './slots.js';

/** '!' — what PSA writes over a MAC buffer on error. */
const WIPE_BYTE = 0x21;

/** A running MAC computation. */
interface MacEngine {
  update(data: Uint8Array): unknown;
  digest(): Uint8Array;
  destroy(): void;
}

/** A `psa_mac_operation_t`; `ctx === undefined` means inactive. */
export interface MacOperationState {
  ctx: { isSign: boolean; macSize: number; engine: MacEngine } | undefined;
}

/** `psa_mac_finalize_alg_and_key_validation`: the MAC length for (alg, key), or an error status. */
function finalizeAlgAndKey(alg: number, slot: KeySlot): { status: number; macSize: number } {
  if (!PSA_ALG_IS_MAC(alg)) return { status: PSA_ERROR_INVALID_ARGUMENT, macSize: 0 };
  const can = macKeyCanDo(alg, slot.type);
  if (can !== PSA_SUCCESS) return { status: can, macSize: 0 };
  const macSize = PSA_MAC_LENGTH(slot.type, slot.bits, alg);
  if (macSize < 4) return { status: PSA_ERROR_NOT_SUPPORTED, macSize: 0 };
  if (macSize > PSA_MAC_LENGTH(slot.type, slot.bits, PSA_ALG_FULL_LENGTH_MAC(alg))) {
    return { status: PSA_ERROR_INVALID_ARGUMENT, macSize: 0 };
  }
  if (macSize > PSA_MAC_MAX_SIZE) return { status: PSA_ERROR_NOT_SUPPORTED, macSize: 0 };
  return { status: PSA_SUCCESS, macSize };
}

/** Driver MAC setup: HMAC with a supported hash, or CMAC with an AES key. */
function driverSetup(alg: number, slot: KeySlot): MacEngine | number {
  if (PSA_ALG_IS_HMAC(alg)) {
    const h = hashFunction(PSA_ALG_HMAC_GET_HASH(alg));
    if (!h) return PSA_ERROR_NOT_SUPPORTED;
    return hmac.create(h as unknown as Parameters<typeof hmac.create>[0], slot.key) as MacEngine;
  }
  if (PSA_ALG_FULL_LENGTH_MAC(alg) === PSA_ALG_CMAC) {
    if (slot.type !== PSA_KEY_TYPE_AES) return PSA_ERROR_NOT_SUPPORTED;
    return cmac.create(slot.key) as MacEngine;
  }
  return PSA_ERROR_NOT_SUPPORTED;
}

/**
 * Locks the key with the right usage, validates (alg, key), checks the MAC buffer (`macBufferSize`;
 * `Infinity` for a multipart setup, whose buffer comes at finish) and sets the engine up — in
 * `psa_mac_compute_internal`'s order: BUFFER_TOO_SMALL comes before the driver's NOT_SUPPORTED.
 */
function setupEngine(
  state: CoreState,
  owner: number,
  key: number,
  alg: number,
  isSign: boolean,
  macBufferSize: number,
): { status: number; macSize: number; engine?: MacEngine } {
  const r = getAndLockSlotWithPolicy(
    state,
    owner,
    key,
    isSign ? PSA_KEY_USAGE_SIGN_MESSAGE : PSA_KEY_USAGE_VERIFY_MESSAGE,
    alg,
  );
  if (!r.slot) return { status: r.status, macSize: 0 };
  try {
    const v = finalizeAlgAndKey(alg, r.slot);
    if (v.status !== PSA_SUCCESS) return v;
    if (macBufferSize < v.macSize) return { status: PSA_ERROR_BUFFER_TOO_SMALL, macSize: 0 };
    const engine = driverSetup(alg, r.slot);
    if (typeof engine === 'number') return { status: engine, macSize: 0 };
    return { status: PSA_SUCCESS, macSize: v.macSize, engine };
  } finally {
    unregisterRead(r.slot);
  }
}

function macInternal(
  state: CoreState,
  owner: number,
  key: number,
  alg: number,
  input: Uint8Array,
  isSign: boolean,
  macBufferSize: number,
): { status: number; mac?: Uint8Array } {
  const s = setupEngine(state, owner, key, alg, isSign, macBufferSize);
  if (!s.engine) return { status: s.status };
  s.engine.update(input);
  const full = s.engine.digest();
  const mac = full.slice(0, s.macSize);
  full.fill(0);
  return { status: PSA_SUCCESS, mac };
}

/** `psa_mac_compute(key, alg, input, mac, &mac_length)`. */
export function macCompute(
  state: CoreState,
  owner: number,
  key: number,
  alg: number,
  input: Uint8Array,
  out: Uint8Array,
): { status: number; macLength: number } {
  const r = macInternal(state, owner, key, alg, input, true, out.length);
  if (!r.mac) {
    out.fill(WIPE_BYTE);
    return { status: r.status, macLength: out.length };
  }
  out.set(r.mac);
  out.fill(WIPE_BYTE, r.mac.length);
  return { status: PSA_SUCCESS, macLength: r.mac.length };
}

/** `psa_mac_verify(key, alg, input, mac)`: INVALID_SIGNATURE on a wrong length or value (constant-time). */
export function macVerify(
  state: CoreState,
  owner: number,
  key: number,
  alg: number,
  input: Uint8Array,
  mac: Uint8Array,
): number {
  const r = macInternal(state, owner, key, alg, input, false, PSA_MAC_MAX_SIZE);
  if (!r.mac) return r.status;
  const same = r.mac.length === mac.length && constantTimeEqual(r.mac, mac);
  r.mac.fill(0);
  return same ? PSA_SUCCESS : PSA_ERROR_INVALID_SIGNATURE;
}

/** `psa_mac_abort`: idempotent. */
export function macAbort(op: MacOperationState): number {
  op.ctx?.engine.destroy();
  op.ctx = undefined;
  return PSA_SUCCESS;
}

/** `psa_mac_sign_setup` / `psa_mac_verify_setup`: any error aborts (an active operation is lost). */
export function macSetup(
  state: CoreState,
  owner: number,
  op: MacOperationState,
  key: number,
  alg: number,
  isSign: boolean,
): number {
  if (op.ctx) {
    macAbort(op);
    return PSA_ERROR_BAD_STATE;
  }
  const s = setupEngine(state, owner, key, alg, isSign, Number.POSITIVE_INFINITY);
  if (!s.engine) return s.status;
  op.ctx = { isSign, macSize: s.macSize, engine: s.engine };
  return PSA_SUCCESS;
}

/** `psa_mac_update(operation, input)`. */
export function macUpdate(op: MacOperationState, input: Uint8Array): number {
  if (!op.ctx) return PSA_ERROR_BAD_STATE;
  if (input.length > 0) op.ctx.engine.update(input);
  return PSA_SUCCESS;
}

/** `psa_mac_sign_finish(operation, mac, &mac_length)`: always ends the operation; '!'-fills on error. */
export function macSignFinish(op: MacOperationState, out: Uint8Array): { status: number; macLength: number } {
  const ctx = op.ctx;
  let status: number = PSA_SUCCESS;
  let mac: Uint8Array | undefined;
  if (!ctx?.isSign) status = PSA_ERROR_BAD_STATE;
  else if (out.length < ctx.macSize) status = PSA_ERROR_BUFFER_TOO_SMALL;
  else {
    const full = ctx.engine.digest();
    mac = full.slice(0, ctx.macSize);
    full.fill(0);
  }
  macAbort(op);
  if (!mac) {
    out.fill(WIPE_BYTE);
    return { status, macLength: out.length };
  }
  out.set(mac);
  out.fill(WIPE_BYTE, mac.length);
  mac.fill(0);
  return { status: PSA_SUCCESS, macLength: mac.length };
}

/** `psa_mac_verify_finish(operation, mac)`: always ends the operation; constant-time compare. */
export function macVerifyFinish(op: MacOperationState, mac: Uint8Array): number {
  const ctx = op.ctx;
  let status: number;
  if (!ctx || ctx.isSign) status = PSA_ERROR_BAD_STATE;
  else if (mac.length !== ctx.macSize) status = PSA_ERROR_INVALID_SIGNATURE;
  else {
    const full = ctx.engine.digest();
    const same = constantTimeEqual(full.subarray(0, ctx.macSize), mac);
    full.fill(0);
    status = same ? PSA_SUCCESS : PSA_ERROR_INVALID_SIGNATURE;
  }
  macAbort(op);
  return status;
}
