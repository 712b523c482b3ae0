/**
 * Usage-flag implications of the PSA Crypto API (kept out of the package root: an internal helper
 * of `psa_set_key_usage_flags` and the core's key load).
 * @module
 */
import {
  PSA_KEY_USAGE_SIGN_HASH,
  PSA_KEY_USAGE_SIGN_MESSAGE,
  PSA_KEY_USAGE_VERIFY_HASH,
  PSA_KEY_USAGE_VERIFY_MESSAGE,
} from './constants/keys.js';

/**
 * `psa_extend_key_usage_flags`: SIGN_HASH implies SIGN_MESSAGE, VERIFY_HASH implies VERIFY_MESSAGE
 * (`psa_set_key_usage_flags` and the core's key load both apply it).
 */
export function extendUsageFlags(usage: number): number {
  let u = usage;
  if (u & PSA_KEY_USAGE_SIGN_HASH) u |= PSA_KEY_USAGE_SIGN_MESSAGE;
  if (u & PSA_KEY_USAGE_VERIFY_HASH) u |= PSA_KEY_USAGE_VERIFY_MESSAGE;
  return u >>> 0;
}
