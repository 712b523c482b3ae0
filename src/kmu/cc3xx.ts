/**
 * The part of the nRF91's Arm CryptoCell CC310 that the KMU pushes into: the write-only AES key
 * register (`NRF_CC3XX_PLATFORM_KMU_AES_ADDR`) and the KDR (root key) registers
 * (`NRF_CC3XX_PLATFORM_NRF9160_KDR_ADDR`) with the life-cycle lock. Software can use a pushed key
 * (AES-ECB blocks, AES-CMAC) but never read it back; KDR can be loaded once per reset, then
 * `LCS = secure` locks it (nrf_cc3xx_platform_kmu.h: "It is not possible to set the KDR value once
 * the LCS state is set to secure"). AES and CMAC come from `@noble/ciphers`.
 * Facts and sources: docs/notes/kmu.md §1.4.
 * @module
 */
import { cmac, ecb } from '@noble/ciphers/aes.js';
import { abytes, wipe } from '../utils/bytes.js';
import { redact } from '../utils/redact.js';
import { NRF_CC3XX_PLATFORM_KMU_AES_ADDR, NRF_CC3XX_PLATFORM_NRF9160_KDR_ADDR } from './nrf91-constants.js';

/** CryptoCell life-cycle state as far as KDR is concerned. */
export type Cc3xxLifeCycle = 'chip-manufacture' | 'secure';

interface Registers {
  aesKey: Uint8Array | undefined;
  kdr: Uint8Array | undefined;
  lcs: Cc3xxLifeCycle;
}

// The registers live outside the object so no property, getter or spread can reach them.
const REGS = new WeakMap<Cc3xxAesEngine, Registers>();
const regs = (e: Cc3xxAesEngine): Registers => REGS.get(e)!;

/**
 * The CryptoCell key registers of one device. Loaded only by KMU pushes; the key bytes are not
 * reachable from this object (no getter, redacted when printed).
 */
export class Cc3xxAesEngine {
  constructor() {
    REGS.set(this, { aesKey: undefined, kdr: undefined, lcs: 'chip-manufacture' });
    redact(this, 'Cc3xxAesEngine');
  }

  /** Whether a key has been pushed into the AES key register since the last reset. */
  get hasAesKey(): boolean {
    return regs(this).aesKey !== undefined;
  }

  /** Whether the KDR (root key) has been loaded since the last reset. */
  get hasKdr(): boolean {
    return regs(this).kdr !== undefined;
  }

  /** `'secure'` once `nrf_cc3xx_platform_kmu_push_kdr_slot_and_lock` has run since the last reset. */
  get lifeCycleState(): Cc3xxLifeCycle {
    return regs(this).lcs;
  }

  /**
   * AES-ECB encryption of one 16-byte block with the key in the AES key register (FIPS 197).
   * Throws if no key was pushed.
   */
  encryptBlock(block: Uint8Array): Uint8Array {
    abytes('block', block, 16);
    return ecb(aesKey(this), { disablePadding: true }).encrypt(block);
  }

  /** AES-ECB decryption of one 16-byte block with the key in the AES key register. */
  decryptBlock(block: Uint8Array): Uint8Array {
    abytes('block', block, 16);
    return ecb(aesKey(this), { disablePadding: true }).decrypt(block);
  }

  /** A device reset: the key registers and the life-cycle lock are cleared (they are not retained). */
  reset(): void {
    const r = regs(this);
    wipe(r.aesKey, r.kdr);
    r.aesKey = undefined;
    r.kdr = undefined;
    r.lcs = 'chip-manufacture';
  }
}

function aesKey(e: Cc3xxAesEngine): Uint8Array {
  const k = regs(e).aesKey;
  if (!k) throw new Error('no key in the CryptoCell AES key register: push a KMU slot first');
  return k;
}

/**
 * A KMU push over the secure APB: `value` (16 bytes) lands in the register at `dest`.
 * Returns false when `dest` is not a register modelled here or the KDR is locked.
 * @internal
 */
export function cc3xxBusWrite(e: Cc3xxAesEngine, dest: number, value: Uint8Array): boolean {
  const r = regs(e);
  if (dest === NRF_CC3XX_PLATFORM_KMU_AES_ADDR) {
    wipe(r.aesKey);
    r.aesKey = value.slice();
    return true;
  }
  if (dest === NRF_CC3XX_PLATFORM_NRF9160_KDR_ADDR) {
    if (r.lcs === 'secure') return false;
    wipe(r.kdr);
    r.kdr = value.slice();
    return true;
  }
  return false;
}

/** Sets LCS = secure (locks the KDR until the next reset). @internal */
export function cc3xxLockKdr(e: Cc3xxAesEngine): void {
  regs(e).lcs = 'secure';
}

/**
 * AES-CMAC (SP 800-38B) of `message` under the AES key register (`'aes'`) or the KDR (`'kdr'`),
 * as the CryptoCell computes it for key derivation; undefined if that register is empty.
 * @internal
 */
export function cc3xxCmac(
  e: Cc3xxAesEngine,
  which: 'aes' | 'kdr',
  message: Uint8Array,
): Uint8Array | undefined {
  const r = regs(e);
  const key = which === 'aes' ? r.aesKey : r.kdr;
  return key ? cmac(message, key) : undefined;
}
