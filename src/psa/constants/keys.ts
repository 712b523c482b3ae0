/**
 * Key types, usage flags, lifetimes/persistence/locations and key-identifier ranges with
 * their C values (Mbed TLS 3.6.5 `include/psa/crypto_values.h`, `crypto_extra.h`,
 * `library/psa_crypto_slot_management.h`; TF-M `tfm_builtin_key_ids.h`).
 * Spec: PSA Certified Crypto API 1.2, §9 "Key management reference".
 * @module
 */

/** A `psa_key_type_t` (uint16). */
export type PsaKeyType = number;
/** A `psa_key_usage_t` (uint32 bit mask). */
export type PsaKeyUsage = number;
/** A `psa_key_lifetime_t` (uint32: location << 8 | persistence). */
export type PsaKeyLifetime = number;
/** A `psa_key_id_t` (uint32). */
export type PsaKeyId = number;

// Key types (§9.2)
/** `PSA_KEY_TYPE_NONE`: No key type (0). */
export const PSA_KEY_TYPE_NONE = 0x0000;
/** `PSA_KEY_TYPE_VENDOR_FLAG`: Set in vendor-defined key types. */
export const PSA_KEY_TYPE_VENDOR_FLAG = 0x8000;
/** `PSA_KEY_TYPE_CATEGORY_MASK`: Mask of the key-type category bits. */
export const PSA_KEY_TYPE_CATEGORY_MASK = 0x7000;
/** `PSA_KEY_TYPE_CATEGORY_RAW`: Category of raw (unstructured, non-cipher) key types. */
export const PSA_KEY_TYPE_CATEGORY_RAW = 0x1000;
/** `PSA_KEY_TYPE_CATEGORY_SYMMETRIC`: Category of symmetric cipher key types. */
export const PSA_KEY_TYPE_CATEGORY_SYMMETRIC = 0x2000;
/** `PSA_KEY_TYPE_CATEGORY_PUBLIC_KEY`: Category of public keys. */
export const PSA_KEY_TYPE_CATEGORY_PUBLIC_KEY = 0x4000;
/** `PSA_KEY_TYPE_CATEGORY_KEY_PAIR`: Category of key pairs. */
export const PSA_KEY_TYPE_CATEGORY_KEY_PAIR = 0x7000;
/** Raw data: not usable with any algorithm, can be exported or used as key-derivation input. */
export const PSA_KEY_TYPE_RAW_DATA = 0x1001;
/** HMAC key (any length). */
export const PSA_KEY_TYPE_HMAC = 0x1100;
/** Secret for key derivation. */
export const PSA_KEY_TYPE_DERIVE = 0x1200;
/** `PSA_KEY_TYPE_PASSWORD`: A password for key derivation (any length). */
export const PSA_KEY_TYPE_PASSWORD = 0x1203;
/** `PSA_KEY_TYPE_PASSWORD_HASH`: A password hash (any length). */
export const PSA_KEY_TYPE_PASSWORD_HASH = 0x1205;
/** `PSA_KEY_TYPE_PEPPER`: A pepper for password hashing (any length). */
export const PSA_KEY_TYPE_PEPPER = 0x1206;
/** AES block cipher key (128, 192 or 256 bits). */
export const PSA_KEY_TYPE_AES = 0x2400;
/** `PSA_KEY_TYPE_ARIA`: ARIA key; not implemented by psa-emu (NOT_SUPPORTED on import). */
export const PSA_KEY_TYPE_ARIA = 0x2406;
/** `PSA_KEY_TYPE_DES`: DES/3DES key; not implemented by psa-emu. */
export const PSA_KEY_TYPE_DES = 0x2301;
/** `PSA_KEY_TYPE_CAMELLIA`: Camellia key; not implemented by psa-emu. */
export const PSA_KEY_TYPE_CAMELLIA = 0x2403;
/** `PSA_KEY_TYPE_CHACHA20`: ChaCha20 key; not implemented by psa-emu. */
export const PSA_KEY_TYPE_CHACHA20 = 0x2004;
/** `PSA_KEY_TYPE_RSA_PUBLIC_KEY`: RSA public key; not implemented by psa-emu. */
export const PSA_KEY_TYPE_RSA_PUBLIC_KEY = 0x4001;
/** `PSA_KEY_TYPE_RSA_KEY_PAIR`: RSA key pair; not implemented by psa-emu. */
export const PSA_KEY_TYPE_RSA_KEY_PAIR = 0x7001;

/** `PSA_KEY_TYPE_IS_UNSTRUCTURED(type)`: raw or symmetric. */
export const PSA_KEY_TYPE_IS_UNSTRUCTURED = (type: PsaKeyType): boolean =>
  (type & PSA_KEY_TYPE_CATEGORY_MASK) === PSA_KEY_TYPE_CATEGORY_RAW ||
  (type & PSA_KEY_TYPE_CATEGORY_MASK) === PSA_KEY_TYPE_CATEGORY_SYMMETRIC;
