/**
 * The TF-M boundary (TF-M 2.2 as in NCS v3.2.2): NS-side short-circuits
 * (interface/src/tfm_crypto_api.c), the scratch check and module gates
 * (secure_fw/partitions/crypto/crypto_init.c), client ownership, the operation table
 * (crypto_alloc.c) and the ITS partition.
 */
import { describe, expect, it } from 'vitest';
import { inspectStore, memoryStorage } from '../../src/entries/its.js';
import {
  createPsa,
  PSA_ALG_CBC_NO_PADDING,
  PSA_ALG_CMAC,
  PSA_ALG_SHA_256,
  PSA_ERROR_BAD_STATE,
  PSA_ERROR_DOES_NOT_EXIST,
  PSA_ERROR_INSUFFICIENT_MEMORY,
  PSA_ERROR_INSUFFICIENT_STORAGE,
  PSA_ERROR_INVALID_HANDLE,
  PSA_ERROR_NOT_PERMITTED,
  PSA_ERROR_NOT_SUPPORTED,
  PSA_KEY_TYPE_AES,
  PSA_KEY_USAGE_DECRYPT,
  PSA_KEY_USAGE_ENCRYPT,
  PSA_KEY_USAGE_SIGN_MESSAGE,
  type Psa,
  PsaError,
} from '../../src/index.js';
import { notSetConfig } from '../../src/tfm/config.js';
import { explainTfmStatus } from '../../src/tfm/explain.js';
import { TfmLinkError } from '../../src/tfm/link-error.js';
import { fromHex, toHex } from '../../src/utils/bytes.js';

const KEY = fromHex('000102030405060708090a0b0c0d0e0f');
const CBC_IN = fromHex(`${'00'.repeat(16)}07feef74e1d5036e900eee118e949293138bb0fe942520a0013f42531dd5022c`);
const PT = '101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f';

function importAes(
  psa: Psa,
  id: number,
  usage = PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT,
  alg = PSA_ALG_CBC_NO_PADDING,
) {
  const c = psa.cSync;
  const a = c.psa_key_attributes_init();
  c.psa_set_key_id(a, id);
  c.psa_set_key_type(a, PSA_KEY_TYPE_AES);
  c.psa_set_key_usage_flags(a, usage);
  c.psa_set_key_algorithm(a, alg);
  return c.psa_import_key(a, KEY);
}

const fixed = () => createPsa({ target: 'tfm', tfm: { profile: 'not-set' } });

