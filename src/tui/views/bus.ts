/** The bus pane (`B`): every clock cycle of the last step, as the chip drives its pins: address, data, read or write, and what the cycle is for. */
import { busCyclesOf, type BusCycleRecord } from '../../debugger/bus-cycles.js';
import { hexDigits, hexWord } from '../../shared/hex.js';
import { span, type Line } from '../render/spans.js';
import { fitPane, titleLine, type ViewContext } from './view.js';

/** The last step's cycles, worked out once per step (the pane is drawn many times between steps). */
let cached: { readonly step: object; readonly cycles: readonly BusCycleRecord[] } | undefined;

export function busView(context: ViewContext, width: number, height: number): Line[] {
  const step = context.session.lastStep;
  if (step === undefined) {
    return fitPane([titleLine('Bus  (B hides)', width), [span('Step (s) to see each clock cycle of an instruction.', 'dim')]], width, height);
  }
  if (cached?.step !== step) cached = { step, cycles: busCyclesOf(step, context.session.readMemory(0, 0x10000), context.session.variant) };
  const cycles = cached.cycles;
  const lines: Line[] = [titleLine(`Bus: ${step.text}, ${cycles.length} cycles  (B hides)`, width)];
  cycles.forEach((cycle, index) => {
    const write = cycle.kind === 'write';
    lines.push([
      span(`${String(index + 1).padStart(2)} `, 'dim'),
      span(write ? 'W ' : 'R ', write ? 'changed' : 'accent'),
      span(`${hexWord(cycle.address)} ${hexDigits(cycle.value)}  `, write ? 'changed' : 'plain'),
      span(cycle.purpose, 'label'),
    ]);
  });
  return fitPane(lines, width, height);
}
