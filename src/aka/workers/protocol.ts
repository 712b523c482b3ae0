/**
 * The messages between `generateAuthVectorsParallel` (main thread) and `vector-worker` (one per
 * core). Rows travel as transferred `ArrayBuffer`s: a buffer goes to a worker with a job and comes
 * back filled, so nothing is copied and the pool stays the same size for the whole run.
 * @module
 */

/** `workerData` of a vector worker: the subscriber and the SQN scheme (copied into the worker, wiped there). */
export interface VectorWorkerInit {
  k: Uint8Array;
  /** Exactly one of `opc` and `op`. */
  opc?: Uint8Array;
  op?: Uint8Array;
  amf: Uint8Array;
  indLength: number;
  /** SQN of vector 0 of the run; a job's first SQN is `authVectorSqn(sqnStart, index, indLength)`. */
  sqnStart: bigint;
  /** Also format each batch as text in the worker (UTF-8 bytes in the reply's `text`). */
  format?: 'csv' | 'jsonl';
}

/** Main → worker. */
export type ToVectorWorker =
  /** Fill `count` rows for the vectors `index`, `index + 1`, … of the run into `buffer`. */
  | { type: 'job'; batch: number; index: number; count: number; buffer: ArrayBuffer }
  /** Wipe the keys and exit. */
  | { type: 'stop' };

/** Worker → main: the filled buffer of `batch`. */
export interface FromVectorWorker {
  type: 'done';
  batch: number;
  buffer: ArrayBuffer;
  /** The batch as UTF-8 text, when `format` was given. */
  text?: ArrayBuffer;
}
