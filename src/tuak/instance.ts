/**
 * The INSTANCE byte of TUAK (TS 35.231 §6.1–§6.5): it separates the functions (TOPc, f1, f1*,
 * f2–f5, f5*) and the chosen parameter lengths, so that e.g. a 64-bit MAC is not a prefix of the
 * 128-bit MAC for the same inputs. Bit numbering as in the spec, INSTANCE[0] being the most
 * significant bit:
 *
 * | bit | mask | meaning |
 * | --- | --- | --- |
 * | 0 | `0x80` | 1 for f1* and f5* (resynchronisation functions) |
 * | 1 | `0x40` | 1 for f2–f5 and f5*, 0 for TOPc, f1 and f1* |
 * | 2..4 | `0x20`, `0x10`, `0x08` | MAC (f1/f1*) or RES (f2) length: `000` 32, `001` 64, `010` 128, `100` 256 bits |
 * | 5 | `0x04` | CK is 256 bits (f2–f5 only) |
 * | 6 | `0x02` | IK is 256 bits (f2–f5 only) |
 * | 7 | `0x01` | K is 256 bits |
 * @module
 */

import { describeType } from '../utils/bytes.js';

/** Length of the subscriber key K in bits (TS 35.231 §5.1). */
export type TuakKeyBits = 128 | 256;
/** Length of MAC-A / MAC-S in bits (TS 35.231 §5.1). */
export type TuakMacBits = 64 | 128 | 256;
/** Length of RES in bits (TS 35.231 §5.1). */
export type TuakResBits = 32 | 64 | 128 | 256;
/** Length of CK or IK in bits (TS 35.231 §5.1). */
export type TuakCkIkBits = 128 | 256;

/** The allowed K lengths in bits (TS 35.231 §5.1), in increasing order (frozen: the checks use it). */
export const TUAK_K_BITS: readonly TuakKeyBits[] = Object.freeze([128, 256]);
/** Allowed MAC-A / MAC-S lengths in bits (frozen). */
export const TUAK_MAC_BITS: readonly TuakMacBits[] = Object.freeze([64, 128, 256]);
/** Allowed RES lengths in bits (frozen). */
export const TUAK_RES_BITS: readonly TuakResBits[] = Object.freeze([32, 64, 128, 256]);
/** Allowed CK / IK lengths in bits (frozen). */
export const TUAK_CK_IK_BITS: readonly TuakCkIkBits[] = Object.freeze([128, 256]);

const F1_STAR = 0x80; // INSTANCE[0]
const F2345_OR_F5STAR = 0x40; // INSTANCE[1]
const CK_256 = 0x04; // INSTANCE[5]
const IK_256 = 0x02; // INSTANCE[6]
const K_256 = 0x01; // INSTANCE[7]

/**
 * Checks that `value` is one of `allowed` (a parameter length). Throws a `TypeError` for a
 * non-number and a `RangeError` for a number outside the list; the message names `name`.
 * @internal
 */
export function aoneOf<T extends number>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'number') {
    throw new TypeError(
      `${name} must be a number (one of ${allowed.join(', ')}), got ${describeType(value)}`,
    );
  }
  if (!(allowed as readonly number[]).includes(value)) {
    throw new RangeError(`${name} must be one of ${allowed.join(', ')}, got ${value}`);
  }
  return value as T;
}

/** INSTANCE[2..4] for a MAC or RES length: 32 → 000, 64 → 001, 128 → 010, 256 → 100. */
function lengthBits(bits: number): number {
  return bits === 32 ? 0 : (bits >>> 3) & 0x38;
}

function kBit(kBits: unknown): number {
  return aoneOf('kBits', kBits, TUAK_K_BITS) === 256 ? K_256 : 0;
}

/**
 * INSTANCE for the derivation of TOPc from TOP (TS 35.231 §6.1): `0x00`, or `0x01` for a 256-bit K.
 *
 * @param kBits length of K in bits, 128 or 256
 */
export function topcInstance(kBits: TuakKeyBits): number {
  return kBit(kBits);
}

/**
 * INSTANCE for f1 (TS 35.231 §6.2) or, with `star`, f1* (§6.3): the MAC length in INSTANCE[2..4],
 * the K length in INSTANCE[7], and INSTANCE[0] set for f1*.
 *
 * @param macBits length of MAC-A / MAC-S in bits, 64, 128 or 256
 * @param kBits length of K in bits, 128 or 256
 * @param star `true` for f1*
 */
export function f1Instance(macBits: TuakMacBits, kBits: TuakKeyBits, star = false): number {
  const mac = lengthBits(aoneOf('macBits', macBits, TUAK_MAC_BITS));
  return (star ? F1_STAR : 0) | mac | kBit(kBits);
}

/**
 * INSTANCE for f2, f3, f4 and f5, computed together (TS 35.231 §6.4): INSTANCE[1] set, the RES
 * length in INSTANCE[2..4], 256-bit CK in INSTANCE[5], 256-bit IK in INSTANCE[6], 256-bit K in INSTANCE[7].
 *
 * @param resBits length of RES in bits, 32, 64, 128 or 256
 * @param ckBits length of CK in bits, 128 or 256
 * @param ikBits length of IK in bits, 128 or 256
 * @param kBits length of K in bits, 128 or 256
 */
export function f2345Instance(
  resBits: TuakResBits,
  ckBits: TuakCkIkBits,
  ikBits: TuakCkIkBits,
  kBits: TuakKeyBits,
): number {
  const res = lengthBits(aoneOf('resBits', resBits, TUAK_RES_BITS));
  const ck = aoneOf('ckBits', ckBits, TUAK_CK_IK_BITS) === 256 ? CK_256 : 0;
  const ik = aoneOf('ikBits', ikBits, TUAK_CK_IK_BITS) === 256 ? IK_256 : 0;
  return F2345_OR_F5STAR | res | ck | ik | kBit(kBits);
}

/**
 * INSTANCE for f5* (TS 35.231 §6.5): INSTANCE[0] and INSTANCE[1] set (`0xc0`), plus the K length bit.
 *
 * @param kBits length of K in bits, 128 or 256
 */
export function f5starInstance(kBits: TuakKeyBits): number {
  return F1_STAR | F2345_OR_F5STAR | kBit(kBits);
}
