/**
 * The PSA cipher API (AES ECB_NO_PADDING, CBC_NO_PADDING, CBC_PKCS7, CTR): single-part
 * `psa_cipher_encrypt/decrypt` and the multipart operation with its state machine.
 * Core logic of `library/psa_crypto.c` (shared by Mbed TLS 3.6.5 and the Oberon core); the
 * driver step follows `oberon/drivers/oberon_cipher.c` (flavor `'oberon'`) or Mbed TLS's
 * builtin `library/psa_crypto_cipher.c` (flavor `'mbedtls'`). They differ in check order:
 * Oberon validates lengths before buffer sizes in one step; Mbed TLS runs update then finish,
 * so e.g. CBC_NO_PADDING with 16+17 input bytes and no output room is BUFFER_TOO_SMALL in
 * Mbed TLS and INVALID_ARGUMENT in Oberon.
 * Spec: PSA Certified Crypto API 1.2, §10.4 "Unauthenticated ciphers".
 * @module
 */
import {
  PSA_ALG_CBC_NO_PADDING,
  PSA_ALG_CBC_PKCS7,
  PSA_ALG_CTR,
  PSA_ALG_ECB_NO_PADDING,
  PSA_ALG_IS_CIPHER,
} from '../constants/algorithms.js';
import { PSA_KEY_TYPE_AES, PSA_KEY_USAGE_DECRYPT, PSA_KEY_USAGE_ENCRYPT } from '../constants/keys.js';
import { PSA_CIPHER_IV_LENGTH, PSA_CIPHER_IV_MAX_SIZE } from '../constants/sizes.js';
import {
  PSA_ERROR_BAD_STATE,
  PSA_ERROR_BUFFER_TOO_SMALL,
  PSA_ERROR_INVALID_ARGUMENT,
  PSA_ERROR_INVALID_PADDING,
  PSA_ERROR_NOT_SUPPORTED,
  PSA_SUCCESS,
} from '../status.js';
import { AesKey } from './aes-block.js';
import { type AesMode, AesModeEngine } from './cipher-modes.js';
import { type CoreState, drawRandom, type KeySlot } from './context.js';
import { getAndLockSlotWithPolicy } from './policy.js';
import { unregisterRead } from './slots.js';

type LengthResult = { status: number; outputLength: number };

/** The secure-side context of a cipher operation (`psa_cipher_operation_t` with `id != 0`). */
export interface CipherContext {
  readonly alg: number;
  readonly encrypt: boolean;
  readonly ivRequired: boolean;
  ivSet: boolean;
  readonly defaultIvLength: number;
  readonly engine: AesModeEngine;
}

/** A `psa_cipher_operation_t`. Its context is held by the core; `ctx === undefined` means inactive. */
export interface CipherOperationState {
  ctx: CipherContext | undefined;
}

function modeOf(alg: number): AesMode | undefined {
  switch (alg) {
    case PSA_ALG_ECB_NO_PADDING:
      return 'ecb';
    case PSA_ALG_CBC_NO_PADDING:
      return 'cbc';
    case PSA_ALG_CBC_PKCS7:
      return 'cbc-pkcs7';
    case PSA_ALG_CTR:
      return 'ctr';
    default:
      return undefined;
  }
}

/** Driver setup: only AES keys and the four modes are supported (NOT_SUPPORTED otherwise). */
function driverSetup(
  slot: KeySlot,
  alg: number,
  encrypt: boolean,
  singlePart = false,
): AesModeEngine | number {
  if (slot.type !== PSA_KEY_TYPE_AES) return PSA_ERROR_NOT_SUPPORTED;
  const mode = modeOf(alg);
  if (!mode) return PSA_ERROR_NOT_SUPPORTED;
  if (slot.key.length !== 16 && slot.key.length !== 24 && slot.key.length !== 32)
    return PSA_ERROR_INVALID_ARGUMENT;
  // A single-part call reuses the slot's expanded key (kept while the key is cached); a multipart
  // operation owns a copy, as the core copies the key into the operation context.
  if (!singlePart) return new AesModeEngine(slot.key, mode, encrypt);
  slot.aes ??= new AesKey(slot.key);
  return new AesModeEngine(slot.aes, mode, encrypt);
}

/**
 * Single-part driver work shared by encrypt and decrypt once the IV is known: Oberon checks
 * lengths then sizes up front; Mbed TLS runs update then finish.
 */
