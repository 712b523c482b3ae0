/**
 * tfmConfigFromKconfig: NCS v3.2.2's Kconfig → TF-M rules (tfm-psa.md §2; sdk-nrf
 * modules/trusted-firmware-m/Kconfig*, Kconfig.nrf, subsys/nrf_security/Kconfig.psa*; Zephyr
 * modules/trusted-firmware-m/Kconfig.tfm*), the derivation trail of every flag (each changed by
 * one input symbol at a time), the kconfig.py warnings, and the field report end to end.
 */
import { describe, expect, it } from 'vitest';
import {
  createPsa,
  PSA_ALG_CBC_NO_PADDING,
  PSA_ERROR_NOT_SUPPORTED,
  PSA_KEY_TYPE_AES,
  PSA_KEY_USAGE_DECRYPT,
  PSA_KEY_USAGE_ENCRYPT,
} from '../../src/index.js';
import { ncsDefaultTfmConfig, tfmConfigFromKconfig } from '../../src/tfm/derive.js';
import { parseKconfig } from '../../src/tfm/kconfig.js';
import { fromHex, toHex } from '../../src/utils/bytes.js';

const BOARD = 'nrf9151dk/nrf9151/ns';
/** The field report's prj.conf (no profile line). */
const REPORTER = `# nRF9151 + TF-M + MCUboot + SoftSIM
CONFIG_BUILD_WITH_TFM=y
CONFIG_BOOTLOADER_MCUBOOT=y
CONFIG_TFM_PARTITION_PROTECTED_STORAGE=n
CONFIG_PSA_CRYPTO_DRIVER_CC3XX=n
CONFIG_TFM_PARTITION_INTERNAL_TRUSTED_STORAGE=y
CONFIG_MBEDTLS_PSA_CRYPTO_STORAGE_C=y
CONFIG_PSA_WANT_KEY_TYPE_AES=y
CONFIG_PSA_WANT_ALG_CBC_NO_PADDING=y
CONFIG_PSA_WANT_ALG_CMAC=y
`;
const FIXED = `${REPORTER}CONFIG_TFM_PROFILE_TYPE_NOT_SET=y\n`;

describe('Kconfig fragments (kconfig.py semantics)', () => {
  it('reads y/n, "# … is not set", strings with escapes, decimal and hex; later files override', () => {
    const f = parseKconfig([
      'CONFIG_A=y\n# CONFIG_B is not set\nCONFIG_S="a \\"q\\" b"  # c\nCONFIG_N=42\nCONFIG_H=0x1F\n# comment\n\nnonsense line\n',
      { name: 'overlay.conf', text: 'CONFIG_A=n\n' },
    ]);
    expect(Object.fromEntries(f.values)).toEqual({ A: false, B: false, S: 'a "q" b', N: 42, H: 31 });
    expect(f.origins.get('A')).toMatchObject({ fileName: 'overlay.conf', line: 1 });
    expect(f.malformed.map((m) => m.text)).toEqual(['nonsense line']);
    expect(f.assignments.filter((a) => a.symbol === 'A')).toHaveLength(2);
  });
});