describe('NCS default build on nRF9151 (minimal profile)', () => {
  it('psa_crypto_init succeeds on the NS side; open/import/decrypt answer -134 with zeroed out-vecs; random works', () => {
    const psa = createPsa({ target: 'tfm' });
    const c = psa.cSync;
    expect(psa.tfm?.ncsDefault).toBe(true);
    expect(psa.tfm?.config.profile).toBe('minimal');
    expect(c.psa_crypto_init()).toBe(0);
    expect(c.psa_open_key(10)).toEqual({ status: PSA_ERROR_NOT_SUPPORTED, handle: 0 });
    expect(importAes(psa, 10)).toEqual({ status: PSA_ERROR_NOT_SUPPORTED, key: 0 });
    const out = new Uint8Array(32).fill(0xee);
    expect(c.psa_cipher_decrypt(10, PSA_ALG_CBC_NO_PADDING, CBC_IN, out)).toEqual({
      status: PSA_ERROR_NOT_SUPPORTED,
      outputLength: 32,
    });
    expect([...out].every((b) => b === 0)).toBe(true);
    const rnd = new Uint8Array(16);
    expect(c.psa_generate_random(rnd)).toBe(0);
    expect(rnd.some((b) => b !== 0)).toBe(true);
    const attrs = c.psa_get_key_attributes(10);
    expect(attrs.status).toBe(PSA_ERROR_NOT_SUPPORTED);
    expect(attrs.attributes).toEqual(c.psa_key_attributes_init());
    const mac = new Uint8Array(16).fill(0xee);
    expect(c.psa_mac_compute(12, PSA_ALG_CMAC, new Uint8Array(16), mac)).toEqual({
      status: PSA_ERROR_NOT_SUPPORTED,
      macLength: 16,
    });
    expect(mac).toEqual(new Uint8Array(16));
    const op = c.psa_cipher_operation_init();
    op.handle = 7;
    expect(c.psa_cipher_encrypt_setup(op, 10, PSA_ALG_CBC_NO_PADDING)).toBe(PSA_ERROR_NOT_SUPPORTED);
    expect(op.handle).toBe(0); // the handle out-vec is written back from the zeroed scratch
    const hash = new Uint8Array(32).fill(1);
    expect(c.psa_hash_compute(PSA_ALG_SHA_256, new Uint8Array(3), hash)).toEqual({
      status: PSA_ERROR_NOT_SUPPORTED,
      hashLength: 32,
    });
  });

  it('the idiomatic API explains -134 in terms of the minimal profile and its fix', async () => {
    const psa = createPsa({ target: 'tfm', device: 'nrf9160' });
    const e = await psa.openKey(10).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PsaError);
    expect((e as PsaError).code).toBe('PSA_ERROR_NOT_SUPPORTED');
    expect((e as PsaError).message).toMatch(/CRYPTO_KEY_MODULE_ENABLED=0/);
    expect((e as PsaError).message).toMatch(/minimal profile/);
    expect((e as PsaError).message).toMatch(/CONFIG_TFM_PROFILE_TYPE_NOT_SET=y/);
  });

  it('psa_its_* do not link without the ITS partition (TfmLinkError)', () => {
    const c = createPsa({ target: 'tfm' }).cSync;
    expect(() => c.psa_its_set(1n, new Uint8Array(1), 0)).toThrow(TfmLinkError);
    expect(() => c.psa_its_get_info(1n)).toThrow(/CONFIG_TFM_PARTITION_INTERNAL_TRUSTED_STORAGE/);
  });

  it('nRF54L15 defaults to the not-set profile (NRF_PLATFORM_LUMOS)', () => {
    const psa = createPsa({ target: 'tfm', device: 'nrf54l15' });
    expect(psa.tfm?.config.profile).toBe('not-set');
    expect(importAes(psa, 10).status).toBe(0);
  });
});

describe('two independent -134 gates', () => {
  it('key module on but core without MBEDTLS_PSA_CRYPTO_STORAGE_C: open and persistent import are -134, volatile keys work', () => {
    const psa = createPsa({ target: 'tfm', tfm: { ...notSetConfig(), storage: false } });
    const c = psa.cSync;
    expect(c.psa_open_key(10)).toEqual({ status: PSA_ERROR_NOT_SUPPORTED, handle: 0 });
    expect(importAes(psa, 10)).toEqual({ status: PSA_ERROR_NOT_SUPPORTED, key: 0 });
    const a = c.psa_key_attributes_init();
    c.psa_set_key_type(a, PSA_KEY_TYPE_AES);
    c.psa_set_key_usage_flags(a, PSA_KEY_USAGE_DECRYPT);
    c.psa_set_key_algorithm(a, PSA_ALG_CBC_NO_PADDING);
    const v = c.psa_import_key(a, KEY);
    expect(v.status).toBe(0);
    expect(v.key).toBeGreaterThanOrEqual(0x40000000);
    const out = new Uint8Array(32);
    expect(c.psa_cipher_decrypt(v.key, PSA_ALG_CBC_NO_PADDING, CBC_IN, out)).toEqual({
      status: 0,
      outputLength: 32,
    });
    expect(toHex(out)).toBe(PT);
  });
});

