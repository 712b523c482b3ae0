/**
 * Building C for wasm32-wasi with the headers psa-emu ships (include/psa). Debian bookworm:
 * clang-16, lld-16, wasi-libc, libclang-rt-16-dev-wasm32; the sysroot is /usr (wasi-libc puts
 * its headers in /usr/include/wasm32-wasi and crt1.o/libc.a in /usr/lib/wasm32-wasi).
 * `PSA_EMU_CLANG` and `WASI_SYSROOT` override the compiler and sysroot (e.g. wasi-sdk).
 * In CI (`CI` set) a missing toolchain fails the suite; elsewhere it is skipped with a message.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WASM_TEST_DIR = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(WASM_TEST_DIR, '../..');
export const BUILD_DIR = join(WASM_TEST_DIR, 'build');
export const INCLUDE_DIR = join(ROOT, 'include');

const SYSROOT = process.env.WASI_SYSROOT ?? '/usr';
/** The flags every test program is built with: the documented command plus strict warnings. */
export const CFLAGS = [
  '--target=wasm32-wasi',
  `--sysroot=${SYSROOT}`,
  '-I',
  INCLUDE_DIR,
  '-O2',
  '-std=c11',
  '-Wall',
  '-Wextra',
  '-Werror',
  '-pedantic',
];

let clang: string | null | undefined;

/** The first compiler that builds a WASI program here, or null. */
export function findClang(): string | null {
  if (clang !== undefined) return clang;
  clang = null;
  const candidates = process.env.PSA_EMU_CLANG ? [process.env.PSA_EMU_CLANG] : ['clang-16', 'clang'];
  mkdirSync(BUILD_DIR, { recursive: true });
  const src = join(BUILD_DIR, 'probe.c');
  writeFileSync(src, '#include <stdio.h>\nint main(void) { puts("ok"); return 0; }\n');
  for (const c of candidates) {
    try {
      execFileSync(
        c,
        ['--target=wasm32-wasi', `--sysroot=${SYSROOT}`, '-o', join(BUILD_DIR, 'probe.wasm'), src],
        {
          stdio: 'ignore',
        },
      );
      clang = c;
      break;
    } catch {
      // try the next one
    }
  }
  return clang;
}

/** Whether the wasm suites can run. Throws in CI when the toolchain is missing. */
export function wasmToolchainAvailable(): boolean {
  if (findClang()) return true;
  const msg =
    'no clang that builds wasm32-wasi: install clang-16 lld-16 wasi-libc libclang-rt-16-dev-wasm32 ' +
    '(Debian; scripts/install-system-deps.sh in CI) or set PSA_EMU_CLANG / WASI_SYSROOT';
  if (process.env.CI) throw new Error(`${msg}; the wasm tests are mandatory in CI`);
  console.warn(`skipping wasm suite: ${msg}`);
  return false;
}

const headers = (): string[] =>
  readdirSync(join(INCLUDE_DIR, 'psa'))
    .filter((f) => f.endsWith('.h'))
    .sort()
    .map((f) => join(INCLUDE_DIR, 'psa', f));

/**
 * Compiles C `sources` (absolute, or relative to test/wasm) into build/<name>-<hash>.wasm, where
 * the hash covers the sources, the local headers they sit next to, include/psa/*.h and the flags.
 * Returns the module bytes.
 */
export function compileWasm(name: string, sources: string[], args: string[] = []): Uint8Array {
  const cc = findClang();
  if (!cc) throw new Error('no wasm toolchain (check wasmToolchainAvailable() first)');
  const srcs = sources.map((s) => resolve(WASM_TEST_DIR, s));
  const localHeaders = [...new Set(srcs.map(dirname))].flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.h'))
      .sort()
      .map((f) => join(d, f)),
  );
  const h = createHash('sha256');
  for (const f of [...srcs, ...localHeaders, ...headers()]) h.update(f).update(readFileSync(f));
  h.update(JSON.stringify([cc, CFLAGS, args]));
  const out = join(BUILD_DIR, `${name}-${h.digest('hex').slice(0, 12)}.wasm`);
  if (!existsSync(out)) {
    mkdirSync(BUILD_DIR, { recursive: true });
    const tmp = `${out}.${process.pid}.tmp`;
    execFileSync(cc, [...CFLAGS, ...args, '-o', tmp, ...srcs], { stdio: 'inherit' });
    renameSync(tmp, out);
  }
  return readFileSync(out);
}