function runSinglePart(
  state: CoreState,
  engine: AesModeEngine,
  data: Uint8Array,
  out: Uint8Array,
  outOffset: number,
): LengthResult {
  const space = out.length - outOffset;
  const m = engine.mode;
  const n = data.length;
  const dst = out.subarray(outOffset);
  if (state.config.flavor === 'oberon') {
    if (m === 'ctr') {
      if (space < n) return fail(PSA_ERROR_BUFFER_TOO_SMALL);
      return ok(engine.update(data, dst));
    }
    if (engine.encrypt) {
      if (m === 'cbc-pkcs7') {
        if (space < ((n + 16) & ~15)) return fail(PSA_ERROR_BUFFER_TOO_SMALL);
        const k = engine.update(data, dst);
        const { block } = engine.finishPkcs7();
        dst.set(block, k);
        return ok(k + 16);
      }
      if (n % 16 !== 0) return fail(PSA_ERROR_INVALID_ARGUMENT);
      if (space < n) return fail(PSA_ERROR_BUFFER_TOO_SMALL);
      return ok(engine.update(data, dst));
    }
    if (m === 'cbc-pkcs7') {
      // The caller has already taken the IV; Oberon's check is on the full input (IV + ≥ 1 block).
      if (n < 16 || n % 16 !== 0) return fail(PSA_ERROR_INVALID_ARGUMENT);
      if (space < n - 16) return fail(PSA_ERROR_BUFFER_TOO_SMALL);
      const k = engine.update(data, dst);
      const { block, valid } = engine.finishPkcs7();
      const room = space - k;
      // oberon_aes_cbc_pkcs_unpad writes what fits before reporting the error.
      dst.set(block.subarray(0, Math.min(room, block.length)), k);
      if (!valid) return fail(PSA_ERROR_INVALID_PADDING);
      if (block.length > room) return fail(PSA_ERROR_BUFFER_TOO_SMALL);
      return ok(k + block.length);
    }
    if (n % 16 !== 0) return fail(PSA_ERROR_INVALID_ARGUMENT);
    if (space < n) return fail(PSA_ERROR_BUFFER_TOO_SMALL);
    return ok(engine.update(data, dst));
  }
  // Mbed TLS builtin (mbedtls_psa_cipher_encrypt/decrypt): update, then finish.
  const up = mbedtlsUpdate(engine, data, dst);
  if (up.status !== PSA_SUCCESS) return up;
  const fin = mbedtlsFinish(engine, dst.subarray(up.outputLength));
  if (fin.status !== PSA_SUCCESS) return fin;
  return ok(up.outputLength + fin.outputLength);
}

/** `mbedtls_psa_cipher_update`: BUFFER_TOO_SMALL is judged on whole blocks before anything is processed. */
function mbedtlsUpdate(engine: AesModeEngine, input: Uint8Array, out: Uint8Array): LengthResult {
  const expected =
    engine.mode === 'ctr' ? input.length : Math.floor((engine.pendingLength + input.length) / 16) * 16;
  if (out.length < expected) return fail(PSA_ERROR_BUFFER_TOO_SMALL);
  return ok(engine.update(input, out));
}

/** `mbedtls_psa_cipher_finish` + `mbedtls_cipher_finish`. */
function mbedtlsFinish(engine: AesModeEngine, out: Uint8Array): LengthResult {
  const m = engine.mode;
  if (m === 'ctr') return ok(0);
  if (m === 'ecb' || m === 'cbc')
    return engine.pendingLength !== 0 ? fail(PSA_ERROR_INVALID_ARGUMENT) : ok(0);
  // CBC_PKCS7: decrypt needs exactly one held-back block (MBEDTLS_ERR_CIPHER_FULL_BLOCK_EXPECTED).
  if (!engine.encrypt && engine.pendingLength !== 16) return fail(PSA_ERROR_INVALID_ARGUMENT);
  const { block, valid } = engine.finishPkcs7();
  if (!valid) return fail(PSA_ERROR_INVALID_PADDING);
  if (out.length < block.length) return fail(PSA_ERROR_BUFFER_TOO_SMALL);
  out.set(block);
  return ok(block.length);
}

/** `oberon_cipher_finish`. */
function oberonFinish(engine: AesModeEngine, out: Uint8Array): LengthResult {
  const m = engine.mode;
  if (m === 'ctr') return ok(0);
  if (m === 'ecb' || m === 'cbc')
    return engine.pendingLength !== 0 ? fail(PSA_ERROR_INVALID_ARGUMENT) : ok(0);
  if (engine.encrypt) {
    if (out.length < 16) return fail(PSA_ERROR_BUFFER_TOO_SMALL);
    const { block } = engine.finishPkcs7();
    out.set(block);
    return ok(16);
  }
  if (engine.pendingLength !== 16) return fail(PSA_ERROR_INVALID_ARGUMENT);
  const { block, valid } = engine.finishPkcs7();
  out.set(block.subarray(0, Math.min(out.length, block.length)));
  if (!valid) return fail(PSA_ERROR_INVALID_PADDING);
  if (block.length > out.length) return fail(PSA_ERROR_BUFFER_TOO_SMALL);
  return ok(block.length);
}

