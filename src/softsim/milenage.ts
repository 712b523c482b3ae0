/**
 * MILENAGE (3GPP TS 35.206 §4.1, default r1..r5 and c1..c5) computed the way the SIM computes it:
 * hostap's `milenage.c` as onomondo-uicc builds it (`src/softsim/milenage/milenage.c`), where
 * every AES-128 block goes through `aes_128_encrypt_block(k, in, out)` — on nRF the port's
 * `ss_utils_aes_encrypt` hook, i.e. PSA multipart CBC with a zero IV on key 10.
 *
 * The block function is injected, so when PSA fails and the hook leaves its buffer untouched
 * every "AES" is the identity and MILENAGE computes garbage exactly as the device does — no
 * special case. The call pattern is hostap's, which fixes how many blocks (and, when PSA fails,
 * how many error lines) one AUTHENTICATE costs (reference/softsim.md §3.2):
 * f1/f1* 2 blocks (TEMP, OUT1); f2345 4 (TEMP, OUT2, OUT3, OUT4); f5* 3 (TEMP, OUT2, OUT5);
 * gsm_milenage 4; milenage_opc_gen 1.
 *
 * (`psa-emu/milenage` is the fast word-level MILENAGE with noble's AES; this one is deliberately
 * plain and byte-level, since each block here is a round trip through the PSA C API.)
 * @module
 */

import type { AkaAlgorithm, AkaComputeResult, F2345Result } from '../aka/algorithm.js';
import { c2, c3 } from '../milenage/gsm.js';
import { abytes, describeType, wipe } from '../utils/bytes.js';
import { redact } from '../utils/redact.js';

/** One AES-128 encryption of a 16-byte block; returns a new 16-byte array (or throws). */
export type EncryptBlock = (block: Uint8Array) => Uint8Array;

/** The SIM's MILENAGE: the `AkaAlgorithm` functions plus `gsm_milenage` (TS 55.205). */
export interface SimMilenage extends AkaAlgorithm {
  readonly algorithm: 'milenage';
  /** `gsm_milenage`: SRES = c2(RES), Kc = c3(CK, IK) from one f2345 (4 blocks). */
  gsm(rand: Uint8Array): { sres: Uint8Array; kc: Uint8Array };
}

/** `milenage_opc_gen`: OPc = OP ⊕ E_K(OP) (TS 35.206 §4.1), one block. */
export function milenageOpcGen(op: Uint8Array, encryptBlock: EncryptBlock): Uint8Array {
  abytes('op', op, 16);
  // `op` is the caller's: the block function gets a copy, which it may change or return.
  const x = op.slice();
  const e = block(encryptBlock, x);
  if (e !== x) wipe(x);
  for (let i = 0; i < 16; i++) e[i]! ^= op[i]!;
  return e;
}

/**
 * One block through `encryptBlock`, on `input` itself (no copy): callers pass a temporary of
 * their own, which the block function may change or return as its result.
 */
function block(encryptBlock: EncryptBlock, input: Uint8Array): Uint8Array {
  const out = encryptBlock(input);
  if (!(out instanceof Uint8Array) || out.length !== 16) {
    throw new TypeError(`encryptBlock must return 16 bytes, got ${describeType(out)}`);
  }
  return out;
}

/** `rot(x, 8n) ⊕ opc`-style helper: `out[j] = x[(j + n) mod 16]` (left rotation by n bytes, TS 35.206 §4.1). */
function rotXorOpc(x: Uint8Array, opc: Uint8Array, n: number, c: number): Uint8Array {
  const out = new Uint8Array(16);
  for (let j = 0; j < 16; j++) out[j] = x[(j + n) % 16]! ^ opc[(j + n) % 16]!;
  out[15]! ^= c; // c2..c5 = 00…01, 02, 04, 08
  return out;
}

/**
 * Creates the SIM's MILENAGE for one OPc over `encryptBlock` (K is whatever the block function
 * encrypts with; on nRF the tag block `04 00…00` that selects PSA key 10).
 * Satisfies `AkaAlgorithm`, so `psa-emu/aka`'s `Usim` runs on it. Printing it shows a label only.
 */
