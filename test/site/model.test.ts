/**
 * The page's model under Node: what each preset derives, what "Boot & attach" does on it, and
 * what the key-store view shows — the same code the page runs, without the DOM.
 */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../site/src/analysis.js';
import { type DeviceRun, runDevice, shortAnswer, verdictOf } from '../../site/src/device.js';
import { keyStoreView } from '../../site/src/keystore.js';
import { clientName, ownerName, uidText } from '../../site/src/names.js';
import { PRESETS, presetById } from '../../site/src/presets.js';
import { memoryStorage } from '../../src/its/memory.js';
import { toHex } from '../../src/utils/bytes.js';

const preset = (id: string) => {
  const p = presetById(id);
  if (!p) throw new Error(`no preset ${id}`);
  return analyse(p.prjConf, p.board);
};
const ran = (r: DeviceRun) => {
  if (r.kind !== 'ran') throw new Error(`expected a run, got ${r.kind}: ${'reason' in r ? r.reason : ''}`);
  return r;
};

describe('site model: derivation', () => {
  it('opens on the reporter’s prj.conf, which derives the minimal profile with its cause and fix', () => {
    expect(PRESETS[0]!.id).toBe('reporter');
    const a = preset('reporter');
    expect(a.diagram.profile).toBe('minimal');
    expect(a.diagram.modules.filter((m) => m.on).map((m) => m.key)).toEqual(['rng']);
    expect(a.diagram.storage.on).toBe(false);
    expect(a.diagram.its.on).toBe(false);
    expect(a.diagram.its.because).toMatch(/only prints a warning/);
    expect(a.derivation.warnings.map((w) => w.symbol)).toEqual([
      'CONFIG_TFM_PARTITION_INTERNAL_TRUSTED_STORAGE',
      'CONFIG_MBEDTLS_PSA_CRYPTO_STORAGE_C',
    ]);
    expect(a.cause?.id).toBe('minimal-profile');
    expect(a.cause?.fix).toContain('CONFIG_TFM_PROFILE_TYPE_NOT_SET=y');
  });

  it('lights every module the fixed build has, and key storage and ITS', () => {
    const a = preset('fixed');
    expect(a.diagram.profile).toBe('not-set');
    const on = Object.fromEntries(a.diagram.modules.map((m) => [m.key, m.on]));
    expect(on).toMatchObject({ rng: true, key: true, cipher: true, mac: true });
    expect(a.diagram.modules.find((m) => m.key === 'cipher')?.flag).toBe('CRYPTO_CIPHER_MODULE_ENABLED=1');
    expect(a.diagram.storage.on && a.diagram.its.on).toBe(true);
    expect(a.cause).toBeUndefined();
  });

  it('the other presets show the other gates', () => {
    expect(preset('nrf54l15').diagram.profile).toBe('not-set');
    const noCipher = preset('no-cipher-want');
    expect(noCipher.diagram.modules.find((m) => m.key === 'cipher')?.on).toBe(false);
    expect(noCipher.cause?.fix).toEqual(['CONFIG_PSA_WANT_ALG_CBC_NO_PADDING=y']);
    expect(preset('minimal-no-softsim').cause?.id).toBe('minimal-profile');
  });

  it('a board psa-emu does not model is a TypeError naming the accepted ones', () => {
    expect(() => analyse('CONFIG_BUILD_WITH_TFM=y\n', 'nrf52840dk/nrf52840')).toThrow(
      /nRF9151, nRF9160 or nRF54L15/,
    );
  });
});

