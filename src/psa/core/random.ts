/**
 * `psa_generate_random`, `psa_crypto_init` and `mbedtls_psa_crypto_free` for the core, and
 * the default random source (`crypto.getRandomValues`, available in Node ≥ 20 and browsers).
 * @module
 */
import { PSA_ERROR_BAD_STATE, PSA_SUCCESS } from '../status.js';
import { type CoreState, drawRandom, type RandomSource } from './context.js';
import { wipeSlot } from './slots.js';

const POOL_SIZE = 4096;
const pool = new Uint8Array(POOL_SIZE);
let poolUsed = POOL_SIZE;

/**
 * The platform CSPRNG (`crypto.getRandomValues`). Small requests (IVs) are served from a 4 KiB
 * pool refilled in one call — one `getRandomValues` costs more than a whole AES block — and every
 * byte handed out is zeroed in the pool; large requests go straight to the platform in 64 KiB chunks.
 */
export const systemRandom: RandomSource = (out) => {
  if (out.length > 256) {
    for (let o = 0; o < out.length; o += 65536)
      globalThis.crypto.getRandomValues(out.subarray(o, o + 65536) as Uint8Array<ArrayBuffer>);
    return;
  }
  let o = 0;
  while (o < out.length) {
    if (poolUsed === POOL_SIZE) {
      globalThis.crypto.getRandomValues(pool);
      poolUsed = 0;
    }
    const n = Math.min(out.length - o, POOL_SIZE - poolUsed);
    out.set(pool.subarray(poolUsed, poolUsed + n), o);
    pool.fill(0, poolUsed, poolUsed + n);
    poolUsed += n;
    o += n;
  }
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

/**
 * `psa_generate_random(output, output_size)`: BAD_STATE before `psa_crypto_init`;
 * INSUFFICIENT_ENTROPY (output zeroed) when the random source fails.
 */
export function generateRandom(state: CoreState, out: Uint8Array): number {
  if (!state.initialized) return PSA_ERROR_BAD_STATE;
  return drawRandom(state, out);
}
