/**
 * The cipher API: tfm-psa.md §3.3 (psa_cipher_decrypt rows, AES single-part decrypt rules, Oberon vs
 * Mbed TLS ordering) and /tmp/psa-core-notes.md §4 + §11.4. Core: `library/psa_crypto.c`
 * (`psa_cipher_encrypt/decrypt`, `psa_cipher_setup`, `_generate_iv`, `_set_iv`, `_update`, `_finish`,
 * `_abort`); drivers: Oberon `oberon/drivers/oberon_cipher.c`, Mbed TLS `library/psa_crypto_cipher.c`.
 * Ciphertexts are checked against @noble/ciphers (an independent AES implementation).
 */
import { cbc, ctr, ecb } from '@noble/ciphers/aes.js';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  PSA_ALG_ANY_HASH,
  PSA_ALG_CBC_NO_PADDING,
  PSA_ALG_CBC_PKCS7,
  PSA_ALG_CFB,
  PSA_ALG_CMAC,
  PSA_ALG_CTR,
  PSA_ALG_ECB_NO_PADDING,
  PSA_ALG_GCM,
  PSA_ALG_HMAC,
  PSA_ALG_SHA_256,
  PSA_ERROR_BAD_STATE,
  PSA_ERROR_BUFFER_TOO_SMALL,
  PSA_ERROR_INVALID_ARGUMENT,
  PSA_ERROR_INVALID_HANDLE,
  PSA_ERROR_INVALID_PADDING,
  PSA_ERROR_NOT_PERMITTED,
  PSA_ERROR_NOT_SUPPORTED,
  PSA_KEY_TYPE_HMAC,
  PSA_KEY_USAGE_DECRYPT,
  PSA_KEY_USAGE_ENCRYPT,
  PSA_SUCCESS,
  type Psa,
  type PsaCipherOperation,
  psa_cipher_operation_init,
} from '../../src/index.js';
import { concatBytes } from '../../src/utils/bytes.js';
import { AES128, AES256, attrs, CORES, filled, IV, importOk, newPsa, seq } from './helpers.js';

const ENC_DEC = PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT;
const nobleCbc = (key: Uint8Array, iv: Uint8Array, pt: Uint8Array, pad = false) =>
  cbc(key, iv, { disablePadding: !pad }).encrypt(pt);

