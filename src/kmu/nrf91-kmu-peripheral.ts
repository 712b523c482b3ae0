/**
 * The nRF91 KMU peripheral at register level (nRF9160 / nRF9151 Product Specification, KMU and UICR
 * chapters; the same IP as the nRF5340's): 128 key slots in UICR, each `KEYSLOT.KEY[n].VALUE[0..3]`
 * (128 bits), `KEYSLOT.CONFIG[n].PERM` and `KEYSLOT.CONFIG[n].DEST`, reached through
 * `SELECTKEYSLOT` (1-based, 0 = none) and `TASKS_PUSH_KEYSLOT`.
 *
 * Access policy modelled (docs/notes/kmu.md §1.2):
 * - a VALUE read returns 0xDEADDEAD when no slot / another slot is selected, READ is disabled or
 *   the slot is revoked;
 * - VALUE and DEST writes need the slot selected, WRITE enabled and STATE active; they program
 *   flash (bits only go 1 → 0);
 * - PERM is write-once per 16-bit half (UICR OTP rule): the access half (WRITE/READ/PUSH) and the
 *   STATE half can each be written once after erase; writing STATE = 0 revokes the slot and
 *   zeroizes its value;
 * - a push copies VALUE to DEST when PUSH is enabled and the slot is active.
 * UICR survives resets and is persisted in the instance's `ItsStore` (see `persist.ts`).
 * @module
 */
import type { ItsStore } from '../its/store.js';
import { anumber } from '../utils/bytes.js';
import { redact } from '../utils/redact.js';
import { Cc3xxAesEngine, cc3xxBusWrite } from './cc3xx.js';
import {
  KMU_SELECT_SLOT,
  NRF_CC3XX_PLATFORM_KMU_AES_ADDR,
  NRF_CC3XX_PLATFORM_KMU_CHACHAPOLY_ADDR1,
  NRF_CC3XX_PLATFORM_KMU_CHACHAPOLY_ADDR2,
  NRF_CC3XX_PLATFORM_NRF9160_KDR_ADDR,
  NRF91_ERASED_WORD,
  NRF91_KMU_BLOCKED_READ,
  NRF91_KMU_PERM_PUSH,
  NRF91_KMU_PERM_READ,
  NRF91_KMU_PERM_STATE,
  NRF91_KMU_PERM_WRITE,
  NRF91_KMU_SLOT_COUNT,
} from './nrf91-constants.js';
import {
  corrupt,
  NRF91_KMU_STORE_CLIENT,
  RecordReader,
  RecordWriter,
  readKmuRecord,
  writeKmuRecord,
} from './persist.js';

/** The KMU events a push or a blocked access raises. */
export type Nrf91KmuEvent = 'KEYSLOT_PUSHED' | 'KEYSLOT_REVOKED' | 'KEYSLOT_ERROR';

/** A slot's configuration as the UICR holds it (readable by secure code; the value is not included). */
export interface Nrf91KmuSlotInfo {
  readonly slot: number;
  /** Anything in PERM, DEST or VALUE differs from erased flash (`hw_unique_key_is_written`). */
  readonly written: boolean;
  readonly perm: number;
  readonly dest: number;
  /** Decoded PERM fields. */
  readonly write: boolean;
  readonly read: boolean;
  readonly push: boolean;
  readonly revoked: boolean;
  /** What DEST points at. */
  readonly destination: 'cryptocell-aes' | 'cryptocell-kdr' | 'cryptocell-chachapoly' | 'erased' | 'other';
}

/** Options of an nRF91 KMU. */
export interface Nrf91KmuOptions {
  /** Where the UICR key slots persist (default: nowhere, lost with the object). */
  store?: ItsStore;
  /** The CryptoCell the KMU pushes into (default: a new one). */
  cryptoCell?: Cc3xxAesEngine;
}

const RECORD_MAGIC = 'KMU9';
const RECORD_VERSION = 1;

/** The register-level KMU of one nRF91 device (secure side). */
export class Nrf91KmuPeripheral {
  /** Number of key slots. */
  readonly slotCount = NRF91_KMU_SLOT_COUNT;
  /** The CryptoCell key registers pushes land in. */
  readonly cryptoCell: Cc3xxAesEngine;
  readonly #value = new Uint32Array(NRF91_KMU_SLOT_COUNT * 4).fill(NRF91_ERASED_WORD);
  readonly #perm = new Uint32Array(NRF91_KMU_SLOT_COUNT).fill(NRF91_ERASED_WORD);
  readonly #dest = new Uint32Array(NRF91_KMU_SLOT_COUNT).fill(NRF91_ERASED_WORD);
  readonly #store: ItsStore | undefined;
  #selected = 0;
  #lastEvent: Nrf91KmuEvent | undefined;
  #batch = 0;
  #dirty = false;

