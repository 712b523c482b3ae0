/**
 * Model check of the ITS partition through the C facade (`psa_its_set/get/get_info/remove` on
 * target 'tfm', profile not-set): random command sequences from two clients, with reboots,
 * against a plain Map that follows TF-M's rules as docs/notes/tfm-boundary.md §6.2 describes
 * them (`tfm_its_req_mngr.c`, `tfm_internal_trusted_storage.c`, `its_flash_fs.c`):
 * - set: unsupported flag bits → NOT_SUPPORTED, then uid 0 → INVALID_ARGUMENT, then an existing
 *   WRITE_ONCE file → NOT_PERMITTED; a size above ITS_MAX_ASSET_SIZE → INVALID_ARGUMENT; a new
 *   file when ITS_NUM_ASSETS files exist (over all clients) → INSUFFICIENT_STORAGE; replacing
 *   an existing file always fits the table;
 * - get: uid 0 → INVALID_ARGUMENT, missing (or another client's) → DOES_NOT_EXIST, offset past
 *   the end → INVALID_ARGUMENT, else min(length, size − offset) bytes;
 * - get_info: {capacity = size, size, flags}; remove: WRITE_ONCE → NOT_PERMITTED;
 * - the store survives reboots. Runs: 1,000 sequences of up to 40 commands.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createPsa,
  deterministicRandom,
  memoryStorage,
  PSA_ERROR_DOES_NOT_EXIST,
  PSA_ERROR_INSUFFICIENT_STORAGE,
  PSA_ERROR_INVALID_ARGUMENT,
  PSA_ERROR_NOT_PERMITTED,
  PSA_ERROR_NOT_SUPPORTED,
  PSA_STORAGE_FLAG_WRITE_ONCE,
  PSA_SUCCESS,
  type Psa,
} from '../../src/index.js';

const WRITE_ONCE = PSA_STORAGE_FLAG_WRITE_ONCE;
/**
 * TF-M's `tfm_its_set` (nrfconnect/sdk-trusted-firmware-m@86fc963b, tfm_internal_trusted_storage.c)
 * refuses unsupported flags *before* it looks at the uid, so `set(uid 0, flags 8)` is NOT_SUPPORTED.
 */
const UID0_CHECKED_BEFORE_FLAGS = false;
const SUPPORTED_FLAGS = 0x7;

interface ModelFile {
  data: Uint8Array;
  flags: number;
}

/** TF-M's ITS as a Map: key = client/uid. */
class ItsModel {
  readonly files = new Map<string, ModelFile>();
  constructor(
    readonly numAssets: number,
    readonly maxAssetSize: number,
  ) {}

  set(client: number, uid: bigint, data: Uint8Array, flags: number): number {
    if (UID0_CHECKED_BEFORE_FLAGS && uid === 0n) return PSA_ERROR_INVALID_ARGUMENT;
    if ((flags & ~SUPPORTED_FLAGS) !== 0) return PSA_ERROR_NOT_SUPPORTED;
    if (uid === 0n) return PSA_ERROR_INVALID_ARGUMENT;
    const k = `${client}/${uid}`;
    const old = this.files.get(k);
    if (old && old.flags & WRITE_ONCE) return PSA_ERROR_NOT_PERMITTED;
    if (data.length > this.maxAssetSize) return PSA_ERROR_INVALID_ARGUMENT;
    if (!old && this.files.size >= this.numAssets) return PSA_ERROR_INSUFFICIENT_STORAGE;
    this.files.set(k, { data: data.slice(), flags });
    return PSA_SUCCESS;
  }

  get(client: number, uid: bigint, offset: number, length: number): { status: number; data: Uint8Array } {
    const none = new Uint8Array(0);
    if (uid === 0n) return { status: PSA_ERROR_INVALID_ARGUMENT, data: none };
    const f = this.files.get(`${client}/${uid}`);
    if (!f) return { status: PSA_ERROR_DOES_NOT_EXIST, data: none };
    if (offset > f.data.length) return { status: PSA_ERROR_INVALID_ARGUMENT, data: none };
    return {
      status: PSA_SUCCESS,
      data: f.data.slice(offset, offset + Math.min(length, f.data.length - offset)),
    };
  }

  info(
    client: number,
    uid: bigint,
  ): { status: number; info: { capacity: number; size: number; flags: number } } {
    const zero = { capacity: 0, size: 0, flags: 0 };
    if (uid === 0n) return { status: PSA_ERROR_INVALID_ARGUMENT, info: zero };
    const f = this.files.get(`${client}/${uid}`);
    if (!f) return { status: PSA_ERROR_DOES_NOT_EXIST, info: zero };
    return { status: PSA_SUCCESS, info: { capacity: f.data.length, size: f.data.length, flags: f.flags } };
  }

