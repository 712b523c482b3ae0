/**
 * `psa-emu its ls <dir>`: decode an ITS directory (psa-emu's fileStorage or Mbed TLS's file
 * ITS): uids, owners, key ids, types, usage, algorithms; key bytes only with `--reveal`.
 * @module
 */
import { existsSync, statSync } from 'node:fs';
import { fileStorage } from '../../node/file-storage.js';
import { usageNames } from '../../psa/api/names.js';
import { inspectStore } from '../../psa/inspect-store.js';
import { toHex } from '../../utils/bytes.js';
import type { Command } from '../command.js';
import { CliError, EXIT, paint, toJson } from '../util.js';

const ls: Command = {
  name: 'ls',
  summary: 'list and decode the assets and persistent keys of an ITS directory',
  help: `Usage: psa-emu its ls <dir> [--reveal] [--json]

Reads a directory in Mbed TLS's file-ITS format (%08x%08x.psa_its files; psa-emu keeps other
clients in client.<id>/ subdirectories) and decodes persistent-key records ("PSA\\0KEY\\0").
Key bytes are shown only with --reveal.`,
  options: { reveal: { type: 'boolean' } },
  positionals: true,
  run(values, [dir], io) {
    if (!dir) throw new CliError('its ls needs a directory (see psa-emu its ls --help)');
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`${dir} is not a directory`);
    const entries = inspectStore(fileStorage(dir, { fsync: false }), { reveal: Boolean(values.reveal) });
    if (values.json) {
      io.out(`${toJson(entries)}\n`);
      return EXIT.ok;
    }
    if (entries.length === 0) io.out('(empty)\n');
    for (const e of entries) {
      const where = `client ${e.client} uid 0x${e.uid.toString(16).padStart(16, '0')}`;
      if (e.kind === 'key' && e.key) {
        const k = e.key;
        io.out(
          `${paint(io, 'bold', `key ${k.id}`)} owner ${k.owner} (${where}) type 0x${k.type.toString(16)} ${k.bits} bits ` +
            `usage 0x${k.usage.toString(16)} [${usageNames(k.usage).join(',')}] alg 0x${k.alg.toString(16).padStart(8, '0')} lifetime 0x${k.lifetime.toString(16)}\n`,
        );
        if (k.keyBytes) io.out(`  ${paint(io, 'red', 'key bytes')} ${toHex(k.keyBytes)}\n`);
      } else {
        io.out(
          `${e.kind === 'unreadable' ? paint(io, 'red', 'unreadable') : 'asset'} (${where}) ${e.size} bytes flags 0x${e.flags.toString(16)}${e.error ? ` ${e.error}` : ''}\n`,
        );
      }
    }
    return EXIT.ok;
  },
};

/** The `its` subcommands. */
export const ITS_SUBCOMMANDS: readonly Command[] = [ls];
