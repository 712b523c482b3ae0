/**
 * Drives `mbedtls-psa-runner.c` (Debian's Mbed TLS 2.28): send command lines, get result lines.
 * One process per batch keeps thousands of calls fast.
 */
import { execFileSync } from 'node:child_process';
import { compileC, interopAvailable } from './toolchain.js';

export const mbedtlsAvailable = (): boolean => interopAvailable('psa/crypto.h', 'libmbedtls-dev');

let binary: string | undefined;
/** Builds the runner once per test process. */
export function mbedtlsRunner(): string {
  binary ??= compileC('mbedtls-psa-runner.c', 'mbedtls-psa-runner', ['-lmbedcrypto']);
  return binary;
}

/** Runs `commands` in one Mbed TLS process with `dir` as working directory; returns one line per command. */
export function runMbedtls(dir: string, commands: string[]): string[] {
  const out = execFileSync(mbedtlsRunner(), [dir], {
    input: `${commands.join('\n')}\n`,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const lines = out.split('\n');
  lines.pop();
  if (lines.length !== commands.length)
    throw new Error(`runner answered ${lines.length} lines for ${commands.length} commands`);
  return lines;
}
