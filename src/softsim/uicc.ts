/**
 * The UICC core's side of AUTHENTICATE (TS 31.102 §7.1.2; onomondo-uicc
 * `src/softsim/uicc/uicc_auth.c` + `milenage/milenage_usim.c`, dispatched by `softsim.c`): reads
 * K (a tag block on nRF) and OPc from EF 3F00/A001 and SEQ_MS/Δ from 3F00/A100…A120, runs the
 * USIM checks of `psa-emu/aka`'s `Usim` on the SIM's MILENAGE (every AES block through the port's
 * `aes_128_encrypt_block`), and answers as the card does:
 *
 * - 3G success: `DB 08 RES 10 CK 10 IK 08 Kc 90 00` (Kc by `gsm_milenage`); the changed SEQ file is written.
 * - Synchronisation failure: `DC 0E AUTS 90 00`.
 * - MAC failure: `6F 00` for `uicc: 'v2.2'` (≤ v2.2.1: SQN checked first, a MAC failure is rc −1),
 *   `98 62` for `uicc: 'mac-first'` (PR #103: MAC first).
 * - GSM context (P2 = 0x80): `04 SRES 08 Kc 90 00` for `'mac-first'`; `6F 00` for `'v2.2'`, whose
 *   GSM path fell through to the error exit (fixed upstream by PR #82, after v2.2.0).
 * - A crypto error the port reports (`quirks: 'fixed'` only): `6F 00`, nothing written.
 *
 * Any other INS answers `6D 00`. Responses carry the data of a successful command directly
 * (`ss_application_apdu_transact`, no `61xx`/GET RESPONSE); errors carry only the status word.
 * @module
 */

import { USIM_PROFILES, Usim, type UsimAuthResult } from '../aka/usim.js';
import { bigIntToBytes, bytesToBigInt, wipe } from '../utils/bytes.js';
import { INS_AUTHENTICATE, LOG_MODULE, SW } from './constants.js';
import type { SoftSimCryptoPort } from './crypto-port.js';
import { logWriter, type ZephyrLog } from './log.js';
import { createSimMilenage, milenageOpcGen, type SimMilenage } from './milenage.js';
import { SIM_FILE, type SimFileStore } from './nvs.js';

/** Which onomondo-uicc behaviour to reproduce. */
export type UiccVersion = 'v2.2' | 'mac-first';

/** Thrown by the SIM's block function when the port reports an error (`quirks: 'fixed'`). */
export class SoftSimCryptoError extends Error {
  /** The hook's return value (a PSA status or −EINVAL). */
  readonly status: number;
  constructor(status: number) {
    super(`aes_128_encrypt_block failed (${status})`);
    this.name = 'SoftSimCryptoError';
    this.status = status;
  }
}

/** What AUTHENTICATE needs. */
export interface UiccContext {
  port: SoftSimCryptoPort;
  files: SimFileStore;
  log: ZephyrLog;
  uicc: UiccVersion;
}

const AUTH_FILE = 'uicc_auth.c';
const sw = (v: number) => Uint8Array.of(v >> 8, v & 0xff);

function logUicc(ctx: UiccContext, level: 'err' | 'inf' | 'dbg', msg: string): void {
  // ss_logp prefixes "file:line: "; the line differs per version, so only the file is given.
  logWriter(ctx.log)(level, LOG_MODULE.uicc, `${AUTH_FILE}: ${msg}`);
}

/** One command APDU in, the response APDU out (data ‖ SW1 SW2). */
export function transactApdu(ctx: UiccContext, cmd: Uint8Array): Uint8Array {
  if (cmd.length < 5) return sw(SW.WRONG_LENGTH); // ss_transact: shorter than a header
  const [cla, ins, p1, p2, p3] = cmd as unknown as [number, number, number, number, number];
  if (ins !== INS_AUTHENTICATE) return sw(SW.INS_INVALID);
  if (cla & 0x0c) return sw(SW.FUNCTION_IN_CLA_NOT_SUPP_SM); // TS 102 221 Table 10.3: no secure messaging
  if ((cla & 0xf0) !== 0x00) return sw(SW.CLA_INVALID); // AUTHENTICATE is CLA 0X (TS 31.102 §7.1.2)
  if (cla & 0x03) return sw(SW.FUNCTION_IN_CLA_NOT_SUPP_LCHAN); // only the basic channel is open
  // Case 4: Lc = P3, then Lc bytes, then an optional Le.
  if (cmd.length < 5 + p3 || cmd.length > 6 + p3) return sw(SW.WRONG_LENGTH);
  return authenticate(ctx, p1, p2, cmd.subarray(5, 5 + p3));
}

