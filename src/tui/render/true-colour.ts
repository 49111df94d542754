/**
 * easy6502's sixteen colours exact on truecolor terminals. Blessed keeps a cell's colour as one of 256 indexes
 * (a 24-bit colour it is given becomes the nearest index), so this teaches one screen to carry the palette
 * through: an SGR `38;2;r;g;b` / `48;2;r;g;b` naming a palette colour becomes a private index 256 + n in the
 * cell, and such an index goes out to the terminal as the exact 24-bit colour again. Every other colour is
 * untouched.
 */
import { PALETTE } from '../../machine/devices/display.js';

/** The index after the 256 the terminal knows where the private palette indexes start. */
const FIRST = 256;
const RGB = PALETTE.map((colour) => Number.parseInt(colour.rgb.slice(1), 16));
const BY_RGB = new Map(RGB.map((value, index) => [value, FIRST + index]));
/** Blessed's "no colour" value in a cell's 9-bit fields. */
const DEFAULT = 0x1ff;

/** The SGR that sets a palette colour exactly: what spans.ts writes for a pixel on a truecolor theme. */
export function trueColourSgr(rgb: string, layer: 'fg' | 'bg'): string {
  const value = Number.parseInt(rgb.slice(1), 16);
  return `\x1b[${layer === 'fg' ? 38 : 48};2;${(value >> 16) & 0xff};${(value >> 8) & 0xff};${value & 0xff}m`;
}

/** The parts of blessed's Screen and Program this touches (its typings do not declare them). */
interface BlessedInternals {
  attrCode(code: string, current: number, fallback: number): number;
  readonly program: { _write(text: string): unknown };
}

/** `38;5;N` / `48;5;N` with N a private palette index, as blessed's draw writes a cell's colour. */
const PRIVATE_COLOUR = /(?<=\x1b\[[0-9;]*)([34])8;5;(25[6-9]|26[0-9]|27[01])(?=[;m])/g;

/** Makes `screen` keep the palette's 24-bit colours from content to terminal. */
export function keepPaletteTrueColours(screen: object): void {
  const internals = screen as BlessedInternals;
  const parse = internals.attrCode.bind(screen);
  internals.attrCode = (code, current, fallback) => {
    // Pull out palette colours given as 38;2 / 48;2, let blessed parse the rest, then put them in as private indexes.
    const parts = code.slice(2, -1).split(';');
    let foreground: number | undefined;
    let background: number | undefined;
    const rest: string[] = [];
    for (let index = 0; index < parts.length; index++) {
      const part = parts[index]!;
      if ((part === '38' || part === '48') && parts[index + 1] === '2' && index + 4 < parts.length) {
        const value = (Number(parts[index + 2]) << 16) | (Number(parts[index + 3]) << 8) | Number(parts[index + 4]);
        const slot = BY_RGB.get(value);
        if (slot !== undefined) {
          if (part === '38') foreground = slot;
          else background = slot;
          index += 4;
          continue;
        }
      }
      rest.push(part);
    }
    if (foreground === undefined && background === undefined) return parse(code, current, fallback);
    let attribute = rest.length === 0 ? current : parse(`\x1b[${rest.join(';')}m`, current, fallback);
    if (foreground !== undefined) attribute = (attribute & ~(DEFAULT << 9)) | (foreground << 9);
    if (background !== undefined) attribute = (attribute & ~DEFAULT) | background;
    return attribute;
  };
  // Blessed writes a cell's colour index as `38;5;N`; a private index goes out as the palette's exact colour.
  const program = internals.program;
  const write = program._write.bind(program);
  program._write = (text: string) =>
    write(text.replace(PRIVATE_COLOUR, (_match, layer: string, index: string) => {
      const value = RGB[Number(index) - FIRST]!;
      return `${layer}8;2;${(value >> 16) & 0xff};${(value >> 8) & 0xff};${value & 0xff}`;
    }));
}
