/**
 * The C reference loop: test/interop/osmocom-bench.c against Debian's libosmocore-dev, built with
 * test/interop/toolchain.ts's `compileC` and run in the same session as the TypeScript rows.
 * Without libosmocore the bench prints a note and goes on.
 * @module
 */
import { execFileSync } from 'node:child_process';
import { compileC, hasHeader } from '../test/interop/toolchain.js';
import { summarise } from './measure.js';
import type { BenchOptions, BenchResult } from './types.js';

/** The built program, or why there is none. */
export function osmocomBench(): { bin: string } | { unavailable: string } {
  if (!hasHeader('osmocom/crypt/auth.h'))
    return {
      unavailable:
        'libosmocore C rows skipped: <osmocom/crypt/auth.h> not found (install libosmocore-dev, scripts/install-system-deps.sh)',
    };
  try {
    const flags = execFileSync('pkg-config', ['--cflags', '--libs', 'libosmogsm', 'libosmocore'], {
      encoding: 'utf8',
    })
      .trim()
      .split(/\s+/);
    return { bin: compileC('osmocom-bench.c', 'osmocom-bench', flags) };
  } catch (e) {
    return {
      unavailable: `libosmocore C rows skipped: building test/interop/osmocom-bench.c failed (${String(e)})`,
    };
  }
}

/** `osmocom-bench check …`: AUTN, RES, CK, IK (hex) of one osmo_auth_gen_vec(). */
export function osmocomCheck(
  bin: string,
  v: { k: string; opc: string; amf: string; sqn: string; rand: string },
): { autn: string; res: string; ck: string; ik: string } {
  const out = execFileSync(bin, ['check', v.k, v.opc, v.amf, v.sqn, v.rand], { encoding: 'utf8' }).trim();
  const [autn, res, ck, ik] = out.split(' ');
  return { autn: autn!, res: res!, ck: ck!, ik: ik! };
}

/**
 * Times `osmocom-bench vec|sets`: as many samples as fit the row's time (at least 5), each at least
 * 100 ms, after one warm-up sample.
 */
export function osmocomRow(
  bin: string,
  mode: 'vec' | 'sets',
  options: BenchOptions,
  row: Omit<BenchResult, 'opsPerSecond' | 'rme' | 'samples'>,
): BenchResult {
  const samples = Math.max(5, Math.round(options.timeMs / 100));
  const out = execFileSync(
    bin,
    [mode, String(Math.max(20, Math.round(options.timeMs / samples))), String(samples)],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  const rates = out
    .trim()
    .split('\n')
    .map((line) => {
      const [n, ns] = line.split(' ').map(Number);
      return (n! * 1e9) / ns!;
    });
  const { mean, rme } = summarise(rates);
  return { ...row, opsPerSecond: mean, rme, samples: rates.length };
}
