/**
 * The MILENAGE constants r1..r5 (rotation amounts) and c1..c5 (128-bit XOR constants) of
 * TS 35.206 §4.1, their defaults and the checks applied to operator-customised values.
 * @module
 */

import { abytes, describeType } from '../utils/bytes.js';
import { blockToWordsLE } from './words.js';

/**
 * All ten MILENAGE constants (TS 35.206 §4.1). The operator may choose other values than the
 * defaults; they must be set identically in the AuC and on the USIM.
 */
export interface MilenageConstants {
  /** Rotation for f1/f1* (bits, 0..127, towards the most significant end). Default 64. */
  r1: number;
  /** Rotation for f2/f5 (OUT2). Default 0. */
  r2: number;
  /** Rotation for f3 (OUT3). Default 32. */
  r3: number;
  /** Rotation for f4 (OUT4). Default 64. */
  r4: number;
  /** Rotation for f5* (OUT5). Default 96. */
  r5: number;
  /** 128-bit constant for f1/f1*. Default all zero. */
  c1: Uint8Array;
  /** 128-bit constant for OUT2. Default 00…01 (bit 127 set). */
  c2: Uint8Array;
  /** 128-bit constant for OUT3. Default 00…02 (bit 126 set). */
  c3: Uint8Array;
  /** 128-bit constant for OUT4. Default 00…04 (bit 125 set). */
  c4: Uint8Array;
  /** 128-bit constant for OUT5. Default 00…08 (bit 124 set). */
  c5: Uint8Array;
}

const R_NAMES = ['r1', 'r2', 'r3', 'r4', 'r5'] as const;
const C_NAMES = ['c1', 'c2', 'c3', 'c4', 'c5'] as const;
const NAMES: ReadonlySet<string> = new Set<string>([...R_NAMES, ...C_NAMES]);

/**
 * The default constants of TS 35.206 §4.1: r1 = 64, r2 = 0, r3 = 32, r4 = 64, r5 = 96;
 * c1 = 0, and c2, c3, c4, c5 = 0 except bit 127, 126, 125, 124 respectively (last byte 01, 02, 04, 08).
 * Returns fresh arrays on every call, so callers may modify them.
 */
export function defaultMilenageConstants(): MilenageConstants {
  const c = (last: number) => {
    const v = new Uint8Array(16);
    v[15] = last;
    return v;
  };
  return { r1: 64, r2: 0, r3: 32, r4: 64, r5: 96, c1: c(0), c2: c(1), c3: c(2), c4: c(4), c5: c(8) };
}

/**
 * Validates (possibly partial) operator constants and returns a complete, independent copy in which
 * the missing ones take the defaults.
 * Rules (the first three restate the shapes TS 35.206 §4.1 defines; the fourth is derived from the
 * §4.1 construction, it is not a sentence of the spec):
 * - only r1..r5 and c1..c5 exist: any other key is a `TypeError` (a typo must not silently mean "default");
 * - ri is an integer with 0 ≤ ri ≤ 127 (a rotation of a 128-bit value): `TypeError`/`RangeError`;
 * - ci is a 16-byte `Uint8Array` (a 128-bit constant): `TypeError`/`RangeError`;
 * - the pairs (r2, c2) … (r5, c5) are pairwise distinct: OUT2..OUT5 all encrypt `rot(TEMP ⊕ OPc, rk) ⊕ ck`,
 *   so two equal pairs would make two outputs identical (e.g. CK = IK), which defeats the separation of
 *   f2..f5* that the constants exist for (`RangeError`).
 * Error messages name the constant (`constants.r3`); they show an out-of-range r, never the bytes of a c.
 */
export function validateMilenageConstants(constants?: Partial<MilenageConstants>): MilenageConstants {
  if (constants === undefined) return defaultMilenageConstants();
  if (constants === null || typeof constants !== 'object' || Array.isArray(constants)) {
    throw new TypeError(`constants must be an object, got ${describeType(constants)}`);
  }
  for (const key of Object.keys(constants)) {
    if (!NAMES.has(key)) {
      throw new TypeError(`constants.${key} is not a MILENAGE constant (expected r1..r5 and c1..c5)`);
    }
  }
  const full = defaultMilenageConstants();
  for (let i = 0; i < 5; i++) {
    const rName = R_NAMES[i]!;
    const r: unknown = constants[rName];
    if (r !== undefined) {
      if (typeof r !== 'number' || !Number.isInteger(r)) {
        throw new TypeError(`constants.${rName} must be an integer number of bits, got ${describeType(r)}`);
      }
      if (r < 0 || r > 127) throw new RangeError(`constants.${rName} must be between 0 and 127, got ${r}`);
      full[rName] = r;
    }
    const cName = C_NAMES[i]!;
    const c: unknown = constants[cName];
    if (c !== undefined) {
      full[cName] = Uint8Array.from(abytes(`constants.${cName}`, c, 16));
    }
  }
  for (let i = 1; i < 5; i++) {
    for (let j = i + 1; j < 5; j++) {
      if (full[R_NAMES[i]!] === full[R_NAMES[j]!] && sameBytes(full[C_NAMES[i]!], full[C_NAMES[j]!])) {
        throw new RangeError(
          `constants.${R_NAMES[j]}/${C_NAMES[j]} equal constants.${R_NAMES[i]}/${C_NAMES[i]}: ` +
            `OUT${j + 1} would equal OUT${i + 1} (TS 35.206 §4.1)`,
        );
      }
    }
  }
  return full;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < 16; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Validated constants in the fast path's form: `r[k-1]` = rk and `c[4(k-1)..4(k-1)+3]` = ck as
 * little-endian words (see `words.ts`).
 */
export function constantsToWords(full: MilenageConstants): { r: Uint8Array; c: Uint32Array } {
  const r = new Uint8Array(5);
  const c = new Uint32Array(20);
  for (let i = 0; i < 5; i++) {
    r[i] = full[R_NAMES[i]!];
    c.set(blockToWordsLE(full[C_NAMES[i]!]), 4 * i);
  }
  return { r, c };
}
