/**
 * A deliberately plain TUAK oracle for the property tests: it builds INOUT as a 200-byte array
 * straight from the TS 35.231 §6 layout (byte-reversed fields, instance bits from the §6 tables
 * written out literally) and runs the byte-level `keccakF1600` (itself checked against the
 * TS 35.232 sets). The library instead prepares word-level templates per key; the two must agree.
 */
import { keccakF1600 } from '../../src/tuak/index.js';

const ALGONAME = [0x54, 0x55, 0x41, 0x4b, 0x31, 0x2e, 0x30]; // "TUAK1.0"

export interface RefParams {
  resBits: number;
  macBits: number;
  ckBits: number;
  ikBits: number;
  iterations: number;
}

/** INSTANCE[2..4] per §6.2/§6.4 tables. */
const LEN_CODE: Record<number, number> = { 32: 0b000, 64: 0b001, 128: 0b010, 256: 0b100 };

function instanceByte(bits: {
  b0: number;
  b1: number;
  len: number;
  ck256: boolean;
  ik256: boolean;
  k256: boolean;
}): number {
  // INSTANCE[0] is the most significant bit.
  const b = [
    bits.b0,
    bits.b1,
    (bits.len >> 2) & 1,
    (bits.len >> 1) & 1,
    bits.len & 1,
    +bits.ck256,
    +bits.ik256,
    +bits.k256,
  ];
  return b.reduce((acc, bit) => (acc << 1) | bit, 0);
}

function inout(
  t: Uint8Array,
  instance: number,
  rand: Uint8Array,
  amf: Uint8Array,
  sqn: Uint8Array,
  k: Uint8Array,
) {
  const fields: number[] = [
    ...[...t].reverse(),
    instance,
    ...[...ALGONAME].reverse(),
    ...[...rand].reverse(),
    ...[...amf].reverse(),
    ...[...sqn].reverse(),
    ...[...k].reverse(),
    ...new Array<number>(32 - k.length).fill(0),
    0x1f,
    ...new Array<number>(38).fill(0),
    0x80,
    ...new Array<number>(64).fill(0),
  ];
  if (fields.length !== 200) throw new Error(`INOUT is ${fields.length} bytes`);
  return Uint8Array.from(fields);
}

function run(input: Uint8Array, iterations: number): Uint8Array {
  let s = input;
  for (let i = 0; i < iterations; i++) s = keccakF1600(s);
  return s;
}

const out = (s: Uint8Array, offset: number, len: number) => s.slice(offset, offset + len).reverse();

/** TOPc per §6.1. */
export function refTopc(k: Uint8Array, top: Uint8Array, iterations: number): Uint8Array {
  const z16 = new Uint8Array(16);
  const inst = instanceByte({ b0: 0, b1: 0, len: 0, ck256: false, ik256: false, k256: k.length === 32 });
  return out(run(inout(top, inst, z16, z16.subarray(0, 2), z16.subarray(0, 6), k), iterations), 0, 32);
}

/** Every output per §6.2–§6.5. */
export function refCompute(
  k: Uint8Array,
  topc: Uint8Array,
  p: RefParams,
  rand: Uint8Array,
  sqn: Uint8Array,
  amf: Uint8Array,
) {
  const k256 = k.length === 32;
  const zAmf = new Uint8Array(2);
  const zSqn = new Uint8Array(6);
  const mac = (b0: number) => {
    const inst = instanceByte({ b0, b1: 0, len: LEN_CODE[p.macBits]!, ck256: false, ik256: false, k256 });
    return out(run(inout(topc, inst, rand, amf, sqn, k), p.iterations), 0, p.macBits / 8);
  };
  const f2345Inst = instanceByte({
    b0: 0,
    b1: 1,
    len: LEN_CODE[p.resBits]!,
    ck256: p.ckBits === 256,
    ik256: p.ikBits === 256,
    k256,
  });
  const s = run(inout(topc, f2345Inst, rand, zAmf, zSqn, k), p.iterations);
  const f5sInst = instanceByte({ b0: 1, b1: 1, len: 0, ck256: false, ik256: false, k256 });
  const s5 = run(inout(topc, f5sInst, rand, zAmf, zSqn, k), p.iterations);
  return {
    macA: mac(0),
    macS: mac(1),
    res: out(s, 0, p.resBits / 8),
    ck: out(s, 32, p.ckBits / 8),
    ik: out(s, 64, p.ikBits / 8),
    ak: out(s, 96, 6),
    akStar: out(s5, 96, 6),
  };
}
