/**
 * The packed row of one authentication vector (TS 33.102 §6.3.2 quintet plus its SQN) as bulk
 * generation writes it: RAND ‖ XRES ‖ CK ‖ IK ‖ AK ‖ AUTN ‖ SQN, field offsets from the algorithm's
 * output lengths (MILENAGE TS 35.206: {@link MILENAGE_VECTOR_ROW}), and reading one row back.
 * @module
 */

import { anumber, describeType, isBytes } from '../utils/bytes.js';
import type { AuthVector } from './network.js';
import { toSqn } from './sqn.js';

/** Byte offsets of the fields of one packed vector row (and the field and row lengths). */
export interface AuthVectorRowLayout {
  /** RAND 16, XRES = f2, CK = f3, IK = f4, AK = f5 (6), AUTN = SQN ⊕ AK ‖ AMF ‖ MAC-A, SQN (6, big-endian). */
  readonly rand: number;
  readonly xres: number;
  readonly ck: number;
  readonly ik: number;
  readonly ak: number;
  readonly autn: number;
  readonly sqn: number;
  /** Bytes per row. */
  readonly length: number;
  readonly resLength: number;
  readonly ckLength: number;
  readonly ikLength: number;
  /** 8 + MAC length. */
  readonly autnLength: number;
}

/**
 * The row layout for an algorithm's output lengths: RAND ‖ XRES ‖ CK ‖ IK ‖ AK ‖ AUTN ‖ SQN.
 * For MILENAGE this is {@link MILENAGE_VECTOR_ROW}.
 */
export function authVectorRowLayout(lengths: {
  resLength: number;
  ckLength: number;
  ikLength: number;
  macLength: number;
}): AuthVectorRowLayout {
  const resLength = anumber('resLength', lengths.resLength, 32);
  const ckLength = anumber('ckLength', lengths.ckLength, 32);
  const ikLength = anumber('ikLength', lengths.ikLength, 32);
  const macLength = anumber('macLength', lengths.macLength, 32);
  const ck = 16 + resLength;
  const ik = ck + ckLength;
  const ak = ik + ikLength;
  const autn = ak + 6;
  const autnLength = 8 + macLength;
  const sqn = autn + autnLength;
  const length = sqn + 6;
  return Object.freeze({
    rand: 0,
    xres: 16,
    ck,
    ik,
    ak,
    autn,
    sqn,
    length,
    resLength,
    ckLength,
    ikLength,
    autnLength,
  });
}

/**
 * MILENAGE rows (84 bytes): RAND 0..15, XRES 16..23, CK 24..39, IK 40..55, AK 56..61,
 * AUTN 62..77 (SQN ⊕ AK 62..67, AMF 68..69, MAC-A 70..77), SQN 78..83.
 */
export const MILENAGE_VECTOR_ROW: AuthVectorRowLayout = /* @__PURE__ */ authVectorRowLayout({
  resLength: 8,
  ckLength: 16,
  ikLength: 16,
  macLength: 8,
});

/** One decoded row: a UMTS vector with its SQN. */
export interface AuthVectorRow extends AuthVector {
  sqn: bigint;
}

/** Decodes row `index` of packed `rows` into new arrays (TS 33.102 §6.3.2 vector plus SQN). */
export function readAuthVectorRow(
  rows: Uint8Array,
  index: number,
  layout: AuthVectorRowLayout = MILENAGE_VECTOR_ROW,
): AuthVectorRow {
  if (!isBytes(rows)) throw new TypeError(`rows must be a Uint8Array, got ${describeType(rows)}`);
  const o = anumber('index', index) * layout.length;
  if (o + layout.length > rows.length) throw new RangeError(`rows has no row ${index}`);
  const at = (field: number, length: number) => rows.slice(o + field, o + field + length);
  const sqnBytes = rows.subarray(o + layout.sqn, o + layout.sqn + 6);
  return {
    sqn: toSqn(sqnBytes),
    rand: at(layout.rand, 16),
    xres: at(layout.xres, layout.resLength),
    ck: at(layout.ck, layout.ckLength),
    ik: at(layout.ik, layout.ikLength),
    ak: at(layout.ak, 6),
    autn: at(layout.autn, layout.autnLength),
  };
}
