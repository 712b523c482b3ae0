/**
 * The configurations the page offers: the field report's prj.conf, the fixed one and a few
 * variations that show the other gates (board default, an explicit minimal profile, a
 * non-minimal build without a cipher PSA_WANT), and the board targets NCS v3.2.2 knows.
 * Sources: README.md "The -134 story", docs/snippets/softsim-field-report.md.
 * @module
 */

import { FIXED_PRJ_CONF, REPORTER_PRJ_CONF } from '../../src/softsim/scenario.js';

/** A board target (`west build -b <id>`). */
export interface Board {
  id: string;
  label: string;
}

/** Board targets with TF-M (non-secure `/ns` targets). */
export const BOARDS: readonly Board[] = [
  { id: 'nrf9151dk/nrf9151/ns', label: 'nRF9151 DK (nrf9151dk/nrf9151/ns)' },
  { id: 'nrf9161dk/nrf9161/ns', label: 'nRF9161 DK (nrf9161dk/nrf9161/ns)' },
  { id: 'nrf9160dk/nrf9160/ns', label: 'nRF9160 DK (nrf9160dk/nrf9160/ns)' },
  { id: 'thingy91x/nrf9151/ns', label: 'Thingy:91 X (thingy91x/nrf9151/ns)' },
  { id: 'nrf54l15dk/nrf54l15/cpuapp/ns', label: 'nRF54L15 DK (nrf54l15dk/nrf54l15/cpuapp/ns)' },
];

/** One entry of the preset select. */
export interface Preset {
  id: string;
  label: string;
  board: string;
  prjConf: string;
  /** One sentence on what this preset shows. */
  note: string;
}

const NRF9151 = 'nrf9151dk/nrf9151/ns';

/** An explicit minimal profile and no SoftSIM: the doctor still finds the gates, nothing boots a SIM. */
const MINIMAL_WITHOUT_SOFTSIM = `# nRF9151, TF-M minimal profile chosen explicitly, no SoftSIM
CONFIG_BUILD_WITH_TFM=y
CONFIG_TFM_PROFILE_TYPE_MINIMAL=y
CONFIG_PSA_WANT_GENERATE_RANDOM=y
CONFIG_PSA_WANT_KEY_TYPE_AES=y
CONFIG_PSA_WANT_ALG_CBC_NO_PADDING=y

# Modem and LTE (physical SIM)
CONFIG_NRF_MODEM_LIB=y
CONFIG_LTE_LINK_CONTROL=y
`;

/** The fixed build without `CONFIG_PSA_WANT_ALG_CBC_NO_PADDING`: the cipher module is not built. */
const WITHOUT_CIPHER_WANT = FIXED_PRJ_CONF.replace('CONFIG_PSA_WANT_ALG_CBC_NO_PADDING=y\n', '');

/** The presets, the field report first (the page opens on it). */
export const PRESETS: readonly Preset[] = [
  {
    id: 'reporter',
    label: "Reporter's prj.conf (the field report)",
    board: NRF9151,
    prjConf: REPORTER_PRJ_CONF,
    note: 'Asks for ITS and PSA key storage but sets no TF-M profile: NCS builds the minimal one on nRF91.',
  },
  {
    id: 'fixed',
    label: 'Fixed: + CONFIG_TFM_PROFILE_TYPE_NOT_SET=y',
    board: NRF9151,
    prjConf: FIXED_PRJ_CONF,
    note: "The reporter's prj.conf plus the line nrf-softsim's overlay-softsim.conf carries.",
  },
  {
    id: 'nrf54l15',
    label: "Reporter's prj.conf on an nRF54L15 DK",
    board: 'nrf54l15dk/nrf54l15/cpuapp/ns',
    prjConf: REPORTER_PRJ_CONF,
    note: 'The same file on another board: NCS defaults to NOT_SET on nRF54L, so the same prj.conf works there.',
  },
  {
    id: 'minimal-no-softsim',
    label: 'Minimal profile, no SoftSIM',
    board: NRF9151,
    prjConf: MINIMAL_WITHOUT_SOFTSIM,
    note: 'CONFIG_TFM_PROFILE_TYPE_MINIMAL=y written out: the PSA_WANT lines do not bring the cipher module back.',
  },
  {
    id: 'no-cipher-want',
    label: 'Not minimal, but no cipher PSA_WANT',
    board: NRF9151,
    prjConf: WITHOUT_CIPHER_WANT,
    note: 'NOT_SET without CONFIG_PSA_WANT_ALG_CBC_NO_PADDING: key storage works, the cipher module is not built.',
  },
];

/** The id the select shows once the text was edited by hand. */
export const CUSTOM_PRESET_ID = 'custom';

/** The preset with `id`, or `undefined`. */
export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
