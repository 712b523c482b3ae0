/**
 * Profiles: EF.IMSI (TS 31.102 §4.2.2), EF.ICCID (TS 102 221 §13.2) and the profile string of
 * onomondo-uicc `utils/ss_profile.c` (the TS.48 test profile of nrf-softsim's sample prj.conf).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkSoftSimProfile,
  decodeIccid,
  decodeImsi,
  decodeSoftSimProfile,
  encodeIccid,
  encodeImsi,
  encodeSoftSimProfile,
} from '../../src/softsim/index.js';
import { fromHex, toHex } from '../../src/utils/bytes.js';

/** CONFIG_SOFTSIM_STATIC_PROFILE as commented in onomondo/nrf-softsim samples/softsim_external_profile/prj.conf. */
const SAMPLE =
  '01120809101010325476980214980010325476981032140320000000000000000000000000000000000420000102030405060708090A0B0C0D0E0F0520000102030405060708090A0B0C0D0E0F0620000102030405060708090A0B0C0D0E0F';

describe('EF.IMSI and EF.ICCID', () => {
  it('encodes the sample IMSI and ICCID as the profile string carries them', () => {
    expect(toHex(encodeImsi('001010123456789'))).toBe('080910101032547698');
    expect(toHex(encodeIccid('89000123456789012341'))).toBe('98001032547698103214');
  });

  it('decodes the template IMSI (nrf-softsim ss_fs.c default_imsi) and a 19-digit ICCID', () => {
    expect(decodeImsi(fromHex('080910100000000010'))).toBe('001010000000001');
    expect(toHex(encodeIccid('8988211000000001234'))).toBe('988812010000001032f4');
    expect(decodeIccid(fromHex('988812010000001032f4'))).toBe('8988211000000001234');
  });

  it('encodes an even-length IMSI with parity nibble 1 and an F filler', () => {
    expect(toHex(encodeImsi('12345678901234'))).toBe('0811325476981032f4');
    const ef = encodeImsi('12345678901234');
    expect(ef[0]).toBe(8);
    expect(ef[1]).toBe(0x11);
    expect(ef[8]! >> 4).toBe(0xf);
    expect(decodeImsi(ef)).toBe('12345678901234');
  });

  it('round-trips every IMSI and ICCID length', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{6,15}$/), fc.stringMatching(/^[0-9]{18,20}$/), (imsi, iccid) => {
        expect(decodeImsi(encodeImsi(imsi))).toBe(imsi);
        expect(decodeIccid(encodeIccid(iccid))).toBe(iccid);
      }),
    );
  });

  it('refuses what is not digits of the right length', () => {
    expect(() => encodeImsi('00101')).toThrow(TypeError);
    expect(() => encodeImsi('0010101234567890')).toThrow(TypeError);
    expect(() => encodeIccid('89x0012345678901234')).toThrow(TypeError);
    expect(() => decodeImsi(fromHex('090910100000000010'))).toThrow(RangeError);
  });
});

describe('profile strings', () => {
  it('decodes the sample TS.48 profile', () => {
    const p = decodeSoftSimProfile(SAMPLE);
    expect(p.imsi).toBe('001010123456789');
    expect(p.iccid).toBe('89000123456789012341');
    expect(toHex(p.opc)).toBe('00'.repeat(16));
    for (const key of [p.k, p.kic, p.kid]) expect(toHex(key)).toBe('000102030405060708090a0b0c0d0e0f');
    expect(p.smsp).toBeUndefined();
  });

  it('round-trips through encodeSoftSimProfile, with SMSP', () => {
    const p = { ...decodeSoftSimProfile(SAMPLE), smsp: new Uint8Array(52).fill(0xab) };
    const again = decodeSoftSimProfile(encodeSoftSimProfile(p));
    expect(again.imsi).toBe(p.imsi);
    expect(again.iccid).toBe(p.iccid);
    expect(again.k).toEqual(p.k);
    expect(again.smsp).toEqual(p.smsp);
  });

  it('skips unknown tags (PINs) and stops at END', () => {
    const p = decodeSoftSimProfile(`08043132${SAMPLE}ff00${'zz'.repeat(3)}`);
    expect(p.imsi).toBe('001010123456789');
  });

  it('reports the decoder error codes of ss_profile_from_string', () => {
    expect(() => decodeSoftSimProfile('0110080910101032547698')).toThrow(/error 10/);
    expect(() => decodeSoftSimProfile(SAMPLE.replace('0214', '0212'))).toThrow(/error 11/);
    expect(() => decodeSoftSimProfile(SAMPLE.slice(0, -2))).toThrow(/error 1\b/);
    expect(() => decodeSoftSimProfile(SAMPLE.slice(0, 46))).toThrow(/K \(tag 04\) is missing/);
    expect(() => decodeSoftSimProfile('01zz')).toThrow(/not hex/);
  });

  it('never prints key bytes', () => {
    const p = decodeSoftSimProfile(SAMPLE);
    expect(String(p)).toBe('SoftSimProfile(001010123456789) [redacted]');
    expect(JSON.stringify({ p })).not.toContain('0102');
  });
});

describe('checkSoftSimProfile', () => {
  const base = decodeSoftSimProfile(SAMPLE);
  it('copies the keys (the caller may wipe theirs)', () => {
    const k = base.k.slice();
    const p = checkSoftSimProfile({ ...base, k });
    k.fill(0);
    expect(toHex(p.k)).toBe('000102030405060708090a0b0c0d0e0f');
  });
  it('names the bad field', () => {
    expect(() => checkSoftSimProfile({ ...base, kid: new Uint8Array(15) })).toThrow(/profile\.kid/);
    expect(() => checkSoftSimProfile({ ...base, imsi: '1' })).toThrow(/profile\.imsi/);
    expect(() => checkSoftSimProfile({ ...base, smsp: new Uint8Array(3) })).toThrow(/profile\.smsp/);
    expect(() => checkSoftSimProfile(null as never)).toThrow(TypeError);
  });
});
