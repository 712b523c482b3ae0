/**
 * Builds the two faces of the C API over one boundary: `cSync` (synchronous) and `c` (every
 * service call returns a Promise that resolves once the storage has made the call's changes
 * durable). Both read the one table, so they cannot drift apart.
 * @module
 */
import type { ItsStore } from '../../its/store.js';
import {
  psa_get_key_algorithm,
  psa_get_key_bits,
  psa_get_key_id,
  psa_get_key_lifetime,
  psa_get_key_type,
  psa_get_key_usage_flags,
  psa_key_attributes_init,
  psa_reset_key_attributes,
  psa_set_key_algorithm,
  psa_set_key_bits,
  psa_set_key_id,
  psa_set_key_lifetime,
  psa_set_key_type,
  psa_set_key_usage_flags,
} from '../attributes.js';
import type { Boundary } from '../service/boundary.js';
import {
  psa_cipher_operation_init,
  psa_hash_operation_init,
  psa_mac_operation_init,
} from '../service/operations.js';
import { checkServiceArgs } from '../service/service.js';
import { PSA_SERVICE_TABLE } from '../service/table.js';
import type { PsaC, PsaCSync, PsaLocalApi, PsaServiceApi } from './c-api.js';

/** Builds `{ c, cSync }` for calls made as `client`. */
export function buildCFaces(
  boundary: Boundary,
  store: ItsStore,
  client: number,
): { c: PsaC; cSync: PsaCSync } {
  const local: PsaLocalApi = {
    psa_crypto_init: () => boundary.init(),
    mbedtls_psa_crypto_free: () => boundary.reboot(),
    psa_key_attributes_init,
    psa_set_key_id,
    psa_get_key_id,
    psa_set_key_lifetime,
    psa_get_key_lifetime,
    psa_set_key_type,
    psa_get_key_type,
    psa_set_key_bits,
    psa_get_key_bits,
    psa_set_key_usage_flags,
    psa_get_key_usage_flags,
    psa_set_key_algorithm,
    psa_get_key_algorithm,
    psa_reset_key_attributes,
    psa_hash_operation_init,
    psa_mac_operation_init,
    psa_cipher_operation_init,
  };
  const sync: Record<string, (...args: unknown[]) => unknown> = {};
  const async: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const spec of PSA_SERVICE_TABLE.values()) {
    const call = (...args: unknown[]): unknown => {
      checkServiceArgs(spec.name, args);
      return boundary.call(spec, args, client);
    };
    Object.defineProperty(call, 'name', { value: spec.name });
    sync[spec.name] = call;
    async[spec.name] = async (...args: unknown[]) => {
      const result = call(...args);
      if (store.durability !== 'sync') await store.flush();
      return result;
    };
  }
  return {
    cSync: Object.freeze({ ...local, ...(sync as unknown as PsaServiceApi) }),
    c: Object.freeze({ ...local, ...(async as unknown as PsaC) }) as PsaC,
  };
}
