/**
 * Shared pieces of the reliability suites: the C facade's signatures (argument kinds per
 * function), fast-check arbitraries that are mostly plausible and sometimes anything, the
 * set of exceptions the public API may throw, and a few fixed keys.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import {
  isPsaError,
  isPsaStatus,
  PSA_ALG_CBC_NO_PADDING,
  PSA_ALG_CBC_PKCS7,
  PSA_ALG_CMAC,
  PSA_ALG_CTR,
  PSA_ALG_ECB_NO_PADDING,
  PSA_ALG_HMAC_BASE,
  PSA_ALG_SHA_1,
  PSA_ALG_SHA_256,
  PSA_ALG_SHA_512,
  PSA_KEY_TYPE_AES,
  PSA_KEY_TYPE_HMAC,
  PSA_KEY_TYPE_RAW_DATA,
  type Psa,
  type PsaKeyAttributes,
  psa_key_attributes_init,
} from '../../src/index.js';
import { TfmLinkError } from '../../src/tfm/link-error.js';
import { toHex } from '../../src/utils/bytes.js';

/** Distinctive key bytes (no run of equal bytes, nibbles mixed): easy to find if they ever print. */
export const keyPattern = (n: number, seed: number): Uint8Array =>
  Uint8Array.from(
    { length: n },
    (_, i) => [0xa5, 0x5a, 0xc3, 0x3c, 0x96, 0x69, 0x0f, 0xf0][i % 8]! ^ ((i >> 3) * 0x11 + seed),
  );

/** The forms a key could print in: hex (any case), decimal lists (arrays, JSON objects), base64, 32-bit words. */
function leakPatterns(key: Uint8Array): RegExp[] {
  const out: RegExp[] = [
    new RegExp(Buffer.from(key).toString('base64').slice(0, 12).replace(/[+/]/g, '\\$&')),
  ];
  for (let i = 0; i + 6 <= key.length; i += 3) {
    const w = [...key.subarray(i, i + 6)];
    out.push(new RegExp(toHex(Uint8Array.from(w)), 'i'));
    // Separators: ", " and line breaks (arrays, inspect) or `,"12":` (JSON of a Uint8Array).
    out.push(new RegExp(`(?<!\\d)${w.join('(?:\\D{1,8}|,"\\d{1,3}":)')}(?!\\d)`));
  }
  // 32-bit words (an AES key schedule starts with the key as little-endian words; a
  // Uint32Array prints them in decimal): two consecutive words, either byte order.
  const v = new DataView(key.buffer, key.byteOffset, key.byteLength);
  for (let i = 0; i + 8 <= key.length; i += 4) {
    for (const le of [true, false]) {
      const pair = [v.getUint32(i, le), v.getUint32(i + 4, le)];
      out.push(new RegExp(`(?<!\\d)${pair.join('(?:\\D{1,8}|,"\\d{1,3}":)')}(?!\\d)`));
    }
  }
  return out;
}
const patternCache = new WeakMap<readonly Uint8Array[], RegExp[]>();

/** The first piece of `text` that looks like one of `secrets` (any 6-byte window), or undefined. */
export function findKeyBytes(text: string, secrets: readonly Uint8Array[]): string | undefined {
  let patterns = patternCache.get(secrets);
  if (!patterns) {
    patterns = secrets.flatMap(leakPatterns);
    patternCache.set(secrets, patterns);
  }
  for (const p of patterns) {
    const m = p.exec(text);
    if (m) return `${m[0]} in …${text.slice(Math.max(0, m.index - 60), m.index + 60)}…`;
  }
  return undefined;
}

/** Argument kinds of the C facade. */
export type Kind =
  | 'id'
  | 'alg'
  | 'in'
  | 'out'
  | 'attr'
  | 'hashOp'
  | 'macOp'
  | 'cipherOp'
  | 'uid'
  | 'u32'
  | 'type'
  | 'lifetime'
  | 'usage';

