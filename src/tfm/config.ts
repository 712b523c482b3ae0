/**
 * `TfmConfig`: the TF-M build options that change what the NS side sees — the profile, the
 * ten `CRYPTO_*_MODULE_ENABLED` flags, PSA key storage in the core, the partitions, the ITS
 * limits and the crypto partition's scratch buffer — plus the NCS v3.2.2 defaults per device.
 * Sources: tfm-psa.md §1.4 and §2 (TF-M `config/config_base.h`, `secure_fw/partitions/crypto/config_crypto.h`;
 * sdk-nrf `modules/trusted-firmware-m/Kconfig*`, `tfm_config.h.in`).
 * @module
 */
import { TFM_NS_CLIENT_ID_DEFAULT, TFM_PARTITION_ID } from '../psa/constants/tfm-ids.js';
import { describeType } from '../utils/bytes.js';

/** `CONFIG_TFM_PROFILE_TYPE_*`. NCS's `minimal` and `not-set` pass no `TFM_PROFILE`. */
export type TfmProfile = 'minimal' | 'not-set' | 'small' | 'medium' | 'large';

/** The crypto partition's modules (`CRYPTO_<X>_MODULE_ENABLED`). */
export interface TfmCryptoModules {
  rng: boolean;
  key: boolean;
  aead: boolean;
  mac: boolean;
  hash: boolean;
  cipher: boolean;
  asymSign: boolean;
  asymEncrypt: boolean;
  keyDerivation: boolean;
  pake: boolean;
}

/** `TFM_PARTITION_*` (the Zephyr module always passes each one ON or OFF). */
export interface TfmPartitions {
  crypto: boolean;
  internalTrustedStorage: boolean;
  protectedStorage: boolean;
  platform: boolean;
  initialAttestation: boolean;
  firmwareUpdate: boolean;
}

/** A TF-M build as the NS application sees it. */
export interface TfmConfig {
  /** The profile the build used. */
  profile: TfmProfile;
  /** `CRYPTO_*_MODULE_ENABLED`: a disabled module answers PSA_ERROR_NOT_SUPPORTED for its whole group. */
  modules: TfmCryptoModules;
  /** `MBEDTLS_PSA_CRYPTO_STORAGE_C` in the core built into TF-M (off ⇒ `CRYPTO_STORAGE_DISABLED=ON`). */
  storage: boolean;
  /** `CONFIG_TFM_CRYPTO_BUILTIN_KEYS` (`MBEDTLS_PSA_CRYPTO_BUILTIN_KEYS`). */
  builtinKeys: boolean;
  /** Secure partitions built. */
  partitions: TfmPartitions;
  /** `ITS_NUM_ASSETS`: files in the ITS table, shared by every client (default 10). */
  itsNumAssets: number;
  /** `ITS_MAX_ASSET_SIZE` in bytes (default 512). */
  itsMaxAssetSize: number;
  /** `CRYPTO_IOVEC_BUFFER_SIZE`: the crypto partition's scratch (1024 minimal, 5120 otherwise). */
  iovecBufferSize: number;
  /** `CRYPTO_SINGLE_PART_FUNCS_DISABLED`: single-part cipher calls answer NOT_SUPPORTED. */
  singlePartFuncsDisabled: boolean;
  /** `CRYPTO_CONC_OPER_NUM`: concurrent multipart operations, shared by every client (default 8). */
  concurrentOperations: number;
  /** The NS client id TF-M gives the application (−0x3C000000 under TrustZone, TF-M ≥ 2.1). */
  nsClientId: number;
  /**
   * Whether the TF-M client still has `psa_open_key`/`psa_close_key` (TF-M 2.2 as in NCS v3.2.2:
   * true). Later TF-M removed them; with `false` their function ids answer NOT_SUPPORTED.
   */
  legacyOpenClose: boolean;
}

/** Devices psa-emu models. */
export type TfmDevice = 'nrf9151' | 'nrf9160' | 'nrf54l15';

/** The NS default client id and the partition ids live in `psa/constants/tfm-ids.ts` (the KMU drivers use them too). */
export { TFM_NS_CLIENT_ID_DEFAULT, TFM_PARTITION_ID };

const ALL_MODULES: TfmCryptoModules = {
  rng: true,
  key: true,
  aead: true,
  mac: true,
  hash: true,
  cipher: true,
  asymSign: true,
  asymEncrypt: true,
  keyDerivation: true,
  pake: true,
};

/** The NCS minimal profile: RNG module only, ITS off, PSA storage off, 1 KiB scratch. */
export function minimalConfig(): TfmConfig {
  return {
    profile: 'minimal',
    modules: { ...mapModules(() => false), rng: true },
    storage: false,
    builtinKeys: false,
    partitions: {
      crypto: true,
      internalTrustedStorage: false,
      protectedStorage: false,
      platform: true,
      initialAttestation: false,
      firmwareUpdate: false,
    },
    itsNumAssets: 10,
    itsMaxAssetSize: 512,
    iovecBufferSize: 1024,
    singlePartFuncsDisabled: false,
    concurrentOperations: 1,
    nsClientId: TFM_NS_CLIENT_ID_DEFAULT,
    legacyOpenClose: true,
  };
}

