/**
 * The acceptance test of examples/wasm/softsim-psa.c (SoftSIM's PSA usage, reference
 * softsim.md §1): compiled to wasm32 and run on psa-emu under the reporter's TF-M build (the
 * NCS minimal profile, the nRF91 default) and the fixed one (CONFIG_TFM_PROFILE_TYPE_NOT_SET=y).
 * Every PSA line the C program prints must equal the line the same flow produces when it
 * calls psa.cSync directly (the twin below), and under the fixed build the outputs are the
 * SoftSIM vectors (test/vectors/softsim.json: psa_cbc, ota_cmac).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createPsa,
  PSA_ALG_CBC_NO_PADDING,
  PSA_ALG_CMAC,
  PSA_ERROR_DOES_NOT_EXIST,
  PSA_ERROR_INVALID_HANDLE,
  PSA_ERROR_NOT_SUPPORTED,
  PSA_KEY_LIFETIME_PERSISTENT,
  PSA_KEY_TYPE_AES,
  PSA_KEY_USAGE_DECRYPT,
  PSA_KEY_USAGE_ENCRYPT,
  PSA_KEY_USAGE_SIGN_MESSAGE,
  PSA_SUCCESS,
  type Psa,
  psa_key_attributes_init,
  psa_set_key_algorithm,
  psa_set_key_bits,
  psa_set_key_id,
  psa_set_key_lifetime,
  psa_set_key_type,
  psa_set_key_usage_flags,
} from '../../src/index.js';
import { minimalConfig, notSetConfig, type TfmConfig } from '../../src/tfm/config.js';
import { fromHex, toHex } from '../../src/utils/bytes.js';
import { runWasm } from '../../src/wasm/run-wasi.js';
import softsim from '../vectors/softsim.json' with { type: 'json' };
import { recording } from './harness.js';
import { compileWasm, ROOT, wasmToolchainAvailable } from './toolchain.js';

const CBC = softsim.psa_cbc;
const CMAC = softsim.ota_cmac;

/** The flow of softsim-psa.c, through psa.cSync, printing the same PSA lines. */
function twin(psa: Psa, head: boolean): string[] {
  const c = psa.cSync;
  const lines: string[] = [];
  const key = fromHex(CBC.key);
  const shared = new Uint8Array(256);
  const getAttributes = (id: number): number => {
    const { status, attributes: a } = c.psa_get_key_attributes(id);
    lines.push(
      `psa_get_key_attributes(${id}) = ${status} id=${a.id} type=${a.type} bits=${a.bits} usage=${a.usage} alg=${a.alg}`,
    );
    return status;
  };
  const openKey = (id: number): { status: number; handle: number } => {
    const r = c.psa_open_key(id);
    lines.push(`psa_open_key(${id}) = ${r.status} handle=${r.handle}`);
    return r;
  };
  const missing = head ? PSA_ERROR_INVALID_HANDLE : PSA_ERROR_DOES_NOT_EXIST;
  const setupKey = (id: number, usage: number, alg: number): void => {
    let handle = id;
    let status: number;
    if (head) status = getAttributes(id);
    else ({ status, handle } = openKey(id));
    if (status === PSA_SUCCESS) lines.push(`psa_destroy_key(${handle}) = ${c.psa_destroy_key(handle)}`);
    else if (status !== missing) return;
    const a = psa_key_attributes_init();
    psa_set_key_usage_flags(a, usage);
    psa_set_key_algorithm(a, alg);
    psa_set_key_type(a, PSA_KEY_TYPE_AES);
    psa_set_key_bits(a, 128);
    psa_set_key_lifetime(a, PSA_KEY_LIFETIME_PERSISTENT);
    psa_set_key_id(a, id);
    const r = c.psa_import_key(a, key);
    lines.push(`psa_import_key(${id}) = ${r.status} key=${r.key}`);
  };
  const aesCbc = (id: number, encrypt: boolean, data: Uint8Array): void => {
    if (!head && openKey(id).status !== PSA_SUCCESS) return;
    const op = c.psa_cipher_operation_init();
    const setup = encrypt ? 'psa_cipher_encrypt_setup' : 'psa_cipher_decrypt_setup';
    let status = c[setup](op, id, PSA_ALG_CBC_NO_PADDING);
    lines.push(`${setup}(${id}) = ${status}`);
    lines.push(`psa_cipher_set_iv(16) = ${c.psa_cipher_set_iv(op, new Uint8Array(16))}`);
    let produced = 0;
    for (let off = 0; off < data.length; off += 16) {
      const out = shared.subarray(produced, produced + 16);
      const r = c.psa_cipher_update(op, data.subarray(off, off + 16), out);
      status = r.status;
      lines.push(`psa_cipher_update(16) = ${r.status} output_length=${r.outputLength} output=${toHex(out)}`);
      if (status !== PSA_SUCCESS) break;
      produced += r.outputLength;
    }
    if (status === PSA_SUCCESS) {
      const r = c.psa_cipher_finish(op, shared.subarray(produced, produced + 16));
      status = r.status;
      lines.push(`psa_cipher_finish(16) = ${r.status} output_length=${r.outputLength}`);
      produced += r.outputLength;
    }
    if (status === PSA_SUCCESS && produced === data.length) data.set(shared.subarray(0, data.length));
    lines.push(`psa_cipher_abort() = ${c.psa_cipher_abort(op)}`);
  };
  const otaCc = (id: number, data1: Uint8Array, data2: Uint8Array): Uint8Array => {
    const cc = new Uint8Array(8);
    const op = c.psa_mac_operation_init();
    lines.push(`psa_mac_sign_setup(${id}) = ${c.psa_mac_sign_setup(op, id, PSA_ALG_CMAC)}`);
    let status: number = PSA_SUCCESS;
    for (let off = 0; off < data1.length && status === PSA_SUCCESS; off += 16) {
      status = c.psa_mac_update(op, data1.subarray(off, off + 16));
      lines.push(`psa_mac_update(16) = ${status}`);
    }
    if (status === PSA_SUCCESS) {
      status = c.psa_mac_update(op, data2);
      lines.push(`psa_mac_update(${data2.length}) = ${status}`);
    }
    if (status === PSA_SUCCESS) {
      const mac = new Uint8Array(16);
      const r = c.psa_mac_sign_finish(op, mac);
      status = r.status;
      lines.push(`psa_mac_sign_finish(16) = ${r.status} mac_length=${r.macLength} mac=${toHex(mac)}`);
      if (status === PSA_SUCCESS) cc.set(mac.subarray(0, 8));
    }
    lines.push(`psa_mac_abort() = ${c.psa_mac_abort(op)}`);
    return cc;
  };

  lines.push(`psa_crypto_init() = ${c.psa_crypto_init()}`);
  setupKey(10, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CBC_NO_PADDING);
  setupKey(11, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT, PSA_ALG_CBC_NO_PADDING);
  setupKey(12, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_CMAC);
  if (head) getAttributes(10);
  else openKey(10);
  const data = fromHex(CBC.plaintext);
  aesCbc(10, true, data);
  aesCbc(11, false, data);
  otaCc(12, fromHex(CMAC.data1), fromHex(CMAC.data2));
  return lines;
}

