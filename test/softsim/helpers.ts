/**
 * Shared set-up for the SoftSIM tests: a PSA on the reporter's TF-M build (derived from its
 * prj.conf: the minimal profile) or on the fixed one, a stepping clock, and the SoftSIM vectors.
 */

import { createPsa, memoryStorage, type Psa } from '../../src/index.js';
import type { ItsStore } from '../../src/its/store.js';
import { FIXED_PRJ_CONF, REPORTER_PRJ_CONF } from '../../src/softsim/index.js';
import { tfmConfigFromKconfig } from '../../src/tfm/index.js';
import { fromHex } from '../../src/utils/bytes.js';
import vectors from '../vectors/softsim.json' with { type: 'json' };

export { vectors };

export const BOARD = 'nrf9151dk/nrf9151/ns';

/** The TF-M build a prj.conf gives on the nRF9151 DK. */
export function tfmOf(prjConf: string) {
  return tfmConfigFromKconfig(prjConf, { board: BOARD }).config;
}

/** A PSA on the reporter's build (`'reporter'`) or the fixed one (`'fixed'`). */
export function psaFor(build: 'reporter' | 'fixed', storage: ItsStore = memoryStorage()): Psa {
  return createPsa({
    target: 'tfm',
    tfm: tfmOf(build === 'reporter' ? REPORTER_PRJ_CONF : FIXED_PRJ_CONF),
    storage,
  });
}

/** A clock that advances 1.25 ms per reading from `start` ms (deterministic timestamps). */
export function steppingClock(start = 1000): () => number {
  let t = start;
  return () => {
    t += 1.25;
    return t;
  };
}

export const GOLDEN = vectors.authenticate_resync_golden;
export const IDENTITY = vectors.authenticate_identity_aes;
export const RAND = fromHex(GOLDEN.rand);
export const AUTN = fromHex(GOLDEN.autn);

/** Lines of `logs` containing `text`. */
export function linesWith(logs: string[], text: string): string[] {
  return logs.filter((l) => l.includes(text));
}
