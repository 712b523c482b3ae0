/**
 * The AUTHENTICATE exchange as a sequence diagram (SVG): the network (MME/HSS) and the SIM as
 * lifelines, each command with RAND and AUTN (TS 31.102 §7.1.2), each answer with RES, AUTS or
 * the status word, and the network's notes (resynchronisation, TS 33.102 §6.3.5; RES = XRES).
 * The same values are in the exchanges table below it, as text.
 * @module
 */

import type { ExchangeView } from './device.js';
import { s } from './dom.js';

const W = 640;
const NET_X = 110;
const SIM_X = 530;
const LINE = 17;

/** Splits `text` into lines of at most `max` characters at spaces. */
function wrap(text: string, max: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > max) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

type Event = { kind: 'command' | 'answer'; e: ExchangeView; n: number } | { kind: 'note'; text: string };

/** Orders the events: the first exchange, the HSS's notes, the later exchanges, then the rest. */
function events(exchanges: readonly ExchangeView[], network: readonly string[]): Event[] {
  const notes = network.filter((n) => !n.startsWith('AUTHENTICATE →'));
  const hss = notes.filter((n) => n.startsWith('HSS'));
  const rest = notes.filter((n) => !n.startsWith('HSS'));
  const out: Event[] = [];
  exchanges.forEach((e, i) => {
    out.push({ kind: 'command', e, n: i + 1 }, { kind: 'answer', e, n: i + 1 });
    if (i === 0) for (const text of hss) out.push({ kind: 'note', text });
  });
  if (exchanges.length === 0) for (const text of hss) out.push({ kind: 'note', text });
  for (const text of rest) out.push({ kind: 'note', text });
  return out;
}

/** The kind of an answer in words. */
export const MEANING: Readonly<Record<ExchangeView['kind'], string>> = {
  success: 'success',
  'sync-failure': 'synchronisation failure',
  gsm: 'GSM answer',
  error: 'error',
};

/** The diagram for `exchanges` and the network's lines of the same run. */
export function sequenceSvg(exchanges: readonly ExchangeView[], network: readonly string[]): SVGSVGElement {
  const body: SVGElement[] = [];
  let y = 70;
  const text = (x: number, yy: number, t: string, cls: string, anchor = 'middle') =>
    s('text', { x, y: yy, class: cls, 'text-anchor': anchor }, t);
  for (const ev of events(exchanges, network)) {
    if (ev.kind === 'note') {
      const lines = wrap(ev.text, 70);
      const hgt = lines.length * LINE + 10;
      body.push(
        s('rect', { x: 20, y, width: W - 40, height: hgt, rx: 4, class: 'seq-note' }),
        ...lines.map((l, i) => text(W / 2, y + 18 + i * LINE, l, 'seq-note-text')),
      );
      y += hgt + 16;
      continue;
    }
    const toSim = ev.kind === 'command';
    const labels = toSim
      ? [`${ev.n}. AUTHENTICATE (3G context)`, `RAND ${ev.e.rand}`, `AUTN ${ev.e.autn}`]
      : [
          `${ev.e.short}: ${MEANING[ev.e.kind]}`,
          ...ev.e.fields.filter(([k]) => k === 'RES' || k === 'AUTS').map(([k, v]) => `${k} ${v}`),
        ];
    labels.forEach((l, i) => {
      body.push(text(W / 2, y + i * LINE, l, i === 0 ? 'seq-label strong' : 'seq-label mono'));
    });
    y += labels.length * LINE - 6;
    const [x1, x2] = toSim ? [NET_X, SIM_X] : [SIM_X, NET_X];
    body.push(
      s('line', {
        x1,
        y1: y,
        x2: x2 + (toSim ? -8 : 8),
        y2: y,
        class: `seq-arrow ${toSim ? 'cmd' : ev.e.kind === 'success' ? 'ok' : 'bad'}`,
      }),
      s('polygon', {
        points: toSim
          ? `${x2},${y} ${x2 - 10},${y - 5} ${x2 - 10},${y + 5}`
          : `${x2},${y} ${x2 + 10},${y - 5} ${x2 + 10},${y + 5}`,
        class: `seq-head ${toSim ? 'cmd' : ev.e.kind === 'success' ? 'ok' : 'bad'}`,
      }),
    );
    y += 30;
  }
  const height = Math.max(y + 10, 120);
  const summary = exchanges.length
    ? exchanges
        .map(
          (e, i) => `${i + 1}: RAND ${e.rand}, AUTN ${e.autn}, SIM answers ${e.short} (${MEANING[e.kind]})`,
        )
        .join('; ')
    : 'No AUTHENTICATE was sent.';
  return s(
    'svg',
    {
      viewBox: `0 0 ${W} ${height}`,
      role: 'img',
      'aria-labelledby': 'seq-title seq-desc',
      class: 'seq',
    },
    s('title', { id: 'seq-title' }, 'Sequence diagram: network and SIM'),
    s('desc', { id: 'seq-desc' }, summary),
    s('line', { x1: NET_X, y1: 40, x2: NET_X, y2: height - 5, class: 'seq-life' }),
    s('line', { x1: SIM_X, y1: 40, x2: SIM_X, y2: height - 5, class: 'seq-life' }),
    s('rect', { x: NET_X - 95, y: 8, width: 190, height: 32, rx: 4, class: 'seq-actor' }),
    text(NET_X, 29, 'Network (MME, HSS)', 'seq-actor-text'),
    s('rect', { x: SIM_X - 95, y: 8, width: 190, height: 32, rx: 4, class: 'seq-actor' }),
    text(SIM_X, 29, 'SIM (SoftSIM on TF-M)', 'seq-actor-text'),
    ...body,
  );
}
