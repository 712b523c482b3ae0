/**
 * Byte helpers shared by every layer: explicit input checks in the style of
 * `@noble/ciphers`' `abytes`, hex codecs, constant-time comparison and wiping.
 * This file is the bottom of the import graph: it imports nothing.
 * @module
 */

/** True for a `Uint8Array` (also across realms, e.g. a browser iframe or a vitest worker). */
export function isBytes(value: unknown): value is Uint8Array {
  return (
    value instanceof Uint8Array || (ArrayBuffer.isView(value) && value.constructor?.name === 'Uint8Array')
  );
}

/**
 * Asserts that `value` is a `Uint8Array`, optionally of one of the given lengths.
 * Throws a `TypeError` (wrong type) or `RangeError` (wrong length) that names the argument.
 * The message never contains the bytes themselves.
 */
export function abytes(name: string, value: unknown, ...lengths: number[]): Uint8Array {
  if (!isBytes(value)) {
    throw new TypeError(`${name} must be a Uint8Array, got ${describeType(value)}`);
  }
  if (lengths.length > 0 && !lengths.includes(value.length)) {
    const want = lengths.length === 1 ? `${lengths[0]}` : `one of ${lengths.join(', ')}`;
    throw new RangeError(`${name} must be ${want} bytes long, got ${value.length}`);
  }
  return value;
}

/** A short description of a value's type for error messages (never its content). */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (ArrayBuffer.isView(value)) return `a ${value.constructor?.name ?? 'typed array'}`;
  if (value instanceof ArrayBuffer) return 'an ArrayBuffer';
  const t = typeof value;
  if (t === 'object') return `an object (${(value as object).constructor?.name ?? 'Object'})`;
  return t === 'undefined' ? 'undefined' : `a ${t}`;
}

/** Asserts a safe non-negative integer (a C `size_t`/`uint32_t` style argument). */
export function anumber(name: string, value: unknown, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new TypeError(`${name} must be an integer, got ${describeType(value)}`);
  }
  if (value < 0 || value > max) {
    throw new RangeError(`${name} must be between 0 and ${max}, got ${value}`);
  }
  return value;
}

/** The two lower-case hex digits of every byte value. */
const HEX_BYTE = /* @__PURE__ */ Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lower-case hex of `bytes[start..end)`, without a subarray (bulk text output). */
export function toHexRange(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += HEX_BYTE[bytes[i]!]!;
  return s;
}

/** Lower-case hex of `bytes` (one parameter, so `array.map(toHex)` stays safe). */
export function toHex(bytes: Uint8Array): string {
  return toHexRange(bytes, 0, bytes.length);
}

/**
 * Decodes hex (upper or lower case; spaces, `:` and a leading `0x` are ignored).
 * Throws a `TypeError` naming `name` on odd length or a non-hex digit.
 */
export function fromHex(hex: string, name = 'hex'): Uint8Array {
  if (typeof hex !== 'string') throw new TypeError(`${name} must be a hex string, got ${describeType(hex)}`);
  let h = hex.replace(/[\s:]/g, '');
  if (h.startsWith('0x') || h.startsWith('0X')) h = h.slice(2);
  if (h.length % 2 !== 0)
    throw new TypeError(`${name} must have an even number of hex digits, got ${h.length}`);
  if (!/^[0-9a-fA-F]*$/.test(h)) throw new TypeError(`${name} must contain only hex digits`);
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Concatenates byte arrays into a new one. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * Constant-time equality of two byte arrays: the time depends only on the lengths,
 * never on where the first difference is (used for MAC, RES and AUTN checks).
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Overwrites `bytes` with zeros (key material hygiene). */
export function wipe(...arrays: (Uint8Array | Uint32Array | undefined)[]): void {
  for (const a of arrays) a?.fill(0);
}

/** XOR of two equal-length arrays into a new array. */
export function xorBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

/** Big-endian unsigned integer from bytes (e.g. a 48-bit SQN). */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  let v = 0n;
  for (let i = 0; i < bytes.length; i++) v = (v << 8n) | BigInt(bytes[i]!);
  return v;
}

/** Big-endian encoding of a non-negative bigint into `length` bytes; RangeError if it does not fit. */
export function bigIntToBytes(value: bigint, length: number, name = 'value'): Uint8Array {
  if (typeof value !== 'bigint') throw new TypeError(`${name} must be a bigint, got ${describeType(value)}`);
  if (value < 0n || value >= 1n << BigInt(8 * length)) {
    throw new RangeError(`${name} must fit in ${length} bytes (0 ≤ ${name} < 2^${8 * length})`);
  }
  const out = new Uint8Array(length);
  let v = value;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/**
 * A copy of `bytes` as a plain `Uint8Array` — also for a Node `Buffer`, whose `slice()`
 * returns a view sharing memory (so wiping it would wipe the caller's data).
 */
export function copyBytes(bytes: Uint8Array, start = 0, end = bytes.length): Uint8Array {
  return new Uint8Array(bytes.subarray(start, end));
}
