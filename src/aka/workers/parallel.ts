/**
 * Multi-core bulk authentication vectors (TS 33.102 §6.3.2, MILENAGE TS 35.206 §4.1) with
 * `node:worker_threads`: each worker runs the fast path of `../batch.ts` on its own core, batches
 * come back as transferred buffers and are handed to `onBatch` in SQN order. Node.js only.
 *
 * Locating the worker script: from the built package, `dist/workers/vector-worker.js` next to the
 * bundle (tsup entry `workers/vector-worker`, ESM; the CJS build finds it through `__filename`); from
 * the sources (vitest, tsx), `ts-bootstrap.mjs` in this folder, which loads `vector-worker.ts` through
 * tsx. `workerUrl` overrides both (e.g. for a bundler that moves files).
 * @module
 */

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { abytes, anumber, describeType } from '../../utils/bytes.js';
import { type AuthVectorBatch, authVectorSqn, generateAuthVectors, MILENAGE_VECTOR_ROW } from '../batch.js';
import { checkIndLength, toSqn } from '../sqn.js';
import { type AuthVectorTextFormat, formatAuthVectorRows } from '../vector-format.js';
import type { FromVectorWorker, ToVectorWorker, VectorWorkerInit } from './protocol.js';

/** Inputs of {@link generateAuthVectorsParallel}. */
export interface ParallelAuthVectorInput {
  /** Subscriber key K (16 bytes). */
  k: Uint8Array;
  /** OPc (16 bytes); or give `op`. */
  opc?: Uint8Array;
  /** OP (16 bytes); OPc is derived in each worker (TS 35.206 §4.1). */
  op?: Uint8Array;
  /** AMF (2 bytes) of every vector. */
  amf: Uint8Array;
  /** SQN of the first vector (bigint or 6 bytes). */
  sqnStart: bigint | Uint8Array;
  /** IND length in bits (TS 33.102 Annex C.1.2); default 0, a plain counter (see `AuthVectorGeneratorOptions`). */
  indLength?: number;
  /** Number of vectors. */
  count: number;
  /** Worker threads (default `os.availableParallelism()`); 0 generates on this thread. */
  workers?: number;
  /** Rows per batch (default 4096, at most 65 536). */
  batchSize?: number;
  /**
   * Receives every batch, in order (`batch.index` ascending). `batch.rows` is only valid until the call
   * returns or its Promise settles (the buffer then goes back to a worker): copy or write it out before.
   */
  onBatch(batch: AuthVectorBatch): void | Promise<void>;
  /** The worker script (a `file:` URL or a path), overriding the lookup described in the module notes. */
  workerUrl?: URL | string;
  /**
   * Also format every batch as text in the workers (`batch.text`: UTF-8 CSV or JSON lines, see
   * `formatAuthVectorRows`), so writing a file uses every core, not just the generation.
   */
  format?: AuthVectorTextFormat;
}

/** What a parallel run did. */
export interface ParallelAuthVectorResult {
  count: number;
  /** Worker threads used (0: this thread). */
  workers: number;
  /** SQN of the last vector (the new SQN_HE), `undefined` for count 0. */
  lastSqn: bigint | undefined;
  /** Wall time including starting the workers. */
  seconds: number;
  vectorsPerSecond: number;
}

/** Jobs queued at each worker, and spare buffers per worker for batches waiting to be delivered in order. */
const JOBS_PER_WORKER = 2;
const SPARE_PER_WORKER = 2;

/** Where this module is: `import.meta.url` in ESM, `__filename` in the CJS build (where import.meta is empty). */
function moduleUrl(): string {
  const url: string | undefined = import.meta.url;
  if (typeof url === 'string') return url;
  return pathToFileURL(__filename).href;
}

/** The worker script to start (see the module notes). */
export function vectorWorkerUrl(): URL {
  const here = moduleUrl();
  for (const candidate of ['./workers/vector-worker.js', './vector-worker.js', './ts-bootstrap.mjs']) {
    const url = new URL(candidate, here);
    if (existsSync(fileURLToPath(url))) return url;
  }
  throw new Error(`vector worker script not found next to ${here}; pass workerUrl`);
}

/**
 * Generates `count` MILENAGE authentication vectors for one subscriber on `workers` threads and passes
 * them to `onBatch` in SQN order, as packed rows (`MILENAGE_VECTOR_ROW`). Memory stays constant:
 * `workers × 4` row buffers circulate. K and OPc are copied into each worker and wiped there at the end.
 *
 * @example
 * const r = await generateAuthVectorsParallel({
 *   k, opc, amf, sqnStart: 1n, count: 1e7, workers: 2,
 *   onBatch: (b) => out.write(b.rows.slice()),
 * });
 * console.log(`${r.vectorsPerSecond} vectors/s`);
 */
