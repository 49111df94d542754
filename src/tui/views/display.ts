/** The display pane: easy6502's 32×32 screen at $0200–$05FF in colour, two pixel rows per text row. */
import { DISPLAY_START } from '../../machine/memory-map.js';
import { halfBlockLines } from '../render/pixels.js';
import type { Line } from '../render/spans.js';
import { fitPane, titleLine, type ViewContext } from './view.js';

export function displayView(context: ViewContext, width: number, height: number): Line[] {
  const pixels = context.session.readMemory(DISPLAY_START, 32 * 32);
  return fitPane([titleLine('Display $0200', width), ...halfBlockLines(pixels)], width, height);
}
