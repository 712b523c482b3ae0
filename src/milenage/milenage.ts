/**
 * The MILENAGE algorithm set f1, f1*, f2, f3, f4, f5, f5* (3GPP TS 35.206 §4.1) on AES-128.
 *
 * Everything that depends only on K and OPc (the AES key schedule, OPc as words, the constants)
 * is prepared once by `createMilenage`; the functions then work on 32-bit words with
 * `@noble/ciphers`' single-block AES, and `compute()` shares TEMP so a full set costs 6 AES blocks.
 * @module
 */

import { unsafe } from '@noble/ciphers/aes.js';
import { abytes, anumber, describeType, isBytes, wipe } from '../utils/bytes.js';
import { redact } from '../utils/redact.js';
import {
  constantsToWords,
  defaultMilenageConstants,
  type MilenageConstants,
  validateMilenageConstants,
} from './constants.js';
import { milenageKeyWords } from './opc.js';
import { rotateXorWordsLE } from './rotate.js';
import { readWordLE, writeWordLE, writeWordPrefixLE } from './words.js';

const encrypt = unsafe.encrypt;

/** The TS 35.206 default constants in word form, shared by every instance that uses them (never wiped). */
const DEFAULT_WORDS = /* @__PURE__ */ constantsToWords(defaultMilenageConstants());

/** Subscriber secrets: K with either OP (OPc is derived, TS 35.206 §4.1) or OPc directly. */
export type MilenageKeys =
  | { k: Uint8Array; op: Uint8Array; opc?: undefined }
  | { k: Uint8Array; opc: Uint8Array; op?: undefined };

/** Options of {@link createMilenage}. */
export interface MilenageOptions {
  /** Operator-customised r1..r5 / c1..c5 (TS 35.206 §4.1); missing ones take the defaults. */
  constants?: Partial<MilenageConstants>;
}

/** f1…f5* for one (RAND, SQN, AMF) (TS 35.206 §4.1). */
export interface MilenageResult {
  /** f1: network authentication code, OUT1[0..63] (8 bytes). */
  macA: Uint8Array;
  /** f1*: resynchronisation authentication code, OUT1[64..127] (8 bytes). */
  macS: Uint8Array;
  /** f2: RES/XRES, OUT2[64..127] (8 bytes). */
  res: Uint8Array;
  /** f3: cipher key CK = OUT3 (16 bytes). */
  ck: Uint8Array;
  /** f4: integrity key IK = OUT4 (16 bytes). */
  ik: Uint8Array;
  /** f5: anonymity key AK, OUT2[0..47] (6 bytes). */
  ak: Uint8Array;
  /** f5*: resynchronisation anonymity key AK*, OUT5[0..47] (6 bytes). */
  akStar: Uint8Array;
}

/**
 * Byte layout written by {@link Milenage.computeInto}, relative to its `offset`:
 * MAC-A ‖ MAC-S ‖ RES ‖ CK ‖ IK ‖ AK ‖ AK* = 8 + 8 + 8 + 16 + 16 + 6 + 6 = 68 bytes.
 */
export const MILENAGE_LAYOUT = Object.freeze({
  macA: 0,
  macS: 8,
  res: 16,
  ck: 24,
  ik: 40,
  ak: 56,
  akStar: 62,
  length: 68,
} as const);

/**
 * A MILENAGE instance keyed with one subscriber's K and OPc. Satisfies the `AkaAlgorithm`
 * interface of the AKA toolkit structurally. Inputs: RAND 16 bytes, SQN 6 bytes, AMF 2 bytes.
 * All outputs are new `Uint8Array`s. Printing the instance never shows key material.
 */
