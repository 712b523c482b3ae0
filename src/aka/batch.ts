/**
 * Bulk authentication vectors (TS 33.102 §6.3.2) for an AuC/HLR: many vectors for one subscriber
 * with sequential SQNs, written as packed rows into a reused buffer (constant memory, no allocation
 * per vector).
 *
 * With `{ k, opc }` or `{ k, op }` the MILENAGE (TS 35.206 §4.1, default constants) fast path runs:
 * K's AES key schedule is expanded once, OPc is kept as words, TEMP is shared by f1..f5 and the
 * outputs go straight from the AES words into the row. With `{ milenage }` any `AkaAlgorithm` works
 * (custom MILENAGE constants, TUAK) through its `computeInto`/`compute`, which is slower.
 * RANDs come from the random source in chunks of up to 64 KiB, never one call per vector.
 * The row layout and `readAuthVectorRow` live in `vector-row.ts` (re-exported here).
 * @module
 */

import { unsafe } from '@noble/ciphers/aes.js';
import { milenageKeyWords } from '../milenage/opc.js';
import { readWordLE, writeWordLE } from '../milenage/words.js';
import { abytes, anumber, describeType, isBytes, wipe } from '../utils/bytes.js';
import { redact } from '../utils/redact.js';
import type { AkaAlgorithm } from './algorithm.js';
import { checkIndLength, SQN_MAX, toSqn } from './sqn.js';
import { type AuthVectorRowLayout, authVectorRowLayout, MILENAGE_VECTOR_ROW } from './vector-row.js';

export {
  type AuthVectorRow,
  type AuthVectorRowLayout,
  authVectorRowLayout,
  MILENAGE_VECTOR_ROW,
  readAuthVectorRow,
} from './vector-row.js';

const encrypt = unsafe.encrypt;

/** Fills `out` with random bytes (`crypto.getRandomValues` by default). Called with at most 65 536 bytes. */
export type RandSource = (out: Uint8Array) => void;

/** Subscriber secrets for the fast path (MILENAGE, default constants), or any keyed `AkaAlgorithm`. */
export type AuthVectorKeys =
  | { k: Uint8Array; opc: Uint8Array; op?: undefined; milenage?: undefined }
  | { k: Uint8Array; op: Uint8Array; opc?: undefined; milenage?: undefined }
  | { milenage: AkaAlgorithm; k?: undefined; op?: undefined; opc?: undefined };

/** Options of {@link createAuthVectorGenerator}. */
export interface AuthVectorGeneratorOptions {
  /** AMF (2 bytes) of every vector; set 0x8000 (separation bit) for EPS/5G. */
  amf: Uint8Array;
  /**
   * IND length in bits of SQN = SEQ ‖ IND (TS 33.102 Annex C.1.2). Each next vector has SEQ + 1 and
   * IND + 1 mod 2^indLength, as `nextSqn` does. Default 0: a plain counter, SQN + 1.
   */
  indLength?: number;
  /** RAND source; default `crypto.getRandomValues`. */
  rand?: RandSource;
}

/** A keyed bulk vector generator. Printing it never shows key material. */
export interface AuthVectorGenerator {
  /** The row layout written by {@link AuthVectorGenerator.generateInto}. */
  readonly layout: AuthVectorRowLayout;
  /** Whether the fast MILENAGE kernel is used (`{ k, opc }` / `{ k, op }` input). */
  readonly fastPath: boolean;
  readonly disposed: boolean;
  /**
   * Writes `count` rows for the SQNs `sqnFirst`, its successor, … (see `indLength`) to
   * `out[offset..offset + count * layout.length - 1]`. Returns the SQN of the last row (the new SQN_HE),
   * or `undefined` for count 0. RangeError if the SQN space would be exhausted (nothing is written).
   */
  generateInto(
    sqnFirst: bigint | Uint8Array,
    count: number,
    out: Uint8Array,
    offset?: number,
  ): bigint | undefined;
  /** Wipes the key schedule, OPc and the RAND pool (a `{ milenage }` instance stays the caller's). */
  dispose(): void;
}

/** What `computeInto` of a MILENAGE instance looks like (structural; aka never imports upward). */
interface ComputeInto {
  computeInto(
    rand: Uint8Array,
    sqn: Uint8Array,
    amf: Uint8Array,
    out: Uint8Array,
    offset?: number,
  ): Uint8Array;
}

