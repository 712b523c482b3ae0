/**
 * 128-bit values as four 32-bit words, the form the MILENAGE fast path works in.
 *
 * The words are loaded *little-endian* (byte 4i is the low byte of word i) because that is the
 * layout `@noble/ciphers`' `unsafe.encrypt` expects: its `ecb` mode reads a block with a `Uint32Array`
 * view on a little-endian host. Byte order inside a word does not matter for XOR; only the bit-granular
 * rotation (see `rotate.ts`) has to swap to big-endian, the bit order of TS 35.206.
 * @module
 */

/** Reads the little-endian 32-bit word at `bytes[offset..offset+3]` (as a signed int32). */
export function readWordLE(bytes: Uint8Array, offset: number): number {
  return bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16) | (bytes[offset + 3]! << 24);
}

/** Writes `word` little-endian to `bytes[offset..offset+3]`. */
export function writeWordLE(bytes: Uint8Array, offset: number, word: number): void {
  bytes[offset] = word;
  bytes[offset + 1] = word >>> 8;
  bytes[offset + 2] = word >>> 16;
  bytes[offset + 3] = word >>> 24;
}

/** Writes the first `length` (0..4) bytes of the little-endian encoding of `word`. */
export function writeWordPrefixLE(bytes: Uint8Array, offset: number, word: number, length: number): void {
  for (let i = 0; i < length; i++) bytes[offset + i] = word >>> (8 * i);
}

/** Reverses the byte order of a 32-bit word (little-endian ↔ big-endian); returns an int32. */
export function byteSwap32(word: number): number {
  return (word << 24) | ((word & 0xff00) << 8) | ((word >>> 8) & 0xff00) | (word >>> 24);
}

/** The 16 bytes of `block` as four little-endian words (a new `Uint32Array`). */
export function blockToWordsLE(block: Uint8Array): Uint32Array {
  const w = new Uint32Array(4);
  for (let i = 0; i < 4; i++) w[i] = readWordLE(block, 4 * i);
  return w;
}
