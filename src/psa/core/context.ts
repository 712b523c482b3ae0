/**
 * The PSA core's state and build configuration: what `library/psa_crypto.c` keeps in
 * `global_data` (initialised flag, key slots, RNG) plus the compile-time options that change
 * behaviour (`MBEDTLS_PSA_CRYPTO_STORAGE_C`, owner encoding, which core's check order).
 * @module
 */
import type { Its } from '../../its/its.js';
import type { PsaKeyAttributes } from '../attributes.js';
import { MBEDTLS_PSA_KEY_SLOT_COUNT, PSA_KEY_LIFETIME_GET_LOCATION } from '../constants/keys.js';
import { PsaError } from '../error.js';
import { PSA_ERROR_INSUFFICIENT_ENTROPY, PSA_SUCCESS } from '../status.js';
import type { AesKey } from './aes-block.js';

/**
 * Which PSA core to reproduce where they differ:
 * - `'oberon'`: the Oberon PSA core + Oberon drivers of NCS v3.2.2 (TF-M on nRF91);
 * - `'mbedtls'`: Mbed TLS 3.6.5 with its builtin drivers.
 * Key management is identical; cipher check order and the ITS error mapping on import differ.
 */
export type CoreFlavor = 'oberon' | 'mbedtls';

/** A random-byte source: fills `out` completely. */
export type RandomSource = (out: Uint8Array) => void;

/**
 * What the core's random source throws when the configured one fails: a `PsaError`
 * PSA_ERROR_INSUFFICIENT_ENTROPY, the status Mbed TLS gives when its DRBG cannot get entropy
 * (`MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED` through `mbedtls_to_psa_error`). The original
 * error is the `cause`; the message never repeats it.
 */
export class EntropyError extends PsaError {
  constructor(cause: unknown) {
    super(PSA_ERROR_INSUFFICIENT_ENTROPY, 'the random source failed');
    this.cause = cause;
  }
}

const guarded = new WeakSet<RandomSource>();

/**
 * `source` as the core uses it: a throw becomes an `EntropyError` and `out` is zeroed (no
 * partial random bytes survive). Idempotent, so a source can be guarded once and shared with
 * the key-location drivers.
 */
export function guardRandom(source: RandomSource): RandomSource {
  if (guarded.has(source)) return source;
  const rng: RandomSource = (out) => {
    try {
      source(out);
    } catch (cause) {
      out.fill(0);
      throw cause instanceof EntropyError ? cause : new EntropyError(cause);
    }
  };
  guarded.add(rng);
  return rng;
}

/**
 * `psa_generate_random_internal`: fills `out` from the core's source; PSA_SUCCESS, or
 * PSA_ERROR_INSUFFICIENT_ENTROPY (with `out` zeroed) when the source fails.
 */
export function drawRandom(state: CoreState, out: Uint8Array): number {
  try {
    state.config.rng(out);
    return PSA_SUCCESS;
  } catch (e) {
    if (e instanceof EntropyError) return e.status;
    throw e;
  }
}

/** Build configuration of a core instance (fixed for its lifetime). */
export interface CoreConfig {
  readonly flavor: CoreFlavor;
  /** `MBEDTLS_PSA_CRYPTO_STORAGE_C`: persistent keys supported. */
  readonly storage: boolean;
  /** `MBEDTLS_PSA_CRYPTO_BUILTIN_KEYS`. */
  readonly builtinKeys: boolean;
  /** `MBEDTLS_PSA_CRYPTO_KEY_ID_ENCODES_OWNER`: ITS uid = owner << 32 | id (TF-M requires it). */
  readonly encodeOwner: boolean;
  /** The ITS client the core writes key records as (TF-M crypto partition 259; 0 for a library). */
  readonly itsClient: number;
  /** ITS used for persistent keys (`undefined` when there is none). */
  readonly its: Its | undefined;
  /**
   * Random source for IVs, key generation and `psa_generate_random`. `createCoreState` guards
   * it (`guardRandom`): a throw reaches the core as an `EntropyError`.
   */
  readonly rng: RandomSource;
  /** `MBEDTLS_PSA_KEY_SLOT_COUNT`. */
  readonly slotCount: number;
  /** Drivers of key locations other than local storage, by location (e.g. the nRF54L CRACEN KMU). */
  readonly locations?: ReadonlyMap<number, KeyLocationDriver>;
}

