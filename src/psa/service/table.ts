/**
 * The one table: every PSA function that reaches a service (the crypto or the ITS
 * partition) appears here once, with its TF-M function id and its in/out vectors. The TF-M
 * boundary (scratch check, module gate, zero-fill), the sync and async faces and the
 * WebAssembly imports all read this table instead of repeating the list of functions.
 * Function ids: `interface/include/tfm_crypto_defs.h` (SID = group << 8 | index).
 * @module
 */

/** TF-M crypto function groups (`TFM_CRYPTO_GROUP_ID_*`). */
export const TFM_CRYPTO_GROUP = {
  RANDOM: 1,
  KEY_MANAGEMENT: 2,
  HASH: 3,
  MAC: 4,
  CIPHER: 5,
  AEAD: 6,
  ASYM_SIGN: 7,
  ASYM_ENCRYPT: 8,
  KEY_DERIVATION: 9,
  PAKE: 10,
} as const;

/** How one output vector is written back to the caller. */
export type OutVec =
  /** A caller buffer `args[arg]`; `length` names the result field that reports its length. */
  | { readonly kind: 'buffer'; readonly arg: number; readonly length?: string }
  /** A scalar out-parameter reported as result field `field` (`bytes` long in the C struct). */
  | { readonly kind: 'field'; readonly field: string; readonly bytes: number }
  /** The operation handle of `args[arg]` (uint32), written back by multipart setup calls. */
  | { readonly kind: 'operation'; readonly arg: number };

/** A function that reaches a secure service. */
export interface ServiceSpec {
  /** The C name. */
  readonly name: string;
  /** Which partition serves it. */
  readonly service: 'crypto' | 'its';
  /** TF-M function id (crypto: group << 8 | index). */
  readonly sid: number;
  /** Byte lengths of the in-vecs after in_vec[0] (the request struct), from the call's arguments. */
  readonly inVecs: (args: readonly unknown[]) => number[];
  /** The out-vecs, in order. */
  readonly outVecs: readonly OutVec[];
}

/** `sizeof(struct psa_client_key_attributes_s)` (type, bits, lifetime, id, usage, alg: 24 bytes). */
export const CLIENT_KEY_ATTRIBUTES_SIZE = 24;
/** `sizeof(psa_key_id_t)` and of an operation handle. */
const U32 = 4;

const len = (i: number) => (args: readonly unknown[]) => [(args[i] as Uint8Array).length];
const none = () => [];
const buf = (arg: number, length?: string): OutVec =>
  length ? { kind: 'buffer', arg, length } : { kind: 'buffer', arg };
const field = (name: string, bytes = U32): OutVec => ({ kind: 'field', field: name, bytes });
const op = (arg: number): OutVec => ({ kind: 'operation', arg });

const crypto = (
  name: string,
  sid: number,
  inVecs: ServiceSpec['inVecs'],
  outVecs: OutVec[],
): ServiceSpec => ({
  name,
  service: 'crypto',
  sid,
  inVecs,
  outVecs,
});

