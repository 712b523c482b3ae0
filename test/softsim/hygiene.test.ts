/**
 * Key hygiene and per-call cost of the SoftSIM internals: the profile copies (`toProfile`,
 * `wipeProfile`), the NVS image encoder (one preallocated buffer, byte-identical to the record
 * format), the unchecked internal log writer with its debug check, and the MILENAGE block function
 * working on its own temporaries (no defensive copy, the caller's buffers untouched).
 */
import { ecb } from '@noble/ciphers/aes.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createSimMilenage,
  createZephyrLog,
  decodeNvsImage,
  decodeSoftSimProfile,
  type EncryptBlock,
  encodeNvsImage,
  encodeSoftSimProfile,
  FIELD_REPORT_PROFILE,
  KEY_ID,
  milenageOpcGen,
  PROFILE_TAG,
  runAttachScenario,
  SoftSimCryptoPort,
  templateFiles,
  type ZephyrLog,
  type ZephyrLogLevel,
} from '../../src/softsim/index.js';
import { logWriter } from '../../src/softsim/log.js';
import { toProfile, wipeProfile } from '../../src/softsim/profile.js';
import { fromHex, toHex } from '../../src/utils/bytes.js';
import milenage from '../vectors/milenage.json' with { type: 'json' };
import { psaFor, steppingClock, vectors } from './helpers.js';

describe('toProfile / wipeProfile', () => {
  it('copies a profile object and leaves the caller’s arrays alone', () => {
    const mine = decodeSoftSimProfile(FIELD_REPORT_PROFILE);
    const p = toProfile(mine);
    for (const f of ['k', 'opc', 'kic', 'kid'] as const) {
      expect(p[f]).not.toBe(mine[f]);
      expect(toHex(p[f])).toBe(toHex(mine[f]));
    }
    wipeProfile(p);
    expect([p.k, p.opc, p.kic, p.kid].every((b) => b.every((x) => x === 0))).toBe(true);
    expect(toHex(mine.k)).toBe('000102030405060708090a0b0c0d0e0f');
    expect(toHex(mine.opc)).toBe('101112131415161718191a1b1c1d1e1f');
  });

  it('decodes a profile string into a checked copy, and names a bad field as before', () => {
    const p = toProfile(FIELD_REPORT_PROFILE);
    expect([p.imsi, p.iccid, toHex(p.kid)]).toEqual([
      '001010123456789',
      '89000123456789012341',
      '000102030405060708090a0b0c0d0e0f',
    ]);
    expect(String(p)).toBe('SoftSimProfile(001010123456789) [redacted]');
    expect(() => toProfile(FIELD_REPORT_PROFILE.slice(0, -36))).toThrow(/KID \(tag 06\) is missing/);
    expect(() => toProfile(`${FIELD_REPORT_PROFILE.slice(0, -32)}${'zz'.repeat(16)}`)).toThrow(
      /KID must contain only hex digits/,
    );
    expect(() => toProfile({ ...p, kic: new Uint8Array(15) })).toThrow(/profile\.kic/);
  });

  it('encodeSoftSimProfile and runAttachScenario never wipe the caller’s profile', async () => {
    const mine = decodeSoftSimProfile(FIELD_REPORT_PROFILE);
    expect(encodeSoftSimProfile(mine)).toBe(FIELD_REPORT_PROFILE);
    const r = await runAttachScenario({
      psa: psaFor('fixed'),
      quirks: 'fixed',
      profile: mine,
      clock: steppingClock(),
      rand: fromHex('a0a1a2a3a4a5a6a7a8a9aaabacadaeaf'),
    });
    expect(r.attached).toBe(true);
    expect(encodeSoftSimProfile(mine)).toBe(FIELD_REPORT_PROFILE);
    // The SIM keeps its own copy: it boots again from it.
    expect((await r.sim.boot()).ok).toBe(true);
  });
});

/** The record encoder as it was (array spreads), as the reference for the preallocated one. */
function referenceImage(files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const enc = new TextEncoder();
  const parts: number[] = [0x53, 0x53, 0x4e, 0x56, 0x53, 0x00, 1, files.size >> 8, files.size & 0xff];
  for (const [path, data] of files) {
    const p = enc.encode(path);
    parts.push(p.length, ...p, data.length >> 8, data.length & 0xff, ...data);
  }
  return Uint8Array.from(parts);
}

