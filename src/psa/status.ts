/**
 * PSA status codes (`psa_status_t`) with their C names, C values and a plain-language reason.
 * Sources: TF-M `interface/include/psa/error.h` (FF-M codes, NCS v3.2.2) and
 * Mbed TLS 3.6.5 `include/psa/crypto_values.h` (crypto codes).
 * @module
 */

/** A `psa_status_t`: 0 for success, negative for errors. */
export type PsaStatus = number;

/** The action completed successfully. */
export const PSA_SUCCESS = 0;
/** FF-M: a programmer error in the caller (e.g. a malformed iovec). */
export const PSA_ERROR_PROGRAMMER_ERROR = -129;
/** FF-M: the service refused the connection. */
export const PSA_ERROR_CONNECTION_REFUSED = -130;
/** FF-M: the service is busy. */
export const PSA_ERROR_CONNECTION_BUSY = -131;
/** An error occurred that does not correspond to any defined failure cause. */
export const PSA_ERROR_GENERIC_ERROR = -132;
/** The requested action is denied by a policy. */
export const PSA_ERROR_NOT_PERMITTED = -133;
/** The requested operation or a parameter is not supported by this implementation. */
export const PSA_ERROR_NOT_SUPPORTED = -134;
/** The parameters passed to the function are invalid. */
export const PSA_ERROR_INVALID_ARGUMENT = -135;
/** The key identifier is not valid. */
export const PSA_ERROR_INVALID_HANDLE = -136;
/** The requested action cannot be performed in the current state. */
export const PSA_ERROR_BAD_STATE = -137;
/** An output buffer is too small. */
export const PSA_ERROR_BUFFER_TOO_SMALL = -138;
/** Asking for an item that already exists. */
export const PSA_ERROR_ALREADY_EXISTS = -139;
/** Asking for an item that doesn't exist. */
export const PSA_ERROR_DOES_NOT_EXIST = -140;
/** There is not enough runtime memory. */
export const PSA_ERROR_INSUFFICIENT_MEMORY = -141;
/** There is not enough persistent storage. */
export const PSA_ERROR_INSUFFICIENT_STORAGE = -142;
/** Insufficient data when attempting to read from a resource. */
export const PSA_ERROR_INSUFFICIENT_DATA = -143;
/** FF-M: the service failed. */
export const PSA_ERROR_SERVICE_FAILURE = -144;
/** There was a communication failure inside the implementation. */
export const PSA_ERROR_COMMUNICATION_FAILURE = -145;
/** There was a storage failure that may have led to data loss. */
export const PSA_ERROR_STORAGE_FAILURE = -146;
/** A hardware failure was detected. */
export const PSA_ERROR_HARDWARE_FAILURE = -147;
/** There is not enough entropy to generate random data. */
export const PSA_ERROR_INSUFFICIENT_ENTROPY = -148;
/** The signature, MAC or hash is incorrect. */
export const PSA_ERROR_INVALID_SIGNATURE = -149;
/** The decrypted padding is incorrect. */
export const PSA_ERROR_INVALID_PADDING = -150;
/** A tampering attempt was detected. */
export const PSA_ERROR_CORRUPTION_DETECTED = -151;
/** Stored data has been corrupted. */
export const PSA_ERROR_DATA_CORRUPT = -152;
/** Data read from storage is not valid for the implementation. */
export const PSA_ERROR_DATA_INVALID = -153;
/** FF-M (TF-M `error.h`): a dependency is needed. */
export const PSA_ERROR_DEPENDENCY_NEEDED = -156;
/** FF-M (TF-M `error.h`): flash abuse detected. */
export const PSA_ERROR_FLASH_ABUSE = -160;
/** FF-M (TF-M `error.h`): insufficient power. */
export const PSA_ERROR_INSUFFICIENT_POWER = -161;
/** Mbed TLS: an interruptible operation is not finished yet. */
export const PSA_OPERATION_INCOMPLETE = -248;

interface StatusInfo {
  readonly name: string;
  readonly reason: string;
}

