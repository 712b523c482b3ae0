/**
 * Derivation phases 1–4: the TF-M profile (sdk-nrf `modules/trusted-firmware-m/Kconfig.tfm.defconfig`),
 * the secure partitions (zephyr `Kconfig.tfm.partitions`, sdk-nrf `Kconfig.tfm_minimal.defconfig`),
 * PSA key storage in the core (sdk-nrf `subsys/nrf_security/Kconfig.psa`, `Kconfig.mbedtls_minimal.defconfig`)
 * and the builtin keys driver (sdk-nrf `modules/trusted-firmware-m/Kconfig`).
 * @module
 */
import type { TfmPartitions, TfmProfile } from './config.js';
import {
  type DeriveContext,
  MINIMAL_DEP,
  type ProfileDecision,
  SRC,
  type TrailEntry,
} from './derive-context.js';

const PROFILES: Record<string, TfmProfile> = {
  TFM_PROFILE_TYPE_NOT_SET: 'not-set',
  TFM_PROFILE_TYPE_MINIMAL: 'minimal',
  TFM_PROFILE_TYPE_SMALL: 'small',
  TFM_PROFILE_TYPE_MEDIUM: 'medium',
  // ARoT-less is the medium profile without the application RoT; its crypto modules are medium's.
  TFM_PROFILE_TYPE_AROTLESS: 'medium',
  TFM_PROFILE_TYPE_LARGE: 'large',
};
const PROFILE_DEFAULT_INPUTS = [
  'CONFIG_BT_CRYPTO',
  'CONFIG_BT_MESH_USES_TFM_PSA',
  'CONFIG_BT_MESH_CRYPTO_LIB',
  'CONFIG_OPENTHREAD',
];

const PARTITION_SYMBOL: Record<keyof TfmPartitions, string> = {
  crypto: 'TFM_PARTITION_CRYPTO',
  internalTrustedStorage: 'TFM_PARTITION_INTERNAL_TRUSTED_STORAGE',
  protectedStorage: 'TFM_PARTITION_PROTECTED_STORAGE',
  platform: 'TFM_PARTITION_PLATFORM',
  initialAttestation: 'TFM_PARTITION_INITIAL_ATTESTATION',
  firmwareUpdate: 'TFM_PARTITION_FIRMWARE_UPDATE',
};

type SetPartition = (key: keyof TfmPartitions, value: boolean, e: Omit<TrailEntry, 'flag' | 'value'>) => void;

/** 1. Profile (choice TFM_PROFILE_TYPE). */
export function deriveProfile(ctx: DeriveContext): ProfileDecision {
  const { note, cfg, explicitFirst, isY, lumos, device } = ctx;
  let chosen: string | undefined;
  for (const a of ctx.kc.assignments) if (a.symbol in PROFILES && a.value === true) chosen = a.symbol;
  let profile: TfmProfile;
  if (chosen) {
    profile = PROFILES[chosen]!;
    note({
      flag: 'TFM_PROFILE_TYPE',
      value: profile,
      decidedBy: [cfg(chosen)],
      because: `the application chose CONFIG_${chosen}`,
      source: SRC.defconfig,
    });
  } else {
    const otherStack = PROFILE_DEFAULT_INPUTS.find((s) => isY(s.replace(/^CONFIG_/, '')));
    profile = lumos || otherStack ? 'not-set' : 'minimal';
    note({
      flag: 'TFM_PROFILE_TYPE',
      value: profile,
      decidedBy: explicitFirst([
        'CONFIG_TFM_PROFILE_TYPE_NOT_SET',
        'CONFIG_TFM_PROFILE_TYPE_MINIMAL',
        ...PROFILE_DEFAULT_INPUTS,
      ]),
      because: lumos
        ? 'no profile in prj.conf; NCS defaults to NOT_SET on nRF54L (NRF_PLATFORM_LUMOS)'
        : otherStack
          ? `no profile in prj.conf; NCS defaults to NOT_SET because ${otherStack} is set`
          : `no profile in prj.conf: NCS v3.2.2 defaults to MINIMAL on ${device} (only nRF54L/nRF71, BT crypto, BT mesh PSA and OpenThread get NOT_SET)`,
      source: SRC.defconfig,
    });
  }
  return { profile, minimal: profile === 'minimal', inputs: ctx.trail.TFM_PROFILE_TYPE!.decidedBy };
}

/** 2. Partitions. */
export function derivePartitions(ctx: DeriveContext, prof: ProfileDecision): TfmPartitions {
  const partitions = {} as TfmPartitions;
  const setPartition: SetPartition = (key, value, e) => {
    partitions[key] = value;
    ctx.note({ flag: PARTITION_SYMBOL[key], value, ...e });
  };
  if (prof.minimal) minimalPartitions(ctx, prof, setPartition);
  else configuredPartitions(ctx, prof, setPartition);
  return partitions;
}

