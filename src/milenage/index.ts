/**
 * `psa-emu/milenage`: the 3GPP MILENAGE algorithm set (TS 35.206) and the GSM conversion
 * functions c2/c3 (TS 33.102 §6.8.1.2, TS 55.205).
 *
 * @example
 * import { createMilenage, c2, c3 } from 'psa-emu/milenage';
 * const m = createMilenage({ k, op });
 * const { macA, res, ck, ik, ak } = m.compute(rand, sqn, amf);
 * const sres = c2(res);
 * const kc = c3(ck, ik);
 * m.dispose();
 * @module
 */

export { defaultMilenageConstants, type MilenageConstants, validateMilenageConstants } from './constants.js';
export { c2, c3, sres2 } from './gsm.js';
export {
  createMilenage,
  MILENAGE_LAYOUT,
  type Milenage,
  type MilenageKeys,
  type MilenageOptions,
  type MilenageResult,
} from './milenage.js';
export { computeOpc } from './opc.js';
export { rotate128 } from './rotate.js';
