/**
 * Runs a C test program on psa-emu and checks the line protocol of c/harness.h:
 * every `call` line must be, in order, exactly the call psa-emu saw (name and status); every
 * `out`/`buf` line must equal the recorded result field / output buffer of that call; every
 * `bad` line must be PSA_ERROR_INVALID_ARGUMENT and must not have reached psa-emu. The
 * recording wraps `psa.cSync`, so it sees what the imports passed and returned.
 */
import { expect } from 'vitest';
import { createPsa, type Psa } from '../../src/psa/api/create-psa.js';
import { deterministicRandom } from '../../src/psa/core/deterministic-random.js';
import { PSA_ERROR_INVALID_ARGUMENT } from '../../src/psa/status.js';
import { notSetConfig } from '../../src/tfm/config.js';
import { toHex } from '../../src/utils/bytes.js';
import { PSA_WASM_FUNCTIONS } from '../../src/wasm/abi.js';
import type { PsaImportsSource } from '../../src/wasm/imports.js';
import { type RunWasmOptions, type RunWasmResult, runWasm } from '../../src/wasm/run-wasi.js';

/** One call psa-emu saw through the imports. */
export interface Recorded {
  name: string;
  /** The arguments as passed (buffers copied before the call). */
  args: unknown[];
  /** The arguments after the call (output buffers as psa-emu left them). */
  after: unknown[];
  /** The returned value (status, `{ status, …fields }` or undefined for a void function). */
  result: unknown;
}

const snapshot = (args: readonly unknown[]): unknown[] =>
  args.map((a) =>
    a instanceof Uint8Array ? a.slice() : typeof a === 'object' && a !== null && 'alg' in a ? { ...a } : a,
  );

/** A source whose `cSync` records every import-facing call. */
export function recording(psa: Psa): { source: PsaImportsSource & Pick<Psa, 'storage'>; calls: Recorded[] } {
  const calls: Recorded[] = [];
  // cSync is frozen, so a Proxy may not change what it returns: build a recording copy instead.
  const cSync: Record<string, unknown> = { ...psa.cSync };
  for (const name of PSA_WASM_FUNCTIONS.keys()) {
    const fn = cSync[name] as (...a: unknown[]) => unknown;
    cSync[name] = (...args: unknown[]) => {
      const before = snapshot(args);
      const result = fn(...args);
      calls.push({ name, args: before, after: snapshot(args), result: structuredClone(result) });
      return result;
    };
  }
  return {
    source: {
      target: psa.target,
      tfm: psa.tfm,
      storage: psa.storage,
      cSync: cSync as unknown as Psa['cSync'],
    },
    calls,
  };
}

/** A parsed protocol line. */
export type Line =
  | { kind: 'call' | 'bad' | 'host'; fn: string; status: number }
  | { kind: 'void'; fn: string }
  | { kind: 'out'; field: string; value: number }
  | { kind: 'buf'; arg: number; hex: string }
  | { kind: 'num'; label: string; value: number }
  | { kind: 'data'; label: string; hex: string }
  | { kind: 'text'; text: string };

export function parseLine(text: string): Line {
  const [kind, a = '', b = ''] = text.split(' ');
  if (kind === 'call' || kind === 'bad' || kind === 'host') return { kind, fn: a, status: Number(b) };
  if (kind === 'void') return { kind, fn: a };
  if (kind === 'out') return { kind, field: a, value: Number(b) };
  if (kind === 'buf') return { kind, arg: Number(a), hex: b };
  if (kind === 'num') return { kind, label: a, value: Number(b) };
  if (kind === 'data') return { kind, label: a, hex: b };
  return { kind: 'text', text };
}

/** What a checked run gives the test. */
export interface CheckedRun {
  run: RunWasmResult;
  lines: Line[];
  calls: Recorded[];
  /** Values of the `num` lines by label (the last one wins). */
  nums: Map<string, number>;
  /** Hex of the `data` lines by label (the last one wins). */
  data: Map<string, string>;
  /** Functions seen per kind (for the coverage test). */
  seen: { call: Set<string>; bad: Set<string>; host: Set<string> };
}