/** `PSA_KEY_TYPE_IS_ASYMMETRIC(type)`. */
export const PSA_KEY_TYPE_IS_ASYMMETRIC = (type: PsaKeyType): boolean =>
  (type & PSA_KEY_TYPE_CATEGORY_MASK & ~0x3000) === PSA_KEY_TYPE_CATEGORY_PUBLIC_KEY;

// Usage flags (§9.5)
/** `PSA_KEY_USAGE_EXPORT`: The key may be exported (`psa_export_key`). */
export const PSA_KEY_USAGE_EXPORT = 0x00000001;
/** `PSA_KEY_USAGE_COPY`: The key may be copied (`psa_copy_key`). */
export const PSA_KEY_USAGE_COPY = 0x00000002;
/** `PSA_KEY_USAGE_CACHE`: Caching hint; rejected at key creation by Mbed TLS 3.6 and Oberon (INVALID_ARGUMENT). */
export const PSA_KEY_USAGE_CACHE = 0x00000004;
/** `PSA_KEY_USAGE_ENCRYPT`: The key may encrypt (cipher, AEAD, asymmetric encryption). */
export const PSA_KEY_USAGE_ENCRYPT = 0x00000100;
/** `PSA_KEY_USAGE_DECRYPT`: The key may decrypt. */
export const PSA_KEY_USAGE_DECRYPT = 0x00000200;
/** `PSA_KEY_USAGE_SIGN_MESSAGE`: The key may compute a MAC or sign a message. */
export const PSA_KEY_USAGE_SIGN_MESSAGE = 0x00000400;
/** `PSA_KEY_USAGE_VERIFY_MESSAGE`: The key may verify a MAC or a message signature. */
export const PSA_KEY_USAGE_VERIFY_MESSAGE = 0x00000800;
/** `PSA_KEY_USAGE_SIGN_HASH`: The key may sign a hash (implies SIGN_MESSAGE when set with `psa_set_key_usage_flags`). */
export const PSA_KEY_USAGE_SIGN_HASH = 0x00001000;
/** `PSA_KEY_USAGE_VERIFY_HASH`: The key may verify a hash signature (implies VERIFY_MESSAGE). */
export const PSA_KEY_USAGE_VERIFY_HASH = 0x00002000;
/** `PSA_KEY_USAGE_DERIVE`: The key may be used as key-derivation input. */
export const PSA_KEY_USAGE_DERIVE = 0x00004000;
/** `PSA_KEY_USAGE_VERIFY_DERIVATION`: The key may verify a key-derivation output. */
export const PSA_KEY_USAGE_VERIFY_DERIVATION = 0x00008000;
/** PSA Crypto API 1.3 key wrapping (accepted at creation by the Oberon core, not by Mbed TLS 3.6). */
export const PSA_KEY_USAGE_WRAP = 0x00010000;
/** PSA Crypto API 1.3 key unwrapping (accepted at creation by the Oberon core, not by Mbed TLS 3.6). */
export const PSA_KEY_USAGE_UNWRAP = 0x00020000;

// Lifetimes, persistence levels and locations (§9.3)
/** `PSA_KEY_LIFETIME_VOLATILE`: A volatile key in local storage: lost at `mbedtls_psa_crypto_free`/reboot. */
export const PSA_KEY_LIFETIME_VOLATILE = 0x00000000;
/** `PSA_KEY_LIFETIME_PERSISTENT`: A persistent key in local storage (ITS), default persistence. */
export const PSA_KEY_LIFETIME_PERSISTENT = 0x00000001;
/** `PSA_KEY_PERSISTENCE_VOLATILE`: Persistence level of volatile keys. */
export const PSA_KEY_PERSISTENCE_VOLATILE = 0x00;
/** `PSA_KEY_PERSISTENCE_DEFAULT`: Default persistence level of persistent keys. */
export const PSA_KEY_PERSISTENCE_DEFAULT = 0x01;
/** `PSA_KEY_PERSISTENCE_READ_ONLY`: Read-only persistence level: the key cannot be created or destroyed through the API. */
export const PSA_KEY_PERSISTENCE_READ_ONLY = 0xff;
/** `PSA_KEY_LOCATION_LOCAL_STORAGE`: Location of keys kept by the PSA core itself (ITS for persistent keys). */
export const PSA_KEY_LOCATION_LOCAL_STORAGE = 0x000000;
/** `PSA_KEY_LOCATION_PRIMARY_SECURE_ELEMENT`: Location of keys in the primary secure element (no driver in psa-emu). */
export const PSA_KEY_LOCATION_PRIMARY_SECURE_ELEMENT = 0x000001;
/** `PSA_KEY_LOCATION_VENDOR_FLAG`: Set in vendor-defined key locations (e.g. the CRACEN KMU, 0x804E4B). */
export const PSA_KEY_LOCATION_VENDOR_FLAG = 0x800000;