const POOL_RANDS = 4096; // 64 KiB of RAND per random-source call, the getRandomValues limit.
const TWO_32 = 2 ** 32;

const defaultRand: RandSource = (out) => {
  globalThis.crypto.getRandomValues(out as Uint8Array<ArrayBuffer>);
};

/**
 * The SQN of the vector `index` positions after `sqnStart` in the scheme of
 * {@link AuthVectorGeneratorOptions.indLength} (TS 33.102 Annex C.1.1–C.1.2):
 * SEQ + index ‖ (IND + index) mod 2^indLength.
 * RangeError if SEQ no longer fits in 48 − indLength bits.
 */
export function authVectorSqn(sqnStart: bigint | Uint8Array, index: number, indLength = 0): bigint {
  const start = toSqn(sqnStart, 'sqnStart');
  anumber('index', index);
  const l = BigInt(checkIndLength(indLength));
  const mask = (1n << l) - 1n;
  const seq = (start >> l) + BigInt(index);
  if (seq > SQN_MAX >> l)
    throw new RangeError(`SEQ would exceed ${48n - l} bits: the SQN space is exhausted`);
  return (seq << l) | (((start & mask) + BigInt(index)) & mask);
}

class AuthVectorGeneratorImpl implements AuthVectorGenerator {
  static {
    redact(AuthVectorGeneratorImpl.prototype, 'AuthVectorGenerator');
  }
  readonly layout: AuthVectorRowLayout;
  readonly fastPath: boolean;
  readonly #xk: Uint32Array | undefined;
  readonly #opc: Uint32Array;
  readonly #alg: AkaAlgorithm | undefined;
  readonly #amf: Uint8Array;
  readonly #indLength: number;
  readonly #rand: RandSource;
  readonly #pool = new Uint8Array(16 * POOL_RANDS);
  #disposed = false;

