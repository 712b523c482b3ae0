/**
 * Which `PSA_WANT_*` symbols make each `PSA_HAS_*_SUPPORT` true, and which TF-M crypto module
 * depends on which `PSA_HAS_*` — nrf_security `Kconfig.psa.nordic` (promptless, `default y`,
 * `depends on` the OR of the list) and sdk-zephyr `modules/trusted-firmware-m/Kconfig.tfm.crypto_modules`.
 * Names are without the `CONFIG_PSA_WANT_` prefix.
 * @module
 */
import type { TfmCryptoModules } from './config.js';

/** `PSA_HAS_*` symbol → the PSA_WANT suffixes of which any one makes it y. */
export const PSA_HAS: Readonly<Record<string, readonly string[]>> = {
  PSA_HAS_AEAD_SUPPORT: [
    'ALG_CCM',
    'ALG_GCM',
    'ALG_CHACHA20_POLY1305',
    'ALG_XCHACHA20_POLY1305',
    'ALG_ASCON_AEAD128',
  ],
  PSA_HAS_ASYM_ENCRYPT_SUPPORT: ['ALG_RSA_OAEP', 'ALG_RSA_PKCS1V15_CRYPT'],
  PSA_HAS_ASYM_SIGN_SUPPORT: [
    'ALG_DETERMINISTIC_ECDSA',
    'ALG_ECDSA',
    'ALG_ECDSA_ANY',
    'ALG_ED25519PH',
    'ALG_ED448PH',
    'ALG_PURE_EDDSA',
    'ALG_RSA_PKCS1V15_SIGN',
    'ALG_RSA_PKCS1V15_SIGN_RAW',
    'ALG_RSA_PSS',
    'ALG_RSA_PSS_ANY_SALT',
    'ALG_HSS',
    'ALG_LMS',
    'ALG_XMSS',
    'ALG_XMSS_MT',
    'ALG_ML_DSA',
  ],
  PSA_HAS_CIPHER_SUPPORT: [
    'ALG_ECB_NO_PADDING',
    'ALG_CBC_NO_PADDING',
    'ALG_CBC_PKCS7',
    'ALG_CCM_STAR_NO_TAG',
    'ALG_CTR',
    'ALG_XTS',
    'ALG_STREAM_CIPHER',
  ],
  PSA_HAS_HASH_SUPPORT: [
    'ALG_MD5',
    'ALG_SHA_1',
    'ALG_SHA_224',
    'ALG_SHA_256',
    'ALG_SHA_384',
    'ALG_SHA_512',
    'ALG_SHA_512_224',
    'ALG_SHA_512_256',
    'ALG_SHA3_224',
    'ALG_SHA3_256',
    'ALG_SHA3_384',
    'ALG_SHA3_512',
  ],
  PSA_HAS_KEY_AGREEMENT: ['ALG_ECDH'],
  PSA_HAS_KEY_DERIVATION: [
    'ALG_HKDF',
    'ALG_HKDF_EXPAND',
    'ALG_HKDF_EXTRACT',
    'ALG_PBKDF2_HMAC',
    'ALG_PBKDF2_AES_CMAC_PRF_128',
    'ALG_TLS12_PRF',
    'ALG_TLS12_PSK_TO_MS',
    'ALG_TLS12_ECJPAKE_TO_PMS',
    'ALG_SP800_108_COUNTER_CMAC',
    'ALG_SP800_108_COUNTER_HMAC',
  ],
  PSA_HAS_KEY_SUPPORT: [
    'KEY_TYPE_AES',
    'KEY_TYPE_CHACHA20',
    'KEY_TYPE_DERIVE',
    'KEY_TYPE_ECC_KEY_PAIR_IMPORT',
    'KEY_TYPE_ECC_KEY_PAIR_EXPORT',
    'KEY_TYPE_ECC_KEY_PAIR_GENERATE',
    'KEY_TYPE_ECC_KEY_PAIR_DERIVE',
    'KEY_TYPE_ECC_PUBLIC_KEY',
    'KEY_TYPE_HMAC',
    'KEY_TYPE_PASSWORD',
    'KEY_TYPE_PASSWORD_HASH',
    'KEY_TYPE_PEPPER',
    'KEY_TYPE_RAW_DATA',
    'KEY_TYPE_RSA_KEY_PAIR_IMPORT',
    'KEY_TYPE_RSA_KEY_PAIR_EXPORT',
    'KEY_TYPE_RSA_KEY_PAIR_GENERATE',
    'KEY_TYPE_RSA_KEY_PAIR_DERIVE',
    'KEY_TYPE_RSA_PUBLIC_KEY',
  ],
  PSA_HAS_MAC_SUPPORT: ['ALG_CMAC', 'ALG_HMAC'],
  PSA_HAS_PAKE_SUPPORT: [
    'ALG_JPAKE',
    'ALG_SPAKE2P_HMAC',
    'ALG_SPAKE2P_CMAC',
    'ALG_SPAKE2P_MATTER',
    'ALG_SRP_6',
    'ALG_SRP_PASSWORD_HASH',
  ],
};

/** Each module's own `depends on` (besides NRF_SECURITY, TFM_PARTITION_CRYPTO and !MINIMAL). */
export const MODULE_DEPENDS: Readonly<Record<keyof TfmCryptoModules, readonly string[]>> = {
  rng: ['PSA_WANT_GENERATE_RANDOM'],
  key: ['PSA_HAS_KEY_SUPPORT'],
  aead: ['PSA_HAS_AEAD_SUPPORT'],
  mac: ['PSA_HAS_MAC_SUPPORT'],
  hash: ['PSA_HAS_HASH_SUPPORT'],
  cipher: ['PSA_HAS_CIPHER_SUPPORT'],
  asymSign: ['PSA_HAS_ASYM_SIGN_SUPPORT'],
  asymEncrypt: ['PSA_HAS_ASYM_ENCRYPT_SUPPORT'],
  // (PSA_HAS_KEY_DERIVATION || PSA_HAS_KEY_AGREEMENT): either one is enough.
  keyDerivation: ['PSA_HAS_KEY_DERIVATION', 'PSA_HAS_KEY_AGREEMENT'],
  pake: ['PSA_HAS_PAKE_SUPPORT'],
};

/** `TFM_CRYPTO_<X>_MODULE_ENABLED` (without `CONFIG_`) of each module. */
export const MODULE_SYMBOL: Readonly<Record<keyof TfmCryptoModules, string>> = {
  rng: 'TFM_CRYPTO_RNG_MODULE_ENABLED',
  key: 'TFM_CRYPTO_KEY_MODULE_ENABLED',
  aead: 'TFM_CRYPTO_AEAD_MODULE_ENABLED',
  mac: 'TFM_CRYPTO_MAC_MODULE_ENABLED',
  hash: 'TFM_CRYPTO_HASH_MODULE_ENABLED',
  cipher: 'TFM_CRYPTO_CIPHER_MODULE_ENABLED',
  asymSign: 'TFM_CRYPTO_ASYM_SIGN_MODULE_ENABLED',
  asymEncrypt: 'TFM_CRYPTO_ASYM_ENCRYPT_MODULE_ENABLED',
  keyDerivation: 'TFM_CRYPTO_KEY_DERIVATION_MODULE_ENABLED',
  pake: 'TFM_CRYPTO_PAKE_MODULE_ENABLED',
};

/** The `tfm_config.h` macro of each module. */
export const MODULE_MACRO = (m: keyof TfmCryptoModules): string => MODULE_SYMBOL[m].replace(/^TFM_/, '');
