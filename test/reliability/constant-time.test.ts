/**
 * MAC, hash, AUTN (MAC-A), AUTS (MAC-S) and RES* comparisons are constant-time (issue 11,
 * item 4): every verification path calls `constantTimeEqual` (src/utils/bytes.ts), and its answer
 * alone decides the result — forcing the spy to answer "equal" makes a wrong MAC pass, forcing
 * "different" makes the right one fail, so no other (early-exit) comparison sits in the path.
 * A static check keeps byte-wise `===`/`every`/hex comparisons out of those files, and checks
 * that `constantTimeEqual` itself has no exit inside its loop.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../src/utils/bytes.js', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../src/utils/bytes.js')>();
  return { ...m, constantTimeEqual: vi.fn(m.constantTimeEqual) };
});

const bytesModule = await import('../../src/utils/bytes.js');
const ct = vi.mocked(bytesModule.constantTimeEqual);
const { checkHresStar, checkResStar, deriveHresStar, generateAuthVector, resynchronise, Usim, buildAuts } =
  await import('../../src/aka/index.js');
const { createMilenage } = await import('../../src/milenage/index.js');
const {
  createPsa,
  PSA_ALG_CMAC,
  PSA_ALG_SHA_256,
  PSA_ERROR_INVALID_SIGNATURE,
  PSA_SUCCESS,
  psa_hash_operation_init,
  psa_mac_operation_init,
} = await import('../../src/index.js');

beforeEach(() => {
  ct.mockClear();
});

/** Runs `f` once as is, once with the comparison forced to "equal", once to "different". */
function decidedByCt<T>(f: () => T): { plain: T; forcedEqual: T; forcedDifferent: T } {
  const plain = f();
  expect(ct).toHaveBeenCalled();
  ct.mockReturnValueOnce(true);
  const forcedEqual = f();
  ct.mockReturnValueOnce(false);
  const forcedDifferent = f();
  return { plain, forcedEqual, forcedDifferent };
}

describe('PSA MAC and hash verification go through constantTimeEqual', () => {
  const psa = createPsa({ target: 'mbedtls' });
  psa.cSync.psa_crypto_init();
  const c = psa.cSync;
  const a = c.psa_key_attributes_init();
  c.psa_set_key_type(a, 0x2400);
  c.psa_set_key_usage_flags(a, 0xc00);
  c.psa_set_key_algorithm(a, PSA_ALG_CMAC);
  const { key } = c.psa_import_key(a, new Uint8Array(16).fill(7));
  const msg = new Uint8Array(20).fill(1);
  const mac = new Uint8Array(16);
  c.psa_mac_compute(key, PSA_ALG_CMAC, msg, mac);
  const wrong = mac.slice();
  wrong[3]! ^= 1;

  it('psa_mac_verify: a wrong MAC of the right length reaches the comparison, whose answer decides', () => {
    const r = decidedByCt(() => c.psa_mac_verify(key, PSA_ALG_CMAC, msg, wrong));
    expect(r).toEqual({
      plain: PSA_ERROR_INVALID_SIGNATURE,
      forcedEqual: PSA_SUCCESS,
      forcedDifferent: PSA_ERROR_INVALID_SIGNATURE,
    });
    expect(ct.mock.calls.some(([, b]) => b === wrong)).toBe(true);
    expect(decidedByCt(() => c.psa_mac_verify(key, PSA_ALG_CMAC, msg, mac)).forcedDifferent).toBe(
      PSA_ERROR_INVALID_SIGNATURE,
    );
  });

  it('psa_mac_verify_finish', () => {
    const run = () => {
      const op = psa_mac_operation_init();
      c.psa_mac_verify_setup(op, key, PSA_ALG_CMAC);
      c.psa_mac_update(op, msg);
      return c.psa_mac_verify_finish(op, wrong);
    };
    expect(decidedByCt(run)).toEqual({
      plain: PSA_ERROR_INVALID_SIGNATURE,
      forcedEqual: PSA_SUCCESS,
      forcedDifferent: PSA_ERROR_INVALID_SIGNATURE,
    });
  });

  it('psa_hash_compare and psa_hash_verify', () => {
    const h = new Uint8Array(32);
    c.psa_hash_compute(PSA_ALG_SHA_256, msg, h);
    h[0]! ^= 0x80;
    expect(decidedByCt(() => c.psa_hash_compare(PSA_ALG_SHA_256, msg, h)).forcedEqual).toBe(PSA_SUCCESS);
    const verify = () => {
      const op = psa_hash_operation_init();
      c.psa_hash_setup(op, PSA_ALG_SHA_256);
      c.psa_hash_update(op, msg);
      return c.psa_hash_verify(op, h);
    };
    expect(decidedByCt(verify)).toEqual({
      plain: PSA_ERROR_INVALID_SIGNATURE,
      forcedEqual: PSA_SUCCESS,
      forcedDifferent: PSA_ERROR_INVALID_SIGNATURE,
    });
  });
});

