/**
 * Runs scripts on Mbed TLS 2.28 (one `mbedtls-psa-runner` process for the whole batch, `reset`
 * between scripts) and on psa-emu (`EmuRunner`, one per script), and compares the answers
 * line by line. A difference is either one of the documented exceptions
 * (`mbedtls-differential-exceptions.ts`) or *unexplained*.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileStorage } from '../../src/entries/node.js';
import { EmuRunner } from './mbedtls-differential-emu.js';
import { classify, type Mismatch } from './mbedtls-differential-exceptions.js';
import { ScriptGenerator } from './mbedtls-differential-generator.js';
import { type Command, canonicalId, Rng, render, type Side } from './mbedtls-differential-script.js';
import { compileC } from './toolchain.js';

let binary: string | undefined;
/**
 * Runs `commands` in one `mbedtls-psa-runner` process with `dir` as working directory; one
 * answer line per command. The binary has its own name, so test files that build the runner
 * at the same time (mbedtls-its.test.ts) never write the same file.
 */
export function runMbedtlsScript(dir: string, commands: string[]): string[] {
  binary ??= compileC('mbedtls-psa-runner.c', 'mbedtls-psa-runner-differential', ['-lmbedcrypto']);
  const out = execFileSync(binary, [dir], {
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

/** Commands whose answer's second word is a key id. */
const ID_RESULT = new Set(['import', 'generate', 'copy', 'open', 'attrs']);

const CREATE = new Set(['import', 'generate', 'copy']);
/** Commands that set "@" when they succeed. */
const PRODUCERS = new Set([
  'export',
  'encrypt',
  'encrypt_iv',
  'decrypt',
  'mac',
  'hash',
  'cgeniv',
  'cupdate',
  'cfinish',
  'msign',
]);
const CIPHER_OP = new Set(['csetup', 'cgeniv', 'csetiv', 'cupdate', 'cfinish', 'cabort']);
const MAC_OP = new Set(['msetup', 'mupdate', 'msign', 'mverify', 'mabort']);

/** Splits an answer and makes key ids comparable (`V<slot>` for volatile ids). */
export function normalize(cmd: string, line: string, side: Side): string[] {
  const t = line.split(' ');
  if (ID_RESULT.has(cmd) && t.length > 1) t[1] = canonicalId(Number(t[1]), side);
  return t;
}

/** What a batch found. */
export interface DifferentialReport {
  seed: number;
  scripts: number;
  calls: number;
  /** Calls whose answers were compared in full. */
  compared: number;
  /** Calls compared on status and length only (outputs of generated keys). */
  statusOnly: number;
  /** Calls not compared (after an explained divergence, or a status that depends on a generated key). */
  skipped: number;
  /** Explained differences by exception id. */
  explained: Map<string, number>;
  /** Unexplained differences, with the script so far (Mbed TLS rendering) for replay. */
  unexplained: { script: number; call: number; context: string[]; mbedtls: string; emu: string }[];
}

/** The scripts of a batch (deterministic for a seed). */
export function generateScripts(seed: number, count: number): Command[][] {
  const rng = new Rng(seed);
  const out: Command[][] = [];
  for (let i = 0; i < count; i++) out.push(new ScriptGenerator(rng).script(rng.range(10, 30)));
  return out;
}

/** Options of `runDifferential`. */
export interface DifferentialOptions {
  /** Every `fileEvery`-th script keeps psa-emu's keys in `fileStorage` (the others in memory). Default 10. */
  fileEvery?: number;
  /** Changes psa-emu's answer before comparison (to check that the comparison can fail). */
  tamper?: (command: string, answer: string) => string;
}

/** Runs `count` scripts from `seed` on both sides and compares. */
export function runDifferential(
  seed: number,
  count: number,
  options: DifferentialOptions = {},
): DifferentialReport {
  const fileEvery = options.fileEvery ?? 10;
  const scripts = generateScripts(seed, count);
  const dir = mkdtempSync(join(tmpdir(), 'psa-emu-diff-'));
  let answers: string[];
  try {
    answers = runMbedtlsScript(
      dir,
      scripts.flat().map((c) => render(c, 'mbedtls')),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const report: DifferentialReport = {
    seed,
    scripts: count,
    calls: answers.length,
    compared: 0,
    statusOnly: 0,
    skipped: 0,
    explained: new Map(),
    unexplained: [],
  };
  let k = 0;
  const emuDir = mkdtempSync(join(tmpdir(), 'psa-emu-diff-emu-'));
  try {
    for (const [si, script] of scripts.entries()) {
      const storage =
        si % fileEvery === fileEvery - 1
          ? fileStorage(join(emuDir, String(si)), { fsync: false })
          : undefined;
      const emu = new EmuRunner(`psa-emu-diff/${seed}/${si}`, storage);
      let stopped = false;
      let cipherDesync = false;
      let macDesync = false;
      /** "@" holds different bytes on the two sides (after an explained difference of a producer). */
      let atDesync = false;
      for (const [ci, cmd] of script.entries()) {
        const mLine = answers[k++]!;
        const name = cmd[0] as string;
        if (name === 'reset') continue;
        if (stopped) {
          report.skipped++;
          continue;
        }
        const e = emu.run(render(cmd, 'emu'), mLine);
        if (options.tamper) e.line = options.tamper(render(cmd, 'emu'), e.line);
        // After an explained divergence of a multipart setup, that operation is not comparable
        // until both sides have certainly ended it (finish and abort always end it).
        if ((cipherDesync && CIPHER_OP.has(name)) || (macDesync && MAC_OP.has(name))) {
          if (name === 'cfinish' || name === 'cabort') cipherDesync = false;
          if (name === 'msign' || name === 'mverify' || name === 'mabort') macDesync = false;
          if (PRODUCERS.has(name)) atDesync = true; // one side may have produced bytes
          report.skipped++;
          continue;
        }
        const usesAt = cmd.includes('@');
        if (atDesync && usesAt) {
          report.skipped++;
          continue;
        }
        if (e.opacity === 'all') {
          if (PRODUCERS.has(name)) atDesync = true;
          report.skipped++;
          continue;
        }
        const m = normalize(name, mLine, 'mbedtls');
        const u = normalize(name, e.line, 'emu');
        if (e.opacity === 'bytes' && m.length > 2 && u.length > 2) {
          m[2] = '*';
          u[2] = '*';
        }
        if (m.join(' ') === u.join(' ')) {
          if (e.opacity === 'bytes') report.statusOnly++;
          else report.compared++;
          if (PRODUCERS.has(name) && m[0] === '0') atDesync = false;
          continue;
        }
        const mismatch: Mismatch = { cmd: render(cmd, 'emu').split(' '), mbedtls: m, emu: u };
        const ex = classify(mismatch);
        if (!ex) {
          report.unexplained.push({
            script: si,
            call: ci,
            context: script.slice(0, ci + 1).map((c) => render(c, 'mbedtls')),
            mbedtls: mLine,
            emu: e.line,
          });
          stopped = true;
          continue;
        }
        report.explained.set(ex.id, (report.explained.get(ex.id) ?? 0) + 1);
        const ms = Number(m[0]);
        const us = Number(u[0]);
        if (PRODUCERS.has(name) && (ms === 0 || us === 0)) atDesync = true;
        if (ex.after === 'stop') stopped = true;
        else if (CREATE.has(name) && us === 0 && ms !== 0) emu.undoCreate();
        else if (CREATE.has(name) && ms === 0 && us !== 0) stopped = true;
        else if ((name === 'csetup' || name === 'msetup') && ms !== us) {
          if (name === 'csetup') cipherDesync = true;
          else macDesync = true;
        }
      }
    }
  } finally {
    rmSync(emuDir, { recursive: true, force: true });
  }
  return report;
}
