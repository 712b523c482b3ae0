/**
 * `tfmConfigFromKconfig(prj.conf [, overlays], { board })`: what NCS v3.2.2 builds into TF-M
 * for an application's Kconfig — with the derivation trail of every flag (which input symbols
 * decided it, by which rule, in which NCS/Zephyr file) and the warnings `kconfig.py` prints.
 * Rules: tfm-psa.md §2 and docs/notes/tfm-kconfig.md (sdk-nrf `modules/trusted-firmware-m/Kconfig*`,
 * `Kconfig.nrf`, `subsys/nrf_security/Kconfig.psa*`; Zephyr `modules/trusted-firmware-m/Kconfig.tfm*`).
 * @module
 */
import { describeType } from '../utils/bytes.js';
import { TFM_NS_CLIENT_ID_DEFAULT, type TfmConfig, type TfmDevice } from './config.js';
import { createDeriveContext, type KconfigWarning, type TrailEntry } from './derive-context.js';
import { deriveKnobs } from './derive-knobs.js';
import { deriveModules, derivePsaWant } from './derive-modules.js';
import { deriveBuiltinKeys, deriveKeyStorage, derivePartitions, deriveProfile } from './derive-partitions.js';
import { type KconfigFragment, type KconfigFragments, parseKconfig } from './kconfig.js';
import { PSA_HAS } from './psa-want.js';

export type { KconfigWarning, TrailEntry } from './derive-context.js';

/** The result of a derivation. */
export interface TfmDerivation {
  config: TfmConfig;
  /** One entry per resulting flag. */
  trail: Record<string, TrailEntry>;
  /** Non-fatal `kconfig.py` warnings. */
  warnings: KconfigWarning[];
  /** Fatal Kconfig errors (the build would stop), e.g. a promptless symbol assigned. */
  errors: string[];
  board: string;
  device: TfmDevice;
  /** `PSA_WANT_*` symbols that end up y (without the prefix). */
  psaWant: string[];
  /** Other facts the doctor uses. */
  facts: {
    buildWithTfm: boolean;
    mcuboot: boolean;
    /** `CONFIG_PM_PARTITION_SIZE_TFM` as written (undefined when not set). */
    pmPartitionSizeTfm: number | undefined;
    /** `CONFIG_PM_PARTITION_SIZE_TFM_SRAM` as written. */
    pmPartitionSizeTfmSram: number | undefined;
    /** `CONFIG_PSA_CRYPTO_DRIVER_CC3XX` as written (undefined when not set). */
    cc3xx: boolean | undefined;
  };
  /** The parsed fragments. */
  kconfig: KconfigFragments;
}

/** Symbols that have no prompt anywhere: assigning them is a fatal kconfig.py error. */
const PROMPTLESS = new Set([
  'TFM_PROFILE',
  'PSA_DEFAULT_OFF',
  'PSA_ITS_ENCRYPTED',
  'TFM_CRYPTO_NV_SEED',
  ...Object.keys(PSA_HAS),
]);

/** The device a board target names (`nrf9151dk/nrf9151/ns` → `nrf9151`). */
export function deviceOfBoard(board: string): TfmDevice {
  const b = board.toLowerCase();
  if (b.includes('nrf9151') || b.includes('thingy91x')) return 'nrf9151';
  if (b.includes('nrf9160') || b.includes('nrf9161') || b.includes('thingy91')) return 'nrf9160';
  if (b.includes('nrf54l15')) return 'nrf54l15';
  throw new TypeError(
    `options.board must name an nRF9151, nRF9160 or nRF54L15 target (e.g. 'nrf9151dk/nrf9151/ns'), got ${JSON.stringify(board)}`,
  );
}

/**
 * Derives the TF-M build of an NCS v3.2.2 application from its Kconfig fragments
 * (prj.conf first, overlays after; later assignments win).
 */
