/**
 * `PsaError`: what the idiomatic API throws for a non-success `psa_status_t`
 * (the C-shaped facade returns statuses instead). Typed like jose's errors: a stable
 * `code` (the C name) and the numeric `status`; the message says why in plain words
 * and never contains key bytes.
 * @module
 */
import { psaStatusName, psaStatusReason } from './status.js';

/** An error carrying a PSA status. `code` is the C name, e.g. `'PSA_ERROR_NOT_SUPPORTED'`. */
export class PsaError extends Error {
  /** The numeric `psa_status_t`, e.g. `-134`. */
  readonly status: number;
  /** The C name of the status, e.g. `'PSA_ERROR_NOT_SUPPORTED'`. */
  readonly code: string;
  /** The PSA function that failed, when known (e.g. `'psa_open_key'`). */
  readonly function: string | undefined;

  /**
   * @param status - the `psa_status_t` value
   * @param detail - why, in plain words (defaults to the generic reason for the status)
   * @param fn - the C function name, prefixed to the message
   */
  constructor(status: number, detail?: string, fn?: string) {
    const code = psaStatusName(status);
    const why = detail ?? psaStatusReason(status);
    super(`${fn ? `${fn}: ` : ''}${code} (${status}): ${why}`);
    this.name = 'PsaError';
    this.status = status;
    this.code = code;
    this.function = fn;
  }
}

/** True for a `PsaError` (also across module copies, by shape). */
export function isPsaError(e: unknown): e is PsaError {
  return (
    e instanceof PsaError ||
    (e instanceof Error && e.name === 'PsaError' && typeof (e as PsaError).status === 'number')
  );
}
