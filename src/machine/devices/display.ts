/**
 * easy6502's display: 32×32 pixels at $0200–$05FF, one byte per pixel, row by row, the low four bits picking
 * one of 16 colours (a machine file may put it elsewhere: `display = ADDRESS`). It is plain RAM; views read
 * it, nothing in the machine reacts to writes.
 */
import type { MachineDescription } from '../description.js';
import { DISPLAY_START } from '../memory-map.js';

export const DISPLAY_WIDTH = 32;
export const DISPLAY_HEIGHT = 32;

export interface PaletteColour {
  readonly name: string;
  /** `#rrggbb` */
  readonly rgb: string;
}

/** easy6502's palette (the C64's colours), indexed by the low nibble of a pixel byte. */
export const PALETTE: readonly PaletteColour[] = [
  { name: 'black', rgb: '#000000' },
  { name: 'white', rgb: '#ffffff' },
  { name: 'red', rgb: '#880000' },
  { name: 'cyan', rgb: '#aaffee' },
  { name: 'purple', rgb: '#cc44cc' },
  { name: 'green', rgb: '#00cc55' },
  { name: 'blue', rgb: '#0000aa' },
  { name: 'yellow', rgb: '#eeee77' },
  { name: 'orange', rgb: '#dd8855' },
  { name: 'brown', rgb: '#664400' },
  { name: 'light red', rgb: '#ff7777' },
  { name: 'dark grey', rgb: '#333333' },
  { name: 'grey', rgb: '#777777' },
  { name: 'light green', rgb: '#aaff66' },
  { name: 'light blue', rgb: '#0088ff' },
  { name: 'light grey', rgb: '#bbbbbb' },
];

/** Where a machine's display starts: where its description puts it, else easy6502's $0200. */
export function displayStartOf(description: Pick<MachineDescription, 'display'>): number {
  return description.display ?? DISPLAY_START;
}

/** The palette index (0–15) of the pixel at column x, row y. */
export function pixelColour(memory: Uint8Array, x: number, y: number, start = DISPLAY_START): number {
  return memory[start + y * DISPLAY_WIDTH + x]! & 0x0f;
}

/** The display's 1,024 bytes as a live view of memory (no copy), from `start`. */
export function displayView(memory: Uint8Array, start = DISPLAY_START): Uint8Array {
  return memory.subarray(start, start + DISPLAY_WIDTH * DISPLAY_HEIGHT);
}
