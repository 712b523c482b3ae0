/**
 * The field report as a runnable scenario: an nRF9151 with nrf-softsim on NCS v3.2.2 whose log
 * shows `Failed to open key 10, error: -134` and still attaches nowhere. Boot → provisioning →
 * attach, where "attach" is the network's side of AKA (TS 33.102 §6.3): an AUTHENTICATE with a
 * stale SQN, the resynchronisation from the SIM's AUTS (§6.3.5), and a fresh vector whose RES
 * must equal XRES. On the reporter's TF-M build every "AES" of the SIM is the identity, so its
 * AUTS does not verify at the network and the attach fails; on the fixed build it succeeds.
 * @module
 */

import { generateAuthVector, resynchronise } from '../aka/network.js';
import { nextSqn } from '../aka/sqn.js';
import { createMilenage, type Milenage } from '../milenage/milenage.js';
import type { Psa } from '../psa/api/create-psa.js';
import { parseKconfig } from '../tfm/kconfig.js';
import { constantTimeEqual, fromHex, toHex } from '../utils/bytes.js';
import { type AuthenticateResponse, authenticateCommand, parseAuthenticateResponse } from './apdu.js';
import type { SoftSimQuirks } from './crypto-port.js';
import type { ZephyrLog } from './log.js';
import { type SoftSimProfile, toProfile, wipeProfile } from './profile.js';
import { createSoftSim, type SoftSim, type SoftSimBootResult } from './softsim.js';
import type { UiccVersion } from './uicc.js';

/**
 * The test profile of the scenario as a profile string (`CONFIG_SOFTSIM_STATIC_PROFILE`): IMSI
 * 001010123456789, ICCID 89000123456789012341, K = KIC = KID = 000102…0f (the TS.48 test values of
 * nrf-softsim's sample), OPc = 101112…1f (the golden values of nrf-softsim `tests/apdu`).
 */
export const FIELD_REPORT_PROFILE =
  '0112080910101032547698' +
  '021498001032547698103214' +
  '0320101112131415161718191a1b1c1d1e1f' +
  '0420000102030405060708090a0b0c0d0e0f' +
  '0520000102030405060708090a0b0c0d0e0f' +
  '0620000102030405060708090a0b0c0d0e0f';

/**
 * The reporter's prj.conf (nRF9151 DK, NCS v3.2.2, MCUboot + TF-M), with the SoftSIM/modem lines of
 * nrf-softsim's sample. It never selects a TF-M profile, so NCS builds the **minimal** one.
 */
export const REPORTER_PRJ_CONF = `# nRF9151 + Onomondo SoftSIM, NCS v3.2.2
CONFIG_BUILD_WITH_TFM=y
CONFIG_BOOTLOADER_MCUBOOT=y
CONFIG_TFM_PARTITION_PROTECTED_STORAGE=n
CONFIG_PSA_CRYPTO_DRIVER_CC3XX=n
CONFIG_TFM_PARTITION_INTERNAL_TRUSTED_STORAGE=y
CONFIG_MBEDTLS_PSA_CRYPTO_STORAGE_C=y
CONFIG_PSA_WANT_KEY_TYPE_AES=y
CONFIG_PSA_WANT_ALG_CBC_NO_PADDING=y
CONFIG_PSA_WANT_ALG_CMAC=y

# SoftSIM
CONFIG_SOFTSIM=y
CONFIG_SOFTSIM_STATIC_PROFILE_ENABLE=y
CONFIG_SOFTSIM_STATIC_PROFILE="${FIELD_REPORT_PROFILE}"
CONFIG_NVS=y
CONFIG_FLASH=y
CONFIG_FLASH_MAP=y
CONFIG_FLASH_PAGE_LAYOUT=y
CONFIG_MPU_ALLOW_FLASH_WRITE=y

# Modem and LTE
CONFIG_NRF_MODEM_LIB=y
CONFIG_LTE_LINK_CONTROL=y
CONFIG_NETWORKING=y
CONFIG_NET_SOCKETS=y
CONFIG_NET_SOCKETS_OFFLOAD=y
`;

/** The fix: the line nrf-softsim's `overlay-softsim.conf` carries (reference/softsim.md §4). */
export const FIXED_PRJ_CONF = `${REPORTER_PRJ_CONF}CONFIG_TFM_PROFILE_TYPE_NOT_SET=y\n`;

/**
 * The network's first challenge: RAND = 01…10, AUTN = 21…30 (nrf-softsim `tests/apdu`,
 * test/vectors/softsim.json). With the profile's K and OPc it carries SQN 2ee85c25bab8, far beyond
 * the fresh SIM's SEQ_MS, so a working SIM asks to resynchronise.
 */
export const FIELD_REPORT_CHALLENGE: { readonly rand: Uint8Array; readonly autn: Uint8Array } = Object.freeze(
  {
    /** A fresh copy on every read. */
    get rand() {
      return fromHex('0102030405060708090a0b0c0d0e0f10');
    },
    /** A fresh copy on every read. */
    get autn() {
      return fromHex('2122232425262728292a2b2c2d2e2f30');
    },
  },
);

/** `CONFIG_SOFTSIM_STATIC_PROFILE` of a prj.conf, or `undefined`. */
export function staticProfileFromPrjConf(prjConf: string): string | undefined {
  const v = parseKconfig(prjConf).values;
  const p = v.get('SOFTSIM_STATIC_PROFILE');
  return v.get('SOFTSIM_STATIC_PROFILE_ENABLE') === true && typeof p === 'string' ? p : undefined;
}

