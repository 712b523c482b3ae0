/**
 * MILENAGE throughput: psa-emu's word-level fast path against the same work done with node:crypto
 * AES (OpenSSL), once the straightforward way (a `createCipheriv` per block, the baseline) and once
 * with one reused ECB cipher per K, and libosmocore's C milenage_f1 + milenage_f2345 timed in the same
 * session. One operation = one full set f1, f1*, f2, f3, f4, f5, f5* (6 AES blocks, TEMP shared), or
 * one OPc derivation.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { computeOpc, createMilenage, MILENAGE_LAYOUT } from '../src/milenage/index.js';
import { measure } from './measure.js';
import { freshCipherPerBlock, nodeMilenage, reusedCipher, xor } from './node-milenage.js';
import { osmocomBench, osmocomRow } from './osmocom.js';
import type { BenchSuite } from './types.js';

/** Each timed call runs this many operations, so timer overhead stays negligible. */
const BATCH = 256;

export const suite: BenchSuite = {
  name: 'MILENAGE',
  async run(options, note) {
    const k = randomBytes(16);
    const op = randomBytes(16);
    const opc = Buffer.from(computeOpc(k, op));
    const inputs = Array.from({ length: BATCH }, () => ({
      rand: randomBytes(16),
      sqn: randomBytes(6),
      amf: randomBytes(2),
    }));
    const keys = Array.from({ length: BATCH }, () => ({ k: randomBytes(16), op: randomBytes(16) }));

    const m = createMilenage({ k, opc });
    const out = new Uint8Array(MILENAGE_LAYOUT.length);
    const straightforward = freshCipherPerBlock(k);
    const reused = reusedCipher(k);

    // Same work, same answers: check every input once before timing anything.
    for (const { rand, sqn, amf } of inputs) {
      const ours = Buffer.from(m.computeInto(rand, sqn, amf, out));
      const a = nodeMilenage(straightforward, opc, rand, sqn, amf);
      const b = nodeMilenage(reused, opc, rand, sqn, amf);
      if (!ours.equals(a) || !ours.equals(b)) throw new Error('node:crypto baseline and psa-emu disagree');
    }
    for (const { k: kk, op: oo } of keys) {
      const ours = Buffer.from(computeOpc(kk, oo));
      if (!ours.equals(xor(oo, freshCipherPerBlock(kk)(oo)))) throw new Error('OPc baselines disagree');
    }

    let sink = 0;
    const setGroup = 'full set f1, f1*, f2..f5, f5* (6 AES blocks)';
    const rows = await measure(options, setGroup, 'sets', [
      {
        name: 'psa-emu compute() (K schedule + OPc cached)',
        ops: BATCH,
        fn: () => {
          for (const { rand, sqn, amf } of inputs) sink ^= m.compute(rand, sqn, amf).res[0]!;
        },
      },
      {
        name: 'psa-emu computeInto() (reused 68-byte buffer)',
        ops: BATCH,
        fn: () => {
          for (const { rand, sqn, amf } of inputs) m.computeInto(rand, sqn, amf, out);
          sink ^= out[0]!;
        },
      },
      {
        name: 'node:crypto, createCipheriv per block (straightforward)',
        ops: BATCH,
        baseline: true,
        fn: () => {
          for (const { rand, sqn, amf } of inputs)
            sink ^= nodeMilenage(straightforward, opc, rand, sqn, amf)[0]!;
        },
      },
      {
        name: 'node:crypto, one reused ECB cipher per K',
        ops: BATCH,
        fn: () => {
          for (const { rand, sqn, amf } of inputs) sink ^= nodeMilenage(reused, opc, rand, sqn, amf)[0]!;
        },
      },
    ]);
    const c = osmocomBench();
    if ('bin' in c) {
      rows.push(
        osmocomRow(c.bin, 'sets', options, {
          group: setGroup,
          name: 'libosmocore C milenage_f1 + milenage_f2345',
          unit: 'sets',
          note: 'C (hostap-derived milenage.c): f1 and f2345 each compute TEMP, 7 AES blocks per set',
        }),
      );
    } else note(c.unavailable);
    rows.push(
      ...(await measure(options, 'OPc derivation', 'OPc', [
        {
          name: 'psa-emu computeOpc(k, op)',
          ops: BATCH,
          fn: () => {
            for (const { k: kk, op: oo } of keys) sink ^= computeOpc(kk, oo)[0]!;
          },
        },
        {
          name: 'psa-emu createMilenage({ k, op }) (key schedule + OPc)',
          ops: BATCH,
          fn: () => {
            for (const { k: kk, op: oo } of keys) sink ^= createMilenage({ k: kk, op: oo }).macLength;
          },
        },
        {
          name: 'node:crypto, createCipheriv per call',
          ops: BATCH,
          baseline: true,
          fn: () => {
            for (const { k: kk, op: oo } of keys) sink ^= xor(oo, freshCipherPerBlock(kk)(oo))[0]!;
          },
        },
      ])),
    );
    m.dispose();
    if (sink === 0.5) console.log(sink); // keeps the results observable to the optimiser
    return rows;
  },
};
