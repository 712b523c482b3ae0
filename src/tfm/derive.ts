/**
 * `tfmConfigFromKconfig(prj.conf [, overlays], { board })`: what NCS v3.2.2 builds into TF-M
 * for an application's Kconfig — with the derivation trail of every flag (which input symbols
 * decided it, by which rule, in which NCS/Zephyr file) and the warnings `kconfig.py` prints.
 * Rules: tfm-psa.md §2 and docs/notes/tfm-kconfig.md (sdk-nrf `modules/trusted-firmware-m/Kconfig*`,
 * `Kconfig.nrf`, `subsys/nrf_security/Kconfig.psa*`; Zephyr `modules/trusted-firmware-m/Kconfig.tfm*`).
 * @module
 */
import { describeType } from '../utils/bytes.js';
import {
  TFM_NS_CLIENT_ID_DEFAULT,
  type TfmConfig,
  type TfmCryptoModules,
  type TfmDevice,
  type TfmPartitions,
  type TfmProfile,
} from './config.js';
import { type KconfigFragment, type KconfigFragments, type KconfigValue, parseKconfig } from './kconfig.js';
import { MODULE_DEPENDS, MODULE_MACRO, MODULE_SYMBOL, PSA_HAS } from './psa-want.js';

/** How one resulting flag was decided. */
export interface TrailEntry {
  /** The TF-M flag (CMake option or `tfm_config.h` macro), e.g. `TFM_PARTITION_INTERNAL_TRUSTED_STORAGE`. */
  flag: string;
  value: boolean | number | string;
  /** The input Kconfig symbols that decide it (`CONFIG_…`), the ones written in prj.conf first. */
  decidedBy: string[];
  /** The rule, in plain words. */
  because: string;
  /** Where the rule lives. */
  source: string;
}

/** A `kconfig.py` warning: a value written in a fragment that did not take. */
export interface KconfigWarning {
  /** `CONFIG_…` */
  symbol: string;
  assigned: string;
  got: string;
  /** Unsatisfied dependencies as kconfig.py lists them, e.g. `(!TFM_PROFILE_TYPE_MINIMAL) (=n)`. */
  unsatisfied: string[];
  /** One line: `CONFIG_X was assigned the value y but got the value n`. */
  summary: string;
  /** The message as Zephyr's `scripts/kconfig/kconfig.py` prints it (without file:line locations). */
  message: string;
}

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

const SRC = {
  defconfig: 'sdk-nrf modules/trusted-firmware-m/Kconfig.tfm.defconfig',
  nrfTfmKconfig: 'sdk-nrf modules/trusted-firmware-m/Kconfig (if !TFM_PROFILE_TYPE_MINIMAL)',
  minimalDefconfig: 'sdk-nrf modules/trusted-firmware-m/Kconfig.tfm_minimal.defconfig',
  mbedtlsMinimal: 'sdk-nrf modules/trusted-firmware-m/Kconfig.mbedtls_minimal.defconfig',
  partitions: 'zephyr modules/trusted-firmware-m/Kconfig.tfm.partitions',
  modules: 'sdk-zephyr modules/trusted-firmware-m/Kconfig.tfm.crypto_modules',
  psaNordic: 'sdk-nrf subsys/nrf_security/Kconfig.psa.nordic (PSA_HAS_*)',
  psaKconfig: 'sdk-nrf subsys/nrf_security/Kconfig.psa',
  tfmCmake: 'sdk-nrf modules/trusted-firmware-m/CMakeLists.txt (tfm_config.h.in)',
} as const;

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

/** Symbols that have no prompt anywhere: assigning them is a fatal kconfig.py error. */
const PROMPTLESS = new Set([
  'TFM_PROFILE',
  'PSA_DEFAULT_OFF',
  'PSA_ITS_ENCRYPTED',
  'TFM_CRYPTO_NV_SEED',
  ...Object.keys(PSA_HAS),
]);

const PARTITION_SYMBOL: Record<keyof TfmPartitions, string> = {
  crypto: 'TFM_PARTITION_CRYPTO',
  internalTrustedStorage: 'TFM_PARTITION_INTERNAL_TRUSTED_STORAGE',
  protectedStorage: 'TFM_PARTITION_PROTECTED_STORAGE',
  platform: 'TFM_PARTITION_PLATFORM',
  initialAttestation: 'TFM_PARTITION_INITIAL_ATTESTATION',
  firmwareUpdate: 'TFM_PARTITION_FIRMWARE_UPDATE',
};

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

