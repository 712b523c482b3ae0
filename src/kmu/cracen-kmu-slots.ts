/**
 * The nRF54L KMU as the CRACEN driver sees it through `lib_kmu` (nrfconnect/sdk-nrf
 * `subsys/nrf_security/src/drivers/cracen/common/include/cracen/lib_kmu.h`; NCS doc "KMU slots"):
 * 256 slots in RRAM (SICR), each 128 bits of value, a 32-bit DEST, 32 bits of METADATA and a
 * revocation policy. Provisioning needs an empty slot; revoking a ROTATING slot empties it, a
 * REVOKED slot stays revoked (metadata reads report it), a LOCKED slot cannot be revoked. The value
 * is never readable by the CPU; a push delivers it to DEST (CRACEN protected RAM, the SEED register
 * or the RAM push area), which is how the driver uses it.
 * Non-volatile: persisted in the instance's `ItsStore` (see `persist.ts`).
 * @module
 */
import type { ItsStore } from '../its/store.js';
import { systemRandom } from '../psa/core/random.js';
import { anumber, wipe } from '../utils/bytes.js';
import { redact } from '../utils/redact.js';
import {
  type KmuMetadata,
  LIB_KMU_REV_POLICY_LOCKED,
  LIB_KMU_REV_POLICY_REVOKED,
  LIB_KMU_REV_POLICY_ROTATING,
  SECONDARY_SLOT_METADATA_VALUE,
  unpackKmuMetadata,
} from './cracen-metadata.js';
import {
  CRACEN_KMU_STORE_CLIENT,
  corrupt,
  RecordReader,
  RecordWriter,
  readKmuRecord,
  writeKmuRecord,
} from './persist.js';

/** Number of KMU slots on nRF54L15. */
export const CRACEN_KMU_SLOT_COUNT = 256;
/** `LIB_KMU_SUCCESS`. */
export const LIB_KMU_SUCCESS = 0;
/** `-LIB_KMU_ERROR`. */
export const LIB_KMU_ERROR = -1;
/** `-LIB_KMU_REVOKED`: the slot's metadata read says revoked. */
export const LIB_KMU_REVOKED = -3;
/** CRACEN protected RAM, AES key 0 (nRF54L15 MDK `CRACEN_PROTECTED_RAM_AES_KEY0`). */
export const CRACEN_PROTECTED_RAM_AES_KEY0 = 0x51810040;
/** CRACEN protected RAM, IKG seed (nRF54L15 MDK `CRACEN_PROTECTED_RAM_SEED`). */
export const CRACEN_PROTECTED_RAM_SEED = 0x51810000;
/** The reserved RAM push area without TF-M (`kmu_push_area`, 0x20000000–0x20000060). */
export const CRACEN_KMU_PUSH_AREA = 0x20000000;

/** A slot's state. */
export type CracenKmuSlotState = 'empty' | 'active' | 'revoked';

/** What secure code can learn about a slot (never its value). */
export interface CracenKmuSlotInfo {
  readonly slot: number;
  readonly state: CracenKmuSlotState;
  /** `LIB_KMU_REV_POLICY_*` (0 when empty). */
  readonly rpolicy: number;
  readonly dest: number;
  readonly metadata: number;
  /** The decoded metadata; `'secondary'` for the 2nd.. slot of a multi-slot key. */
  readonly decoded: KmuMetadata | 'secondary' | undefined;
}

/** `struct kmu_src`: what `lib_kmu_provision_slot` writes. */
export interface KmuSource {
  value: Uint8Array;
  rpolicy: number;
  dest: number;
  metadata: number;
}

interface Slot {
  state: CracenKmuSlotState;
  value: Uint8Array;
  rpolicy: number;
  dest: number;
  metadata: number;
}

const RECORD_MAGIC = 'KMUL';

// What only the driver in this package may reach: values land at DEST, which is CRACEN's
// protected RAM or a push area, never a property of the peripheral object.
const INTERNAL = new WeakMap<
  CracenKmu,
  { pushedValue: (slot: number) => Uint8Array | undefined; deviceMkek: () => Uint8Array }
