/**
 * The field report as a scenario: the reporter's prj.conf derives the TF-M minimal profile
 * (tfmConfigFromKconfig), the fixed one CONFIG_TFM_PROFILE_TYPE_NOT_SET; boot → provisioning →
 * attach with the network's resynchronisation (TS 33.102 §6.3.5).
 */
import { describe, expect, it } from 'vitest';
import { createPsa, memoryStorage } from '../../src/index.js';
import {
  createZephyrLog,
  decodeSoftSimProfile,
  FIELD_REPORT_CHALLENGE,
  FIELD_REPORT_PROFILE,
  FIXED_PRJ_CONF,
  REPORTER_PRJ_CONF,
  runAttachScenario,
  staticProfileFromPrjConf,
} from '../../src/softsim/index.js';
import { tfmConfigFromKconfig } from '../../src/tfm/index.js';
import { toHex } from '../../src/utils/bytes.js';
import { BOARD, GOLDEN, IDENTITY, linesWith, psaFor, tfmOf } from './helpers.js';

describe('the prj.conf files', () => {
  it("derive the minimal profile for the reporter's and the not-set profile for the fixed one", () => {
    const reporter = tfmConfigFromKconfig(REPORTER_PRJ_CONF, { board: BOARD });
    expect(reporter.config).toMatchObject({ profile: 'minimal', storage: false });
    expect(reporter.config.modules).toMatchObject({ key: false, cipher: false, mac: false });
    expect(reporter.warnings.map((w) => w.symbol)).toEqual([
      'CONFIG_TFM_PARTITION_INTERNAL_TRUSTED_STORAGE',
      'CONFIG_MBEDTLS_PSA_CRYPTO_STORAGE_C',
    ]);
    const fixed = tfmOf(FIXED_PRJ_CONF);
    expect(fixed).toMatchObject({ profile: 'not-set', storage: true });
    expect(fixed.modules).toMatchObject({ key: true, cipher: true, mac: true });
    expect(fixed.partitions.internalTrustedStorage).toBe(true);
  });

  it('carry the static profile the scenario provisions', () => {
    expect(staticProfileFromPrjConf(REPORTER_PRJ_CONF)).toBe(FIELD_REPORT_PROFILE);
    expect(staticProfileFromPrjConf('CONFIG_SOFTSIM=y')).toBeUndefined();
    const p = decodeSoftSimProfile(FIELD_REPORT_PROFILE);
    expect([toHex(p.k), toHex(p.opc)]).toEqual([GOLDEN.k, GOLDEN.opc]);
    expect(toHex(FIELD_REPORT_CHALLENGE.rand)).toBe(GOLDEN.rand);
    expect(toHex(FIELD_REPORT_CHALLENGE.autn)).toBe(GOLDEN.autn);
    FIELD_REPORT_CHALLENGE.rand.fill(0); // a copy: the constant stays intact
    expect(toHex(FIELD_REPORT_CHALLENGE.rand)).toBe(GOLDEN.rand);
  });
});

describe('runAttachScenario', () => {
  it("on the reporter's build: provisioned in words, identity AUTS, the network rejects it", async () => {
    const r = await runAttachScenario({ psa: psaFor('reporter'), quirks: 'nrf-softsim-3.2', clock: () => 0 });
    expect(r.boot.ok).toBe(true);
    expect(r.attached).toBe(false);
    expect(r.exchanges.map((e) => toHex(e.response))).toEqual([`dc0e${IDENTITY.auts}9000`]);
    expect(linesWith(r.logs, 'Failed to open key 10, error: -134')).toHaveLength(1);
    expect(linesWith(r.logs, 'Failed to open a persistent key, ERR: -134')).toHaveLength(3);
    expect(linesWith(r.logs, 'SoftSIM keys written to KMU')).toHaveLength(1);
    expect(linesWith(r.logs, 'SoftSIM fully provisioned')).toHaveLength(1);
    expect(linesWith(r.logs, 'ss_utils_aes_decrypt: psa_open_key failed! (Error: -134)')).toHaveLength(9);
    expect(r.network.at(-1)).toMatch(/resynchronisation rejected/);
  });

  it('on the fixed build: golden AUTS, resynchronisation, RES = XRES', async () => {
    const seen: string[] = [];
    const log = createZephyrLog({ clock: () => 0, onLine: (l) => seen.push(l) });
    const r = await runAttachScenario({ psa: psaFor('fixed'), quirks: 'nrf-softsim-3.2', log });
    expect(r.attached).toBe(true);
    expect(toHex(r.exchanges[0]!.response)).toBe('dc0ed38bcbfaaddcdfa12574232edfca9000');
    expect(r.exchanges[1]!.answer.kind).toBe('success');
    expect(r.res).toEqual(r.xres);
    expect(r.network[1]).toContain('SQN_MS 000000000018');
    expect(linesWith(r.logs, '<err>')).toEqual([]);
    expect(seen).toEqual(r.logs);
  });

  it('with the fixed port on the reporter build: no SIM at all, and the log says why', async () => {
    const r = await runAttachScenario({ psa: psaFor('reporter'), quirks: 'fixed', clock: () => 0 });
    expect(r).toMatchObject({ attached: false, exchanges: [], boot: { ok: false, status: -134 } });
    expect(linesWith(r.logs, 'Failed to query key 10, error: -134')).toHaveLength(1);
  });

  it('with the MAC-first UICC on the reporter build: 9862, no resync', async () => {
    const r = await runAttachScenario({
      psa: psaFor('reporter'),
      quirks: 'nrf-softsim-3.2',
      uicc: 'mac-first',
    });
    expect(toHex(r.exchanges[0]!.response)).toBe('9862');
    expect(r.network).toEqual(['AUTHENTICATE → SW 9862 — attach fails']);
  });

  it('attaches at once when the challenge is fresh', async () => {
    const psa = createPsa({ target: 'tfm', tfm: tfmOf(FIXED_PRJ_CONF), storage: memoryStorage() });
    const { generateAuthVector } = await import('../../src/aka/index.js');
    const { createMilenage } = await import('../../src/milenage/index.js');
    const p = decodeSoftSimProfile(FIELD_REPORT_PROFILE);
    const av = generateAuthVector({
      milenage: createMilenage({ k: p.k, opc: p.opc }),
      sqn: 0x21n,
      amf: Uint8Array.of(0x80, 0),
    });
    const r = await runAttachScenario({ psa, quirks: 'fixed', challenge: { rand: av.rand, autn: av.autn } });
    expect(r.exchanges).toHaveLength(1);
    expect(r).toMatchObject({ attached: true, res: av.xres });
  });
});
