/**
 * Key management of the PSA core: import, generate, copy, export, destroy, purge, open,
 * close, get attributes — status for status as Mbed TLS 3.6.5 / the Oberon core
 * (`library/psa_crypto.c`, `library/psa_crypto_slot_management.c`, `library/psa_crypto_storage.c`).
 * Every function is synchronous, takes the calling owner (0 for a library build, the TF-M
 * client id otherwise) and returns a status plus C out-parameters as fields.
 * @module
 */
import { copyBytes } from '../../utils/bytes.js';
import {
  copyAttributes,
  PSA_MAX_KEY_BITS,
  type PsaKeyAttributes,
  psa_key_attributes_init,
} from '../attributes.js';
import {
  PSA_KEY_ID_VOLATILE_MIN,
  PSA_KEY_LIFETIME_GET_LOCATION,
  PSA_KEY_LIFETIME_IS_READ_ONLY,
  PSA_KEY_LIFETIME_IS_VOLATILE,
  PSA_KEY_LOCATION_LOCAL_STORAGE,
  PSA_KEY_TYPE_AES,
  PSA_KEY_TYPE_CATEGORY_MASK,
  PSA_KEY_TYPE_CATEGORY_PUBLIC_KEY,
  PSA_KEY_TYPE_DERIVE,
  PSA_KEY_TYPE_HMAC,
  PSA_KEY_TYPE_IS_UNSTRUCTURED,
  PSA_KEY_TYPE_PASSWORD,
  PSA_KEY_TYPE_PASSWORD_HASH,
  PSA_KEY_TYPE_PEPPER,
  PSA_KEY_TYPE_RAW_DATA,
  PSA_KEY_USAGE_COPY,
  PSA_KEY_USAGE_EXPORT,
} from '../constants/keys.js';
import {
  PSA_ERROR_ALREADY_EXISTS,
  PSA_ERROR_BUFFER_TOO_SMALL,
  PSA_ERROR_DATA_INVALID,
  PSA_ERROR_DOES_NOT_EXIST,
  PSA_ERROR_INSUFFICIENT_ENTROPY,
  PSA_ERROR_INSUFFICIENT_STORAGE,
  PSA_ERROR_INVALID_ARGUMENT,
  PSA_ERROR_INVALID_HANDLE,
  PSA_ERROR_NOT_PERMITTED,
  PSA_ERROR_NOT_SUPPORTED,
  PSA_SUCCESS,
} from '../status.js';
import {
  type CoreFlavor,
  type CoreState,
  drawRandom,
  EntropyError,
  type KeySlot,
  type LocationKeyResult,
  locationDriver,
} from './context.js';
import { formatKeyBlob, PSA_CRYPTO_MAX_STORAGE_SIZE } from './key-blob.js';
import { getAndLockSlotWithPolicy, restrictKeyPolicy, validateKeyPolicy } from './policy.js';
import {
  getAndLockSlot,
  getSlotInMemory,
  isValidKeyId,
  reserveFreeSlot,
  slotUid,
  unregisterRead,
  wipeSlot,
} from './slots.js';

type KeyResult = { status: number; key: number };

const isPublicKeyType = (type: number): boolean =>
  (type & PSA_KEY_TYPE_CATEGORY_MASK) === PSA_KEY_TYPE_CATEGORY_PUBLIC_KEY;

/** `psa_validate_unstructured_key_bit_size` for the key types psa-emu implements. */
export function validateUnstructuredKeyBits(
  type: number,
  bits: number,
  flavor: CoreFlavor = 'oberon',
): number {
  // PEPPER is an Oberon addition; Mbed TLS 3.6.5 does not know it (NOT_SUPPORTED).
  if (type === PSA_KEY_TYPE_PEPPER && flavor === 'mbedtls') return PSA_ERROR_NOT_SUPPORTED;
  switch (type) {
    case PSA_KEY_TYPE_RAW_DATA:
    case PSA_KEY_TYPE_HMAC:
    case PSA_KEY_TYPE_DERIVE:
    case PSA_KEY_TYPE_PASSWORD:
    case PSA_KEY_TYPE_PASSWORD_HASH:
    case PSA_KEY_TYPE_PEPPER:
      break;
    case PSA_KEY_TYPE_AES:
      if (bits !== 128 && bits !== 192 && bits !== 256) return PSA_ERROR_INVALID_ARGUMENT;
      break;
    default:
      return PSA_ERROR_NOT_SUPPORTED;
  }
  return bits % 8 !== 0 ? PSA_ERROR_INVALID_ARGUMENT : PSA_SUCCESS;
}

