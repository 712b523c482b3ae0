/**
 * The doctor: each finding, on prj.conf input and on TfmConfig input.
 */
import { describe, expect, it } from 'vitest';
import { notSetConfig } from '../../src/tfm/config.js';
import { diagnose } from '../../src/tfm/doctor.js';

const REPORTER = `CONFIG_BUILD_WITH_TFM=y
CONFIG_BOOTLOADER_MCUBOOT=y
CONFIG_TFM_PARTITION_PROTECTED_STORAGE=n
CONFIG_PSA_CRYPTO_DRIVER_CC3XX=n
CONFIG_TFM_PARTITION_INTERNAL_TRUSTED_STORAGE=y
CONFIG_MBEDTLS_PSA_CRYPTO_STORAGE_C=y
CONFIG_PSA_WANT_KEY_TYPE_AES=y
CONFIG_PSA_WANT_ALG_CBC_NO_PADDING=y
CONFIG_PSA_WANT_ALG_CMAC=y
CONFIG_SOFTSIM=y
`;
const ids = (d: ReturnType<typeof diagnose>) => d.findings.map((f) => `${f.severity}:${f.id}`);

describe('diagnose', () => {
  it("names the minimal profile and the NOT_SET + STORAGE_C fix for the reporter's prj.conf", () => {
    const d = diagnose(REPORTER);
    const f = d.findings[0]!;
    expect(f).toMatchObject({ id: 'minimal-profile', severity: 'error' });
    expect(f.title).toMatch(/minimal profile/);
    expect(f.explanation).toMatch(/psa_open_key\(10\) is -134/);
    expect(f.fix).toEqual(['CONFIG_TFM_PROFILE_TYPE_NOT_SET=y', 'CONFIG_MBEDTLS_PSA_CRYPTO_STORAGE_C=y']);
    expect(f.affectedCalls.map((c) => c.function)).toEqual(
      expect.arrayContaining(['psa_open_key', 'psa_import_key', 'psa_cipher_decrypt', 'psa_mac_sign_setup']),
    );
    expect(f.affectedCalls.every((c) => c.status === -134 && c.code === 'PSA_ERROR_NOT_SUPPORTED')).toBe(
      true,
    );
    expect(ids(d)).toEqual(
      expect.arrayContaining(['warning:kconfig-warning', 'warning:mcuboot', 'info:cc3xx-off']),
    );
  });
  it('the fixed configuration has no errors', () => {
    const d = diagnose(`${REPORTER}CONFIG_TFM_PROFILE_TYPE_NOT_SET=y\n`);
    expect(d.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(ids(d)).toContain('info:its-assets');
  });
  it('no PSA_WANT_ALG_* of the cipher group: cipher module 0, psa_cipher_* → -134', () => {
    const d = diagnose('CONFIG_TFM_PROFILE_TYPE_NOT_SET=y\nCONFIG_PSA_WANT_KEY_TYPE_AES=y\n');
    const f = d.findings.find((x) => x.id === 'module-off-cipher')!;
    expect(f.severity).toBe('error');
    expect(f.fix).toEqual(['CONFIG_PSA_WANT_ALG_CBC_NO_PADDING=y']);
    expect(f.affectedCalls.map((c) => c.function)).toContain('psa_cipher_decrypt');
  });
  it('an explicitly disabled module is named with its Kconfig symbol', () => {
    const d = diagnose(
      'CONFIG_TFM_PROFILE_TYPE_NOT_SET=y\nCONFIG_PSA_WANT_ALG_CMAC=y\nCONFIG_TFM_CRYPTO_MAC_MODULE_ENABLED=n\n',
    );
    expect(d.findings.find((x) => x.id === 'module-off-mac')?.fix).toEqual([
      'CONFIG_TFM_CRYPTO_MAC_MODULE_ENABLED=y',
    ]);
  });
  it('ITS asset count too small for the keys planned', () => {
    const d = diagnose(
      `${REPORTER}CONFIG_TFM_PROFILE_TYPE_NOT_SET=y\nCONFIG_TFM_ITS_NUM_ASSETS_OVERRIDE=y\nCONFIG_TFM_ITS_NUM_ASSETS=2\n`,
    );
    const f = d.findings.find((x) => x.id === 'its-assets')!;
    expect(f.severity).toBe('error');
    expect(f.affectedCalls).toEqual([
      { function: 'psa_import_key', status: -142, code: 'PSA_ERROR_INSUFFICIENT_STORAGE' },
    ]);
    expect(
      diagnose('CONFIG_TFM_PROFILE_TYPE_NOT_SET=y', { plannedKeys: 9, plannedAssets: 2 }).findings.find(
        (x) => x.id === 'its-assets',
      )?.severity,
    ).toBe('error');
  });
  it('MCUboot present: partition sizes to check, and a misaligned PM_PARTITION_SIZE_TFM is an error with the aligned value', () => {
    const ok = diagnose(`${REPORTER}CONFIG_TFM_PROFILE_TYPE_NOT_SET=y\n`).findings.find(
      (x) => x.id === 'mcuboot',
    )!;
    expect(ok.severity).toBe('warning');
    expect(ok.explanation).toMatch(/0x3FE00/);
    const bad = diagnose(
      `${REPORTER}CONFIG_TFM_PROFILE_TYPE_NOT_SET=y\nCONFIG_PM_PARTITION_SIZE_TFM=0x18000\n`,
    ).findings.find((x) => x.id === 'mcuboot')!;
    expect(bad.severity).toBe('error');
    expect(bad.fix).toEqual(['CONFIG_PM_PARTITION_SIZE_TFM=0x1FE00']);
  });
  it('a core without storage behind an enabled key module (a TfmConfig input)', () => {
    const d = diagnose({ ...notSetConfig(), storage: false });
    expect(d.findings.find((x) => x.id === 'storage-off')?.affectedCalls.map((c) => c.function)).toContain(
      'psa_open_key',
    );
    expect(d.derivation).toBeUndefined();
  });
  it('fatal Kconfig errors are errors', () => {
    expect(ids(diagnose('CONFIG_PSA_HAS_MAC_SUPPORT=y'))).toContain('error:kconfig-error');
  });
  it('rejects input it cannot read', () => {
    expect(() => diagnose(42 as unknown as string)).toThrow(TypeError);
  });
});
