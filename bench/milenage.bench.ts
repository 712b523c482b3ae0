/**
 * MILENAGE throughput: psa-emu's word-level fast path against the same work done with node:crypto
 * AES (OpenSSL), once the straightforward way (a `createCipheriv` per block) and once with one
 * reused ECB cipher per K. One operation = one full set f1, f1*, f2, f3, f4, f5, f5* (6 AES blocks,
 * TEMP shared), or one OPc derivation.
 * @module
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { Bench } from 'tinybench';
import { computeOpc, createMilenage, MILENAGE_LAYOUT } from '../src/milenage/index.js';
import type { BenchOptions, BenchResult, BenchSuite } from './types.js';

/** Each timed call runs this many operations, so timer overhead stays negligible. */
const BATCH = 256;

type Encrypt = (block: Buffer) => Buffer;

function xor(a: Buffer, b: Buffer): Buffer {
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
function nodeMilenage(encrypt: Encrypt, opc: Buffer, rand: Buffer, sqn: Buffer, amf: Buffer): Buffer {
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

function freshCipherPerBlock(k: Buffer): Encrypt {
  return (block) => {
    const c = createCipheriv('aes-128-ecb', k, null);
    c.setAutoPadding(false);
    return c.update(block);
  };
}

function reusedCipher(k: Buffer): Encrypt {
  const c = createCipheriv('aes-128-ecb', k, null);
  c.setAutoPadding(false);
  return (block) => c.update(block);
}

async function measure(
  options: BenchOptions,
  tasks: Record<string, () => void>,
): Promise<Map<string, BenchResult>> {
  const bench = new Bench({ time: options.timeMs, warmupTime: options.warmupMs });
  for (const [name, fn] of Object.entries(tasks)) bench.add(name, fn);
  await bench.warmup();
  await bench.run();
  const out = new Map<string, BenchResult>();
  for (const task of bench.tasks) {
    const r = task.result;
    if (!r || r.error) throw new Error(`bench ${task.name} failed: ${String(r?.error)}`);
    out.set(task.name, {
      group: '',
      name: task.name,
      opsPerSecond: r.hz * BATCH,
      unit: '',
      rme: r.rme,
      samples: r.samples.length,
    });
  }
  return out;
}

export const suite: BenchSuite = {
  name: 'MILENAGE',
  async run(options) {
    const k = randomBytes(16);
    const op = randomBytes(16);
    const opc = Buffer.from(computeOpc(k, op));
    const inputs = Array.from({ length: BATCH }, () => ({
      rand: randomBytes(16),
      sqn: randomBytes(6),
      amf: randomBytes(2),
    }));
    const keys = Array.from({ length: BATCH }, () => ({ k: randomBytes(16), op: randomBytes(16) }));

    const m = createMilenage({ k, opc });
    const out = new Uint8Array(MILENAGE_LAYOUT.length);
    const straightforward = freshCipherPerBlock(k);
    const reused = reusedCipher(k);

    // Same work, same answers: check every input once before timing anything.
    for (const { rand, sqn, amf } of inputs) {
      const ours = Buffer.from(m.computeInto(rand, sqn, amf, out));
      const a = nodeMilenage(straightforward, opc, rand, sqn, amf);
      const b = nodeMilenage(reused, opc, rand, sqn, amf);
      if (!ours.equals(a) || !ours.equals(b)) throw new Error('node:crypto baseline and psa-emu disagree');
    }
    for (const { k: kk, op: oo } of keys) {
      const ours = Buffer.from(computeOpc(kk, oo));
      if (!ours.equals(xor(oo, freshCipherPerBlock(kk)(oo)))) throw new Error('OPc baselines disagree');
    }

    let sink = 0;
    const sets = await measure(options, {
      'psa-emu compute() (K schedule + OPc cached)': () => {
        for (const { rand, sqn, amf } of inputs) sink ^= m.compute(rand, sqn, amf).res[0]!;
      },
      'psa-emu computeInto() (reused 68-byte buffer)': () => {
        for (const { rand, sqn, amf } of inputs) m.computeInto(rand, sqn, amf, out);
        sink ^= out[0]!;
      },
      'node:crypto, createCipheriv per block (straightforward)': () => {
        for (const { rand, sqn, amf } of inputs)
          sink ^= nodeMilenage(straightforward, opc, rand, sqn, amf)[0]!;
      },
      'node:crypto, one reused ECB cipher per K': () => {
        for (const { rand, sqn, amf } of inputs) sink ^= nodeMilenage(reused, opc, rand, sqn, amf)[0]!;
      },
    });
    const opcs = await measure(options, {
      'psa-emu computeOpc(k, op)': () => {
        for (const { k: kk, op: oo } of keys) sink ^= computeOpc(kk, oo)[0]!;
      },
      'psa-emu createMilenage({ k, op }) (key schedule + OPc)': () => {
        for (const { k: kk, op: oo } of keys) sink ^= createMilenage({ k: kk, op: oo }).macLength;
      },
      'node:crypto, createCipheriv per call': () => {
        for (const { k: kk, op: oo } of keys) sink ^= xor(oo, freshCipherPerBlock(kk)(oo))[0]!;
      },
    });
    m.dispose();
    if (sink === 0.5) console.log(sink); // keeps the results observable to the optimiser

    const setGroup = 'full set f1, f1*, f2..f5, f5* (6 AES blocks)';
    const rows: BenchResult[] = [];
    for (const [name, r] of sets) {
      rows.push({
        ...r,
        group: setGroup,
        unit: 'sets',
        baseline: name.includes('straightforward') || undefined,
      });
    }
    for (const [name, r] of opcs) {
      rows.push({
        ...r,
        group: 'OPc derivation',
        unit: 'OPc',
        baseline: name.startsWith('node:crypto') || undefined,
      });
    }
    return rows;
  },
};
