/**
 * The device model behind `createPsa({ device })`: the KMU of an nRF9151/nRF9160 (UICR key slots +
 * CryptoCell, secure-side API only) or of an nRF54L15 (CRACEN KMU, also a PSA key location), and
 * how each caller sees it — secure callers (client 0 of a build without TF-M, TF-M partitions with
 * positive ids) get the KMU object, non-secure clients (negative ids) get a view that faults.
 * @module
 */
import type { ItsStore } from '../its/store.js';
import type { KeyLocationDriver, RandomSource } from '../psa/core/context.js';
import { nonSecureView } from './access.js';
import { cracenKmuLocationDriver } from './cracen-kmu.js';
import { CracenKmu } from './cracen-kmu-slots.js';
import { PSA_KEY_LOCATION_CRACEN_KMU } from './cracen-metadata.js';
import { NRF_KMU_NS_BASE } from './nrf91-constants.js';
import { Nrf91Kmu } from './nrf91-kmu.js';

/** Devices psa-emu models. */
export type PsaDeviceName = 'nrf9151' | 'nrf9160' | 'nrf54l15';

/** `psa.device`: the device and its KMU (a faulting view for non-secure callers). */
export type PsaDevice =
  | { readonly name: 'nrf9151' | 'nrf9160'; readonly kmu: Nrf91Kmu }
  | { readonly name: 'nrf54l15'; readonly kmu: CracenKmu };

/** One device instance, shared by every client of a `Psa`. */
export interface DeviceModel {
  readonly name: PsaDeviceName;
  /** Key-location drivers the core must know (nRF54L15: `PSA_KEY_LOCATION_CRACEN_KMU`). */
  readonly locations: ReadonlyMap<number, KeyLocationDriver>;
  /** The device as `client` sees it. */
  view(client: number): PsaDevice;
  /** A device reset: volatile peripheral state clears (nRF91: SELECTKEYSLOT, CryptoCell registers). */
  reset(): void;
}

/**
 * The nRF54L15 MDK defines only `NRF_KMU_S_BASE` (0x50045000), no NS instance: an NS access goes to
 * the unmapped alias 0x40045000.
 */
const NRF54L_KMU_NS_BASE = 0x40045000;

/**
 * Builds the model of `name` on `store` (KMU slots persist there, next to ITS). `tfm` selects the
 * TF-M policy of the CRACEN driver.
 */
export function createDeviceModel(
  name: PsaDeviceName,
  options: { store: ItsStore; rng: RandomSource; tfm: boolean },
): DeviceModel {
  if (name !== 'nrf9151' && name !== 'nrf9160' && name !== 'nrf54l15')
    throw new TypeError(`device must be 'nrf9151', 'nrf9160' or 'nrf54l15', got ${String(name)}`);
  if (name === 'nrf54l15') {
    const kmu = new CracenKmu({ store: options.store, rng: options.rng });
    const driver = cracenKmuLocationDriver(kmu, { tfm: options.tfm, rng: options.rng });
    const views = new Map<number, PsaDevice>();
    return {
      name,
      locations: new Map([[PSA_KEY_LOCATION_CRACEN_KMU, driver]]),
      view: (client) =>
        cached(views, client, () =>
          Object.freeze({
            name,
            kmu: client < 0 ? nonSecureView<CracenKmu>('nRF54L15', NRF54L_KMU_NS_BASE, client) : kmu,
          }),
        ),
      reset: () => {},
    };
  }
  const kmu = new Nrf91Kmu({ store: options.store });
  const views = new Map<number, PsaDevice>();
  const label = name === 'nrf9151' ? 'nRF9151' : 'nRF9160';
  return {
    name,
    locations: new Map(),
    view: (client) =>
      cached(views, client, () =>
        Object.freeze({
          name,
          kmu: client < 0 ? nonSecureView<Nrf91Kmu>(label, NRF_KMU_NS_BASE, client) : kmu,
        }),
      ),
    reset: () => kmu.reset(),
  };
}

function cached(views: Map<number, PsaDevice>, client: number, make: () => PsaDevice): PsaDevice {
  let v = views.get(client);
  if (!v) {
    v = make();
    views.set(client, v);
  }
  return v;
}