describe.each(CORES)('psa_cipher_decrypt rows of tfm-psa.md §3.3 (%s)', (core) => {
  let psa: Psa;
  const keyFor = (alg: number, usage = ENC_DEC) => importOk(psa, attrs({ usage, alg }), AES128);
  const dec = (key: number, alg: number, input: Uint8Array, outSize: number) =>
    psa.cSync.psa_cipher_decrypt(key, alg, input, new Uint8Array(outSize));
  beforeEach(() => {
    psa = newPsa(core);
  });

  it('alg not a cipher → INVALID_ARGUMENT, checked before the key lookup', () => {
    for (const alg of [
      0,
      PSA_ALG_CMAC,
      PSA_ALG_HMAC(PSA_ALG_SHA_256),
      PSA_ALG_GCM,
      PSA_ALG_ANY_HASH,
      PSA_ALG_SHA_256,
    ]) {
      expect(dec(4242, alg, seq(32), 32)).toEqual({ status: PSA_ERROR_INVALID_ARGUMENT, outputLength: 0 });
    }
  });

  it('unknown key → INVALID_HANDLE', () => {
    expect(dec(4242, PSA_ALG_CBC_NO_PADDING, seq(32), 32)).toEqual({
      status: PSA_ERROR_INVALID_HANDLE,
      outputLength: 0,
    });
  });

  it('key lacks DECRYPT, or policy alg ≠ alg → NOT_PERMITTED', () => {
    const encOnly = keyFor(PSA_ALG_CBC_NO_PADDING, PSA_KEY_USAGE_ENCRYPT);
    expect(dec(encOnly, PSA_ALG_CBC_NO_PADDING, seq(32), 32)).toEqual({
      status: PSA_ERROR_NOT_PERMITTED,
      outputLength: 0,
    });
    const ctrKey = keyFor(PSA_ALG_CTR);
    expect(dec(ctrKey, PSA_ALG_CBC_NO_PADDING, seq(32), 32).status).toBe(PSA_ERROR_NOT_PERMITTED);
  });

  it('input_length < PSA_CIPHER_IV_LENGTH (16 for CBC/CTR, 0 for ECB) → INVALID_ARGUMENT', () => {
    expect(dec(keyFor(PSA_ALG_CBC_NO_PADDING), PSA_ALG_CBC_NO_PADDING, seq(15), 32).status).toBe(
      PSA_ERROR_INVALID_ARGUMENT,
    );
    expect(dec(keyFor(PSA_ALG_CTR), PSA_ALG_CTR, seq(0), 32).status).toBe(PSA_ERROR_INVALID_ARGUMENT);
    expect(dec(keyFor(PSA_ALG_CTR), PSA_ALG_CTR, seq(15), 32).status).toBe(PSA_ERROR_INVALID_ARGUMENT);
    expect(dec(keyFor(PSA_ALG_ECB_NO_PADDING), PSA_ALG_ECB_NO_PADDING, seq(0), 0)).toEqual({
      status: PSA_SUCCESS,
      outputLength: 0,
    });
  });

  it('CBC_NO_PADDING: input % 16 ≠ 0 → INVALID_ARGUMENT; output_size < input − 16 → BUFFER_TOO_SMALL; output = input − 16', () => {
    const k = keyFor(PSA_ALG_CBC_NO_PADDING);
    expect(dec(k, PSA_ALG_CBC_NO_PADDING, seq(16 + 17), 64).status).toBe(PSA_ERROR_INVALID_ARGUMENT);
    expect(dec(k, PSA_ALG_CBC_NO_PADDING, seq(16 + 32), 31)).toEqual({
      status: PSA_ERROR_BUFFER_TOO_SMALL,
      outputLength: 0,
    });
    const pt = seq(32, 7);
    const out = new Uint8Array(40);
    const input = concatBytes(IV, nobleCbc(AES128, IV, pt));
    expect(psa.cSync.psa_cipher_decrypt(k, PSA_ALG_CBC_NO_PADDING, input, out)).toEqual({
      status: PSA_SUCCESS,
      outputLength: 32,
    });
    expect(out.subarray(0, 32)).toEqual(pt);
    expect(dec(k, PSA_ALG_CBC_NO_PADDING, IV, 0)).toEqual({ status: PSA_SUCCESS, outputLength: 0 });
  });

  it('ECB_NO_PADDING: no IV; input % 16 → INVALID_ARGUMENT; output_size < input → BUFFER_TOO_SMALL', () => {
    const k = keyFor(PSA_ALG_ECB_NO_PADDING);
    expect(dec(k, PSA_ALG_ECB_NO_PADDING, seq(20), 32).status).toBe(PSA_ERROR_INVALID_ARGUMENT);
    expect(dec(k, PSA_ALG_ECB_NO_PADDING, seq(32), 31).status).toBe(PSA_ERROR_BUFFER_TOO_SMALL);
    const pt = seq(32, 3);
    const out = new Uint8Array(32);
    const ct = ecb(AES128, { disablePadding: true }).encrypt(pt);
    expect(psa.cSync.psa_cipher_decrypt(k, PSA_ALG_ECB_NO_PADDING, ct, out)).toEqual({
      status: PSA_SUCCESS,
      outputLength: 32,
    });
    expect(out).toEqual(pt);
  });

  it('CTR: any length after the IV; output_size < input − 16 → BUFFER_TOO_SMALL', () => {
    const k = keyFor(PSA_ALG_CTR);
    const pt = seq(21, 9);
    const input = concatBytes(IV, ctr(AES128, IV).encrypt(pt));
    expect(dec(k, PSA_ALG_CTR, input, 20)).toEqual({ status: PSA_ERROR_BUFFER_TOO_SMALL, outputLength: 0 });
    const out = new Uint8Array(21);
    expect(psa.cSync.psa_cipher_decrypt(k, PSA_ALG_CTR, input, out)).toEqual({
      status: PSA_SUCCESS,
      outputLength: 21,
    });
    expect(out).toEqual(pt);
    expect(dec(k, PSA_ALG_CTR, IV, 0)).toEqual({ status: PSA_SUCCESS, outputLength: 0 });
  });

  it('CBC_PKCS7: input < 32 or % 16 → INVALID_ARGUMENT; bad padding → INVALID_PADDING', () => {
    const k = keyFor(PSA_ALG_CBC_PKCS7);
    for (const n of [16, 16 + 15, 16 + 17, 16 + 40]) {
      expect(dec(k, PSA_ALG_CBC_PKCS7, seq(n), 64)).toEqual({
        status: PSA_ERROR_INVALID_ARGUMENT,
        outputLength: 0,
      });
    }
    // Less than IV + one block is judged before the output size (no room at all is still INVALID_ARGUMENT).
    for (const n of [16, 16 + 1, 16 + 15]) {
      expect(dec(k, PSA_ALG_CBC_PKCS7, seq(n), 0)).toEqual({
        status: PSA_ERROR_INVALID_ARGUMENT,
        outputLength: 0,
      });
    }
    const last = seq(16, 0x30);
    last[15] = 0x00;
    const input = concatBytes(IV, nobleCbc(AES128, IV, last));
    expect(dec(k, PSA_ALG_CBC_PKCS7, input, 64)).toEqual({
      status: PSA_ERROR_INVALID_PADDING,
      outputLength: 0,
    });
  });

  it('a non-AES key whose policy is the cipher alg → NOT_SUPPORTED', () => {
    const h = importOk(
      psa,
      attrs({ type: PSA_KEY_TYPE_HMAC, usage: ENC_DEC, alg: PSA_ALG_CBC_NO_PADDING }),
      seq(16),
    );
    expect(dec(h, PSA_ALG_CBC_NO_PADDING, seq(32), 32)).toEqual({
      status: PSA_ERROR_NOT_SUPPORTED,
      outputLength: 0,
    });
    expect(psa.cSync.psa_cipher_encrypt(h, PSA_ALG_CBC_NO_PADDING, seq(16), new Uint8Array(32)).status).toBe(
      PSA_ERROR_NOT_SUPPORTED,
    );
    // PSA_CIPHER_IV_LENGTH is 0 for a non-block-cipher type, so no IV-size check precedes the driver.
    expect(psa.cSync.psa_cipher_encrypt(h, PSA_ALG_CBC_NO_PADDING, seq(16), new Uint8Array(0)).status).toBe(
      PSA_ERROR_NOT_SUPPORTED,
    );
    expect(dec(h, PSA_ALG_CBC_NO_PADDING, seq(0), 0).status).toBe(PSA_ERROR_NOT_SUPPORTED);
  });

  it('an AES mode the drivers do not implement (CFB) → NOT_SUPPORTED', () => {
    const k = keyFor(PSA_ALG_CFB);
    expect(dec(k, PSA_ALG_CFB, seq(32), 32).status).toBe(PSA_ERROR_NOT_SUPPORTED);
    expect(psa.cSync.psa_cipher_encrypt_setup(psa_cipher_operation_init(), k, PSA_ALG_CFB)).toBe(
      PSA_ERROR_NOT_SUPPORTED,
    );
  });
});

