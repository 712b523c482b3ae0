/**
 * `psa-emu/softsim`: Onomondo's SoftSIM (nrf-softsim + onomondo-uicc) on the emulated PSA Crypto
 * of an nRF91 — the crypto port with its PSA calls, two fidelity modes (`'nrf-softsim-3.2'` with
 * that version's quirks, `'fixed'`), provisioning into PSA keys 10/11/12 and SIM files,
 * AUTHENTICATE, Zephyr-format logs, and the `-134` field report as a runnable scenario.
 *
 * @example The field report
 * const { config } = tfmConfigFromKconfig(REPORTER_PRJ_CONF, { board: 'nrf9151dk/nrf9151/ns' });
 * const psa = createPsa({ target: 'tfm', tfm: config, storage: memoryStorage() });
 * const sim = createSoftSim({ psa, quirks: 'nrf-softsim-3.2', profile: FIELD_REPORT_PROFILE });
 * await sim.boot();  // logs "Failed to open key 10, error: -134" … "SoftSIM keys written to KMU"
 * const rsp = await sim.authenticate(rand, autn); // DC 0E ‖ AUTS of an identity "AES" ‖ 90 00
 * @module
 */

export {
  type AuthenticateResponse,
  authenticateCommand,
  parseAuthenticateResponse,
} from './apdu.js';
export {
  AES_BLOCKSIZE,
  EINVAL,
  ENC_ALGORITHM,
  INS_AUTHENTICATE,
  KEY_ID,
  KMU_KEY_SIZE,
  keyIdToKmuSlot,
  LOG_MODULE,
  PROFILE_TAG,
  SHARED_BUFFER_SIZE,
  SW,
} from './constants.js';
export { type SoftSimCryptoCalls, SoftSimCryptoPort, type SoftSimQuirks } from './crypto-port.js';
export {
  createZephyrLog,
  formatZephyrTimestamp,
  type ZephyrLog,
  type ZephyrLogLevel,
  type ZephyrLogOptions,
} from './log.js';
export { createSimMilenage, type EncryptBlock, milenageOpcGen, type SimMilenage } from './milenage.js';
export {
  A004_HEADER,
  A004_LENGTH,
  a001ForPort,
  a004ForPort,
  decodeNvsImage,
  encodeNvsImage,
  SIM_FILE,
  SimFileStore,
  SOFTSIM_NVS_CLIENT,
  SOFTSIM_NVS_UID,
  TEMPLATE_IMSI,
  templateFiles,
} from './nvs.js';
export {
  checkSoftSimProfile,
  decodeIccid,
  decodeImsi,
  decodeSoftSimProfile,
  encodeIccid,
  encodeImsi,
  encodeSoftSimProfile,
  SMSP_RECORD_SIZE,
  type SoftSimProfile,
} from './profile.js';
export {
  type AttachExchange,
  type AttachScenarioOptions,
  type AttachScenarioResult,
  FIELD_REPORT_CHALLENGE,
  FIELD_REPORT_PROFILE,
  FIXED_PRJ_CONF,
  REPORTER_PRJ_CONF,
  runAttachScenario,
  staticProfileFromPrjConf,
} from './scenario.js';
export {
  type CreateSoftSimOptions,
  createSoftSim,
  type SoftSim,
  type SoftSimBootResult,
} from './softsim.js';
export { SoftSimCryptoError, transactApdu, type UiccContext, type UiccVersion } from './uicc.js';
