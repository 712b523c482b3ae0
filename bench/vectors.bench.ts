/**
 * Network-side authentication vectors (TS 33.102 §6.3.2: RAND, XRES, CK, IK, AK, AUTN with sequential
 * SQN), every row drawing fresh random RANDs. The baseline is libosmocore's C `osmo_auth_gen_vec()`
 * loop (test/interop/osmocom-bench.c) timed in the same session, so "vs baseline" is psa-emu / C.
 * A second group runs the bulk path on worker threads (`generateAuthVectorsParallel`).
 * @module
 */
import { randomBytes } from 'node:crypto';
import {
  createAuthVectorGenerator,
  generateAuthVector,
  MILENAGE_VECTOR_ROW,
  readAuthVectorRow,
} from '../src/aka/index.js';
import { generateAuthVectorsParallel } from '../src/aka/workers/parallel.js';
import { createMilenage } from '../src/milenage/index.js';
import { fromHex, toHex } from '../src/utils/bytes.js';
import { assertSame, measure, summarise } from './measure.js';
import { freshCipherPerBlock, nodeAuthVector } from './node-milenage.js';
import { osmocomBench, osmocomCheck, osmocomRow } from './osmocom.js';
import type { BenchResult, BenchSuite } from './types.js';

const ROWS = 4096;
const PER_CALL = 256;
const GROUP = 'network vector generation (fresh RAND, sequential SQN)';

/** TS 35.208 test set 1, used to check that the C program and psa-emu compute the same vector. */
const SET1 = {
  k: '465b5ce8b199b49faa5f0a2ee238a6bc',
  opc: 'cd63cb71954a9f4e48a5994e37a02baf',
  amf: 'b9b9',
  sqn: 'ff9bb4d0b607',
  rand: '23553cbe9637a89d218ae64dae47bf35',
};

function checkAgainstC(bin: string): void {
  const c = osmocomCheck(bin, SET1);
  const gen = createAuthVectorGenerator(
    { k: fromHex(SET1.k), opc: fromHex(SET1.opc) },
    { amf: fromHex(SET1.amf), rand: (out) => out.set(fromHex(SET1.rand)) },
  );
  const rows = new Uint8Array(MILENAGE_VECTOR_ROW.length);
  gen.generateInto(fromHex(SET1.sqn), 1, rows);
  const ours = readAuthVectorRow(rows, 0);
  const same =
    toHex(ours.autn) === c.autn &&
    toHex(ours.xres) === c.res &&
    toHex(ours.ck) === c.ck &&
    toHex(ours.ik) === c.ik;
  if (!same) throw new Error('libosmocore and psa-emu disagree on TS 35.208 set 1');
  gen.dispose();
}

/** Three timed runs of the parallel API (after a short warm-up run), one row. */
async function parallelRow(workers: number, count: number): Promise<BenchResult> {
  const k = randomBytes(16);
  const opc = randomBytes(16);
  const amf = Uint8Array.of(0x80, 0);
  let sink = 0;
  const onBatch = (b: { rows: Uint8Array }) => {
    sink ^= b.rows[0]!;
  };
  await generateAuthVectorsParallel({ k, opc, amf, sqnStart: 0n, count: 50_000, workers, onBatch }); // warm-up
  const rates: number[] = [];
  for (let run = 0; run < 3; run++) {
    const r = await generateAuthVectorsParallel({ k, opc, amf, sqnStart: 0n, count, workers, onBatch });
    rates.push(r.vectorsPerSecond);
  }
  if (sink === 0.5) console.log(sink);
  const { mean, rme } = summarise(rates);
  return {
    group: 'bulk vectors, generateAuthVectorsParallel (incl. worker start-up)',
    name: workers === 0 ? 'workers: 0 (this thread)' : `workers: ${workers} (worker_threads)`,
    opsPerSecond: mean,
    unit: 'vectors',
    rme,
    samples: rates.length,
    ...(workers === 0 ? { baseline: true } : {}),
  };
}

