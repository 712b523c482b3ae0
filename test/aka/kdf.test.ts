/** The TS 33.220 Annex B KDF, PRF' (RFC 5448 §3.4) and the input checks of the derivations. */

import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import {
  deriveCkIkPrime,
  deriveEapAkaPrimeKeys,
  deriveKamf,
  deriveKasme,
  deriveKausf,
  deriveKenb,
  deriveKgnb,
  deriveKseaf,
  deriveResStar,
  KDF_FC,
  kdf,
  prfPrime,
} from '../../src/aka/index.js';
import { h, x } from './helpers.js';

const k16 = new Uint8Array(16);
const k32 = new Uint8Array(32);
const snn = '5G:mnc001.mcc001.3gppnetwork.org';

describe('kdf (TS 33.220 Annex B.2)', () => {
  it('hashes FC ‖ P0 ‖ L0 ‖ P1 ‖ L1 with 2-byte big-endian lengths', () => {
    const key = h('000102030405060708090a0b0c0d0e0f');
    const p0 = new Uint8Array(300).fill(7);
    const s = new Uint8Array([0x6b, ...p0, 0x01, 0x2c, 0xaa, 0x00, 0x01]);
    expect(x(kdf(key, 0x6b, p0, Uint8Array.of(0xaa)))).toBe(x(hmac(sha256, key, s)));
    expect(x(kdf(key, 0x10))).toBe(x(hmac(sha256, key, Uint8Array.of(0x10))));
  });

  it('names the bad argument', () => {
    expect(() => kdf(k16, 256)).toThrow(/fc/);
    expect(() => kdf(k16, 1, new Uint8Array(65536))).toThrow(/P0 must be shorter than 65536 bytes/);
    expect(() => kdf('key' as unknown as Uint8Array, 1)).toThrow(/key must be a Uint8Array/);
    expect(() => kdf(k16, 1, k16, [] as unknown as Uint8Array)).toThrow(/P1/);
  });

  it('exposes the function codes of TS 33.401 / 33.402 / 33.501', () => {
    expect(KDF_FC).toEqual({
      kasme: 0x10,
      kenb: 0x11,
      ckIkPrime: 0x20,
      kausf: 0x6a,
      resStar: 0x6b,
      kseaf: 0x6c,
      kamf: 0x6d,
      kgnb: 0x6e,
    });
  });
});

describe("PRF' (RFC 5448 §3.4)", () => {
  it('is a prefix-stable expansion of T1 ‖ T2 ‖ …', () => {
    const key = h('11'.repeat(32));
    const s = new TextEncoder().encode("EAP-AKA'id");
    const long = prfPrime(key, s, 100);
    expect(x(prfPrime(key, s, 33))).toBe(x(long.subarray(0, 33)));
    expect(x(long.subarray(0, 32))).toBe(x(hmac(sha256, key, new Uint8Array([...s, 1]))));
    const t1 = long.subarray(0, 32);
    expect(x(long.subarray(32, 64))).toBe(x(hmac(sha256, key, new Uint8Array([...t1, ...s, 2]))));
    expect(prfPrime(key, s, 0)).toEqual(new Uint8Array(0));
    expect(() => prfPrime(key, s, 255 * 32 + 1)).toThrow(/length/);
  });
});

describe('derivation input checks', () => {
  it('names the wrong argument', () => {
    expect(() =>
      deriveKasme({ ck: k16, ik: k16, snId: new Uint8Array(2), sqnXorAk: new Uint8Array(6) }),
    ).toThrow(/snId/);
    expect(() => deriveKasme({ ck: k16, ik: k16, snId: { mcc: '001', mnc: '01' }, sqnXorAk: k16 })).toThrow(
      /sqnXorAk/,
    );
    expect(() => deriveKenb({ kasme: k16, ulNasCount: 0 })).toThrow(/kasme/);
    expect(() => deriveKenb({ kasme: k32, ulNasCount: 2 ** 32 })).toThrow(/ulNasCount/);
    expect(() => deriveResStar({ ck: k16, ik: new Uint8Array(15), snn, rand: k16, res: k16 })).toThrow(/ik/);
    expect(() => deriveResStar({ ck: k16, ik: k16, snn, rand: k16, res: new Uint8Array(3) })).toThrow(/res/);
    expect(() => deriveResStar({ ck: k16, ik: k16, snn: '', rand: k16, res: k16 })).toThrow(/snn/);
    expect(() => deriveKausf({ ck: k16, ik: k16, snn, sqnXorAk: k16 })).toThrow(/sqnXorAk/);
    expect(() => deriveKseaf({ kausf: k16, snn })).toThrow(/kausf/);
    expect(() => deriveKamf({ kseaf: k32, supi: '', abba: new Uint8Array(2) })).toThrow(/supi/);
    expect(() => deriveKamf({ kseaf: k32, supi: '001010123456789', abba: new Uint8Array(1) })).toThrow(
      /abba/,
    );
    expect(() => deriveKgnb({ kamf: k32, ulNasCount: 0, accessType: 3 as 1 })).toThrow(/accessType/);
    expect(() =>
      deriveCkIkPrime({ ck: k32, ik: k16, networkName: 'WLAN', sqnXorAk: new Uint8Array(6) }),
    ).toThrow(/ck/);
    expect(() =>
      deriveEapAkaPrimeKeys({ ckPrime: k16, ikPrime: k16, identity: 5 as unknown as string }),
    ).toThrow(/identity/);
  });

  it('KASME takes the PLMN as bytes or as { mcc, mnc } with the same result', () => {
    const sqnXorAk = h('0102030405ff');
    const a = deriveKasme({ ck: k16, ik: k16, snId: h('00f110'), sqnXorAk });
    expect(a).toEqual(deriveKasme({ ck: k16, ik: k16, snId: { mcc: '001', mnc: '01' }, sqnXorAk }));
  });

  it('KAMF takes the SUPI as a string or as its bytes', () => {
    const abba = new Uint8Array(2);
    const supi = '001010123456789';
    expect(deriveKamf({ kseaf: k32, supi, abba })).toEqual(
      deriveKamf({ kseaf: k32, supi: new TextEncoder().encode(supi), abba }),
    );
  });
});
