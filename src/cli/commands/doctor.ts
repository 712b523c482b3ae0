/**
 * `psa-emu doctor <prj.conf> [overlay.conf …] [--board b]`: derivation, warnings and findings.
 * Exit 1 when a finding is an error.
 * @module
 */
import { readFileSync } from 'node:fs';
import { diagnose } from '../../tfm/doctor.js';
import type { Command } from '../command.js';
import { CliError, EXIT, paint, toJson } from '../util.js';

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'explain what a prj.conf makes TF-M answer, and how to fix it',
  help: `Usage: psa-emu doctor <prj.conf> [overlay.conf …] [--board <target>] [--trail] [--json]

Derives the TF-M build NCS v3.2.2 makes from the Kconfig fragments (later files override
earlier ones), prints the warnings NCS would print and the findings: which PSA calls fail,
with which status, why, and the prj.conf lines that fix it.

Options:
  --board <target>  board target (default nrf9151dk/nrf9151/ns)
  --trail           also print how every TF-M flag was decided
  --json            machine-readable output
Exit codes: 0 no error finding, 1 at least one error finding, 2 usage or unreadable file.`,
  options: { board: { type: 'string' }, trail: { type: 'boolean' } },
  positionals: true,
  run(values, files, io) {
    if (files.length === 0) throw new CliError('doctor needs a prj.conf path (see psa-emu doctor --help)');
    const fragments = files.map((f) => {
      try {
        return { name: f, text: readFileSync(f, 'utf8') };
      } catch (e) {
        throw new CliError(`cannot read ${f}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    });
    // A bad --board is a TypeError naming it; main() reports it as a usage error.
    const d = diagnose(fragments, { board: values.board as string | undefined });
    const hasError = d.findings.some((f) => f.severity === 'error');
    if (values.json) {
      io.out(
        `${toJson({ config: d.config, trail: d.derivation?.trail, warnings: d.derivation?.warnings, errors: d.derivation?.errors, findings: d.findings })}\n`,
      );
      return hasError ? EXIT.findings : EXIT.ok;
    }
    const c = d.config;
    const on = (b: boolean) => (b ? paint(io, 'green', 'ON') : paint(io, 'red', 'OFF'));
    io.out(`${paint(io, 'bold', 'TF-M build')} (${d.derivation?.board}, NCS v3.2.2)\n`);
    io.out(`  profile            ${c.profile}\n`);
    io.out(
      `  ITS partition      ${on(c.partitions.internalTrustedStorage)}    PSA key storage  ${on(c.storage)}\n`,
    );
    io.out(
      `  crypto modules     ${Object.entries(c.modules)
        .map(([k, v]) => `${k} ${v ? paint(io, 'green', '1') : paint(io, 'red', '0')}`)
        .join('  ')}\n`,
    );
    io.out(
      `  ITS assets ${c.itsNumAssets} × ≤${c.itsMaxAssetSize} B, iovec scratch ${c.iovecBufferSize} B\n`,
    );
    if (values.trail && d.derivation) {
      io.out(`\n${paint(io, 'bold', 'How each flag was decided')}\n`);
      for (const t of Object.values(d.derivation.trail)) {
        io.out(
          `  ${t.flag} = ${String(t.value)}\n    ${t.because}\n    inputs: ${t.decidedBy.slice(0, 6).join(', ')}\n    rule: ${t.source}\n`,
        );
      }
    }
    if (d.derivation?.warnings.length) {
      io.out(`\n${paint(io, 'bold', 'Kconfig warnings NCS prints')}\n`);
      for (const w of d.derivation.warnings) io.out(`  ${paint(io, 'yellow', 'warning:')} ${w.summary}\n`);
    }
    io.out(`\n${paint(io, 'bold', 'Findings')}\n`);
    for (const f of d.findings) {
      const tag =
        f.severity === 'error'
          ? paint(io, 'red', 'error  ')
          : f.severity === 'warning'
            ? paint(io, 'yellow', 'warning')
            : paint(io, 'cyan', 'info   ');
      io.out(`${tag} ${f.title}\n`);
      if (f.severity !== 'info') io.out(`        ${f.explanation}\n`);
      if (f.affectedCalls.length)
        io.out(
          `        affects: ${f.affectedCalls
            .slice(0, 8)
            .map((a) => `${a.function} → ${a.status}`)
            .join(', ')}${f.affectedCalls.length > 8 ? ', …' : ''}\n`,
        );
      if (f.fix.length)
        io.out(
          `        fix (prj.conf):\n${f.fix.map((l) => `          ${paint(io, 'green', l)}\n`).join('')}`,
        );
    }
    return hasError ? EXIT.findings : EXIT.ok;
  },
};
