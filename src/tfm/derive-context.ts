/**
 * The shared state of a Kconfig → TF-M derivation: the parsed values, the trail, the warnings and
 * errors, and the helpers every phase uses. Warnings are worded as Zephyr's
 * `scripts/kconfig/kconfig.py` prints them; `SRC` names the NCS/Zephyr Kconfig file of each rule.
 * @module
 */
import type { TfmDevice, TfmProfile } from './config.js';
import type { KconfigFragments, KconfigValue } from './kconfig.js';

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

/** Where each rule lives. */
export const SRC = {
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

/** The unsatisfied dependency kconfig.py lists for symbols hidden by the minimal profile. */
export const MINIMAL_DEP = '(!TFM_PROFILE_TYPE_MINIMAL) (=n)';

/** The parsed input, the collected output and the helpers of one derivation. */
export interface DeriveContext {
  readonly board: string;
  readonly device: TfmDevice;
  /** nRF54L (NRF_PLATFORM_LUMOS, CRACEN). */
  readonly lumos: boolean;
  readonly kc: KconfigFragments;
  /** Final values, `CONFIG_` prefix stripped. */
  readonly v: ReadonlyMap<string, KconfigValue>;
  readonly trail: Record<string, TrailEntry>;
  readonly warnings: KconfigWarning[];
  readonly errors: string[];
  /** Written in a fragment. */
  given(s: string): boolean;
  isY(s: string): boolean;
  isN(s: string): boolean;
  /** Records the trail entry of a flag. */
  note(e: TrailEntry): void;
  /** Records a kconfig.py warning when the value written differs from `got`. */
  warn(sym: string, got: KconfigValue, unsatisfied?: string[]): void;
  /** `CONFIG_` + s. */
  cfg(s: string): string;
  /** `CONFIG_…` symbols written in a fragment first, the others after (order kept). */
  explicitFirst(syms: string[]): string[];
}

/** The profile decision (phase 1) that the later phases read. */
export interface ProfileDecision {
  profile: TfmProfile;
  minimal: boolean;
  /** `decidedBy` of `TFM_PROFILE_TYPE`. */
  inputs: string[];
}

const show = (v: KconfigValue | undefined): string =>
  v === true ? 'y' : v === false || v === undefined ? 'n' : typeof v === 'number' ? String(v) : v;

/** A fresh context (empty trail, warnings and errors) over parsed fragments. */
export function createDeriveContext(kc: KconfigFragments, board: string, device: TfmDevice): DeriveContext {
  const v = kc.values;
  const given = (s: string) => v.has(s);
  const trail: Record<string, TrailEntry> = {};
  const warnings: KconfigWarning[] = [];
  return {
    board,
    device,
    lumos: device === 'nrf54l15',
    kc,
    v,
    trail,
    warnings,
    errors: [],
    given,
    isY: (s) => v.get(s) === true,
    isN: (s) => v.get(s) === false,
    note: (e) => {
      trail[e.flag] = e;
    },
    warn: (sym, got, unsatisfied = []) => {
      const assigned = show(v.get(sym));
      const g = show(got);
      if (assigned === g) return;
      const summary = `CONFIG_${sym} was assigned the value ${assigned} but got the value ${g}`;
      const message =
        `warning: ${sym} was assigned the value '${assigned}' but got the value '${g}'. ` +
        (unsatisfied.length ? `Check these unsatisfied dependencies: ${unsatisfied.join(', ')}. ` : '') +
        `See http://docs.zephyrproject.org/latest/kconfig.html#CONFIG_${sym} and/or look up ${sym} in the menuconfig/guiconfig interface.`;
      warnings.push({ symbol: `CONFIG_${sym}`, assigned, got: g, unsatisfied, summary, message });
    },
    cfg: (s) => `CONFIG_${s}`,
    explicitFirst: (syms) => [
      ...syms.filter((s) => given(s.replace(/^CONFIG_/, ''))),
      ...syms.filter((s) => !given(s.replace(/^CONFIG_/, ''))),
    ],
  };
}
