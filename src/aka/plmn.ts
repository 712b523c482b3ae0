/**
 * PLMN identity helpers: the 3-octet PLMN ID (SN id) of TS 24.008 §10.5.1.13 / TS 24.301 §9.9.3.32
 * used by KASME, and the 5G serving network name (SNN) of TS 24.501 §9.12.1 / TS 33.501 §6.1.1.4.
 * MCC and MNC are taken as digit strings, because "01" and "001" are different MNCs.
 * @module
 */

import { abytes } from '../utils/bytes.js';

/** A PLMN: MCC (3 digits) and MNC (2 or 3 digits), as strings. */
export interface Plmn {
  /** Mobile country code, exactly 3 decimal digits, e.g. `'001'`. */
  mcc: string;
  /** Mobile network code, 2 or 3 decimal digits, e.g. `'01'` or `'001'`. */
  mnc: string;
}

function digits(name: string, value: unknown, ...lengths: number[]): number[] {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string of digits`);
  if (!/^[0-9]*$/.test(value) || !lengths.includes(value.length)) {
    throw new RangeError(`${name} must be ${lengths.join(' or ')} decimal digits, got '${value}'`);
  }
  return [...value].map(Number);
}

function checkPlmn(plmn: Plmn): { mcc: number[]; mnc: number[] } {
  if (typeof plmn !== 'object' || plmn === null) throw new TypeError('plmn must be an object { mcc, mnc }');
  return { mcc: digits('mcc', plmn.mcc, 3), mnc: digits('mnc', plmn.mnc, 2, 3) };
}

/**
 * Encodes a PLMN as the 3-octet PLMN identity of TS 24.008 §10.5.1.13 (also the "SN id" input of
 * KASME, TS 33.401 §A.2): octet 1 = MCC2 ‖ MCC1, octet 2 = MNC3 ‖ MCC3 (MNC3 = 0xF for a 2-digit
 * MNC), octet 3 = MNC2 ‖ MNC1 (high nibble ‖ low nibble). MCC 001 / MNC 01 → `00 f1 10`.
 */
export function encodePlmnId(plmn: Plmn): Uint8Array {
  const { mcc, mnc } = checkPlmn(plmn);
  const mnc3 = mnc.length === 3 ? mnc[2]! : 0xf;
  return new Uint8Array([(mcc[1]! << 4) | mcc[0]!, (mnc3 << 4) | mcc[2]!, (mnc[1]! << 4) | mnc[0]!]);
}

/** Decodes a 3-octet PLMN identity (TS 24.008 §10.5.1.13); inverse of {@link encodePlmnId}. */
export function decodePlmnId(plmnId: Uint8Array): Plmn {
  abytes('plmnId', plmnId, 3);
  const n = [
    plmnId[0]! & 15,
    plmnId[0]! >> 4,
    plmnId[1]! & 15,
    plmnId[2]! & 15,
    plmnId[2]! >> 4,
    plmnId[1]! >> 4,
  ];
  const twoDigitMnc = n[5] === 0xf;
  const used = twoDigitMnc ? n.slice(0, 5) : n;
  if (used.some((d) => d > 9)) throw new RangeError('plmnId contains a nibble that is not a decimal digit');
  return { mcc: n.slice(0, 3).join(''), mnc: (twoDigitMnc ? n.slice(3, 5) : n.slice(3, 6)).join('') };
}

/**
 * The serving network name of TS 24.501 §9.12.1 (used by TS 33.501 §6.1.1.4 for RES*, KAUSF and KSEAF):
 * `5G:mnc<MNC>.mcc<MCC>.3gppnetwork.org`, with the MNC always written with 3 digits (a 2-digit MNC gets a
 * leading zero, TS 23.003 §28.2). For a stand-alone non-public network (SNPN) the NID is appended as
 * `:<NID>` (TS 24.501 §9.12.1, Release 16+).
 *
 * @example servingNetworkName({ mcc: '001', mnc: '01' }) === '5G:mnc001.mcc001.3gppnetwork.org'
 */
export function servingNetworkName(plmn: Plmn, nid?: string): string {
  const { mcc, mnc } = checkPlmn(plmn);
  const mnc3 = mnc.length === 2 ? [0, ...mnc] : mnc;
  let snn = `5G:mnc${mnc3.join('')}.mcc${mcc.join('')}.3gppnetwork.org`;
  if (nid !== undefined) {
    if (typeof nid !== 'string' || !/^[0-9a-fA-F]{11}$/.test(nid)) {
      throw new RangeError('nid must be 11 hexadecimal digits (TS 23.003 §12.7)');
    }
    snn += `:${nid}`;
  }
  return snn;
}

/**
 * Parses a serving network name built by {@link servingNetworkName}. The MNC comes back with 3 digits
 * (the SNN does not say whether it had 2).
 */
export function parseServingNetworkName(snn: string): Plmn & { nid?: string } {
  if (typeof snn !== 'string') throw new TypeError('snn must be a string');
  const m = /^5G:mnc([0-9]{3})\.mcc([0-9]{3})\.3gppnetwork\.org(?::([0-9a-fA-F]{11}))?$/.exec(snn);
  if (!m)
    throw new RangeError(`snn is not a serving network name of the form 5G:mncXXX.mccYYY.3gppnetwork.org`);
  return m[3] === undefined ? { mcc: m[2]!, mnc: m[1]! } : { mcc: m[2]!, mnc: m[1]!, nid: m[3] };
}