const ok = (outputLength: number): LengthResult => ({ status: PSA_SUCCESS, outputLength });
const fail = (status: number): LengthResult => ({ status, outputLength: 0 });

/** `psa_cipher_encrypt(key, alg, input, output)`: output = IV ‖ ciphertext (the IV is random). */
export function cipherEncrypt(
  state: CoreState,
  owner: number,
  key: number,
  alg: number,
  input: Uint8Array,
  output: Uint8Array,
): LengthResult {
  if (!PSA_ALG_IS_CIPHER(alg)) return fail(PSA_ERROR_INVALID_ARGUMENT);
  const r = getAndLockSlotWithPolicy(state, owner, key, PSA_KEY_USAGE_ENCRYPT, alg);
  if (!r.slot) return fail(r.status);
  const slot = r.slot;
  try {
    const ivLength = PSA_CIPHER_IV_LENGTH(slot.type, alg);
    const iv = new Uint8Array(ivLength);
    if (ivLength > 0) {
      if (output.length < ivLength) return fail(PSA_ERROR_BUFFER_TOO_SMALL);
      const random = drawRandom(state, iv);
      if (random !== PSA_SUCCESS) return fail(random);
    }
    const engine = driverSetup(slot, alg, true, true);
    if (typeof engine === 'number') return fail(engine);
    try {
      if (ivLength > 0) engine.setIv(iv);
      const res = runSinglePart(state, engine, input, output, ivLength);
      if (res.status !== PSA_SUCCESS) return res;
      output.set(iv, 0);
      return ok(res.outputLength + ivLength);
    } finally {
      engine.wipe();
    }
  } finally {
    unregisterRead(slot);
  }
}

/** `psa_cipher_decrypt(key, alg, input, output)`: input = IV ‖ ciphertext. */
export function cipherDecrypt(
  state: CoreState,
  owner: number,
  key: number,
  alg: number,
  input: Uint8Array,
  output: Uint8Array,
): LengthResult {
  if (!PSA_ALG_IS_CIPHER(alg)) return fail(PSA_ERROR_INVALID_ARGUMENT);
  const r = getAndLockSlotWithPolicy(state, owner, key, PSA_KEY_USAGE_DECRYPT, alg);
  if (!r.slot) return fail(r.status);
  const slot = r.slot;
  try {
    const ivLength = PSA_CIPHER_IV_LENGTH(slot.type, alg);
    if (input.length < ivLength) return fail(PSA_ERROR_INVALID_ARGUMENT);
    const engine = driverSetup(slot, alg, false, true);
    if (typeof engine === 'number') return fail(engine);
    try {
      if (ivLength > 0) engine.setIv(input.subarray(0, ivLength));
      return runSinglePart(state, engine, input.subarray(ivLength), output, 0);
    } finally {
      engine.wipe();
    }
  } finally {
    unregisterRead(slot);
  }
}

/** `psa_cipher_abort`: idempotent. */
export function cipherAbort(op: CipherOperationState): number {
  op.ctx?.engine.wipe();
  op.ctx = undefined;
  return PSA_SUCCESS;
}

/**
 * `psa_cipher_encrypt_setup` / `psa_cipher_decrypt_setup`. Any error aborts the operation —
 * including BAD_STATE for an operation that is already active, which is therefore lost.
 */
export function cipherSetup(
  state: CoreState,
  owner: number,
  op: CipherOperationState,
  key: number,
  alg: number,
  encrypt: boolean,
): number {
  const status = setupInner(state, owner, op, key, alg, encrypt);
  if (status !== PSA_SUCCESS) cipherAbort(op);
  return status;
}

function setupInner(
  state: CoreState,
  owner: number,
  op: CipherOperationState,
  key: number,
  alg: number,
  encrypt: boolean,
): number {
  if (op.ctx) return PSA_ERROR_BAD_STATE;
  if (!PSA_ALG_IS_CIPHER(alg)) return PSA_ERROR_INVALID_ARGUMENT;
  const r = getAndLockSlotWithPolicy(
    state,
    owner,
    key,
    encrypt ? PSA_KEY_USAGE_ENCRYPT : PSA_KEY_USAGE_DECRYPT,
    alg,
  );
  if (!r.slot) return r.status;
  try {
    const engine = driverSetup(r.slot, alg, encrypt);
    if (typeof engine === 'number') return engine;
    op.ctx = {
      alg,
      encrypt,
      ivRequired: alg !== PSA_ALG_ECB_NO_PADDING,
      ivSet: false,
      defaultIvLength: PSA_CIPHER_IV_LENGTH(r.slot.type, alg),
      engine,
    };
    return PSA_SUCCESS;
  } finally {
    unregisterRead(r.slot);
  }
}

