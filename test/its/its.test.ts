/**
 * ITS semantics: every error row of tfm-psa.md §3.5 (TF-M
 * `secure_fw/partitions/internal_trusted_storage/tfm_internal_trusted_storage.c`, `flash_fs/*`)
 * and the Mbed TLS file ITS (`library/psa_its_file.c`), plus a model check against a Map.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Its,
  memoryStorage,
  PSA_STORAGE_FLAG_NO_CONFIDENTIALITY,
  PSA_STORAGE_FLAG_NO_REPLAY_PROTECTION,
  PSA_STORAGE_FLAG_WRITE_ONCE,
} from '../../src/entries/its.js';
import {
  createPsa,
  PSA_ERROR_DOES_NOT_EXIST,
  PSA_ERROR_INSUFFICIENT_STORAGE,
  PSA_ERROR_INVALID_ARGUMENT,
  PSA_ERROR_INVALID_HANDLE,
  PSA_ERROR_NOT_PERMITTED,
  PSA_ERROR_NOT_SUPPORTED,
  PSA_ERROR_STORAGE_FAILURE,
  PSA_SUCCESS,
  PsaError,
} from '../../src/index.js';

const NS = -0x3c000000;
const bytes = (n: number, v = 0xab) => new Uint8Array(n).fill(v);

describe('TF-M ITS (tfm_internal_trusted_storage.c)', () => {
  const its = (o = {}) => new Its(memoryStorage(), { semantics: 'tfm', ...o });

  it('uid 0 (TFM_ITS_INVALID_UID) is INVALID_ARGUMENT for every call', () => {
    const s = its();
    expect(s.set(NS, 0n, bytes(1), 0)).toBe(PSA_ERROR_INVALID_ARGUMENT);
    expect(s.get(NS, 0n, 0, new Uint8Array(1)).status).toBe(PSA_ERROR_INVALID_ARGUMENT);
    expect(s.getInfo(NS, 0n).status).toBe(PSA_ERROR_INVALID_ARGUMENT);
    expect(s.remove(NS, 0n)).toBe(PSA_ERROR_INVALID_ARGUMENT);
  });

  it('an unknown create flag is NOT_SUPPORTED; the three known flags are accepted', () => {
    const s = its();
    expect(s.set(NS, 1n, bytes(1), 1 << 3)).toBe(PSA_ERROR_NOT_SUPPORTED);
    expect(
      s.set(NS, 1n, bytes(1), PSA_STORAGE_FLAG_NO_CONFIDENTIALITY | PSA_STORAGE_FLAG_NO_REPLAY_PROTECTION),
    ).toBe(PSA_SUCCESS);
    expect(s.getInfo(NS, 1n)).toEqual({ status: 0, info: { size: 1, capacity: 1, flags: 6 } });
  });

  it('a WRITE_ONCE asset can be neither replaced nor removed (NOT_PERMITTED)', () => {
    const s = its();
    expect(s.set(NS, 5n, bytes(4, 1), PSA_STORAGE_FLAG_WRITE_ONCE)).toBe(0);
    expect(s.set(NS, 5n, bytes(4, 2), 0)).toBe(PSA_ERROR_NOT_PERMITTED);
    expect(s.remove(NS, 5n)).toBe(PSA_ERROR_NOT_PERMITTED);
    const out = new Uint8Array(4);
    expect(s.get(NS, 5n, 0, out)).toEqual({ status: 0, dataLength: 4 });
    expect(out).toEqual(bytes(4, 1));
  });

  it('get / get_info / remove of a missing uid are DOES_NOT_EXIST', () => {
    const s = its();
    expect(s.get(NS, 9n, 0, new Uint8Array(1)).status).toBe(PSA_ERROR_DOES_NOT_EXIST);
    expect(s.getInfo(NS, 9n).status).toBe(PSA_ERROR_DOES_NOT_EXIST);
    expect(s.remove(NS, 9n)).toBe(PSA_ERROR_DOES_NOT_EXIST);
  });

  it('get: offset > size is INVALID_ARGUMENT; otherwise min(length, size − offset) bytes, no BUFFER_TOO_SMALL', () => {
    const s = its();
    s.set(NS, 2n, Uint8Array.from([1, 2, 3, 4, 5]), 0);
    expect(s.get(NS, 2n, 6, new Uint8Array(1)).status).toBe(PSA_ERROR_INVALID_ARGUMENT);
    const out = new Uint8Array(10);
    expect(s.get(NS, 2n, 3, out)).toEqual({ status: 0, dataLength: 2 });
    expect([...out.subarray(0, 2)]).toEqual([4, 5]);
    expect(s.get(NS, 2n, 5, new Uint8Array(4))).toEqual({ status: 0, dataLength: 0 });
    expect(s.get(NS, 2n, 1, new Uint8Array(2))).toEqual({ status: 0, dataLength: 2 });
  });

  it('an asset larger than ITS_MAX_ASSET_SIZE is INVALID_ARGUMENT (default 512, configurable)', () => {
    expect(its().set(NS, 1n, bytes(512), 0)).toBe(0);
    expect(its().set(NS, 1n, bytes(513), 0)).toBe(PSA_ERROR_INVALID_ARGUMENT);
    expect(its({ maxAssetSize: 1024 }).set(NS, 1n, bytes(1024), 0)).toBe(0);
  });

  it('the asset table (ITS_NUM_ASSETS, default 10) is shared by every client; replacing still works when full', () => {
    const s = its();
    for (let i = 1n; i <= 5n; i++) expect(s.set(NS, i, bytes(8), 0)).toBe(0);
    for (let i = 1n; i <= 5n; i++) expect(s.set(259, (0xffffffffn << 32n) | i, bytes(52), 0)).toBe(0);
    expect(s.assetCount()).toBe(10);
    expect(s.set(NS, 99n, bytes(1), 0)).toBe(PSA_ERROR_INSUFFICIENT_STORAGE);
    expect(s.set(259, 99n, bytes(1), 0)).toBe(PSA_ERROR_INSUFFICIENT_STORAGE);
    expect(s.set(NS, 3n, bytes(100), 0)).toBe(0);
    expect(s.remove(NS, 3n)).toBe(0);
    expect(s.set(NS, 99n, bytes(1), 0)).toBe(0);
    expect(its({ numAssets: 1 }).set(NS, 1n, bytes(1), 0)).toBe(0);
  });

  it('records of non-ITS namespaces (the SoftSIM NVS, KMU) in the same store do not use ITS assets', () => {
    const store = memoryStorage();
    store.set({ client: 0x4e5653, uid: 1n }, { data: bytes(100), flags: 0 });
    const s = new Its(store, { numAssets: 1 });
    expect(s.assetCount()).toBe(0);
    expect(s.set(NS, 1n, bytes(1), 0)).toBe(0);
    expect(s.set(NS, 2n, bytes(1), 0)).toBe(PSA_ERROR_INSUFFICIENT_STORAGE);
  });

  it('assets are per client: the same uid of another client is another asset', () => {
    const s = its();
    s.set(NS, 1n, bytes(1, 1), 0);
    s.set(-0x3c000001, 1n, bytes(1, 2), 0);
    const out = new Uint8Array(1);
    s.get(NS, 1n, 0, out);
    expect(out[0]).toBe(1);
    expect(s.getInfo(42, 1n).status).toBe(PSA_ERROR_DOES_NOT_EXIST);
  });

  it('a backend failure becomes the status, never an exception', () => {
    const broken = memoryStorage();
    broken.set = () => {
      throw new PsaError(PSA_ERROR_INSUFFICIENT_STORAGE, 'flash full');
    };
    broken.get = () => {
      throw new Error('EIO');
    };
    const s = new Its(broken);
    expect(s.set(NS, 1n, bytes(1), 0)).toBe(PSA_ERROR_STORAGE_FAILURE);
    expect(new Its({ ...memoryStorage(), set: broken.set }).set(NS, 1n, bytes(1), 0)).toBe(
      PSA_ERROR_INSUFFICIENT_STORAGE,
    );
  });

  it('rejects bad options with a RangeError naming them', () => {
    expect(() => new Its(memoryStorage(), { numAssets: 0 })).toThrow(/options\.numAssets/);
    expect(() => new Its(memoryStorage(), { maxAssetSize: 1.5 })).toThrow(/options\.maxAssetSize/);
  });

  it('behaves like a Map with the TF-M limits (model check)', () => {
    const uid = fc.bigInt({ min: 0n, max: 6n });
    const cmd = fc.oneof(
      fc.record({
        op: fc.constant('set' as const),
        uid,
        size: fc.integer({ min: 0, max: 20 }),
        flags: fc.constantFrom(0, 1, 2, 8),
      }),
      fc.record({
        op: fc.constant('get' as const),
        uid,
        offset: fc.integer({ min: 0, max: 22 }),
        length: fc.integer({ min: 0, max: 22 }),
      }),
      fc.record({ op: fc.constant('remove' as const), uid }),
    );
    fc.assert(
      fc.property(fc.array(cmd, { maxLength: 40 }), (cmds) => {
        const s = new Its(memoryStorage(), { numAssets: 4, maxAssetSize: 16 });
        const model = new Map<bigint, { data: Uint8Array; flags: number }>();
        let n = 0;
        for (const c of cmds) {
          n++;
          if (c.op === 'set') {
            const data = bytes(c.size, n & 0xff);
            const ex = model.get(c.uid);
            const want =
              c.flags & ~7
                ? -134
                : c.uid === 0n
                  ? -135
                  : ex && ex.flags & 1
                    ? -133
                    : c.size > 16
                      ? -135
                      : !ex && model.size >= 4
                        ? -142
                        : 0;
            expect(s.set(1, c.uid, data, c.flags)).toBe(want);
            if (want === 0) model.set(c.uid, { data, flags: c.flags });
          } else if (c.op === 'get') {
            const ex = model.get(c.uid);
            const out = new Uint8Array(c.length);
            const r = s.get(1, c.uid, c.offset, out);
            if (c.uid === 0n) expect(r.status).toBe(-135);
            else if (!ex) expect(r.status).toBe(-140);
            else if (c.offset > ex.data.length) expect(r.status).toBe(-135);
            else {
              const n2 = Math.min(c.length, ex.data.length - c.offset);
              expect(r).toEqual({ status: 0, dataLength: n2 });
              expect(out.subarray(0, n2)).toEqual(ex.data.subarray(c.offset, c.offset + n2));
            }
          } else {
            const ex = model.get(c.uid);
            const want = c.uid === 0n ? -135 : !ex ? -140 : ex.flags & 1 ? -133 : 0;
            expect(s.remove(1, c.uid)).toBe(want);
            if (want === 0) model.delete(c.uid);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('Mbed TLS file ITS semantics (psa_its_file.c)', () => {
  const its = () => new Its(memoryStorage(), { semantics: 'mbedtls' });
  it('set refuses only uid 0 (INVALID_HANDLE); flags are stored, not enforced; no size or count limit', () => {
    const s = its();
    expect(s.set(0, 0n, bytes(1), 0)).toBe(PSA_ERROR_INVALID_HANDLE);
    expect(s.set(0, 1n, bytes(4000), PSA_STORAGE_FLAG_WRITE_ONCE)).toBe(0);
    expect(s.set(0, 1n, bytes(1), 0)).toBe(0);
    expect(s.remove(0, 1n)).toBe(0);
    for (let i = 1n; i <= 50n; i++) expect(s.set(0, i, bytes(1), 1 << 9)).toBe(0);
  });
  it('get needs offset + length ≤ size (INVALID_ARGUMENT otherwise) and returns exactly length bytes', () => {
    const s = its();
    s.set(0, 7n, Uint8Array.from([1, 2, 3]), 0);
    expect(s.get(0, 7n, 1, new Uint8Array(3)).status).toBe(PSA_ERROR_INVALID_ARGUMENT);
    expect(s.get(0, 7n, 1, new Uint8Array(2))).toEqual({ status: 0, dataLength: 2 });
    expect(s.get(0, 0n, 0, new Uint8Array(1)).status).toBe(PSA_ERROR_DOES_NOT_EXIST);
    expect(s.remove(0, 8n)).toBe(PSA_ERROR_DOES_NOT_EXIST);
  });
});

describe('psa_its_* through the C facade (target mbedtls)', () => {
  it('shares the uid space with persistent keys, as Mbed TLS does (uid = key id)', async () => {
    const psa = createPsa({ target: 'mbedtls' });
    psa.init();
    await psa.importKey(
      { id: 10, type: 'AES', usage: ['encrypt'], algorithm: 'CBC_NO_PADDING' },
      bytes(16, 1),
    );
    const info = await psa.c.psa_its_get_info(10n);
    expect(info).toEqual({ status: 0, info: { size: 52, capacity: 52, flags: 0 } });
    expect(await psa.c.psa_its_set(11n, bytes(3), 0)).toBe(0);
    const out = new Uint8Array(3);
    expect(await psa.c.psa_its_get(11n, 0, 3, out)).toEqual({ status: 0, dataLength: 3 });
    expect(await psa.itsGet(11n)).toEqual(bytes(3));
    await psa.itsRemove(11n);
    await expect(psa.itsGetInfo(11n)).rejects.toMatchObject({ code: 'PSA_ERROR_DOES_NOT_EXIST' });
  });
  it('rejects JavaScript type errors with a TypeError/RangeError naming the C parameter', () => {
    const c = createPsa({ target: 'mbedtls' }).cSync;
    expect(() => c.psa_its_set(1 as unknown as bigint, bytes(1), 0)).toThrow(/uid must be a bigint/);
    expect(() => c.psa_its_set(-1n, bytes(1), 0)).toThrow(RangeError);
    expect(() => c.psa_its_get(1n, 0, 5, new Uint8Array(2))).toThrow(/data_length/);
    expect(() => c.psa_its_set(1n, 'x' as unknown as Uint8Array, 0)).toThrow(/p_data must be a Uint8Array/);
  });
});
