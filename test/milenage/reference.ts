/**
 * A deliberately plain MILENAGE (TS 35.206 §4.1) for property tests: byte arrays, node:crypto
 * AES-128-ECB and a bit-by-bit rotation. It shares no code with src/milenage, so agreement on
 * random inputs (including non-default constants) is evidence, not a tautology.
 */
import { createCipheriv } from 'node:crypto';
import type { MilenageConstants } from '../../src/milenage/index.js';

export function aes128(k: Uint8Array, block: Uint8Array): Uint8Array {
  const cipher = createCipheriv('aes-128-ecb', k, null);
  cipher.setAutoPadding(false);
  return new Uint8Array(cipher.update(block));
}

function xor(a: Uint8Array, b: Uint8Array): Uint8Array {
  return a.map((v, i) => v ^ b[i]!);
}

/** Bit i of a 128-bit value, bit 0 = most significant bit of byte 0 (TS 35.206 numbering). */
function bit(x: Uint8Array, i: number): number {
  return (x[i >> 3]! >> (7 - (i & 7))) & 1;
}

/** rot(x, r)[i] = x[(i + r) mod 128], one bit at a time (TS 35.206 §4.1). */
export function rotateBitByBit(x: Uint8Array, r: number): Uint8Array {
  const out = new Uint8Array(16);
  for (let i = 0; i < 128; i++) out[i >> 3]! |= bit(x, (i + r) % 128) << (7 - (i & 7));
  return out;
}

export interface ReferenceOutputs {
  opc: Uint8Array;
  out1: Uint8Array;
  out2: Uint8Array;
  out3: Uint8Array;
  out4: Uint8Array;
  out5: Uint8Array;
}

/** OUT1..OUT5 exactly as TS 35.206 §4.1 writes them down. */
export function referenceMilenage(
  k: Uint8Array,
  opc: Uint8Array,
  rand: Uint8Array,
  sqn: Uint8Array,
  amf: Uint8Array,
  c: MilenageConstants,
): ReferenceOutputs {
  const temp = aes128(k, xor(rand, opc));
  const in1 = new Uint8Array([...sqn, ...amf, ...sqn, ...amf]);
  const out1 = xor(aes128(k, xor(xor(temp, rotateBitByBit(xor(in1, opc), c.r1)), c.c1)), opc);
  const outK = (r: number, ck: Uint8Array) => xor(aes128(k, xor(rotateBitByBit(xor(temp, opc), r), ck)), opc);
  return {
    opc,
    out1,
    out2: outK(c.r2, c.c2),
    out3: outK(c.r3, c.c3),
    out4: outK(c.r4, c.c4),
    out5: outK(c.r5, c.c5),
  };
}

/** OPc = OP ⊕ E_K(OP). */
export function referenceOpc(k: Uint8Array, op: Uint8Array): Uint8Array {
  return xor(op, aes128(k, op));
}