describe.each(CORES)('CBC_PKCS7 padding validity (mbedtls_get_pkcs_padding / ocrypto) (%s)', (core) => {
  // The last plaintext block: 0x41, 0x42, … with its final bytes replaced by `end`.
  const cases: [string, number[], number][] = [
    ['last byte 0', [0], PSA_ERROR_INVALID_PADDING],
    ['last byte 17', [17], PSA_ERROR_INVALID_PADDING],
    ['last byte 0xff', [0xff], PSA_ERROR_INVALID_PADDING],
    ['3 announced, 2 equal', [9, 3, 3], PSA_ERROR_INVALID_PADDING],
    ['16 announced, one differs', [15, ...Array<number>(15).fill(16)], PSA_ERROR_INVALID_PADDING],
    ['1 byte of padding', [1], PSA_SUCCESS],
    ['a whole block of 16', Array<number>(16).fill(16), PSA_SUCCESS],
  ];
  it.each(cases)('%s', (_name, end, status) => {
    const psa = newPsa(core);
    const k = importOk(psa, attrs({ usage: ENC_DEC, alg: PSA_ALG_CBC_PKCS7 }), AES256);
    const block = seq(16, 0x41);
    block.set(end, 16 - end.length);
    const input = concatBytes(IV, nobleCbc(AES256, IV, concatBytes(seq(16), block)));
    const out = new Uint8Array(32);
    const r = psa.cSync.psa_cipher_decrypt(k, PSA_ALG_CBC_PKCS7, input, out);
    expect(r.status).toBe(status);
    if (status === PSA_SUCCESS) {
      const tail = 16 - block[15]!;
      expect(r.outputLength).toBe(16 + tail);
      expect(out.subarray(0, 16 + tail)).toEqual(concatBytes(seq(16), block.subarray(0, tail)));
    } else {
      expect(r.outputLength).toBe(0);
    }
  });
});