export interface Milenage {
  readonly algorithm: 'milenage';
  /** MAC-A / MAC-S length in bytes: 8. */
  readonly macLength: 8;
  /** RES length in bytes: 8. */
  readonly resLength: 8;
  /** CK length in bytes: 16. */
  readonly ckLength: 16;
  /** IK length in bytes: 16. */
  readonly ikLength: 16;
  /** Whether {@link Milenage.dispose} has been called. */
  readonly disposed: boolean;
  /** f1 (TS 35.206 §4.1): MAC-A = OUT1[0..63]. 2 AES blocks. */
  f1(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): { macA: Uint8Array };
  /** f1* (TS 35.206 §4.1): MAC-S = OUT1[64..127], the same OUT1 as f1. 2 AES blocks. */
  f1star(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): { macS: Uint8Array };
  /** f2, f3, f4, f5 (TS 35.206 §4.1): RES, CK, IK, AK. 4 AES blocks. */
  f2345(rand: Uint8Array): { res: Uint8Array; ck: Uint8Array; ik: Uint8Array; ak: Uint8Array };
  /** f5* (TS 35.206 §4.1): AK* = OUT5[0..47]. 2 AES blocks. */
  f5star(rand: Uint8Array): { akStar: Uint8Array };
  /** Every output at once, sharing TEMP: 6 AES blocks. */
  compute(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): MilenageResult;
  /**
   * Zero-allocation form of {@link Milenage.compute}: writes MAC-A ‖ MAC-S ‖ RES ‖ CK ‖ IK ‖ AK ‖ AK*
   * (68 bytes, see {@link MILENAGE_LAYOUT}) to `out[offset..offset+67]` and returns `out`.
   */
  computeInto(
    rand: Uint8Array,
    sqn: Uint8Array,
    amf: Uint8Array,
    out: Uint8Array,
    offset?: number,
  ): Uint8Array;
  /** Wipes the key schedule, OPc and scratch state; every later call throws an `Error`. */
  dispose(): void;
}

// Scratch layout (words): TEMP at 0, OUT1..OUT5 at 4, 8, 12, 16, 20, the block-cipher input at 24.
const TEMP = 0;
const OUT1 = 4;
const OUT2 = 8;
const OUT3 = 12;
const OUT4 = 16;
const OUT5 = 20;
const INPUT = 24;

class MilenageImpl implements Milenage {
  static {
    // Key hygiene for every instance: String(), JSON and util.inspect print a label, never key material.
    // Done once on the prototype; redacting each instance would cost more than the key schedule.
    redact(MilenageImpl.prototype, 'Milenage');
  }
  readonly algorithm = 'milenage' as const;
  readonly macLength = 8 as const;
  readonly resLength = 8 as const;
  readonly ckLength = 16 as const;
  readonly ikLength = 16 as const;
  readonly #xk: Uint32Array;
  readonly #opc: Uint32Array;
  readonly #r: Uint8Array;
  readonly #c: Uint32Array;
  readonly #s = new Uint32Array(28);
  #disposed = false;

