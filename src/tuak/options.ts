/**
 * The operator-chosen TUAK parameters (TS 35.231 §5.1, §7.2): the lengths of RES, MAC-A/MAC-S,
 * CK and IK, and the number of Keccak iterations, with their checks and defaults.
 * @module
 */

import { describeType } from '../utils/bytes.js';
import {
  aoneOf,
  TUAK_CK_IK_BITS,
  TUAK_MAC_BITS,
  TUAK_RES_BITS,
  type TuakCkIkBits,
  type TuakMacBits,
  type TuakResBits,
} from './instance.js';

/**
 * Parameter lengths and iteration count of one TUAK instance (TS 35.231 §5.1). They must be the
 * same in the AuC and on the USIM. Every field is optional; the defaults are in {@link TUAK_DEFAULTS}.
 */
export interface TuakOptions {
  /** Length of RES (f2) in bits: 32, 64, 128 or 256. Default 64. */
  resBits?: TuakResBits;
  /** Length of MAC-A (f1) and MAC-S (f1*) in bits: 64, 128 or 256. Default 64. */
  macBits?: TuakMacBits;
  /** Length of CK (f3) in bits: 128 or 256. Default 128. */
  ckBits?: TuakCkIkBits;
  /** Length of IK (f4) in bits: 128 or 256. Default 128. */
  ikBits?: TuakCkIkBits;
  /** Number of Keccak-f[1600] permutations per function ("KeccakIterations"), an integer ≥ 1. Default 1. */
  iterations?: number;
}

/** {@link TuakOptions} with every field set. */
export type TuakParameters = Required<TuakOptions>;

/** The defaults: RES 64, MAC 64, CK 128, IK 128 bits (the MILENAGE-compatible sizes), 1 iteration. */
export const TUAK_DEFAULTS: Readonly<TuakParameters> = Object.freeze({
  resBits: 64,
  macBits: 64,
  ckBits: 128,
  ikBits: 128,
  iterations: 1,
});

/** Upper bound for KeccakIterations (the reference code's `unsigned int`); only here to reject nonsense. */
export const TUAK_MAX_ITERATIONS = 0xffffffff;

const OPTION_NAMES = new Set(['resBits', 'macBits', 'ckBits', 'ikBits', 'iterations']);

/**
 * Checks KeccakIterations: an integer from 1 to {@link TUAK_MAX_ITERATIONS}.
 * Throws a `TypeError` (not an integer) or `RangeError` (out of range) naming `name`.
 */
export function aiterations(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new TypeError(`${name} must be an integer, got ${describeType(value)}`);
  }
  if (value < 1 || value > TUAK_MAX_ITERATIONS) {
    throw new RangeError(`${name} must be between 1 and ${TUAK_MAX_ITERATIONS}, got ${value}`);
  }
  return value;
}

/**
 * Validates `options` and fills in the defaults. Unknown fields are rejected (a misspelt
 * `resbits` would otherwise silently give the default length). Errors name the field,
 * e.g. `options.resBits`.
 *
 * @param options the caller's options, or `undefined` for all defaults
 * @returns a new, frozen, complete parameter set
 */
export function resolveTuakOptions(options: unknown): Readonly<TuakParameters> {
  if (options === undefined) return TUAK_DEFAULTS;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`options must be an object, got ${describeType(options)}`);
  }
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!OPTION_NAMES.has(key)) throw new TypeError(`options.${key} is not a TUAK option`);
  }
  const pick = <T>(key: keyof TuakParameters, check: (name: string, v: unknown) => T): T =>
    o[key] === undefined ? (TUAK_DEFAULTS[key] as T) : check(`options.${key}`, o[key]);
  return Object.freeze({
    resBits: pick('resBits', (n, v) => aoneOf(n, v, TUAK_RES_BITS)),
    macBits: pick('macBits', (n, v) => aoneOf(n, v, TUAK_MAC_BITS)),
    ckBits: pick('ckBits', (n, v) => aoneOf(n, v, TUAK_CK_IK_BITS)),
    ikBits: pick('ikBits', (n, v) => aoneOf(n, v, TUAK_CK_IK_BITS)),
    iterations: pick('iterations', aiterations),
  });
}