describe.each(CORES)(
  'psa_cipher_encrypt single-part (psa_crypto.c:psa_cipher_encrypt + cipher driver) (%s)',
  (core) => {
    let psa: Psa;
    const keyFor = (alg: number) => importOk(psa, attrs({ usage: ENC_DEC, alg }), AES128);
    const enc = (key: number, alg: number, n: number, outSize: number) =>
      psa.cSync.psa_cipher_encrypt(key, alg, seq(n), new Uint8Array(outSize));
    beforeEach(() => {
      psa = newPsa(core);
    });

    it('output = random IV ‖ ciphertext, matching an independent AES (CBC, PKCS7, CTR, ECB)', () => {
      const pt = seq(37, 1);
      const pt32 = pt.subarray(0, 32);
      for (const [alg, input, expected] of [
        [PSA_ALG_CBC_NO_PADDING, pt32, (iv: Uint8Array) => nobleCbc(AES128, iv, pt32)],
        [PSA_ALG_CBC_PKCS7, pt, (iv: Uint8Array) => nobleCbc(AES128, iv, pt, true)],
        [PSA_ALG_CTR, pt, (iv: Uint8Array) => ctr(AES128, iv).encrypt(pt)],
      ] as const) {
        const k = keyFor(alg);
        const out = new Uint8Array(80);
        const r = psa.cSync.psa_cipher_encrypt(k, alg, input, out);
        expect(r.status).toBe(PSA_SUCCESS);
        const iv = out.slice(0, 16);
        const ct = expected(iv);
        expect(r.outputLength).toBe(16 + ct.length);
        expect(out.subarray(16, r.outputLength)).toEqual(ct);
        const back = new Uint8Array(64);
        const d = psa.cSync.psa_cipher_decrypt(k, alg, out.subarray(0, r.outputLength), back);
        expect(back.subarray(0, d.outputLength)).toEqual(input);
      }
      const e = keyFor(PSA_ALG_ECB_NO_PADDING);
      const out = new Uint8Array(32);
      expect(psa.cSync.psa_cipher_encrypt(e, PSA_ALG_ECB_NO_PADDING, pt32, out)).toEqual({
        status: PSA_SUCCESS,
        outputLength: 32,
      });
      expect(out).toEqual(ecb(AES128, { disablePadding: true }).encrypt(pt32));
    });

    it('two encryptions use different IVs (taken from the RNG)', () => {
      const k = keyFor(PSA_ALG_CTR);
      const a = new Uint8Array(32);
      const b = new Uint8Array(32);
      psa.cSync.psa_cipher_encrypt(k, PSA_ALG_CTR, seq(16), a);
      psa.cSync.psa_cipher_encrypt(k, PSA_ALG_CTR, seq(16), b);
      expect(a.subarray(0, 16)).not.toEqual(b.subarray(0, 16));
    });

    it('output_size < IV length → BUFFER_TOO_SMALL (CBC, CTR); output untouched on error', () => {
      for (const alg of [PSA_ALG_CBC_NO_PADDING, PSA_ALG_CTR, PSA_ALG_CBC_PKCS7]) {
        const out = filled(15, 0xaa);
        expect(psa.cSync.psa_cipher_encrypt(keyFor(alg), alg, seq(0), out)).toEqual({
          status: PSA_ERROR_BUFFER_TOO_SMALL,
          outputLength: 0,
        });
        expect(out).toEqual(filled(15, 0xaa));
      }
    });

    it('CTR: output_size < 16 + input → BUFFER_TOO_SMALL; CBC_NO_PADDING / ECB partial block with room → INVALID_ARGUMENT', () => {
      expect(enc(keyFor(PSA_ALG_CTR), PSA_ALG_CTR, 5, 20).status).toBe(PSA_ERROR_BUFFER_TOO_SMALL);
      expect(enc(keyFor(PSA_ALG_CTR), PSA_ALG_CTR, 5, 21)).toEqual({ status: PSA_SUCCESS, outputLength: 21 });
      expect(enc(keyFor(PSA_ALG_CBC_NO_PADDING), PSA_ALG_CBC_NO_PADDING, 17, 64).status).toBe(
        PSA_ERROR_INVALID_ARGUMENT,
      );
      expect(enc(keyFor(PSA_ALG_ECB_NO_PADDING), PSA_ALG_ECB_NO_PADDING, 17, 64).status).toBe(
        PSA_ERROR_INVALID_ARGUMENT,
      );
      expect(enc(keyFor(PSA_ALG_CBC_NO_PADDING), PSA_ALG_CBC_NO_PADDING, 32, 47).status).toBe(
        PSA_ERROR_BUFFER_TOO_SMALL,
      );
      expect(enc(keyFor(PSA_ALG_CBC_NO_PADDING), PSA_ALG_CBC_NO_PADDING, 0, 16)).toEqual({
        status: PSA_SUCCESS,
        outputLength: 16,
      });
    });

    it('CBC_PKCS7 always adds 1..16 bytes: needs 16 + roundup(n + 1)', () => {
      const k = keyFor(PSA_ALG_CBC_PKCS7);
      expect(enc(k, PSA_ALG_CBC_PKCS7, 16, 16 + 31).status).toBe(PSA_ERROR_BUFFER_TOO_SMALL);
      expect(enc(k, PSA_ALG_CBC_PKCS7, 16, 16 + 32)).toEqual({ status: PSA_SUCCESS, outputLength: 48 });
      expect(enc(k, PSA_ALG_CBC_PKCS7, 0, 31).status).toBe(PSA_ERROR_BUFFER_TOO_SMALL);
      expect(enc(k, PSA_ALG_CBC_PKCS7, 0, 32)).toEqual({ status: PSA_SUCCESS, outputLength: 32 });
      expect(enc(k, PSA_ALG_CBC_PKCS7, 15, 32)).toEqual({ status: PSA_SUCCESS, outputLength: 32 });
    });
  },
);