/** `psa_validate_key_attributes` (the checks `psa_start_key_creation` makes before reserving a slot). */
function validateKeyAttributes(state: CoreState, attr: PsaKeyAttributes): number {
  const { lifetime } = attr;
  if (!PSA_KEY_LIFETIME_IS_VOLATILE(lifetime)) {
    if (!state.config.storage) return PSA_ERROR_NOT_SUPPORTED; // psa_validate_key_persistence
    if (PSA_KEY_LIFETIME_IS_READ_ONLY(lifetime)) return PSA_ERROR_INVALID_ARGUMENT;
    // A location driver's own ids (CRACEN KMU: 0x7fffXYZZ) are accepted for its location.
    const driverId = locationDriver(state, lifetime)?.claims(attr.id) === true;
    if (!isValidKeyId(attr.id, false) && !driverId) return PSA_ERROR_INVALID_ARGUMENT;
  } else if (attr.id !== 0) {
    return PSA_ERROR_INVALID_ARGUMENT;
  }
  const policy = validateKeyPolicy(attr.usage, state.config.flavor);
  if (policy !== PSA_SUCCESS) return policy;
  if (attr.bits > PSA_MAX_KEY_BITS) return PSA_ERROR_NOT_SUPPORTED;
  return PSA_SUCCESS;
}

/** `psa_start_key_creation`: validate, reserve a slot, fill in the attributes (a volatile key gets its id). */
function startKeyCreation(
  state: CoreState,
  owner: number,
  attr: PsaKeyAttributes,
): { status: number; slot?: KeySlot } {
  const status = validateKeyAttributes(state, attr);
  if (status !== PSA_SUCCESS) return { status };
  const r = reserveFreeSlot(state);
  if (!r.slot) return { status: r.status };
  const slot = r.slot;
  Object.assign(slot, {
    id: PSA_KEY_LIFETIME_IS_VOLATILE(attr.lifetime) ? PSA_KEY_ID_VOLATILE_MIN + slot.index : attr.id,
    owner,
    lifetime: attr.lifetime,
    type: attr.type,
    bits: attr.bits,
    usage: attr.usage,
    alg: attr.alg,
    alg2: attr.alg2 ?? 0,
  });
  return { status: PSA_SUCCESS, slot };
}

/** Local storage, or a location with a registered driver; any other location is INVALID_ARGUMENT. */
function checkLocation(state: CoreState, lifetime: number): number {
  return PSA_KEY_LIFETIME_GET_LOCATION(lifetime) === PSA_KEY_LOCATION_LOCAL_STORAGE ||
    locationDriver(state, lifetime)
    ? PSA_SUCCESS
    : PSA_ERROR_INVALID_ARGUMENT;
}

/** The slot's attributes as a driver sees them. */
const slotAttributes = (slot: KeySlot): PsaKeyAttributes => ({
  id: slot.id,
  lifetime: slot.lifetime,
  type: slot.type,
  bits: slot.bits,
  usage: slot.usage,
  alg: slot.alg,
  alg2: slot.alg2,
});

/** Finishes a creation the location driver has done: the bits check, then the cached copy. */
function finishInDriver(state: CoreState, slot: KeySlot, r: LocationKeyResult): KeyResult {
  if (r.status !== PSA_SUCCESS || !r.attributes) return failCreation(state, slot, r.status);
  if (slot.bits === 0) slot.bits = r.attributes.bits;
  else if (slot.bits !== r.attributes.bits) {
    r.key.fill(0);
    return failCreation(state, slot, PSA_ERROR_INVALID_ARGUMENT);
  }
  slot.key = r.key;
  return finishKeyCreation(state, slot);
}

/** `psa_is_key_present_in_storage`: anything but DOES_NOT_EXIST from get_info counts as present. */
function isKeyInStorage(state: CoreState, owner: number, id: number): boolean {
  const its = state.config.its;
  if (!its) return false;
  return its.getInfo(state.config.itsClient, slotUid(state, owner, id)).status !== PSA_ERROR_DOES_NOT_EXIST;
}

