/**
 * `psa-emu aka vector|check|resync`: the network side (an authentication vector), the USIM side
 * (check RAND/AUTN, with the SQN state kept in a JSON file like the SIM's files) and the
 * network's resynchronisation from AUTS (TS 33.102 §6.3, Annex C).
 * @module
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  generateAuthVector,
  resynchronise,
  sqnToBytes,
  USIM_PROFILES,
  Usim,
  type UsimOptions,
  type UsimState,
} from '../../aka/index.js';
import { toHex } from '../../utils/bytes.js';
import type { Command } from '../command.js';
import { bigintArg, CliError, EXIT, hexArg, paint, toJson } from '../util.js';
import { KEY_HELP, KEY_OPTIONS, milenageFrom } from './keys.js';

const vector: Command = {
  name: 'vector',
  summary: 'network side: RAND, XRES, CK, IK, AK, AUTN for one SQN',
  help: `Usage: psa-emu aka vector --k <hex> (--op|--opc) <hex> --sqn <n> [--amf <hex>] [--rand <hex>] [--json]

Options:
${KEY_HELP}
  --sqn <n>     SQN (decimal or 0x hex, < 2^48)
  --amf <hex>   AMF (default 8000: separation bit set)
  --rand <hex>  RAND (default: random)`,
  options: { ...KEY_OPTIONS, sqn: { type: 'string' }, amf: { type: 'string' }, rand: { type: 'string' } },
  run(values, _p, io) {
    const { milenage } = milenageFrom(values);
    const sqn = bigintArg('sqn', values.sqn as string | undefined);
    if (sqn >= 1n << 48n) throw new CliError('--sqn must be below 2^48');
    const amf = values.amf === undefined ? Uint8Array.of(0x80, 0) : hexArg('amf', values.amf as string, 2);
    const rand = values.rand === undefined ? undefined : hexArg('rand', values.rand as string, 16);
    const av = generateAuthVector({ milenage, sqn, amf, rand });
    milenage.dispose();
    const out = { sqn: toHex(sqnToBytes(sqn)), ...av };
    if (values.json) io.out(`${toJson(out)}\n`);
    else
      for (const [k, v] of Object.entries(out))
        io.out(`${paint(io, 'dim', k.padEnd(5))} ${typeof v === 'string' ? v : toHex(v)}\n`);
    return EXIT.ok;
  },
};

const check: Command = {
  name: 'check',
  summary: 'USIM side: answer RAND/AUTN (RES/CK/IK, AUTS or MAC failure); state in --state',
  help: `Usage: psa-emu aka check --k <hex> (--op|--opc) <hex> --rand <hex> --autn <hex> [--state usim.json] [--profile p] [--json]

The USIM checks MAC-A and the freshness of SQN (TS 33.102 Annex C.2) and answers. With --state
the SEQ_MS array is read from and written back to that JSON file, so repeated calls behave like a card.

Options:
${KEY_HELP}
  --rand <hex>     RAND (16 bytes)
  --autn <hex>     AUTN (16 bytes)
  --state <file>   USIM SQN state (created when missing)
  --profile <p>    ts-33.102 (default), onomondo-uicc-2.2 (SQN checked before MAC), onomondo-uicc-pr103
Exit codes: 0 success, 1 sync failure or MAC failure, 2 usage.`,
  options: {
    ...KEY_OPTIONS,
    rand: { type: 'string' },
    autn: { type: 'string' },
    state: { type: 'string' },
    profile: { type: 'string' },
  },
  run(values, _p, io) {
    const { milenage } = milenageFrom(values);
    const rand = hexArg('rand', values.rand as string | undefined, 16);
    const autn = hexArg('autn', values.autn as string | undefined, 16);
    const profileName = (values.profile as string | undefined) ?? 'ts-33.102';
    if (!(profileName in USIM_PROFILES))
      throw new CliError(`--profile must be one of ${Object.keys(USIM_PROFILES).join(', ')}`);
    const profile = USIM_PROFILES[profileName as keyof typeof USIM_PROFILES];
    const stateFile = values.state as string | undefined;
    let usim: Usim;
    if (stateFile && existsSync(stateFile)) {
      let state: UsimState;
      try {
        state = JSON.parse(readFileSync(stateFile, 'utf8')) as UsimState;
      } catch (e) {
        throw new CliError(`cannot read ${stateFile}: ${(e as Error).message}`);
      }
      // The state file carries the SQN parameters; the profile contributes the behaviour only.
      const { indLength: _ind, delta: _delta, ...behaviour }: Partial<UsimOptions> = profile;
      usim = Usim.fromState(state, { ...behaviour, milenage });
    } else {
      usim = new Usim({ milenage, ...profile });
    }
    const r = usim.authenticate(rand, autn);
    if (stateFile) writeFileSync(stateFile, `${JSON.stringify(usim.state, null, 2)}\n`);
    milenage.dispose();
    if (values.json) io.out(`${toJson(r)}\n`);
    else {
      io.out(`${r.kind === 'success' ? paint(io, 'green', r.kind) : paint(io, 'red', r.kind)}\n`);
      for (const [k, v] of Object.entries(r))
        if (v instanceof Uint8Array) io.out(`${paint(io, 'dim', k.padEnd(5))} ${toHex(v)}\n`);
    }
    return r.kind === 'success' ? EXIT.ok : EXIT.findings;
  },
};

const resync: Command = {
  name: 'resync',
  summary: 'network side: recover SQN_MS from AUTS (MAC-S checked with AMF 0000)',
  help: `Usage: psa-emu aka resync --k <hex> (--op|--opc) <hex> --rand <hex> --auts <hex> [--json]

Exit codes: 0 MAC-S valid (SQN_MS printed), 1 MAC-S invalid, 2 usage.`,
  options: { ...KEY_OPTIONS, rand: { type: 'string' }, auts: { type: 'string' } },
  run(values, _p, io) {
    const { milenage } = milenageFrom(values);
    const rand = hexArg('rand', values.rand as string | undefined, 16);
    const auts = hexArg('auts', values.auts as string | undefined, 14);
    const r = resynchronise({ milenage, rand, auts });
    milenage.dispose();
    if (values.json) io.out(`${toJson(r.ok ? { ok: true, sqnMs: toHex(sqnToBytes(r.sqnMs)) } : r)}\n`);
    else
      io.out(
        r.ok
          ? `${paint(io, 'green', 'ok')} SQN_MS ${toHex(sqnToBytes(r.sqnMs))} (${r.sqnMs})\n`
          : `${paint(io, 'red', 'MAC-S invalid')}\n`,
      );
    return r.ok ? EXIT.ok : EXIT.findings;
  },
};

/** The `aka` subcommands. */
export const AKA_SUBCOMMANDS: readonly Command[] = [vector, check, resync];
