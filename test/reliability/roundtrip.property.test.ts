/**
 * Round-trip properties over the public API, for both cores, checked against independent
 * implementations (@noble/ciphers AES modes and CMAC, @noble/hashes HMAC and SHA-2):
 * - cipher: for any AES key, mode, IV and plaintext the mode accepts, `cipherEncrypt` gives
 *   what noble gives, `cipherDecrypt` gives the plaintext back, and a multipart run with any
 *   chunking gives the same bytes as the single-part call (NIST SP 800-38A modes, PKCS#7);
 * - MAC: `macCompute` equals noble's CMAC/HMAC (truncated as asked), `macVerify` accepts it and
 *   refuses it with any bit flipped or any byte dropped (PSA Crypto API 1.2 §10.3);
 * - hash: `hashCompute` equals noble, `hashCompare` refuses a flipped digest.
 * Runs: 1,200 + 400 + 1,000 + 300 = 2,900.
 */
import { cbc, cmac, ctr, ecb } from '@noble/ciphers/aes.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createPsa,
  deterministicRandom,
  isPsaError,
  PSA_ERROR_INVALID_SIGNATURE,
  type Psa,
  psa_cipher_operation_init,
} from '../../src/index.js';

const CORES = ['mbedtls', 'oberon'] as const;
const MODES = ['ECB_NO_PADDING', 'CBC_NO_PADDING', 'CBC_PKCS7', 'CTR'] as const;
type Mode = (typeof MODES)[number];

function newPsa(core: (typeof CORES)[number]): Psa {
  const psa = createPsa({ target: 'mbedtls', core, rng: deterministicRandom(`roundtrip/${core}`) });
  psa.init();
  return psa;
}

/** noble's answer for (mode, key, iv, plaintext). */
function reference(mode: Mode, key: Uint8Array, iv: Uint8Array, pt: Uint8Array): Uint8Array {
  switch (mode) {
    case 'ECB_NO_PADDING':
      return ecb(key, { disablePadding: true }).encrypt(pt);
    case 'CBC_NO_PADDING':
      return cbc(key, iv, { disablePadding: true }).encrypt(pt);
    case 'CBC_PKCS7':
      return cbc(key, iv).encrypt(pt);
    default:
      return ctr(key, iv).encrypt(pt);
  }
}

const keyArb = fc.constantFrom(16, 24, 32).chain((n) => fc.uint8Array({ minLength: n, maxLength: n }));
/** A plaintext the mode accepts: whole blocks for ECB/CBC without padding. */
const plaintextArb = (mode: Mode) =>
  mode === 'ECB_NO_PADDING' || mode === 'CBC_NO_PADDING'
    ? fc.integer({ min: 0, max: 6 }).chain((b) => fc.uint8Array({ minLength: 16 * b, maxLength: 16 * b }))
    : fc.uint8Array({ maxLength: 100 });
const caseArb = fc.constantFrom(...MODES).chain((mode) =>
  fc.record({
    core: fc.constantFrom(...CORES),
    mode: fc.constant(mode),
    key: keyArb,
    iv: fc.uint8Array({ minLength: 16, maxLength: 16 }),
    pt: plaintextArb(mode),
  }),
);