/** Minimal profile: only crypto and platform, the other partition symbols are not sourced. */
function minimalPartitions(ctx: DeriveContext, prof: ProfileDecision, setPartition: SetPartition): void {
  const { given, warn, cfg, explicitFirst } = ctx;
  for (const key of Object.keys(PARTITION_SYMBOL) as (keyof TfmPartitions)[]) {
    const sym = PARTITION_SYMBOL[key];
    const on = key === 'crypto' || key === 'platform';
    if (given(sym)) warn(sym, on, on ? [] : [MINIMAL_DEP]);
    setPartition(key, on, {
      decidedBy: explicitFirst([...prof.inputs, cfg(sym)]),
      because: on
        ? `forced y under the minimal profile (promptless default y in Kconfig.tfm_minimal.defconfig)`
        : `forced n: under the minimal profile the partition symbols are not sourced (if !TFM_PROFILE_TYPE_MINIMAL), so a =y in prj.conf only prints a warning`,
      source: on ? SRC.minimalDefconfig : SRC.nrfTfmKconfig,
    });
  }
}

/** Other profiles: prj.conf values with the Kconfig.tfm.partitions defaults and dependencies. */
function configuredPartitions(ctx: DeriveContext, prof: ProfileDecision, setPartition: SetPartition): void {
  const { v, given, isY, isN, warn, cfg, explicitFirst } = ctx;
  const profileInputs = prof.inputs;
  const userOr = (sym: string, dflt: boolean) => (given(sym) ? v.get(sym) === true : dflt);
  const its = userOr('TFM_PARTITION_INTERNAL_TRUSTED_STORAGE', true);
  const platform = userOr('TFM_PARTITION_PLATFORM', true);
  const crypto = userOr('TFM_PARTITION_CRYPTO', true) || isY('PSA_CRYPTO');
  setPartition('internalTrustedStorage', its, {
    decidedBy: explicitFirst([cfg('TFM_PARTITION_INTERNAL_TRUSTED_STORAGE'), ...profileInputs]),
    because: given('TFM_PARTITION_INTERNAL_TRUSTED_STORAGE')
      ? 'set in prj.conf'
      : 'default y (not the minimal profile)',
    source: SRC.partitions,
  });
  setPartition('platform', platform, {
    decidedBy: explicitFirst([cfg('TFM_PARTITION_PLATFORM'), ...profileInputs]),
    because: given('TFM_PARTITION_PLATFORM') ? 'set in prj.conf' : 'default y',
    source: SRC.partitions,
  });
  if (isY('PSA_CRYPTO') && isN('TFM_PARTITION_CRYPTO')) warn('TFM_PARTITION_CRYPTO', true);
  setPartition('crypto', crypto, {
    decidedBy: explicitFirst([cfg('TFM_PARTITION_CRYPTO'), 'CONFIG_PSA_CRYPTO', ...profileInputs]),
    because: isY('PSA_CRYPTO')
      ? 'selected by PSA_CRYPTO_PROVIDER_TFM (CONFIG_PSA_CRYPTO=y)'
      : given('TFM_PARTITION_CRYPTO')
        ? 'set in prj.conf'
        : 'default y',
    source: SRC.partitions,
  });
  const psDeps: [string, boolean][] = [
    ['TFM_PARTITION_PLATFORM', platform],
    ['TFM_PARTITION_INTERNAL_TRUSTED_STORAGE', its],
    ['TFM_PARTITION_CRYPTO', crypto],
  ];
  const psUnmet = psDeps.filter(([, ok]) => !ok).map(([s]) => `${s} (=n)`);
  const ps = psUnmet.length === 0 && userOr('TFM_PARTITION_PROTECTED_STORAGE', true);
  if (isY('TFM_PARTITION_PROTECTED_STORAGE')) warn('TFM_PARTITION_PROTECTED_STORAGE', ps, psUnmet);
  setPartition('protectedStorage', ps, {
    decidedBy: explicitFirst([cfg('TFM_PARTITION_PROTECTED_STORAGE'), ...psDeps.map(([s]) => cfg(s))]),
    because: psUnmet.length
      ? `depends on ${psUnmet.join(', ')}`
      : given('TFM_PARTITION_PROTECTED_STORAGE')
        ? 'set in prj.conf'
        : 'default y (depends on PLATFORM, ITS and CRYPTO)',
    source: SRC.partitions,
  });
  const attKey = isY('TFM_NRF_PROVISIONING') || isY('TFM_DUMMY_PROVISIONING');
  const attUnmet = [
    ...(crypto ? [] : ['TFM_PARTITION_CRYPTO (=n)']),
    ...(attKey ? [] : ['TFM_INITIAL_ATTESTATION_KEY (=n)']),
  ];
  const att = attUnmet.length === 0 && isY('TFM_PARTITION_INITIAL_ATTESTATION');
  if (isY('TFM_PARTITION_INITIAL_ATTESTATION')) warn('TFM_PARTITION_INITIAL_ATTESTATION', att, attUnmet);
  setPartition('initialAttestation', att, {
    decidedBy: explicitFirst([
      cfg('TFM_PARTITION_INITIAL_ATTESTATION'),
      'CONFIG_TFM_NRF_PROVISIONING',
      cfg('TFM_PARTITION_CRYPTO'),
    ]),
    because: att
      ? 'set in prj.conf (with an attestation key provisioned)'
      : attUnmet.length && isY('TFM_PARTITION_INITIAL_ATTESTATION')
        ? `depends on ${attUnmet.join(', ')}`
        : 'default n',
    source: SRC.partitions,
  });
  setPartition('firmwareUpdate', isY('TFM_PARTITION_FIRMWARE_UPDATE'), {
    decidedBy: [cfg('TFM_PARTITION_FIRMWARE_UPDATE')],
    because: isY('TFM_PARTITION_FIRMWARE_UPDATE') ? 'set in prj.conf' : 'default n',
    source: SRC.partitions,
  });
}

