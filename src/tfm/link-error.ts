/**
 * `TfmLinkError`: what psa-emu throws where the device firmware would not even link — the NS
 * interface of a TF-M partition that is not built. Zephyr compiles `tfm_its_api.c` only with
 * `CONFIG_TFM_PARTITION_INTERNAL_TRUSTED_STORAGE` and `tfm_crypto_api.c` only with
 * `CONFIG_TFM_PARTITION_CRYPTO` (`modules/trusted-firmware-m/CMakeLists.txt`), so there is no
 * status to return: the call does not exist.
 * @module
 */
import type { TfmPartitions } from './config.js';

const KCONFIG: Record<keyof TfmPartitions, string> = {
  crypto: 'CONFIG_TFM_PARTITION_CRYPTO',
  internalTrustedStorage: 'CONFIG_TFM_PARTITION_INTERNAL_TRUSTED_STORAGE',
  protectedStorage: 'CONFIG_TFM_PARTITION_PROTECTED_STORAGE',
  platform: 'CONFIG_TFM_PARTITION_PLATFORM',
  initialAttestation: 'CONFIG_TFM_PARTITION_INITIAL_ATTESTATION',
  firmwareUpdate: 'CONFIG_TFM_PARTITION_FIRMWARE_UPDATE',
};

/** A call whose NS interface is not linked in this TF-M build. */
export class TfmLinkError extends Error {
  readonly code = 'TFM_LINK_ERROR';
  /** The missing C function. */
  readonly function: string;
  /** The partition that is not built. */
  readonly partition: keyof TfmPartitions;

  constructor(fn: string, partition: keyof TfmPartitions) {
    super(
      `${fn} does not exist in this build: the TF-M partition is not built (${KCONFIG[partition]} is n), so its NS interface is not linked. ` +
        `Under the NCS minimal profile (the nRF91 default) the ITS partition is forced off; set CONFIG_TFM_PROFILE_TYPE_NOT_SET=y.`,
    );
    this.name = 'TfmLinkError';
    this.function = fn;
    this.partition = partition;
  }
}

/**
 * The `TfmLinkError` for calling `fn` (a function of `service`) in a build with these partitions,
 * or `undefined` when its NS interface is linked. The one rule used by the boundary and the wasm imports.
 */
export function tfmLinkErrorOf(
  partitions: TfmPartitions,
  fn: string,
  service: 'crypto' | 'its',
): TfmLinkError | undefined {
  const partition = service === 'its' ? 'internalTrustedStorage' : 'crypto';
  return partitions[partition] ? undefined : new TfmLinkError(fn, partition);
}
