/**
 * The command line, through the built binary (dist/cli.js): help, exit codes, JSON output,
 * doctor, milenage, aka, its ls and demo.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileStorage } from '../../src/entries/node.js';
import { createPsa } from '../../src/index.js';
import { FIXED_PRJ_CONF, REPORTER_PRJ_CONF } from '../../src/softsim/index.js';
import { cli, ensureBuilt } from './built-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'psa-emu-cli-'));
beforeAll(() => ensureBuilt(), 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SET1 = ['--k', '465b5ce8b199b49faa5f0a2ee238a6bc', '--op', 'cdc202d5123e20f62b6d676ac72cb318'];

describe('psa-emu', () => {
  it('prints usage (exit 2 without a command, 0 with --help) and refuses unknown commands and options (2)', () => {
    expect(cli([]).code).toBe(2);
    const h = cli(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/doctor/);
    expect(cli(['frobnicate']).code).toBe(2);
    const bad = cli(['milenage', '--nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown option '--nope'/);
  });
  it.each([
    ['demo'],
    ['doctor'],
    ['milenage'],
    ['aka', 'vector'],
    ['aka', 'check'],
    ['aka', 'resync'],
    ['its', 'ls'],
  ])('%s %s --help', (...cmd) => {
    const r = cli([...cmd.filter(Boolean), '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: psa-emu/);
  });
  it('writes no colour codes when stdout is not a TTY', () => {
    expect(
      cli([
        'milenage',
        ...SET1,
        '--rand',
        '23553cbe9637a89d218ae64dae47bf35',
        '--sqn',
        'ff9bb4d0b607',
        '--amf',
        'b9b9',
      ]).stdout,
    ).not.toContain('\u001b[');
  });
});

describe('psa-emu doctor', () => {
  it("exits 1 on the reporter's prj.conf, naming the minimal profile and the fix", () => {
    const f = join(dir, 'prj.conf');
    writeFileSync(f, REPORTER_PRJ_CONF);
    const r = cli(['doctor', f]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/minimal profile/);
    expect(r.stdout).toMatch(/CONFIG_TFM_PROFILE_TYPE_NOT_SET=y/);
    expect(r.stdout).toMatch(/CONFIG_MBEDTLS_PSA_CRYPTO_STORAGE_C=y/);
    expect(r.stdout).toMatch(
      /CONFIG_TFM_PARTITION_INTERNAL_TRUSTED_STORAGE was assigned the value y but got the value n/,
    );
  });
  it('exits 0 on the fixed one; overlays apply in order; --json and --trail', () => {
    const base = join(dir, 'base.conf');
    const overlay = join(dir, 'overlay.conf');
    writeFileSync(base, REPORTER_PRJ_CONF);
    writeFileSync(overlay, 'CONFIG_TFM_PROFILE_TYPE_NOT_SET=y\n');
    expect(cli(['doctor', base, overlay]).code).toBe(0);
    const j = cli(['doctor', base, overlay, '--json']);
    expect(j.code).toBe(0);
    const parsed = JSON.parse(j.stdout);
    expect(parsed.config.profile).toBe('not-set');
    expect(parsed.findings.every((x: { severity: string }) => x.severity !== 'error')).toBe(true);
    const fixed = join(dir, 'fixed.conf');
    writeFileSync(fixed, FIXED_PRJ_CONF);
    expect(cli(['doctor', fixed, '--trail']).stdout).toMatch(/CRYPTO_KEY_MODULE_ENABLED = 1/);
  });
  it('exits 2 for an unreadable file or no file', () => {
    expect(cli(['doctor', join(dir, 'missing.conf')]).code).toBe(2);
    expect(cli(['doctor']).code).toBe(2);
  });
  it('exits 2 for an unknown board with the reason, no stack trace', () => {
    const r = cli(['doctor', '--board', 'stm32', join(dir, 'missing.conf')]);
    expect(r.code).toBe(2);
    const b = cli(['doctor', '--board', 'stm32', '/dev/null']);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/^psa-emu: options\.board must name an nRF9151/);
    expect(b.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('psa-emu milenage and aka', () => {
  it('milenage prints every TS 35.208 set 1 value (--json)', () => {
    const r = cli([
      'milenage',
      ...SET1,
      '--rand',
      '23553cbe9637a89d218ae64dae47bf35',
      '--sqn',
      'ff9bb4d0b607',
      '--amf',
      'b9b9',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      opc: 'cd63cb71954a9f4e48a5994e37a02baf',
      macA: '4a9ffac354dfafb3',
      macS: '01cfaf9ec4e871e9',
      res: 'a54211d5e3ba50bf',
      ck: 'b40ba9a3c58b2a05bbf0d987b21bf8cb',
      ik: 'f769bcd751044604127672711c6d3441',
      ak: 'aa689c648370',
      akStar: '451e8beca43b',
      sres: '46f8416a',
      kc: 'eae4be823af9a08b',
    });
    expect(cli(['milenage', '--k', '00']).code).toBe(2);
  });
  it('vector → check (accepted, then a replay gives AUTS, exit 1) → resync recovers SQN_MS', () => {
    const state = join(dir, 'usim.json');
    const av = JSON.parse(cli(['aka', 'vector', ...SET1, '--sqn', '0x40', '--json']).stdout);
    const ok = cli([
      'aka',
      'check',
      ...SET1,
      '--rand',
      av.rand,
      '--autn',
      av.autn,
      '--state',
      state,
      '--json',
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ kind: 'success', res: av.xres, ck: av.ck, ik: av.ik });
    const replay = cli([
      'aka',
      'check',
      ...SET1,
      '--rand',
      av.rand,
      '--autn',
      av.autn,
      '--state',
      state,
      '--json',
    ]);
    expect(replay.code).toBe(1);
    const { kind, auts } = JSON.parse(replay.stdout);
    expect(kind).toBe('sync-failure');
    const rs = cli(['aka', 'resync', ...SET1, '--rand', av.rand, '--auts', auts, '--json']);
    expect(rs.code).toBe(0);
    expect(JSON.parse(rs.stdout)).toEqual({ ok: true, sqnMs: '000000000040' });
    const bad = cli(['aka', 'resync', ...SET1, '--rand', av.rand, '--auts', `${auts.slice(0, -2)}00`]);
    expect(bad.code).toBe(1);
  });
});

describe('psa-emu its ls', () => {
  it('decodes a key store; key bytes only with --reveal', () => {
    const its = join(dir, 'its');
    const psa = createPsa({ target: 'mbedtls', storage: fileStorage(its) });
    psa.cSync.psa_crypto_init();
    return psa
      .importKey(
        { id: 10, type: 'AES', usage: ['encrypt'], algorithm: 'CBC_NO_PADDING' },
        new Uint8Array(16).fill(0xa5),
      )
      .then(() => {
        const r = cli(['its', 'ls', its]);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(
          /key 10 owner 0 .* type 0x2400 128 bits usage 0x100 \[encrypt\] alg 0x04404000/,
        );
        expect(r.stdout).not.toMatch(/a5a5a5/);
        expect(cli(['its', 'ls', its, '--reveal']).stdout).toMatch(/a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5/);
        expect(JSON.parse(cli(['its', 'ls', its, '--json']).stdout)[0].key.id).toBe(10);
        expect(cli(['its', 'ls', join(dir, 'nope')]).code).toBe(2);
      });
  });
});

describe('psa-emu demo', () => {
  it("shows -134 for the reporter's config and success after the fix (exit 0)", () => {
    const r = cli(['demo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Failed to open key 10, error: -134/);
    expect(r.stdout).toMatch(/dc0e1d1f1d031502191b191f190e19079000/);
    expect(r.stdout).toMatch(/CONFIG_TFM_PROFILE_TYPE_NOT_SET=y/);
    expect(r.stdout).toMatch(/Attached: true/);
    const j = JSON.parse(cli(['demo', '--json']).stdout);
    expect([j.reporter.attached, j.fixed.attached]).toEqual([false, true]);
  });
});

describe('psa-emu vectors', () => {
  const K = '465b5ce8b199b49faa5f0a2ee238a6bc';
  const OPC = 'cd63cb71954a9f4e48a5994e37a02baf';
  it('streams CSV whose vectors the USIM side accepts; JSON lines and two worker threads give the same SQNs', async () => {
    const { Usim } = await import('../../src/aka/index.js');
    const { createMilenage } = await import('../../src/milenage/index.js');
    const { fromHex } = await import('../../src/utils/bytes.js');
    const { readFileSync } = await import('node:fs');
    const csv = join(dir, 'v.csv');
    const r = cli([
      'vectors',
      '--k',
      K,
      '--opc',
      OPC,
      '--count',
      '3000',
      '--sqn',
      '0x20',
      '--ind',
      '5',
      '--out',
      csv,
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/3000 vectors in .* vectors\/s/);
    const lines = readFileSync(csv, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('sqn,rand,xres,ck,ik,ak,autn');
    expect(lines).toHaveLength(3001);
    const usim = new Usim({ milenage: createMilenage({ k: fromHex(K), opc: fromHex(OPC) }) });
    for (const line of lines.slice(1, 200)) {
      const [, rand, xres, ck, ik, , autn] = line.split(',');
      const a = usim.authenticate(fromHex(rand!), fromHex(autn!));
      expect(a).toMatchObject({ kind: 'success', res: fromHex(xres!), ck: fromHex(ck!), ik: fromHex(ik!) });
    }
    const jsonl = join(dir, 'v.jsonl');
    expect(
      cli([
        'vectors',
        '--k',
        K,
        '--opc',
        OPC,
        '--count',
        '9000',
        '--sqn',
        '0x20',
        '--ind',
        '5',
        '--out',
        jsonl,
        '--workers',
        '2',
      ]).code,
    ).toBe(0);
    const rows = readFileSync(jsonl, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(9000);
    expect(rows.slice(0, 3000).map((x) => x.sqn)).toEqual(lines.slice(1).map((l) => l.split(',')[0]));
    expect(cli(['vectors', '--k', K, '--opc', OPC]).code).toBe(2);
  });
  it('refuses a run whose SQNs do not fit (IND steps counted) before writing anything', () => {
    const out = join(dir, 'overflow.csv');
    // With --ind 5 each vector advances SEQ by one, i.e. SQN by 32: 3 vectors from 2^48 - 16 do not fit.
    const r = cli([
      'vectors',
      '--k',
      K,
      '--opc',
      OPC,
      '--count',
      '3',
      '--ind',
      '5',
      '--sqn',
      '0xfffffffffff0',
      '--out',
      out,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/SQN space is exhausted/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
    // Without IND bits the same start fits exactly 16 vectors (up to 2^48 - 1), not 17.
    expect(cli(['vectors', '--k', K, '--opc', OPC, '--count', '16', '--sqn', '0xfffffffffff0']).code).toBe(0);
    expect(cli(['vectors', '--k', K, '--opc', OPC, '--count', '17', '--sqn', '0xfffffffffff0']).code).toBe(2);
  });
  it('Ctrl-C leaves a file of whole lines and exits 130', async () => {
    const { spawn } = await import('node:child_process');
    const { readFileSync } = await import('node:fs');
    const { CLI } = await import('./built-cli.js');
    const out = join(dir, 'big.csv');
    const child = spawn(process.execPath, [
      CLI,
      'vectors',
      '--k',
      K,
      '--opc',
      OPC,
      '--count',
      '50000000',
      '--out',
      out,
    ]);
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGINT');
    const code = await new Promise((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(130);
    const text = readFileSync(out, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(1000);
    for (const l of lines.slice(1))
      expect(l).toMatch(
        /^[0-9a-f]{12},[0-9a-f]{32},[0-9a-f]{16},[0-9a-f]{32},[0-9a-f]{32},[0-9a-f]{12},[0-9a-f]{32}$/,
      );
  }, 60_000);
});