/** `psa_save_persistent_key` + `psa_crypto_storage_store`. */
function savePersistentKey(state: CoreState, slot: KeySlot): number {
  const its = state.config.its;
  if (slot.key.length === 0) return PSA_ERROR_INVALID_ARGUMENT;
  if (slot.key.length > PSA_CRYPTO_MAX_STORAGE_SIZE) return PSA_ERROR_INSUFFICIENT_STORAGE;
  if (!its) return PSA_ERROR_NOT_SUPPORTED;
  if (isKeyInStorage(state, slot.owner, slot.id)) return PSA_ERROR_ALREADY_EXISTS;
  const uid = slotUid(state, slot.owner, slot.id);
  const client = state.config.itsClient;
  const blob = formatKeyBlob(slot, slot.key);
  let status = its.set(client, uid, blob, 0);
  // Mbed TLS 3.6.5 reports any psa_its_set failure as DATA_INVALID; Oberon passes it through.
  if (status !== PSA_SUCCESS && state.config.flavor === 'mbedtls') status = PSA_ERROR_DATA_INVALID;
  if (status === PSA_SUCCESS) {
    const info = its.getInfo(client, uid);
    status =
      info.status !== PSA_SUCCESS
        ? info.status
        : info.info.size !== blob.length
          ? PSA_ERROR_DATA_INVALID
          : PSA_SUCCESS;
    if (status !== PSA_SUCCESS) its.remove(client, uid);
  }
  blob.fill(0);
  return status;
}

/** `psa_finish_key_creation`: persist when needed, then the slot becomes usable. */
function finishKeyCreation(state: CoreState, slot: KeySlot): KeyResult {
  // A location driver keeps its keys itself; nothing goes to ITS.
  if (!PSA_KEY_LIFETIME_IS_VOLATILE(slot.lifetime) && !locationDriver(state, slot.lifetime)) {
    const status = savePersistentKey(state, slot);
    if (status !== PSA_SUCCESS) return failCreation(state, slot, status);
  }
  slot.state = 'full';
  unregisterRead(slot);
  return { status: PSA_SUCCESS, key: slot.id };
}

function failCreation(state: CoreState, slot: KeySlot | undefined, status: number): KeyResult {
  if (slot) wipeSlot(state, slot);
  return { status, key: 0 };
}

/**
 * `psa_start_key_creation`, then `create` on the reserved slot. Whatever `create` throws (a
 * location driver, a random source used by a driver) wipes and frees the slot first, so a slot is
 * never left `filling`; the random source's `EntropyError` becomes PSA_ERROR_INSUFFICIENT_ENTROPY,
 * anything else is rethrown.
 */
function createKey(
  state: CoreState,
  owner: number,
  attr: PsaKeyAttributes,
  create: (slot: KeySlot) => KeyResult,
): KeyResult {
  const { status, slot } = startKeyCreation(state, owner, attr);
  if (!slot) return { status, key: 0 };
  try {
    return create(slot);
  } catch (e) {
    wipeSlot(state, slot);
    if (e instanceof EntropyError) return { status: PSA_ERROR_INSUFFICIENT_ENTROPY, key: 0 };
    throw e;
  }
}

/** `psa_import_key(attributes, data, data_length, &key)`. */
export function importKey(
  state: CoreState,
  owner: number,
  attr: PsaKeyAttributes,
  data: Uint8Array,
): KeyResult {
  if (data.length === 0) return { status: PSA_ERROR_INVALID_ARGUMENT, key: 0 };
  return createKey(state, owner, attr, (slot) => {
    const loc = checkLocation(state, slot.lifetime);
    if (loc !== PSA_SUCCESS) return failCreation(state, slot, loc);
    const driver = locationDriver(state, slot.lifetime);
    if (driver) return finishInDriver(state, slot, driver.importKey(owner, slotAttributes(slot), data));
    if (!PSA_KEY_TYPE_IS_UNSTRUCTURED(slot.type)) return failCreation(state, slot, PSA_ERROR_NOT_SUPPORTED);
    const bits = data.length * 8;
    const sized = validateUnstructuredKeyBits(slot.type, bits, state.config.flavor);
    if (sized !== PSA_SUCCESS) return failCreation(state, slot, sized);
    if (slot.bits === 0) slot.bits = bits;
    else if (slot.bits !== bits) return failCreation(state, slot, PSA_ERROR_INVALID_ARGUMENT);
    if (bits > PSA_MAX_KEY_BITS) return failCreation(state, slot, PSA_ERROR_NOT_SUPPORTED);
    slot.key = copyBytes(data);
    return finishKeyCreation(state, slot);
  });
}