  remove(client: number, uid: bigint): number {
    if (uid === 0n) return PSA_ERROR_INVALID_ARGUMENT;
    const k = `${client}/${uid}`;
    const f = this.files.get(k);
    if (!f) return PSA_ERROR_DOES_NOT_EXIST;
    if (f.flags & WRITE_ONCE) return PSA_ERROR_NOT_PERMITTED;
    this.files.delete(k);
    return PSA_SUCCESS;
  }
}

const uidArb = fc.constantFrom(0n, 1n, 2n, 3n, 4n, 5n, 1n << 40n, (1n << 64n) - 1n);
const clientArb = fc.constantFrom(0, 1);
const commandArb = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('set' as const),
      client: clientArb,
      uid: uidArb,
      data: fc.oneof(
        { weight: 5, arbitrary: fc.uint8Array({ maxLength: 40 }) },
        { weight: 1, arbitrary: fc.integer({ min: 200, max: 600 }).map((n) => new Uint8Array(n).fill(0x33)) },
      ),
      flags: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(0, 0, 2, 4, 6) },
        fc.constantFrom(1, 7, 8, 0x10),
      ),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('get' as const),
      client: clientArb,
      uid: uidArb,
      offset: fc.integer({ min: 0, max: 50 }),
      length: fc.integer({ min: 0, max: 60 }),
      extra: fc.integer({ min: 0, max: 8 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('info' as const), client: clientArb, uid: uidArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('remove' as const), client: clientArb, uid: uidArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reboot' as const) }) },
);

describe('ITS partition (TF-M rules) model-checked against a Map, through the C facade', () => {
  it('set/get/get_info/remove from two clients, with reboots and limits (1,000 runs)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 3, 10),
        fc.constantFrom(256, 512),
        fc.array(commandArb, { minLength: 1, maxLength: 40 }),
        (numAssets, maxAssetSize, commands) => {
          const storage = memoryStorage();
          const boot = (): Psa =>
            createPsa({
              target: 'tfm',
              tfm: { profile: 'not-set', itsNumAssets: numAssets, itsMaxAssetSize: maxAssetSize },
              storage,
              rng: deterministicRandom('its-model'),
            });
          let psa = boot();
          const clients = () => [psa.cSync, psa.asClient(-0x3c000001).cSync];
          let faces = clients();
          const model = new ItsModel(numAssets, maxAssetSize);
          for (const cmd of commands) {
            if (cmd.op === 'reboot') {
              psa.reboot();
              psa = boot(); // a new instance over the same storage: nothing lives in memory only
              faces = clients();
              continue;
            }
            const c = faces[cmd.client]!;
            switch (cmd.op) {
              case 'set':
                expect(c.psa_its_set(cmd.uid, cmd.data, cmd.flags)).toBe(
                  model.set(cmd.client, cmd.uid, cmd.data, cmd.flags),
                );
                break;
              case 'get': {
                const buf = new Uint8Array(cmd.length + cmd.extra).fill(0xee);
                const r = c.psa_its_get(cmd.uid, cmd.offset, cmd.length, buf);
                const m = model.get(cmd.client, cmd.uid, cmd.offset, cmd.length);
                expect(r.status).toBe(m.status);
                if (m.status === PSA_SUCCESS) {
                  expect(r.dataLength).toBe(m.data.length);
                  expect(buf.subarray(0, r.dataLength)).toEqual(m.data);
                }
                // Nothing is written past the returned length.
                expect(
                  buf.subarray(r.status === PSA_SUCCESS ? r.dataLength : 0).every((b) => b === 0xee),
                ).toBe(true);
                break;
              }
              case 'info': {
                const r = c.psa_its_get_info(cmd.uid);
                expect(r).toEqual(model.info(cmd.client, cmd.uid));
                break;
              }
              case 'remove':
                expect(c.psa_its_remove(cmd.uid)).toBe(model.remove(cmd.client, cmd.uid));
                break;
            }
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('TF-M order: unsupported flags are refused before uid 0 (tfm_its_set)', () => {
    const psa = createPsa({ target: 'tfm', tfm: { profile: 'not-set' } });
    expect(psa.cSync.psa_its_set(0n, new Uint8Array(1), 8)).toBe(PSA_ERROR_NOT_SUPPORTED);
  });
});
