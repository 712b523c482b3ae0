/**
 * Key hygiene (issue 11, item 4):
 * - no key bytes in any error message or stack, nor in `String()`, `JSON.stringify()` or
 *   `util.inspect()` of any object holding keys (PSA instances, operations, attributes, stores,
 *   MILENAGE/TUAK instances, USIMs, SoftSIM profiles) — found by grepping every collected text
 *   for the distinctive key bytes as hex, decimal lists and base64;
 * - destroyed, closed, purged, evicted and rebooted-away keys are zeroed in memory (the slot's
 *   buffer captured before, checked after), and so are the storage records the core read or wrote;
 * - non-exportable keys cannot be read through any path: export, copy without COPY, a copy
 *   that tries to add EXPORT, `inspectStore` without `reveal`, the NS side's ITS, another client,
 *   the boundary's call listeners.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generateAuthVector, Usim } from '../../src/aka/index.js';
import { inspectStore } from '../../src/entries/its.js';
import {
  createPsa,
  deterministicRandom,
  type ItsRecord,
  type ItsStore,
  memoryStorage,
  PSA_ALG_CBC_NO_PADDING,
  PSA_ALG_CMAC,
  PSA_ERROR_DOES_NOT_EXIST,
  PSA_ERROR_INVALID_HANDLE,
  PSA_ERROR_NOT_PERMITTED,
  PSA_SUCCESS,
  type Psa,
  psa_cipher_operation_init,
  psa_hash_operation_init,
  psa_mac_operation_init,
} from '../../src/index.js';
import { createMilenage } from '../../src/milenage/index.js';
import { createTuak } from '../../src/tuak/index.js';
import { toHex } from '../../src/utils/bytes.js';
import { findKeyBytes, keyPattern } from './helpers.js';

const K16 = keyPattern(16, 0);
const K32 = keyPattern(32, 1);
const HMAC_KEY = keyPattern(40, 2);
const OP = keyPattern(16, 3);
const TOP = keyPattern(32, 4);
const SECRETS = [K16, K32, HMAC_KEY, OP, TOP];
const leak = (text: string): string | undefined => findKeyBytes(text, SECRETS);

/**
 * Every way `value` turns into text. `shallow`: only `String()` and the default `inspect` depth
 * (for the TF-M instance, whose deep renderings are the known, reported leak below).
 */
function renderings(value: unknown, shallow = false): string[] {
  const out: string[] = [];
  const tryAdd = (f: () => string | undefined) => {
    try {
      const s = f();
      if (s !== undefined) out.push(s);
    } catch {
      // e.g. String() of a null-prototype object, JSON of a cycle: nothing printed, nothing leaked
    }
  };
  tryAdd(() => String(value));
  tryAdd(() => `${value}`);
  tryAdd(() => inspect(value));
  if (shallow) return out;
  tryAdd(() => JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
  tryAdd(() => inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true }));
  if (value instanceof Error) {
    out.push(value.message, value.stack ?? '');
    tryAdd(() => JSON.stringify({ ...value }));
  }
  return out;
}

/** Texts collected from a run: every error thrown and every object rendered. */
class Collector {
  readonly texts: { what: string; text: string }[] = [];
  errors = 0;
  object(what: string, value: unknown, shallow = false): void {
    for (const text of renderings(value, shallow)) this.texts.push({ what, text });
  }
  async error(what: string, f: () => unknown): Promise<void> {
    try {
      await f();
    } catch (e) {
      this.errors++;
      this.object(`${what} (error)`, e);
      return;
    }
    throw new Error(`${what} did not throw`);
  }
  leaks(): string[] {
    return this.texts.flatMap(({ what, text }) => {
      const l = leak(text);
      return l ? [`${what}: ${l}`] : [];
    });
  }
}