describe('cipher round trips (both cores) against @noble/ciphers', () => {
  it('encrypt with a given IV = noble; decrypt gives the plaintext; random-IV encrypt decrypts too (1,200 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ core, mode, key, iv, pt }) => {
        const psa = newPsa(core);
        const id = await psa.importKey({ type: 'AES', usage: ['encrypt', 'decrypt'], algorithm: mode }, key);
        const useIv = mode === 'ECB_NO_PADDING' ? new Uint8Array(0) : iv;
        const ct = await psa.cipherEncrypt(id, mode, pt, { iv: useIv });
        const expected = reference(mode, key, iv, pt);
        expect(ct.subarray(useIv.length)).toEqual(expected);
        expect(await psa.cipherDecrypt(id, mode, ct)).toEqual(pt);
        const randomIv = await psa.cipherEncrypt(id, mode, pt);
        expect(await psa.cipherDecrypt(id, mode, randomIv)).toEqual(pt);
      }),
      { numRuns: 1200 },
    );
  });

  it('multipart with any chunking = single part (C face) (400 runs)', () => {
    const chunked = caseArb.chain((c) =>
      fc.record({
        c: fc.constant(c),
        cuts: fc.array(fc.integer({ min: 0, max: c.pt.length }), { maxLength: 5 }),
        encrypt: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(chunked, ({ c: { core, mode, key, iv, pt }, cuts, encrypt }) => {
        const psa = newPsa(core);
        const s = psa.cSync;
        const a = s.psa_key_attributes_init();
        s.psa_set_key_type(a, 0x2400);
        s.psa_set_key_usage_flags(a, 0x300);
        const alg = {
          ECB_NO_PADDING: 0x04404400,
          CBC_NO_PADDING: 0x04404000,
          CBC_PKCS7: 0x04404100,
          CTR: 0x04c01000,
        }[mode];
        s.psa_set_key_algorithm(a, alg);
        const { key: id } = s.psa_import_key(a, key);
        // Decrypt direction: the input is noble's ciphertext (whole blocks except for CTR).
        const input = encrypt ? pt : reference(mode, key, iv, pt);
        const want = encrypt ? reference(mode, key, iv, pt) : pt;
        const op = psa_cipher_operation_init();
        expect(
          encrypt ? s.psa_cipher_encrypt_setup(op, id, alg) : s.psa_cipher_decrypt_setup(op, id, alg),
        ).toBe(0);
        if (mode !== 'ECB_NO_PADDING') expect(s.psa_cipher_set_iv(op, iv)).toBe(0);
        const bounds = [
          0,
          ...[...cuts].sort((x, y) => x - y).map((x) => Math.min(x, input.length)),
          input.length,
        ];
        const out: number[] = [];
        for (let i = 1; i < bounds.length; i++) {
          const chunk = input.subarray(bounds[i - 1], bounds[i]);
          const buf = new Uint8Array(chunk.length + 32);
          const r = s.psa_cipher_update(op, chunk, buf);
          expect(r.status).toBe(0);
          out.push(...buf.subarray(0, r.outputLength));
        }
        const fin = new Uint8Array(32);
        const f = s.psa_cipher_finish(op, fin);
        expect(f.status).toBe(0);
        out.push(...fin.subarray(0, f.outputLength));
        expect(Uint8Array.from(out)).toEqual(want);
      }),
      { numRuns: 400 },
    );
  });
});

const HASHES = {
  'SHA-1': sha1,
  'SHA-224': sha224,
  'SHA-256': sha256,
  'SHA-384': sha384,
  'SHA-512': sha512,
} as const;
type HashName = keyof typeof HASHES;

describe('MAC round trips (both cores) against @noble', () => {
  const macArb = fc.oneof(
    fc.record({
      kind: fc.constant('CMAC' as const),
      key: keyArb,
      hash: fc.constant<HashName>('SHA-256'),
    }),
    fc.record({
      kind: fc.constant('HMAC' as const),
      key: fc.uint8Array({ minLength: 1, maxLength: 150 }),
      hash: fc.constantFrom(...(Object.keys(HASHES) as HashName[])),
    }),
  );

  it('compute = noble (full and truncated), verify accepts it and refuses any change (1,000 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CORES),
        macArb,
        fc.uint8Array({ maxLength: 200 }),
        fc.integer({ min: 0, max: 64 }),
        fc.nat(),
        async (core, { kind, key, hash }, msg, truncation, flip) => {
          const psa = newPsa(core);
          const full = kind === 'CMAC' ? cmac(msg, key) : hmac(HASHES[hash], key, msg);
          const t = truncation >= 4 && truncation < full.length ? truncation : 0;
          const base = kind === 'CMAC' ? 'CMAC' : `HMAC-${hash}`;
          const alg = (t ? `${base}/${t}` : base) as 'CMAC';
          const id = await psa.importKey(
            {
              type: kind === 'CMAC' ? 'AES' : 'HMAC',
              usage: ['sign-message', 'verify-message'],
              algorithm: alg,
            },
            key,
          );
          const mac = await psa.macCompute(id, alg, msg);
          expect(mac).toEqual(full.subarray(0, t || full.length));
          await psa.macVerify(id, alg, msg, mac);
          const bad = mac.slice();
          bad[flip % bad.length]! ^= 1 << (flip % 8);
          for (const wrong of [bad, mac.subarray(0, mac.length - 1)]) {
            const e = await psa.macVerify(id, alg, msg, wrong).catch((x: unknown) => x);
            expect(isPsaError(e) && e.status).toBe(PSA_ERROR_INVALID_SIGNATURE);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('hash round trips against @noble/hashes', () => {
  it('compute = noble; compare accepts it and refuses a flipped digest (300 runs)', async () => {
    const psa = newPsa('mbedtls');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...(Object.keys(HASHES) as HashName[])),
        fc.uint8Array({ maxLength: 300 }),
        fc.nat(),
        async (name, msg, flip) => {
          const d = await psa.hashCompute(name, msg);
          expect(d).toEqual(HASHES[name](msg));
          await psa.hashCompare(name, msg, d);
          const bad = d.slice();
          bad[flip % bad.length]! ^= 0x80;
          const e = await psa.hashCompare(name, msg, bad).catch((x: unknown) => x);
          expect(isPsaError(e) && e.status).toBe(PSA_ERROR_INVALID_SIGNATURE);
        },
      ),
      { numRuns: 300 },
    );
  });
});
