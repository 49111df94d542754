/** The stack pane: the used part of page 1, top first, with pushed return addresses resolved to labels. */
import { hex, hexDigits, hexWord } from '../../shared/hex.js';
import { span, type Line } from '../render/spans.js';
import { fitPane, titleLine, type ViewContext } from './view.js';

export function stackView(context: ViewContext, width: number, height: number): Line[] {
  const entries = context.session.stack();
  const lines: Line[] = [titleLine(`Stack  SP ${hex(context.session.state.sp)}`, width)];
  if (entries.length === 0) lines.push([span('(empty)', 'dim')]);
  for (const entry of entries) {
    const line: Line = [span(`${hexWord(entry.address)} `, 'dim'), span(hexDigits(entry.value))];
    if (entry.returnAddress !== undefined) {
      lines.push([...line, span(' ↩ ', 'dim'), span(hexWord(entry.returnAddress)), span(entry.label !== undefined ? ` ${entry.label}` : '', 'label')]);
    } else if (entry.unknown === true) {
      lines.push([...line, span(' ? unknown writer', 'dim')]);
    } else {
      lines.push(line);
    }
  }
  return fitPane(lines, width, height);
}
