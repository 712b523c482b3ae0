/**
 * Shared `--k` / `--op` / `--opc` handling for the MILENAGE-based commands.
 * @module
 */
import { computeOpc, createMilenage, type Milenage } from '../../milenage/index.js';
import type { Values } from '../command.js';
import { CliError, hexArg } from '../util.js';

export const KEY_OPTIONS = {
  k: { type: 'string' },
  op: { type: 'string' },
  opc: { type: 'string' },
} as const;

export const KEY_HELP = `  --k <hex>     subscriber key K (16 bytes)
  --op <hex>    operator variant OP (16 bytes), or
  --opc <hex>   OPc (16 bytes)`;

/** K and OPc from --k and --op|--opc (OPc computed from OP when --op is given). */
export function keyArgs(values: Values): { k: Uint8Array; opc: Uint8Array } {
  const k = hexArg('k', values.k as string | undefined, 16);
  if ((values.op === undefined) === (values.opc === undefined))
    throw new CliError('give exactly one of --op or --opc');
  const opc =
    values.opc !== undefined
      ? hexArg('opc', values.opc as string, 16)
      : computeOpc(k, hexArg('op', values.op as string, 16));
  return { k, opc };
}

/** A MILENAGE instance (and OPc) from --k and --op|--opc. */
export function milenageFrom(values: Values): { milenage: Milenage; opc: Uint8Array } {
  const { k, opc } = keyArgs(values);
  return { milenage: createMilenage({ k, opc }), opc };
}
