/**
 * The shape of a CLI command: its `node:util` parseArgs options, help text and a runner that
 * returns the exit code.
 * @module
 */
import type { ParseArgsConfig } from 'node:util';
import type { Io } from './util.js';

/** Parsed values as parseArgs returns them. */
export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** One command (or subcommand). */
export interface Command {
  name: string;
  summary: string;
  /** Full help, shown by `--help`. */
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Whether positional arguments are accepted. */
  positionals?: boolean;
  run(values: Values, positionals: string[], io: Io): Promise<number> | number;
}

/** Common options every command understands. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
} as const;
