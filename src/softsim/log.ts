/**
 * A console that prints what a Zephyr application prints, collected in memory so a test can
 * assert on the same lines the device shows. Line format of Zephyr's text log formatter
 * (`subsys/logging/log_output.c`, default options, no colours):
 * `[hh:mm:ss.mmm,uuu] <lvl> module: message`, where the timestamp is the uptime, `lvl` is one of
 * `err`, `wrn`, `inf`, `dbg`, and debug lines carry the function name (`module: func: message`,
 * `CONFIG_LOG_FUNC_NAME_PREFIX_DBG=y` is Zephyr's default). `printk` output has no prefix.
 * @module
 */

import { describeType } from '../utils/bytes.js';

/** Zephyr log levels, most severe first (`LOG_LEVEL_ERR` 1 … `LOG_LEVEL_DBG` 4). */
export type ZephyrLogLevel = 'err' | 'wrn' | 'inf' | 'dbg';

const RANK: Readonly<Record<ZephyrLogLevel, number>> = { err: 1, wrn: 2, inf: 3, dbg: 4 };

/** Options of {@link createZephyrLog}. */
export interface ZephyrLogOptions {
  /**
   * Uptime in milliseconds (fractions give the microseconds). Default: milliseconds since the
   * log was created. Pass a fixed or stepping function for deterministic tests.
   */
  clock?: () => number;
  /** Lines above this level are dropped (`CONFIG_LOG_DEFAULT_LEVEL`; default `'inf'`). */
  level?: ZephyrLogLevel;
  /** Per-module levels (`CONFIG_<MODULE>_LOG_LEVEL`), e.g. `{ softsim_crypto: 'dbg' }`. */
  moduleLevels?: Readonly<Record<string, ZephyrLogLevel>>;
  /** Called with every line as it is printed (e.g. `console.log`). */
  onLine?: (line: string) => void;
}

/** A collecting Zephyr console. */
export interface ZephyrLog {
  /** Every line printed so far (a copy). */
  readonly lines: string[];
  /** `LOG_ERR` / `LOG_WRN` / `LOG_INF` / `LOG_DBG` from `module` (`func` is printed for debug lines). */
  log(level: ZephyrLogLevel, module: string, message: string, func?: string): void;
  /** `printk(text)`: printed as is, without timestamp or level. */
  printk(text: string): void;
  /** Whether a line of `level` from `module` would be printed (`LOG_LEVEL` filtering). */
  enabled(level: ZephyrLogLevel, module: string): boolean;
  /** Forgets the collected lines. */
  clear(): void;
}

/**
 * `[hh:mm:ss.mmm,uuu]` for an uptime in milliseconds, as Zephyr prints it.
 * @example formatZephyrTimestamp(1234.5675) // '[00:00:01.234,567]'
 */
export function formatZephyrTimestamp(uptimeMs: number): string {
  if (typeof uptimeMs !== 'number' || !Number.isFinite(uptimeMs) || uptimeMs < 0) {
    throw new RangeError(
      `uptime must be a finite non-negative number of milliseconds, got ${String(uptimeMs)}`,
    );
  }
  const us = Math.floor(uptimeMs * 1000);
  const p = (v: number, n: number) => String(v).padStart(n, '0');
  const h = Math.floor(us / 3_600_000_000);
  const m = Math.floor(us / 60_000_000) % 60;
  const s = Math.floor(us / 1_000_000) % 60;
  return `[${p(h, 2)}:${p(m, 2)}:${p(s, 2)}.${p(Math.floor(us / 1000) % 1000, 3)},${p(us % 1000, 3)}]`;
}

function checkLevel(name: string, v: unknown): ZephyrLogLevel {
  if (typeof v !== 'string' || !(v in RANK)) {
    throw new TypeError(`${name} must be 'err', 'wrn', 'inf' or 'dbg', got ${String(v)}`);
  }
  return v as ZephyrLogLevel;
}

/** `log.log` without the level check: internal callers pass literal levels. */
export type LogWrite = (level: ZephyrLogLevel, module: string, message: string, func?: string) => void;

/** The unchecked writer of each console (own consoles: `write`; others: a wrapper around `log`). */
const WRITERS = new WeakMap<ZephyrLog, LogWrite>();

/**
 * Internal (not exported by `psa-emu/softsim`): `log.log` for the port's own calls, whose levels
 * are literals. A console from {@link createZephyrLog} skips the level check of its public `log`;
 * any other `ZephyrLog` is called through its own `log`.
 */
export function logWriter(log: ZephyrLog): LogWrite {
  let w = WRITERS.get(log);
  if (w === undefined) {
    w = (level, module, message, func) =>
      func === undefined ? log.log(level, module, message) : log.log(level, module, message, func);
    WRITERS.set(log, w);
  }
  return w;
}

/** Creates a collecting console (see the module description for the line format). */
export function createZephyrLog(options: ZephyrLogOptions = {}): ZephyrLog {
  if (typeof options !== 'object' || options === null)
    throw new TypeError(`options must be an object, got ${describeType(options)}`);
  const start = performance.now();
  const clock = options.clock ?? (() => performance.now() - start);
  if (typeof clock !== 'function')
    throw new TypeError(`options.clock must be a function, got ${describeType(clock)}`);
  const level = checkLevel('options.level', options.level ?? 'inf');
  const moduleLevels = new Map<string, ZephyrLogLevel>();
  for (const [m, l] of Object.entries(options.moduleLevels ?? {})) {
    moduleLevels.set(m, checkLevel(`options.moduleLevels.${m}`, l));
  }
  const { onLine } = options;
  if (onLine !== undefined && typeof onLine !== 'function')
    throw new TypeError(`options.onLine must be a function, got ${describeType(onLine)}`);
  const lines: string[] = [];
  const emit = (line: string) => {
    lines.push(line);
    onLine?.(line);
  };
  const enabled = (l: ZephyrLogLevel, module: string) => RANK[l] <= RANK[moduleLevels.get(module) ?? level];
  const write: LogWrite = (l, module, message, func) => {
    if (!enabled(l, module)) return;
    const where = l === 'dbg' && func ? `${module}: ${func}` : module;
    emit(`${formatZephyrTimestamp(clock())} <${l}> ${where}: ${message}`);
  };
  const log: ZephyrLog = {
    get lines() {
      return lines.slice();
    },
    log(l, module, message, func) {
      checkLevel('level', l); // the public entry point; the port's own calls go through `write`
      write(l, module, message, func);
    },
    printk: (text) => emit(text),
    enabled,
    clear: () => {
      lines.length = 0;
    },
  };
  WRITERS.set(log, write);
  return log;
}