describe('AKA: MAC-A (AUTN), MAC-S (AUTS), RES* and HRES* go through constantTimeEqual', () => {
  const k = new Uint8Array(16).fill(0x42);
  const op = new Uint8Array(16).fill(0x24);
  const rand = new Uint8Array(16).fill(9);
  const amf = new Uint8Array([0x80, 0x00]);

  it('USIM: a flipped MAC-A is a MAC failure unless the comparison says equal', () => {
    const m = createMilenage({ k, op });
    const av = generateAuthVector({ milenage: m, sqn: 64n, amf, rand });
    const autn = av.autn.slice();
    autn[15]! ^= 1;
    const kinds = decidedByCt(() => new Usim({ milenage: m }).authenticate(rand, autn).kind);
    expect(kinds.plain).toBe('mac-failure');
    expect(kinds.forcedEqual).not.toBe('mac-failure');
    expect(
      decidedByCt(() => new Usim({ milenage: m }).authenticate(rand, av.autn).kind).forcedDifferent,
    ).toBe('mac-failure');
    m.dispose();
  });

  it('network: resynchronise checks MAC-S with it', () => {
    const m = createMilenage({ k, op });
    const sqnMs = Uint8Array.from([0, 0, 0, 0, 3, 0xe8]);
    const auts = buildAuts({
      sqnMs,
      akStar: m.f5star(rand).akStar,
      macS: m.f1star(rand, sqnMs, new Uint8Array(2)).macS, // AMF 0000 for resynchronisation (TS 33.102 §6.3.3)
    });
    const bad = auts.slice();
    bad[13]! ^= 1;
    const r = decidedByCt(() => resynchronise({ milenage: m, rand, auts: bad }).ok);
    expect(r).toEqual({ plain: false, forcedEqual: true, forcedDifferent: false });
    m.dispose();
  });

  it('5G: checkResStar and checkHresStar', () => {
    const resStar = new Uint8Array(16).fill(3);
    const other = new Uint8Array(16).fill(4);
    expect(decidedByCt(() => checkResStar({ resStar, xresStar: other }))).toEqual({
      plain: false,
      forcedEqual: true,
      forcedDifferent: false,
    });
    const hxresStar = deriveHresStar({ rand, resStar });
    expect(decidedByCt(() => checkHresStar({ rand, resStar, hxresStar })).forcedDifferent).toBe(false);
  });
});

describe('static check of the verification sources', () => {
  const FILES = [
    'src/psa/core/mac.ts',
    'src/psa/core/hash.ts',
    'src/aka/usim.ts',
    'src/aka/network.ts',
    'src/aka/fiveg.ts',
  ];
  /** Byte-wise comparisons that exit early or compare encodings. */
  const FORBIDDEN = [
    /toHex\([^)]*\)\s*[!=]==/,
    /[!=]==\s*toHex\(/,
    /\.every\(\s*\([^)]*\)\s*=>[^)]*[!=]==/,
    /Buffer\.compare|\.equals\(/,
    /\.join\([^)]*\)\s*[!=]==/,
  ];

  it.each(FILES)('%s compares bytes only with constantTimeEqual', (file) => {
    const src = readFileSync(file, 'utf8');
    expect(src).toMatch(/constantTimeEqual\(/);
    for (const re of FORBIDDEN) expect(src).not.toMatch(re);
  });

  it('constantTimeEqual has no exit inside its loop (only the length check before it)', () => {
    const src = readFileSync('src/utils/bytes.ts', 'utf8');
    const body = /export function constantTimeEqual[\s\S]*?\n}/.exec(src)?.[0] ?? '';
    const loop = /for \([^)]*\)([^\n]*)/.exec(body)?.[1] ?? '';
    expect(body).toMatch(/diff \|=/);
    expect(loop).not.toMatch(/return|break/);
    expect(body.match(/return/g)).toHaveLength(2); // the length check and the final answer
  });
});