const SPECS: ServiceSpec[] = [
  crypto('psa_generate_random', 0x0100, none, [buf(0)]),

  crypto('psa_get_key_attributes', 0x0200, none, [field('attributes', CLIENT_KEY_ATTRIBUTES_SIZE)]),
  crypto('psa_open_key', 0x0201, none, [field('handle')]),
  crypto('psa_close_key', 0x0202, none, []),
  crypto('psa_import_key', 0x0203, (a) => [CLIENT_KEY_ATTRIBUTES_SIZE, (a[1] as Uint8Array).length], [
    field('key'),
  ]),
  crypto('psa_destroy_key', 0x0204, none, []),
  crypto('psa_export_key', 0x0205, none, [buf(1, 'dataLength')]),
  crypto('psa_purge_key', 0x0207, none, []),
  crypto('psa_copy_key', 0x0208, () => [CLIENT_KEY_ATTRIBUTES_SIZE], [field('key')]),
  crypto('psa_generate_key', 0x0209, () => [CLIENT_KEY_ATTRIBUTES_SIZE], [field('key')]),

  crypto('psa_hash_compute', 0x0300, len(1), [buf(2, 'hashLength')]),
  crypto('psa_hash_compare', 0x0301, (a) => [(a[1] as Uint8Array).length, (a[2] as Uint8Array).length], []),
  crypto('psa_hash_setup', 0x0302, none, [op(0)]),
  crypto('psa_hash_update', 0x0303, len(1), []),
  crypto('psa_hash_clone', 0x0304, none, [op(1)]),
  crypto('psa_hash_finish', 0x0305, none, [op(0), buf(1, 'hashLength')]),
  crypto('psa_hash_verify', 0x0306, len(1), [op(0)]),
  crypto('psa_hash_abort', 0x0307, none, [op(0)]),

  crypto('psa_mac_compute', 0x0400, len(2), [buf(3, 'macLength')]),
  crypto('psa_mac_verify', 0x0401, (a) => [(a[2] as Uint8Array).length, (a[3] as Uint8Array).length], []),
  crypto('psa_mac_sign_setup', 0x0402, none, [op(0)]),
  crypto('psa_mac_verify_setup', 0x0403, none, [op(0)]),
  crypto('psa_mac_update', 0x0404, len(1), []),
  crypto('psa_mac_sign_finish', 0x0405, none, [op(0), buf(1, 'macLength')]),
  crypto('psa_mac_verify_finish', 0x0406, len(1), [op(0)]),
  crypto('psa_mac_abort', 0x0407, none, [op(0)]),

  crypto('psa_cipher_encrypt', 0x0500, len(2), [buf(3, 'outputLength')]),
  crypto('psa_cipher_decrypt', 0x0501, len(2), [buf(3, 'outputLength')]),
  crypto('psa_cipher_encrypt_setup', 0x0502, none, [op(0)]),
  crypto('psa_cipher_decrypt_setup', 0x0503, none, [op(0)]),
  crypto('psa_cipher_generate_iv', 0x0504, none, [buf(1, 'ivLength')]),
  crypto('psa_cipher_set_iv', 0x0505, len(1), []),
  crypto('psa_cipher_update', 0x0506, len(1), [buf(2, 'outputLength')]),
  crypto('psa_cipher_finish', 0x0507, none, [op(0), buf(1, 'outputLength')]),
  crypto('psa_cipher_abort', 0x0508, none, [op(0)]),

  // ITS partition (message types of tfm_its_req_mngr.c: TFM_ITS_SET = 1001, GET, GET_INFO, REMOVE).
  {
    name: 'psa_its_set',
    service: 'its',
    sid: 1001,
    inVecs: (a) => [8, (a[1] as Uint8Array).length, 4],
    outVecs: [],
  },
  { name: 'psa_its_get', service: 'its', sid: 1002, inVecs: () => [8, 4], outVecs: [buf(3, 'dataLength')] },
  { name: 'psa_its_get_info', service: 'its', sid: 1003, inVecs: () => [8], outVecs: [field('info', 12)] },
  { name: 'psa_its_remove', service: 'its', sid: 1004, inVecs: () => [8], outVecs: [] },
];

/** Every service function by C name. */
export const PSA_SERVICE_TABLE: ReadonlyMap<string, ServiceSpec> = new Map(SPECS.map((s) => [s.name, s]));

/** The spec of a service function (throws for an unknown name: a programming error). */
export function serviceSpec(name: string): ServiceSpec {
  const s = PSA_SERVICE_TABLE.get(name);
  if (!s) throw new Error(`internal: ${name} is not in the PSA service table`);
  return s;
}

/** The TF-M crypto group of a crypto function id. */
export const tfmGroupOf = (sid: number): number => sid >> 8;
