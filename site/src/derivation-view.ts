/**
 * Panel 2: the call path diagram (NS app → TF-M dispatcher → modules → PSA core → ITS, each
 * lit on or off with its reason), the `kconfig.py` warnings, the doctor's findings with their
 * prj.conf fixes, and the full derivation trail.
 * @module
 */

import type { TfmCallTrace } from '../../src/tfm/boundary.js';
import type { Finding } from '../../src/tfm/doctor.js';
import type { Analysis, Lamp } from './analysis.js';
import { byTestId, fill, h } from './dom.js';

const state = (on: boolean) => h('span', { class: 'state' }, on ? 'ON' : 'OFF');

function stage(id: string, title: string, l: Lamp | undefined, ...extra: (Node | string)[]): HTMLLIElement {
  return h(
    'li',
    { class: `stage ${l ? (l.on ? 'on' : 'off') : 'neutral'}`, 'data-testid': `stage-${id}` },
    h('span', { class: 'stage-title' }, title, l ? ' ' : '', l ? state(l.on) : ''),
    l ? h('code', { class: 'flag' }, l.flag) : '',
    l?.because ? h('span', { class: 'because' }, l.because) : '',
    ...extra,
  );
}

/** Renders the diagram, the warnings, the findings and the trail of `a`. `onFix` adds fix lines to prj.conf. */
export function renderDerivation(a: Analysis, onFix: (lines: string[]) => void): void {
  const d = a.diagram;
  const { derivation } = a;
  fill(
    byTestId('profile'),
    `${derivation.board} (${derivation.device}) · TF-M profile `,
    h('strong', {}, d.profile),
    ` (${a.derivation.trail.TFM_PROFILE_TYPE?.because ?? ''})`,
  );
  fill(
    byTestId('diagram'),
    stage(
      'ns',
      'NS application',
      undefined,
      h(
        'span',
        { class: 'because' },
        'nrf-softsim calls psa_open_key, psa_cipher_*, psa_mac_* through the TF-M NS interface',
      ),
    ),
    stage('dispatcher', 'TF-M dispatcher (crypto partition)', d.dispatcher, h('span', { class: 'count' })),
    h(
      'li',
      { class: 'stage neutral', 'data-testid': 'stage-modules' },
      h('span', { class: 'stage-title' }, 'Crypto modules (CRYPTO_*_MODULE_ENABLED)'),
      h(
        'ul',
        { class: 'lamps' },
        ...d.modules.map((m) =>
          h(
            'li',
            {
              class: `lamp ${m.on ? 'on' : 'off'}`,
              'data-testid': `module-${m.key}`,
              title: `${m.flag}: ${m.because}`,
            },
            h('span', { class: 'lamp-label' }, m.label),
            state(m.on),
          ),
        ),
      ),
    ),
    stage('core', 'PSA core: persistent-key storage', d.storage, h('span', { class: 'count' })),
    stage('its', 'ITS partition (Internal Trusted Storage)', d.its),
  );

  const warnings = derivation.warnings;
  fill(
    byTestId('warnings'),
    ...(warnings.length
      ? warnings.map((w) =>
          h(
            'li',
            { class: 'warning' },
            h('span', { class: 'badge warning' }, 'warning'),
            ' ',
            h('code', {}, w.summary),
            w.unsatisfied.length
              ? h('span', { class: 'because' }, `unsatisfied: ${w.unsatisfied.join(', ')}`)
              : '',
            h(
              'details',
              {},
              h('summary', {}, 'As kconfig.py prints it'),
              h('pre', { class: 'kconfig' }, w.message),
            ),
          ),
        )
      : [h('li', { class: 'none' }, 'None: every value in prj.conf took.')]),
    ...derivation.errors.map((e) =>
      h('li', { class: 'error' }, h('span', { class: 'badge error' }, 'error'), ' ', e),
    ),
  );

  // kconfig.py warnings are listed above; the doctor's list keeps its own findings.
  const findings = a.diagnosis.findings.filter((f) => f.id !== 'kconfig-warning');
  fill(
    byTestId('findings'),
    ...(findings.length
      ? findings.map((f) => finding(f, onFix))
      : [h('li', { class: 'none' }, 'No finding.')]),
  );

  const tbody = byTestId('trail').querySelector('tbody')!;
  fill(
    tbody,
    ...Object.values(derivation.trail).map((t) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, h('code', {}, t.flag)),
        h('td', {}, h('code', {}, String(t.value))),
        h('td', {}, t.because, h('span', { class: 'source' }, t.source)),
        h('td', {}, h('code', {}, t.decidedBy.join(' '))),
      ),
    ),
  );
}

function finding(f: Finding, onFix: (lines: string[]) => void): HTMLLIElement {
  const calls = f.affectedCalls;
  return h(
    'li',
    { class: `finding ${f.severity}`, 'data-testid': `finding-${f.id}` },
    h('span', { class: `badge ${f.severity}` }, f.severity),
    ' ',
    h('strong', {}, f.title),
    f.severity === 'error'
      ? h('p', {}, f.explanation)
      : h('details', {}, h('summary', {}, 'Why'), h('p', {}, f.explanation)),
    calls.length
      ? h(
          'p',
          { class: 'because' },
          `Affected: ${calls
            .slice(0, 4)
            .map((c) => `${c.function} → ${c.status} ${c.code}`)
            .join(', ')}${calls.length > 4 ? `, and ${calls.length - 4} more` : ''}`,
        )
      : '',
    f.fix.length
      ? h(
          'div',
          { class: 'fix' },
          h('span', {}, 'Fix (prj.conf):'),
          h('pre', { 'data-testid': 'fix' }, f.fix.join('\n')),
          fixButton(f.fix, onFix),
        )
      : '',
  );
}

function fixButton(lines: string[], onFix: (lines: string[]) => void): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'secondary' }, 'Add these lines to prj.conf');
  b.addEventListener('click', () => onFix(lines));
  return b;
}

/** Writes how many calls each stage decided onto the diagram. */
export function annotateDiagram(calls: readonly TfmCallTrace[]): void {
  const gate = calls.filter((c) => c.decidedBy === 'module-gate' || c.decidedBy === 'single-part-gate');
  const core = calls.filter((c) => c.decidedBy === 'core');
  const dispatcher = document.querySelector('[data-testid="stage-dispatcher"] .count');
  const coreCount = document.querySelector('[data-testid="stage-core"] .count');
  if (dispatcher)
    dispatcher.textContent = calls.length
      ? `Last run: ${gate.length} of ${calls.length} calls stopped here${gate.length ? ` with ${gate[0]!.status}` : ''}.`
      : '';
  if (coreCount)
    coreCount.textContent = calls.length
      ? `Last run: ${core.length} calls reached the core, ${core.filter((c) => c.status !== 0).length} of them failed there.`
      : '';
}