>();

/** The value an active slot delivers to DEST on a push (a copy), undefined when it cannot push. @internal */
export function cracenKmuPushedValue(kmu: CracenKmu, slot: number): Uint8Array | undefined {
  return INTERNAL.get(kmu)!.pushedValue(slot);
}

/** The device's emulated MKEK (random, created on first use, persisted with the slots). @internal */
export function cracenKmuDeviceMkek(kmu: CracenKmu): Uint8Array {
  return INTERNAL.get(kmu)!.deviceMkek();
}
const RECORD_VERSION = 1;

/** Options of a CRACEN KMU. */
export interface CracenKmuOptions {
  /** Where the slots persist (default: nowhere). */
  store?: ItsStore;
  /** Random source for the device's emulated MKEK (ENCRYPTED scheme; default: `systemRandom`). */
  rng?: (out: Uint8Array) => void;
}

/** The KMU of one nRF54L device (secure side). */
export class CracenKmu {
  /** Number of slots. */
  readonly slotCount = CRACEN_KMU_SLOT_COUNT;
  readonly #slots: Slot[] = Array.from({ length: CRACEN_KMU_SLOT_COUNT }, emptySlot);
  readonly #store: ItsStore | undefined;
  readonly #rng: (out: Uint8Array) => void;
  #mkek: Uint8Array | undefined;

