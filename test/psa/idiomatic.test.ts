/**
 * The idiomatic layer (src/psa/api/idiomatic.ts, names.ts) and the argument checks of the C faces
 * (src/psa/service/service.ts:checkServiceArgs, create-psa.ts): statuses become `PsaError`s carrying
 * the C status; bad JavaScript input becomes a `TypeError`/`RangeError` that names the argument;
 * nothing ever fails with an internal error (property-tested with fast-check).
 */
import { runInNewContext } from 'node:vm';
import { cbc, cmac, ctr, ecb } from '@noble/ciphers/aes.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256, sha512_224, sha512_256 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createPsa,
  deterministicRandom,
  memoryStorage,
  PSA_ALG_CBC_NO_PADDING,
  PSA_ALG_CMAC,
  PSA_ALG_HMAC,
  PSA_ALG_MD5,
  PSA_ALG_SHA_256,
  PSA_ALG_SHA_512_224,
  PSA_ALG_SHA_512_256,
  PSA_ALG_TRUNCATED_MAC,
  PSA_ERROR_DOES_NOT_EXIST,
  PSA_ERROR_INVALID_ARGUMENT,
  PSA_ERROR_INVALID_HANDLE,
  PSA_ERROR_INVALID_SIGNATURE,
  PSA_ERROR_NOT_PERMITTED,
  PSA_ERROR_NOT_SUPPORTED,
  PSA_KEY_ID_VOLATILE_MIN,
  PSA_KEY_LIFETIME_PERSISTENT,
  PSA_KEY_TYPE_AES,
  PSA_KEY_USAGE_DECRYPT,
  PSA_KEY_USAGE_ENCRYPT,
  PSA_KEY_USAGE_EXPORT,
  PSA_SUCCESS,
  type Psa,
  PsaError,
  psa_cipher_operation_init,
  psa_key_attributes_init,
} from '../../src/index.js';
import { toHex } from '../../src/utils/bytes.js';
import { AES128, CORES, IV, newPsa, seq } from './helpers.js';

type Method = keyof Psa & string;
/** Calls an idiomatic method with arbitrary (possibly ill-typed) arguments. */
const call = (psa: Psa, m: Method, ...args: unknown[]): Promise<unknown> =>
  Promise.resolve().then(() => (psa[m] as (...a: unknown[]) => unknown)(...args));

