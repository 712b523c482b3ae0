/**
 * `createSoftSim(options)`: Onomondo's SoftSIM as an nRF91 runs it — nrf-softsim's port
 * (`lib/nrf_softsim.c`, `lib/ss_fs.c`, `lib/ss_crypto.c`) over an emulated PSA Crypto, with the
 * UICC core's AUTHENTICATE — printing the Zephyr log lines the device prints.
 *
 * `boot()` is `nrf_softsim_init()` with a static profile (`CONFIG_SOFTSIM_STATIC_PROFILE_ENABLE`,
 * the sample's flow): mount the file system, `nrf_softsim_check_provisioned()`, and if that says
 * no, `nrf_softsim_provision()`: K, KIC, KID into PSA keys 10/11/12, then IMSI, ICCID, A001 and
 * A004 into the files. `apdu(cmd)` is `ss_application_apdu_transact()`.
 * @module
 */

import type { ItsStore } from '../its/store.js';
import type { Psa } from '../psa/api/create-psa.js';
import { abytes, constantTimeEqual, describeType, fromHex, wipe } from '../utils/bytes.js';
import { redact } from '../utils/redact.js';
import { authenticateCommand } from './apdu.js';
import { KEY_ID, LOG_MODULE } from './constants.js';
import { SoftSimCryptoPort, type SoftSimQuirks } from './crypto-port.js';
import { createZephyrLog, logWriter, type ZephyrLog, type ZephyrLogLevel } from './log.js';
import { a001ForPort, a004ForPort, SIM_FILE, SimFileStore, TEMPLATE_IMSI } from './nvs.js';
import { encodeIccid, encodeImsi, type SoftSimProfile, toProfile, wipeProfile } from './profile.js';
import { transactApdu, type UiccVersion } from './uicc.js';

/** Options of {@link createSoftSim}. */
export interface CreateSoftSimOptions {
  /** The PSA Crypto the port calls (`createPsa({ target: 'tfm', … })`); its C API is used synchronously. */
  psa: Psa;
  /** `'nrf-softsim-3.2'` (the NCS v3.2.2 port, quirks included) or `'fixed'` (a correct port). */
  quirks: SoftSimQuirks;
  /**
   * onomondo-uicc behaviour: `'v2.2'` (≤ v2.2.1, as nrf-softsim for NCS 3.2 ships it: SQN checked
   * before MAC, MAC failure 6F00, GSM context 6F00) or `'mac-first'` (PR #103: MAC first, 9862).
   * Default `'v2.2'`.
   */
  uicc?: UiccVersion;
  /** The profile `boot()` provisions when the device is not provisioned: an object or a profile string. */
  profile?: SoftSimProfile | string;
  /** Where the SIM files live; default `psa.storage` (the same backend as TF-M's ITS, own namespace). */
  storage?: ItsStore;
  /** Collect lines here (share one across reboots to get one console). Default: a new console. */
  log?: ZephyrLog;
  /** Uptime clock in ms for a new console (see `createZephyrLog`). */
  clock?: () => number;
  /** Log level for a new console (default `'inf'`; `'dbg'` is `CONFIG_SOFTSIM_NRF_DEBUG_LOGS=y`). */
  logLevel?: ZephyrLogLevel;
  /**
   * Write the template file system when the storage holds none (what flashing `template.hex` does;
   * default true). With false an empty storage is an unflashed partition: the FS fails to init.
   */
  flashTemplate?: boolean;
}

/** What {@link SoftSim.boot} did. */
export interface SoftSimBootResult {
  /** `nrf_softsim_init()` succeeded and the SIM answers APDUs. */
  ok: boolean;
  /** `nrf_softsim_check_provisioned()`'s return value (C truthiness: any non-zero means "yes"). */
  checkProvisioned: number;
  /** Whether `nrf_softsim_provision()` ran during this boot. */
  provisionedNow: boolean;
  /** `nrf_softsim_provision()`'s return value when it ran. */
  provisionStatus?: number;
  /** `'fixed'`: the PSA status (or −1) that stopped the boot. */
  status?: number;
}