  constructor(xk: Uint32Array, opc: Uint32Array, r: Uint8Array, c: Uint32Array) {
    this.#xk = xk;
    this.#opc = opc;
    this.#r = r;
    this.#c = c;
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  f1(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): { macA: Uint8Array } {
    this.#check(rand, sqn, amf);
    this.#temp(rand);
    this.#out1(sqn, amf);
    const macA = this.#bytes(OUT1, 8);
    this.#scrub();
    return { macA };
  }

  f1star(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): { macS: Uint8Array } {
    this.#check(rand, sqn, amf);
    this.#temp(rand);
    this.#out1(sqn, amf);
    const macS = this.#bytes(OUT1 + 2, 8);
    this.#scrub();
    return { macS };
  }

  f2345(rand: Uint8Array): { res: Uint8Array; ck: Uint8Array; ik: Uint8Array; ak: Uint8Array } {
    this.#checkRand(rand);
    this.#temp(rand);
    this.#outK(1, OUT2);
    this.#outK(2, OUT3);
    this.#outK(3, OUT4);
    const result = {
      res: this.#bytes(OUT2 + 2, 8),
      ck: this.#bytes(OUT3, 16),
      ik: this.#bytes(OUT4, 16),
      ak: this.#bytes(OUT2, 6),
    };
    this.#scrub();
    return result;
  }

  f5star(rand: Uint8Array): { akStar: Uint8Array } {
    this.#checkRand(rand);
    this.#temp(rand);
    this.#outK(4, OUT5);
    const akStar = this.#bytes(OUT5, 6);
    this.#scrub();
    return { akStar };
  }

  compute(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): MilenageResult {
    this.#check(rand, sqn, amf);
    this.#all(rand, sqn, amf);
    const result: MilenageResult = {
      macA: this.#bytes(OUT1, 8),
      macS: this.#bytes(OUT1 + 2, 8),
      res: this.#bytes(OUT2 + 2, 8),
      ck: this.#bytes(OUT3, 16),
      ik: this.#bytes(OUT4, 16),
      ak: this.#bytes(OUT2, 6),
      akStar: this.#bytes(OUT5, 6),
    };
    this.#scrub();
    return result;
  }

  computeInto(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array, out: Uint8Array, offset = 0): Uint8Array {
    this.#check(rand, sqn, amf);
    if (!isBytes(out)) throw new TypeError(`out must be a Uint8Array, got ${describeType(out)}`);
    if (offset !== 0) anumber('offset', offset);
    if (out.length - offset < MILENAGE_LAYOUT.length) {
      throw new RangeError(
        `out must have ${MILENAGE_LAYOUT.length} bytes from offset ${offset}, has ${out.length - offset}`,
      );
    }
    this.#all(rand, sqn, amf);
    const s = this.#s;
    const o = offset;
    // MAC-A ‖ MAC-S = OUT1; RES = OUT2[64..127]; CK = OUT3; IK = OUT4; AK = OUT2[0..47]; AK* = OUT5[0..47].
    for (let i = 0; i < 4; i++) writeWordLE(out, o + 4 * i, s[OUT1 + i]!);
    writeWordLE(out, o + 16, s[OUT2 + 2]!);
    writeWordLE(out, o + 20, s[OUT2 + 3]!);
    for (let i = 0; i < 4; i++) writeWordLE(out, o + 24 + 4 * i, s[OUT3 + i]!);
    for (let i = 0; i < 4; i++) writeWordLE(out, o + 40 + 4 * i, s[OUT4 + i]!);
    writeWordLE(out, o + 56, s[OUT2]!);
    writeWordPrefixLE(out, o + 60, s[OUT2 + 1]!, 2);
    writeWordLE(out, o + 62, s[OUT5]!);
    writeWordPrefixLE(out, o + 66, s[OUT5 + 1]!, 2);
    this.#scrub();
    return out;
  }

  dispose(): void {
    wipe(this.#xk, this.#opc, this.#s);
    // Operator-customised constants are operator secrets too; the shared defaults are public.
    if (this.#c !== DEFAULT_WORDS.c) wipe(this.#c, this.#r);
    this.#disposed = true;
  }

  /**
   * Zeroes TEMP and the last block-cipher input after every call. The OUT words hold only what the
   * call just returned (plus unused OUT2/OUT5 bits) and are overwritten by the next call or dispose().
   */
  #scrub(): void {
    const s = this.#s;
    s[TEMP] = s[TEMP + 1] = s[TEMP + 2] = s[TEMP + 3] = 0;
    s[INPUT] = s[INPUT + 1] = s[INPUT + 2] = s[INPUT + 3] = 0;
  }

  /** All five OUT blocks with one TEMP: 6 AES blocks. */
  #all(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): void {
    this.#temp(rand);
    this.#out1(sqn, amf);
    this.#outK(1, OUT2);
    this.#outK(2, OUT3);
    this.#outK(3, OUT4);
    this.#outK(4, OUT5);
  }

  /** TEMP = E_K(RAND ⊕ OPc) (TS 35.206 §4.1). */
  #temp(rand: Uint8Array): void {
    const p = this.#opc;
    const s = this.#s;
    const e = encrypt(
      this.#xk,
      readWordLE(rand, 0) ^ p[0]!,
      readWordLE(rand, 4) ^ p[1]!,
      readWordLE(rand, 8) ^ p[2]!,
      readWordLE(rand, 12) ^ p[3]!,
    );
    s[TEMP] = e.s0;
    s[TEMP + 1] = e.s1;
    s[TEMP + 2] = e.s2;
    s[TEMP + 3] = e.s3;
  }

