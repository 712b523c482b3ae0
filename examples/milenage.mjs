// MILENAGE (TS 35.208 test set 1) and the GSM conversions; works from CommonJS too (see milenage.cjs).
import assert from 'node:assert/strict';
import { c2, c3, createMilenage } from 'psa-emu/milenage';

const hex = (s) => Uint8Array.from(Buffer.from(s, 'hex'));
const m = createMilenage({
  k: hex('465b5ce8b199b49faa5f0a2ee238a6bc'),
  op: hex('cdc202d5123e20f62b6d676ac72cb318'),
});
const r = m.compute(hex('23553cbe9637a89d218ae64dae47bf35'), hex('ff9bb4d0b607'), hex('b9b9'));
assert.equal(Buffer.from(r.macA).toString('hex'), '4a9ffac354dfafb3');
assert.equal(Buffer.from(c2(r.res)).toString('hex'), '46f8416a');
assert.equal(Buffer.from(c3(r.ck, r.ik)).toString('hex'), 'eae4be823af9a08b');
m.dispose();
console.log('milenage: ok');
