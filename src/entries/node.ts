/**
 * `psa-emu/node`: Node.js adapters — the file ITS backend, byte-compatible with Mbed TLS's
 * `MBEDTLS_PSA_ITS_FILE_C`.
 * @packageDocumentation
 */
export {
  decodeItsFile,
  encodeItsFile,
  type FileStorageOptions,
  fileStorage,
  itsFileName,
  PSA_ITS_HEADER_SIZE,
  PSA_ITS_MAGIC,
} from '../node/file-storage.js';