describe('explainTfmStatus names the storage gate only where it applies', () => {
  const noStorage = { ...notSetConfig(), storage: false };
  const STORAGE = /without MBEDTLS_PSA_CRYPTO_STORAGE_C/;
  it('a persistent import, or an import of unknown lifetime (hedged), is blamed on storage', () => {
    expect(explainTfmStatus(noStorage, 'psa_import_key', PSA_ERROR_NOT_SUPPORTED, { lifetime: 1 })).toMatch(
      /^the PSA core inside TF-M was built without MBEDTLS_PSA_CRYPTO_STORAGE_C/,
    );
    expect(explainTfmStatus(noStorage, 'psa_import_key', PSA_ERROR_NOT_SUPPORTED)).toMatch(
      /^if the key is persistent: /,
    );
    expect(explainTfmStatus(noStorage, 'psa_open_key', PSA_ERROR_NOT_SUPPORTED)).toMatch(STORAGE);
  });
  it('a volatile key refused with -134 (e.g. an unsupported key type) is not blamed on storage', () => {
    const psa = createPsa({ target: 'tfm', tfm: noStorage });
    const c = psa.cSync;
    const a = c.psa_key_attributes_init();
    c.psa_set_key_type(a, 0x2301); // PSA_KEY_TYPE_DES: not in psa-emu's (nor the nRF91 build's) scope
    c.psa_set_key_usage_flags(a, PSA_KEY_USAGE_DECRYPT);
    expect(c.psa_import_key(a, new Uint8Array(8)).status).toBe(PSA_ERROR_NOT_SUPPORTED);
    expect(
      explainTfmStatus(noStorage, 'psa_import_key', PSA_ERROR_NOT_SUPPORTED, { lifetime: 0 }),
    ).toBeUndefined();
  });
  it('the idiomatic API passes the lifetime: only the persistent import mentions storage', async () => {
    const psa = createPsa({ target: 'tfm', tfm: noStorage });
    const persistent = psa.importKey(
      { type: 'AES', usage: ['decrypt'], algorithm: 'CBC_NO_PADDING', id: 10 },
      KEY,
    );
    await expect(persistent).rejects.toThrow(STORAGE);
    // A volatile DES key (PSA_KEY_TYPE_DES, out of scope) is -134 for another reason: no storage advice.
    const des = psa.importKey({ type: 0x2301, usage: ['decrypt'] }, new Uint8Array(8));
    await expect(des).rejects.toMatchObject({ status: PSA_ERROR_NOT_SUPPORTED });
    await expect(des).rejects.not.toThrow(STORAGE);
    // A volatile AES import works; the storage gate never refuses volatile keys.
    await expect(
      psa.importKey({ type: 'AES', usage: ['decrypt'], algorithm: 'CBC_NO_PADDING' }, KEY),
    ).resolves.toBeGreaterThan(0);
  });
  it('psa_open_key with builtin keys is not refused by the storage gate', () => {
    expect(
      explainTfmStatus({ ...noStorage, builtinKeys: true }, 'psa_open_key', PSA_ERROR_NOT_SUPPORTED),
    ).toBeUndefined();
  });
});

describe('the crypto partition scratch buffer (tfm_crypto_init_iovecs)', () => {
  it('-141 when Σ align4(in-vecs 1..n) + Σ align4(out-vecs) > CRYPTO_IOVEC_BUFFER_SIZE, before the module gate; nothing written', () => {
    const psa = createPsa({ target: 'tfm' }); // minimal: 1024 bytes, cipher module off
    const c = psa.cSync;
    const out = new Uint8Array(512).fill(0xee);
    // 513 → 516 in + 512 out = 1028 > 1024
    expect(c.psa_cipher_decrypt(10, PSA_ALG_CBC_NO_PADDING, new Uint8Array(513), out)).toEqual({
      status: PSA_ERROR_INSUFFICIENT_MEMORY,
      outputLength: 0,
    });
    expect(out.every((b) => b === 0xee)).toBe(true);
    // exactly full is fine (then the module gate answers)
    expect(c.psa_cipher_decrypt(10, PSA_ALG_CBC_NO_PADDING, new Uint8Array(512), out).status).toBe(
      PSA_ERROR_NOT_SUPPORTED,
    );
    const big = new Uint8Array(1025);
    expect(c.psa_generate_random(big)).toBe(PSA_ERROR_INSUFFICIENT_MEMORY);
    expect(c.psa_generate_random(new Uint8Array(1024))).toBe(0);
    // a 0-byte request never reaches the service
    expect(c.psa_generate_random(new Uint8Array(0))).toBe(0);
  });
  it('with the 5120-byte scratch of a non-minimal build, the same call works', () => {
    const psa = fixed();
    importAes(psa, 10);
    expect(
      psa.cSync.psa_cipher_decrypt(10, PSA_ALG_CBC_NO_PADDING, new Uint8Array(528), new Uint8Array(512))
        .status,
    ).toBe(0);
    expect(
      psa.cSync.psa_cipher_decrypt(10, PSA_ALG_CBC_NO_PADDING, new Uint8Array(2576), new Uint8Array(2560))
        .status,
    ).toBe(PSA_ERROR_INSUFFICIENT_MEMORY);
  });
});

