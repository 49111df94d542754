/** The bottom rows: two explain lines (what the last instruction did, or a message) and the status line. */
import { groupThousands } from '../../shared/thousands.js';
import { hex, hexWord } from '../../shared/hex.js';
import type { StopReason } from '../../debugger/events.js';
import { describeStop as describeStopReason } from '../../debugger/stop-reason.js';
import type { PlaceName } from '../../debugger/stop-reason.js';
import { span, type Line, type Style } from '../render/spans.js';
import { wrapText } from '../render/text.js';
import { fitPane, type ViewContext } from './view.js';

/** A stop reason in one sentence (the debugger's own wording), plus what a key can do about it. */
export function describeStop(reason: StopReason, name?: PlaceName): string {
  const sentence = describeStopReason(reason, name);
  switch (reason.kind) {
    case 'brk': return `${sentence}: the program has ended (R resets, u steps back)`;
    case 'trap': return `${sentence}: it is waiting forever`;
    default: return sentence;
  }
}

/** The explain rows: a message when there is one, else the last instruction and what it did, wrapped. */
export function explainView(context: ViewContext, width: number, height: number): Line[] {
  const message = context.ui.message;
  if (message !== undefined) return wrapped(message.text, message.error ? 'error' : 'accent', width, height);
  const step = context.session.lastStep;
  if (step === undefined) return fitPane([[span('s steps one instruction, c runs, ? shows every key', 'dim')]], width, height);
  // explain.ts may already start its sentence with the instruction; say it once.
  const explanation = step.explanation === undefined ? '' : step.explanation.startsWith(step.text) ? step.explanation.slice(step.text.length) : `: ${step.explanation}`;
  const lines = wrapText(step.text + explanation, width);
  // The instruction itself stands out on the first row.
  const first = lines[0] ?? '';
  const head: Line = first.startsWith(step.text) ? [span(step.text, 'label'), span(first.slice(step.text.length))] : [span(first)];
  return fitPane([head, ...lines.slice(1).map((line) => [span(line)])], width, height);
}

function wrapped(text: string, style: Style, width: number, height: number): Line[] {
  return fitPane(wrapText(text, width).map((line) => [span(line, style)]), width, height);
}

/** The status row when no prompt is open: run state, PC, cycles and the most useful keys. */
export function statusView(context: ViewContext, width: number, height: number, title: string | undefined): Line[] {
  const { session, ui } = context;
  const state = session.state;
  const mode = session.running ? 'RUNNING' : 'stopped';
  const limit = ui.speedLimit !== undefined ? ` (limit ${formatMhz(ui.speedLimit)})` : '';
  const speed = ui.mhz !== undefined ? `  ${ui.mhz.toFixed(2)} MHz${limit}` : limit !== '' ? ` ${limit.trim()}` : '';
  const left = `${title !== undefined ? `${title}  ` : ''}${mode}  PC ${hexWord(state.pc)}  ${groupThousands(state.cycles)} cyc${speed}`;
  const hints = ui.keyboardMode ? ['KEYS GO TO THE PROGRAM', 'Esc ends'] : session.running ? ['c pause', 'q quit'] : ['s step', 'n over', 'c run', 'u back', 'b break', ': cmd', '? help', 'q quit'];
  // Whole hints only, as many as fit after the state: a cut-off hint reads as a different key.
  let keys = '';
  for (const hint of hints) {
    const next = keys === '' ? hint : `${keys}  ${hint}`;
    if (left.length + 2 + next.length > width) break;
    keys = next;
  }
  return fitPane([[span(left, session.running ? 'changed' : 'accent'), span('  '), span(keys, 'dim')]], width, height);
}

/** `1 MHz`, `0.25 MHz`, `64 MHz`. */
export function formatMhz(mhz: number): string {
  return `${Number(mhz.toPrecision(3))} MHz`;
}
