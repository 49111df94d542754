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

/**
 * 1,024 pixel bytes → 16 × `scale` lines of 32 × `scale` half blocks: each pixel is `scale` columns wide and
 * `scale` half rows tall (square on a terminal whose cells are twice as tall as wide). Runs of equal colour
 * pairs share one span.
 */
export function halfBlockLines(pixels: ArrayLike<number>, scale = 1): Line[] {
  const lines: Line[] = [];
  const colourAt = (halfRow: number, column: number): string =>
    DISPLAY_COLOURS[(pixels[Math.floor(halfRow / scale) * SCREEN_WIDTH + Math.floor(column / scale)] ?? 0) & 0x0f]!;
  for (let row = 0; row < (SCREEN_HEIGHT * scale) / 2; row++) {
    const parts: Span[] = [];
    for (let column = 0; column < SCREEN_WIDTH * scale; column++) {
      const foreground = colourAt(row * 2, column);
      const background = colourAt(row * 2 + 1, column);
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

/** The largest whole zoom at which the display fits `width` columns and `rows` text rows. */
export function displayScale(width: number, rows: number): number {
  return Math.max(1, Math.min(Math.floor(width / SCREEN_WIDTH), Math.floor((rows * 2) / SCREEN_HEIGHT)));
}