/** `ss_uicc_auth_cmd_authenticate_even_fn`: checks P1/P2 and the LV-coded RAND (and AUTN). */
function authenticate(ctx: UiccContext, p1: number, p2: number, data: Uint8Array): Uint8Array {
  if (p1 !== 0x00 || !(p2 & 0x80)) return sw(SW.WRONG_P1_P2);
  const authCtx = p2 & 0x07; // 0 = GSM, 1 = 3G (TS 31.102 Table 7.1.2-1)
  if (authCtx !== 0 && authCtx !== 1) return sw(SW.WRONG_P1_P2);
  if (data.length < 1) return sw(SW.WRONG_LENGTH);
  const randLen = data[0]!;
  if (data.length < 1 + randLen) return sw(SW.WRONG_LENGTH);
  const rand = data.subarray(1, 1 + randLen);
  let autn: Uint8Array | undefined;
  if (authCtx === 1) {
    if (data.length < 2 + randLen) return sw(SW.WRONG_LENGTH);
    const autnLen = data[1 + randLen]!;
    if (data.length < 2 + randLen + autnLen) return sw(SW.WRONG_LENGTH);
    autn = data.subarray(2 + randLen, 2 + randLen + autnLen);
  }
  try {
    return authenticateMilenage(ctx, rand, autn);
  } catch (e) {
    if (!(e instanceof SoftSimCryptoError)) throw e;
    // milenage_* returned −1: "authentication failed", rc < 0 → 6F00.
    logUicc(ctx, 'err', 'authentication failed');
    return sw(SW.NO_PRECISE_DIAG);
  }
}

interface KeyData {
  k: Uint8Array;
  opcOrOp: Uint8Array;
  opcIsOp: boolean;
}

/** `get_key_data`: `|K 16|OP/OPc 16|flag 1|` from EF 3F00/A001. */
function keyData(ctx: UiccContext): KeyData | undefined {
  const raw = ctx.files.read(SIM_FILE.A001);
  if (!raw) {
    logUicc(ctx, 'err', 'key data file (a001) not found -- abort');
    return undefined;
  }
  if (raw.length < 33) {
    logUicc(ctx, 'err', 'key data file (/3f00/a001) too short -- abort');
    wipe(raw);
    return undefined;
  }
  const kd = { k: raw.slice(0, 16), opcOrOp: raw.slice(16, 32), opcIsOp: raw[32] === 0x01 };
  wipe(raw);
  return kd;
}

/** `get_seq_data` (legacy layout of v2.2): SEQ_MS[0…31] from A100…A11F, Δ from A120, u64 BE. */
function seqData(ctx: UiccContext): { seqMs: bigint[]; delta: bigint } | undefined {
  const values: bigint[] = [];
  for (let i = 0; i <= 32; i++) {
    const path = i < 32 ? SIM_FILE.seq(i) : SIM_FILE.DELTA;
    const raw = ctx.files.read(path);
    if (!raw || raw.length < 8) {
      logUicc(ctx, 'err', `seq data file (${path.slice(-4)}) ${raw ? 'too short' : 'not found'} -- abort`);
      return undefined;
    }
    values.push(bytesToBigInt(raw.subarray(0, 8)));
  }
  return { seqMs: values.slice(0, 32), delta: values[32]! };
}

