/**
 * Runs the code blocks of docs/snippets/kmu-*.md so they cannot rot: each block's `psa-emu…`
 * imports are pointed at src/, a line exporting its results is appended, and the result is imported
 * as a TypeScript module from a temporary directory (as test/aka/readme-snippet.test.ts does).
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cmac, ecb } from '@noble/ciphers/aes.js';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tmp = mkdtempSync(join(tmpdir(), 'psa-emu-kmu-snippet-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const MODULES: Record<string, string> = {
  'psa-emu': join(root, 'src/index.ts'),
  'psa-emu/kmu': join(root, 'src/kmu/index.ts'),
};

async function run(name: string, exports: string[]): Promise<Record<string, unknown>> {
  const markdown = readFileSync(join(root, `docs/snippets/${name}.md`), 'utf8');
  const blocks = [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(blocks).toHaveLength(1);
  let code = blocks[0]!.replace(/from '(psa-emu(?:\/[a-z]+)?)'/g, (_, spec: string) => {
    const target = MODULES[spec];
    if (target === undefined) throw new Error(`snippet imports unknown module ${spec}`);
    return `from '${pathToFileURL(target).href}'`;
  });
  code += `\nexport { ${exports.join(', ')} };\n`;
  const file = join(tmp, `${name}.ts`);
  writeFileSync(file, code);
  return import(/* @vite-ignore */ pathToFileURL(file).href);
}

describe('docs/snippets/kmu-*.md', () => {
  it('kmu-nrf54l-cracen: import into slot 10, reboot, CMAC by id, second import ALREADY_EXISTS', async () => {
    const r = await run('kmu-nrf54l-cracen', ['id', 'imported', 'used', 'mac', 'again', 'where']);
    expect(r.id).toBe(0x7fff000a);
    expect(r.imported).toEqual({ status: 0, key: 0x7fff000a });
    expect(r.used).toEqual({ status: 0, macLength: 16 });
    expect((r.mac as Uint8Array).some((b) => b !== 0)).toBe(true);
    expect(r.again).toEqual({ status: -139, key: 0 });
    expect(r.where).toMatchObject({ place: 'kmu-slot', slot: 10, scheme: 'PROTECTED' });
    // The PROTECTED key cannot be read back to check the MAC; its CMAC is not the zero key's.
    expect(r.mac).not.toEqual(cmac(new TextEncoder().encode('hello'), new Uint8Array(16)));
  });

  it('kmu-nrf91: write, blocked read, push-then-encrypt, HUK derivation, NS fault', async () => {
    const r = await run('kmu-nrf91', [
      'key',
      'written',
      'readBack',
      'pushed',
      'ciphertext',
      'huk',
      'isFault',
      'softsimK',
    ]);
    expect(r.written).toBe(0);
    expect(Array.from(r.readBack as Uint32Array)).toEqual(Array(4).fill(0xdeaddead));
    expect(r.pushed).toBe('KEYSLOT_PUSHED');
    const want = ecb(r.key as Uint8Array, { disablePadding: true }).encrypt(new Uint8Array(16));
    expect(r.ciphertext).toEqual(want);
    const label = new TextEncoder().encode('TFM_HW_UNIQ_KEY\0');
    expect(r.huk).toEqual(cmac(Uint8Array.from([1, ...label, 0, 0x80]), r.key as Uint8Array));
    expect(r.isFault).toBe(true);
    expect(r.softsimK).toMatchObject({ place: 'its', uid: 0xc40000000000000an });
  });
});
