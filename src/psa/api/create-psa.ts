/**
 * `createPsa(options)`: one emulated PSA Crypto instance — a core, its key store in ITS, the
 * boundary in front of it — and its faces: `c` (async C API), `cSync` (sync C API) and the
 * idiomatic methods (see `PsaIdiomatic`).
 * @module
 */

import { Its, type ItsOptions } from '../../its/its.js';
import { memoryStorage } from '../../its/memory.js';
import type { ItsStore } from '../../its/store.js';
import { describeType } from '../../utils/bytes.js';
import { type CoreFlavor, type CoreState, createCoreState, type RandomSource } from '../core/context.js';
import { systemRandom } from '../core/random.js';
import { type Boundary, libraryBoundary } from '../service/boundary.js';
import type { PsaC, PsaCSync } from './c-api.js';
import { buildCFaces } from './facade.js';
import { PsaIdiomatic } from './idiomatic.js';

/** Options of `createPsa`. */
export interface CreatePsaOptions {
  /**
   * `'mbedtls'`: the PSA core used as a library (Mbed TLS semantics: BAD_STATE before
   * `psa_crypto_init`, ITS uid = key id, Mbed TLS file-ITS statuses).
   * `'tfm'`: the TF-M client/partition boundary of an nRF91 in front of the core.
   */
  target: 'mbedtls' | 'tfm';
  /** Where ITS assets (and so persistent keys) live. Default: a fresh `memoryStorage()`. */
  storage?: ItsStore;
  /**
   * Which core's behaviour to reproduce where they differ (see `CoreFlavor`). Default:
   * `'oberon'` for `target: 'tfm'` (NCS v3.2.2), `'mbedtls'` for `target: 'mbedtls'`.
   */
  core?: CoreFlavor;
  /** Random source (IVs, key generation, `psa_generate_random`). Default: `crypto.getRandomValues`. */
  rng?: RandomSource;
  /** `MBEDTLS_PSA_KEY_SLOT_COUNT` (default 32). */
  keySlotCount?: number;
  /** ITS limits (TF-M semantics only): `numAssets` (default 10), `maxAssetSize` (default 512). */
  its?: Pick<ItsOptions, 'numAssets' | 'maxAssetSize'>;
}

/** An emulated PSA Crypto instance. */
export interface Psa extends PsaIdiomatic {
  /** The boundary in front of the core. */
  readonly target: 'mbedtls' | 'tfm';
  /** The core whose behaviour is reproduced. */
  readonly core: CoreFlavor;
  /** The storage backend. */
  readonly storage: ItsStore;
  /** The C API; service calls return Promises (durable storage before they resolve). */
  readonly c: PsaC;
  /** The C API, synchronous (for synchronous backends, tight loops and WebAssembly imports). */
  readonly cSync: PsaCSync;
}

/** Creates an emulated PSA Crypto instance. */
export function createPsa(options: CreatePsaOptions): Psa {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `options must be an object like { target: 'mbedtls' | 'tfm' }, got ${describeType(options)}`,
    );
  }
  const { target } = options;
  if (target !== 'mbedtls' && target !== 'tfm') {
    throw new TypeError(
      `options.target must be 'mbedtls' (the PSA core as a library) or 'tfm' (the TF-M NS boundary of an nRF91), got ${String(target)}`,
    );
  }
  const core = options.core ?? (target === 'tfm' ? 'oberon' : 'mbedtls');
  if (core !== 'oberon' && core !== 'mbedtls')
    throw new TypeError(`options.core must be 'oberon' or 'mbedtls', got ${String(core)}`);
  const storage = options.storage ?? memoryStorage();
  checkStore(storage);
  const rng = options.rng ?? systemRandom;
  if (typeof rng !== 'function')
    throw new TypeError(`options.rng must be a function (out: Uint8Array) => void, got ${describeType(rng)}`);
  const slotCount = options.keySlotCount ?? 32;
  if (!Number.isSafeInteger(slotCount) || slotCount < 1 || slotCount > 1024) {
    throw new RangeError(
      `options.keySlotCount must be an integer between 1 and 1024, got ${String(slotCount)}`,
    );
  }
  if (target === 'tfm')
    throw new TypeError("target 'tfm' needs the TF-M layer: import createPsa from 'psa-emu' (root export)");

  const its = new Its(storage, { semantics: 'mbedtls', ...options.its });
  const state = createCoreState({
    flavor: core,
    storage: true,
    builtinKeys: false,
    encodeOwner: false,
    itsClient: 0,
    its,
    rng,
    slotCount,
  });
  return assemble(target, core, storage, state, libraryBoundary(state, its), 0);
}

/** Wires the faces of an instance (also used by the TF-M layer). */
export function assemble(
  target: 'mbedtls' | 'tfm',
  core: CoreFlavor,
  storage: ItsStore,
  state: CoreState,
  boundary: Boundary,
  client: number,
): Psa {
  const { c, cSync } = buildCFaces(boundary, state, storage, client);
  const psa = new PsaIdiomatic(c) as PsaIdiomatic & { -readonly [K in keyof Psa]: Psa[K] };
  Object.defineProperties(psa, {
    target: { value: target, enumerable: true },
    core: { value: core, enumerable: true },
    storage: { value: storage, enumerable: true },
    c: { value: c, enumerable: true },
    cSync: { value: cSync, enumerable: true },
  });
  return psa as Psa;
}

function checkStore(s: unknown): asserts s is ItsStore {
  const st = s as Partial<ItsStore> | null;
  const ok =
    typeof st === 'object' &&
    st !== null &&
    ['get', 'set', 'remove', 'keys', 'flush'].every(
      (m) => typeof (st as Record<string, unknown>)[m] === 'function',
    );
  if (!ok)
    throw new TypeError(
      `options.storage must be an ItsStore (memoryStorage(), fileStorage(dir), …), got ${describeType(s)}`,
    );
}
