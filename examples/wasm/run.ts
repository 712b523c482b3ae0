/**
 * Builds softsim-psa.c for wasm32 and runs it against two emulated nRF9151 TF-M builds: the
 * reporter's (NCS default: the minimal profile, every key/cipher/MAC call -134) and the fixed
 * one (CONFIG_TFM_PROFILE_TYPE_NOT_SET=y). Run from the repository: `npx tsx examples/wasm/run.ts [head]`.
 * In a project that depends on psa-emu, import from 'psa-emu' and 'psa-emu/wasm' instead.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPsa } from '../../src/index.js';
import { runWasm } from '../../src/wasm/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'softsim-psa-'));
const wasm = join(tmp, 'softsim-psa.wasm');
const clang = process.env.PSA_EMU_CLANG ?? 'clang-16';
execFileSync(clang, [
  '--target=wasm32-wasi',
  `--sysroot=${process.env.WASI_SYSROOT ?? '/usr'}`,
  '-I',
  join(here, '../../include'),
  '-O2',
  join(here, 'softsim-psa.c'),
  '-o',
  wasm,
]);
const bytes = readFileSync(wasm);
rmSync(tmp, { recursive: true, force: true });

const builds = {
  "reporter's build (NCS minimal profile, the nRF91 default)": createPsa({ target: 'tfm' }),
  'fixed build (CONFIG_TFM_PROFILE_TYPE_NOT_SET=y)': createPsa({
    target: 'tfm',
    tfm: { profile: 'not-set' },
  }),
};
for (const [name, psa] of Object.entries(builds)) {
  const { exitCode, stdout } = await runWasm(bytes, { psa, args: process.argv.slice(2) });
  console.log(`=== ${name} (exit ${exitCode})\n${stdout}`);
}
