// Checks the memory comparison behind "bytes the last run wrote" and the range test the memory pane uses.
import { describe, expect, it } from 'vitest';
import { changedRanges, inRanges } from '../../src/tui/ui-state.js';

describe('changed memory', () => {
  it('finds each run of differing bytes, including at both ends', () => {
    const before = new Uint8Array(8);
    const after = Uint8Array.from([1, 0, 0, 5, 6, 0, 0, 9]);
    expect(changedRanges(before, after)).toEqual([
      { start: 0, length: 1 },
      { start: 3, length: 2 },
      { start: 7, length: 1 },
    ]);
  });

  it('finds nothing in equal images and stops at the limit', () => {
    expect(changedRanges(new Uint8Array(16), new Uint8Array(16))).toEqual([]);
    const alternating = Uint8Array.from({ length: 16 }, (_, index) => index % 2);
    expect(changedRanges(new Uint8Array(16), alternating, 3)).toHaveLength(3);
  });

  it('inRanges includes the start and excludes the end', () => {
    const ranges = [{ start: 0x10, length: 2 }];
    expect([0x0f, 0x10, 0x11, 0x12].map((address) => inRanges(ranges, address))).toEqual([false, true, true, false]);
  });
});
