/**
 * Output-size macros (`include/psa/crypto_sizes.h` of Mbed TLS 3.6.5) for the algorithms
 * psa-emu models: hashes, HMAC/CMAC, and block ciphers.
 * Spec: PSA Certified Crypto API 1.2, §10 (each algorithm's size macros).
 * @module
 */
import {
  PSA_ALG_CBC_NO_PADDING,
  PSA_ALG_CBC_PKCS7,
  PSA_ALG_CCM_STAR_NO_TAG,
  PSA_ALG_CFB,
  PSA_ALG_CTR,
  PSA_ALG_ECB_NO_PADDING,
  PSA_ALG_HMAC_GET_HASH,
  PSA_ALG_IS_BLOCK_CIPHER_MAC,
  PSA_ALG_IS_CIPHER,
  PSA_ALG_IS_HMAC,
  PSA_ALG_MAC_TRUNCATION_MASK,
  PSA_ALG_MD5,
  PSA_ALG_OFB,
  PSA_ALG_RIPEMD160,
  PSA_ALG_SHA_1,
  PSA_ALG_SHA_224,
  PSA_ALG_SHA_256,
  PSA_ALG_SHA_384,
  PSA_ALG_SHA_512,
  PSA_ALG_SHA_512_224,
  PSA_ALG_SHA_512_256,
  PSA_ALG_SHA3_224,
  PSA_ALG_SHA3_256,
  PSA_ALG_SHA3_384,
  PSA_ALG_SHA3_512,
  PSA_ALG_STREAM_CIPHER,
  PSA_ALG_XTS,
  PSA_MAC_TRUNCATED_LENGTH,
  type PsaAlgorithm,
} from './algorithms.js';
import {
  PSA_KEY_TYPE_CATEGORY_MASK,
  PSA_KEY_TYPE_CATEGORY_SYMMETRIC,
  PSA_KEY_TYPE_CHACHA20,
  type PsaKeyType,
} from './keys.js';

/** Largest hash output (SHA-512). */
export const PSA_HASH_MAX_SIZE = 64;
/** Largest MAC output (HMAC-SHA-512). */
export const PSA_MAC_MAX_SIZE = 64;
/** Largest hash block (SHA-384/512), the HMAC key-block size. */
export const PSA_HMAC_MAX_HASH_BLOCK_SIZE = 128;
/** Largest block-cipher block (AES). */
export const PSA_BLOCK_CIPHER_BLOCK_MAX_SIZE = 16;
/** Largest IV of a cipher algorithm. */
export const PSA_CIPHER_IV_MAX_SIZE = 16;

/** `PSA_HASH_LENGTH(alg)`: digest size in bytes, 0 for an unknown hash. */
export function PSA_HASH_LENGTH(alg: PsaAlgorithm): number {
  switch (alg) {
    case PSA_ALG_MD5:
      return 16;
    case PSA_ALG_RIPEMD160:
    case PSA_ALG_SHA_1:
      return 20;
    case PSA_ALG_SHA_224:
    case PSA_ALG_SHA_512_224:
    case PSA_ALG_SHA3_224:
      return 28;
    case PSA_ALG_SHA_256:
    case PSA_ALG_SHA_512_256:
    case PSA_ALG_SHA3_256:
      return 32;
    case PSA_ALG_SHA_384:
    case PSA_ALG_SHA3_384:
      return 48;
    case PSA_ALG_SHA_512:
    case PSA_ALG_SHA3_512:
      return 64;
    default:
      return 0;
  }
}

/** `PSA_HASH_BLOCK_LENGTH(alg)`: the hash's input block size in bytes, 0 for unknown. */
export function PSA_HASH_BLOCK_LENGTH(alg: PsaAlgorithm): number {
  switch (alg) {
    case PSA_ALG_MD5:
    case PSA_ALG_RIPEMD160:
    case PSA_ALG_SHA_1:
    case PSA_ALG_SHA_224:
    case PSA_ALG_SHA_256:
      return 64;
    case PSA_ALG_SHA_384:
    case PSA_ALG_SHA_512:
    case PSA_ALG_SHA_512_224:
    case PSA_ALG_SHA_512_256:
      return 128;
    case PSA_ALG_SHA3_224:
      return 144;
    case PSA_ALG_SHA3_256:
      return 136;
    case PSA_ALG_SHA3_384:
      return 104;
    case PSA_ALG_SHA3_512:
      return 72;
    default:
      return 0;
  }
}