describe('client ownership (MBEDTLS_PSA_CRYPTO_KEY_ID_ENCODES_OWNER)', () => {
  it('a key imported by one client does not exist for another; each client may use the same id', () => {
    const psa = fixed();
    expect(importAes(psa, 10).status).toBe(0);
    const other = psa.asClient(260);
    expect(other.cSync.psa_open_key(10)).toEqual({ status: PSA_ERROR_DOES_NOT_EXIST, handle: 0 });
    expect(other.cSync.psa_get_key_attributes(10).status).toBe(PSA_ERROR_INVALID_HANDLE);
    expect(other.cSync.psa_destroy_key(10)).toBe(PSA_ERROR_INVALID_HANDLE);
    expect(importAes(other, 10).status).toBe(0);
    expect(psa.cSync.psa_open_key(10).status).toBe(0);
  });
  it('persistent keys are ITS files of the crypto partition (259) at uid (owner << 32) | id', () => {
    const storage = memoryStorage();
    const psa = createPsa({ target: 'tfm', tfm: { profile: 'not-set' }, storage });
    importAes(psa, 10);
    const entries = inspectStore(storage);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ client: 259, uid: 0xc40000000000000an, size: 52, kind: 'key' });
    expect(entries[0]!.key).toMatchObject({ id: 10, owner: -0x3c000000, type: PSA_KEY_TYPE_AES, bits: 128 });
    expect(entries[0]!.key!.keyBytes).toBeUndefined();
  });
  it('keys share the ITS table with the NS assets: a full table makes psa_import_key fail with -142 (Oberon passes it through)', () => {
    const psa = createPsa({ target: 'tfm', tfm: { profile: 'not-set', itsNumAssets: 3 } });
    const c = psa.cSync;
    expect(c.psa_its_set(1n, new Uint8Array(4), 0)).toBe(0);
    expect(c.psa_its_set(2n, new Uint8Array(4), 0)).toBe(0);
    expect(importAes(psa, 10).status).toBe(0);
    expect(importAes(psa, 11)).toEqual({ status: PSA_ERROR_INSUFFICIENT_STORAGE, key: 0 });
    expect(c.psa_its_remove(2n)).toBe(0);
    expect(importAes(psa, 11).status).toBe(0);
  });
  it('with the Mbed TLS core the same failure is -153 DATA_INVALID (psa_crypto_storage_store)', () => {
    const psa = createPsa({ target: 'tfm', core: 'mbedtls', tfm: { profile: 'not-set', itsNumAssets: 1 } });
    expect(importAes(psa, 10).status).toBe(0);
    expect(importAes(psa, 11)).toEqual({ status: -153, key: 0 });
  });
});

