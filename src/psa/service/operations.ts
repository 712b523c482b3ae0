/**
 * The multipart operation objects (`psa_hash_operation_t`, `psa_mac_operation_t`,
 * `psa_cipher_operation_t`). They are opaque handles: the running context belongs to the
 * core (the secure side under TF-M) and never prints (key schedules stay out of logs/JSON).
 * @module
 */
import { describeType } from '../../utils/bytes.js';
import { redact } from '../../utils/redact.js';
import type { CipherContext, CipherOperationState } from '../core/cipher.js';
import type { HashOperationState } from '../core/hash.js';
import type { MacOperationState } from '../core/mac.js';

/** `psa_hash_operation_t`. Create with `psa_hash_operation_init()`. */
export class PsaHashOperation implements HashOperationState {
  /** @internal */
  ctx: HashOperationState['ctx'] = undefined;
  /** Under TF-M: the operation handle the crypto partition gave this operation (0 = none). */
  handle = 0;
  constructor() {
    redact(this, 'psa_hash_operation_t');
  }
  /** True while a hash is being computed (between setup and finish/verify/abort). */
  get active(): boolean {
    return this.ctx !== undefined || this.handle !== 0;
  }
}

/** `psa_mac_operation_t`. Create with `psa_mac_operation_init()`. */
export class PsaMacOperation implements MacOperationState {
  /** @internal */
  ctx: MacOperationState['ctx'] = undefined;
  /** Under TF-M: the operation handle the crypto partition gave this operation (0 = none). */
  handle = 0;
  constructor() {
    redact(this, 'psa_mac_operation_t');
  }
  /** True while a MAC is being computed or verified. */
  get active(): boolean {
    return this.ctx !== undefined || this.handle !== 0;
  }
}

/** `psa_cipher_operation_t`. Create with `psa_cipher_operation_init()`. */
export class PsaCipherOperation implements CipherOperationState {
  /** @internal */
  ctx: CipherContext | undefined = undefined;
  /** Under TF-M: the operation handle the crypto partition gave this operation (0 = none). */
  handle = 0;
  constructor() {
    redact(this, 'psa_cipher_operation_t');
  }
  /** True between a successful setup and finish/abort (or an error that aborted it). */
  get active(): boolean {
    return this.ctx !== undefined || this.handle !== 0;
  }
}

/** `psa_hash_operation_init()` / `PSA_HASH_OPERATION_INIT`. */
export const psa_hash_operation_init = (): PsaHashOperation => new PsaHashOperation();
/** `psa_mac_operation_init()` / `PSA_MAC_OPERATION_INIT`. */
export const psa_mac_operation_init = (): PsaMacOperation => new PsaMacOperation();
/** `psa_cipher_operation_init()` / `PSA_CIPHER_OPERATION_INIT`. */
export const psa_cipher_operation_init = (): PsaCipherOperation => new PsaCipherOperation();

/** Asserts an operation object of the right kind (a `TypeError` naming the argument otherwise). */
export function checkOperation<T>(
  name: string,
  value: unknown,
  kind: abstract new () => T,
  cname: string,
): T {
  if (!(value instanceof kind)) {
    throw new TypeError(
      `${name} must be a ${cname} (from ${cname.replace(/_t$/, '_init')}()), got ${describeType(value)}`,
    );
  }
  return value;
}
