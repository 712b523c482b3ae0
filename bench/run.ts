/**
 * Benchmark runner: imports every `bench/*.bench.ts` suite, runs each selected suite in a fresh
 * Node process (so one suite's JIT type feedback cannot slow down another's; rows within a suite
 * share a process and are compared side by side) and prints ops/s with the ratio to each group's
 * baseline row. Rows that use worker threads or a C program say so. See bench/README.md.
 *
 *   npm run bench -- [--json] [--filter <text>] [--time <ms>] [--warmup <ms>]
 *
 * `--filter` keeps the suites whose file or suite name contains the text (case-insensitive).
 * `--json` also writes bench/results/latest.json. Numbers are for comparison within one run on one
 * machine; the test suite never asserts on timing.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchOptions, BenchResult, BenchSuite } from './types.js';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));

interface Args {
  json: boolean;
  filter?: string;
  options: BenchOptions;
  /** Internal: run only this suite file in this process and write its report here. */
  child?: { file: string; report: string };
}

interface SuiteReport {
  suite: string;
  results: BenchResult[];
  notes: string[];
}

function parseArgs(argv: string[]): Args {
  const options: BenchOptions = { timeMs: 1000, warmupMs: 250 };
  let json = false;
  let filter: string | undefined;
  let child: Args['child'];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--json') json = true;
    else if (arg === '--filter') filter = value();
    else if (arg === '--time') options.timeMs = Number(value());
    else if (arg === '--warmup') options.warmupMs = Number(value());
    else if (arg === '--child') child = { file: value(), report: value() };
    else throw new Error(`unknown argument ${arg} (use --json, --filter <text>, --time <ms>, --warmup <ms>)`);
  }
  return { json, filter, options, child };
}

function formatOps(ops: number): string {
  if (ops >= 1e6) return `${(ops / 1e6).toFixed(3)} M`;
  if (ops >= 1e3) return `${(ops / 1e3).toFixed(1)} k`;
  return ops.toFixed(1);
}

function printGroup(suite: string, group: string, rows: BenchResult[]): void {
  const base = rows.find((r) => r.baseline);
  const table = rows.map((r) => ({
    name: r.name,
    'ops/s': `${formatOps(r.opsPerSecond)} ${r.unit}/s`,
    '±': `${r.rme.toFixed(1)} %`,
    samples: r.samples,
    'vs baseline': base
      ? `${(r.opsPerSecond / base.opsPerSecond).toFixed(2)}×${r === base ? ' (baseline)' : ''}`
      : '',
  }));
  const widths = Object.keys(table[0]!).map((key) =>
    Math.max(key.length, ...table.map((row) => String(row[key as keyof typeof row]).length)),
  );
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n${suite} — ${group}`);
  console.log(line(Object.keys(table[0]!)));
  for (const row of table) console.log(line(Object.values(row).map(String)));
  for (const r of rows) if (r.note) console.log(`  · ${r.name}: ${r.note}`);
}

/** Whether a suite file is selected by `--filter` (file name or, after import, suite name). */
const matches = (text: string, filter: string | undefined) =>
  !filter || text.toLowerCase().includes(filter.toLowerCase());

/** Runs one suite file in this process, prints its tables and writes its report as JSON. */
async function runChild(file: string, reportPath: string, options: BenchOptions): Promise<void> {
  const { suite } = (await import(pathToFileURL(join(BENCH_DIR, file)).href)) as { suite: BenchSuite };
  const notes: string[] = [];
  const results = await suite.run(options, (text) => {
    notes.push(text);
  });
  const groups = [...new Set(results.map((r) => r.group))];
  for (const group of groups)
    printGroup(
      suite.name,
      group,
      results.filter((r) => r.group === group),
    );
  for (const text of notes) console.log(`\nnote (${suite.name}): ${text}`);
  const report: SuiteReport = { suite: suite.name, results, notes };
  writeFileSync(reportPath, JSON.stringify(report));
}

async function main(): Promise<void> {
  const { json, filter, options, child } = parseArgs(process.argv.slice(2));
  if (child) return runChild(child.file, child.report, options);
  const files = readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort();
  const started = performance.now();
  console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`);
  const selected: string[] = [];
  for (const file of files) {
    // Importing a suite only defines it; nothing runs until suite.run().
    const { suite } = (await import(pathToFileURL(join(BENCH_DIR, file)).href)) as { suite: BenchSuite };
    if (matches(file, filter) || matches(suite.name, filter)) selected.push(file);
  }
  if (selected.length === 0) throw new Error(`no bench suite matches ${filter ?? ''}`);
  const tmp = mkdtempSync(join(tmpdir(), 'psa-emu-bench-'));
  const report: SuiteReport[] = [];
  try {
    for (const file of selected) {
      const reportPath = join(tmp, `${file}.json`);
      const args = ['--time', String(options.timeMs), '--warmup', String(options.warmupMs)];
      // process.execArgv carries tsx's loader, so the child runs the same sources the same way.
      const r = spawnSync(
        process.execPath,
        [...process.execArgv, fileURLToPath(import.meta.url), ...args, '--child', file, reportPath],
        { stdio: 'inherit' },
      );
      if (r.status !== 0) throw new Error(`bench suite ${file} failed (exit ${r.status ?? r.signal})`);
      report.push(JSON.parse(readFileSync(reportPath, 'utf8')) as SuiteReport);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`\n${report.length} suites in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (json) {
    const dir = join(BENCH_DIR, 'results');
    mkdirSync(dir, { recursive: true });
    const out = {
      date: new Date().toISOString(),
      node: process.version,
      cpu: cpus()[0]?.model,
      cores: cpus().length,
      options,
      suites: report,
    };
    writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(out, null, 2)}\n`);
    console.log(`\nwrote ${join('bench', 'results', 'latest.json')}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