export const suite: BenchSuite = {
  name: 'AKA vectors',
  async run(options, note) {
    const k = randomBytes(16);
    const opc = randomBytes(16);
    const amf = Buffer.of(0x80, 0x00);
    const m = createMilenage({ k, opc });
    const fast = createAuthVectorGenerator({ k, opc }, { amf });
    const generic = createAuthVectorGenerator({ milenage: m }, { amf });
    const rows = new Uint8Array(ROWS * MILENAGE_VECTOR_ROW.length);
    const encrypt = freshCipherPerBlock(k);

    // Same work, same answers, before timing anything.
    fast.generateInto(0x123456789an, ROWS, rows);
    for (let i = 0; i < ROWS; i += 97) {
      const row = readAuthVectorRow(rows, i);
      const av = generateAuthVector({ milenage: m, sqn: row.sqn, amf, rand: row.rand });
      const sqn = Buffer.from(fromHex(row.sqn.toString(16).padStart(12, '0')));
      const plain = nodeAuthVector(encrypt, opc, sqn, amf, Buffer.from(row.rand));
      assertSame('generateAuthVector vs fast path', av.autn, row.autn);
      assertSame('node:crypto vs fast path', plain.autn, row.autn);
      assertSame(
        'node:crypto vs fast path',
        Buffer.concat([plain.xres, plain.ck, plain.ik]),
        rows.subarray(i * 84 + 16, i * 84 + 56),
      );
    }
    const c = osmocomBench();
    if ('bin' in c) checkAgainstC(c.bin);
    else note(c.unavailable);

    let sqn = 0n;
    let sqnNumber = 0;
    let sink = 0;
    const sqnBuffer = Buffer.alloc(6);
    const results = await measure(options, GROUP, 'vectors', [
      {
        name: 'psa-emu fast path, generateInto() packed rows ({ k, opc })',
        ops: ROWS,
        note: 'RANDs by crypto.getRandomValues in 64 KiB chunks; rows into one reused buffer',
        fn: () => {
          sqn = fast.generateInto(sqn, ROWS, rows)! + 1n;
        },
      },
      {
        name: 'psa-emu generateInto() via { milenage } (computeInto)',
        ops: ROWS,
        fn: () => {
          sqn = generic.generateInto(sqn, ROWS, rows)! + 1n;
        },
      },
      {
        name: 'psa-emu generateAuthVector() (one object per vector)',
        ops: PER_CALL,
        fn: () => {
          for (let i = 0; i < PER_CALL; i++)
            sink ^= generateAuthVector({ milenage: m, sqn: sqn++, amf }).autn[0]!;
        },
      },
      {
        name: 'node:crypto straightforward (createCipheriv per block, Buffers)',
        ops: PER_CALL,
        fn: () => {
          for (let i = 0; i < PER_CALL; i++) {
            sqnBuffer.writeUIntBE(sqnNumber++, 0, 6);
            sink ^= nodeAuthVector(encrypt, opc, sqnBuffer, amf).autn[0]!;
          }
        },
      },
    ]);
    if ('bin' in c) {
      results.push(
        osmocomRow(c.bin, 'vec', options, {
          group: GROUP,
          name: 'libosmocore C osmo_auth_gen_vec()',
          unit: 'vectors',
          baseline: true,
          note: 'C, RANDs by getrandom() in 64 KiB chunks; also computes the GSM SRES/Kc',
        }),
      );
    }
    fast.dispose();
    generic.dispose();
    m.dispose();
    if (sink === 0.5) console.log(sink);

    const count = Math.max(200_000, Math.round(options.timeMs * 3000));
    for (const workers of [0, 1, 2]) results.push(await parallelRow(workers, count));
    const startUp = await generateAuthVectorsParallel({
      k,
      opc,
      amf,
      sqnStart: 0n,
      count: 1,
      workers: 2,
      onBatch: () => {},
    });
    note(
      `generateAuthVectorsParallel: ${count} vectors per run, end to end; starting 2 workers takes ` +
        `${Math.round(startUp.seconds * 1000)} ms here (from the sources, through tsx)`,
    );
    return results;
  },
};
