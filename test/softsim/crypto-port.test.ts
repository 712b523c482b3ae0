/**
 * The crypto port (nrf-softsim lib/ss_crypto.c) over the emulated TF-M PSA: key setup with the
 * policies of reference/softsim.md §1.1, the PSA CBC and OTA CMAC vectors of nrf-softsim
 * tests/crypto/src/main.c through the hooks, and both fidelity modes on the reporter's build
 * (minimal TF-M profile: every key/cipher/MAC call answers -134) and on the fixed one.
 */
import { cbc } from '@noble/ciphers/aes.js';
import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../src/index.js';
import { PSA_ALG_CBC_NO_PADDING, PSA_ALG_CMAC } from '../../src/psa/constants/algorithms.js';
import {
  PSA_KEY_LIFETIME_PERSISTENT,
  PSA_KEY_TYPE_AES,
  PSA_KEY_USAGE_DECRYPT,
  PSA_KEY_USAGE_ENCRYPT,
  PSA_KEY_USAGE_SIGN_MESSAGE,
} from '../../src/psa/constants/keys.js';
import { inspectStore } from '../../src/psa/inspect-store.js';
import {
  createZephyrLog,
  ENC_ALGORITHM,
  KEY_ID,
  keyIdToKmuSlot,
  PROFILE_TAG,
  SoftSimCryptoPort,
  type SoftSimQuirks,
} from '../../src/softsim/index.js';
import { fromHex, toHex } from '../../src/utils/bytes.js';
import { psaFor, vectors } from './helpers.js';

const CBC = vectors.psa_cbc;
const CMAC = vectors.ota_cmac;
const tag = (t: number) => Uint8Array.of(t, ...new Uint8Array(15));
const K_TAG = tag(PROFILE_TAG.KI);
const KIC_TAG = tag(PROFILE_TAG.KIC);
const KID_TAG = tag(PROFILE_TAG.KID);

function port(build: 'reporter' | 'fixed', quirks: SoftSimQuirks, provision = true) {
  const storage = memoryStorage();
  const psa = psaFor(build, storage);
  const log = createZephyrLog({ clock: () => 0, level: 'dbg' });
  const p = new SoftSimCryptoPort({ psa: psa.cSync, quirks, log });
  if (provision) {
    const key = fromHex(CBC.key);
    for (const id of [KEY_ID.KI, KEY_ID.KIC, KEY_ID.KID]) p.ss_utils_setup_key(key, id);
    log.clear();
  }
  return { p, psa, log, storage };
}

const errors = (log: { lines: string[] }) =>
  log.lines.filter((l) => l.includes('<err>') || !l.startsWith('['));

describe('tag → key id (key_id_to_kmu_slot)', () => {
  it('maps 04/05/06 to 10/11/12 and anything else to 13', () => {
    expect([4, 5, 6].map(keyIdToKmuSlot)).toEqual([10, 11, 12]);
    expect([0, 1, 3, 7, 0xff].map(keyIdToKmuSlot)).toEqual([13, 13, 13, 13, 13]);
    expect(vectors.key_ids).toEqual(KEY_ID);
    expect(vectors.profile_tags).toEqual(PROFILE_TAG);
  });
});