  /** OUT1 = E_K(TEMP ⊕ rot(IN1 ⊕ OPc, r1) ⊕ c1) ⊕ OPc, IN1 = SQN ‖ AMF ‖ SQN ‖ AMF (TS 35.206 §4.1). */
  #out1(sqn: Uint8Array, amf: Uint8Array): void {
    const p = this.#opc;
    const s = this.#s;
    const in0 = readWordLE(sqn, 0);
    const in1 = sqn[4]! | (sqn[5]! << 8) | (amf[0]! << 16) | (amf[1]! << 24);
    rotateXorWordsLE(in0 ^ p[0]!, in1 ^ p[1]!, in0 ^ p[2]!, in1 ^ p[3]!, this.#r[0]!, this.#c, 0, s, INPUT);
    const e = encrypt(
      this.#xk,
      s[INPUT]! ^ s[TEMP]!,
      s[INPUT + 1]! ^ s[TEMP + 1]!,
      s[INPUT + 2]! ^ s[TEMP + 2]!,
      s[INPUT + 3]! ^ s[TEMP + 3]!,
    );
    s[OUT1] = e.s0 ^ p[0]!;
    s[OUT1 + 1] = e.s1 ^ p[1]!;
    s[OUT1 + 2] = e.s2 ^ p[2]!;
    s[OUT1 + 3] = e.s3 ^ p[3]!;
  }

  /** OUTk = E_K(rot(TEMP ⊕ OPc, rk) ⊕ ck) ⊕ OPc for k = 2..5 (`i` = k − 1) (TS 35.206 §4.1). */
  #outK(i: number, dst: number): void {
    const p = this.#opc;
    const s = this.#s;
    rotateXorWordsLE(
      s[TEMP]! ^ p[0]!,
      s[TEMP + 1]! ^ p[1]!,
      s[TEMP + 2]! ^ p[2]!,
      s[TEMP + 3]! ^ p[3]!,
      this.#r[i]!,
      this.#c,
      4 * i,
      s,
      INPUT,
    );
    const e = encrypt(this.#xk, s[INPUT]!, s[INPUT + 1]!, s[INPUT + 2]!, s[INPUT + 3]!);
    s[dst] = e.s0 ^ p[0]!;
    s[dst + 1] = e.s1 ^ p[1]!;
    s[dst + 2] = e.s2 ^ p[2]!;
    s[dst + 3] = e.s3 ^ p[3]!;
  }

  /** `length` bytes of the little-endian words from scratch word `w` on, as a new array. */
  #bytes(w: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    const s = this.#s;
    const full = length >>> 2;
    for (let i = 0; i < full; i++) writeWordLE(out, 4 * i, s[w + i]!);
    if (length & 3) writeWordPrefixLE(out, 4 * full, s[w + full]!, length & 3);
    return out;
  }

  #checkRand(rand: Uint8Array): void {
    if (this.#disposed) throw new Error('MILENAGE instance has been disposed');
    if (!isBytes(rand) || rand.length !== 16) abytes('rand', rand, 16);
  }

  #check(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): void {
    this.#checkRand(rand);
    if (!isBytes(sqn) || sqn.length !== 6) abytes('sqn', sqn, 6);
    if (!isBytes(amf) || amf.length !== 2) abytes('amf', amf, 2);
  }
}

/**
 * Creates a MILENAGE instance for one subscriber (3GPP TS 35.206 §4.1).
 * Expands the AES-128 key schedule of K and derives OPc (from OP if given) once; K itself is not kept.
 *
 * @param keys `{ k, op }` or `{ k, opc }`, each 16 bytes (exactly one of `op`/`opc`)
 * @param options `constants`: operator-customised r1..r5 / c1..c5, validated (see `validateMilenageConstants`)
 * @example
 * const m = createMilenage({ k, opc });
 * const { res, ck, ik, ak } = m.f2345(rand);
 * m.dispose();
 */
export function createMilenage(keys: MilenageKeys, options: MilenageOptions = {}): Milenage {
  if (keys === null || typeof keys !== 'object') {
    throw new TypeError(`keys must be an object { k, op } or { k, opc }, got ${describeType(keys)}`);
  }
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`options must be an object, got ${describeType(options)}`);
  }
  const { r, c } =
    options.constants === undefined
      ? DEFAULT_WORDS
      : constantsToWords(validateMilenageConstants(options.constants));
  const { xk, opc } = milenageKeyWords(keys as { k?: unknown; op?: unknown; opc?: unknown });
  return new MilenageImpl(xk, opc, r, c);
}
