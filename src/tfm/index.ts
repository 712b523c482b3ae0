/**
 * `psa-emu/tfm`: TF-M on nRF91 as NCS v3.2.2 builds it — the configuration model and presets,
 * the Kconfig derivation with its trail and warnings, the doctor, the boundary (dispatcher gate,
 * scratch check, operation table, client ownership) and the link error for partitions that are
 * not built. Use it with `createPsa({ target: 'tfm', tfm: config })` from the root export.
 * @packageDocumentation
 */

export { TfmBoundary, type TfmCallTrace } from './boundary.js';
export {
  minimalConfig,
  notSetConfig,
  resolveTfmConfig,
  TFM_NS_CLIENT_ID_DEFAULT,
  TFM_PARTITION_ID,
  type TfmConfig,
  type TfmCryptoModules,
  type TfmDevice,
  type TfmPartitions,
  type TfmProfile,
  tfmProfileConfig,
} from './config.js';
export {
  DEFAULT_BOARD,
  deviceOfBoard,
  type KconfigWarning,
  ncsDefaultTfmConfig,
  type TfmDerivation,
  type TrailEntry,
  tfmConfigFromKconfig,
} from './derive.js';
export { type AffectedCall, type DiagnoseOptions, type Diagnosis, diagnose, type Finding } from './doctor.js';
export { explainTfmStatus, TFM_MODULES, type TfmModuleInfo, tfmModuleOfGroup } from './explain.js';
export {
  type KconfigAssignment,
  type KconfigFragment,
  type KconfigFragments,
  type KconfigOrigin,
  type KconfigValue,
  parseKconfig,
} from './kconfig.js';
export { TfmLinkError, tfmLinkErrorOf } from './link-error.js';
export { type TfmOperationEntry, TfmOperationTable, type TfmOperationType } from './operation-table.js';
export { MODULE_DEPENDS, MODULE_SYMBOL, PSA_HAS } from './psa-want.js';
