/**
 * Building the small C harnesses that compare psa-emu with real implementations
 * (Mbed TLS 2.28, libosmocore 1.7). In CI (`CI` set) a missing system package is a
 * failure; elsewhere the suite is skipped with a message naming the install script.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const INTEROP_DIR = dirname(fileURLToPath(import.meta.url));
export const BUILD_DIR = join(INTEROP_DIR, 'build');

/** True when `header` is found by the system C compiler. */
export function hasHeader(header: string): boolean {
  try {
    execFileSync('cc', ['-E', '-x', 'c', '-'], {
      input: `#include <${header}>\n`,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether an interop suite can run. Throws in CI when the dependency is missing, so CI can
 * never go green by silently skipping.
 */
export function interopAvailable(header: string, pkg: string): boolean {
  if (hasHeader(header)) return true;
  const msg = `<${header}> not found: install ${pkg} (scripts/install-system-deps.sh)`;
  if (process.env.CI) throw new Error(`${msg}; interop tests are mandatory in CI`);
  console.warn(`skipping interop suite: ${msg}`);
  return false;
}

/** Compiles `source` (relative to test/interop) into build/<out> unless up to date. Returns the binary path. */
export function compileC(source: string, out: string, args: string[] = []): string {
  mkdirSync(BUILD_DIR, { recursive: true });
  const src = resolve(INTEROP_DIR, source);
  const bin = join(BUILD_DIR, out);
  if (!existsSync(bin) || statSync(bin).mtimeMs < statSync(src).mtimeMs) {
    execFileSync('cc', ['-O2', '-Wall', '-Wextra', '-Werror', '-o', bin, src, ...args], { stdio: 'inherit' });
  }
  return bin;
}
