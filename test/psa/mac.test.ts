/**
 * The MAC API: /tmp/psa-core-notes.md §5 — `library/psa_crypto.c` `psa_mac_compute_internal`,
 * `psa_mac_finalize_alg_and_key_validation`, `psa_wipe_tag_output_buffer`, `psa_mac_setup`,
 * `psa_mac_update`, `psa_mac_sign_finish`, `psa_mac_verify_finish`, `psa_mac_abort` (Mbed TLS 3.6.5 ≡
 * Oberon core). MAC values are checked against @noble/ciphers `cmac` and @noble/hashes `hmac`.
 */
import { cmac } from '@noble/ciphers/aes.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  PSA_ALG_AT_LEAST_THIS_LENGTH_MAC,
  PSA_ALG_CBC_NO_PADDING,
  PSA_ALG_CMAC,
  PSA_ALG_HMAC,
  PSA_ALG_MD5,
  PSA_ALG_SHA_1,
  PSA_ALG_SHA_256,
  PSA_ALG_SHA3_256,
  PSA_ALG_TRUNCATED_MAC,
  PSA_ERROR_BAD_STATE,
  PSA_ERROR_BUFFER_TOO_SMALL,
  PSA_ERROR_INVALID_ARGUMENT,
  PSA_ERROR_INVALID_HANDLE,
  PSA_ERROR_INVALID_SIGNATURE,
  PSA_ERROR_NOT_PERMITTED,
  PSA_ERROR_NOT_SUPPORTED,
  PSA_KEY_TYPE_HMAC,
  PSA_KEY_USAGE_ENCRYPT,
  PSA_KEY_USAGE_SIGN_MESSAGE,
  PSA_KEY_USAGE_VERIFY_MESSAGE,
  PSA_SUCCESS,
  type Psa,
  type PsaMacOperation,
  psa_mac_operation_init,
} from '../../src/index.js';
import { AES128, attrs, CORES, filled, importOk, newPsa, seq } from './helpers.js';

const BANG = 0x21; // '!'
const HMAC256 = PSA_ALG_HMAC(PSA_ALG_SHA_256);
const SV = PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE;
const MSG = seq(45, 0x10);
const HKEY = seq(20, 0x0b);

