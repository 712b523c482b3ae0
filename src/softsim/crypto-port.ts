/**
 * The crypto port of nrf-softsim (`lib/ss_crypto.c`): the PSA calls behind the hooks the UICC
 * core calls (`ss_utils_aes_encrypt/decrypt`, `ss_utils_ota_calc_cc`, `ss_utils_3des_*`,
 * `aes_128_encrypt_block`), key provisioning (`ss_utils_setup_key`) and the provisioned check
 * (`ss_utils_check_key_existence`), over a PSA C API (`psa.cSync`). Reference/softsim.md §1.
 *
 * Two fidelity modes:
 * - `'nrf-softsim-3.2'` (nrf-softsim `47fb6b9`, NCS v3.2.2): every call as that version makes it —
 *   `psa_open_key` first, open/import errors logged and swallowed, the −1 of the existence check,
 *   `void` cipher hooks that leave the buffer as it was on error, the `ss_utils_aes_decrypt` label in
 *   the encrypt path, a CMAC failure that aborts the wrong operation object.
 * - `'fixed'`: what a correct port does — no `psa_open_key`, existence by `psa_get_key_attributes`,
 *   every status checked and returned to the caller.
 *
 * The hooks return a number in both modes: 0, a PSA status or −EINVAL. In C the cipher hooks are
 * `void`; in `'nrf-softsim-3.2'` the UICC layer ignores the number, as the C caller has to.
 * @module
 */

import type { PsaCSync } from '../psa/api/c-api.js';
import { PSA_ALG_CBC_NO_PADDING, PSA_ALG_CMAC } from '../psa/constants/algorithms.js';
import {
  PSA_KEY_LIFETIME_PERSISTENT,
  PSA_KEY_TYPE_AES,
  PSA_KEY_USAGE_DECRYPT,
  PSA_KEY_USAGE_ENCRYPT,
  PSA_KEY_USAGE_SIGN_MESSAGE,
} from '../psa/constants/keys.js';
import type { PsaCipherOperation } from '../psa/service/operations.js';
import {
  PSA_ERROR_DOES_NOT_EXIST,
  PSA_ERROR_INVALID_HANDLE,
  PSA_ERROR_NOT_SUPPORTED,
  PSA_SUCCESS,
} from '../psa/status.js';
import { abytes, anumber, wipe } from '../utils/bytes.js';
import {
  AES_BLOCKSIZE,
  EINVAL,
  ENC_ALGORITHM,
  KEY_ID,
  KMU_KEY_SIZE,
  keyIdToKmuSlot,
  LOG_MODULE,
  SHARED_BUFFER_SIZE,
} from './constants.js';
import { type LogWrite, logWriter, type ZephyrLog } from './log.js';

/** Which port to reproduce (see the module description). */
export type SoftSimQuirks = 'nrf-softsim-3.2' | 'fixed';

/** How often each hook ran (every call, whatever its outcome). */
export interface SoftSimCryptoCalls {
  aesEncrypt: number;
  aesDecrypt: number;
  otaCalcCc: number;
  setupKey: number;
  checkKeyExistence: number;
}

const M = LOG_MODULE.crypto;

/**
 * The zero IV of every AES call ("per standards in telco"). Shared and never written: it is only
 * passed as `psa_cipher_set_iv`'s input, which the core copies into its chaining state (the TF-M
 * boundary writes back out-vecs only).
 */
const ZERO_IV = new Uint8Array(AES_BLOCKSIZE);

/** The crypto port. One per SoftSIM; it keeps no key material (keys live in PSA). */
export class SoftSimCryptoPort {
  /** The mode reproduced. */
  readonly quirks: SoftSimQuirks;
  /** Call counters, e.g. 10 `aesEncrypt` per successful 3G AUTHENTICATE (reference/softsim.md §3.2). */
  readonly calls: SoftSimCryptoCalls = {
    aesEncrypt: 0,
    aesDecrypt: 0,
    otaCalcCc: 0,
    setupKey: 0,
    checkKeyExistence: 0,
  };
  readonly #c: PsaCSync;
  readonly #log: ZephyrLog;
  /** `#log`'s unchecked writer (the levels below are literals). */
  readonly #write: LogWrite;
  /** `static uint8_t shared_buffer[256]`: where the 3.2 hooks collect their output. */
  readonly #shared = new Uint8Array(SHARED_BUFFER_SIZE);

