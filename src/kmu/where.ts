/**
 * `whereIsKey(keyId, { device, target })`: where a PSA key id really lives on a device, and why —
 * ITS (persistent keys, also SoftSIM's "written to KMU" keys 10–12), a CRACEN KMU slot (nRF54L
 * only), a builtin key (TF-M's HUK/IAK, derived from KMU/IKG material), a volatile RAM slot, or
 * nowhere. Static reasoning from the id ranges (PSA Crypto API 1.2 §9.4, Mbed TLS `crypto_extra.h`,
 * TF-M `tfm_builtin_key_ids.h`, sdk-nrf `cracen_psa_kmu.h`); docs/notes/kmu.md §3.
 * @module
 */
import {
  MBEDTLS_PSA_KEY_ID_BUILTIN_MAX,
  MBEDTLS_PSA_KEY_ID_BUILTIN_MIN,
  MBEDTLS_PSA_KEY_SLOT_COUNT,
  PSA_KEY_ID_USER_MAX,
  PSA_KEY_ID_USER_MIN,
  PSA_KEY_ID_VENDOR_MAX,
  PSA_KEY_ID_VOLATILE_MIN,
  TFM_BUILTIN_KEY_ID_HUK,
  TFM_BUILTIN_KEY_ID_IAK,
  TFM_BUILTIN_KEY_ID_MAX,
  TFM_BUILTIN_KEY_ID_MIN,
} from '../psa/constants/keys.js';
import { TFM_NS_CLIENT_ID_DEFAULT, TFM_PARTITION_ID } from '../psa/constants/tfm-ids.js';
import { keyIdToUid } from '../psa/core/key-blob.js';
import { describeType } from '../utils/bytes.js';
import {
  CRACEN_KMU_NS_LAST_SLOT,
  CRACEN_PSA_GET_KEY_USAGE_SCHEME,
  CRACEN_PSA_GET_KMU_SLOT,
  isCracenKmuKeyId,
} from './cracen-kmu.js';
import { CRACEN_KMU_KEY_USAGE_SCHEME_PROTECTED } from './cracen-metadata.js';
import type { PsaDeviceName } from './device.js';

/** Where a key lives. */
export type KeyPlace = 'its' | 'kmu-slot' | 'builtin' | 'volatile' | 'invalid';

/** CRACEN key usage scheme names, by value. */
export const CRACEN_KMU_SCHEME_NAMES = ['PROTECTED', 'SEED', 'ENCRYPTED', 'RAW'] as const;

/** The answer of `whereIsKey`. */
export interface KeyWhereabouts {
  readonly keyId: number;
  readonly place: KeyPlace;
  /** Why, in plain words, with the rule or source that decides it. */
  readonly explanation: string;
  /** `'its'`: the ITS uid the record is stored under. */
  readonly uid?: bigint;
  /** `'its'`: the ITS client that owns the record (TF-M crypto partition 259; 0 in a library build). */
  readonly itsClient?: number;
  /** `'kmu-slot'`: the first KMU slot. */
  readonly slot?: number;
  /** `'kmu-slot'`: the key usage scheme from the id. */
  readonly scheme?: (typeof CRACEN_KMU_SCHEME_NAMES)[number];
}

/** Options of `whereIsKey`. */
export interface WhereIsKeyOptions {
  /** Default `'nrf9151'`. */
  device?: PsaDeviceName;
  /** `'tfm'` (default): the key is used through TF-M; `'mbedtls'`: the core runs in the application. */
  target?: 'tfm' | 'mbedtls';
  /** The calling client (TF-M: default −0x3C000000, the NS application; library: 0). */
  client?: number;
  /** `MBEDTLS_PSA_KEY_SLOT_COUNT` (default 32): the size of the volatile id range. */
  keySlotCount?: number;
}

/** `CRACEN_BUILTIN_IDENTITY_KEY_ID`, `_MKEK_ID`, `_MEXT_ID` (sdk-nrf `cracen_psa_key_ids.h`). */
const CRACEN_BUILTIN_IDENTITY_KEY_ID = 0x7fffc001;
const CRACEN_BUILTIN_MEXT_ID = 0x7fffc003;

const hex = (n: number | bigint, w = 8): string => `0x${n.toString(16).padStart(w, '0')}`;
const sid = (n: number): string => (n < 0 ? `-0x${(-n).toString(16)}` : String(n));
const SOFTSIM: Record<number, string> = { 10: 'K (KI)', 11: 'KIC', 12: 'KID' };