const STATUS: ReadonlyMap<number, StatusInfo> = new Map<number, StatusInfo>([
  [PSA_SUCCESS, { name: 'PSA_SUCCESS', reason: 'the call succeeded' }],
  [
    PSA_ERROR_PROGRAMMER_ERROR,
    {
      name: 'PSA_ERROR_PROGRAMMER_ERROR',
      reason: 'the caller broke the PSA Firmware Framework rules (e.g. a malformed iovec)',
    },
  ],
  [
    PSA_ERROR_CONNECTION_REFUSED,
    { name: 'PSA_ERROR_CONNECTION_REFUSED', reason: 'the secure service refused the connection' },
  ],
  [PSA_ERROR_CONNECTION_BUSY, { name: 'PSA_ERROR_CONNECTION_BUSY', reason: 'the secure service is busy' }],
  [PSA_ERROR_GENERIC_ERROR, { name: 'PSA_ERROR_GENERIC_ERROR', reason: 'an unspecified error occurred' }],
  [
    PSA_ERROR_NOT_PERMITTED,
    {
      name: 'PSA_ERROR_NOT_PERMITTED',
      reason: "the key's policy (usage flags or algorithm) does not allow this",
    },
  ],
  [
    PSA_ERROR_NOT_SUPPORTED,
    {
      name: 'PSA_ERROR_NOT_SUPPORTED',
      reason:
        'the operation or a parameter is not supported by this build (on TF-M: the module is compiled out, or the core has no key storage)',
    },
  ],
  [
    PSA_ERROR_INVALID_ARGUMENT,
    {
      name: 'PSA_ERROR_INVALID_ARGUMENT',
      reason: 'an argument is invalid (size, algorithm, key id or attribute)',
    },
  ],
  [
    PSA_ERROR_INVALID_HANDLE,
    { name: 'PSA_ERROR_INVALID_HANDLE', reason: 'no key with this identifier exists for this caller' },
  ],
  [
    PSA_ERROR_BAD_STATE,
    {
      name: 'PSA_ERROR_BAD_STATE',
      reason: 'the library or the operation is not in a state that allows this call',
    },
  ],
  [
    PSA_ERROR_BUFFER_TOO_SMALL,
    { name: 'PSA_ERROR_BUFFER_TOO_SMALL', reason: 'the output buffer is too small' },
  ],
  [
    PSA_ERROR_ALREADY_EXISTS,
    { name: 'PSA_ERROR_ALREADY_EXISTS', reason: 'a key or asset with this identifier already exists' },
  ],
  [PSA_ERROR_DOES_NOT_EXIST, { name: 'PSA_ERROR_DOES_NOT_EXIST', reason: 'the key or asset does not exist' }],
  [
    PSA_ERROR_INSUFFICIENT_MEMORY,
    {
      name: 'PSA_ERROR_INSUFFICIENT_MEMORY',
      reason: 'not enough runtime memory (key-slot cache full, or a TF-M iovec scratch buffer overflow)',
    },
  ],
  [
    PSA_ERROR_INSUFFICIENT_STORAGE,
    {
      name: 'PSA_ERROR_INSUFFICIENT_STORAGE',
      reason: 'not enough persistent storage (the ITS asset table or flash is full)',
    },
  ],
  [PSA_ERROR_INSUFFICIENT_DATA, { name: 'PSA_ERROR_INSUFFICIENT_DATA', reason: 'not enough data to read' }],
  [PSA_ERROR_SERVICE_FAILURE, { name: 'PSA_ERROR_SERVICE_FAILURE', reason: 'the secure service failed' }],
  [
    PSA_ERROR_COMMUNICATION_FAILURE,
    { name: 'PSA_ERROR_COMMUNICATION_FAILURE', reason: 'communication inside the implementation failed' },
  ],
  [
    PSA_ERROR_STORAGE_FAILURE,
    { name: 'PSA_ERROR_STORAGE_FAILURE', reason: 'the storage backend failed (data may be lost)' },
  ],
  [
    PSA_ERROR_HARDWARE_FAILURE,
    { name: 'PSA_ERROR_HARDWARE_FAILURE', reason: 'a hardware failure was detected' },
  ],
  [
    PSA_ERROR_INSUFFICIENT_ENTROPY,
    { name: 'PSA_ERROR_INSUFFICIENT_ENTROPY', reason: 'not enough entropy for random generation' },
  ],
  [
    PSA_ERROR_INVALID_SIGNATURE,
    { name: 'PSA_ERROR_INVALID_SIGNATURE', reason: 'the MAC, signature or hash does not match' },
  ],
  [
    PSA_ERROR_INVALID_PADDING,
    { name: 'PSA_ERROR_INVALID_PADDING', reason: 'the decrypted padding is invalid' },
  ],
  [
    PSA_ERROR_CORRUPTION_DETECTED,
    { name: 'PSA_ERROR_CORRUPTION_DETECTED', reason: 'internal corruption or tampering was detected' },
  ],
  [PSA_ERROR_DATA_CORRUPT, { name: 'PSA_ERROR_DATA_CORRUPT', reason: 'stored data is corrupted' }],
  [
    PSA_ERROR_DATA_INVALID,
    {
      name: 'PSA_ERROR_DATA_INVALID',
      reason: 'stored data is not valid for this implementation (wrong format or version)',
    },
  ],
  [
    PSA_ERROR_DEPENDENCY_NEEDED,
    { name: 'PSA_ERROR_DEPENDENCY_NEEDED', reason: 'a dependency is needed first' },
  ],
  [PSA_ERROR_FLASH_ABUSE, { name: 'PSA_ERROR_FLASH_ABUSE', reason: 'flash abuse detected' }],
  [PSA_ERROR_INSUFFICIENT_POWER, { name: 'PSA_ERROR_INSUFFICIENT_POWER', reason: 'insufficient power' }],
  [
    PSA_OPERATION_INCOMPLETE,
    { name: 'PSA_OPERATION_INCOMPLETE', reason: 'the interruptible operation is not finished' },
  ],
]);

/** Every status value this package knows, in numeric order (0 first, then −129 down to −248). */
export const PSA_STATUS_VALUES: readonly number[] = [...STATUS.keys()].sort((a, b) => b - a);

/**
 * The C name of a status (`-134` → `'PSA_ERROR_NOT_SUPPORTED'`).
 * Unknown values give `'PSA_STATUS_<n>'` rather than throwing.
 */
export function psaStatusName(status: number): string {
  return STATUS.get(status)?.name ?? `PSA_STATUS_${status}`;
}

/** A one-line plain-language reason for a status. */
export function psaStatusReason(status: number): string {
  return STATUS.get(status)?.reason ?? 'unknown status';
}

/** True when `status` is a known PSA status value. */
export function isPsaStatus(status: unknown): status is PsaStatus {
  return typeof status === 'number' && STATUS.has(status);
}
