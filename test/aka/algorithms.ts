/**
 * The algorithm sets the AKA property tests run against. Each factory turns 32 random bytes into a
 * keyed `AkaAlgorithm` (network and USIM get separate instances with the same keys); the property
 * tests take AUTN/AUTS lengths from `macLength`.
 * `tuak-any` derives every TS 35.231 parameter from the seed (K 128/256, RES 32…256, MAC 64…256,
 * CK/IK 128/256, KeccakIterations 1…3), so the runs cover all combinations.
 */

import type { AkaAlgorithm } from '../../src/aka/index.js';
import { createMilenage } from '../../src/milenage/index.js';
import { createTuak, type TuakOptions } from '../../src/tuak/index.js';

const pick = <T>(xs: readonly T[], b: number): T => xs[b % xs.length]!;

/** TUAK with parameters chosen by the seed's bytes (the key is derived from the seed too). */
function tuakAny(seed: Uint8Array): AkaAlgorithm {
  const options: TuakOptions = {
    resBits: pick([32, 64, 128, 256] as const, seed[0]!),
    macBits: pick([64, 128, 256] as const, seed[1]!),
    ckBits: pick([128, 256] as const, seed[2]!),
    ikBits: pick([128, 256] as const, seed[3]!),
    iterations: 1 + (seed[4]! % 3),
  };
  const k = seed[5]! & 1 ? seed.slice(0, 32) : seed.slice(0, 16);
  return createTuak({ k, topc: seed.slice(0, 32).reverse() }, options);
}

export interface AkaFactory {
  /** Shown in the test titles. */
  name: string;
  /** A keyed instance from 32 seed bytes (K ‖ OPc, or whatever the algorithm needs). */
  create(seed: Uint8Array): AkaAlgorithm;
}

export const AKA_FACTORIES: readonly AkaFactory[] = [
  { name: 'milenage', create: (seed) => createMilenage({ k: seed.slice(0, 16), opc: seed.slice(16, 32) }) },
  {
    name: 'tuak (defaults)',
    create: (seed) => createTuak({ k: seed.slice(0, 16), topc: seed.slice(0, 32) }),
  },
  {
    name: 'tuak (256-bit K, MAC, CK, IK; 2 iterations)',
    create: (seed) =>
      createTuak(
        { k: seed.slice(0, 32), topc: seed.slice(0, 32) },
        { macBits: 256, ckBits: 256, ikBits: 256, resBits: 128, iterations: 2 },
      ),
  },
  { name: 'tuak (any parameters, from the seed)', create: tuakAny },
];