/**
 * `psa_generate_key(attributes, &key)` for unstructured key types (random bytes). A failing random
 * source is PSA_ERROR_INSUFFICIENT_ENTROPY (`psa_generate_random_internal`), the slot wiped.
 */
export function generateKey(state: CoreState, owner: number, attr: PsaKeyAttributes): KeyResult {
  if (attr.bits === 0) return { status: PSA_ERROR_INVALID_ARGUMENT, key: 0 };
  if (isPublicKeyType(attr.type)) return { status: PSA_ERROR_INVALID_ARGUMENT, key: 0 };
  return createKey(state, owner, attr, (slot) => {
    const loc = checkLocation(state, slot.lifetime);
    if (loc !== PSA_SUCCESS) return failCreation(state, slot, loc);
    const driver = locationDriver(state, slot.lifetime);
    if (driver)
      return finishInDriver(state, slot, driver.generateKey(owner, slotAttributes(slot), state.config.rng));
    if (!PSA_KEY_TYPE_IS_UNSTRUCTURED(slot.type)) return failCreation(state, slot, PSA_ERROR_NOT_SUPPORTED);
    const sized = validateUnstructuredKeyBits(slot.type, slot.bits, state.config.flavor);
    if (sized !== PSA_SUCCESS) return failCreation(state, slot, sized);
    slot.key = new Uint8Array(slot.bits / 8);
    const random = drawRandom(state, slot.key);
    if (random !== PSA_SUCCESS) return failCreation(state, slot, random);
    return finishKeyCreation(state, slot);
  });
}

/** `psa_copy_key(source_key, attributes, &target_key)`: needs COPY usage; the policy is the intersection. */
export function copyKey(state: CoreState, owner: number, source: number, attr: PsaKeyAttributes): KeyResult {
  const src = getAndLockSlotWithPolicy(state, owner, source, PSA_KEY_USAGE_COPY, 0);
  if (!src.slot) return { status: src.status, key: 0 };
  const s = src.slot;
  try {
    if ((attr.type !== 0 && attr.type !== s.type) || (attr.bits !== 0 && attr.bits !== s.bits)) {
      return { status: PSA_ERROR_INVALID_ARGUMENT, key: 0 };
    }
    const target = copyAttributes(attr);
    target.type = s.type;
    target.bits = s.bits;
    const restricted = restrictKeyPolicy(s.type, target, s);
    if (restricted !== PSA_SUCCESS) return { status: restricted, key: 0 };
    return createKey(state, owner, target, (slot) => {
      if (PSA_KEY_LIFETIME_GET_LOCATION(slot.lifetime) !== PSA_KEY_LIFETIME_GET_LOCATION(s.lifetime)) {
        return failCreation(state, slot, PSA_ERROR_NOT_SUPPORTED);
      }
      const driver = locationDriver(state, slot.lifetime);
      if (driver) return finishInDriver(state, slot, driver.importKey(owner, slotAttributes(slot), s.key));
      slot.key = copyBytes(s.key);
      return finishKeyCreation(state, slot);
    });
  } finally {
    unregisterRead(s);
  }
}

/**
 * `psa_export_key(key, data, data_size, &data_length)`: EXPORT usage is checked before the
 * size; on success the rest of `out` is zeroed.
 */
export function exportKey(
  state: CoreState,
  owner: number,
  id: number,
  out: Uint8Array,
): { status: number; dataLength: number } {
  if (out.length === 0) return { status: PSA_ERROR_BUFFER_TOO_SMALL, dataLength: 0 };
  const r = getAndLockSlotWithPolicy(state, owner, id, PSA_KEY_USAGE_EXPORT, 0);
  if (!r.slot) return { status: r.status, dataLength: 0 };
  const key = r.slot.key;
  unregisterRead(r.slot);
  if (key.length > out.length) return { status: PSA_ERROR_BUFFER_TOO_SMALL, dataLength: 0 };
  out.set(key);
  out.fill(0, key.length);
  return { status: PSA_SUCCESS, dataLength: key.length };
}

