// The SoftSIM field report: -134 and a garbage AUTS on the reporter's build, attach after the fix.
import assert from 'node:assert/strict';
import { createPsa } from 'psa-emu';
import { FIXED_PRJ_CONF, REPORTER_PRJ_CONF, runAttachScenario } from 'psa-emu/softsim';
import { tfmConfigFromKconfig } from 'psa-emu/tfm';

const board = 'nrf9151dk/nrf9151/ns';
const run = (prj) =>
  runAttachScenario({
    psa: createPsa({ target: 'tfm', tfm: tfmConfigFromKconfig(prj, { board }).config }),
    quirks: 'nrf-softsim-3.2',
  });
const before = await run(REPORTER_PRJ_CONF);
const after = await run(FIXED_PRJ_CONF);
assert.ok(before.logs.some((l) => l.includes('Failed to open key 10, error: -134')));
assert.equal(before.attached, false);
assert.equal(after.attached, true);
console.log('softsim: ok');
