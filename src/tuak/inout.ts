/**
 * The 1600-bit INOUT value TUAK feeds to Keccak (TS 35.231 §6.1–§6.5). Every field is written
 * with its bytes reversed (the spec numbers INOUT bits from the least significant end of each
 * field), at these byte offsets:
 *
 * | bytes | field |
 * | --- | --- |
 * | 0..31 | TOP (for TOPc) or TOPc |
 * | 32 | INSTANCE |
 * | 33..39 | ALGONAME, the ASCII string `TUAK1.0` |
 * | 40..55 | RAND (zero for TOPc) |
 * | 56..57 | AMF (zero for TOPc, f2–f5 and f5*) |
 * | 58..63 | SQN (zero for TOPc, f2–f5 and f5*) |
 * | 64..95 | K, a 128-bit K taking bytes 64..79 and zeros after it |
 * | 96 | `0x1f` (padding) |
 * | 97..134 | zeros |
 * | 135 | `0x80` (padding) |
 * | 136..199 | zeros |
 *
 * After `KeccakIterations` permutations the outputs are read, again byte-reversed, from offset 0
 * (TOPc, MAC-A, MAC-S, RES), 32 (CK), 64 (IK) and 96 (AK, AK*).
 * @module
 */

import { setStateByte, writeReversed } from './keccak-state.js';

/** Byte offset of TOP / TOPc in INOUT. */
export const INOUT_TOP = 0;
/** Byte offset of INSTANCE in INOUT. */
export const INOUT_INSTANCE = 32;
/** Byte offset of ALGONAME in INOUT. */
export const INOUT_ALGONAME = 33;
/** Byte offset of RAND in INOUT. */
export const INOUT_RAND = 40;
/** Byte offset of AMF in INOUT. */
export const INOUT_AMF = 56;
/** Byte offset of SQN in INOUT. */
export const INOUT_SQN = 58;
/** Byte offset of K in INOUT. */
export const INOUT_K = 64;
/** Byte offset of the first padding byte (`0x1f`). */
export const INOUT_PAD_START = 96;
/** Byte offset of the last padding byte (`0x80`), the end of the Keccak rate used by TUAK. */
export const INOUT_PAD_END = 135;

/** Output offsets: TOPc, MAC-A, MAC-S and RES start at 0, CK at 32, IK at 64, AK and AK* at 96. */
export const OUT_MAC_RES = 0;
/** Byte offset of CK in the output. */
export const OUT_CK = 32;
/** Byte offset of IK in the output. */
export const OUT_IK = 64;
/** Byte offset of AK / AK* in the output. */
export const OUT_AK = 96;

/** ALGONAME (TS 35.231 §5.3): the 56-bit ASCII string written into every INOUT. */
export const TUAK_ALGONAME = 'TUAK1.0';

/** ALGONAME as bytes; module-private so nobody can change it for every instance. */
const ALGONAME_BYTES = /* @__PURE__ */ new TextEncoder().encode(TUAK_ALGONAME);

/**
 * Writes the per-key part of INOUT into a zeroed 50-word state: TOP or TOPc, ALGONAME, K and the
 * padding. INSTANCE, RAND, AMF and SQN are left zero. No argument checks.
 * @internal
 */
export function initInout(state: Uint32Array, top: Uint8Array, k: Uint8Array): void {
  writeReversed(state, INOUT_TOP, top);
  writeReversed(state, INOUT_ALGONAME, ALGONAME_BYTES);
  // A 128-bit K fills bytes 64..79; bytes 80..95 stay zero (K zero-extended to 256 bits).
  writeReversed(state, INOUT_K, k);
  setStateByte(state, INOUT_PAD_START, 0x1f);
  setStateByte(state, INOUT_PAD_END, 0x80);
}
