/**
 * A keyed TUAK instance: f1, f1*, f2, f3, f4, f5 and f5* (TS 35.231 §6.2–§6.5) for one subscriber
 * key K and TOPc, with the operator's parameter lengths. Satisfies the `AkaAlgorithm` interface of
 * `psa-emu/aka` structurally, like `createMilenage`.
 * @module
 */

import { abytes, describeType, wipe } from '../utils/bytes.js';
import { redact } from '../utils/redact.js';
import {
  INOUT_AMF,
  INOUT_INSTANCE,
  INOUT_RAND,
  INOUT_SQN,
  initInout,
  OUT_AK,
  OUT_CK,
  OUT_IK,
  OUT_MAC_RES,
} from './inout.js';
import { f1Instance, f5starInstance, f2345Instance, type TuakKeyBits } from './instance.js';
import {
  KECCAK_STATE_WORDS,
  permuteState,
  readReversed,
  setStateByte,
  writeReversed,
} from './keccak-state.js';
import { resolveTuakOptions, type TuakOptions, type TuakParameters } from './options.js';
import { topcInto } from './topc.js';

/**
 * The subscriber's secrets: K (128 or 256 bits) with either the operator variant TOP (TOPc is then
 * derived, TS 35.231 §6.1) or the precomputed TOPc (recommended, §7.1).
 */
export type TuakKeys =
  | { k: Uint8Array; top: Uint8Array; topc?: undefined }
  | { k: Uint8Array; topc: Uint8Array; top?: undefined };

/** Outputs of f2, f3, f4 and f5 for one RAND (TS 35.231 §6.4). */
export interface TuakF2345Result {
  /** f2: RES, `resBits / 8` bytes. */
  res: Uint8Array;
  /** f3: cipher key CK, `ckBits / 8` bytes. */
  ck: Uint8Array;
  /** f4: integrity key IK, `ikBits / 8` bytes. */
  ik: Uint8Array;
  /** f5: anonymity key AK, 6 bytes. */
  ak: Uint8Array;
}

/** Every output of f1, f1*, f2–f5 and f5* for one (RAND, SQN, AMF). */
export interface TuakComputeResult extends TuakF2345Result {
  /** f1: network authentication code MAC-A, `macBits / 8` bytes. */
  macA: Uint8Array;
  /** f1*: resynchronisation authentication code MAC-S, `macBits / 8` bytes. */
  macS: Uint8Array;
  /** f5*: anonymity key AK* for resynchronisation, 6 bytes. */
  akStar: Uint8Array;
}

/**
 * A keyed TUAK instance (TS 35.231). Inputs are RAND 16 bytes, SQN 6 bytes, AMF 2 bytes; every
 * output is a new array. Holds K and TOPc until {@link Tuak.dispose}; prints as `TUAK [redacted]`.
 */
export interface Tuak {
  /** Always `'tuak'`. */
  readonly algorithm: 'tuak';
  /** Length of MAC-A / MAC-S in bytes (8, 16 or 32). */
  readonly macLength: number;
  /** Length of RES in bytes (4, 8, 16 or 32). */
  readonly resLength: number;
  /** Length of CK in bytes (16 or 32). */
  readonly ckLength: number;
  /** Length of IK in bytes (16 or 32). */
  readonly ikLength: number;
  /** Length of K in bytes (16 or 32). */
  readonly kLength: number;
  /** KeccakIterations used by every function. */
  readonly iterations: number;
  /** f1 (TS 35.231 §6.2): MAC-A over RAND, SQN and AMF. */
  f1(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): { macA: Uint8Array };
  /** f1* (TS 35.231 §6.3): MAC-S over RAND, SQN and AMF (AMF = 0000 in AUTS, TS 33.102 §6.3.3). */
  f1star(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): { macS: Uint8Array };
  /** f2, f3, f4, f5 (TS 35.231 §6.4): RES, CK, IK and AK from one Keccak run. */
  f2345(rand: Uint8Array): TuakF2345Result;
  /** f5* (TS 35.231 §6.5): AK* for resynchronisation. */
  f5star(rand: Uint8Array): { akStar: Uint8Array };
  /** All seven functions (four Keccak runs: f1, f1*, f2–f5, f5*). */
  compute(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): TuakComputeResult;
  /** Wipes K, TOPc and the prepared state; later calls throw. Idempotent. */
  dispose(): void;
}

