/**
 * The boundary a call crosses before it reaches the core. A library build (`target:
 * 'mbedtls'`) calls straight through with owner 0; TF-M (`src/tfm/`) adds the NS client id,
 * the iovec scratch check and the module gates.
 * @module
 */
import type { Its } from '../../its/its.js';
import type { CoreState } from '../core/context.js';
import { cryptoFree, cryptoInit } from '../core/random.js';
import { runService } from './service.js';
import type { ServiceSpec } from './table.js';

/** What sits between a caller and the PSA core. */
export interface Boundary {
  /** `'mbedtls'` (the core as a library) or `'tfm'` (the TF-M client/partition boundary). */
  readonly target: 'mbedtls' | 'tfm';
  /** Runs one (argument-checked) service call made by `client`; returns its C-shaped result. */
  call(spec: ServiceSpec, args: readonly unknown[], client: number): unknown;
  /** `psa_crypto_init()` as the caller sees it. */
  init(): number;
  /** `mbedtls_psa_crypto_free()`: a reboot (volatile keys, caches and operations are gone; storage stays). */
  reboot(): void;
}

/** The library boundary: Mbed TLS semantics, one owner (0), ITS uid = key id. */
export function libraryBoundary(state: CoreState, its: Its | undefined): Boundary {
  return {
    target: 'mbedtls',
    call: (spec, args) => runService(spec.name, { state, owner: 0, its, itsClient: 0 }, args),
    init: () => cryptoInit(state),
    reboot: () => cryptoFree(state),
  };
}