  constructor(options: CracenKmuOptions = {}) {
    this.#store = options.store;
    this.#rng = options.rng ?? systemRandom;
    if (this.#store) this.#load(this.#store);
    INTERNAL.set(this, { pushedValue: (s) => this.#pushedValue(s), deviceMkek: () => this.#deviceMkek() });
    redact(this, 'CracenKmu');
  }

  /** `lib_kmu_is_slot_empty`. */
  isSlotEmpty(slot: number): boolean {
    return this.#slot(slot).state === 'empty';
  }

  /** `lib_kmu_read_metadata`: 0 and the word, −1 for an empty slot, −3 for a revoked one. */
  readMetadata(slot: number): { status: number; metadata: number } {
    const s = this.#slot(slot);
    if (s.state === 'empty') return { status: LIB_KMU_ERROR, metadata: 0 };
    if (s.state === 'revoked') return { status: LIB_KMU_REVOKED, metadata: 0 };
    return { status: LIB_KMU_SUCCESS, metadata: s.metadata };
  }

  /** `lib_kmu_provision_slot`: 0, or −1 when the slot is not empty or the policy is reserved. */
  provisionSlot(slot: number, src: KmuSource): number {
    const s = this.#slot(slot);
    if (s.state !== 'empty') return LIB_KMU_ERROR;
    if (src.value.length !== 16) throw new RangeError(`value must be 16 bytes, got ${src.value.length}`);
    if (
      ![LIB_KMU_REV_POLICY_ROTATING, LIB_KMU_REV_POLICY_LOCKED, LIB_KMU_REV_POLICY_REVOKED].includes(
        src.rpolicy,
      )
    )
      return LIB_KMU_ERROR;
    this.#slots[slot] = {
      state: 'active',
      value: src.value.slice(),
      rpolicy: src.rpolicy,
      dest: src.dest >>> 0,
      metadata: src.metadata >>> 0,
    };
    this.#persist();
    return LIB_KMU_SUCCESS;
  }

  /**
   * `lib_kmu_revoke_slot`: a ROTATING slot is erased (empty again), a REVOKED slot becomes revoked
   * for good; −1 for an empty, already revoked or LOCKED slot. The value is zeroized either way.
   */
  revokeSlot(slot: number): number {
    const s = this.#slot(slot);
    if (s.state !== 'active' || s.rpolicy === LIB_KMU_REV_POLICY_LOCKED) return LIB_KMU_ERROR;
    wipe(s.value);
    this.#slots[slot] =
      s.rpolicy === LIB_KMU_REV_POLICY_REVOKED
        ? { state: 'revoked', value: new Uint8Array(16), rpolicy: s.rpolicy, dest: 0, metadata: 0 }
        : emptySlot();
    this.#persist();
    return LIB_KMU_SUCCESS;
  }

  /** `lib_kmu_push_slot` as a status: 0 when the slot is active (its value would reach DEST), else −1. */
  pushSlot(slot: number): number {
    return this.#slot(slot).state === 'active' ? LIB_KMU_SUCCESS : LIB_KMU_ERROR;
  }

  /** A slot's state, policy, DEST and metadata (never its value). */
  describeSlot(slot: number): CracenKmuSlotInfo {
    const s = this.#slot(slot);
    return {
      slot,
      state: s.state,
      rpolicy: s.rpolicy,
      dest: s.dest,
      metadata: s.metadata,
      decoded:
        s.state !== 'active'
          ? undefined
          : s.metadata === SECONDARY_SLOT_METADATA_VALUE
            ? 'secondary'
            : unpackKmuMetadata(s.metadata),
    };
  }

  /** `ERASEALL`: every slot empty again (the only way to clear LOCKED and REVOKED slots). */
  eraseAll(): void {
    for (let i = 0; i < CRACEN_KMU_SLOT_COUNT; i++) {
      wipe(this.#slots[i]!.value);
      this.#slots[i] = emptySlot();
    }
    wipe(this.#mkek);
    this.#mkek = undefined;
    this.#persist();
  }

  #slot(slot: number): Slot {
    anumber('slot', slot, CRACEN_KMU_SLOT_COUNT - 1);
    return this.#slots[slot]!;
  }

  #pushedValue(slot: number): Uint8Array | undefined {
    const s = this.#slot(slot);
    return s.state === 'active' ? s.value.slice() : undefined;
  }

  #deviceMkek(): Uint8Array {
    if (!this.#mkek) {
      this.#mkek = new Uint8Array(32);
      this.#rng(this.#mkek);
      this.#persist();
    }
    return this.#mkek;
  }

  #persist(): void {
    if (!this.#store) return;
    const used = this.#slots.flatMap((s, i) => (s.state === 'empty' ? [] : [i]));
    if (used.length === 0 && !this.#mkek) {
      writeKmuRecord(this.#store, CRACEN_KMU_STORE_CLIENT, undefined);
      return;
    }
    const w = new RecordWriter()
      .bytes(Uint8Array.from(RECORD_MAGIC, (c) => c.charCodeAt(0)))
      .u8(RECORD_VERSION);
    w.u8(this.#mkek ? 1 : 0);
    if (this.#mkek) w.bytes(this.#mkek);
    w.u32(used.length);
    for (const i of used) {
      const s = this.#slots[i]!;
      w.u8(i)
        .u8(s.state === 'revoked' ? 2 : 1)
        .u8(s.rpolicy)
        .u32(s.dest)
        .u32(s.metadata)
        .bytes(s.value);
    }
    const data = w.finish();
    writeKmuRecord(this.#store, CRACEN_KMU_STORE_CLIENT, data);
    data.fill(0);
  }

  #load(store: ItsStore): void {
    const what = 'nRF54L CRACEN KMU slots';
    const data = readKmuRecord(store, CRACEN_KMU_STORE_CLIENT);
    if (!data) return;
    try {
      const r = new RecordReader(data, what);
      r.magic(RECORD_MAGIC);
      if (r.u8() !== RECORD_VERSION) throw corrupt(what, 'unknown record version');
      if (r.u8() === 1) this.#mkek = r.bytes(32);
      const n = r.u32();
      for (let k = 0; k < n; k++) {
        const i = r.u8();
        const state = r.u8();
        if (state !== 1 && state !== 2) throw corrupt(what, `slot ${i} has an unknown state`);
        const rpolicy = r.u8();
        const dest = r.u32();
        const metadata = r.u32();
        const value = r.bytes(16);
        this.#slots[i] = { state: state === 2 ? 'revoked' : 'active', value, rpolicy, dest, metadata };
      }
      r.end();
    } finally {
      data.fill(0);
    }
  }
}

function emptySlot(): Slot {
  return { state: 'empty', value: new Uint8Array(16), rpolicy: 0, dest: 0, metadata: 0 };
}
