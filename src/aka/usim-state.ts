/**
 * JSON-safe form of a USIM's SQN state (TS 33.102 Annex C.2): the SEQ_MS array and its parameters,
 * the same data a SIM keeps in files (onomondo-uicc: EF 3F00/A100…A11F for SEQ_MS, A120 for Δ).
 * Bigints are written as decimal strings so the state survives `JSON.stringify`/`JSON.parse`.
 * @module
 */

import { describeType } from '../utils/bytes.js';
import type { SqnArrayParams } from './sqn-array.js';

/** Serialised SQN state of a `Usim` (version 1). */
export interface UsimState {
  /** Format version, 1. */
  version: 1;
  /** IND length in bits. */
  indLength: number;
  /** Δ as a decimal string. */
  delta: string;
  /** L as a decimal string, if set. */
  limit?: string;
  /** Age limit, if set (maxAge as a decimal string). */
  ageLimit?: { glcBits: number; maxAge: string };
  /** SEQ_MS(0 … 2^indLength − 1) as decimal strings. */
  seqMs: string[];
}

/** Builds the JSON-safe state from the parameters and the array. */
export function serialiseUsimState(params: SqnArrayParams, seqMs: readonly bigint[]): UsimState {
  const state: UsimState = {
    version: 1,
    indLength: params.indLength,
    delta: params.delta.toString(),
    seqMs: seqMs.map((v) => v.toString()),
  };
  if (params.limit !== undefined) state.limit = params.limit.toString();
  if (params.ageLimit !== undefined) {
    state.ageLimit = { glcBits: params.ageLimit.glcBits, maxAge: params.ageLimit.maxAge.toString() };
  }
  return state;
}

function big(name: string, value: unknown): bigint {
  if (typeof value !== 'string' || !/^[0-9]+$/.test(value)) {
    throw new TypeError(`${name} must be a decimal string, got ${describeType(value)}`);
  }
  return BigInt(value);
}

/**
 * Parses a saved state (types only; ranges are checked by the `Usim` constructor).
 * Throws a `TypeError` naming the offending field.
 */
export function parseUsimState(state: UsimState): { params: SqnArrayParams; seqMs: bigint[] } {
  if (typeof state !== 'object' || state === null) throw new TypeError('state must be an object');
  if (state.version !== 1) throw new TypeError(`state.version must be 1, got ${String(state.version)}`);
  if (typeof state.indLength !== 'number') throw new TypeError('state.indLength must be a number');
  if (!Array.isArray(state.seqMs)) throw new TypeError('state.seqMs must be an array of decimal strings');
  const params: SqnArrayParams = { indLength: state.indLength, delta: big('state.delta', state.delta) };
  if (state.limit !== undefined) params.limit = big('state.limit', state.limit);
  if (state.ageLimit !== undefined) {
    if (typeof state.ageLimit !== 'object' || state.ageLimit === null)
      throw new TypeError('state.ageLimit must be an object');
    params.ageLimit = {
      glcBits: state.ageLimit.glcBits,
      maxAge: big('state.ageLimit.maxAge', state.ageLimit.maxAge),
    };
  }
  return { params, seqMs: state.seqMs.map((v, i) => big(`state.seqMs[${i}]`, v)) };
}