describe.each(CORES)('idiomatic API happy path (src/psa/api/idiomatic.ts) (%s)', (core) => {
  let psa: Psa;
  beforeEach(() => {
    psa = newPsa(core);
  });

  it('import, attributes, export, cipher (random and given IV), close', async () => {
    const key = await psa.importKey(
      { type: 'AES', usage: ['encrypt', 'decrypt', 'export'], algorithm: 'CBC_NO_PADDING' },
      AES128,
    );
    expect(key).toBe(PSA_KEY_ID_VOLATILE_MIN);
    expect(await psa.getKeyAttributes(key)).toMatchObject({
      type: PSA_KEY_TYPE_AES,
      bits: 128,
      usageNames: ['export', 'encrypt', 'decrypt'],
      algorithm: PSA_ALG_CBC_NO_PADDING,
    });
    expect(await psa.exportKey(key)).toEqual(AES128);
    const pt = seq(32);
    const ct = await psa.cipherEncrypt(key, 'CBC_NO_PADDING', pt);
    expect(ct.length).toBe(48);
    expect(ct.subarray(16)).toEqual(cbc(AES128, ct.subarray(0, 16), { disablePadding: true }).encrypt(pt));
    expect(await psa.cipherDecrypt(key, 'CBC_NO_PADDING', ct)).toEqual(pt);
    const fixed = await psa.cipherEncrypt(key, PSA_ALG_CBC_NO_PADDING, pt, { iv: IV });
    expect(fixed.subarray(0, 16)).toEqual(IV);
    expect(fixed.subarray(16)).toEqual(cbc(AES128, IV, { disablePadding: true }).encrypt(pt));
    await psa.closeKey(key);
    await expect(psa.exportKey(key)).rejects.toMatchObject({ status: PSA_ERROR_INVALID_HANDLE });
  });

  it('persistent key by id, MAC, hash, generate, copy, purge, destroy, random, ITS', async () => {
    const k = await psa.importKey(
      { id: 3, type: 'AES', usage: ['sign-message', 'verify-message', 'copy'], algorithm: 'CMAC/8' },
      AES128,
    );
    expect(k).toBe(3);
    expect((await psa.getKeyAttributes(3)).lifetime).toBe(PSA_KEY_LIFETIME_PERSISTENT);
    const msg = seq(40);
    const mac = await psa.macCompute(3, 'CMAC/8', msg);
    expect(mac).toEqual(cmac(msg, AES128).subarray(0, 8));
    await psa.macVerify(3, PSA_ALG_TRUNCATED_MAC(PSA_ALG_CMAC, 8), msg, mac);
    await expect(psa.macVerify(3, 'CMAC/8', msg, seq(8))).rejects.toMatchObject({
      status: PSA_ERROR_INVALID_SIGNATURE,
    });
    expect(await psa.hashCompute('SHA-256', msg)).toEqual(sha256(msg));
    await psa.hashCompare('SHA-256', msg, sha256(msg));
    const g = await psa.generateKey({
      type: 'HMAC',
      bits: 256,
      usage: ['sign-hash'],
      algorithm: 'HMAC-SHA-256',
    });
    expect((await psa.getKeyAttributes(g)).usageNames).toEqual(['sign-message', 'sign-hash']);
    const c = await psa.copyKey(3, { usage: ['verify-message'] });
    expect((await psa.getKeyAttributes(c)).usageNames).toEqual(['verify-message']);
    expect(await psa.openKey(3)).toBe(3);
    await psa.purgeKey(3);
    await psa.destroyKey(3);
    await expect(psa.openKey(3)).rejects.toMatchObject({ status: PSA_ERROR_DOES_NOT_EXIST });
    expect((await psa.generateRandom(24)).length).toBe(24);
    expect(await psa.generateRandom(0)).toEqual(new Uint8Array(0));
    await psa.itsSet(9n, seq(5));
    expect(await psa.itsGetInfo(9n)).toMatchObject({ size: 5 });
    expect(await psa.itsGet(9n, 1, 3)).toEqual(seq(3, 1));
    expect(await psa.itsGet(9n)).toEqual(seq(5));
    await psa.itsRemove(9n);
    await expect(psa.itsGetInfo(9n)).rejects.toMatchObject({ status: PSA_ERROR_DOES_NOT_EXIST });
  });
});