describe("the field report's configuration", () => {
  const d = tfmConfigFromKconfig(REPORTER, { board: BOARD });
  it('derives the minimal profile: ITS partition OFF, KEY/CIPHER/MAC = 0, storage disabled', () => {
    expect(d.config.profile).toBe('minimal');
    expect(d.config.partitions.internalTrustedStorage).toBe(false);
    expect(d.config.modules).toMatchObject({ key: false, cipher: false, mac: false, rng: true });
    expect(d.config.storage).toBe(false);
    expect(d.trail.CRYPTO_STORAGE_DISABLED?.value).toBe(true);
    expect(d.config.iovecBufferSize).toBe(1024);
  });
  it('prints the warnings NCS prints for the ignored lines', () => {
    expect(d.warnings.map((w) => w.summary)).toEqual([
      'CONFIG_TFM_PARTITION_INTERNAL_TRUSTED_STORAGE was assigned the value y but got the value n',
      'CONFIG_MBEDTLS_PSA_CRYPTO_STORAGE_C was assigned the value y but got the value n',
    ]);
    expect(d.warnings[0]!.message).toMatch(
      /^warning: TFM_PARTITION_INTERNAL_TRUSTED_STORAGE was assigned the value 'y' but got the value 'n'\. Check these unsatisfied dependencies: \(!TFM_PROFILE_TYPE_MINIMAL\) \(=n\)\./,
    );
    expect(d.warnings[1]!.unsatisfied).toEqual([]);
  });
  it('a psa-emu built from it answers -134 for psa_open_key(10), psa_import_key and psa_cipher_decrypt; psa_generate_random works', () => {
    const psa = createPsa({ target: 'tfm', tfm: d.config });
    const c = psa.cSync;
    expect(c.psa_crypto_init()).toBe(0);
    expect(c.psa_open_key(10)).toEqual({ status: PSA_ERROR_NOT_SUPPORTED, handle: 0 });
    const a = c.psa_key_attributes_init();
    c.psa_set_key_id(a, 10);
    c.psa_set_key_type(a, PSA_KEY_TYPE_AES);
    c.psa_set_key_usage_flags(a, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT);
    c.psa_set_key_algorithm(a, PSA_ALG_CBC_NO_PADDING);
    expect(c.psa_import_key(a, new Uint8Array(16))).toEqual({ status: PSA_ERROR_NOT_SUPPORTED, key: 0 });
    const out = new Uint8Array(32).fill(0x55);
    expect(c.psa_cipher_decrypt(10, PSA_ALG_CBC_NO_PADDING, new Uint8Array(48), out)).toEqual({
      status: PSA_ERROR_NOT_SUPPORTED,
      outputLength: 32,
    });
    expect(out).toEqual(new Uint8Array(32));
    expect(c.psa_generate_random(new Uint8Array(32))).toBe(0);
  });
  it('adding CONFIG_TFM_PROFILE_TYPE_NOT_SET=y makes the same sequence succeed', () => {
    const f = tfmConfigFromKconfig(FIXED, { board: BOARD });
    expect(f.warnings).toEqual([]);
    expect(f.config).toMatchObject({
      profile: 'not-set',
      storage: true,
      modules: { key: true, cipher: true, mac: true },
    });
    expect(f.config.partitions).toMatchObject({ internalTrustedStorage: true, protectedStorage: false });
    const psa = createPsa({ target: 'tfm', tfm: f.config });
    const c = psa.cSync;
    expect(c.psa_crypto_init()).toBe(0);
    expect(c.psa_open_key(10).status).toBe(-140);
    const a = c.psa_key_attributes_init();
    c.psa_set_key_id(a, 10);
    c.psa_set_key_type(a, PSA_KEY_TYPE_AES);
    c.psa_set_key_usage_flags(a, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT);
    c.psa_set_key_algorithm(a, PSA_ALG_CBC_NO_PADDING);
    expect(c.psa_import_key(a, fromHex('000102030405060708090a0b0c0d0e0f'))).toEqual({ status: 0, key: 10 });
    expect(c.psa_open_key(10)).toEqual({ status: 0, handle: 10 });
    const out = new Uint8Array(32);
    const input = fromHex(
      `${'00'.repeat(16)}07feef74e1d5036e900eee118e949293138bb0fe942520a0013f42531dd5022c`,
    );
    expect(c.psa_cipher_decrypt(10, PSA_ALG_CBC_NO_PADDING, input, out)).toEqual({
      status: 0,
      outputLength: 32,
    });
    expect(toHex(out)).toBe('101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f');
  });
});

