/**
 * The documented differences between Debian's Mbed TLS 2.28.3 and psa-emu (`core: 'mbedtls'`,
 * which reproduces Mbed TLS 3.6.5 — and, where noted, what psa-emu implements at all). Every
 * difference the differential test meets must match one of these, or it is a failure.
 * Each entry names where the behaviour comes from; `mbedtls-differential.test.ts` has one
 * small script per entry showing both sides, so an entry that stops being true is noticed.
 */

/** A difference: the emu-rendered command words and both normalized answers. */
export interface Mismatch {
  cmd: string[];
  mbedtls: string[];
  emu: string[];
}

/** One documented difference. */
export interface DifferentialException {
  /** Short stable id (used in reports and the README). */
  id: string;
  /** What differs, in one line. */
  title: string;
  /** Why, with the source (Mbed TLS ChangeLog / file, psa-emu scope). */
  source: string;
  /** Whether this is a difference of the versions (`'2.28-vs-3.6'`), of psa-emu's scope, or a psa-emu bug. */
  kind: '2.28-vs-3.6' | 'scope' | 'psa-emu-bug';
  /** Does this mismatch belong here? */
  match(m: Mismatch): boolean;
  /** Force the rest of the script to be skipped (default: decided from the command, see the driver). */
  after?: 'stop';
}

const num = (s: string | undefined): number => {
  if (s === undefined) return 0;
  const v = /^0x/i.test(s) ? Number.parseInt(s.slice(2), 16) : Number.parseInt(s, 10);
  return Number.isNaN(v) ? 0 : v >>> 0;
};
const st = (line: string[]): number => Number(line[0]);

const PSA_KEY_USAGE_VERIFY_DERIVATION = 0x8000;
const PSA_ERROR_NOT_SUPPORTED = -134;
const PSA_ERROR_INVALID_ARGUMENT = -135;
/** Key types Mbed TLS 2.28 implements and psa-emu does not (nRF91's TF-M builds AES only): DES, CHACHA20, CAMELLIA, ARIA. */
const UNMODELED_KEY_TYPES = new Set([0x2301, 0x2004, 0x2403, 0x2406]);
/** Cipher modes psa-emu does not implement: CFB, OFB, XTS, CCM*-no-tag, stream cipher. */
const UNMODELED_CIPHER_ALGS = new Set([0x04c01100, 0x04c01200, 0x0440ff00, 0x04c01300, 0x04800100]);
/** Hashes psa-emu does not implement (SHA-1 and SHA-2 only): MD5, RIPEMD-160, SHA3-*. */
const UNMODELED_HASHES = new Set([0x02000003, 0x02000004, 0x02000010, 0x02000011, 0x02000012, 0x02000013]);
const PSA_ALG_CBC_MAC = 0x03c00100;
const CIPHER_CMDS = new Set(['encrypt', 'encrypt_iv', 'decrypt']);
const MAC_CMDS = new Set(['mac', 'macverify']);

/** The algorithm argument of a key-using command. */
function algOf(cmd: string[]): number | undefined {
  if (CIPHER_CMDS.has(cmd[0]!) || MAC_CMDS.has(cmd[0]!)) return num(cmd[2]);
  if (cmd[0] === 'csetup' || cmd[0] === 'msetup') return num(cmd[3]);
  return undefined;
}
/** The full-length MAC algorithm (truncation and at-least flag cleared). */
const fullMac = (alg: number): number => (alg & ~0x003f8000) >>> 0;

/** Arguments of a creation command (`import`/`generate`: lifetime id type bits usage alg; `copy`: src lifetime id usage alg). */
function creation(cmd: string[]): { type: number; bits: number; usage: number; alg: number } | undefined {
  if (cmd[0] === 'import' || cmd[0] === 'generate')
    return { type: num(cmd[3]), bits: num(cmd[4]), usage: num(cmd[5]), alg: num(cmd[6]) };
  if (cmd[0] === 'copy') return { type: 0, bits: 0, usage: num(cmd[4]), alg: num(cmd[5]) };
  return undefined;
}

/** The lifetime argument of a creation command. */
function lifetimeOf(cmd: string[]): number | undefined {
  if (cmd[0] === 'import' || cmd[0] === 'generate') return num(cmd[1]);
  if (cmd[0] === 'copy') return num(cmd[2]);
  return undefined;
}

