/**
 * Official vectors through the C API, for both cores (`core: 'oberon'` and `core: 'mbedtls'`):
 * NIST SP 800-38A App. F (ECB, CBC, CTR × AES-128/192/256), RFC 4493 §4 AES-CMAC examples 1–4
 * (plus SP 800-38B App. D.2/D.3 for AES-192/256), RFC 4231 §4 HMAC-SHA-224/256/384/512 cases
 * 1–7 and the FIPS 180-4 example messages. See test/vectors/*.json for sources.
 */
import { describe, expect, it } from 'vitest';
import {
  createPsa,
  PSA_ALG_CBC_NO_PADDING,
  PSA_ALG_CMAC,
  PSA_ALG_CTR,
  PSA_ALG_ECB_NO_PADDING,
  PSA_ALG_HMAC,
  PSA_ALG_SHA_1,
  PSA_ALG_SHA_224,
  PSA_ALG_SHA_256,
  PSA_ALG_SHA_384,
  PSA_ALG_SHA_512,
  PSA_ALG_TRUNCATED_MAC,
  PSA_CIPHER_FINISH_OUTPUT_SIZE,
  PSA_CIPHER_UPDATE_OUTPUT_SIZE,
  PSA_ERROR_INVALID_SIGNATURE,
  PSA_HASH_LENGTH,
  PSA_KEY_TYPE_AES,
  PSA_KEY_TYPE_HMAC,
  PSA_KEY_USAGE_DECRYPT,
  PSA_KEY_USAGE_ENCRYPT,
  PSA_KEY_USAGE_SIGN_MESSAGE,
  PSA_KEY_USAGE_VERIFY_MESSAGE,
  PSA_SUCCESS,
  type Psa,
  type PsaCSync,
  type RandomSource,
} from '../../src/index.js';
import { concatBytes, fromHex, toHex } from '../../src/utils/bytes.js';
import sha from '../vectors/fips180-sha.json' with { type: 'json' };
import sp80038a from '../vectors/nist-sp800-38a.json' with { type: 'json' };
import hmacVectors from '../vectors/rfc4231-hmac.json' with { type: 'json' };
import cmacVectors from '../vectors/rfc4493-cmac.json' with { type: 'json' };

const CORES = ['oberon', 'mbedtls'] as const;
const CIPHER_ALG: Record<string, number> = {
  ECB: PSA_ALG_ECB_NO_PADDING,
  CBC: PSA_ALG_CBC_NO_PADDING,
  CTR: PSA_ALG_CTR,
};
const HASH_ALG: Record<string, number> = {
  'SHA-1': PSA_ALG_SHA_1,
  'SHA-224': PSA_ALG_SHA_224,
  'SHA-256': PSA_ALG_SHA_256,
  'SHA-384': PSA_ALG_SHA_384,
  'SHA-512': PSA_ALG_SHA_512,
};
/** Odd chunk sizes that straddle block boundaries (1, 15, 17, 31, … bytes). */
const CHUNKS = [1, 15, 17, 31, 2, 63, 16, 5];

/** A random source that hands out exactly `iv` once (psa_cipher_encrypt draws its IV from it). */
function ivSource(iv: Uint8Array): RandomSource & { calls: number } {
  const src = Object.assign(
    (out: Uint8Array) => {
      src.calls++;
      if (out.length !== iv.length || src.calls > 1)
        throw new Error(`unexpected rng call #${src.calls} for ${out.length} bytes`);
      out.set(iv);
    },
    { calls: 0 },
  );
  return src;
}

function newPsa(core: (typeof CORES)[number], rng?: RandomSource): Psa {
  const psa = createPsa({ target: 'mbedtls', core, ...(rng ? { rng } : {}) });
  expect(psa.cSync.psa_crypto_init()).toBe(PSA_SUCCESS);
  return psa;
}

function importKey(c: PsaCSync, type: number, usage: number, alg: number, key: Uint8Array): number {
  const attrs = c.psa_key_attributes_init();
  c.psa_set_key_type(attrs, type);
  c.psa_set_key_usage_flags(attrs, usage);
  c.psa_set_key_algorithm(attrs, alg);
  const r = c.psa_import_key(attrs, key);
  expect(r.status).toBe(PSA_SUCCESS);
  return r.key;
}

