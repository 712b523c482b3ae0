/**
 * AUTHENTICATE command and response APDUs (TS 31.102 §7.1.2, TS 102 221 §10.1): builders for what
 * the modem sends and a parser for what the SIM answers.
 * @module
 */

import { abytes, copyBytes } from '../utils/bytes.js';
import { INS_AUTHENTICATE } from './constants.js';

/**
 * `00 88 00 81 22 10 ‖ RAND ‖ 10 ‖ AUTN` (3G context) or, without AUTN,
 * `00 88 00 80 11 10 ‖ RAND` (GSM context).
 */
export function authenticateCommand(rand: Uint8Array, autn?: Uint8Array): Uint8Array {
  abytes('rand', rand, 16);
  if (autn === undefined) return Uint8Array.of(0x00, INS_AUTHENTICATE, 0x00, 0x80, 0x11, 0x10, ...rand);
  abytes('autn', autn, 16);
  return Uint8Array.of(0x00, INS_AUTHENTICATE, 0x00, 0x81, 0x22, 0x10, ...rand, 0x10, ...autn);
}

/** A decoded AUTHENTICATE answer. */
export type AuthenticateResponse =
  | { kind: 'success'; res: Uint8Array; ck: Uint8Array; ik: Uint8Array; kc?: Uint8Array; sw: number }
  | { kind: 'sync-failure'; auts: Uint8Array; sw: number }
  | { kind: 'gsm'; sres: Uint8Array; kc: Uint8Array; sw: number }
  | { kind: 'error'; sw: number };

/**
 * Decodes a response APDU to AUTHENTICATE: `DB` (success: RES, CK, IK, optional Kc), `DC` (AUTS),
 * the GSM `04 SRES 08 Kc`, or an error status word. A malformed answer is a `RangeError`.
 */
export function parseAuthenticateResponse(rsp: Uint8Array): AuthenticateResponse {
  abytes('rsp', rsp);
  if (rsp.length < 2) throw new RangeError(`a response APDU has at least 2 bytes, got ${rsp.length}`);
  const sw = (rsp[rsp.length - 2]! << 8) | rsp[rsp.length - 1]!;
  const data = rsp.subarray(0, rsp.length - 2);
  if (sw !== 0x9000) return { kind: 'error', sw };
  const lv = (at: number, name: string) => {
    const n = data[at];
    if (n === undefined || at + 1 + n > data.length) throw new RangeError(`truncated ${name}`);
    return { value: copyBytes(data, at + 1, at + 1 + n), next: at + 1 + n };
  };
  if (data[0] === 0xdb) {
    const res = lv(1, 'RES');
    const ck = lv(res.next, 'CK');
    const ik = lv(ck.next, 'IK');
    const out: AuthenticateResponse = { kind: 'success', res: res.value, ck: ck.value, ik: ik.value, sw };
    if (ik.next < data.length) out.kc = lv(ik.next, 'Kc').value;
    return out;
  }
  if (data[0] === 0xdc) return { kind: 'sync-failure', auts: lv(1, 'AUTS').value, sw };
  if (data[0] === 0x04) {
    const sres = lv(0, 'SRES');
    return { kind: 'gsm', sres: sres.value, kc: lv(sres.next, 'Kc').value, sw };
  }
  throw new RangeError(`unknown AUTHENTICATE answer tag 0x${(data[0] ?? 0).toString(16)}`);
}
