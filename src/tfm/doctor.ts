/**
 * The doctor: `diagnose(prj.conf | TfmConfig)` tells what a TF-M build will make PSA calls
 * answer, why in Kconfig terms, and the prj.conf lines that fix it — starting with the field
 * report's cause, the NCS minimal profile on nRF91.
 * @module
 */

import { PSA_KEY_BLOB_HEADER_SIZE as KEY_BLOB_OVERHEAD } from '../psa/core/key-blob.js';
import { PSA_SERVICE_TABLE, tfmGroupOf } from '../psa/service/table.js';
import { PSA_ERROR_INSUFFICIENT_STORAGE, PSA_ERROR_NOT_SUPPORTED, psaStatusName } from '../psa/status.js';
import { describeType } from '../utils/bytes.js';
import { resolveTfmConfig, type TfmConfig, type TfmCryptoModules } from './config.js';
import { type TfmDerivation, tfmConfigFromKconfig } from './derive.js';
import { TFM_MODULES } from './explain.js';
import type { KconfigFragment } from './kconfig.js';
import { MODULE_SYMBOL } from './psa-want.js';

/** A PSA call and what this build makes it return. */
export interface AffectedCall {
  function: string;
  status: number;
  code: string;
}

/** One finding. */
export interface Finding {
  severity: 'error' | 'warning' | 'info';
  /** Short headline. */
  title: string;
  /** What happens and why, in Kconfig/TF-M terms. */
  explanation: string;
  /** PSA calls this finding makes fail (and with what). */
  affectedCalls: AffectedCall[];
  /** prj.conf lines that fix it (empty when there is nothing to change). */
  fix: string[];
  /** A stable id for scripts and tests, e.g. `minimal-profile`. */
  id: string;
}

/** The doctor's answer. */
export interface Diagnosis {
  findings: Finding[];
  /** The build that was diagnosed. */
  config: TfmConfig;
  /** The derivation (trail, warnings), when Kconfig text was given. */
  derivation: TfmDerivation | undefined;
}

/** Options of `diagnose`. */
export interface DiagnoseOptions {
  /** Board target for Kconfig input (default `nrf9151dk/nrf9151/ns`). */
  board?: string;
  /**
   * Persistent keys the application will create (each is one ITS asset of 36 + key-size
   * bytes). Default: 3 when CONFIG_SOFTSIM=y (keys 10/11/12), otherwise not checked.
   */
  plannedKeys?: number;
  /** Other ITS assets the application stores (default 0). */
  plannedAssets?: number;
}

const callsOfGroup = (group: number): string[] =>
  [...PSA_SERVICE_TABLE.values()]
    .filter((s) => s.service === 'crypto' && tfmGroupOf(s.sid) === group)
    .map((s) => s.name);
const notSupported = (fns: string[]): AffectedCall[] =>
  fns.map((f) => ({
    function: f,
    status: PSA_ERROR_NOT_SUPPORTED,
    code: psaStatusName(PSA_ERROR_NOT_SUPPORTED),
  }));

const FIX_MINIMAL = ['CONFIG_TFM_PROFILE_TYPE_NOT_SET=y', 'CONFIG_MBEDTLS_PSA_CRYPTO_STORAGE_C=y'];
const GROUP_WANT_FIX: Partial<Record<keyof TfmCryptoModules, string>> = {
  key: 'CONFIG_PSA_WANT_KEY_TYPE_AES=y',
  cipher: 'CONFIG_PSA_WANT_ALG_CBC_NO_PADDING=y',
  mac: 'CONFIG_PSA_WANT_ALG_CMAC=y',
  hash: 'CONFIG_PSA_WANT_ALG_SHA_256=y',
  aead: 'CONFIG_PSA_WANT_ALG_CCM=y',
};

/**
 * Diagnoses a TF-M build given as prj.conf text (or `[prj.conf, overlay, …]`), a derivation
 * from `tfmConfigFromKconfig`, or a `TfmConfig`.
 */
