/** Text shown to a user with its invisible characters escaped (`'\x0c'`), and a source line with a caret that still lines up after escaping. */

import { hexDigits } from './hex.js';

/**
 * Characters a terminal would not show as themselves: controls (C0, DEL, C1), format characters (zero-width
 * space, bidirectional marks, BOM), unassigned and private-use code points, lone surrogates, and every
 * separator but the plain space (no-break space, line and paragraph separators).
 */
const INVISIBLE = /[\p{C}\p{Z}]/u;

/** One character's escape: `\x0c` below U+0100, `\u200b` in the basic plane, `\u{e0001}` above it. */
function escapeOf(character: string): string {
  const code = character.codePointAt(0)!;
  if (code < 0x100) return `\\x${hexDigits(code, 2).toLowerCase()}`;
  if (code <= 0xffff) return `\\u${hexDigits(code, 4).toLowerCase()}`;
  return `\\u{${hexDigits(code, 1).toLowerCase()}}`;
}

function needsEscape(character: string): boolean {
  return character !== ' ' && INVISIBLE.test(character);
}

/** The text with every invisible character (a tab too) escaped; for messages and hints. */
export function visibleText(text: string): string {
  let result = '';
  for (const character of text) result += needsEscape(character) ? escapeOf(character) : character;
  return result;
}

/**
 * A source line to echo under a message, and the caret line for the culprit at 1-based `column` (in the
 * line's UTF-16 units, as the lexer counts) spanning `length` units: invisible characters are escaped, tabs
 * are kept (in the caret line too, so it lines up at any tab width), and the caret moves by the escapes.
 */
export function visibleSourceLine(line: string, column: number, length: number): { readonly text: string; readonly caret: string } {
  const start = Math.max(0, Math.min(column - 1, line.length));
  const end = Math.max(start + 1, Math.min(start + Math.max(1, length), line.length));
  let text = '';
  let prefix = '';
  let underline = 0;
  for (let index = 0; index < line.length; ) {
    const character = String.fromCodePoint(line.codePointAt(index)!);
    const shown = character === '\t' ? '\t' : needsEscape(character) ? escapeOf(character) : character;
    text += shown;
    // A character of two UTF-16 units (outside the basic plane) is one column on screen.
    const width = character === '\t' ? 1 : shown === character ? 1 : shown.length;
    if (index < start) prefix += character === '\t' ? '\t' : ' '.repeat(width);
    else if (index < end) underline += width;
    index += character.length;
  }
  return { text, caret: prefix + '^' + '~'.repeat(Math.max(0, underline - 1)) };
}