describe('Oberon vs Mbed TLS differences (notes §11.4, tfm-psa.md §3.3)', () => {
  const setup = (core: 'oberon' | 'mbedtls', alg: number) => {
    const psa = newPsa(core);
    return { psa, key: importOk(psa, attrs({ usage: ENC_DEC, alg }), AES128) };
  };

  it.each([
    ['oberon', PSA_ERROR_INVALID_ARGUMENT],
    ['mbedtls', PSA_ERROR_BUFFER_TOO_SMALL],
  ] as const)('CBC_NO_PADDING decrypt, 16+17 bytes, output_size 0: %s → %i', (core, status) => {
    const { psa, key } = setup(core, PSA_ALG_CBC_NO_PADDING);
    expect(
      psa.cSync.psa_cipher_decrypt(key, PSA_ALG_CBC_NO_PADDING, seq(16 + 17), new Uint8Array(0)),
    ).toEqual({
      status,
      outputLength: 0,
    });
    // With room for the full blocks, Mbed TLS also reaches INVALID_ARGUMENT (at finish).
    expect(
      psa.cSync.psa_cipher_decrypt(key, PSA_ALG_CBC_NO_PADDING, seq(16 + 17), new Uint8Array(16)).status,
    ).toBe(PSA_ERROR_INVALID_ARGUMENT);
  });

  it.each([
    ['oberon', PSA_ERROR_INVALID_ARGUMENT],
    ['mbedtls', PSA_ERROR_BUFFER_TOO_SMALL],
  ] as const)('CBC_NO_PADDING / ECB encrypt, 17 bytes, no room for a block: %s → %i', (core, status) => {
    const { psa, key } = setup(core, PSA_ALG_CBC_NO_PADDING);
    expect(
      psa.cSync.psa_cipher_encrypt(key, PSA_ALG_CBC_NO_PADDING, seq(17), new Uint8Array(16)).status,
    ).toBe(status);
    const e = setup(core, PSA_ALG_ECB_NO_PADDING);
    expect(
      e.psa.cSync.psa_cipher_encrypt(e.key, PSA_ALG_ECB_NO_PADDING, seq(17), new Uint8Array(8)).status,
    ).toBe(status);
  });

  describe('CBC_PKCS7 decrypt output size (20-byte plaintext, 48 bytes in)', () => {
    const pt = seq(20, 0x61);
    const input = concatBytes(IV, nobleCbc(AES128, IV, pt, true));

    it.each([
      ['oberon', PSA_SUCCESS],
      ['mbedtls', PSA_ERROR_BUFFER_TOO_SMALL],
    ] as const)('output_size = exact plaintext length (20 < input − 16): %s → %i', (core, status) => {
      const { psa, key } = setup(core, PSA_ALG_CBC_PKCS7);
      const out = new Uint8Array(20);
      const r = psa.cSync.psa_cipher_decrypt(key, PSA_ALG_CBC_PKCS7, input, out);
      expect(r).toEqual({ status, outputLength: status === PSA_SUCCESS ? 20 : 0 });
      if (status === PSA_SUCCESS) expect(out).toEqual(pt);
    });

    it.each(CORES)('output_size = input − 16 works for both (%s)', (core) => {
      const { psa, key } = setup(core, PSA_ALG_CBC_PKCS7);
      const out = new Uint8Array(32);
      expect(psa.cSync.psa_cipher_decrypt(key, PSA_ALG_CBC_PKCS7, input, out)).toEqual({
        status: PSA_SUCCESS,
        outputLength: 20,
      });
      expect(out.subarray(0, 20)).toEqual(pt);
    });

    it.each(CORES)('output_size 19 (< plaintext) and 15 (< input − 32) → BUFFER_TOO_SMALL (%s)', (core) => {
      const { psa, key } = setup(core, PSA_ALG_CBC_PKCS7);
      for (const n of [19, 15]) {
        expect(psa.cSync.psa_cipher_decrypt(key, PSA_ALG_CBC_PKCS7, input, new Uint8Array(n))).toEqual({
          status: PSA_ERROR_BUFFER_TOO_SMALL,
          outputLength: 0,
        });
      }
    });

    it('Oberon writes what fits before reporting BUFFER_TOO_SMALL (oberon_aes_cbc_pkcs_unpad)', () => {
      const { psa, key } = setup('oberon', PSA_ALG_CBC_PKCS7);
      const out = new Uint8Array(19);
      expect(psa.cSync.psa_cipher_decrypt(key, PSA_ALG_CBC_PKCS7, input, out).status).toBe(
        PSA_ERROR_BUFFER_TOO_SMALL,
      );
      expect(out).toEqual(pt.subarray(0, 19));
    });
  });

  it.each([
    ['oberon', PSA_SUCCESS],
    ['mbedtls', PSA_ERROR_BUFFER_TOO_SMALL],
  ] as const)(
    'multipart CBC_PKCS7 decrypt update of 2 blocks with a 1-block buffer: %s → %i (held-back block)',
    (core, status) => {
      const { psa, key } = setup(core, PSA_ALG_CBC_PKCS7);
      const op = psa_cipher_operation_init();
      expect(psa.cSync.psa_cipher_decrypt_setup(op, key, PSA_ALG_CBC_PKCS7)).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_cipher_set_iv(op, IV)).toBe(PSA_SUCCESS);
      const u = psa.cSync.psa_cipher_update(op, nobleCbc(AES128, IV, seq(20), true), new Uint8Array(16));
      expect(u).toEqual({ status, outputLength: status === PSA_SUCCESS ? 16 : 0 });
      expect(op.active).toBe(status === PSA_SUCCESS);
    },
  );
});