describe('PsaError (src/psa/error.ts, idiomatic.ts #check)', () => {
  it('carries status, code and function; the message never contains key bytes', async () => {
    const psa = newPsa('oberon');
    const secret = seq(15, 0xa0);
    const err = await psa.importKey({ type: 'AES', usage: ['encrypt'] }, secret).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PsaError);
    expect(err).toMatchObject({
      name: 'PsaError',
      status: PSA_ERROR_INVALID_ARGUMENT,
      code: 'PSA_ERROR_INVALID_ARGUMENT',
      function: 'psa_import_key',
    });
    const msg = (err as Error).message;
    expect(msg).toMatch(/^psa_import_key: PSA_ERROR_INVALID_ARGUMENT \(-135\)/);
    expect(msg.toLowerCase()).not.toContain(toHex(secret));
  });

  it('a PSA status from the core is a PsaError, never a TypeError', async () => {
    const psa = newPsa('mbedtls');
    const k = await psa.importKey({ type: 'AES', usage: ['encrypt'], algorithm: 'CBC_NO_PADDING' }, AES128);
    for (const [p, status] of [
      [psa.cipherEncrypt(k, 'CBC_NO_PADDING', seq(17)), PSA_ERROR_INVALID_ARGUMENT],
      [psa.cipherEncrypt(k, 'CBC_NO_PADDING', seq(16), { iv: seq(8) }), PSA_ERROR_INVALID_ARGUMENT],
      [psa.cipherEncrypt(k, 'CTR', seq(16)), PSA_ERROR_NOT_PERMITTED],
      [psa.cipherDecrypt(k, 'CBC_NO_PADDING', seq(32)), PSA_ERROR_NOT_PERMITTED],
      [psa.cipherEncrypt(k, 'SHA-256', seq(16)), PSA_ERROR_INVALID_ARGUMENT],
      [psa.macCompute(k, 'CMAC/2', seq(4)), PSA_ERROR_NOT_PERMITTED],
      [psa.hashCompute(PSA_ALG_MD5, seq(4)), PSA_ERROR_NOT_SUPPORTED],
      [psa.generateKey({ type: 'AES', usage: [] }), PSA_ERROR_INVALID_ARGUMENT],
      [psa.importKey({ type: 'AES', usage: [] }, new Uint8Array(0)), PSA_ERROR_INVALID_ARGUMENT],
      [psa.importKey({ id: 0x40000000, type: 'AES', usage: [] }, AES128), PSA_ERROR_INVALID_ARGUMENT],
      [psa.itsGet(77n), PSA_ERROR_DOES_NOT_EXIST],
    ] as const) {
      await expect(p).rejects.toSatisfy((e) => e instanceof PsaError && e.status === status);
    }
  });
});

