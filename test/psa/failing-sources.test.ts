/**
 * A random source or a key-location driver that throws: the call that needed it fails cleanly and
 * no key slot is leaked. Mbed TLS 3.6.5 / the Oberon core: `psa_generate_random_internal` failing
 * (CTR_DRBG `MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED` → `mbedtls_to_psa_error`) is
 * PSA_ERROR_INSUFFICIENT_ENTROPY for `psa_generate_random`, `psa_generate_key` (then
 * `psa_fail_key_creation` wipes the slot), `psa_cipher_encrypt` and `psa_cipher_generate_iv` (which
 * zeroizes `default_iv_length` bytes at `iv` and aborts). A throw in JavaScript has no C counterpart;
 * whatever a driver throws still frees the slot it was filling before it propagates.
 */
import { describe, expect, it } from 'vitest';
import {
  createPsa,
  deterministicRandom,
  type KeyLocationDriver,
  PSA_ALG_CBC_NO_PADDING,
  PSA_ALG_CTR,
  PSA_ERROR_BAD_STATE,
  PSA_ERROR_INSUFFICIENT_ENTROPY,
  PSA_KEY_ID_VOLATILE_MIN,
  PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION,
  PSA_KEY_PERSISTENCE_VOLATILE,
  PSA_KEY_USAGE_DECRYPT,
  PSA_KEY_USAGE_ENCRYPT,
  PSA_KEY_USAGE_EXPORT,
  PSA_SUCCESS,
  type Psa,
  type PsaKeyAttributes,
  psa_cipher_operation_init,
} from '../../src/index.js';
import { type CoreState, createCoreState } from '../../src/psa/core/context.js';
import { generateKey, getKeyAttributes, importKey } from '../../src/psa/core/key-management.js';
import { cryptoInit } from '../../src/psa/core/random.js';
import { AES128, attrs, CORES, filled } from './helpers.js';

const USE = PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT;

/**
 * A random source that works until `fail` is set; a failing call first scribbles 0xaa over
 * the buffer it was given (a partial fill), remembers it, then throws.
 */
function flakyRandom(seed: string) {
  const base = deterministicRandom(seed);
  const state = { fail: 0, given: [] as Uint8Array[] };
  const rng = (out: Uint8Array): void => {
    if (state.fail > 0) {
      state.fail--;
      out.fill(0xaa);
      state.given.push(out);
      throw new Error('entropy source unplugged');
    }
    base(out);
  };
  return { rng, state };
}

/** The core state behind a TF-M instance (a private field, reached on purpose). */
function slotsOf(psa: Psa): CoreState['slots'] {
  const boundary = psa.tfm?.boundary as unknown as { state: CoreState };
  return boundary.state.slots;
}