export function tfmConfigFromKconfig(
  fragments: KconfigFragment | readonly KconfigFragment[],
  options: { board?: string } = {},
): TfmDerivation {
  if (typeof options !== 'object' || options === null)
    throw new TypeError(`options must be an object like { board }, got ${describeType(options)}`);
  const board = options.board ?? 'nrf9151dk/nrf9151/ns';
  if (typeof board !== 'string')
    throw new TypeError(`options.board must be a string, got ${describeType(board)}`);
  const device = deviceOfBoard(board);
  const kc = parseKconfig(fragments);
  const ctx = createDeriveContext(kc, board, device);
  const { v, given, isY, errors } = ctx;

  for (const sym of v.keys()) {
    if (PROMPTLESS.has(sym)) {
      errors.push(
        `error: ${sym} is assigned in a configuration file, but is not directly user-configurable (has no prompt). It gets its value indirectly from other symbols.`,
      );
    }
  }

  const buildWithTfm = board.endsWith('/ns') || board.endsWith('_ns') || isY('BUILD_WITH_TFM');
  if (!buildWithTfm) {
    errors.push(
      `${board} is not a non-secure (/ns) target and CONFIG_BUILD_WITH_TFM is not set: this application is not built with TF-M`,
    );
  }

  const prof = deriveProfile(ctx); // 1. Profile
  const partitions = derivePartitions(ctx, prof); // 2. Partitions
  const storage = deriveKeyStorage(ctx, prof); // 3. PSA key storage
  const builtinKeys = deriveBuiltinKeys(ctx, prof, partitions); // 4. Builtin keys
  const wants = derivePsaWant(ctx, prof, partitions, builtinKeys); // 5. PSA_WANT_*
  const modules = deriveModules(ctx, prof, partitions, wants); // 6. Crypto modules
  const knobs = deriveKnobs(ctx, prof, partitions); // 7. Integer knobs

  const config: TfmConfig = {
    profile: prof.profile,
    modules,
    storage,
    builtinKeys,
    partitions,
    itsNumAssets: knobs.itsNumAssets,
    itsMaxAssetSize: knobs.itsMaxAssetSize,
    iovecBufferSize: Math.max(0, knobs.iovecBufferSize),
    singlePartFuncsDisabled: knobs.singlePartFuncsDisabled,
    concurrentOperations: Math.max(1, Math.min(255, knobs.concurrentOperations)),
    nsClientId: TFM_NS_CLIENT_ID_DEFAULT,
    legacyOpenClose: true,
  };
  const num = (s: string) => (typeof v.get(s) === 'number' ? (v.get(s) as number) : undefined);
  return {
    config,
    trail: ctx.trail,
    warnings: ctx.warnings,
    errors,
    board,
    device,
    psaWant: [...wants.want.keys()].sort(),
    facts: {
      buildWithTfm,
      mcuboot: isY('BOOTLOADER_MCUBOOT'),
      pmPartitionSizeTfm: num('PM_PARTITION_SIZE_TFM'),
      pmPartitionSizeTfmSram: num('PM_PARTITION_SIZE_TFM_SRAM'),
      cc3xx: given('PSA_CRYPTO_DRIVER_CC3XX') ? isY('PSA_CRYPTO_DRIVER_CC3XX') : undefined,
    },
    kconfig: kc,
  };
}

/**
 * What NCS v3.2.2 builds by default for `device` when the application sets nothing about TF-M:
 * the **minimal profile** on nRF91 (only the RNG module, no ITS partition, no key storage),
 * `not-set` on nRF54L15 (NRF_PLATFORM_LUMOS) with the modules its default PSA_WANT_* give.
 */
export function ncsDefaultTfmConfig(device: TfmDevice = 'nrf9151'): TfmConfig {
  const board = DEFAULT_BOARD[device];
  if (!board) throw new TypeError(`device must be 'nrf9151', 'nrf9160' or 'nrf54l15', got ${String(device)}`);
  return tfmConfigFromKconfig('', { board }).config;
}

/** A board target per device. */
export const DEFAULT_BOARD: Readonly<Record<TfmDevice, string>> = {
  nrf9151: 'nrf9151dk/nrf9151/ns',
  nrf9160: 'nrf9160dk/nrf9160/ns',
  nrf54l15: 'nrf54l15dk/nrf54l15/cpuapp/ns',
};