describe('bad input to the idiomatic layer names the argument (idiomatic.ts, names.ts)', () => {
  let psa: Psa;
  let key: number;
  beforeEach(async () => {
    psa = newPsa('oberon');
    key = await psa.importKey(
      { type: 'AES', usage: ['encrypt', 'decrypt'], algorithm: 'CBC_NO_PADDING' },
      AES128,
    );
  });
  const spec = { type: 'AES', usage: ['encrypt'] };

  it.each([
    ['importKey', () => [null, AES128], TypeError, /^key attributes /],
    ['importKey', () => ['AES', AES128], TypeError, /^key attributes /],
    ['importKey', () => [{ ...spec, type: 'DES' }, AES128], TypeError, /^type .*"DES"/],
    ['importKey', () => [{ ...spec, type: undefined }, AES128], TypeError, /^type /],
    ['importKey', () => [{ ...spec, type: 0x10000 }, AES128], RangeError, /^attributes\.type /],
    ['importKey', () => [{ ...spec, usage: 'encrypt' }, AES128], TypeError, /^usage /],
    ['importKey', () => [{ ...spec, usage: ['encrypt', 'fly'] }, AES128], TypeError, /^usage contains "fly"/],
    ['importKey', () => [{ ...spec, usage: 2 ** 32 }, AES128], RangeError, /^usage /],
    ['importKey', () => [{ ...spec, algorithm: 'AES-CBC' }, AES128], TypeError, /^algorithm .*"AES-CBC"/],
    ['importKey', () => [{ ...spec, algorithm: 'CTR/8' }, AES128], TypeError, /^algorithm /],
    [
      'importKey',
      () => [{ ...spec, algorithm: 'CMAC/0' }, AES128],
      RangeError,
      /^algorithm: a truncated MAC length/,
    ],
    ['importKey', () => [{ ...spec, algorithm: 'HMAC-SHA-256/64' }, AES128], RangeError, /^algorithm: /],
    ['importKey', () => [{ ...spec, algorithm: -1 }, AES128], RangeError, /^algorithm /],
    ['importKey', () => [{ ...spec, lifetime: 'forever' }, AES128], TypeError, /^lifetime /],
    ['importKey', () => [{ ...spec, id: -1 }, AES128], RangeError, /^id /],
    ['importKey', () => [{ ...spec, id: '3' }, AES128], TypeError, /^id /],
    ['importKey', () => [{ ...spec, bits: -8 }, AES128], RangeError, /^bits /],
    ['importKey', () => [{ ...spec, bits: '128' }, AES128], TypeError, /^bits /],
    ['importKey', () => [spec, 'key bytes'], TypeError, /^data /],
    ['importKey', () => [spec, [1, 2, 3]], TypeError, /^data /],
    ['importKey', () => [spec, new Uint16Array(8)], TypeError, /^data /],
    ['generateKey', () => [{ type: 'AES', bits: 128 }], TypeError, /^usage /],
    ['copyKey', () => ['1', { usage: [] }], TypeError, /^source_key /],
    ['copyKey', () => [1, { usage: [], type: 'X' }], TypeError, /^type /],
    ['openKey', () => ['1'], TypeError, /^key /],
    ['openKey', () => [-1], RangeError, /^key /],
    ['openKey', () => [2 ** 32], RangeError, /^key /],
    ['closeKey', () => [null], TypeError, /^handle /],
    ['destroyKey', () => [{}], TypeError, /^key /],
    ['purgeKey', () => [1n], TypeError, /^key /],
    ['getKeyAttributes', () => [1.5], TypeError, /^key /],
    ['exportKey', () => [undefined], TypeError, /^key /],
    ['cipherEncrypt', () => [1, 'CBC', seq(16)], TypeError, /^algorithm /],
    ['cipherEncrypt', () => [1, 'CBC_NO_PADDING', 'text'], TypeError, /^plaintext /],
    ['cipherEncrypt', () => [1, 'CBC_NO_PADDING', seq(16), null], TypeError, /^options /],
    ['cipherEncrypt', () => [1, 'CBC_NO_PADDING', seq(16), 5], TypeError, /^options /],
    ['cipherEncrypt', () => [1, 'CBC_NO_PADDING', seq(16), { iv: 'iv' }], TypeError, /^options\.iv /],
    ['cipherEncrypt', () => ['1', 'CBC_NO_PADDING', seq(16)], TypeError, /^key /],
    ['cipherDecrypt', () => [1, 'CTR', 123], TypeError, /^input /],
    ['macCompute', () => [1, 'HMAC-SHA3-256', seq(4)], TypeError, /^algorithm /],
    ['macCompute', () => [1, 'CMAC', null], TypeError, /^input /],
    ['macVerify', () => [1, 'CMAC', seq(4), 'mac'], TypeError, /^mac /],
    ['hashCompute', () => ['SHA3-256', seq(4)], TypeError, /^algorithm .*"SHA3-256"/],
    ['hashCompute', () => ['SHA-256', 'abc'], TypeError, /^input /],
    ['hashCompute', () => [1.5, seq(4)], RangeError, /^algorithm /],
    ['hashCompare', () => ['SHA-256', seq(4), 42], TypeError, /^hash /],
    ['generateRandom', () => [-1], RangeError, /^length /],
    ['generateRandom', () => [1.5], RangeError, /^length /],
    ['generateRandom', () => ['8'], TypeError, /^length /],
    ['itsSet', () => ['1', seq(4)], TypeError, /^uid /],
    ['itsSet', () => [-1n, seq(4)], RangeError, /^uid /],
    ['itsSet', () => [1n, 'data'], TypeError, /^data /],
    ['itsSet', () => [1n, seq(4), 'none'], TypeError, /^create_flags /],
    ['itsGet', () => [1n, -1], RangeError, /^offset /],
    ['itsGet', () => [1n, 'a'], TypeError, /^offset /],
    ['itsGet', () => [1n, 0, -1], RangeError, /^length /],
    ['itsGet', () => [1n, 0, 1.5], RangeError, /^length /],
    ['itsGetInfo', () => [1], TypeError, /^uid /],
    ['itsRemove', () => [2n ** 64n], RangeError, /^uid /],
  ] as const)('%s(%#) → %s', async (m, args, cls, message) => {
    const err = await call(psa, m, ...args()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(cls);
    expect((err as Error).message).toMatch(message);
    expect(key).toBe(PSA_KEY_ID_VOLATILE_MIN); // nothing else ran
  });
});

describe('random bad input never causes an internal error (idiomatic.ts, service.ts:checkServiceArgs; fast-check)', () => {
  /** For each method: the names its error messages may start with, and valid default arguments. */
  const SPEC_NAMES = ['key attributes', 'id', 'lifetime', 'type', 'bits', 'usage', 'algorithm', 'attributes'];
  const METHODS: Record<string, { names: string[]; defaults: (k: number) => unknown[] }> = {
    importKey: {
      names: [...SPEC_NAMES, 'data'],
      defaults: () => [{ type: 'AES', usage: ['encrypt'] }, AES128],
    },
    generateKey: { names: SPEC_NAMES, defaults: () => [{ type: 'AES', bits: 128, usage: [] }] },
    copyKey: { names: ['source_key', ...SPEC_NAMES], defaults: (k) => [k, { usage: [] }] },
    openKey: { names: ['key'], defaults: (k) => [k] },
    closeKey: { names: ['handle'], defaults: (k) => [k] },
    destroyKey: { names: ['key'], defaults: (k) => [k] },
    purgeKey: { names: ['key'], defaults: (k) => [k] },
    getKeyAttributes: { names: ['key'], defaults: (k) => [k] },
    exportKey: { names: ['key'], defaults: (k) => [k] },
    cipherEncrypt: {
      names: ['key', 'algorithm', 'plaintext', 'options'],
      defaults: (k) => [k, 'CBC_NO_PADDING', seq(16), {}],
    },
    cipherDecrypt: { names: ['key', 'algorithm', 'input'], defaults: (k) => [k, 'CBC_NO_PADDING', seq(32)] },
    macCompute: { names: ['key', 'algorithm', 'input'], defaults: (k) => [k, 'CMAC', seq(4)] },
    macVerify: { names: ['key', 'algorithm', 'input', 'mac'], defaults: (k) => [k, 'CMAC', seq(4), seq(16)] },
    hashCompute: { names: ['algorithm', 'input'], defaults: () => ['SHA-256', seq(4)] },
    hashCompare: { names: ['algorithm', 'input', 'hash'], defaults: () => ['SHA-256', seq(4), seq(32)] },
    generateRandom: { names: ['length'], defaults: () => [16] },
    itsSet: { names: ['uid', 'data', 'create_flags'], defaults: () => [5n, seq(4), 0] },
    itsGet: { names: ['uid', 'offset', 'length', 'data_offset', 'data_length'], defaults: () => [5n, 0, 4] },
    itsGetInfo: { names: ['uid'], defaults: () => [5n] },
    itsRemove: { names: ['uid'], defaults: () => [5n] },
  };
  const scalar = fc.oneof(
    fc.constantFrom<unknown>(
      undefined,
      null,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      -1,
      0,
      1.5,
      2 ** 53,
      '',
      'x',
      'AES',
      'HMAC',
      'CMAC',
      'CMAC/0',
      'CMAC/3',
      'CMAC/64',
      'HMAC-SHA-256/16',
      'SHA-256',
      'CTR',
      'volatile',
      'persistent',
      true,
      0n,
      1n,
      -1n,
      2n ** 64n,
      [],
      ['encrypt'],
      ['bogus'],
      [1],
      {},
      new Uint16Array(2),
      new Uint8Array(0),
      Symbol('s'),
      () => 0,
    ),
    fc.integer({ min: -3, max: 70_000 }),
    fc.constantFrom(0x40000000, 0x7fffffff, 0x80000000, 0xffffffff, 0x02000009, 0x03c00200, 0x04404000),
    fc.string({ maxLength: 10 }),
    fc.uint8Array({ maxLength: 48 }),
    fc.bigInt({ min: -2n, max: 2n ** 64n }),
  );
  const keySpec = fc.record(
    { id: scalar, lifetime: scalar, type: scalar, bits: scalar, usage: scalar, algorithm: scalar },
    { requiredKeys: [] },
  );
  const arg = fc.oneof({ weight: 3, arbitrary: scalar }, { weight: 1, arbitrary: keySpec });
  const VALID = Symbol('valid');

  it('each call resolves, or rejects with a PsaError or a TypeError/RangeError naming one of its arguments', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(METHODS)),
        fc.array(fc.option(arg, { nil: VALID, freq: 2 }), { minLength: 4, maxLength: 4 }),
        fc.constantFrom(...CORES),
        async (m, picks, core) => {
          const psa = createPsa({ target: 'mbedtls', core, storage: memoryStorage() });
          psa.init();
          const k = psa.cSync.psa_import_key(
            {
              id: 0,
              lifetime: 0,
              type: PSA_KEY_TYPE_AES,
              bits: 0,
              usage: PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT | PSA_KEY_USAGE_EXPORT | 0x0c02,
              alg: PSA_ALG_CBC_NO_PADDING,
              alg2: PSA_ALG_CMAC,
            },
            AES128,
          ).key;
          const { names, defaults } = METHODS[m]!;
          const args = defaults(k).map((d, i) => (picks[i] === VALID ? d : picks[i]));
          const err = await call(psa, m as Method, ...args).then(
            () => undefined,
            (e: unknown) => e,
          );
          if (err === undefined || err instanceof PsaError) return;
          expect(err instanceof TypeError || err instanceof RangeError, String(err)).toBe(true);
          const message = (err as Error).message;
          expect(
            names.some(
              (n) =>
                message.startsWith(`${n} `) || message.startsWith(`${n}.`) || message.startsWith(`${n}:`),
            ),
            `${m}: ${message}`,
          ).toBe(true);
          expect(message).not.toMatch(
            /Cannot |is not a function|is not iterable|Invalid typed array|Invalid array length|BigInt|internal/,
          );
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('C faces: JavaScript argument checks (checkServiceArgs)', () => {
  const psa = newPsa('mbedtls');

  it('wrong argument count, wrong types and out-of-range values throw TypeError/RangeError naming the C parameter', () => {
    const c = psa.cSync;
    expect(() => (c.psa_import_key as (...a: unknown[]) => unknown)({})).toThrow(
      /psa_import_key takes 2 argument/,
    );
    expect(() => c.psa_import_key({} as never, AES128)).toThrow(/^attributes\.id /);
    expect(() => c.psa_export_key(1, 'buffer' as never)).toThrow(TypeError);
    expect(() => c.psa_export_key(1, 'buffer' as never)).toThrow(/^data /);
    expect(() => c.psa_open_key(-1)).toThrow(RangeError);
    expect(() => c.psa_cipher_update({} as never, AES128, AES128)).toThrow(
      /^operation must be a psa_cipher_operation_t/,
    );
    expect(() => c.psa_hash_clone(psa_cipher_operation_init() as never, c.psa_hash_operation_init())).toThrow(
      /^source_operation /,
    );
    expect(() => c.psa_its_get(1n, 0, 10, new Uint8Array(4))).toThrow(/^data_length \(10\)/);
    expect(() => c.psa_set_key_bits(c.psa_key_attributes_init(), -1)).toThrow(RangeError);
  });

  it('a Uint8Array from another realm (node:vm) is accepted as input and as output', () => {
    const c = psa.cSync;
    const foreign = (bytes: Uint8Array): Uint8Array => {
      const b = runInNewContext(`new Uint8Array(${bytes.length})`) as Uint8Array;
      b.set(bytes);
      return b;
    };
    const out = foreign(new Uint8Array(32));
    expect(out instanceof Uint8Array).toBe(false);
    expect(c.psa_generate_random(out)).toBe(PSA_SUCCESS);
    const msg = foreign(seq(3, 0x61));
    const hash = foreign(new Uint8Array(32));
    expect(c.psa_hash_compute(PSA_ALG_SHA_256, msg, hash)).toEqual({ status: PSA_SUCCESS, hashLength: 32 });
    expect(toHex(hash)).toBe(toHex(sha256(seq(3, 0x61))));
    const a = psa_key_attributes_init();
    a.type = PSA_KEY_TYPE_AES;
    a.usage = PSA_KEY_USAGE_EXPORT;
    const r = c.psa_import_key(a, foreign(AES128));
    expect(r.status).toBe(PSA_SUCCESS);
    const exported = foreign(new Uint8Array(16));
    expect(c.psa_export_key(r.key, exported)).toEqual({ status: PSA_SUCCESS, dataLength: 16 });
    expect(toHex(exported)).toBe(toHex(AES128));
    expect(c.psa_destroy_key(r.key)).toBe(PSA_SUCCESS);
  });

  it('the async face rejects instead of throwing', async () => {
    await expect(psa.c.psa_open_key('1' as never)).rejects.toThrow(/^key must be an integer/);
    await expect(psa.c.psa_hash_compute(0x02000009, 'x' as never, new Uint8Array(32))).rejects.toThrow(
      TypeError,
    );
  });
});

describe('createPsa options (create-psa.ts:createPsa)', () => {
  it.each([
    [null, TypeError, /^options /],
    [{ target: 'zephyr' }, TypeError, /^options\.target /],
    [{ target: 'mbedtls', core: 'cc3xx' }, TypeError, /^options\.core /],
    [{ target: 'mbedtls', rng: 'dev/urandom' }, TypeError, /^options\.rng /],
    [{ target: 'mbedtls', storage: {} }, TypeError, /^options\.storage /],
    [{ target: 'mbedtls', keySlotCount: 0 }, RangeError, /^options\.keySlotCount /],
    [{ target: 'mbedtls', keySlotCount: 1025 }, RangeError, /^options\.keySlotCount /],
    [{ target: 'mbedtls', its: { numAssets: 0 } }, RangeError, /numAssets/],
  ] as const)('%j → %s', (options, cls, message) => {
    expect(() => createPsa(options as never)).toThrow(cls);
    expect(() => createPsa(options as never)).toThrow(message);
  });
});

describe('idiomatic cipher calls: one C call each (idiomatic.ts cipherEncrypt/cipherDecrypt)', () => {
  it('random IV: only psa_cipher_encrypt / psa_cipher_decrypt reach the service; the given-IV path sizes from the key type', async () => {
    const psa = createPsa({ target: 'tfm', tfm: { profile: 'not-set' }, rng: deterministicRandom('calls') });
    psa.init();
    const usage = ['encrypt', 'decrypt'] as const;
    const keys = {
      CBC_PKCS7: await psa.importKey({ type: 'AES', usage: [...usage], algorithm: 'CBC_PKCS7' }, AES128),
      CTR: await psa.importKey({ type: 'AES', usage: [...usage], algorithm: 'CTR' }, AES128),
      ECB_NO_PADDING: await psa.importKey(
        { type: 'AES', usage: [...usage], algorithm: 'ECB_NO_PADDING' },
        AES128,
      ),
    };
    const called: string[] = [];
    psa.tfm!.boundary.listeners.add((t) => called.push(t.name));
    for (const n of [0, 1, 15, 16, 17, 31, 32, 33, 100]) {
      const pt = seq(n, 7);
      called.length = 0;
      const p7 = await psa.cipherEncrypt(keys.CBC_PKCS7, 'CBC_PKCS7', pt);
      expect(called).toEqual(['psa_cipher_encrypt']);
      expect(p7.length).toBe(16 + (n + 16 - (n % 16)));
      expect(p7.subarray(16)).toEqual(cbc(AES128, p7.subarray(0, 16)).encrypt(pt));
      called.length = 0;
      expect(await psa.cipherDecrypt(keys.CBC_PKCS7, 'CBC_PKCS7', p7)).toEqual(pt);
      expect(called).toEqual(['psa_cipher_decrypt']);
      const c = await psa.cipherEncrypt(keys.CTR, 'CTR', pt);
      expect(c.length).toBe(16 + n);
      expect(c.subarray(16)).toEqual(ctr(AES128, c.subarray(0, 16)).encrypt(pt));
      expect(await psa.cipherDecrypt(keys.CTR, 'CTR', c)).toEqual(pt);
      if (n % 16 === 0) {
        const e = await psa.cipherEncrypt(keys.ECB_NO_PADDING, 'ECB_NO_PADDING', pt);
        expect(e).toEqual(ecb(AES128, { disablePadding: true }).encrypt(pt));
        expect(await psa.cipherDecrypt(keys.ECB_NO_PADDING, 'ECB_NO_PADDING', e)).toEqual(pt);
      }
    }
    called.length = 0;
    const fixed = await psa.cipherEncrypt(keys.CBC_PKCS7, 'CBC_PKCS7', seq(20), { iv: IV });
    expect(fixed.subarray(16)).toEqual(cbc(AES128, IV).encrypt(seq(20)));
    expect(called).toEqual([
      'psa_get_key_attributes',
      'psa_cipher_encrypt_setup',
      'psa_cipher_set_iv',
      'psa_cipher_update',
      'psa_cipher_finish',
      'psa_cipher_abort',
    ]);
  });
});

describe('hash names come from the one table of implemented hashes (names.ts ← core/hash-algs.ts)', () => {
  it("'SHA-512/224' and 'SHA-512/256' name hashes and HMACs; 'HMAC-SHA-512/256/8' is a truncated MAC", async () => {
    const psa = newPsa('mbedtls');
    const msg = seq(50);
    expect(await psa.hashCompute('SHA-512/224', msg)).toEqual(sha512_224(msg));
    expect(await psa.hashCompute('SHA-512/256', msg)).toEqual(sha512_256(msg));
    await psa.hashCompare('SHA-512/256', msg, sha512_256(msg));
    const key = seq(32, 3);
    const k = await psa.importKey(
      { type: 'HMAC', usage: ['sign-message', 'verify-message'], algorithm: 'HMAC-SHA-512/256' },
      key,
    );
    expect((await psa.getKeyAttributes(k)).algorithm).toBe(PSA_ALG_HMAC(PSA_ALG_SHA_512_256));
    expect(await psa.macCompute(k, 'HMAC-SHA-512/256', msg)).toEqual(hmac(sha512_256, key, msg));
    const t = await psa.importKey(
      { type: 'HMAC', usage: ['sign-message'], algorithm: 'HMAC-SHA-512/224/8' },
      key,
    );
    expect((await psa.getKeyAttributes(t)).algorithm).toBe(
      PSA_ALG_TRUNCATED_MAC(PSA_ALG_HMAC(PSA_ALG_SHA_512_224), 8),
    );
    expect(await psa.macCompute(t, 'HMAC-SHA-512/224/8', msg)).toEqual(
      hmac(sha512_224, key, msg).subarray(0, 8),
    );
    // Still a truncation of HMAC-SHA-512 when the length is one: 32 bytes.
    await expect(psa.macCompute(t, 'HMAC-SHA-512/32', msg)).rejects.toMatchObject({
      status: PSA_ERROR_NOT_PERMITTED,
    });
    await expect(psa.hashCompute('SHA-512/384' as never, msg)).rejects.toThrow(
      /SHA-1, SHA-224, SHA-256, SHA-384, SHA-512, SHA-512\/224, SHA-512\/256 or a PSA_ALG_SHA_\* value/,
    );
    // Only the exact names of MAC bases are truncatable.
    await expect(psa.macCompute(t, 'SHA-256/8' as never, msg)).rejects.toThrow(TypeError);
    await expect(psa.macCompute(t, 'HMAC-MD5/8' as never, msg)).rejects.toThrow(TypeError);
    await expect(psa.macCompute(t, 'toString' as never, msg)).rejects.toThrow(TypeError);
  });
});
