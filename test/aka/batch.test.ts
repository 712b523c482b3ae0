/**
 * Bulk vectors (src/aka/batch.ts): the MILENAGE fast path against the official data (TS 35.208,
 * TS 35.207 and the published AUTNs of test/vectors/milenage.json), against `generateAuthVector`
 * byte for byte with the same RAND stream and SQNs, and against the USIM side.
 */
import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AuthVectorKeys,
  authVectorRowLayout,
  authVectorSqn,
  createAuthVectorGenerator,
  generateAuthVector,
  generateAuthVectors,
  MILENAGE_VECTOR_ROW,
  nextSqn,
  type RandSource,
  readAuthVectorRow,
  sqnToBytes,
  Usim,
} from '../../src/aka/index.js';
import { deterministicRandom } from '../../src/index.js';
import { createMilenage } from '../../src/milenage/index.js';
import { createTuak } from '../../src/tuak/index.js';
import { concatBytes, fromHex, toHex, xorBytes } from '../../src/utils/bytes.js';
import vectors from '../vectors/milenage.json' with { type: 'json' };

interface Published {
  name: string;
  k: string;
  op?: string;
  opc: string;
  rand: string;
  sqn: string;
  amf: string;
  f1?: string;
  f2: string;
  f3: string;
  f4: string;
  f5?: string;
  autn?: string;
}

const SETS: Published[] = [
  ...vectors.sets.map((s) => ({ ...s, name: `${s.doc} set ${s.set}` })),
  ...(vectors.samples as Partial<Published & { id: string }>[])
    .filter((s) => s.rand !== undefined && s.f2 !== undefined)
    .map((s) => ({ ...(s as Published), name: s.id! })),
];

/** A RAND source that repeats one RAND. */
const fixedRand =
  (rand: Uint8Array): RandSource =>
  (out) => {
    for (let i = 0; i < out.length; i += 16) out.set(rand, i);
  };

/** The SQN after `sqn` in the scheme with IND length `l` (nextSqn; a counter for l = 0). */
const successor = (sqn: bigint, l: number) => (l === 0 ? sqn + 1n : nextSqn({ sqnHe: sqn, indLength: l }));

const hex = toHex;
const AMF = fromHex('8000');

describe('fast path on the published MILENAGE data', () => {
  it.each(SETS)('$name: XRES, CK, IK, AK and AUTN from {k, opc}, {k, op} and {milenage}', (v) => {
    const k = fromHex(v.k);
    const keys: AuthVectorKeys[] = [
      { k, opc: fromHex(v.opc) },
      { milenage: createMilenage({ k, opc: fromHex(v.opc) }) },
    ];
    if (v.op) keys.push({ k, op: fromHex(v.op) });
    const amf = fromHex(v.amf);
    const sqn = fromHex(v.sqn);
    // The published AUTN where there is one, else SQN ⊕ AK ‖ AMF ‖ MAC-A from the published f5 and f1.
    const autn = v.autn ?? hex(concatBytes(xorBytes(sqn, fromHex(v.f5!)), amf, fromHex(v.f1!)));
    for (const key of keys) {
      const gen = createAuthVectorGenerator(key, { amf, rand: fixedRand(fromHex(v.rand)) });
      const rows = new Uint8Array(3 * gen.layout.length);
      expect(gen.generateInto(sqn, 3, rows)).toBe(BigInt(`0x${v.sqn}`) + 2n);
      const row = readAuthVectorRow(rows, 0);
      expect(hex(row.rand)).toBe(v.rand);
      expect(hex(row.xres)).toBe(v.f2);
      expect(hex(row.ck)).toBe(v.f3);
      expect(hex(row.ik)).toBe(v.f4);
      if (v.f5) expect(hex(row.ak)).toBe(v.f5);
      expect(hex(row.autn)).toBe(autn);
      expect(hex(sqnToBytes(row.sqn))).toBe(v.sqn);
      // Same RAND, next SQNs: XRES/CK/IK/AK depend on RAND only, AUTN changes.
      const next = readAuthVectorRow(rows, 2);
      expect(next.sqn).toBe(row.sqn + 2n);
      expect(next.ck).toEqual(row.ck);
      expect(next.autn).not.toEqual(row.autn);
      gen.dispose();
    }
  });
});

