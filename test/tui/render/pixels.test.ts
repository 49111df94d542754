// Checks the display drawn with half blocks: top pixel as foreground, bottom as background, 16 rows of 32.
import { describe, expect, it } from 'vitest';
import { DISPLAY_COLOURS, UPPER_HALF_BLOCK, halfBlockLines } from '../../../src/tui/render/pixels.js';
import { plainText } from '../../../src/tui/render/spans.js';

describe('half-block pixels', () => {
  it('draws 32×32 pixels as 16 lines of 32 half blocks', () => {
    const lines = halfBlockLines(new Uint8Array(1024));
    expect(lines).toHaveLength(16);
    for (const line of lines) expect(plainText(line)).toBe(UPPER_HALF_BLOCK.repeat(32));
  });

  it('a black screen is one span per line (equal neighbours are merged)', () => {
    for (const line of halfBlockLines(new Uint8Array(1024))) expect(line).toHaveLength(1);
  });

  it('uses the top pixel as foreground and the bottom pixel as background, by the low nibble', () => {
    const pixels = new Uint8Array(1024);
    pixels[0] = 0x02; // row 0, x 0: red
    pixels[32] = 0x15; // row 1, x 0: green (the high nibble is ignored)
    const first = halfBlockLines(pixels)[0]![0]!;
    expect(first).toEqual({ text: UPPER_HALF_BLOCK, foreground: DISPLAY_COLOURS[2], background: DISPLAY_COLOURS[5] });
  });

  it('has sixteen distinct colours', () => {
    expect(new Set(DISPLAY_COLOURS).size).toBe(16);
  });
});
