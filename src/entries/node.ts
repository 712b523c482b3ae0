/**
 * `psa-emu/node`: Node.js adapters — the file ITS backend, byte-compatible with Mbed TLS's
 * `MBEDTLS_PSA_ITS_FILE_C`, and multi-core authentication-vector generation (worker_threads).
 * @packageDocumentation
 */
export {
  generateAuthVectorsParallel,
  type ParallelAuthVectorInput,
  type ParallelAuthVectorResult,
  vectorWorkerUrl,
} from '../aka/workers/parallel.js';
export {
  decodeItsFile,
  encodeItsFile,
  type FileStorageOptions,
  fileStorage,
  itsFileName,
  PSA_ITS_HEADER_SIZE,
  PSA_ITS_MAGIC,
} from '../node/file-storage.js';
