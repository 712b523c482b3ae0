/**
 * Shared helpers of the `bench/*.bench.ts` suites: timing a set of tasks with tinybench and turning
 * the result into {@link BenchResult} rows.
 * @module
 */
import { Bench } from 'tinybench';
import type { BenchOptions, BenchResult } from './types.js';

/** One timed task: `fn` performs `ops` operations per call (so timer overhead stays negligible). */
export interface Task {
  name: string;
  fn: () => unknown;
  /** Operations per call of `fn` (default 1). */
  ops?: number;
  /** The row the others of the group are divided by. */
  baseline?: boolean;
  note?: string;
}

/**
 * Times `tasks` one after another (tinybench, `options.timeMs` each after `options.warmupMs` of
 * warm-up) and returns one row per task in `group`, in the given order. Async `fn`s are awaited.
 */
export async function measure(
  options: BenchOptions,
  group: string,
  unit: string,
  tasks: Task[],
): Promise<BenchResult[]> {
  const bench = new Bench({ time: options.timeMs, warmupTime: options.warmupMs });
  for (const task of tasks) bench.add(task.name, task.fn);
  await bench.warmup();
  await bench.run();
  return tasks.map((task) => {
    const r = bench.getTask(task.name)?.result;
    if (!r || r.error) throw new Error(`bench ${task.name} failed: ${String(r?.error)}`);
    return {
      group,
      name: task.name,
      opsPerSecond: r.hz * (task.ops ?? 1),
      unit,
      rme: r.rme,
      samples: r.samples.length,
      ...(task.baseline ? { baseline: true } : {}),
      ...(task.note ? { note: task.note } : {}),
    };
  });
}

/** Mean and relative margin of error (95 %, normal approximation) of rates measured outside tinybench. */
export function summarise(rates: number[]): { mean: number; rme: number } {
  const n = rates.length;
  const mean = rates.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, rme: 0 };
  const variance = rates.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, rme: ((1.96 * Math.sqrt(variance / n)) / mean) * 100 };
}

/** Throws when two byte strings differ: every suite checks its rows compute the same thing first. */
export function assertSame(what: string, a: Uint8Array, b: Uint8Array): void {
  if (a.length !== b.length || a.some((x, i) => x !== b[i])) throw new Error(`${what}: results differ`);
}
