/**
 * Derivation phase 7: the integer knobs — ITS asset count and size (sdk-nrf
 * `modules/trusted-firmware-m/Kconfig` ITS component configs, zephyr `Kconfig.tfm`), the crypto
 * IOVEC buffer and concurrent operations (sdk-nrf `modules/trusted-firmware-m/Kconfig`) and
 * single-part functions (sdk-nrf `modules/trusted-firmware-m/CMakeLists.txt`, `tfm_config.h.in`).
 * @module
 */
import type { TfmPartitions } from './config.js';
import { type DeriveContext, type ProfileDecision, SRC } from './derive-context.js';

/** The knob values (iovec and concurrent operations not yet clamped). */
export interface TfmKnobs {
  itsNumAssets: number;
  itsMaxAssetSize: number;
  iovecBufferSize: number;
  concurrentOperations: number;
  singlePartFuncsDisabled: boolean;
}

/** 7. Integer knobs. */
export function deriveKnobs(ctx: DeriveContext, prof: ProfileDecision, partitions: TfmPartitions): TfmKnobs {
  const itsNumAssets = assetKnob(
    ctx,
    partitions,
    'TFM_ITS_NUM_ASSETS',
    'TFM_ITS_NUM_ASSETS_OVERRIDE',
    10,
    1,
    120,
    'ITS_NUM_ASSETS',
  );
  const itsMaxAssetSize = assetKnob(
    ctx,
    partitions,
    'TFM_ITS_MAX_ASSET_SIZE',
    'TFM_ITS_MAX_ASSET_SIZE_OVERRIDE',
    512,
    256,
    4096,
    'ITS_MAX_ASSET_SIZE',
  );
  const iovecBufferSize = iovecKnob(ctx, prof, partitions);
  const concurrentOperations = concurrentKnob(ctx, prof);
  const singlePartFuncsDisabled = partitions.crypto && ctx.isY('TFM_CRYPTO_SINGLE_PART_FUNCS_DISABLED');
  ctx.note({
    flag: 'CRYPTO_SINGLE_PART_FUNCS_DISABLED',
    value: singlePartFuncsDisabled ? 1 : 0,
    decidedBy: [ctx.cfg('TFM_CRYPTO_SINGLE_PART_FUNCS_DISABLED'), ctx.cfg('TFM_PARTITION_CRYPTO')],
    because: singlePartFuncsDisabled ? 'set in prj.conf' : 'default n',
    source: SRC.tfmCmake,
  });
  return { itsNumAssets, itsMaxAssetSize, iovecBufferSize, concurrentOperations, singlePartFuncsDisabled };
}

/** The value if in [lo, hi]; else kconfig.py's fatal out-of-range warning and undefined. */
function rangeCheck(ctx: DeriveContext, sym: string, lo: number, hi: number): number | undefined {
  const x = ctx.v.get(sym);
  if (typeof x !== 'number') return undefined;
  if (x < lo || x > hi) {
    ctx.errors.push(
      `warning: user value ${x} on the int symbol ${sym} ignored due to being outside the active range ([${lo}, ${hi}]) -- falling back on defaults (fatal: Aborting due to Kconfig warnings)`,
    );
    return undefined;
  }
  return x;
}

/** An ITS asset knob: taken only with its `_OVERRIDE=y`. */
function assetKnob(
  ctx: DeriveContext,
  partitions: TfmPartitions,
  sym: string,
  override: string,
  dflt: number,
  lo: number,
  hi: number,
  flag: string,
): number {
  const { isY, cfg } = ctx;
  const x = rangeCheck(ctx, sym, lo, hi);
  let value = dflt;
  let because = `default ${dflt}`;
  if (!partitions.internalTrustedStorage) because = 'the ITS partition is off (the symbol does not exist)';
  else if (x !== undefined && isY(override)) {
    value = x;
    because = `set in prj.conf with CONFIG_${override}=y`;
  } else if (x !== undefined) {
    ctx.warn(sym, dflt);
    because = `CONFIG_${sym} is ignored without CONFIG_${override}=y (its only prompt is Zephyr's, behind the override); default ${dflt}`;
  }
  ctx.note({
    flag,
    value,
    decidedBy: ctx.explicitFirst([cfg(sym), cfg(override), cfg('TFM_PARTITION_INTERNAL_TRUSTED_STORAGE')]),
    because,
    source: 'sdk-nrf modules/trusted-firmware-m/Kconfig (ITS component configs); zephyr Kconfig.tfm',
  });
  return value;
}

/** CRYPTO_IOVEC_BUFFER_SIZE: fixed by the minimal profile, else prj.conf or a default by use. */
function iovecKnob(ctx: DeriveContext, prof: ProfileDecision, partitions: TfmPartitions): number {
  const { v, isY, given, cfg } = ctx;
  const { minimal } = prof;
  const psLarge =
    partitions.protectedStorage &&
    typeof v.get('TFM_PS_MAX_ASSET_SIZE') === 'number' &&
    (v.get('TFM_PS_MAX_ASSET_SIZE') as number) > 2048;
  const regression = isY('TFM_REGRESSION_S') || isY('TFM_REGRESSION_NS');
  const iovecDefault = minimal ? 1024 : regression ? 16384 : psLarge ? 8192 : 5120;
  const iovecUser = minimal ? undefined : (v.get('TFM_CRYPTO_IOVEC_BUFFER_SIZE') as number | undefined);
  if (minimal && given('TFM_CRYPTO_IOVEC_BUFFER_SIZE')) ctx.warn('TFM_CRYPTO_IOVEC_BUFFER_SIZE', 1024);
  const iovecBufferSize = typeof iovecUser === 'number' ? iovecUser : iovecDefault;
  ctx.note({
    flag: 'CRYPTO_IOVEC_BUFFER_SIZE',
    value: iovecBufferSize,
    decidedBy: ctx.explicitFirst([
      cfg('TFM_CRYPTO_IOVEC_BUFFER_SIZE'),
      ...prof.inputs,
      'CONFIG_TFM_PARTITION_PROTECTED_STORAGE',
      'CONFIG_TFM_PS_MAX_ASSET_SIZE',
    ]),
    because: minimal
      ? 'the minimal profile fixes it at 1024 (prompt hidden)'
      : typeof iovecUser === 'number'
        ? 'set in prj.conf'
        : `default ${iovecDefault}`,
    source: SRC.nrfTfmKconfig,
  });
  return iovecBufferSize;
}

/** CRYPTO_CONC_OPER_NUM: 1 under the minimal profile, else prj.conf or 8. */
function concurrentKnob(ctx: DeriveContext, prof: ProfileDecision): number {
  const { v, given, cfg } = ctx;
  const { minimal } = prof;
  const concurrentOperations = minimal
    ? 1
    : typeof v.get('TFM_CRYPTO_CONC_OPER_NUM') === 'number'
      ? (v.get('TFM_CRYPTO_CONC_OPER_NUM') as number)
      : 8;
  if (minimal && given('TFM_CRYPTO_CONC_OPER_NUM')) ctx.warn('TFM_CRYPTO_CONC_OPER_NUM', 1);
  ctx.note({
    flag: 'CRYPTO_CONC_OPER_NUM',
    value: concurrentOperations,
    decidedBy: ctx.explicitFirst([cfg('TFM_CRYPTO_CONC_OPER_NUM'), ...prof.inputs]),
    because: minimal
      ? 'the minimal profile fixes it at 1'
      : given('TFM_CRYPTO_CONC_OPER_NUM')
        ? 'set in prj.conf'
        : 'default 8',
    source: SRC.nrfTfmKconfig,
  });
  return concurrentOperations;
}
