/**
 * The one interface both 3GPP authentication algorithm sets implement
 * (MILENAGE, TS 35.206, and TUAK, TS 35.231), so the AKA toolkit works with either.
 * `psa-emu/milenage` and `psa-emu/tuak` satisfy it structurally; neither imports this file.
 * @module
 */

/** Outputs of f2, f3, f4 and f5 for one RAND (TS 33.102 §6.3.2). */
export interface F2345Result {
  /** f2: RES / XRES (MILENAGE: 8 bytes; TUAK: 4, 8, 16 or 32). */
  res: Uint8Array;
  /** f3: cipher key CK (16 bytes; TUAK may give 32). */
  ck: Uint8Array;
  /** f4: integrity key IK (16 bytes; TUAK may give 32). */
  ik: Uint8Array;
  /** f5: anonymity key AK (6 bytes). */
  ak: Uint8Array;
}

/** Every output of one full run (shares the intermediate state, no repeated work). */
export interface AkaComputeResult extends F2345Result {
  /** f1: network authentication code MAC-A. */
  macA: Uint8Array;
  /** f1*: resynchronisation authentication code MAC-S. */
  macS: Uint8Array;
  /** f5*: anonymity key AK* used in AUTS (6 bytes). */
  akStar: Uint8Array;
}

/**
 * A keyed instance of an authentication and key-generation algorithm set.
 * All inputs are `Uint8Array`s: RAND 16 bytes, SQN 6 bytes, AMF 2 bytes.
 */
export interface AkaAlgorithm {
  /** `'milenage'` or `'tuak'`. */
  readonly algorithm: 'milenage' | 'tuak';
  /** Length of MAC-A / MAC-S in bytes (MILENAGE 8; TUAK 8, 16 or 32). */
  readonly macLength: number;
  /** Length of RES in bytes. */
  readonly resLength: number;
  /** Length of CK in bytes. */
  readonly ckLength: number;
  /** Length of IK in bytes. */
  readonly ikLength: number;
  /** f1: the network authentication code MAC-A over RAND, SQN and AMF. */
  f1(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): { macA: Uint8Array };
  /** f1*: the resynchronisation code MAC-S (AUTS uses AMF 0000). */
  f1star(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): { macS: Uint8Array };
  /** f2, f3, f4, f5: RES, CK, IK and AK for one RAND. */
  f2345(rand: Uint8Array): F2345Result;
  /** f5*: the anonymity key AK* for AUTS. */
  f5star(rand: Uint8Array): { akStar: Uint8Array };
  /** Every output at once, sharing the intermediate state. */
  compute(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): AkaComputeResult;
  /** Wipes the key material held by the instance; later calls throw. */
  dispose(): void;
}
