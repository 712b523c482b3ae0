/**
 * "Boot & attach" for the page: the SoftSIM scenario of psa-emu (`runAttachScenario`, boot →
 * provisioning → AUTHENTICATE → resynchronisation → attach, TS 33.102 §6.3) on the TF-M build a
 * prj.conf derives, over the page's storage, reporting every console line and every PSA call
 * at the TF-M boundary as they happen. No DOM here (tested under Node).
 * @module
 */

import type { ItsStore } from '../../src/its/store.js';
import { createPsa } from '../../src/psa/api/create-psa.js';
import type { AuthenticateResponse } from '../../src/softsim/apdu.js';
import { createZephyrLog } from '../../src/softsim/log.js';
import {
  type AttachExchange,
  FIELD_REPORT_PROFILE,
  runAttachScenario,
  staticProfileFromPrjConf,
} from '../../src/softsim/scenario.js';
import type { SoftSimBootResult } from '../../src/softsim/softsim.js';
import type { TfmCallTrace } from '../../src/tfm/boundary.js';
import { parseKconfig } from '../../src/tfm/kconfig.js';
import { toHex } from '../../src/utils/bytes.js';
import type { Analysis } from './analysis.js';
import { statusText } from './names.js';

/** One AUTHENTICATE as the sequence diagram draws it (values the air interface carries; CK/IK never). */
export interface ExchangeView {
  rand: string;
  autn: string;
  kind: AuthenticateResponse['kind'];
  /** The answer in short: `DB…9000`, `DC…9000` or the status word. */
  short: string;
  /** The answer's fields: RES or AUTS in hex; CK, IK and Kc stay on the device and are not shown. */
  fields: [label: string, value: string][];
}

/** What a run did. */
export type DeviceRun =
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; reason: string; calls: TfmCallTrace[]; logs: string[] }
  | {
      kind: 'ran';
      attached: boolean;
      boot: SoftSimBootResult;
      logs: string[];
      network: string[];
      calls: TfmCallTrace[];
      exchanges: ExchangeView[];
      /** Set when the prj.conf has no static profile and the field report's was used. */
      profileNote: string | undefined;
    };

/** Options of {@link runDevice}. */
export interface RunDeviceOptions {
  /** The device's flash (ITS assets, the SoftSIM's NVS), kept across runs. */
  store: ItsStore;
  /** Every console line as it is printed. */
  onLine?: (line: string) => void;
  /** Every PSA call at the TF-M boundary as it returns. */
  onCall?: (call: TfmCallTrace) => void;
  /** RAND of the fresh vector after a resynchronisation (default random, as a network picks it). */
  rand?: Uint8Array;
}

/** `DB…9000` for a response APDU. */
export function shortAnswer(response: Uint8Array): string {
  const sw = toHex(response.subarray(response.length - 2)).toUpperCase();
  if (response.length <= 2) return `SW ${sw}`;
  return `${toHex(response.subarray(0, 1)).toUpperCase()}…${sw}`;
}

/** The diagram's view of one exchange (the command is `00 88 00 81 22 10 RAND 10 AUTN`, TS 31.102 §7.1.2). */
export function exchangeView(e: AttachExchange): ExchangeView {
  const rand = toHex(e.command.subarray(6, 22));
  const autn = e.command.length >= 39 ? toHex(e.command.subarray(23, 39)) : '';
  const a = e.answer;
  const fields: [string, string][] = [];
  if (a.kind === 'success') {
    fields.push(['RES', toHex(a.res)], [`CK, IK${a.kc ? ', Kc' : ''}`, 'stay on the device (not shown)']);
  } else if (a.kind === 'sync-failure') {
    fields.push(['AUTS', toHex(a.auts)]);
  } else if (a.kind === 'gsm') {
    fields.push(['SRES', toHex(a.sres)], ['Kc', 'stays on the device (not shown)']);
  }
  fields.push(['SW', a.sw.toString(16).padStart(4, '0').toUpperCase()]);
  return { rand, autn, kind: a.kind, short: shortAnswer(e.response), fields };
}

/**
 * Boots the SoftSIM of `analysis`'s build on `options.store`, provisions it when needed and
 * attaches (see the module description). Skips builds that would not boot a SoftSIM.
 */
export async function runDevice(analysis: Analysis, options: RunDeviceOptions): Promise<DeviceRun> {
  const { derivation } = analysis;
  if (derivation.errors.length > 0)
    return { kind: 'skipped', reason: 'The build stops at the Kconfig step: there is no firmware to boot.' };
  if (parseKconfig(analysis.prjConf).values.get('SOFTSIM') !== true)
    return {
      kind: 'skipped',
      reason:
        'CONFIG_SOFTSIM is not set: this firmware has no SoftSIM to boot (the modem would use a physical SIM).',
    };
  const calls: TfmCallTrace[] = [];
  const lines: string[] = [];
  const log = createZephyrLog({
    // A device-like uptime: boot at ~1.2 s, a few milliseconds per printed step.
    clock: (() => {
      let ms = 1200;
      return () => (ms += 3.517);
    })(),
    onLine: (line) => {
      lines.push(line);
      options.onLine?.(line);
    },
  });
  let psa: ReturnType<typeof createPsa>;
  try {
    psa = createPsa({
      target: 'tfm',
      tfm: derivation.config,
      device: derivation.device,
      storage: options.store,
    });
  } catch (e) {
    return { kind: 'failed', reason: (e as Error).message, calls, logs: lines };
  }
  psa.tfm?.boundary.listeners.add((c) => {
    calls.push(c);
    options.onCall?.(c);
  });
  const profile = staticProfileFromPrjConf(analysis.prjConf);
  try {
    const run = await runAttachScenario({
      psa,
      quirks: 'nrf-softsim-3.2',
      profile: profile ?? FIELD_REPORT_PROFILE,
      log,
      ...(options.rand ? { rand: options.rand } : {}),
    });
    return {
      kind: 'ran',
      attached: run.attached,
      boot: run.boot,
      logs: lines,
      network: run.network,
      calls,
      exchanges: run.exchanges.map(exchangeView),
      profileNote: profile
        ? undefined
        : 'No CONFIG_SOFTSIM_STATIC_PROFILE in this prj.conf: the field report’s test profile was provisioned.',
    };
  } catch (e) {
    return { kind: 'failed', reason: (e as Error).message, calls, logs: lines };
  }
}

/** The verdict in one line, status in words (never only a colour). */
export function verdictOf(run: DeviceRun): { ok: boolean | undefined; text: string } {
  if (run.kind === 'skipped') return { ok: undefined, text: `Not run: ${run.reason}` };
  if (run.kind === 'failed') return { ok: false, text: `The device did not run: ${run.reason}` };
  const notSupported = run.calls.filter((c) => c.status === -134).length;
  const counts = notSupported
    ? `${notSupported} of ${run.calls.length} PSA calls answered ${statusText(-134)}`
    : `${run.calls.length} PSA calls, none answered -134`;
  if (run.attached) return { ok: true, text: `Attached: RES = XRES. ${counts}.` };
  if (!run.boot.ok)
    return { ok: false, text: `Not attached: the SoftSIM did not boot, the modem sees no SIM. ${counts}.` };
  const last = run.network[run.network.length - 1] ?? 'the attach fails';
  return { ok: false, text: `Not attached. ${counts}. Network: ${last}.` };
}
