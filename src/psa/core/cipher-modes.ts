/**
 * Streaming AES block-cipher modes for the PSA cipher API: ECB, CBC (no padding or PKCS#7)
 * and CTR, built on `AesKey` (noble's AES). Partial blocks are buffered between updates the
 * way both PSA cores do; which bytes an update may emit is decided by the caller (`cipher.ts`).
 * Specs: NIST SP 800-38A §6.1 (ECB), §6.2 (CBC), §6.5 (CTR, full 128-bit counter increment);
 * RFC 5652 §6.3 (PKCS#7 padding).
 * @module
 */
import { concatBytes, copyBytes } from '../../utils/bytes.js';
import { AesKey } from './aes-block.js';

/** The modes psa-emu implements. */
export type AesMode = 'ecb' | 'cbc' | 'cbc-pkcs7' | 'ctr';

/** One direction of one mode over one key, with its chaining state and unprocessed bytes. */
export class AesModeEngine {
  readonly mode: AesMode;
  readonly encrypt: boolean;
  private readonly aes: AesKey;
  /** CBC chaining value or CTR counter block. */
  private chain = new Uint8Array(16);
  /** CBC decryption: the incoming ciphertext block, swapped with `chain` after each block. */
  private spare = new Uint8Array(16);
  /** CTR keystream block and the number of its bytes already used. */
  private readonly keystream = new Uint8Array(16);
  private ksUsed = 16;
  /** Bytes received but not yet processed (at most one block; CTR never buffers). */
  private pending: Uint8Array = new Uint8Array(0);

  /** Whether `wipe()` wipes the key schedule (false when it belongs to a cached key slot). */
  private readonly ownsKey: boolean;

  /** Over raw key bytes (the engine owns its schedule) or a shared `AesKey` (the caller owns it). */
  constructor(key: Uint8Array | AesKey, mode: AesMode, encrypt: boolean) {
    this.ownsKey = !(key instanceof AesKey);
    this.aes = key instanceof AesKey ? key : new AesKey(key);
    this.mode = mode;
    this.encrypt = encrypt;
  }

  /** Sets the IV (CBC) or the initial counter block (CTR); 16 bytes. */
  setIv(iv: Uint8Array): void {
    this.chain.set(iv);
    this.ksUsed = 16;
  }

  /** Bytes held back since the last update. */
  get pendingLength(): number {
    return this.pending.length;
  }

  /**
   * How many bytes an update with `inputLength` more bytes emits: CTR emits everything;
   * block modes emit whole blocks, and PKCS#7 decryption holds the last full block back
   * (it carries the padding).
   */
  emitLength(inputLength: number): number {
    if (this.mode === 'ctr') return inputLength;
    const total = this.pending.length + inputLength;
    let n = total - (total % 16);
    if (this.mode === 'cbc-pkcs7' && !this.encrypt && n === total && n > 0) n -= 16;
    return n;
  }

  /** Processes `input` (after the pending bytes), writes the emitted bytes to `out` and returns their count. */
  update(input: Uint8Array, out: Uint8Array): number {
    if (this.mode === 'ctr') {
      this.ctr(input, out, 0);
      return input.length;
    }
    const n = this.emitLength(input.length);
    const all = this.pending.length === 0 ? input : concatBytes(this.pending, input);
    for (let o = 0; o < n; o += 16) this.block(all, o, out, o);
    const rest = copyBytes(all, n);
    this.pending.fill(0);
    if (all !== input) all.fill(0); // the joined copy of pending ‖ input
    this.pending = rest;
    return n;
  }

  /**
   * PKCS#7 encryption: pads the pending bytes and returns the final block.
   * PKCS#7 decryption: decrypts the held-back block and returns the plaintext tail and
   * whether the padding was valid (checked in constant time; `tail` is empty when not).
   */
  finishPkcs7(): { block: Uint8Array; valid: boolean } {
    const block = new Uint8Array(16);
    if (this.encrypt) {
      const pad = 16 - this.pending.length;
      block.set(this.pending);
      block.fill(pad, this.pending.length);
      this.block(block, 0, block, 0);
      return { block, valid: true };
    }
    this.block(this.pending, 0, block, 0);
    const pad = block[15]!;
    // Constant time over the block: bad |= (pad == 0) | (pad > 16) | any of the last pad bytes ≠ pad.
    let bad = ((pad - 1) >>> 31) | ((16 - pad) >>> 31);
    for (let i = 0; i < 16; i++) {
      const inPad = ((15 - i - pad) >>> 31) & 1; // 1 when i ≥ 16 − pad
      bad |= inPad & ((block[i]! ^ pad) !== 0 ? 1 : 0);
    }
    const valid = bad === 0;
    const tail = valid ? block.slice(0, 16 - pad) : new Uint8Array(0);
    block.fill(0);
    return { block: tail, valid };
  }

  /** Zeroes the key schedule and all buffered state. */
  wipe(): void {
    if (this.ownsKey) this.aes.wipe();
    this.chain.fill(0);
    this.spare.fill(0);
    this.keystream.fill(0);
    this.pending.fill(0);
  }

  private block(src: Uint8Array, so: number, dst: Uint8Array, dof: number): void {
    if (this.mode === 'ecb') {
      if (this.encrypt) this.aes.encryptBlock(src, so, dst, dof);
      else this.aes.decryptBlock(src, so, dst, dof);
      return;
    }
    const c = this.chain;
    if (this.encrypt) {
      for (let i = 0; i < 16; i++) c[i]! ^= src[so + i]!;
      this.aes.encryptBlock(c, 0, c, 0);
      dst.set(c, dof);
    } else {
      // Keep the ciphertext block (dst may be src) in the spare buffer; it becomes the next chain.
      const ct = this.spare;
      for (let i = 0; i < 16; i++) ct[i] = src[so + i]!;
      this.aes.decryptBlock(ct, 0, dst, dof);
      for (let i = 0; i < 16; i++) dst[dof + i]! ^= c[i]!;
      this.spare = c;
      this.chain = ct;
    }
  }

  private ctr(input: Uint8Array, out: Uint8Array, offset: number): void {
    const ks = this.keystream;
    for (let i = 0; i < input.length; i++) {
      if (this.ksUsed === 16) {
        this.aes.encryptBlock(this.chain, 0, ks, 0);
        incrementCounter(this.chain);
        this.ksUsed = 0;
      }
      out[offset + i] = input[i]! ^ ks[this.ksUsed++]!;
    }
  }
}

/** SP 800-38A Appendix B.1: the whole 128-bit block is the counter, incremented big-endian. */
function incrementCounter(block: Uint8Array): void {
  for (let i = 15; i >= 0; i--) {
    block[i] = (block[i]! + 1) & 0xff;
    if (block[i] !== 0) break;
  }
}
