/**
 * The idiomatic face: methods that take readable options, return values and throw
 * `PsaError` for a non-success status. A thin layer over the async C face (one core, two
 * faces): every method is a few C calls, so the statuses are exactly the C ones.
 * @module
 */

import type { PsaStorageInfo } from '../../its/its.js';
import { abytes, describeType } from '../../utils/bytes.js';
import { type PsaKeyAttributes, psa_key_attributes_init, psa_set_key_usage_flags } from '../attributes.js';
import {
  PSA_KEY_ID_NULL,
  PSA_KEY_LIFETIME_PERSISTENT,
  PSA_KEY_LIFETIME_VOLATILE,
} from '../constants/keys.js';
import {
  PSA_BLOCK_CIPHER_BLOCK_MAX_SIZE,
  PSA_CIPHER_FINISH_OUTPUT_SIZE,
  PSA_CIPHER_UPDATE_OUTPUT_SIZE,
  PSA_HASH_LENGTH,
  PSA_MAC_MAX_SIZE,
} from '../constants/sizes.js';
import { PsaError } from '../error.js';
import { psa_cipher_operation_init } from '../service/operations.js';
import { PSA_SUCCESS } from '../status.js';
import type { PsaC } from './c-api.js';
import {
  type AlgorithmName,
  algorithmOf,
  type HashName,
  hashOf,
  type KeyTypeName,
  keyTypeOf,
  lifetimeOf,
  type UsageName,
  usageNames,
  usageOf,
} from './names.js';

/** Key attributes for the idiomatic API: names or C values. */
export interface KeySpec {
  /** A persistent key id (1…0x3FFFFFFF); implies a persistent lifetime unless one is given. */
  id?: number;
  /** `'volatile'` (default without id), `'persistent'` (default with id) or a C lifetime. */
  lifetime?: 'volatile' | 'persistent' | number;
  /** Key type. */
  type: KeyTypeName | number;
  /** Size in bits; default: from the data (import) — required for `generateKey`. */
  bits?: number;
  /** Usage flags (names or a C mask). */
  usage: readonly UsageName[] | number;
  /** The permitted algorithm (name or C value); default none. */
  algorithm?: AlgorithmName | number;
}

/** What `getKeyAttributes` returns. */
export interface KeyInfo {
  id: number;
  lifetime: number;
  type: number;
  bits: number;
  usage: number;
  usageNames: UsageName[];
  algorithm: number;
}

/** Gives the reason for a status when the build (not the call) caused it. */
export type StatusExplainer = (
  fn: string,
  status: number,
  call?: { lifetime?: number },
) => string | undefined;

/** A non-negative integer argument: `TypeError` for another type, `RangeError` out of range. */
function size(name: string, v: unknown): number {
  if (typeof v !== 'number')
    throw new TypeError(`${name} must be a non-negative integer, got ${describeType(v)}`);
  if (!Number.isSafeInteger(v) || v < 0)
    throw new RangeError(`${name} must be a non-negative integer, got ${v}`);
  return v;
}

function toAttributes(spec: KeySpec): PsaKeyAttributes {
  if (typeof spec !== 'object' || spec === null)
    throw new TypeError(
      `key attributes must be an object like { type: 'AES', usage: ['encrypt'] }, got ${describeType(spec)}`,
    );
  const a = psa_key_attributes_init();
  const id = spec.id ?? PSA_KEY_ID_NULL;
  if (typeof id !== 'number') throw new TypeError(`id must be a number, got ${describeType(id)}`);
  if (!Number.isInteger(id) || id < 0 || id > 0xffffffff)
    throw new RangeError(`id must be a key id (1…0x3FFFFFFF for persistent keys), got ${String(spec.id)}`);
  a.id = id;
  a.lifetime =
    spec.lifetime !== undefined
      ? lifetimeOf('lifetime', spec.lifetime)
      : id !== 0
        ? PSA_KEY_LIFETIME_PERSISTENT
        : PSA_KEY_LIFETIME_VOLATILE;
  a.type = keyTypeOf('type', spec.type);
  const bits = spec.bits ?? 0;
  if (typeof bits !== 'number') throw new TypeError(`bits must be a number, got ${describeType(bits)}`);
  if (!Number.isInteger(bits) || bits < 0 || bits > 0xffff)
    throw new RangeError(`bits must be an integer between 0 and 65535, got ${String(spec.bits)}`);
  a.bits = bits;
  // Through the C setter, as a C caller would: SIGN_HASH implies SIGN_MESSAGE, VERIFY_HASH VERIFY_MESSAGE.
  psa_set_key_usage_flags(a, usageOf('usage', spec.usage));
  a.alg = spec.algorithm === undefined ? 0 : algorithmOf('algorithm', spec.algorithm);
  return a;
}

