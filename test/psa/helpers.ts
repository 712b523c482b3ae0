/**
 * Shared helpers for the PSA core status tests: a fresh instance per core flavor, key
 * attributes built through the C setters (so their side effects apply), and one-line imports.
 */
import { expect } from 'vitest';
import {
  type CreatePsaOptions,
  createPsa,
  deterministicRandom,
  PSA_KEY_TYPE_AES,
  PSA_SUCCESS,
  type Psa,
  type PsaKeyAttributes,
  psa_key_attributes_init,
  psa_set_key_algorithm,
  psa_set_key_bits,
  psa_set_key_id,
  psa_set_key_lifetime,
  psa_set_key_type,
  psa_set_key_usage_flags,
} from '../../src/index.js';
import { fromHex } from '../../src/utils/bytes.js';

/** Both core flavors, for `describe.each`. */
export const CORES = ['oberon', 'mbedtls'] as const;
export type Core = (typeof CORES)[number];

/** A library-build instance (`target: 'mbedtls'`) of `core` with a deterministic RNG, initialised unless `init` is false. */
export function newPsa(core: Core, options: Partial<CreatePsaOptions> = {}, init = true): Psa {
  const psa = createPsa({
    target: 'mbedtls',
    core,
    rng: deterministicRandom(`psa-test/${core}`),
    ...options,
  });
  if (init) expect(psa.cSync.psa_crypto_init()).toBe(PSA_SUCCESS);
  return psa;
}

/** Key attributes set the way a C caller would (psa_set_key_*), so id/lifetime/usage side effects apply. */
export function attrs(spec: {
  id?: number;
  lifetime?: number;
  type?: number;
  bits?: number;
  usage?: number;
  alg?: number;
  alg2?: number;
}): PsaKeyAttributes {
  const a = psa_key_attributes_init();
  if (spec.id !== undefined) psa_set_key_id(a, spec.id);
  if (spec.lifetime !== undefined) psa_set_key_lifetime(a, spec.lifetime);
  psa_set_key_type(a, spec.type ?? PSA_KEY_TYPE_AES);
  if (spec.bits !== undefined) psa_set_key_bits(a, spec.bits);
  psa_set_key_usage_flags(a, spec.usage ?? 0);
  psa_set_key_algorithm(a, spec.alg ?? 0);
  if (spec.alg2 !== undefined) a.alg2 = spec.alg2;
  return a;
}

/** Imports a key and asserts success; returns its id. */
export function importOk(psa: Psa, attributes: PsaKeyAttributes, data: Uint8Array): number {
  const r = psa.cSync.psa_import_key(attributes, data);
  expect(r.status).toBe(PSA_SUCCESS);
  expect(r.key).not.toBe(0);
  return r.key;
}

/** AES-128 key of NIST SP 800-38A Appendix F. */
export const AES128 = fromHex('2b7e151628aed2a6abf7158809cf4f3c');
/** A 256-bit AES key. */
export const AES256 = fromHex('603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4');
/** 16 bytes used as a fixed IV. */
export const IV = fromHex('000102030405060708090a0b0c0d0e0f');

/** `n` bytes 0, 1, 2, … (mod 256). */
export function seq(n: number, start = 0): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (start + i) & 0xff);
}

/** A buffer filled with `byte`. */
export function filled(n: number, byte: number): Uint8Array {
  return new Uint8Array(n).fill(byte);
}
