// Checks the status register's letters: set flags upper case, clear lower case, changes highlighted.
import { describe, expect, it } from 'vitest';
import { flagSpans } from '../../../src/tui/render/flags.js';
import { plainText } from '../../../src/tui/render/spans.js';

describe('flag letters', () => {
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
