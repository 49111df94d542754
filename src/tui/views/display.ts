/** The display pane: the 32×32 screen (easy6502's at $0200–$05FF, or where the machine file puts it) in colour, two pixel rows per text row, zoomed to fill the pane. */
import { displayScale, halfBlockLines, SCREEN_WIDTH } from '../render/pixels.js';
import { span, type Line } from '../render/spans.js';
import { fitPane, titleLine, type ViewContext } from './view.js';

export function displayView(context: ViewContext, width: number, height: number): Line[] {
  const pixels = context.session.readMemory(context.session.displayStart, 32 * 32);
  const scale = displayScale(width, height - 1);
  const indent = span(' '.repeat(Math.max(0, Math.floor((width - SCREEN_WIDTH * scale) / 2))));
  const zoom = context.ui.displayZoom === 'pane' ? 'z: zoom' : 'z: zoom out';
  const title = titleLine(`Display $0200${scale > 1 ? ` ×${scale}` : ''}  (${zoom})`, width);
  return fitPane([title, ...halfBlockLines(pixels, scale).map((line) => [indent, ...line])], width, height);
}
