/** Text outputs of an assembly: the listing (like `ca65 -l`) and the symbol file (like `ld65 -Ln`). */

import { hexDigits } from '../shared/hex.js';

/** What the listing needs to know about one source line. */
export interface ListingLine {
  /**
   * Where the line's bytes start once segments are placed (`shift`), and where they were written: byte `o` of
   * the section is `output.bytes[o + outputDelta]` (not at its address when a ca65 `.org` relabelled it).
   */
  readonly section: { readonly shift: number; readonly outputDelta: number; readonly output: { readonly bytes: Uint8Array } | undefined };
  readonly address: number;
  readonly length: number;
  readonly depth: number;
  readonly text: string;
  /** Reserved space (`.res`, `.align`): shown as `xx`, like ca65. */
  readonly reserved: boolean;
}

/** Rows of four bytes after the first; a huge `.res` is cut short so the listing stays readable. */
const MAX_CONTINUATION_ROWS = 64;

/** One row per line: six-digit address, include depth, up to four bytes, the source text; more bytes continue below. */
export function listingText(lines: readonly ListingLine[]): string {
  const rows: string[] = [];
  for (const line of lines) {
    const start = line.section.shift + line.address;
    const written = line.section.output?.bytes;
    const at = line.section.outputDelta + line.address;
    const depth = String(line.depth);
    const length = Math.min(line.length, 0x10000);
    const byteText = (offset: number): string => {
      const parts: string[] = [];
      for (let index = offset; index < Math.min(offset + 4, length); index++) {
        // ca65 shows reserved space as `xx`: its value is the linker's fill, not something the source says.
        const value = written?.[at + index];
        parts.push(line.reserved || value === undefined ? 'xx' : hexDigits(value, 2));
      }
      return parts.join(' ');
    };
    rows.push(`${hexDigits(start & 0xffffff, 6)}  ${depth}  ${byteText(0).padEnd(12)} ${line.text}`.trimEnd());
    for (let offset = 4, row = 0; offset < length; offset += 4, row++) {
      if (row === MAX_CONTINUATION_ROWS) {
        rows.push(`${hexDigits((start + offset) & 0xffffff, 6)}  ${depth}  ...`);
        break;
      }
      rows.push(`${hexDigits((start + offset) & 0xffffff, 6)}  ${depth}  ${byteText(offset)}`.trimEnd());
    }
  }
  return rows.length > 0 ? rows.join('\n') + '\n' : '';
}

/** VICE label format, as `ld65 -Ln` writes it: `al 000600 .start`. */
export function symbolFileText(symbols: ReadonlyMap<string, { readonly name: string; readonly value: number }>): string {
  return [...symbolFileLines(symbols)].join('');
}

/**
 * The symbol file a line at a time (each ending in a newline), by value, then by name: deeply nested scopes
 * make names so long that the whole file may not fit in one string, so `moth asm --symbols` writes these.
 */
export function* symbolFileLines(symbols: ReadonlyMap<string, { readonly name: string; readonly value: number }>): Generator<string> {
  const sorted = [...symbols.values()].sort((first, second) => first.value - second.value || (first.name < second.name ? -1 : 1));
  for (const symbol of sorted) yield `al ${hexDigits(symbol.value & 0xffffff, 6)} .${symbol.name}\n`;
}
