/**
 * AES single-block encryption/decryption over `@noble/ciphers`' exported low-level
 * functions (`unsafe.expandKeyLE`, `unsafe.encrypt`, `unsafe.decrypt`): the key schedule is
 * expanded once per key and blocks are processed as four little-endian 32-bit words, as
 * noble's own ECB does. The block modes (ECB/CBC/CTR) are built on this in `cipher-modes.ts`.
 * Spec: FIPS 197.
 * @module
 */
import { unsafe } from '@noble/ciphers/aes.js';

const le32 = (b: Uint8Array, o: number): number =>
  (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
function put32(b: Uint8Array, o: number, v: number): void {
  b[o] = v;
  b[o + 1] = v >>> 8;
  b[o + 2] = v >>> 16;
  b[o + 3] = v >>> 24;
}

/** An expanded AES key (128/192/256 bits). Call `wipe()` when done with it. */
export class AesKey {
  private enc: Uint32Array;
  private dec: Uint32Array | undefined;

  constructor(key: Uint8Array) {
    this.enc = unsafe.expandKeyLE(key);
  }

  /** Encrypts the 16 bytes at `src[so..]` into `dst[do..]` (may be the same place). */
  encryptBlock(src: Uint8Array, so: number, dst: Uint8Array, dof: number): void {
    const r = unsafe.encrypt(
      this.enc,
      le32(src, so),
      le32(src, so + 4),
      le32(src, so + 8),
      le32(src, so + 12),
    );
    put32(dst, dof, r.s0);
    put32(dst, dof + 4, r.s1);
    put32(dst, dof + 8, r.s2);
    put32(dst, dof + 12, r.s3);
  }

  /** Decrypts the 16 bytes at `src[so..]` into `dst[do..]` (may be the same place). */
  decryptBlock(src: Uint8Array, so: number, dst: Uint8Array, dof: number): void {
    if (!this.dec) {
      const k = this.keyBytesForDecrypt();
      this.dec = unsafe.expandKeyDecLE(k);
      k.fill(0);
    }
    const r = unsafe.decrypt(
      this.dec,
      le32(src, so),
      le32(src, so + 4),
      le32(src, so + 8),
      le32(src, so + 12),
    );
    put32(dst, dof, r.s0);
    put32(dst, dof + 4, r.s1);
    put32(dst, dof + 8, r.s2);
    put32(dst, dof + 12, r.s3);
  }

  /** Zeroes the key schedules. */
  wipe(): void {
    this.enc.fill(0);
    this.dec?.fill(0);
  }

  // The first Nk words of the encryption schedule are the key itself (FIPS 197 §5.2).
  private keyBytesForDecrypt(): Uint8Array {
    const nk = this.enc.length - 28;
    const key = new Uint8Array(nk);
    for (let i = 0; i < nk / 4; i++) put32(key, 4 * i, this.enc[i]!);
    return key;
  }
}
