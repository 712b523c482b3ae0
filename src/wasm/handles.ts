/**
 * The operation handle table of one imports object. In C a `psa_hash_operation_t`,
 * `psa_mac_operation_t` or `psa_cipher_operation_t` is `struct { uint32_t handle; }`
 * (the shape TF-M's NS client uses, `interface/include/psa/crypto_struct.h` there): 0 is a
 * fresh or finished operation (`PSA_*_OPERATION_INIT`), any other value names a psa-emu
 * operation object kept here. The rule is one line: a struct holds a non-zero handle
 * exactly while its psa-emu operation is active (between a successful setup and the
 * finish, verify, abort or error that ends it).
 * @module
 */
import type { PsaCSync } from '../psa/api/c-api.js';
import type { PsaCipherOperation, PsaHashOperation, PsaMacOperation } from '../psa/service/operations.js';

/** The three operation kinds, named as in `CArgKind`. */
export type OperationKind = 'hashOperation' | 'macOperation' | 'cipherOperation';
/** A psa-emu operation object. */
export type Operation = PsaHashOperation | PsaMacOperation | PsaCipherOperation;

interface Entry {
  readonly kind: OperationKind;
  readonly op: Operation;
}

/** Maps the u32 handles stored in C operation structs to psa-emu operation objects. */
export class OperationHandles {
  private readonly live = new Map<number, Entry>();
  private next = 1;

  constructor(private readonly cSync: PsaCSync) {}

  /** Operations currently active (handles in use). */
  get size(): number {
    return this.live.size;
  }

  /**
   * The operation a C struct holding `handle` designates: a fresh object for 0, the live
   * object for a handle of this kind, `undefined` for anything else (an uninitialised or
   * corrupted struct, or a handle whose operation has ended).
   */
  resolve(kind: OperationKind, handle: number): Operation | undefined {
    if (handle === 0) return this.fresh(kind);
    const e = this.live.get(handle);
    return e && e.kind === kind ? e.op : undefined;
  }

  /** After a call: the handle the C struct must now hold (registers or forgets `op`). */
  settle(kind: OperationKind, handle: number, op: Operation): number {
    const mine = handle !== 0 && this.live.get(handle)?.op === op;
    if (op.active) {
      if (mine) return handle;
      while (this.next === 0 || this.live.has(this.next)) this.next = (this.next + 1) >>> 0;
      const h = this.next;
      this.next = (this.next + 1) >>> 0;
      this.live.set(h, { kind, op });
      return h;
    }
    if (mine) this.live.delete(handle);
    return 0;
  }

  /** Aborts every live operation (freeing TF-M operation-table entries); returns how many. */
  abortAll(): number {
    const n = this.live.size;
    for (const { kind, op } of this.live.values()) {
      if (kind === 'hashOperation') this.cSync.psa_hash_abort(op as PsaHashOperation);
      else if (kind === 'macOperation') this.cSync.psa_mac_abort(op as PsaMacOperation);
      else this.cSync.psa_cipher_abort(op as PsaCipherOperation);
    }
    this.live.clear();
    return n;
  }

  private fresh(kind: OperationKind): Operation {
    if (kind === 'hashOperation') return this.cSync.psa_hash_operation_init();
    if (kind === 'macOperation') return this.cSync.psa_mac_operation_init();
    return this.cSync.psa_cipher_operation_init();
  }
}
