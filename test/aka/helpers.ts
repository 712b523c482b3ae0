/** Small test helpers for the AKA tests (hex in, hex out). */

import { fromHex, toHex } from '../../src/utils/bytes.js';

/** Hex → bytes. */
export const h = (hex: string): Uint8Array => fromHex(hex);
/** Bytes → hex. */
export const x = (bytes: Uint8Array): string => toHex(bytes);
