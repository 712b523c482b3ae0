/**
 * Property: any input to the public API either works or is refused with a `PsaError`
 * (idiomatic face), a status (C face), or a `TypeError`/`RangeError` naming the argument —
 * never another exception, never a hang. Target 'tfm' may also throw `TfmLinkError` for a
 * partition that is not built (the ITS functions under the minimal profile).
 *
 * Calls are sequences on one instance (so operations and keys carry state between calls),
 * with arguments that are mostly plausible (real key ids, algorithms, buffers, operation
 * objects) and sometimes anything at all (`fc.anything()`), plus missing or extra arguments.
 * Runs: 2,000 + 1,000 + 1,000 + 1,000 (C face) + 1,500 (idiomatic) = 6,500.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CreatePsaOptions,
  createPsa,
  deterministicRandom,
  psa_cipher_operation_init,
  psa_hash_operation_init,
  psa_mac_operation_init,
} from '../../src/index.js';
import {
  type ArgPool,
  anything,
  callArb,
  expectAllowedError,
  expectStatusShape,
  importKeySet,
  SIGNATURES,
} from './helpers.js';

/** One C-face property over `options`. */
function cFaceProperty(options: CreatePsaOptions, numRuns: number, linkErrors: boolean): void {
  const names = Object.keys(SIGNATURES);
  // The pool is built per run; the arbitrary only needs its shape, so it draws indexes.
  const poolShape: ArgPool = {
    keys: [0x40000000, 0x40000001, 0x40000002, 0x40000003, 0x40000004, 0x40000005, 0x40000006, 1, 7],
    hashOps: [0, 1],
    macOps: [0, 1],
    cipherOps: [0, 1],
  };
  fc.assert(
    fc.property(
      fc.array(callArb(names, poolShape), { minLength: 1, maxLength: 10 }),
      fc.boolean(),
      (calls, init) => {
        const psa = createPsa({ ...options, rng: deterministicRandom('robustness') });
        if (init) psa.cSync.psa_crypto_init();
        importKeySet(psa);
        const ops = {
          hashOp: [psa_hash_operation_init(), psa_hash_operation_init()],
          macOp: [psa_mac_operation_init(), psa_mac_operation_init()],
          cipherOp: [psa_cipher_operation_init(), psa_cipher_operation_init()],
        };
        for (const { name, args } of calls) {
          // Operation placeholders (0/1) become this run's operation objects.
          const kinds = SIGNATURES[name]!;
          const real = args.map((a, i) => {
            const k = kinds[i];
            if ((k === 'hashOp' || k === 'macOp' || k === 'cipherOp') && (a === 0 || a === 1))
              return ops[k][a];
            return a;
          });
          const fn = (psa.cSync as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!;
          try {
            expectStatusShape(name, fn(...real));
          } catch (e) {
            expectAllowedError(e, linkErrors);
          }
        }
      },
    ),
    { numRuns },
  );
}

describe('C face: any arguments → a status, TypeError or RangeError', () => {
  it('SIGNATURES covers every function of psa.cSync', () => {
    const psa = createPsa({ target: 'mbedtls' });
    expect(Object.keys(psa.cSync).sort()).toEqual(Object.keys(SIGNATURES).sort());
  });

  it('target mbedtls, core mbedtls (2,000 runs)', () => {
    cFaceProperty({ target: 'mbedtls', core: 'mbedtls' }, 2000, false);
  });

  it('target mbedtls, core oberon (1,000 runs)', () => {
    cFaceProperty({ target: 'mbedtls', core: 'oberon' }, 1000, false);
  });

  it('target tfm, NCS default build (minimal profile: ITS functions are TfmLinkError) (1,000 runs)', () => {
    cFaceProperty({ target: 'tfm' }, 1000, true);
  });

  it('target tfm, profile not-set (every module, ITS partition) (1,000 runs)', () => {
    cFaceProperty({ target: 'tfm', tfm: { profile: 'not-set' } }, 1000, false);
  });
});

/** The idiomatic methods with mostly-plausible and sometimes arbitrary arguments. */
const IDIOMATIC: Record<string, fc.Arbitrary<unknown[]>> = (() => {
  const any = anything();
  const id = fc.oneof(fc.constantFrom(0x40000000, 0x40000001, 0x40000005, 1, 7, 0), any);
  const bytes = fc.oneof(
    { weight: 4, arbitrary: fc.uint8Array({ maxLength: 64 }) },
    { weight: 1, arbitrary: any },
  );
  const algName = fc.oneof(
    fc.constantFrom(
      'CBC_NO_PADDING',
      'CBC_PKCS7',
      'CTR',
      'ECB_NO_PADDING',
      'CMAC',
      'CMAC/8',
      'HMAC-SHA-256',
      'HMAC-SHA-1/10',
      'HMAC(SHA-256)',
      'nonsense',
    ),
    fc.nat({ max: 0xffffffff }),
    any,
  );
  const spec = fc.oneof(
    fc.record(
      {
        id: fc.oneof(fc.constantFrom(1, 2, 0x3fffffff, 0x40000000), any),
        lifetime: fc.oneof(fc.constantFrom('volatile', 'persistent', 0, 1, 0xff), any),
        type: fc.oneof(fc.constantFrom('AES', 'HMAC', 'RAW_DATA', 'DERIVE', 'BOGUS', 0x2400), any),
        bits: fc.oneof(fc.constantFrom(0, 128, 256, 100), any),
        usage: fc.oneof(fc.constant(['encrypt', 'decrypt', 'export']), fc.constant(['nope']), fc.nat(), any),
        algorithm: algName,
      },
      { requiredKeys: ['type', 'usage'] },
    ),
    any,
  );
  const hash = fc.oneof(
    fc.constantFrom('SHA-1', 'SHA-256', 'SHA-512', 'MD5'),
    fc.nat({ max: 0xffffffff }),
    any,
  );
  const uid = fc.oneof(fc.bigInt({ min: 0n, max: 10n }), any);
  const small = fc.oneof(fc.integer({ min: -2, max: 64 }), any);
  return {
    init: fc.constant([]),
    reboot: fc.constant([]),
    importKey: fc.tuple(spec, bytes),
    generateKey: fc.tuple(spec),
    copyKey: fc.tuple(id, spec),
    openKey: fc.tuple(id),
    closeKey: fc.tuple(id),
    destroyKey: fc.tuple(id),
    purgeKey: fc.tuple(id),
    getKeyAttributes: fc.tuple(id),
    exportKey: fc.tuple(id),
    cipherEncrypt: fc.tuple(id, algName, bytes, fc.oneof(fc.constant({}), fc.record({ iv: bytes }), any)),
    cipherDecrypt: fc.tuple(id, algName, bytes),
    macCompute: fc.tuple(id, algName, bytes),
    macVerify: fc.tuple(id, algName, bytes, bytes),
    hashCompute: fc.tuple(hash, bytes),
    hashCompare: fc.tuple(hash, bytes, bytes),
    generateRandom: fc.tuple(small),
    itsSet: fc.tuple(uid, bytes, fc.oneof(fc.constantFrom(0, 1, 2, 4, 8), any)),
    itsGet: fc.tuple(uid, small, fc.oneof(fc.constant(undefined), small)),
    itsGetInfo: fc.tuple(uid),
    itsRemove: fc.tuple(uid),
  };
})();

describe('idiomatic face: any arguments → a value, PsaError, TypeError or RangeError', () => {
  it('every idiomatic method is exercised', () => {
    const psa = createPsa({ target: 'mbedtls' });
    const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(psa)).filter((n) => n !== 'constructor');
    expect(methods.sort()).toEqual(Object.keys(IDIOMATIC).sort());
  });

  it('target mbedtls and tfm (not-set) (1,500 runs; a run that takes more than 2 s fails)', async () => {
    const call = fc
      .constantFrom(...Object.keys(IDIOMATIC))
      .chain((name) => IDIOMATIC[name]!.map((args) => ({ name, args })));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<CreatePsaOptions>(
          { target: 'mbedtls' },
          { target: 'tfm', tfm: { profile: 'not-set' } },
        ),
        fc.array(call, { minLength: 1, maxLength: 8 }),
        async (options, calls) => {
          const psa = createPsa({ ...options, rng: deterministicRandom('idiomatic') });
          psa.init();
          importKeySet(psa);
          for (const { name, args } of calls) {
            const fn = (psa as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!;
            try {
              await fn.apply(psa, args);
            } catch (e) {
              expectAllowedError(e);
            }
          }
        },
      ),
      { numRuns: 1500, timeout: 2000 },
    );
  });
});