/** Every function of `psa.cSync` with its argument kinds (C order). */
export const SIGNATURES: Readonly<Record<string, readonly Kind[]>> = {
  psa_crypto_init: [],
  mbedtls_psa_crypto_free: [],
  psa_key_attributes_init: [],
  psa_set_key_id: ['attr', 'id'],
  psa_get_key_id: ['attr'],
  psa_set_key_lifetime: ['attr', 'lifetime'],
  psa_get_key_lifetime: ['attr'],
  psa_set_key_type: ['attr', 'type'],
  psa_get_key_type: ['attr'],
  psa_set_key_bits: ['attr', 'u32'],
  psa_get_key_bits: ['attr'],
  psa_set_key_usage_flags: ['attr', 'usage'],
  psa_get_key_usage_flags: ['attr'],
  psa_set_key_algorithm: ['attr', 'alg'],
  psa_get_key_algorithm: ['attr'],
  psa_reset_key_attributes: ['attr'],
  psa_hash_operation_init: [],
  psa_mac_operation_init: [],
  psa_cipher_operation_init: [],
  psa_generate_random: ['out'],
  psa_import_key: ['attr', 'in'],
  psa_generate_key: ['attr'],
  psa_copy_key: ['id', 'attr'],
  psa_open_key: ['id'],
  psa_close_key: ['id'],
  psa_destroy_key: ['id'],
  psa_purge_key: ['id'],
  psa_get_key_attributes: ['id'],
  psa_export_key: ['id', 'out'],
  psa_hash_compute: ['alg', 'in', 'out'],
  psa_hash_compare: ['alg', 'in', 'in'],
  psa_hash_setup: ['hashOp', 'alg'],
  psa_hash_update: ['hashOp', 'in'],
  psa_hash_finish: ['hashOp', 'out'],
  psa_hash_verify: ['hashOp', 'in'],
  psa_hash_abort: ['hashOp'],
  psa_hash_clone: ['hashOp', 'hashOp'],
  psa_mac_compute: ['id', 'alg', 'in', 'out'],
  psa_mac_verify: ['id', 'alg', 'in', 'in'],
  psa_mac_sign_setup: ['macOp', 'id', 'alg'],
  psa_mac_verify_setup: ['macOp', 'id', 'alg'],
  psa_mac_update: ['macOp', 'in'],
  psa_mac_sign_finish: ['macOp', 'out'],
  psa_mac_verify_finish: ['macOp', 'in'],
  psa_mac_abort: ['macOp'],
  psa_cipher_encrypt: ['id', 'alg', 'in', 'out'],
  psa_cipher_decrypt: ['id', 'alg', 'in', 'out'],
  psa_cipher_encrypt_setup: ['cipherOp', 'id', 'alg'],
  psa_cipher_decrypt_setup: ['cipherOp', 'id', 'alg'],
  psa_cipher_generate_iv: ['cipherOp', 'out'],
  psa_cipher_set_iv: ['cipherOp', 'in'],
  psa_cipher_update: ['cipherOp', 'in', 'out'],
  psa_cipher_finish: ['cipherOp', 'out'],
  psa_cipher_abort: ['cipherOp'],
  psa_its_set: ['uid', 'in', 'u32'],
  psa_its_get: ['uid', 'u32', 'u32', 'out'],
  psa_its_get_info: ['uid'],
  psa_its_remove: ['uid'],
};

const hmac = (hash: number): number => (PSA_ALG_HMAC_BASE | (hash & 0xff)) >>> 0;
const truncated = (mac: number, len: number): number => ((mac & ~0x003f0000) | ((len & 0x3f) << 16)) >>> 0;

