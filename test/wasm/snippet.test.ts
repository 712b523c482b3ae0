/**
 * Runs docs/snippets/wasm-c.md so the README section cannot rot: its compile command (with
 * the package's include directory and test/wasm/c/echo.c) and its TypeScript block (imports
 * pointed at src/, the file name at the built module).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findClang, INCLUDE_DIR, ROOT, WASM_TEST_DIR, wasmToolchainAvailable } from './toolchain.js';

const markdown = readFileSync(join(ROOT, 'docs/snippets/wasm-c.md'), 'utf8');
const block = (lang: string): string[] =>
  [...markdown.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]!);
const MODULES: Record<string, string> = {
  'psa-emu': join(ROOT, 'src/index.ts'),
  'psa-emu/wasm': join(ROOT, 'src/wasm/index.ts'),
};

describe('docs/snippets/wasm-c.md', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'psa-emu-wasm-snippet-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('is a short section: one command, one TypeScript block of a few lines', () => {
    expect(markdown.split('\n').filter((l) => l.trim() !== '').length).toBeLessThanOrEqual(22);
    expect(block('sh')).toHaveLength(1);
    expect(block('ts')).toHaveLength(1);
    expect(markdown).toMatch(/^## Test your C against psa-emu$/m);
  });

  it.runIf(wasmToolchainAvailable())(
    'compiles with the documented command and runs with the documented code',
    async () => {
      const wasm = join(tmp, 'app.wasm');
      const command = block('sh')[0]!
        .trim()
        .replace('node_modules/psa-emu/include', INCLUDE_DIR)
        .replace('app.c', join(WASM_TEST_DIR, 'c/echo.c'))
        .replace('app.wasm', wasm)
        .split(/\s+/);
      expect(command[0]).toBe('clang-16');
      execFileSync(process.env.PSA_EMU_CLANG ? findClang()! : command[0]!, command.slice(1), {
        stdio: 'inherit',
      });

      let code = block('ts')[0]!.replace(/from '(psa-emu(?:\/[a-z]+)?)'/g, (_, spec: string) => {
        const target = MODULES[spec];
        if (!target) throw new Error(`snippet imports unknown module ${spec}`);
        return `from '${pathToFileURL(target).href}'`;
      });
      code = code.replace("'app.wasm'", JSON.stringify(wasm));
      const file = join(tmp, 'snippet.ts');
      writeFileSync(file, `${code}\nexport { exitCode, lines };\n`);
      const { exitCode, lines } = (await import(pathToFileURL(file).href)) as {
        exitCode: number;
        lines: string[];
      };
      expect(exitCode).toBe(7);
      expect(lines).toContain('argv[1]=--verbose');
    },
  );
});