  constructor(options: Nrf91KmuOptions = {}) {
    this.cryptoCell = options.cryptoCell ?? new Cc3xxAesEngine();
    this.#store = options.store;
    if (this.#store) this.#load(this.#store);
    redact(this, 'Nrf91Kmu');
  }

  /** The `SELECTKEYSLOT` register: 0 = none, `n + 1` = slot n. */
  get selectedKeySlot(): number {
    return this.#selected;
  }

  /** The last KMU event (`EVENTS_KEYSLOT_PUSHED` / `_REVOKED` / `_ERROR`). */
  get lastEvent(): Nrf91KmuEvent | undefined {
    return this.#lastEvent;
  }

  /** Writes `SELECTKEYSLOT` (0 deselects; `KMU_SELECT_SLOT(n)` = n + 1 selects slot n). */
  selectKeySlot(value: number): void {
    this.#selected = anumber('SELECTKEYSLOT', value, NRF91_KMU_SLOT_COUNT);
  }

  /** An AHB read of `KEYSLOT.KEY[slot].VALUE[word]`: the word, or 0xDEADDEAD when the policy blocks it. */
  readKeyValue(slot: number, word: number): number {
    checkSlot(slot);
    anumber('word', word, 3);
    if (this.#selected !== KMU_SELECT_SLOT(slot)) return NRF91_KMU_BLOCKED_READ;
    const perm = this.#perm[slot]!;
    if (!(perm & NRF91_KMU_PERM_READ) || !(perm & NRF91_KMU_PERM_STATE)) return NRF91_KMU_BLOCKED_READ;
    return this.#value[slot * 4 + word]!;
  }

  /** Reads `KEYSLOT.CONFIG[slot]` (PERM and DEST; UICR words, readable by secure code). */
  readConfig(slot: number): { perm: number; dest: number } {
    checkSlot(slot);
    return { perm: this.#perm[slot]!, dest: this.#dest[slot]! };
  }

  /** Programs `KEYSLOT.KEY[slot].VALUE[0..3]`. False (and KEYSLOT_ERROR) when the policy blocks it. */
  writeKeyValue(slot: number, words: ArrayLike<number>): boolean {
    checkSlot(slot);
    if (words.length !== 4) throw new RangeError(`words must hold 4 values, got ${words.length}`);
    // Every word is checked before any is programmed: a bad word leaves the slot as it was.
    const checked = Array.from({ length: 4 }, (_, i) => anumber(`words[${i}]`, words[i], 0xffffffff));
    if (!this.#writable(slot)) return this.#error();
    for (let i = 0; i < 4; i++) this.#value[slot * 4 + i]! &= checked[i]!;
    this.#changed();
    return true;
  }

  /** Programs `KEYSLOT.CONFIG[slot].DEST`. False (and KEYSLOT_ERROR) when the policy blocks it. */
  writeDest(slot: number, dest: number): boolean {
    checkSlot(slot);
    anumber('dest', dest, 0xffffffff);
    if (!this.#writable(slot)) return this.#error();
    this.#dest[slot]! &= dest;
    this.#changed();
    return true;
  }

  /**
   * Programs `KEYSLOT.CONFIG[slot].PERM`, one 16-bit half at a time: a half that still reads 0xFFFF
   * takes the new bits; a half already written keeps its value. True when the register now reads
   * `perm`. Clearing STATE revokes the slot (its value is zeroized).
   */
  writePerm(slot: number, perm: number): boolean {
    checkSlot(slot);
    anumber('perm', perm, 0xffffffff);
    if (this.#selected !== KMU_SELECT_SLOT(slot)) return this.#error();
    const old = this.#perm[slot]!;
    let lo = old & 0xffff;
    let hi = old >>> 16;
    if (lo === 0xffff) lo &= perm & 0xffff;
    if (hi === 0xffff) hi &= perm >>> 16;
    const now = ((hi << 16) | lo) >>> 0;
    if (now !== old) {
      this.#perm[slot] = now;
      if (old & NRF91_KMU_PERM_STATE && !(now & NRF91_KMU_PERM_STATE))
        this.#value.fill(0, slot * 4, slot * 4 + 4);
      this.#changed();
    }
    if (now !== perm >>> 0) return this.#error();
    return true;
  }

  /** `TASKS_PUSH_KEYSLOT` for the selected slot `slot`: VALUE goes to DEST over the secure APB. */
  pushKeySlot(slot: number): Nrf91KmuEvent {
    checkSlot(slot);
    if (this.#selected !== KMU_SELECT_SLOT(slot)) return this.#event('KEYSLOT_ERROR');
    const perm = this.#perm[slot]!;
    if (!(perm & NRF91_KMU_PERM_STATE)) return this.#event('KEYSLOT_REVOKED');
    if (!(perm & NRF91_KMU_PERM_PUSH)) return this.#event('KEYSLOT_ERROR');
    const value = wordsToBytes(this.#value.subarray(slot * 4, slot * 4 + 4));
    const dest = this.#dest[slot]!;
    // Registers not modelled (ChaChaPoly, RAM): the write happens, nothing here observes it.
    const landed = cc3xxBusWrite(this.cryptoCell, dest, value) || !isKdr(dest);
    value.fill(0);
    return this.#event(landed ? 'KEYSLOT_PUSHED' : 'KEYSLOT_ERROR');
  }

  /** Selects `slot`, reads its four VALUE words, deselects (0xDEADDEAD words when not readable). */
  readSlot(slot: number): Uint32Array {
    return this.#selecting(slot, () => Uint32Array.from([0, 1, 2, 3], (w) => this.readKeyValue(slot, w)));
  }

  /** Selects `slot`, pushes it, deselects. */
  push(slot: number): Nrf91KmuEvent {
    return this.#selecting(slot, () => this.pushKeySlot(slot));
  }

  /** Revokes `slot` (STATE = 0): the value is zeroized, reads give 0xDEADDEAD, pushes fail. */
  revoke(slot: number): boolean {
    return this.#selecting(slot, () =>
      this.writePerm(slot, (this.#perm[slot]! & ~NRF91_KMU_PERM_STATE) >>> 0),
    );
  }

  /** `hw_unique_key_is_written`'s test: PERM, DEST or a readable VALUE word differs from erased flash. */
  isSlotWritten(slot: number): boolean {
    const { perm, dest } = this.readConfig(slot);
    if (perm !== NRF91_ERASED_WORD || dest !== NRF91_ERASED_WORD) return true;
    return this.readSlot(slot).some((w) => w !== NRF91_ERASED_WORD);
  }

  /** What secure code can learn about a slot without reading its value. */
  describeSlot(slot: number): Nrf91KmuSlotInfo {
    const { perm, dest } = this.readConfig(slot);
    const erased = this.#value.subarray(slot * 4, slot * 4 + 4).every((w) => w === NRF91_ERASED_WORD);
    return {
      slot,
      written: perm !== NRF91_ERASED_WORD || dest !== NRF91_ERASED_WORD || !erased,
      perm,
      dest,
      write: (perm & NRF91_KMU_PERM_WRITE) !== 0,
      read: (perm & NRF91_KMU_PERM_READ) !== 0,
      push: (perm & NRF91_KMU_PERM_PUSH) !== 0,
      revoked: (perm & NRF91_KMU_PERM_STATE) === 0,
      destination: destinationOf(dest),
    };
  }

  /** A device reset: SELECTKEYSLOT, events and the CryptoCell registers clear; UICR stays. */
  reset(): void {
    this.#selected = 0;
    this.#lastEvent = undefined;
    this.cryptoCell.reset();
  }

  /** `ERASEALL` (debugger/CTRL-AP): every key slot back to erased flash, then a reset. */
  eraseAll(): void {
    this.#value.fill(NRF91_ERASED_WORD);
    this.#perm.fill(NRF91_ERASED_WORD);
    this.#dest.fill(NRF91_ERASED_WORD);
    this.#changed();
    this.reset();
  }

  /** Runs `fn` with `slot` selected, then deselects (how the platform library drives the KMU). */
  protected selecting<T>(slot: number, fn: () => T): T {
    return this.#selecting(slot, fn);
  }

  /** Groups UICR changes into one store write. */
  protected batch<T>(fn: () => T): T {
    this.#batch++;
    try {
      return fn();
    } finally {
      if (--this.#batch === 0 && this.#dirty) this.#persist();
    }
  }

  #selecting<T>(slot: number, fn: () => T): T {
    checkSlot(slot);
    const before = this.#selected;
    this.#selected = KMU_SELECT_SLOT(slot);
    try {
      return this.batch(fn);
    } finally {
      this.#selected = before === KMU_SELECT_SLOT(slot) ? before : 0;
    }
  }

  #writable(slot: number): boolean {
    const perm = this.#perm[slot]!;
    return (
      this.#selected === KMU_SELECT_SLOT(slot) &&
      (perm & NRF91_KMU_PERM_WRITE) !== 0 &&
      (perm & NRF91_KMU_PERM_STATE) !== 0
    );
  }

  #error(): false {
    this.#lastEvent = 'KEYSLOT_ERROR';
    return false;
  }

  #event(e: Nrf91KmuEvent): Nrf91KmuEvent {
    this.#lastEvent = e;
    return e;
  }

  #changed(): void {
    this.#dirty = true;
    if (this.#batch === 0) this.#persist();
  }

  #persist(): void {
    this.#dirty = false;
    if (!this.#store) return;
    const used: number[] = [];
    for (let s = 0; s < NRF91_KMU_SLOT_COUNT; s++) {
      const erased =
        this.#perm[s] === NRF91_ERASED_WORD &&
        this.#dest[s] === NRF91_ERASED_WORD &&
        this.#value.subarray(s * 4, s * 4 + 4).every((w) => w === NRF91_ERASED_WORD);
      if (!erased) used.push(s);
    }
    if (used.length === 0) {
      writeKmuRecord(this.#store, NRF91_KMU_STORE_CLIENT, undefined);
      return;
    }
    const w = new RecordWriter().bytes(asciiBytes(RECORD_MAGIC)).u8(RECORD_VERSION).u32(used.length);
    for (const s of used) {
      w.u8(s).u32(this.#perm[s]!).u32(this.#dest[s]!);
      for (let i = 0; i < 4; i++) w.u32(this.#value[s * 4 + i]!);
    }
    const data = w.finish();
    writeKmuRecord(this.#store, NRF91_KMU_STORE_CLIENT, data);
    data.fill(0);
  }

  #load(store: ItsStore): void {
    const data = readKmuRecord(store, NRF91_KMU_STORE_CLIENT);
    if (!data) return;
    try {
      const r = new RecordReader(data, 'nRF91 KMU (UICR key slots)');
      r.magic(RECORD_MAGIC);
      if (r.u8() !== RECORD_VERSION) throw corrupt('nRF91 KMU (UICR key slots)', 'unknown record version');
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        const s = r.u8();
        if (s >= NRF91_KMU_SLOT_COUNT) throw corrupt('nRF91 KMU (UICR key slots)', `slot ${s} out of range`);
        this.#perm[s] = r.u32();
        this.#dest[s] = r.u32();
        for (let w = 0; w < 4; w++) this.#value[s * 4 + w] = r.u32();
      }
      r.end();
    } finally {
      data.fill(0);
    }
  }
}

function checkSlot(slot: number): void {
  anumber('slot', slot, NRF91_KMU_SLOT_COUNT - 1);
}

const isKdr = (dest: number): boolean => dest === NRF_CC3XX_PLATFORM_NRF9160_KDR_ADDR;

function destinationOf(dest: number): Nrf91KmuSlotInfo['destination'] {
  if (dest === NRF_CC3XX_PLATFORM_KMU_AES_ADDR) return 'cryptocell-aes';
  if (isKdr(dest)) return 'cryptocell-kdr';
  if (dest === NRF_CC3XX_PLATFORM_KMU_CHACHAPOLY_ADDR1 || dest === NRF_CC3XX_PLATFORM_KMU_CHACHAPOLY_ADDR2)
    return 'cryptocell-chachapoly';
  return dest === NRF91_ERASED_WORD ? 'erased' : 'other';
}

/** VALUE words → key bytes: word i holds bytes 4i..4i+3, little-endian (how the CPU stores a key array). */
export function wordsToBytes(words: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    out[4 * i] = w;
    out[4 * i + 1] = w >>> 8;
    out[4 * i + 2] = w >>> 16;
    out[4 * i + 3] = w >>> 24;
  }
  return out;
}

/** Key bytes → VALUE words (inverse of `wordsToBytes`). */
export function bytesToWords(bytes: Uint8Array): Uint32Array {
  const out = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++)
    out[i] =
      (bytes[4 * i]! | (bytes[4 * i + 1]! << 8) | (bytes[4 * i + 2]! << 16) | (bytes[4 * i + 3]! << 24)) >>>
      0;
  return out;
}

function asciiBytes(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}
