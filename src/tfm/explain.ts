/**
 * Plain-language reasons for the statuses the TF-M build itself causes (not the key or the
 * data): a compiled-out module, a core without key storage, the scratch buffer. Used in
 * `PsaError` messages of the idiomatic API and by the doctor.
 * @module
 */

import { PSA_KEY_LIFETIME_IS_VOLATILE } from '../psa/constants/keys.js';
import { serviceSpec, TFM_CRYPTO_GROUP, tfmGroupOf } from '../psa/service/table.js';
import { PSA_ERROR_INSUFFICIENT_MEMORY, PSA_ERROR_NOT_SUPPORTED } from '../psa/status.js';
import type { TfmConfig, TfmCryptoModules } from './config.js';
import { MODULE_MACRO, MODULE_SYMBOL } from './psa-want.js';

/** The crypto-partition group (SID range) and a plain name of each module. */
const MODULE_GROUPS: Readonly<Record<keyof TfmCryptoModules, { group: number; what: string }>> = {
  rng: { group: TFM_CRYPTO_GROUP.RANDOM, what: 'random' },
  key: { group: TFM_CRYPTO_GROUP.KEY_MANAGEMENT, what: 'key management' },
  hash: { group: TFM_CRYPTO_GROUP.HASH, what: 'hash' },
  mac: { group: TFM_CRYPTO_GROUP.MAC, what: 'MAC' },
  cipher: { group: TFM_CRYPTO_GROUP.CIPHER, what: 'cipher' },
  aead: { group: TFM_CRYPTO_GROUP.AEAD, what: 'AEAD' },
  asymSign: { group: TFM_CRYPTO_GROUP.ASYM_SIGN, what: 'asymmetric signature' },
  asymEncrypt: { group: TFM_CRYPTO_GROUP.ASYM_ENCRYPT, what: 'asymmetric encryption' },
  keyDerivation: { group: TFM_CRYPTO_GROUP.KEY_DERIVATION, what: 'key derivation' },
  pake: { group: TFM_CRYPTO_GROUP.PAKE, what: 'PAKE' },
};

/** One TF-M crypto module: its `tfm_config.h` macro, Kconfig symbol, group and plain name. */
export interface TfmModuleInfo {
  readonly macro: string;
  readonly kconfig: string;
  readonly group: number;
  readonly what: string;
}

/** Each module's `CRYPTO_*_MODULE_ENABLED` macro, `CONFIG_TFM_CRYPTO_*` symbol, group and name. */
export const TFM_MODULES: Readonly<Record<keyof TfmCryptoModules, TfmModuleInfo>> = Object.freeze(
  Object.fromEntries(
    (Object.keys(MODULE_GROUPS) as (keyof TfmCryptoModules)[]).map((m) => [
      m,
      Object.freeze({ macro: MODULE_MACRO(m), kconfig: `CONFIG_${MODULE_SYMBOL[m]}`, ...MODULE_GROUPS[m] }),
    ]),
  ) as Record<keyof TfmCryptoModules, TfmModuleInfo>,
);

/** The module that serves a crypto-partition group. */
export function tfmModuleOfGroup(group: number): keyof TfmCryptoModules | undefined {
  return (Object.keys(MODULE_GROUPS) as (keyof TfmCryptoModules)[]).find(
    (m) => MODULE_GROUPS[m].group === group,
  );
}

const MINIMAL_FIX =
  'NCS v3.2.2 builds TF-M with the minimal profile by default on nRF91; add CONFIG_TFM_PROFILE_TYPE_NOT_SET=y and CONFIG_MBEDTLS_PSA_CRYPTO_STORAGE_C=y to prj.conf';

/** The creation calls the storage gate refuses for a persistent key (psa_validate_key_persistence). */
const CREATES = new Set(['psa_import_key', 'psa_generate_key', 'psa_copy_key']);

/**
 * Why `fn` returned `status` in this build, when the build is the reason; otherwise `undefined`.
 * `call.lifetime` is the lifetime of the key a creation call made (import/generate/copy): a
 * volatile key is never refused by the storage gate, so its NOT_SUPPORTED has another cause.
 */
export function explainTfmStatus(
  config: TfmConfig,
  fn: string,
  status: number,
  call: { lifetime?: number } = {},
): string | undefined {
  let spec: ReturnType<typeof serviceSpec>;
  try {
    spec = serviceSpec(fn);
  } catch {
    return undefined;
  }
  if (spec.service !== 'crypto') return undefined;
  if (status === PSA_ERROR_NOT_SUPPORTED) {
    const module = tfmModuleOfGroup(tfmGroupOf(spec.sid));
    if (module && !config.modules[module]) {
      const m = TFM_MODULES[module];
      return (
        `the TF-M crypto partition was built without its ${m.what} module (${m.macro}=0), so it answers NOT_SUPPORTED ` +
        `for every ${m.what} call before looking at the key (crypto_init.c dispatcher)` +
        (config.profile === 'minimal' ? `; ${MINIMAL_FIX}` : `; enable ${m.kconfig}`)
      );
    }
    if (!config.legacyOpenClose && (fn === 'psa_open_key' || fn === 'psa_close_key')) {
      return `this TF-M no longer provides ${fn} (removed after TF-M 2.2); use psa_get_key_attributes to check that a key exists`;
    }
    if (config.singlePartFuncsDisabled && (fn === 'psa_cipher_encrypt' || fn === 'psa_cipher_decrypt')) {
      return 'TF-M was built with CRYPTO_SINGLE_PART_FUNCS_DISABLED=1: use the multipart cipher API';
    }
    // The core's storage gates (src/psa/core/key-management.ts): psa_open_key without storage or
    // builtin keys; creating a persistent key without storage.
    const openGate = fn === 'psa_open_key' && !config.builtinKeys;
    const createGate =
      CREATES.has(fn) && (call.lifetime === undefined || !PSA_KEY_LIFETIME_IS_VOLATILE(call.lifetime));
    if (!config.storage && (openGate || createGate)) {
      const maybe = CREATES.has(fn) && call.lifetime === undefined ? 'if the key is persistent: ' : '';
      return (
        `${maybe}the PSA core inside TF-M was built without MBEDTLS_PSA_CRYPTO_STORAGE_C (CONFIG_MBEDTLS_PSA_CRYPTO_STORAGE_C=n gives ` +
        `CRYPTO_STORAGE_DISABLED=ON), so persistent keys are not supported${config.profile === 'minimal' ? `; ${MINIMAL_FIX}` : '; set CONFIG_MBEDTLS_PSA_CRYPTO_STORAGE_C=y'}`
      );
    }
  }
  if (status === PSA_ERROR_INSUFFICIENT_MEMORY) {
    return `the call's buffers may not fit the crypto partition's scratch buffer (CRYPTO_IOVEC_BUFFER_SIZE = ${config.iovecBufferSize} bytes), or the key-slot cache is full`;
  }
  return undefined;
}
