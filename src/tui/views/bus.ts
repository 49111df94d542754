/**
 * The bus pane (`B`): every clock cycle of the last step, as the chip drives its pins: address, data, read or
 * write, and what the cycle is for. During a cycle walk (`.` or `:cycle`) it shows the next instruction's
 * cycles instead, the current one highlighted and the ones still to come dimmed.
 */
import { busCyclesOf, type BusCycleRecord } from '../../debugger/bus-cycles.js';
import { hexDigits, hexWord } from '../../shared/hex.js';
import { span, type Line } from '../render/spans.js';
import { fitPane, titleLine, type ViewContext } from './view.js';

/** The last step's cycles, worked out once per step (the pane is drawn many times between steps). */
let cached: { readonly step: object; readonly cycles: readonly BusCycleRecord[] } | undefined;

export function busView(context: ViewContext, width: number, height: number): Line[] {
  const walk = context.ui.cycleWalk;
  if (walk !== undefined) {
    const lines: Line[] = [titleLine(`Cycle ${walk.shown} of ${walk.cycles.length}: ${walk.text}  (. next)`, width)];
    walk.cycles.forEach((cycle, index) => {
      const state = index + 1 < walk.shown ? 'done' : index + 1 === walk.shown ? 'now' : 'later';
      lines.push(cycleLine(cycle, index, state));
    });
    return fitPane(lines, width, height);
  }
  const step = context.session.lastStep;
  if (step === undefined) {
    return fitPane([titleLine('Bus  (B hides)', width), [span('Step (s) to see each clock cycle of an instruction; . steps one cycle.', 'dim')]], width, height);
  }
  if (cached?.step !== step) cached = { step, cycles: busCyclesOf(step, context.session.readMemory(0, 0x10000), context.session.variant) };
  const cycles = cached.cycles;
  const lines: Line[] = [titleLine(`Bus: ${step.text}, ${cycles.length} cycles  (B hides)`, width)];
  cycles.forEach((cycle, index) => lines.push(cycleLine(cycle, index, 'done')));
  return fitPane(lines, width, height);
}

/** One cycle: number, R/W, address, data, purpose; `now` marked with ▶ and highlighted, `later` dimmed. */
function cycleLine(cycle: BusCycleRecord, index: number, state: 'done' | 'now' | 'later'): Line {
  const write = cycle.kind === 'write';
  const text = `${hexWord(cycle.address)} ${hexDigits(cycle.value)}  `;
  if (state === 'later') return [span(`  ${String(index + 1).padStart(2)} ${write ? 'W' : 'R'} ${text}${cycle.purpose}`, 'dim')];
  return [
    span(state === 'now' ? '▶ ' : '  ', 'accent'),
    span(`${String(index + 1).padStart(2)} `, state === 'now' ? 'current' : 'dim'),
    span(write ? 'W ' : 'R ', write ? 'changed' : 'accent'),
    span(text, write ? 'changed' : 'plain'),
    span(cycle.purpose, state === 'now' ? 'current' : 'label'),
  ];
}