/** `psa_destroy_key(key)`: id 0 is a no-op; read-only keys are NOT_PERMITTED (their cached copy is still wiped). */
export function destroyKey(state: CoreState, owner: number, id: number): number {
  if (id === 0) return PSA_SUCCESS;
  const r = getAndLockSlot(state, owner, id);
  if (!r.slot) return r.status;
  const slot = r.slot;
  let status: number = PSA_SUCCESS;
  const driver = locationDriver(state, slot.lifetime);
  if (PSA_KEY_LIFETIME_IS_READ_ONLY(slot.lifetime)) {
    status = PSA_ERROR_NOT_PERMITTED;
  } else if (driver) {
    status = driver.destroyKey(owner, slotAttributes(slot));
  } else if (!PSA_KEY_LIFETIME_IS_VOLATILE(slot.lifetime) && state.config.its) {
    const its = state.config.its;
    const client = state.config.itsClient;
    const uid = slotUid(state, slot.owner, slot.id);
    if (its.getInfo(client, uid).status !== PSA_ERROR_DOES_NOT_EXIST) {
      // psa_destroy_persistent_key: any remove failure, or the record still there, is DATA_INVALID.
      if (its.remove(client, uid) !== PSA_SUCCESS) status = PSA_ERROR_DATA_INVALID;
      else if (its.getInfo(client, uid).status !== PSA_ERROR_DOES_NOT_EXIST) status = PSA_ERROR_DATA_INVALID;
    }
  }
  wipeSlot(state, slot);
  return status;
}

/** `psa_purge_key(key)`: evicts a cached persistent key; memory only (no storage access, no init check). */
export function purgeKey(state: CoreState, owner: number, id: number): number {
  const r = getSlotInMemory(state, owner, id);
  if (!r.slot) return r.status;
  if (!PSA_KEY_LIFETIME_IS_VOLATILE(r.slot.lifetime) && r.slot.readers === 1) wipeSlot(state, r.slot);
  else unregisterRead(r.slot);
  return PSA_SUCCESS;
}

/**
 * `psa_open_key(key, &handle)`: loads the key; the handle is the key id. Without storage
 * (and builtin keys) the core answers NOT_SUPPORTED; an unknown key is DOES_NOT_EXIST.
 */
export function openKey(state: CoreState, owner: number, id: number): { status: number; handle: number } {
  if (!state.config.storage && !state.config.builtinKeys)
    return { status: PSA_ERROR_NOT_SUPPORTED, handle: 0 };
  const r = getAndLockSlot(state, owner, id);
  if (!r.slot)
    return { status: r.status === PSA_ERROR_INVALID_HANDLE ? PSA_ERROR_DOES_NOT_EXIST : r.status, handle: 0 };
  unregisterRead(r.slot);
  return { status: PSA_SUCCESS, handle: id };
}

/**
 * `psa_close_key(handle)`: 0 is a no-op; otherwise only the cache is searched (INVALID_HANDLE
 * when absent) and the slot is wiped — which destroys a volatile key and evicts a persistent one.
 */
export function closeKey(state: CoreState, owner: number, handle: number): number {
  if (handle === 0) return PSA_SUCCESS;
  const r = getSlotInMemory(state, owner, handle);
  if (!r.slot) return r.status === PSA_ERROR_DOES_NOT_EXIST ? PSA_ERROR_INVALID_HANDLE : r.status;
  if (r.slot.readers === 1) wipeSlot(state, r.slot);
  else unregisterRead(r.slot);
  return PSA_SUCCESS;
}

/** `psa_get_key_attributes(key, &attributes)`: attributes are all zero on error. */
export function getKeyAttributes(
  state: CoreState,
  owner: number,
  id: number,
): { status: number; attributes: PsaKeyAttributes } {
  const r = getAndLockSlotWithPolicy(state, owner, id, 0, 0);
  if (!r.slot) return { status: r.status, attributes: psa_key_attributes_init() };
  const s = r.slot;
  unregisterRead(s);
  return {
    status: PSA_SUCCESS,
    attributes: {
      id: s.id,
      lifetime: s.lifetime,
      type: s.type,
      bits: s.bits,
      usage: s.usage,
      alg: s.alg,
      alg2: s.alg2,
    },
  };
}
