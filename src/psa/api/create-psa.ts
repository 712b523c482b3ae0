/**
 * `createPsa(options)`: one emulated PSA Crypto instance — a core, its key store in ITS, the
 * boundary in front of it — and its faces: `c` (async C API), `cSync` (sync C API) and the
 * idiomatic methods (see `PsaIdiomatic`).
 * @module
 */

import { Its, type ItsOptions } from '../../its/its.js';
import { memoryStorage } from '../../its/memory.js';
import type { ItsStore } from '../../its/store.js';
import { createDeviceModel, type DeviceModel, type PsaDevice } from '../../kmu/device.js';
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
import { MBEDTLS_PSA_KEY_SLOT_COUNT } from '../constants/keys.js';
import { type CoreFlavor, createCoreState, guardRandom, type RandomSource } from '../core/context.js';
import { systemRandom } from '../core/random.js';
import { type Boundary, libraryBoundary } from '../service/boundary.js';
import type { PsaC, PsaCSync } from './c-api.js';
import { buildCFaces } from './facade.js';
import { PsaIdiomatic, type StatusExplainer } from './idiomatic.js';

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
  /**
   * Random source (IVs, key generation, `psa_generate_random`). Default: `crypto.getRandomValues`.
   * If it throws, the PSA call that needed it returns PSA_ERROR_INSUFFICIENT_ENTROPY (as Mbed TLS
   * does when its DRBG cannot get entropy) and nothing it was filling is kept.
   */
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
   * The device; its KMU model is `psa.device.kmu`. `target: 'tfm'` (default `'nrf9151'`): without
   * `tfm`, the TF-M build is what NCS v3.2.2 makes for it by default — the **minimal profile** on
   * nRF91. `target: 'mbedtls'` (default: no device): only `'nrf54l15'` (CRACEN driver in the
   * application, no TF-M) — psa-emu models nRF91 only behind TF-M.
   * `'nrf54l15'` registers `PSA_KEY_LOCATION_CRACEN_KMU` (keys in KMU slots, ids 0x7fffXYZZ);
   * nRF91 has no PSA key location for KMU slots.
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
   * The device model (`options.device`): its name and KMU. Secure callers (client 0 of a build
   * without TF-M, TF-M partitions) get the KMU; for a non-secure client every access to `kmu`
   * throws `KmuAccessError`, as the real access faults. Undefined for a library build without device.
   */
  readonly device: PsaDevice | undefined;
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
  const source = options.rng ?? systemRandom;
  if (typeof source !== 'function')
    throw new TypeError(
      `options.rng must be a function (out: Uint8Array) => void, got ${describeType(source)}`,
    );
  // Guarded once and shared by the core and the device's key-location drivers: a throw is an EntropyError.
  const rng = guardRandom(source);
  const slotCount = options.keySlotCount ?? MBEDTLS_PSA_KEY_SLOT_COUNT;
  if (!Number.isSafeInteger(slotCount) || slotCount < 1 || slotCount > 1024) {
    throw new RangeError(
      `options.keySlotCount must be an integer between 1 and 1024, got ${String(slotCount)}`,
    );
  }
  if (target === 'tfm') return createTfm(options, core, storage, rng, slotCount);
  if (options.tfm !== undefined) throw new TypeError("options.tfm applies to target 'tfm' only");
  const { device } = options;
  if (device !== undefined && device !== 'nrf54l15') {
    throw new TypeError(
      device === 'nrf9151' || device === 'nrf9160'
        ? `options.device '${device}' applies to target 'tfm' only: on nRF91 the application is non-secure and ` +
            "the PSA core runs in TF-M; of the modelled devices only 'nrf54l15' runs its CRACEN driver without TF-M"
        : `options.device must be 'nrf9151', 'nrf9160' or 'nrf54l15', got ${String(device)}`,
    );
  }
  const model = device ? createDeviceModel(device, { store: storage, rng, tfm: false }) : undefined;
  const its = new Its(storage, { semantics: 'mbedtls', ...options.its });
  const state = createCoreState({
    flavor: core,
    storage: true,
    // A key-location driver's keys are builtin keys (MBEDTLS_PSA_CRYPTO_BUILTIN_KEYS).
    builtinKeys: (model?.locations.size ?? 0) > 0,
    encodeOwner: false,
    itsClient: 0,
    its,
    rng,
    slotCount,
    ...(model ? { locations: model.locations } : {}),
  });
  return assemble({
    target,
    core,
    storage,
    boundary: withDeviceReset(libraryBoundary(state, its), model),
    client: 0,
    tfm: undefined,
    device: model,
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
  const model = createDeviceModel(device, { store: storage, rng, tfm: true });
  const state = createCoreState({
    flavor: core,
    storage: config.storage,
    builtinKeys: config.builtinKeys || model.locations.size > 0,
    encodeOwner: true,
    itsClient: TFM_PARTITION_ID.crypto,
    its,
    rng,
    slotCount,
    locations: model.locations,
  });
  const boundary = new TfmBoundary(config, state, its);
  const tfm: PsaTfm = { config, boundary, ncsDefault: options.tfm === undefined };
  return assemble({
    target: 'tfm',
    core,
    storage,
    boundary: withDeviceReset(boundary, model),
    client: config.nsClientId,
    tfm,
    device: model,
  });
}

/** `mbedtls_psa_crypto_free()` as a reboot also resets the device's volatile peripheral state. */
function withDeviceReset(boundary: Boundary, model: DeviceModel | undefined): Boundary {
  if (!model) return boundary;
  return {
    target: boundary.target,
    call: (spec, args, client) => boundary.call(spec, args, client),
    init: () => boundary.init(),
    reboot: () => {
      boundary.reboot();
      model.reset();
    },
  };
}

interface Parts {
  target: 'mbedtls' | 'tfm';
  core: CoreFlavor;
  storage: ItsStore;
  boundary: Boundary;
  client: number;
  tfm: PsaTfm | undefined;
  device: DeviceModel | undefined;
}

/** Wires the faces of an instance for one client. */
function assemble(parts: Parts): Psa {
  const { target, core, storage, boundary, client, tfm, device } = parts;
  const { c, cSync } = buildCFaces(boundary, storage, client);
  const explain: StatusExplainer | undefined = tfm
    ? (fn, status, call) => explainTfmStatus(tfm.config, fn, status, call)
    : undefined;
  const psa = new PsaIdiomatic(c, explain) as PsaIdiomatic & { -readonly [K in keyof Psa]: Psa[K] };
  Object.defineProperties(psa, {
    target: { value: target, enumerable: true },
    core: { value: core, enumerable: true },
    storage: { value: storage, enumerable: true },
    c: { value: c, enumerable: true },
    cSync: { value: cSync, enumerable: true },
    client: { value: client, enumerable: true },
    tfm: { value: tfm, enumerable: true },
    device: { value: device?.view(client), enumerable: true },
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
