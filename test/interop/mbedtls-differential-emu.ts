/**
 * psa-emu speaking the command language of `mbedtls-psa-runner.c`: the same command lines,
 * the same result lines, so a script can run on Debian's Mbed TLS 2.28 and on psa-emu and the
 * answers can be compared line by line.
 *
 * Randomness: the C runner's IVs come from Mbed TLS's DRBG. To compare ciphertexts anyway,
 * `run(line, hint)` takes Mbed TLS's answer to the same line: for `encrypt` and `cgeniv` the IV
 * Mbed TLS printed is fed to psa-emu's random source, so psa-emu's output must be identical.
 * Generated keys cannot be matched that way (their bytes never leave Mbed TLS unless
 * exported), so psa-emu tracks them as *tainted*: every output that depends on a tainted key's
 * bytes is marked `opacity: 'bytes'` (compare status and length, not bytes) and a status that
 * depends on them (PKCS#7 padding of a decryption that is not a round trip) `'all'`.
 */
import {
  createPsa,
  deterministicRandom,
  type ItsStore,
  PSA_ALG_CBC_PKCS7,
  PSA_SUCCESS,
  type Psa,
  type PsaCipherOperation,
  type PsaCSync,
  type PsaMacOperation,
  psa_cipher_operation_init,
  psa_mac_operation_init,
} from '../../src/index.js';
import { fromHex, toHex } from '../../src/utils/bytes.js';

/** How much of a result line may be compared. */
export type Opacity = 'none' | 'bytes' | 'all';

/** One answer of the emulated runner. */
export interface EmuResult {
  line: string;
  opacity: Opacity;
}

/** `strtoul(s, NULL, 0)` truncated to 32 bits, as the runner casts it. */
export function cNum(s: string | undefined): number {
  if (s === undefined) return 0;
  const v = /^0x/i.test(s) ? Number.parseInt(s.slice(2), 16) : Number.parseInt(s, 10);
  return Number.isNaN(v) ? 0 : v >>> 0;
}

const MAX_BUF = 4096;
const size = (s: string | undefined): number => Math.min(cNum(s), MAX_BUF);

/** A byte string with its taint (true when it depends on a tainted key's bytes). */
interface Bytes {
  data: Uint8Array;
  taint: boolean;
}

/**
 * Which key (id and creation serial: an id can be reused by a later key) and algorithm made
 * the ciphertext in "@", and whether its plaintext was tainted.
 */
interface LastEncryption {
  key: number;
  serial: number | undefined;
  alg: number;
  plainTaint: boolean;
}

/** The emulated runner for one script (like one C runner process between two `reset`s). */
export class EmuRunner {
  readonly psa: Psa;
  readonly #c: PsaCSync;
  readonly #fallback;
  #queue: Uint8Array | undefined;
  #last: Bytes = { data: new Uint8Array(0), taint: false };
  /** Set when `#last` is a ciphertext: which key and algorithm made it, and whether the plaintext was tainted. */
  #lastEnc: LastEncryption | undefined;
  #created: number[] = [];
  readonly #tainted = new Set<number>();
  /** A serial per key creation, so a round trip is recognised only with the very same key. */
  readonly #serial = new Map<number, number>();
  #serials = 0;
  readonly #cop: PsaCipherOperation = psa_cipher_operation_init();
  #copInfo = { taint: false, pkcs7Decrypt: false };
  readonly #mop: PsaMacOperation = psa_mac_operation_init();
  #mopTaint = false;

  /** `storage`: where persistent keys go (default: a fresh `memoryStorage()`). */
  constructor(seed: string, storage?: ItsStore) {
    this.#fallback = deterministicRandom(seed);
    this.psa = createPsa({
      target: 'mbedtls',
      core: 'mbedtls',
      ...(storage ? { storage } : {}),
      rng: (out) => {
        const q = this.#queue;
        this.#queue = undefined;
        if (q && q.length >= out.length) out.set(q.subarray(0, out.length));
        else this.#fallback(out);
      },
    });
    this.#c = this.psa.cSync;
  }

