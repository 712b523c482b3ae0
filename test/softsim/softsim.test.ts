/**
 * createSoftSim end to end: nrf_softsim_init + provisioning on the reporter's TF-M build and on the
 * fixed one, in both fidelity modes, then AUTHENTICATE (onomondo-uicc uicc_auth.c) with the vectors
 * of test/vectors/softsim.json and fresh network vectors; SEQ persistence across reboots.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateAuthVector, nextSqn } from '../../src/aka/index.js';
import { memoryStorage } from '../../src/index.js';
import { c2, c3, createMilenage } from '../../src/milenage/index.js';
import { fileStorage } from '../../src/node/file-storage.js';
import { inspectStore } from '../../src/psa/inspect-store.js';
import {
  authenticateCommand,
  createSoftSim,
  createZephyrLog,
  FIELD_REPORT_PROFILE,
  KEY_ID,
  parseAuthenticateResponse,
  SIM_FILE,
  SOFTSIM_NVS_CLIENT,
  SOFTSIM_NVS_UID,
  type SoftSimQuirks,
  type UiccVersion,
} from '../../src/softsim/index.js';
import { bytesToBigInt, fromHex, toHex } from '../../src/utils/bytes.js';
import { AUTN, GOLDEN, IDENTITY, linesWith, psaFor, RAND, steppingClock } from './helpers.js';

const K = fromHex('000102030405060708090a0b0c0d0e0f');
const OPC = fromHex('101112131415161718191a1b1c1d1e1f');
const AMF = Uint8Array.of(0x80, 0x00);
const hss = () => createMilenage({ k: K, opc: OPC });

async function booted(
  build: 'reporter' | 'fixed',
  quirks: SoftSimQuirks,
  opts: { uicc?: UiccVersion; storage?: ReturnType<typeof memoryStorage>; logLevel?: 'dbg' } = {},
) {
  const storage = opts.storage ?? memoryStorage();
  const psa = psaFor(build, storage);
  const sim = createSoftSim({
    psa,
    quirks,
    uicc: opts.uicc,
    profile: FIELD_REPORT_PROFILE,
    clock: steppingClock(),
    logLevel: opts.logLevel,
  });
  const boot = await sim.boot();
  return { sim, psa, storage, boot };
}

describe("the reporter's build (TF-M minimal profile) with nrf-softsim 3.2", () => {
  it('logs the field report at boot and still claims to be provisioned', async () => {
    const { sim, boot } = await booted('reporter', 'nrf-softsim-3.2');
    expect(boot).toEqual({ ok: true, checkProvisioned: 0, provisionedNow: true, provisionStatus: 0 });
    expect(sim.logs).toEqual([
      '[00:00:01.001,250] <err> softsim_crypto: Failed to open key 10, error: -134',
      '[00:00:01.002,500] <inf> softsim: Provisioning static profile',
      '[00:00:01.003,750] <err> softsim_crypto: Failed to open a persistent key, ERR: -134',
      '[00:00:01.005,000] <err> softsim_crypto: Failed to open a persistent key, ERR: -134',
      '[00:00:01.006,250] <err> softsim_crypto: Failed to open a persistent key, ERR: -134',
      '[00:00:01.007,500] <inf> softsim: SoftSIM keys written to KMU',
      '[00:00:01.008,750] <inf> softsim: Provisioning SoftSIM 1/4',
      '[00:00:01.010,000] <inf> softsim: Provisioning SoftSIM 2/4',
      '[00:00:01.011,250] <inf> softsim: Provisioning SoftSIM 3/4',
      '[00:00:01.012,500] <inf> softsim: Provisioning SoftSIM 4/4',
      '[00:00:01.013,750] <inf> softsim: SoftSIM provisioned',
      '[00:00:01.015,000] <inf> softsim: SoftSIM fully provisioned',
      '[00:00:01.016,250] <inf> softsim: SoftSIM initialized',
    ]);
  });

  it('answers AUTHENTICATE with the identity-AES AUTS, logging the mislabelled line per AES block', async () => {
    const { sim } = await booted('reporter', 'nrf-softsim-3.2');
    const before = sim.logs.length;
    const rsp = await sim.apdu(authenticateCommand(RAND, AUTN));
    expect(toHex(rsp)).toBe(`dc0e${IDENTITY.auts}9000`);
    expect(toHex(rsp)).toBe('dc0e1d1f1d031502191b191f190e19079000');
    const lines = sim.logs.slice(before).map((l) => l.slice(19));
    // f2345 (4) + f2345 for AK* (3) + f1* (2) = 9 blocks (reference/softsim.md §3.2).
    expect(lines).toEqual([
      ...new Array(9).fill('<err> softsim_crypto: ss_utils_aes_decrypt: psa_open_key failed! (Error: -134)'),
      '<inf> softsim_uicc: uicc_auth.c: Milenage requesting resync (returning AUTS)',
    ]);
    expect(sim.port.calls.aesEncrypt).toBe(9);
    expect(sim.port.calls.aesDecrypt).toBe(0); // the "decrypt" in the log is the encrypt path
  });

  it('answers 9862 instead with the MAC-first UICC (PR #103): f2345 + f1, no AUTS', async () => {
    const { sim } = await booted('reporter', 'nrf-softsim-3.2', { uicc: 'mac-first' });
    expect(toHex(await sim.authenticate(RAND, AUTN))).toBe('9862');
    expect(sim.port.calls.aesEncrypt).toBe(6);
  });

  it('stays "provisioned" after a reboot: the -1 is truthy, so it never retries', async () => {
    const first = await booted('reporter', 'nrf-softsim-3.2');
    const log = createZephyrLog({ clock: () => 0 });
    const sim = createSoftSim({
      psa: psaFor('reporter', first.storage),
      quirks: 'nrf-softsim-3.2',
      profile: FIELD_REPORT_PROFILE,
      log,
    });
    const boot = await sim.boot();
    expect(boot).toEqual({ ok: true, checkProvisioned: 1, provisionedNow: false });
    expect(log.lines.map((l) => l.slice(19))).toEqual([
      '<err> softsim_crypto: Failed to open key 10, error: -134',
      '<inf> softsim: SoftSIM initialized',
    ]);
  });

  it('keeps K out of the SIM files: A001 holds the tag block and OPc', async () => {
    const { sim } = await booted('reporter', 'nrf-softsim-3.2');
    expect(toHex(sim.readFile(SIM_FILE.A001)!)).toBe(`04${'00'.repeat(15)}${toHex(OPC)}00`);
    expect(toHex(sim.readFile(SIM_FILE.A004)!)).toBe(
      `b00011060101${`05${'00'.repeat(15)}`}${`06${'00'.repeat(15)}`}${'ff'.repeat(76)}`,
    );
    expect(toHex(sim.readFile(SIM_FILE.IMSI)!)).toBe('080910101032547698');
    expect(toHex(sim.readFile(SIM_FILE.ICCID)!)).toBe('98001032547698103214');
    expect(sim.filePaths()).toHaveLength(4 + 1 + 33);
  });
});

describe("fixed port on the reporter's build", () => {
  it('refuses to boot and says why; the modem sees no SIM', async () => {
    const { sim, boot } = await booted('reporter', 'fixed');
    expect(boot).toEqual({ ok: false, checkProvisioned: -134, provisionedNow: false, status: -134 });
    expect(sim.logs.map((l) => l.slice(19))).toEqual([
      '<err> softsim_crypto: Failed to query key 10, error: -134',
      '<err> softsim: SoftSIM not initialized: cannot tell whether it is provisioned (error -134)',
    ]);
    await expect(sim.authenticate(RAND, AUTN)).rejects.toThrow(/no SIM/);
  });

  it('reports a failed import instead of "keys written" (provision() directly)', async () => {
    const psa = psaFor('reporter');
    const sim = createSoftSim({ psa, quirks: 'fixed', clock: () => 0 });
    expect(await sim.provision(FIELD_REPORT_PROFILE)).toBe(-134);
    expect(linesWith(sim.logs, 'written to KMU')).toEqual([]);
    expect(linesWith(sim.logs, 'SoftSIM keys not written, key 10 failed (error -134)')).toHaveLength(1);
  });
});

describe.each(['nrf-softsim-3.2', 'fixed'] as const)(
  '%s on the fixed build (CONFIG_TFM_PROFILE_TYPE_NOT_SET=y)',
  (quirks) => {
    it('provisions cleanly and answers the golden resync token', async () => {
      const { sim, boot } = await booted('fixed', quirks);
      expect(boot.ok).toBe(true);
      expect(linesWith(sim.logs, '<err>')).toEqual([]);
      expect(linesWith(sim.logs, 'SoftSIM keys written to KMU')).toHaveLength(1);
      expect(linesWith(sim.logs, 'SoftSIM fully provisioned')).toHaveLength(1);
      expect(sim.checkProvisioned()).toBe(1);
      expect(toHex(await sim.authenticate(RAND, AUTN))).toBe(GOLDEN.response);
      expect(toHex(await sim.authenticate(RAND, AUTN))).toBe('dc0ed38bcbfaaddcdfa12574232edfca9000');
    });

    it('accepts a fresh vector: RES = XRES, CK/IK/Kc as the network has them, 10 AES blocks', async () => {
      const { sim } = await booted('fixed', quirks);
      const av = generateAuthVector({ milenage: hss(), sqn: nextSqn({ sqnHe: 0x18n }), amf: AMF });
      const before = sim.port.calls.aesEncrypt;
      const rsp = await sim.authenticate(av.rand, av.autn);
      expect(toHex(rsp.subarray(-2))).toBe('9000');
      expect(rsp).toHaveLength(53 + 2);
      const a = parseAuthenticateResponse(rsp);
      expect(a).toEqual({
        kind: 'success',
        res: av.xres,
        ck: av.ck,
        ik: av.ik,
        kc: c3(av.ck, av.ik),
        sw: 0x9000,
      });
      expect(sim.port.calls.aesEncrypt - before).toBe(10); // f2345 4 + f1 2 + gsm_milenage 4
    });

    it('writes SEQ_MS[IND] only on success and keeps it across a reboot', async () => {
      const { sim, storage } = await booted('fixed', quirks);
      const sqn = nextSqn({ sqnHe: 0x18n }); // SEQ 1, IND 25
      const av = generateAuthVector({ milenage: hss(), sqn, amf: AMF });
      expect((await sim.authenticate(av.rand, av.autn))[0]).toBe(0xdb);
      expect(bytesToBigInt(sim.readFile(SIM_FILE.seq(25))!)).toBe(1n);
      expect(
        sim
          .filePaths()
          .filter(
            (p) => p.startsWith('/3f00/a1') && bytesToBigInt(sim.readFile(p)!) !== 0n && p !== SIM_FILE.DELTA,
          ),
      ).toEqual([SIM_FILE.seq(25)]);
      // Replay → synchronisation failure with SQN_MS = highest SEQ ‖ received IND.
      const replay = parseAuthenticateResponse(await sim.authenticate(av.rand, av.autn));
      expect(replay.kind).toBe('sync-failure');
      // Reboot: a new PSA and a new SoftSIM over the same storage.
      const again = createSoftSim({
        psa: psaFor('fixed', storage),
        quirks,
        profile: FIELD_REPORT_PROFILE,
        clock: () => 0,
      });
      expect(await again.boot()).toEqual({ ok: true, checkProvisioned: 1, provisionedNow: false });
      expect(parseAuthenticateResponse(await again.authenticate(av.rand, av.autn)).kind).toBe('sync-failure');
      const next = generateAuthVector({ milenage: hss(), sqn: nextSqn({ sqnHe: sqn }), amf: AMF });
      expect(parseAuthenticateResponse(await again.authenticate(next.rand, next.autn))).toMatchObject({
        kind: 'success',
        res: next.xres,
      });
    });
  },
);

describe('MAC failure and GSM context per UICC version', () => {
  const badMac = () => {
    const av = generateAuthVector({ milenage: hss(), sqn: nextSqn({ sqnHe: 0x18n }), amf: AMF });
    av.autn[15]! ^= 1;
    return av;
  };

  it('v2.2: SQN first, then the MAC: 6F00, nothing written, 6 AES blocks', async () => {
    const { sim } = await booted('fixed', 'nrf-softsim-3.2');
    const av = badMac();
    const seqBefore = sim.filePaths().map((p) => toHex(sim.readFile(p)!));
    expect(toHex(await sim.authenticate(av.rand, av.autn))).toBe('6f00');
    expect(sim.port.calls.aesEncrypt).toBe(6);
    expect(sim.filePaths().map((p) => toHex(sim.readFile(p)!))).toEqual(seqBefore);
    expect(linesWith(sim.logs, 'softsim_uicc: uicc_auth.c: authentication failed')).toHaveLength(1);
  });

  it('mac-first: 9862 "incorrect MAC"', async () => {
    const { sim } = await booted('fixed', 'fixed', { uicc: 'mac-first' });
    const av = badMac();
    expect(toHex(await sim.authenticate(av.rand, av.autn))).toBe('9862');
    expect(linesWith(sim.logs, 'authentication failed: incorrect MAC')).toHaveLength(1);
  });

  it('GSM context: 04 SRES 08 Kc 9000 with mac-first; v2.2.0 threw the answer away (6F00)', async () => {
    const net = hss();
    const { res, ck, ik } = net.f2345(RAND);
    const good = await (await booted('fixed', 'fixed', { uicc: 'mac-first' })).sim.authenticate(RAND);
    expect(toHex(good)).toBe(`04${toHex(c2(res))}08${toHex(c3(ck, ik))}9000`);
    expect(parseAuthenticateResponse(good)).toMatchObject({ kind: 'gsm', sres: c2(res), kc: c3(ck, ik) });
    const old = (await booted('fixed', 'nrf-softsim-3.2')).sim;
    expect(toHex(await old.authenticate(RAND))).toBe('6f00');
    expect(old.port.calls.aesEncrypt).toBe(4);
  });
});

describe('a PSA that fails after provisioning (key 10 destroyed)', () => {
  it('3.2: every block is the identity again; fixed: 6F00 and no SEQ write', async () => {
    for (const quirks of ['nrf-softsim-3.2', 'fixed'] as const) {
      const { sim, psa } = await booted('fixed', quirks);
      expect(psa.cSync.psa_destroy_key(KEY_ID.KI)).toBe(0);
      const av = generateAuthVector({ milenage: hss(), sqn: nextSqn({ sqnHe: 0x18n }), amf: AMF });
      const rsp = toHex(await sim.authenticate(av.rand, av.autn));
      if (quirks === 'fixed') {
        expect(rsp).toBe('6f00');
        expect(sim.port.calls.aesEncrypt).toBe(1); // stops at the first failing block
        expect(linesWith(sim.logs, 'uicc_auth.c: authentication failed')).toHaveLength(1);
      } else {
        expect(rsp.slice(0, 4)).toBe('dc0e'); // garbage SQN → resync, as on the reporter's device
        expect(linesWith(sim.logs, 'psa_open_key failed! (Error: -140)')).toHaveLength(9);
      }
    }
  });
});

describe('APDU handling', () => {
  it('answers the status words of softsim.c / uicc_auth.c for malformed commands', async () => {
    const { sim } = await booted('fixed', 'fixed');
    const cmd = authenticateCommand(RAND, AUTN);
    const variant = (i: number, v: number) => {
      const c = cmd.slice();
      c[i] = v;
      return c;
    };
    const cases: [Uint8Array, string][] = [
      [Uint8Array.of(0x00, 0xa4, 0x00, 0x0c, 0x02, 0x3f, 0x00), '6d00'], // SELECT: not modelled
      [Uint8Array.of(0x00, 0x88, 0x00), '6700'],
      [variant(0, 0x80), '6e00'],
      [variant(0, 0x04), '6882'],
      [variant(0, 0x01), '6881'],
      [variant(2, 0x01), '6b00'],
      [variant(3, 0x01), '6b00'], // P2 without the "specific reference data" bit
      [variant(3, 0x82), '6b00'], // VGCS/VBS context
      [cmd.subarray(0, cmd.length - 1), '6700'],
      [Uint8Array.of(...cmd, 0x00, 0x00), '6700'],
      [variant(5, 0x0f), '6f00'], // RAND length 15
      [Uint8Array.of(0x00, 0x88, 0x00, 0x81, 0x00), '6700'],
    ];
    for (const [c, want] of cases) expect(toHex(await sim.apdu(c)), toHex(c)).toBe(want);
    expect(toHex(await sim.apdu(Uint8Array.of(...cmd, 0x00)))).toBe(GOLDEN.response); // with Le
    expect(linesWith(sim.logs, 'unexpected RAND len -- authentication failed')).toHaveLength(1);
    await expect(sim.apdu('00' as unknown as Uint8Array)).rejects.toThrow(TypeError);
  });

  it('needs boot() first, and a flashed partition', async () => {
    const sim = createSoftSim({
      psa: psaFor('fixed'),
      quirks: 'nrf-softsim-3.2',
      clock: () => 0,
      flashTemplate: false,
    });
    await expect(sim.authenticate(RAND, AUTN)).rejects.toThrow(/boot\(\) first/);
    expect(await sim.boot()).toMatchObject({ ok: false });
    expect(sim.logs.map((l) => l.slice(19))).toEqual([
      '<wrn> softsim: No DIR entry in NVS (-2); starting with empty filesystem cache',
      '<err> softsim: FS failed to init..',
    ]);
  });

  it('checks its options', () => {
    const psa = psaFor('fixed');
    expect(() => createSoftSim(null as never)).toThrow(TypeError);
    expect(() => createSoftSim({ psa: {} as never, quirks: 'fixed' })).toThrow(/options\.psa/);
    expect(() => createSoftSim({ psa, quirks: 'old' as never })).toThrow(/quirks/);
    expect(() => createSoftSim({ psa, quirks: 'fixed', uicc: 'v3' as never })).toThrow(/uicc/);
    expect(() => createSoftSim({ psa, quirks: 'fixed', profile: '0110' })).toThrow(RangeError);
    expect(String(createSoftSim({ psa, quirks: 'fixed' }))).toBe('SoftSim(fixed, uicc v2.2) [redacted]');
  });
});

describe('storage', () => {
  it('keeps the SIM files in one record of its own ITS namespace, K only in PSA', async () => {
    const k = fromHex('f0e1d2c3b4a5968778695a4b3c2d1e0f');
    const storage = memoryStorage();
    const sim = createSoftSim({
      psa: psaFor('fixed', storage),
      quirks: 'fixed',
      profile: { imsi: '001010123456789', iccid: '89000123456789012341', k, opc: OPC, kic: K, kid: K },
    });
    expect((await sim.boot()).ok).toBe(true);
    const entries = inspectStore(storage);
    expect(entries.map((e) => [e.client, e.kind])).toEqual([
      [259, 'key'],
      [259, 'key'],
      [259, 'key'],
      [SOFTSIM_NVS_CLIENT, 'asset'],
    ]);
    expect(entries[3]!.uid).toBe(SOFTSIM_NVS_UID);
    const image = storage.get({ client: SOFTSIM_NVS_CLIENT, uid: SOFTSIM_NVS_UID })!.data;
    expect(toHex(image)).not.toContain(toHex(k));
    expect(toHex(image)).toContain(toHex(OPC)); // OPc is plaintext in A001, as on the device
  });

  const dir = mkdtempSync(join(tmpdir(), 'psa-emu-softsim-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('survives a process restart with fileStorage', async () => {
    const first = createSoftSim({
      psa: psaFor('fixed', fileStorage(dir, { fsync: false })),
      quirks: 'fixed',
      profile: FIELD_REPORT_PROFILE,
    });
    await first.boot();
    const av = generateAuthVector({ milenage: hss(), sqn: nextSqn({ sqnHe: 0x18n }), amf: AMF });
    expect((await first.authenticate(av.rand, av.autn))[0]).toBe(0xdb);
    const second = createSoftSim({
      psa: psaFor('fixed', fileStorage(dir, { fsync: false })),
      quirks: 'fixed',
    });
    expect(await second.boot()).toMatchObject({ ok: true, checkProvisioned: 1 });
    expect(parseAuthenticateResponse(await second.authenticate(av.rand, av.autn)).kind).toBe('sync-failure');
  });
});
