/**
 * What a prj.conf builds, for the page: the NCS v3.2.2 derivation (trail, `kconfig.py`
 * warnings, fatal errors), the doctor's findings, and the stages a PSA call crosses on the
 * device — NS app → TF-M dispatcher → crypto modules → PSA core (key storage) → ITS — each
 * lit on or off with the trail entry that decided it. No DOM here (tested under Node).
 * Rules: docs/notes/tfm-kconfig.md, docs/notes/tfm-boundary.md.
 * @module
 */

import type { TfmCryptoModules } from '../../src/tfm/config.js';
import { type TfmDerivation, type TrailEntry, tfmConfigFromKconfig } from '../../src/tfm/derive.js';
import { type Diagnosis, diagnose, type Finding } from '../../src/tfm/doctor.js';
import { TFM_MODULES } from '../../src/tfm/explain.js';

/** One lamp of the diagram. */
export interface Lamp {
  /** Short label (`CIPHER`). */
  label: string;
  on: boolean;
  /** The TF-M flag and its value (`CRYPTO_CIPHER_MODULE_ENABLED=0`). */
  flag: string;
  /** Why, from the derivation trail. */
  because: string;
  /** The input symbols that decided it. */
  decidedBy: string[];
}

/** The call path of the diagram. */
export interface Diagram {
  profile: string;
  /** The TF-M crypto partition (and its dispatcher) is built. */
  dispatcher: Lamp;
  /** `CRYPTO_*_MODULE_ENABLED`, in the order of the TF-M crypto groups. */
  modules: (Lamp & { key: keyof TfmCryptoModules })[];
  /** `MBEDTLS_PSA_CRYPTO_STORAGE_C` in TF-M's PSA core. */
  storage: Lamp;
  /** `TFM_PARTITION_INTERNAL_TRUSTED_STORAGE`. */
  its: Lamp;
}

/** A derivation and diagnosis of one prj.conf on one board. */
export interface Analysis {
  prjConf: string;
  board: string;
  derivation: TfmDerivation;
  diagnosis: Diagnosis;
  diagram: Diagram;
  /** The first error finding (the cause), if any. */
  cause: Finding | undefined;
}

const MODULE_LABEL: Readonly<Record<keyof TfmCryptoModules, string>> = {
  rng: 'RNG',
  key: 'KEY',
  hash: 'HASH',
  mac: 'MAC',
  cipher: 'CIPHER',
  aead: 'AEAD',
  asymSign: 'ASYM SIGN',
  asymEncrypt: 'ASYM ENCRYPT',
  keyDerivation: 'KEY DERIVATION',
  pake: 'PAKE',
};

function lamp(label: string, on: boolean, entry: TrailEntry | undefined, flag: string): Lamp {
  return {
    label,
    on,
    flag: `${flag}=${entry ? String(entry.value) : on ? 'ON' : 'OFF'}`,
    because: entry?.because ?? '',
    decidedBy: entry?.decidedBy ?? [],
  };
}

/**
 * Derives and diagnoses `prjConf` for `board`. Throws a `TypeError` for a board psa-emu does
 * not model (the message names the accepted ones).
 */
export function analyse(prjConf: string, board: string): Analysis {
  const derivation = tfmConfigFromKconfig(prjConf, { board });
  const diagnosis = diagnose(derivation);
  const { config, trail } = derivation;
  const modules = (Object.keys(MODULE_LABEL) as (keyof TfmCryptoModules)[]).map((key) => {
    const macro = TFM_MODULES[key].macro;
    return { key, ...lamp(MODULE_LABEL[key], config.modules[key], trail[macro], macro) };
  });
  const storageEntry = trail.CRYPTO_STORAGE_DISABLED;
  const diagram: Diagram = {
    profile: config.profile,
    dispatcher: lamp(
      'TF-M crypto partition',
      config.partitions.crypto,
      trail.TFM_PARTITION_CRYPTO,
      'TFM_PARTITION_CRYPTO',
    ),
    modules,
    storage: {
      ...lamp('Key storage', config.storage, storageEntry, 'CRYPTO_STORAGE_DISABLED'),
      flag: `MBEDTLS_PSA_CRYPTO_STORAGE_C=${config.storage ? 'y' : 'n'} (CRYPTO_STORAGE_DISABLED=${config.storage ? 'OFF' : 'ON'})`,
    },
    its: lamp(
      'ITS partition',
      config.partitions.internalTrustedStorage,
      trail.TFM_PARTITION_INTERNAL_TRUSTED_STORAGE,
      'TFM_PARTITION_INTERNAL_TRUSTED_STORAGE',
    ),
  };
  return {
    prjConf,
    board,
    derivation,
    diagnosis,
    diagram,
    cause: diagnosis.findings.find((f) => f.severity === 'error'),
  };
}
