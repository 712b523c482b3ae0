/**
 * TOPc, the subscriber-specific form of the operator variant TOP (TS 35.231 §6.1, §7.1).
 * @module
 */

import { abytes, wipe } from '../utils/bytes.js';
import { INOUT_INSTANCE, initInout, OUT_MAC_RES } from './inout.js';
import { topcInstance } from './instance.js';
import { KECCAK_STATE_WORDS, permuteState, readReversed, setStateByte } from './keccak-state.js';
import { aiterations } from './options.js';

/**
 * TOPc into `out` (32 bytes) with a caller-provided scratch state. No argument checks; the scratch
 * state is wiped before returning.
 * @internal
 */
export function topcInto(top: Uint8Array, k: Uint8Array, iterations: number, out: Uint8Array): Uint8Array {
  const s = new Uint32Array(KECCAK_STATE_WORDS);
  // INOUT = TOP ‖ INSTANCE ‖ ALGONAME ‖ RAND=0 ‖ AMF=0 ‖ SQN=0 ‖ K ‖ padding (§6.1).
  initInout(s, top, k);
  setStateByte(s, INOUT_INSTANCE, topcInstance(k.length === 32 ? 256 : 128));
  permuteState(s, iterations);
  readReversed(s, OUT_MAC_RES, out);
  wipe(s);
  return out;
}

/**
 * Derives TOPc from the subscriber key K and the operator variant TOP (TS 35.231 §6.1):
 * INOUT holds TOP, INSTANCE (0x00, or 0x01 for a 256-bit K), ALGONAME, zero RAND/AMF/SQN and K;
 * TOPc is the first 256 bits after `iterations` Keccak permutations. §7.1 recommends computing
 * TOPc off the card and storing only TOPc on the USIM.
 *
 * @param k subscriber key K, 16 or 32 bytes
 * @param top operator variant algorithm configuration field TOP, 32 bytes
 * @param iterations KeccakIterations, an integer ≥ 1 (default 1); must match the one used for f1…f5*
 * @returns TOPc, 32 bytes (a new array)
 */
export function computeTopc(k: Uint8Array, top: Uint8Array, iterations = 1): Uint8Array {
  abytes('k', k, 16, 32);
  abytes('top', top, 32);
  aiterations('iterations', iterations);
  return topcInto(top, k, iterations, new Uint8Array(32));
}