/** The idiomatic methods shared by every `Psa` instance. */
export class PsaIdiomatic {
  readonly #c: PsaC;
  readonly #explain: StatusExplainer | undefined;

  constructor(c: PsaC, explain?: StatusExplainer) {
    this.#c = c;
    this.#explain = explain;
  }

  /** Throws a `PsaError` (with the TF-M build's explanation, if any) unless `status` is success. */
  #check(status: number, fn: string, call?: { lifetime?: number }): void {
    if (status !== PSA_SUCCESS) throw new PsaError(status, this.#explain?.(fn, status, call), fn);
  }

  /** `psa_crypto_init()`. */
  init(): void {
    this.#check(this.#c.psa_crypto_init(), 'psa_crypto_init');
  }

  /** `mbedtls_psa_crypto_free()`: a simulated reboot (volatile keys are lost, storage stays). */
  reboot(): void {
    this.#c.mbedtls_psa_crypto_free();
  }

  /** Imports key material; returns the key id. */
  async importKey(spec: KeySpec, data: Uint8Array): Promise<number> {
    abytes('data', data);
    const a = toAttributes(spec);
    const r = await this.#c.psa_import_key(a, data);
    this.#check(r.status, 'psa_import_key', { lifetime: a.lifetime });
    return r.key;
  }

  /** Generates a random key (`bits` required); returns the key id. */
  async generateKey(spec: KeySpec): Promise<number> {
    const a = toAttributes(spec);
    const r = await this.#c.psa_generate_key(a);
    this.#check(r.status, 'psa_generate_key', { lifetime: a.lifetime });
    return r.key;
  }

  /** Copies a key (needs the `copy` usage); `spec.type` may be omitted. Returns the new key id. */
  async copyKey(source: number, spec: Omit<KeySpec, 'type'> & { type?: KeySpec['type'] }): Promise<number> {
    const a = toAttributes({ type: 0, ...spec });
    const r = await this.#c.psa_copy_key(source, a);
    this.#check(r.status, 'psa_copy_key', { lifetime: a.lifetime });
    return r.key;
  }

  /** `psa_open_key`: returns the handle (= the key id). */
  async openKey(id: number): Promise<number> {
    const r = await this.#c.psa_open_key(id);
    this.#check(r.status, 'psa_open_key');
    return r.handle;
  }

  /** `psa_close_key`. */
  async closeKey(handle: number): Promise<void> {
    this.#check(await this.#c.psa_close_key(handle), 'psa_close_key');
  }

  /** `psa_destroy_key`. */
  async destroyKey(id: number): Promise<void> {
    this.#check(await this.#c.psa_destroy_key(id), 'psa_destroy_key');
  }

  /** `psa_purge_key`. */
  async purgeKey(id: number): Promise<void> {
    this.#check(await this.#c.psa_purge_key(id), 'psa_purge_key');
  }

  /** `psa_get_key_attributes`. */
  async getKeyAttributes(id: number): Promise<KeyInfo> {
    const r = await this.#c.psa_get_key_attributes(id);
    this.#check(r.status, 'psa_get_key_attributes');
    const a = r.attributes;
    return {
      id: a.id,
      lifetime: a.lifetime,
      type: a.type,
      bits: a.bits,
      usage: a.usage,
      usageNames: usageNames(a.usage),
      algorithm: a.alg,
    };
  }