describe.each(CORES)(
  'psa_mac_compute / psa_mac_verify (psa_crypto.c:psa_mac_compute_internal, psa_wipe_tag_output_buffer) (%s)',
  (core) => {
    let psa: Psa;
    const aesKey = (alg: number, usage = SV) => importOk(psa, attrs({ usage, alg }), AES128);
    const hmacKey = (alg: number, usage = SV, key = HKEY) =>
      importOk(psa, attrs({ type: PSA_KEY_TYPE_HMAC, usage, alg }), key);
    const compute = (key: number, alg: number, size = 64) => {
      const mac = filled(size, 0xaa);
      return { ...psa.cSync.psa_mac_compute(key, alg, MSG, mac), mac };
    };
    /** The error shape of psa_mac_compute: status, mac_length = mac_size, buffer all '!'. */
    const wiped = (status: number, size = 64) => ({ status, macLength: size, mac: filled(size, BANG) });
    beforeEach(() => {
      psa = newPsa(core);
    });

    it("success: CMAC and HMAC values; the unused tail of the buffer is filled with '!'", () => {
      const c = compute(aesKey(PSA_ALG_CMAC), PSA_ALG_CMAC, 20);
      expect(c.status).toBe(PSA_SUCCESS);
      expect(c.macLength).toBe(16);
      expect(c.mac.subarray(0, 16)).toEqual(cmac(MSG, AES128));
      expect(c.mac.subarray(16)).toEqual(filled(4, BANG));
      const h = compute(hmacKey(HMAC256), HMAC256, 32);
      expect(h).toEqual({ status: PSA_SUCCESS, macLength: 32, mac: hmac(sha256, HKEY, MSG) });
      const longKey = seq(100, 1); // longer than the SHA-1 block: hashed first (RFC 2104)
      const s = compute(hmacKey(PSA_ALG_HMAC(PSA_ALG_SHA_1), SV, longKey), PSA_ALG_HMAC(PSA_ALG_SHA_1), 20);
      expect(s.mac).toEqual(hmac(sha1, longKey, MSG));
    });

    it('truncated MACs are the leading bytes', () => {
      const t = PSA_ALG_TRUNCATED_MAC(PSA_ALG_CMAC, 8);
      const r = compute(aesKey(t), t, 8);
      expect(r).toEqual({ status: PSA_SUCCESS, macLength: 8, mac: cmac(MSG, AES128).subarray(0, 8) });
      const t4 = PSA_ALG_TRUNCATED_MAC(HMAC256, 4);
      expect(compute(hmacKey(t4), t4, 4).mac).toEqual(hmac(sha256, HKEY, MSG).subarray(0, 4));
    });

    it("key lacks SIGN_MESSAGE → NOT_PERMITTED, whole buffer '!', mac_length = mac_size", () => {
      expect(compute(aesKey(PSA_ALG_CMAC, PSA_KEY_USAGE_VERIFY_MESSAGE), PSA_ALG_CMAC)).toEqual(
        wiped(PSA_ERROR_NOT_PERMITTED),
      );
    });

    it("unknown key → INVALID_HANDLE, still '!'-filled", () => {
      expect(compute(3131, PSA_ALG_CMAC, 16)).toEqual(wiped(PSA_ERROR_INVALID_HANDLE, 16));
    });

    it('alg not a MAC but permitted by the policy → INVALID_ARGUMENT (no IS_MAC pre-check before the lookup)', () => {
      const k = aesKey(PSA_ALG_CBC_NO_PADDING);
      expect(compute(k, PSA_ALG_CBC_NO_PADDING)).toEqual(wiped(PSA_ERROR_INVALID_ARGUMENT));
      // Not permitted by the policy: the policy check answers first.
      expect(compute(aesKey(PSA_ALG_CMAC), PSA_ALG_CBC_NO_PADDING).status).toBe(PSA_ERROR_NOT_PERMITTED);
    });

    it('alg 0 → INVALID_ARGUMENT (no policy check for alg 0, then !PSA_ALG_IS_MAC)', () => {
      expect(compute(aesKey(PSA_ALG_CMAC), 0)).toEqual(wiped(PSA_ERROR_INVALID_ARGUMENT));
      expect(psa.cSync.psa_mac_verify(aesKey(PSA_ALG_CMAC), 0, MSG, seq(16))).toBe(
        PSA_ERROR_INVALID_ARGUMENT,
      );
    });

    it('key type does not fit the alg (psa_mac_key_can_do) → INVALID_ARGUMENT', () => {
      expect(compute(aesKey(HMAC256), HMAC256)).toEqual(wiped(PSA_ERROR_INVALID_ARGUMENT));
      expect(compute(hmacKey(PSA_ALG_CMAC), PSA_ALG_CMAC)).toEqual(wiped(PSA_ERROR_INVALID_ARGUMENT));
    });

    it('truncation to 1..3 bytes → NOT_SUPPORTED; beyond the full length → INVALID_ARGUMENT', () => {
      for (const n of [1, 2, 3]) {
        const t = PSA_ALG_TRUNCATED_MAC(PSA_ALG_CMAC, n);
        expect(compute(aesKey(t), t)).toEqual(wiped(PSA_ERROR_NOT_SUPPORTED));
      }
      const c17 = PSA_ALG_TRUNCATED_MAC(PSA_ALG_CMAC, 17);
      expect(compute(aesKey(c17), c17)).toEqual(wiped(PSA_ERROR_INVALID_ARGUMENT));
      const h33 = PSA_ALG_TRUNCATED_MAC(HMAC256, 33);
      expect(compute(hmacKey(h33), h33).status).toBe(PSA_ERROR_INVALID_ARGUMENT);
      expect(psa.cSync.psa_mac_verify(hmacKey(h33), h33, MSG, seq(33))).toBe(PSA_ERROR_INVALID_ARGUMENT);
    });

    it('AT_LEAST_THIS_LENGTH alg requested → INVALID_ARGUMENT', () => {
      const w = PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(PSA_ALG_CMAC, 8);
      expect(compute(aesKey(w), w)).toEqual(wiped(PSA_ERROR_INVALID_ARGUMENT));
    });

    it('a hash that is not built (MD5, SHA3-256) → NOT_SUPPORTED', () => {
      for (const h of [PSA_ALG_MD5, PSA_ALG_SHA3_256]) {
        const alg = PSA_ALG_HMAC(h);
        expect(compute(hmacKey(alg), alg)).toEqual(wiped(PSA_ERROR_NOT_SUPPORTED));
      }
    });

    it('mac_size is checked before the driver: HMAC over an unbuilt hash with a short buffer → BUFFER_TOO_SMALL', () => {
      // psa_mac_compute_internal: finalize_alg_and_key_validation, then mac_size < operation_mac_size,
      // then the driver (NOT_SUPPORTED). PSA_MAC_LENGTH(HMAC-SHA3-256) = 32. Real Mbed TLS 2.28 (which
      // lacks SHA3 too) answers -138 for a 31-byte buffer and -134 for 32 bytes.
      const alg = PSA_ALG_HMAC(PSA_ALG_SHA3_256);
      const k = hmacKey(alg);
      expect(compute(k, alg, 31)).toEqual(wiped(PSA_ERROR_BUFFER_TOO_SMALL, 31));
      expect(compute(k, alg, 32)).toEqual(wiped(PSA_ERROR_NOT_SUPPORTED, 32));
      // The multipart setup has no buffer yet: the driver answers.
      expect(psa.cSync.psa_mac_sign_setup(psa_mac_operation_init(), k, alg)).toBe(PSA_ERROR_NOT_SUPPORTED);
      expect(psa.cSync.psa_mac_verify(k, alg, MSG, seq(32))).toBe(PSA_ERROR_NOT_SUPPORTED);
    });

    it("mac_size < MAC length → BUFFER_TOO_SMALL, '!' fill, mac_length = mac_size", () => {
      expect(compute(aesKey(PSA_ALG_CMAC), PSA_ALG_CMAC, 15)).toEqual(wiped(PSA_ERROR_BUFFER_TOO_SMALL, 15));
      expect(compute(aesKey(PSA_ALG_CMAC), PSA_ALG_CMAC, 0)).toEqual(wiped(PSA_ERROR_BUFFER_TOO_SMALL, 0));
    });

    it('psa_mac_verify: right MAC → SUCCESS; wrong length or value → INVALID_SIGNATURE', () => {
      const k = aesKey(PSA_ALG_CMAC);
      const good = cmac(MSG, AES128);
      expect(psa.cSync.psa_mac_verify(k, PSA_ALG_CMAC, MSG, good)).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_mac_verify(k, PSA_ALG_CMAC, MSG, good.subarray(0, 15))).toBe(
        PSA_ERROR_INVALID_SIGNATURE,
      );
      expect(psa.cSync.psa_mac_verify(k, PSA_ALG_CMAC, MSG, new Uint8Array([...good, 0]))).toBe(
        PSA_ERROR_INVALID_SIGNATURE,
      );
      expect(psa.cSync.psa_mac_verify(k, PSA_ALG_CMAC, MSG, new Uint8Array(0))).toBe(
        PSA_ERROR_INVALID_SIGNATURE,
      );
      const flipped = good.slice();
      flipped[15]! ^= 1;
      expect(psa.cSync.psa_mac_verify(k, PSA_ALG_CMAC, MSG, flipped)).toBe(PSA_ERROR_INVALID_SIGNATURE);
      const t = PSA_ALG_TRUNCATED_MAC(HMAC256, 10);
      const tk = hmacKey(t);
      expect(psa.cSync.psa_mac_verify(tk, t, MSG, hmac(sha256, HKEY, MSG).subarray(0, 10))).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_mac_verify(tk, t, MSG, hmac(sha256, HKEY, MSG))).toBe(PSA_ERROR_INVALID_SIGNATURE);
    });

    it('psa_mac_verify needs VERIFY_MESSAGE (NOT_PERMITTED), ENCRYPT is not enough', () => {
      const k = aesKey(PSA_ALG_CMAC, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_ENCRYPT);
      expect(psa.cSync.psa_mac_verify(k, PSA_ALG_CMAC, MSG, cmac(MSG, AES128))).toBe(PSA_ERROR_NOT_PERMITTED);
    });
  },
);

