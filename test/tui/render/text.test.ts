// Checks tab expansion and word wrapping for the source, console and notes panes.
import { describe, expect, it } from 'vitest';
import { expandTabs, wrapText } from '../../../src/tui/render/text.js';

describe('text helpers', () => {
  it('expands tabs to the next multiple of eight', () => {
    expect(expandTabs('\tlda #1')).toBe('        lda #1');
    expect(expandTabs('loop:\tinx')).toBe('loop:   inx');
  });

  it('wraps at spaces and cuts words longer than the width', () => {
    expect(wrapText('the carry flag is set', 10)).toEqual(['the carry', 'flag is', 'set']);
    expect(wrapText('abcdefghijkl', 5)).toEqual(['abcde', 'fghij', 'kl']);
  });

  it('keeps blank lines as paragraph breaks', () => {
    expect(wrapText('one\n\ntwo', 10)).toEqual(['one', '', 'two']);
  });
});
