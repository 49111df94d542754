// Checks styled spans: plain text for tests, fitting to a width, and the blessed tag markup with escaped braces.
import { describe, expect, it } from 'vitest';
import { fitLine, plainText, span, toTags } from '../../../src/tui/render/spans.js';

describe('spans', () => {
  it('plainText joins the text of every span', () => {
    expect(plainText([span('LDA '), span('#$10', 'changed')])).toBe('LDA #$10');
  });

  it('fitLine cuts a long line at the width without splitting styles wrongly', () => {
    const fitted = fitLine([span('abc', 'dim'), span('defgh', 'label')], 5);
    expect(fitted).toEqual([span('abc', 'dim'), span('de', 'label')]);
  });

  it('toTags wraps styled text in tags and escapes literal braces', () => {
    expect(toTags([span('{x}')])).toBe('{open}x{close}');
    expect(toTags([span('A', 'changed')])).toBe('{220-fg}{bold}A{/}');
  });

  it('toTags draws a half-block pixel pair with foreground over background', () => {
    // easy6502 red over blue, as fixed 256-colour indexes (the default theme).
    expect(toTags([{ text: '▀', foreground: '#880000', background: '#0000aa' }])).toBe('{88-fg}{19-bg}▀{/}');
  });
});