/** Algorithms worth trying: the implemented ones, truncations, wildcards, and some others. */
export const ALGS: readonly number[] = [
  PSA_ALG_ECB_NO_PADDING,
  PSA_ALG_CBC_NO_PADDING,
  PSA_ALG_CBC_PKCS7,
  PSA_ALG_CTR,
  PSA_ALG_CMAC,
  truncated(PSA_ALG_CMAC, 4),
  hmac(PSA_ALG_SHA_256),
  hmac(PSA_ALG_SHA_1),
  hmac(PSA_ALG_SHA_512),
  truncated(hmac(PSA_ALG_SHA_256), 10),
  truncated(hmac(PSA_ALG_SHA_256), 2),
  (truncated(hmac(PSA_ALG_SHA_256), 8) | 0x8000) >>> 0,
  PSA_ALG_SHA_256,
  PSA_ALG_SHA_1,
  PSA_ALG_SHA_512,
  0x04c01100, // CFB
  0x05500200, // GCM
  0,
];

/** `fc.anything()` with every kind of value (bigints, typed arrays, boxed values, maps, null prototypes). */
export const anything = (): fc.Arbitrary<unknown> =>
  fc.anything({
    maxDepth: 2,
    maxKeys: 4,
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withTypedArray: true,
    withSparseArray: true,
  });

/** Mostly-plausible values of one argument kind (`pool`: key ids and operation objects to draw from). */
export function argOf(kind: Kind, pool: ArgPool): fc.Arbitrary<unknown> {
  const u32 = fc.oneof(
    fc.integer({ min: 0, max: 64 }),
    fc.constantFrom(0x3fffffff, 0x40000000, 0x4000001f, 0x7fff0000, 0x7fffffff, 0x80000000, 0xffffffff),
    fc.nat({ max: 0xffffffff }),
  );
  const bytes = (max: number) => fc.uint8Array({ maxLength: max });
  let plausible: fc.Arbitrary<unknown>;
  switch (kind) {
    case 'id':
      plausible = fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...pool.keys) },
        { weight: 1, arbitrary: u32 },
      );
      break;
    case 'alg':
      plausible = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ALGS) }, { weight: 1, arbitrary: u32 });
      break;
    case 'in':
      plausible = bytes(80);
      break;
    case 'out':
      plausible = fc.oneof(fc.integer({ min: 0, max: 96 }).map((n) => new Uint8Array(n)));
      break;
    case 'attr':
      plausible = fc
        .record({
          id: fc.oneof(fc.constant(0), fc.constantFrom(...pool.keys), u32),
          lifetime: fc.constantFrom(0, 1, 0xff, 0x101, 0x800001),
          type: fc.constantFrom(
            PSA_KEY_TYPE_AES,
            PSA_KEY_TYPE_HMAC,
            PSA_KEY_TYPE_RAW_DATA,
            0,
            0x2301,
            0xffff,
          ),
          bits: fc.constantFrom(0, 128, 192, 256, 8, 100, 0xffff),
          usage: fc.oneof(fc.constant(0x3f03), u32),
          alg: fc.constantFrom(...ALGS),
          alg2: fc.constantFrom(0, PSA_ALG_CTR),
        })
        .map((r): PsaKeyAttributes => ({ ...psa_key_attributes_init(), ...r }));
      break;
    case 'hashOp':
      plausible = fc.constantFrom(...pool.hashOps);
      break;
    case 'macOp':
      plausible = fc.constantFrom(...pool.macOps);
      break;
    case 'cipherOp':
      plausible = fc.constantFrom(...pool.cipherOps);
      break;
    case 'uid':
      plausible = fc.oneof(fc.bigInt({ min: 0n, max: 20n }), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }));
      break;
    case 'type':
      plausible = fc.constantFrom(PSA_KEY_TYPE_AES, PSA_KEY_TYPE_HMAC, PSA_KEY_TYPE_RAW_DATA, 0, 0x10000);
      break;
    case 'lifetime':
      plausible = fc.constantFrom(0, 1, 0xff, 0x101);
      break;
    case 'usage':
      plausible = fc.oneof(fc.constant(0x3f03), u32);
      break;
    default:
      plausible = u32;
  }
  return fc.oneof({ weight: 9, arbitrary: plausible }, { weight: 1, arbitrary: anything() });
}

/** What the arguments of a run are drawn from. */
export interface ArgPool {
  keys: number[];
  hashOps: unknown[];
  macOps: unknown[];
  cipherOps: unknown[];
}

