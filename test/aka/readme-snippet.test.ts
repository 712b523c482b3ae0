/**
 * Runs the code block of docs/snippets/aka-5g.md so the README snippet cannot rot: the block is
 * extracted, its `psa-emu/...` imports are pointed at src/, a line exporting its results is appended,
 * and the result is imported as a TypeScript module from a temporary directory.
 * (Chosen over an examples/ file so that the markdown itself is what runs.)
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { deriveKseaf } from '../../src/aka/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const markdown = readFileSync(join(root, 'docs/snippets/aka-5g.md'), 'utf8');
const blocks = [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
const tmp = mkdtempSync(join(tmpdir(), 'psa-emu-aka-snippet-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const MODULES: Record<string, string> = {
  'psa-emu/aka': join(root, 'src/aka/index.ts'),
  'psa-emu/milenage': join(root, 'src/milenage/index.ts'),
};

describe('docs/snippets/aka-5g.md', () => {
  it('has exactly one TypeScript block of about 20 lines of code (imports aside)', () => {
    expect(blocks).toHaveLength(1);
    const withoutImports = blocks[0]!.replace(/^import [\s\S]*?from '[^']+';$/gm, '');
    const code = withoutImports.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('//'));
    expect(code.length).toBeGreaterThan(10);
    expect(code.length).toBeLessThanOrEqual(22);
  });

  it('runs and both sides end with the same keys', async () => {
    let code = blocks[0]!.replace(/from '(psa-emu\/[a-z]+)'/g, (_, spec: string) => {
      const target = MODULES[spec];
      if (target === undefined) throw new Error(`snippet imports unknown module ${spec}`);
      return `from '${pathToFileURL(target).href}'`;
    });
    code += '\nexport { he, answer, resStar, kausf, kseaf, kamf, snn };\n';
    const file = join(tmp, 'aka-5g.ts');
    writeFileSync(file, code);
    const r = await import(/* @vite-ignore */ pathToFileURL(file).href);
    expect(r.snn).toBe('5G:mnc001.mcc001.3gppnetwork.org');
    expect(r.answer.kind).toBe('success');
    expect(r.resStar).toEqual(r.he.xresStar);
    expect(r.kausf).toEqual(r.he.kausf); // UE and home network agree
    expect(r.kseaf).toEqual(deriveKseaf({ kausf: r.he.kausf, snn: r.snn }));
    expect(r.kamf).toHaveLength(32);
  });
});