function authenticateMilenage(ctx: UiccContext, rand: Uint8Array, autn: Uint8Array | undefined): Uint8Array {
  const kd = keyData(ctx);
  if (!kd) return sw(SW.NO_PRECISE_DIAG);
  const seq = seqData(ctx);
  if (!seq) {
    wipe(kd.k, kd.opcOrOp);
    return sw(SW.NO_PRECISE_DIAG);
  }
  const encryptBlock = (input: Uint8Array) => {
    const out = new Uint8Array(16);
    const rc = ctx.port.aes_128_encrypt_block(kd.k, input, out);
    if (rc !== 0) throw new SoftSimCryptoError(rc);
    return out;
  };
  // gen_opc: OPc as stored, or OPc = OP ⊕ E_K(OP) when the flag says OP (one block).
  const opcOf = () => (kd.opcIsOp ? milenageOpcGen(kd.opcOrOp, encryptBlock) : kd.opcOrOp.slice());
  const opc = opcOf();
  const sim = createSimMilenage(opc, encryptBlock);
  try {
    if (rand.length !== 16) {
      logUicc(ctx, 'err', 'unexpected RAND len -- authentication failed');
      return sw(SW.NO_PRECISE_DIAG);
    }
    if (autn === undefined) return gsmContext(ctx, sim, rand);
    if (autn.length !== 16) {
      logUicc(ctx, 'err', 'unexpected AUTN len -- authentication failed');
      return sw(SW.NO_PRECISE_DIAG);
    }
    // milenage_usim_check derives OPc once more (another block when the file holds OP).
    const checkOpc = opcOf();
    const checker = createSimMilenage(checkOpc, encryptBlock);
    try {
      return context3g(ctx, sim, checker, seq, rand, autn);
    } finally {
      checker.dispose();
      wipe(checkOpc);
    }
  } finally {
    sim.dispose();
    wipe(opc, kd.k, kd.opcOrOp);
  }
}

function gsmContext(ctx: UiccContext, sim: SimMilenage, rand: Uint8Array): Uint8Array {
  const { sres, kc } = sim.gsm(rand);
  const out = Uint8Array.of(4, ...sres, 8, ...kc, 0x90, 0x00);
  wipe(sres, kc);
  if (ctx.uicc === 'v2.2') {
    // v2.2.0: `break` instead of `goto out` — the answer is computed, then thrown away with rc −1.
    wipe(out);
    return sw(SW.NO_PRECISE_DIAG);
  }
  return out;
}

function context3g(
  ctx: UiccContext,
  sim: SimMilenage,
  checker: SimMilenage,
  seq: { seqMs: bigint[]; delta: bigint },
  rand: Uint8Array,
  autn: Uint8Array,
): Uint8Array {
  let usim: Usim;
  try {
    const profile = USIM_PROFILES[ctx.uicc === 'v2.2' ? 'onomondo-uicc-2.2' : 'onomondo-uicc-pr103'];
    usim = new Usim({ ...profile, milenage: checker, delta: seq.delta, seqMs: seq.seqMs });
  } catch {
    // SEQ values wider than 43 bits or a zero Δ: files no real card could have written.
    logUicc(ctx, 'err', 'seq data files hold invalid values -- abort');
    return sw(SW.NO_PRECISE_DIAG);
  }
  const answer: UsimAuthResult = usim.authenticate(rand, autn);
  if (answer.kind === 'sync-failure') {
    logUicc(ctx, 'inf', 'Milenage requesting resync (returning AUTS)');
    const out = Uint8Array.of(0xdc, answer.auts.length, ...answer.auts, 0x90, 0x00);
    wipe(answer.auts);
    return out;
  }
  if (answer.kind === 'mac-failure') {
    if (ctx.uicc === 'mac-first') {
      logUicc(ctx, 'err', 'authentication failed: incorrect MAC');
      return sw(SW.AUTH_ERR_INCORRECT_MAC);
    }
    logUicc(ctx, 'err', 'authentication failed');
    return sw(SW.NO_PRECISE_DIAG);
  }
  const { res, ck, ik } = answer;
  try {
    logUicc(ctx, 'dbg', 'Milenage successful');
    const { sres, kc } = sim.gsm(rand); // the 3G answer's Kc comes from gsm_milenage (4 more blocks)
    wipe(sres, answer.kc);
    // update_seq_data: only SEQ_MS[IND] changed; one file, one atomic write.
    const next = usim.seqMs;
    const ind = next.findIndex((v, i) => v !== seq.seqMs[i]);
    if (ind >= 0) {
      try {
        ctx.files.write(SIM_FILE.seq(ind), bigIntToBytes(next[ind]!, 8, 'seq'));
      } catch {
        logUicc(ctx, 'err', 'Failing milenage: Sequence data could not be stored');
        wipe(kc);
        return sw(SW.NO_PRECISE_DIAG);
      }
    }
    const out = Uint8Array.of(0xdb, 8, ...res, 16, ...ck, 16, ...ik, 8, ...kc, 0x90, 0x00);
    wipe(kc);
    return out;
  } finally {
    wipe(res, ck, ik);
  }
}
