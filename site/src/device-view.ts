/**
 * Panel 3: the console as it streams, the PSA calls with their statuses, the AUTHENTICATE
 * sequence diagram and exchanges, the network's side, and the verdict.
 * @module
 */

import type { TfmCallTrace } from '../../src/tfm/boundary.js';
import { type DeviceRun, verdictOf } from './device.js';
import { byTestId, fill, h } from './dom.js';
import { DECIDED_BY, statusText } from './names.js';
import { MEANING, sequenceSvg } from './sequence.js';

const levelOf = (line: string): string => /<(err|wrn|inf|dbg)>/.exec(line)?.[1] ?? 'inf';

/** Empties the panel before a run (or after a new configuration). */
export function clearDevice(message: string): void {
  fill(byTestId('log'));
  fill(byTestId('calls').querySelector('tbody')!);
  fill(byTestId('calls-summary'));
  fill(byTestId('sequence'));
  fill(byTestId('exchanges').querySelector('tbody')!);
  fill(byTestId('network'));
  byTestId('run-status').textContent = message;
}

/** Appends one console line. */
export function appendLine(line: string): void {
  const log = byTestId('log');
  log.append(h('li', { class: `lvl-${levelOf(line)}` }, line));
  log.scrollTop = log.scrollHeight;
}

/** Appends one PSA call. */
export function appendCall(c: TfmCallTrace): void {
  const tbody = byTestId('calls').querySelector('tbody')!;
  const ok = c.status === 0;
  tbody.append(
    h(
      'tr',
      { class: ok ? 'ok' : 'bad' },
      h('td', {}, tbody.rows.length + 1),
      h('td', {}, h('code', {}, c.name)),
      h(
        'td',
        { class: 'status' },
        h('span', { class: 'mark', 'aria-hidden': 'true' }, ok ? '✓ ' : '✗ '),
        statusText(c.status),
      ),
      h('td', {}, DECIDED_BY[c.decidedBy]),
    ),
  );
}

/** Counts per status: `121 calls: 118 × 0 PSA_SUCCESS, 3 × -140 PSA_ERROR_DOES_NOT_EXIST`. */
export function callsSummary(calls: readonly TfmCallTrace[]): string {
  if (calls.length === 0) return 'No PSA call reached the TF-M boundary.';
  const by = new Map<number, number>();
  for (const c of calls) by.set(c.status, (by.get(c.status) ?? 0) + 1);
  return `${calls.length} calls: ${[...by]
    .sort((a, b) => b[1] - a[1])
    .map(([st, n]) => `${n} × ${statusText(st)}`)
    .join(', ')}`;
}

/** Renders the end of a run: summary, sequence diagram, exchanges and the network's side. */
export function renderRun(run: DeviceRun): { ok: boolean | undefined; text: string } {
  const verdict = verdictOf(run);
  byTestId('run-status').textContent = run.kind === 'ran' ? 'Done.' : verdict.text;
  if (run.kind === 'skipped') return verdict;
  fill(byTestId('calls-summary'), callsSummary(run.calls));
  if (run.kind === 'failed') return verdict;
  fill(byTestId('sequence'), sequenceSvg(run.exchanges, run.network));
  const fields = (pairs: [string, string][]) =>
    h(
      'dl',
      { class: 'fields' },
      ...pairs.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, h('code', {}, v))]),
    );
  fill(
    byTestId('exchanges').querySelector('tbody')!,
    ...run.exchanges.flatMap((e, i) => [
      h(
        'tr',
        {},
        h('th', { scope: 'rowgroup', rowspan: 2 }, i + 1),
        h('td', {}, 'Network → SIM: AUTHENTICATE'),
        h(
          'td',
          {},
          fields([
            ['RAND', e.rand],
            ['AUTN', e.autn],
          ]),
        ),
      ),
      h(
        'tr',
        { class: e.kind === 'success' ? 'ok' : 'bad' },
        h('td', {}, 'SIM → network'),
        h(
          'td',
          {},
          h('code', { 'data-testid': 'answer', class: 'answer' }, e.short),
          ` ${MEANING[e.kind]}`,
          fields(e.fields),
        ),
      ),
    ]),
  );
  fill(
    byTestId('network'),
    ...run.network.map((n) => h('li', {}, n)),
    run.profileNote ? h('li', { class: 'hint' }, run.profileNote) : '',
  );
  return verdict;
}
