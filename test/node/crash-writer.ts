/**
 * Child process for the crash-safety test: rewrites 8 ITS assets and 4 persistent keys in a
 * tight loop; every record written in round g is filled with the byte g (mod 256). Prints the
 * round number after each complete round. The parent SIGKILLs it at a random moment.
 */

import { fileStorage } from '../../src/entries/node.js';
import {
  createPsa,
  PSA_ALG_CBC_NO_PADDING,
  PSA_KEY_TYPE_AES,
  PSA_KEY_USAGE_EXPORT,
} from '../../src/index.js';

const dir = process.argv[2]!;
const psa = createPsa({ target: 'mbedtls', storage: fileStorage(dir) });
const c = psa.cSync;
c.psa_crypto_init();
for (let g = 1; ; g++) {
  const fill = g & 0xff;
  for (let uid = 1n; uid <= 8n; uid++) {
    const st = c.psa_its_set(0x1000n + uid, new Uint8Array(400).fill(fill), 0);
    if (st !== 0) throw new Error(`psa_its_set ${st}`);
  }
  for (let id = 1; id <= 4; id++) {
    c.psa_destroy_key(id);
    const a = c.psa_key_attributes_init();
    c.psa_set_key_id(a, id);
    c.psa_set_key_type(a, PSA_KEY_TYPE_AES);
    c.psa_set_key_usage_flags(a, PSA_KEY_USAGE_EXPORT);
    c.psa_set_key_algorithm(a, PSA_ALG_CBC_NO_PADDING);
    const r = c.psa_import_key(a, new Uint8Array(32).fill(fill));
    if (r.status !== 0) throw new Error(`psa_import_key ${r.status}`);
  }
  process.stdout.write(`${g}\n`);
}