describe.each(['nrf-softsim-3.2', 'fixed'] as const)('%s port on the fixed build', (quirks) => {
  it('imports K, KIC, KID as persistent AES-128 keys 10/11/12 with their policies, in ITS', () => {
    const { psa, storage } = port('fixed', quirks);
    const want = {
      [KEY_ID.KI]: [PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CBC_NO_PADDING],
      [KEY_ID.KIC]: [PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT, PSA_ALG_CBC_NO_PADDING],
      [KEY_ID.KID]: [PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_CMAC],
    };
    for (const [id, [usage, alg]] of Object.entries(want)) {
      const { status, attributes } = psa.cSync.psa_get_key_attributes(Number(id));
      expect(status).toBe(0);
      expect(attributes).toMatchObject({
        type: PSA_KEY_TYPE_AES,
        bits: 128,
        usage,
        alg,
        lifetime: PSA_KEY_LIFETIME_PERSISTENT,
      });
    }
    // TF-M keeps them in the crypto partition's ITS (client 259), uid = NS owner << 32 | id.
    const keys = inspectStore(storage).filter((e) => e.kind === 'key');
    expect(keys.map((e) => [e.client, e.key!.owner, e.key!.id, e.size])).toEqual([
      [259, -0x3c000000, 10, 52],
      [259, -0x3c000000, 11, 52],
      [259, -0x3c000000, 12, 52],
    ]);
  });

  it('encrypts the PSA CBC vector with K and with KIC, decrypts it with KIC (zero IV, in place)', () => {
    const { p, log } = port('fixed', quirks);
    for (const key of [K_TAG, KIC_TAG]) {
      const buf = fromHex(CBC.plaintext);
      expect(p.ss_utils_aes_encrypt(buf, key)).toBe(0);
      expect(toHex(buf)).toBe(CBC.ciphertext);
    }
    const buf = fromHex(CBC.ciphertext);
    expect(p.ss_utils_aes_decrypt(buf, KIC_TAG)).toBe(0);
    expect(toHex(buf)).toBe(CBC.plaintext);
    expect(errors(log)).toEqual([]);
    expect(p.calls).toMatchObject({ aesEncrypt: 2, aesDecrypt: 1 });
  });

  it('computes the OTA CMAC vector with KID, first 8 bytes', () => {
    const { p } = port('fixed', quirks);
    const cc = new Uint8Array(8);
    expect(
      p.ss_utils_ota_calc_cc(cc, KID_TAG, ENC_ALGORITHM.AES_CMAC, fromHex(CMAC.data1), fromHex(CMAC.data2)),
    ).toBe(0);
    expect(toHex(cc)).toBe(CMAC.cc8);
    // data2 longer than one block goes in 16-byte parts; the result is still CMAC(data1 ‖ data2).
    const cc2 = new Uint8Array(8);
    const data2 = fromHex(CMAC.data2 + CMAC.data2.slice(0, 10));
    expect(p.ss_utils_ota_calc_cc(cc2, KID_TAG, ENC_ALGORITHM.AES_CMAC, new Uint8Array(0), data2)).toBe(0);
    expect(toHex(cc2)).toBe(toHex(psaForMac(data2).subarray(0, 8)));
  });

  it('refuses what the port refuses: 3DES CMAC, a non-KID key, decrypting with K', () => {
    const { p, log } = port('fixed', quirks);
    const cc = new Uint8Array(8);
    expect(
      p.ss_utils_ota_calc_cc(
        cc,
        KID_TAG,
        ENC_ALGORITHM.TRIPLE_DES_CBC2,
        new Uint8Array(16),
        new Uint8Array(1),
      ),
    ).toBe(-22);
    expect(
      p.ss_utils_ota_calc_cc(cc, KIC_TAG, ENC_ALGORITHM.AES_CMAC, new Uint8Array(16), new Uint8Array(1)),
    ).toBe(-22);
    expect(log.lines.some((l) => l.includes('Only AES_CMAC supported, supplied alg: 1'))).toBe(true);
    expect(log.lines.some((l) => l.endsWith('<err> softsim_crypto: Unknown key id: 5'))).toBe(true);
    const buf = fromHex(CBC.ciphertext);
    expect(p.ss_utils_aes_decrypt(buf, K_TAG)).toBe(-133); // K: ENCRYPT only (PSA_ERROR_NOT_PERMITTED)
    expect(toHex(buf)).toBe(CBC.ciphertext);
  });

  it('leaves a buffer that is not whole blocks as it was', () => {
    const { p } = port('fixed', quirks);
    const buf = fromHex(CBC.plaintext.slice(0, 40));
    expect(p.ss_utils_aes_encrypt(buf, K_TAG)).toBe(-135);
    expect(toHex(buf)).toBe(CBC.plaintext.slice(0, 40));
  });

  it('setup again destroys the old key first (new material takes effect)', () => {
    const { p } = port('fixed', quirks);
    expect(p.ss_utils_setup_key(new Uint8Array(16).fill(7), KEY_ID.KI)).toBe(0);
    const buf = fromHex(CBC.plaintext);
    p.ss_utils_aes_encrypt(buf, K_TAG);
    expect(toHex(buf)).toBe(
      toHex(
        cbc(new Uint8Array(16).fill(7), new Uint8Array(16), { disablePadding: true }).encrypt(
          fromHex(CBC.plaintext),
        ),
      ),
    );
    expect(p.ss_utils_check_key_existence(KEY_ID.KI)).toBe(1);
  });
});

function psaForMac(data: Uint8Array): Uint8Array {
  const psa = psaFor('fixed');
  const c = psa.cSync;
  const a = c.psa_key_attributes_init();
  c.psa_set_key_type(a, PSA_KEY_TYPE_AES);
  c.psa_set_key_usage_flags(a, PSA_KEY_USAGE_SIGN_MESSAGE);
  c.psa_set_key_algorithm(a, PSA_ALG_CMAC);
  const { key } = c.psa_import_key(a, fromHex(CMAC.key));
  const mac = new Uint8Array(16);
  expect(c.psa_mac_compute(key, PSA_ALG_CMAC, data, mac).status).toBe(0);
  return mac;
}