/** An emulated SoftSIM (see the module description). */
export interface SoftSim {
  readonly quirks: SoftSimQuirks;
  readonly uicc: UiccVersion;
  /** The crypto port with its hooks (`ss_utils_aes_encrypt`, `ss_utils_ota_calc_cc`, …) and call counters. */
  readonly port: SoftSimCryptoPort;
  /** The console. */
  readonly log: ZephyrLog;
  /** Every line printed so far, in Zephyr's format. */
  readonly logs: string[];
  /** The last boot's result, or `undefined` before `boot()`. */
  readonly bootResult: SoftSimBootResult | undefined;
  /** `nrf_softsim_init()` with the static profile (see the module description). */
  boot(): Promise<SoftSimBootResult>;
  /** `nrf_softsim_check_provisioned()`: key 10 exists (quirks decide how) && EF.IMSI ≠ the template's. */
  checkProvisioned(): number;
  /** `nrf_softsim_provision()`: 0 on success, −1 (3.2) or the failing status (fixed). */
  provision(profile: SoftSimProfile | string): Promise<number>;
  /** `ss_application_apdu_transact()`: command APDU in, data ‖ SW1 SW2 out. Needs a successful `boot()`. */
  apdu(command: Uint8Array): Promise<Uint8Array>;
  /** `apdu(authenticateCommand(rand, autn))`: 3G context with AUTN, GSM context without. */
  authenticate(rand: Uint8Array, autn?: Uint8Array): Promise<Uint8Array>;
  /** A copy of a SIM file (e.g. `SIM_FILE.A001`), or `undefined`. */
  readFile(path: string): Uint8Array | undefined;
  /** The paths of the SIM files. */
  filePaths(): string[];
}