/** A PSA holding keys of every kind, with operations in progress. */
async function loaded(options: Parameters<typeof createPsa>[0]) {
  const psa = createPsa({ ...options, rng: deterministicRandom('hygiene') });
  psa.init();
  const vol = await psa.importKey(
    { type: 'AES', usage: ['encrypt', 'decrypt'], algorithm: 'CBC_NO_PADDING' },
    K16,
  );
  const per = await psa.importKey(
    { id: 7, type: 'AES', usage: ['sign-message', 'verify-message'], algorithm: 'CMAC' },
    K32,
  );
  const hm = await psa.importKey(
    { type: 'HMAC', usage: ['sign-message'], algorithm: 'HMAC-SHA-256' },
    HMAC_KEY,
  );
  const cop = psa_cipher_operation_init();
  psa.cSync.psa_cipher_encrypt_setup(cop, vol, PSA_ALG_CBC_NO_PADDING);
  psa.cSync.psa_cipher_set_iv(cop, new Uint8Array(16));
  const mop = psa_mac_operation_init();
  psa.cSync.psa_mac_sign_setup(mop, per, PSA_ALG_CMAC);
  const hop = psa_hash_operation_init();
  psa.cSync.psa_hash_setup(hop, 0x02000009);
  return { psa, vol, per, hm, cop, mop, hop };
}

describe('no key bytes in errors or printed objects', () => {
  it('the detector finds key bytes in every form (so the checks below can fail)', () => {
    for (const s of SECRETS) {
      expect(leak(inspect(s))).toBeDefined();
      expect(leak(JSON.stringify(s))).toBeDefined();
      expect(leak(toHex(s).toUpperCase())).toBeDefined();
      expect(leak(Buffer.from(s).toString('base64'))).toBeDefined();
      expect(leak(`[${[...s.subarray(8)].join(', ')}]`)).toBeDefined();
      expect(leak(inspect(new Uint32Array(s.buffer.slice(0, 16))))).toBeDefined();
    }
  });

  it('errors from a broad set of bad calls, and every key-holding object, show no key bytes', async () => {
    const col = new Collector();
    for (const target of ['mbedtls', 'tfm'] as const) {
      const { psa, vol, per, hm, cop, mop, hop } = await loaded(
        target === 'tfm' ? { target, tfm: { profile: 'not-set' } } : { target },
      );
      const c = psa.cSync;
      // Idiomatic errors (PsaError) with key bytes passed in.
      await col.error('import bad AES length', () =>
        psa.importKey({ type: 'AES', usage: ['encrypt'] }, K16.subarray(0, 15)),
      );
      await col.error('import bits mismatch', () =>
        psa.importKey({ type: 'AES', bits: 256, usage: [] }, K16),
      );
      await col.error('import unknown type', () => psa.importKey({ type: 0x2301, usage: [] }, K16));
      await col.error('import existing id', () => psa.importKey({ id: 7, type: 'AES', usage: [] }, K32));
      await col.error('import bad usage name', () =>
        psa.importKey({ type: 'AES', usage: ['nope' as 'export'] }, K16),
      );
      await col.error('import data not bytes', () =>
        psa.importKey({ type: 'AES', usage: [] }, [...K16] as unknown as Uint8Array),
      );
      await col.error('export without EXPORT', () => psa.exportKey(vol));
      await col.error('copy without COPY', () => psa.copyKey(per, { usage: ['export'] }));
      await col.error('decrypt bad padding', () => psa.cipherDecrypt(vol, 'CBC_PKCS7', new Uint8Array(32)));
      await col.error('mac verify mismatch', () => psa.macVerify(per, 'CMAC', K16, K16));
      await col.error('mac with HMAC key', () => psa.macCompute(hm, 'CMAC', K32));
      await col.error('encrypt with MAC key', () => psa.cipherEncrypt(per, 'CTR', K16));
      await col.error('its set with key bytes, uid 0', () => psa.itsSet(0n, K16));
      // C face errors (TypeError / RangeError) with key bytes in the wrong place.
      await col.error('attributes = key bytes', () => c.psa_import_key(K16 as never, K16));
      await col.error('data = array', () => c.psa_import_key(c.psa_key_attributes_init(), [...K16] as never));
      await col.error('key id = bytes', () => c.psa_export_key(K16 as never, new Uint8Array(16)));
      await col.error('its get length > buffer', () => c.psa_its_get(1n, 0, 99, K16));
      await col.error('operation = bytes', () => c.psa_cipher_update(K16 as never, K16, new Uint8Array(32)));
      // Objects.
      col.object(`${target} psa`, psa, target === 'tfm');
      col.object(`${target} cSync`, c);
      col.object(`${target} c`, psa.c);
      col.object(`${target} storage`, psa.storage);
      for (const [n, op] of [
        ['cipher op', cop],
        ['mac op', mop],
        ['hash op', hop],
      ] as const)
        col.object(`${target} ${n}`, op);
      col.object(`${target} attributes`, c.psa_get_key_attributes(per));
      col.object(`${target} inspectStore`, inspectStore(psa.storage));
    }
    // MILENAGE, TUAK, USIM.
    const m = createMilenage({ k: K16, op: OP });
    const t = createTuak({ k: K32, top: TOP });
    const usim = new Usim({ milenage: m });
    const av = generateAuthVector({
      milenage: m,
      sqn: 33n,
      amf: new Uint8Array(2),
      rand: new Uint8Array(16),
    });
    col.object('milenage', m);
    col.object('tuak', t);
    col.object('usim', usim);
    col.object('usim answer', usim.authenticate(av.rand, av.autn));
    await col.error('milenage short k', () => createMilenage({ k: K16.subarray(1), op: OP }));
    await col.error('milenage op and opc', () => createMilenage({ k: K16, op: OP, opc: OP } as never));
    await col.error('milenage k as array', () => createMilenage({ k: [...K16] as never, op: OP }));
    await col.error('tuak short top', () => createTuak({ k: K32, top: TOP.subarray(2) }));
    await col.error('tuak k of 17 bytes', () => createTuak({ k: HMAC_KEY.subarray(0, 17), top: TOP }));
    await col.error('usim short rand', () => usim.authenticate(K16.subarray(1), av.autn));
    // SoftSIM profile, when the module is there.
    const softsim = await import('../../src/softsim/index.js').catch(() => undefined);
    if (softsim) {
      const profile = softsim.checkSoftSimProfile({
        imsi: '001010123456789',
        iccid: '89000123456789012341',
        k: K16,
        opc: OP,
        kic: K16,
        kid: OP,
      });
      col.object('softsim profile', profile);
      await col.error('softsim profile short k', () =>
        softsim.checkSoftSimProfile({ ...profile, k: K16.subarray(2) }),
      );
    }
    m.dispose();
    t.dispose();
    expect(col.errors).toBeGreaterThanOrEqual(40);
    expect(col.texts.length).toBeGreaterThan(200);
    expect(col.leaks()).toEqual([]);
  });

  // KeySlot objects are reachable from psa.tfm.boundary (a TS-private field, still an ordinary
  // property): reserveFreeSlot redacts them.
  it('JSON.stringify(psa) and util.inspect(psa, { depth: Infinity }) of a TF-M instance show no key bytes', async () => {
    const { psa } = await loaded({ target: 'tfm', tfm: { profile: 'not-set' } });
    const col = new Collector();
    col.object('tfm psa', psa);
    expect(col.leaks()).toEqual([]);
  });
});

