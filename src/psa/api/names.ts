/**
 * Readable names for the idiomatic API: key types, usage flags, algorithms and lifetimes by
 * name (or by their C value), parsed strictly — an unknown name is a `TypeError` that lists
 * the known ones.
 * @module
 */
import { describeType } from '../../utils/bytes.js';
import {
  PSA_ALG_CBC_NO_PADDING,
  PSA_ALG_CBC_PKCS7,
  PSA_ALG_CMAC,
  PSA_ALG_CTR,
  PSA_ALG_ECB_NO_PADDING,
  PSA_ALG_HMAC,
  PSA_ALG_TRUNCATED_MAC,
} from '../constants/algorithms.js';
import {
  PSA_KEY_LIFETIME_PERSISTENT,
  PSA_KEY_LIFETIME_VOLATILE,
  PSA_KEY_TYPE_AES,
  PSA_KEY_TYPE_DERIVE,
  PSA_KEY_TYPE_HMAC,
  PSA_KEY_TYPE_RAW_DATA,
  PSA_KEY_USAGE_COPY,
  PSA_KEY_USAGE_DECRYPT,
  PSA_KEY_USAGE_DERIVE,
  PSA_KEY_USAGE_ENCRYPT,
  PSA_KEY_USAGE_EXPORT,
  PSA_KEY_USAGE_SIGN_HASH,
  PSA_KEY_USAGE_SIGN_MESSAGE,
  PSA_KEY_USAGE_VERIFY_HASH,
  PSA_KEY_USAGE_VERIFY_MESSAGE,
} from '../constants/keys.js';
import { HASH_ALGORITHMS } from '../core/hash-algs.js';

/** Key type names. */
export type KeyTypeName = 'AES' | 'HMAC' | 'RAW_DATA' | 'DERIVE';
/** Usage flag names. */
export type UsageName =
  | 'export'
  | 'copy'
  | 'encrypt'
  | 'decrypt'
  | 'sign-message'
  | 'verify-message'
  | 'sign-hash'
  | 'verify-hash'
  | 'derive';
/** Hash names: `'SHA-1'`, `'SHA-224'`, `'SHA-256'`, `'SHA-384'`, `'SHA-512'`, `'SHA-512/224'`, `'SHA-512/256'`. */
export type HashName = (typeof HASH_ALGORITHMS)[number]['name'];
/**
 * Algorithm names: `'ECB_NO_PADDING'`, `'CBC_NO_PADDING'`, `'CBC_PKCS7'`, `'CTR'`, `'CMAC'`,
 * `'HMAC-SHA-256'` (any hash name), a hash name, or a truncated MAC such as `'CMAC/8'` (first 8 bytes).
 */
export type AlgorithmName =
  | 'ECB_NO_PADDING'
  | 'CBC_NO_PADDING'
  | 'CBC_PKCS7'
  | 'CTR'
  | 'CMAC'
  | `HMAC-${HashName}`
  | HashName
  | `${'CMAC' | `HMAC-${HashName}`}/${number}`;

const TYPES: Record<KeyTypeName, number> = {
  AES: PSA_KEY_TYPE_AES,
  HMAC: PSA_KEY_TYPE_HMAC,
  RAW_DATA: PSA_KEY_TYPE_RAW_DATA,
  DERIVE: PSA_KEY_TYPE_DERIVE,
};
const USAGES: Record<UsageName, number> = {
  export: PSA_KEY_USAGE_EXPORT,
  copy: PSA_KEY_USAGE_COPY,
  encrypt: PSA_KEY_USAGE_ENCRYPT,
  decrypt: PSA_KEY_USAGE_DECRYPT,
  'sign-message': PSA_KEY_USAGE_SIGN_MESSAGE,
  'verify-message': PSA_KEY_USAGE_VERIFY_MESSAGE,
  'sign-hash': PSA_KEY_USAGE_SIGN_HASH,
  'verify-hash': PSA_KEY_USAGE_VERIFY_HASH,
  derive: PSA_KEY_USAGE_DERIVE,
};
const HASHES = Object.fromEntries(HASH_ALGORITHMS.map((h) => [h.name, h.alg])) as Record<HashName, number>;
const ALGS: Record<string, number> = {
  ECB_NO_PADDING: PSA_ALG_ECB_NO_PADDING,
  CBC_NO_PADDING: PSA_ALG_CBC_NO_PADDING,
  CBC_PKCS7: PSA_ALG_CBC_PKCS7,
  CTR: PSA_ALG_CTR,
  CMAC: PSA_ALG_CMAC,
  ...HASHES,
  ...Object.fromEntries(Object.entries(HASHES).map(([n, h]) => [`HMAC-${n}`, PSA_ALG_HMAC(h)])),
};

