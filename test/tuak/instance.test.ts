/** The INSTANCE byte (TS 35.231 §6.1–§6.5). */
import { describe, expect, it } from 'vitest';
import {
  f1Instance,
  f5starInstance,
  f2345Instance,
  TUAK_CK_IK_BITS,
  TUAK_K_BITS,
  TUAK_MAC_BITS,
  TUAK_RES_BITS,
  type TuakKeyBits,
  topcInstance,
} from '../../src/tuak/index.js';

describe('INSTANCE byte', () => {
  it('matches the spec bits for the corner cases', () => {
    // Written bit by bit as in the spec (INSTANCE[0] first).
    const bits = (s: string) => Number.parseInt(s, 2);
    expect(topcInstance(128)).toBe(bits('00000000'));
    expect(topcInstance(256)).toBe(bits('00000001'));
    expect(f1Instance(64, 128)).toBe(bits('00001000'));
    expect(f1Instance(128, 128)).toBe(bits('00010000'));
    expect(f1Instance(256, 256)).toBe(bits('00100001'));
    expect(f1Instance(64, 256, true)).toBe(bits('10001001'));
    expect(f2345Instance(32, 128, 128, 128)).toBe(bits('01000000'));
    expect(f2345Instance(64, 256, 128, 128)).toBe(bits('01001100'));
    expect(f2345Instance(256, 256, 256, 256)).toBe(bits('01100111'));
    expect(f2345Instance(128, 128, 256, 128)).toBe(bits('01010010'));
    expect(f5starInstance(128)).toBe(bits('11000000'));
    expect(f5starInstance(256)).toBe(bits('11000001'));
  });

  it('is distinct for every function and parameter choice (within a function)', () => {
    const f1 = new Set<number>();
    const f1s = new Set<number>();
    const f2 = new Set<number>();
    for (const k of TUAK_K_BITS) {
      for (const m of TUAK_MAC_BITS) {
        f1.add(f1Instance(m, k));
        f1s.add(f1Instance(m, k, true));
      }
      for (const r of TUAK_RES_BITS)
        for (const c of TUAK_CK_IK_BITS) for (const i of TUAK_CK_IK_BITS) f2.add(f2345Instance(r, c, i, k));
    }
    expect(f1.size).toBe(2 * 3);
    expect(f1s.size).toBe(2 * 3);
    expect(f2.size).toBe(2 * 4 * 2 * 2);
    const f5 = new Set(TUAK_K_BITS.map(f5starInstance));
    const topc = new Set(TUAK_K_BITS.map(topcInstance));
    // f1, f1*, f2–f5, f5* and TOPc never share a value (TOPc has MAC/RES code 000 and INSTANCE[1] = 0).
    const all = [...f1, ...f1s, ...f2, ...f5];
    expect(new Set(all).size).toBe(all.length);
    for (const t of topc) expect(all).not.toContain(t);
  });

  it('rejects lengths outside TS 35.231 §5.1, naming the parameter', () => {
    expect(() => f1Instance(32 as 64, 128)).toThrow(/macBits must be one of 64, 128, 256, got 32/);
    expect(() => f2345Instance(48 as 32, 128, 128, 128)).toThrow(RangeError);
    expect(() => f2345Instance(32, 192 as 128, 128, 128)).toThrow(/ckBits/);
    expect(() => f2345Instance(32, 128, 64 as 128, 128)).toThrow(/ikBits/);
    expect(() => topcInstance(192 as TuakKeyBits)).toThrow(/kBits/);
    expect(() => f5starInstance('256' as unknown as TuakKeyBits)).toThrow(TypeError);
  });
});