  #key(s: string | undefined): number {
    if (s === undefined || !s.startsWith('$')) return cNum(s);
    const back = s.length > 1 ? Number.parseInt(s.slice(1), 10) : 0;
    return back < 8 && back < this.#created.length ? this.#created[this.#created.length - 1 - back]! : 0;
  }

  #bytes(s: string | undefined): Bytes {
    if (s === undefined || s === '-') return { data: new Uint8Array(0), taint: false };
    if (s === '@') return { data: this.#last.data.slice(), taint: this.#last.taint };
    return { data: fromHex(s.length % 2 ? s.slice(0, -1) : s), taint: false };
  }

  #remember(status: number, key: number, taint: boolean): void {
    if (status !== PSA_SUCCESS) return;
    this.#created.push(key);
    if (this.#created.length > 8) this.#created.shift();
    this.#serial.set(key, ++this.#serials);
    if (taint) this.#tainted.add(key);
    else this.#tainted.delete(key);
  }

  /** "status length hex" (length and bytes only on success); remembers the bytes for "@". */
  #result(status: number, out: Uint8Array, n: number, taint: boolean, enc?: LastEncryption): EmuResult {
    const len = status === PSA_SUCCESS ? n : 0;
    const bytes = out.subarray(0, len);
    if (status === PSA_SUCCESS) {
      this.#last = { data: bytes.slice(), taint };
      this.#lastEnc = enc;
    }
    return { line: `${status} ${len} ${len ? toHex(bytes) : '-'}`, opacity: taint ? 'bytes' : 'none' };
  }

  #plain(line: string | number): EmuResult {
    return { line: String(line), opacity: 'none' };
  }

  /**
   * Undoes the last key creation (after a documented difference where Mbed TLS refused a key
   * psa-emu accepted), so the two key stores stay alike.
   */
  undoCreate(): void {
    const key = this.#created.pop();
    if (key === undefined) return;
    this.#c.psa_destroy_key(key);
    this.#tainted.delete(key);
  }

  /** Runs one command line; `hint` is Mbed TLS's answer to the same line (used for IVs only). */
  run(command: string, hint?: string): EmuResult {
    const t = command.trim().split(/\s+/);
    const c = this.#c;
    const ivFromHint = (): void => {
      const h = hint?.split(' ');
      if (h && h[0] === '0' && h[2] && h[2] !== '-') this.#queue = fromHex(h[2]);
    };
    try {
      switch (t[0]) {
        case 'init':
          return this.#plain(c.psa_crypto_init());
        case 'free':
          c.mbedtls_psa_crypto_free();
          return this.#plain(0);
        case 'reset':
          throw new Error('reset: use a new EmuRunner per script');
        case 'import':
        case 'generate': {
          const a = c.psa_key_attributes_init();
          c.psa_set_key_lifetime(a, cNum(t[1]));
          if (cNum(t[2]) !== 0) c.psa_set_key_id(a, cNum(t[2]));
          c.psa_set_key_type(a, cNum(t[3]) & 0xffff);
          c.psa_set_key_bits(a, cNum(t[4]));
          c.psa_set_key_usage_flags(a, cNum(t[5]));
          c.psa_set_key_algorithm(a, cNum(t[6]));
          // A generated key, or one imported from tainted bytes ("@"), differs between the sides.
          const data = t[0] === 'import' ? this.#bytes(t[7]) : undefined;
          const r = data ? c.psa_import_key(a, data.data) : c.psa_generate_key(a);
          this.#remember(r.status, r.key, data ? data.taint : true);
          return this.#plain(`${r.status} ${r.key}`);
        }
        case 'copy': {
          const a = c.psa_key_attributes_init();
          c.psa_set_key_lifetime(a, cNum(t[2]));
          if (cNum(t[3]) !== 0) c.psa_set_key_id(a, cNum(t[3]));
          c.psa_set_key_usage_flags(a, cNum(t[4]));
          c.psa_set_key_algorithm(a, cNum(t[5]));
          const src = this.#key(t[1]);
          const r = c.psa_copy_key(src, a);
          this.#remember(r.status, r.key, this.#tainted.has(src));
          return this.#plain(`${r.status} ${r.key}`);
        }
        case 'open': {
          const r = c.psa_open_key(this.#key(t[1]));
          return this.#plain(`${r.status} ${r.handle}`);
        }
        case 'close':
          return this.#plain(c.psa_close_key(this.#key(t[1])));
        case 'destroy':
          return this.#plain(c.psa_destroy_key(this.#key(t[1])));
        case 'purge':
          return this.#plain(c.psa_purge_key(this.#key(t[1])));
        case 'attrs': {
          const { status, attributes: a } = c.psa_get_key_attributes(this.#key(t[1]));
          return this.#plain(`${status} ${a.id} ${a.lifetime} ${a.type} ${a.bits} ${a.usage} ${a.alg}`);
        }
        case 'export': {
          const key = this.#key(t[1]);
          const out = new Uint8Array(size(t[2]));
          const r = c.psa_export_key(key, out);
          const ok = r.status === PSA_SUCCESS;
          if (ok) this.#last = { data: out.slice(0, r.dataLength), taint: this.#tainted.has(key) };
          if (ok) this.#lastEnc = undefined;
          return {
            line: `${r.status} ${r.dataLength} ${ok && r.dataLength ? toHex(out.subarray(0, r.dataLength)) : '-'}`,
            opacity: ok && this.#tainted.has(key) ? 'bytes' : 'none',
          };
        }
        case 'encrypt_iv': {
          const key = this.#key(t[1]);
          const alg = cNum(t[2]);
          const iv = this.#bytes(t[3]);
          const input = this.#bytes(t[4]);
          const out = new Uint8Array(size(t[5]));
          const op = psa_cipher_operation_init();
          let l1 = 0;
          let l2 = 0;
          let st = c.psa_cipher_encrypt_setup(op, key, alg);
          if (st === PSA_SUCCESS && iv.data.length > 0) st = c.psa_cipher_set_iv(op, iv.data);
          if (st === PSA_SUCCESS)
            ({ status: st, outputLength: l1 } = c.psa_cipher_update(op, input.data, out));
          if (st === PSA_SUCCESS)
            ({ status: st, outputLength: l2 } = c.psa_cipher_finish(op, out.subarray(l1)));
          c.psa_cipher_abort(op);
          const taint = this.#tainted.has(key) || input.taint || iv.taint;
          // "@" is then the ciphertext without the IV: a round trip only when there is no IV (ECB).
          const enc =
            iv.data.length === 0
              ? { key, serial: this.#serial.get(key), alg, plainTaint: input.taint }
              : undefined;
          return this.#result(st, out, l1 + l2, taint, enc);
        }
        case 'encrypt': {
          const key = this.#key(t[1]);
          const alg = cNum(t[2]);
          const input = this.#bytes(t[3]);
          const out = new Uint8Array(size(t[4]));
          ivFromHint();
          const r = c.psa_cipher_encrypt(key, alg, input.data, out);
          this.#queue = undefined;
          const taint = this.#tainted.has(key) || input.taint;
          const enc = { key, serial: this.#serial.get(key), alg, plainTaint: input.taint };
          return this.#result(r.status, out, r.outputLength, taint, enc);
        }
        case 'decrypt': {
          const key = this.#key(t[1]);
          const alg = cNum(t[2]);
          const input = this.#bytes(t[3]);
          const enc = this.#lastEnc;
          const roundTrip =
            t[3] === '@' &&
            enc !== undefined &&
            enc.key === key &&
            enc.serial === this.#serial.get(key) &&
            enc.alg === alg;
          const keyTaint = this.#tainted.has(key) || input.taint;
          const taint = roundTrip ? enc.plainTaint : keyTaint;
          const out = new Uint8Array(size(t[4]));
          const r = c.psa_cipher_decrypt(key, alg, input.data, out);
          const ok = r.status === PSA_SUCCESS;
          if (ok) {
            this.#last = { data: out.slice(0, r.outputLength), taint };
            this.#lastEnc = undefined;
          }
          // Whether PKCS#7 padding is valid depends on the key bytes unless this is a round trip.
          const opacity: Opacity =
            !roundTrip && keyTaint && alg === PSA_ALG_CBC_PKCS7 ? 'all' : taint ? 'bytes' : 'none';
          return {
            line: `${r.status} ${r.outputLength} ${ok && r.outputLength ? toHex(out.subarray(0, r.outputLength)) : '-'}`,
            opacity,
          };
        }
        case 'mac': {
          const key = this.#key(t[1]);
          const input = this.#bytes(t[3]);
          const out = new Uint8Array(size(t[4]));
          const r = c.psa_mac_compute(key, cNum(t[2]), input.data, out);
          return this.#result(r.status, out, r.macLength, this.#tainted.has(key) || input.taint);
        }
        case 'macverify':
          return this.#plain(
            c.psa_mac_verify(this.#key(t[1]), cNum(t[2]), this.#bytes(t[3]).data, this.#bytes(t[4]).data),
          );
        case 'hash': {
          const input = this.#bytes(t[2]);
          const out = new Uint8Array(size(t[3]));
          const r = c.psa_hash_compute(cNum(t[1]), input.data, out);
          const ok = r.status === PSA_SUCCESS;
          if (ok) {
            this.#last = { data: out.slice(0, r.hashLength), taint: input.taint };
            this.#lastEnc = undefined;
          }
          return {
            line: `${r.status} ${r.hashLength} ${ok && r.hashLength ? toHex(out.subarray(0, r.hashLength)) : '-'}`,
            opacity: input.taint ? 'bytes' : 'none',
          };
        }
        case 'random': {
          const n = size(t[1]);
          return this.#plain(`${c.psa_generate_random(new Uint8Array(n))} ${n}`);
        }
        case 'csetup': {
          const key = this.#key(t[2]);
          const alg = cNum(t[3]);
          const dec = t[1] === 'dec';
          const st = dec
            ? c.psa_cipher_decrypt_setup(this.#cop, key, alg)
            : c.psa_cipher_encrypt_setup(this.#cop, key, alg);
          // A setup on an active operation fails and aborts it: the old context is gone either way.
          this.#copInfo = { taint: this.#tainted.has(key), pkcs7Decrypt: dec && alg === PSA_ALG_CBC_PKCS7 };
          return this.#plain(st);
        }
        case 'cgeniv': {
          const out = new Uint8Array(size(t[1]));
          ivFromHint();
          const r = c.psa_cipher_generate_iv(this.#cop, out);
          this.#queue = undefined;
          return this.#result(r.status, out, r.ivLength, false);
        }
        case 'csetiv': {
          const iv = this.#bytes(t[1]);
          this.#copInfo.taint ||= iv.taint;
          return this.#plain(c.psa_cipher_set_iv(this.#cop, iv.data));
        }
        case 'cupdate': {
          const input = this.#bytes(t[1]);
          this.#copInfo.taint ||= input.taint;
          const out = new Uint8Array(size(t[2]));
          const r = c.psa_cipher_update(this.#cop, input.data, out);
          return this.#result(r.status, out, r.outputLength, this.#copInfo.taint);
        }
        case 'cfinish': {
          const out = new Uint8Array(size(t[1]));
          const r = c.psa_cipher_finish(this.#cop, out);
          const res = this.#result(r.status, out, r.outputLength, this.#copInfo.taint);
          if (this.#copInfo.taint && this.#copInfo.pkcs7Decrypt) res.opacity = 'all';
          return res;
        }
        case 'cabort':
          return this.#plain(c.psa_cipher_abort(this.#cop));
        case 'msetup': {
          const key = this.#key(t[2]);
          const alg = cNum(t[3]);
          const st =
            t[1] === 'verify'
              ? c.psa_mac_verify_setup(this.#mop, key, alg)
              : c.psa_mac_sign_setup(this.#mop, key, alg);
          this.#mopTaint = this.#tainted.has(key);
          return this.#plain(st);
        }
        case 'mupdate': {
          const input = this.#bytes(t[1]);
          this.#mopTaint ||= input.taint;
          return this.#plain(c.psa_mac_update(this.#mop, input.data));
        }
        case 'msign': {
          const out = new Uint8Array(size(t[1]));
          const r = c.psa_mac_sign_finish(this.#mop, out);
          return this.#result(r.status, out, r.macLength, this.#mopTaint);
        }
        case 'mverify':
          return this.#plain(c.psa_mac_verify_finish(this.#mop, this.#bytes(t[1]).data));
        case 'mabort':
          return this.#plain(c.psa_mac_abort(this.#mop));
        default:
          return this.#plain(`? ${t[0]}`);
      }
    } catch (e) {
      // A thrown exception is never an answer Mbed TLS can give: report it as such.
      return { line: `THROW ${(e as Error).name}: ${(e as Error).message}`, opacity: 'none' };
    }
  }
}