const show = (v: KconfigValue | undefined): string =>
  v === true ? 'y' : v === false || v === undefined ? 'n' : typeof v === 'number' ? String(v) : v;

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
  const lumos = device === 'nrf54l15';
  const kc = parseKconfig(fragments);
  const v = kc.values;
  const given = (s: string) => v.has(s);
  const isY = (s: string) => v.get(s) === true;
  const isN = (s: string) => v.get(s) === false;
  const trail: Record<string, TrailEntry> = {};
  const warnings: KconfigWarning[] = [];
  const errors: string[] = [];
  const note = (e: TrailEntry) => {
    trail[e.flag] = e;
  };
  const warn = (sym: string, got: KconfigValue, unsatisfied: string[] = []) => {
    const assigned = show(v.get(sym));
    const g = show(got);
    if (assigned === g) return;
    const summary = `CONFIG_${sym} was assigned the value ${assigned} but got the value ${g}`;
    const message =
      `warning: ${sym} was assigned the value '${assigned}' but got the value '${g}'. ` +
      (unsatisfied.length ? `Check these unsatisfied dependencies: ${unsatisfied.join(', ')}. ` : '') +
      `See http://docs.zephyrproject.org/latest/kconfig.html#CONFIG_${sym} and/or look up ${sym} in the menuconfig/guiconfig interface.`;
    warnings.push({ symbol: `CONFIG_${sym}`, assigned, got: g, unsatisfied, summary, message });
  };
  const cfg = (s: string) => `CONFIG_${s}`;
  const explicitFirst = (syms: string[]) => [
    ...syms.filter((s) => given(s.replace(/^CONFIG_/, ''))),
    ...syms.filter((s) => !given(s.replace(/^CONFIG_/, ''))),
  ];

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

  // 1. Profile (choice TFM_PROFILE_TYPE).
  let chosen: string | undefined;
  for (const a of kc.assignments) if (a.symbol in PROFILES && a.value === true) chosen = a.symbol;
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
  const minimal = profile === 'minimal';
  const minimalDep = '(!TFM_PROFILE_TYPE_MINIMAL) (=n)';
  const profileInputs = trail.TFM_PROFILE_TYPE!.decidedBy;

  // 2. Partitions.
  const partitions = {} as TfmPartitions;
  const setPartition = (key: keyof TfmPartitions, value: boolean, e: Omit<TrailEntry, 'flag' | 'value'>) => {
    partitions[key] = value;
    note({ flag: PARTITION_SYMBOL[key], value, ...e });
  };
  if (minimal) {
    for (const key of Object.keys(PARTITION_SYMBOL) as (keyof TfmPartitions)[]) {
      const sym = PARTITION_SYMBOL[key];
      const on = key === 'crypto' || key === 'platform';
      if (given(sym)) warn(sym, on, on ? [] : [minimalDep]);
      setPartition(key, on, {
        decidedBy: explicitFirst([...profileInputs, cfg(sym)]),
        because: on
          ? `forced y under the minimal profile (promptless default y in Kconfig.tfm_minimal.defconfig)`
          : `forced n: under the minimal profile the partition symbols are not sourced (if !TFM_PROFILE_TYPE_MINIMAL), so a =y in prj.conf only prints a warning`,
        source: on ? SRC.minimalDefconfig : SRC.nrfTfmKconfig,
      });
    }
  } else {
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

  // 3. PSA key storage in the core (MBEDTLS_PSA_CRYPTO_STORAGE_C; prompt hidden in TF-M builds).
  const storage = !minimal;
  if (given('MBEDTLS_PSA_CRYPTO_STORAGE_C')) warn('MBEDTLS_PSA_CRYPTO_STORAGE_C', storage);
  note({
    flag: 'CRYPTO_STORAGE_DISABLED',
    value: !storage,
    decidedBy: explicitFirst([...profileInputs, 'CONFIG_MBEDTLS_PSA_CRYPTO_STORAGE_C']),
    because: minimal
      ? 'the minimal profile sets MBEDTLS_PSA_CRYPTO_STORAGE_C default n (Kconfig.mbedtls_minimal.defconfig); its prompt is hidden in TF-M builds, so =y in prj.conf is ignored → -DCRYPTO_STORAGE_DISABLED=ON'
      : 'MBEDTLS_PSA_CRYPTO_STORAGE_C is default y if BUILD_WITH_TFM (its prompt is hidden in TF-M builds, a prj.conf value is ignored)',
    source: minimal ? SRC.mbedtlsMinimal : SRC.psaKconfig,
  });

  // 4. Builtin keys (non-minimal, no CRACEN: nRF91 yes, nRF54L no).
  const builtinAllowed = !minimal && partitions.crypto && !lumos;
  const builtinKeys = builtinAllowed && !isN('TFM_CRYPTO_BUILTIN_KEYS');
  if (isY('TFM_CRYPTO_BUILTIN_KEYS'))
    warn(
      'TFM_CRYPTO_BUILTIN_KEYS',
      builtinKeys,
      builtinAllowed ? [] : [minimal ? minimalDep : '(!CRACEN_HW_PRESENT) (=n)'],
    );
  note({
    flag: 'CRYPTO_TFM_BUILTIN_KEYS_DRIVER',
    value: builtinKeys,
    decidedBy: explicitFirst([cfg('TFM_CRYPTO_BUILTIN_KEYS'), ...profileInputs, cfg('TFM_PARTITION_CRYPTO')]),
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

  // 5. PSA_WANT_* (user ∪ selects) and PSA_HAS_*.
  // PSA_WANT suffix → the CONFIG_ symbol that turned it on (itself when set in prj.conf, or a selector).
  const want = new Map<string, string>();
  for (const [sym, val] of v)
    if (sym.startsWith('PSA_WANT_') && val === true) want.set(sym.slice(9), `CONFIG_${sym}`);
  // Every selector that could turn a PSA_WANT on (whether or not it does in this build), for the trail.
  const potential = new Map<string, Set<string>>();
  const select = (cond: boolean, why: string, ...names: string[]) => {
    for (const n of names) {
      if (!potential.has(n)) potential.set(n, new Set());
      potential.get(n)!.add(why);
      if (cond && !want.has(n)) want.set(n, why);
    }
  };
  const allWants = Object.values(PSA_HAS).flat();
  select(isY('PSA_CRYPTO_ENABLE_ALL'), 'CONFIG_PSA_CRYPTO_ENABLE_ALL', ...allWants);
  select(true, 'CONFIG_ENTROPY_PSA_CRYPTO_RNG', 'GENERATE_RANDOM');
  select(minimal, 'CONFIG_TFM_PROFILE_TYPE_MINIMAL', 'ALG_HMAC_DRBG');
  select(builtinKeys, 'CONFIG_TFM_CRYPTO_BUILTIN_KEYS', 'ALG_HKDF', 'ALG_HMAC', 'ALG_SHA_256');
  select(
    partitions.protectedStorage,
    'CONFIG_TFM_PARTITION_PROTECTED_STORAGE',
    'ALG_HKDF',
    'ALG_HMAC',
    'ALG_SHA_256',
    'KEY_TYPE_AES',
    lumos ? 'ALG_GCM' : 'ALG_CCM',
  );
  select(
    !minimal && !isN('MBEDTLS_MAC_SHA256_ENABLED'),
    'CONFIG_MBEDTLS_MAC_SHA256_ENABLED',
    'ALG_SHA_224',
    'ALG_SHA_256',
    'ALG_HMAC',
  );
  const itsEncrypted =
    partitions.internalTrustedStorage && (given('TFM_ITS_ENCRYPTED') ? isY('TFM_ITS_ENCRYPTED') : lumos);
  select(
    itsEncrypted,
    'CONFIG_TFM_ITS_ENCRYPTED',
    'GENERATE_RANDOM',
    ...(lumos ? ['ALG_CHACHA20_POLY1305'] : []),
  );
  select(
    isY('MBEDTLS_TLS_VERSION_1_2'),
    'CONFIG_MBEDTLS_TLS_VERSION_1_2',
    'ALG_SHA_1',
    'ALG_SHA_224',
    'ALG_SHA_256',
    'ALG_SHA_384',
    'ALG_SHA_512',
  );
  select(
    isY('MBEDTLS_CIPHER_ALL_ENABLED'),
    'CONFIG_MBEDTLS_CIPHER_ALL_ENABLED',
    'KEY_TYPE_AES',
    'ALG_ECB_NO_PADDING',
    'ALG_CBC_NO_PADDING',
    'ALG_CBC_PKCS7',
    'ALG_CTR',
    'ALG_CCM',
    'ALG_GCM',
  );
  select(
    isY('MBEDTLS_MAC_ALL_ENABLED'),
    'CONFIG_MBEDTLS_MAC_ALL_ENABLED',
    'ALG_CMAC',
    'ALG_HMAC',
    'ALG_SHA_1',
    'ALG_SHA_224',
    'ALG_SHA_256',
    'ALG_SHA_384',
    'ALG_SHA_512',
  );
  const has = (h: string): string[] => (PSA_HAS[h] ?? []).filter((n) => want.has(n));

  // 6. Crypto modules.
  const modules = {} as TfmCryptoModules;
  for (const m of Object.keys(MODULE_SYMBOL) as (keyof TfmCryptoModules)[]) {
    const sym = MODULE_SYMBOL[m];
    const flag = MODULE_MACRO(m);
    if (minimal) {
      const on = m === 'rng';
      if (given(sym)) {
        const unmet = on
          ? []
          : [
              ...MODULE_DEPENDS[m]
                .filter((d) => d.startsWith('PSA_HAS') && has(d).length === 0)
                .map((d) => `${d} (=n)`),
              minimalDep,
            ];
        warn(sym, on, m === 'keyDerivation' && unmet.length > 1 ? [minimalDep] : unmet);
      }
      modules[m] = on;
      note({
        flag,
        value: on ? 1 : 0,
        decidedBy: explicitFirst([...profileInputs, cfg(sym)]),
        because: on
          ? 'the minimal profile keeps only the RNG module (promptless default y in Kconfig.tfm_minimal.defconfig)'
          : `under the minimal profile ${sym} is not sourced (if !TFM_PROFILE_TYPE_MINIMAL) → #cmakedefine01 gives 0`,
        source: on ? SRC.minimalDefconfig : SRC.nrfTfmKconfig,
      });
      continue;
    }
    const deps = MODULE_DEPENDS[m];
    const enablers = deps.flatMap((d) =>
      d.startsWith('PSA_HAS') ? has(d) : want.has(d.slice(9)) ? [d.slice(9)] : [],
    );
    const depsOk = partitions.crypto && enablers.length > 0;
    const on = depsOk && !isN(sym);
    if (isY(sym) && !depsOk) {
      const unmet = partitions.crypto
        ? [
            m === 'keyDerivation'
              ? '(PSA_HAS_KEY_DERIVATION || PSA_HAS_KEY_AGREEMENT) (=n)'
              : `${deps[0]} (=n)`,
          ]
        : ['TFM_PARTITION_CRYPTO (=n)'];
      warn(sym, false, unmet);
    }
    modules[m] = on;
    const groupWants = deps.flatMap((d) => (d.startsWith('PSA_HAS') ? (PSA_HAS[d] ?? []) : [d.slice(9)]));
    // Inputs: the module symbol, what enabled the group (or everything that could), the profile, the partition.
    const groupInputs = enablers.length
      ? enablers.map((n) => want.get(n)!)
      : groupWants.flatMap((n) => [`CONFIG_PSA_WANT_${n}`, ...(potential.get(n) ?? [])]);
    note({
      flag,
      value: on ? 1 : 0,
      decidedBy: explicitFirst([
        cfg(sym),
        ...groupInputs,
        ...profileInputs,
        cfg('TFM_PARTITION_CRYPTO'),
      ]).filter((s, i, a) => a.indexOf(s) === i),
      because: !partitions.crypto
        ? 'the crypto partition is off'
        : isN(sym)
          ? 'set n in prj.conf'
          : depsOk
            ? `default y; ${deps.join(' || ')} is y because of ${enablers.map((n) => `PSA_WANT_${n} (${want.get(n)})`).join(', ')}`
            : `depends on ${deps.join(' || ')}, which is n: no PSA_WANT_* of that group is enabled`,
      source: SRC.modules,
    });
  }

  // 7. Integer knobs.
  const rangeCheck = (sym: string, lo: number, hi: number): number | undefined => {
    const x = v.get(sym);
    if (typeof x !== 'number') return undefined;
    if (x < lo || x > hi) {
      errors.push(
        `warning: user value ${x} on the int symbol ${sym} ignored due to being outside the active range ([${lo}, ${hi}]) -- falling back on defaults (fatal: Aborting due to Kconfig warnings)`,
      );
      return undefined;
    }
    return x;
  };
  const itsOn = partitions.internalTrustedStorage;
  const assetKnob = (
    sym: string,
    override: string,
    dflt: number,
    lo: number,
    hi: number,
    flag: string,
  ): number => {
    const x = rangeCheck(sym, lo, hi);
    let value = dflt;
    let because = `default ${dflt}`;
    if (!itsOn) because = 'the ITS partition is off (the symbol does not exist)';
    else if (x !== undefined && isY(override)) {
      value = x;
      because = `set in prj.conf with CONFIG_${override}=y`;
    } else if (x !== undefined) {
      warn(sym, dflt);
      because = `CONFIG_${sym} is ignored without CONFIG_${override}=y (its only prompt is Zephyr's, behind the override); default ${dflt}`;
    }
    note({
      flag,
      value,
      decidedBy: explicitFirst([cfg(sym), cfg(override), cfg('TFM_PARTITION_INTERNAL_TRUSTED_STORAGE')]),
      because,
      source: 'sdk-nrf modules/trusted-firmware-m/Kconfig (ITS component configs); zephyr Kconfig.tfm',
    });
    return value;
  };
  const itsNumAssets = assetKnob(
    'TFM_ITS_NUM_ASSETS',
    'TFM_ITS_NUM_ASSETS_OVERRIDE',
    10,
    1,
    120,
    'ITS_NUM_ASSETS',
  );
  const itsMaxAssetSize = assetKnob(
    'TFM_ITS_MAX_ASSET_SIZE',
    'TFM_ITS_MAX_ASSET_SIZE_OVERRIDE',
    512,
    256,
    4096,
    'ITS_MAX_ASSET_SIZE',
  );

  const psLarge =
    partitions.protectedStorage &&
    typeof v.get('TFM_PS_MAX_ASSET_SIZE') === 'number' &&
    (v.get('TFM_PS_MAX_ASSET_SIZE') as number) > 2048;
  const regression = isY('TFM_REGRESSION_S') || isY('TFM_REGRESSION_NS');
  const iovecDefault = minimal ? 1024 : regression ? 16384 : psLarge ? 8192 : 5120;
  const iovecUser = minimal ? undefined : (v.get('TFM_CRYPTO_IOVEC_BUFFER_SIZE') as number | undefined);
  if (minimal && given('TFM_CRYPTO_IOVEC_BUFFER_SIZE')) warn('TFM_CRYPTO_IOVEC_BUFFER_SIZE', 1024);
  const iovecBufferSize = typeof iovecUser === 'number' ? iovecUser : iovecDefault;
  note({
    flag: 'CRYPTO_IOVEC_BUFFER_SIZE',
    value: iovecBufferSize,
    decidedBy: explicitFirst([
      cfg('TFM_CRYPTO_IOVEC_BUFFER_SIZE'),
      ...profileInputs,
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

  const concurrentOperations = minimal
    ? 1
    : typeof v.get('TFM_CRYPTO_CONC_OPER_NUM') === 'number'
      ? (v.get('TFM_CRYPTO_CONC_OPER_NUM') as number)
      : 8;
  if (minimal && given('TFM_CRYPTO_CONC_OPER_NUM')) warn('TFM_CRYPTO_CONC_OPER_NUM', 1);
  note({
    flag: 'CRYPTO_CONC_OPER_NUM',
    value: concurrentOperations,
    decidedBy: explicitFirst([cfg('TFM_CRYPTO_CONC_OPER_NUM'), ...profileInputs]),
    because: minimal
      ? 'the minimal profile fixes it at 1'
      : given('TFM_CRYPTO_CONC_OPER_NUM')
        ? 'set in prj.conf'
        : 'default 8',
    source: SRC.nrfTfmKconfig,
  });

  const singlePartFuncsDisabled = partitions.crypto && isY('TFM_CRYPTO_SINGLE_PART_FUNCS_DISABLED');
  note({
    flag: 'CRYPTO_SINGLE_PART_FUNCS_DISABLED',
    value: singlePartFuncsDisabled ? 1 : 0,
    decidedBy: [cfg('TFM_CRYPTO_SINGLE_PART_FUNCS_DISABLED'), cfg('TFM_PARTITION_CRYPTO')],
    because: singlePartFuncsDisabled ? 'set in prj.conf' : 'default n',
    source: SRC.tfmCmake,
  });

  const config: TfmConfig = {
    profile,
    modules,
    storage,
    builtinKeys,
    partitions,
    itsNumAssets,
    itsMaxAssetSize,
    iovecBufferSize: Math.max(0, iovecBufferSize),
    singlePartFuncsDisabled,
    concurrentOperations: Math.max(1, Math.min(255, concurrentOperations)),
    nsClientId: TFM_NS_CLIENT_ID_DEFAULT,
    legacyOpenClose: true,
  };
  const num = (s: string) => (typeof v.get(s) === 'number' ? (v.get(s) as number) : undefined);
  return {
    config,
    trail,
    warnings,
    errors,
    board,
    device,
    psaWant: [...want.keys()].sort(),
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