export async function generateAuthVectorsParallel(
  input: ParallelAuthVectorInput,
): Promise<ParallelAuthVectorResult> {
  if (input === null || typeof input !== 'object')
    throw new TypeError(`input must be an object, got ${describeType(input)}`);
  const { onBatch } = input;
  if (typeof onBatch !== 'function')
    throw new TypeError(`onBatch must be a function, got ${describeType(onBatch)}`);
  const k = abytes('k', input.k, 16);
  if ((input.op === undefined) === (input.opc === undefined))
    throw new TypeError('input must contain exactly one of op and opc');
  const secret =
    input.op !== undefined ? { op: abytes('op', input.op, 16) } : { opc: abytes('opc', input.opc, 16) };
  const amf = abytes('amf', input.amf, 2);
  const indLength = checkIndLength(input.indLength ?? 0);
  const sqnStart = toSqn(input.sqnStart, 'sqnStart');
  const count = anumber('count', input.count);
  const workers = anumber('workers', input.workers ?? availableParallelism(), 256);
  const batchSize = anumber('batchSize', input.batchSize ?? 4096, 65536);
  if (batchSize === 0) throw new RangeError('batchSize must be at least 1');
  const lastSqn = count === 0 ? undefined : authVectorSqn(sqnStart, count - 1, indLength);
  const started = performance.now();
  const finish = (): ParallelAuthVectorResult => {
    const seconds = (performance.now() - started) / 1000;
    return { count, workers, lastSqn, seconds, vectorsPerSecond: seconds > 0 ? count / seconds : 0 };
  };

  const format = input.format;
  if (format !== undefined && format !== 'csv' && format !== 'jsonl')
    throw new TypeError(`format must be 'csv' or 'jsonl'`);
  if (workers === 0 || count === 0) {
    const encoder = new TextEncoder();
    for (const batch of generateAuthVectors({ k, ...secret, amf, indLength, sqnStart, count, batchSize })) {
      if (format)
        batch.text = encoder.encode(formatAuthVectorRows(batch.rows, batch.count, batch.layout, format));
      await onBatch(batch);
    }
    return { ...finish(), workers: 0 };
  }

  const w = input.workerUrl;
  const url =
    w === undefined
      ? vectorWorkerUrl()
      : typeof w === 'string' && !/^[a-z][a-z0-9+.-]+:/i.test(w)
        ? pathToFileURL(w)
        : new URL(w);
  const init: VectorWorkerInit = { k, ...secret, amf, indLength, sqnStart, ...(format ? { format } : {}) };
  const used = Math.min(workers, Math.ceil(count / batchSize));
  await runWorkers(url, init, used, count, batchSize, onBatch);
  return { ...finish(), workers: used };
}

/** The dispatch loop: jobs in increasing batch order, delivery in order, buffers recycled. */
function runWorkers(
  url: URL,
  init: VectorWorkerInit,
  workerCount: number,
  count: number,
  batchSize: number,
  onBatch: (batch: AuthVectorBatch) => void | Promise<void>,
): Promise<void> {
  const layout = MILENAGE_VECTOR_ROW;
  const batches = Math.ceil(count / batchSize);
  const free: ArrayBuffer[] = [];
  for (let i = 0; i < Math.min(batches, workerCount * (JOBS_PER_WORKER + SPARE_PER_WORKER)); i++)
    free.push(new ArrayBuffer(batchSize * layout.length));
  const held = new Set(free); // every buffer on this thread, for the final wipe
  const ready = new Map<number, ArrayBuffer>();
  const texts = new Map<number, Uint8Array>();
  const pending = new Array<number>(workerCount).fill(0);
  const pool: Worker[] = [];
  let nextJob = 0;
  let nextDelivery = 0;
  let delivering = false;
  let failed = false;

  return new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      for (const w of pool) void w.terminate();
      for (const b of held) new Uint8Array(b).fill(0);
      reject(error);
    };
    const dispatch = () => {
      while (!failed && nextJob < batches && free.length > 0) {
        let w = 0;
        for (let i = 1; i < workerCount; i++) if (pending[i]! < pending[w]!) w = i;
        if (pending[w]! >= JOBS_PER_WORKER) return;
        const buffer = free.pop()!;
        held.delete(buffer);
        const index = nextJob * batchSize;
        const job: ToVectorWorker = {
          type: 'job',
          batch: nextJob++,
          index,
          count: Math.min(batchSize, count - index),
          buffer,
        };
        pending[w]!++;
        pool[w]!.postMessage(job, [buffer]);
      }
    };
    const finishAll = () => {
      let exited = 0;
      for (const w of pool) {
        w.once('exit', () => {
          if (++exited === pool.length) {
            for (const b of held) new Uint8Array(b).fill(0);
            resolve();
          }
        });
        const stop: ToVectorWorker = { type: 'stop' };
        w.postMessage(stop);
      }
    };
    const deliver = async () => {
      if (delivering) return;
      delivering = true;
      try {
        while (!failed && ready.has(nextDelivery)) {
          const buffer = ready.get(nextDelivery)!;
          ready.delete(nextDelivery);
          const index = nextDelivery * batchSize;
          const n = Math.min(batchSize, count - index);
          const rows = new Uint8Array(buffer, 0, n * layout.length);
          const firstSqn = authVectorSqn(init.sqnStart, index, init.indLength);
          const text = texts.get(nextDelivery);
          texts.delete(nextDelivery);
          await onBatch({ rows, count: n, index, firstSqn, layout, ...(text ? { text } : {}) });
          nextDelivery++;
          free.push(buffer);
          dispatch();
        }
      } catch (error) {
        fail(error);
        return;
      } finally {
        delivering = false;
      }
      if (!failed && nextDelivery === batches) finishAll();
    };

    for (let i = 0; i < workerCount; i++) {
      const worker = new Worker(url, { workerData: init });
      worker.on('message', (msg: FromVectorWorker) => {
        if (failed) return void new Uint8Array(msg.buffer).fill(0);
        pending[i]!--;
        held.add(msg.buffer);
        ready.set(msg.batch, msg.buffer);
        if (msg.text) texts.set(msg.batch, new Uint8Array(msg.text));
        dispatch(); // this worker may take the next batch while an earlier one is still on its way
        void deliver();
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (nextDelivery < batches) fail(new Error(`vector worker ${i} exited early (code ${code})`));
      });
      pool.push(worker);
    }
    dispatch();
  });
}
