/**
 * The contract between bench/run.ts and the `bench/*.bench.ts` suites.
 * A suite measures and returns rows; the runner prints them and writes JSON.
 * @module
 */

/** Options the runner passes to every suite. */
export interface BenchOptions {
  /** Measuring time per row in milliseconds (tinybench `time`). */
  timeMs: number;
  /** Warm-up time per row in milliseconds. */
  warmupMs: number;
}

/** One measured row. */
export interface BenchResult {
  /** Rows with the same group are compared with each other (one table per group). */
  group: string;
  /** Row label. */
  name: string;
  /** Operations per second, where the suite defines what one operation is (see `unit`). */
  opsPerSecond: number;
  /** What one operation is, e.g. "set" (one full f1..f5* set). */
  unit: string;
  /** Relative margin of error of the mean, in percent. */
  rme: number;
  /** Number of samples tinybench took. */
  samples: number;
  /** The row the others in the group are divided by (at most one per group). */
  baseline?: boolean;
  /** A short remark printed under the table (e.g. what the row includes). */
  note?: string;
}

/** What a `bench/*.bench.ts` file exports as `suite`. */
export interface BenchSuite {
  name: string;
  /**
   * Measures and returns the rows. `note` records a remark about the whole suite (a skipped row and
   * why, a correctness check that ran); the runner prints it and writes it to the JSON.
   */
  run(options: BenchOptions, note: (text: string) => void): Promise<BenchResult[]>;
}