/**
 * `psa_cipher_generate_iv(operation, iv, iv_size, &iv_length)`: allowed once, on either
 * direction, not for ECB. On error the op is aborted and `iv_length` is 0 (Oberon also zeroes `iv`
 * on BUFFER_TOO_SMALL).
 */
export function cipherGenerateIv(
  state: CoreState,
  op: CipherOperationState,
  iv: Uint8Array,
): { status: number; ivLength: number } {
  const ctx = op.ctx;
  let status: number = PSA_SUCCESS;
  if (!ctx || ctx.ivSet || !ctx.ivRequired) status = PSA_ERROR_BAD_STATE;
  else if (iv.length < ctx.defaultIvLength) status = PSA_ERROR_BUFFER_TOO_SMALL;
  if (status !== PSA_SUCCESS || !ctx) {
    // Oberon zeroes default_iv_length bytes at `iv` only once the size check is reached (its
    // local length is still 0 for BAD_STATE); only what fits is zeroed here. Mbed TLS 3.6.5
    // allocates its IV copy after the size check, so the caller's buffer is untouched.
    if (status === PSA_ERROR_BUFFER_TOO_SMALL && state.config.flavor === 'oberon') iv.fill(0);
    cipherAbort(op);
    return { status, ivLength: 0 };
  }
  const fresh = new Uint8Array(ctx.defaultIvLength);
  const random = drawRandom(state, fresh);
  if (random !== PSA_SUCCESS) {
    // The random source failed (INSUFFICIENT_ENTROPY): both cores zeroize default_iv_length bytes
    // at `iv` (Mbed TLS 3.6.5 zeroizes its local copy, which LOCAL_OUTPUT_FREE then copies out).
    iv.fill(0, 0, ctx.defaultIvLength);
    cipherAbort(op);
    return { status: random, ivLength: 0 };
  }
  ctx.engine.setIv(fresh);
  ctx.ivSet = true;
  iv.set(fresh);
  return { status: PSA_SUCCESS, ivLength: fresh.length };
}

/** `psa_cipher_set_iv(operation, iv, iv_length)`: exactly the mode's IV length; any error aborts. */
export function cipherSetIv(op: CipherOperationState, iv: Uint8Array): number {
  const ctx = op.ctx;
  let status: number = PSA_SUCCESS;
  if (!ctx || ctx.ivSet || !ctx.ivRequired) status = PSA_ERROR_BAD_STATE;
  else if (iv.length > PSA_CIPHER_IV_MAX_SIZE || iv.length !== ctx.defaultIvLength)
    status = PSA_ERROR_INVALID_ARGUMENT;
  if (status !== PSA_SUCCESS || !ctx) {
    cipherAbort(op);
    return status;
  }
  ctx.engine.setIv(iv);
  ctx.ivSet = true;
  return PSA_SUCCESS;
}

/** `psa_cipher_update(operation, input, output, &output_length)`: any error aborts the operation. */
export function cipherUpdate(
  state: CoreState,
  op: CipherOperationState,
  input: Uint8Array,
  output: Uint8Array,
): LengthResult {
  const ctx = op.ctx;
  if (!ctx || (ctx.ivRequired && !ctx.ivSet)) {
    cipherAbort(op);
    return fail(PSA_ERROR_BAD_STATE);
  }
  let res: LengthResult;
  if (state.config.flavor === 'oberon') {
    const n = ctx.engine.emitLength(input.length);
    res = output.length < n ? fail(PSA_ERROR_BUFFER_TOO_SMALL) : ok(ctx.engine.update(input, output));
  } else {
    res = mbedtlsUpdate(ctx.engine, input, output);
  }
  if (res.status !== PSA_SUCCESS) cipherAbort(op);
  return res;
}

/** `psa_cipher_finish(operation, output, &output_length)`: the operation always ends. */
export function cipherFinish(state: CoreState, op: CipherOperationState, output: Uint8Array): LengthResult {
  const ctx = op.ctx;
  let res: LengthResult;
  if (!ctx || (ctx.ivRequired && !ctx.ivSet)) res = fail(PSA_ERROR_BAD_STATE);
  else
    res =
      state.config.flavor === 'oberon' ? oberonFinish(ctx.engine, output) : mbedtlsFinish(ctx.engine, output);
  cipherAbort(op);
  return res;
}
