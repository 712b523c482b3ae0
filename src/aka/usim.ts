/**
 * A USIM's AKA side (TS 33.102 §6.3.3 and Annex C.2): AUTHENTICATE in the 3G context (MAC check,
 * SQN freshness with the SEQ_MS array, AUTS on synchronisation failure) and in the GSM context
 * (SRES/Kc by c2/c3, TS 33.102 §6.8.1.2). The SQN state is serialisable and updated atomically:
 * each call computes the new array and commits it with one assignment, or not at all.
 *
 * Selectable behaviours (defaults follow TS 33.102):
 * - `checkOrder: 'mac-first'` (TS 33.102 §6.3.3: a MAC failure never touches the SQN state) or
 *   `'sqn-first'` (onomondo-uicc ≤ v2.2.1: freshness is checked and the state updated before the MAC).
 * - `freshness` and `autsSqn`: `'annex-c'` or `'onomondo'` (see `sqn-array.ts`).
 * @module
 */

import { c2, c3 } from '../milenage/gsm.js';
import {
  abytes,
  bigIntToBytes,
  bytesToBigInt,
  constantTimeEqual,
  describeType,
  wipe,
} from '../utils/bytes.js';
import { redact } from '../utils/redact.js';
import type { AkaAlgorithm } from './algorithm.js';
import { DEFAULT_IND_LENGTH } from './sqn.js';
import {
  type AgeLimit,
  type AutsSqnRule,
  checkSeqMsArray,
  checkSqnArrayParams,
  type FreshnessFailure,
  type FreshnessRule,
  freshnessPlace,
  highestSeqMs,
  type SqnArrayParams,
  sqnMsForAuts,
} from './sqn-array.js';
import { buildAuts, openAutn, resyncAmf } from './tokens.js';
import { parseUsimState, serialiseUsimState, type UsimState } from './usim-state.js';

/** Order of the MAC and SQN checks in AUTHENTICATE. */
export type CheckOrder = 'mac-first' | 'sqn-first';

/** Default Δ: 2^28 (the onomondo-uicc template value, EF 3F00/A120). */
export const DEFAULT_DELTA = 1n << 28n;

/** Options of {@link Usim}. */
export interface UsimOptions {
  /** The subscriber's keyed algorithm (`createMilenage({ k, opc })`, or TUAK). The caller keeps ownership. */
  milenage: AkaAlgorithm;
  /** IND length in bits (default 5: 32 SEQ_MS entries). */
  indLength?: number;
  /** Δ (default 2^28), TS 33.102 Annex C.2.1. */
  delta?: bigint;
  /** Optional limit L on SEQ_MS − SEQ (TS 33.102 Annex C.2.2), `'annex-c'` freshness only. */
  limit?: bigint;
  /** Optional age limit for time-based SEQs, `'annex-c'` freshness only. */
  ageLimit?: AgeLimit;
  /** Initial SEQ_MS array (2^indLength bigints; default all zero, TS 33.102 Annex C.2.2). */
  seqMs?: readonly bigint[];
  /** A saved {@link Usim.state} to restore instead of indLength/delta/limit/ageLimit/seqMs. */
  state?: UsimState;
  /** Default `'mac-first'` (TS 33.102). */
  checkOrder?: CheckOrder;
  /** Default `'annex-c'`. */
  freshness?: FreshnessRule;
  /** Default `'annex-c'`. */
  autsSqn?: AutsSqnRule;
}

/** Answer of {@link Usim.authenticate} (TS 31.102 §7.1.2.1: success, synchronisation failure, or MAC failure). */
export type UsimAuthResult =
  | {
      kind: 'success';
      res: Uint8Array;
      ck: Uint8Array;
      ik: Uint8Array;
      /** Kc = c3(CK, IK); absent when CK/IK are not 128-bit (c3 is defined for 128-bit keys only). */
      kc?: Uint8Array;
    }
  | {
      kind: 'sync-failure';
      /** AUTS = SQN_MS ⊕ AK* ‖ MAC-S. */
      auts: Uint8Array;
      /** Which freshness condition failed (diagnostic; a real card does not say). */
      reason: FreshnessFailure;
    }
  | { kind: 'mac-failure' };