  constructor(keys: AuthVectorKeys, options: AuthVectorGeneratorOptions) {
    if (keys === null || typeof keys !== 'object') {
      throw new TypeError(`keys must be { k, opc }, { k, op } or { milenage }, got ${describeType(keys)}`);
    }
    if (options === null || typeof options !== 'object') {
      throw new TypeError(`options must be an object, got ${describeType(options)}`);
    }
    this.#amf = Uint8Array.from(abytes('amf', options.amf, 2));
    this.#indLength = checkIndLength(options.indLength ?? 0);
    if (options.rand !== undefined && typeof options.rand !== 'function') {
      throw new TypeError(
        `rand must be a function (out: Uint8Array) => void, got ${describeType(options.rand)}`,
      );
    }
    this.#rand = options.rand ?? defaultRand;
    const { milenage, k, op, opc } = keys as { milenage?: unknown; k?: unknown; op?: unknown; opc?: unknown };
    if (milenage !== undefined) {
      if (k !== undefined || op !== undefined || opc !== undefined)
        throw new TypeError('keys must contain either milenage or k with op/opc, not both');
      const alg = milenage as AkaAlgorithm;
      if (alg === null || typeof alg !== 'object' || typeof alg.compute !== 'function')
        throw new TypeError(`milenage must be a keyed AkaAlgorithm, got ${describeType(milenage)}`);
      this.#alg = alg;
      this.layout = alg.algorithm === 'milenage' ? MILENAGE_VECTOR_ROW : authVectorRowLayout(alg);
      this.#opc = new Uint32Array(0); // the fast path's OPc words; unused here
      this.fastPath = false;
      return;
    }
    const prepared = milenageKeyWords({ k, op, opc }, 'milenage');
    this.#opc = prepared.opc;
    this.#xk = prepared.xk;
    this.layout = MILENAGE_VECTOR_ROW;
    this.fastPath = true;
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  generateInto(
    sqnFirst: bigint | Uint8Array,
    count: number,
    out: Uint8Array,
    offset = 0,
  ): bigint | undefined {
    if (this.#disposed) throw new Error('AuthVectorGenerator has been disposed');
    anumber('count', count);
    if (!isBytes(out)) throw new TypeError(`out must be a Uint8Array, got ${describeType(out)}`);
    anumber('offset', offset);
    const rowLength = this.layout.length;
    if (out.length - offset < count * rowLength) {
      throw new RangeError(
        `out must have ${count * rowLength} bytes from offset ${offset}, has ${Math.max(0, out.length - offset)}`,
      );
    }
    if (count === 0) return undefined;
    const l = this.#indLength;
    const start = toSqn(sqnFirst, 'sqnFirst');
    const last = authVectorSqn(start, count - 1, l); // checks the SQN space before writing anything
    let seq = Number(start >> BigInt(l));
    let ind = Number(start & ((1n << BigInt(l)) - 1n));
    const pool = this.#pool;
    for (let done = 0; done < count; ) {
      const n = Math.min(POOL_RANDS, count - done);
      const rands = n === POOL_RANDS ? pool : pool.subarray(0, 16 * n);
      this.#rand(rands);
      const o = offset + done * rowLength;
      if (this.#xk !== undefined) this.#milenageRows(out, o, n, seq, ind);
      else this.#genericRows(out, o, n, seq, ind);
      seq += n;
      ind = (ind + n) & ((1 << l) - 1);
      done += n;
    }
    pool.fill(0);
    return last;
  }

  dispose(): void {
    if (this.#xk !== undefined) wipe(this.#xk, this.#opc);
    wipe(this.#pool);
    this.#disposed = true;
  }

  /**
   * MILENAGE with the default constants (TS 35.206 §4.1: r = 64, 0, 32, 64; c1 = 0, c2..c4 = 1, 2, 4 in the
   * last byte) on little-endian words: 5 AES blocks per vector (f5* is not needed), no allocation.
   */
  #milenageRows(out: Uint8Array, o: number, n: number, seq: number, ind: number): void {
    const xk = this.#xk!;
    const pool = this.#pool;
    const p = this.#opc;
    const p0 = p[0]!;
    const p1 = p[1]!;
    const p2 = p[2]!;
    const p3 = p[3]!;
    const amfWord = (this.#amf[0]! | (this.#amf[1]! << 8)) << 16;
    const indMask = (1 << this.#indLength) - 1;
    const seqScale = 2 ** this.#indLength;
    for (let i = 0; i < n; i++, o += 84) {
      const r = 16 * i;
      const r0 = readWordLE(pool, r);
      const r1 = readWordLE(pool, r + 4);
      const r2 = readWordLE(pool, r + 8);
      const r3 = readWordLE(pool, r + 12);
      // SQN (6 bytes big-endian) as the little-endian words of SQN ‖ AMF: in0 = SQN[0..3], in1 = SQN[4..5] ‖ AMF.
      const sqn = (seq + i) * seqScale + ((ind + i) & indMask);
      const hi = (sqn / TWO_32) >>> 0;
      const lo = sqn >>> 0;
      const in0 = ((hi >>> 8) & 0xff) | ((hi & 0xff) << 8) | ((lo >>> 8) & 0xff0000) | ((lo & 0xff0000) << 8);
      const in1 = ((lo >>> 8) & 0xff) | ((lo & 0xff) << 8) | amfWord;
      // TEMP = E_K(RAND ⊕ OPc)
      const t = encrypt(xk, r0 ^ p0, r1 ^ p1, r2 ^ p2, r3 ^ p3);
      const t0 = t.s0;
      const t1 = t.s1;
      const t2 = t.s2;
      const t3 = t.s3;
      // OUT1 = E_K(TEMP ⊕ rot(IN1 ⊕ OPc, 64)) ⊕ OPc; IN1 = SQN ‖ AMF ‖ SQN ‖ AMF; MAC-A = OUT1[0..63]
      const e1 = encrypt(xk, t0 ^ in0 ^ p2, t1 ^ in1 ^ p3, t2 ^ in0 ^ p0, t3 ^ in1 ^ p1);
      const mac0 = e1.s0 ^ p0;
      const mac1 = e1.s1 ^ p1;
      const u0 = t0 ^ p0;
      const u1 = t1 ^ p1;
      const u2 = t2 ^ p2;
      const u3 = t3 ^ p3;
      // OUT2 = E_K(rot(TEMP ⊕ OPc, 0) ⊕ c2) ⊕ OPc: AK = OUT2[0..47], XRES = OUT2[64..127]
      const e2 = encrypt(xk, u0, u1, u2, u3 ^ 0x01000000);
      const ak0 = e2.s0 ^ p0;
      const ak1 = (e2.s1 ^ p1) & 0xffff;
      writeWordLE(out, o + 16, e2.s2 ^ p2);
      writeWordLE(out, o + 20, e2.s3 ^ p3);
      // OUT3 = CK: rot by 32, c3
      const e3 = encrypt(xk, u1, u2, u3, u0 ^ 0x02000000);
      writeWordLE(out, o + 24, e3.s0 ^ p0);
      writeWordLE(out, o + 28, e3.s1 ^ p1);
      writeWordLE(out, o + 32, e3.s2 ^ p2);
      writeWordLE(out, o + 36, e3.s3 ^ p3);
      // OUT4 = IK: rot by 64, c4
      const e4 = encrypt(xk, u2, u3, u0, u1 ^ 0x04000000);
      writeWordLE(out, o + 40, e4.s0 ^ p0);
      writeWordLE(out, o + 44, e4.s1 ^ p1);
      writeWordLE(out, o + 48, e4.s2 ^ p2);
      writeWordLE(out, o + 52, e4.s3 ^ p3);
      // RAND, AK, AUTN = SQN ⊕ AK ‖ AMF ‖ MAC-A (TS 33.102 §6.3.2), SQN; the last writes overlap on purpose.
      writeWordLE(out, o, r0);
      writeWordLE(out, o + 4, r1);
      writeWordLE(out, o + 8, r2);
      writeWordLE(out, o + 12, r3);
      writeWordLE(out, o + 56, ak0);
      writeWordLE(out, o + 60, ak1); // AK[4..5], then 2 bytes that AUTN overwrites next
      writeWordLE(out, o + 62, in0 ^ ak0);
      writeWordLE(out, o + 66, in1 ^ ak1);
      writeWordLE(out, o + 70, mac0);
      writeWordLE(out, o + 74, mac1);
      writeWordLE(out, o + 78, in0);
      out[o + 82] = in1;
      out[o + 83] = in1 >>> 8;
    }
  }

  /** Any `AkaAlgorithm`: `computeInto` (MILENAGE) into a scratch block, else `f1` + `f2345`. */
  #genericRows(out: Uint8Array, o: number, n: number, seq: number, ind: number): void {
    const alg = this.#alg!;
    const lay = this.layout;
    const amf = this.#amf;
    const pool = this.#pool;
    const rand = new Uint8Array(16);
    const sqnBytes = new Uint8Array(6);
    const into =
      typeof (alg as Partial<ComputeInto>).computeInto === 'function' && alg.algorithm === 'milenage';
    const scratch = new Uint8Array(68); // MILENAGE_LAYOUT: MAC-A 0, RES 16, CK 24, IK 40, AK 56
    const indMask = (1 << this.#indLength) - 1;
    const seqScale = 2 ** this.#indLength;
    for (let i = 0; i < n; i++, o += lay.length) {
      rand.set(pool.subarray(16 * i, 16 * i + 16));
      const sqn = (seq + i) * seqScale + ((ind + i) & indMask);
      const hi = (sqn / TWO_32) >>> 0;
      sqnBytes[0] = hi >>> 8;
      sqnBytes[1] = hi;
      for (let j = 0; j < 4; j++) sqnBytes[2 + j] = sqn >>> (24 - 8 * j);
      let macA: Uint8Array;
      if (into) {
        (alg as unknown as ComputeInto).computeInto(rand, sqnBytes, amf, scratch);
        out.set(scratch.subarray(16, 24), o + lay.xres);
        out.set(scratch.subarray(24, 56), o + lay.ck); // CK ‖ IK
        out.set(scratch.subarray(56, 62), o + lay.ak);
        macA = scratch.subarray(0, 8);
      } else {
        // f1 + f2345, not compute(): f1*/f5* are not in a vector.
        macA = alg.f1(rand, sqnBytes, amf).macA;
        const r = alg.f2345(rand);
        out.set(r.res, o + lay.xres);
        out.set(r.ck, o + lay.ck);
        out.set(r.ik, o + lay.ik);
        out.set(r.ak, o + lay.ak);
        wipe(r.res, r.ck, r.ik);
      }
      out.set(rand, o + lay.rand);
      for (let j = 0; j < 6; j++) out[o + lay.autn + j] = sqnBytes[j]! ^ out[o + lay.ak + j]!;
      out.set(amf, o + lay.autn + 6);
      out.set(macA, o + lay.autn + 8);
      out.set(sqnBytes, o + lay.sqn);
    }
    wipe(scratch, rand);
  }
}

/**
 * Creates a bulk vector generator for one subscriber (TS 33.102 §6.3.2 with MILENAGE, TS 35.206 §4.1).
 * `{ k, opc }` / `{ k, op }` select the fast path (K's key schedule and OPc prepared once, 5 AES blocks
 * per vector, rows written from the AES words); `{ milenage }` takes any keyed `AkaAlgorithm`.
 *
 * @example
 * const gen = createAuthVectorGenerator({ k, opc }, { amf: Uint8Array.of(0x80, 0) });
 * const rows = new Uint8Array(1000 * gen.layout.length);
 * const sqnHe = gen.generateInto(1n, 1000, rows); // SQN 1..1000; store sqnHe
 * gen.dispose();
 */
export function createAuthVectorGenerator(
  keys: AuthVectorKeys,
  options: AuthVectorGeneratorOptions,
): AuthVectorGenerator {
  return new AuthVectorGeneratorImpl(keys, options);
}

/** Inputs of {@link generateAuthVectors}: keys, generator options and the run. */
export type AuthVectorBatchInput = AuthVectorKeys &
  AuthVectorGeneratorOptions & {
    /** SQN of the first vector (bigint or 6 bytes); the next ones follow `indLength`. */
    sqnStart: bigint | Uint8Array;
    /** Number of vectors. */
    count: number;
    /** Rows per batch (default 1024, at most 65 536). */
    batchSize?: number;
  };

/** One batch of packed rows. `rows` is reused by the next batch: copy what you keep. */
export interface AuthVectorBatch {
  /** `count × layout.length` bytes of rows (see {@link AuthVectorRowLayout}). */
  rows: Uint8Array;
  /** Rows in this batch. */
  count: number;
  /** Position of the first row in the whole run (0-based). */
  index: number;
  /** SQN of the first row. */
  firstSqn: bigint;
  layout: AuthVectorRowLayout;
  /** The rows as UTF-8 text, when a text format was asked for (`generateAuthVectorsParallel`'s `format`). */
  text?: Uint8Array;
}

/**
 * Generates `count` authentication vectors (TS 33.102 §6.3.2) in batches of packed rows with constant
 * memory (one row buffer, one RAND pool, reused). Inputs are checked when called, not at the first `next()`. Leaving the loop early (or
 * finishing) wipes the buffers and the key schedule.
 *
 * @example
 * for (const b of generateAuthVectors({ k, opc, amf, sqnStart: 33n, indLength: 5, count: 1e6 }))
 *   sink.write(b.rows);
 */
export function generateAuthVectors(
  input: AuthVectorBatchInput,
): Generator<AuthVectorBatch, void, undefined> {
  if (input === null || typeof input !== 'object')
    throw new TypeError(`input must be an object, got ${describeType(input)}`);
  const count = anumber('count', input.count);
  const batchSize = anumber('batchSize', input.batchSize ?? 1024, 65536);
  if (batchSize === 0) throw new RangeError('batchSize must be at least 1');
  const sqnStart = toSqn(input.sqnStart, 'sqnStart');
  if (count > 0) authVectorSqn(sqnStart, count - 1, input.indLength ?? 0); // RangeError now, not mid-run
  const gen = createAuthVectorGenerator(input, input);
  const rows = new Uint8Array(Math.min(batchSize, Math.max(count, 1)) * gen.layout.length);
  return (function* batches() {
    try {
      for (let index = 0; index < count; index += batchSize) {
        const n = Math.min(batchSize, count - index);
        const firstSqn = authVectorSqn(sqnStart, index, input.indLength ?? 0);
        gen.generateInto(firstSqn, n, rows);
        yield {
          rows: rows.subarray(0, n * gen.layout.length),
          count: n,
          index,
          firstSqn,
          layout: gen.layout,
        };
      }
    } finally {
      wipe(rows);
      gen.dispose();
    }
  })();
}