function u32(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 0 || v > 0xffffffff)
    throw new RangeError(`${name} must be an unsigned 32-bit value, got ${v}`);
  return v;
}

/** A key type by name or C value. */
export function keyTypeOf(name: string, v: KeyTypeName | number): number {
  if (typeof v === 'number') return u32(name, v);
  if (typeof v === 'string' && Object.hasOwn(TYPES, v)) return TYPES[v];
  throw new TypeError(
    `${name} must be one of ${Object.keys(TYPES).join(', ')} or a PSA_KEY_TYPE_* value, got ${describe(v)}`,
  );
}

/** Usage flags from a list of names, or a C bit mask. */
export function usageOf(name: string, v: readonly UsageName[] | number): number {
  if (typeof v === 'number') return u32(name, v);
  if (!Array.isArray(v))
    throw new TypeError(
      `${name} must be an array of usage names or a PSA_KEY_USAGE_* mask, got ${describeType(v)}`,
    );
  let mask = 0;
  for (const u of v) {
    if (typeof u !== 'string' || !Object.hasOwn(USAGES, u)) {
      throw new TypeError(`${name} contains ${describe(u)}; known usages: ${Object.keys(USAGES).join(', ')}`);
    }
    mask |= USAGES[u as UsageName];
  }
  return mask >>> 0;
}

/** An algorithm by name (see `AlgorithmName`) or C value. */
export function algorithmOf(name: string, v: AlgorithmName | number): number {
  if (typeof v === 'number') return u32(name, v);
  if (typeof v === 'string') {
    // An exact name first: 'HMAC-SHA-512/256' is HMAC over SHA-512/256, not a truncation.
    if (Object.hasOwn(ALGS, v)) return ALGS[v]!;
    const m = /^(.+)\/(\d+)$/.exec(v);
    const mac = m?.[1];
    if (m && mac && (mac === 'CMAC' || (mac.startsWith('HMAC-') && Object.hasOwn(ALGS, mac)))) {
      // The truncation field of psa_algorithm_t has 6 bits (PSA_ALG_MAC_TRUNCATION_MASK).
      const length = Number(m[2]);
      if (length < 1 || length > 63)
        throw new RangeError(`${name}: a truncated MAC length must be between 1 and 63 bytes, got ${m[2]}`);
      return PSA_ALG_TRUNCATED_MAC(ALGS[mac]!, length);
    }
  }
  throw new TypeError(
    `${name} must be a PSA_ALG_* value or one of ${Object.keys(ALGS).join(', ')} (MACs may be truncated as 'CMAC/8'), got ${describe(v)}`,
  );
}

/** A hash algorithm by name or C value. */
export function hashOf(name: string, v: HashName | number): number {
  if (typeof v === 'number') return u32(name, v);
  if (typeof v === 'string' && Object.hasOwn(HASHES, v)) return HASHES[v];
  throw new TypeError(
    `${name} must be one of ${Object.keys(HASHES).join(', ')} or a PSA_ALG_SHA_* value, got ${describe(v)}`,
  );
}

/** A lifetime by name or C value. */
export function lifetimeOf(name: string, v: 'volatile' | 'persistent' | number): number {
  if (typeof v === 'number') return u32(name, v);
  if (v === 'volatile') return PSA_KEY_LIFETIME_VOLATILE;
  if (v === 'persistent') return PSA_KEY_LIFETIME_PERSISTENT;
  throw new TypeError(
    `${name} must be 'volatile', 'persistent' or a psa_key_lifetime_t value, got ${describe(v)}`,
  );
}

/** Names of the usage bits set in `mask` (unknown bits are ignored). */
export function usageNames(mask: number): UsageName[] {
  return (Object.entries(USAGES) as [UsageName, number][])
    .filter(([, bit]) => (mask & bit) === bit)
    .map(([n]) => n);
}

function describe(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : describeType(v);
}