describe.each(CORES)('a throwing random source (%s)', (core) => {
  const setup = (target: 'mbedtls' | 'tfm' = 'mbedtls') => {
    const flaky = flakyRandom(`flaky/${core}`);
    const psa = createPsa({
      target,
      core,
      keySlotCount: 1,
      rng: flaky.rng,
      ...(target === 'tfm' ? { tfm: { profile: 'not-set' as const } } : {}),
    });
    expect(psa.cSync.psa_crypto_init()).toBe(PSA_SUCCESS);
    return { psa, flaky };
  };

  it.each(['mbedtls', 'tfm'] as const)(
    'target %s, 1 key slot: psa_generate_key → INSUFFICIENT_ENTROPY, key 0; the slot is free again and its bytes wiped',
    (target) => {
      const { psa, flaky } = setup(target);
      flaky.state.fail = 1;
      expect(psa.cSync.psa_generate_key(attrs({ bits: 128, usage: USE }))).toEqual({
        status: PSA_ERROR_INSUFFICIENT_ENTROPY,
        key: 0,
      });
      // What the source was filling (the slot's key buffer) holds no byte of the partial fill.
      expect(flaky.state.given).toHaveLength(1);
      expect(flaky.state.given[0]).toEqual(new Uint8Array(16));
      if (target === 'tfm') expect(slotsOf(psa)).toEqual([undefined]);
      // The only slot was not leaked: an import and a generation both work.
      const imported = psa.cSync.psa_import_key(attrs({ usage: USE }), AES128);
      expect(imported).toEqual({ status: PSA_SUCCESS, key: PSA_KEY_ID_VOLATILE_MIN });
      expect(psa.cSync.psa_destroy_key(imported.key)).toBe(PSA_SUCCESS);
      expect(psa.cSync.psa_generate_key(attrs({ bits: 256, usage: USE })).status).toBe(PSA_SUCCESS);
    },
  );

  it('psa_generate_random → INSUFFICIENT_ENTROPY with the output zeroed; the next call works', () => {
    const { psa, flaky } = setup();
    const out = filled(24, 0x55);
    flaky.state.fail = 1;
    expect(psa.cSync.psa_generate_random(out)).toBe(PSA_ERROR_INSUFFICIENT_ENTROPY);
    expect(out).toEqual(new Uint8Array(24));
    expect(psa.cSync.psa_generate_random(out)).toBe(PSA_SUCCESS);
    expect(out).not.toEqual(new Uint8Array(24));
  });

  it('psa_cipher_encrypt (random IV) → INSUFFICIENT_ENTROPY, output_length 0; the key stays usable', () => {
    const { psa, flaky } = setup();
    const key = psa.cSync.psa_import_key(attrs({ usage: USE, alg: PSA_ALG_CTR }), AES128).key;
    flaky.state.fail = 1;
    expect(psa.cSync.psa_cipher_encrypt(key, PSA_ALG_CTR, filled(16, 1), new Uint8Array(32))).toEqual({
      status: PSA_ERROR_INSUFFICIENT_ENTROPY,
      outputLength: 0,
    });
    expect(psa.cSync.psa_cipher_encrypt(key, PSA_ALG_CTR, filled(16, 1), new Uint8Array(32)).status).toBe(
      PSA_SUCCESS,
    );
    expect(psa.cSync.psa_destroy_key(key)).toBe(PSA_SUCCESS);
  });

  it('psa_cipher_generate_iv → INSUFFICIENT_ENTROPY: iv_length 0, default_iv_length bytes of iv zeroed, operation aborted', () => {
    const { psa, flaky } = setup();
    const key = psa.cSync.psa_import_key(attrs({ usage: USE, alg: PSA_ALG_CBC_NO_PADDING }), AES128).key;
    const op = psa_cipher_operation_init();
    expect(psa.cSync.psa_cipher_encrypt_setup(op, key, PSA_ALG_CBC_NO_PADDING)).toBe(PSA_SUCCESS);
    const iv = filled(20, 0xee);
    flaky.state.fail = 1;
    expect(psa.cSync.psa_cipher_generate_iv(op, iv)).toEqual({
      status: PSA_ERROR_INSUFFICIENT_ENTROPY,
      ivLength: 0,
    });
    expect(iv).toEqual(new Uint8Array([...new Uint8Array(16), ...filled(4, 0xee)]));
    expect(psa.cSync.psa_cipher_update(op, filled(16, 0), new Uint8Array(16)).status).toBe(
      PSA_ERROR_BAD_STATE,
    );
  });

  it('the idiomatic API throws PsaError PSA_ERROR_INSUFFICIENT_ENTROPY', async () => {
    const { psa, flaky } = setup();
    flaky.state.fail = 1;
    await expect(psa.generateKey({ type: 'AES', bits: 128, usage: ['encrypt'] })).rejects.toMatchObject({
      name: 'PsaError',
      status: PSA_ERROR_INSUFFICIENT_ENTROPY,
      code: 'PSA_ERROR_INSUFFICIENT_ENTROPY',
    });
    expect(await psa.importKey({ type: 'AES', usage: ['encrypt'] }, AES128)).toBe(PSA_KEY_ID_VOLATILE_MIN);
  });
});