export function createSimMilenage(opc: Uint8Array, encryptBlock: EncryptBlock): SimMilenage {
  abytes('opc', opc, 16);
  if (typeof encryptBlock !== 'function')
    throw new TypeError(`encryptBlock must be a function, got ${describeType(encryptBlock)}`);
  const OPc = opc.slice();
  let disposed = false;
  /** E_K(x) for a fresh temporary `x`, which is wiped (unless the block function returned it). */
  const E = (x: Uint8Array) => {
    const y = block(encryptBlock, x);
    if (y !== x) wipe(x);
    return y;
  };
  const live = () => {
    if (disposed) throw new Error('this MILENAGE instance has been disposed');
  };
  const rand16 = (rand: Uint8Array) => {
    live();
    abytes('rand', rand, 16);
  };
  /** TEMP = E_K(RAND ⊕ OPc). */
  const temp = (rand: Uint8Array) => {
    const x = new Uint8Array(16);
    for (let i = 0; i < 16; i++) x[i] = rand[i]! ^ OPc[i]!;
    return E(x);
  };
  /** OUT1 = E_K(TEMP ⊕ rot(IN1 ⊕ OPc, r1 = 64) ⊕ c1) ⊕ OPc, IN1 = SQN ‖ AMF ‖ SQN ‖ AMF. */
  const out1 = (rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array) => {
    rand16(rand);
    abytes('sqn', sqn, 6);
    abytes('amf', amf, 2);
    const t = temp(rand);
    const in1 = new Uint8Array(16);
    in1.set(sqn, 0);
    in1.set(amf, 6);
    in1.copyWithin(8, 0, 8);
    const x = rotXorOpc(in1, OPc, 8, 0);
    for (let i = 0; i < 16; i++) x[i]! ^= t[i]!;
    wipe(t, in1);
    const o = E(x);
    for (let i = 0; i < 16; i++) o[i]! ^= OPc[i]!;
    return o;
  };
  /** OUTk = E_K(rot(TEMP ⊕ OPc, rk) ⊕ ck) ⊕ OPc for the requested k (OUT2 always, as hostap). */
  const outs = (rand: Uint8Array, want: { ck?: boolean; ik?: boolean; akStar?: boolean }) => {
    rand16(rand);
    const t = temp(rand);
    const one = (n: number, c: number) => {
      const o = E(rotXorOpc(t, OPc, n, c));
      for (let i = 0; i < 16; i++) o[i]! ^= OPc[i]!;
      return o;
    };
    const r = {
      out2: one(0, 1),
      out3: want.ck ? one(4, 2) : undefined,
      out4: want.ik ? one(8, 4) : undefined,
      out5: want.akStar ? one(12, 8) : undefined,
    };
    wipe(t);
    return r;
  };
  const f2345 = (rand: Uint8Array): F2345Result => {
    const { out2, out3, out4 } = outs(rand, { ck: true, ik: true });
    const r = { res: out2.slice(8, 16), ck: out3!, ik: out4!, ak: out2.slice(0, 6) };
    wipe(out2);
    return r;
  };
  const alg: SimMilenage = {
    algorithm: 'milenage',
    macLength: 8,
    resLength: 8,
    ckLength: 16,
    ikLength: 16,
    f1(rand, sqn, amf) {
      const o = out1(rand, sqn, amf);
      const macA = o.slice(0, 8);
      wipe(o);
      return { macA };
    },
    f1star(rand, sqn, amf) {
      const o = out1(rand, sqn, amf);
      const macS = o.slice(8, 16);
      wipe(o);
      return { macS };
    },
    f2345,
    f5star(rand) {
      const { out2, out5 } = outs(rand, { akStar: true });
      const akStar = out5!.slice(0, 6);
      wipe(out2, out5);
      return { akStar };
    },
    /** f1 then f2345 with f5* (hostap `milenage_f1` + `milenage_f2345`): 7 blocks. */
    compute(rand, sqn, amf): AkaComputeResult {
      const o = out1(rand, sqn, amf);
      const { out2, out3, out4, out5 } = outs(rand, { ck: true, ik: true, akStar: true });
      const r: AkaComputeResult = {
        macA: o.slice(0, 8),
        macS: o.slice(8, 16),
        res: out2.slice(8, 16),
        ck: out3!,
        ik: out4!,
        ak: out2.slice(0, 6),
        akStar: out5!.slice(0, 6),
      };
      wipe(o, out2, out5);
      return r;
    },
    gsm(rand) {
      const { res, ck, ik, ak } = f2345(rand);
      try {
        return { sres: c2(res), kc: c3(ck, ik) }; // SRES#1 of the 8-byte RES: RES[0..3] ⊕ RES[4..7]
      } finally {
        wipe(res, ck, ik, ak);
      }
    },
    dispose() {
      wipe(OPc);
      disposed = true;
    },
  };
  return redact(alg, 'SimMilenage');
}
