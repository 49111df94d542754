/** The LCD pane: the 16×2 character LCD of Ben Eater's machine, its two lines in a frame, as the panel shows them. */
import { span, type Line } from '../render/spans.js';
import { fitPane, titleLine, type ViewContext } from './view.js';

/** Rows the pane takes: the title, the frame's top and bottom, and the two lines. */
export const LCD_PANE_HEIGHT = 5;

export function lcdView(context: ViewContext, width: number, height: number): Line[] {
  const lines = context.session.lcdLines() ?? [];
  const edge = '─'.repeat(lines[0]?.length ?? 16);
  return fitPane(
    [
      titleLine('LCD', width),
      [span(`┌${edge}┐`, 'dim')],
      ...lines.map((text): Line => [span('│', 'dim'), span(text, 'plain'), span('│', 'dim')]),
      [span(`└${edge}┘`, 'dim')],
    ],
    width,
    height,
  );
}