/** The core state behind a TF-M instance (a private field, reached on purpose). */
interface SlotView {
  id: number;
  key: Uint8Array;
  /** The expanded AES key a single-part cipher call caches in the slot (src/psa/core/cipher.ts). */
  aes?: object;
}
function slotsOf(psa: Psa): (SlotView | undefined)[] {
  const boundary = psa.tfm?.boundary as unknown as { state: { slots: (SlotView | undefined)[] } };
  return boundary.state.slots;
}
function keyBufferOf(psa: Psa, id: number): Uint8Array {
  const slot = slotsOf(psa).find((s) => s?.id === id);
  if (!slot) throw new Error(`key ${id} is not cached`);
  return slot.key;
}
const zero = (b: Uint8Array | Uint32Array) => b.length > 0 && b.every((x) => x === 0);

/**
 * Uses key `id` once in a single-part call (so its slot also caches the AES key schedule) and
 * returns every buffer of the slot that holds key material.
 */
async function materialOf(psa: Psa, id: number): Promise<(Uint8Array | Uint32Array)[]> {
  await psa.cipherEncrypt(id, 'CTR', new Uint8Array(16));
  const slot = slotsOf(psa).find((s) => s?.id === id);
  if (!slot) throw new Error(`key ${id} is not cached`);
  const out: (Uint8Array | Uint32Array)[] = [slot.key];
  for (const f of ['enc', 'dec']) {
    const w = slot.aes && (Reflect.get(slot.aes, f) as Uint32Array | undefined);
    if (w) out.push(w);
  }
  expect(out.length).toBeGreaterThan(1); // the schedule is there to be checked
  expect(out.every((b) => !zero(b))).toBe(true);
  return out;
}
const wiped = (bufs: (Uint8Array | Uint32Array)[]) => bufs.every(zero);

