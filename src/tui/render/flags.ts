/** The status register as eight letters, upper case when set and lower case when clear, for the registers pane. */
import { formatStatus } from '../../cpu/flags.js';
import { span, type Line, type Span } from './spans.js';

/** The same letters as spans: flags that differ from `previous` are marked changed, set flags stand out. */
export function flagSpans(p: number, previous: number | undefined): Line {
  const letters = formatStatus(p);
  const parts: Span[] = [];
  for (let index = 0; index < letters.length; index++) {
    const mask = 0x80 >> index;
    const changed = previous !== undefined && ((p ^ previous) & mask) !== 0 && letters[index] !== '-';
    const set = (p & mask) !== 0 && letters[index] !== '-';
    parts.push(span(letters[index]!, changed ? 'changed' : set ? 'accent' : 'dim'));
  }
  return parts;
}