describe('fast path = generateAuthVector, byte for byte', () => {
  const key32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
  const sqnStart = fc.oneof(
    fc.bigInt({ min: 0n, max: (1n << 40n) - 1n }),
    fc.constantFrom(0xfffe_ffff_f000n, 0x0000_ffff_ff00n, 0x7fff_ffff_fe00n),
  );

  it('for any K, OPc, SQN start and IND length, with the same RAND stream', () => {
    fc.assert(
      fc.property(key32, sqnStart, fc.constantFrom(0, 1, 5, 16), fc.string(), (key, start, l, seed) => {
        const k = key.slice(0, 16);
        const opc = key.slice(16);
        const n = 300;
        const gen = createAuthVectorGenerator(
          { k, opc },
          { amf: AMF, indLength: l, rand: deterministicRandom(seed) },
        );
        expect(gen.fastPath).toBe(true);
        const rows = new Uint8Array(n * 84 + 5);
        const last = gen.generateInto(start, n, rows, 5);
        const m = createMilenage({ k, opc });
        const rand = deterministicRandom(seed);
        let sqn = start;
        for (let i = 0; i < n; i++) {
          const r = new Uint8Array(16);
          rand(r);
          const av = generateAuthVector({ milenage: m, sqn, amf: AMF, rand: r });
          const row = readAuthVectorRow(rows.subarray(5), i);
          expect(row).toEqual({ ...av, sqn });
          expect(authVectorSqn(start, i, l)).toBe(sqn);
          if (i < n - 1) sqn = successor(sqn, l);
        }
        expect(last).toBe(sqn);
      }),
      { numRuns: 12 },
    );
  });

  it('the {milenage} path (computeInto) and the fast path write identical rows, across RAND pool refills', () => {
    const k = fromHex('465b5ce8b199b49faa5f0a2ee238a6bc');
    const opc = fromHex('cd63cb71954a9f4e48a5994e37a02baf');
    const n = 4096 + 123; // more than one 64 KiB RAND pool
    const a = new Uint8Array(n * 84);
    const b = new Uint8Array(n * 84);
    createAuthVectorGenerator(
      { k, opc },
      { amf: AMF, indLength: 5, rand: deterministicRandom('pool') },
    ).generateInto(99n, n, a);
    const m = createMilenage({ k, opc });
    const generic = createAuthVectorGenerator(
      { milenage: m },
      { amf: AMF, indLength: 5, rand: deterministicRandom('pool') },
    );
    expect(generic.fastPath).toBe(false);
    generic.generateInto(99n, n, b);
    expect(hex(b)).toBe(hex(a));
    expect(a.subarray(0, 16)).not.toEqual(a.subarray(84 * 4096, 84 * 4096 + 16));
  });

  it('TUAK (compute path) with its own row layout', () => {
    const tuak = createTuak(
      { k: new Uint8Array(32).fill(7), topc: new Uint8Array(32).fill(9) },
      { resBits: 128, macBits: 128, ckBits: 256, ikBits: 256 },
    );
    const gen = createAuthVectorGenerator({ milenage: tuak }, { amf: AMF, rand: deterministicRandom('t') });
    expect(gen.layout).toEqual(
      authVectorRowLayout({ resLength: 16, macLength: 16, ckLength: 32, ikLength: 32 }),
    );
    expect(gen.layout.length).toBe(16 + 16 + 32 + 32 + 6 + 24 + 6);
    const rows = new Uint8Array(5 * gen.layout.length);
    gen.generateInto(7n, 5, rows);
    const rand = deterministicRandom('t');
    for (let i = 0; i < 5; i++) {
      const r = new Uint8Array(16);
      rand(r);
      const av = generateAuthVector({ milenage: tuak, sqn: 7n + BigInt(i), amf: AMF, rand: r });
      expect(readAuthVectorRow(rows, i, gen.layout)).toEqual({ ...av, sqn: 7n + BigInt(i) });
    }
  });
});

describe('the USIM accepts fast-path vectors', () => {
  it('a run of 200 with SEQ ‖ IND (IND length 5) authenticates in order, RES = XRES, same CK/IK', () => {
    const k = fromHex('000102030405060708090a0b0c0d0e0f');
    const opc = fromHex('101112131415161718191a1b1c1d1e1f');
    const usim = new Usim({ milenage: createMilenage({ k, opc }) });
    let seen = 0;
    for (const b of generateAuthVectors({
      k,
      opc,
      amf: AMF,
      sqnStart: 33n,
      indLength: 5,
      count: 200,
      batchSize: 64,
    })) {
      for (let i = 0; i < b.count; i++) {
        const row = readAuthVectorRow(b.rows, i);
        const answer = usim.authenticate(row.rand, row.autn);
        expect(answer).toMatchObject({ kind: 'success', res: row.xres, ck: row.ck, ik: row.ik });
        seen++;
      }
    }
    expect(seen).toBe(200);
    // Replaying SQN 33 (with a new RAND) is a synchronisation failure: that SQN is not fresh any more.
    for (const b of generateAuthVectors({ k, opc, amf: AMF, sqnStart: 33n, indLength: 5, count: 1 })) {
      const row = readAuthVectorRow(b.rows, 0);
      expect(usim.authenticate(row.rand, row.autn).kind).toBe('sync-failure');
    }
  });
});