describe('nrf-softsim 3.2 quirks', () => {
  it("on the reporter's build: -1 from the existence check, import errors swallowed (return 0)", () => {
    const { p, log } = port('reporter', 'nrf-softsim-3.2', false);
    expect(p.ss_utils_check_key_existence(KEY_ID.KI)).toBe(-1);
    expect(p.ss_utils_setup_key(fromHex(CBC.key), KEY_ID.KI)).toBe(0);
    expect(errors(log)).toEqual([
      '[00:00:00.000,000] <err> softsim_crypto: Failed to open key 10, error: -134',
      '[00:00:00.000,000] <err> softsim_crypto: Failed to open a persistent key, ERR: -134',
    ]);
  });

  it("on the reporter's build: the hooks log the decrypt label for both paths and leave the buffer", () => {
    const { p, log } = port('reporter', 'nrf-softsim-3.2', false);
    const buf = fromHex(CBC.plaintext);
    expect(p.ss_utils_aes_encrypt(buf, K_TAG)).toBe(-134);
    expect(p.ss_utils_aes_decrypt(buf, KIC_TAG)).toBe(-134);
    expect(toHex(buf)).toBe(CBC.plaintext);
    const out = new Uint8Array(16);
    expect(p.aes_128_encrypt_block(K_TAG, buf.subarray(0, 16), out)).toBe(0); // C cannot see the failure
    expect(toHex(out)).toBe(CBC.plaintext.slice(0, 32)); // so "AES" is the identity
    const cc = new Uint8Array(8).fill(0xee);
    expect(
      p.ss_utils_ota_calc_cc(cc, KID_TAG, ENC_ALGORITHM.AES_CMAC, new Uint8Array(16), new Uint8Array(1)),
    ).toBe(-22);
    expect(toHex(cc)).toBe('ee'.repeat(8));
    expect(errors(log).map((l) => l.slice(19))).toEqual([
      '<err> softsim_crypto: ss_utils_aes_decrypt: psa_open_key failed! (Error: -134)',
      '<err> softsim_crypto: ss_utils_aes_decrypt: psa_open_key failed! (Error: -134)',
      '<err> softsim_crypto: ss_utils_aes_decrypt: psa_open_key failed! (Error: -134)',
      '<err> softsim_crypto: psa_open_key failed! (Error: -134)',
    ]);
    // The debug lines tell the paths apart (CONFIG_SOFTSIM_NRF_DEBUG_LOGS=y).
    expect(log.lines.filter((l) => l.includes('<dbg>')).map((l) => l.slice(19))).toEqual([
      '<dbg> softsim_crypto: ss_utils_aes_encrypt: AES encrypt to key id: 10',
      '<dbg> softsim_crypto: ss_utils_aes_decrypt: AES decrypt: resolved to key id: 11',
      '<dbg> softsim_crypto: ss_utils_aes_encrypt: AES encrypt to key id: 10',
      '<dbg> softsim_crypto: ss_utils_ota_calc_cc: CMAC key resolved to: 12',
    ]);
  });

  it('on the fixed build before provisioning: open says -140 and the hooks still leave the buffer', () => {
    const { p, log } = port('fixed', 'nrf-softsim-3.2', false);
    expect(p.ss_utils_check_key_existence(KEY_ID.KI)).toBe(0);
    const buf = fromHex(CBC.plaintext);
    expect(p.ss_utils_aes_encrypt(buf, K_TAG)).toBe(-140);
    expect(toHex(buf)).toBe(CBC.plaintext);
    expect(errors(log).map((l) => l.slice(19))).toEqual([
      '<err> softsim_crypto: ss_utils_aes_decrypt: psa_open_key failed! (Error: -140)',
    ]);
  });

  it('prints an unknown tag with printk in the encrypt path', () => {
    const { p, log } = port('fixed', 'nrf-softsim-3.2');
    const buf = fromHex(CBC.plaintext);
    expect(p.ss_utils_aes_encrypt(buf, new Uint8Array(16))).toBe(-22);
    expect(p.ss_utils_aes_decrypt(buf, new Uint8Array(16))).toBe(-22);
    expect(errors(log)).toEqual([
      'Unknown key id: 0',
      '[00:00:00.000,000] <err> softsim_crypto: Unknown key id: 0',
    ]);
    expect(toHex(buf)).toBe(CBC.plaintext);
  });

  it('leaves a buffer longer than the 256-byte shared buffer in clear (nrf-softsim #174)', () => {
    const { p, log } = port('fixed', 'nrf-softsim-3.2');
    const plain = new Uint8Array(272).map((_, i) => i);
    const buf = plain.slice();
    expect(p.ss_utils_aes_encrypt(buf, K_TAG)).toBe(-138);
    expect(buf).toEqual(plain);
    expect(errors(log).map((l) => l.slice(19))).toEqual([
      '<err> softsim_crypto: \tassertion failed at ss_crypto.c (psa_cipher_update) - actual:-138 expected:0',
    ]);
    const fixed = port('fixed', 'fixed').p;
    expect(fixed.ss_utils_aes_encrypt(buf, K_TAG)).toBe(0);
    expect(buf).toEqual(cbc(fromHex(CBC.key), new Uint8Array(16), { disablePadding: true }).encrypt(plain));
  });

  it('drops the tail of a data1 that is not whole blocks (the assert is compiled out); fixed refuses', () => {
    const { p } = port('fixed', 'nrf-softsim-3.2');
    const data1 = fromHex(`${CMAC.data1}0102`);
    const cc = new Uint8Array(8);
    expect(p.ss_utils_ota_calc_cc(cc, KID_TAG, ENC_ALGORITHM.AES_CMAC, data1, fromHex(CMAC.data2))).toBe(0);
    expect(toHex(cc)).toBe(CMAC.cc8);
    const f = port('fixed', 'fixed').p;
    expect(f.ss_utils_ota_calc_cc(cc, KID_TAG, ENC_ALGORITHM.AES_CMAC, data1, fromHex(CMAC.data2))).toBe(-22);
  });

  it('keeps the 3DES hooks as empty stubs; fixed says NOT_SUPPORTED', () => {
    const buf = fromHex(CBC.plaintext);
    expect(port('fixed', 'nrf-softsim-3.2').p.ss_utils_3des_encrypt(buf, K_TAG)).toBe(0);
    expect(port('fixed', 'nrf-softsim-3.2').p.ss_utils_3des_decrypt(buf, K_TAG)).toBe(0);
    expect(toHex(buf)).toBe(CBC.plaintext);
    expect(port('fixed', 'fixed').p.ss_utils_3des_encrypt(buf, K_TAG)).toBe(-134);
  });
});

