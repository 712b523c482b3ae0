/**
 * Random PSA call sequences for the differential test against Mbed TLS 2.28: scripts of
 * import/generate/copy/open/close/destroy/purge/attrs/export, single-part and multipart cipher
 * and MAC, hash, random, reboot and calls before init, with valid and invalid arguments. Later
 * calls mostly use keys made earlier ("$n") and outputs made earlier ("@"), so round trips and
 * state machines are exercised, not only argument checks.
 */
import {
  PSA_ALG_CBC_NO_PADDING,
  PSA_ALG_CBC_PKCS7,
  PSA_ALG_CMAC,
  PSA_ALG_CTR,
  PSA_ALG_ECB_NO_PADDING,
  PSA_ALG_MD5,
  PSA_ALG_RIPEMD160,
  PSA_ALG_SHA_256,
  PSA_ALG_SHA3_256,
  PSA_KEY_TYPE_AES,
  PSA_KEY_USAGE_DECRYPT,
  PSA_KEY_USAGE_ENCRYPT,
  PSA_KEY_USAGE_EXPORT,
} from '../../src/index.js';
import type { Command, IdRef, Rng } from './mbedtls-differential-script.js';
import {
  anyId,
  CIPHER_ALGS,
  cipherAlgFor,
  cleanUsage,
  HASH_LENGTH,
  HASHES,
  hmac,
  isCipherKey,
  isMacKey,
  type KeyGuess,
  keyProfile,
  macAlgFor,
  macLength,
  outputSize,
  plainLength,
  plausibleKey,
  randomLifetime,
  randomUsage,
  truncated,
} from './mbedtls-differential-values.js';

/** Builds one script. */
export class ScriptGenerator {
  readonly #r: Rng;
  readonly #keys: KeyGuess[] = [];
  readonly #pool: number[];
  /** Estimated length of "@". */
  #lastLen = 0;
  /** Whether "@" likely holds a MAC (then macverify uses it). */
  #lastIsMac = false;
  /** The key and algorithm of the last encryption / MAC command (for round trips through "@"). */
  #lastEnc: { key: string | IdRef; alg: number } | undefined;
  #lastMac: { key: string | IdRef; alg: number; input: string } | undefined;

  constructor(rng: Rng) {
    this.#r = rng;
    this.#pool = [1, 2, 0x10, 0x3fffffff, rng.range(3, 0x3ffffffe)];
  }