/** Checks the key object: `k` and exactly one of `top` / `topc`; returns TOP or TOPc and which. */
function checkKeys(keys: unknown): { k: Uint8Array; t: Uint8Array; isTop: boolean } {
  if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) {
    throw new TypeError(`keys must be an object { k, top } or { k, topc }, got ${describeType(keys)}`);
  }
  const o = keys as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (key !== 'k' && key !== 'top' && key !== 'topc') {
      throw new TypeError(`keys.${key} is not a TUAK key field (expected k with top or topc)`);
    }
  }
  const k = abytes('keys.k', o.k, 16, 32);
  const hasTop = o.top !== undefined;
  const hasTopc = o.topc !== undefined;
  if (hasTop === hasTopc) throw new TypeError('keys must have exactly one of top or topc');
  return hasTop
    ? { k, t: abytes('keys.top', o.top, 32), isTop: true }
    : { k, t: abytes('keys.topc', o.topc, 32), isTop: false };
}

class TuakInstance implements Tuak {
  static {
    // Once on the prototype, as for MILENAGE: String(), JSON and util.inspect print a label only.
    redact(TuakInstance.prototype, 'TUAK');
  }
  readonly algorithm = 'tuak' as const;
  readonly macLength: number;
  readonly resLength: number;
  readonly ckLength: number;
  readonly ikLength: number;
  readonly kLength: number;
  readonly iterations: number;
  /** INOUT with TOPc, ALGONAME, K and padding in place; INSTANCE, RAND, AMF, SQN zero. */
  #template: Uint32Array;
  /** Scratch state, wiped after every call. */
  #work = new Uint32Array(KECCAK_STATE_WORDS);
  #f1: number;
  #f1star: number;
  #f2345: number;
  #f5star: number;
  #disposed = false;

  constructor(k: Uint8Array, topc: Uint8Array, p: Readonly<TuakParameters>) {
    const kBits: TuakKeyBits = k.length === 32 ? 256 : 128;
    this.macLength = p.macBits / 8;
    this.resLength = p.resBits / 8;
    this.ckLength = p.ckBits / 8;
    this.ikLength = p.ikBits / 8;
    this.kLength = k.length;
    this.iterations = p.iterations;
    this.#f1 = f1Instance(p.macBits, kBits, false);
    this.#f1star = f1Instance(p.macBits, kBits, true);
    this.#f2345 = f2345Instance(p.resBits, p.ckBits, p.ikBits, kBits);
    this.#f5star = f5starInstance(kBits);
    this.#template = new Uint32Array(KECCAK_STATE_WORDS);
    initInout(this.#template, topc, k);
  }

  /** Loads INOUT for one function into the scratch state and runs the permutations (§6.2–§6.5). */
  #run(instance: number, rand: Uint8Array, sqn?: Uint8Array, amf?: Uint8Array): Uint32Array {
    const s = this.#work;
    s.set(this.#template);
    setStateByte(s, INOUT_INSTANCE, instance);
    writeReversed(s, INOUT_RAND, rand);
    // f2–f5 and f5* leave AMF and SQN zero (§6.4, §6.5).
    if (amf !== undefined) writeReversed(s, INOUT_AMF, amf);
    if (sqn !== undefined) writeReversed(s, INOUT_SQN, sqn);
    permuteState(s, this.iterations);
    return s;
  }

  #check(rand: Uint8Array, sqn?: Uint8Array, amf?: Uint8Array, withSqnAmf = false): void {
    if (this.#disposed) throw new Error('TUAK instance has been disposed');
    abytes('rand', rand, 16);
    if (withSqnAmf) {
      abytes('sqn', sqn, 6);
      abytes('amf', amf, 2);
    }
  }

  #mac(instance: number, rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): Uint8Array {
    const s = this.#run(instance, rand, sqn, amf);
    const mac = readReversed(s, OUT_MAC_RES, new Uint8Array(this.macLength));
    wipe(s);
    return mac;
  }

