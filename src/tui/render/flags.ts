/** The status register as eight letters, upper case when set and lower case when clear, for the registers pane. */
import { span, type Line, type Span } from './spans.js';

/** Bit 7 to bit 0, as every 6502 book prints them; bit 5 has no name and always reads 1. */
const LETTERS = ['N', 'V', '-', 'B', 'D', 'I', 'Z', 'C'] as const;

/** `NV-BDIZC` with clear flags in lower case: `$24` → `nv-bdIzc`. */
export function flagLetters(p: number): string {
  return LETTERS.map((letter, index) => {
    if (letter === '-') return '-';
    const set = (p & (0x80 >> index)) !== 0;
    return set ? letter : letter.toLowerCase();
  }).join('');
}

/** The same letters as spans: flags that differ from `previous` are marked changed, set flags stand out. */
export function flagSpans(p: number, previous: number | undefined): Line {
  const letters = flagLetters(p);
  const parts: Span[] = [];
  for (let index = 0; index < letters.length; index++) {
    const mask = 0x80 >> index;
    const changed = previous !== undefined && ((p ^ previous) & mask) !== 0 && letters[index] !== '-';
    const set = (p & mask) !== 0 && letters[index] !== '-';
    parts.push(span(letters[index]!, changed ? 'changed' : set ? 'accent' : 'dim'));
  }
  return parts;
}
