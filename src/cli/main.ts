/**
 * The `psa-emu` command line. `node:util` parseArgs for every command; `--help` everywhere;
 * exit codes 0 ok, 1 findings or a failed check, 2 usage error or unreadable input.
 * @module
 */
import { parseArgs } from 'node:util';
import { PsaError } from '../psa/error.js';
import { COMMON_OPTIONS, type Command } from './command.js';
import { AKA_SUBCOMMANDS } from './commands/aka.js';
import { demoCommand } from './commands/demo.js';
import { doctorCommand } from './commands/doctor.js';
import { ITS_SUBCOMMANDS } from './commands/its.js';
import { milenageCommand } from './commands/milenage.js';
import { vectorsCommand } from './commands/vectors.js';
import { CliError, EXIT, type Io, processIo } from './util.js';

const COMMANDS: readonly Command[] = [demoCommand, doctorCommand, milenageCommand, vectorsCommand];
const GROUPS: Record<string, { summary: string; sub: readonly Command[] }> = {
  aka: { summary: 'AKA network and USIM sides: vector | check | resync', sub: AKA_SUBCOMMANDS },
  its: { summary: 'inspect an ITS directory: ls', sub: ITS_SUBCOMMANDS },
};

function usage(): string {
  const lines = [
    'psa-emu — PSA Crypto as TF-M exposes it on nRF91, MILENAGE, TUAK and AKA',
    '',
    'Usage: psa-emu <command> [options]     (psa-emu <command> --help for details)',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`),
    ...Object.entries(GROUPS).map(([n, g]) => `  ${n.padEnd(10)} ${g.summary}`),
    '',
    'Exit codes: 0 ok, 1 findings or failed check, 2 usage error or unreadable input.',
  ];
  return `${lines.join('\n')}\n`;
}

async function runCommand(cmd: Command, argv: string[], io: Io, prefix: string): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...COMMON_OPTIONS, ...cmd.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new CliError(`${(e as Error).message}\n(see psa-emu ${prefix}${cmd.name} --help)`);
  }
  if (parsed.values.help) {
    io.out(`${cmd.help}\n`);
    return EXIT.ok;
  }
  if (!cmd.positionals && parsed.positionals.length > 0) {
    throw new CliError(
      `unexpected argument ${parsed.positionals[0]} (see psa-emu ${prefix}${cmd.name} --help)`,
    );
  }
  return cmd.run(parsed.values, parsed.positionals, io);
}

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.out(usage());
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    if (name === '--version') {
      io.out('psa-emu\n');
      return EXIT.ok;
    }
    const cmd = COMMANDS.find((c) => c.name === name);
    if (cmd) return await runCommand(cmd, rest, io, '');
    const group = GROUPS[name];
    if (group) {
      const [subName, ...subArgs] = rest;
      if (subName === undefined || subName === '--help' || subName === '-h') {
        io.out(
          `Usage: psa-emu ${name} <${group.sub.map((s) => s.name).join('|')}> [options]\n\n${group.sub.map((s) => `  ${s.name.padEnd(8)} ${s.summary}`).join('\n')}\n`,
        );
        return subName === undefined ? EXIT.usage : EXIT.ok;
      }
      const sub = group.sub.find((s) => s.name === subName);
      if (!sub)
        throw new CliError(`unknown ${name} command ${subName} (${group.sub.map((s) => s.name).join(', ')})`);
      return await runCommand(sub, subArgs, io, `${name} `);
    }
    throw new CliError(`unknown command ${name}\n\n${usage()}`);
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`psa-emu: ${e.message}\n`);
      return e.exitCode;
    }
    // Bad input the library refused: its messages name the argument (never key bytes).
    if (e instanceof TypeError || e instanceof RangeError || e instanceof PsaError) {
      io.err(`psa-emu: ${e.message}\n`);
      return EXIT.usage;
    }
    io.err(`psa-emu: ${(e as Error)?.stack ?? String(e)}\n`);
    return EXIT.usage;
  }
}