/** `PSA_BLOCK_CIPHER_BLOCK_LENGTH(type)`: 16 for AES, 8 for DES, 1 for stream ciphers, 0 otherwise. */
export function PSA_BLOCK_CIPHER_BLOCK_LENGTH(type: PsaKeyType): number {
  return (type & PSA_KEY_TYPE_CATEGORY_MASK) === PSA_KEY_TYPE_CATEGORY_SYMMETRIC ? 1 << ((type >> 8) & 7) : 0;
}

/** `PSA_MAC_LENGTH(key_type, key_bits, alg)`: MAC size in bytes (truncation included). */
export function PSA_MAC_LENGTH(keyType: PsaKeyType, _keyBits: number, alg: PsaAlgorithm): number {
  if (alg & PSA_ALG_MAC_TRUNCATION_MASK) return PSA_MAC_TRUNCATED_LENGTH(alg);
  if (PSA_ALG_IS_HMAC(alg)) return PSA_HASH_LENGTH(PSA_ALG_HMAC_GET_HASH(alg));
  if (PSA_ALG_IS_BLOCK_CIPHER_MAC(alg)) return PSA_BLOCK_CIPHER_BLOCK_LENGTH(keyType);
  return 0;
}

/** `PSA_CIPHER_IV_LENGTH(key_type, alg)`: 16 for AES CBC/CTR/CFB/OFB/XTS, 0 for ECB. */
export function PSA_CIPHER_IV_LENGTH(keyType: PsaKeyType, alg: PsaAlgorithm): number {
  const block = PSA_BLOCK_CIPHER_BLOCK_LENGTH(keyType);
  if (
    block > 1 &&
    (alg === PSA_ALG_CTR ||
      alg === PSA_ALG_CFB ||
      alg === PSA_ALG_OFB ||
      alg === PSA_ALG_XTS ||
      alg === PSA_ALG_CBC_NO_PADDING ||
      alg === PSA_ALG_CBC_PKCS7)
  ) {
    return block;
  }
  if (keyType === PSA_KEY_TYPE_CHACHA20 && alg === PSA_ALG_STREAM_CIPHER) return 12;
  if (alg === PSA_ALG_CCM_STAR_NO_TAG) return 13;
  return 0;
}

const roundUp = (block: number, n: number): number => Math.ceil(n / block) * block;

/** `PSA_CIPHER_ENCRYPT_OUTPUT_SIZE(key_type, alg, input_length)`: IV plus ciphertext. */
export function PSA_CIPHER_ENCRYPT_OUTPUT_SIZE(
  keyType: PsaKeyType,
  alg: PsaAlgorithm,
  inputLength: number,
): number {
  const block = PSA_BLOCK_CIPHER_BLOCK_LENGTH(keyType);
  if (!PSA_ALG_IS_CIPHER(alg) || block === 0) return 0;
  const iv = PSA_CIPHER_IV_LENGTH(keyType, alg);
  return alg === PSA_ALG_CBC_PKCS7 ? roundUp(block, inputLength + 1) + iv : inputLength + iv;
}

/** `PSA_CIPHER_DECRYPT_OUTPUT_SIZE(key_type, alg, input_length)`: the input without the IV. */
export function PSA_CIPHER_DECRYPT_OUTPUT_SIZE(
  keyType: PsaKeyType,
  alg: PsaAlgorithm,
  inputLength: number,
): number {
  const block = PSA_BLOCK_CIPHER_BLOCK_LENGTH(keyType);
  if (!PSA_ALG_IS_CIPHER(alg) || block === 0) return 0;
  return Math.max(0, inputLength - PSA_CIPHER_IV_LENGTH(keyType, alg));
}

/** `PSA_CIPHER_UPDATE_OUTPUT_SIZE(key_type, alg, input_length)`: enough for one `psa_cipher_update`. */
export function PSA_CIPHER_UPDATE_OUTPUT_SIZE(
  keyType: PsaKeyType,
  alg: PsaAlgorithm,
  inputLength: number,
): number {
  const block = PSA_BLOCK_CIPHER_BLOCK_LENGTH(keyType);
  if (!PSA_ALG_IS_CIPHER(alg) || block === 0) return 0;
  return alg === PSA_ALG_CBC_PKCS7 || alg === PSA_ALG_CBC_NO_PADDING || alg === PSA_ALG_ECB_NO_PADDING
    ? roundUp(block, inputLength)
    : inputLength;
}

/** `PSA_CIPHER_FINISH_OUTPUT_SIZE(key_type, alg)`: one block for CBC-PKCS7, else 0. */
export function PSA_CIPHER_FINISH_OUTPUT_SIZE(keyType: PsaKeyType, alg: PsaAlgorithm): number {
  return alg === PSA_ALG_CBC_PKCS7 ? PSA_BLOCK_CIPHER_BLOCK_LENGTH(keyType) : 0;
}