  /** @param options `psa`: the C API to call (`psa.cSync`); `quirks`: the mode; `log`: where the port logs. */
  constructor(options: { psa: PsaCSync; quirks: SoftSimQuirks; log: ZephyrLog }) {
    const { psa, quirks, log } = options;
    if (quirks !== 'nrf-softsim-3.2' && quirks !== 'fixed')
      throw new TypeError(`quirks must be 'nrf-softsim-3.2' or 'fixed', got ${String(quirks)}`);
    this.quirks = quirks;
    this.#c = psa;
    this.#log = log;
    this.#write = logWriter(log);
  }

  get #old(): boolean {
    return this.quirks === 'nrf-softsim-3.2';
  }

  #err(msg: string): void {
    this.#write('err', M, msg);
  }

  /**
   * Whether debug lines of this module are printed (`CONFIG_SOFTSIM_NRF_DEBUG_LOGS`). Hot paths
   * test it before building a message, so a filtered-out line costs no string.
   */
  get #debug(): boolean {
    return this.#log.enabled('dbg', M);
  }

  #dbg(func: string, msg: string): void {
    this.#write('dbg', M, msg, func);
  }

  /**
   * `ss_utils_setup_key(key_len, key, key_id)`: imports K (10), KIC (11) or KID (12) as a
   * persistent AES-128 key with its policy, destroying an existing one first. Returns 0 in
   * `'nrf-softsim-3.2'` whatever happened (the helper's result is discarded); the status in `'fixed'`.
   */
  ss_utils_setup_key(key: Uint8Array, keyId: number): number {
    abytes('key', key, KMU_KEY_SIZE);
    this.calls.setupKey++;
    const f = 'ss_utils_setup_key';
    if (this.#debug) this.#dbg(f, `Provisioning key ${keyId}...`);
    const status = this.#c.psa_crypto_init();
    if (status !== PSA_SUCCESS) {
      this.#err(`Failed to initialize PSA crypto library. ${status}`);
      return this.#old ? -1 : status;
    }
    this.#dbg(f, 'PSA crypto library initialized successfully.');
    let rc: number;
    switch (keyId) {
      case KEY_ID.KI: // K: MILENAGE only encrypts.
        rc = this.#setupKeyHelper(key, keyId, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CBC_NO_PADDING);
        break;
      case KEY_ID.KIC: // KIC: OTA encrypt and decrypt.
        rc = this.#setupKeyHelper(
          key,
          keyId,
          PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT,
          PSA_ALG_CBC_NO_PADDING,
        );
        break;
      case KEY_ID.KID: // KID: OTA CMAC only.
        rc = this.#setupKeyHelper(key, keyId, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_CMAC);
        break;
      default:
        this.#err(`Unknown key id: ${keyId}`);
        return -1;
    }
    if (this.#old) rc = 0; // 47fb6b9: the helper's return value is discarded.
    if (rc === 0 && this.#debug) this.#dbg(f, `Key ${keyId} setup successfully`);
    return rc;
  }

  #setupKeyHelper(key: Uint8Array, keyId: number, usage: number, alg: number): number {
    const c = this.#c;
    const f = 'ss_utils_setup_key_helper';
    // Does it exist already? Then destroy it so the new one can be imported.
    const { status } = this.#old ? c.psa_open_key(keyId) : c.psa_get_key_attributes(keyId);
    const missing = this.#old ? PSA_ERROR_DOES_NOT_EXIST : PSA_ERROR_INVALID_HANDLE;
    if (status === PSA_SUCCESS) {
      if (this.#debug) this.#dbg(f, `Key ${keyId} already exists, destroying it before import`);
      const d = c.psa_destroy_key(keyId);
      if (d !== PSA_SUCCESS) {
        this.#err(`Failed to destroy a persistent key, ERR: ${d}`);
        return this.#old ? -1 : d;
      }
    } else if (status === missing) {
      if (this.#debug) this.#dbg(f, `Key ${keyId} does not exist, proceeding to import`);
    } else {
      this.#err(`Failed to ${this.#old ? 'open' : 'query'} a persistent key, ERR: ${status}`);
      return this.#old ? -1 : status;
    }
    const attr = c.psa_key_attributes_init();
    c.psa_set_key_usage_flags(attr, usage);
    c.psa_set_key_algorithm(attr, alg);
    c.psa_set_key_type(attr, PSA_KEY_TYPE_AES);
    c.psa_set_key_bits(attr, 128);
    c.psa_set_key_lifetime(attr, PSA_KEY_LIFETIME_PERSISTENT);
    c.psa_set_key_id(attr, keyId);
    const imported = c.psa_import_key(attr, key).status;
    c.psa_reset_key_attributes(attr);
    if (imported !== PSA_SUCCESS) {
      this.#err(`Failed to import key, ERR: ${imported}`);
      return this.#old ? -1 : imported;
    }
    return 0;
  }

  /**
   * `ss_utils_check_key_existence(key_id)`: 1 if the key exists, 0 if not. On any other status:
   * −1 in `'nrf-softsim-3.2'` (which C callers then treat as true), the status in `'fixed'`.
   */
  ss_utils_check_key_existence(keyId: number): number {
    this.calls.checkKeyExistence++;
    const f = 'ss_utils_check_key_existence';
    const c = this.#c;
    let status: number;
    if (this.#old) {
      status = c.psa_open_key(keyId).status;
    } else {
      const r = c.psa_get_key_attributes(keyId);
      c.psa_reset_key_attributes(r.attributes);
      status = r.status;
    }
    if (status === (this.#old ? PSA_ERROR_DOES_NOT_EXIST : PSA_ERROR_INVALID_HANDLE)) {
      if (this.#debug) this.#dbg(f, `Key ${keyId} does not exist`);
      return 0;
    }
    if (status !== PSA_SUCCESS) {
      this.#err(`Failed to ${this.#old ? 'open' : 'query'} key ${keyId}, error: ${status}`);
      return this.#old ? -1 : status;
    }
    if (this.#debug) this.#dbg(f, `Key ${keyId} exists`);
    return 1;
  }

  /**
   * `ss_utils_aes_encrypt(buffer, buffer_len, key, key_len)`: AES-CBC with a zero IV, in place,
   * with the PSA key the tag `key[0]` selects. On error the buffer is left as it was.
   */
  ss_utils_aes_encrypt(buffer: Uint8Array, key: Uint8Array): number {
    this.calls.aesEncrypt++;
    return this.#aes('encrypt', buffer, key);
  }

  /** `ss_utils_aes_decrypt(buffer, buffer_len, key, key_len)`: as {@link ss_utils_aes_encrypt}, decrypting. */
  ss_utils_aes_decrypt(buffer: Uint8Array, key: Uint8Array): number {
    this.calls.aesDecrypt++;
    return this.#aes('decrypt', buffer, key);
  }

  /**
   * `aes_128_encrypt_block(key, in, out)` (onomondo-uicc `crypto/aes-encblock.c`): copies `input`,
   * encrypts the copy in place with {@link ss_utils_aes_encrypt} and copies it to `out`. Returns 0
   * in `'nrf-softsim-3.2'` (the C function cannot see the hook fail: `out` is then `input`), the
   * hook's status in `'fixed'` (`out` untouched on error).
   */
  aes_128_encrypt_block(key: Uint8Array, input: Uint8Array, out: Uint8Array): number {
    abytes('input', input, AES_BLOCKSIZE);
    abytes('out', out, AES_BLOCKSIZE);
    // The C function's local copy: `in` is const, and 'fixed' leaves `out` untouched on error.
    const copy = input.slice();
    try {
      const rc = this.ss_utils_aes_encrypt(copy, key);
      if (this.#old || rc === 0) out.set(copy);
      return this.#old ? 0 : rc;
    } finally {
      wipe(copy);
    }
  }

  #aes(dir: 'encrypt' | 'decrypt', buffer: Uint8Array, key: Uint8Array): number {
    abytes('buffer', buffer);
    abytes('key', key);
    if (key.length === 0) throw new RangeError('key must hold at least the tag byte');
    const c = this.#c;
    const f = dir === 'encrypt' ? 'ss_utils_aes_encrypt' : 'ss_utils_aes_decrypt';
    const slot = keyIdToKmuSlot(key[0]!);
    if (this.#debug) {
      this.#dbg(
        f,
        dir === 'encrypt' ? `AES encrypt to key id: ${slot}` : `AES decrypt: resolved to key id: ${slot}`,
      );
    }
    if (slot === KEY_ID.UNKNOWN) {
      // 47fb6b9's encrypt path uses printk here (no newline, no log prefix).
      if (this.#old && dir === 'encrypt') this.#log.printk(`Unknown key id: ${key[0]}`);
      else this.#err(`Unknown key id: ${key[0]}`);
      return -EINVAL;
    }
    if (this.#old) {
      const { status } = c.psa_open_key(slot);
      if (status !== PSA_SUCCESS) {
        // 47fb6b9: both paths print the decrypt label (copy-paste; reference/softsim.md §1.4).
        this.#err(`ss_utils_aes_decrypt: psa_open_key failed! (Error: ${status})`);
        return status;
      }
    }
    const op = c.psa_cipher_operation_init();
    const output = this.#old ? this.#shared : new Uint8Array(buffer.length);
    try {
      let status =
        dir === 'encrypt'
          ? c.psa_cipher_encrypt_setup(op, slot, PSA_ALG_CBC_NO_PADDING)
          : c.psa_cipher_decrypt_setup(op, slot, PSA_ALG_CBC_NO_PADDING);
      if (status !== PSA_SUCCESS) return this.#fail(f, `psa_cipher_${dir}_setup`, status);
      status = c.psa_cipher_set_iv(op, ZERO_IV); // "per standards in telco"
      if (status !== PSA_SUCCESS && !this.#old) return this.#fail(f, 'psa_cipher_set_iv', status);
      const r = this.#cipherParts(op, buffer, output);
      if (r.status !== PSA_SUCCESS) return this.#fail(f, r.call, r.status);
      buffer.set(output.subarray(0, r.length));
      return 0;
    } finally {
      c.psa_cipher_abort(op);
      output.fill(0);
    }
  }

  /** `cipher_operation()`: `psa_cipher_update` in 16-byte parts into `output`, then `psa_cipher_finish`. */
  #cipherParts(
    op: PsaCipherOperation,
    input: Uint8Array,
    output: Uint8Array,
  ): { status: number; length: number; call: string } {
    const c = this.#c;
    let length = 0;
    for (let done = 0; done < input.length; done += AES_BLOCKSIZE) {
      const part = input.subarray(done, Math.min(done + AES_BLOCKSIZE, input.length));
      const r = c.psa_cipher_update(op, part, output.subarray(length));
      if (r.status !== PSA_SUCCESS) return { status: r.status, length, call: 'psa_cipher_update' };
      length += r.outputLength;
    }
    const r = c.psa_cipher_finish(op, output.subarray(length));
    if (r.status !== PSA_SUCCESS) return { status: r.status, length, call: 'psa_cipher_finish' };
    return { status: PSA_SUCCESS, length: length + r.outputLength, call: '' };
  }

  /**
   * Logs a failed PSA call: 3.2's `ASSERT_STATUS` line (its `__FILE__:__LINE__` is given as the
   * file and the failing call, since line numbers differ per version), or the fixed port's line.
   */
  #fail(func: string, call: string, status: number): number {
    if (this.#old) this.#err(`\tassertion failed at ss_crypto.c (${call}) - actual:${status} expected:0`);
    else this.#err(`${func}: ${call} failed! (Error: ${status})`);
    return status;
  }

  /**
   * `ss_utils_ota_calc_cc(cc, cc_len, key, key_len, alg, data1, data1_len, data2, data2_len)`:
   * the OTA cryptographic checksum (ETSI TS 102 225 §5.1.2) — AES-CMAC with KID (12) over
   * data1 ‖ data2, its first `cc.length` bytes written to `cc`. Only `ENC_ALGORITHM.AES_CMAC`;
   * `data1.length` must be a multiple of 16. Returns 0 or −EINVAL (−22).
   */
  ss_utils_ota_calc_cc(
    cc: Uint8Array,
    key: Uint8Array,
    alg: number,
    data1: Uint8Array,
    data2: Uint8Array,
  ): number {
    abytes('cc', cc);
    if (cc.length > 16) throw new RangeError(`cc must be at most 16 bytes long, got ${cc.length}`);
    abytes('key', key);
    anumber('alg', alg);
    abytes('data1', data1);
    abytes('data2', data2);
    if (key.length === 0) throw new RangeError('key must hold at least the tag byte');
    this.calls.otaCalcCc++;
    const c = this.#c;
    const f = 'ss_utils_ota_calc_cc';
    const slot = keyIdToKmuSlot(key[0]!);
    if (alg !== ENC_ALGORITHM.AES_CMAC) {
      if (this.#debug) this.#dbg(f, `Only AES_CMAC supported, supplied alg: ${alg}`);
      return -EINVAL;
    }
    if (this.#debug) this.#dbg(f, `CMAC key resolved to: ${slot}`);
    if (slot !== KEY_ID.KID) {
      this.#err(`Unknown key id: ${key[0]}`);
      return -EINVAL;
    }
    if (this.#old) {
      const { status } = c.psa_open_key(slot);
      if (status !== PSA_SUCCESS) {
        this.#err(`psa_open_key failed! (Error: ${status})`);
        return -EINVAL;
      }
    } else if (data1.length % AES_BLOCKSIZE !== 0) {
      // 3.2 only asserts this (__ASSERT_NO_MSG, compiled out): the tail of data1 is dropped.
      this.#err(`${f}: data1 length ${data1.length} is not a multiple of ${AES_BLOCKSIZE}`);
      return -EINVAL;
    }
    const unused = c.psa_mac_operation_init(); // 47fb6b9 aborts this one, never the one it used.
    const op = c.psa_mac_operation_init();
    const mac = new Uint8Array(16);
    let status = c.psa_mac_sign_setup(op, slot, PSA_ALG_CMAC);
    try {
      if (status !== PSA_SUCCESS && !this.#old) return this.#ccFail(f, 'psa_mac_sign_setup', status);
      // data1 in whole blocks; the setup status above is overwritten unchecked in 3.2, as in C.
      for (let i = 0; i + AES_BLOCKSIZE <= data1.length; i += AES_BLOCKSIZE) {
        status = c.psa_mac_update(op, data1.subarray(i, i + AES_BLOCKSIZE));
        if (status !== PSA_SUCCESS) return this.#ccFail(f, 'psa_mac_update', status);
      }
      let done = 0;
      while (data2.length - done > AES_BLOCKSIZE) {
        status = c.psa_mac_update(op, data2.subarray(done, done + AES_BLOCKSIZE));
        if (status !== PSA_SUCCESS) return this.#ccFail(f, 'psa_mac_update', status);
        done += AES_BLOCKSIZE;
      }
      status = c.psa_mac_update(op, data2.subarray(done));
      if (status !== PSA_SUCCESS) return this.#ccFail(f, 'psa_mac_update', status);
      const r = c.psa_mac_sign_finish(op, mac);
      if (r.status !== PSA_SUCCESS) return this.#ccFail(f, 'psa_mac_sign_finish', r.status);
      cc.set(mac.subarray(0, cc.length));
      return 0;
    } finally {
      c.psa_mac_abort(this.#old ? unused : op);
      wipe(mac);
    }
  }

  #ccFail(func: string, call: string, status: number): number {
    this.#fail(func, call, status);
    return -EINVAL;
  }

  /**
   * `ss_utils_3des_encrypt/decrypt`: empty stubs in nrf-softsim ("We have dropped 3DES support"),
   * so the buffer stays plaintext and 0 is returned; `'fixed'` refuses with PSA_ERROR_NOT_SUPPORTED.
   */
  ss_utils_3des_encrypt(buffer: Uint8Array, key: Uint8Array): number {
    return this.#des('ss_utils_3des_encrypt', buffer, key);
  }

  /** See {@link ss_utils_3des_encrypt}. */
  ss_utils_3des_decrypt(buffer: Uint8Array, key: Uint8Array): number {
    return this.#des('ss_utils_3des_decrypt', buffer, key);
  }

  #des(func: string, buffer: Uint8Array, key: Uint8Array): number {
    abytes('buffer', buffer);
    abytes('key', key);
    if (this.#old) return 0;
    this.#err(`${func}: 3DES is not supported by this port`);
    return PSA_ERROR_NOT_SUPPORTED;
  }
}
