/**
 * Bounds-checked access to a WebAssembly instance's linear memory for the PSA imports:
 * pointers and `size_t` arrive as i32 (read back as unsigned), every (pointer, length) is
 * checked against `memory.buffer.byteLength` before anything is read or written, and the
 * C structs of psa-emu's wasm32 header are encoded little-endian
 * (WebAssembly core spec §4.4.7 "Memory instructions": little-endian loads and stores).
 * @module
 */
import type { PsaKeyAttributes } from '../psa/attributes.js';

/** A bad pointer or length seen while marshalling: the import answers PSA_ERROR_INVALID_ARGUMENT. */
export class OutOfBounds {
  constructor(readonly what: string) {}
}

/**
 * A view of one `memory.buffer`. The imports reuse it while `memory.buffer` is the same
 * object and make a new one when it is not (`memory.grow` replaces the buffer); psa-emu
 * never grows the guest's memory, so the view stays valid until the import returns.
 */
export class CallMemory {
  readonly buffer: ArrayBuffer;
  readonly bytes: Uint8Array;
  readonly view: DataView;

  constructor(buffer: ArrayBuffer) {
    this.buffer = buffer;
    this.bytes = new Uint8Array(buffer);
    this.view = new DataView(buffer);
  }

  /**
   * Checks `[ptr, ptr + len)`: the NULL pointer only with `len` 0 (a C caller may pass
   * `NULL, 0`); any other pointer must have `ptr + len` within linear memory, `len` 0
   * included (one past the last byte is the furthest an empty buffer may start), so that
   * nothing later reads or writes outside it. Returns the unsigned pointer; throws `OutOfBounds`.
   */
  check(what: string, ptr: number, len: number): number {
    const p = ptr >>> 0;
    const n = len >>> 0;
    if (p === 0 ? n !== 0 : p + n > this.bytes.length) throw new OutOfBounds(what);
    return p;
  }

  /** A copy of `[ptr, ptr + len)` (inputs are copied so they never alias outputs). */
  copyIn(what: string, ptr: number, len: number): Uint8Array {
    const p = this.check(what, ptr, len);
    return this.bytes.slice(p, p + (len >>> 0));
  }

  readU32(ptr: number): number {
    return this.view.getUint32(ptr, true);
  }

  writeU32(ptr: number, value: number): void {
    this.view.setUint32(ptr, value >>> 0, true);
  }

  /**
   * Reads `psa_key_attributes_t` (include/psa/crypto_struct.h): type u16 @0, bits u16 @2,
   * lifetime @4, id @8, usage @12, alg @16, alg2 @20.
   */
  readAttributes(ptr: number): PsaKeyAttributes {
    const v = this.view;
    return {
      type: v.getUint16(ptr, true),
      bits: v.getUint16(ptr + 2, true),
      lifetime: v.getUint32(ptr + 4, true),
      id: v.getUint32(ptr + 8, true),
      usage: v.getUint32(ptr + 12, true),
      alg: v.getUint32(ptr + 16, true),
      alg2: v.getUint32(ptr + 20, true),
    };
  }

  /** Writes `psa_key_attributes_t` (same layout as `readAttributes`). */
  writeAttributes(ptr: number, a: PsaKeyAttributes): void {
    const v = this.view;
    v.setUint16(ptr, a.type, true);
    v.setUint16(ptr + 2, a.bits, true);
    v.setUint32(ptr + 4, a.lifetime >>> 0, true);
    v.setUint32(ptr + 8, a.id >>> 0, true);
    v.setUint32(ptr + 12, a.usage >>> 0, true);
    v.setUint32(ptr + 16, a.alg >>> 0, true);
    v.setUint32(ptr + 20, (a.alg2 ?? 0) >>> 0, true);
  }

  /** Writes `struct psa_storage_info_t` on wasm32: capacity @0, size @4, flags @8 (all 32-bit). */
  writeStorageInfo(ptr: number, info: { capacity: number; size: number; flags: number }): void {
    this.view.setUint32(ptr, info.capacity >>> 0, true);
    this.view.setUint32(ptr + 4, info.size >>> 0, true);
    this.view.setUint32(ptr + 8, info.flags >>> 0, true);
  }
}
