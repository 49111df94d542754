/** Formats memory as hex-and-ASCII rows, with the bytes the program just wrote marked, for the memory pane. */
import { hexDigits, hexWord } from '../../shared/hex.js';
import { span, type Line, type Span } from './spans.js';

/** `$0200  ` before the bytes. */
const ADDRESS_COLUMNS = 7;

/** 16 bytes a row when they fit (3 columns each in hex plus 1 in ASCII, and a gap), else 8, else 4. */
export function bytesPerRow(width: number): number {
  for (const count of [16, 8, 4]) {
    if (ADDRESS_COLUMNS + count * 4 + 1 <= width) return count;
  }
  return 4;
}

/** The printable-ASCII rendering of one byte; everything else becomes a dot. */
export function asciiOf(value: number): string {
  return value >= 0x20 && value < 0x7f ? String.fromCharCode(value) : '.';
}

/**
 * One row: `$0200  48 65 6C 6C 6F 00 00 00  Hello...`. `isWritten(address)` marks bytes the last step or run
 * wrote, in both the hex and the ASCII part; `isCurrent(address)` the bytes of the instruction at the PC.
 */
export function hexRow(
  address: number,
  bytes: ArrayLike<number>,
  isWritten: (address: number) => boolean = () => false,
  isCurrent: (address: number) => boolean = () => false,
): Line {
  const parts: Span[] = [span(`${hexWord(address)}  `, 'label')];
  for (let index = 0; index < bytes.length; index++) {
    const value = bytes[index]!;
    const at = (address + index) & 0xffff;
    // The bytes of the instruction about to run are shown like the PC's source line.
    parts.push(span(hexDigits(value), isWritten(at) ? 'written' : isCurrent(at) ? 'current' : value === 0 ? 'dim' : 'plain'));
    parts.push(span(' '));
  }
  parts.push(span(' '));
  for (let index = 0; index < bytes.length; index++) {
    const value = bytes[index]!;
    parts.push(span(asciiOf(value), isWritten((address + index) & 0xffff) ? 'written' : 'plain'));
  }
  return mergeSpans(parts);
}

/** Joins neighbouring spans of the same style, so the markup stays short. */
export function mergeSpans(parts: readonly Span[]): Span[] {
  const merged: Span[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (last !== undefined && 'style' in last && 'style' in part && last.style === part.style) {
      merged[merged.length - 1] = { text: last.text + part.text, style: last.style };
    } else {
      merged.push(part);
    }
  }
  return merged;
}