/** A store that remembers every buffer it was given or gave out. */
function recordingStore(): { store: ItsStore; seen: Uint8Array[]; read: Uint8Array[] } {
  const inner = memoryStorage();
  const seen: Uint8Array[] = [];
  const read: Uint8Array[] = [];
  const store: ItsStore = {
    ...inner,
    get: (k) => {
      const r = inner.get(k);
      if (r) {
        seen.push(r.data);
        read.push(r.data);
      }
      return r;
    },
    set: (k, r: ItsRecord) => {
      seen.push(r.data);
      inner.set(k, r);
    },
    remove: (k) => inner.remove(k),
    keys: () => inner.keys(),
  };
  return { store, seen, read };
}

describe.each(['mbedtls', 'oberon'] as const)('key material is wiped (core %s, TF-M instance)', (core) => {
  const make = (storage: ItsStore = memoryStorage(), keySlotCount?: number) => {
    const psa = createPsa({
      target: 'tfm',
      core,
      tfm: { profile: 'not-set' },
      storage,
      rng: deterministicRandom('wipe'),
      ...(keySlotCount ? { keySlotCount } : {}),
    });
    return psa;
  };
  const spec = (id?: number) => ({
    ...(id ? { id } : {}),
    type: 'AES' as const,
    usage: ['encrypt' as const, 'decrypt' as const],
    algorithm: 'CTR' as const,
  });

  it('destroy (volatile and persistent), close, purge and reboot zero the key and its AES schedule', async () => {
    const psa = make();
    const v = await psa.importKey(spec(), K16);
    const p = await psa.importKey(spec(3), K32);
    expect(keyBufferOf(psa, v)).toEqual(K16);
    const mv = await materialOf(psa, v);
    const mp = await materialOf(psa, p);
    await psa.destroyKey(v);
    await psa.destroyKey(p);
    expect(wiped(mv) && wiped(mp)).toBe(true);

    const v2 = await psa.importKey(spec(), K16);
    const mv2 = await materialOf(psa, v2);
    await psa.closeKey(v2);
    expect(wiped(mv2)).toBe(true);

    const p2 = await psa.importKey(spec(4), K32);
    const mp2 = await materialOf(psa, p2);
    await psa.purgeKey(p2);
    expect(wiped(mp2)).toBe(true);
    await psa.openKey(p2); // loaded again from storage
    expect(keyBufferOf(psa, p2)).toEqual(K32);
    const mp3 = await materialOf(psa, p2);

    const v3 = await psa.importKey(spec(), K16);
    const mv3 = await materialOf(psa, v3);
    psa.reboot();
    expect(wiped(mv3) && wiped(mp3)).toBe(true);
  });

  it('a persistent key evicted from a full cache is zeroed', async () => {
    const psa = make(memoryStorage(), 2);
    await psa.importKey(spec(1), K16);
    const m1 = await materialOf(psa, 1);
    await psa.importKey(spec(2), K32);
    await psa.importKey(spec(3), K16); // evicts key 1 (the first unlocked persistent slot)
    expect(slotsOf(psa).some((s) => s?.id === 1)).toBe(false);
    expect(wiped(m1)).toBe(true);
  });

  it('every storage record the core wrote or read is zeroed once the call returns', async () => {
    const { store, seen } = recordingStore();
    const psa = make(store);
    const id = await psa.importKey(spec(9), K32);
    psa.reboot();
    await psa.cipherEncrypt(id, 'CTR', K16); // loads the key from storage
    await psa.getKeyAttributes(id);
    await psa.destroyKey(id);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    for (const b of seen) expect(zero(b) || b.length === 0).toBe(true);
  });

  it('records read by psa_its_* are zeroed, also when the call fails (offset past the end)', () => {
    const { store, read } = recordingStore();
    const psa = make(store);
    const c = psa.cSync;
    expect(c.psa_its_set(1n, K16, 0)).toBe(PSA_SUCCESS); // the caller's buffer: not ours to wipe
    const before = read.length;
    expect(c.psa_its_get(1n, 0, 16, new Uint8Array(16)).status).toBe(PSA_SUCCESS);
    expect(c.psa_its_get(1n, 17, 4, new Uint8Array(4)).status).not.toBe(PSA_SUCCESS);
    expect(c.psa_its_get_info(1n).status).toBe(PSA_SUCCESS);
    expect(c.psa_its_remove(1n)).toBe(PSA_SUCCESS);
    expect(read.length).toBeGreaterThan(before + 3);
    for (const b of read) expect(zero(b)).toBe(true);
  });

  it('a finished or aborted cipher operation zeroes its key schedule', () => {
    // Library target: the operation's context is on the object (under TF-M it lives in the partition).
    const psa = createPsa({ target: 'mbedtls', core, rng: deterministicRandom('op') });
    psa.init();
    const c = psa.cSync;
    const a = c.psa_key_attributes_init();
    c.psa_set_key_type(a, 0x2400);
    c.psa_set_key_usage_flags(a, 0x300);
    c.psa_set_key_algorithm(a, PSA_ALG_CBC_NO_PADDING);
    const { key } = c.psa_import_key(a, K16);
    for (const end of ['finish', 'abort'] as const) {
      const op = psa_cipher_operation_init();
      expect(c.psa_cipher_encrypt_setup(op, key, PSA_ALG_CBC_NO_PADDING)).toBe(PSA_SUCCESS);
      const schedule = Reflect.get(Reflect.get(op.ctx!.engine, 'aes'), 'enc') as Uint32Array;
      expect(schedule.some((w) => w !== 0)).toBe(true);
      c.psa_cipher_set_iv(op, new Uint8Array(16));
      if (end === 'finish') c.psa_cipher_finish(op, new Uint8Array(16));
      else c.psa_cipher_abort(op);
      expect(schedule.every((w) => w === 0)).toBe(true);
    }
  });
});

