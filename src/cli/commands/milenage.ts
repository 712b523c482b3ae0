/**
 * `psa-emu milenage --k … (--op … | --opc …) --rand … --sqn … --amf …`: every MILENAGE output,
 * AUTN and the GSM values (TS 35.206, TS 33.102 §6.3 and §6.8.1.2).
 * @module
 */
import { buildAutn } from '../../aka/index.js';
import { c2, c3, sres2 } from '../../milenage/index.js';
import { toHex } from '../../utils/bytes.js';
import type { Command } from '../command.js';
import { EXIT, hexArg, paint, toJson } from '../util.js';
import { KEY_HELP, KEY_OPTIONS, milenageFrom } from './keys.js';

export const milenageCommand: Command = {
  name: 'milenage',
  summary: 'compute f1…f5*, AUTN, SRES and Kc for one input',
  help: `Usage: psa-emu milenage --k <hex> (--op <hex> | --opc <hex>) --rand <hex> --sqn <hex> --amf <hex> [--json]

Options:
${KEY_HELP}
  --rand <hex>  RAND (16 bytes)
  --sqn <hex>   SQN (6 bytes)
  --amf <hex>   AMF (2 bytes)
  --json        machine-readable output`,
  options: { ...KEY_OPTIONS, rand: { type: 'string' }, sqn: { type: 'string' }, amf: { type: 'string' } },
  run(values, _p, io) {
    const { milenage, opc } = milenageFrom(values);
    const rand = hexArg('rand', values.rand as string | undefined, 16);
    const sqn = hexArg('sqn', values.sqn as string | undefined, 6);
    const amf = hexArg('amf', values.amf as string | undefined, 2);
    const r = milenage.compute(rand, sqn, amf);
    const out = {
      opc,
      macA: r.macA,
      macS: r.macS,
      res: r.res,
      ck: r.ck,
      ik: r.ik,
      ak: r.ak,
      akStar: r.akStar,
      autn: buildAutn({ sqn, amf, ak: r.ak, macA: r.macA }),
      sres: c2(r.res),
      sres2: sres2(r.res),
      kc: c3(r.ck, r.ik),
    };
    milenage.dispose();
    if (values.json) io.out(`${toJson(out)}\n`);
    else {
      const names: Record<keyof typeof out, string> = {
        opc: 'OPc',
        macA: 'f1  MAC-A',
        macS: 'f1* MAC-S',
        res: 'f2  RES',
        ck: 'f3  CK',
        ik: 'f4  IK',
        ak: 'f5  AK',
        akStar: 'f5* AK*',
        autn: 'AUTN',
        sres: 'SRES (c2)',
        sres2: 'SRES#2',
        kc: 'Kc (c3)',
      };
      for (const [k, label] of Object.entries(names))
        io.out(`${paint(io, 'dim', label.padEnd(10))} ${toHex(out[k as keyof typeof out])}\n`);
    }
    return EXIT.ok;
  },
};