/** Creates a SoftSIM on `options.psa` (nothing runs until `boot()`). */
export function createSoftSim(options: CreateSoftSimOptions): SoftSim {
  if (typeof options !== 'object' || options === null)
    throw new TypeError(`options must be an object { psa, quirks, … }, got ${describeType(options)}`);
  const { psa, quirks } = options;
  if (typeof psa !== 'object' || psa === null || typeof psa.cSync !== 'object')
    throw new TypeError(`options.psa must be a Psa from createPsa(), got ${describeType(psa)}`);
  const uicc = options.uicc ?? 'v2.2';
  if (uicc !== 'v2.2' && uicc !== 'mac-first')
    throw new TypeError(`options.uicc must be 'v2.2' or 'mac-first', got ${String(uicc)}`);
  const log = options.log ?? createZephyrLog({ clock: options.clock, level: options.logLevel ?? 'inf' });
  const port = new SoftSimCryptoPort({ psa: psa.cSync, quirks, log });
  const storage = options.storage ?? psa.storage;
  const files = new SimFileStore(storage);
  const profile = options.profile === undefined ? undefined : toProfile(options.profile);
  const flash = options.flashTemplate ?? true;
  const old = quirks === 'nrf-softsim-3.2';
  const write = logWriter(log);
  const inf = (m: string) => write('inf', LOG_MODULE.softsim, m);
  const err = (m: string) => write('err', LOG_MODULE.softsim, m);
  const flush = async () => {
    await storage.flush();
    if (psa.storage !== storage) await psa.storage.flush();
  };
  let bootResult: SoftSimBootResult | undefined;
  let failure: string | undefined = 'call boot() first';

  /** `ss_init_fs()`: 0 when a file system is there. */
  const initFs = (): number => {
    if (files.mounted) return 0;
    if (files.mount()) return 0;
    if (flash) {
      files.flashTemplate();
      return 0;
    }
    write('wrn', LOG_MODULE.softsim, 'No DIR entry in NVS (-2); starting with empty filesystem cache');
    return 1;
  };

  /** `port_check_provisioned()`: EF.IMSI exists and is not the template's. */
  const portCheckProvisioned = (): number => {
    const imsi = files.read(SIM_FILE.IMSI);
    return imsi !== undefined && !constantTimeEqual(imsi, fromHex(TEMPLATE_IMSI)) ? 1 : 0;
  };

  const checkProvisioned = (): number => {
    const exists = port.ss_utils_check_key_existence(KEY_ID.KI);
    if (!old && exists < 0) return exists; // fixed: an error is an error, not "yes"
    return exists !== 0 && portCheckProvisioned() !== 0 ? 1 : 0;
  };

  /** `port_provision()`: the files, one NVS write per step. */
  const portProvision = (p: SoftSimProfile): number => {
    if (initFs() !== 0) {
      err('Failed to init FS');
      return -1;
    }
    const steps: [string, Uint8Array][] = [
      [SIM_FILE.IMSI, encodeImsi(p.imsi)],
      [SIM_FILE.ICCID, encodeIccid(p.iccid)],
      [SIM_FILE.A001, a001ForPort(p.opc)],
      [SIM_FILE.A004, a004ForPort()],
    ];
    try {
      steps.forEach(([path, data], i) => {
        inf(`Provisioning SoftSIM ${i + 1}/4`);
        files.write(path, data);
        wipe(data);
      });
      if (p.smsp) {
        inf('Provisioning SoftSIM EF.SMSP');
        files.write(SIM_FILE.SMSP, p.smsp);
      }
    } catch {
      err('SoftSIM provisioning failed');
      return -1;
    }
    inf('SoftSIM provisioned');
    return 0;
  };

  const provisionSync = (input: SoftSimProfile | string): number => {
    const p = toProfile(input);
    const keys: [Uint8Array, number][] = [
      [p.k, KEY_ID.KI],
      [p.kic, KEY_ID.KIC],
      [p.kid, KEY_ID.KID],
    ];
    try {
      for (const [key, id] of keys) {
        const rc = port.ss_utils_setup_key(key, id); // 3.2: always 0
        if (rc !== 0) {
          err(`SoftSIM keys not written, key ${id} failed (error ${rc})`);
          return rc;
        }
      }
      inf('SoftSIM keys written to KMU');
      const status = portProvision(p);
      if (status !== 0) err('SoftSIM failed to update profile');
      else inf('SoftSIM fully provisioned');
      return status;
    } finally {
      wipeProfile(p);
    }
  };

  const sim: SoftSim = {
    quirks,
    uicc,
    port,
    log,
    get logs() {
      return log.lines;
    },
    get bootResult() {
      return bootResult;
    },
    async boot() {
      const fsRc = initFs();
      const result: SoftSimBootResult = { ok: false, checkProvisioned: 0, provisionedNow: false };
      if (!old && fsRc !== 0) {
        result.status = -1; // fixed: no file system, nothing to check or provision
      } else {
        // The application checks first (the samples call nrf_softsim_check_provisioned() on every
        // boot); 3.2 goes on even without a file system, as nrf_softsim_init() does.
        result.checkProvisioned = checkProvisioned();
      }
      if (result.status !== undefined) {
        // fixed, no file system: reported below
      } else if (!old && result.checkProvisioned < 0) {
        result.status = result.checkProvisioned;
        err(`SoftSIM not initialized: cannot tell whether it is provisioned (error ${result.status})`);
      } else if (profile && !result.checkProvisioned) {
        inf('Provisioning static profile');
        result.provisionedNow = true;
        result.provisionStatus = provisionSync(profile);
        if (!old && result.provisionStatus !== 0) {
          result.status = result.provisionStatus;
          err('SoftSIM Profile provisioning failed');
        }
      }
      await flush();
      if (fsRc !== 0) err('FS failed to init..');
      else if (result.status === undefined) {
        result.ok = true;
        inf('SoftSIM initialized');
      }
      failure = result.ok ? undefined : 'boot() failed: the modem sees no SIM (see the log)';
      bootResult = result;
      return result;
    },
    checkProvisioned,
    async provision(input) {
      const rc = provisionSync(input);
      await flush();
      return rc;
    },
    async apdu(command) {
      abytes('command', command);
      if (failure) throw new Error(`SoftSIM cannot answer APDUs: ${failure}`);
      const rsp = transactApdu({ port, files, log, uicc }, command);
      await flush();
      return rsp;
    },
    authenticate(rand, autn) {
      return sim.apdu(authenticateCommand(rand, autn));
    },
    readFile: (path) => files.read(path),
    filePaths: () => files.paths(),
  };
  return redact(sim, `SoftSim(${quirks}, uicc ${uicc})`);
}