describe('a non-exportable key cannot be read through any path', () => {
  it('export, copy without COPY, copy adding EXPORT, inspectStore, NS ITS, another client, call traces', async () => {
    const storage = memoryStorage();
    const psa = createPsa({ target: 'tfm', tfm: { profile: 'not-set' }, storage });
    const traces: string[] = [];
    psa.tfm!.boundary.listeners.add((t) => traces.push(JSON.stringify(t)));
    const c = psa.cSync;
    const noCopy = await psa.importKey({ id: 20, type: 'AES', usage: ['encrypt'], algorithm: 'CTR' }, K16);
    const copyable = await psa.importKey(
      { id: 21, type: 'AES', usage: ['encrypt', 'copy'], algorithm: 'CTR' },
      K32,
    );
    const out = new Uint8Array(64);
    expect(c.psa_export_key(noCopy, out)).toEqual({ status: PSA_ERROR_NOT_PERMITTED, dataLength: 0 });
    expect(out.every((b) => b === 0)).toBe(true);
    const attrs = c.psa_key_attributes_init();
    c.psa_set_key_usage_flags(attrs, 0x101); // EXPORT | ENCRYPT
    expect(c.psa_copy_key(noCopy, attrs)).toEqual({ status: PSA_ERROR_NOT_PERMITTED, key: 0 });
    // A copy may be made, but its usage is the intersection: EXPORT does not survive.
    const copy = c.psa_copy_key(copyable, attrs);
    expect(copy.status).toBe(PSA_SUCCESS);
    expect(c.psa_get_key_attributes(copy.key).attributes.usage & 1).toBe(0);
    expect(c.psa_export_key(copy.key, out).status).toBe(PSA_ERROR_NOT_PERMITTED);
    // inspectStore shows lengths, not bytes (unless asked to reveal them).
    const listed = inspectStore(storage);
    expect(listed.filter((e) => e.kind === 'key')).toHaveLength(2);
    expect(listed.every((e) => e.key?.keyBytes === undefined)).toBe(true);
    expect(leak(inspect(listed, { depth: Number.POSITIVE_INFINITY }))).toBeUndefined();
    expect(
      leak(inspect(inspectStore(storage, { reveal: true }), { depth: Number.POSITIVE_INFINITY })),
    ).toBeDefined();
    // The NS side's ITS namespace does not contain the crypto partition's key records.
    for (const uid of [20n, 0xc4000000_00000014n])
      expect(c.psa_its_get_info(uid).status).toBe(PSA_ERROR_DOES_NOT_EXIST);
    // Another client cannot use or see the key.
    expect(psa.asClient(-0x3c000001).cSync.psa_export_key(noCopy, out).status).toBe(PSA_ERROR_INVALID_HANDLE);
    // The call listeners see names and statuses only.
    expect(traces.length).toBeGreaterThan(5);
    expect(traces.filter((t) => leak(t))).toEqual([]);
  });
});
