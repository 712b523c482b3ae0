/**
 * Runs the code block of docs/snippets/softsim-field-report.md (as test/aka/readme-snippet.test.ts
 * does for the AKA snippet): `psa-emu/...` imports are pointed at src/, the results are exported
 * and checked against the acceptance values of issue 7.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { toHex } from '../../src/utils/bytes.js';
import { linesWith } from './helpers.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const markdown = readFileSync(join(root, 'docs/snippets/softsim-field-report.md'), 'utf8');
const blocks = [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
const tmp = mkdtempSync(join(tmpdir(), 'psa-emu-softsim-snippet-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const MODULES: Record<string, string> = {
  'psa-emu': join(root, 'src/index.ts'),
  'psa-emu/softsim': join(root, 'src/softsim/index.ts'),
  'psa-emu/tfm': join(root, 'src/tfm/index.ts'),
};

describe('docs/snippets/softsim-field-report.md', () => {
  it('has exactly one TypeScript block of at most about 25 lines of code (imports aside)', () => {
    expect(blocks).toHaveLength(1);
    const withoutImports = blocks[0]!.replace(/^import [\s\S]*?from '[^']+';$/gm, '');
    const code = withoutImports.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('//'));
    expect(code.length).toBeGreaterThan(10);
    expect(code.length).toBeLessThanOrEqual(25);
  });

  it('runs and shows the field report, then the fix', async () => {
    let code = blocks[0]!.replace(/from '(psa-emu(?:\/[a-z]+)?)'/g, (_, spec: string) => {
      const target = MODULES[spec];
      if (target === undefined) throw new Error(`snippet imports unknown module ${spec}`);
      return `from '${pathToFileURL(target).href}'`;
    });
    code += '\nexport { sim, rsp, reporter, fixed };\n';
    const file = join(tmp, 'softsim-field-report.ts');
    writeFileSync(file, code);
    const print = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const r = await import(/* @vite-ignore */ pathToFileURL(file).href);
      expect(toHex(r.rsp)).toBe('dc0e1d1f1d031502191b191f190e19079000');
      const logs: string[] = r.sim.logs;
      expect(linesWith(logs, 'Failed to open key 10, error: -134')).toHaveLength(1);
      expect(linesWith(logs, 'Failed to open a persistent key, ERR: -134')).toHaveLength(3);
      expect(linesWith(logs, 'SoftSIM keys written to KMU')).toHaveLength(1);
      expect(linesWith(logs, 'SoftSIM fully provisioned')).toHaveLength(1);
      expect(linesWith(logs, 'ss_utils_aes_decrypt: psa_open_key failed! (Error: -134)')).toHaveLength(9);
      expect(r.reporter.attached).toBe(false);
      expect(r.fixed.attached).toBe(true);
      expect(toHex(r.fixed.exchanges[0].response)).toBe('dc0ed38bcbfaaddcdfa12574232edfca9000');
      expect(r.fixed.res).toEqual(r.fixed.xres);
      expect(print).toHaveBeenCalledTimes(2);
    } finally {
      print.mockRestore();
    }
  });
});
