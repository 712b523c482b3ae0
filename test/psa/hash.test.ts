/**
 * The hash API: /tmp/psa-core-notes.md §6 — `library/psa_crypto.c` `psa_hash_compute`,
 * `psa_hash_compare`, `psa_hash_setup`, `_update`, `_finish`, `_verify`, `_clone`, `_abort`
 * (Mbed TLS 3.6.5 ≡ Oberon core; no init check). Digests are checked against @noble/hashes.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { sha224, sha256, sha384, sha512, sha512_224, sha512_256 } from '@noble/hashes/sha2.js';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  PSA_ALG_ANY_HASH,
  PSA_ALG_CMAC,
  PSA_ALG_CTR,
  PSA_ALG_MD5,
  PSA_ALG_RIPEMD160,
  PSA_ALG_SHA_1,
  PSA_ALG_SHA_224,
  PSA_ALG_SHA_256,
  PSA_ALG_SHA_384,
  PSA_ALG_SHA_512,
  PSA_ALG_SHA_512_224,
  PSA_ALG_SHA_512_256,
  PSA_ALG_SHA3_256,
  PSA_ERROR_BAD_STATE,
  PSA_ERROR_BUFFER_TOO_SMALL,
  PSA_ERROR_INVALID_ARGUMENT,
  PSA_ERROR_INVALID_SIGNATURE,
  PSA_ERROR_NOT_SUPPORTED,
  PSA_HASH_LENGTH,
  PSA_SUCCESS,
  type Psa,
  type PsaHashOperation,
  psa_hash_operation_init,
} from '../../src/index.js';
import { CORES, filled, newPsa, seq } from './helpers.js';

const MSG = seq(200, 3);
const D256 = sha256(MSG);

describe.each(CORES)('psa_hash_compute / psa_hash_compare (psa_crypto.c) (%s)', (core) => {
  let psa: Psa;
  beforeEach(() => {
    psa = newPsa(core, {}, false); // the hash API needs no psa_crypto_init
  });

  it.each([
    ['SHA-1', PSA_ALG_SHA_1, sha1],
    ['SHA-224', PSA_ALG_SHA_224, sha224],
    ['SHA-256', PSA_ALG_SHA_256, sha256],
    ['SHA-384', PSA_ALG_SHA_384, sha384],
    ['SHA-512', PSA_ALG_SHA_512, sha512],
    ['SHA-512/224', PSA_ALG_SHA_512_224, sha512_224],
    ['SHA-512/256', PSA_ALG_SHA_512_256, sha512_256],
  ] as const)('%s digest and length', (_n, alg, fn) => {
    const out = new Uint8Array(PSA_HASH_LENGTH(alg));
    expect(psa.cSync.psa_hash_compute(alg, MSG, out)).toEqual({
      status: PSA_SUCCESS,
      hashLength: fn(MSG).length,
    });
    expect(out).toEqual(fn(MSG));
    expect(psa.cSync.psa_hash_compare(alg, MSG, out)).toBe(PSA_SUCCESS);
  });

  it('alg not a hash → INVALID_ARGUMENT, hash_length 0', () => {
    for (const alg of [0, PSA_ALG_CMAC, PSA_ALG_CTR]) {
      expect(psa.cSync.psa_hash_compute(alg, MSG, new Uint8Array(64))).toEqual({
        status: PSA_ERROR_INVALID_ARGUMENT,
        hashLength: 0,
      });
      expect(psa.cSync.psa_hash_compare(alg, MSG, D256)).toBe(PSA_ERROR_INVALID_ARGUMENT);
    }
  });

  it('a hash that is not built (MD5, RIPEMD-160, SHA3-256, ANY_HASH) → NOT_SUPPORTED (Mbed TLS: hash_length = hash_size, psa_crypto_hash.c)', () => {
    for (const alg of [PSA_ALG_MD5, PSA_ALG_RIPEMD160, PSA_ALG_SHA3_256, PSA_ALG_ANY_HASH]) {
      expect(psa.cSync.psa_hash_compute(alg, MSG, new Uint8Array(64))).toEqual({
        status: PSA_ERROR_NOT_SUPPORTED,
        hashLength: core === 'mbedtls' ? 64 : 0,
      });
      expect(psa.cSync.psa_hash_compare(alg, MSG, D256)).toBe(PSA_ERROR_NOT_SUPPORTED);
    }
  });

  it("hash_size < digest → BUFFER_TOO_SMALL; Oberon: length 0, buffer untouched; Mbed TLS: length = hash_size, '!'-filled (mbedtls_psa_hash_finish)", () => {
    const out = filled(31, 0xaa);
    expect(psa.cSync.psa_hash_compute(PSA_ALG_SHA_256, MSG, out)).toEqual({
      status: PSA_ERROR_BUFFER_TOO_SMALL,
      hashLength: core === 'mbedtls' ? 31 : 0,
    });
    expect(out).toEqual(filled(31, core === 'mbedtls' ? 0x21 : 0xaa));
  });

  it('compare: wrong length or value → INVALID_SIGNATURE', () => {
    expect(psa.cSync.psa_hash_compare(PSA_ALG_SHA_256, MSG, D256.subarray(0, 31))).toBe(
      PSA_ERROR_INVALID_SIGNATURE,
    );
    expect(psa.cSync.psa_hash_compare(PSA_ALG_SHA_256, MSG, new Uint8Array([...D256, 0]))).toBe(
      PSA_ERROR_INVALID_SIGNATURE,
    );
    expect(psa.cSync.psa_hash_compare(PSA_ALG_SHA_256, MSG, new Uint8Array(0))).toBe(
      PSA_ERROR_INVALID_SIGNATURE,
    );
    const bad = D256.slice();
    bad[0]! ^= 0x80;
    expect(psa.cSync.psa_hash_compare(PSA_ALG_SHA_256, MSG, bad)).toBe(PSA_ERROR_INVALID_SIGNATURE);
  });
});

describe.each(CORES)(
  'multipart hash (psa_crypto.c:psa_hash_setup/_update/_finish/_verify/_clone/_abort) (%s)',
  (core) => {
    let psa: Psa;
    let op: PsaHashOperation;
    const running = (alg = PSA_ALG_SHA_256, data = MSG.subarray(0, 50)): PsaHashOperation => {
      const o = psa_hash_operation_init();
      expect(psa.cSync.psa_hash_setup(o, alg)).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_hash_update(o, data)).toBe(PSA_SUCCESS);
      return o;
    };
    beforeEach(() => {
      psa = newPsa(core, {}, false);
      op = psa_hash_operation_init();
    });

    it('setup/update/finish equals the one-shot digest; finish ends the operation', () => {
      op = running();
      expect(psa.cSync.psa_hash_update(op, new Uint8Array(0))).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_hash_update(op, MSG.subarray(50))).toBe(PSA_SUCCESS);
      const out = new Uint8Array(40);
      expect(psa.cSync.psa_hash_finish(op, out)).toEqual({ status: PSA_SUCCESS, hashLength: 32 });
      expect(out.subarray(0, 32)).toEqual(D256);
      expect(op.active).toBe(false);
      expect(psa.cSync.psa_hash_update(op, MSG)).toBe(PSA_ERROR_BAD_STATE);
    });

    it('setup on an active operation → BAD_STATE, and the active operation is aborted', () => {
      op = running();
      expect(psa.cSync.psa_hash_setup(op, PSA_ALG_SHA_256)).toBe(PSA_ERROR_BAD_STATE);
      expect(op.active).toBe(false);
      expect(psa.cSync.psa_hash_update(op, MSG)).toBe(PSA_ERROR_BAD_STATE);
    });

    it('setup with a non-hash alg → INVALID_ARGUMENT; an unbuilt hash → NOT_SUPPORTED; operation stays inactive', () => {
      expect(psa.cSync.psa_hash_setup(op, PSA_ALG_CMAC)).toBe(PSA_ERROR_INVALID_ARGUMENT);
      expect(psa.cSync.psa_hash_setup(op, PSA_ALG_MD5)).toBe(PSA_ERROR_NOT_SUPPORTED);
      expect(op.active).toBe(false);
    });

    it('update / finish / verify on an inactive operation → BAD_STATE', () => {
      expect(psa.cSync.psa_hash_update(op, MSG)).toBe(PSA_ERROR_BAD_STATE);
      expect(psa.cSync.psa_hash_finish(op, new Uint8Array(64))).toEqual({
        status: PSA_ERROR_BAD_STATE,
        hashLength: 0,
      });
      expect(psa.cSync.psa_hash_verify(op, D256)).toBe(PSA_ERROR_BAD_STATE);
    });

    it('finish with a small buffer → BUFFER_TOO_SMALL and the operation is gone (finish always aborts)', () => {
      op = running();
      const out = filled(31, 0xaa);
      expect(psa.cSync.psa_hash_finish(op, out)).toEqual({
        status: PSA_ERROR_BUFFER_TOO_SMALL,
        hashLength: core === 'mbedtls' ? 31 : 0,
      });
      expect(out).toEqual(filled(31, core === 'mbedtls' ? 0x21 : 0xaa));
      expect(op.active).toBe(false);
      expect(psa.cSync.psa_hash_finish(op, new Uint8Array(32)).status).toBe(PSA_ERROR_BAD_STATE);
    });

    it('verify: match → SUCCESS; wrong length or value → INVALID_SIGNATURE; always ends', () => {
      for (const [h, status] of [
        [D256, PSA_SUCCESS],
        [D256.subarray(0, 16), PSA_ERROR_INVALID_SIGNATURE],
        [sha256(MSG.subarray(1)), PSA_ERROR_INVALID_SIGNATURE],
      ] as const) {
        op = running(PSA_ALG_SHA_256, MSG);
        expect(psa.cSync.psa_hash_verify(op, h)).toBe(status);
        expect(op.active).toBe(false);
      }
    });

    it('clone: target continues independently of the source', () => {
      const src = running();
      const dst = psa_hash_operation_init();
      expect(psa.cSync.psa_hash_clone(src, dst)).toBe(PSA_SUCCESS);
      psa.cSync.psa_hash_update(src, MSG.subarray(50));
      psa.cSync.psa_hash_update(dst, seq(3));
      const a = new Uint8Array(32);
      const b = new Uint8Array(32);
      psa.cSync.psa_hash_finish(src, a);
      psa.cSync.psa_hash_finish(dst, b);
      expect(a).toEqual(D256);
      expect(b).toEqual(sha256(new Uint8Array([...MSG.subarray(0, 50), ...seq(3)])));
    });

    it('clone from an inactive source or into an active target → BAD_STATE; nothing is aborted', () => {
      const idle = psa_hash_operation_init();
      const dst = psa_hash_operation_init();
      expect(psa.cSync.psa_hash_clone(idle, dst)).toBe(PSA_ERROR_BAD_STATE);
      expect(dst.active).toBe(false);
      const src = running(PSA_ALG_SHA_256, seq(1));
      const busy = running(PSA_ALG_SHA_1, MSG);
      expect(psa.cSync.psa_hash_clone(src, busy)).toBe(PSA_ERROR_BAD_STATE);
      expect(src.active && busy.active).toBe(true);
      const out = new Uint8Array(20);
      expect(psa.cSync.psa_hash_finish(busy, out)).toEqual({ status: PSA_SUCCESS, hashLength: 20 });
      expect(out).toEqual(sha1(MSG));
    });

    it('abort: idempotent, on fresh and active operations', () => {
      expect(psa.cSync.psa_hash_abort(op)).toBe(PSA_SUCCESS);
      op = running();
      expect(psa.cSync.psa_hash_abort(op)).toBe(PSA_SUCCESS);
      expect(op.active).toBe(false);
      expect(psa.cSync.psa_hash_abort(op)).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_hash_setup(op, PSA_ALG_SHA_256)).toBe(PSA_SUCCESS);
    });
  },
);
