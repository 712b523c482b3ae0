/**
 * `psa_generate_random`, `psa_crypto_init` and `mbedtls_psa_crypto_free` for the core, and
 * the default random source (`crypto.getRandomValues`, available in Node ≥ 20 and browsers).
 * @module
 */
import { PSA_ERROR_BAD_STATE, PSA_SUCCESS } from '../status.js';
import type { CoreState, RandomSource } from './context.js';
import { wipeSlot } from './slots.js';

/** The platform CSPRNG, in chunks of 64 KiB (the `getRandomValues` limit). */
export const systemRandom: RandomSource = (out) => {
  for (let o = 0; o < out.length; o += 65536)
    globalThis.crypto.getRandomValues(out.subarray(o, o + 65536) as Uint8Array<ArrayBuffer>);
};

/** `psa_crypto_init()`: idempotent. */
export function cryptoInit(state: CoreState): number {
  state.initialized = true;
  return PSA_SUCCESS;
}

/** `mbedtls_psa_crypto_free()`: wipes every key slot (volatile keys are gone); storage stays. */
export function cryptoFree(state: CoreState): void {
  for (const slot of state.slots) if (slot) wipeSlot(state, slot);
  state.initialized = false;
}

/** `psa_generate_random(output, output_size)`: BAD_STATE before `psa_crypto_init`. */
export function generateRandom(state: CoreState, out: Uint8Array): number {
  if (!state.initialized) return PSA_ERROR_BAD_STATE;
  state.config.rng(out);
  return PSA_SUCCESS;
}
