/**
 * The script language of the differential test against Mbed TLS 2.28: commands in the form
 * `mbedtls-psa-runner.c` reads, key ids that depend on the implementation kept symbolic and
 * rendered per side (Mbed TLS 2.28 hands out volatile ids 0x7FFFFFE0 + slot, psa-emu
 * 0x40000000 + slot), and the seeded PRNG the generator draws from.
 */
import { toHex } from '../../src/utils/bytes.js';

/** The two sides of the comparison. */
export type Side = 'mbedtls' | 'emu';

/** First volatile key id: Mbed TLS 2.28 (`PSA_KEY_ID_VENDOR_MAX − MBEDTLS_PSA_KEY_SLOT_COUNT + 1`) and psa-emu. */
export const VOLATILE_MIN: Readonly<Record<Side, number>> = { mbedtls: 0x7fffffe0, emu: 0x40000000 };
/** `MBEDTLS_PSA_KEY_SLOT_COUNT` on both sides. */
export const SLOT_COUNT = 32;

/** A key id in a script: a literal, or the volatile id of a slot (rendered per side). */
export type IdRef = { raw: number } | { vol: number };
/** One command: words, some of them key ids. */
export type Command = (string | IdRef)[];

/** The id a side uses for `ref`. */
export function renderId(ref: IdRef, side: Side): number {
  return 'vol' in ref ? VOLATILE_MIN[side] + ref.vol : ref.raw;
}

/** A literal id, made symbolic when it falls in either side's volatile window. */
export function idRef(raw: number): IdRef {
  for (const side of ['mbedtls', 'emu'] as const) {
    const i = raw - VOLATILE_MIN[side];
    if (i >= 0 && i < SLOT_COUNT) return { vol: i };
  }
  return { raw: raw >>> 0 };
}

/** The command line a side runs. */
export function render(cmd: Command, side: Side): string {
  return cmd.map((w) => (typeof w === 'string' ? w : String(renderId(w, side)))).join(' ');
}

/** `V<slot>` for a volatile id of `side`, the number otherwise: ids comparable across sides. */
export function canonicalId(id: number, side: Side): string {
  const i = id - VOLATILE_MIN[side];
  return i >= 0 && i < SLOT_COUNT ? `V${i}` : String(id);
}

/** sfc32: a small, fast, seedable PRNG (enough for replayable test scripts). */
export class Rng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;
  constructor(seed: number) {
    this.#a = 0x9e3779b9;
    this.#b = 0x243f6a88;
    this.#c = 0xb7e15162;
    this.#d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.u32();
  }
  /** A uniform uint32. */
  u32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor((this.u32() / 2 ** 32) * n);
  }
  /** An integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + Math.floor((this.u32() / 2 ** 32) * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.u32() / 2 ** 32 < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  /** Picks by weight: `[[weight, value], …]`. */
  weighted<T>(items: readonly (readonly [number, T])[]): T {
    let r = this.u32() / 2 ** 32;
    const total = items.reduce((s, [w]) => s + w, 0);
    for (const [w, v] of items) {
      r -= w / total;
      if (r < 0) return v;
    }
    return items[items.length - 1]![1];
  }
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.u32() & 0xff;
    return out;
  }
  /** `n` random bytes as the runner's hex ("-" for none). */
  hex(n: number): string {
    return n === 0 ? '-' : toHex(this.bytes(n));
  }
}