/** Behaviour presets to spread into {@link UsimOptions}. */
export const USIM_PROFILES = Object.freeze({
  /** TS 33.102: MAC first, Annex C.2 freshness, SQN_MS = highest accepted SQN. */
  'ts-33.102': Object.freeze({ checkOrder: 'mac-first', freshness: 'annex-c', autsSqn: 'annex-c' } as const),
  /** onomondo-uicc ≤ v2.2.1 (nrf-softsim for NCS 3.2): SQN first, u64 delta rule, SQN_MS = highest SEQ ‖ received IND. */
  'onomondo-uicc-2.2': Object.freeze({
    indLength: 5,
    delta: DEFAULT_DELTA,
    checkOrder: 'sqn-first',
    freshness: 'onomondo',
    autsSqn: 'onomondo',
  } as const),
  /** onomondo-uicc after PR #103: MAC first, otherwise as v2.2. */
  'onomondo-uicc-pr103': Object.freeze({
    indLength: 5,
    delta: DEFAULT_DELTA,
    checkOrder: 'mac-first',
    freshness: 'onomondo',
    autsSqn: 'onomondo',
  } as const),
});

function oneOf<T extends string>(name: string, value: T | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value))
    throw new TypeError(`${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
  return value;
}

/**
 * An emulated USIM for AKA. Holds the algorithm instance (key material: printing the USIM shows a
 * label only) and the Annex C.2 state.
 *
 * @example
 * const usim = new Usim({ milenage: createMilenage({ k, opc }) });
 * const answer = usim.authenticate(rand, autn);
 * if (answer.kind === 'success') use(answer.res, answer.ck, answer.ik);
 */
export class Usim {
  readonly #alg: AkaAlgorithm;
  readonly #params: SqnArrayParams;
  /** SEQ_MS(0 … a−1), updated in place on acceptance; `#highest` is its maximum (Annex C.2.1 SEQ_MS). */
  readonly #seqMs: bigint[];
  #highest: bigint;
  /** Order of the MAC and SQN checks. */
  readonly checkOrder: CheckOrder;
  /** Freshness rule. */
  readonly freshness: FreshnessRule;
  /** How SQN_MS in AUTS is formed. */
  readonly autsSqn: AutsSqnRule;

  constructor(options: UsimOptions) {
    if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
    const { milenage, state } = options;
    if (typeof milenage !== 'object' || milenage === null || typeof milenage.compute !== 'function') {
      throw new TypeError(`milenage must be an AkaAlgorithm instance, got ${describeType(milenage)}`);
    }
    this.#alg = milenage;
    this.checkOrder = oneOf('checkOrder', options.checkOrder, ['mac-first', 'sqn-first'], 'mac-first');
    this.freshness = oneOf('freshness', options.freshness, ['annex-c', 'onomondo'], 'annex-c');
    this.autsSqn = oneOf('autsSqn', options.autsSqn, ['annex-c', 'onomondo'], 'annex-c');
    if (state !== undefined) {
      for (const k of ['indLength', 'delta', 'limit', 'ageLimit', 'seqMs'] as const) {
        if (options[k] !== undefined) throw new TypeError(`give either state or ${k}, not both`);
      }
      const parsed = parseUsimState(state);
      this.#params = checkSqnArrayParams(parsed.params, this.freshness);
      this.#seqMs = checkSeqMsArray(parsed.seqMs, parsed.params.indLength, 'state.seqMs');
    } else {
      const params: SqnArrayParams = {
        indLength: options.indLength ?? DEFAULT_IND_LENGTH,
        delta: options.delta ?? DEFAULT_DELTA,
      };
      if (options.limit !== undefined) params.limit = options.limit;
      if (options.ageLimit !== undefined) params.ageLimit = { ...options.ageLimit };
      this.#params = checkSqnArrayParams(params, this.freshness);
      const seqMs = options.seqMs ?? new Array<bigint>(2 ** params.indLength).fill(0n);
      this.#seqMs = checkSeqMsArray(seqMs, params.indLength);
    }
    this.#highest = highestSeqMs(this.#seqMs);
    redact(this, `Usim(${milenage.algorithm})`);
  }

  /** Restores a USIM from a saved {@link Usim.state}. */
  static fromState(
    state: UsimState,
    options: Omit<UsimOptions, 'state' | 'indLength' | 'delta' | 'limit' | 'ageLimit' | 'seqMs'>,
  ): Usim {
    return new Usim({ ...options, state });
  }

  /** IND length in bits. */
  get indLength(): number {
    return this.#params.indLength;
  }

  /** A copy of the SEQ_MS array. */
  get seqMs(): bigint[] {
    return this.#seqMs.slice();
  }

  /** The SQN state as JSON-safe data (bigints as decimal strings), to persist like the SIM's SEQ files. */
  get state(): UsimState {
    return serialiseUsimState(this.#params, this.#seqMs);
  }

  /**
   * AUTHENTICATE in the 3G/EPS/5G context (TS 33.102 §6.3.3, TS 31.102 §7.1.2.1).
   * AK = f5(RAND) opens SQN; XMAC = f1(SQN, RAND, AMF) is compared with MAC in constant time; SQN is
   * checked per Annex C.2; on synchronisation failure AUTS carries SQN_MS with MAC-S = f1*(…, AMF 0000).
   *
   * @param rand RAND, 16 bytes
   * @param autn AUTN, 8 + macLength bytes (16 for MILENAGE)
   */
  authenticate(rand: Uint8Array, autn: Uint8Array): UsimAuthResult {
    const alg = this.#alg;
    abytes('rand', rand, 16);
    abytes('autn', autn, 8 + alg.macLength);
    const { res, ck, ik, ak } = alg.f2345(rand);
    const { sqn, amf, mac } = openAutn(autn, ak);
    wipe(ak);
    const macOk = (): boolean => {
      const { macA } = alg.f1(rand, sqn, amf);
      const ok = constantTimeEqual(mac, macA);
      wipe(macA);
      return ok;
    };
    const fail = (): UsimAuthResult => {
      wipe(res, ck, ik, sqn);
      return { kind: 'mac-failure' };
    };
    if (this.checkOrder === 'mac-first' && !macOk()) return fail();
    const received = bytesToBigInt(sqn);
    const place = freshnessPlace(this.#seqMs, received, this.#params, this.freshness, this.#highest);
    if (!place.fresh) {
      wipe(res, ck, ik, sqn);
      return { kind: 'sync-failure', auts: this.#auts(rand, received), reason: place.reason };
    }
    // Commit (TS 33.102 Annex C.2.2: SEQ_MS(IND) := SEQ): two assignments that cannot throw.
    this.#seqMs[place.ind] = place.seq;
    if (place.seq > this.#highest) this.#highest = place.seq;
    if (this.checkOrder === 'sqn-first' && !macOk()) return fail();
    wipe(sqn);
    const result: UsimAuthResult = { kind: 'success', res, ck, ik };
    if (ck.length === 16 && ik.length === 16) result.kc = c3(ck, ik);
    return result;
  }

  /**
   * AUTHENTICATE in the GSM context (TS 33.102 §6.8.1.2, TS 31.102 §7.1.2.1): SRES = c2(RES),
   * Kc = c3(CK, IK). No SQN check and no state change.
   */
  authenticateGsm(rand: Uint8Array): { sres: Uint8Array; kc: Uint8Array } {
    abytes('rand', rand, 16);
    const { res, ck, ik, ak } = this.#alg.f2345(rand);
    try {
      return { sres: c2(res), kc: c3(ck, ik) };
    } finally {
      wipe(res, ck, ik, ak);
    }
  }

  /** AUTS = (SQN_MS ⊕ AK*) ‖ f1*(SQN_MS, RAND, AMF = 0000) (TS 33.102 §6.3.3). */
  #auts(rand: Uint8Array, received: bigint): Uint8Array {
    const sqnMs = bigIntToBytes(
      sqnMsForAuts(this.#seqMs, this.#params.indLength, this.autsSqn, received, this.#highest),
      6,
      'sqnMs',
    );
    const { akStar } = this.#alg.f5star(rand);
    const { macS } = this.#alg.f1star(rand, sqnMs, resyncAmf());
    const auts = buildAuts({ sqnMs, akStar, macS });
    wipe(sqnMs, akStar, macS);
    return auts;
  }
}