describe('a throwing key-location driver never leaks the slot it was filling (core level, 1 slot)', () => {
  const LOCATION = 0x7f0001;
  const IN_DRIVER = PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(PSA_KEY_PERSISTENCE_VOLATILE, LOCATION);
  const DRIVER_KEY_ID = 0x7fff0001;

  /** A driver whose every entry point throws while `broken`, and works (16-byte AES keys) otherwise. */
  function driver(rngSeen: Uint8Array[] = []) {
    const ctl = { broken: true };
    const loaded = (attributes: PsaKeyAttributes, key: Uint8Array) =>
      ({ status: PSA_SUCCESS, attributes: { ...attributes, bits: key.length * 8 }, key }) as const;
    const d: KeyLocationDriver = {
      location: LOCATION,
      claims: (id) => id === DRIVER_KEY_ID,
      importKey(_owner, attributes, data) {
        if (ctl.broken) throw new Error('driver bug (import)');
        return loaded(attributes, data.slice());
      },
      generateKey(_owner, attributes, rng) {
        const key = new Uint8Array(16);
        rngSeen.push(key);
        rng(key); // the core's source: a throw here is an entropy failure
        return loaded(attributes, key);
      },
      loadKey(_owner, id) {
        if (ctl.broken) throw new Error('driver bug (load)');
        return loaded(
          { id, lifetime: IN_DRIVER, type: 0x2400, bits: 0, usage: USE, alg: PSA_ALG_CTR, alg2: 0 },
          AES128.slice(),
        );
      },
      destroyKey: () => PSA_SUCCESS,
    };
    return { d, ctl };
  }

  function core(d: KeyLocationDriver, rng = deterministicRandom('driver')) {
    const state = createCoreState({
      flavor: 'mbedtls',
      storage: true,
      builtinKeys: true,
      encodeOwner: false,
      itsClient: 0,
      its: undefined,
      rng,
      slotCount: 1,
      locations: new Map([[LOCATION, d]]),
    });
    cryptoInit(state);
    return state;
  }

  /** The single slot is free: a local import takes it (and is destroyed again). */
  function slotIsFree(state: CoreState): void {
    expect(state.slots).toEqual([undefined]);
    expect(importKey(state, 0, attrs({ usage: USE }), AES128)).toEqual({
      status: PSA_SUCCESS,
      key: PSA_KEY_ID_VOLATILE_MIN,
    });
    state.slots[0]!.key.fill(0);
    state.slots[0] = undefined;
  }

  it('driver importKey throws: the error propagates, the slot is freed', () => {
    const { d } = driver();
    const state = core(d);
    expect(() => importKey(state, 0, attrs({ lifetime: IN_DRIVER, usage: USE }), AES128)).toThrow(
      'driver bug (import)',
    );
    slotIsFree(state);
  });

  it('driver loadKey throws (psa_get_and_lock_key_slot): the error propagates, the slot is freed', () => {
    const { d, ctl } = driver();
    const state = core(d);
    expect(() => getKeyAttributes(state, 0, DRIVER_KEY_ID)).toThrow('driver bug (load)');
    slotIsFree(state);
    ctl.broken = false;
    expect(getKeyAttributes(state, 0, DRIVER_KEY_ID).status).toBe(PSA_SUCCESS);
  });

  it("the core's random source fails inside the driver's generateKey → INSUFFICIENT_ENTROPY, slot freed, bytes zeroed", () => {
    const seen: Uint8Array[] = [];
    const { d } = driver(seen);
    const flaky = flakyRandom('driver-gen');
    const state = core(d, flaky.rng);
    flaky.state.fail = 1;
    expect(generateKey(state, 0, attrs({ lifetime: IN_DRIVER, bits: 128, usage: USE }))).toEqual({
      status: PSA_ERROR_INSUFFICIENT_ENTROPY,
      key: 0,
    });
    expect(seen).toEqual([new Uint8Array(16)]);
    slotIsFree(state);
    expect(generateKey(state, 0, attrs({ lifetime: IN_DRIVER, bits: 128, usage: USE })).status).toBe(
      PSA_SUCCESS,
    );
  });
});
