/**
 * Readable names for what the page prints: key types, algorithms, usage flags, lifetimes,
 * ITS clients and who decided a call's status at the TF-M boundary. Values from the PSA
 * Certified Crypto API 1.2 (`psa/crypto_values.h`) via psa-emu's constants.
 * @module
 */

import { usageNames } from '../../src/psa/api/names.js';
import {
  PSA_ALG_CBC_NO_PADDING,
  PSA_ALG_CBC_PKCS7,
  PSA_ALG_CCM,
  PSA_ALG_CMAC,
  PSA_ALG_CTR,
  PSA_ALG_ECB_NO_PADDING,
  PSA_ALG_GCM,
  PSA_ALG_HMAC,
  PSA_ALG_SHA_256,
} from '../../src/psa/constants/algorithms.js';
import {
  PSA_KEY_LIFETIME_PERSISTENT,
  PSA_KEY_LIFETIME_VOLATILE,
  PSA_KEY_TYPE_AES,
  PSA_KEY_TYPE_DERIVE,
  PSA_KEY_TYPE_HMAC,
  PSA_KEY_TYPE_RAW_DATA,
} from '../../src/psa/constants/keys.js';
import { psaStatusName } from '../../src/psa/status.js';
import { SOFTSIM_NVS_CLIENT } from '../../src/softsim/nvs.js';
import type { TfmCallTrace } from '../../src/tfm/boundary.js';
import { TFM_NS_CLIENT_ID_DEFAULT, TFM_PARTITION_ID } from '../../src/tfm/config.js';

const hex = (v: number, digits: number) => `0x${(v >>> 0).toString(16).padStart(digits, '0')}`;

const TYPES = new Map<number, string>([
  [PSA_KEY_TYPE_AES, 'AES'],
  [PSA_KEY_TYPE_HMAC, 'HMAC'],
  [PSA_KEY_TYPE_RAW_DATA, 'RAW_DATA'],
  [PSA_KEY_TYPE_DERIVE, 'DERIVE'],
]);

const ALGS = new Map<number, string>([
  [PSA_ALG_CBC_NO_PADDING, 'CBC_NO_PADDING'],
  [PSA_ALG_CBC_PKCS7, 'CBC_PKCS7'],
  [PSA_ALG_ECB_NO_PADDING, 'ECB_NO_PADDING'],
  [PSA_ALG_CTR, 'CTR'],
  [PSA_ALG_CMAC, 'CMAC'],
  [PSA_ALG_CCM, 'CCM'],
  [PSA_ALG_GCM, 'GCM'],
  [PSA_ALG_SHA_256, 'SHA_256'],
  [PSA_ALG_HMAC(PSA_ALG_SHA_256), 'HMAC(SHA_256)'],
]);

/** `AES (0x2400)`. */
export function keyTypeName(type: number): string {
  const n = TYPES.get(type);
  return n ? `${n} (${hex(type, 4)})` : hex(type, 4);
}

/** `CBC_NO_PADDING (0x04404000)`. */
export function algorithmName(alg: number): string {
  const n = ALGS.get(alg);
  return n ? `${n} (${hex(alg, 8)})` : hex(alg, 8);
}

/** `encrypt, decrypt (0x300)`. */
export function usageText(usage: number): string {
  const names = usageNames(usage);
  return `${names.length ? names.join(', ') : 'none'} (${hex(usage, 1)})`;
}

/** `persistent`, `volatile` or the value. */
export function lifetimeName(lifetime: number): string {
  if (lifetime === PSA_KEY_LIFETIME_PERSISTENT) return 'persistent';
  if (lifetime === PSA_KEY_LIFETIME_VOLATILE) return 'volatile';
  return hex(lifetime, 8);
}

/** `-134 PSA_ERROR_NOT_SUPPORTED` (the value as C prints it, then its name). */
export function statusText(status: number): string {
  return `${status} ${psaStatusName(status)}`;
}

/** A key owner (the client id encoded in the uid): the NS client, a partition, or the number. */
export function ownerName(owner: number): string {
  if (owner === TFM_NS_CLIENT_ID_DEFAULT) return `NS app (−${hex(-owner, 8)})`;
  return clientName(owner);
}

/** An ITS client id: a TF-M partition, the NS client, or another area of the emulated flash. */
export function clientName(client: number): string {
  const partition = Object.entries(TFM_PARTITION_ID).find(([, id]) => id === client);
  if (partition) return `${client} (TF-M ${partitionLabel(partition[0])})`;
  if (client === TFM_NS_CLIENT_ID_DEFAULT) return `NS app (−${hex(-client, 8)})`;
  if (client === SOFTSIM_NVS_CLIENT) return 'SoftSIM NVS (not ITS)';
  return client > 0xffff ? `flash area '${asciiTag(client)}' (not ITS)` : String(client);
}

function partitionLabel(key: string): string {
  return (
    {
      protectedStorage: 'Protected Storage',
      internalTrustedStorage: 'ITS',
      crypto: 'crypto partition',
      platform: 'platform',
      initialAttestation: 'attestation',
    }[key] ?? key
  );
}

/** A client id that spells a tag ('NVS', 'KMU9') as its ASCII letters. */
function asciiTag(v: number): string {
  let s = '';
  for (let x = v >>> 0; x > 0; x = Math.floor(x / 256)) s = String.fromCharCode(x & 0xff) + s;
  return /^[\x20-\x7e]+$/.test(s) ? s : hex(v, 8);
}

/** A 64-bit ITS uid as `0xc4000000_0000000a`. */
export function uidText(uid: bigint): string {
  const h = uid.toString(16).padStart(16, '0');
  return `0x${h.slice(0, 8)}_${h.slice(8)}`;
}

/** Who decided a call's status at the TF-M boundary, in words. */
export const DECIDED_BY: Readonly<Record<TfmCallTrace['decidedBy'], string>> = {
  'ns-client': 'NS client stub',
  scratch: 'TF-M scratch buffer',
  'module-gate': 'TF-M dispatcher: module not built',
  'single-part-gate': 'TF-M dispatcher: single-part calls off',
  'operation-table': 'TF-M operation table',
  core: 'PSA core',
  its: 'ITS partition',
};
