/**
 * PSA Crypto through the C facade on a warm persistent key (`createPsa({ target: 'mbedtls' })`,
 * memory ITS): `psa_cipher_encrypt` AES-128-CBC (random IV, output IV ‖ ciphertext) on 16 B and 1 KiB,
 * `psa_mac_compute` AES-CMAC on 64 B, and `psa_open_key` with the key cached (warm) or purged (cold).
 * The baseline of each crypto group is the same AES work called directly with @noble/ciphers (what the
 * core runs underneath, key schedule included, random IV drawn the same way); the target is
 * the facade's `cSync` row within 3× of it (a ratio ≥ 0.33) for the 16 B encrypt.
 * @module
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { cbc, cmac, unsafe } from '@noble/ciphers/aes.js';
import {
  createPsa,
  PSA_ALG_CBC_NO_PADDING,
  PSA_ALG_CMAC,
  PSA_KEY_LIFETIME_PERSISTENT,
  PSA_KEY_TYPE_AES,
  PSA_KEY_USAGE_DECRYPT,
  PSA_KEY_USAGE_ENCRYPT,
  PSA_KEY_USAGE_SIGN_MESSAGE,
  PSA_KEY_USAGE_VERIFY_MESSAGE,
  PSA_SUCCESS,
  type Psa,
  psa_key_attributes_init,
  psa_set_key_algorithm,
  psa_set_key_bits,
  psa_set_key_id,
  psa_set_key_lifetime,
  psa_set_key_type,
  psa_set_key_usage_flags,
} from '../src/index.js';
import { assertSame, measure, type Task } from './measure.js';
import type { BenchOptions, BenchResult, BenchSuite } from './types.js';

const CALLS = 64;

function importPersistent(psa: Psa, id: number, key: Uint8Array, usage: number, alg: number): number {
  const a = psa_key_attributes_init();
  psa_set_key_id(a, id);
  psa_set_key_lifetime(a, PSA_KEY_LIFETIME_PERSISTENT);
  psa_set_key_type(a, PSA_KEY_TYPE_AES);
  psa_set_key_bits(a, 128);
  psa_set_key_usage_flags(a, usage);
  psa_set_key_algorithm(a, alg);
  const r = psa.cSync.psa_import_key(a, key);
  if (r.status !== PSA_SUCCESS) throw new Error(`psa_import_key failed: ${r.status}`);
  return r.key;
}

/** `n` calls per timed call, so one row's number is per operation. */
const times =
  (fn: () => unknown): (() => void) =>
  () => {
    for (let i = 0; i < CALLS; i++) fn();
  };
const timesAsync =
  (fn: () => Promise<unknown>): (() => Promise<void>) =>
  async () => {
    for (let i = 0; i < CALLS; i++) await fn();
  };

function check(status: number, what: string): void {
  if (status !== PSA_SUCCESS) throw new Error(`${what} failed: ${status}`);
}

/**
 * A random source that refills 4 KiB with one `getRandomValues` call and hands bytes out (wiping them):
 * shows how much of a small operation is the per-call cost of `crypto.getRandomValues`.
 */
function pooledRandom(): (out: Uint8Array) => void {
  const pool = new Uint8Array(4096);
  let used = pool.length;
  return (out) => {
    for (let i = 0; i < out.length; i++) {
      if (used === pool.length) {
        crypto.getRandomValues(pool);
        used = 0;
      }
      out[i] = pool[used]!;
      pool[used++] = 0;
    }
  };
}

