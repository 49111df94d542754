/** The bottom rows: two explain lines (what the last instruction did, or a message) and the status line. */
import { groupThousands } from '../../shared/thousands.js';
import { hexWord } from '../../shared/hex.js';
import type { StopReason } from '../../debugger/events.js';
import { describeStop as describeStopReason } from '../../debugger/stop-reason.js';
import type { PlaceName } from '../../debugger/stop-reason.js';
import type { Action } from '../keymap.js';
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

/** A key hint on the status row, with the action it names (a face without that action leaves it out). */
interface Hint {
  readonly text: string;
  readonly action: Action;
}
const STOPPED_HINTS: readonly Hint[] = [
  { text: 's step', action: 'stepInto' },
  { text: 'n over', action: 'stepOver' },
  { text: 'c run', action: 'continue' },
  { text: 'u back', action: 'stepBack' },
  { text: 'b break', action: 'toggleBreakpoint' },
  { text: ': cmd', action: 'command' },
  { text: '? help', action: 'help' },
  { text: 'q quit', action: 'quit' },
];
const RUNNING_HINTS: readonly Hint[] = [
  { text: 'c pause', action: 'continue' },
  { text: 'q quit', action: 'quit' },
];

/**
 * The status row when no prompt is open: run state, PC, cycles, speed and the most useful keys. Nothing is cut
 * mid-word: when the row is short, whole parts go, least useful first (the title shortens to its file name,
 * then the cycle count, the title and the speed go) until three key hints fit, and only whole hints are shown. In keyboard mode the
 * hint that keys go to the program always shows. `missing`: actions this face has not got (a web page cannot quit).
 */
export function statusView(context: ViewContext, width: number, height: number, title: string | undefined, missing: ReadonlySet<Action> = new Set()): Line[] {
  const { session, ui } = context;
  const state = session.state;
  const mode = session.running ? 'RUNNING' : 'stopped';
  const limit = ui.speedLimit !== undefined ? `≤${formatMhz(ui.speedLimit)}` : undefined;
  const measured = ui.mhz !== undefined ? `${ui.mhz.toFixed(2)} MHz` : undefined;
  const speed = [measured, limit].filter((part) => part !== undefined).join(' ');
  const hints = ui.keyboardMode
    ? ['KEYS GO TO THE PROGRAM', 'Esc ends']
    : (session.running ? RUNNING_HINTS : STOPPED_HINTS).filter((hint) => !missing.has(hint.action)).map((hint) => hint.text);
  // Room kept for the hints: all of them in keyboard mode (the learner must see how to get out), else three.
  const needed = (ui.keyboardMode ? hints : hints.slice(0, 3)).join('  ').length + 2;
  const parts = { title: title ?? '', mode, pc: `PC ${hexWord(state.pc)}`, cycles: `${groupThousands(state.cycles)} cyc`, speed };
  const join = (): string => [parts.title, parts.mode, parts.pc, parts.cycles, parts.speed].filter((part) => part !== '').join('  ');
  const shortenings: (() => void)[] = [
    () => (parts.title = parts.title.split(/[/\\]/).pop() ?? ''),
    () => (parts.cycles = ''),
    () => (parts.title = ''),
    () => (parts.speed = limit ?? ''),
    () => (parts.speed = ''),
  ];
  for (const shorten of shortenings) {
    if (join().length + needed <= width) break;
    shorten();
  }
  const left = join();
  // Whole hints only, as many as fit after the state: a cut-off hint reads as a different key.
  let keys = '';
  for (const hint of hints) {
    const next = keys === '' ? hint : `${keys}  ${hint}`;
    if (left.length + 2 + next.length > width) break;
    keys = next;
  }
  return fitPane([[span(left, session.running ? 'changed' : 'accent'), span('  '), span(keys, ui.keyboardMode ? 'changed' : 'dim')]], width, height);
}

/** `1 MHz`, `0.25 MHz`, `64 MHz`. */
export function formatMhz(mhz: number): string {
  return `${Number(mhz.toPrecision(3))} MHz`;
}