describe('generateAuthVectors', () => {
  const k = new Uint8Array(16).fill(1);
  const opc = new Uint8Array(16).fill(2);

  it('yields batches of one reused buffer with index and first SQN, and wipes it when the loop ends', () => {
    const seen: { index: number; count: number; firstSqn: bigint }[] = [];
    let buffer: Uint8Array | undefined;
    for (const b of generateAuthVectors({ k, opc, amf: AMF, sqnStart: 10n, count: 10, batchSize: 4 })) {
      seen.push({ index: b.index, count: b.count, firstSqn: b.firstSqn });
      expect(b.rows.length).toBe(b.count * MILENAGE_VECTOR_ROW.length);
      buffer ??= b.rows;
      expect(b.rows.buffer).toBe(buffer.buffer);
      expect(readAuthVectorRow(b.rows, b.count - 1).sqn).toBe(b.firstSqn + BigInt(b.count - 1));
    }
    expect(seen).toEqual([
      { index: 0, count: 4, firstSqn: 10n },
      { index: 4, count: 4, firstSqn: 14n },
      { index: 8, count: 2, firstSqn: 18n },
    ]);
    expect(buffer!.some((x) => x !== 0)).toBe(false);

    for (const b of generateAuthVectors({ k, opc, amf: AMF, sqnStart: 0n, count: 100, batchSize: 10 })) {
      buffer = b.rows;
      break;
    }
    expect(buffer!.some((x) => x !== 0)).toBe(false);
    expect([...generateAuthVectors({ k, opc, amf: AMF, sqnStart: 0n, count: 0 })]).toEqual([]);
  });

  it('checks its inputs when called, before the first vector', () => {
    const base = { k, opc, amf: AMF, sqnStart: 0n, count: 1 };
    expect(() => generateAuthVectors({ ...base, count: -1 })).toThrow(RangeError);
    expect(() => generateAuthVectors({ ...base, count: 1.5 })).toThrow(/count must be an integer/);
    expect(() => generateAuthVectors({ ...base, batchSize: 0 })).toThrow(/batchSize/);
    expect(() => generateAuthVectors({ ...base, amf: new Uint8Array(3) })).toThrow(/amf must be 2 bytes/);
    expect(() => generateAuthVectors({ ...base, k: new Uint8Array(15) })).toThrow(/^k must be 16 bytes/);
    expect(() => generateAuthVectors({ ...base, indLength: 17 })).toThrow(/indLength/);
    // The last SQN must exist: SEQ may not leave its 48 − indLength bits.
    expect(() => generateAuthVectors({ ...base, sqnStart: (1n << 48n) - 2n, count: 3 })).toThrow(/exhausted/);
    expect(() => generateAuthVectors({ ...base, sqnStart: (1n << 48n) - 2n, count: 2 })).not.toThrow();
    expect(() =>
      generateAuthVectors({ ...base, sqnStart: (1n << 48n) - 1n, indLength: 5, count: 2 }),
    ).toThrow(/exhausted/);
  });
});

describe('createAuthVectorGenerator', () => {
  const k = fromHex('000102030405060708090a0b0c0d0e0f');
  const opc = fromHex('f0e0d0c0b0a090807060504030201000');

  it('names bad keys and options', () => {
    const o = { amf: AMF };
    const m = createMilenage({ k, opc });
    expect(() => createAuthVectorGenerator(null as never, o)).toThrow(TypeError);
    expect(() => createAuthVectorGenerator({ k, opc, op: opc } as never, o)).toThrow(/either op or opc/);
    expect(() => createAuthVectorGenerator({ k } as never, o)).toThrow(/op or opc/);
    expect(() => createAuthVectorGenerator({ milenage: m, k } as never, o)).toThrow(/not both/);
    expect(() => createAuthVectorGenerator({ milenage: {} } as never, o)).toThrow(/AkaAlgorithm/);
    expect(() => createAuthVectorGenerator({ k, opc: new Uint8Array(8) }, o)).toThrow(/opc must be 16 bytes/);
    expect(() => createAuthVectorGenerator({ k, opc }, { amf: AMF, rand: 1 as never })).toThrow(
      /rand must be a function/,
    );
    const gen = createAuthVectorGenerator({ k, opc }, o);
    expect(() => gen.generateInto(0n, 2, new Uint8Array(167))).toThrow(/168 bytes/);
    expect(() => gen.generateInto(0n, 1, [] as never)).toThrow(TypeError);
    expect(() => gen.generateInto(1n << 48n, 1, new Uint8Array(84))).toThrow(/sqnFirst/);
    expect(gen.generateInto(0n, 0, new Uint8Array(0))).toBeUndefined();
  });

  it('never prints key material, and refuses work after dispose()', () => {
    const gen = createAuthVectorGenerator({ k, opc }, { amf: AMF });
    for (const shown of [String(gen), JSON.stringify({ gen }), inspect(gen, { showHidden: true })]) {
      expect(shown).toContain('AuthVectorGenerator [redacted]');
      expect(shown).not.toMatch(/0102|f0e0/);
    }
    gen.dispose();
    expect(gen.disposed).toBe(true);
    expect(() => gen.generateInto(0n, 1, new Uint8Array(84))).toThrow(/disposed/);
  });

  it('draws RANDs in chunks of at most 64 KiB, not per vector', () => {
    const sizes: number[] = [];
    const gen = createAuthVectorGenerator({ k, opc }, { amf: AMF, rand: (out) => sizes.push(out.length) });
    gen.generateInto(0n, 10_000, new Uint8Array(10_000 * 84));
    expect(sizes).toEqual([65536, 65536, 16 * (10_000 - 8192)]);
  });
});