describe('NCS v3.2.2 defaults per device', () => {
  it('nRF9151 and nRF9160: minimal; nRF54L15: not-set without builtin keys (CRACEN), ITS encrypted → AEAD', () => {
    expect(ncsDefaultTfmConfig('nrf9151').profile).toBe('minimal');
    expect(ncsDefaultTfmConfig('nrf9160').profile).toBe('minimal');
    const l = ncsDefaultTfmConfig('nrf54l15');
    expect(l).toMatchObject({
      profile: 'not-set',
      builtinKeys: false,
      modules: { aead: true, cipher: false },
    });
  });
  it('an empty non-minimal nRF91 app still gets HASH/MAC/KEY_DERIVATION (builtin keys, PS, MBEDTLS_MAC_SHA256_ENABLED select SHA-256/HMAC/HKDF)', () => {
    const d = tfmConfigFromKconfig('CONFIG_TFM_PROFILE_TYPE_NOT_SET=y', { board: BOARD });
    expect(d.config.modules).toMatchObject({
      hash: true,
      mac: true,
      keyDerivation: true,
      key: true,
      aead: true,
      cipher: false,
      asymSign: false,
    });
    expect(d.psaWant).toEqual(
      expect.arrayContaining(['ALG_SHA_256', 'ALG_HMAC', 'ALG_HKDF', 'ALG_CCM', 'KEY_TYPE_AES']),
    );
  });
  it('rejects a board it does not model and non-object options', () => {
    expect(() => tfmConfigFromKconfig('', { board: 'nrf52840dk/nrf52840' })).toThrow(/options\.board/);
    expect(() => tfmConfigFromKconfig('', 'x' as unknown as { board: string })).toThrow(TypeError);
  });
});

describe('fatal Kconfig errors', () => {
  it('a promptless symbol assigned in prj.conf, and an int out of range', () => {
    const d = tfmConfigFromKconfig(
      'CONFIG_TFM_PROFILE_TYPE_NOT_SET=y\nCONFIG_PSA_HAS_CIPHER_SUPPORT=y\nCONFIG_TFM_ITS_NUM_ASSETS_OVERRIDE=y\nCONFIG_TFM_ITS_NUM_ASSETS=200',
      { board: BOARD },
    );
    expect(d.errors).toHaveLength(2);
    expect(d.errors[0]).toMatch(
      /PSA_HAS_CIPHER_SUPPORT is assigned in a configuration file, but is not directly user-configurable/,
    );
    expect(d.errors[1]).toMatch(/outside the active range \(\[1, 120\]\)/);
    expect(d.config.itsNumAssets).toBe(10);
  });
});

/**
 * One input symbol at a time: for every flag of the trail, a base configuration and one changed
 * line that flips the flag, with the symbol named in the trail's `decidedBy`.
 */
