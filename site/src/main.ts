/**
 * The teaching page: wires the four panels. On load it opens the flash (IndexedDB
 * `psa-emu-site`), derives the field report's prj.conf, runs the doctor and boots the SoftSIM
 * on it, so the first screen already shows the -134 and its cause. `#<preset id>` in the
 * address opens another preset.
 * @module
 */

import './style.css';
import { indexedDbStorage } from '../../src/browser/indexeddb-storage.js';
import { memoryStorage } from '../../src/its/memory.js';
import type { ItsStore } from '../../src/its/store.js';
import { type Analysis, analyse } from './analysis.js';
import { annotateDiagram, renderDerivation } from './derivation-view.js';
import { runDevice } from './device.js';
import { appendCall, appendLine, clearDevice, renderRun } from './device-view.js';
import { byTestId, fill, h } from './dom.js';
import { keyStoreView } from './keystore.js';
import { renderKeyStore } from './keystore-view.js';
import { BOARDS, CUSTOM_PRESET_ID, PRESETS, presetById } from './presets.js';

/** The IndexedDB database of the page (one per origin and path-independent). */
const DB_NAME = 'psa-emu-site';

const ui = {
  main: byTestId('main'),
  form: byTestId<HTMLFormElement>('config-form'),
  preset: byTestId<HTMLSelectElement>('preset'),
  presetNote: byTestId('preset-note'),
  board: byTestId<HTMLSelectElement>('board'),
  prjConf: byTestId<HTMLTextAreaElement>('prjconf'),
  file: byTestId<HTMLInputElement>('prjconf-file'),
  apply: byTestId<HTMLButtonElement>('apply'),
  run: byTestId<HTMLButtonElement>('run'),
  reset: byTestId<HTMLButtonElement>('reset'),
  verdict: byTestId('verdict'),
  cause: byTestId('cause'),
};

let store: ItsStore & { clear?: () => Promise<void> } = memoryStorage();
let analysis: Analysis | undefined;
let busy = 0;

/** Marks the page busy (buttons off, `data-state="busy"`) while `job` runs. */
async function exclusive(job: () => Promise<void>): Promise<void> {
  busy++;
  ui.main.dataset.state = 'busy';
  ui.main.setAttribute('aria-busy', 'true');
  for (const b of [ui.apply, ui.run, ui.reset]) b.disabled = true;
  try {
    await job();
  } finally {
    busy--;
    if (busy === 0) {
      for (const b of [ui.apply, ui.run, ui.reset]) b.disabled = false;
      ui.main.dataset.state = 'idle';
      ui.main.setAttribute('aria-busy', 'false');
    }
  }
}

function setVerdict(ok: boolean | undefined, text: string): void {
  ui.verdict.className = `verdict ${ok === true ? 'ok' : ok === false ? 'bad' : 'neutral'}`;
  fill(
    ui.verdict,
    h('span', { class: 'badge' }, ok === true ? 'OK' : ok === false ? 'FAIL' : 'INFO'),
    ' ',
    text,
  );
}

function setCause(a: Analysis | undefined): void {
  const c = a?.cause;
  if (!a || !c) {
    fill(ui.cause, a ? h('p', {}, 'The doctor finds no error in this build.') : '');
    return;
  }
  fill(
    ui.cause,
    h('p', {}, h('strong', {}, 'Cause: '), c.title, '.'),
    c.fix.length
      ? h('p', {}, h('strong', {}, 'Fix: '), ...c.fix.flatMap((l, i) => [i ? ', ' : '', h('code', {}, l)]))
      : '',
  );
}

function fillSelects(): void {
  fill(
    ui.preset,
    ...PRESETS.map((p) => h('option', { value: p.id }, p.label)),
    h('option', { value: CUSTOM_PRESET_ID }, 'Custom (edited)'),
  );
  fill(ui.board, ...BOARDS.map((b) => h('option', { value: b.id }, b.label)));
}

function loadPreset(id: string): void {
  const p = presetById(id);
  if (!p) return;
  ui.preset.value = p.id;
  ui.board.value = p.board;
  ui.prjConf.value = p.prjConf;
  ui.presetNote.textContent = p.note;
}