describe('the operation table (crypto_alloc.c)', () => {
  it('handles are 1-based, lowest free first; the table holds CRYPTO_CONC_OPER_NUM operations of every client; full is -133', () => {
    const psa = createPsa({ target: 'tfm', tfm: { profile: 'not-set', concurrentOperations: 2 } });
    const c = psa.cSync;
    const h1 = c.psa_hash_operation_init();
    const h2 = c.psa_hash_operation_init();
    const h3 = c.psa_hash_operation_init();
    expect(c.psa_hash_setup(h1, PSA_ALG_SHA_256)).toBe(0);
    expect(h1.handle).toBe(1);
    expect(psa.asClient(260).cSync.psa_hash_setup(h2, PSA_ALG_SHA_256)).toBe(0);
    expect(h2.handle).toBe(2);
    expect(c.psa_hash_setup(h3, PSA_ALG_SHA_256)).toBe(PSA_ERROR_NOT_PERMITTED);
    expect(h3.handle).toBe(0);
    expect(c.psa_hash_abort(h1)).toBe(0);
    expect(h1.handle).toBe(0);
    expect(c.psa_hash_setup(h3, PSA_ALG_SHA_256)).toBe(0);
    expect(h3.handle).toBe(1);
  });
  it("another client's handle, a freed handle or another type is BAD_STATE; abort of an unknown handle is SUCCESS", () => {
    const psa = fixed();
    const c = psa.cSync;
    const h = c.psa_hash_operation_init();
    expect(c.psa_hash_setup(h, PSA_ALG_SHA_256)).toBe(0);
    const other = psa.asClient(260).cSync;
    expect(other.psa_hash_update(h, new Uint8Array(1))).toBe(PSA_ERROR_BAD_STATE);
    const hash = new Uint8Array(32).fill(0xee);
    // lookup failure: the output out-vec keeps its full length (zero bytes), the handle is unchanged
    expect(other.psa_hash_finish(h, hash)).toEqual({ status: PSA_ERROR_BAD_STATE, hashLength: 32 });
    expect(hash).toEqual(new Uint8Array(32));
    expect(h.handle).toBe(1);
    expect(other.psa_hash_abort(h)).toBe(0);
    expect(h.handle).toBe(1);
    const m = c.psa_mac_operation_init();
    m.handle = h.handle;
    expect(c.psa_mac_update(m, new Uint8Array(1))).toBe(PSA_ERROR_BAD_STATE);
    expect(c.psa_hash_finish(h, hash)).toEqual({ status: 0, hashLength: 32 });
    expect(h.handle).toBe(0);
    expect(toHex(hash)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
  it('setup on an active NS operation is BAD_STATE and, unlike the bare core, the running operation survives', () => {
    const psa = fixed();
    const c = psa.cSync;
    importAes(psa, 10);
    const op = c.psa_cipher_operation_init();
    expect(c.psa_cipher_decrypt_setup(op, 10, PSA_ALG_CBC_NO_PADDING)).toBe(0);
    expect(c.psa_cipher_decrypt_setup(op, 10, PSA_ALG_CBC_NO_PADDING)).toBe(PSA_ERROR_BAD_STATE);
    expect(c.psa_cipher_set_iv(op, new Uint8Array(16))).toBe(0);
    const out = new Uint8Array(32);
    expect(c.psa_cipher_update(op, CBC_IN.subarray(16), out)).toEqual({ status: 0, outputLength: 32 });
    expect(c.psa_cipher_finish(op, new Uint8Array(0))).toEqual({ status: 0, outputLength: 0 });
    expect(toHex(out)).toBe(PT);
    expect(op.handle).toBe(0);
    expect(psa.tfm?.boundary.operations.inUse()).toBe(0);
  });
  it('a failed finish keeps the TF-M context (the core has aborted its own); only abort frees it', () => {
    const psa = fixed();
    const c = psa.cSync;
    importAes(psa, 10);
    const op = c.psa_cipher_operation_init();
    c.psa_cipher_encrypt_setup(op, 10, PSA_ALG_CBC_NO_PADDING);
    c.psa_cipher_set_iv(op, new Uint8Array(16));
    c.psa_cipher_update(op, new Uint8Array(5), new Uint8Array(16));
    expect(c.psa_cipher_finish(op, new Uint8Array(16)).status).toBe(-135);
    expect(op.handle).toBe(1);
    expect(psa.tfm?.boundary.operations.inUse()).toBe(1);
    expect(c.psa_cipher_update(op, new Uint8Array(16), new Uint8Array(16)).status).toBe(PSA_ERROR_BAD_STATE);
    expect(c.psa_cipher_abort(op)).toBe(0);
    expect(op.handle).toBe(0);
    expect(psa.tfm?.boundary.operations.inUse()).toBe(0);
  });
  it('psa_hash_clone: the NS stub refuses an active target; the clone gets its own handle', () => {
    const psa = fixed();
    const c = psa.cSync;
    const a = c.psa_hash_operation_init();
    const b = c.psa_hash_operation_init();
    c.psa_hash_setup(a, PSA_ALG_SHA_256);
    c.psa_hash_update(a, new TextEncoder().encode('ab'));
    b.handle = 5;
    expect(c.psa_hash_clone(a, b)).toBe(PSA_ERROR_BAD_STATE);
    b.handle = 0;
    expect(c.psa_hash_clone(a, b)).toBe(0);
    expect(b.handle).toBe(2);
    c.psa_hash_update(b, new TextEncoder().encode('c'));
    const out = new Uint8Array(32);
    c.psa_hash_finish(b, out);
    expect(toHex(out)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('other build switches', () => {
  it('CRYPTO_SINGLE_PART_FUNCS_DISABLED: single-part cipher calls are -134, multipart works', () => {
    const psa = createPsa({ target: 'tfm', tfm: { profile: 'not-set', singlePartFuncsDisabled: true } });
    importAes(psa, 10);
    const out = new Uint8Array(32).fill(1);
    expect(psa.cSync.psa_cipher_decrypt(10, PSA_ALG_CBC_NO_PADDING, CBC_IN, out)).toEqual({
      status: PSA_ERROR_NOT_SUPPORTED,
      outputLength: 32,
    });
    const op = psa.cSync.psa_cipher_operation_init();
    expect(psa.cSync.psa_cipher_decrypt_setup(op, 10, PSA_ALG_CBC_NO_PADDING)).toBe(0);
  });
  it('a TF-M without the legacy psa_open_key/psa_close_key answers -134 for them even with the key module on', () => {
    const psa = createPsa({ target: 'tfm', tfm: { profile: 'not-set', legacyOpenClose: false } });
    importAes(psa, 10);
    expect(psa.cSync.psa_open_key(10)).toEqual({ status: PSA_ERROR_NOT_SUPPORTED, handle: 0 });
    expect(psa.cSync.psa_get_key_attributes(10).status).toBe(0);
  });
  it('only the MAC module off: MAC calls -134, cipher works', () => {
    const psa = createPsa({ target: 'tfm', tfm: { profile: 'not-set', modules: { mac: false } } });
    expect(importAes(psa, 12, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_CMAC).status).toBe(0);
    expect(psa.cSync.psa_mac_compute(12, PSA_ALG_CMAC, new Uint8Array(16), new Uint8Array(16)).status).toBe(
      PSA_ERROR_NOT_SUPPORTED,
    );
  });
  it('a reboot drops volatile keys and running operations; persistent keys stay', () => {
    const psa = fixed();
    const c = psa.cSync;
    importAes(psa, 10);
    const h = c.psa_hash_operation_init();
    c.psa_hash_setup(h, PSA_ALG_SHA_256);
    c.mbedtls_psa_crypto_free();
    expect(c.psa_hash_update(h, new Uint8Array(1))).toBe(PSA_ERROR_BAD_STATE);
    expect(c.psa_open_key(10).status).toBe(0);
  });
  it('rejects impossible or malformed configurations', () => {
    expect(() => createPsa({ target: 'tfm', tfm: { storage: true } })).toThrow(/cannot exist/);
    expect(() => createPsa({ target: 'tfm', tfm: { profile: 'huge' as 'large' } })).toThrow(/profile/);
    expect(() => createPsa({ target: 'tfm', tfm: { profile: 'not-set', itsNumAssets: 0 } })).toThrow(
      /itsNumAssets/,
    );
    expect(() =>
      createPsa({
        target: 'tfm',
        tfm: { profile: 'not-set', modules: { rng: 'yes' as unknown as boolean } },
      }),
    ).toThrow(/modules\.rng/);
    expect(() => createPsa({ target: 'mbedtls', device: 'nrf9151' })).toThrow(/target 'tfm' only/);
    expect(() => createPsa({ target: 'mbedtls' }).asClient(5)).toThrow(/tfm/);
  });
});
