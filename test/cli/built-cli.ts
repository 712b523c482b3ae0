/**
 * Spawns the built `psa-emu` binary (dist/cli.js), building it first when it is missing or
 * older than the sources, so `npm test` works on a fresh clone.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const CLI = join(ROOT, 'dist/cli.js');

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds dist/ when needed (about 10 s). */
export function ensureBuilt(): void {
  if (existsSync(CLI) && statSync(CLI).mtimeMs >= newestMtime(join(ROOT, 'src'))) return;
  execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['tsup', '--silent'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

/** Runs `psa-emu …args`; returns exit code, stdout, stderr. */
export function cli(args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: undefined, ...options.env },
    maxBuffer: 1 << 26,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
