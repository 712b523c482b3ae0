/**
 * The persistent-key record the PSA core writes to ITS, byte for byte as Mbed TLS 3.6.5 /
 * the Oberon core do (`library/psa_crypto_storage.c`, `psa_format_key_data_for_storage` and
 * `psa_parse_key_data_from_storage`):
 *
 * | offset | size | field |
 * |---|---|---|
 * | 0 | 8 | magic `"PSA\0KEY\0"` |
 * | 8 | 4 | version (0), LE |
 * | 12 | 4 | lifetime, LE |
 * | 16 | 2 | type, LE |
 * | 18 | 2 | bits, LE |
 * | 20 | 4 | policy usage, LE |
 * | 24 | 4 | policy alg, LE |
 * | 28 | 4 | policy alg2, LE |
 * | 32 | 4 | key data length, LE |
 * | 36 | n | key data |
 *
 * 36 + 16 = 52 bytes for AES-128. The ITS uid is `(owner << 32) | key_id` when key ids
 * encode owners (TF-M), else the key id (`psa_its_identifier_of_slot`).
 * @module
 */
import { copyBytes } from '../../utils/bytes.js';
import { PSA_MAX_KEY_BITS } from '../attributes.js';
import { PSA_ERROR_DATA_INVALID } from '../status.js';

/** `PSA_KEY_STORAGE_MAGIC_HEADER`. */
export const PSA_KEY_STORAGE_MAGIC = new Uint8Array([0x50, 0x53, 0x41, 0x00, 0x4b, 0x45, 0x59, 0x00]);
/** Size of the header before the key bytes. */
export const PSA_KEY_BLOB_HEADER_SIZE = 36;
/** `PSA_CRYPTO_MAX_STORAGE_SIZE` (Mbed TLS: PSA_BITS_TO_BYTES(PSA_MAX_KEY_BITS)). */
export const PSA_CRYPTO_MAX_STORAGE_SIZE = PSA_MAX_KEY_BITS / 8;

/** The attributes stored with a persistent key. */
export interface StoredKeyAttributes {
  lifetime: number;
  type: number;
  bits: number;
  usage: number;
  alg: number;
  alg2: number;
}

/** Serialises a key and its attributes into the storage record. */
export function formatKeyBlob(attr: StoredKeyAttributes, key: Uint8Array): Uint8Array {
  const out = new Uint8Array(PSA_KEY_BLOB_HEADER_SIZE + key.length);
  const v = new DataView(out.buffer);
  out.set(PSA_KEY_STORAGE_MAGIC, 0);
  v.setUint32(8, 0, true);
  v.setUint32(12, attr.lifetime >>> 0, true);
  v.setUint16(16, attr.type, true);
  v.setUint16(18, attr.bits, true);
  v.setUint32(20, attr.usage >>> 0, true);
  v.setUint32(24, attr.alg >>> 0, true);
  v.setUint32(28, attr.alg2 >>> 0, true);
  v.setUint32(32, key.length, true);
  out.set(key, PSA_KEY_BLOB_HEADER_SIZE);
  return out;
}

/**
 * Parses a storage record. Returns the attributes and a copy of the key bytes, or a status:
 * `PSA_ERROR_DATA_INVALID` for a short record, a wrong magic, a version other than 0 or a
 * data length beyond the record (the statuses of `psa_parse_key_data_from_storage`).
 */
export function parseKeyBlob(blob: Uint8Array): { attr: StoredKeyAttributes; key: Uint8Array } | number {
  if (blob.length < PSA_KEY_BLOB_HEADER_SIZE) return PSA_ERROR_DATA_INVALID;
  for (let i = 0; i < PSA_KEY_STORAGE_MAGIC.length; i++) {
    if (blob[i] !== PSA_KEY_STORAGE_MAGIC[i]) return PSA_ERROR_DATA_INVALID;
  }
  const v = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  if (v.getUint32(8, true) !== 0) return PSA_ERROR_DATA_INVALID;
  const len = v.getUint32(32, true);
  if (len > blob.length - PSA_KEY_BLOB_HEADER_SIZE || len > PSA_CRYPTO_MAX_STORAGE_SIZE)
    return PSA_ERROR_DATA_INVALID;
  return {
    attr: {
      lifetime: v.getUint32(12, true),
      type: v.getUint16(16, true),
      bits: v.getUint16(18, true),
      usage: v.getUint32(20, true),
      alg: v.getUint32(24, true),
      alg2: v.getUint32(28, true),
    },
    key: copyBytes(blob, PSA_KEY_BLOB_HEADER_SIZE, PSA_KEY_BLOB_HEADER_SIZE + len),
  };
}

/** The ITS uid of a persistent key: `(owner << 32) | id` (owner as uint32), or `id` for owner 0. */
export function keyIdToUid(owner: number, id: number): bigint {
  return (BigInt(owner >>> 0) << 32n) | BigInt(id >>> 0);
}