/** Where key `keyId` lives on `device` behind `target`, and why. */
export function whereIsKey(keyId: number, options: WhereIsKeyOptions = {}): KeyWhereabouts {
  if (typeof keyId !== 'number' || !Number.isInteger(keyId))
    throw new TypeError(`keyId must be an integer, got ${describeType(keyId)}`);
  const device = options.device ?? 'nrf9151';
  if (device !== 'nrf9151' && device !== 'nrf9160' && device !== 'nrf54l15')
    throw new TypeError(`options.device must be 'nrf9151', 'nrf9160' or 'nrf54l15', got ${String(device)}`);
  const target = options.target ?? 'tfm';
  if (target !== 'tfm' && target !== 'mbedtls')
    throw new TypeError(`options.target must be 'tfm' or 'mbedtls', got ${String(target)}`);
  const client = options.client ?? (target === 'tfm' ? TFM_NS_CLIENT_ID_DEFAULT : 0);
  const slots = options.keySlotCount ?? MBEDTLS_PSA_KEY_SLOT_COUNT;
  const nrf91 = device !== 'nrf54l15';
  const id = keyId;
  const at = (place: KeyPlace, explanation: string, extra: Partial<KeyWhereabouts> = {}): KeyWhereabouts => ({
    keyId: id,
    place,
    explanation,
    ...extra,
  });

  if (id === 0)
    return at(
      'invalid',
      'PSA_KEY_ID_NULL names no key: psa_destroy_key(0) and psa_close_key(0) succeed, every other call ' +
        'answers PSA_ERROR_INVALID_HANDLE (psa_open_key: PSA_ERROR_DOES_NOT_EXIST).',
    );
  if (id < 0 || id > PSA_KEY_ID_VENDOR_MAX)
    return at(
      'invalid',
      `${hex(id >>> 0)} is outside the psa_key_id_t ranges (user 1–0x3fffffff, vendor 0x40000000–0x7fffffff).`,
    );

  if (id >= PSA_KEY_ID_USER_MIN && id <= PSA_KEY_ID_USER_MAX) {
    const tfm = target === 'tfm';
    const uid = keyIdToUid(tfm ? client : 0, id);
    const where = tfm
      ? `TF-M's crypto partition (ITS client ${TFM_PARTITION_ID.crypto}) stores it in Internal Trusted Storage (the tfm_its flash ` +
        `partition) under uid owner << 32 | id = ${hex(uid, 16)}, the owner being the calling client ${sid(client)}`
      : `the PSA core stores it in ITS under uid ${hex(uid, 16)} (Mbed TLS file ITS: ${hex(uid, 16)}.psa_its)`;
    const enc =
      tfm && device === 'nrf54l15'
        ? ' On nRF54L, ITS is encrypted at rest by default (CONFIG_TFM_ITS_ENCRYPTED).'
        : tfm
          ? ' On nRF91, ITS is not encrypted at rest unless CONFIG_TFM_ITS_ENCRYPTED=y.'
          : '';
    const softsim =
      nrf91 && SOFTSIM[id]
        ? ` Onomondo SoftSIM calls key ${id} (${SOFTSIM[id]}) "written to KMU", but it is this ordinary persistent ` +
          'key (lifetime PSA_KEY_LIFETIME_PERSISTENT, location 0): nRF91 has no PSA key location for KMU slots.'
        : '';
    return at(
      'its',
      `A user-range id (1–0x3fffffff) is a persistent key in local storage: ${where}.${enc}${softsim} ` +
        'It is loaded into a RAM key slot on first use after each boot and is never in a KMU slot.',
      { uid, itsClient: tfm ? TFM_PARTITION_ID.crypto : 0 },
    );
  }

  if (id >= PSA_KEY_ID_VOLATILE_MIN && id < PSA_KEY_ID_VOLATILE_MIN + slots)
    return at(
      'volatile',
      `Volatile key ids are PSA_KEY_ID_VOLATILE_MIN + key-slot index (${hex(PSA_KEY_ID_VOLATILE_MIN)}–` +
        `${hex(PSA_KEY_ID_VOLATILE_MIN + slots - 1)} with ${slots} slots): the key exists only in RAM and is gone ` +
        'after psa_destroy_key, psa_close_key or a reboot.',
    );

  if (isCracenKmuKeyId(id)) {
    const slot = CRACEN_PSA_GET_KMU_SLOT(id);
    const scheme = CRACEN_KMU_SCHEME_NAMES[CRACEN_PSA_GET_KEY_USAGE_SCHEME(id)]!;
    if (nrf91)
      return at(
        'invalid',
        `${hex(id)} has the shape of a CRACEN KMU key id (0x7fff0000 | scheme << 12 | slot), which exists on ` +
          'nRF54L only (PSA_KEY_LOCATION_CRACEN_KMU). nRF91 has no PSA key location for KMU slots, so the core ' +
          'looks for it in the cache and then ITS and finds nothing (PSA_ERROR_INVALID_HANDLE); importing with ' +
          'that id is PSA_ERROR_INVALID_ARGUMENT.',
      );
    const ns =
      target === 'tfm' && client < 0 && slot > CRACEN_KMU_NS_LAST_SLOT
        ? ` Through TF-M the NS client may only use slots 0–${CRACEN_KMU_NS_LAST_SLOT}, so this id answers PSA_ERROR_NOT_PERMITTED.`
        : '';
    const how =
      scheme === CRACEN_KMU_SCHEME_NAMES[CRACEN_KMU_KEY_USAGE_SCHEME_PROTECTED]
        ? 'pushed only into CRACEN protected RAM, never readable (no EXPORT/COPY)'
        : scheme === 'SEED'
          ? "CRACEN's IKG seed (3 slots, pushed to the SEED register; not for application keys)"
          : scheme === 'ENCRYPTED'
            ? 'stored AES-GCM encrypted with two extra slots for nonce and tag, decrypted into a push area for use'
            : 'stored in clear, pushed into a RAM push area for use';
    return at(
      'kmu-slot',
      `CRACEN KMU slot ${slot}, scheme ${scheme} (PSA_KEY_HANDLE_FROM_CRACEN_KMU_SLOT): ${how}. A 128-bit key ` +
        'takes one slot, 192/256-bit keys two (plus two when ENCRYPTED); the KMU is RRAM, so the key survives ' +
        `reboots without ITS.${ns}`,
      { slot, scheme },
    );
  }

  if (id >= TFM_BUILTIN_KEY_ID_MIN && id <= TFM_BUILTIN_KEY_ID_MAX && target === 'tfm') {
    if (id === TFM_BUILTIN_KEY_ID_HUK)
      return at(
        'builtin',
        nrf91
          ? 'TFM_BUILTIN_KEY_ID_HUK: a 128-bit DERIVE key (policy HKDF-SHA-256) that TF-M derives at use from the ' +
              'KMU slot HUK_KEYSLOT_MEXT (4) with nrf_cc3xx_platform_kmu_shadow_key_derive (label ' +
              '"TFM_HW_UNIQ_KEY\\0", no context). Its material never leaves the CryptoCell; only TF-M partitions use it.'
          : "TFM_BUILTIN_KEY_ID_HUK: a key of CRACEN's isolated key generator (IKG, seeded from KMU slots 183–185); " +
              'only the ITS and PS partitions may use it.',
      );
    if (id === TFM_BUILTIN_KEY_ID_IAK)
      return at(
        'builtin',
        nrf91
          ? 'TFM_BUILTIN_KEY_ID_IAK: the initial-attestation key, from the identity key the KMU holds encrypted with ' +
              'the MKEK (slots 6–7); only the attestation partition uses it.'
          : "TFM_BUILTIN_KEY_ID_IAK: CRACEN's IKG identity key; only the attestation partition uses it.",
      );
    return at(
      'builtin',
      `${hex(id)} is in TF-M's builtin key range (0x7fff815b–0x7fff817b): platform keys provided by TF-M, ` +
        'not stored in ITS.',
    );
  }

  if (device === 'nrf54l15' && id >= CRACEN_BUILTIN_IDENTITY_KEY_ID && id <= CRACEN_BUILTIN_MEXT_ID)
    return at(
      'builtin',
      `${hex(id)} is a CRACEN builtin key (identity key, MKEK or MEXT; location PSA_KEY_LOCATION_CRACEN): ` +
        "generated on demand by CRACEN's isolated key generator from the seed in KMU slots 183–185, never stored " +
        'and never exportable.',
    );

  const builtin = id >= MBEDTLS_PSA_KEY_ID_BUILTIN_MIN && id <= MBEDTLS_PSA_KEY_ID_BUILTIN_MAX;
  return at(
    'invalid',
    `${hex(id)} is in the vendor range${builtin ? ' (builtin sub-range 0x7fff0000–0x7fffefff)' : ''} but names no ` +
      'key here: persistent keys cannot be created with vendor ids (PSA_ERROR_INVALID_ARGUMENT) and a lookup ' +
      'searches the cache and ITS and finds nothing (PSA_ERROR_INVALID_HANDLE).',
  );
}
