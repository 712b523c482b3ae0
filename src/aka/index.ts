/**
 * `psa-emu/aka`: the AKA toolkit around MILENAGE or TUAK (any `AkaAlgorithm`).
 *
 * - Network side (TS 33.102 §6.3.2, §6.3.5): {@link generateAuthVector}, {@link resynchronise},
 *   EPS and 5G vectors, SQN generation (Annex C.1) with {@link nextSqn}.
 * - USIM side (TS 33.102 §6.3.3, Annex C.2): {@link Usim} with `authenticate` / `authenticateGsm`.
 * - GSM answers from quintets (TS 33.102 §6.8): {@link gsmTriplet}, {@link gsmFromQuintet}.
 * - Key derivations (TS 33.220 Annex B KDF): KASME, KeNB (TS 33.401), CK'/IK' and EAP-AKA' keys
 *   (TS 33.402, RFC 5448), RES*, HRES*, KAUSF, KSEAF, KAMF, KgNB (TS 33.501), SNN and PLMN ID helpers.
 *
 * @example 5G AKA
 * const snn = servingNetworkName({ mcc: '001', mnc: '01' });
 * const av = generate5gAuthVector({ milenage: hn, sqn: 1n, amf: Uint8Array.of(0x80, 0), snn });
 * const answer = new Usim({ milenage: ue }).authenticate(av.rand, av.autn);
 * @module
 */

export type { AkaAlgorithm, AkaComputeResult, F2345Result } from './algorithm.js';
export {
  type AuthVectorBatch,
  type AuthVectorBatchInput,
  type AuthVectorGenerator,
  type AuthVectorGeneratorOptions,
  type AuthVectorKeys,
  type AuthVectorRow,
  type AuthVectorRowLayout,
  authVectorRowLayout,
  authVectorSqn,
  createAuthVectorGenerator,
  generateAuthVectors,
  MILENAGE_VECTOR_ROW,
  type RandSource,
  readAuthVectorRow,
} from './batch.js';
export {
  type CkIkPrimeInput,
  deriveCkIkPrime,
  deriveEapAkaPrimeKeys,
  type EapAkaPrimeKeys,
  type EapAkaPrimeKeysInput,
  kausfFromEmsk,
  prfPrime,
} from './eap-aka-prime.js';
export { deriveKasme, deriveKenb, hasSeparationBit, type KasmeInput, type KenbInput } from './eps.js';
export {
  ACCESS_TYPE,
  checkHresStar,
  checkResStar,
  deriveHresStar,
  deriveKamf,
  deriveKausf,
  deriveKgnb,
  deriveKseaf,
  deriveResStar,
  type KamfInput,
  type KausfInput,
  type KgnbInput,
  type ResStarInput,
} from './fiveg.js';
export { type GsmTriplet, gsmFromQuintet, gsmTriplet } from './gsm.js';
export { KDF_FC, kdf } from './kdf.js';
export {
  type AuthVector,
  type AuthVectorInput,
  type EpsAuthVector,
  type FiveGHeAuthVector,
  generate5gAuthVector,
  generateAuthVector,
  generateEpsAuthVector,
  type ResyncResult,
  resynchronise,
} from './network.js';
export {
  decodePlmnId,
  encodePlmnId,
  type Plmn,
  parseServingNetworkName,
  servingNetworkName,
} from './plmn.js';
export {
  DEFAULT_IND_LENGTH,
  glcFromClock,
  joinSqn,
  MAX_IND_LENGTH,
  type NextSqnOptions,
  nextSeq,
  nextSqn,
  SQN_LENGTH,
  SQN_MAX,
  splitSqn,
  sqnToBytes,
  type TimeBasedSeq,
  toSqn,
} from './sqn.js';
export {
  type AgeLimit,
  type AutsSqnRule,
  checkFreshness,
  type FreshnessFailure,
  type FreshnessRule,
  type FreshnessVerdict,
  highestSeqMs,
  type SqnArrayParams,
  sqnMsForAuts,
} from './sqn-array.js';
export { buildAutn, buildAuts, MAC_LENGTHS, openAutn, openAuts, sqnXorAk } from './tokens.js';
export {
  type CheckOrder,
  DEFAULT_DELTA,
  USIM_PROFILES,
  Usim,
  type UsimAuthResult,
  type UsimOptions,
} from './usim.js';
export type { UsimState } from './usim-state.js';
export {
  AUTH_VECTOR_CSV_HEADER,
  type AuthVectorTextFormat,
  formatAuthVectorRows,
} from './vector-format.js';
