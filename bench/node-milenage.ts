/**
 * The baselines: MILENAGE (TS 35.206 §4.1, default constants) written the straightforward way on
 * node:crypto AES — Buffers, byte rotations, 6 AES blocks, a new object per call.
 * @module
 */
import { createCipheriv, randomBytes } from 'node:crypto';

/** One AES-128 block encryption under a fixed K. */
export type Encrypt = (block: Buffer) => Buffer;

/** a ⊕ b, a new Buffer. */
export function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.allocUnsafe(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

/** rot(x, r) for r a multiple of 8 (the default constants), byte by byte. */
function rotateBytes(x: Buffer, r: number): Buffer {
  const n = r / 8;
  const out = Buffer.allocUnsafe(16);
  for (let i = 0; i < 16; i++) out[i] = x[(i + n) % 16]!;
  return out;
}

/**
 * A plain MILENAGE with the default constants (TS 35.206 §4.1) on an AES block function, the way one
 * writes it with node:crypto: Buffers, byte rotations, 6 AES blocks. Returns the 68-byte layout.
 */
export function nodeMilenage(encrypt: Encrypt, opc: Buffer, rand: Buffer, sqn: Buffer, amf: Buffer): Buffer {
  const temp = encrypt(xor(rand, opc));
  const in1 = Buffer.concat([sqn, amf, sqn, amf]);
  const out1 = xor(encrypt(xor(temp, rotateBytes(xor(in1, opc), 64))), opc);
  const t = xor(temp, opc);
  const outK = (r: number, c: number) => {
    const x = rotateBytes(t, r);
    x[15]! ^= c;
    return xor(encrypt(x), opc);
  };
  const out2 = outK(0, 1);
  const out3 = outK(32, 2);
  const out4 = outK(64, 4);
  const out5 = outK(96, 8);
  return Buffer.concat([out1, out2.subarray(8, 16), out3, out4, out2.subarray(0, 6), out5.subarray(0, 6)]);
}

/** AES-128-ECB with a new node:crypto cipher per block (key schedule per block). */
export function freshCipherPerBlock(k: Buffer): Encrypt {
  return (block) => {
    const c = createCipheriv('aes-128-ecb', k, null);
    c.setAutoPadding(false);
    return c.update(block);
  };
}

/** AES-128-ECB with one node:crypto cipher per K, reused for every block. */
export function reusedCipher(k: Buffer): Encrypt {
  const c = createCipheriv('aes-128-ecb', k, null);
  c.setAutoPadding(false);
  return (block) => c.update(block);
}

/**
 * A straightforward authentication vector (TS 33.102 §6.3.2): a fresh RAND from node:crypto, MILENAGE as
 * above, AUTN = SQN ⊕ AK ‖ AMF ‖ MAC-A, new Buffers for everything. `rand` may be given for checks.
 */
export function nodeAuthVector(
  encrypt: Encrypt,
  opc: Buffer,
  sqn: Buffer,
  amf: Buffer,
  rand: Buffer = randomBytes(16),
): { rand: Buffer; xres: Buffer; ck: Buffer; ik: Buffer; ak: Buffer; autn: Buffer } {
  const out = nodeMilenage(encrypt, opc, rand, sqn, amf);
  const ak = out.subarray(56, 62);
  const autn = Buffer.concat([xor(sqn, ak), amf, out.subarray(0, 8)]);
  return { rand, xres: out.subarray(16, 24), ck: out.subarray(24, 40), ik: out.subarray(40, 56), ak, autn };
}
