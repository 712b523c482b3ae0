/**
 * The algorithm sets the AKA property tests run against. Each factory turns 32 random bytes into a
 * keyed `AkaAlgorithm` (network and USIM get separate instances with the same keys).
 * To add TUAK (src/tuak): `{ name: 'tuak', create: (seed) => createTuak({ k: seed.slice(0, 16), topc: seed }) }`
 * (TOPc is 32 bytes), plus e.g. `createTuak({ k: seed, topc: seed }, { macBits: 256, ckBits: 256, ikBits: 256 })`
 * for the long MAC/CK/IK paths; the property tests take AUTN/AUTS lengths from `macLength`.
 */

import type { AkaAlgorithm } from '../../src/aka/index.js';
import { createMilenage } from '../../src/milenage/index.js';

export interface AkaFactory {
  /** Shown in the test titles. */
  name: string;
  /** A keyed instance from 32 seed bytes (K ‖ OPc, or whatever the algorithm needs). */
  create(seed: Uint8Array): AkaAlgorithm;
}

export const AKA_FACTORIES: readonly AkaFactory[] = [
  { name: 'milenage', create: (seed) => createMilenage({ k: seed.slice(0, 16), opc: seed.slice(16, 32) }) },
];