describe('fixed port', () => {
  it("on the reporter's build: every error propagates, with what failed", () => {
    const { p, log } = port('reporter', 'fixed', false);
    expect(p.ss_utils_check_key_existence(KEY_ID.KI)).toBe(-134);
    expect(p.ss_utils_setup_key(fromHex(CBC.key), KEY_ID.KIC)).toBe(-134);
    const buf = fromHex(CBC.plaintext);
    expect(p.ss_utils_aes_encrypt(buf, K_TAG)).toBe(-134);
    const out = new Uint8Array(16).fill(0xaa);
    expect(p.aes_128_encrypt_block(K_TAG, buf.subarray(0, 16), out)).toBe(-134);
    expect(toHex(out)).toBe('aa'.repeat(16));
    expect(toHex(buf)).toBe(CBC.plaintext);
    expect(errors(log).map((l) => l.slice(19))).toEqual([
      '<err> softsim_crypto: Failed to query key 10, error: -134',
      '<err> softsim_crypto: Failed to query a persistent key, ERR: -134',
      '<err> softsim_crypto: ss_utils_aes_encrypt: psa_cipher_encrypt_setup failed! (Error: -134)',
      '<err> softsim_crypto: ss_utils_aes_encrypt: psa_cipher_encrypt_setup failed! (Error: -134)',
    ]);
    expect(p.calls).toEqual({
      aesEncrypt: 2,
      aesDecrypt: 0,
      otaCalcCc: 0,
      setupKey: 1,
      checkKeyExistence: 1,
    });
  });

  it('checks existence with psa_get_key_attributes and never calls psa_open_key', () => {
    const { p, psa } = port('fixed', 'fixed', false);
    const called: string[] = [];
    psa.tfm!.boundary.listeners.add((t) => called.push(t.name));
    expect(p.ss_utils_check_key_existence(KEY_ID.KI)).toBe(0);
    p.ss_utils_setup_key(fromHex(CBC.key), KEY_ID.KI);
    p.ss_utils_aes_encrypt(fromHex(CBC.plaintext), K_TAG);
    expect(called).not.toContain('psa_open_key');
    expect(called).toContain('psa_get_key_attributes');
  });

  it('checks its arguments', () => {
    const { p } = port('fixed', 'fixed');
    expect(() => p.ss_utils_setup_key(new Uint8Array(15), KEY_ID.KI)).toThrow(RangeError);
    expect(() => p.ss_utils_aes_encrypt(new Uint8Array(16), new Uint8Array(0))).toThrow(RangeError);
    expect(() =>
      p.ss_utils_ota_calc_cc(new Uint8Array(17), KID_TAG, 3, new Uint8Array(0), new Uint8Array(0)),
    ).toThrow(RangeError);
    expect(
      () =>
        new SoftSimCryptoPort({
          psa: port('fixed', 'fixed').psa.cSync,
          quirks: 'v3' as never,
          log: createZephyrLog(),
        }),
    ).toThrow(TypeError);
    expect(p.ss_utils_setup_key(new Uint8Array(16), 13)).toBe(-1);
  });
});
