/**
 * `psa-emu/tuak`: the TUAK algorithm set (3GPP TS 35.231, test data TS 35.232 / TS 35.233), a
 * Keccak-f[1600] based alternative to MILENAGE for f1, f1*, f2, f3, f4, f5 and f5*, with 128- or
 * 256-bit K and operator-chosen RES/MAC/CK/IK lengths. The permutation is `keccakP` from
 * `@noble/hashes`.
 * @module
 */

export {
  INOUT_ALGONAME,
  INOUT_AMF,
  INOUT_INSTANCE,
  INOUT_K,
  INOUT_PAD_END,
  INOUT_PAD_START,
  INOUT_RAND,
  INOUT_SQN,
  INOUT_TOP,
  OUT_AK,
  OUT_CK,
  OUT_IK,
  OUT_MAC_RES,
  TUAK_ALGONAME,
} from './inout.js';
export {
  f1Instance,
  f5starInstance,
  f2345Instance,
  TUAK_CK_IK_BITS,
  TUAK_K_BITS,
  TUAK_MAC_BITS,
  TUAK_RES_BITS,
  type TuakCkIkBits,
  type TuakKeyBits,
  type TuakMacBits,
  type TuakResBits,
  topcInstance,
} from './instance.js';
export {
  KECCAK_STATE_BYTES,
  KECCAK_STATE_WORDS,
  keccakF1600,
  stateFromBytes,
  stateToBytes,
} from './keccak-state.js';
export {
  TUAK_DEFAULTS,
  TUAK_MAX_ITERATIONS,
  type TuakOptions,
  type TuakParameters,
} from './options.js';
export { computeTopc } from './topc.js';
export {
  createTuak,
  type Tuak,
  type TuakComputeResult,
  type TuakF2345Result,
  type TuakKeys,
} from './tuak.js';
