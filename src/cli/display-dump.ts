/**
 * `moth run --display`: the easy6502 screen after the run, for terminals (half-block characters in the
 * palette's true colours, two pixels per character cell) or as plain text (one hex digit per pixel, `.` for
 * black), so a display program can be checked without opening the debugger.
 */
import { hexDigits } from '../shared/hex.js';
import { DISPLAY_HEIGHT, DISPLAY_WIDTH, PALETTE } from '../machine/devices/display.js';

const UPPER_HALF_BLOCK = '▀';

/** 32 lines of 32 characters: the pixel's colour index in hex, `.` for colour 0. */
export function displayAsText(pixels: ArrayLike<number>): string[] {
  const lines: string[] = [];
  for (let y = 0; y < DISPLAY_HEIGHT; y++) {
    let line = '';
    for (let x = 0; x < DISPLAY_WIDTH; x++) {
      const colour = pixels[y * DISPLAY_WIDTH + x]! & 0x0f;
      line += colour === 0 ? '.' : hexDigits(colour, 1);
    }
    lines.push(line);
  }
  return lines;
}

/** 16 lines of 32 half blocks: the upper pixel is the foreground colour, the lower one the background. */
export function displayAsHalfBlocks(pixels: ArrayLike<number>): string[] {
  const lines: string[] = [];
  for (let y = 0; y < DISPLAY_HEIGHT; y += 2) {
    let line = '';
    for (let x = 0; x < DISPLAY_WIDTH; x++) {
      const upper = rgbOf(pixels[y * DISPLAY_WIDTH + x]!);
      const lower = rgbOf(pixels[(y + 1) * DISPLAY_WIDTH + x]!);
      line += `\u001b[38;2;${upper}m\u001b[48;2;${lower}m${UPPER_HALF_BLOCK}`;
    }
    lines.push(line + '\u001b[0m');
  }
  return lines;
}

/** `r;g;b` of a pixel byte's colour, as true-colour escape codes want it. */
function rgbOf(pixel: number): string {
  const hex = PALETTE[pixel & 0x0f]!.rgb;
  return [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16)).join(';');
}
