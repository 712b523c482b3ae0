/**
 * The key-slot cache, as `library/psa_crypto_slot_management.c` (Mbed TLS 3.6.5 ≡ Oberon
 * core, static key store) manages it: `MBEDTLS_PSA_KEY_SLOT_COUNT` slots; a volatile key's id
 * is `PSA_KEY_ID_VOLATILE_MIN + slot index`; a persistent key is loaded from ITS into a free
 * slot on first use, evicting the first unlocked persistent key when the cache is full;
 * `PSA_ERROR_INSUFFICIENT_MEMORY` only when every slot holds a volatile or locked key.
 * @module
 */

import { redact } from '../../utils/redact.js';
import {
  PSA_KEY_ID_USER_MAX,
  PSA_KEY_ID_USER_MIN,
  PSA_KEY_ID_VENDOR_MAX,
  PSA_KEY_ID_VENDOR_MIN,
  PSA_KEY_ID_VOLATILE_MIN,
  PSA_KEY_LIFETIME_IS_VOLATILE,
  PSA_KEY_LIFETIME_PERSISTENT,
} from '../constants/keys.js';
import {
  PSA_ERROR_BAD_STATE,
  PSA_ERROR_DATA_INVALID,
  PSA_ERROR_DOES_NOT_EXIST,
  PSA_ERROR_INSUFFICIENT_MEMORY,
  PSA_ERROR_INVALID_HANDLE,
  PSA_ERROR_STORAGE_FAILURE,
  PSA_SUCCESS,
} from '../status.js';
import { extendUsageFlags } from '../usage-flags.js';
import { type CoreState, claimingDriver, type KeySlot } from './context.js';
import { keyIdToUid, parseKeyBlob } from './key-blob.js';

/** Result of a slot lookup: a status and, on success, the slot (with one reader registered). */
export type SlotResult = { status: 0; slot: KeySlot } | { status: number; slot: undefined };

const fail = (status: number): SlotResult => ({ status, slot: undefined });

/** `psa_is_valid_key_id(key, vendor_ok)`: user range, plus the vendor range when `vendorOk`. */
export function isValidKeyId(id: number, vendorOk: boolean): boolean {
  if (id >= PSA_KEY_ID_USER_MIN && id <= PSA_KEY_ID_USER_MAX) return true;
  return vendorOk && id >= PSA_KEY_ID_VENDOR_MIN && id <= PSA_KEY_ID_VENDOR_MAX;
}

/** `psa_key_id_is_volatile(key_id)` for the static key store. */
export function isVolatileKeyId(state: CoreState, id: number): boolean {
  return id >= PSA_KEY_ID_VOLATILE_MIN && id < PSA_KEY_ID_VOLATILE_MIN + state.config.slotCount;
}

/** The ITS uid a persistent key is stored under. */
export function slotUid(state: CoreState, owner: number, id: number): bigint {
  return state.config.encodeOwner ? keyIdToUid(owner, id) : BigInt(id >>> 0);
}

/** `psa_get_and_lock_key_slot_in_memory`: finds a cached key; DOES_NOT_EXIST when not cached. */
export function getSlotInMemory(state: CoreState, owner: number, id: number): SlotResult {
  let slot: KeySlot | undefined;
  if (isVolatileKeyId(state, id)) {
    const s = state.slots[id - PSA_KEY_ID_VOLATILE_MIN];
    if (s && s.state === 'full' && s.id === id && s.owner === owner) slot = s;
  } else {
    if (!isValidKeyId(id, true)) return fail(PSA_ERROR_INVALID_HANDLE);
    slot = state.slots.find((s) => s !== undefined && s.state === 'full' && s.id === id && s.owner === owner);
  }
  if (!slot) return fail(PSA_ERROR_DOES_NOT_EXIST);
  slot.readers++;
  return { status: PSA_SUCCESS, slot };
}

/**
 * `psa_reserve_free_key_slot`: the first empty slot, else the first unlocked persistent key
 * is evicted (it will be reloaded from storage when needed). The slot is returned in the
 * `filling` state with one reader.
 */
