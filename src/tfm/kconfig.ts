/**
 * A Kconfig fragment parser for prj.conf and overlay files, as Zephyr's `kconfig.py` reads
 * them: `CONFIG_X=y|n|m`, `CONFIG_X="string"` (with `\"` and `\\` escapes), `CONFIG_X=123`,
 * `CONFIG_X=0x1f`, `# CONFIG_X is not set` (= n), comments and blank lines; a later
 * assignment (later line or later file) overrides an earlier one.
 * @module
 */
import { describeType } from '../utils/bytes.js';

/** A symbol's value as written. */
export type KconfigValue = boolean | number | string;

/** Where an assignment came from. */
export interface KconfigOrigin {
  /** Index of the fragment in the list given to the parser (0 = prj.conf). */
  file: number;
  /** The fragment's name when known (e.g. `prj.conf`). */
  fileName: string;
  /** 1-based line number. */
  line: number;
  /** The line as written. */
  text: string;
}

/** One assignment. */
export interface KconfigAssignment {
  /** Symbol name without the `CONFIG_` prefix. */
  symbol: string;
  value: KconfigValue;
  origin: KconfigOrigin;
}

/** The result of parsing fragments: the final value of each symbol, plus every assignment in order. */
export interface KconfigFragments {
  /** Final values (the last assignment wins). */
  values: Map<string, KconfigValue>;
  /** Where each final value came from. */
  origins: Map<string, KconfigOrigin>;
  /** Every assignment, in order (overridden ones included). */
  assignments: KconfigAssignment[];
  /** Lines that are neither assignments nor comments (Zephyr warns about them). */
  malformed: KconfigOrigin[];
}

/** A fragment: its text, or `{ name, text }`. */
export type KconfigFragment = string | { name: string; text: string };

const ASSIGN = /^CONFIG_([A-Za-z0-9_]+)=(.*)$/;
const NOT_SET = /^#\s*CONFIG_([A-Za-z0-9_]+) is not set\s*$/;

/** Parses one or more fragments (prj.conf first, then overlays in order). */
export function parseKconfig(fragments: KconfigFragment | readonly KconfigFragment[]): KconfigFragments {
  const list = Array.isArray(fragments) ? fragments : [fragments];
  const out: KconfigFragments = { values: new Map(), origins: new Map(), assignments: [], malformed: [] };
  list.forEach((frag, file) => {
    const { name, text } =
      typeof frag === 'string' ? { name: file === 0 ? 'prj.conf' : `overlay ${file}`, text: frag } : frag;
    if (typeof text !== 'string')
      throw new TypeError(`Kconfig fragment ${file} must be a string, got ${describeType(text)}`);
    for (const [i, raw] of text.split(/\r?\n/).entries()) {
      const line = raw.trim();
      const origin: KconfigOrigin = { file, fileName: name, line: i + 1, text: raw };
      if (line === '') continue;
      const ns = NOT_SET.exec(line);
      if (ns) {
        record(out, ns[1]!, false, origin);
        continue;
      }
      if (line.startsWith('#')) continue;
      const m = ASSIGN.exec(line);
      const value = m ? parseValue(m[2]!.trim()) : undefined;
      if (!m || value === undefined) out.malformed.push(origin);
      else record(out, m[1]!, value, origin);
    }
  });
  return out;
}

function record(out: KconfigFragments, symbol: string, value: KconfigValue, origin: KconfigOrigin): void {
  out.values.set(symbol, value);
  out.origins.set(symbol, origin);
  out.assignments.push({ symbol, value, origin });
}

function parseValue(v: string): KconfigValue | undefined {
  if (v === 'y') return true;
  if (v === 'n') return false;
  if (v === 'm') return true;
  if (v.startsWith('"')) {
    // A quoted string; a trailing comment after the closing quote is allowed.
    let s = '';
    for (let i = 1; i < v.length; i++) {
      const ch = v[i]!;
      if (ch === '\\' && i + 1 < v.length) s += v[++i];
      else if (ch === '"') return /^\s*(#.*)?$/.test(v.slice(i + 1)) ? s : undefined;
      else s += ch;
    }
    return undefined;
  }
  const bare = v.replace(/\s+#.*$/, '');
  if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(bare)) return Number.parseInt(bare, 16);
  if (/^[-+]?\d+$/.test(bare)) return Number.parseInt(bare, 10);
  // Zephyr accepts unquoted words for string symbols too (kconfiglib warns); keep them as strings.
  return /^\S+$/.test(bare) ? bare : undefined;
}

/** `true` only for a symbol explicitly set to `y`. */
export function isSetY(f: KconfigFragments, symbol: string): boolean {
  return f.values.get(symbol) === true;
}

/** `true` when a symbol is explicitly set to `n` (or `# … is not set`). */
export function isSetN(f: KconfigFragments, symbol: string): boolean {
  return f.values.get(symbol) === false;
}
