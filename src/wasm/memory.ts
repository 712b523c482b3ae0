/**
 * Bounds-checked access to a WebAssembly instance's linear memory for the PSA imports:
 * pointers and `size_t` arrive as i32 (read back as unsigned), every (pointer, length) is
 * checked against `memory.buffer.byteLength` before anything is read or written, and the
 * C structs of psa-emu's wasm32 header are encoded little-endian
 * (WebAssembly core spec §4.4.7 "Memory instructions": little-endian loads and stores).
 * @module
 */
import type { PsaKeyAttributes } from '../psa/attributes.js';
import { WASM_KEY_ATTRIBUTES_SIZE, WASM_STORAGE_INFO_SIZE } from './abi.js';

/** A bad pointer or length seen while marshalling: the import answers PSA_ERROR_INVALID_ARGUMENT. */
export class OutOfBounds {
  constructor(readonly what: string) {}
}

/**
 * One call's view of linear memory. `memory.buffer` is read once per call: psa-emu never
 * grows the guest's memory, so the view stays valid until the import returns.
 */
export class CallMemory {
  readonly bytes: Uint8Array;
  readonly view: DataView;

  constructor(buffer: ArrayBuffer) {
    this.bytes = new Uint8Array(buffer);
    this.view = new DataView(buffer);
  }

  /**
   * Checks `[ptr, ptr + len)`: inside linear memory, and not the NULL pointer unless `len` is
   * 0 (a C caller may pass `NULL, 0`). Returns the unsigned pointer; throws `OutOfBounds`.
   */
  check(what: string, ptr: number, len: number): number {
    const p = ptr >>> 0;
    const n = len >>> 0;
    if (n === 0) return p;
    if (p === 0 || p + n > this.bytes.length) throw new OutOfBounds(what);
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

/** Byte size of what an out-pointer of `kind` points to. */
export function outParamSize(kind: 'u32' | 'size' | 'attributes' | 'info'): number {
  return kind === 'attributes' ? WASM_KEY_ATTRIBUTES_SIZE : kind === 'info' ? WASM_STORAGE_INFO_SIZE : 4;
}
