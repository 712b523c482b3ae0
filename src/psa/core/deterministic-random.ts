/**
 * `deterministicRandom(seed)`: a reproducible random source for tests — SHA-256 in counter
 * mode over the seed (`block_i = SHA-256(seed ‖ uint64_be(i))`). Never use it for real keys.
 * @module
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { copyBytes, describeType, isBytes } from '../../utils/bytes.js';
import type { RandomSource } from './context.js';

/** A deterministic `RandomSource` from a seed (string or bytes): same seed, same bytes. */
export function deterministicRandom(seed: string | Uint8Array): RandomSource {
  let s: Uint8Array;
  if (typeof seed === 'string') s = new TextEncoder().encode(seed);
  else if (isBytes(seed)) s = copyBytes(seed);
  else throw new TypeError(`seed must be a string or a Uint8Array, got ${describeType(seed)}`);
  const input = new Uint8Array(s.length + 8);
  input.set(s);
  const view = new DataView(input.buffer);
  let counter = 0n;
  let block = new Uint8Array(0);
  let used = 0;
  return (out) => {
    for (let i = 0; i < out.length; i++) {
      if (used === block.length) {
        view.setBigUint64(s.length, counter++);
        block = sha256(input);
        used = 0;
      }
      out[i] = block[used++]!;
    }
  };
}