describe('site model: boot & attach', () => {
  it('reporter: every PSA call is -134 at the module gate, the AUTS does not verify, no attach', async () => {
    const lines: string[] = [];
    const r = ran(
      await runDevice(preset('reporter'), { store: memoryStorage(), onLine: (l) => lines.push(l) }),
    );
    expect(r.attached).toBe(false);
    expect(lines).toEqual(r.logs);
    expect(r.logs.some((l) => l.includes('Failed to open key 10, error: -134'))).toBe(true);
    expect(r.calls.length).toBeGreaterThan(0);
    expect(new Set(r.calls.map((c) => `${c.status} ${c.decidedBy}`))).toEqual(new Set(['-134 module-gate']));
    expect(r.exchanges.map((e) => e.short)).toEqual(['DC…9000']);
    expect(r.exchanges[0]!.rand).toBe('0102030405060708090a0b0c0d0e0f10');
    expect(r.exchanges[0]!.fields).toContainEqual(['AUTS', '1d1f1d031502191b191f190e1907']);
    const v = verdictOf(r);
    expect(v.ok).toBe(false);
    expect(v.text).toBe(
      `Not attached. ${r.calls.length} of ${r.calls.length} PSA calls answered -134 PSA_ERROR_NOT_SUPPORTED. ` +
        'Network: HSS: MAC-S of AUTS does not verify — resynchronisation rejected, attach fails.',
    );
  });

  it('fixed: resynchronises and attaches; the answer is DB…9000 with RES shown and CK/IK kept back', async () => {
    const rand = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i);
    const r = ran(await runDevice(preset('fixed'), { store: memoryStorage(), rand }));
    expect(r.attached).toBe(true);
    expect(r.exchanges.map((e) => e.short)).toEqual(['DC…9000', 'DB…9000']);
    const success = r.exchanges[1]!;
    expect(success.rand).toBe(toHex(rand));
    const shown = success.fields.map(([, v]) => v).join(' ');
    expect(success.fields[0]![0]).toBe('RES');
    expect(success.fields[0]![1]).toMatch(/^[0-9a-f]{16}$/);
    expect(shown).toContain('not shown');
    expect(verdictOf(r)).toEqual({
      ok: true,
      text: `Attached: RES = XRES. ${r.calls.length} PSA calls, none answered -134.`,
    });
  });

  it('no SoftSIM in the prj.conf: nothing to boot', async () => {
    const r = await runDevice(preset('minimal-no-softsim'), { store: memoryStorage() });
    expect(r).toEqual({ kind: 'skipped', reason: expect.stringMatching(/CONFIG_SOFTSIM is not set/) });
    expect(verdictOf(r).ok).toBeUndefined();
  });

  it('no cipher PSA_WANT: psa_cipher_encrypt_setup is -134 at the gate, no attach', async () => {
    const r = ran(await runDevice(preset('no-cipher-want'), { store: memoryStorage() }));
    expect(r.attached).toBe(false);
    expect(r.calls).toContainEqual(
      expect.objectContaining({ name: 'psa_cipher_encrypt_setup', status: -134, decidedBy: 'module-gate' }),
    );
  });

  it('shortAnswer of a bare status word', () => {
    expect(shortAnswer(Uint8Array.of(0x6f, 0x00))).toBe('SW 6F00');
    expect(shortAnswer(Uint8Array.of(0xdb, 0x08, 0x90, 0x00))).toBe('DB…9000');
  });
});

describe('site model: key store', () => {
  it('after the fixed build: keys 10, 11, 12 of the NS app in the crypto partition’s ITS, bytes hidden', async () => {
    const store = memoryStorage();
    const fixed = preset('fixed');
    expect(keyStoreView(store, fixed.derivation.config)).toMatchObject({
      keys: [],
      note: 'The flash is empty.',
    });
    ran(await runDevice(fixed, { store }));
    const view = keyStoreView(store, fixed.derivation.config);
    expect(view.itsBuilt).toBe(true);
    expect(view.keys.map((k) => k.id)).toEqual([10, 11, 12]);
    expect(view.keys[0]).toMatchObject({
      client: '259 (TF-M crypto partition)',
      owner: 'NS app (−0x3c000000)',
      uid: '0xc4000000_0000000a',
      type: 'AES (0x2400)',
      bits: 128,
      usage: 'encrypt (0x100)',
      alg: 'CBC_NO_PADDING (0x04404000)',
      lifetime: 'persistent',
      material: 'hidden (16 bytes)',
    });
    expect(view.keys[2]).toMatchObject({ usage: 'sign-message (0x400)', alg: 'CMAC (0x03c00200)' });
    expect(view.records.map((r) => r.area)).toEqual(['SoftSIM NVS (not ITS)']);
    // The reporter's build on the same flash: no ITS partition, and it says so.
    const reporter = preset('reporter');
    ran(await runDevice(reporter, { store }));
    const minimal = keyStoreView(store, reporter.derivation.config);
    expect(minimal.itsBuilt).toBe(false);
    expect(minimal.note).toMatch(/no ITS partition .* earlier build/);
    expect(minimal.keys.map((k) => k.id)).toEqual([10, 11, 12]);
  });

  it('the reporter’s build alone stores no key', async () => {
    const store = memoryStorage();
    const reporter = preset('reporter');
    ran(await runDevice(reporter, { store }));
    const view = keyStoreView(store, reporter.derivation.config);
    expect(view.keys).toEqual([]);
    expect(view.note).toMatch(/Nothing this build does ends up in ITS/);
  });

  it('names', () => {
    expect(ownerName(-0x3c000000)).toBe('NS app (−0x3c000000)');
    expect(clientName(259)).toBe('259 (TF-M crypto partition)');
    expect(clientName(0x4b4d5539)).toBe("flash area 'KMU9' (not ITS)");
    expect(uidText(0xc40000000000000an)).toBe('0xc4000000_0000000a');
  });
});