  #f2345Out(rand: Uint8Array): TuakF2345Result {
    const s = this.#run(this.#f2345, rand);
    const out = {
      res: readReversed(s, OUT_MAC_RES, new Uint8Array(this.resLength)),
      ck: readReversed(s, OUT_CK, new Uint8Array(this.ckLength)),
      ik: readReversed(s, OUT_IK, new Uint8Array(this.ikLength)),
      ak: readReversed(s, OUT_AK, new Uint8Array(6)),
    };
    wipe(s);
    return out;
  }

  #akStar(rand: Uint8Array): Uint8Array {
    const s = this.#run(this.#f5star, rand);
    const akStar = readReversed(s, OUT_AK, new Uint8Array(6));
    wipe(s);
    return akStar;
  }

  f1(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): { macA: Uint8Array } {
    this.#check(rand, sqn, amf, true);
    return { macA: this.#mac(this.#f1, rand, sqn, amf) };
  }

  f1star(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): { macS: Uint8Array } {
    this.#check(rand, sqn, amf, true);
    return { macS: this.#mac(this.#f1star, rand, sqn, amf) };
  }

  f2345(rand: Uint8Array): TuakF2345Result {
    this.#check(rand);
    return this.#f2345Out(rand);
  }

  f5star(rand: Uint8Array): { akStar: Uint8Array } {
    this.#check(rand);
    return { akStar: this.#akStar(rand) };
  }

  compute(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): TuakComputeResult {
    this.#check(rand, sqn, amf, true);
    const macA = this.#mac(this.#f1, rand, sqn, amf);
    const macS = this.#mac(this.#f1star, rand, sqn, amf);
    const { res, ck, ik, ak } = this.#f2345Out(rand);
    return { macA, macS, res, ck, ik, ak, akStar: this.#akStar(rand) };
  }

  dispose(): void {
    this.#disposed = true;
    wipe(this.#template, this.#work);
  }
}

/**
 * Creates a keyed TUAK instance (TS 35.231). With `{ k, top }` TOPc is derived once here
 * (§6.1, same KeccakIterations); with `{ k, topc }` it is used as given. K and TOPc are copied
 * into a prepared INOUT template, so later changes to the caller's arrays have no effect.
 *
 * @param keys `{ k, top }` or `{ k, topc }`: K 16 or 32 bytes, TOP / TOPc 32 bytes
 * @param options lengths in bits and KeccakIterations (defaults: RES 64, MAC 64, CK 128, IK 128, 1 iteration)
 * @returns the instance; call `dispose()` when done to wipe K and TOPc
 * @throws TypeError / RangeError naming the bad field (`keys.k`, `options.resBits`, …); never showing key bytes
 * @example
 * ```ts
 * const tuak = createTuak({ k, topc }, { resBits: 128, macBits: 128 });
 * const { macA, res, ck, ik, ak } = tuak.compute(rand, sqn, amf);
 * tuak.dispose();
 * ```
 */
export function createTuak(keys: TuakKeys, options?: TuakOptions): Tuak {
  const { k, t, isTop } = checkKeys(keys);
  const p = resolveTuakOptions(options);
  const topc = isTop ? topcInto(t, k, p.iterations, new Uint8Array(32)) : t;
  const instance = new TuakInstance(k, topc, p);
  if (isTop) wipe(topc);
  return instance;
}