async function cipherGroup(
  options: BenchOptions,
  psa: Psa,
  pooled: Psa,
  id: number,
  key: Uint8Array,
  size: number,
) {
  const input = new Uint8Array(randomBytes(size)); // own, aligned buffer (word views below)
  const output = new Uint8Array(16 + size);
  const iv = new Uint8Array(16);
  // The facade's answer decrypts with the IV it chose: same work as the direct rows.
  let direct = new Uint8Array(0);
  for (const p of [pooled, psa]) {
    check(p.cSync.psa_cipher_encrypt(id, PSA_ALG_CBC_NO_PADDING, input, output).status, 'psa_cipher_encrypt');
    direct = cbc(key, output.subarray(0, 16), { disablePadding: true }).encrypt(input);
    assertSame('psa_cipher_encrypt vs @noble/ciphers cbc', output.subarray(16), direct);
  }
  // AES-CBC on the words of a key schedule expanded once (little-endian words, as noble's ecb/cbc use).
  const xk = unsafe.expandKeyLE(key);
  const inWords = new Uint32Array(input.buffer, input.byteOffset, size / 4);
  const outWords = new Uint32Array(size / 4);
  const cachedCbc = (ivBytes: Uint8Array) => {
    const w = new Uint32Array(ivBytes.buffer, ivBytes.byteOffset, 4);
    let s0 = w[0]!;
    let s1 = w[1]!;
    let s2 = w[2]!;
    let s3 = w[3]!;
    for (let o = 0; o < size / 4; o += 4) {
      const e = unsafe.encrypt(
        xk,
        s0 ^ inWords[o]!,
        s1 ^ inWords[o + 1]!,
        s2 ^ inWords[o + 2]!,
        s3 ^ inWords[o + 3]!,
      );
      outWords[o] = s0 = e.s0;
      outWords[o + 1] = s1 = e.s1;
      outWords[o + 2] = s2 = e.s2;
      outWords[o + 3] = s3 = e.s3;
    }
    return outWords;
  };
  assertSame(
    'cached-schedule CBC vs @noble/ciphers cbc',
    new Uint8Array(cachedCbc(output.slice(0, 16)).buffer),
    direct,
  );
  const tasks: Task[] = [
    {
      name: 'psa.cSync.psa_cipher_encrypt (warm persistent key)',
      ops: CALLS,
      fn: times(() => psa.cSync.psa_cipher_encrypt(id, PSA_ALG_CBC_NO_PADDING, input, output)),
    },
    {
      name: 'psa.c.psa_cipher_encrypt (async, awaited)',
      ops: CALLS,
      fn: timesAsync(() => psa.c.psa_cipher_encrypt(id, PSA_ALG_CBC_NO_PADDING, input, output)),
    },
    {
      name: 'psa.cSync.psa_cipher_encrypt, createPsa({ rng: pooled 4 KiB })',
      ops: CALLS,
      note: 'the same call with a buffered random source instead of one getRandomValues per IV',
      fn: times(() => pooled.cSync.psa_cipher_encrypt(id, PSA_ALG_CBC_NO_PADDING, input, output)),
    },
    {
      name: 'direct @noble/ciphers cbc(key, iv).encrypt + getRandomValues(iv)',
      ops: CALLS,
      baseline: true,
      fn: times(() => cbc(key, crypto.getRandomValues(iv), { disablePadding: true }).encrypt(input)),
    },
    {
      name: 'direct noble unsafe.encrypt, key schedule cached (lower bound)',
      ops: CALLS,
      note: 'CBC chained on a schedule expanded once: what a per-slot cached key schedule could reach',
      fn: times(() => cachedCbc(crypto.getRandomValues(iv))),
    },
    {
      name: 'node:crypto createCipheriv aes-128-cbc + getRandomValues(iv)',
      ops: CALLS,
      fn: times(() => {
        const c = createCipheriv('aes-128-cbc', key, crypto.getRandomValues(iv));
        c.setAutoPadding(false);
        return c.update(input);
      }),
    },
  ];
  return measure(options, `psa_cipher_encrypt AES-128-CBC, ${size === 16 ? '16 B' : '1 KiB'}`, 'ops', tasks);
}

export const suite: BenchSuite = {
  name: 'PSA',
  async run(options) {
    const psa = createPsa({ target: 'mbedtls' });
    const pooled = createPsa({ target: 'mbedtls', rng: pooledRandom() });
    const aesKey = randomBytes(16);
    const macKey = randomBytes(16);
    let cipherId = 0;
    for (const p of [psa, pooled]) {
      check(p.cSync.psa_crypto_init(), 'psa_crypto_init');
      cipherId = importPersistent(
        p,
        1,
        aesKey,
        PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT,
        PSA_ALG_CBC_NO_PADDING,
      );
    }
    const macId = importPersistent(
      psa,
      2,
      macKey,
      PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE,
      PSA_ALG_CMAC,
    );
    const rows: BenchResult[] = [];
    rows.push(...(await cipherGroup(options, psa, pooled, cipherId, aesKey, 16)));
    rows.push(...(await cipherGroup(options, psa, pooled, cipherId, aesKey, 1024)));

    const message = randomBytes(64);
    const mac = new Uint8Array(16);
    check(psa.cSync.psa_mac_compute(macId, PSA_ALG_CMAC, message, mac).status, 'psa_mac_compute');
    assertSame('psa_mac_compute vs @noble/ciphers cmac', mac, cmac(message, macKey));
    rows.push(
      ...(await measure(options, 'psa_mac_compute AES-CMAC, 64 B', 'ops', [
        {
          name: 'psa.cSync.psa_mac_compute (warm persistent key)',
          ops: CALLS,
          fn: times(() => psa.cSync.psa_mac_compute(macId, PSA_ALG_CMAC, message, mac)),
        },
        {
          name: 'psa.c.psa_mac_compute (async, awaited)',
          ops: CALLS,
          fn: timesAsync(() => psa.c.psa_mac_compute(macId, PSA_ALG_CMAC, message, mac)),
        },
        {
          name: 'direct @noble/ciphers cmac(message, key)',
          ops: CALLS,
          baseline: true,
          note: 'node:crypto has no CMAC, so there is no node row',
          fn: times(() => cmac(message, macKey)),
        },
      ])),
    );

    check(psa.cSync.psa_open_key(cipherId).status, 'psa_open_key');
    rows.push(
      ...(await measure(options, 'psa_open_key (persistent AES-128 key, memory ITS)', 'ops', [
        {
          name: 'warm: key already in a slot',
          ops: CALLS,
          baseline: true,
          fn: times(() => psa.cSync.psa_open_key(cipherId)),
        },
        {
          name: 'cold: psa_purge_key, then psa_open_key (ITS read + key blob parse)',
          ops: CALLS,
          fn: times(() => {
            psa.cSync.psa_purge_key(cipherId);
            return psa.cSync.psa_open_key(cipherId);
          }),
        },
      ])),
    );
    psa.cSync.mbedtls_psa_crypto_free();
    pooled.cSync.mbedtls_psa_crypto_free();
    return rows;
  },
};
