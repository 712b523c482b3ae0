/**
 * `psa-emu demo`: the SoftSIM field report, run twice — on the reporter's TF-M build (the NCS
 * minimal profile: -134 everywhere, a garbage AUTS, no attach) and after the fix — with the
 * device's log and short explanations between the phases.
 * @module
 */
import { memoryStorage } from '../../its/memory.js';
import { createPsa } from '../../psa/api/create-psa.js';
import { FIXED_PRJ_CONF, REPORTER_PRJ_CONF, runAttachScenario } from '../../softsim/index.js';
import { diagnose } from '../../tfm/doctor.js';
import { toHex } from '../../utils/bytes.js';
import type { Command } from '../command.js';
import { EXIT, type Io, paint, toJson } from '../util.js';

const BOARD = 'nrf9151dk/nrf9151/ns';

function section(io: Io, title: string): void {
  io.out(`\n${paint(io, 'bold', `━━ ${title} ${'━'.repeat(Math.max(0, 72 - title.length))}`)}\n`);
}
function say(io: Io, text: string): void {
  io.out(`${paint(io, 'cyan', text.replace(/^/gm, '  '))}\n`);
}
function logLines(io: Io, lines: readonly string[]): void {
  for (const l of lines) {
    const c = /<err>/.test(l) ? 'red' : /<wrn>/.test(l) ? 'yellow' : 'dim';
    io.out(`${paint(io, c, l)}\n`);
  }
}

async function attach(prjConf: string) {
  const d = diagnose(prjConf, { board: BOARD });
  const psa = createPsa({ target: 'tfm', tfm: d.config, storage: memoryStorage() });
  // A device-like uptime: boot at ~1.2 s, a few milliseconds per logged step.
  let ms = 1200;
  const run = await runAttachScenario({ psa, quirks: 'nrf-softsim-3.2', clock: () => (ms += 3.517) });
  return { d, run };
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'the SoftSIM -134 field failure on nRF9151, then the fix',
  help: `Usage: psa-emu demo [--json]

Replays the field report: an nRF9151 on NCS v3.2.2 with TF-M, MCUboot and Onomondo's SoftSIM.
Phase 1 builds TF-M from the reporter's prj.conf, boots, provisions and attaches; phase 2 adds
CONFIG_TFM_PROFILE_TYPE_NOT_SET=y and does the same. Exit code 0 when the demo ran as expected
(-134 and no attach first, attach after the fix).`,
  options: {},
  async run(values, _p, io) {
    const before = await attach(REPORTER_PRJ_CONF);
    const after = await attach(FIXED_PRJ_CONF);
    const ok = !before.run.attached && after.run.attached && before.run.logs.some((l) => l.includes('-134'));
    if (values.json) {
      io.out(
        `${toJson({
          reporter: {
            config: before.d.config,
            warnings: before.d.derivation?.warnings.map((w) => w.summary),
            findings: before.d.findings,
            logs: before.run.logs,
            network: before.run.network,
            attached: before.run.attached,
          },
          fixed: {
            config: after.d.config,
            findings: after.d.findings,
            logs: after.run.logs,
            network: after.run.network,
            attached: after.run.attached,
          },
        })}\n`,
      );
      return ok ? EXIT.ok : EXIT.findings;
    }
    io.out(`${paint(io, 'bold', 'psa-emu demo')} — nRF9151, NCS v3.2.2, TF-M + MCUboot, Onomondo SoftSIM\n`);

    section(io, "1. The reporter's build");
    say(io, 'prj.conf asks for ITS and PSA key storage but sets no TF-M profile. NCS prints:');
    for (const w of before.d.derivation?.warnings ?? [])
      io.out(`  ${paint(io, 'yellow', 'warning:')} ${w.summary}\n`);
    const c = before.d.config;
    say(
      io,
      `TF-M is built with the ${c.profile} profile: ITS partition ${c.partitions.internalTrustedStorage ? 'ON' : 'OFF'}, key storage ${c.storage ? 'ON' : 'OFF'}, modules ${Object.entries(
        c.modules,
      )
        .filter(([, v]) => v)
        .map(([k]) => k)
        .join(', ')} only.`,
    );

    section(io, '2. Boot, provisioning and attach on the device (its log)');
    logLines(io, before.run.logs);
    say(
      io,
      'Every PSA call the port makes answers -134 (PSA_ERROR_NOT_SUPPORTED): TF-M\'s dispatcher rejects the key, cipher and MAC groups before looking at the key. The port ignores the import errors, logs "SoftSIM keys written to KMU", treats the -1 of its provisioned check as true, and its AES hook leaves the buffer untouched — so MILENAGE runs with AES = identity.',
    );
    for (const n of before.run.network) io.out(`  ${paint(io, 'magenta', 'network:')} ${n}\n`);
    const first = before.run.exchanges[0];
    if (first)
      say(
        io,
        `The SIM answered ${toHex(first.response)}: a resync request whose AUTS the network cannot verify. Attached: ${before.run.attached}.`,
      );

    section(io, '3. What the doctor says');
    for (const f of before.d.findings.filter((x) => x.severity === 'error')) {
      io.out(`  ${paint(io, 'red', 'error')} ${f.title}\n`);
      if (f.fix.length) io.out(`  fix:\n${f.fix.map((l) => `    ${paint(io, 'green', l)}\n`).join('')}`);
    }

    section(io, '4. The same device after the fix (CONFIG_TFM_PROFILE_TYPE_NOT_SET=y)');
    const f = after.d.config;
    say(
      io,
      `TF-M: ${f.profile} profile, ITS ${f.partitions.internalTrustedStorage ? 'ON' : 'OFF'}, key storage ${f.storage ? 'ON' : 'OFF'}, key/cipher/mac modules ${f.modules.key && f.modules.cipher && f.modules.mac ? 'ON' : 'OFF'}.`,
    );
    logLines(io, after.run.logs);
    for (const n of after.run.network) io.out(`  ${paint(io, 'magenta', 'network:')} ${n}\n`);
    say(
      io,
      `Attached: ${after.run.attached}${after.run.res ? ` (RES ${toHex(after.run.res)} = XRES ${after.run.xres ? toHex(after.run.xres) : ''})` : ''}.`,
    );
    io.out(
      `\n${ok ? paint(io, 'green', 'Demo complete: -134 comes from the minimal profile, and NOT_SET fixes it.') : paint(io, 'red', 'Unexpected demo outcome.')}\n`,
    );
    return ok ? EXIT.ok : EXIT.findings;
  },
};