export function reserveFreeSlot(state: CoreState): SlotResult {
  if (!state.initialized) return fail(PSA_ERROR_BAD_STATE);
  let index = state.slots.indexOf(undefined);
  if (index < 0) {
    index = state.slots.findIndex(
      (s) =>
        s !== undefined && s.state === 'full' && s.readers === 0 && !PSA_KEY_LIFETIME_IS_VOLATILE(s.lifetime),
    );
    if (index < 0) return fail(PSA_ERROR_INSUFFICIENT_MEMORY);
    wipeSlot(state, state.slots[index]!);
  }
  const slot: KeySlot = {
    index,
    state: 'filling',
    id: 0,
    owner: 0,
    lifetime: 0,
    type: 0,
    bits: 0,
    usage: 0,
    alg: 0,
    alg2: 0,
    key: new Uint8Array(0),
    readers: 1,
  };
  // A slot holds key bytes and maybe an expanded schedule: never let them reach JSON/inspect/logs.
  redact(slot, `psa_key_slot_t #${index}`);
  state.slots[index] = slot;
  return { status: PSA_SUCCESS, slot };
}

/** `psa_wipe_key_slot`: zeroes the key material and frees the slot. */
export function wipeSlot(state: CoreState, slot: KeySlot): void {
  slot.key.fill(0);
  slot.key = new Uint8Array(0);
  slot.aes?.wipe();
  slot.aes = undefined;
  slot.readers = 0;
  if (state.slots[slot.index] === slot) state.slots[slot.index] = undefined;
}

/** `psa_unregister_read`. */
export function unregisterRead(slot: KeySlot | undefined): void {
  if (slot && slot.readers > 0) slot.readers--;
}

/**
 * `psa_get_and_lock_key_slot`: a cached key, else load it into a reserved slot — from the
 * location driver that claims the id first (`psa_load_builtin_key_into_slot`), then from ITS.
 * A key that is nowhere gives `PSA_ERROR_INVALID_HANDLE` (`psa_open_key` turns that into
 * DOES_NOT_EXIST). Driver, storage and parse errors pass through.
 */
export function getAndLockSlot(state: CoreState, owner: number, id: number): SlotResult {
  if (!state.initialized) return fail(PSA_ERROR_BAD_STATE);
  const found = getSlotInMemory(state, owner, id);
  if (found.status !== PSA_ERROR_DOES_NOT_EXIST) return found;
  const { storage, builtinKeys } = state.config;
  const driver = claimingDriver(state, id);
  if (!storage && !builtinKeys && !driver) return fail(PSA_ERROR_INVALID_HANDLE);
  const reserved = reserveFreeSlot(state);
  if (!reserved.slot) return reserved;
  const slot = reserved.slot;
  slot.id = id;
  slot.owner = owner;
  slot.lifetime = PSA_KEY_LIFETIME_PERSISTENT;
  let status: number = PSA_ERROR_DOES_NOT_EXIST;
  try {
    if (driver) {
      const r = driver.loadKey(owner, id);
      status = r.status;
      if (r.attributes) {
        Object.assign(slot, r.attributes, { id, owner });
        slot.key = r.key;
      }
    }
    if (status === PSA_ERROR_DOES_NOT_EXIST && storage) status = loadPersistentKey(state, slot);
  } catch (e) {
    // A throwing driver or store must not leave the slot reserved ('filling', one reader) forever.
    wipeSlot(state, slot);
    throw e;
  }
  if (status !== PSA_SUCCESS) {
    wipeSlot(state, slot);
    return fail(status === PSA_ERROR_DOES_NOT_EXIST ? PSA_ERROR_INVALID_HANDLE : status);
  }
  slot.usage = extendUsageFlags(slot.usage);
  slot.state = 'full';
  return { status: PSA_SUCCESS, slot };
}

/** `psa_load_persistent_key_into_slot` (`psa_crypto_storage.c:psa_load_persistent_key`). */
function loadPersistentKey(state: CoreState, slot: KeySlot): number {
  const its = state.config.its;
  if (!its) return PSA_ERROR_DOES_NOT_EXIST;
  const uid = slotUid(state, slot.owner, slot.id);
  const info = its.getInfo(state.config.itsClient, uid);
  if (info.status !== PSA_SUCCESS) return info.status;
  const blob = new Uint8Array(info.info.size);
  const got = its.get(state.config.itsClient, uid, 0, blob);
  // psa_crypto_storage_load: the read length is checked before the ITS status, so any failed or
  // short read of a record whose size get_info reported is DATA_INVALID.
  if (got.status !== PSA_SUCCESS || got.dataLength !== blob.length) {
    blob.fill(0);
    return PSA_ERROR_DATA_INVALID;
  }
  const parsed = parseKeyBlob(blob);
  blob.fill(0);
  if (typeof parsed === 'number') return parsed;
  // "All keys saved to persistent storage always have a key context".
  if (parsed.key.length === 0) return PSA_ERROR_STORAGE_FAILURE;
  Object.assign(slot, parsed.attr);
  slot.key = parsed.key;
  return PSA_SUCCESS;
}
