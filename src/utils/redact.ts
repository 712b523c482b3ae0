/**
 * Key hygiene for objects that hold secrets: `toString`, `toJSON` and Node's `util.inspect`
 * show a label and never the bytes. Used by MILENAGE/TUAK instances, key slots, USIMs.
 * @module
 */

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * Makes `target` print as `label` everywhere it could leak (string conversion, JSON, inspect).
 * The methods are non-enumerable, so spreading the object copies nothing extra.
 */
export function redact<T extends object>(target: T, label: string): T {
  const show = () => `${label} [redacted]`;
  for (const key of ['toString', 'toJSON', INSPECT] as const) {
    Object.defineProperty(target, key, {
      value: show,
      enumerable: false,
      configurable: true,
      writable: true,
    });
  }
  return target;
}
