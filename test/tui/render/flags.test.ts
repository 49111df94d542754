// Checks the status register's letters: set flags upper case, clear lower case, changes highlighted.
import { describe, expect, it } from 'vitest';
import { flagLetters, flagSpans } from '../../../src/tui/render/flags.js';
import { plainText } from '../../../src/tui/render/spans.js';

describe('flag letters', () => {
  it('shows $24 after reset as only I (and the unnamed bit 5) set', () => {
    expect(flagLetters(0x24)).toBe('nv-bdIzc');
  });

  it('shows every flag set as NV-BDIZC and none as nv-bdizc', () => {
    expect(flagLetters(0xff)).toBe('NV-BDIZC');
    expect(flagLetters(0x00)).toBe('nv-bdizc');
  });

  it('marks exactly the flags that changed since the previous state', () => {
    const parts = flagSpans(0x27, 0x24); // Z and C were set by the last step
    expect(plainText(parts)).toBe('nv-bdIZC');
    const changed = parts.map((part) => ('style' in part && part.style === 'changed' ? part.text : '')).join('');
    expect(changed).toBe('ZC');
  });

  it('marks nothing as changed when there is no previous state', () => {
    expect(flagSpans(0xff, undefined).some((part) => 'style' in part && part.style === 'changed')).toBe(false);
  });
});