const BUILDS: [string, () => TfmConfig][] = [
  ['reporter (NCS minimal profile)', minimalConfig],
  ['fixed (CONFIG_TFM_PROFILE_TYPE_NOT_SET=y)', notSetConfig],
];
const FLOWS = [
  ['NCS v3.2.2 port (psa_open_key)', false],
  ['July 2026 port (psa_get_key_attributes)', true],
] as const;

const psaLine = /^(psa_\w+)\(/;
const result = (lines: string[], name: string): string | undefined =>
  lines.find((l) => l.startsWith(`result ${name}=`))?.split('=')[1];

describe.runIf(wasmToolchainAvailable())('examples/wasm/softsim-psa.c', () => {
  let wasm: Uint8Array;
  beforeAll(() => {
    wasm = compileWasm('softsim-psa', [`${ROOT}/examples/wasm/softsim-psa.c`]);
  });

  it('uses the vectors of softsim.json (one key for K, KIC and KID, the documented data)', () => {
    expect(CBC.key).toBe(CMAC.key);
    expect(CBC.iv).toBe('00'.repeat(16));
  });

  describe.each(FLOWS)('%s', (_flow, head) => {
    it.each(BUILDS)('every PSA line under the %s build is what psa.cSync returns', async (_b, config) => {
      const { source, calls } = recording(createPsa({ target: 'tfm', tfm: config() }));
      const run = await runWasm(wasm, { psa: source, args: head ? ['head'] : [] });
      expect(run.exitCode).toBe(0);
      expect(run.hostLog).toEqual([]);
      const cLines = run.lines.filter((l) => psaLine.test(l));
      expect(cLines).toEqual(twin(createPsa({ target: 'tfm', tfm: config() }), head));
      // The lines are the calls psa-emu saw, in order.
      expect(cLines.map((l) => psaLine.exec(l)![1])).toEqual(calls.map((c) => c.name));
      // And psa-emu saw the key and data of the vectors.
      for (const imp of calls.filter((x) => x.name === 'psa_import_key'))
        expect(toHex(imp.args[1] as Uint8Array)).toBe(CBC.key);
    });

    it('reporter build: every call but psa_crypto_init is -134, outputs zeroed, buffers untouched, silent "success"', async () => {
      const run = await runWasm(wasm, {
        psa: createPsa({ target: 'tfm', tfm: minimalConfig() }),
        args: head ? ['head'] : [],
      });
      const statuses = run.lines.filter((l) => psaLine.test(l)).map((l) => Number(/ = (-?\d+)/.exec(l)![1]));
      expect(statuses[0]).toBe(PSA_SUCCESS);
      expect(new Set(statuses.slice(1))).toEqual(new Set([PSA_ERROR_NOT_SUPPORTED]));
      expect(statuses.length).toBeGreaterThan(5);
      for (const l of run.lines.filter((x) => psaLine.test(x))) {
        for (const [, value] of l.matchAll(/ (?:handle|key|id|type|bits|usage|alg|mac)=([0-9a-f]+)/g))
          expect(/^0+$/.test(value!), l).toBe(true);
        for (const [, value] of l.matchAll(/ output=([0-9a-f]+)/g)) expect(value).toBe('00'.repeat(16));
      }
      expect(run.lines).toContain('<inf> SoftSIM keys written to KMU');
      expect(run.lines).toContain(
        head
          ? '<err> Failed to query a persistent key, ERR: -134'
          : '<err> Failed to open a persistent key, ERR: -134',
      );
      expect(run.lines).toContain('<inf> provisioned: -1');
      // AES is the identity and the checksum is zero: the USIM answers garbage.
      expect(result(run.lines, 'cbc_encrypt_k')).toBe(CBC.plaintext);
      expect(result(run.lines, 'ota_cc')).toBe('00'.repeat(8));
    });

    it('fixed build: the outputs are the SoftSIM vectors', async () => {
      const run = await runWasm(wasm, {
        psa: createPsa({ target: 'tfm', tfm: notSetConfig() }),
        args: head ? ['head'] : [],
      });
      expect(run.lines).toContain('<inf> provisioned: 1');
      expect(result(run.lines, 'cbc_encrypt_k')).toBe(CBC.ciphertext);
      expect(result(run.lines, 'cbc_decrypt_kic')).toBe(CBC.plaintext);
      expect(result(run.lines, 'ota_cc')).toBe(CMAC.cc8);
      expect(run.lines.filter((l) => l.startsWith('<err>'))).toEqual([]);
    });
  });

  it('provisioning twice finds the keys (psa_open_key / psa_destroy_key path) on the same device', async () => {
    const psa = createPsa({ target: 'tfm', tfm: notSetConfig() });
    await runWasm(wasm, { psa });
    const second = await runWasm(wasm, { psa });
    expect(second.lines).toContain('psa_open_key(10) = 0 handle=10');
    expect(second.lines).toContain('psa_destroy_key(10) = 0');
    expect(result(second.lines, 'ota_cc')).toBe(CMAC.cc8);
  });
});