describe('encodeNvsImage', () => {
  it('writes the template byte for byte as the record format says', () => {
    const files = templateFiles();
    const image = encodeNvsImage(files);
    expect(toHex(image)).toBe(toHex(referenceImage(files)));
    expect(toHex(image.subarray(0, 9))).toBe('53534e565300010026'); // "SSNVS\0", v1, 38 files
    expect([...decodeNvsImage(image)].map(([p, d]) => [p, toHex(d)])).toEqual(
      [...files].map(([p, d]) => [p, toHex(d)]),
    );
  });

  it('matches the reference on any file map (empty files, long data, non-ASCII paths)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.tuple(fc.string({ maxLength: 30, unit: 'binary' }), fc.uint8Array({ maxLength: 600 })),
          { selector: ([p]) => p, maxLength: 12 },
        ),
        (entries) => {
          const files = new Map(entries);
          const image = encodeNvsImage(files);
          expect(toHex(image)).toBe(toHex(referenceImage(files)));
          expect(decodeNvsImage(image).size).toBe(files.size);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('refuses a path or a file too large for the record', () => {
    expect(() => encodeNvsImage(new Map([['x'.repeat(256), new Uint8Array(1)]]))).toThrow(RangeError);
    expect(() => encodeNvsImage(new Map([['/3f00/a001', new Uint8Array(0x10000)]]))).toThrow(/too large/);
  });
});

/** A `ZephyrLog` of the caller's own that records what reaches it. */
function foreignLog(debug: boolean) {
  const calls: unknown[][] = [];
  const enabledAsked: string[] = [];
  const log: ZephyrLog = {
    lines: [],
    log: (...args: unknown[]) => void calls.push(args),
    printk: (text) => void calls.push(['printk', text]),
    enabled: (level: ZephyrLogLevel, module: string) => {
      enabledAsked.push(`${level} ${module}`);
      return level !== 'dbg' || debug;
    },
    clear: () => {},
  };
  return { log, calls, enabledAsked };
}

describe('internal log writer', () => {
  it('writes and filters like log() on an own console, without the public level check', () => {
    const log = createZephyrLog({ clock: () => 0, level: 'inf' });
    const write = logWriter(log);
    expect(logWriter(log)).toBe(write);
    write('inf', 'softsim', 'shown');
    write('dbg', 'softsim', 'hidden', 'f');
    expect(log.lines).toEqual(['[00:00:00.000,000] <inf> softsim: shown']);
    expect(() => log.log('fatal' as 'err', 'softsim', 'x')).toThrow(TypeError); // public: still checked
  });

  it('calls a foreign console through its own log(), with the arguments the port passes', () => {
    const { log, calls } = foreignLog(true);
    const write = logWriter(log);
    write('err', 'softsim', 'a');
    write('dbg', 'softsim', 'b', 'func');
    expect(calls).toEqual([
      ['err', 'softsim', 'a'],
      ['dbg', 'softsim', 'b', 'func'],
    ]);
  });

  it('the port asks enabled() before building a debug line, and logs nothing filtered out', () => {
    const key = fromHex(vectors.psa_cbc.key);
    const block = new Uint8Array(16);
    const quiet = foreignLog(false);
    const q = new SoftSimCryptoPort({ psa: psaFor('fixed').cSync, quirks: 'fixed', log: quiet.log });
    q.ss_utils_setup_key(key, KEY_ID.KI);
    quiet.calls.length = 0;
    expect(q.ss_utils_aes_encrypt(block, Uint8Array.of(PROFILE_TAG.KI))).toBe(0);
    expect(quiet.calls).toEqual([]);
    expect(quiet.enabledAsked).toContain('dbg softsim_crypto');

    const loud = foreignLog(true);
    const l = new SoftSimCryptoPort({ psa: psaFor('fixed').cSync, quirks: 'fixed', log: loud.log });
    l.ss_utils_setup_key(key, KEY_ID.KI);
    loud.calls.length = 0;
    l.ss_utils_aes_encrypt(new Uint8Array(16), Uint8Array.of(PROFILE_TAG.KI));
    expect(loud.calls).toEqual([
      ['dbg', 'softsim_crypto', 'AES encrypt to key id: 10', 'ss_utils_aes_encrypt'],
    ]);
  });

  it('the zero IV stays zero: the same block encrypts the same way every time', () => {
    const psa = psaFor('fixed');
    const port = new SoftSimCryptoPort({ psa: psa.cSync, quirks: 'fixed', log: createZephyrLog() });
    const key = fromHex(vectors.psa_cbc.key);
    port.ss_utils_setup_key(key, KEY_ID.KI);
    const want = toHex(ecb(key, { disablePadding: true }).encrypt(new Uint8Array(16)));
    for (let i = 0; i < 3; i++) {
      const input = new Uint8Array(16);
      const out = new Uint8Array(16);
      expect(port.aes_128_encrypt_block(Uint8Array.of(PROFILE_TAG.KI), input, out)).toBe(0);
      expect(toHex(out)).toBe(want);
      expect(input.every((b) => b === 0)).toBe(true); // `in` is const in C
    }
  });
});

describe('MILENAGE block function on its own temporaries', () => {
  const s = milenage.sets[0]!;
  const k = fromHex(s.k);
  const aes = (b: Uint8Array) => ecb(k, { disablePadding: true }).encrypt(b);
  /** Encrypts in place and returns its input (allowed: the input is the SIM's temporary). */
  const inPlace: EncryptBlock = (b) => {
    b.set(aes(b));
    return b;
  };
  /** Returns a fresh block, then scribbles over its input. */
  const scribbling: EncryptBlock = (b) => {
    const out = aes(b);
    b.fill(0xee);
    return out;
  };

  for (const [name, E] of [
    ['returns its input', inPlace],
    ['scribbles over its input', scribbling],
  ] as const) {
    it(`gives the TS 35.208 values when the block function ${name}`, () => {
      const op = fromHex(s.op);
      expect(toHex(milenageOpcGen(op, E))).toBe(s.opc);
      expect(toHex(op)).toBe(s.op); // the caller's OP is never handed to the block function
      const opc = fromHex(s.opc);
      const m = createSimMilenage(opc, E);
      const rand = fromHex(s.rand);
      const all = m.compute(rand, fromHex(s.sqn), fromHex(s.amf));
      expect([toHex(all.macA), toHex(all.res), toHex(all.ck), toHex(all.ik), toHex(all.ak)]).toEqual([
        s.f1,
        s.f2,
        s.f3,
        s.f4,
        s.f5,
      ]);
      expect(toHex(m.f5star(rand).akStar)).toBe(s.f5star);
      expect(toHex(rand)).toBe(s.rand);
      expect(toHex(opc)).toBe(s.opc);
      if (s.sres) {
        const g = m.gsm(rand);
        expect([toHex(g.sres), toHex(g.kc)]).toEqual([s.sres, s.kc]);
      }
      m.dispose();
    });
  }
});