const statusOf = (r: unknown): number | undefined =>
  typeof r === 'number' ? r : r === undefined ? undefined : (r as { status: number }).status;

function field(result: unknown, path: string): unknown {
  let v: unknown = result;
  for (const p of path.split('.')) v = (v as Record<string, unknown>)[p];
  return v;
}

/** Runs `wasm` on `psa` and checks every line against what psa-emu saw. */
export async function runChecked(
  psa: Psa,
  wasm: Uint8Array,
  options: Omit<RunWasmOptions, 'psa'> = {},
): Promise<CheckedRun> {
  const { source, calls } = recording(psa);
  const run = await runWasm(wasm, { ...options, psa: source });
  expect(run.trap).toBeUndefined();
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);
  expect(run.hostLog).toEqual([]);
  const lines = run.lines.map(parseLine);
  const seen = { call: new Set<string>(), bad: new Set<string>(), host: new Set<string>() };
  const nums = new Map<string, number>();
  const data = new Map<string, string>();
  let i = 0;
  let last: Recorded | undefined;
  for (const [n, line] of lines.entries()) {
    const where = `line ${n + 1}: ${run.lines[n]}`;
    if (line.kind === 'call' || line.kind === 'void') {
      const rec = calls[i++];
      expect(rec?.name, where).toBe(line.fn);
      if (line.kind === 'call') expect(statusOf(rec!.result), where).toBe(line.status);
      else expect(rec!.result, where).toBeUndefined();
      seen.call.add(line.fn);
      last = rec;
    } else if (line.kind === 'bad') {
      expect(line.status, where).toBe(PSA_ERROR_INVALID_ARGUMENT);
      seen.bad.add(line.fn);
      last = undefined;
    } else if (line.kind === 'host') {
      seen.host.add(line.fn);
      last = undefined;
    } else if (line.kind === 'out') {
      expect(last, `${where} (no call before)`).toBeDefined();
      expect(Number(field(last!.result, line.field)), where).toBe(line.value);
    } else if (line.kind === 'buf') {
      expect(last, `${where} (no call before)`).toBeDefined();
      const after = last!.after[line.arg];
      expect(after, where).toBeInstanceOf(Uint8Array);
      expect(toHex(after as Uint8Array), where).toBe(line.hex);
    } else if (line.kind === 'num') {
      nums.set(line.label, line.value);
    } else if (line.kind === 'data') {
      data.set(line.label, line.hex);
    }
  }
  expect(i, 'every call psa-emu saw has a call line').toBe(calls.length);
  return { run, lines, calls, nums, data, seen };
}

/** The recorded calls of one function. */
export const callsOf = (r: CheckedRun, name: string): Recorded[] => r.calls.filter((c) => c.name === name);

/** The `buf` hex printed after the `index`-th call of `fn` (0-based). */
export function bufAfter(r: CheckedRun, fn: string, index = 0): string[] {
  const out: string[] = [];
  let k = -1;
  let inside = false;
  for (const l of r.lines) {
    if (l.kind === 'call' || l.kind === 'bad' || l.kind === 'host' || l.kind === 'void') {
      inside = (l.kind === 'call' || l.kind === 'void') && l.fn === fn && ++k === index;
    } else if (inside && l.kind === 'buf') out.push(l.hex);
  }
  return out;
}

/** The builds the C tests run against: a library build and the fixed TF-M build of an nRF91. */
export const TARGETS = {
  'mbedtls library': (seed: string): Psa =>
    createPsa({ target: 'mbedtls', core: 'mbedtls', rng: deterministicRandom(seed) }),
  'tfm not-set': (seed: string): Psa =>
    createPsa({ target: 'tfm', tfm: notSetConfig(), rng: deterministicRandom(seed) }),
} as const;
/** Names of `TARGETS`, for `describe.each`. */
export const TARGET_NAMES = Object.keys(TARGETS) as (keyof typeof TARGETS)[];