  /** `psa_export_key` (needs the `export` usage): the key bytes. */
  async exportKey(id: number): Promise<Uint8Array> {
    const info = await this.#c.psa_get_key_attributes(id);
    this.#check(info.status, 'psa_export_key');
    const out = new Uint8Array(Math.max(1, Math.ceil(info.attributes.bits / 8)));
    const r = await this.#c.psa_export_key(id, out);
    this.#check(r.status, 'psa_export_key');
    return out.subarray(0, r.dataLength);
  }

  /**
   * Encrypts; returns IV ‖ ciphertext. With `options.iv` the IV is yours (multipart
   * set_iv), otherwise it is random (`psa_cipher_encrypt`).
   */
  async cipherEncrypt(
    key: number,
    algorithm: AlgorithmName | number,
    plaintext: Uint8Array,
    options: { iv?: Uint8Array } = {},
  ): Promise<Uint8Array> {
    const alg = algorithmOf('algorithm', algorithm);
    abytes('plaintext', plaintext);
    if (typeof options !== 'object' || options === null)
      throw new TypeError(`options must be an object like { iv }, got ${describeType(options)}`);
    const iv = options.iv === undefined ? undefined : abytes('options.iv', options.iv);
    if (iv === undefined) {
      // IV ‖ ciphertext of any block cipher mode fits in the input plus two blocks (IV, padding).
      const out = new Uint8Array(plaintext.length + 2 * PSA_BLOCK_CIPHER_BLOCK_MAX_SIZE);
      const r = await this.#c.psa_cipher_encrypt(key, alg, plaintext, out);
      this.#check(r.status, 'psa_cipher_encrypt');
      return out.subarray(0, r.outputLength);
    }
    // The multipart path sizes its buffer for the key type.
    const info = await this.#c.psa_get_key_attributes(key);
    this.#check(info.status, 'psa_cipher_encrypt');
    const body = await this.#multipart(key, alg, info.attributes.type, true, iv, plaintext);
    const out = new Uint8Array(iv.length + body.length);
    out.set(iv);
    out.set(body, iv.length);
    return out;
  }

  /** Decrypts IV ‖ ciphertext (`psa_cipher_decrypt`); returns the plaintext. */
  async cipherDecrypt(
    key: number,
    algorithm: AlgorithmName | number,
    input: Uint8Array,
  ): Promise<Uint8Array> {
    const alg = algorithmOf('algorithm', algorithm);
    abytes('input', input);
    // The plaintext is never longer than IV ‖ ciphertext (PSA_CIPHER_DECRYPT_OUTPUT_SIZE ≤ input length).
    const out = new Uint8Array(input.length);
    const r = await this.#c.psa_cipher_decrypt(key, alg, input, out);
    this.#check(r.status, 'psa_cipher_decrypt');
    return out.subarray(0, r.outputLength);
  }