const NOT_SET = 'CONFIG_TFM_PROFILE_TYPE_NOT_SET=y\n';
const CASES: {
  flag: string;
  base: string;
  change: string;
  symbol: string;
  before: unknown;
  after: unknown;
  board?: string;
}[] = [
  {
    flag: 'TFM_PROFILE_TYPE',
    base: '',
    change: 'CONFIG_TFM_PROFILE_TYPE_NOT_SET=y',
    symbol: 'CONFIG_TFM_PROFILE_TYPE_NOT_SET',
    before: 'minimal',
    after: 'not-set',
  },
  {
    flag: 'TFM_PROFILE_TYPE',
    base: '',
    change: 'CONFIG_OPENTHREAD=y',
    symbol: 'CONFIG_OPENTHREAD',
    before: 'minimal',
    after: 'not-set',
  },
  {
    flag: 'TFM_PROFILE_TYPE',
    base: '',
    change: 'CONFIG_BT_CRYPTO=y',
    symbol: 'CONFIG_BT_CRYPTO',
    before: 'minimal',
    after: 'not-set',
  },
  {
    flag: 'TFM_PROFILE_TYPE',
    base: NOT_SET,
    change: 'CONFIG_TFM_PROFILE_TYPE_MINIMAL=y',
    symbol: 'CONFIG_TFM_PROFILE_TYPE_MINIMAL',
    before: 'not-set',
    after: 'minimal',
  },
  {
    flag: 'TFM_PROFILE_TYPE',
    base: NOT_SET,
    change: 'CONFIG_TFM_PROFILE_TYPE_MEDIUM=y',
    symbol: 'CONFIG_TFM_PROFILE_TYPE_MEDIUM',
    before: 'not-set',
    after: 'medium',
  },
  {
    flag: 'TFM_PARTITION_INTERNAL_TRUSTED_STORAGE',
    base: NOT_SET,
    change: 'CONFIG_TFM_PARTITION_INTERNAL_TRUSTED_STORAGE=n',
    symbol: 'CONFIG_TFM_PARTITION_INTERNAL_TRUSTED_STORAGE',
    before: true,
    after: false,
  },
  {
    flag: 'TFM_PARTITION_INTERNAL_TRUSTED_STORAGE',
    base: 'CONFIG_TFM_PARTITION_INTERNAL_TRUSTED_STORAGE=y\n',
    change: NOT_SET,
    symbol: 'CONFIG_TFM_PROFILE_TYPE_NOT_SET',
    before: false,
    after: true,
  },
  {
    flag: 'TFM_PARTITION_PROTECTED_STORAGE',
    base: NOT_SET,
    change: 'CONFIG_TFM_PARTITION_PROTECTED_STORAGE=n',
    symbol: 'CONFIG_TFM_PARTITION_PROTECTED_STORAGE',
    before: true,
    after: false,
  },
  {
    flag: 'TFM_PARTITION_PROTECTED_STORAGE',
    base: NOT_SET,
    change: 'CONFIG_TFM_PARTITION_PLATFORM=n',
    symbol: 'CONFIG_TFM_PARTITION_PLATFORM',
    before: true,
    after: false,
  },
  {
    flag: 'TFM_PARTITION_CRYPTO',
    base: NOT_SET,
    change: 'CONFIG_TFM_PARTITION_CRYPTO=n',
    symbol: 'CONFIG_TFM_PARTITION_CRYPTO',
    before: true,
    after: false,
  },
  {
    flag: 'TFM_PARTITION_PLATFORM',
    base: NOT_SET,
    change: 'CONFIG_TFM_PARTITION_PLATFORM=n',
    symbol: 'CONFIG_TFM_PARTITION_PLATFORM',
    before: true,
    after: false,
  },
  {
    flag: 'TFM_PARTITION_INITIAL_ATTESTATION',
    base: `${NOT_SET}CONFIG_TFM_PARTITION_INITIAL_ATTESTATION=y\n`,
    change: 'CONFIG_TFM_NRF_PROVISIONING=y',
    symbol: 'CONFIG_TFM_NRF_PROVISIONING',
    before: false,
    after: true,
  },
  {
    flag: 'TFM_PARTITION_FIRMWARE_UPDATE',
    base: NOT_SET,
    change: 'CONFIG_TFM_PARTITION_FIRMWARE_UPDATE=y',
    symbol: 'CONFIG_TFM_PARTITION_FIRMWARE_UPDATE',
    before: false,
    after: true,
  },
  {
    flag: 'CRYPTO_STORAGE_DISABLED',
    base: '',
    change: 'CONFIG_TFM_PROFILE_TYPE_NOT_SET=y',
    symbol: 'CONFIG_TFM_PROFILE_TYPE_NOT_SET',
    before: true,
    after: false,
  },
  {
    flag: 'CRYPTO_TFM_BUILTIN_KEYS_DRIVER',
    base: NOT_SET,
    change: 'CONFIG_TFM_CRYPTO_BUILTIN_KEYS=n',
    symbol: 'CONFIG_TFM_CRYPTO_BUILTIN_KEYS',
    before: true,
    after: false,
  },
  {
    flag: 'CRYPTO_RNG_MODULE_ENABLED',
    base: NOT_SET,
    change: 'CONFIG_TFM_CRYPTO_RNG_MODULE_ENABLED=n',
    symbol: 'CONFIG_TFM_CRYPTO_RNG_MODULE_ENABLED',
    before: 1,
    after: 0,
  },
  {
    flag: 'CRYPTO_KEY_MODULE_ENABLED',
    base: 'CONFIG_PSA_WANT_KEY_TYPE_AES=y\n',
    change: NOT_SET,
    symbol: 'CONFIG_TFM_PROFILE_TYPE_NOT_SET',
    before: 0,
    after: 1,
  },
  {
    flag: 'CRYPTO_KEY_MODULE_ENABLED',
    base: NOT_SET,
    change: 'CONFIG_TFM_CRYPTO_KEY_MODULE_ENABLED=n',
    symbol: 'CONFIG_TFM_CRYPTO_KEY_MODULE_ENABLED',
    before: 1,
    after: 0,
  },
  {
    flag: 'CRYPTO_CIPHER_MODULE_ENABLED',
    base: NOT_SET,
    change: 'CONFIG_PSA_WANT_ALG_CBC_NO_PADDING=y',
    symbol: 'CONFIG_PSA_WANT_ALG_CBC_NO_PADDING',
    before: 0,
    after: 1,
  },
  {
    flag: 'CRYPTO_CIPHER_MODULE_ENABLED',
    base: NOT_SET,
    change: 'CONFIG_PSA_WANT_ALG_CTR=y',
    symbol: 'CONFIG_PSA_WANT_ALG_CTR',
    before: 0,
    after: 1,
  },
  {
    flag: 'CRYPTO_MAC_MODULE_ENABLED',
    base: `${NOT_SET}CONFIG_PSA_WANT_ALG_CMAC=y\n`,
    change: 'CONFIG_TFM_CRYPTO_MAC_MODULE_ENABLED=n',
    symbol: 'CONFIG_TFM_CRYPTO_MAC_MODULE_ENABLED',
    before: 1,
    after: 0,
  },
  {
    flag: 'CRYPTO_HASH_MODULE_ENABLED',
    base: `${NOT_SET}CONFIG_TFM_CRYPTO_BUILTIN_KEYS=n\nCONFIG_TFM_PARTITION_PROTECTED_STORAGE=n\n`,
    change: 'CONFIG_MBEDTLS_MAC_SHA256_ENABLED=n',
    symbol: 'CONFIG_MBEDTLS_MAC_SHA256_ENABLED',
    before: 1,
    after: 0,
  },
  {
    flag: 'CRYPTO_AEAD_MODULE_ENABLED',
    base: NOT_SET,
    change: 'CONFIG_TFM_PARTITION_PROTECTED_STORAGE=n',
    symbol: 'CONFIG_TFM_PARTITION_PROTECTED_STORAGE',
    before: 1,
    after: 0,
  },
  {
    flag: 'CRYPTO_ASYM_SIGN_MODULE_ENABLED',
    base: NOT_SET,
    change: 'CONFIG_PSA_WANT_ALG_ECDSA=y',
    symbol: 'CONFIG_PSA_WANT_ALG_ECDSA',
    before: 0,
    after: 1,
  },
  {
    flag: 'CRYPTO_ASYM_ENCRYPT_MODULE_ENABLED',
    base: NOT_SET,
    change: 'CONFIG_PSA_WANT_ALG_RSA_OAEP=y',
    symbol: 'CONFIG_PSA_WANT_ALG_RSA_OAEP',
    before: 0,
    after: 1,
  },
  {
    flag: 'CRYPTO_KEY_DERIVATION_MODULE_ENABLED',
    base: `${NOT_SET}CONFIG_TFM_CRYPTO_BUILTIN_KEYS=n\nCONFIG_TFM_PARTITION_PROTECTED_STORAGE=n\n`,
    change: 'CONFIG_PSA_WANT_ALG_ECDH=y',
    symbol: 'CONFIG_PSA_WANT_ALG_ECDH',
    before: 0,
    after: 1,
  },
  {
    flag: 'CRYPTO_PAKE_MODULE_ENABLED',
    base: NOT_SET,
    change: 'CONFIG_PSA_WANT_ALG_SPAKE2P_HMAC=y',
    symbol: 'CONFIG_PSA_WANT_ALG_SPAKE2P_HMAC',
    before: 0,
    after: 1,
  },
  {
    flag: 'ITS_NUM_ASSETS',
    base: `${NOT_SET}CONFIG_TFM_ITS_NUM_ASSETS=20\n`,
    change: 'CONFIG_TFM_ITS_NUM_ASSETS_OVERRIDE=y',
    symbol: 'CONFIG_TFM_ITS_NUM_ASSETS_OVERRIDE',
    before: 10,
    after: 20,
  },
  {
    flag: 'ITS_NUM_ASSETS',
    base: `${NOT_SET}CONFIG_TFM_ITS_NUM_ASSETS_OVERRIDE=y\n`,
    change: 'CONFIG_TFM_ITS_NUM_ASSETS=30',
    symbol: 'CONFIG_TFM_ITS_NUM_ASSETS',
    before: 10,
    after: 30,
  },
  {
    flag: 'ITS_MAX_ASSET_SIZE',
    base: `${NOT_SET}CONFIG_TFM_ITS_MAX_ASSET_SIZE_OVERRIDE=y\n`,
    change: 'CONFIG_TFM_ITS_MAX_ASSET_SIZE=1024',
    symbol: 'CONFIG_TFM_ITS_MAX_ASSET_SIZE',
    before: 512,
    after: 1024,
  },
  {
    flag: 'CRYPTO_IOVEC_BUFFER_SIZE',
    base: NOT_SET,
    change: 'CONFIG_TFM_CRYPTO_IOVEC_BUFFER_SIZE=2048',
    symbol: 'CONFIG_TFM_CRYPTO_IOVEC_BUFFER_SIZE',
    before: 5120,
    after: 2048,
  },
  {
    flag: 'CRYPTO_IOVEC_BUFFER_SIZE',
    base: NOT_SET,
    change: 'CONFIG_TFM_PS_MAX_ASSET_SIZE=4000',
    symbol: 'CONFIG_TFM_PS_MAX_ASSET_SIZE',
    before: 5120,
    after: 8192,
  },
  {
    flag: 'CRYPTO_IOVEC_BUFFER_SIZE',
    base: '',
    change: NOT_SET,
    symbol: 'CONFIG_TFM_PROFILE_TYPE_NOT_SET',
    before: 1024,
    after: 5120,
  },
  {
    flag: 'CRYPTO_CONC_OPER_NUM',
    base: NOT_SET,
    change: 'CONFIG_TFM_CRYPTO_CONC_OPER_NUM=4',
    symbol: 'CONFIG_TFM_CRYPTO_CONC_OPER_NUM',
    before: 8,
    after: 4,
  },
  {
    flag: 'CRYPTO_SINGLE_PART_FUNCS_DISABLED',
    base: NOT_SET,
    change: 'CONFIG_TFM_CRYPTO_SINGLE_PART_FUNCS_DISABLED=y',
    symbol: 'CONFIG_TFM_CRYPTO_SINGLE_PART_FUNCS_DISABLED',
    before: 0,
    after: 1,
  },
];

