/**
 * Derivation phases 5–6: the `PSA_WANT_*` symbols (prj.conf ∪ the selects of sdk-nrf
 * `subsys/nrf_security/Kconfig.psa*`), their `PSA_HAS_*` groups (`Kconfig.psa.nordic`) and the
 * TF-M crypto modules they enable (sdk-zephyr `modules/trusted-firmware-m/Kconfig.tfm.crypto_modules`;
 * minimal profile: sdk-nrf `Kconfig.tfm_minimal.defconfig`).
 * @module
 */
import type { TfmCryptoModules, TfmPartitions } from './config.js';
import { type DeriveContext, MINIMAL_DEP, type ProfileDecision, SRC } from './derive-context.js';
import { MODULE_DEPENDS, MODULE_MACRO, MODULE_SYMBOL, PSA_HAS } from './psa-want.js';

/** The `PSA_WANT_*` outcome. */
export interface PsaWantSet {
  /** PSA_WANT suffix → the CONFIG_ symbol that turned it on (itself when set in prj.conf, or a selector). */
  want: Map<string, string>;
  /** Every selector that could turn a PSA_WANT on (whether or not it does in this build), for the trail. */
  potential: Map<string, Set<string>>;
}

/** 5. PSA_WANT_* (user ∪ selects). */
export function derivePsaWant(
  ctx: DeriveContext,
  prof: ProfileDecision,
  partitions: TfmPartitions,
  builtinKeys: boolean,
): PsaWantSet {
  const { isY, isN, given, lumos } = ctx;
  const { minimal } = prof;
  const want = new Map<string, string>();
  for (const [sym, val] of ctx.v)
    if (sym.startsWith('PSA_WANT_') && val === true) want.set(sym.slice(9), `CONFIG_${sym}`);
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
  return { want, potential };
}

/** 6. Crypto modules. */
export function deriveModules(
  ctx: DeriveContext,
  prof: ProfileDecision,
  partitions: TfmPartitions,
  wants: PsaWantSet,
): TfmCryptoModules {
  // PSA_HAS_*: the PSA_WANT_* of a group that are on.
  const has = (h: string): string[] => (PSA_HAS[h] ?? []).filter((n) => wants.want.has(n));
  const modules = {} as TfmCryptoModules;
  for (const m of Object.keys(MODULE_SYMBOL) as (keyof TfmCryptoModules)[]) {
    modules[m] = prof.minimal
      ? minimalModule(ctx, prof, m, has)
      : configuredModule(ctx, prof, m, has, partitions, wants);
  }
  return modules;
}

/** Minimal profile: only the RNG module. */
function minimalModule(
  ctx: DeriveContext,
  prof: ProfileDecision,
  m: keyof TfmCryptoModules,
  has: (h: string) => string[],
): boolean {
  const sym = MODULE_SYMBOL[m];
  const on = m === 'rng';
  if (ctx.given(sym)) {
    const unmet = on
      ? []
      : [
          ...MODULE_DEPENDS[m]
            .filter((d) => d.startsWith('PSA_HAS') && has(d).length === 0)
            .map((d) => `${d} (=n)`),
          MINIMAL_DEP,
        ];
    ctx.warn(sym, on, m === 'keyDerivation' && unmet.length > 1 ? [MINIMAL_DEP] : unmet);
  }
  ctx.note({
    flag: MODULE_MACRO(m),
    value: on ? 1 : 0,
    decidedBy: ctx.explicitFirst([...prof.inputs, ctx.cfg(sym)]),
    because: on
      ? 'the minimal profile keeps only the RNG module (promptless default y in Kconfig.tfm_minimal.defconfig)'
      : `under the minimal profile ${sym} is not sourced (if !TFM_PROFILE_TYPE_MINIMAL) → #cmakedefine01 gives 0`,
    source: on ? SRC.minimalDefconfig : SRC.nrfTfmKconfig,
  });
  return on;
}

/** Other profiles: default y when the crypto partition is on and a PSA_WANT of the group is. */
function configuredModule(
  ctx: DeriveContext,
  prof: ProfileDecision,
  m: keyof TfmCryptoModules,
  has: (h: string) => string[],
  partitions: TfmPartitions,
  { want, potential }: PsaWantSet,
): boolean {
  const { isY, isN, cfg } = ctx;
  const sym = MODULE_SYMBOL[m];
  const deps = MODULE_DEPENDS[m];
  const enablers = deps.flatMap((d) =>
    d.startsWith('PSA_HAS') ? has(d) : want.has(d.slice(9)) ? [d.slice(9)] : [],
  );
  const depsOk = partitions.crypto && enablers.length > 0;
  const on = depsOk && !isN(sym);
  if (isY(sym) && !depsOk) {
    const unmet = partitions.crypto
      ? [m === 'keyDerivation' ? '(PSA_HAS_KEY_DERIVATION || PSA_HAS_KEY_AGREEMENT) (=n)' : `${deps[0]} (=n)`]
      : ['TFM_PARTITION_CRYPTO (=n)'];
    ctx.warn(sym, false, unmet);
  }
  const groupWants = deps.flatMap((d) => (d.startsWith('PSA_HAS') ? (PSA_HAS[d] ?? []) : [d.slice(9)]));
  // Inputs: the module symbol, what enabled the group (or everything that could), the profile, the partition.
  const groupInputs = enablers.length
    ? enablers.map((n) => want.get(n)!)
    : groupWants.flatMap((n) => [`CONFIG_PSA_WANT_${n}`, ...(potential.get(n) ?? [])]);
  ctx.note({
    flag: MODULE_MACRO(m),
    value: on ? 1 : 0,
    decidedBy: ctx
      .explicitFirst([cfg(sym), ...groupInputs, ...prof.inputs, cfg('TFM_PARTITION_CRYPTO')])
      .filter((s, i, a) => a.indexOf(s) === i),
    because: !partitions.crypto
      ? 'the crypto partition is off'
      : isN(sym)
        ? 'set n in prj.conf'
        : depsOk
          ? `default y; ${deps.join(' || ')} is y because of ${enablers.map((n) => `PSA_WANT_${n} (${want.get(n)})`).join(', ')}`
          : `depends on ${deps.join(' || ')}, which is n: no PSA_WANT_* of that group is enabled`,
    source: SRC.modules,
  });
  return on;
}
