// easy6502's sixteen colours: exact 24-bit on terminals that announce truecolor (COLORTERM), the nearest fixed
// 256-colour index elsewhere, by hue on 8 colours — in the theme, in the markup, and on a real terminal (tmux).
import { afterEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { PALETTE } from '../../src/machine/devices/display.js';
import { toTags } from '../../src/tui/render/spans.js';
import { nearestFixedColour, themeFor } from '../../src/tui/render/theme.js';
import { TmuxTerminal, builtCliExists, hasTmux } from './helpers/tmux.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ready = hasTmux && builtCliExists(root);

function rgbOf(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

describe('the display palette per terminal', () => {
  it('COLORTERM=truecolor or 24bit on a 256-colour terminal: 24-bit pixels; otherwise not', () => {
    expect(themeFor({ COLORTERM: 'truecolor' }, 256).depth).toBe('true');
    expect(themeFor({ COLORTERM: '24bit' }, 256).depth).toBe('true');
    expect(themeFor({}, 256).depth).toBe('full');
    expect(themeFor({ COLORTERM: 'truecolor' }, 8).depth).toBe('eight'); // TERM says 8 colours: believe it
    expect(themeFor({ COLORTERM: 'truecolor', NO_COLOR: '1' }, 256).depth).toBe('none');
  });

  it('a pixel pair is written with the exact palette values on truecolor, and the styles stay the 256-colour ones', () => {
    const theme = themeFor({ COLORTERM: 'truecolor' }, 256);
    for (const colour of PALETTE) {
      const [r, g, b] = rgbOf(colour.rgb);
      const markup = toTags([{ text: '▀', foreground: colour.rgb, background: '#000000' }], theme);
      expect(markup).toContain(`\x1b[38;2;${r};${g};${b}m`);
      expect(markup).toContain('\x1b[48;2;0;0;0m');
    }
    expect(theme.styles).toEqual(themeFor({}, 256).styles);
  });

  it('on 256 colours each palette colour is its nearest fixed index (16-255), all sixteen told apart', () => {
    const theme = themeFor({}, 256);
    const indexes = PALETTE.map((colour) => Number(theme.pixel(colour.rgb)));
    for (const index of indexes) expect(index).toBeGreaterThanOrEqual(16);
    expect(new Set(indexes).size).toBe(16);
    expect(nearestFixedColour('#dd8855')).toBe(173); // orange stays orange (it showed red on 8 colours)
  });
});

describe.skipIf(!ready)('the display on a real terminal (tmux)', () => {
  let terminal: TmuxTerminal | undefined;
  afterEach(() => {
    terminal?.close();
    terminal = undefined;
  });

  async function drawnColours(env: Record<string, string>, term = 'xterm-256color'): Promise<string> {
    terminal = TmuxTerminal.start('node bin/moth.js debug --machine easy6502 programs/examples/display-stripes.s', root, { columns: 120, rows: 40 }, { term, env });
    await terminal.waitFor((screen) => /stopped/.test(screen), 'the first frame');
    terminal.send('c');
    await terminal.waitForText('BRK at $062B', 15000); // the stripes are drawn
    await new Promise((resolve) => setTimeout(resolve, 500));
    return terminal.styledScreen();
  }

  it('COLORTERM=truecolor: the pixels carry the exact easy6502 colours', async () => {
    const styled = await drawnColours({ COLORTERM: 'truecolor' });
    const exact = PALETTE.filter((colour) => {
      const [r, g, b] = rgbOf(colour.rgb);
      return styled.includes(`38;2;${r};${g};${b}`) || styled.includes(`48;2;${r};${g};${b}`);
    });
    expect(exact.length, styled).toBeGreaterThanOrEqual(8);
    expect(styled).not.toMatch(/[34]8;5;2(5[6-9]|6\d|7[01])[;m]/); // no private index leaks out
  });

  it('without COLORTERM: nearest 256-colour indexes, no 24-bit colour at all', async () => {
    const styled = await drawnColours({});
    expect(styled).not.toMatch(/[34]8;2;/);
    expect(styled).toMatch(/[34]8;5;173[;m]/); // orange's nearest fixed colour
  });
});
