/**
 * Multi-core bulk vectors (src/aka/workers): worker threads started from the sources (through
 * ts-bootstrap.mjs), in-order delivery, every row checked against `generateAuthVector`, failures
 * and, with an esbuild bundle laid out like tsup's dist, the ESM and CJS lookups of the worker script.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import {
  type AuthVectorBatch,
  generateAuthVector,
  MILENAGE_VECTOR_ROW,
  readAuthVectorRow,
} from '../../src/aka/index.js';
import { generateAuthVectorsParallel, vectorWorkerUrl } from '../../src/aka/workers/parallel.js';
import { createMilenage } from '../../src/milenage/index.js';
import { fromHex, toHex } from '../../src/utils/bytes.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const k = fromHex('465b5ce8b199b49faa5f0a2ee238a6bc');
const op = fromHex('cdc202d5123e20f62b6d676ac72cb318');
const opc = fromHex('cd63cb71954a9f4e48a5994e37a02baf');
const amf = fromHex('8000');

/** Checks every row of a run against generateAuthVector with the row's RAND and SQN; returns the rows seen. */
function verifier(sqnStart: bigint) {
  const m = createMilenage({ k, opc });
  const state = { next: 0, rows: 0, expectedSqn: sqnStart };
  const onBatch = (b: AuthVectorBatch) => {
    expect(b.index).toBe(state.next);
    expect(b.firstSqn).toBe(state.expectedSqn);
    expect(b.layout).toBe(MILENAGE_VECTOR_ROW);
    for (let i = 0; i < b.count; i++) {
      const row = readAuthVectorRow(b.rows, i);
      expect(row.sqn).toBe(state.expectedSqn);
      const av = generateAuthVector({ milenage: m, sqn: row.sqn, amf, rand: row.rand });
      if (
        toHex(av.autn) !== toHex(row.autn) ||
        toHex(av.ck) !== toHex(row.ck) ||
        toHex(av.xres) !== toHex(row.xres)
      )
        expect({ ...av, sqn: row.sqn }).toEqual(row);
      state.expectedSqn++;
    }
    state.next += b.count;
    state.rows += b.count;
  };
  return { state, onBatch };
}

describe('generateAuthVectorsParallel', () => {
  it('finds the worker script of the sources', () => {
    expect(vectorWorkerUrl().pathname).toMatch(/src\/aka\/workers\/ts-bootstrap\.mjs$/);
  });

  it('two workers: every vector, in SQN order, each equal to generateAuthVector', async () => {
    const { state, onBatch } = verifier(1000n);
    const r = await generateAuthVectorsParallel({
      k,
      opc,
      amf,
      sqnStart: 1000n,
      count: 20_000,
      workers: 2,
      batchSize: 1500,
      onBatch,
    });
    expect(state.rows).toBe(20_000);
    expect(r).toMatchObject({ count: 20_000, workers: 2, lastSqn: 20_999n });
    expect(r.vectorsPerSecond).toBeGreaterThan(0);
  });

  it('OP instead of OPc, an async onBatch, more workers than batches, and workers: 0 (this thread)', async () => {
    for (const workers of [3, 0]) {
      const { state, onBatch } = verifier(5n);
      const r = await generateAuthVectorsParallel({
        k,
        op,
        amf,
        sqnStart: 5n,
        count: 250,
        workers,
        batchSize: 100,
        workerUrl: fileURLToPath(vectorWorkerUrl()), // a path works as well as a URL
        onBatch: async (b) => {
          await new Promise((done) => setTimeout(done, 2));
          onBatch(b);
        },
      });
      expect(state.rows).toBe(250);
      expect(r.workers).toBe(workers === 0 ? 0 : 3);
    }
  });

  it('rejects when onBatch throws, and checks its inputs first', async () => {
    let calls = 0;
    await expect(
      generateAuthVectorsParallel({
        k,
        opc,
        amf,
        sqnStart: 0n,
        count: 10_000,
        workers: 2,
        batchSize: 500,
        onBatch: () => {
          if (++calls === 3) throw new Error('disk full');
        },
      }),
    ).rejects.toThrow('disk full');
    expect(calls).toBe(3);
    const base = { k, opc, amf, sqnStart: 0n, count: 1, onBatch: () => {} };
    await expect(generateAuthVectorsParallel({ ...base, op })).rejects.toThrow(/exactly one of op and opc/);
    await expect(generateAuthVectorsParallel({ ...base, workers: -1 })).rejects.toThrow(/workers/);
    await expect(
      generateAuthVectorsParallel({ ...base, sqnStart: (1n << 48n) - 1n, count: 2 }),
    ).rejects.toThrow(/exhausted/);
    await expect(generateAuthVectorsParallel({ ...base, onBatch: undefined as never })).rejects.toThrow(
      /onBatch/,
    );
    await expect(
      generateAuthVectorsParallel({
        ...base,
        workers: 1,
        workerUrl: new URL('file:///nonexistent/worker.js'),
      }),
    ).rejects.toThrow();
  });

  it('from a bundle laid out like dist (ESM and CJS): finds dist/workers/vector-worker.js', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'psa-emu-dist-'));
    try {
      const common = {
        bundle: true,
        platform: 'neutral' as const,
        external: ['node:*'],
        outdir: dir,
        target: 'es2022',
        logLevel: 'silent' as const,
        mainFields: ['module', 'main'],
      };
      const entryPoints = {
        node: join(ROOT, 'src/aka/workers/parallel.ts'),
        'workers/vector-worker': join(ROOT, 'src/aka/workers/vector-worker.ts'),
      };
      await build({ ...common, entryPoints, format: 'esm', splitting: true, outExtension: { '.js': '.js' } });
      await build({
        ...common,
        entryPoints: { node: entryPoints.node },
        format: 'cjs',
        outExtension: { '.js': '.cjs' },
      });
      writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
      const script = (load: string) =>
        `${load}.then(async (m) => { let rows = 0; const r = await m.generateAuthVectorsParallel({ ` +
        `k: new Uint8Array(16).fill(1), opc: new Uint8Array(16).fill(2), amf: new Uint8Array(2), sqnStart: 1n, ` +
        `count: 3000, workers: 2, batchSize: 1000, onBatch: (b) => { rows += b.count; } }); ` +
        `console.log(m.vectorWorkerUrl().pathname.split('/').slice(-2).join('/'), rows, r.workers, String(r.lastSqn)); })`;
      const run = (load: string) => {
        writeFileSync(join(dir, 'run.mjs'), script(load));
        return execFileSync(process.execPath, [join(dir, 'run.mjs')], { cwd: dir, encoding: 'utf8' });
      };
      expect(run(`import(${JSON.stringify(join(dir, 'node.js'))})`).trim()).toBe(
        'workers/vector-worker.js 3000 2 3000',
      );
      const cjs = `Promise.resolve((await import('node:module')).createRequire(${JSON.stringify(join(dir, 'x.cjs'))})('./node.cjs'))`;
      expect(run(cjs).trim()).toBe('workers/vector-worker.js 3000 2 3000');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