/** A call: a function name and its arguments (sometimes one too few, sometimes one extra). */
export function callArb(
  names: readonly string[],
  pool: ArgPool,
): fc.Arbitrary<{ name: string; args: unknown[] }> {
  return fc.constantFrom(...names).chain((name) => {
    const kinds = SIGNATURES[name]!;
    return fc
      .tuple(
        fc.tuple(...kinds.map((k) => argOf(k, pool))),
        fc.constantFrom('exact', 'exact', 'exact', 'short', 'long'),
      )
      .map(([args, arity]) => {
        const a = [...args] as unknown[];
        if (arity === 'short' && a.length > 0) a.pop();
        if (arity === 'long') a.push(0);
        return { name, args: a };
      });
  });
}

/**
 * The exceptions the public API may throw: `PsaError`, `TypeError`, `RangeError`;
 * `TfmLinkError` for unbuilt partitions. Their message and stack must not show the key bytes of
 * the run's key set (`KEY_SET_BYTES`).
 */
export function expectAllowedError(e: unknown, allowLinkError = false): void {
  const ok =
    isPsaError(e) ||
    e instanceof TypeError ||
    e instanceof RangeError ||
    (allowLinkError && e instanceof TfmLinkError);
  if (!ok) throw new Error(`unexpected exception: ${String(e)} (${(e as Error)?.constructor?.name})`);
  const leak = findKeyBytes(`${(e as Error).message}\n${(e as Error).stack}`, KEY_SET_BYTES);
  if (leak) throw new Error(`key bytes in an error: ${leak}`);
}

/** A C facade result carries a known status: a number, or an object with a numeric `status`. */
export function expectStatusShape(name: string, r: unknown): void {
  if (r === undefined) return; // void functions (mbedtls_psa_crypto_free, setters)
  if (typeof r === 'number') {
    if (name.startsWith('psa_get_key_')) return; // attribute getters return field values
    expect(isPsaStatus(r), `${name} returned ${r}`).toBe(true);
    return;
  }
  if (typeof r === 'object' && r !== null && 'status' in r) {
    expect(isPsaStatus((r as { status: unknown }).status), `${name} status`).toBe(true);
  }
}

/** Imports the standard key set of a run (volatile keys; ids returned). */
export function importKeySet(psa: Psa): number[] {
  const c = psa.cSync;
  const keys: number[] = [];
  const specs: [number, number, number, number][] = [
    [PSA_KEY_TYPE_AES, 16, 0x0f03, PSA_ALG_CBC_NO_PADDING],
    [PSA_KEY_TYPE_AES, 32, 0x0f03, PSA_ALG_CTR],
    [PSA_KEY_TYPE_AES, 16, 0x0f03, PSA_ALG_CBC_PKCS7],
    [PSA_KEY_TYPE_AES, 24, 0x0f03, PSA_ALG_ECB_NO_PADDING],
    [PSA_KEY_TYPE_AES, 16, 0x0c00, PSA_ALG_CMAC],
    [PSA_KEY_TYPE_HMAC, 40, 0x0c03, hmac(PSA_ALG_SHA_256)],
    [PSA_KEY_TYPE_RAW_DATA, 8, 0x0001, 0],
  ];
  for (const [i, [type, len, usage, alg]] of specs.entries()) {
    const a = c.psa_key_attributes_init();
    c.psa_set_key_type(a, type);
    c.psa_set_key_usage_flags(a, usage);
    c.psa_set_key_algorithm(a, alg);
    const r = c.psa_import_key(a, KEY_SET_BYTES[i]!.subarray(0, len));
    if (r.status === 0) keys.push(r.key);
  }
  return keys;
}

/** The key bytes `importKeySet` uses (one distinctive pattern per key). */
export const KEY_SET_BYTES: readonly Uint8Array[] = Array.from({ length: 7 }, (_, i) =>
  keyPattern(40, 0x40 + i),
);