export function diagnose(
  input: KconfigFragment | readonly KconfigFragment[] | TfmDerivation | Partial<TfmConfig>,
  options: DiagnoseOptions = {},
): Diagnosis {
  let derivation: TfmDerivation | undefined;
  let config: TfmConfig;
  if (
    typeof input === 'string' ||
    Array.isArray(input) ||
    (typeof input === 'object' && input !== null && 'name' in input && 'text' in input)
  ) {
    derivation = tfmConfigFromKconfig(input as KconfigFragment | KconfigFragment[], { board: options.board });
    config = derivation.config;
  } else if (typeof input === 'object' && input !== null && 'trail' in input && 'config' in input) {
    derivation = input as TfmDerivation;
    config = derivation.config;
  } else if (typeof input === 'object' && input !== null) {
    config = resolveTfmConfig(input as Partial<TfmConfig>);
  } else {
    throw new TypeError(
      `diagnose takes prj.conf text, a list of fragments, a derivation or a TfmConfig; got ${describeType(input)}`,
    );
  }
  const findings: Finding[] = [];
  const add = (f: Finding) => findings.push(f);
  const kv = derivation?.kconfig.values;
  const isY = (s: string) => kv?.get(s) === true;
  const wants = (prefix: string) =>
    [...(kv?.keys() ?? [])].some((k) => k.startsWith(prefix) && kv?.get(k) === true);

  for (const e of derivation?.errors ?? []) {
    add({
      id: 'kconfig-error',
      severity: 'error',
      title: 'The Kconfig step would stop the build',
      explanation: e,
      affectedCalls: [],
      fix: [],
    });
  }

  const disabled = (Object.keys(TFM_MODULES) as (keyof TfmCryptoModules)[]).filter((m) => !config.modules[m]);
  if (config.profile === 'minimal') {
    const usesCrypto =
      !derivation ||
      wants('PSA_WANT_') ||
      isY('MBEDTLS_PSA_CRYPTO_STORAGE_C') ||
      isY('TFM_PARTITION_INTERNAL_TRUSTED_STORAGE') ||
      isY('SOFTSIM');
    const groups = disabled.filter((m) => ['key', 'cipher', 'mac', 'hash', 'aead'].includes(m));
    add({
      id: 'minimal-profile',
      severity: usesCrypto ? 'error' : 'warning',
      title: 'TF-M is built with the minimal profile: only the RNG crypto module is compiled in',
      explanation:
        (derivation?.trail.TFM_PROFILE_TYPE?.because ?? 'The build uses the minimal profile.') +
        '. Under it the partition and crypto-module Kconfig files are not sourced (`if !TFM_PROFILE_TYPE_MINIMAL`), so ' +
        `${groups.map((m) => TFM_MODULES[m].macro).join(', ')} are 0, TFM_PARTITION_INTERNAL_TRUSTED_STORAGE is OFF and ` +
        "MBEDTLS_PSA_CRYPTO_STORAGE_C is n (CRYPTO_STORAGE_DISABLED=ON). TF-M's dispatcher then answers PSA_ERROR_NOT_SUPPORTED (-134) " +
        'for every key, cipher and MAC call before it looks at the key — psa_open_key(10) is -134, not -140. ' +
        'Setting CONFIG_TFM_PARTITION_INTERNAL_TRUSTED_STORAGE=y or CONFIG_MBEDTLS_PSA_CRYPTO_STORAGE_C=y alone does nothing but print a warning; ' +
        'PROTECTED_STORAGE, CC3XX and heap sizes are unrelated.',
      affectedCalls: notSupported(groups.flatMap((m) => callsOfGroup(TFM_MODULES[m].group))),
      fix: FIX_MINIMAL,
    });
  } else {
    for (const m of disabled) {
      const info = TFM_MODULES[m];
      const explicitOff = kv?.get(MODULE_SYMBOL[m]) === false;
      const important = m === 'key' || m === 'cipher' || m === 'mac';
      add({
        id: `module-off-${m}`,
        severity: important ? 'error' : 'info',
        title: `The ${info.what} module is not built (${info.macro}=0)`,
        explanation: explicitOff
          ? `prj.conf turns ${info.kconfig} off, so every ${info.what} call answers PSA_ERROR_NOT_SUPPORTED.`
          : (derivation?.trail[info.macro]?.because ?? `${info.macro} is 0`) +
            `, so every ${info.what} call answers PSA_ERROR_NOT_SUPPORTED.`,
        affectedCalls: notSupported(callsOfGroup(info.group)),
        fix: important
          ? [explicitOff ? `${info.kconfig}=y` : (GROUP_WANT_FIX[m] ?? `${info.kconfig}=y`)]
          : [],
      });
    }
    if (!config.storage && config.modules.key) {
      add({
        id: 'storage-off',
        severity: 'error',
        title: 'The PSA core in TF-M has no persistent-key storage (MBEDTLS_PSA_CRYPTO_STORAGE_C=n)',
        explanation:
          'Without MBEDTLS_PSA_CRYPTO_STORAGE_C (and without builtin keys) psa_open_key and every persistent psa_import_key/generate/copy answer -134 even though the key module is on — a second, independent gate.',
        affectedCalls: notSupported(['psa_open_key', 'psa_import_key', 'psa_generate_key', 'psa_copy_key']),
        fix: ['CONFIG_MBEDTLS_PSA_CRYPTO_STORAGE_C=y'],
      });
    }
  }

  for (const w of derivation?.warnings ?? []) {
    add({
      id: 'kconfig-warning',
      severity: 'warning',
      title: w.summary,
      explanation: w.message,
      affectedCalls: [],
      fix: [],
    });
  }

  if (!config.partitions.internalTrustedStorage && config.profile !== 'minimal') {
    add({
      id: 'its-off',
      severity: config.storage ? 'error' : 'warning',
      title: 'The ITS partition is not built',
      explanation:
        'Persistent keys live in Internal Trusted Storage, and the NS psa_its_* functions do not link without it.',
      affectedCalls: [],
      fix: ['CONFIG_TFM_PARTITION_INTERNAL_TRUSTED_STORAGE=y'],
    });
  }

  const planned = options.plannedKeys ?? (isY('SOFTSIM') ? 3 : undefined);
  if (planned !== undefined && config.partitions.internalTrustedStorage) {
    const need = planned + (options.plannedAssets ?? 0);
    if (need > config.itsNumAssets) {
      add({
        id: 'its-assets',
        severity: 'error',
        title: `ITS holds ${config.itsNumAssets} assets but ${need} are planned`,
        explanation: `Each persistent key is one ITS asset (a ${KEY_BLOB_OVERHEAD + 16}-byte record for AES-128), and the table is shared by every client; the asset after the last free one makes psa_import_key fail with ${PSA_ERROR_INSUFFICIENT_STORAGE} PSA_ERROR_INSUFFICIENT_STORAGE.`,
        affectedCalls: [
          {
            function: 'psa_import_key',
            status: PSA_ERROR_INSUFFICIENT_STORAGE,
            code: psaStatusName(PSA_ERROR_INSUFFICIENT_STORAGE),
          },
        ],
        fix: ['CONFIG_TFM_ITS_NUM_ASSETS_OVERRIDE=y', `CONFIG_TFM_ITS_NUM_ASSETS=${Math.min(120, need + 2)}`],
      });
    } else {
      add({
        id: 'its-assets',
        severity: 'info',
        title: `ITS has room for the ${planned} planned keys (${config.itsNumAssets} assets shared by all clients)`,
        explanation: `Each persistent key takes one asset of ${KEY_BLOB_OVERHEAD} + key-size bytes (max ${config.itsMaxAssetSize}).`,
        affectedCalls: [],
        fix: [],
      });
    }
  }

  if (derivation?.facts.mcuboot) {
    const size = derivation.facts.pmPartitionSizeTfm;
    const minimal = config.profile === 'minimal';
    const effective = minimal ? 0x7e00 : (size ?? 0x3fe00);
    const aligned = (effective + 0x200) % 0x8000 === 0;
    add({
      id: 'mcuboot',
      severity: size !== undefined && !minimal && !aligned ? 'error' : 'warning',
      title: 'MCUboot is present: check the TF-M partition sizes',
      explanation:
        `With MCUboot the TF-M image starts after mcuboot (0xC000) and mcuboot_pad (0x200), and the non-secure image must start on a ` +
        `32 KiB SPU flash region (nRF91), so PM_PARTITION_SIZE_TFM + 0x200 must be a multiple of 0x8000 (0x7E00, 0xFE00, …, 0x3FE00). ` +
        `This build uses 0x${effective.toString(16).toUpperCase()}${size === undefined ? ' (NCS default)' : minimal ? ' (the minimal profile ignores PM_PARTITION_SIZE_TFM)' : ''}` +
        `${aligned ? ', which aligns' : ', which does NOT align: "TF-M non-secure start address is not aligned to SPU/MPC HW requirements"'}. ` +
        'Leaving the minimal profile makes TF-M much larger (default 0x3FE00): check that the application still fits.',
      affectedCalls: [],
      fix:
        size !== undefined && !aligned
          ? [
              `CONFIG_PM_PARTITION_SIZE_TFM=0x${(Math.ceil((size + 0x200) / 0x8000) * 0x8000 - 0x200).toString(16).toUpperCase()}`,
            ]
          : [],
    });
  }

  if (derivation?.facts.cc3xx === false) {
    add({
      id: 'cc3xx-off',
      severity: 'info',
      title: 'CONFIG_PSA_CRYPTO_DRIVER_CC3XX=n: AES and CMAC run in software (Oberon) inside TF-M',
      explanation: 'This only chooses the driver below the PSA core; it does not cause or cure -134.',
      affectedCalls: [],
      fix: [],
    });
  }
  if (isY('SOFTSIM') === false && kv?.get('TFM_PARTITION_PROTECTED_STORAGE') === false) {
    add({
      id: 'ps-off',
      severity: 'info',
      title: 'Protected Storage is off',
      explanation: 'PS is a separate service; persistent PSA keys use ITS, so PS does not matter for them.',
      affectedCalls: [],
      fix: [],
    });
  }
  const order = { error: 0, warning: 1, info: 2 } as const;
  findings.sort((a, b) => order[a.severity] - order[b.severity]);
  return { findings, config, derivation };
}
