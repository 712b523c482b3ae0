/**
 * Panel 4: the device's flash as `inspectStore` decodes it — persistent keys (never their
 * bytes) and the other records — with a note for builds without an ITS partition.
 * @module
 */

import { byTestId, fill, h } from './dom.js';
import type { KeyStoreView } from './keystore.js';

/** Renders `view`. */
export function renderKeyStore(view: KeyStoreView): void {
  byTestId('keystore-note').textContent = view.note;
  const tbody = byTestId('keystore').querySelector('tbody')!;
  fill(
    tbody,
    ...(view.keys.length
      ? view.keys.map((k) =>
          h(
            'tr',
            { 'data-testid': `key-${k.id}` },
            h('th', { scope: 'row' }, String(k.id)),
            h(
              'td',
              {},
              h('span', { class: 'line' }, k.owner),
              h('span', { class: 'line' }, k.client),
              h('code', {}, k.uid),
            ),
            h(
              'td',
              {},
              h('span', { class: 'line' }, `${k.type}, ${k.bits} bits, ${k.lifetime}`),
              h('span', { class: 'line' }, `usage: ${k.usage}`),
              h('span', { class: 'line' }, `alg: ${k.alg}`),
            ),
            h('td', {}, k.material),
          ),
        )
      : [h('tr', {}, h('td', { colspan: 4, class: 'none' }, 'No persistent key.'))]),
  );
  fill(
    byTestId('records'),
    ...(view.records.length
      ? view.records.map((r) =>
          h(
            'li',
            {},
            `${r.area}, uid `,
            h('code', {}, r.uid),
            `: ${r.size} bytes${r.note ? ` (${r.note})` : ''}`,
          ),
        )
      : [h('li', { class: 'none' }, 'None.')]),
  );
}
