/**
 * The crypto partition's multipart-operation contexts (`secure_fw/partitions/crypto/crypto_alloc.c`):
 * `CRYPTO_CONC_OPER_NUM` entries shared by every client and operation type; handles are
 * 1-based indexes, the lowest free entry first; a full table is PSA_ERROR_NOT_PERMITTED; a
 * handle that is unknown, freed, of another client or of another type is PSA_ERROR_BAD_STATE.
 * @module
 */
import { cipherAbort } from '../psa/core/cipher.js';
import { hashAbort } from '../psa/core/hash.js';
import { macAbort } from '../psa/core/mac.js';
import { PsaCipherOperation, PsaHashOperation, PsaMacOperation } from '../psa/service/operations.js';
import { PSA_ERROR_BAD_STATE, PSA_ERROR_NOT_PERMITTED } from '../psa/status.js';

/** Operation kinds (the TF-M table's `type`). */
export type TfmOperationType = 'hash' | 'mac' | 'cipher';

/** The secure-side operation object of each kind. */
export type SecureOperation = PsaHashOperation | PsaMacOperation | PsaCipherOperation;

/** One table entry. */
export interface TfmOperationEntry {
  readonly handle: number;
  readonly type: TfmOperationType;
  readonly owner: number;
  readonly op: SecureOperation;
}

/** The operation table. */
export class TfmOperationTable {
  private readonly entries: (TfmOperationEntry | undefined)[];

  constructor(size: number) {
    this.entries = new Array<TfmOperationEntry | undefined>(size).fill(undefined);
  }

  /** `tfm_crypto_operation_alloc`: an entry, or NOT_PERMITTED when the table is full. */
  alloc(type: TfmOperationType, owner: number): TfmOperationEntry | number {
    const i = this.entries.indexOf(undefined);
    if (i < 0) return PSA_ERROR_NOT_PERMITTED;
    const op =
      type === 'hash'
        ? new PsaHashOperation()
        : type === 'mac'
          ? new PsaMacOperation()
          : new PsaCipherOperation();
    const e: TfmOperationEntry = { handle: i + 1, type, owner, op };
    this.entries[i] = e;
    return e;
  }

  /** `tfm_crypto_operation_lookup`: the caller's entry of that type, or BAD_STATE. */
  lookup(type: TfmOperationType, handle: number, owner: number): TfmOperationEntry | number {
    const e = handle >= 1 && handle <= this.entries.length ? this.entries[handle - 1] : undefined;
    if (!e || e.type !== type || e.owner !== owner) return PSA_ERROR_BAD_STATE;
    return e;
  }

  /** `tfm_crypto_operation_release`: frees the entry and wipes its context. */
  release(e: TfmOperationEntry): void {
    wipe(e.op);
    if (this.entries[e.handle - 1] === e) this.entries[e.handle - 1] = undefined;
  }

  /** Entries in use (for diagnostics and tests). */
  inUse(): number {
    return this.entries.filter(Boolean).length;
  }

  /** Frees everything (a reboot). */
  clear(): void {
    for (const e of this.entries) if (e) wipe(e.op);
    this.entries.fill(undefined);
  }
}

function wipe(op: SecureOperation): void {
  if (op instanceof PsaCipherOperation) cipherAbort(op);
  else if (op instanceof PsaMacOperation) macAbort(op);
  else hashAbort(op);
}
