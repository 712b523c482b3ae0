/**
 * Key policies: which usage and algorithm a key permits, how policies intersect on copy,
 * and which usage flags are valid at creation. Behaviour of Mbed TLS 3.6.5 / the Oberon core
 * `library/psa_crypto.c` (`psa_key_policy_permits`, `psa_key_algorithm_permits`,
 * `psa_key_policy_algorithm_intersection`, `psa_restrict_key_policy`, `psa_validate_key_policy`,
 * `psa_mac_key_can_do`, `psa_get_and_lock_key_slot_with_policy`).
 * Spec: PSA Certified Crypto API 1.2, §9.5 "Key policies".
 * @module
 */
import {
  PSA_ALG_AT_LEAST_THIS_LENGTH_MAC,
  PSA_ALG_FULL_LENGTH_MAC,
  PSA_ALG_IS_BLOCK_CIPHER_MAC,
  PSA_ALG_IS_HMAC,
  PSA_ALG_IS_MAC,
  PSA_ALG_IS_WILDCARD,
  PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG,
  PSA_ALG_TRUNCATED_MAC,
  PSA_MAC_TRUNCATED_LENGTH,
} from '../constants/algorithms.js';
import {
  PSA_KEY_TYPE_CATEGORY_MASK,
  PSA_KEY_TYPE_CATEGORY_SYMMETRIC,
  PSA_KEY_TYPE_HMAC,
  PSA_KEY_USAGE_COPY,
  PSA_KEY_USAGE_DECRYPT,
  PSA_KEY_USAGE_DERIVE,
  PSA_KEY_USAGE_ENCRYPT,
  PSA_KEY_USAGE_EXPORT,
  PSA_KEY_USAGE_SIGN_HASH,
  PSA_KEY_USAGE_SIGN_MESSAGE,
  PSA_KEY_USAGE_UNWRAP,
  PSA_KEY_USAGE_VERIFY_DERIVATION,
  PSA_KEY_USAGE_VERIFY_HASH,
  PSA_KEY_USAGE_VERIFY_MESSAGE,
  PSA_KEY_USAGE_WRAP,
} from '../constants/keys.js';
import { PSA_BLOCK_CIPHER_BLOCK_LENGTH, PSA_MAC_LENGTH } from '../constants/sizes.js';
import { PSA_ERROR_INVALID_ARGUMENT, PSA_ERROR_NOT_PERMITTED, PSA_SUCCESS } from '../status.js';
import type { CoreState } from './context.js';
import { getAndLockSlot, type SlotResult, unregisterRead } from './slots.js';

/** Usage flags a key may be created with (`psa_validate_key_policy`). */
const VALID_USAGE =
  PSA_KEY_USAGE_EXPORT |
  PSA_KEY_USAGE_COPY |
  PSA_KEY_USAGE_ENCRYPT |
  PSA_KEY_USAGE_DECRYPT |
  PSA_KEY_USAGE_SIGN_MESSAGE |
  PSA_KEY_USAGE_VERIFY_MESSAGE |
  PSA_KEY_USAGE_SIGN_HASH |
  PSA_KEY_USAGE_VERIFY_HASH |
  PSA_KEY_USAGE_VERIFY_DERIVATION |
  PSA_KEY_USAGE_DERIVE;

/**
 * `psa_validate_key_policy`: unknown usage bits (including CACHE) are INVALID_ARGUMENT; the
 * algorithm is not checked. The Oberon core also accepts WRAP/UNWRAP (PSA Crypto API 1.3).
 */
export function validateKeyPolicy(usage: number, flavor: 'oberon' | 'mbedtls'): number {
  const valid = flavor === 'oberon' ? VALID_USAGE | PSA_KEY_USAGE_WRAP | PSA_KEY_USAGE_UNWRAP : VALID_USAGE;
  return (usage & ~valid) !== 0 ? PSA_ERROR_INVALID_ARGUMENT : PSA_SUCCESS;
}

/** `psa_mac_key_can_do`: HMAC needs an HMAC key; a block-cipher MAC needs a block cipher key. */
export function macKeyCanDo(alg: number, keyType: number): number {
  if (PSA_ALG_IS_HMAC(alg) && keyType === PSA_KEY_TYPE_HMAC) return PSA_SUCCESS;
  if (
    PSA_ALG_IS_BLOCK_CIPHER_MAC(alg) &&
    (keyType & PSA_KEY_TYPE_CATEGORY_MASK) === PSA_KEY_TYPE_CATEGORY_SYMMETRIC &&
    PSA_BLOCK_CIPHER_BLOCK_LENGTH(keyType) > 1
  ) {
    return PSA_SUCCESS;
  }
  return PSA_ERROR_INVALID_ARGUMENT;
}

