/**
 * OPc, the subscriber-specific form of the operator variant OP (TS 35.206 §4.1, §5.1).
 * @module
 */

import { unsafe } from '@noble/ciphers/aes.js';
import { abytes, wipe } from '../utils/bytes.js';
import { readWordLE, writeWordLE } from './words.js';

const encrypt = unsafe.encrypt;

/**
 * `OPc = OP ⊕ E_K(OP)` on words: `xk` is K's expanded AES-128 key schedule (`unsafe.expandKeyLE`),
 * `op` is 16 bytes; the result goes to `dst[0..3]` as little-endian words.
 */
export function opcWordsLE(xk: Uint32Array, op: Uint8Array, dst: Uint32Array): void {
  const o0 = readWordLE(op, 0);
  const o1 = readWordLE(op, 4);
  const o2 = readWordLE(op, 8);
  const o3 = readWordLE(op, 12);
  const e = encrypt(xk, o0, o1, o2, o3);
  dst[0] = e.s0 ^ o0;
  dst[1] = e.s1 ^ o1;
  dst[2] = e.s2 ^ o2;
  dst[3] = e.s3 ^ o3;
}

/**
 * Derives OPc from the subscriber key K and the operator variant OP:
 * `OPc = OP ⊕ E_K(OP)` (TS 35.206 §4.1; §5.1 recommends computing OPc off the card).
 *
 * @param k subscriber key K, 16 bytes
 * @param op operator variant algorithm configuration field OP, 16 bytes
 * @returns OPc, 16 bytes (a new array)
 */
export function computeOpc(k: Uint8Array, op: Uint8Array): Uint8Array {
  abytes('k', k, 16);
  abytes('op', op, 16);
  const xk = unsafe.expandKeyLE(k);
  const w = new Uint32Array(4);
  opcWordsLE(xk, op, w);
  const out = new Uint8Array(16);
  for (let i = 0; i < 4; i++) writeWordLE(out, 4 * i, w[i]!);
  wipe(xk, w);
  return out;
}

/**
 * K's expanded AES key schedule and OPc as little-endian words, from `{ k, op }` (OPc derived,
 * TS 35.206 §4.1) or `{ k, opc }`, with named errors. Shared by `createMilenage` and the AKA
 * bulk generator. `orElse` names a further accepted form in the "missing" error (e.g. "milenage").
 */
export function milenageKeyWords(
  keys: { k?: unknown; op?: unknown; opc?: unknown },
  orElse?: string,
): { xk: Uint32Array; opc: Uint32Array } {
  const { k, op, opc } = keys;
  if (op !== undefined && opc !== undefined)
    throw new TypeError('keys must contain either op or opc, not both');
  if (op === undefined && opc === undefined)
    throw new TypeError(`keys must contain op or opc${orElse ? ` (or ${orElse})` : ''}`);
  abytes('k', k, 16);
  if (op !== undefined) abytes('op', op, 16);
  else abytes('opc', opc, 16);
  const xk = unsafe.expandKeyLE(k as Uint8Array);
  const words = new Uint32Array(4);
  if (op !== undefined) opcWordsLE(xk, op as Uint8Array, words);
  else for (let i = 0; i < 4; i++) words[i] = readWordLE(opc as Uint8Array, 4 * i);
  return { xk, opc: words };
}
