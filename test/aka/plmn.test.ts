/** PLMN ID encoding (TS 24.008 §10.5.1.13) and the 5G serving network name (TS 24.501 §9.12.1). */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodePlmnId,
  encodePlmnId,
  parseServingNetworkName,
  servingNetworkName,
} from '../../src/aka/index.js';
import { h, x } from './helpers.js';

describe('PLMN identity', () => {
  it('encodes MCC 001 / MNC 01 as 00f110 (the srsRAN KASME SN id)', () => {
    expect(x(encodePlmnId({ mcc: '001', mnc: '01' }))).toBe('00f110');
  });

  it('encodes 3-digit MNCs in the high nibble of octet 2', () => {
    expect(x(encodePlmnId({ mcc: '310', mnc: '410' }))).toBe('130014');
    expect(decodePlmnId(h('024830'))).toEqual({ mcc: '208', mnc: '034' }); // the open5gs KASME SN id
  });

  it('decode inverts encode', () => {
    const d = fc.constantFrom(...'0123456789');
    fc.assert(
      fc.property(
        fc.array(d, { minLength: 3, maxLength: 3 }),
        fc.array(d, { minLength: 2, maxLength: 3 }),
        (mcc, mnc) => {
          const plmn = { mcc: mcc.join(''), mnc: mnc.join('') };
          expect(decodePlmnId(encodePlmnId(plmn))).toEqual(plmn);
        },
      ),
    );
  });

  it('rejects bad digits with named errors', () => {
    expect(() => encodePlmnId({ mcc: '01', mnc: '01' })).toThrow(/mcc must be 3 decimal digits/);
    expect(() => encodePlmnId({ mcc: '001', mnc: '1' })).toThrow(/mnc/);
    expect(() => encodePlmnId({ mcc: '00a', mnc: '01' })).toThrow(/mcc/);
    expect(() => encodePlmnId({ mcc: 1 as unknown as string, mnc: '01' })).toThrow(TypeError);
    expect(() => decodePlmnId(h('a0f110'))).toThrow(/nibble/);
    expect(() => decodePlmnId(h('00f1'))).toThrow(/plmnId must be 3 bytes/);
  });
});

describe('serving network name', () => {
  it('always writes a 3-digit MNC', () => {
    expect(servingNetworkName({ mcc: '001', mnc: '01' })).toBe('5G:mnc001.mcc001.3gppnetwork.org');
    expect(servingNetworkName({ mcc: '001', mnc: '001' })).toBe('5G:mnc001.mcc001.3gppnetwork.org');
    expect(servingNetworkName({ mcc: '262', mnc: '123' })).toBe('5G:mnc123.mcc262.3gppnetwork.org');
  });

  it('appends the NID of an SNPN and parses back', () => {
    const snn = servingNetworkName({ mcc: '999', mnc: '99' }, '000007ed9d5');
    expect(snn).toBe('5G:mnc099.mcc999.3gppnetwork.org:000007ed9d5');
    expect(parseServingNetworkName(snn)).toEqual({ mcc: '999', mnc: '099', nid: '000007ed9d5' });
    expect(parseServingNetworkName('5G:mnc001.mcc001.3gppnetwork.org')).toEqual({ mcc: '001', mnc: '001' });
    expect(() => servingNetworkName({ mcc: '999', mnc: '99' }, 'xyz')).toThrow(/nid/);
    expect(() => parseServingNetworkName('5G:mnc01.mcc001.3gppnetwork.org')).toThrow(RangeError);
  });
});