/** What a location driver answers: the key's attributes and material as the cache holds them. */
export type LocationKeyResult =
  | { status: 0; attributes: PsaKeyAttributes; key: Uint8Array }
  | { status: number; attributes?: undefined; key?: undefined };

/**
 * A key location with its own storage (an opaque driver whose keys are also builtin keys, as the
 * CRACEN KMU is in NCS). The core asks it instead of ITS: `psa_import_key`/`generate`/`copy` into
 * its location, `psa_get_and_lock_key_slot` for ids it `claims` (before ITS, like
 * `psa_load_builtin_key_into_slot`), `psa_destroy_key` for its keys. Statuses pass through.
 */
export interface KeyLocationDriver {
  /** The `psa_key_location_t` served. */
  readonly location: number;
  /** Whether `id` names a key of this location (a builtin key id the platform maps to the driver). */
  claims(id: number): boolean;
  /** Creates a key from `data` for `owner`; the result's `bits` are what the core checks. */
  importKey(owner: number, attributes: Readonly<PsaKeyAttributes>, data: Uint8Array): LocationKeyResult;
  /** Creates a random key (`psa_generate_key` in this location). */
  generateKey(owner: number, attributes: Readonly<PsaKeyAttributes>, rng: RandomSource): LocationKeyResult;
  /** Loads key `id` for `owner`; DOES_NOT_EXIST lets the core go on to ITS. */
  loadKey(owner: number, id: number): LocationKeyResult;
  /** Destroys the key described by `attributes` (as loaded) for `owner`. */
  destroyKey(owner: number, attributes: Readonly<PsaKeyAttributes>): number;
}

/** The driver of `lifetime`'s location, if one is registered. */
export function locationDriver(state: CoreState, lifetime: number): KeyLocationDriver | undefined {
  return state.config.locations?.get(PSA_KEY_LIFETIME_GET_LOCATION(lifetime));
}

/** The registered driver that claims key id `id`, if any. */
export function claimingDriver(state: CoreState, id: number): KeyLocationDriver | undefined {
  const locations = state.config.locations;
  if (!locations) return undefined;
  for (const d of locations.values()) if (d.claims(id)) return d;
  return undefined;
}

/** One entry of the key-slot cache (`psa_key_slot_t`). */
export interface KeySlot {
  readonly index: number;
  /** `'filling'` while a key is being created or loaded; `'full'` when usable. */
  state: 'filling' | 'full';
  id: number;
  owner: number;
  lifetime: number;
  type: number;
  bits: number;
  usage: number;
  alg: number;
  alg2: number;
  /** The key material (wiped when the slot is freed). */
  key: Uint8Array;
  /**
   * The AES key schedule, expanded on first use by a single-part cipher call and kept while the
   * key is cached (wiped with the slot); multipart operations expand their own copy.
   */
  aes?: AesKey | undefined;
  /** Registered readers (`registered_readers`): a slot with readers is never evicted. */
  readers: number;
}

/** Mutable core state (`global_data`). */
export interface CoreState {
  readonly config: CoreConfig;
  initialized: boolean;
  slots: (KeySlot | undefined)[];
}

/** Creates a core state in the "not initialised" state (before `psa_crypto_init`). */
export function createCoreState(config: Omit<CoreConfig, 'slotCount'> & { slotCount?: number }): CoreState {
  const slotCount = config.slotCount ?? MBEDTLS_PSA_KEY_SLOT_COUNT;
  return {
    config: { ...config, rng: guardRandom(config.rng), slotCount },
    initialized: false,
    slots: new Array<KeySlot | undefined>(slotCount).fill(undefined),
  };
}
