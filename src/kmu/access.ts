/**
 * Who may touch a KMU. On nRF91 and nRF54L the KMU and its key-slot storage are secure-only
 * ("Access to the KMU, and the key slots in the UICR, is only allowed from secure mode",
 * nRF9160/nRF9161 PS, KMU chapter): the non-secure alias of the peripheral is not mapped for it, so
 * a load or store from NS code faults (SPU/IDAU → SecureFault, which TF-M treats as fatal), and the
 * `nrf_cc3xx_platform_kmu_*` / CRACEN KMU functions exist only in the secure image. psa-emu models
 * that fault as a thrown `KmuAccessError`.
 * @module
 */

/** Thrown when non-secure code touches a secure-only KMU (the SecureFault of the real device). */
export class KmuAccessError extends Error {
  /** The fault the device raises. */
  readonly fault = 'SecureFault' as const;
  /** The non-secure address the access went to. */
  readonly address: number;
  /** The calling client (a negative TF-M NS client id). */
  readonly client: number;

  constructor(device: string, member: string, address: number, client: number) {
    super(
      `${device}: non-secure client ${client} touched the KMU (${member}): the KMU is a secure-only ` +
        `peripheral, so the access to 0x${address.toString(16).padStart(8, '0')} faults (SecureFault; TF-M halts). ` +
        'Only secure code (TF-M partitions, the bootloader) can write, push or derive from KMU slots; from the ' +
        'NS side use the PSA API (keys in ITS, or on nRF54L the CRACEN KMU key location).',
    );
    this.name = 'KmuAccessError';
    this.address = address;
    this.client = client;
  }
}

/**
 * What non-secure code gets in place of a KMU: an object of the same shape whose every member
 * access throws `KmuAccessError`. Printing it is allowed (it shows no state).
 */
export function nonSecureView<T extends object>(device: string, address: number, client: number): T {
  const label = `[${device} KMU: secure only, not reachable from NS client ${client}]`;
  return new Proxy(Object.create(null) as T, {
    get(_t, prop) {
      if (prop === Symbol.for('nodejs.util.inspect.custom') || prop === 'toString' || prop === 'toJSON')
        return () => label;
      if (typeof prop === 'symbol') return undefined;
      throw new KmuAccessError(device, prop, address, client);
    },
    set(_t, prop) {
      throw new KmuAccessError(device, String(prop), address, client);
    },
    has() {
      return false;
    },
  });
}
