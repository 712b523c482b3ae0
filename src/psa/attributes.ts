/**
 * `psa_key_attributes_t` and the C accessor macros, with the same side effects as
 * Mbed TLS 3.6.5 `include/psa/crypto_struct.h` (e.g. setting an id makes a volatile
 * lifetime persistent; setting a volatile lifetime clears the id).
 * Spec: PSA Certified Crypto API 1.2, §9.1 "Key attributes".
 * @module
 */
import { describeType } from '../utils/bytes.js';
import {
  PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION,
  PSA_KEY_LIFETIME_GET_LOCATION,
  PSA_KEY_LIFETIME_IS_VOLATILE,
  PSA_KEY_PERSISTENCE_DEFAULT,
} from './constants/keys.js';
import { extendUsageFlags } from './usage-flags.js';

/** Largest key size the core accepts (`PSA_MAX_KEY_BITS`). */
export const PSA_MAX_KEY_BITS = 0xfff8;
/** What `psa_set_key_bits` stores for a size above `PSA_MAX_KEY_BITS` (`PSA_KEY_BITS_TOO_LARGE`). */
export const PSA_KEY_BITS_TOO_LARGE = 0xffff;

/**
 * A key's attributes, as the C structure holds them. Create with `psa_key_attributes_init()`
 * and change with the `psa_set_key_*` functions (or assign fields directly, as you like).
 */
export interface PsaKeyAttributes {
  /** `psa_key_id_t`; 0 for a volatile key before creation. */
  id: number;
  /** `psa_key_lifetime_t`: location << 8 | persistence. */
  lifetime: number;
  /** `psa_key_type_t`. */
  type: number;
  /** Key size in bits; 0 = derive it from the data on import. */
  bits: number;
  /** `psa_key_usage_t` usage flags. */
  usage: number;
  /** The permitted algorithm (`psa_key_policy_t.alg`). */
  alg: number;
  /** The second permitted algorithm (Mbed TLS enrollment algorithm, `alg2`); 0 = none. */
  alg2: number;
}

/** `psa_key_attributes_init()` / `PSA_KEY_ATTRIBUTES_INIT`: all fields 0. */
export function psa_key_attributes_init(): PsaKeyAttributes {
  return { id: 0, lifetime: 0, type: 0, bits: 0, usage: 0, alg: 0, alg2: 0 };
}

/** `psa_set_key_id`: also turns a volatile lifetime into the default persistence (same location). */
export function psa_set_key_id(attributes: PsaKeyAttributes, id: number): void {
  checkAttributes(attributes);
  attributes.id = u32('id', id);
  if (PSA_KEY_LIFETIME_IS_VOLATILE(attributes.lifetime)) {
    attributes.lifetime = PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(
      PSA_KEY_PERSISTENCE_DEFAULT,
      PSA_KEY_LIFETIME_GET_LOCATION(attributes.lifetime),
    );
  }
}
/** `psa_get_key_id`. */
export function psa_get_key_id(attributes: PsaKeyAttributes): number {
  return checkAttributes(attributes).id;
}
/** `psa_set_key_lifetime`: a volatile lifetime clears the id. */
export function psa_set_key_lifetime(attributes: PsaKeyAttributes, lifetime: number): void {
  checkAttributes(attributes);
  attributes.lifetime = u32('lifetime', lifetime);
  if (PSA_KEY_LIFETIME_IS_VOLATILE(attributes.lifetime)) attributes.id = 0;
}
/** `psa_get_key_lifetime`. */
export function psa_get_key_lifetime(attributes: PsaKeyAttributes): number {
  return checkAttributes(attributes).lifetime;
}
/** `psa_set_key_type`. */
export function psa_set_key_type(attributes: PsaKeyAttributes, type: number): void {
  checkAttributes(attributes).type = uint('type', type, 0xffff);
}
/** `psa_get_key_type`. */
export function psa_get_key_type(attributes: PsaKeyAttributes): number {
  return checkAttributes(attributes).type;
}
/** `psa_set_key_bits`: sizes above `PSA_MAX_KEY_BITS` are stored as `PSA_KEY_BITS_TOO_LARGE`. */
export function psa_set_key_bits(attributes: PsaKeyAttributes, bits: number): void {
  checkAttributes(attributes);
  const b = u32('bits', bits);
  attributes.bits = b > PSA_MAX_KEY_BITS ? PSA_KEY_BITS_TOO_LARGE : b;
}
/** `psa_get_key_bits`. */
export function psa_get_key_bits(attributes: PsaKeyAttributes): number {
  return checkAttributes(attributes).bits;
}
/**
 * `psa_set_key_usage_flags`: like the C inline (`crypto_struct.h`), SIGN_HASH implies
 * SIGN_MESSAGE and VERIFY_HASH implies VERIFY_MESSAGE (`psa_extend_key_usage_flags`).
 */