  /** A script: `reset`, usually `init`, then `length` random calls. */
  script(length: number): Command[] {
    const r = this.#r;
    const out: Command[] = [['reset']];
    if (r.chance(0.95)) out.push(['init']);
    // Most scripts start by creating a few keys, so later calls have something to work on.
    const warmup = r.chance(0.8) ? r.range(1, 3) : 0;
    for (let i = 0; i < warmup; i++) out.push(this.#create(r.chance(0.85) ? 'import' : 'generate'));
    while (out.length < length) out.push(...this.#step());
    return out;
  }

  #step(): Command[] {
    const r = this.#r;
    const kind = r.weighted<string>([
      [18, 'import'],
      [3, 'generate'],
      [4, 'copy'],
      [3, 'open'],
      [2, 'close'],
      [4, 'destroy'],
      [3, 'purge'],
      [4, 'attrs'],
      [5, 'export'],
      [6, 'encrypt'],
      [6, 'encrypt_iv'],
      [7, 'decrypt'],
      [7, 'mac'],
      [5, 'macverify'],
      [2, 'hash'],
      [5, 'cipherOp'],
      [4, 'macOp'],
      [2, 'reboot'],
      [1, 'random'],
      [0.15, 'fill'],
    ]);
    switch (kind) {
      case 'import':
      case 'generate':
        return [this.#create(kind)];
      case 'copy':
        return [this.#copy()];
      case 'open':
      case 'close':
      case 'destroy':
      case 'purge':
      case 'attrs':
        return [[kind, this.#keyArg()]];
      case 'export': {
        const [key, g] = this.#keyRef();
        const n = g?.bytes ?? 16;
        this.#lastLen = n;
        this.#lastIsMac = false;
        this.#lastEnc = undefined;
        return [['export', key, String(outputSize(this.#r, n))]];
      }
      case 'encrypt':
      case 'encrypt_iv':
      case 'decrypt':
        return [this.#cipher(kind)];
      case 'mac':
      case 'macverify':
        return [this.#mac(kind)];
      case 'hash': {
        const alg = r.chance(0.9)
          ? r.pick(HASHES)
          : r.pick([PSA_ALG_MD5, PSA_ALG_RIPEMD160, PSA_ALG_SHA3_256, 0]);
        const n = HASH_LENGTH[alg] ?? 32;
        this.#lastLen = n;
        this.#lastIsMac = false;
        return [['hash', String(alg), this.#data(r.int(80)), String(outputSize(this.#r, n))]];
      }
      case 'cipherOp':
        return this.#cipherOp();
      case 'macOp':
        return this.#macOp();
      case 'fill': {
        // Exhaust the 32 key slots: the 33rd volatile key is INSUFFICIENT_MEMORY on both sides.
        const n = r.range(30, 36);
        const out: Command[] = [];
        for (let i = 0; i < n; i++) {
          const persistent = r.chance(0.1);
          out.push([
            'import',
            persistent ? '1' : '0',
            { raw: persistent ? r.pick(this.#pool) : 0 },
            String(PSA_KEY_TYPE_AES),
            '0',
            String(PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT | PSA_KEY_USAGE_EXPORT),
            String(PSA_ALG_CTR),
            this.#data(16),
          ]);
        }
        this.#keys.push({ type: PSA_KEY_TYPE_AES, alg: PSA_ALG_CTR, bytes: 16 });
        return out;
      }
      case 'reboot':
        return r.chance(0.8) ? [['free'], ['init']] : [['free']];
      default:
        return [['random', String(r.int(40))]];
    }
  }

  /** A key argument: mostly a recently created key ("$n"), sometimes any id. */
  #keyRef(): [string | IdRef, KeyGuess | undefined] {
    const r = this.#r;
    if (this.#keys.length > 0 && r.chance(0.85)) {
      const back = r.chance(0.7) ? 0 : r.int(Math.min(4, this.#keys.length));
      return [back === 0 ? '$' : `$${back}`, this.#keys[this.#keys.length - 1 - back]];
    }
    return [anyId(this.#r, this.#pool), undefined];
  }

  /** Like `#keyRef`, preferring a recent key the generator believes fits `wanted`. */
  #keyRefFor(wanted: (g: KeyGuess) => boolean): [string | IdRef, KeyGuess | undefined] {
    const r = this.#r;
    const n = this.#keys.length;
    if (r.chance(0.8)) {
      for (let back = 0; back < Math.min(8, n); back++) {
        const g = this.#keys[n - 1 - back]!;
        if (wanted(g)) return [back === 0 ? '$' : `$${back}`, g];
      }
    }
    return this.#keyRef();
  }

  #keyArg(): string | IdRef {
    return this.#keyRef()[0];
  }

  #data(n: number): string {
    return this.#r.hex(n);
  }

  /** import/generate with attributes that are usually but not always valid. */
  #create(kind: 'import' | 'generate'): Command {
    const r = this.#r;
    const g = keyProfile(this.#r);
    const lifetime = randomLifetime(this.#r);
    const volatile = (lifetime & 0xff) === 0;
    const id: IdRef = volatile
      ? r.chance(0.95)
        ? { raw: 0 }
        : anyId(this.#r, this.#pool)
      : r.chance(0.88)
        ? { raw: r.pick(this.#pool) }
        : anyId(this.#r, this.#pool);
    let bytes = g.bytes;
    if (r.chance(0.05)) bytes = r.pick([0, 1, 15, 17, 33, 64, r.int(70)]);
    const bits = r.weighted<() => number>([
      [kind === 'import' ? 7 : 0.2, () => 0],
      [3, () => bytes * 8],
      [0.5, () => r.pick([bytes * 8 + 8, bytes * 8 - 1, 100, 0xffff, 0x10000, r.int(600)])],
    ])();
    const usage = randomUsage(this.#r);
    const cmd: Command = [
      kind,
      String(lifetime),
      id,
      String(g.type),
      String(Math.max(0, bits)),
      String(usage),
      String(g.alg),
    ];
    if (kind === 'import') cmd.push(this.#data(bytes));
    // Only keys that will probably exist are remembered, so "$n" usually names a real key.
    const plausible =
      lifetime <= 1 &&
      ('raw' in id ? id.raw === 0 : false) === volatile &&
      (bits === 0 ? kind === 'import' : bits === bytes * 8) &&
      cleanUsage(usage) &&
      plausibleKey(g.type, bytes);
    if (plausible) this.#keys.push({ ...g, bytes });
    return cmd;
  }

  #copy(): Command {
    const r = this.#r;
    const [src, g] = this.#keyRef();
    const lifetime = randomLifetime(this.#r);
    const volatile = (lifetime & 0xff) === 0;
    const id: IdRef = volatile
      ? { raw: 0 }
      : r.chance(0.8)
        ? { raw: r.pick(this.#pool) }
        : anyId(this.#r, this.#pool);
    const alg = r.weighted<() => number>([
      [6, () => g?.alg ?? PSA_ALG_CBC_NO_PADDING],
      [2, () => 0],
      [2, () => r.pick([...CIPHER_ALGS, PSA_ALG_CMAC, hmac(PSA_ALG_SHA_256), truncated(PSA_ALG_CMAC, 8)])],
    ])();
    const usage = randomUsage(this.#r);
    if (g && lifetime <= 1 && cleanUsage(usage)) this.#keys.push({ ...g });
    return ['copy', src, String(lifetime), id, String(usage), String(alg)];
  }

  #cipher(kind: 'encrypt' | 'encrypt_iv' | 'decrypt'): Command {
    const r = this.#r;
    let [key, g] = this.#keyRefFor(isCipherKey);
    let alg = cipherAlgFor(this.#r, g);
    const roundTrip = kind === 'decrypt' && this.#lastEnc !== undefined && r.chance(0.7);
    if (roundTrip && this.#lastEnc) ({ key, alg } = this.#lastEnc);
    this.#lastEnc = undefined;
    const ivLen = alg === PSA_ALG_ECB_NO_PADDING ? 0 : 16;
    const padded = (n: number) => (alg === PSA_ALG_CBC_PKCS7 ? (n + 16) & ~15 : n);
    this.#lastIsMac = false;
    if (kind === 'decrypt') {
      const useLast = roundTrip || (this.#lastLen > 0 && r.chance(0.5));
      const n = useLast ? this.#lastLen : ivLen + plainLength(this.#r, alg);
      this.#lastLen = Math.max(0, n - ivLen);
      return [
        'decrypt',
        key,
        String(alg),
        useLast ? '@' : this.#data(n),
        String(outputSize(this.#r, Math.max(0, n - ivLen))),
      ];
    }
    const n = plainLength(this.#r, alg);
    if (kind === 'encrypt') {
      this.#lastLen = ivLen + padded(n);
      this.#lastEnc = { key, alg };
      return ['encrypt', key, String(alg), this.#data(n), String(outputSize(this.#r, ivLen + padded(n)))];
    }
    const iv = r.weighted<() => number>([
      [9, () => ivLen],
      [1, () => r.pick([0, 8, 12, 17, 16, 32])],
    ])();
    this.#lastLen = ivLen + padded(n);
    return [
      'encrypt_iv',
      key,
      String(alg),
      this.#data(iv),
      this.#data(n),
      String(outputSize(this.#r, padded(n))),
    ];
  }

  #mac(kind: 'mac' | 'macverify'): Command {
    const r = this.#r;
    let [key, g] = this.#keyRefFor(isMacKey);
    let alg = macAlgFor(this.#r, g);
    let input = this.#data(r.int(70));
    if (kind === 'macverify' && this.#lastMac && r.chance(0.7)) ({ key, alg, input } = this.#lastMac);
    const full = macLength(alg);
    if (kind === 'mac') {
      this.#lastLen = full;
      this.#lastIsMac = true;
      this.#lastMac = { key, alg, input };
      return ['mac', key, String(alg), input, String(outputSize(this.#r, full))];
    }
    const mac = this.#lastIsMac && r.chance(0.7) ? '@' : this.#data(r.chance(0.7) ? full : r.int(70));
    return ['macverify', key, String(alg), input, mac];
  }

  #cipherOp(): Command[] {
    const r = this.#r;
    const [key, g] = this.#keyRefFor(isCipherKey);
    const alg = cipherAlgFor(this.#r, g);
    const dec = r.chance(0.4);
    const out: Command[] = [['csetup', dec ? 'dec' : 'enc', key, String(alg)]];
    const ivLen = alg === PSA_ALG_ECB_NO_PADDING ? 0 : 16;
    if (r.chance(0.9)) {
      if (!dec && r.chance(0.5)) out.push(['cgeniv', String(r.chance(0.85) ? 16 : r.pick([0, 8, 15, 32]))]);
      else if (ivLen > 0 || r.chance(0.2))
        out.push(['csetiv', this.#data(r.chance(0.85) ? 16 : r.pick([0, 8, 17]))]);
    }
    if (r.chance(0.05)) out.push(r.chance(0.5) ? ['cgeniv', '16'] : ['csetiv', this.#data(16)]);
    const updates = r.weighted([
      [1, 0],
      [5, 1],
      [3, 2],
      [1, 3],
    ]);
    let total = 0;
    for (let i = 0; i < updates; i++) {
      const n = r.chance(0.5) ? 16 * r.int(3) : r.int(40);
      total += n;
      const emit = alg === PSA_ALG_CTR ? n : Math.floor(total / 16) * 16;
      out.push(['cupdate', this.#data(n), String(outputSize(this.#r, Math.max(emit, n)))]);
    }
    if (r.chance(0.15)) out.push(['csetup', r.chance(0.5) ? 'dec' : 'enc', key, String(alg)]);
    if (r.chance(0.8)) out.push(['cfinish', String(outputSize(this.#r, 16))]);
    else if (r.chance(0.5)) out.push(['cabort']);
    if (r.chance(0.1)) out.push(['cupdate', this.#data(16), '32']);
    this.#lastIsMac = false;
    this.#lastLen = 16;
    return out;
  }

  #macOp(): Command[] {
    const r = this.#r;
    const [key, g] = this.#keyRefFor(isMacKey);
    const alg = macAlgFor(this.#r, g);
    const verify = r.chance(0.4);
    const out: Command[] = [['msetup', verify ? 'verify' : 'sign', key, String(alg)]];
    const updates = r.int(3);
    for (let i = 0; i < updates; i++) out.push(['mupdate', this.#data(r.int(40))]);
    if (r.chance(0.1)) out.push(['msetup', 'sign', key, String(alg)]);
    const full = macLength(alg);
    const finish = r.weighted([
      [verify ? 2 : 7, 'msign'],
      [verify ? 7 : 2, 'mverify'],
      [1, 'mabort'],
    ]);
    if (finish === 'msign') {
      out.push(['msign', String(outputSize(this.#r, full))]);
      this.#lastIsMac = true;
      this.#lastLen = full;
    } else if (finish === 'mverify') {
      out.push([
        'mverify',
        this.#lastIsMac && r.chance(0.6) ? '@' : this.#data(r.chance(0.8) ? full : r.int(40)),
      ]);
    } else {
      out.push(['mabort']);
    }
    if (r.chance(0.1)) out.push(['mupdate', this.#data(4)]);
    return out;
  }
}