/** 3. PSA key storage in the core (MBEDTLS_PSA_CRYPTO_STORAGE_C; prompt hidden in TF-M builds). */
export function deriveKeyStorage(ctx: DeriveContext, prof: ProfileDecision): boolean {
  const { minimal } = prof;
  const storage = !minimal;
  if (ctx.given('MBEDTLS_PSA_CRYPTO_STORAGE_C')) ctx.warn('MBEDTLS_PSA_CRYPTO_STORAGE_C', storage);
  ctx.note({
    flag: 'CRYPTO_STORAGE_DISABLED',
    value: !storage,
    decidedBy: ctx.explicitFirst([...prof.inputs, 'CONFIG_MBEDTLS_PSA_CRYPTO_STORAGE_C']),
    because: minimal
      ? 'the minimal profile sets MBEDTLS_PSA_CRYPTO_STORAGE_C default n (Kconfig.mbedtls_minimal.defconfig); its prompt is hidden in TF-M builds, so =y in prj.conf is ignored → -DCRYPTO_STORAGE_DISABLED=ON'
      : 'MBEDTLS_PSA_CRYPTO_STORAGE_C is default y if BUILD_WITH_TFM (its prompt is hidden in TF-M builds, a prj.conf value is ignored)',
    source: minimal ? SRC.mbedtlsMinimal : SRC.psaKconfig,
  });
  return storage;
}

/** 4. Builtin keys (non-minimal, no CRACEN: nRF91 yes, nRF54L no). */
export function deriveBuiltinKeys(
  ctx: DeriveContext,
  prof: ProfileDecision,
  partitions: TfmPartitions,
): boolean {
  const { isY, isN, cfg, lumos } = ctx;
  const { minimal } = prof;
  const builtinAllowed = !minimal && partitions.crypto && !lumos;
  const builtinKeys = builtinAllowed && !isN('TFM_CRYPTO_BUILTIN_KEYS');
  if (isY('TFM_CRYPTO_BUILTIN_KEYS'))
    ctx.warn(
      'TFM_CRYPTO_BUILTIN_KEYS',
      builtinKeys,
      builtinAllowed ? [] : [minimal ? MINIMAL_DEP : '(!CRACEN_HW_PRESENT) (=n)'],
    );
  ctx.note({
    flag: 'CRYPTO_TFM_BUILTIN_KEYS_DRIVER',
    value: builtinKeys,
    decidedBy: ctx.explicitFirst([
      cfg('TFM_CRYPTO_BUILTIN_KEYS'),
      ...prof.inputs,
      cfg('TFM_PARTITION_CRYPTO'),
    ]),
    because: builtinAllowed
      ? isN('TFM_CRYPTO_BUILTIN_KEYS')
        ? 'set n in prj.conf'
        : 'default y on nRF91 (no CRACEN)'
      : minimal
        ? 'depends on !TFM_PROFILE_TYPE_MINIMAL'
        : lumos
          ? 'depends on !CRACEN_HW_PRESENT (nRF54L has CRACEN)'
          : 'the crypto partition is off',
    source: SRC.nrfTfmKconfig,
  });
  return builtinKeys;
}
