/** The registers pane: A, X, Y, SP, PC and the flags, with whatever the last step or run changed highlighted. */
import { groupThousands } from '../../shared/thousands.js';
import { hex, hexWord } from '../../shared/hex.js';
import type { RegisterName } from '../../debugger/events.js';
import { flagSpans } from '../render/flags.js';
import { span, type Line, type Span } from '../render/spans.js';
import { fitPane, titleLine, type ViewContext } from './view.js';

function register(name: string, register: RegisterName, text: string, changed: readonly RegisterName[]): Span[] {
  return [span(`${name} `, 'dim'), span(text, changed.includes(register) ? 'changed' : 'plain')];
}

/** Four rows: title, `A $00  X $00  Y $00  SP $FD`, `PC $0600  P $24 nv-bdIzc`, cycles and instructions. */
export function registersView(context: ViewContext, width: number, height: number): Line[] {
  const state = context.session.state;
  const changed = context.ui.changedRegisters;
  const gap = span('  ');
  return fitPane(
    [
      titleLine('Registers', width),
      [
        ...register('A', 'a', hex(state.a), changed), gap,
        ...register('X', 'x', hex(state.x), changed), gap,
        ...register('Y', 'y', hex(state.y), changed), gap,
        ...register('SP', 'sp', hex(state.sp), changed),
      ],
      [
        ...register('PC', 'pc', hexWord(state.pc), changed), gap,
        ...register('P', 'p', hex(state.p), changed), span(' '),
        ...flagSpans(state.p, context.ui.previousP),
      ],
      [span('cycles ', 'dim'), span(groupThousands(state.cycles)), span('  instr ', 'dim'), span(groupThousands(state.instructions))],
    ],
    width,
    height,
  );
}