describe.each(CORES)(
  'multipart cipher state machine (psa_crypto.c:psa_cipher_setup/_generate_iv/_set_iv/_update/_finish/_abort) (%s)',
  (core) => {
    let psa: Psa;
    let cbcKey: number;
    let op: PsaCipherOperation;
    const started = (alg = PSA_ALG_CBC_NO_PADDING, encrypt = true, key = cbcKey): PsaCipherOperation => {
      const o = psa_cipher_operation_init();
      const s = encrypt
        ? psa.cSync.psa_cipher_encrypt_setup(o, key, alg)
        : psa.cSync.psa_cipher_decrypt_setup(o, key, alg);
      expect(s).toBe(PSA_SUCCESS);
      return o;
    };
    beforeEach(() => {
      psa = newPsa(core);
      cbcKey = importOk(
        psa,
        attrs({ usage: ENC_DEC, alg: PSA_ALG_CBC_NO_PADDING, alg2: PSA_ALG_ECB_NO_PADDING }),
        AES128,
      );
      op = psa_cipher_operation_init();
    });

    it('setup on an active operation → BAD_STATE, and the active operation is aborted', () => {
      op = started();
      expect(psa.cSync.psa_cipher_set_iv(op, IV)).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_cipher_encrypt_setup(op, cbcKey, PSA_ALG_CBC_NO_PADDING)).toBe(
        PSA_ERROR_BAD_STATE,
      );
      expect(op.active).toBe(false);
      expect(psa.cSync.psa_cipher_update(op, seq(16), new Uint8Array(16)).status).toBe(PSA_ERROR_BAD_STATE);
      // …and the object can be set up again.
      expect(psa.cSync.psa_cipher_decrypt_setup(op, cbcKey, PSA_ALG_CBC_NO_PADDING)).toBe(PSA_SUCCESS);
    });

    it('setup errors leave the operation inactive (non-cipher alg, unknown key, no usage, not permitted)', () => {
      const noDec = importOk(
        psa,
        attrs({ usage: PSA_KEY_USAGE_ENCRYPT, alg: PSA_ALG_CBC_NO_PADDING }),
        AES128,
      );
      expect(psa.cSync.psa_cipher_encrypt_setup(op, cbcKey, PSA_ALG_CMAC)).toBe(PSA_ERROR_INVALID_ARGUMENT);
      expect(psa.cSync.psa_cipher_encrypt_setup(op, 999, PSA_ALG_CBC_NO_PADDING)).toBe(
        PSA_ERROR_INVALID_HANDLE,
      );
      expect(psa.cSync.psa_cipher_decrypt_setup(op, noDec, PSA_ALG_CBC_NO_PADDING)).toBe(
        PSA_ERROR_NOT_PERMITTED,
      );
      expect(psa.cSync.psa_cipher_encrypt_setup(op, cbcKey, PSA_ALG_CTR)).toBe(PSA_ERROR_NOT_PERMITTED);
      expect(op.active).toBe(false);
    });

    it('generate_iv / set_iv on ECB → BAD_STATE, operation aborted', () => {
      op = started(PSA_ALG_ECB_NO_PADDING);
      const iv = filled(16, 0xaa);
      expect(psa.cSync.psa_cipher_generate_iv(op, iv)).toEqual({ status: PSA_ERROR_BAD_STATE, ivLength: 0 });
      expect(iv).toEqual(filled(16, 0xaa));
      expect(op.active).toBe(false);
      op = started(PSA_ALG_ECB_NO_PADDING);
      expect(psa.cSync.psa_cipher_set_iv(op, IV)).toBe(PSA_ERROR_BAD_STATE);
      expect(op.active).toBe(false);
    });

    it('set_iv twice, generate_iv after set_iv, set_iv after generate_iv → BAD_STATE (aborted)', () => {
      op = started();
      expect(psa.cSync.psa_cipher_set_iv(op, IV)).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_cipher_set_iv(op, IV)).toBe(PSA_ERROR_BAD_STATE);
      expect(op.active).toBe(false);
      op = started();
      expect(psa.cSync.psa_cipher_set_iv(op, IV)).toBe(PSA_SUCCESS);
      const iv = filled(16, 0xaa);
      expect(psa.cSync.psa_cipher_generate_iv(op, iv)).toEqual({ status: PSA_ERROR_BAD_STATE, ivLength: 0 });
      expect(iv).toEqual(filled(16, 0xaa));
      expect(op.active).toBe(false);
      op = started();
      expect(psa.cSync.psa_cipher_generate_iv(op, new Uint8Array(16)).status).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_cipher_set_iv(op, IV)).toBe(PSA_ERROR_BAD_STATE);
      expect(op.active).toBe(false);
    });

    it('set_iv with a length ≠ 16 (CBC/CTR) → INVALID_ARGUMENT, aborted', () => {
      for (const n of [0, 8, 15, 17, 32]) {
        op = started();
        expect(psa.cSync.psa_cipher_set_iv(op, seq(n))).toBe(PSA_ERROR_INVALID_ARGUMENT);
        expect(op.active).toBe(false);
      }
    });

    it(`generate_iv with iv_size < 16 → BUFFER_TOO_SMALL, aborted; the iv buffer is ${core === 'oberon' ? 'zeroed (Oberon)' : 'untouched (Mbed TLS local copy)'}`, () => {
      op = started();
      const iv = filled(15, 0xaa);
      expect(psa.cSync.psa_cipher_generate_iv(op, iv)).toEqual({
        status: PSA_ERROR_BUFFER_TOO_SMALL,
        ivLength: 0,
      });
      expect(iv).toEqual(core === 'oberon' ? new Uint8Array(15) : filled(15, 0xaa));
      expect(op.active).toBe(false);
    });

    it('generate_iv works on a decrypt operation too and returns 16 random bytes', () => {
      op = started(PSA_ALG_CBC_NO_PADDING, false);
      const iv = new Uint8Array(20);
      expect(psa.cSync.psa_cipher_generate_iv(op, iv)).toEqual({ status: PSA_SUCCESS, ivLength: 16 });
      expect(iv.subarray(0, 16)).not.toEqual(new Uint8Array(16));
      expect(psa.cSync.psa_cipher_update(op, seq(16), new Uint8Array(16)).status).toBe(PSA_SUCCESS);
    });

    it('update (and finish) before the IV is set → BAD_STATE, aborted', () => {
      op = started();
      expect(psa.cSync.psa_cipher_update(op, seq(16), new Uint8Array(16))).toEqual({
        status: PSA_ERROR_BAD_STATE,
        outputLength: 0,
      });
      expect(op.active).toBe(false);
      expect(psa.cSync.psa_cipher_set_iv(op, IV)).toBe(PSA_ERROR_BAD_STATE);
      op = started();
      expect(psa.cSync.psa_cipher_finish(op, new Uint8Array(16))).toEqual({
        status: PSA_ERROR_BAD_STATE,
        outputLength: 0,
      });
      expect(op.active).toBe(false);
    });

    it('every call on a never-set-up operation → BAD_STATE; abort → SUCCESS', () => {
      expect(psa.cSync.psa_cipher_generate_iv(op, new Uint8Array(16)).status).toBe(PSA_ERROR_BAD_STATE);
      expect(psa.cSync.psa_cipher_set_iv(op, IV)).toBe(PSA_ERROR_BAD_STATE);
      expect(psa.cSync.psa_cipher_update(op, seq(16), new Uint8Array(16)).status).toBe(PSA_ERROR_BAD_STATE);
      expect(psa.cSync.psa_cipher_finish(op, new Uint8Array(16)).status).toBe(PSA_ERROR_BAD_STATE);
      expect(psa.cSync.psa_cipher_abort(op)).toBe(PSA_SUCCESS);
    });

    it('update with an output buffer too small → BUFFER_TOO_SMALL, aborted', () => {
      op = started();
      psa.cSync.psa_cipher_set_iv(op, IV);
      expect(psa.cSync.psa_cipher_update(op, seq(20), new Uint8Array(15))).toEqual({
        status: PSA_ERROR_BUFFER_TOO_SMALL,
        outputLength: 0,
      });
      expect(op.active).toBe(false);
    });

    it('finish with a partial block (CBC_NO_PADDING, ECB) → INVALID_ARGUMENT, output_length 0, aborted', () => {
      for (const alg of [PSA_ALG_CBC_NO_PADDING, PSA_ALG_ECB_NO_PADDING]) {
        op = started(alg);
        if (alg === PSA_ALG_CBC_NO_PADDING) psa.cSync.psa_cipher_set_iv(op, IV);
        expect(psa.cSync.psa_cipher_update(op, seq(20), new Uint8Array(16))).toEqual({
          status: PSA_SUCCESS,
          outputLength: 16,
        });
        expect(psa.cSync.psa_cipher_finish(op, new Uint8Array(16))).toEqual({
          status: PSA_ERROR_INVALID_ARGUMENT,
          outputLength: 0,
        });
        expect(op.active).toBe(false);
      }
    });

    it('finish ends the operation; abort is idempotent', () => {
      op = started();
      psa.cSync.psa_cipher_set_iv(op, IV);
      expect(psa.cSync.psa_cipher_update(op, seq(16), new Uint8Array(16)).status).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_cipher_finish(op, new Uint8Array(0))).toEqual({
        status: PSA_SUCCESS,
        outputLength: 0,
      });
      expect(op.active).toBe(false);
      expect(psa.cSync.psa_cipher_update(op, seq(16), new Uint8Array(16)).status).toBe(PSA_ERROR_BAD_STATE);
      expect(psa.cSync.psa_cipher_abort(op)).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_cipher_abort(op)).toBe(PSA_SUCCESS);
      const live = started();
      expect(psa.cSync.psa_cipher_abort(live)).toBe(PSA_SUCCESS);
      expect(live.active).toBe(false);
      expect(psa.cSync.psa_cipher_abort(live)).toBe(PSA_SUCCESS);
    });

    it('an operation keeps working after its key is destroyed (it holds its own context)', () => {
      op = started();
      psa.cSync.psa_cipher_set_iv(op, IV);
      expect(psa.cSync.psa_destroy_key(cbcKey)).toBe(PSA_SUCCESS);
      const out = new Uint8Array(16);
      expect(psa.cSync.psa_cipher_update(op, seq(16), out).status).toBe(PSA_SUCCESS);
      expect(out).toEqual(nobleCbc(AES128, IV, seq(16)));
    });

    it('multipart results equal single-shot AES across uneven updates (CBC, PKCS7, CTR)', () => {
      const pt = seq(53, 5);
      const chunks = [0, 7, 16, 1, 29];
      for (const [alg, expected] of [
        [PSA_ALG_CBC_PKCS7, nobleCbc(AES256, IV, pt, true)],
        [PSA_ALG_CTR, ctr(AES256, IV).encrypt(pt)],
      ] as const) {
        const key = importOk(psa, attrs({ usage: ENC_DEC, alg }), AES256);
        for (const encrypt of [true, false]) {
          const input = encrypt ? pt : expected;
          const want = encrypt ? expected : pt;
          const o = started(alg, encrypt, key);
          expect(psa.cSync.psa_cipher_set_iv(o, IV)).toBe(PSA_SUCCESS);
          const out = new Uint8Array(96);
          let at = 0;
          let pos = 0;
          for (const n of [...chunks, input.length - chunks.reduce((a, b) => a + b, 0)]) {
            const u = psa.cSync.psa_cipher_update(o, input.subarray(pos, pos + n), out.subarray(at));
            expect(u.status).toBe(PSA_SUCCESS);
            at += u.outputLength;
            pos += n;
          }
          const f = psa.cSync.psa_cipher_finish(o, out.subarray(at));
          expect(f.status).toBe(PSA_SUCCESS);
          expect(out.subarray(0, at + f.outputLength)).toEqual(want);
        }
      }
    });

    it('CBC_PKCS7 finish: encrypt needs 16 bytes; decrypt without a full held-back block → INVALID_ARGUMENT; decrypt needs room for the tail only', () => {
      const key = importOk(psa, attrs({ usage: ENC_DEC, alg: PSA_ALG_CBC_PKCS7 }), AES128);
      let o = started(PSA_ALG_CBC_PKCS7, true, key);
      psa.cSync.psa_cipher_set_iv(o, IV);
      expect(psa.cSync.psa_cipher_update(o, seq(5), new Uint8Array(0)).status).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_cipher_finish(o, new Uint8Array(15))).toEqual({
        status: PSA_ERROR_BUFFER_TOO_SMALL,
        outputLength: 0,
      });
      expect(o.active).toBe(false);

      for (const n of [0, 20]) {
        o = started(PSA_ALG_CBC_PKCS7, false, key);
        psa.cSync.psa_cipher_set_iv(o, IV);
        psa.cSync.psa_cipher_update(o, seq(n), new Uint8Array(32));
        expect(psa.cSync.psa_cipher_finish(o, new Uint8Array(16))).toEqual({
          status: PSA_ERROR_INVALID_ARGUMENT,
          outputLength: 0,
        });
      }

      const ct = nobleCbc(AES128, IV, seq(4, 0x70), true); // one block, 4-byte tail
      for (const [size, status] of [
        [3, PSA_ERROR_BUFFER_TOO_SMALL],
        [4, PSA_SUCCESS],
      ] as const) {
        o = started(PSA_ALG_CBC_PKCS7, false, key);
        psa.cSync.psa_cipher_set_iv(o, IV);
        expect(psa.cSync.psa_cipher_update(o, ct, new Uint8Array(16))).toEqual({
          status: PSA_SUCCESS,
          outputLength: 0,
        });
        const out = new Uint8Array(size);
        const f = psa.cSync.psa_cipher_finish(o, out);
        expect(f).toEqual({ status, outputLength: status === PSA_SUCCESS ? 4 : 0 });
        if (status === PSA_SUCCESS) expect(out).toEqual(seq(4, 0x70));
      }

      const bad = seq(16, 0x30);
      bad[15] = 0;
      o = started(PSA_ALG_CBC_PKCS7, false, key);
      psa.cSync.psa_cipher_set_iv(o, IV);
      psa.cSync.psa_cipher_update(o, nobleCbc(AES128, IV, bad), new Uint8Array(16));
      expect(psa.cSync.psa_cipher_finish(o, new Uint8Array(16))).toEqual({
        status: PSA_ERROR_INVALID_PADDING,
        outputLength: 0,
      });
      expect(o.active).toBe(false);
    });
  },
);