/**
 * `CONFIG_TFM_PROFILE_TYPE_NOT_SET=y` with every crypto module on (as if the application enabled
 * a PSA_WANT_* of each group), key storage, the ITS and crypto partitions and a 5 KiB scratch. For
 * what a given prj.conf really builds, use `tfmConfigFromKconfig`.
 */
export function notSetConfig(): TfmConfig {
  return {
    profile: 'not-set',
    modules: { ...ALL_MODULES },
    storage: true,
    builtinKeys: false,
    partitions: {
      crypto: true,
      internalTrustedStorage: true,
      protectedStorage: true,
      platform: true,
      initialAttestation: false,
      firmwareUpdate: false,
    },
    itsNumAssets: 10,
    itsMaxAssetSize: 512,
    iovecBufferSize: 5120,
    singlePartFuncsDisabled: false,
    concurrentOperations: 8,
    nsClientId: TFM_NS_CLIENT_ID_DEFAULT,
    legacyOpenClose: true,
  };
}

/**
 * The config a profile gives with NCS defaults otherwise: `minimal` as above; `not-set` and
 * `large` every module; `medium` without CIPHER and ASYM_ENCRYPT; `small` without ASYM_SIGN and
 * ASYM_ENCRYPT (TF-M `docs/configuration/profiles/index.rst`).
 */
export function tfmProfileConfig(profile: TfmProfile): TfmConfig {
  if (profile === 'minimal') return minimalConfig();
  const c = { ...notSetConfig(), profile };
  if (profile === 'medium') c.modules = { ...c.modules, cipher: false, asymEncrypt: false };
  if (profile === 'small') c.modules = { ...c.modules, asymSign: false, asymEncrypt: false };
  if (!PROFILES.includes(profile))
    throw new TypeError(`profile must be one of ${PROFILES.join(', ')}, got ${String(profile)}`);
  return c;
}

function mapModules(f: (k: keyof TfmCryptoModules) => boolean): TfmCryptoModules {
  const out = {} as TfmCryptoModules;
  for (const k of Object.keys(ALL_MODULES) as (keyof TfmCryptoModules)[]) out[k] = f(k);
  return out;
}

const PROFILES: readonly TfmProfile[] = ['minimal', 'not-set', 'small', 'medium', 'large'];

/**
 * Validates a (possibly partial) config and fills it from `base` (default: the NCS default of
 * nRF9151). Throws a `TypeError`/`RangeError` naming the field.
 */
export function resolveTfmConfig(
  input: Partial<Omit<TfmConfig, 'modules' | 'partitions'>> & {
    modules?: Partial<TfmCryptoModules>;
    partitions?: Partial<TfmPartitions>;
  },
  base: TfmConfig = minimalConfig(),
): TfmConfig {
  if (typeof input !== 'object' || input === null)
    throw new TypeError(`tfm config must be an object, got ${describeType(input)}`);
  const cfg: TfmConfig = {
    ...base,
    ...input,
    modules: { ...base.modules, ...input.modules },
    partitions: { ...base.partitions, ...input.partitions },
  };
  if (!PROFILES.includes(cfg.profile))
    throw new TypeError(`tfm.profile must be one of ${PROFILES.join(', ')}, got ${String(cfg.profile)}`);
  for (const [k, v] of Object.entries(cfg.modules)) {
    if (!(k in ALL_MODULES))
      throw new TypeError(
        `tfm.modules.${k} is not a TF-M crypto module (${Object.keys(ALL_MODULES).join(', ')})`,
      );
    if (typeof v !== 'boolean')
      throw new TypeError(`tfm.modules.${k} must be a boolean, got ${describeType(v)}`);
  }
  for (const [k, v] of Object.entries(cfg.partitions)) {
    if (typeof v !== 'boolean')
      throw new TypeError(`tfm.partitions.${k} must be a boolean, got ${describeType(v)}`);
  }
  for (const k of ['storage', 'builtinKeys', 'singlePartFuncsDisabled', 'legacyOpenClose'] as const) {
    if (typeof cfg[k] !== 'boolean')
      throw new TypeError(`tfm.${k} must be a boolean, got ${describeType(cfg[k])}`);
  }
  intIn('tfm.itsNumAssets', cfg.itsNumAssets, 1, 120);
  intIn('tfm.itsMaxAssetSize', cfg.itsMaxAssetSize, 1, 65536);
  intIn('tfm.iovecBufferSize', cfg.iovecBufferSize, 0, 1 << 20);
  intIn('tfm.concurrentOperations', cfg.concurrentOperations, 1, 255);
  intIn('tfm.nsClientId', cfg.nsClientId, -0x80000000, -1);
  return cfg;
}

function intIn(name: string, v: unknown, min: number, max: number): void {
  if (typeof v !== 'number' || !Number.isInteger(v))
    throw new TypeError(`${name} must be an integer, got ${describeType(v)}`);
  if (v < min || v > max) throw new RangeError(`${name} must be between ${min} and ${max}, got ${v}`);
}