describe('the derivation trail, one input symbol at a time', () => {
  it.each(CASES)(
    '$flag: $change ($before → $after)',
    ({ flag, base, change, symbol, before, after, board }) => {
      const a = tfmConfigFromKconfig(base, { board: board ?? BOARD });
      const b = tfmConfigFromKconfig(`${base}${change}\n`, { board: board ?? BOARD });
      expect(a.trail[flag]?.value).toEqual(before);
      expect(b.trail[flag]?.value).toEqual(after);
      expect(b.trail[flag]?.decidedBy).toContain(symbol);
      expect(b.trail[flag]?.because.length).toBeGreaterThan(10);
      expect(b.trail[flag]?.source).toMatch(/sdk-nrf|zephyr/);
    },
  );
  it('covers every flag the trail reports', () => {
    const flags = new Set(CASES.map((c) => c.flag));
    for (const f of Object.keys(tfmConfigFromKconfig(NOT_SET, { board: BOARD }).trail))
      expect(flags).toContain(f);
  });
  it('a module asked for without its PSA_WANT group warns with the unsatisfied PSA_HAS dependency', () => {
    const d = tfmConfigFromKconfig(`${NOT_SET}CONFIG_TFM_CRYPTO_CIPHER_MODULE_ENABLED=y\n`, { board: BOARD });
    expect(d.config.modules.cipher).toBe(false);
    expect(d.warnings[0]?.unsatisfied).toEqual(['PSA_HAS_CIPHER_SUPPORT (=n)']);
  });
  it('ITS_NUM_ASSETS without its override prints the "ignored" warning', () => {
    const d = tfmConfigFromKconfig(`${NOT_SET}CONFIG_TFM_ITS_NUM_ASSETS=20\n`, { board: BOARD });
    expect(d.warnings.map((w) => w.summary)).toEqual([
      'CONFIG_TFM_ITS_NUM_ASSETS was assigned the value 20 but got the value 10',
    ]);
  });
});