/** The documented exceptions, most specific first. */
export const EXCEPTIONS: readonly DifferentialException[] = [
  {
    id: 'usage-verify-derivation',
    title: 'PSA_KEY_USAGE_VERIFY_DERIVATION (0x8000) is refused at key creation by 2.28 (INVALID_ARGUMENT)',
    source:
      'PSA Crypto API 1.1 usage flag, added in Mbed TLS 3.x (psa_validate_key_policy accepts it in 3.6.5); ' +
      '2.28 psa_validate_key_policy only knows the 1.0 flags',
    kind: '2.28-vs-3.6',
    match: (m) => {
      const c = creation(m.cmd);
      return (
        c !== undefined &&
        (c.usage & PSA_KEY_USAGE_VERIFY_DERIVATION) !== 0 &&
        st(m.mbedtls) === PSA_ERROR_INVALID_ARGUMENT
      );
    },
  },
  {
    id: 'location-checked-first',
    title:
      'a lifetime with a location other than local storage is INVALID_ARGUMENT in 2.28 before any other check ' +
      '(before BAD_STATE, NOT_SUPPORTED, ALREADY_EXISTS); 3.6.5 accepts it in psa_validate_key_location and ' +
      'refuses it later, at driver dispatch',
    source:
      '2.28 library/psa_crypto_slot_management.c psa_validate_key_location (no MBEDTLS_PSA_CRYPTO_SE_C: location ≠ 0 → ' +
      'INVALID_ARGUMENT); 3.6.5 psa_validate_key_location always succeeds for a local or external location ' +
      '(docs/notes/psa-core.md §2.0)',
    kind: '2.28-vs-3.6',
    match: (m) => {
      const l = lifetimeOf(m.cmd);
      return l !== undefined && l >>> 8 !== 0 && st(m.mbedtls) === PSA_ERROR_INVALID_ARGUMENT;
    },
  },
  {
    id: 'password-key-types',
    title:
      'PSA_KEY_TYPE_PASSWORD / PASSWORD_HASH keys: 2.28 answers NOT_SUPPORTED at import, 3.6.5 accepts any length',
    source:
      '3.6.5 library/psa_crypto.c psa_validate_unstructured_key_bit_size lists PASSWORD and PASSWORD_HASH with ' +
      'RAW_DATA/HMAC/DERIVE; 2.28 psa_import_key_into_slot does not know them (observed NOT_SUPPORTED)',
    kind: '2.28-vs-3.6',
    match: (m) => {
      const t = creation(m.cmd)?.type;
      return (t === 0x1203 || t === 0x1205) && st(m.mbedtls) === PSA_ERROR_NOT_SUPPORTED;
    },
  },
  {
    id: 'asymmetric-key-types',
    title:
      'RSA and ECC keys: Mbed TLS 2.28 parses them (INVALID_ARGUMENT for bad data), psa-emu answers NOT_SUPPORTED',
    source: 'psa-emu scope: symmetric and raw keys only (AES, HMAC, RAW_DATA, DERIVE, PASSWORD*)',
    kind: 'scope',
    match: (m) => {
      const c = creation(m.cmd);
      return c !== undefined && (c.type & 0x4000) !== 0 && st(m.emu) === PSA_ERROR_NOT_SUPPORTED;
    },
  },
  {
    id: 'unmodeled-key-type',
    title:
      'DES, CHACHA20, CAMELLIA and ARIA keys: Mbed TLS 2.28 implements them, psa-emu answers NOT_SUPPORTED',
    source:
      'psa-emu scope: the nRF91 TF-M build (PSA_WANT_KEY_TYPE_AES only among block ciphers); README "Scope"',
    kind: 'scope',
    match: (m) => {
      const c = creation(m.cmd);
      return c !== undefined && UNMODELED_KEY_TYPES.has(c.type) && st(m.emu) === PSA_ERROR_NOT_SUPPORTED;
    },
  },
  {
    id: 'unmodeled-cipher-mode',
    title:
      'CFB, OFB, XTS, CCM*-no-tag and the stream cipher: 2.28 implements CFB/OFB, psa-emu answers NOT_SUPPORTED ' +
      '(for the ones neither implements, the step that refuses differs: e.g. the IV-length check before the driver)',
    source: 'psa-emu scope: ECB, CBC (no padding, PKCS#7) and CTR, the modes of the nRF91 build',
    kind: 'scope',
    match: (m) => {
      const alg = algOf(m.cmd);
      return (
        alg !== undefined &&
        UNMODELED_CIPHER_ALGS.has(alg) &&
        (st(m.emu) === PSA_ERROR_NOT_SUPPORTED || st(m.mbedtls) === PSA_ERROR_NOT_SUPPORTED)
      );
    },
  },
  {
    id: 'unmodeled-mac',
    title:
      'CBC-MAC and HMAC over MD5/RIPEMD-160/SHA-3: Mbed TLS 2.28 implements some, psa-emu answers NOT_SUPPORTED',
    source: 'psa-emu scope: CMAC and HMAC over SHA-1/SHA-2',
    kind: 'scope',
    match: (m) => {
      const alg = algOf(m.cmd);
      if (alg === undefined || st(m.emu) !== PSA_ERROR_NOT_SUPPORTED) return false;
      const base = fullMac(alg);
      return base === PSA_ALG_CBC_MAC || UNMODELED_HASHES.has((0x02000000 | (base & 0xff)) >>> 0);
    },
  },
  {
    id: 'unmodeled-hash',
    title: 'MD5, RIPEMD-160 (2.28 implements them) and SHA-3: psa-emu answers NOT_SUPPORTED',
    source: 'psa-emu scope: SHA-1 and SHA-2 (src/psa/core/hash-algs.ts)',
    kind: 'scope',
    match: (m) =>
      m.cmd[0] === 'hash' && UNMODELED_HASHES.has(num(m.cmd[1])) && st(m.emu) === PSA_ERROR_NOT_SUPPORTED,
  },
];

/** The exception a mismatch belongs to, if any. */
export function classify(m: Mismatch): DifferentialException | undefined {
  return EXCEPTIONS.find((e) => e.match(m));
}