/** After an edit: the preset whose text and board match, or "custom". */
function syncPreset(): void {
  const p = PRESETS.find((x) => x.prjConf === ui.prjConf.value && x.board === ui.board.value);
  ui.preset.value = p?.id ?? CUSTOM_PRESET_ID;
  ui.presetNote.textContent = p?.note ?? 'Your own prj.conf: Apply derives it.';
}

/** Panel 2 for the current text and board; clears panel 3. */
function apply(): void {
  try {
    analysis = analyse(ui.prjConf.value, ui.board.value);
  } catch (e) {
    analysis = undefined;
    setVerdict(false, `This configuration cannot be derived: ${(e as Error).message}`);
    setCause(undefined);
    return;
  }
  renderDerivation(analysis, addFix);
  setCause(analysis);
  clearDevice('Not run on this build yet: press Boot & attach.');
  setVerdict(
    undefined,
    `Derived: TF-M ${analysis.diagram.profile} profile. Press Boot & attach to run the SoftSIM on it.`,
  );
  refreshKeyStore();
}

function addFix(lines: string[]): void {
  const have = new Set(ui.prjConf.value.split('\n').map((l) => l.trim()));
  const missing = lines.filter((l) => !have.has(l));
  if (missing.length) {
    const text = ui.prjConf.value;
    ui.prjConf.value = `${text}${text.endsWith('\n') || text === '' ? '' : '\n'}${missing.join('\n')}\n`;
  }
  syncPreset();
  apply();
  ui.run.focus();
}

function refreshKeyStore(): void {
  renderKeyStore(keyStoreView(store, analysis?.derivation.config));
}

async function boot(): Promise<void> {
  if (!analysis) return;
  const a = analysis;
  clearDevice('Booting…');
  annotateDiagram([]);
  setVerdict(undefined, 'Booting the SoftSIM…');
  const run = await runDevice(a, { store, onLine: appendLine, onCall: appendCall });
  if (run.kind !== 'skipped') annotateDiagram(run.calls);
  const v = renderRun(run);
  setVerdict(v.ok, v.text);
  refreshKeyStore();
}

async function openFlash(): Promise<void> {
  const kind = byTestId('storage-kind');
  try {
    store = await indexedDbStorage(DB_NAME);
    kind.textContent = `Flash: IndexedDB database “${DB_NAME}” of this browser (kept across reloads).`;
  } catch (e) {
    store = memoryStorage();
    kind.textContent = `IndexedDB is not available (${(e as Error).message}): the flash lives in memory and is lost on reload.`;
  }
}

function wire(): void {
  ui.preset.addEventListener('change', () => {
    if (ui.preset.value === CUSTOM_PRESET_ID) syncPreset();
    else loadPreset(ui.preset.value);
  });
  ui.board.addEventListener('change', syncPreset);
  ui.prjConf.addEventListener('input', syncPreset);
  ui.file.addEventListener('change', () => {
    const f = ui.file.files?.[0];
    if (!f) return;
    void f.text().then((text) => {
      ui.prjConf.value = text;
      syncPreset();
      ui.prjConf.focus();
    });
  });
  ui.form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void exclusive(async () => apply());
  });
  ui.run.addEventListener('click', () => void exclusive(boot));
  ui.reset.addEventListener(
    'click',
    () =>
      void exclusive(async () => {
        await store.clear?.();
        refreshKeyStore();
        byTestId('run-status').textContent = 'Flash erased: the next boot provisions the SoftSIM again.';
      }),
  );
}

function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register('./sw.js').catch(() => {
    // Offline support is a bonus; the page works without it.
  });
}

async function start(): Promise<void> {
  fillSelects();
  wire();
  const fromHash = presetById(decodeURIComponent(location.hash.slice(1)));
  loadPreset(fromHash?.id ?? PRESETS[0]!.id);
  await exclusive(async () => {
    await openFlash();
    apply();
    await boot();
  });
  registerServiceWorker();
}

start().catch((e: unknown) => {
  setVerdict(false, `The page failed to start: ${(e as Error).message}`);
  ui.main.dataset.state = 'idle';
});