/** `psa_key_algorithm_permits`: whether a policy algorithm allows `requested` (a concrete alg). */
export function keyAlgorithmPermits(keyType: number, policyAlg: number, requested: number): boolean {
  if (PSA_ALG_IS_WILDCARD(requested)) return false;
  if (requested === policyAlg) return true;
  if (
    PSA_ALG_IS_MAC(policyAlg) &&
    PSA_ALG_IS_MAC(requested) &&
    PSA_ALG_FULL_LENGTH_MAC(policyAlg) === PSA_ALG_FULL_LENGTH_MAC(requested)
  ) {
    if (macKeyCanDo(policyAlg, keyType) !== PSA_SUCCESS) return false;
    const requestedLength = PSA_MAC_LENGTH(keyType, 0, requested);
    const defaultLength = PSA_MAC_LENGTH(keyType, 0, PSA_ALG_FULL_LENGTH_MAC(requested));
    if (PSA_MAC_TRUNCATED_LENGTH(policyAlg) === 0) return requestedLength === defaultLength;
    if (PSA_MAC_TRUNCATED_LENGTH(requested) === 0 && PSA_MAC_TRUNCATED_LENGTH(policyAlg) === defaultLength)
      return true;
    if ((policyAlg & PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG) !== 0) {
      return PSA_MAC_TRUNCATED_LENGTH(policyAlg) <= requestedLength;
    }
  }
  return false;
}

/** `psa_key_policy_permits`: 0 or a wildcard request is INVALID_ARGUMENT; otherwise alg or alg2 must permit it. */
export function keyPolicyPermits(
  policy: { alg: number; alg2: number },
  keyType: number,
  alg: number,
): number {
  if (alg === 0) return PSA_ERROR_INVALID_ARGUMENT;
  if (PSA_ALG_IS_WILDCARD(alg)) return PSA_ERROR_INVALID_ARGUMENT;
  if (keyAlgorithmPermits(keyType, policy.alg, alg) || keyAlgorithmPermits(keyType, policy.alg2, alg)) {
    return PSA_SUCCESS;
  }
  return PSA_ERROR_NOT_PERMITTED;
}

/** `psa_key_policy_algorithm_intersection`: the most restrictive algorithm both allow, or 0. */
export function policyAlgorithmIntersection(keyType: number, alg1: number, alg2: number): number {
  if (alg1 === alg2) return alg1;
  if (
    PSA_ALG_IS_MAC(alg1) &&
    PSA_ALG_IS_MAC(alg2) &&
    PSA_ALG_FULL_LENGTH_MAC(alg1) === PSA_ALG_FULL_LENGTH_MAC(alg2)
  ) {
    if (macKeyCanDo(alg1, keyType) !== PSA_SUCCESS) return 0;
    const len1 = PSA_MAC_LENGTH(keyType, 0, alg1);
    const len2 = PSA_MAC_LENGTH(keyType, 0, alg2);
    const restricted = Math.max(len1, len2);
    const wild1 = (alg1 & PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG) !== 0;
    const wild2 = (alg2 & PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG) !== 0;
    if (wild1 && wild2) return PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(alg1, restricted);
    if (wild1) return len1 <= len2 ? alg2 : 0;
    if (wild2) return len2 <= len1 ? alg1 : 0;
    if (len1 === len2) return PSA_ALG_TRUNCATED_MAC(alg1, len1);
  }
  return 0;
}

/** `psa_restrict_key_policy`: intersects `policy` with `constraint` in place. */
export function restrictKeyPolicy(
  keyType: number,
  policy: { usage: number; alg: number; alg2: number },
  constraint: { usage: number; alg: number; alg2: number },
): number {
  const alg = policyAlgorithmIntersection(keyType, policy.alg, constraint.alg);
  const alg2 = policyAlgorithmIntersection(keyType, policy.alg2, constraint.alg2);
  if (alg === 0 && policy.alg !== 0 && constraint.alg !== 0) return PSA_ERROR_INVALID_ARGUMENT;
  if (alg2 === 0 && policy.alg2 !== 0 && constraint.alg2 !== 0) return PSA_ERROR_INVALID_ARGUMENT;
  policy.usage = (policy.usage & constraint.usage) >>> 0;
  policy.alg = alg;
  policy.alg2 = alg2;
  return PSA_SUCCESS;
}

/**
 * `psa_get_and_lock_key_slot_with_policy`: look the key up, then require every bit of
 * `usage` (NOT_PERMITTED) and, when `alg` ≠ 0, that the policy permits `alg`.
 */
export function getAndLockSlotWithPolicy(
  state: CoreState,
  owner: number,
  id: number,
  usage: number,
  alg: number,
): SlotResult {
  const r = getAndLockSlot(state, owner, id);
  if (!r.slot) return r;
  const slot = r.slot;
  let status: number = PSA_SUCCESS;
  if ((slot.usage & usage) >>> 0 !== usage >>> 0) status = PSA_ERROR_NOT_PERMITTED;
  else if (alg !== 0) status = keyPolicyPermits(slot, slot.type, alg);
  if (status !== PSA_SUCCESS) {
    unregisterRead(slot);
    return { status, slot: undefined };
  }
  return r;
}
