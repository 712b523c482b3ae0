// TF-M: the field report's prj.conf derives the minimal profile; the doctor names the fix.
import assert from 'node:assert/strict';
import { createPsa } from 'psa-emu';
import { REPORTER_PRJ_CONF } from 'psa-emu/softsim';
import { diagnose, tfmConfigFromKconfig } from 'psa-emu/tfm';

const { config, warnings } = tfmConfigFromKconfig(REPORTER_PRJ_CONF, { board: 'nrf9151dk/nrf9151/ns' });
assert.equal(config.profile, 'minimal');
assert.match(warnings[0].summary, /INTERNAL_TRUSTED_STORAGE was assigned the value y but got the value n/);
const psa = createPsa({ target: 'tfm', tfm: config });
assert.deepEqual(psa.cSync.psa_open_key(10), { status: -134, handle: 0 });
const [first] = diagnose(REPORTER_PRJ_CONF).findings;
assert.deepEqual(first.fix, ['CONFIG_TFM_PROFILE_TYPE_NOT_SET=y', 'CONFIG_MBEDTLS_PSA_CRYPTO_STORAGE_C=y']);
console.log('tfm-doctor: ok');
