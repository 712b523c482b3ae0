// Runs every example against the built package (npm run build first); exits non-zero on a failure.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
let failed = 0;
for (const f of readdirSync(here)
  .filter((n) => /\.(mjs|cjs)$/.test(n) && n !== 'run.mjs')
  .sort()) {
  const r = spawnSync(process.execPath, [join(here, f)], { encoding: 'utf8' });
  process.stdout.write(r.stdout);
  if (r.status !== 0) {
    failed++;
    process.stderr.write(`example ${f} failed (exit ${r.status}):\n${r.stderr}\n`);
  }
}
process.exitCode = failed ? 1 : 0;