  async #multipart(
    key: number,
    alg: number,
    type: number,
    encrypt: boolean,
    iv: Uint8Array,
    data: Uint8Array,
  ): Promise<Uint8Array> {
    const c = this.#c;
    const op = psa_cipher_operation_init();
    const fn = encrypt ? 'psa_cipher_encrypt_setup' : 'psa_cipher_decrypt_setup';
    try {
      this.#check(
        await (encrypt ? c.psa_cipher_encrypt_setup(op, key, alg) : c.psa_cipher_decrypt_setup(op, key, alg)),
        fn,
      );
      if (iv.length > 0) this.#check(await c.psa_cipher_set_iv(op, iv), 'psa_cipher_set_iv');
      const out = new Uint8Array(
        PSA_CIPHER_UPDATE_OUTPUT_SIZE(type, alg, data.length) + PSA_CIPHER_FINISH_OUTPUT_SIZE(type, alg) + 16,
      );
      const u = await c.psa_cipher_update(op, data, out);
      this.#check(u.status, 'psa_cipher_update');
      const f = await c.psa_cipher_finish(op, out.subarray(u.outputLength));
      this.#check(f.status, 'psa_cipher_finish');
      return out.slice(0, u.outputLength + f.outputLength);
    } finally {
      await c.psa_cipher_abort(op);
    }
  }

  /** `psa_mac_compute`: the MAC (truncated when the algorithm says so). */
  async macCompute(key: number, algorithm: AlgorithmName | number, input: Uint8Array): Promise<Uint8Array> {
    const alg = algorithmOf('algorithm', algorithm);
    abytes('input', input);
    const out = new Uint8Array(PSA_MAC_MAX_SIZE);
    const r = await this.#c.psa_mac_compute(key, alg, input, out);
    this.#check(r.status, 'psa_mac_compute');
    return out.slice(0, r.macLength);
  }

  /** `psa_mac_verify` (constant-time): resolves when valid, throws `PsaError` PSA_ERROR_INVALID_SIGNATURE otherwise. */
  async macVerify(
    key: number,
    algorithm: AlgorithmName | number,
    input: Uint8Array,
    mac: Uint8Array,
  ): Promise<void> {
    const alg = algorithmOf('algorithm', algorithm);
    abytes('input', input);
    abytes('mac', mac);
    this.#check(await this.#c.psa_mac_verify(key, alg, input, mac), 'psa_mac_verify');
  }

  /** `psa_hash_compute`. */
  async hashCompute(algorithm: HashName | number, input: Uint8Array): Promise<Uint8Array> {
    const alg = hashOf('algorithm', algorithm);
    abytes('input', input);
    const out = new Uint8Array(PSA_HASH_LENGTH(alg) || 64);
    const r = await this.#c.psa_hash_compute(alg, input, out);
    this.#check(r.status, 'psa_hash_compute');
    return out.subarray(0, r.hashLength);
  }

  /** `psa_hash_compare` (constant-time): throws PSA_ERROR_INVALID_SIGNATURE on a mismatch. */
  async hashCompare(algorithm: HashName | number, input: Uint8Array, hash: Uint8Array): Promise<void> {
    const alg = hashOf('algorithm', algorithm);
    abytes('input', input);
    abytes('hash', hash);
    this.#check(await this.#c.psa_hash_compare(alg, input, hash), 'psa_hash_compare');
  }

  /** `psa_generate_random`: `length` random bytes. */
  async generateRandom(length: number): Promise<Uint8Array> {
    const out = new Uint8Array(size('length', length));
    this.#check(await this.#c.psa_generate_random(out), 'psa_generate_random');
    return out;
  }

  /** `psa_its_set`. */
  async itsSet(uid: bigint, data: Uint8Array, flags = 0): Promise<void> {
    abytes('data', data);
    this.#check(await this.#c.psa_its_set(uid, data, flags), 'psa_its_set');
  }

  /** `psa_its_get`: reads the asset (from `offset`, `length` bytes; default: to the end). */
  async itsGet(uid: bigint, offset = 0, length?: number): Promise<Uint8Array> {
    size('offset', offset);
    if (length !== undefined) size('length', length);
    const info = await this.#c.psa_its_get_info(uid);
    this.#check(info.status, 'psa_its_get');
    const n = length ?? Math.max(0, info.info.size - offset);
    const out = new Uint8Array(n);
    const r = await this.#c.psa_its_get(uid, offset, n, out);
    this.#check(r.status, 'psa_its_get');
    return out.subarray(0, r.dataLength);
  }

  /** `psa_its_get_info`. */
  async itsGetInfo(uid: bigint): Promise<PsaStorageInfo> {
    const r = await this.#c.psa_its_get_info(uid);
    this.#check(r.status, 'psa_its_get_info');
    return r.info;
  }

  /** `psa_its_remove`. */
  async itsRemove(uid: bigint): Promise<void> {
    this.#check(await this.#c.psa_its_remove(uid), 'psa_its_remove');
  }
}
