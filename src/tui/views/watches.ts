/** The watches pane: expressions the user added with `w`, evaluated against the current state after every stop. */
import { hex } from '../../shared/hex.js';
import { span, type Line } from '../render/spans.js';
import { fitPane, titleLine, type ViewContext } from './view.js';

/** `[$0200] = $2A (42)`; words wider than a byte show four hex digits. */
export function formatWatch(expression: string, result: { ok: true; value: number } | { ok: false; error: string }): Line {
  if (!result.ok) return [span(`${expression} `), span(result.error, 'error')];
  const digits = result.value > 0xff || result.value < 0 ? 4 : 2;
  return [span(`${expression} = `), span(hex(result.value & 0xffff, digits), 'accent'), span(` (${result.value})`, 'dim')];
}

export function watchesView(context: ViewContext, width: number, height: number): Line[] {
  const lines: Line[] = [titleLine('Watches  (w adds, w -N drops)', width)];
  if (context.ui.watches.length === 0) lines.push([span('none: press w, type A or [$10]', 'dim')]);
  context.ui.watches.forEach((expression, index) => {
    lines.push([span(`${index + 1} `, 'dim'), ...formatWatch(expression, context.session.evaluate(expression))]);
  });
  return fitPane(lines, width, height);
}
