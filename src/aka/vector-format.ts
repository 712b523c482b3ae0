/**
 * Text forms of packed authentication-vector rows (see `AuthVectorRowLayout`): CSV with the
 * columns `sqn,rand,xres,ck,ik,ak,autn` or JSON lines, all fields lower-case hex. Used by the
 * `vectors` CLI command, in worker threads when it runs on several cores.
 * @module
 */
import { toHexRange } from '../utils/bytes.js';
import type { AuthVectorRowLayout } from './vector-row.js';

/** Output formats. */
export type AuthVectorTextFormat = 'csv' | 'jsonl';

/** The CSV header line. */
export const AUTH_VECTOR_CSV_HEADER = 'sqn,rand,xres,ck,ik,ak,autn\n';

const hex = (b: Uint8Array, o: number, n: number): string => toHexRange(b, o, o + n);

/** Formats `count` rows as whole CSV or JSON lines. */
export function formatAuthVectorRows(
  rows: Uint8Array,
  count: number,
  layout: AuthVectorRowLayout,
  format: AuthVectorTextFormat,
): string {
  const L = layout;
  let out = '';
  for (let i = 0; i < count; i++) {
    const o = i * L.length;
    const sqn = hex(rows, o + L.sqn, 6);
    const rand = hex(rows, o + L.rand, 16);
    const xres = hex(rows, o + L.xres, L.resLength);
    const ck = hex(rows, o + L.ck, L.ckLength);
    const ik = hex(rows, o + L.ik, L.ikLength);
    const ak = hex(rows, o + L.ak, 6);
    const autn = hex(rows, o + L.autn, L.autnLength);
    out +=
      format === 'csv'
        ? `${sqn},${rand},${xres},${ck},${ik},${ak},${autn}\n`
        : `{"sqn":"${sqn}","rand":"${rand}","xres":"${xres}","ck":"${ck}","ik":"${ik}","ak":"${ak}","autn":"${autn}"}\n`;
  }
  return out;
}