export function psa_set_key_usage_flags(attributes: PsaKeyAttributes, usage: number): void {
  const u = extendUsageFlags(u32('usage', usage));
  checkAttributes(attributes).usage = u;
}
/** `psa_get_key_usage_flags`. */
export function psa_get_key_usage_flags(attributes: PsaKeyAttributes): number {
  return checkAttributes(attributes).usage;
}
/** `psa_set_key_algorithm` (the policy's permitted algorithm). */
export function psa_set_key_algorithm(attributes: PsaKeyAttributes, alg: number): void {
  checkAttributes(attributes).alg = u32('alg', alg);
}
/** `psa_get_key_algorithm`. */
export function psa_get_key_algorithm(attributes: PsaKeyAttributes): number {
  return checkAttributes(attributes).alg;
}
/** `psa_reset_key_attributes`: back to all zeros. */
export function psa_reset_key_attributes(attributes: PsaKeyAttributes): void {
  Object.assign(checkAttributes(attributes), psa_key_attributes_init());
}

const FIELDS = ['id', 'lifetime', 'type', 'bits', 'usage', 'alg', 'alg2'] as const;

/**
 * Validates an attributes object received from a caller: an object whose fields are
 * integers in range. Throws a `TypeError`/`RangeError` naming the field.
 */
export function checkAttributes(attributes: unknown, name = 'attributes'): PsaKeyAttributes {
  if (typeof attributes !== 'object' || attributes === null) {
    throw new TypeError(
      `${name} must be a psa_key_attributes_t object (psa_key_attributes_init()), got ${describeType(attributes)}`,
    );
  }
  const a = attributes as Record<string, unknown>;
  for (const f of FIELDS) {
    const v = a[f];
    if (f === 'alg2' && v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) {
      throw new TypeError(
        `${name}.${f} must be an unsigned 32-bit integer, got ${describeType(v)}${typeof v === 'number' ? ` ${v}` : ''}`,
      );
    }
  }
  if ((a.type as number) > 0xffff) throw new RangeError(`${name}.type must fit in 16 bits`);
  if ((a.bits as number) > 0xffff) throw new RangeError(`${name}.bits must fit in 16 bits`);
  return attributes as PsaKeyAttributes;
}

/** A copy with every field present (alg2 defaults to 0). */
export function copyAttributes(a: PsaKeyAttributes): PsaKeyAttributes {
  return {
    id: a.id,
    lifetime: a.lifetime,
    type: a.type,
    bits: a.bits,
    usage: a.usage,
    alg: a.alg,
    alg2: a.alg2 ?? 0,
  };
}

function u32(name: string, v: unknown): number {
  return uint(name, v, 0xffffffff);
}
function uint(name: string, v: unknown, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v))
    throw new TypeError(`${name} must be an integer, got ${describeType(v)}`);
  if (v < 0 || v > max) throw new RangeError(`${name} must be between 0 and 0x${max.toString(16)}, got ${v}`);
  return v;
}
