// The CommonJS build: require('psa-emu/milenage').
const assert = require('node:assert/strict');
const { createMilenage } = require('psa-emu/milenage');

const hex = (s) => Uint8Array.from(Buffer.from(s, 'hex'));
const m = createMilenage({
  k: hex('465b5ce8b199b49faa5f0a2ee238a6bc'),
  opc: hex('cd63cb71954a9f4e48a5994e37a02baf'),
});
assert.equal(
  Buffer.from(m.f2345(hex('23553cbe9637a89d218ae64dae47bf35')).res).toString('hex'),
  'a54211d5e3ba50bf',
);
console.log('milenage (cjs): ok');