/** Splits `data` into CHUNKS-sized pieces (cycled), the last one whatever remains. */
function* chunks(data: Uint8Array, sizes = CHUNKS): Generator<Uint8Array> {
  let off = 0;
  for (let i = 0; off < data.length; i++) {
    const n = sizes[i % sizes.length]!;
    yield data.subarray(off, off + n);
    off += n;
  }
}

/** Runs a multipart cipher over `input` in odd chunks, each output buffer as PSA sizes it. */
function multipartCipher(
  c: PsaCSync,
  key: number,
  alg: number,
  encrypt: boolean,
  iv: Uint8Array,
  input: Uint8Array,
): Uint8Array {
  const op = c.psa_cipher_operation_init();
  const status = encrypt
    ? c.psa_cipher_encrypt_setup(op, key, alg)
    : c.psa_cipher_decrypt_setup(op, key, alg);
  expect(status).toBe(PSA_SUCCESS);
  if (iv.length > 0) expect(c.psa_cipher_set_iv(op, iv)).toBe(PSA_SUCCESS);
  const parts: Uint8Array[] = [];
  for (const chunk of chunks(input)) {
    const out = new Uint8Array(PSA_CIPHER_UPDATE_OUTPUT_SIZE(PSA_KEY_TYPE_AES, alg, chunk.length));
    const r = c.psa_cipher_update(op, chunk, out);
    expect(r.status).toBe(PSA_SUCCESS);
    parts.push(out.subarray(0, r.outputLength));
  }
  const fin = new Uint8Array(PSA_CIPHER_FINISH_OUTPUT_SIZE(PSA_KEY_TYPE_AES, alg));
  const r = c.psa_cipher_finish(op, fin);
  expect(r.status).toBe(PSA_SUCCESS);
  parts.push(fin.subarray(0, r.outputLength));
  return concatBytes(...parts);
}

/** A copy of `mac` with its last byte flipped. */
function corrupt(mac: Uint8Array): Uint8Array {
  const bad = mac.slice();
  bad[bad.length - 1]! ^= 0x01;
  return bad;
}

/** Every MAC path for one (key, alg, message, expected MAC). */
function checkMac(c: PsaCSync, key: number, alg: number, message: Uint8Array, expected: string): void {
  const n = expected.length / 2;
  const mac = new Uint8Array(n);
  const r = c.psa_mac_compute(key, alg, message, mac);
  expect(r.status).toBe(PSA_SUCCESS);
  expect(r.macLength).toBe(n);
  expect(toHex(mac)).toBe(expected);
  expect(c.psa_mac_verify(key, alg, message, fromHex(expected))).toBe(PSA_SUCCESS);
  expect(c.psa_mac_verify(key, alg, message, corrupt(fromHex(expected)))).toBe(PSA_ERROR_INVALID_SIGNATURE);

  const sign = c.psa_mac_operation_init();
  expect(c.psa_mac_sign_setup(sign, key, alg)).toBe(PSA_SUCCESS);
  for (const chunk of chunks(message)) expect(c.psa_mac_update(sign, chunk)).toBe(PSA_SUCCESS);
  const mp = new Uint8Array(n);
  const s = c.psa_mac_sign_finish(sign, mp);
  expect(s.status).toBe(PSA_SUCCESS);
  expect(s.macLength).toBe(n);
  expect(toHex(mp)).toBe(expected);

  for (const [candidate, status] of [
    [fromHex(expected), PSA_SUCCESS],
    [corrupt(fromHex(expected)), PSA_ERROR_INVALID_SIGNATURE],
  ] as const) {
    const verify = c.psa_mac_operation_init();
    expect(c.psa_mac_verify_setup(verify, key, alg)).toBe(PSA_SUCCESS);
    for (const chunk of chunks(message, [7, 64, 1]))
      expect(c.psa_mac_update(verify, chunk)).toBe(PSA_SUCCESS);
    expect(c.psa_mac_verify_finish(verify, candidate)).toBe(status);
  }
}

type ShaMessage = { bits: number; ascii?: string; repeat?: string; count?: number };
function shaMessage(name: string): Uint8Array {
  const m = (sha.messages as Record<string, ShaMessage>)[name];
  if (!m) throw new Error(`no message ${name}`);
  const text = m.ascii ?? m.repeat!.repeat(m.count!);
  const bytes = new TextEncoder().encode(text);
  expect(bytes.length * 8).toBe(m.bits);
  return bytes;
}

