/** The Zephyr console: line format of `subsys/logging/log_output.c` (timestamp, level, module, dbg function). */
import { describe, expect, it } from 'vitest';
import { createZephyrLog, formatZephyrTimestamp } from '../../src/softsim/index.js';

describe('formatZephyrTimestamp', () => {
  it.each([
    [0, '[00:00:00.000,000]'],
    [1234.5675, '[00:00:01.234,567]'],
    [251, '[00:00:00.251,000]'],
    [3_723_004.005, '[01:02:03.004,005]'],
    [100 * 3_600_000, '[100:00:00.000,000]'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatZephyrTimestamp(ms)).toBe(text);
  });

  it('refuses negative and non-finite uptimes', () => {
    expect(() => formatZephyrTimestamp(-1)).toThrow(RangeError);
    expect(() => formatZephyrTimestamp(Number.NaN)).toThrow(RangeError);
  });
});

describe('createZephyrLog', () => {
  it('prints `[uptime] <lvl> module: message`, the function name on debug lines only', () => {
    let t = 0;
    const seen: string[] = [];
    const log = createZephyrLog({ clock: () => (t += 1.5), level: 'dbg', onLine: (l) => seen.push(l) });
    log.log('err', 'softsim_crypto', 'Failed to open key 10, error: -134', 'ignored');
    log.log('wrn', 'softsim', 'careful');
    log.log('inf', 'softsim', 'SoftSIM initialized');
    log.log('dbg', 'softsim_crypto', 'AES encrypt to key id: 10', 'ss_utils_aes_encrypt');
    log.printk('Unknown key id: 0');
    expect(log.lines).toEqual([
      '[00:00:00.001,500] <err> softsim_crypto: Failed to open key 10, error: -134',
      '[00:00:00.003,000] <wrn> softsim: careful',
      '[00:00:00.004,500] <inf> softsim: SoftSIM initialized',
      '[00:00:00.006,000] <dbg> softsim_crypto: ss_utils_aes_encrypt: AES encrypt to key id: 10',
      'Unknown key id: 0',
    ]);
    expect(seen).toEqual(log.lines);
  });

  it('filters by level (default inf) and per module, and returns copies', () => {
    const log = createZephyrLog({ clock: () => 0, moduleLevels: { softsim_uicc: 'err' } });
    log.log('dbg', 'softsim', 'hidden');
    log.log('inf', 'softsim_uicc', 'hidden too');
    log.log('err', 'softsim_uicc', 'shown');
    expect(log.enabled('inf', 'softsim')).toBe(true);
    expect(log.enabled('dbg', 'softsim')).toBe(false);
    expect(log.enabled('wrn', 'softsim_uicc')).toBe(false);
    const lines = log.lines;
    expect(lines).toEqual(['[00:00:00.000,000] <err> softsim_uicc: shown']);
    lines.push('x');
    expect(log.lines).toHaveLength(1);
    log.clear();
    expect(log.lines).toEqual([]);
  });

  it('checks its options and levels', () => {
    expect(() => createZephyrLog({ level: 'info' as 'inf' })).toThrow(TypeError);
    expect(() => createZephyrLog({ moduleLevels: { softsim: 'x' as 'inf' } })).toThrow(
      /moduleLevels\.softsim/,
    );
    expect(() => createZephyrLog({ clock: 5 as unknown as () => number })).toThrow(TypeError);
    expect(() => createZephyrLog({ clock: () => 0 }).log('fatal' as 'err', 'm', 'x')).toThrow(TypeError);
  });

  it('uses the uptime since creation by default', () => {
    const log = createZephyrLog();
    log.log('inf', 'softsim', 'x');
    expect(log.lines[0]).toMatch(/^\[00:00:00\.\d{3},\d{3}\] <inf> softsim: x$/);
  });
});
