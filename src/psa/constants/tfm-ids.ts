/**
 * TF-M client and partition ids that more than one layer names (the TF-M model in `src/tfm`, the
 * KMU drivers in `src/kmu`): kept here, below both. `src/tfm/config.ts` re-exports them.
 * @module
 */

/** The NS client id of the first NS client (`ns_client_id_tz.h`: limit + 1 + (−1)). */
export const TFM_NS_CLIENT_ID_DEFAULT = -0x3c000000;
/** TF-M partition ids (`tools/tfm_manifest_list.yaml`). */
export const TFM_PARTITION_ID = {
  protectedStorage: 256,
  internalTrustedStorage: 257,
  crypto: 259,
  platform: 260,
  initialAttestation: 261,
} as const;