describe.each(CORES)('official vectors through the C API (core %s)', (core) => {
  describe('NIST SP 800-38A App. F (ECB, CBC, CTR)', () => {
    for (const v of sp80038a.vectors) {
      const alg = CIPHER_ALG[v.mode]!;
      const key = fromHex(v.key);
      const iv = fromHex(v.iv);
      const pt = fromHex(v.plaintext.join(''));
      const ct = fromHex(v.ciphertext.join(''));
      const usage = PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT;
      const label = `${v.name} (${v.sections.join(', ')})`;

      it(`${label}: single-part psa_cipher_decrypt(IV ‖ ciphertext)`, () => {
        const { cSync: c } = newPsa(core);
        const k = importKey(c, PSA_KEY_TYPE_AES, usage, alg, key);
        const out = new Uint8Array(ct.length);
        const r = c.psa_cipher_decrypt(k, alg, concatBytes(iv, ct), out);
        expect(r).toEqual({ status: PSA_SUCCESS, outputLength: pt.length });
        expect(toHex(out)).toBe(toHex(pt));
      });

      it(`${label}: single-part psa_cipher_encrypt with the vector's IV from the rng`, () => {
        const rng = ivSource(iv);
        const { cSync: c } = newPsa(core, rng);
        const k = importKey(c, PSA_KEY_TYPE_AES, usage, alg, key);
        const out = new Uint8Array(iv.length + pt.length);
        const r = c.psa_cipher_encrypt(k, alg, pt, out);
        expect(r).toEqual({ status: PSA_SUCCESS, outputLength: iv.length + ct.length });
        expect(toHex(out)).toBe(toHex(concatBytes(iv, ct)));
        expect(rng.calls).toBe(iv.length > 0 ? 1 : 0); // ECB draws no IV
      });

      it(`${label}: multipart encrypt and decrypt in odd chunks (psa_cipher_set_iv)`, () => {
        const { cSync: c } = newPsa(core);
        const k = importKey(c, PSA_KEY_TYPE_AES, usage, alg, key);
        expect(toHex(multipartCipher(c, k, alg, true, iv, pt))).toBe(toHex(ct));
        expect(toHex(multipartCipher(c, k, alg, false, iv, ct))).toBe(toHex(pt));
      });

      if (v.mode === 'CTR') {
        it(`${label}: partial final block (59 and 57 bytes), single-part and multipart`, () => {
          const { cSync: c } = newPsa(core, ivSource(iv));
          const k = importKey(c, PSA_KEY_TYPE_AES, usage, alg, key);
          const enc = new Uint8Array(16 + 59);
          expect(c.psa_cipher_encrypt(k, alg, pt.subarray(0, 59), enc)).toEqual({
            status: PSA_SUCCESS,
            outputLength: 16 + 59,
          });
          expect(toHex(enc)).toBe(toHex(concatBytes(iv, ct.subarray(0, 59))));
          const dec = new Uint8Array(57);
          expect(c.psa_cipher_decrypt(k, alg, concatBytes(iv, ct.subarray(0, 57)), dec)).toEqual({
            status: PSA_SUCCESS,
            outputLength: 57,
          });
          expect(toHex(dec)).toBe(toHex(pt.subarray(0, 57)));
          expect(toHex(multipartCipher(c, k, alg, true, iv, pt.subarray(0, 59)))).toBe(
            toHex(ct.subarray(0, 59)),
          );
          expect(toHex(multipartCipher(c, k, alg, false, iv, ct.subarray(0, 57)))).toBe(
            toHex(pt.subarray(0, 57)),
          );
        });
      }
    }
  });

  describe('RFC 4493 §4 AES-CMAC (and SP 800-38B App. D.2/D.3)', () => {
    const usage = PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE;
    for (const ex of cmacVectors.examples) {
      it(`RFC 4493 example ${ex.example} (${ex.length} bytes): compute, verify, wrong MAC, multipart`, () => {
        const { cSync: c } = newPsa(core);
        const k = importKey(c, PSA_KEY_TYPE_AES, usage, PSA_ALG_CMAC, fromHex(cmacVectors.key));
        checkMac(c, k, PSA_ALG_CMAC, fromHex(ex.message), ex.mac);
      });
    }
    for (const set of cmacVectors.nistSp80038b.sets) {
      it(`SP 800-38B ${set.section} (AES-${set.key.length * 4}) examples 1–4`, () => {
        const { cSync: c } = newPsa(core);
        const k = importKey(c, PSA_KEY_TYPE_AES, usage, PSA_ALG_CMAC, fromHex(set.key));
        set.macs.forEach((mac, i) => {
          checkMac(c, k, PSA_ALG_CMAC, fromHex(cmacVectors.examples[i]!.message), mac);
        });
      });
    }
  });

  describe('RFC 4231 §4 HMAC-SHA-224/256/384/512', () => {
    const usage = PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE;
    for (const tc of hmacVectors.cases) {
      for (const [hash, mac] of Object.entries(tc.macs)) {
        const full = PSA_ALG_HMAC(HASH_ALG[hash]!);
        const truncatedTo = (tc as { truncatedTo?: number }).truncatedTo;
        const alg = truncatedTo ? PSA_ALG_TRUNCATED_MAC(full, truncatedTo) : full;
        const what = truncatedTo ? `PSA_ALG_TRUNCATED_MAC(HMAC-${hash}, ${truncatedTo})` : `HMAC-${hash}`;
        it(`test case ${tc.case} (§${tc.section}) ${what}: compute, verify, wrong MAC, multipart`, () => {
          const { cSync: c } = newPsa(core);
          const k = importKey(c, PSA_KEY_TYPE_HMAC, usage, alg, fromHex(tc.key));
          checkMac(c, k, alg, fromHex(tc.data), mac);
        });
      }
    }
  });

  describe('FIPS 180-4 example messages (SHA-1, SHA-2)', () => {
    for (const v of sha.vectors) {
      const alg = HASH_ALG[v.hash]!;
      it(`${v.hash} "${v.message}" (${v.doc}): compute, compare, multipart with clone`, () => {
        const { cSync: c } = newPsa(core);
        const msg = shaMessage(v.message);
        const n = PSA_HASH_LENGTH(alg);
        expect(n).toBe(v.digest.length / 2);
        const out = new Uint8Array(n);
        expect(c.psa_hash_compute(alg, msg, out)).toEqual({ status: PSA_SUCCESS, hashLength: n });
        expect(toHex(out)).toBe(v.digest);
        expect(c.psa_hash_compare(alg, msg, fromHex(v.digest))).toBe(PSA_SUCCESS);
        expect(c.psa_hash_compare(alg, msg, corrupt(fromHex(v.digest)))).toBe(PSA_ERROR_INVALID_SIGNATURE);

        // Multipart: feed an odd-sized head, clone mid-way, finish both the original and the clone.
        const split = Math.min(msg.length, msg.length > 1000 ? 333_331 : 3);
        const op = c.psa_hash_operation_init();
        expect(c.psa_hash_setup(op, alg)).toBe(PSA_SUCCESS);
        const sizes = msg.length > 1000 ? [99_991, 65_536, 1] : CHUNKS;
        for (const chunk of chunks(msg.subarray(0, split), sizes))
          expect(c.psa_hash_update(op, chunk)).toBe(PSA_SUCCESS);
        const clone = c.psa_hash_operation_init();
        expect(c.psa_hash_clone(op, clone)).toBe(PSA_SUCCESS);
        for (const target of [op, clone])
          for (const chunk of chunks(msg.subarray(split), sizes))
            expect(c.psa_hash_update(target, chunk)).toBe(PSA_SUCCESS);
        const mp = new Uint8Array(n);
        expect(c.psa_hash_finish(op, mp)).toEqual({ status: PSA_SUCCESS, hashLength: n });
        expect(toHex(mp)).toBe(v.digest);
        expect(c.psa_hash_verify(clone, fromHex(v.digest))).toBe(PSA_SUCCESS);
      });
    }
  });

  describe('a few vectors through the async psa.c', () => {
    it('SP 800-38A F.2.2 CBC-AES128 decrypt and F.5.1 CTR-AES128 encrypt', async () => {
      const cbc = sp80038a.vectors.find((v) => v.name === 'CBC-AES128')!;
      const ctr = sp80038a.vectors.find((v) => v.name === 'CTR-AES128')!;
      const { c } = newPsa(core, ivSource(fromHex(ctr.iv)));
      const attrs = c.psa_key_attributes_init();
      c.psa_set_key_type(attrs, PSA_KEY_TYPE_AES);
      c.psa_set_key_usage_flags(attrs, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT);
      c.psa_set_key_algorithm(attrs, PSA_ALG_CBC_NO_PADDING);
      const cbcKey = await c.psa_import_key(attrs, fromHex(cbc.key));
      expect(cbcKey.status).toBe(PSA_SUCCESS);
      const pt = new Uint8Array(64);
      const input = fromHex(cbc.iv + cbc.ciphertext.join(''));
      expect(await c.psa_cipher_decrypt(cbcKey.key, PSA_ALG_CBC_NO_PADDING, input, pt)).toEqual({
        status: PSA_SUCCESS,
        outputLength: 64,
      });
      expect(toHex(pt)).toBe(cbc.plaintext.join(''));

      c.psa_set_key_algorithm(attrs, PSA_ALG_CTR);
      const ctrKey = await c.psa_import_key(attrs, fromHex(ctr.key));
      const out = new Uint8Array(16 + 64);
      const r = await c.psa_cipher_encrypt(ctrKey.key, PSA_ALG_CTR, fromHex(ctr.plaintext.join('')), out);
      expect(r).toEqual({ status: PSA_SUCCESS, outputLength: 80 });
      expect(toHex(out)).toBe(ctr.iv + ctr.ciphertext.join(''));
    });

    it('RFC 4493 example 3 and RFC 4231 case 7 HMAC-SHA-512: compute and verify', async () => {
      const { c } = newPsa(core);
      const attrs = c.psa_key_attributes_init();
      c.psa_set_key_usage_flags(attrs, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE);
      c.psa_set_key_type(attrs, PSA_KEY_TYPE_AES);
      c.psa_set_key_algorithm(attrs, PSA_ALG_CMAC);
      const cmacKey = await c.psa_import_key(attrs, fromHex(cmacVectors.key));
      const ex3 = cmacVectors.examples[2]!;
      const mac = new Uint8Array(16);
      expect(await c.psa_mac_compute(cmacKey.key, PSA_ALG_CMAC, fromHex(ex3.message), mac)).toEqual({
        status: PSA_SUCCESS,
        macLength: 16,
      });
      expect(toHex(mac)).toBe(ex3.mac);

      const tc7 = hmacVectors.cases[6]!;
      const alg = PSA_ALG_HMAC(PSA_ALG_SHA_512);
      c.psa_set_key_type(attrs, PSA_KEY_TYPE_HMAC);
      c.psa_set_key_algorithm(attrs, alg);
      const hmacKey = await c.psa_import_key(attrs, fromHex(tc7.key));
      expect(await c.psa_mac_verify(hmacKey.key, alg, fromHex(tc7.data), fromHex(tc7.macs['SHA-512']))).toBe(
        PSA_SUCCESS,
      );
      expect(
        await c.psa_mac_verify(hmacKey.key, alg, fromHex(tc7.data), corrupt(fromHex(tc7.macs['SHA-512']))),
      ).toBe(PSA_ERROR_INVALID_SIGNATURE);
    });

    it('FIPS 180-4 SHA-256 "abc"/448-bit and SHA-384/512 896-bit: compute and compare', async () => {
      const { c } = newPsa(core);
      const picked = sha.vectors.filter(
        (x) => (x.hash === 'SHA-256' && x.message !== 'million-a') || x.message === 'two-block-896',
      );
      expect(picked).toHaveLength(4);
      for (const v of picked) {
        const alg = HASH_ALG[v.hash]!;
        const out = new Uint8Array(PSA_HASH_LENGTH(alg));
        const r = await c.psa_hash_compute(alg, shaMessage(v.message), out);
        expect(r.status).toBe(PSA_SUCCESS);
        expect(toHex(out)).toBe(v.digest);
        expect(await c.psa_hash_compare(alg, shaMessage(v.message), out)).toBe(PSA_SUCCESS);
      }
    });
  });
});
