/**
 * Shared CLI plumbing: exit codes, errors that carry an exit code, colour only on a TTY
 * (and never with NO_COLOR), hex arguments, JSON output with bigints and bytes.
 * @module
 */
import { fromHex, toHex } from '../utils/bytes.js';

/** Exit codes scripts can rely on. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** An error that ends the command with an exit code (2 = usage or unreadable input). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Where a command writes (injectable for tests). */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  color: boolean;
}

/** The process's stdio; colour only on a TTY without NO_COLOR. */
export function processIo(): Io {
  return {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb',
  };
}

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, dim: 2, bold: 1 } as const;
/** Wraps `s` in an ANSI colour when `io.color`. */
export function paint(io: Io, color: keyof typeof CODES, s: string): string {
  return io.color ? `\x1b[${CODES[color]}m${s}\x1b[0m` : s;
}

/** A required hex argument of `len` bytes (any length when `len` is undefined). */
export function hexArg(name: string, value: string | undefined, len?: number): Uint8Array {
  if (value === undefined) throw new CliError(`--${name} is required`);
  let b: Uint8Array;
  try {
    b = fromHex(value, `--${name}`);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  if (len !== undefined && b.length !== len)
    throw new CliError(`--${name} must be ${len} bytes (${2 * len} hex digits), got ${b.length}`);
  return b;
}

/** An integer argument (decimal or 0x hex) as a bigint. */
export function bigintArg(name: string, value: string | undefined, fallback?: bigint): bigint {
  if (value === undefined) {
    if (fallback !== undefined) return fallback;
    throw new CliError(`--${name} is required`);
  }
  if (!/^(0x[0-9a-fA-F]+|\d+)$/.test(value))
    throw new CliError(`--${name} must be a number (decimal or 0x hex), got ${value}`);
  return BigInt(value);
}

/** A positive safe integer argument. */
export function intArg(
  name: string,
  value: string | undefined,
  fallback: number,
  min = 1,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new CliError(`--${name} must be an integer, got ${value}`);
  const n = Number(value);
  if (n < min || n > max) throw new CliError(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** JSON with Uint8Array as hex and bigint as decimal strings. */
export function toJson(v: unknown): string {
  return JSON.stringify(
    v,
    (_k, x) => (x instanceof Uint8Array ? toHex(x) : typeof x === 'bigint' ? x.toString() : x),
    2,
  );
}
