/**
 * The AKA toolkit beyond the vector itself: the USIM's AUTHENTICATE (TS 33.102 §6.3.3, MAC and SQN
 * freshness checks) and the TS 33.220 Annex B KDFs of EPS and 5G (KASME TS 33.401 §A.2, RES* TS 33.501
 * §A.4, KAUSF TS 33.501 §A.2), each against the same HMAC-SHA-256 done with node:crypto.
 * @module
 */
import { createHmac, randomBytes } from 'node:crypto';
import {
  deriveKasme,
  deriveKausf,
  deriveResStar,
  generate5gAuthVector,
  generateAuthVectors,
  readAuthVectorRow,
  sqnToBytes,
  Usim,
} from '../src/aka/index.js';
import { createMilenage } from '../src/milenage/index.js';
import { assertSame, measure } from './measure.js';
import type { BenchResult, BenchSuite } from './types.js';

const N = 256;
const SNN = '5G:mnc001.mcc001.3gppnetwork.org';

/** S = FC ‖ P0 ‖ L0 ‖ P1 ‖ L1 … (TS 33.220 §B.2) and HMAC-SHA-256 with node:crypto. */
function nodeKdf(key: Buffer, fc: number, ...params: Uint8Array[]): Buffer {
  const parts: Uint8Array[] = [Buffer.of(fc)];
  for (const p of params) parts.push(p, Buffer.of(p.length >> 8, p.length & 0xff));
  return createHmac('sha256', key).update(Buffer.concat(parts)).digest();
}

export const suite: BenchSuite = {
  name: 'AKA',
  async run(options) {
    const k = randomBytes(16);
    const opc = randomBytes(16);
    const amf = Uint8Array.of(0x80, 0);
    const hn = createMilenage({ k, opc });
    const ue = createMilenage({ k, opc });
    // N fresh vectors for a USIM whose SEQ_MS array starts at zero (IND length 5, SEQ 1…N).
    const vectors: ReturnType<typeof readAuthVectorRow>[] = [];
    for (const b of generateAuthVectors({ k, opc, amf, sqnStart: 33n, indLength: 5, count: N }))
      for (let i = 0; i < b.count; i++) vectors.push(readAuthVectorRow(b.rows, i));
    const sqns = vectors.map((x) => sqnToBytes(x.sqn));
    const check = new Usim({ milenage: ue });
    for (const v of vectors) {
      const r = check.authenticate(v.rand, v.autn);
      if (r.kind !== 'success') throw new Error(`USIM rejected a vector: ${r.kind}`);
      assertSame('USIM RES', r.res, v.xres);
    }

    const v = vectors[0]!;
    const ckIk = Buffer.concat([v.ck, v.ik]);
    const snId = Uint8Array.of(0x00, 0xf1, 0x10);
    const sqnXorAk = v.autn.subarray(0, 6);
    const snn = Buffer.from(SNN);
    const nodeKasme = () => nodeKdf(ckIk, 0x10, snId, sqnXorAk);
    const nodeResStar = () => nodeKdf(ckIk, 0x6b, snn, v.rand, v.xres).subarray(16);
    const nodeKausf = () => nodeKdf(ckIk, 0x6a, snn, sqnXorAk);
    const kasme = () => deriveKasme({ ck: v.ck, ik: v.ik, snId, sqnXorAk });
    const resStar = () => deriveResStar({ ck: v.ck, ik: v.ik, snn: SNN, rand: v.rand, res: v.xres });
    const kausf = () => deriveKausf({ ck: v.ck, ik: v.ik, snn: SNN, sqnXorAk });
    assertSame('KASME', kasme(), nodeKasme());
    assertSame('RES*', resStar(), nodeResStar());
    assertSame('KAUSF', kausf(), nodeKausf());

    let sink = 0;
    const rows: BenchResult[] = [];
    rows.push(
      ...(await measure(options, 'USIM AUTHENTICATE (3G context)', 'auth', [
        {
          name: 'Usim.authenticate(rand, autn) (MAC + SQN array check, RES/CK/IK)',
          ops: N,
          note: `a new Usim per ${N} vectors (its construction is included)`,
          fn: () => {
            const usim = new Usim({ milenage: ue });
            for (const x of vectors) sink ^= usim.authenticate(x.rand, x.autn).kind.length;
          },
        },
        {
          name: 'MILENAGE compute() alone (the crypto inside)',
          ops: N,
          baseline: true,
          fn: () => {
            for (let i = 0; i < N; i++) sink ^= ue.compute(vectors[i]!.rand, sqns[i]!, amf).res[0]!;
          },
        },
      ])),
    );
    for (const [group, ours, theirs] of [
      ['KDF: KASME (TS 33.401 §A.2)', kasme, nodeKasme],
      ['KDF: RES* (TS 33.501 §A.4)', resStar, nodeResStar],
      ['KDF: KAUSF (TS 33.501 §A.2)', kausf, nodeKausf],
    ] as const) {
      rows.push(
        ...(await measure(options, group, 'keys', [
          {
            name: 'psa-emu (@noble/hashes HMAC-SHA-256)',
            ops: 32,
            fn: () => {
              for (let i = 0; i < 32; i++) sink ^= ours()[0]!;
            },
          },
          {
            name: 'node:crypto createHmac',
            ops: 32,
            baseline: true,
            fn: () => {
              for (let i = 0; i < 32; i++) sink ^= theirs()[0]!;
            },
          },
        ])),
      );
    }
    let sqn = 1n;
    rows.push(
      ...(await measure(options, '5G HE AV (vector + XRES* + KAUSF)', 'AVs', [
        {
          name: 'generate5gAuthVector()',
          ops: 64,
          fn: () => {
            for (let i = 0; i < 64; i++)
              sink ^= generate5gAuthVector({ milenage: hn, sqn: sqn++, amf, snn: SNN }).kausf[0]!;
          },
        },
      ])),
    );
    hn.dispose();
    ue.dispose();
    if (sink === 0.5) console.log(sink);
    return rows;
  },
};