/** Options of {@link runAttachScenario}. */
export interface AttachScenarioOptions {
  /** The device's PSA (`createPsa({ target: 'tfm', tfm: <derived config>, storage })`). */
  psa: Psa;
  quirks: SoftSimQuirks;
  /** Default `'v2.2'`. */
  uicc?: UiccVersion;
  /** Default {@link FIELD_REPORT_PROFILE}. The network (HSS) knows the same K and OPc. */
  profile?: SoftSimProfile | string;
  /** The console to print to (share one across reboots). */
  log?: ZephyrLog;
  /** Uptime clock in ms for a new console. */
  clock?: () => number;
  /** The first challenge; default {@link FIELD_REPORT_CHALLENGE}. */
  challenge?: { rand: Uint8Array; autn: Uint8Array };
  /** RAND of the fresh vector after a resynchronisation (default random). */
  rand?: Uint8Array;
}

/** One AUTHENTICATE of the attach. */
export interface AttachExchange {
  command: Uint8Array;
  response: Uint8Array;
  answer: AuthenticateResponse;
}

/** What {@link runAttachScenario} saw. */
export interface AttachScenarioResult {
  sim: SoftSim;
  boot: SoftSimBootResult;
  /** The device's console. */
  logs: string[];
  /** The network side, in words. */
  network: string[];
  exchanges: AttachExchange[];
  /** The SIM answered RES = XRES. */
  attached: boolean;
  res?: Uint8Array;
  xres?: Uint8Array;
}

/** Boot → provisioning → attach (see the module description). */
export async function runAttachScenario(options: AttachScenarioOptions): Promise<AttachScenarioResult> {
  // The scenario's own checked copy: the SIM copies it, the HSS derives its key schedule from it,
  // and it is wiped when the run ends, however it ends (the caller's profile is left alone).
  const profile = toProfile(options.profile ?? FIELD_REPORT_PROFILE);
  let hss: Milenage | undefined;
  try {
    const sim = createSoftSim({
      psa: options.psa,
      quirks: options.quirks,
      uicc: options.uicc,
      profile,
      log: options.log,
      clock: options.clock,
    });
    hss = createMilenage({ k: profile.k, opc: profile.opc });
    return await attach(options, sim, hss);
  } finally {
    hss?.dispose();
    wipeProfile(profile);
  }
}

/** The attach itself, on a booted-or-not SIM and the HSS's MILENAGE. */
async function attach(
  options: AttachScenarioOptions,
  sim: SoftSim,
  hss: Milenage,
): Promise<AttachScenarioResult> {
  const network: string[] = [];
  const exchanges: AttachExchange[] = [];
  const result = (attached: boolean, extra: Partial<AttachScenarioResult> = {}): AttachScenarioResult => ({
    sim,
    boot,
    logs: sim.logs,
    network,
    exchanges,
    attached,
    ...extra,
  });
  const send = async (rand: Uint8Array, autn: Uint8Array) => {
    const command = authenticateCommand(rand, autn);
    const response = await sim.apdu(command);
    const answer = parseAuthenticateResponse(response);
    exchanges.push({ command, response, answer });
    return answer;
  };

  const boot = await sim.boot();
  if (!boot.ok) {
    network.push('no SIM: the modem gets no answer to its first APDU (+CEREG: 90)');
    return result(false);
  }
  const challenge = options.challenge ?? FIELD_REPORT_CHALLENGE;
  let answer = await send(challenge.rand, challenge.autn);
  let rand = challenge.rand;
  if (answer.kind === 'sync-failure') {
    network.push(`AUTHENTICATE → synchronisation failure, AUTS ${toHex(answer.auts)}`);
    const resync = resynchronise({ milenage: hss, rand: challenge.rand, auts: answer.auts });
    if (!resync.ok) {
      network.push('HSS: MAC-S of AUTS does not verify — resynchronisation rejected, attach fails');
      return result(false);
    }
    const sqn = nextSqn({ sqnHe: resync.sqnMs });
    network.push(
      `HSS: AUTS verifies, SQN_MS ${resync.sqnMs.toString(16).padStart(12, '0')}; new vector with SQN ${sqn.toString(16).padStart(12, '0')}`,
    );
    const av = generateAuthVector({ milenage: hss, sqn, amf: Uint8Array.of(0x80, 0x00), rand: options.rand });
    rand = av.rand;
    answer = await send(av.rand, av.autn);
    if (answer.kind === 'success') {
      const ok = constantTimeEqual(answer.res, av.xres);
      network.push(ok ? 'MME: RES = XRES — attached' : 'MME: RES ≠ XRES — attach rejected');
      return result(ok, { res: answer.res, xres: av.xres });
    }
  }
  if (answer.kind === 'success') {
    const xres = hss.f2345(rand).res;
    const ok = constantTimeEqual(answer.res, xres);
    network.push(ok ? 'MME: RES = XRES — attached' : 'MME: RES ≠ XRES — attach rejected');
    return result(ok, { res: answer.res, xres });
  }
  network.push(
    answer.kind === 'error'
      ? `AUTHENTICATE → SW ${answer.sw.toString(16).padStart(4, '0')} — attach fails`
      : `AUTHENTICATE → ${answer.kind} — attach fails`,
  );
  return result(false);
}
