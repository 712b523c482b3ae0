/**
 * Bundled into the browser test page: psa-emu with IndexedDB storage, TF-M-free (`target:
 * 'mbedtls'`). `window.psaTest.phase1()` imports a persistent AES key and checks a
 * decryption; after a page reload `phase2()` opens the same key and decrypts again.
 * `hygiene()` watches what IndexedDB hands back at open and what it is given to store, and
 * reports whether those copies of key records were zeroed afterwards; `afterHygiene()` (after a
 * reload) checks that what it wrote is intact in the database all the same.
 */
import { indexedDbStorage } from '../../../src/entries/browser.js';
import { createPsa, PSA_ALG_CBC_NO_PADDING } from '../../../src/index.js';
import { fromHex, toHex } from '../../../src/utils/bytes.js';

const KEY = fromHex('000102030405060708090a0b0c0d0e0f');
const INPUT = fromHex(
  '00000000000000000000000000000000' + '07feef74e1d5036e900eee118e949293138bb0fe942520a0013f42531dd5022c',
);

async function open() {
  const storage = await indexedDbStorage('psa-emu-test');
  const psa = createPsa({ target: 'mbedtls', storage });
  psa.init();
  return psa;
}

async function decrypt(psa: Awaited<ReturnType<typeof open>>, key = 10) {
  const out = new Uint8Array(32);
  const r = await psa.c.psa_cipher_decrypt(key, PSA_ALG_CBC_NO_PADDING, INPUT, out);
  return { status: r.status, plaintext: toHex(out.subarray(0, r.outputLength)) };
}

declare global {
  interface Window {
    psaTest: Record<string, () => Promise<unknown>>;
  }
}

window.psaTest = {
  async phase1() {
    const psa = await open();
    const id = await psa.importKey(
      { id: 10, type: 'AES', usage: ['encrypt', 'decrypt'], algorithm: 'CBC_NO_PADDING' },
      KEY,
    );
    // Concurrent async calls on one store: none may be lost.
    const sets = await Promise.all(
      Array.from({ length: 8 }, (_, i) => psa.c.psa_its_set(BigInt(100 + i), new Uint8Array([i]), 0)),
    );
    return { id, sets, ...(await decrypt(psa)) };
  },
  async phase2() {
    const psa = await open();
    const opened = await psa.c.psa_open_key(10);
    const assets = [];
    for (let i = 0; i < 8; i++) assets.push([...(await psa.itsGet(BigInt(100 + i)))]);
    return { opened, assets, ...(await decrypt(psa)) };
  },
  async hygiene() {
    // Every object an IndexedDB request hands back while the store opens (getAll gives the records).
    const results: unknown[] = [];
    const result = Object.getOwnPropertyDescriptor(IDBRequest.prototype, 'result')!;
    Object.defineProperty(IDBRequest.prototype, 'result', {
      configurable: true,
      get(this: IDBRequest) {
        const r: unknown = result.get!.call(this);
        results.push(r);
        return r;
      },
    });
    let psa: Awaited<ReturnType<typeof open>>;
    try {
      psa = await open();
    } finally {
      Object.defineProperty(IDBRequest.prototype, 'result', result);
    }
    const loaded = results
      .flatMap((r) => (Array.isArray(r) ? r : [r]))
      .filter((v): v is { data: Uint8Array } => typeof v === 'object' && v !== null && 'data' in v);
    // Every value the store gives IndexedDB to put.
    const put: { data: Uint8Array }[] = [];
    const original = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (
      this: IDBObjectStore,
      value: { data: Uint8Array },
      key?: IDBValidKey,
    ) {
      put.push(value);
      return original.call(this, value, key);
    };
    try {
      // The async facade resolves once the store has flushed: the writes are done.
      await psa.importKey(
        { id: 11, type: 'AES', usage: ['encrypt', 'decrypt'], algorithm: 'CBC_NO_PADDING' },
        KEY,
      );
      await psa.c.psa_its_set(200n, new Uint8Array([1, 2, 3]), 0);
    } finally {
      IDBObjectStore.prototype.put = original;
    }
    const zeroed = (vs: { data: Uint8Array }[]) =>
      vs.map((v) => v.data.length > 0 && v.data.every((b) => b === 0));
    return { loaded: zeroed(loaded), put: zeroed(put), ...(await decrypt(psa, 10)) };
  },
  async afterHygiene() {
    const psa = await open();
    return { asset: [...(await psa.itsGet(200n))], ...(await decrypt(psa, 11)) };
  },
};
