/**
 * The easy6502 display (32×32 pixels, one byte each, 16 colours) as terminal text: two pixel rows per text row,
 * using the upper half block ▀ with the top pixel as foreground and the bottom pixel as background.
 */
import { PALETTE } from '../../machine/devices/display.js';
import type { Line, Span } from './spans.js';

export const SCREEN_WIDTH = 32;
export const SCREEN_HEIGHT = 32;

/**
 * easy6502's sixteen colours by the low nibble of a pixel byte, from the machine's palette. Blessed maps them to
 * the nearest colour the terminal has, so 256-colour terminals look close and 8-colour ones stay readable.
 */
export const DISPLAY_COLOURS: readonly string[] = PALETTE.map((colour) => colour.rgb);

export const UPPER_HALF_BLOCK = '▀';

/** 1,024 pixel bytes → 16 lines of 32 half blocks; runs of equal colour pairs share one span. */
export function halfBlockLines(pixels: ArrayLike<number>): Line[] {
  const lines: Line[] = [];
  for (let row = 0; row < SCREEN_HEIGHT; row += 2) {
    const parts: Span[] = [];
    for (let x = 0; x < SCREEN_WIDTH; x++) {
      const foreground = DISPLAY_COLOURS[(pixels[row * SCREEN_WIDTH + x] ?? 0) & 0x0f]!;
      const background = DISPLAY_COLOURS[(pixels[(row + 1) * SCREEN_WIDTH + x] ?? 0) & 0x0f]!;
      const last = parts[parts.length - 1];
      if (last !== undefined && 'foreground' in last && last.foreground === foreground && last.background === background) {
        parts[parts.length - 1] = { text: last.text + UPPER_HALF_BLOCK, foreground, background };
      } else {
        parts.push({ text: UPPER_HALF_BLOCK, foreground, background });
      }
    }
    lines.push(parts);
  }
  return lines;
}
