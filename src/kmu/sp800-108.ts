/**
 * NIST SP 800-108 (rev. 1) §4.1 KDF in counter mode with a CMAC PRF, in the two encodings of the
 * fixed input the Nordic hardware libraries use:
 * - `'cc3xx'` — Arm CryptoCell / `nrf_cc3xx_platform_kmu_shadow_key_derive`:
 *   `[i]₁ ‖ Label ‖ 0x00 ‖ Context ‖ [L]` with a one-byte counter and L (bits) in one byte when
 *   L ≤ 255, else two bytes big-endian (CryptoCell runtime `UtilCmacBuildDataForDerivation`,
 *   `CC_UTIL_FIX_DATA_MIN/MAX_SIZE_IN_BYTES`; checked against Nordic's hardware test vectors);
 * - `'psa'` — `PSA_ALG_SP800_108_COUNTER_CMAC` (PSA Crypto API 1.2 §10.9):
 *   `[i]₄ ‖ Label ‖ 0x00 ‖ Context ‖ [L]₄`, counter and L big-endian 32-bit.
 * K(i) = PRF(K_IN, fixed input with counter i), i = 1, 2, …; the output is the first L/8 bytes of
 * K(1) ‖ K(2) ‖ …. The PRF is supplied by the caller (a CMAC under a key the caller never sees).
 * @module
 */
import { concatBytes, wipe } from '../utils/bytes.js';

/** Which fixed-input encoding (see the module comment). */
export type Sp800108Encoding = 'cc3xx' | 'psa';

/** A PRF with a 16-byte output (AES-CMAC under some key). */
export type CmacPrf = (message: Uint8Array) => Uint8Array;

/** The longest output each encoding can describe: 255 blocks (one-byte counter) / 2^29 − 1 bytes. */
export function sp800108MaxOutput(encoding: Sp800108Encoding): number {
  return encoding === 'cc3xx' ? 255 * 16 : 0x1fffffff;
}

/**
 * The PRF input for block `counter` (1-based) producing `outputBytes` bytes in total.
 * SP 800-108r1 §4.1 with the field widths of `encoding`.
 */
export function sp800108FixedInput(
  encoding: Sp800108Encoding,
  counter: number,
  label: Uint8Array,
  context: Uint8Array,
  outputBytes: number,
): Uint8Array {
  const bits = outputBytes * 8;
  let i: Uint8Array;
  let l: Uint8Array;
  if (encoding === 'cc3xx') {
    i = Uint8Array.of(counter & 0xff);
    l = bits > 0xff ? Uint8Array.of((bits >>> 8) & 0xff, bits & 0xff) : Uint8Array.of(bits);
  } else {
    i = be32(counter);
    l = be32(bits);
  }
  return concatBytes(i, label, Uint8Array.of(0), context, l);
}

/**
 * SP 800-108r1 §4.1 counter-mode KDF: `outputBytes` bytes from `prf` (16-byte blocks).
 * Intermediate blocks are wiped.
 */
export function sp800108CounterKdf(
  encoding: Sp800108Encoding,
  prf: CmacPrf,
  label: Uint8Array,
  context: Uint8Array,
  outputBytes: number,
): Uint8Array {
  if (!Number.isSafeInteger(outputBytes) || outputBytes < 1 || outputBytes > sp800108MaxOutput(encoding)) {
    throw new RangeError(
      `outputBytes must be between 1 and ${sp800108MaxOutput(encoding)}, got ${String(outputBytes)}`,
    );
  }
  const out = new Uint8Array(outputBytes);
  for (let i = 1, o = 0; o < outputBytes; i++, o += 16) {
    const input = sp800108FixedInput(encoding, i, label, context, outputBytes);
    const block = prf(input);
    out.set(block.subarray(0, Math.min(16, outputBytes - o)), o);
    wipe(block, input);
  }
  return out;
}

function be32(n: number): Uint8Array {
  return Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}
