// Checks the colour themes: which terminal gets which, that no style is grey or black on 8-colour terminals, and the easy6502 palette on 256 and 8 colours.
import { describe, expect, it } from 'vitest';
import { PALETTE } from '../../../src/machine/devices/display.js';
import { span, toTags } from '../../../src/tui/render/spans.js';
import { backgroundOf, nearestFixedColour, themeFor } from '../../../src/tui/render/theme.js';

describe('themes', () => {
  it('picks monochrome for NO_COLOR, 8 colours for TERM=screen/xterm/linux, 256 for *-256color', () => {
    expect(themeFor({ NO_COLOR: '1' }, 256).depth).toBe('none');
    expect(themeFor({}, 8).depth).toBe('eight');
    expect(themeFor({}, 256).depth).toBe('full');
    expect(themeFor({}, 2).depth).toBe('none');
  });

  it('reads the background from MOTH_BACKGROUND, else COLORFGBG, else assumes dark', () => {
    expect(backgroundOf({ MOTH_BACKGROUND: 'light' })).toBe('light');
    expect(backgroundOf({ COLORFGBG: '0;15' })).toBe('light');
    expect(backgroundOf({ COLORFGBG: '15;0' })).toBe('dark');
    expect(backgroundOf({})).toBe('dark');
  });

  it('never draws text in grey or black on an 8-colour terminal (blessed sends grey as black)', () => {
    for (const background of ['dark', 'light'] as const) {
      const theme = themeFor({ MOTH_BACKGROUND: background }, 8);
      for (const [style, tags] of Object.entries(theme.styles)) {
        expect(tags, style).not.toMatch(/gr[ae]y|\{\d+-fg\}|\{black-fg\}(?!\{\w+-bg\})/);
      }
    }
  });

  it('keeps light-background text off yellow and cyan foregrounds', () => {
    for (const colours of [8, 256]) {
      const theme = themeFor({ MOTH_BACKGROUND: 'light' }, colours);
      for (const tags of Object.values(theme.styles)) expect(tags).not.toMatch(/\{(yellow|cyan|220|80)-fg\}/);
    }
  });

  it('maps the easy6502 palette onto the fixed part of the 256-colour table, exactly where it can', () => {
    expect(nearestFixedColour('#000000')).toBe(16);
    expect(nearestFixedColour('#ffffff')).toBe(231);
    expect(nearestFixedColour('#880000')).toBe(88);
    expect(nearestFixedColour('#777777')).toBe(243);
    for (const colour of PALETTE) expect(nearestFixedColour(colour.rgb)).toBeGreaterThanOrEqual(16);
  });

  it('gives every easy6502 colour its own hue on 8 colours: orange is yellow, not red', () => {
    const theme = themeFor({}, 8);
    const on8 = new Map(PALETTE.map((colour) => [colour.name, theme.pixel(colour.rgb)]));
    expect(on8.get('orange')).toBe('yellow');
    expect(on8.get('red')).toBe('red');
    expect(on8.get('light blue')).toBe('cyan');
    expect(on8.get('dark grey')).not.toBe('black');
  });

  it('without colour, pixels become blocks by brightness and styles become inverse/bold/underline', () => {
    const theme = themeFor({ NO_COLOR: '1' }, 256);
    expect(toTags([{ text: '▀▀', foreground: '#ffffff', background: '#000000' }], theme)).toBe('▀▀');
    expect(toTags([{ text: '▀', foreground: '#000000', background: '#eeee77' }], theme)).toBe('▄');
    expect(toTags([span('PC', 'current')], theme)).toBe('{inverse}PC{/}');
  });
});