describe.each(CORES)(
  'multipart MAC (psa_crypto.c:psa_mac_setup/_update/_sign_finish/_verify_finish/_abort) (%s)',
  (core) => {
    let psa: Psa;
    let key: number;
    let op: PsaMacOperation;
    const expected = () => cmac(MSG, AES128);
    const signOp = (): PsaMacOperation => {
      const o = psa_mac_operation_init();
      expect(psa.cSync.psa_mac_sign_setup(o, key, PSA_ALG_CMAC)).toBe(PSA_SUCCESS);
      return o;
    };
    const verifyOp = (): PsaMacOperation => {
      const o = psa_mac_operation_init();
      expect(psa.cSync.psa_mac_verify_setup(o, key, PSA_ALG_CMAC)).toBe(PSA_SUCCESS);
      return o;
    };
    beforeEach(() => {
      psa = newPsa(core);
      key = importOk(psa, attrs({ usage: SV, alg: PSA_ALG_CMAC }), AES128);
      op = psa_mac_operation_init();
    });

    it("sign: setup/update/finish equals the one-shot MAC; tail '!'-filled", () => {
      op = signOp();
      expect(psa.cSync.psa_mac_update(op, MSG.subarray(0, 7))).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_mac_update(op, new Uint8Array(0))).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_mac_update(op, MSG.subarray(7))).toBe(PSA_SUCCESS);
      const mac = filled(18, 0);
      expect(psa.cSync.psa_mac_sign_finish(op, mac)).toEqual({ status: PSA_SUCCESS, macLength: 16 });
      expect(mac.subarray(0, 16)).toEqual(expected());
      expect(mac.subarray(16)).toEqual(filled(2, BANG));
      expect(op.active).toBe(false);
    });

    it('verify: right → SUCCESS; wrong length / value → INVALID_SIGNATURE; always ends the operation', () => {
      for (const [mac, status] of [
        [expected(), PSA_SUCCESS],
        [expected().subarray(0, 8), PSA_ERROR_INVALID_SIGNATURE],
        [seq(16), PSA_ERROR_INVALID_SIGNATURE],
      ] as const) {
        op = verifyOp();
        psa.cSync.psa_mac_update(op, MSG);
        expect(psa.cSync.psa_mac_verify_finish(op, mac)).toBe(status);
        expect(op.active).toBe(false);
      }
    });

    it('setup on an active operation → BAD_STATE, and the active operation is aborted', () => {
      op = signOp();
      expect(psa.cSync.psa_mac_sign_setup(op, key, PSA_ALG_CMAC)).toBe(PSA_ERROR_BAD_STATE);
      expect(op.active).toBe(false);
      expect(psa.cSync.psa_mac_update(op, MSG)).toBe(PSA_ERROR_BAD_STATE);
      op = verifyOp();
      expect(psa.cSync.psa_mac_sign_setup(op, key, PSA_ALG_CMAC)).toBe(PSA_ERROR_BAD_STATE);
      expect(op.active).toBe(false);
    });

    it('setup errors leave the operation inactive', () => {
      const noVerify = importOk(psa, attrs({ usage: PSA_KEY_USAGE_SIGN_MESSAGE, alg: PSA_ALG_CMAC }), AES128);
      expect(psa.cSync.psa_mac_verify_setup(op, noVerify, PSA_ALG_CMAC)).toBe(PSA_ERROR_NOT_PERMITTED);
      expect(psa.cSync.psa_mac_sign_setup(op, 777, PSA_ALG_CMAC)).toBe(PSA_ERROR_INVALID_HANDLE);
      const t2 = PSA_ALG_TRUNCATED_MAC(PSA_ALG_CMAC, 2);
      const k2 = importOk(psa, attrs({ usage: SV, alg: t2 }), AES128);
      expect(psa.cSync.psa_mac_sign_setup(op, k2, t2)).toBe(PSA_ERROR_NOT_SUPPORTED);
      expect(op.active).toBe(false);
    });

    it("sign_finish on a verify operation → BAD_STATE, '!' fill, mac_length = mac_size, operation aborted", () => {
      op = verifyOp();
      psa.cSync.psa_mac_update(op, MSG);
      const mac = filled(16, 0);
      expect(psa.cSync.psa_mac_sign_finish(op, mac)).toEqual({ status: PSA_ERROR_BAD_STATE, macLength: 16 });
      expect(mac).toEqual(filled(16, BANG));
      expect(op.active).toBe(false);
      expect(psa.cSync.psa_mac_verify_finish(op, expected())).toBe(PSA_ERROR_BAD_STATE);
    });

    it('verify_finish on a sign operation → BAD_STATE, operation aborted', () => {
      op = signOp();
      psa.cSync.psa_mac_update(op, MSG);
      expect(psa.cSync.psa_mac_verify_finish(op, expected())).toBe(PSA_ERROR_BAD_STATE);
      expect(op.active).toBe(false);
      expect(psa.cSync.psa_mac_sign_finish(op, new Uint8Array(16)).status).toBe(PSA_ERROR_BAD_STATE);
    });

    it("sign_finish with a buffer smaller than the MAC → BUFFER_TOO_SMALL, '!' fill, aborted", () => {
      op = signOp();
      const mac = filled(15, 0);
      expect(psa.cSync.psa_mac_sign_finish(op, mac)).toEqual({
        status: PSA_ERROR_BUFFER_TOO_SMALL,
        macLength: 15,
      });
      expect(mac).toEqual(filled(15, BANG));
      expect(op.active).toBe(false);
    });

    it("calls on an inactive operation → BAD_STATE (sign_finish still '!'-fills); abort is idempotent", () => {
      expect(psa.cSync.psa_mac_update(op, MSG)).toBe(PSA_ERROR_BAD_STATE);
      const mac = filled(4, 0);
      expect(psa.cSync.psa_mac_sign_finish(op, mac)).toEqual({ status: PSA_ERROR_BAD_STATE, macLength: 4 });
      expect(mac).toEqual(filled(4, BANG));
      expect(psa.cSync.psa_mac_verify_finish(op, expected())).toBe(PSA_ERROR_BAD_STATE);
      expect(psa.cSync.psa_mac_abort(op)).toBe(PSA_SUCCESS);
      op = signOp();
      expect(psa.cSync.psa_mac_abort(op)).toBe(PSA_SUCCESS);
      expect(op.active).toBe(false);
      expect(psa.cSync.psa_mac_abort(op)).toBe(PSA_SUCCESS);
    });

    it('a truncated multipart MAC has the truncated length; verify requires exactly that length', () => {
      const t = PSA_ALG_TRUNCATED_MAC(HMAC256, 12);
      const hk = importOk(psa, attrs({ type: PSA_KEY_TYPE_HMAC, usage: SV, alg: t }), HKEY);
      expect(psa.cSync.psa_mac_sign_setup(op, hk, t)).toBe(PSA_SUCCESS);
      psa.cSync.psa_mac_update(op, MSG);
      const mac = new Uint8Array(32);
      expect(psa.cSync.psa_mac_sign_finish(op, mac)).toEqual({ status: PSA_SUCCESS, macLength: 12 });
      expect(mac.subarray(0, 12)).toEqual(hmac(sha256, HKEY, MSG).subarray(0, 12));
      expect(psa.cSync.psa_mac_verify_setup(op, hk, t)).toBe(PSA_SUCCESS);
      psa.cSync.psa_mac_update(op, MSG);
      expect(psa.cSync.psa_mac_verify_finish(op, mac.subarray(0, 13))).toBe(PSA_ERROR_INVALID_SIGNATURE);
    });
  },
);