/** `PSA_KEY_LIFETIME_GET_PERSISTENCE(lifetime)`. */
export const PSA_KEY_LIFETIME_GET_PERSISTENCE = (lifetime: PsaKeyLifetime): number => lifetime & 0xff;
/** `PSA_KEY_LIFETIME_GET_LOCATION(lifetime)`. */
export const PSA_KEY_LIFETIME_GET_LOCATION = (lifetime: PsaKeyLifetime): number => lifetime >>> 8;
/** `PSA_KEY_LIFETIME_IS_VOLATILE(lifetime)`. */
export const PSA_KEY_LIFETIME_IS_VOLATILE = (lifetime: PsaKeyLifetime): boolean =>
  PSA_KEY_LIFETIME_GET_PERSISTENCE(lifetime) === PSA_KEY_PERSISTENCE_VOLATILE;
/** `PSA_KEY_LIFETIME_IS_READ_ONLY(lifetime)`. */
export const PSA_KEY_LIFETIME_IS_READ_ONLY = (lifetime: PsaKeyLifetime): boolean =>
  PSA_KEY_LIFETIME_GET_PERSISTENCE(lifetime) === PSA_KEY_PERSISTENCE_READ_ONLY;
/** `PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(persistence, location)`. */
export function PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(
  persistence: number,
  location: number,
): PsaKeyLifetime {
  return ((location << 8) | (persistence & 0xff)) >>> 0;
}

// Key identifiers (§9.4; Mbed TLS crypto_extra.h; NCS static key store)
/** `PSA_KEY_ID_NULL`: The null key id (0). */
export const PSA_KEY_ID_NULL = 0;
/** `PSA_KEY_ID_USER_MIN`: Smallest application key id. */
export const PSA_KEY_ID_USER_MIN = 0x00000001;
/** `PSA_KEY_ID_USER_MAX`: Largest application key id. */
export const PSA_KEY_ID_USER_MAX = 0x3fffffff;
/** `PSA_KEY_ID_VENDOR_MIN`: Smallest implementation-defined key id (the volatile range starts here). */
export const PSA_KEY_ID_VENDOR_MIN = 0x40000000;
/** `PSA_KEY_ID_VENDOR_MAX`: Largest implementation-defined key id. */
export const PSA_KEY_ID_VENDOR_MAX = 0x7fffffff;
/** `MBEDTLS_PSA_KEY_SLOT_COUNT`: the key-slot cache size (Mbed TLS and NCS default 32). */
export const MBEDTLS_PSA_KEY_SLOT_COUNT = 32;
/** `PSA_KEY_ID_VOLATILE_MIN` = the vendor minimum. */
export const PSA_KEY_ID_VOLATILE_MIN = PSA_KEY_ID_VENDOR_MIN;
/** `PSA_KEY_ID_VOLATILE_MAX` for the static key store NCS uses: MIN + slot count − 1. */
export const PSA_KEY_ID_VOLATILE_MAX = PSA_KEY_ID_VOLATILE_MIN + MBEDTLS_PSA_KEY_SLOT_COUNT - 1;
/** `MBEDTLS_PSA_KEY_ID_BUILTIN_MIN`: Smallest builtin key id (Mbed TLS `crypto_extra.h`). */
export const MBEDTLS_PSA_KEY_ID_BUILTIN_MIN = 0x7fff0000;
/** `MBEDTLS_PSA_KEY_ID_BUILTIN_MAX`: Largest builtin key id. */
export const MBEDTLS_PSA_KEY_ID_BUILTIN_MAX = 0x7fffefff;
/** TF-M builtin key ids (`interface/include/crypto_keys/tfm_builtin_key_ids.h`). */
export const TFM_BUILTIN_KEY_ID_MIN = 0x7fff815b;
/** `TFM_BUILTIN_KEY_ID_HUK`: TF-M builtin key: the hardware unique key (on nRF91 derived from the KMU MEXT slot). */
export const TFM_BUILTIN_KEY_ID_HUK = 0x7fff815c;
/** `TFM_BUILTIN_KEY_ID_IAK`: TF-M builtin key: the initial attestation key. */
export const TFM_BUILTIN_KEY_ID_IAK = 0x7fff815d;
/** `TFM_BUILTIN_KEY_ID_PLAT_SPECIFIC_MIN`: First platform-specific TF-M builtin key id. */
export const TFM_BUILTIN_KEY_ID_PLAT_SPECIFIC_MIN = 0x7fff816b;
/** `TFM_BUILTIN_KEY_ID_MAX`: Largest TF-M builtin key id. */
export const TFM_BUILTIN_KEY_ID_MAX = 0x7fff817b;

/** The empty key handle (`PSA_KEY_HANDLE_INIT`); handles are key ids since Mbed TLS 2.25. */
export const PSA_KEY_HANDLE_INIT = 0;
