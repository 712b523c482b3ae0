/**
 * Key policies: /tmp/psa-core-notes.md §3 — `psa_validate_key_policy` (creation),
 * `psa_get_and_lock_key_slot_with_policy` (usage before algorithm, wildcard request),
 * `psa_key_algorithm_permits` (MAC truncation rules, alg2) and
 * `psa_key_policy_algorithm_intersection` / `psa_restrict_key_policy` (copy), all in `library/psa_crypto.c`.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  PSA_ALG_ANY_HASH,
  PSA_ALG_AT_LEAST_THIS_LENGTH_MAC,
  PSA_ALG_CBC_NO_PADDING,
  PSA_ALG_CBC_PKCS7,
  PSA_ALG_CMAC,
  PSA_ALG_CTR,
  PSA_ALG_ECB_NO_PADDING,
  PSA_ALG_HMAC,
  PSA_ALG_SHA_1,
  PSA_ALG_SHA_256,
  PSA_ALG_TRUNCATED_MAC,
  PSA_ERROR_INVALID_ARGUMENT,
  PSA_ERROR_NOT_PERMITTED,
  PSA_ERROR_NOT_SUPPORTED,
  PSA_KEY_TYPE_HMAC,
  PSA_KEY_USAGE_CACHE,
  PSA_KEY_USAGE_COPY,
  PSA_KEY_USAGE_DECRYPT,
  PSA_KEY_USAGE_DERIVE,
  PSA_KEY_USAGE_ENCRYPT,
  PSA_KEY_USAGE_EXPORT,
  PSA_KEY_USAGE_SIGN_HASH,
  PSA_KEY_USAGE_SIGN_MESSAGE,
  PSA_KEY_USAGE_VERIFY_DERIVATION,
  PSA_KEY_USAGE_VERIFY_HASH,
  PSA_KEY_USAGE_VERIFY_MESSAGE,
  PSA_SUCCESS,
  type Psa,
} from '../../src/index.js';
import { AES128, attrs, CORES, importOk, newPsa, seq } from './helpers.js';

const HMAC256 = PSA_ALG_HMAC(PSA_ALG_SHA_256);
const SIGN_VERIFY = PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE;
const ENC_DEC = PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT;
const HMAC_KEY = seq(32, 0x40);

describe.each(CORES)('key policies (psa_crypto.c) (%s)', (core) => {
  let psa: Psa;
  beforeEach(() => {
    psa = newPsa(core);
  });
  const macStatus = (key: number, alg: number): number =>
    psa.cSync.psa_mac_compute(key, alg, seq(5), new Uint8Array(64)).status;
  const encStatus = (key: number, alg: number): number =>
    psa.cSync.psa_cipher_encrypt(key, alg, seq(16), new Uint8Array(64)).status;

  describe('at creation (psa_validate_key_policy): usage bits only', () => {
    it('CACHE usage → INVALID_ARGUMENT; an undefined bit → INVALID_ARGUMENT', () => {
      expect(psa.cSync.psa_import_key(attrs({ usage: PSA_KEY_USAGE_CACHE }), AES128)).toEqual({
        status: PSA_ERROR_INVALID_ARGUMENT,
        key: 0,
      });
      expect(
        psa.cSync.psa_import_key(attrs({ usage: (PSA_KEY_USAGE_EXPORT | 0x80000000) >>> 0 }), AES128).status,
      ).toBe(PSA_ERROR_INVALID_ARGUMENT);
      expect(psa.cSync.psa_generate_key(attrs({ bits: 128, usage: PSA_KEY_USAGE_CACHE })).status).toBe(
        PSA_ERROR_INVALID_ARGUMENT,
      );
    });

    it('every defined usage bit together → SUCCESS', () => {
      const all =
        PSA_KEY_USAGE_EXPORT |
        PSA_KEY_USAGE_COPY |
        ENC_DEC |
        SIGN_VERIFY |
        PSA_KEY_USAGE_SIGN_HASH |
        PSA_KEY_USAGE_VERIFY_HASH |
        PSA_KEY_USAGE_DERIVE |
        PSA_KEY_USAGE_VERIFY_DERIVATION;
      const k = importOk(psa, attrs({ usage: all }), AES128);
      expect(psa.cSync.psa_get_key_attributes(k).attributes.usage).toBe(all);
    });

    it('the algorithm is never checked: mismatched, 0 and wildcard policies are all accepted', () => {
      for (const [type, alg, data] of [
        [PSA_KEY_TYPE_HMAC, PSA_ALG_CBC_NO_PADDING, HMAC_KEY],
        [undefined, HMAC256, AES128],
        [undefined, 0, AES128],
        [undefined, PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(PSA_ALG_CMAC, 8), AES128],
        [undefined, PSA_ALG_ANY_HASH, AES128],
        [undefined, 0xffffffff, AES128],
      ] as const) {
        expect(psa.cSync.psa_import_key(attrs({ type, alg, usage: ENC_DEC }), data).status).toBe(PSA_SUCCESS);
      }
    });

    it('…errors appear on use: CBC on an HMAC key → NOT_SUPPORTED; HMAC on an AES key → INVALID_ARGUMENT', () => {
      const h = importOk(
        psa,
        attrs({ type: PSA_KEY_TYPE_HMAC, usage: ENC_DEC, alg: PSA_ALG_CBC_NO_PADDING }),
        HMAC_KEY,
      );
      expect(encStatus(h, PSA_ALG_CBC_NO_PADDING)).toBe(PSA_ERROR_NOT_SUPPORTED);
      const a = importOk(psa, attrs({ usage: SIGN_VERIFY, alg: HMAC256 }), AES128);
      expect(macStatus(a, HMAC256)).toBe(PSA_ERROR_INVALID_ARGUMENT);
      expect(psa.cSync.psa_mac_verify(a, HMAC256, seq(5), new Uint8Array(32))).toBe(
        PSA_ERROR_INVALID_ARGUMENT,
      );
      const z = importOk(psa, attrs({ usage: ENC_DEC, alg: 0 }), AES128);
      expect(encStatus(z, PSA_ALG_CTR)).toBe(PSA_ERROR_NOT_PERMITTED);
    });
  });

  describe('on use (psa_get_and_lock_key_slot_with_policy): usage before algorithm', () => {
    it('NOT_PERMITTED for the usage — even with a wildcard or mismatched algorithm', () => {
      const k = importOk(psa, attrs({ usage: PSA_KEY_USAGE_DECRYPT, alg: PSA_ALG_CBC_NO_PADDING }), AES128);
      expect(encStatus(k, PSA_ALG_CBC_NO_PADDING)).toBe(PSA_ERROR_NOT_PERMITTED);
      expect(encStatus(k, PSA_ALG_CTR)).toBe(PSA_ERROR_NOT_PERMITTED);
      const m = importOk(psa, attrs({ usage: PSA_KEY_USAGE_VERIFY_MESSAGE, alg: PSA_ALG_CMAC }), AES128);
      expect(macStatus(m, PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(PSA_ALG_CMAC, 8))).toBe(PSA_ERROR_NOT_PERMITTED);
    });

    it('usage present + wildcard request → INVALID_ARGUMENT (even when the policy is that wildcard)', () => {
      const wild = PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(PSA_ALG_CMAC, 8);
      const m = importOk(psa, attrs({ usage: SIGN_VERIFY, alg: wild }), AES128);
      expect(macStatus(m, wild)).toBe(PSA_ERROR_INVALID_ARGUMENT);
      expect(psa.cSync.psa_mac_verify(m, wild, seq(5), new Uint8Array(16))).toBe(PSA_ERROR_INVALID_ARGUMENT);
    });

    it('usage present + algorithm not permitted → NOT_PERMITTED; no cipher wildcards', () => {
      const k = importOk(psa, attrs({ usage: PSA_KEY_USAGE_ENCRYPT, alg: PSA_ALG_CBC_NO_PADDING }), AES128);
      for (const alg of [PSA_ALG_CBC_PKCS7, PSA_ALG_ECB_NO_PADDING, PSA_ALG_CTR]) {
        expect(encStatus(k, alg)).toBe(PSA_ERROR_NOT_PERMITTED);
      }
      expect(encStatus(k, PSA_ALG_CBC_NO_PADDING)).toBe(PSA_SUCCESS);
    });

    it('alg2 permits a second algorithm', () => {
      const k = importOk(
        psa,
        attrs({ usage: PSA_KEY_USAGE_ENCRYPT, alg: PSA_ALG_CBC_NO_PADDING, alg2: PSA_ALG_CTR }),
        AES128,
      );
      expect(encStatus(k, PSA_ALG_CBC_NO_PADDING)).toBe(PSA_SUCCESS);
      expect(encStatus(k, PSA_ALG_CTR)).toBe(PSA_SUCCESS);
      expect(encStatus(k, PSA_ALG_ECB_NO_PADDING)).toBe(PSA_ERROR_NOT_PERMITTED);
    });

    it('SIGN_HASH set through psa_set_key_usage_flags carries SIGN_MESSAGE; VERIFY needs VERIFY_MESSAGE', () => {
      const k = importOk(psa, attrs({ usage: PSA_KEY_USAGE_SIGN_HASH, alg: PSA_ALG_CMAC }), AES128);
      expect(macStatus(k, PSA_ALG_CMAC)).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_mac_verify(k, PSA_ALG_CMAC, seq(5), new Uint8Array(16))).toBe(
        PSA_ERROR_NOT_PERMITTED,
      );
    });
  });

  describe('MAC rules (psa_key_algorithm_permits)', () => {
    let hmacKey: (alg: number) => number;
    beforeEach(() => {
      hmacKey = (alg) => importOk(psa, attrs({ type: PSA_KEY_TYPE_HMAC, usage: SIGN_VERIFY, alg }), HMAC_KEY);
    });

    it('untruncated policy: the explicit full-length truncation is permitted, a shorter one is not', () => {
      const k = hmacKey(HMAC256);
      const out = new Uint8Array(64);
      expect(psa.cSync.psa_mac_compute(k, PSA_ALG_TRUNCATED_MAC(HMAC256, 32), seq(5), out)).toEqual({
        status: PSA_SUCCESS,
        macLength: 32,
      });
      expect(macStatus(k, PSA_ALG_TRUNCATED_MAC(HMAC256, 16))).toBe(PSA_ERROR_NOT_PERMITTED);
      expect(macStatus(k, PSA_ALG_HMAC(PSA_ALG_SHA_1))).toBe(PSA_ERROR_NOT_PERMITTED);
    });

    it('policy truncated to the full length permits the untruncated alg', () => {
      const k = importOk(
        psa,
        attrs({ usage: SIGN_VERIFY, alg: PSA_ALG_TRUNCATED_MAC(PSA_ALG_CMAC, 16) }),
        AES128,
      );
      expect(macStatus(k, PSA_ALG_CMAC)).toBe(PSA_SUCCESS);
    });

    it('exact truncation: only that length', () => {
      const k = importOk(
        psa,
        attrs({ usage: SIGN_VERIFY, alg: PSA_ALG_TRUNCATED_MAC(PSA_ALG_CMAC, 8) }),
        AES128,
      );
      expect(macStatus(k, PSA_ALG_TRUNCATED_MAC(PSA_ALG_CMAC, 8))).toBe(PSA_SUCCESS);
      expect(macStatus(k, PSA_ALG_CMAC)).toBe(PSA_ERROR_NOT_PERMITTED);
      expect(macStatus(k, PSA_ALG_TRUNCATED_MAC(PSA_ALG_CMAC, 10))).toBe(PSA_ERROR_NOT_PERMITTED);
    });

    it('AT_LEAST_THIS_LENGTH policy: any length ≥ the minimum, including untruncated', () => {
      const k = hmacKey(PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(HMAC256, 10));
      for (const n of [10, 20, 32]) expect(macStatus(k, PSA_ALG_TRUNCATED_MAC(HMAC256, n))).toBe(PSA_SUCCESS);
      expect(macStatus(k, HMAC256)).toBe(PSA_SUCCESS);
      expect(macStatus(k, PSA_ALG_TRUNCATED_MAC(HMAC256, 9))).toBe(PSA_ERROR_NOT_PERMITTED);
    });

    it('the policy must fit the key type (psa_mac_key_can_do): HMAC policy on an AES key permits no variant', () => {
      const k = importOk(psa, attrs({ usage: SIGN_VERIFY, alg: HMAC256 }), AES128);
      expect(macStatus(k, PSA_ALG_TRUNCATED_MAC(HMAC256, 32))).toBe(PSA_ERROR_NOT_PERMITTED);
      expect(macStatus(k, HMAC256)).toBe(PSA_ERROR_INVALID_ARGUMENT); // equal → permitted, then finalize fails
    });
  });

  describe('copy: policy intersection (psa_key_policy_algorithm_intersection)', () => {
    const copyAlg = (srcAlg: number, targetAlg: number, aes = false): { status: number; alg: number } => {
      const src = aes
        ? importOk(psa, attrs({ usage: PSA_KEY_USAGE_COPY | SIGN_VERIFY, alg: srcAlg }), AES128)
        : importOk(
            psa,
            attrs({ type: PSA_KEY_TYPE_HMAC, usage: PSA_KEY_USAGE_COPY | SIGN_VERIFY, alg: srcAlg }),
            HMAC_KEY,
          );
      const r = psa.cSync.psa_copy_key(src, attrs({ type: 0, usage: SIGN_VERIFY, alg: targetAlg }));
      return {
        status: r.status,
        alg: r.status === PSA_SUCCESS ? psa.cSync.psa_get_key_attributes(r.key).attributes.alg : 0,
      };
    };

    it('same length written differently → the explicitly truncated encoding', () => {
      expect(copyAlg(HMAC256, PSA_ALG_TRUNCATED_MAC(HMAC256, 32))).toEqual({
        status: PSA_SUCCESS,
        alg: PSA_ALG_TRUNCATED_MAC(HMAC256, 32),
      });
      expect(copyAlg(PSA_ALG_TRUNCATED_MAC(HMAC256, 32), HMAC256)).toEqual({
        status: PSA_SUCCESS,
        alg: PSA_ALG_TRUNCATED_MAC(HMAC256, 32),
      });
    });

    it('one AT_LEAST wildcard: the specific side if its length ≥ the minimum, else INVALID_ARGUMENT', () => {
      const t16 = PSA_ALG_TRUNCATED_MAC(HMAC256, 16);
      expect(copyAlg(PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(HMAC256, 10), t16)).toEqual({
        status: PSA_SUCCESS,
        alg: t16,
      });
      expect(copyAlg(t16, PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(HMAC256, 10))).toEqual({
        status: PSA_SUCCESS,
        alg: t16,
      });
      expect(copyAlg(PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(HMAC256, 20), t16).status).toBe(
        PSA_ERROR_INVALID_ARGUMENT,
      );
      expect(copyAlg(PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(PSA_ALG_CMAC, 8), PSA_ALG_CMAC, true)).toEqual({
        status: PSA_SUCCESS,
        alg: PSA_ALG_CMAC,
      });
    });

    it('two wildcards → the wildcard with the larger minimum', () => {
      expect(
        copyAlg(PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(HMAC256, 20), PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(HMAC256, 10)),
      ).toEqual({ status: PSA_SUCCESS, alg: PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(HMAC256, 20) });
    });

    it('two different exact lengths, or a policy that does not fit the key → INVALID_ARGUMENT', () => {
      expect(copyAlg(PSA_ALG_TRUNCATED_MAC(HMAC256, 16), PSA_ALG_TRUNCATED_MAC(HMAC256, 20)).status).toBe(
        PSA_ERROR_INVALID_ARGUMENT,
      );
      expect(copyAlg(HMAC256, PSA_ALG_TRUNCATED_MAC(HMAC256, 32), true).status).toBe(
        PSA_ERROR_INVALID_ARGUMENT,
      );
      expect(copyAlg(HMAC256, PSA_ALG_HMAC(PSA_ALG_SHA_1)).status).toBe(PSA_ERROR_INVALID_ARGUMENT);
    });

    it('alg2 is intersected the same way', () => {
      const src = importOk(
        psa,
        attrs({ usage: PSA_KEY_USAGE_COPY | ENC_DEC, alg: PSA_ALG_CBC_NO_PADDING, alg2: PSA_ALG_CTR }),
        AES128,
      );
      const bad = psa.cSync.psa_copy_key(
        src,
        attrs({ usage: ENC_DEC, alg: PSA_ALG_CBC_NO_PADDING, alg2: PSA_ALG_ECB_NO_PADDING }),
      );
      expect(bad.status).toBe(PSA_ERROR_INVALID_ARGUMENT);
      const ok = psa.cSync.psa_copy_key(
        src,
        attrs({ usage: ENC_DEC, alg: PSA_ALG_CBC_NO_PADDING, alg2: PSA_ALG_CTR }),
      );
      expect(ok.status).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_get_key_attributes(ok.key).attributes).toMatchObject({
        alg: PSA_ALG_CBC_NO_PADDING,
        alg2: PSA_ALG_CTR,
      });
    });
  });
});
