/**
 * `createPsa(options)`: one emulated PSA Crypto instance — a core, its key store in ITS, the
 * boundary in front of it — and its faces: `c` (async C API), `cSync` (sync C API) and the
 * idiomatic methods (see `PsaIdiomatic`).
 * @module
 */

import { Its, type ItsOptions } from '../../its/its.js';
import { memoryStorage } from '../../its/memory.js';
import type { ItsStore } from '../../its/store.js';
import { TfmBoundary } from '../../tfm/boundary.js';
import {
  resolveTfmConfig,
  TFM_PARTITION_ID,
  type TfmConfig,
  type TfmDevice,
  tfmProfileConfig,
} from '../../tfm/config.js';
import { ncsDefaultTfmConfig } from '../../tfm/derive.js';
import { explainTfmStatus } from '../../tfm/explain.js';
import { describeType } from '../../utils/bytes.js';
import { type CoreFlavor, createCoreState, type RandomSource } from '../core/context.js';
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
  /**
   * `target: 'tfm'` only: the TF-M build (see `tfmConfigFromKconfig` in `psa-emu/tfm`). Fields
   * left out come from what NCS v3.2.2 builds by default for `device`.
   */
  tfm?: Partial<Omit<TfmConfig, 'modules' | 'partitions'>> & {
    modules?: Partial<TfmConfig['modules']>;
    partitions?: Partial<TfmConfig['partitions']>;
  };
  /**
   * The device (default `'nrf9151'`): without `tfm`, the TF-M build is what NCS v3.2.2 makes for
   * it by default — the **minimal profile** on nRF91.
   */
  device?: TfmDevice;
}

/** The TF-M side of a `target: 'tfm'` instance. */
export interface PsaTfm {
  /** The build being emulated. */
  readonly config: TfmConfig;
  /** The boundary (operation table, call listeners). */
  readonly boundary: TfmBoundary;
  /** Whether `config` is NCS's default for the device (no `tfm` option given). */
  readonly ncsDefault: boolean;
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
  /** The calling client's id: 0 for a library, the NS client id (−0x3C000000) or the one given to `asClient`. */
  readonly client: number;
  /** `target: 'tfm'`: the TF-M build and boundary. */
  readonly tfm: PsaTfm | undefined;
  /**
   * `target: 'tfm'`: the same device seen by another client (another NS client id, or a
   * secure partition id such as 260). Keys are owned by their client (ITS uid = owner << 32 | id),
   * so one client's keys do not exist for another.
   */
  asClient(clientId: number): Psa;
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
  if (target === 'tfm') return createTfm(options, core, storage, rng, slotCount);
  if (options.tfm !== undefined || options.device !== undefined) {
    throw new TypeError("options.tfm and options.device apply to target 'tfm' only");
  }

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
  return assemble({
    target,
    core,
    storage,
    boundary: libraryBoundary(state, its),
    client: 0,
    tfm: undefined,
  });
}

function createTfm(
  options: CreatePsaOptions,
  core: CoreFlavor,
  storage: ItsStore,
  rng: RandomSource,
  slotCount: number,
): Psa {
  const device = options.device ?? 'nrf9151';
  const base = options.tfm?.profile ? tfmProfileConfig(options.tfm.profile) : ncsDefaultTfmConfig(device);
  const config = options.tfm === undefined ? base : resolveTfmConfig(options.tfm, base);
  if (options.its)
    throw new TypeError(
      'options.its does not apply to target tfm: set tfm.itsNumAssets / tfm.itsMaxAssetSize',
    );
  if (config.storage && !config.partitions.internalTrustedStorage) {
    throw new TypeError(
      'this TF-M build cannot exist: MBEDTLS_PSA_CRYPTO_STORAGE_C needs the ITS partition (the crypto partition depends on it); ' +
        'enable CONFIG_TFM_PARTITION_INTERNAL_TRUSTED_STORAGE or turn storage off',
    );
  }
  const its = config.partitions.internalTrustedStorage
    ? new Its(storage, {
        semantics: 'tfm',
        numAssets: config.itsNumAssets,
        maxAssetSize: config.itsMaxAssetSize,
      })
    : undefined;
  const state = createCoreState({
    flavor: core,
    storage: config.storage,
    builtinKeys: config.builtinKeys,
    encodeOwner: true,
    itsClient: TFM_PARTITION_ID.crypto,
    its,
    rng,
    slotCount,
  });
  const boundary = new TfmBoundary(config, state, its);
  const tfm: PsaTfm = { config, boundary, ncsDefault: options.tfm === undefined };
  return assemble({ target: 'tfm', core, storage, boundary, client: config.nsClientId, tfm });
}

interface Parts {
  target: 'mbedtls' | 'tfm';
  core: CoreFlavor;
  storage: ItsStore;
  boundary: Boundary;
  client: number;
  tfm: PsaTfm | undefined;
}

/** Wires the faces of an instance for one client. */
function assemble(parts: Parts): Psa {
  const { target, core, storage, boundary, client, tfm } = parts;
  const { c, cSync } = buildCFaces(boundary, storage, client);
  const explain = tfm ? (fn: string, status: number) => explainTfmStatus(tfm.config, fn, status) : undefined;
  const psa = new PsaIdiomatic(c, explain) as PsaIdiomatic & { -readonly [K in keyof Psa]: Psa[K] };
  Object.defineProperties(psa, {
    target: { value: target, enumerable: true },
    core: { value: core, enumerable: true },
    storage: { value: storage, enumerable: true },
    c: { value: c, enumerable: true },
    cSync: { value: cSync, enumerable: true },
    client: { value: client, enumerable: true },
    tfm: { value: tfm, enumerable: true },
    asClient: {
      value: (id: number): Psa => {
        if (!tfm)
          throw new TypeError("asClient applies to target 'tfm' only (a library build has a single owner)");
        if (!Number.isInteger(id) || id < -0x80000000 || id > 0x7fffffff || id === 0) {
          throw new RangeError(
            `clientId must be a non-zero int32 (NS clients are negative, secure partitions positive), got ${String(id)}`,
          );
        }
        return assemble({ ...parts, client: id });
      },
    },
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
