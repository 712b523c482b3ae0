/**
 * The hash algorithms psa-emu implements, mapped to `@noble/hashes`: SHA-1 (FIPS 180-4 §6.1)
 * and the SHA-2 family (§6.2–§6.7). Any other hash algorithm is NOT_SUPPORTED, as a PSA
 * build without that `PSA_WANT_ALG_*` would answer.
 * @module
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { sha224, sha256, sha384, sha512, sha512_224, sha512_256 } from '@noble/hashes/sha2.js';
import {
  PSA_ALG_SHA_1,
  PSA_ALG_SHA_224,
  PSA_ALG_SHA_256,
  PSA_ALG_SHA_384,
  PSA_ALG_SHA_512,
  PSA_ALG_SHA_512_224,
  PSA_ALG_SHA_512_256,
} from '../constants/algorithms.js';

/** A streaming hash instance (the subset of noble's `Hash` the core uses). */
export interface HashInstance {
  update(data: Uint8Array): unknown;
  digest(): Uint8Array;
  clone(): HashInstance;
  destroy(): void;
  readonly outputLen: number;
  readonly blockLen: number;
}

/** A hash function: one-shot call plus `create()`. */
export interface HashFunction {
  (msg: Uint8Array): Uint8Array;
  create(): HashInstance;
  readonly outputLen: number;
  readonly blockLen: number;
}

/**
 * Every hash psa-emu implements, with the name the idiomatic API uses for it (FIPS 180-4's).
 * The one list: the core's dispatch and the idiomatic names both come from it.
 */
export const HASH_ALGORITHMS = [
  { name: 'SHA-1', alg: PSA_ALG_SHA_1, fn: sha1 as unknown as HashFunction },
  { name: 'SHA-224', alg: PSA_ALG_SHA_224, fn: sha224 as unknown as HashFunction },
  { name: 'SHA-256', alg: PSA_ALG_SHA_256, fn: sha256 as unknown as HashFunction },
  { name: 'SHA-384', alg: PSA_ALG_SHA_384, fn: sha384 as unknown as HashFunction },
  { name: 'SHA-512', alg: PSA_ALG_SHA_512, fn: sha512 as unknown as HashFunction },
  { name: 'SHA-512/224', alg: PSA_ALG_SHA_512_224, fn: sha512_224 as unknown as HashFunction },
  { name: 'SHA-512/256', alg: PSA_ALG_SHA_512_256, fn: sha512_256 as unknown as HashFunction },
] as const;

const HASHES = new Map<number, HashFunction>(HASH_ALGORITHMS.map((h) => [h.alg, h.fn]));

/** The implementation of a hash algorithm, or `undefined` when it is not supported. */
export function hashFunction(alg: number): HashFunction | undefined {
  return HASHES.get(alg);
}
